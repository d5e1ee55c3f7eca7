"""Start the desktop app."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from planner import __version__


def application() -> QApplication:
    """The one QApplication, named so that settings, recent files and autosaves land in the user's standard
    locations (QStandardPaths, QSettings), never in the install folder, and survive upgrades of the app."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Sustainability Planner")
    app.setOrganizationName("SustainabilityPlanner")
    app.setApplicationVersion(__version__)
    return app


def run_app(path: Path | None = None, demo: bool = False) -> int:
    app = application()
    from planner.ui.main_window import MainWindow  # after the app exists: pages build widgets

    window = MainWindow()
    window.show()
    if path is not None:
        window.open_path(path, ask=False)
    elif demo:
        window.open_demo()
    else:
        window.offer_recovery()
    return app.exec()
