"""The batch commands of the command line (``planner validate``, ``render``, ``merge`` ...).

Exit codes: 0 done, 1 bad input (one clear line per problem on stderr, never a traceback), 2 usage.
``planner.cli`` starts the desktop app without importing this module, so the window does not wait for it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from planner import __version__
from planner.cli import EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE
from planner.core.assessment.analysis import PlanAnalysis, analyze
from planner.core.assessment.compare import Comparison, ComparisonError, ScoreChange, compare, format_change
from planner.core.assessment.portfolio import (
    form_rows,
    plan_rows,
    portfolio_columns,
    portfolio_csv,
    portfolio_summary,
    scan_portfolio,
)
from planner.core.assessment.scoring import format_score
from planner.core.assessment.team import merge_responses, read_responses, respondent_form
from planner.core.editing.edits import EditError
from planner.core.funding.scenarios import ScenarioResult, StressTest, describe_assumptions, run_scenario, stress_test
from planner.core.interchange.export import comparison_payload, scenarios_payload, score_payload
from planner.core.model.document import Document, Sector, new_document
from planner.core.model.errors import PlannerFileError
from planner.core.model.money import MINUS, format_money
from planner.core.model.rubric import Instrument, bundled_instruments, instrument_set_problems, rubric_files
from planner.core.storage.demo import demo_document
from planner.core.storage.files import same_file
from planner.core.storage.instruments import load_plan
from planner.core.storage.storage import atomic_write, save_document
from planner.core.storage.upgrade import checked_upgrade_map, is_upgrade_map, upgrade_to_current


class CommandError(Exception):
    """A problem with the user's input that ends the command with exit code 1."""


def _instruments() -> list[Instrument]:
    try:
        return list(bundled_instruments())
    except PlannerFileError as exc:
        raise CommandError(f"bundled rubric is broken: {exc.message}") from None


def load_analysis(path: Path) -> PlanAnalysis:
    return analyze(*load_plan(path, _instruments()))


def _validate_rubrics(paths: Iterable[Path]) -> list[str]:
    """Rubric files that are used together (a folder) are checked together, as the app loads them."""
    _loaded, problems = instrument_set_problems(paths)
    return [line for p in problems for line in [p.message] + [m.message for m in p.more]]


def _validate_upgrade_map(path: Path) -> str:
    try:
        checked_upgrade_map(path)
    except PlannerFileError as exc:
        return "\n".join([exc.message] + [m.message for m in exc.more])
    return ""


def _validate_document(path: Path) -> list[str]:
    try:
        load_plan(path, _instruments())
    except PlannerFileError as exc:
        return [exc.message] + [m.message for m in exc.more]
    return []


def cmd_validate(args: argparse.Namespace) -> int:
    problems: list[str] = []
    checked = 0
    for raw in args.paths:
        path = Path(raw)
        if path.is_dir():
            rubrics, documents = rubric_files(path), sorted(p for p in path.glob("*.json") if p.is_file())
            if not rubrics and not documents:
                problems.append(f"{path}: no rubric (.toml) or document (.json) files in this folder")
        elif path.exists():
            rubrics, documents = ([path], []) if path.suffix == ".toml" else ([], [path])
        else:
            problems.append(f"{path}: no such file or folder")
            continue
        checked += len(rubrics) + len(documents)
        # Upgrade maps (rubrics/upgrades/) are checked against the instruments they connect, not as instruments.
        maps = [p for p in rubrics if is_upgrade_map(p)]
        rubrics = [p for p in rubrics if not is_upgrade_map(p)]
        problems.extend(_validate_upgrade_map(p) for p in maps)
        problems = [line for line in problems if line]
        problems.extend(_validate_rubrics(rubrics))
        for document in documents:
            problems.extend(_validate_document(document))
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        return EXIT_BAD_INPUT
    print(f"ok: {checked} file{'s' if checked != 1 else ''} valid")
    return EXIT_OK


def score_table(analysis: PlanAnalysis) -> str:
    capacity, funding = analysis.capacity, analysis.funding
    lines = [analysis.document.profile.consortium_name, ""]
    lines.append(f"{'Capacity':<28}{'Score':>6}{'Target':>8}  {'Band':<10}{'Rated':>6}{'N/A':>5}{'Unrated':>9}")
    for d in capacity.domains:
        score = format_score(d.score, "-")
        target = format_score(d.target_score, "-")
        band = d.band.label if d.band else "-"
        lines.append(f"{d.instrument.title:<28}{score:>6}{target:>8}  {band:<10}{d.rated:>6}{d.na:>5}{d.unrated:>9}")
    overall = capacity.overall
    score = format_score(overall.score, "-")
    band = overall.band.label if overall.band else "-"
    lines.append(
        f"{'Overall readiness':<28}{score:>6}{'':>8}  {band:<10}completeness {overall.completeness * 100:.0f}%"
    )
    for d in capacity.domains:
        lines.extend(f"  note: {w}" for w in d.warnings)
    topics = [c for d in capacity.domains for c in d.criteria if c.discuss]
    if topics:
        lines += ["", "To discuss: respondents two or more levels apart"]
        for c in topics:
            lines.append(f"  - {c.criterion.title}: {c.minimum} to {c.maximum}, mean {format_score(c.mean)}")
            shown = c.shown_sector_means(analysis.document.profile.hide_small_sectors)
            lines.extend(f"      {m.sector.label}: {format_score(m.mean)} ({m.rated} rated)" for m in shown)
    if capacity.priorities:
        lines += ["", "Priorities"]
        for n, p in enumerate(capacity.priorities, 1):
            c = p.criterion
            aim = f"target {c.target}" if c.target is not None else "no target set"
            lines.append(
                f"  {n}. {c.criterion.title} ({p.domain.instrument.short_title}, {format_score(c.mean)}; {aim})"
            )
            if c.next_steps:
                lines.append(f"     next: {c.next_steps[0]}")
    lines += ["", f"{'Funding':<24}{'Cost':>15}{'Committed':>15}{'Pledged':>15}{'Proposed':>15}{'Gap':>15}"]
    for y in funding.years:
        lines.append(
            f"{y.label:<24}{format_money(y.cost):>15}{format_money(y.committed):>15}"
            f"{format_money(y.pledged):>15}{format_money(y.proposed):>15}{format_money(y.gap):>15}"
        )
    if funding.warnings:
        lines += ["", "Warnings"]
        lines.extend(f"  - {w.message}" for w in funding.warnings)
    return "\n".join(lines)


def cmd_score(args: argparse.Namespace) -> int:
    analysis = load_analysis(Path(args.file))
    if args.json:
        payload = score_payload(analysis.capacity, analysis.funding, analysis.document.profile.hide_small_sectors)
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print(score_table(analysis))
    return EXIT_OK


def output_path(raw: str, force: bool, inputs: Sequence[str | Path] = ()) -> Path:
    """Where a command may write: never over one of its own inputs, over another existing file only with --force.

    The path is resolved first ("sub/../plan.json" is plan.json even when "sub" does not exist), because the
    atomic write resolves it too and must not land on a file these checks did not see.
    """
    path = Path(os.path.realpath(raw))
    for source in inputs:
        if same_file(path, Path(source)):
            raise CommandError(f"{raw}: is one of this command's inputs; write the result to a new file")
    if path.is_dir():
        raise CommandError(f"{raw}: is a folder; give a file name to write")
    if path.exists() and not force:
        raise CommandError(f"{raw}: already exists (use --force to replace it)")
    return path


def cmd_new(args: argparse.Namespace) -> int:
    out = output_path(args.output, args.force)
    name = args.consortium.strip()
    if not name or len(name) > 200:
        raise CommandError("--consortium: give a name of 1 to 200 characters")
    save_document(new_document(name, _instruments()), out)
    print(f"wrote {out}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    out = output_path(args.output, args.force)
    save_document(demo_document(_instruments()), out)
    print(f"wrote {out}")
    return EXIT_OK


def _comparison(baseline: Path, analysis: PlanAnalysis) -> Comparison:
    try:
        return compare(load_analysis(baseline), analysis)
    except ComparisonError as exc:
        raise CommandError(f"{baseline}: {exc}") from None


class TerminalProgress:
    """Shows a long render's stage and elapsed time on a terminal (not when output goes to a file or a pipe)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        # Looked up when used, not bound when the module loads: stderr may have been replaced in between.
        self._stream = stream or sys.stderr
        self._live = self._stream.isatty()
        self._stage = ""
        self._started = time.monotonic()
        self._done = threading.Event()
        self._ticker: threading.Thread | None = None

    def __enter__(self) -> TerminalProgress:
        if self._live:
            self._ticker = threading.Thread(target=self._tick, daemon=True)
            self._ticker.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._done.set()
        if self._ticker is not None:
            self._ticker.join()
            self._stream.write("\r\033[K")
            self._stream.flush()

    def __call__(self, stage: str) -> None:
        self._stage = stage
        self._show()

    def _tick(self) -> None:
        while not self._done.wait(0.5):
            self._show()

    def _show(self) -> None:
        if self._live and not self._done.is_set():
            elapsed = time.monotonic() - self._started
            self._stream.write(f"\r\033[K{self._stage}… {elapsed:.0f} s (Ctrl+C stops; nothing is written)")
            self._stream.flush()


# What each format's file is called; the output's extension must say the format it holds.
FORMAT_EXTENSIONS = {"pdf": (".pdf",), "docx": (".docx",), "html": (".html", ".htm")}


def output_format(
    output: Path, chosen: str | None, accepted: Sequence[str] = ("pdf", "docx", "html"), option: str = "-o"
) -> str:
    """The format OUT's extension names, which --format (when given) must agree with; anything else is refused
    with the extensions accepted, so a PDF is never written under another format's name."""
    found = next((f for f in accepted if output.suffix.lower() in FORMAT_EXTENSIONS[f]), None)
    if found is None:
        names = ", ".join(FORMAT_EXTENSIONS[f][0] for f in accepted)
        raise CommandError(f"{output}: {option}: the file's extension says what to write; use {names}")
    if chosen is not None and chosen != found:
        wanted = FORMAT_EXTENSIONS[chosen][0]
        raise CommandError(f"{output}: --format {chosen}: a {chosen} file ends in {wanted}, not {output.suffix}")
    return found


def cmd_render(args: argparse.Namespace) -> int:
    inputs = [args.file] + ([args.baseline] if args.baseline else [])
    output = output_path(args.output, args.force, inputs)
    html = output_path(args.html, args.force, inputs) if args.html else None
    if html is not None and same_file(html, output):
        raise CommandError(f"{args.html}: --html and -o must name different files")
    fmt = output_format(Path(args.output), args.format)
    if html is not None and fmt == "html":
        raise CommandError(f"{args.html}: --html: -o already writes the HTML preview")
    if html is not None:
        output_format(Path(args.html), None, accepted=("html",), option="--html")
    analysis = load_analysis(Path(args.file))
    comparison = _comparison(Path(args.baseline), analysis) if args.baseline else None
    if fmt == "pdf":
        from planner.report.render import render_plan_file  # WeasyPrint is slow to import; only when asked

        with TerminalProgress() as progress:
            render_plan_file(
                analysis, output, paper=args.paper, html_path=html, comparison=comparison, progress=progress
            )
    else:
        from planner.report.html import plan_html, standalone_html  # no WeasyPrint

        preview = html if fmt == "docx" else output
        if fmt == "docx":
            from planner.report.word import render_docx_file

            render_docx_file(analysis, output, comparison=comparison, paper=args.paper)
        if preview is not None:
            page = standalone_html(plan_html(analysis, args.paper, comparison=comparison), args.paper)
            atomic_write(preview, page.encode("utf-8"))
    for written in (output, html):
        if written is not None:
            print(f"wrote {written}")
    return EXIT_OK


def cmd_blank(args: argparse.Namespace) -> int:
    from planner.report.render import render_blank_file

    output = output_path(args.output, args.force)
    output_format(Path(args.output), None, accepted=("pdf",))
    with TerminalProgress() as progress:
        render_blank_file(_instruments(), output, paper=args.paper, progress=progress)
    print(f"wrote {output}")
    return EXIT_OK


def _document_and_output(args: argparse.Namespace) -> tuple[Document, Path]:
    """The document a command reads and the new file it will write (never one that exists, unless --force)."""
    inputs = [args.file, *getattr(args, "responses", []), *([args.source] if getattr(args, "source", None) else [])]
    out = output_path(args.output, args.force, inputs)
    return load_plan(Path(args.file), _instruments())[0], out


def cmd_respondent_form(args: argparse.Namespace) -> int:
    document, out = _document_and_output(args)
    if document.form is not None:
        raise CommandError(f"{args.file}: is itself a respondent form; hand forms out from the consortium's document")
    try:
        form = respondent_form(document, args.name, Sector(args.sector))
    except EditError as exc:
        raise CommandError(f"--name: {exc}") from None
    save_document(form, out)
    print(f"wrote {out} for {form.respondents[0].name}")
    return EXIT_OK


def cmd_merge(args: argparse.Namespace) -> int:
    document, out = _document_and_output(args)
    responses, unreadable = read_responses([Path(raw) for raw in args.responses], _instruments())
    replace = {r.id for r in document.respondents} if args.replace else set()
    result = merge_responses(document, responses, replace, unreadable)
    for line in result.merged_lines():
        print(line)
    for line in result.ignored_lines():
        print(line, file=sys.stderr)
    for line in result.problem_lines():
        print(line, file=sys.stderr)
    if result.conflicts:
        print("use --replace to replace respondents already in the document", file=sys.stderr)
    if result.changed:
        save_document(result.document, out)
        print(f"wrote {out}")
    else:
        print("nothing merged; no file written", file=sys.stderr)
    return EXIT_OK if result.changed and not result.problem_lines() else EXIT_BAD_INPUT


def comparison_table(result: Comparison) -> str:
    def row(change: ScoreChange, indent: str) -> str:
        moved = format_change(change.change, "")
        return (
            f"{indent}{change.title:<{52 - len(indent)}}{format_score(change.before):>7}{format_score(change.after):>7}"
            f"{moved:>8}  {change.direction.arrow} {change.direction.value}"
        )

    lines = [f"Baseline: {result.baseline_name}, saved {result.baseline_modified}", ""]
    lines.append(f"{'':<52}{'Before':>7}{'After':>7}{'Change':>8}")
    lines.append(row(result.overall, ""))
    for domain in result.domains:
        lines.append(row(domain.domain, ""))
        lines.extend(row(c, "  ") for c in domain.criteria)
    lines += ["", f"{'Funding gap':<24}{'Before':>16}{'After':>16}{'Change':>16}"]
    for gap in result.gaps:
        label = gap.after_label or gap.before_label or f"Year {gap.year}"
        before = "-" if gap.before is None else format_money(gap.before)
        after = "-" if gap.after is None else format_money(gap.after)
        change = "" if gap.change is None else format_money(gap.change)
        lines.append(f"{label:<24}{before:>16}{after:>16}{change:>16}")
    return "\n".join(lines)


def cmd_compare(args: argparse.Namespace) -> int:
    result = _comparison(Path(args.old), load_analysis(Path(args.new)))
    if args.json:
        print(json.dumps(comparison_payload(result), indent=2, ensure_ascii=False))
    else:
        print(comparison_table(result))
    return EXIT_OK


def cmd_portfolio(args: argparse.Namespace) -> int:
    csv_path = output_path(args.csv, args.force) if args.csv else None
    rows = list(scan_portfolio(Path(args.folder), _instruments()))
    if csv_path is not None:
        atomic_write(csv_path, portfolio_csv(rows).encode("utf-8"))
        print(f"wrote {csv_path}")
    titles, _years = portfolio_columns(rows)
    short = [t.split()[0][:12] for t in titles]
    print(f"{'File':<28}{'Consortium':<34}" + "".join(f"{s:>14}" for s in short) + f"{'Overall':>9}{'Total gap':>16}")
    for row in plan_rows(rows):  # broken files last, so the readable plans stay together
        if row.error:
            print(f"{row.path.name:<28}error: {row.error}")
            continue
        scores = "".join(f"{format_score(d.score):>14}" for d in row.domains)
        print(
            f"{row.path.name:<28}{row.consortium[:33]:<34}{scores}{format_score(row.overall):>9}{format_money(row.total_gap):>16}"
        )
    forms = form_rows(rows)
    if forms:
        print("\nTeam members' forms in this folder (not counted as consortia):")
        for row in forms:
            print(f"  {row.form_description()}")
    print(portfolio_summary(rows))
    return EXIT_OK


def cmd_upgrade(args: argparse.Namespace) -> int:
    # Never over the input, even with --force: the old document is the only copy of the ratings as they were given.
    document, out = _document_and_output(args)
    instruments = _instruments()
    result = upgrade_to_current(document, instruments, args.file)
    save_document(result.document, out)
    titles = {c.id: c.title for i in instruments for c in i.criteria}
    for line in result.summary_lines(titles):
        print(line)
    print(f"wrote {out}")
    return EXIT_OK


def _share_text(fraction: Decimal) -> str:
    return f"{fraction * 100:.1f}%"


def stress_table(stress: StressTest) -> list[str]:
    lines = [
        "Stress test: each partner withdraws from year 1, one at a time",
        f"Total cost {format_money(stress.total_cost)}; gap today {format_money(stress.base_total_gap)} "
        "(only committed money closes a gap)",
        "",
        f"{'Rank':>4}  {'Partner':<42}{'Committed':>15}{'Planned':>15}{'Gap grows by':>15}{'Of cost':>9}",
    ]
    for row in stress.rows:
        lines.append(
            f"{row.rank:>4}  {row.partner.name[:41]:<42}{format_money(row.committed):>15}"
            f"{format_money(row.planned):>15}{format_money(row.gap_increase):>15}{_share_text(row.share_of_cost):>9}"
        )
        kept = row.keep_first_newly_lost
        if kept:
            items = "; ".join(f"{f.item.name} from {f.year_label}" for f in kept)
            lines.append(f"{'':>6}single point of failure for keep-first items: {items}")
    return lines


def scenario_table(document: Document, result: ScenarioResult) -> list[str]:
    lines = [f"Scenario: {result.scenario.name}"]
    lines.extend(f"  - {line}" for line in describe_assumptions(document, result.scenario))
    lines += ["", f"  {'':<24}{'Cost':>15}{'Committed':>15}{'Base gap':>15}{'Scenario gap':>15}{'Change':>15}"]
    for y in result.years:
        lines.append(
            f"  {y.label:<24}{format_money(y.scenario.cost):>15}{format_money(y.scenario.committed):>15}"
            f"{format_money(y.base.gap):>15}{format_money(y.scenario.gap):>15}{format_money(y.gap_change):>15}"
        )
    funding = result.funding
    lines.append(
        f"  {'Total':<24}{format_money(funding.total_cost):>15}{format_money(funding.total_committed):>15}"
        f"{format_money(result.base_total_gap):>15}{format_money(result.total_gap):>15}"
        f"{format_money(result.gap_change):>15}"
    )
    if result.lost:
        lines += ["", "  Lose funding first (committed money goes to keep-first items first):"]
        lines.extend(
            f"    {f.year_label}: {f.item.name} ({f.priority.label.lower()}), short {format_money(f.shortfall)} "
            f"of {format_money(f.cost)}"
            for f in result.lost
        )
    if result.share_changes:
        lines += ["", "  Shares of the planned money that move most:"]
        lines.extend(
            f"    {c.label}: {_share_text(c.base_fraction)} to {_share_text(c.scenario_fraction)} "
            f"({c.points:+.1f} points)".replace("-", MINUS)
            for c in result.share_changes[:5]
        )
    lines.extend(f"  note: {note}" for note in result.notes)
    return lines


def cmd_scenarios(args: argparse.Namespace) -> int:
    analysis = load_analysis(Path(args.file))
    document = analysis.document
    stress = stress_test(document, analysis.funding)
    results = [run_scenario(document, s, analysis.funding) for s in document.scenarios]
    if args.json:
        print(json.dumps(scenarios_payload(document, stress, results), indent=2, ensure_ascii=False))
        return EXIT_OK
    lines = [document.profile.consortium_name, "", *stress_table(stress)]
    for result in results:
        lines += ["", *scenario_table(document, result)]
    if not results:
        lines += ["", "No saved scenarios (add them in the app's Scenarios section)."]
    print("\n".join(lines))
    return EXIT_OK


def cmd_export_xlsx(args: argparse.Namespace) -> int:
    from planner.core.interchange.workbook import export_workbook  # openpyxl only when a workbook is asked for

    output = output_path(args.output, args.force, [args.file])
    export_workbook(load_analysis(Path(args.file)), output)
    print(f"wrote {output}")
    return EXIT_OK


def cmd_import_xlsx(args: argparse.Namespace) -> int:
    from planner.core.interchange.workbook_import import WorkbookError, import_workbook  # openpyxl only when asked for

    document, out = _document_and_output(args)
    try:
        result = import_workbook(document, Path(args.source))
    except WorkbookError as exc:
        for problem in [exc, *exc.more]:
            print(f"error: {problem.message}", file=sys.stderr)
        print(f"nothing was imported; {args.output} was not written", file=sys.stderr)
        return EXIT_BAD_INPUT
    for line in result.summary_lines():
        print(line)
    if not result.changed:
        print("the workbook's cost items and commitments match the plan: nothing changed")
    save_document(result.document, out)
    print(f"wrote {out}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner",
        description="Sustainability Planner for career-pathway consortia. "
        "Run without a command to open the desktop app.",
        epilog="planner --self-test [DIR]: check this installation (renders, opens the window offscreen, exports), "
        "writing its files into DIR (new or empty; default: a new temporary folder).",
    )
    parser.add_argument("--version", action="version", version=f"planner {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("validate", help="check rubric files, documents, or folders of them")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("score", help="print a document's capacity scores and funding gap")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("new", help="create a fresh document on the current instruments")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--consortium", required=True, metavar="NAME")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("demo", help="write the bundled demo consortium")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("render", help="print the sustainability plan to PDF, or write it as an editable Word file")
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the file to write; its extension says the format: .pdf (tagged PDF/UA), .docx (Word, editable) or "
        ".html (a browser preview, stylesheet inlined)",
    )
    p.add_argument(
        "--format", choices=("pdf", "docx", "html"), help="the format, which must agree with OUT's extension"
    )
    p.add_argument(
        "--html", metavar="PREVIEW.html", help="with a .pdf or .docx OUT: also write the browser preview here"
    )
    p.add_argument("--paper", choices=("letter", "a4"), default="letter")
    p.add_argument("--baseline", metavar="OLD", help="an earlier plan: adds 'What changed since the last plan'")
    p.add_argument("--force", action="store_true", help="replace OUT (and PREVIEW.html) if they exist")
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("blank", help="print the blank instrument for a paper-based meeting")
    p.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    p.add_argument("--paper", choices=("letter", "a4"), default="letter")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.set_defaults(func=cmd_blank)

    p = sub.add_parser("respondent-form", help="hand a team member a file to rate on their own")
    p.add_argument("file", metavar="FILE", help="the consortium's document")
    p.add_argument("--name", required=True, metavar="NAME")
    p.add_argument("--sector", required=True, choices=[s.value for s in Sector])
    p.add_argument("-o", "--output", required=True, metavar="OUT")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.set_defaults(func=cmd_respondent_form)

    p = sub.add_parser("merge", help="merge returned respondent forms into the consortium's document")
    p.add_argument("file", metavar="DOC")
    p.add_argument("responses", nargs="+", metavar="RESPONSE")
    p.add_argument("-o", "--output", required=True, metavar="OUT")
    p.add_argument("--replace", action="store_true", help="replace respondents already in DOC by their new forms")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.set_defaults(func=cmd_merge)

    p = sub.add_parser("compare", help="what changed between a baseline and a follow-up plan")
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("portfolio", help="score every document in a folder, one row each")
    p.add_argument("folder", metavar="DIR")
    p.add_argument("--csv", metavar="OUT", help="also write the table as CSV")
    p.add_argument("--force", action="store_true", help="replace the CSV file if it exists")
    p.set_defaults(func=cmd_portfolio)

    p = sub.add_parser("upgrade", help="move a document rated on older instruments to the current ones")
    p.add_argument("file", metavar="FILE")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the upgraded copy (FILE is never changed)")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.set_defaults(func=cmd_upgrade)

    p = sub.add_parser("scenarios", help="what-if scenarios: the partner stress test and every saved scenario")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_scenarios)

    p = sub.add_parser("export-xlsx", help="the shared-cost plan as an Excel workbook with live totals and gaps")
    p.add_argument("file", metavar="FILE")
    p.add_argument("-o", "--output", required=True, metavar="OUT.xlsx")
    p.add_argument("--force", action="store_true", help="replace OUT.xlsx if it exists")
    p.set_defaults(func=cmd_export_xlsx)

    p = sub.add_parser(
        "import-xlsx", help="read edited cost items and commitments back from a workbook made by export-xlsx"
    )
    p.add_argument("file", metavar="FILE", help="the plan the workbook was exported from (never changed)")
    p.add_argument("--from", dest="source", required=True, metavar="plan.xlsx", help="the edited workbook")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the plan with the workbook's changes")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.set_defaults(func=cmd_import_xlsx)
    return parser


def run_command(args_list: list[str]) -> int:
    """Run one batch command (its name first in ``args_list``); every expected failure is one line on stderr."""
    try:
        if args_list[0] in ("-h", "--help"):
            build_parser().print_help()
            return EXIT_OK
        args = build_parser().parse_args(args_list)
        result: int = args.func(args)
        return result
    except SystemExit as exc:  # argparse: usage errors exit 2, --help exits 0
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except PlannerFileError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except CommandError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("\nstopped: nothing was written", file=sys.stderr)
        return 130
