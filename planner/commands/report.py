"""Commands that print: ``render`` (the plan as PDF or Word) and ``blank`` (the instrument for a paper meeting)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from planner.commands.output import say
from planner.commands.registry import arg, command
from planner.exit_codes import EXIT_OK

if TYPE_CHECKING:
    from planner.core.assessment.analysis import PlanAnalysis
    from planner.core.assessment.compare import Comparison
    from planner.report.html import Paper

PAPER = arg("--paper", choices=("letter", "a4"), default="letter")


@command(
    "render",
    "print the sustainability plan to PDF, write it as an editable Word file, or as an HTML preview",
    arg("file", metavar="FILE"),
    arg(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the file to write; its extension says the format: .pdf (tagged PDF/UA), .docx (Word, editable) or "
        ".html (a browser preview, stylesheet inlined)",
    ),
    arg("--format", choices=("pdf", "docx", "html"), help="the format, which must agree with OUT's extension"),
    arg("--html", metavar="PREVIEW.html", help="with a .pdf or .docx OUT: also write the browser preview here"),
    PAPER,
    arg("--baseline", metavar="OLD", help="an earlier plan: adds 'What changed since the last plan'"),
    arg("--force", action="store_true", help="replace OUT (and PREVIEW.html) if they exist"),
)
def cmd_render(args: argparse.Namespace) -> int:
    from planner.commands.common import (
        CommandError,
        TerminalProgress,
        comparison,
        load_analysis,
        output_format,
        output_path,
    )
    from planner.core.storage.files import same_file

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
    changes = comparison(Path(args.baseline), analysis, Path(args.file)) if args.baseline else None
    if fmt == "pdf":
        from planner.report.render import render_plan_file  # WeasyPrint is slow to import; only when asked

        with TerminalProgress() as progress:
            render_plan_file(analysis, output, paper=args.paper, html_path=html, comparison=changes, progress=progress)
    else:
        _write_without_weasyprint(analysis, fmt, output, html, args.paper, changes)
    for written in (output, html):
        if written is not None:
            say(f"wrote {written}")
    return EXIT_OK


def _write_without_weasyprint(
    analysis: PlanAnalysis, fmt: str, output: Path, html: Path | None, paper: Paper, changes: Comparison | None
) -> None:
    """The Word copy and/or the HTML preview: python-docx and Jinja only."""
    from planner.core.storage.storage import atomic_write
    from planner.report.html import plan_html, standalone_html

    if fmt == "docx":
        from planner.report.word import render_docx_file

        render_docx_file(analysis, output, comparison=changes, paper=paper)
    preview = html if fmt == "docx" else output
    if preview is not None:
        page = standalone_html(plan_html(analysis, paper, comparison=changes), paper)
        atomic_write(preview, page.encode("utf-8"))


@command(
    "blank",
    "print the blank instrument for a paper-based meeting",
    arg("-o", "--output", required=True, metavar="OUT.pdf"),
    PAPER,
    arg("--force", action="store_true", help="replace OUT if it exists"),
)
def cmd_blank(args: argparse.Namespace) -> int:
    from planner.commands.common import TerminalProgress, instruments, output_format, output_path
    from planner.report.render import render_blank_file

    output = output_path(args.output, args.force)
    output_format(Path(args.output), None, accepted=("pdf",))
    with TerminalProgress() as progress:
        render_blank_file(instruments(), output, paper=args.paper, progress=progress)
    say(f"wrote {output}")
    return EXIT_OK
