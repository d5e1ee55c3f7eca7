"""Nothing cut off where it matters (issue 27), at 1024x768 and 1366x768, on the demo: amounts (bold totals too)
never elided; a text cell cut by a narrow column wraps, and the row's cut cells are shown in full under the table;
the stress test's heading is whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from planner.ui.main_window import MainWindow
from planner.ui.models import ColumnDelegate, ColumnModel
from planner.ui.pages.costs import CostsPage
from planner.ui.pages.scenarios import ScenariosPage
from planner.ui.pages.table_view import CELL_PADDING, CellDetail, RecordTableView
from tests.ui.driving import show_row, show_section


def _cut(view: RecordTableView, row: int, column: int) -> bool:
    model = view.model()
    index = model.index(row, column)
    delegate = view.itemDelegate()
    assert isinstance(delegate, ColumnDelegate)
    option = QStyleOptionViewItem()
    option.rect = view.visualRect(index)
    option.font = view.font()
    option.fontMetrics = view.fontMetrics()
    option.widget = view
    text = str(model.data(index) or "")
    return bool(text) and delegate.tooltip_text(option, index).startswith(text)


@pytest.mark.parametrize("width", [1024, 1366])
def test_every_table_cell_of_the_demo_is_readable(qtbot: QtBot, window: MainWindow, width: int) -> None:
    window.open_demo()
    window.resize(width, 768)
    costs = show_section(window, CostsPage)
    assert isinstance(costs, CostsPage)
    costs.commitment_views.setCurrentWidget(costs.commitment_grid)
    QApplication.processEvents()
    checked = 0
    for row in range(len(window.section_pages)):
        page = show_row(window, row)
        QApplication.processEvents()
        for view in page.findChildren(RecordTableView):
            if not view.isVisible():
                continue
            model = view.model()
            assert isinstance(model, ColumnModel)
            parent = view.parentWidget()
            assert parent is not None
            bold = QFont(view.font())
            bold.setBold(True)
            metrics = QFontMetrics(bold)
            detail = next(d for d in parent.findChildren(CellDetail) if d._view is view)
            for r in range(min(model.rowCount(), 30)):
                view.setCurrentIndex(model.index(r, 0))
                for c in range(model.columnCount()):
                    text = str(model.data(model.index(r, c)) or "")
                    if model.columns[c].align_right:  # money: whole, in bold (a total row) too
                        width_of = view.horizontalHeader().sectionSize(c)
                        font = model.data(model.index(r, c), Qt.ItemDataRole.FontRole)
                        measure = metrics if isinstance(font, QFont) and font.bold() else view.fontMetrics()
                        assert measure.horizontalAdvance(text) <= width_of - CELL_PADDING // 2, (text, width_of)
                    elif _cut(view, r, c):
                        assert detail.isVisible() and text in detail.text(), (view.accessibleName(), text)
                    checked += 1
    assert checked > 100


def test_the_stress_test_heading_is_whole(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    window.resize(1024, 768)
    page = show_section(window, ScenariosPage)
    assert isinstance(page, ScenariosPage)
    QApplication.processEvents()
    table = page.stress_table
    header = table.horizontalHeader()
    last = table.columnCount() - 1
    item = table.horizontalHeaderItem(last)
    assert item is not None
    title = item.text()
    widest = max(header.fontMetrics().horizontalAdvance(line) for line in title.split("\n"))
    assert header.sectionSize(last) >= widest, (title, header.sectionSize(last))
    assert table.wordWrap() and table.textElideMode() != Qt.TextElideMode.ElideMiddle
