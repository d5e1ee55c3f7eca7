from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QStandardPaths
from PySide6.QtWidgets import QApplication, QMessageBox

from planner.ui.autosave import Autosaver
from planner.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _isolated_settings(qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    # Keep tests out of the real settings and data folders, and never open a real PDF viewer.
    QStandardPaths.setTestModeEnabled(True)
    qapp.setOrganizationName("PlannerTests")
    qapp.setApplicationName("PlannerTests")
    monkeypatch.setenv("PLANNER_NO_VIEWER", "1")
    yield


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox.StandardButton]:
    """Queue of answers for QMessageBox.question; warnings are recorded instead of shown."""
    queue: list[QMessageBox.StandardButton] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: queue.pop(0))
    return queue


@pytest.fixture
def infos(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Texts of QMessageBox.information, recorded instead of shown."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text, *a: shown.append(text))
    return shown


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text))
    return shown


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = MainWindow(autosaver=Autosaver(tmp_path / "autosave-dir"))
    win.show()
    yield win
    if win.session is not None:
        win.session.undo_stack.setClean()  # nothing to ask about when the test ends
    win.close()
    win.deleteLater()
    # Gone before the next test starts: a window deleted later, mid-test, can take the offscreen activation
    # (and with it the focus) from that test's window.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
