"""The document's tables, used like a person would: column widths, tooltips, several rows removed at once (asking
first when other rows depend on them), new rows that carry on the row above, and what an empty table says."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QMessageBox, QScrollBar, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from planner.core.model.document import CommitmentStatus, FundingSource
from planner.ui.main_window import MainWindow
from planner.ui.models import ColumnDelegate, two_lines
from planner.ui.pages.common import TableEditor, share_width
from planner.ui.pages.costs import CostsPage
from planner.ui.pages.profile import ProfilePage
from tests.ui.driving import show_section

Yes, Cancel = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel


def _click_row(qtbot: QtBot, table: TableEditor, row: int, modifier: Qt.KeyboardModifier | None = None) -> None:
    view = table.view
    view.scrollTo(table.model.index(row, 0))
    centre = view.visualRect(table.model.index(row, 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier or Qt.KeyboardModifier.NoModifier, centre)


def test_share_width_fills_the_table_and_cuts_the_widest_columns_first() -> None:
    assert share_width([100, 50, 80], [40, 40, 40], 300) == [170, 50, 80]  # the spare goes to the name
    cut = share_width([400, 60, 300], [100, 60, 80], 500)
    assert sum(cut) == 500 and cut[1] == 60 and abs(cut[0] - cut[2]) <= 1
    assert share_width([400, 60, 300], [300, 60, 200], 500) == [300, 60, 200]  # floors first: then it scrolls
    assert share_width([], [], 100) == []
    assert two_lines("Ongoing / one-time") == "Ongoing /\none-time" and two_lines("Cost item") == "Cost item"


def test_columns_fit_a_1024_screen_with_whole_headings_and_amounts(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    window.resize(1024, 728)
    costs = show_section(window, CostsPage)
    assert isinstance(costs, CostsPage)
    for table in (costs.items, costs.commitments):
        view, header, model = table.view, table.view.horizontalHeader(), table.model
        widths = [header.sectionSize(c) for c in range(model.columnCount())]
        assert sum(widths) <= view.viewport().width()  # the last column ends inside the table: nothing clipped
        scroll = view.horizontalScrollBar()

        def no_scrolling(scroll: QScrollBar = scroll) -> bool:
            return not scroll.isVisible()

        qtbot.waitUntil(no_scrolling, timeout=2000)
        for column, width in enumerate(widths):
            assert width >= header.sectionSizeHint(column), model.columns[column].header  # headings are whole
            if model.columns[column].align_right:
                for row in range(model.rowCount()):
                    text = model.data(model.index(row, column))
                    assert view.fontMetrics().horizontalAdvance(text) < width - 6  # amounts are never cut short
    # A roomier window gives the room back to the content.
    window.resize(1366, 728)
    QApplication.processEvents()
    QApplication.processEvents()
    header = costs.commitments.view.horizontalHeader()
    assert header.sectionSize(1) > 150  # the cost item's name


def test_a_cut_cell_shows_all_its_text_in_its_tooltip(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    window.resize(1024, 728)
    costs = show_section(window, CostsPage)
    assert isinstance(costs, CostsPage)
    view = costs.items.view
    delegate = view.itemDelegate()
    assert isinstance(delegate, ColumnDelegate)
    name = costs.items.model.index(0, 0)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    view.horizontalHeader().resizeSection(0, 60)  # too narrow even for three wrapped lines
    option.rect = view.visualRect(name)
    assert delegate.tooltip_text(option, name) == "Regional pathway coordinator (1.0 FTE)"
    amount = costs.items.model.index(0, 5)
    option.rect = view.visualRect(amount)
    assert delegate.tooltip_text(option, amount) == ""  # it fits: nothing to add
    header = costs.commitments.model.headerData(6, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert header == "Ongoing / one-time"


def test_several_commitments_removed_with_the_delete_key_in_one_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    assert window.session is not None
    session = window.session
    before = session.document
    costs = show_section(window, CostsPage)
    assert isinstance(costs, CostsPage)
    table = costs.commitments
    _click_row(qtbot, table, 1)
    _click_row(qtbot, table, 3, Qt.KeyboardModifier.ShiftModifier)
    _click_row(qtbot, table, 6, Qt.KeyboardModifier.ControlModifier)
    assert table.selected_rows() == [1, 2, 3, 6]
    qtbot.keyClick(table.view, Qt.Key.Key_Delete)  # commitments depend on nothing: no question
    kept = [c.id for c in session.document.commitments]
    assert kept[:4] == ["m-1", "m-5", "m-6", "m-8"] and len(kept) == len(before.commitments) - 4
    assert session.undo_stack.undoText() == "Remove 4 commitments"
    window.undo_action.trigger()
    assert session.document == before


def test_partner_removal_with_dependents_asks_then_undo_brings_both_back(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    answers: list[QMessageBox.StandardButton] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    window.open_demo()
    assert window.session is not None
    session = window.session
    before = session.document
    profile = show_section(window, ProfilePage)
    assert isinstance(profile, ProfilePage)
    table = profile.partners
    _click_row(qtbot, table, 0)  # Alder Basin County Office of Education

    answers.append(Cancel)
    qtbot.mouseClick(table.remove_button, Qt.MouseButton.LeftButton)
    assert session.document is before and session.undo_stack.count() == 0
    assert asked[0].startswith("Remove Alder Basin County Office of Education?")
    assert "4 commitments totalling $156,920.00 ($156,920.00 of it committed) go with it." in asked[0]

    answers.append(Yes)
    qtbot.keyClick(table.view, Qt.Key.Key_Delete)
    after = session.document
    assert after.partner("p-county") is None
    assert not [c for c in after.commitments if c.partner_id == "p-county"]
    assert session.undo_stack.count() == 1
    assert session.undo_stack.undoText() == "Remove partner Alder Basin County Office of Education"
    costs = show_section(window, CostsPage)
    assert isinstance(costs, CostsPage)
    shown = [costs.commitments.model.data(costs.commitments.model.index(r, 0)) for r in range(20)]
    assert not [text for text in shown if "missing" in text]
    assert costs.commitments.model.rowCount() == len(before.commitments) - 4

    window.undo_action.trigger()
    assert session.document == before
    assert costs.commitments.model.rowCount() == len(before.commitments)


def test_removing_a_cost_item_with_commitments_asks(
    qtbot: QtBot, window: MainWindow, answers: list[QMessageBox.StandardButton]
) -> None:
    window.open_demo()
    assert window.session is not None
    costs = show_section(window, CostsPage)
    assert isinstance(costs, CostsPage)
    _click_row(qtbot, costs.items, 1)
    answers.append(Yes)
    qtbot.mouseClick(costs.items.remove_button, Qt.MouseButton.LeftButton)
    assert answers == []  # asked
    assert "c-wbl" not in {c.cost_item_id for c in window.session.document.commitments}


def test_a_new_commitment_carries_on_the_row_above(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    assert window.session is not None
    costs = show_section(window, CostsPage)
    assert isinstance(costs, CostsPage)
    table = costs.commitments
    last = table.model.rowCount() - 1
    table.model.setData(table.model.index(last, 4), FundingSource.PERKINS_V)  # as the drop-down sends it
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    made = window.session.document.commitments[-1]
    above = window.session.document.commitments[-2]
    assert (made.partner_id, made.cost_item_id, made.year) == (above.partner_id, above.cost_item_id, above.year)
    assert made.fund is FundingSource.PERKINS_V and made.status is CommitmentStatus.PROPOSED
    assert table.view.currentIndex().row() == last + 1


def _painted_something(table: TableEditor) -> bool:
    image: QImage = table.view.viewport().grab().toImage()
    background = QColor(image.pixel(2, 2))
    return any(
        QColor(image.pixel(x, y)) != background for y in range(0, image.height(), 2) for x in range(image.width())
    )


def test_an_empty_table_says_what_goes_in_it(qtbot: QtBot, window: MainWindow) -> None:
    window.ui.actionNew.trigger()
    costs = show_section(window, CostsPage)
    assert isinstance(costs, CostsPage)
    items, commitments = costs.items.view, costs.commitments.view
    assert items.empty_hint == (
        "No cost items yet. Press Add cost item, or copy rows from a spreadsheet and paste them here (Ctrl+V)."
    )
    assert commitments.empty_hint.startswith("No commitments yet. Add the partners on the Profile page first")
    assert _painted_something(costs.items)
    assert items.accessibleDescription() == items.empty_hint
    qtbot.mouseClick(costs.items.add_button, Qt.MouseButton.LeftButton)
    assert items.empty_hint == ""
    costs.items.view.viewport().grab()
    assert items.accessibleDescription() == ""
    profile = show_section(window, ProfilePage)
    assert isinstance(profile, ProfilePage)
    assert profile.partners.view.empty_hint.startswith("No partners yet. Press Add partner")
    assert profile.steering.view.empty_hint.startswith("No steering-committee members yet.")
