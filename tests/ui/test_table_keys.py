"""Tables never trap the keyboard (WCAG 2.1.2): Tab and Shift+Tab leave every table, also from a cell being
edited; Enter and Ctrl+arrow keys move inside it. And a cell keeps what was typed when it does not read."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from planner.ui.main_window import MainWindow
from planner.ui.pages.actions import ActionsPage
from planner.ui.pages.common import RecordTableView, TableEditor
from planner.ui.pages.costs import CostsPage
from planner.ui.pages.profile import ProfilePage
from tests.ui.driving import show_section, type_into_cell


def _inside(widget: QWidget | None, view: RecordTableView) -> bool:
    while widget is not None:
        if widget is view:
            return True
        widget = widget.parentWidget()
    return False


def _tables(window: MainWindow) -> list[tuple[type, TableEditor]]:
    profile = show_section(window, ProfilePage)
    assert isinstance(profile, ProfilePage)
    costs = show_section(window, CostsPage)
    assert isinstance(costs, CostsPage)
    actions = show_section(window, ActionsPage)
    assert isinstance(actions, ActionsPage)
    return [
        (ProfilePage, profile.partners),
        (ProfilePage, profile.steering),
        (CostsPage, costs.items),
        (CostsPage, costs.commitments),
        (ActionsPage, actions.table),
    ]


def test_tab_and_shift_tab_leave_every_table(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for kind, table in _tables(window):
        show_section(window, kind)
        view = table.view
        assert view.model().rowCount() > 1, table.title_label.text()
        for key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            view.setCurrentIndex(view.model().index(1, 0))
            view.setFocus(Qt.FocusReason.OtherFocusReason)
            assert QApplication.focusWidget() is view
            qtbot.keyClick(view, key)
            assert not _inside(QApplication.focusWidget(), view), (table.title_label.text(), key)
            assert view.currentIndex().row() == 1  # Tab did not walk the cells


def test_tab_from_a_cell_being_edited_keeps_the_entry_and_leaves_the_table(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    session = window.session
    assert session is not None
    profile = show_section(window, ProfilePage)
    assert isinstance(profile, ProfilePage)
    view = profile.partners.view
    role = next(n for n, c in enumerate(profile.partners.model.columns) if c.header == "Role")
    view.setCurrentIndex(view.model().index(0, role))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = next(w for w in view.viewport().findChildren(QLineEdit) if w.isVisible())
    editor.selectAll()
    qtbot.keyClicks(editor, "Convener")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not any(w.isVisible() for w in view.viewport().findChildren(QLineEdit)))
    assert session.document.partners[0].role == "Convener"
    assert not _inside(QApplication.focusWidget(), view)


def test_enter_and_ctrl_arrows_move_inside_a_table(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    profile = show_section(window, ProfilePage)
    assert isinstance(profile, ProfilePage)
    view = profile.partners.view
    columns = view.model().columnCount()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (0, 1)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, 1)
    view.setCurrentIndex(view.model().index(0, columns - 1))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, 0)  # on to the next row
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (0, columns - 1)


def test_a_cell_keeps_what_was_typed_marked_with_the_reason_until_fixed(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    session = window.session
    assert session is not None
    profile = show_section(window, ProfilePage)
    assert isinstance(profile, ProfilePage)
    table = profile.partners
    model, view = table.model, table.view
    deadline = next(n for n, c in enumerate(model.columns) if c.header == "Own budget deadline")
    index = model.index(0, deadline)
    before = session.document.partners[0].budget_deadline
    type_into_cell(qtbot, view, index, "March 1")
    assert model.data(index) == "March 1"  # still in the cell
    assert model.data(index, Qt.ItemDataRole.ForegroundRole) is not None  # marked
    assert model.data(index, Qt.ItemDataRole.EditRole) == "March 1"  # the editor opens on it, to correct
    assert table.note.isVisible() and "Own budget deadline" in table.note.text()
    assert session.document.partners[0].budget_deadline == before
    # A valid edit elsewhere leaves the cell and its note: it is still not saved.
    type_into_cell(qtbot, view, model.index(1, 0), "Alder Basin Unified")
    assert model.data(index) == "March 1" and table.note.isVisible()
    # Fixed: saved, unmarked, the note goes.
    type_into_cell(qtbot, view, index, "2027-03-01")
    assert session.document.partners[0].budget_deadline is not None
    assert session.document.partners[0].budget_deadline.isoformat() == "2027-03-01"
    assert model.data(index, Qt.ItemDataRole.ForegroundRole) is None
    assert not table.note.isVisible()


def test_the_commitment_grid_keeps_an_amount_that_does_not_read(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    costs = show_section(window, CostsPage)
    assert isinstance(costs, CostsPage)
    costs.commitment_views.setCurrentWidget(costs.commitment_grid)
    QApplication.processEvents()
    grid = costs.commitment_grid
    model = grid.model
    column = next(n for n, c in enumerate(model.columns) if c.header.startswith("FY "))
    row = next(r for r in range(model.rowCount()) if model.flags(model.index(r, column)) & Qt.ItemFlag.ItemIsEditable)
    index = model.index(row, column)
    assert not model.setData(index, "about ten thousand")
    assert model.data(index) == "about ten thousand" and grid.note.isVisible()
    assert model.setData(index, "12000")
    assert model.data(index) != "about ten thousand" and not grid.note.isVisible()
