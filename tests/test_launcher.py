"""The entry point opens the window before the document models or the batch commands are imported."""

from __future__ import annotations

import argparse
import subprocess
import sys

from planner.cli import COMMANDS
from planner.commands import build_parser


def test_the_entry_point_imports_neither_the_models_nor_the_commands() -> None:
    code = "import sys, planner.cli; print(sorted(m for m in sys.modules if m.startswith('planner')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "planner.core" not in loaded and "planner.commands" not in loaded and "pydantic" not in loaded


def test_every_batch_command_is_known_to_the_entry_point() -> None:
    subparsers = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert set(subparsers.choices) == set(COMMANDS)
