"""The partner × year view of commitments on the shared-cost page, typed into like a spreadsheet."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from planner.core.editing.commitment_grid import commitment_grid
from planner.core.model.document import CommitmentStatus
from planner.ui.commitment_grid import CommitmentGridEditor
from planner.ui.main_window import MainWindow
from planner.ui.pages.costs import CostsPage
from tests.ui.driving import type_into_cell


def _grid(qtbot: QtBot, window: MainWindow, cost_item: str | None) -> CommitmentGridEditor:
    """Open the shared-cost page, its "By partner and year" tab, and choose the cost item, as a person would."""
    row = next(n for n, p in enumerate(window.section_pages) if isinstance(p, CostsPage))
    window.ui.navList.setCurrentRow(row)
    page = window.section_pages[row]
    assert isinstance(page, CostsPage)
    QApplication.processEvents()
    tabs = page.commitment_views
    qtbot.mouseClick(tabs.tabBar(), Qt.MouseButton.LeftButton, pos=tabs.tabBar().tabRect(1).center())
    grid = page.commitment_grid
    assert tabs.currentWidget() is grid and grid.chooser.isVisible()
    if cost_item is not None:
        box = grid.cost_item_box
        box.setCurrentIndex(box.findText(cost_item))
    QApplication.processEvents()
    return grid


def _row_of(grid: CommitmentGridEditor, partner: str, status: str = "") -> int:
    model = grid.model
    return next(
        row
        for row in range(model.rowCount())
        if model.data(model.index(row, 0)) == partner and (not status or model.data(model.index(row, 1)) == status)
    )


def test_typing_into_an_empty_year_adds_a_commitment_and_undo_takes_it_back(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    assert window.session is not None
    session = window.session
    before = session.document
    grid = _grid(qtbot, window, "Regional pathway coordinator (1.0 FTE)")
    assert [grid.model.headerData(c, Qt.Orientation.Horizontal) for c in range(grid.model.columnCount())] == [
        "Partner",
        "Status",
        "Source",
        "FY 2027-28",
        "FY 2028-29",
        "FY 2029-30",
        "Total",
    ]
    willow = _row_of(grid, "Willow Creek Joint Union High School District")
    assert grid.model.data(grid.model.index(willow, 1)) == ""  # nothing promised yet: an empty line
    type_into_cell(qtbot, grid.view, grid.model.index(willow, 3), "$5,000")
    made = session.document.commitments[-1]
    assert (made.partner_id, made.cost_item_id, made.year) == ("p-willow", "c-coord", 1)
    assert made.amount == Decimal("5000.00")
    assert made.status is CommitmentStatus.PROPOSED
    assert session.undo_stack.count() == 1
    assert grid.model.data(grid.model.index(willow, 3)) == "$5,000.00"
    assert grid.model.data(grid.model.index(willow, 1)) == "Proposed"
    window.undo_action.trigger()
    assert session.document == before


def test_a_lines_amount_status_and_source_and_the_core_totals(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    assert window.session is not None
    session = window.session
    grid = _grid(qtbot, window, "Regional pathway coordinator (1.0 FTE)")
    county = _row_of(grid, "Alder Basin County Office of Education")
    type_into_cell(qtbot, grid.view, grid.model.index(county, 4), "70000")  # year 2
    assert next(c for c in session.document.commitments if c.id == "m-4").amount == Decimal("70000.00")
    # The status drop-down sends the status; the line's two commitments change together, as one step.
    steps = session.undo_stack.count()
    assert grid.model.setData(grid.model.index(county, 1), CommitmentStatus.PLEDGED)
    assert {c.status for c in session.document.commitments if c.id in ("m-1", "m-4")} == {CommitmentStatus.PLEDGED}
    assert session.undo_stack.count() == steps + 1
    county = _row_of(grid, "Alder Basin County Office of Education", "Pledged")
    type_into_cell(qtbot, grid.view, grid.model.index(county, 2), "County reserve")
    assert {c.source for c in session.document.commitments if c.id in ("m-1", "m-4")} == {"County reserve"}
    core = commitment_grid(session.document, "c-coord")
    model = grid.model
    totals = [model.data(model.index(model.rowCount() - 2 + n, c)) for n in (0, 1) for c in (0, 3, 4, 6)]
    assert totals == [
        "Committed",
        f"${core.committed[0]:,.2f}",
        f"${core.committed[1]:,.2f}",
        f"${core.committed_total:,.2f}",
        "All statuses",
        f"${core.totals[0]:,.2f}",
        f"${core.totals[1]:,.2f}",
        f"${core.total:,.2f}",
    ]


def test_a_bad_amount_is_refused_under_the_grid_and_delete_clears_a_year(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    assert window.session is not None
    session = window.session
    before = session.document
    grid = _grid(qtbot, window, None)  # every cost item: a Cost item column after the partner
    assert grid.model.headerData(1, Qt.Orientation.Horizontal) == "Cost item"
    county = _row_of(grid, "Alder Basin County Office of Education")
    type_into_cell(qtbot, grid.view, grid.model.index(county, 4), "12,50")
    assert session.document is before
    assert grid.note.isVisible() and grid.note.text().startswith("Not saved: FY 2027-28: '12,50' is not an amount")
    grid.view.setCurrentIndex(grid.model.index(county, 5))  # year 2 of the county's coordinator line
    grid.view.setFocus()
    qtbot.keyClick(grid.view, Qt.Key.Key_Delete)
    assert "m-4" not in {c.id for c in session.document.commitments}
    assert session.undo_stack.undoText() == "Remove commitment: Alder Basin County Office of Education, year 2"


def test_the_grid_model_passes_the_model_tester(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    grid = _grid(qtbot, window, "Work-based learning intermediary contract")
    ModelTester(None).check(grid.model, force_py=True)
    # Five lines of the three partners who pay toward it (two statuses each for two of them), an empty line for each
    # of the other five, and the two totals.
    assert grid.model.rowCount(QModelIndex()) == 5 + 5 + 2
    box: QComboBox = grid.cost_item_box
    box.setCurrentIndex(0)
    ModelTester(None).check(grid.model, force_py=True)
