"""``planner scenarios`` as text: whole dollars, each scenario beside its baseline, user text untouched."""

from __future__ import annotations

import re
from decimal import Decimal

from planner.core.funding.plain_text import scenario_lines, signed_dollars, signed_points, stress_lines
from planner.core.funding.scenarios import run_scenario, stress_test
from planner.core.model.cost_plan import Scenario, Withdrawal
from planner.core.model.document import Document
from planner.core.model.money import MINUS, format_dollars


def test_number_formatting_never_touches_a_partner_name(demo: Document) -> None:
    """Defect: "Tri−Basin Workforce Development Board" (a hyphen in a name turned into a minus sign)."""
    scenario = Scenario(name="Board leaves", withdrawals=[Withdrawal(partner_id="p-wdb")])
    result = run_scenario(demo, scenario)
    wdb = next(c for c in result.share_changes if c.partner_id == "p-wdb")
    assert wdb.points < 0  # a negative change printed on the same line as the name
    text = "\n".join([*stress_lines(stress_test(demo)), *scenario_lines(demo, result)])
    assert "Tri-Basin Workforce Development Board:" in text and "Tri\u2212Basin" not in text
    assert f"({MINUS}" in text


def test_money_in_whole_dollars_and_the_baseline_named(demo: Document) -> None:
    tight = next(s for s in demo.scenarios if s.name == "Tight state budget")
    result = run_scenario(demo, tight)
    text = "\n".join(scenario_lines(demo, result))
    assert 'Changes the baseline "As planned"' in text and "Baseline gap" in text
    base_gap = result.years[2].base.gap
    assert base_gap != base_gap.quantize(Decimal(1))  # cents in the ledger...
    assert not re.search(r"\$[0-9,]+\.[0-9]", text) and format_dollars(base_gap) in text  # ...whole dollars printed
    assert "FY 2029-30" in text and "Year 3" not in text


def test_signed_figures() -> None:
    assert signed_dollars(Decimal("1200.40")) == "+$1,200"
    assert signed_dollars(Decimal("-300")) == f"{MINUS}$300"
    assert signed_dollars(Decimal("0.3")) == "$0"
    assert signed_points(Decimal("-26.73")) == f"{MINUS}26.7 points"
    assert signed_points(Decimal("2.82")) == "+2.8 points" and signed_points(Decimal("0.01")) == "0.0 points"
