"""The batch commands of the command line (``planner validate``, ``render``, ``merge`` ...).

One module per group of commands (``plan``, ``report``, ``team``, ``upgrade``, ``scenarios``, ``workbook``), each
declaring its commands in :mod:`planner.commands.registry`. Importing this package loads only those declarations
(standard library), so the launcher (``planner.cli``) reads :data:`NAMES` without delaying the desktop app; the
document models and the report are imported by a command's handler when it runs.
"""

from __future__ import annotations

import argparse
import sys

from planner import __version__
from planner.commands import plan, report, scenarios, team, upgrade, workbook
from planner.commands.registry import REGISTRY, Command
from planner.exit_codes import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE

GROUPS = (plan, report, team, upgrade, scenarios, workbook)  # the order ``planner --help`` lists them in
COMMANDS: tuple[Command, ...] = tuple(
    c for group in GROUPS for c in REGISTRY.values() if c.handler.__module__ == group.__name__
)
NAMES: tuple[str, ...] = tuple(c.name for c in COMMANDS)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner",
        description="Sustainability Planner for career-pathway consortia. "
        "Run without a command to open the desktop app.",
        epilog="planner --self-test [DIR]: check this installation (renders, opens the window offscreen, exports), "
        "writing its files into DIR (new or empty; default: a new temporary folder).",
    )
    parser.add_argument("--version", action="version", version=f"planner {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for declared in COMMANDS:
        declared.add_to(subparsers)
    return parser


def run_command(args_list: list[str]) -> int:
    """Run one batch command (its name first in ``args_list``); every expected failure is one line on stderr."""
    from planner.commands.common import CommandError
    from planner.commands.output import say
    from planner.core.model.errors import PlannerFileError

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
        say(f"error: {exc.message}", error=True, one_line=True)
        return EXIT_BAD_INPUT
    except CommandError as exc:
        say(f"error: {exc}", error=True, one_line=True)
        return EXIT_BAD_INPUT
    except OSError as exc:
        say(f"error: {exc.filename or ''}: {exc.strerror or exc}", error=True, one_line=True)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("\nstopped: nothing was written", file=sys.stderr)
        return EXIT_INTERRUPTED
