"""kill -9 during saves, from the command line and from the app: never a corrupt file, no temp file after a restart."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from planner.core.model.document import Document
from planner.core.storage.files import TEMP_PREFIX
from planner.core.storage.storage import load_document, parse_document, save_document

ROOT = Path(__file__).parents[1]

CLI_LOOP = """
import sys
from planner.cli import main
print("ready", flush=True)
while True:
    main(["demo", "-o", sys.argv[1], "--force"])
"""

GUI_LOOP = """
import os, sys
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication
QStandardPaths.setTestModeEnabled(True)
app = QApplication([])
from planner.core.editing.edits import set_profile
from planner.ui.autosave import Autosaver
from planner.ui.main_window import MainWindow
window = MainWindow(autosaver=Autosaver(Path(sys.argv[2])))
window.open_path(Path(sys.argv[1]), ask=False)
print("ready", flush=True)
n = 0
while True:
    n += 1
    window.session.apply(lambda d, n=n: set_profile(d, region=f"Region {n}"), "Edit region")
    window._save_to(Path(sys.argv[1]))
"""


def _kill_loop(script: str, args: list[str], kills: int) -> None:
    for _ in range(kills):
        with subprocess.Popen(
            [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT
        ) as child:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == b"ready"
            time.sleep(random.uniform(0.02, 0.25))
            child.send_signal(signal.SIGKILL)
            child.wait()
        parse_document(Path(args[0]).read_bytes(), args[0])  # always a whole, valid document


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_cli_saves_killed_leave_whole_files_and_the_next_run_sweeps_temps(tmp_path: Path, demo: Document) -> None:
    path = tmp_path / "plan.json"
    save_document(demo, path)
    _kill_loop(CLI_LOOP, [str(path)], kills=6)
    from planner.cli import main

    assert main(["new", "-o", str(tmp_path / "next.json"), "--consortium", "Next"]) == 0  # the next start writes
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith((TEMP_PREFIX, ".plan")) or p.suffix == ".tmp"]


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_app_saves_killed_leave_whole_files_and_the_next_start_sweeps_temps(
    tmp_path: Path,
    demo: Document,
    qtbot: QtBot,
) -> None:
    path = tmp_path / "plan.json"
    save_document(demo, path)
    autosaves = tmp_path / "autosaves"
    _kill_loop(GUI_LOOP, [str(path), str(autosaves)], kills=4)
    assert load_document(path).profile.consortium_name == demo.profile.consortium_name
    from planner.ui.autosave import Autosaver
    from planner.ui.main_window import MainWindow

    window = MainWindow(autosaver=Autosaver(tmp_path / "autosaves-next"))
    qtbot.addWidget(window)
    assert window.open_path(path, ask=False)  # the next start opens the file, and sweeps its folder
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith((TEMP_PREFIX, ".plan")) or p.suffix == ".tmp"]
