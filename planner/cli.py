"""Command line entry point: opens the desktop app, or runs a batch command (``planner.commands``).

Kept free of the document models and the batch commands' work, so that starting the app shows its window before
any of them is imported (the window then loads them and fills itself). It reads the command names from the
registry (``planner.commands``), whose modules declare the commands and import their work only when one runs.

Exit codes: ``planner.exit_codes``.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from planner import __version__
from planner.commands import NAMES as COMMAND_NAMES  # declarations only: no models, no report
from planner.exit_codes import EXIT_USAGE


def build_gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner",
        description="Open the Sustainability Planner desktop app. Run 'planner --help' for the batch commands.",
    )
    parser.add_argument("file", nargs="?", metavar="FILE", help="a document to open")
    parser.add_argument("--demo", action="store_true", help="open the bundled demo consortium")
    parser.add_argument("--version", action="version", version=f"planner {__version__}")
    return parser


def safe_output() -> None:
    """Make printing any name safe, whatever the console or code page (a consortium called "Łódź" under
    Windows' cp1252 must not end a command with a traceback).

    Output sent to a file or a pipe is written as UTF-8, which every current tool reads, unless PYTHONIOENCODING
    asks for another encoding; a console keeps its own. Either way, a character the encoding cannot carry is
    replaced by ``?`` instead of stopping the command.
    """
    for stream in (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper):  # None in a windowed app, or a test's capture
            continue
        try:
            if stream.isatty() or os.environ.get("PYTHONIOENCODING"):
                stream.reconfigure(errors="replace")
            else:
                stream.reconfigure(encoding="utf-8", errors="replace")
        except (ValueError, OSError, io.UnsupportedOperation):  # already written to, or closed
            continue


def main(argv: Sequence[str] | None = None) -> int:
    safe_output()
    if getattr(sys, "frozen", False):
        # A frozen app starts the spawn export worker by running itself again; this turns that run into the worker.
        import multiprocessing

        multiprocessing.freeze_support()
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] == "--self-test":
        from planner.selftest import run_self_test  # after deploying: does this install render and open?

        return run_self_test(args_list[1:])
    if args_list and (args_list[0] in COMMAND_NAMES or args_list[0] in ("-h", "--help")):
        from planner.commands import run_command

        return run_command(args_list)
    try:
        gui_args = build_gui_parser().parse_args(args_list)
    except SystemExit as exc:  # argparse: usage errors exit 2, --version exits 0
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    return launch_gui(gui_args.file, gui_args.demo)


def launch_gui(file: str | None, demo: bool) -> int:
    from planner.ui.app import run_app  # Qt only when the window is wanted

    return run_app(Path(file) if file else None, demo=demo)
