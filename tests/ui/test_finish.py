"""The finish of the app, used as a person would: the start page's recent plans, the Help menu and its dialogs,
the icons, and the Round One pick-list on the profile page."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import PySide6
import pytest
from PySide6.QtCore import QSettings, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QFormLayout, QLabel, QMessageBox, QTableWidget
from pytestqt.qtbot import QtBot

from planner import __version__
from planner.core.assessment.team import respondent_form
from planner.core.editing.edits import set_profile
from planner.core.model.document import Document, Sector
from planner.core.model.rubric import Instrument
from planner.core.storage.storage import save_document
from planner.resources import resource_path
from planner.ui.autosave import Autosaver
from planner.ui.help import AboutDialog, GuideDialog, ShortcutsDialog
from planner.ui.icons import app_icon
from planner.ui.main_window import MainWindow
from planner.ui.pages.profile import ProfilePage
from planner.ui.start_page import RecentCard

WindowMaker = Callable[[], MainWindow]


@pytest.fixture
def make_window(qtbot: QtBot, tmp_path: Path) -> Iterator[WindowMaker]:
    """Build the main window after a test has set up its recent files (the window reads them as it opens)."""
    made: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(autosaver=Autosaver(tmp_path / f"autosave-{len(made)}"))
        window.resize(1024, 768)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        if window.session is not None:
            window.session.undo_stack.setClean()
        window.close()
        window.deleteLater()
    QSettings().remove("recentFiles")


def _recent(paths: list[Path]) -> None:
    QSettings().setValue("recentFiles", [str(p) for p in paths])


def _filled(qtbot: QtBot, window: MainWindow) -> list[RecentCard]:
    qtbot.waitUntil(lambda: not window.start_page.reading)
    return window.start_page.cards


def test_recent_plans_are_cards_and_missing_files_leave_with_a_notice(
    qtbot: QtBot, make_window: WindowMaker, tmp_path: Path, demo: Document
) -> None:
    alder, cedar = tmp_path / "alder.json", tmp_path / "plans" / "cedar.json"
    cedar.parent.mkdir()
    save_document(demo, alder)
    save_document(set_profile(demo, consortium_name="Cedar Valley"), cedar)
    form = tmp_path / "form.json"
    save_document(respondent_form(demo, "Pat Lee", Sector.K12), form)
    broken = tmp_path / "broken.json"
    broken.write_text("{", "utf-8")
    _recent([alder, tmp_path / "moved.json", cedar, form, broken, tmp_path / "deleted.json"])
    window = make_window()
    page = window.start_page
    qtbot.waitUntil(page.notice.isVisible)  # checked in a worker thread: an offline share must not freeze the window
    assert page.notice.text() == "2 recent plans were moved or deleted and were removed from the list."
    assert window.recent_files() == [str(alder), str(cedar), str(form), str(broken)]  # remembered no more
    assert [a.text() for a in window.ui.menuRecent.actions()] == window.recent_files()
    cards = _filled(qtbot, window)
    assert [card.path for card in cards] == [alder, cedar, form, broken]
    first = cards[0]
    assert first.text_of(first.title) == demo.profile.consortium_name
    assert first.text_of(first.where) == f"alder.json — {tmp_path}"
    assert first.text_of(first.details).startswith("Saved ")
    assert first.text_of(first.details).endswith("42 of 43 criteria rated")
    assert cards[1].text_of(cards[1].title) == "Cedar Valley"
    assert cards[2].text_of(cards[2].title) == f"Pat Lee's form for {demo.profile.consortium_name}"
    assert cards[3].text_of(cards[3].details).startswith("Could not be read: ")
    assert "42 of 43 criteria rated" in first.accessibleDescription()
    # The cards sit two to a row and never run off a 1024-pixel-wide window.
    assert cards[0].geometry().top() == cards[1].geometry().top() < cards[2].geometry().top()
    for card in cards:
        assert card.mapTo(window, card.rect().bottomRight()).x() <= window.width()
    # Leaving the start page retires the notice; back on it, nothing new was removed, so no notice.
    window.open_demo()
    window.close_document()
    assert not page.notice.isVisible()


def test_a_file_deleted_while_the_app_runs_leaves_the_recent_menu(
    qtbot: QtBot, make_window: WindowMaker, tmp_path: Path, demo: Document
) -> None:
    keep, lose = tmp_path / "keep.json", tmp_path / "lose.json"
    save_document(demo, keep)
    save_document(demo, lose)
    _recent([keep, lose])
    window = make_window()
    assert len(_filled(qtbot, window)) == 2 and not window.start_page.notice.isVisible()
    lose.unlink()
    window.ui.menuRecent.aboutToShow.emit()  # what opening File > Open Recent does first
    # The check runs in a worker thread (an offline share could make it wait); the menu follows when it answers.
    qtbot.waitUntil(lambda: [a.text() for a in window.ui.menuRecent.actions()] == [str(keep)])
    assert window.start_page.notice.text() == "1 recent plan was moved or deleted and was removed from the list."
    assert [card.path for card in window.start_page.cards] == [keep]


def test_a_card_opens_its_plan_by_click_and_by_keyboard(
    qtbot: QtBot, make_window: WindowMaker, tmp_path: Path, demo: Document
) -> None:
    alder, cedar = tmp_path / "alder.json", tmp_path / "cedar.json"
    save_document(demo, alder)
    save_document(set_profile(demo, consortium_name="Cedar Valley"), cedar)
    _recent([alder, cedar])
    window = make_window()
    cards = _filled(qtbot, window)
    qtbot.mouseClick(cards[1], Qt.MouseButton.LeftButton)
    assert window.session is not None and window.session.path == cedar
    window.close_document()
    cards = _filled(qtbot, window)
    assert [card.path for card in cards] == [cedar, alder]  # the one just opened comes first
    cards[1].setFocus()
    qtbot.keyClick(cards[1], Qt.Key.Key_Return)
    assert window.session is not None and window.session.path == alder


def test_start_page_without_recent_plans_says_what_to_do(make_window: WindowMaker) -> None:
    QSettings().remove("recentFiles")
    window = make_window()
    page = window.start_page
    assert page.empty.isVisible() and "demo" in page.empty.text()
    assert not page.recent_heading.isVisible() and not page.cards
    # Compact action buttons with icons, side by side, not stretched across the page.
    buttons = page.action_buttons
    assert [b.text() for b in buttons] == ["New plan", "Open a plan…", "Open the demo consortium"]
    assert all(not b.icon().isNull() for b in buttons)
    assert buttons[0].geometry().top() == buttons[2].geometry().top()
    assert buttons[2].geometry().right() < page.width() // 2


def _cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


def _dialogs(window: MainWindow, kind: type[QDialog]) -> list[QDialog]:
    return [d for d in window.findChildren(kind) if d.isVisible()]


def test_about_shows_the_versions_of_the_app_each_instrument_and_qt(window: MainWindow) -> None:
    help_menu = window.menuBar().actions()[-1]
    assert help_menu.text() == "&Help"
    window.about_action.trigger()
    (about,) = _dialogs(window, AboutDialog)
    assert isinstance(about, AboutDialog)
    shown = {_cell(about.table, row, 0): _cell(about.table, row, 1) for row in range(about.table.rowCount())}
    assert shown["Sustainability Planner"] == __version__
    for instrument in window.instruments:
        assert shown[f"Instrument: {instrument.title}"] == instrument.version
    assert shown["Qt"] == qVersion() and shown["PySide6"] == PySide6.__version__
    about.copy_button.click()
    assert "Instrument: Political capacity: 2.1" in QGuiApplication.clipboard().text()
    about.close()


def test_f1_opens_the_guide_and_it_leads_to_the_keyboard_shortcuts(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    (guide,) = _dialogs(window, GuideDialog)
    assert isinstance(guide, GuideDialog)
    text = guide.browser.toPlainText()
    for words in ("The sections", "Shared-cost plan", "How ratings work", "Not yet in place", "Sustained", "At risk"):
        assert words in text
    assert "N/A is only for a criterion that cannot apply" in text
    qtbot.mouseClick(guide.shortcuts_button, Qt.MouseButton.LeftButton)
    (keys,) = _dialogs(window, ShortcutsDialog)
    assert isinstance(keys, ShortcutsDialog)
    assert ("Ctrl+S", "Save") in keys.rows and ("F1", "Guide") in keys.rows and ("Ctrl+Z", "Undo") in keys.rows
    assert keys.table.rowCount() == len(keys.rows)
    keys.close()
    guide.close()


def test_the_guide_shows_instrument_text_as_text(instruments: tuple[Instrument, ...]) -> None:
    first = instruments[0]
    scale = [first.scale[0].model_copy(update={"label": "<i>Not yet</i>"}), *first.scale[1:]]
    odd = first.model_copy(update={"scale": scale})
    guide = GuideDialog([odd, *instruments[1:]])
    assert "<i>Not yet</i>" in guide.browser.toPlainText()  # shown as typed, not as italics
    guide.deleteLater()


def test_the_keyboard_shortcuts_list_the_menus_real_keys(window: MainWindow) -> None:
    window.shortcuts_action.trigger()
    (keys,) = _dialogs(window, ShortcutsDialog)
    assert isinstance(keys, ShortcutsDialog)
    listed = dict((what, key) for key, what in keys.rows)
    assert listed["Open"] == "Ctrl+O" and listed["Keyboard shortcuts"] == "Ctrl+/"
    assert "Tab / Shift+Tab" in (key for key, _what in keys.rows)
    keys.close()


def test_windows_and_common_commands_have_icons(window: MainWindow) -> None:
    assert not app_icon().isNull() and app_icon().pixmap(32, 32).width() == 32
    assert not window.windowIcon().isNull() and not QApplication.windowIcon().isNull()
    for action in (window.ui.actionNew, window.ui.actionOpen, window.ui.actionSave, window.undo_action):
        assert not action.icon().isNull(), action.text()
    assert resource_path("forms", "icons/planner.svg").stat().st_size < 4096  # the bundle has little room


def _profile(window: MainWindow) -> ProfilePage:
    window.ui.navList.setCurrentRow(0)
    page = window.section_pages[0]
    assert isinstance(page, ProfilePage)
    return page


def test_round_one_list_is_sorted_and_labelled(window: MainWindow) -> None:
    window.ui.actionNew.trigger()
    page = _profile(window)
    box = page.round_one
    names = [box.itemData(n) for n in range(1, box.count())]
    assert len(names) == 39 and names == sorted(names, key=str.casefold)
    assert box.itemData(0) is None and box.currentIndex() == 0
    assert box.accessibleName() == "Round One consortium (fills fiscal agent, award and region)"
    label = next(f.labelForField(box) for f in page.findChildren(QFormLayout) if f.labelForField(box))
    assert isinstance(label, QLabel) and label.text().replace("&", "") == "Round One consortium"
    assert box.itemText(names.index("Sonoma County Office of Education") + 1).endswith("(Northern)")


def _pick(qtbot: QtBot, page: ProfilePage, keys: str | Qt.Key) -> None:
    """Type the start of a name on the closed list (or press a key on it) and let the choice settle."""
    page.round_one.setFocus()
    with qtbot.waitSignal(page.round_one.sig_picked, timeout=3000):
        if isinstance(keys, str):
            qtbot.keyClicks(page.round_one, keys)
        else:
            qtbot.keyClick(page.round_one, keys)


def _pick_from_open_list(qtbot: QtBot, page: ProfilePage, fiscal_agent: str) -> None:
    box = page.round_one
    box.showPopup()
    view = box.view()
    qtbot.waitUntil(view.isVisible)
    index = box.model().index(box.findData(fiscal_agent), 0)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def test_round_one_pick_fills_an_empty_profile_as_one_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    window.ui.actionNew.trigger()
    assert window.session is not None
    page = _profile(window)
    steps = window.session.undo_stack.count()
    picks: list[int] = []
    page.round_one.sig_picked.connect(lambda: picks.append(page.round_one.currentIndex()))
    _pick(qtbot, page, "Sonoma")  # nothing was entered: nothing to ask
    assert len(picks) == 1  # typing a name is one pick, not one per letter
    profile = window.session.document.profile
    assert (profile.fiscal_agent, profile.award, profile.region) == (
        "Sonoma County Office of Education",
        Decimal("14999690.00"),
        "Northern",
    )
    assert page.fiscal_agent.text() == "Sonoma County Office of Education" and page.region.text() == "Northern"
    # Looking on through the list with the arrow keys replaces the list's own values without asking...
    _pick(qtbot, page, Qt.Key.Key_Down)
    assert window.session.document.profile.fiscal_agent != "Sonoma County Office of Education"
    # ...and all of those picks are one step: Undo goes back to the empty profile.
    assert window.session.undo_stack.count() == steps + 1
    # "Not a Round One consortium" takes the Round One name away, ready for the real one to be typed.
    _pick(qtbot, page, Qt.Key.Key_Home)
    profile = window.session.document.profile
    assert profile.fiscal_agent == "" and profile.award is not None and page.round_one.currentIndex() == 0
    window.undo_action.trigger()
    window.undo_action.trigger()
    profile = window.session.document.profile
    assert (profile.fiscal_agent, profile.award, profile.region) == ("", None, "")
    assert page.round_one.currentIndex() == 0 and page.fiscal_agent.text() == ""


def _enter_award_and_region(qtbot: QtBot, page: ProfilePage) -> None:
    page.award.setFocus()
    qtbot.keyClicks(page.award, "1,250,000")
    qtbot.keyClick(page.award, Qt.Key.Key_Return)
    page.region.setFocus()
    qtbot.keyClicks(page.region, "North Coast")


def test_round_one_asks_before_replacing_an_entered_award_and_region(
    qtbot: QtBot, window: MainWindow, answers: list[QMessageBox.StandardButton], monkeypatch: pytest.MonkeyPatch
) -> None:
    window.ui.actionNew.trigger()
    assert window.session is not None
    page = _profile(window)
    _enter_award_and_region(qtbot, page)
    asked: list[str] = []
    real = QMessageBox.question

    def record(*args: Any) -> QMessageBox.StandardButton:
        asked.append(args[2])  # (parent, title, text, ...)
        return real(*args)  # the answers fixture's queue

    monkeypatch.setattr(QMessageBox, "question", record)
    # Cancel: nothing changes, and the list goes back to showing no Round One grant.
    answers.append(QMessageBox.StandardButton.Cancel)
    steps = window.session.undo_stack.count()
    _pick(qtbot, page, "Sonoma")
    assert "Grant award: $1,250,000.00 → $14,999,690.00" in asked[-1] and "Region: North Coast → Northern" in asked[-1]
    assert window.session.undo_stack.count() == steps and page.round_one.currentIndex() == 0
    assert window.session.document.profile.fiscal_agent == ""
    # No: theirs is kept; the fiscal agent is still filled in.
    answers.append(QMessageBox.StandardButton.No)
    _pick(qtbot, page, "Sonoma")
    profile = window.session.document.profile
    assert (profile.fiscal_agent, profile.award, profile.region) == (
        "Sonoma County Office of Education",
        Decimal("1250000.00"),
        "North Coast",
    )
    # Yes, picked from the opened list: replaced, in one undo step that gives back what they had entered.
    answers.append(QMessageBox.StandardButton.Yes)
    _pick_from_open_list(qtbot, page, "Tehachapi Unified School District")
    profile = window.session.document.profile
    assert (profile.fiscal_agent, profile.award, profile.region) == (
        "Tehachapi Unified School District",
        Decimal("526789.00"),
        "Central",
    )
    assert len(asked) == 3 and not answers
    window.undo_action.trigger()
    profile = window.session.document.profile
    assert (profile.fiscal_agent, profile.award, profile.region) == (
        "Sonoma County Office of Education",
        Decimal("1250000.00"),
        "North Coast",
    )


STARTUP_WITH_RECENT = """
import sys
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from planner.ui.app import application
app = application()
QSettings().setValue("recentFiles", [sys.argv[1]])
class Watcher(QObject):
    first = True
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched.isWidgetType() and isinstance(watched.window(), QMainWindow):
            if self.first:
                self.first = False
                print("first paint: models loaded", "planner.core.model.document" in sys.modules, flush=True)
                page = watched.window().start_page
                def done():
                    if page.reading:
                        QTimer.singleShot(20, done)
                        return
                    print("card:", page.cards[0].text_of(page.cards[0].details), flush=True)
                    app.quit()
                QTimer.singleShot(0, done)
        return False
watcher = Watcher()
app.installEventFilter(watcher)
from planner.cli import main
main([])
"""


def test_recent_cards_are_read_after_the_first_paint(tmp_path: Path, demo: Document) -> None:
    plan = tmp_path / "alder.json"
    save_document(demo, plan)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PLANNER_NO_VIEWER": "1"}
    env["XDG_CONFIG_HOME"] = env["XDG_DATA_HOME"] = str(tmp_path / "home")
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", STARTUP_WITH_RECENT, str(plan)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = [line for line in result.stdout.splitlines() if line]
    assert lines[0] == "first paint: models loaded False", result.stdout + result.stderr
    assert lines[1].startswith("card: Saved ") and lines[1].endswith("42 of 43 criteria rated"), result.stdout
