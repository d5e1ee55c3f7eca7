"""The window paints before the document models load, then fills itself with the plan it was asked for."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CHILD = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
class Watcher(QObject):
    first = True
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched.isWidgetType() and isinstance(watched.window(), QMainWindow):
            window = watched.window()
            if self.first:
                self.first = False
                print("first paint: models loaded", "planner.core.model.document" in sys.modules, flush=True)
            if window.session is not None:
                print("filled with", window.session.document.profile.consortium_name, flush=True)
                app.removeEventFilter(self)
                QTimer.singleShot(0, app.quit)
        return False
watcher = Watcher()
app.installEventFilter(watcher)
from planner.cli import main
main(["--demo"])
"""


def test_the_window_paints_before_the_models_load_and_then_opens_the_demo(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PLANNER_NO_VIEWER": "1"}
    env["XDG_CONFIG_HOME"] = env["XDG_DATA_HOME"] = str(tmp_path)
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=root, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    lines = [line for line in result.stdout.splitlines() if line]
    assert lines[0] == "first paint: models loaded False", result.stdout + result.stderr
    assert lines[1].startswith("filled with ") and len(lines[1]) > len("filled with "), result.stdout
