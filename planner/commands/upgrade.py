"""``upgrade``: move a document rated on older instruments to the current ones, as a new file."""

from __future__ import annotations

import argparse

from planner.commands.output import say
from planner.commands.registry import arg, command
from planner.exit_codes import EXIT_OK


@command(
    "upgrade",
    "move a document rated on older instruments to the current ones",
    arg("file", metavar="FILE"),
    arg("-o", "--output", required=True, metavar="OUT", help="the upgraded copy (FILE is never changed)"),
    arg("--force", action="store_true", help="replace OUT if it exists"),
)
def cmd_upgrade(args: argparse.Namespace) -> int:
    from planner.commands.common import document_and_output, instruments
    from planner.core.storage.storage import save_document
    from planner.core.storage.upgrade import upgrade_to_current

    # Never over the input, even with --force: the old document is the only copy of the ratings as they were given.
    document, out = document_and_output(args)
    current = instruments()
    result = upgrade_to_current(document, current, args.file)
    save_document(result.document, out)
    titles = {c.id: c.title for i in current for c in i.criteria}
    for line in result.summary_lines(titles):
        say(line)
    say(f"wrote {out}")
    return EXIT_OK
