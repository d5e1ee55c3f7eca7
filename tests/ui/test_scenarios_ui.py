"""The What-if scenarios section, driven by clicks and keys: every assumption is one undoable step, and the tables
show what core works out."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QTableWidget,
)
from pytestqt.qtbot import QtBot

from planner.core.funding.scenarios import run_scenario, stress_test
from planner.core.model.document import CostCategory, PledgeOutcome, Withdrawal
from planner.core.model.money import format_dollars
from planner.ui.main_window import MainWindow
from planner.ui.pages.scenarios import ScenariosPage
from tests.ui.driving import section_names

D = Decimal


def _scenarios_page(window: MainWindow) -> ScenariosPage:
    row = next(n for n, p in enumerate(window.section_pages) if isinstance(p, ScenariosPage))
    window.ui.navList.setCurrentRow(row)
    QApplication.processEvents()
    page = window.section_pages[row]
    assert isinstance(page, ScenariosPage)
    return page


def _type_number(qtbot: QtBot, box: QDoubleSpinBox, text: str) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def _cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


def _shown_gaps(page: ScenariosPage) -> list[str]:
    return [_cell(page.gap_table, row, 2) for row in range(page.gap_table.rowCount())]


def test_build_a_scenario_by_hand_then_undo_every_step(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    assert window.session is not None
    session = window.session
    page = _scenarios_page(window)
    start = session.document
    assert page.picker.count() == 2 and page.picker.currentText() == "Ridgeline's new superintendent withdraws"
    assert "What-if scenarios  (2)" in section_names(window)

    states = [start]
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    states.append(session.document)
    assert page.picker.currentText() == "Scenario 3" and page.name.hasFocus()
    qtbot.keyClicks(page.name, "Leadership change")
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    states.append(session.document)
    page.pledges.setCurrentIndex(page.pledges.findData(PledgeOutcome.ARRIVES.value))
    states.append(session.document)
    _type_number(qtbot, page.growth, "3.5")
    states.append(session.document)
    qtbot.mouseClick(page.categories[CostCategory.STAFFING], Qt.MouseButton.LeftButton)
    states.append(session.document)
    qtbot.mouseClick(page.approve, Qt.MouseButton.LeftButton)
    _type_number(qtbot, page.approve_rate, "62.5")  # ticking the box and typing the rate are one step
    states.append(session.document)
    qtbot.mouseClick(page.no_renewal, Qt.MouseButton.LeftButton)
    states.append(session.document)
    county = page.withdrawals["p-county"]
    county.setCurrentIndex(county.findData(2))
    states.append(session.document)
    assert len({id(state) for state in states}) == len(states)  # every step changed the document

    scenario = session.document.scenarios[2]
    assert scenario.name == "Leadership change" and scenario.pledges is PledgeOutcome.ARRIVES
    assert scenario.cost_growth_percent == D("3.5") and scenario.cost_growth_categories == [CostCategory.STAFFING]
    assert scenario.proposals_approved_percent == D("62.5") and not scenario.one_time_renewed
    assert scenario.withdrawals == [Withdrawal(partner_id="p-county", from_year=2)]
    result = run_scenario(session.document, scenario)
    assert _shown_gaps(page) == [format_dollars(y.scenario.gap) for y in result.years] + [
        format_dollars(result.total_gap)
    ]
    assert 'Changes the baseline "As planned"' in page.summary.text()
    assert "Alder Basin County Office of Education withdraws from FY 2028-29 on" in page.summary.text()

    # Each step is one undo; undoing them all returns the document exactly as it was, and the page follows.
    assert session.undo_stack.count() == len(states) - 1
    for expected in reversed(states[:-1]):
        window.undo_action.trigger()
        assert session.document == expected
    assert page.picker.count() == 2
    for expected in states[1:]:
        window.redo_action.trigger()
        assert session.document == expected
    assert page.picker.currentText() == "Leadership change"
    assert _shown_gaps(page)[-1] == format_dollars(result.total_gap)


def test_remove_and_a_refused_name(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    assert window.session is not None
    page = _scenarios_page(window)
    page.picker.setCurrentIndex(1)
    page.name.setFocus()
    page.name.selectAll()
    qtbot.keyClicks(page.name, "ridgeline's NEW superintendent withdraws")
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    assert page.name_note.showing and "Two scenarios are called" in page.name_note.text()
    assert page.name.text() == "ridgeline's NEW superintendent withdraws"  # what was typed stays, marked
    assert window.session.document.scenarios[1].name == "Tight state budget"
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert [s.name for s in window.session.document.scenarios] == ["Ridgeline's new superintendent withdraws"]
    assert page.picker.currentIndex() == 0 and page.picker.count() == 1
    window.undo_action.trigger()
    assert page.picker.count() == 2


def test_the_stress_test_table_shows_core_ranking(window: MainWindow) -> None:
    window.open_demo()
    assert window.session is not None
    page = _scenarios_page(window)
    rows = stress_test(window.session.document).rows
    table = page.stress_table
    assert table.rowCount() == len(rows)
    assert [_cell(table, n, 1) for n in range(table.rowCount())] == [r.partner.name for r in rows]
    assert _cell(table, 0, 2) == "$156,920" and _cell(table, 0, 3) == "15.6%"
    # The county office pays the coordinator and data matching; the intermediary contract is not its to lose.
    assert "Work-based learning" not in _cell(table, 0, 4)


def test_a_plan_without_scenarios(qtbot: QtBot, window: MainWindow) -> None:
    window.new_document()
    page = _scenarios_page(window)
    assert not page.editor.isEnabled() and not page.remove_button.isEnabled()
    assert page.summary.text().startswith("No scenarios yet")
    assert page.gap_table.isHidden()
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.editor.isEnabled() and page.gap_table.isVisible()


def test_every_control_has_an_accessible_name_or_text(window: MainWindow) -> None:
    window.open_demo()
    page = _scenarios_page(window)
    for widget in page.findChildren(QComboBox) + page.findChildren(QLineEdit) + page.findChildren(QDoubleSpinBox):
        if isinstance(widget.parent(), (QComboBox, QDoubleSpinBox)):  # the line edit inside a box
            continue
        assert widget.accessibleName(), widget
    for button in page.findChildren(QAbstractButton):
        if not button.objectName().startswith("qt_"):  # Qt's own parts, such as a table's corner button
            assert button.text() or button.accessibleName(), button
