"""Team and coach commands: ``respondent-form``, ``merge``, ``compare`` and ``portfolio``."""

from __future__ import annotations

import argparse
from pathlib import Path

from planner.commands.output import say, say_json
from planner.commands.registry import arg, command
from planner.exit_codes import EXIT_BAD_INPUT, EXIT_OK

FORCE = arg("--force", action="store_true", help="replace OUT if it exists")


def _sectors() -> list[str]:
    from planner.core.model.document import Sector

    return [s.value for s in Sector]


@command(
    "respondent-form",
    "hand a team member a file to rate on their own",
    arg("file", metavar="FILE", help="the consortium's document"),
    arg("--name", required=True, metavar="NAME"),
    arg("--sector", required=True, choices=_sectors),
    arg("-o", "--output", required=True, metavar="OUT"),
    FORCE,
)
def cmd_respondent_form(args: argparse.Namespace) -> int:
    from planner.commands.common import CommandError, document_and_output
    from planner.core.assessment.team import respondent_form
    from planner.core.editing.edits import EditError
    from planner.core.model.document import Sector
    from planner.core.storage.storage import save_document

    document, out = document_and_output(args)
    if document.form is not None:
        raise CommandError(f"{args.file}: is itself a respondent form; hand forms out from the consortium's document")
    try:
        form = respondent_form(document, args.name, Sector(args.sector))
    except EditError as exc:
        raise CommandError(f"--name: {exc}") from None
    save_document(form, out)
    say(f"wrote {out} for {form.respondents[0].name}")
    return EXIT_OK


@command(
    "merge",
    "merge returned respondent forms into the consortium's document",
    arg("file", metavar="DOC"),
    arg("responses", nargs="+", metavar="RESPONSE"),
    arg("-o", "--output", required=True, metavar="OUT"),
    arg("--replace", action="store_true", help="replace respondents already in DOC by their new forms"),
    FORCE,
)
def cmd_merge(args: argparse.Namespace) -> int:
    from planner.commands.common import document_and_output, instruments
    from planner.core.assessment.team import merge_responses, read_responses
    from planner.core.storage.storage import save_document

    document, out = document_and_output(args)
    responses, unreadable = read_responses([Path(raw) for raw in args.responses], instruments())
    replace = {r.id for r in document.respondents} if args.replace else set()
    result = merge_responses(document, responses, replace, unreadable)
    for line in result.merged_lines():
        say(line)
    for line in result.ignored_lines():
        say(line, error=True)
    for line in result.problem_lines():
        say(line, error=True)
    if result.conflicts:
        say("use --replace to replace respondents already in the document", error=True)
    if result.changed:
        save_document(result.document, out)
        say(f"wrote {out}")
    else:
        say("nothing merged; no file written", error=True)
    return EXIT_OK if result.changed and not result.problem_lines() else EXIT_BAD_INPUT


@command(
    "compare",
    "what changed between a baseline and a follow-up plan",
    arg("old", metavar="OLD"),
    arg("new", metavar="NEW"),
    arg("--json", action="store_true", help="machine-readable output"),
)
def cmd_compare(args: argparse.Namespace) -> int:

    from planner.commands.common import comparison, load_analysis
    from planner.commands.tables import comparison_table
    from planner.core.interchange.export import comparison_payload

    result = comparison(Path(args.old), load_analysis(Path(args.new)), Path(args.new))
    if args.json:
        say_json(comparison_payload(result))
    else:
        say(comparison_table(result))
    return EXIT_OK


@command(
    "portfolio",
    "score every document in a folder, one row each",
    arg("folder", metavar="DIR"),
    arg("--csv", metavar="OUT", help="also write the table as CSV"),
    arg("--force", action="store_true", help="replace the CSV file if it exists"),
)
def cmd_portfolio(args: argparse.Namespace) -> int:
    from planner.commands.common import instruments, output_path
    from planner.commands.tables import portfolio_lines
    from planner.core.assessment.portfolio import portfolio_csv, scan_portfolio
    from planner.core.storage.storage import atomic_write

    csv_path = output_path(args.csv, args.force) if args.csv else None
    rows = list(scan_portfolio(Path(args.folder), instruments()))
    if csv_path is not None:
        atomic_write(csv_path, portfolio_csv(rows).encode("utf-8"))
        say(f"wrote {csv_path}")
    for line in portfolio_lines(rows):
        say(line)
    return EXIT_OK
