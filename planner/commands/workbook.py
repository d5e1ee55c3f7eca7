"""The Excel round trip: ``export-xlsx`` writes the shared-cost plan, ``import-xlsx`` reads the edits back."""

from __future__ import annotations

import argparse
from pathlib import Path

from planner.commands.output import say
from planner.commands.registry import arg, command
from planner.exit_codes import EXIT_BAD_INPUT, EXIT_OK


@command(
    "export-xlsx",
    "the shared-cost plan as an Excel workbook with live totals and gaps",
    arg("file", metavar="FILE"),
    arg("-o", "--output", required=True, metavar="OUT.xlsx"),
    arg("--force", action="store_true", help="replace OUT.xlsx if it exists"),
)
def cmd_export_xlsx(args: argparse.Namespace) -> int:
    from planner.commands.common import load_analysis, output_path
    from planner.core.interchange.workbook import export_workbook  # openpyxl only when a workbook is asked for

    output = output_path(args.output, args.force, [args.file])
    export_workbook(load_analysis(Path(args.file)), output)
    say(f"wrote {output}")
    return EXIT_OK


@command(
    "import-xlsx",
    "read edited cost items and commitments back from a workbook made by export-xlsx",
    arg("file", metavar="FILE", help="the plan the workbook was exported from (never changed)"),
    arg("--from", dest="source", required=True, metavar="plan.xlsx", help="the edited workbook"),
    arg("-o", "--output", required=True, metavar="OUT", help="the plan with the workbook's changes"),
    arg("--force", action="store_true", help="replace OUT if it exists"),
)
def cmd_import_xlsx(args: argparse.Namespace) -> int:
    from planner.commands.common import document_and_output
    from planner.core.interchange.workbook_import import WorkbookError, import_workbook  # openpyxl only when asked
    from planner.core.storage.storage import save_document

    document, out = document_and_output(args)
    try:
        result = import_workbook(document, Path(args.source))
    except WorkbookError as exc:
        for problem in [exc, *exc.more]:
            say(f"error: {problem.message}", error=True)
        say(f"nothing was imported; {args.output} was not written", error=True)
        return EXIT_BAD_INPUT
    for line in result.summary_lines():
        say(line)
    if not result.changed:
        say("the workbook's cost items and commitments match the plan: nothing changed")
    save_document(result.document, out)
    say(f"wrote {out}")
    return EXIT_OK
