"""Commands that print: ``render`` (the plan as PDF or Word) and ``blank`` (the instrument for a paper meeting)."""

from __future__ import annotations

import argparse
from pathlib import Path

from planner.commands.output import say
from planner.commands.registry import arg, command
from planner.exit_codes import EXIT_OK

PAPER = arg("--paper", choices=("letter", "a4"), default="letter")


@command(
    "render",
    "print the sustainability plan to PDF, or write it as an editable Word file",
    arg("file", metavar="FILE"),
    arg("-o", "--output", required=True, metavar="OUT.pdf|OUT.docx"),
    arg("--format", choices=("pdf", "docx"), help="pdf (tagged PDF/UA) or docx (Word); default: from OUT's extension"),
    arg("--html", metavar="OUT.html", help="also write the HTML, stylesheet inlined, as a browser preview"),
    PAPER,
    arg("--baseline", metavar="OLD", help="an earlier plan: adds 'What changed since the last plan'"),
    arg("--force", action="store_true", help="replace OUT (and OUT.html) if they exist"),
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

    word = output_format(Path(args.output), args.format) == "docx"
    if word and args.html:
        raise CommandError("--html: the HTML preview comes with a PDF; render the PDF to get it")
    inputs = [args.file] + ([args.baseline] if args.baseline else [])
    output = output_path(args.output, args.force, inputs)
    html = output_path(args.html, args.force, inputs) if args.html else None
    if html is not None and same_file(html, output):
        raise CommandError(f"{args.html}: --html and -o must name different files")
    analysis = load_analysis(Path(args.file))
    changes = comparison(Path(args.baseline), analysis, Path(args.file)) if args.baseline else None
    if word:
        from planner.report.word import render_docx_file  # standard library and Pillow; no WeasyPrint

        render_docx_file(analysis, output, comparison=changes)
        say(f"wrote {output}")
        return EXIT_OK
    from planner.report.render import render_plan_file  # WeasyPrint is slow to import; only when asked

    with TerminalProgress() as progress:
        render_plan_file(analysis, output, paper=args.paper, html_path=html, comparison=changes, progress=progress)
    say(f"wrote {output}")
    return EXIT_OK


@command(
    "blank",
    "print the blank instrument for a paper-based meeting",
    arg("-o", "--output", required=True, metavar="OUT.pdf"),
    PAPER,
    arg("--force", action="store_true", help="replace OUT if it exists"),
)
def cmd_blank(args: argparse.Namespace) -> int:
    from planner.commands.common import TerminalProgress, instruments, output_path
    from planner.report.render import render_blank_file

    output = output_path(args.output, args.force)
    with TerminalProgress() as progress:
        render_blank_file(instruments(), output, paper=args.paper, progress=progress)
    say(f"wrote {output}")
    return EXIT_OK
