"""Start the desktop app."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QWidget

from planner import __version__

if TYPE_CHECKING:
    from planner.ui.main_window import MainWindow


def application() -> QApplication:
    """The one QApplication, named so that settings, recent files and autosaves land in the user's standard
    locations (QStandardPaths, QSettings), never in the install folder, and survive upgrades of the app."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Sustainability Planner")
    app.setOrganizationName("SustainabilityPlanner")
    app.setApplicationVersion(__version__)
    return app


class _FirstPaint(QObject):
    """Runs ``then`` once, as soon as anything in ``window`` has painted (or after a second, whichever is first)."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then: Callable[[], None] | None = then
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        QTimer.singleShot(1000, self._run)  # a window that never paints (minimised at start) still fills

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) and watched.window() is self._window:
            QTimer.singleShot(0, self._run)  # after this paint reaches the screen
        return False

    def _run(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            then()


class FileOpenRouter(QObject):
    """macOS hands the app the plans a person opens from Finder (double-click, Open With, a drop on the Dock icon)
    as ``QFileOpenEvent``s, not as arguments. Before the window can take them they wait; then each opens, asking
    first about unsaved changes, as File > Open would."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.window: MainWindow | None = None
        self.pending: list[Path] = []
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent) and event.file():
            path = Path(event.file())
            if self.window is None:
                self.pending.append(path)
            else:
                window = self.window
                QTimer.singleShot(0, lambda: window.open_path(path))  # not inside the event: it may ask a question
            return True
        return False

    def attach(self, window: MainWindow) -> list[Path]:
        """From now on plans go to ``window``; returns those that arrived before it could take them."""
        self.window = window
        pending, self.pending = self.pending, []
        return pending


def run_app(path: Path | None = None, demo: bool = False) -> int:
    app = application()
    router = FileOpenRouter(app)
    # The window module imports only Qt and the generated form; the document models, the instruments and the
    # pages load after the window has painted, when the plan is opened (benchmark: tests/benchmark.py ui).
    from planner.ui.main_window import MainWindow

    window = MainWindow()
    window.show()

    def fill() -> None:
        opened = router.attach(window)
        if path is not None:
            window.open_path(path, ask=False)
        elif opened:
            window.open_path(opened[-1], ask=False)  # launched by opening a plan from Finder
        elif demo:
            window.open_demo()
        else:
            window.offer_recovery()

    _FirstPaint(window, fill)
    return app.exec()
