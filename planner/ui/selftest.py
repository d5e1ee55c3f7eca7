"""The window part of ``planner --self-test``: open the main window offscreen and export through the worker.

Runs in its own process (started by :mod:`planner.selftest`), so that everything it and its export worker print,
fontconfig messages included, can be checked by the parent. It drives the window the way a person would: open a
document, export it, and answer whatever dialog appears (a dialog here means something went wrong).

Before it touches anything it reports where the installed app keeps the user's data; then it switches Qt to
test locations, so a self-test run by IT never changes the real settings, recent files or autosaves.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from planner.ui.app import application

if TYPE_CHECKING:
    from planner.ui.main_window import MainWindow

EXPORT_TIMEOUT_MS = 240_000
FIRST_PAINT_TIMEOUT_MS = 30_000
USER_DATA_PREFIX = "user-data "


def user_data_locations() -> dict[str, str]:
    """Where this app keeps the user's settings (with recent files) and autosaves; nothing here is created."""
    from planner.ui.files import stored_recent_files

    settings = QSettings()
    return {
        "settings": settings.fileName(),
        "app data": QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation),
        "recent files": str(len(stored_recent_files(settings))),
    }


class _FirstPaint(QObject):
    def __init__(self, loop: QEventLoop) -> None:
        super().__init__()
        self.painted = False
        self._loop = loop

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            self.painted = True
            self._loop.quit()
        return False


def _exported(window: MainWindow, document: Path, output: Path) -> bool:
    """Open ``document`` in the window and export it to ``output`` through the worker process, as a user would."""
    exported: list[str] = []
    if window.open_path(document, ask=False) and window.session is not None:
        export_loop = QEventLoop()

        def on_exported(path: str) -> None:
            exported.append(path)
            export_loop.quit()

        window.sig_export_done.connect(on_exported)
        window.export_to(output)
        job = window.export_job
        if job is not None:
            job.sig_failed.connect(lambda _message: QTimer.singleShot(500, export_loop.quit))
        QTimer.singleShot(EXPORT_TIMEOUT_MS, export_loop.quit)
        export_loop.exec()
    return bool(exported) and output.is_file()


def run_window_check(folder: Path, document: Path) -> int:
    """Print one ``ok``/``FAILED`` line per check; return 0 when all passed."""
    os.environ["PLANNER_NO_VIEWER"] = "1"  # the exported PDF is checked, not shown
    app = application()
    print(USER_DATA_PREFIX + json.dumps(user_data_locations()), flush=True)
    QStandardPaths.setTestModeEnabled(True)

    from planner.ui.autosave import Autosaver
    from planner.ui.main_window import MainWindow

    dialogs: list[str] = []

    def answer_dialogs() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QMessageBox):
            dialogs.append(modal.text().replace("\n", " "))
            modal.reject()

    watcher = QTimer()
    watcher.setInterval(100)
    watcher.timeout.connect(answer_dialogs)
    watcher.start()

    loop = QEventLoop()
    first_paint = _FirstPaint(loop)
    app.installEventFilter(first_paint)
    window = MainWindow(autosaver=Autosaver(folder / "autosave"))
    window.resize(1100, 760)
    window.show()
    QTimer.singleShot(FIRST_PAINT_TIMEOUT_MS, loop.quit)
    if not first_paint.painted:
        loop.exec()
    app.removeEventFilter(first_paint)
    failures = 0
    if first_paint.painted:
        print("ok window painted", flush=True)
    else:
        print("FAILED window painted: no paint event within 30 s", flush=True)
        failures += 1
    # The icon is an SVG among the bundled forms, drawn by Qt's SVG icon engine: both must have shipped.
    icon = window.windowIcon().pixmap(32, 32)
    if not icon.isNull() and icon.toImage().pixelColor(16, 16).alpha() > 0:
        print("ok application icon", flush=True)
    else:
        print("FAILED application icon: forms/icons/planner.svg not found or not drawn", flush=True)
        failures += 1

    output = folder / "window-export.pdf"
    if _exported(window, document, output):
        print(f"ok export through the worker process: {output.name}", flush=True)
    else:
        reason = "; ".join(dialogs) or "no PDF within four minutes"
        print(f"FAILED export through the worker process: {reason}", flush=True)
        failures += 1

    watcher.stop()
    window.close()
    window.deleteLater()
    app.processEvents()
    return 1 if failures else 0
