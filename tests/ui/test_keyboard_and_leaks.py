"""Keyboard-only use of the rubric pages, and no top-level widgets left behind."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from planner.ui.autosave import Autosaver
from planner.ui.main_window import MainWindow
from planner.ui.pages.rubric import RubricPage


def _first_rubric_page(window: MainWindow) -> RubricPage:
    page = window.rubric_pages()[0]
    window.ui.navList.setCurrentRow(window.section_pages.index(page))
    QApplication.processEvents()
    return page


def test_tab_order_walks_each_card_in_reading_order(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    page = _first_rubric_page(window)
    first, second = page.cards[0], page.cards[1]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.respondent_box.setFocus()
    # Tab goes from the respondent to the chosen level of the first card, its target, evidence and notes, then the
    # next card's chosen level: one stop per group of level choices (arrow keys move inside it), none on the
    # scroller, none on the coach's fields (the lead does not edit them, and there is no suggestion to answer).
    visited = []
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert visited[0] is first.group.checkedButton()
    assert visited[1:4] == [first.target, first.evidence, first.notes]
    assert visited[4] is second.group.checkedButton()
    assert second.is_open and not first.is_open
    last = page.cards[-1]
    last.notes.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert page.cards_area.verticalScrollBar().value() > 0  # the focused card was scrolled into view
    first.evidence.setFocus()
    qtbot.keyClick(first.evidence, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is first.target
    qtbot.keyClick(first.target, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is first.group.checkedButton()


def test_evidence_box_passes_tab_on_instead_of_typing_it(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    card = _first_rubric_page(window).cards[0]
    before = card.evidence.toPlainText()
    card.evidence.setFocus()
    qtbot.keyClick(card.evidence, Qt.Key.Key_Tab)
    assert card.evidence.toPlainText() == before


def _top_levels() -> set[int]:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    return {id(w) for w in QApplication.topLevelWidgets()}


def test_no_top_level_widget_leaks(qtbot: QtBot, tmp_path: Path) -> None:
    before = _top_levels()
    for _ in range(3):
        window = MainWindow(autosaver=Autosaver(tmp_path / "autosave"))
        window.show()
        window.open_demo()
        for row in range(window.ui.navList.count()):
            window.ui.navList.setCurrentRow(row)
            QApplication.processEvents()
        window.new_document()  # replaces the demo's pages
        assert window.session is not None
        window.session.undo_stack.setClean()
        window.close()
        window.deleteLater()
    _top_levels()
    leaked = [w for w in QApplication.topLevelWidgets() if id(w) not in before]
    assert leaked == [], [type(w).__name__ for w in leaked]


def test_opening_a_document_builds_only_the_page_shown(window: MainWindow) -> None:
    """Start-up cost: the rubric pages (14 or 15 cards each) are built when first visited, not when a file opens."""
    window.open_demo()
    assert list(window._built_pages) == [0]
    assert window.ui.navList.item(1).text().endswith("15/15")  # badges still come from core without the page
    window.ui.navList.setCurrentRow(1)
    assert sorted(window._built_pages) == [0, 1]


def test_hidden_pages_refresh_when_shown(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    page = _first_rubric_page(window)
    assert window.session is not None
    window.ui.navList.setCurrentRow(0)  # the rubric page is now hidden
    card = page.cards[0]
    respondent = window.session.document.respondents[0].id
    from planner.core.editing import edits
    from planner.core.model.document import Rating

    window.session.apply(lambda d: edits.set_rating(d, respondent, card.criterion.id, Rating(level=4)), "Rate")
    _first_rubric_page(window)
    assert card.buttons[4].isChecked()


def test_the_gui_starts_without_weasyprint(tmp_path: Path) -> None:
    """WeasyPrint costs most of a second to import: only the export worker may load it. openpyxl (the Excel
    round trip) waits until a workbook is exported or imported."""
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from PySide6.QtCore import QStandardPaths\n"
        "app = QApplication([])\n"
        "QStandardPaths.setTestModeEnabled(True)\n"
        "from planner.ui.main_window import MainWindow\n"
        "w = MainWindow()\n"
        "w.show()\n"
        "w.open_demo()\n"
        "pages = w.section_pages\n"
        "app.processEvents()\n"
        "print('weasyprint' in sys.modules, 'openpyxl' in sys.modules)\n"
        "w.session.undo_stack.setClean()\n"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path),
    }
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip().splitlines()[-1] == "False False", result.stderr
