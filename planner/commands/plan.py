"""Commands on one plan: ``validate``, ``score``, ``new`` and ``demo``."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path

from planner.commands.output import say, say_json
from planner.commands.registry import arg, command
from planner.exit_codes import EXIT_BAD_INPUT, EXIT_OK

FORCE = arg("--force", action="store_true", help="replace FILE if it exists")


def _validate_rubrics(paths: Iterable[Path]) -> list[str]:
    """Rubric files that are used together (a folder) are checked together, as the app loads them."""
    from planner.core.model.rubric import instrument_set_problems

    _loaded, problems = instrument_set_problems(paths)
    return [line for p in problems for line in [p.message] + [m.message for m in p.more]]


def _validate_upgrade_map(path: Path) -> str:
    from planner.core.model.errors import PlannerFileError
    from planner.core.storage.upgrade import checked_upgrade_map

    try:
        checked_upgrade_map(path)
    except PlannerFileError as exc:
        return "\n".join([exc.message] + [m.message for m in exc.more])
    return ""


def _validate_document(path: Path) -> list[str]:
    from planner.commands.common import instruments
    from planner.core.model.errors import PlannerFileError
    from planner.core.storage.instruments import load_plan

    try:
        load_plan(path, instruments())
    except PlannerFileError as exc:
        return [exc.message] + [m.message for m in exc.more]
    return []


def _replacement_notes(paths: Iterable[Path]) -> list[str]:
    """Where a file that opens holds characters the text rule shows as U+FFFD (planner.core.model.text)."""
    from planner.core.model.rubric import MAX_RUBRIC_BYTES
    from planner.core.storage.files import replaced_text_notes
    from planner.core.storage.storage import MAX_DOCUMENT_BYTES

    notes = []
    for path in paths:
        limit = MAX_RUBRIC_BYTES if path.suffix.lower() == ".toml" else MAX_DOCUMENT_BYTES
        notes += [f"note: {note.message}" for note in replaced_text_notes(path, limit)]
    return notes


@command("validate", "check rubric files, documents, or folders of them", arg("paths", nargs="+", metavar="PATH"))
def cmd_validate(args: argparse.Namespace) -> int:
    from planner.core.funding.funds import catalogue_problem_lines, is_fund_catalogue
    from planner.core.model.rubric import rubric_files
    from planner.core.storage.upgrade import is_upgrade_map

    problems: list[str] = []
    read: list[Path] = []
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
        read += [*rubrics, *documents]
        # Upgrade maps (rubrics/upgrades/) are checked against the instruments they connect, not as instruments.
        maps = [p for p in rubrics if is_upgrade_map(p)]
        catalogues = [p for p in rubrics if is_fund_catalogue(p)]
        rubrics = [p for p in rubrics if not is_upgrade_map(p) and p not in catalogues]
        problems.extend(line for p in catalogues for line in catalogue_problem_lines(p))
        problems.extend(_validate_upgrade_map(p) for p in maps)
        problems = [line for line in problems if line]
        problems.extend(_validate_rubrics(rubrics))
        for document in documents:
            problems.extend(_validate_document(document))
    for line in problems:
        say(line, error=True)
    for note in _replacement_notes(read):
        say(note)
    if problems:
        return EXIT_BAD_INPUT
    say(f"ok: {checked} file{'s' if checked != 1 else ''} valid")
    return EXIT_OK


@command(
    "score",
    "print a document's capacity scores and funding gap",
    arg("file", metavar="FILE"),
    arg("--json", action="store_true", help="machine-readable output"),
)
def cmd_score(args: argparse.Namespace) -> int:

    from planner.commands.common import load_analysis
    from planner.commands.tables import score_table
    from planner.core.interchange.export import score_payload

    analysis = load_analysis(Path(args.file))
    if args.json:
        payload = score_payload(analysis.capacity, analysis.funding, analysis.document.profile.hide_small_sectors)
        say_json(payload)
    else:
        say(score_table(analysis))
    return EXIT_OK


@command(
    "new",
    "create a fresh document on the current instruments",
    arg("-o", "--output", required=True, metavar="FILE"),
    arg("--consortium", required=True, metavar="NAME"),
    FORCE,
)
def cmd_new(args: argparse.Namespace) -> int:
    from planner.commands.common import CommandError, instruments, output_path
    from planner.core.model.document import new_document
    from planner.core.storage.storage import save_document

    out = output_path(args.output, args.force)
    name = args.consortium.strip()
    if not name or len(name) > 200:
        raise CommandError("--consortium: give a name of 1 to 200 characters")
    save_document(new_document(name, instruments()), out)
    say(f"wrote {out}")
    return EXIT_OK


@command(
    "demo",
    "write the bundled demo consortium",
    arg("-o", "--output", required=True, metavar="FILE"),
    FORCE,
)
def cmd_demo(args: argparse.Namespace) -> int:
    from planner.commands.common import instruments, output_path
    from planner.core.storage.demo import demo_document
    from planner.core.storage.storage import save_document

    out = output_path(args.output, args.force)
    save_document(demo_document(instruments()), out)
    say(f"wrote {out}")
    return EXIT_OK
