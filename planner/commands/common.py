"""What the batch commands share: the bundled instruments, loading a plan, where a command may write, progress."""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from planner.core.assessment.analysis import PlanAnalysis, analyze
from planner.core.assessment.compare import Comparison, ComparisonError, compare
from planner.core.model.document import Document
from planner.core.model.errors import PlannerFileError
from planner.core.model.rubric import Instrument, bundled_instruments
from planner.core.storage.files import same_file
from planner.core.storage.instruments import load_plan


class CommandError(Exception):
    """A problem with the user's input that ends the command with exit code 1."""


def instruments() -> list[Instrument]:
    try:
        return list(bundled_instruments())
    except PlannerFileError as exc:
        raise CommandError(f"bundled rubric is broken: {exc.message}") from None


def load_analysis(path: Path) -> PlanAnalysis:
    return analyze(*load_plan(path, instruments()))


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


def comparison(baseline: Path, analysis: PlanAnalysis, follow_up: Path) -> Comparison:
    """The comparison of ``baseline`` with the plan read from ``follow_up``; a refusal names the file at fault."""
    try:
        return compare(load_analysis(baseline), analysis)
    except ComparisonError as exc:
        raise CommandError(f"{follow_up if exc.follow_up else baseline}: {exc}") from None


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


def document_and_output(args: argparse.Namespace) -> tuple[Document, Path]:
    """The document a command reads and the new file it will write (never one that exists, unless --force)."""
    inputs = [args.file, *getattr(args, "responses", []), *([args.source] if getattr(args, "source", None) else [])]
    out = output_path(args.output, args.force, inputs)
    return load_plan(Path(args.file), instruments())[0], out
