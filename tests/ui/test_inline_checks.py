"""Mistakes caught where they happen: the note under the field, the typed text kept, the note gone when fixed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from planner.core.model.document import ActionItem, new_id
from planner.ui.main_window import MainWindow
from planner.ui.pages.actions import ActionsPage
from planner.ui.pages.costs import CostsPage
from planner.ui.pages.profile import ProfilePage
from tests.ui.driving import show_section


def test_leaving_an_amount_that_does_not_read_keeps_it_and_says_why(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    assert window.session is not None
    before = window.session.document.profile.award
    steps = window.session.undo_stack.count()
    page = show_section(window, ProfilePage)
    assert isinstance(page, ProfilePage)
    page.award.setFocus()
    page.award.selectAll()
    qtbot.keyClicks(page.award, "1e3")
    qtbot.keyClick(page.award, Qt.Key.Key_Tab)  # the person moves on to the next field
    note = page.award.note
    assert note.showing and "1,250.50" in note.text() and "'1e3'" in note.text()
    assert page.award.text() == "1e3"
    assert window.session.document.profile.award == before and window.session.undo_stack.count() == steps
    page.award.setFocus()
    page.award.end(False)
    qtbot.keyClick(page.award, Qt.Key.Key_Backspace)
    assert note.showing  # "1e" still does not read
    qtbot.keyClick(page.award, Qt.Key.Key_Backspace)
    assert not note.showing  # cleared as soon as the text reads, before it is saved
    qtbot.keyClicks(page.award, ",000")
    qtbot.keyClick(page.award, Qt.Key.Key_Return)
    assert window.session.document.profile.award == Decimal("1000.00")


def test_a_date_in_another_spelling_is_refused_under_its_field(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    assert window.session is not None
    page = show_section(window, ProfilePage)
    assert isinstance(page, ProfilePage)
    before = window.session.document.profile.grant_start
    page.grant_start.setFocus()
    page.grant_start.selectAll()
    qtbot.keyClicks(page.grant_start, "07/01/2024")
    qtbot.keyClick(page.grant_start, Qt.Key.Key_Return)
    assert "YYYY-MM-DD" in page.grant_start.note.text() and page.grant_start.text() == "07/01/2024"
    assert window.session.document.profile.grant_start == before
    page.refresh()  # another edit refreshes the page; the typed text still waits to be corrected
    assert page.grant_start.text() == "07/01/2024"


def test_an_action_due_before_it_starts_is_refused_under_the_table(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    session = window.session
    assert session is not None
    page = show_section(window, ActionsPage)
    assert isinstance(page, ActionsPage)
    page.table.model.add(ActionItem(id=new_id("a"), action="Draft the MOU", start=date(2026, 3, 1)))
    row = page.table.model.rowCount() - 1
    due_column = next(n for n, c in enumerate(page.table.model.columns) if c.header == "Due")
    index = page.table.model.index(row, due_column)
    assert not page.table.model.setData(index, "2026-01-15")
    assert "Due: The due date is before the start date" in page.table.note.text()
    assert session.document.actions[row].due is None
    assert page.table.model.setData(index, "2026-04-15")
    assert not page.table.note.isVisible() and session.document.actions[row].due == date(2026, 4, 15)


def test_a_shorter_plan_says_on_the_profile_what_it_leaves_out(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    session = window.session
    assert session is not None
    page = show_section(window, ProfilePage)
    assert isinstance(page, ProfilePage)
    notice = page.notes[page.horizon]
    assert not notice.isVisible()
    page.horizon.setFocus()
    page.horizon.setValue(1)
    assert notice.isVisible() and "after year 1" in notice.text() and not notice.showing  # a notice, not a refusal
    costs = show_section(window, CostsPage)
    assert isinstance(costs, CostsPage)
    model = costs.commitments.model
    shown = {model.data(model.index(r, 2)) for r in range(model.rowCount())}
    assert "FY 2028-29 (after the plan)" in shown
    session.undo_stack.undo()
    show_section(window, ProfilePage)
    assert not notice.isVisible()
