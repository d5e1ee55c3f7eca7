"""Agreements on the shared-cost page: adding one is one undo step, and it turns pledged money into committed."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from planner.core.model.money import format_dollars
from planner.ui.main_window import MainWindow
from planner.ui.pages.costs import CostsPage
from tests.ui.driving import show_section


def _totals_committed(costs: CostsPage) -> str:
    table = costs.totals
    item = table.item(table.rowCount() - 1, 2)
    assert item is not None
    return item.text()


def test_adding_an_agreement_is_one_undo_step_and_makes_money_committed(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    session = window.session
    assert session is not None
    costs = show_section(window, CostsPage)
    assert isinstance(costs, CostsPage)
    costs.commitment_views.setCurrentWidget(costs.agreements)
    table = costs.agreements
    assert table.model.rowCount() == 1
    with_mou = session.analysis.funding.ledger.total_committed
    table.model.remove_rows([0])
    assert session.analysis.funding.ledger.total_committed == 0  # no FY 2027-28 budget is adopted by November 2026
    assert _totals_committed(costs) == "$0"
    assert any("record the MOU" in w.message for w in session.analysis.funding.warnings)

    steps = session.undo_stack.count()
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    assert session.undo_stack.count() == steps + 1  # one undo step
    (agreement,) = session.document.agreements
    assert agreement.partner_ids == [p.id for p in session.document.partners] and agreement.fiscal_years == [2027]
    assert session.analysis.funding.ledger.year_totals[0].committed == Decimal("276400.00")
    assert table.model.setData(table.model.index(0, 3), "FY 2027-28, FY 2028-29")
    assert session.analysis.funding.ledger.total_committed == with_mou
    assert _totals_committed(costs) == format_dollars(with_mou)
    assert not table.model.setData(table.model.index(0, 1), "Nobody We Know")  # refused in plain words, unchanged
    assert session.document.agreements[0].partner_ids == agreement.partner_ids

    window.undo_action.trigger()
    window.undo_action.trigger()
    assert session.document.agreements == []
