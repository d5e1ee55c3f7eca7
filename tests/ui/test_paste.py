"""Pasting rows from a spreadsheet into the cost-item and commitment tables, with Ctrl+V like a person would."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from planner.core.editing.paste import table_layout
from planner.core.model.document import CommitmentStatus
from planner.ui.main_window import MainWindow
from planner.ui.pages.costs import CostsPage


def _costs(window: MainWindow) -> CostsPage:
    row = next(n for n, p in enumerate(window.section_pages) if isinstance(p, CostsPage))
    window.ui.navList.setCurrentRow(row)
    QApplication.processEvents()
    page = window.section_pages[row]
    assert isinstance(page, CostsPage)
    return page


def _commitment_row(n: int) -> str:
    cells = ["Alder Basin Community College", "Dual-enrollment instructor sections", f"Year {1 + n % 3}"]
    cells += [f"{1000 + n:,}.00", "Perkins V", f"Perkins reserve {n}", "One-time", "Pledged", "Cash"]
    return "\t".join(cells)


def test_paste_of_a_20_row_block_with_two_bad_rows(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    assert window.session is not None
    session = window.session
    before = session.document
    page = _costs(window)
    table = page.commitments
    rows = [_commitment_row(n) for n in range(20)]
    rows[6] = rows[6].replace("1,006.00", "12,50")  # a European decimal
    rows[14] = rows[14].replace("Pledged", "Maybe")
    QApplication.clipboard().setText("\r\n".join(rows) + "\r\n")  # as Excel copies it
    table.view.setCurrentIndex(table.model.index(0, 3))  # whole rows go at the end, whatever cell is current
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    added = session.document.commitments[len(before.commitments) :]
    assert len(added) == 18 and session.document.commitments[: len(before.commitments)] == before.commitments
    assert [c.source for c in added][5:7] == ["Perkins reserve 5", "Perkins reserve 7"]
    assert all(c.status is CommitmentStatus.PLEDGED and c.cost_item_id == "c-dual" for c in added)
    assert added[0].amount == Decimal("1000.00") and added[0].year == 1
    assert table.model.rowCount() == len(before.commitments) + 18
    note = table.note.text().splitlines()
    assert table.note.isVisible()
    assert note == [
        "18 rows added, 2 rows not pasted:",
        "Row 7, Amount: '12,50' is not an amount; write it like 1250, 1,250.50 or $1,250.50 (a comma only between "
        "thousands, a point before cents)",
        'Row 15, Status: "Maybe" is not a status in this plan; choose one of: Committed, Pledged, Proposed',
    ]
    assert window.statusBar().currentMessage() == "Not changed: 2 pasted rows; the reasons are listed under the table"
    assert session.undo_stack.count() == 1 and session.undo_stack.undoText() == "Paste 18 commitments"
    window.undo_action.trigger()
    assert session.document == before
    assert table.model.rowCount() == len(before.commitments)


def test_a_column_of_amounts_fills_cells_from_the_current_cell(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    assert window.session is not None
    page = _costs(window)
    table = page.items
    QApplication.clipboard().setText("$130,000.00\n$86,000\n")
    table.view.setCurrentIndex(table.model.index(0, 6))  # Year 2 of the coordinator
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    items = window.session.document.cost_items
    assert items[0].costs[2] == Decimal("130000.00") and items[1].costs[2] == Decimal("86000.00")
    assert not table.note.isVisible()
    assert window.session.undo_stack.undoText() == "Paste 2 cost items"


def test_nothing_to_paste_is_said_under_the_table(qtbot: QtBot, window: MainWindow) -> None:
    window.ui.actionNew.trigger()
    assert window.session is not None
    page = _costs(window)
    QApplication.clipboard().setText("Coordinator\tStaffing and coordination")
    page.commitments.view.setFocus()
    qtbot.keyClick(page.commitments.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert page.commitments.note.text() == (
        "Nothing was pasted: A commitment needs a partner: add the partners on the Profile page first"
    )
    assert window.session.undo_stack.count() == 0
    page.items.view.setFocus()
    qtbot.keyClick(page.items.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [i.name for i in window.session.document.cost_items] == ["Coordinator"]


def test_the_tables_and_the_paste_read_the_same_columns(window: MainWindow) -> None:
    window.open_demo()
    assert window.session is not None
    page = _costs(window)
    for table in (page.items, page.commitments):
        layout = table_layout(window.session.document, window.session.instruments, table.model.list_field)
        assert [c.header for c in table.model.columns] == [c.header for c in layout]
