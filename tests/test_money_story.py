"""Issue 21, point 8: for the demo, a team plan and random plans, every money figure in the printed plan's text, the
Word copy, the workbook (recalculated), ``score --json`` and ``scenarios --json`` is the ledger's; no item shows short
while its own committed money covers it; no partner is a single point of failure for an item it does not pay.

The PDF itself is checked for the demo and the team plan in tests/report/test_adoption_plan.py (its renders are
shared there); here the same checks read the HTML WeasyPrint lays out.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core.assessment.analysis import analyze
from planner.core.model.cost_plan import (
    Agreement,
    Commitment,
    CommitmentStatus,
    CostCategory,
    CostItem,
    FundingKind,
    ItemPriority,
    PledgeOutcome,
    Scenario,
    Withdrawal,
)
from planner.core.model.document import Document, Partner, Profile, Sector
from planner.core.model.rubric import Instrument
from planner.report.render import plan_html
from planner.report.word import build_docx
from tests.factories import team_document
from tests.money_story import check_docx, check_json, check_rules, check_text, check_workbook, html_text

pytestmark = pytest.mark.slow

PARTNERS = [
    Partner(id="p-d", name="Tri-Basin Unified", sector=Sector.K12),
    Partner(id="p-c", name="Valley College", sector=Sector.COLLEGE),
    Partner(id="p-e", name="Acme-Works Inc.", sector=Sector.EMPLOYER),
]
_amount = st.decimals("0", "90000", places=2)


@st.composite
def plans(draw: st.DrawFn, base: Document) -> Document:
    horizon = draw(st.integers(1, 4))
    items = [
        CostItem(
            id=f"c{n}",
            name=f"Item {n}",
            category=draw(st.sampled_from(list(CostCategory))),
            costs={y: draw(_amount) for y in range(1, horizon + 1)},
            priority=draw(st.sampled_from(list(ItemPriority))),
            gap_partner_id=draw(st.sampled_from([None, "p-d", "p-c", "p-e"])),
        )
        for n in range(draw(st.integers(1, 4)))
    ]
    commitments = [
        Commitment(
            id=f"m{n}",
            partner_id=draw(st.sampled_from(["p-d", "p-c", "p-e"])),
            cost_item_id=draw(st.sampled_from([i.id for i in items])),
            year=draw(st.integers(1, horizon)),
            amount=draw(_amount),
            status=draw(st.sampled_from(list(CommitmentStatus))),
            kind=draw(st.sampled_from(list(FundingKind))),
        )
        for n in range(draw(st.integers(0, 10)))
    ]
    agreements = (
        [Agreement(id="a", partner_ids=["p-d", "p-c"], signed_on=date(2026, 9, 1), fiscal_years=[2027, 2028])]
        if draw(st.booleans())
        else []
    )
    scenarios = [
        Scenario(
            name="Bad news",
            withdrawals=[Withdrawal(partner_id=draw(st.sampled_from(["p-d", "p-c", "p-e"])), from_year=1)],
            pledges=draw(st.sampled_from(list(PledgeOutcome))),
            proposals_approved_percent=draw(st.none() | st.decimals("0", "100", places=0)),
            cost_growth_percent=draw(st.decimals("0", "10", places=0)),
            one_time_renewed=draw(st.booleans()),
            in_printed_plan=True,
        )
    ]
    return base.model_copy(
        update={
            "profile": Profile(consortium_name="Random", grant_end=date(2027, 6, 30), horizon_years=horizon),
            "partners": PARTNERS,
            "cost_items": items,
            "commitments": commitments,
            "agreements": agreements,
            "scenarios": scenarios,
            "actions": [],
            "steering_committee": [],
        }
    )


def _every_output(document: Document, instruments: tuple[Instrument, ...], folder: Path) -> None:
    analysis = analyze(document, instruments)
    check_rules(analysis)
    check_json(analysis)
    check_text(html_text(plan_html(analysis)), analysis)
    check_docx(build_docx(analysis), analysis)
    check_workbook(analysis, folder)


def test_demo_and_team_plan(demo: Document, instruments: tuple[Instrument, ...], tmp_path: Path) -> None:
    _every_output(demo, instruments, tmp_path)
    _every_output(team_document(demo), instruments, tmp_path)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_plans(demo: Document, instruments: tuple[Instrument, ...], tmp_path: Path, data: st.DataObject) -> None:
    _every_output(data.draw(plans(demo)), instruments, tmp_path)


def test_a_hyphenated_name_is_printed_as_typed(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    page = plan_html(analyze(demo, instruments))
    assert "Tri-Basin Workforce Development Board" in page and "Tri\u2212Basin" not in page
