"""The ledger: one rule (earmarked committed money), one test of what is committed, one vocabulary.

Each defect of issue 21 that lives in core has a test here that failed on the code before the ledger.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.funding.costs import summarize_funding
from planner.core.funding.decision import summarize_decision
from planner.core.funding.ledger import (
    DEFINITIONS,
    STILL_TO_COMMIT,
    TOTAL_SHARE,
    Baseline,
    WarningCode,
    budget_adopted_by,
    build_ledger,
    plan_date,
)
from planner.core.funding.scenarios import run_scenario, stress_test
from planner.core.model.cost_plan import (
    Agreement,
    AgreementKind,
    Commitment,
    CommitmentStatus,
    CostCategory,
    CostItem,
    ItemPriority,
    PledgeOutcome,
    Scenario,
)
from planner.core.model.document import Adoption, Document, Partner, Profile, Sector, new_document
from planner.core.model.rubric import Instrument

D = Decimal
COMMITTED, PLEDGED = CommitmentStatus.COMMITTED, CommitmentStatus.PLEDGED


def _plan(instruments: tuple[Instrument, ...], saved: date = date(2026, 12, 1)) -> Document:
    """Two items, FY 2027-28 and FY 2028-29. The college commits 9,000 to transportation (which costs 9,000) and
    the district 50,000 to the coordinator (which costs 80,000)."""
    base = new_document("Test", list(instruments))
    stamp = datetime(saved.year, saved.month, saved.day, 12, tzinfo=UTC)
    return base.model_copy(
        update={
            "metadata": base.metadata.model_copy(update={"created": stamp, "modified": stamp}),
            "profile": Profile(consortium_name="Test", grant_end=date(2027, 6, 30), horizon_years=2),
            "partners": [
                Partner(id="p-d", name="Tri-Basin District", sector=Sector.K12),
                Partner(id="p-c", name="College", sector=Sector.COLLEGE),
            ],
            "cost_items": [
                CostItem(
                    id="coord", name="Coordinator", category=CostCategory.STAFFING,
                    costs={1: D("80000.00"), 2: D("80000.00")}, priority=ItemPriority.KEEP_FIRST, gap_partner_id="p-d",
                ),
                CostItem(
                    id="bus", name="Transportation", category=CostCategory.TRANSPORTATION,
                    costs={1: D("9000.00"), 2: D("9000.00")}, priority=ItemPriority.CUT_FIRST,
                ),
            ],
            "commitments": [
                Commitment(id="m1", partner_id="p-d", cost_item_id="coord", year=1, amount=D("50000.00"),
                           status=COMMITTED),
                Commitment(id="m2", partner_id="p-c", cost_item_id="bus", year=1, amount=D("9000.00"),
                           status=COMMITTED),
                Commitment(id="m3", partner_id="p-c", cost_item_id="bus", year=2, amount=D("9000.00"),
                           status=COMMITTED),
            ],
        }
    )  # fmt: skip


def _mou(*fiscal_years: int, signed: date = date(2026, 10, 1), parties: tuple[str, ...] = ("p-d", "p-c")) -> Agreement:
    return Agreement(
        id=f"a-{signed.isoformat()}",
        kind=AgreementKind.MOU,
        partner_ids=list(parties),
        signed_on=signed,
        fiscal_years=list(fiscal_years),
        reference="MOU 2026-4",
    )


def test_plan_date_and_budget_calendar() -> None:
    k12 = Partner(id="a", name="A", sector=Sector.K12)
    college = Partner(id="b", name="B", sector=Sector.COLLEGE)
    employer = Partner(id="c", name="C", sector=Sector.EMPLOYER)
    assert budget_adopted_by(k12, 2027)[0] == date(2027, 7, 1)
    assert budget_adopted_by(college, 2027)[0] == date(2027, 9, 15)
    assert budget_adopted_by(employer, 2027)[0] == date(2027, 7, 1)
    own = k12.model_copy(update={"budget_deadline": date(2024, 6, 20)})
    assert budget_adopted_by(own, 2028)[0] == date(2028, 6, 20)


def test_money_in_a_budget_nobody_has_adopted_counts_as_pledged(instruments: tuple[Instrument, ...]) -> None:
    """Defect: a plan prepared in December 2026 called FY 2027-28 money committed with no budget or agreement."""
    plan = _plan(instruments)
    ledger = build_ledger(plan)
    assert plan_date(plan) == date(2026, 12, 1)
    assert ledger.total_committed == 0
    assert [c.downgraded for c in ledger.counted] == [True, True, True]
    assert ledger.year_totals[0].pledged == D("59000.00")
    warnings = [w for w in ledger.warnings if w.code is WarningCode.BUDGET_NOT_ADOPTED]
    assert len(warnings) == 3  # per partner and fiscal year
    first = warnings[0].message
    for words in ("Tri-Basin District", "$50,000", "FY 2027-28", "July 1, 2027", "December 1, 2026", "Agreements"):
        assert words in first, words
    college = next(w.message for w in warnings if "College" in w.message and "FY 2028-29" in w.message)
    assert "September 15, 2028" in college


def test_an_agreement_or_an_adopted_budget_makes_money_committed(instruments: tuple[Instrument, ...]) -> None:
    plan = _plan(instruments)
    covered = plan.model_copy(update={"agreements": [_mou(2027)]})
    ledger = build_ledger(covered)
    # FY 2027-28 is covered; the college's FY 2028-29 money is still pledged.
    assert [c.commitment.status for c in ledger.counted] == [COMMITTED, COMMITTED, PLEDGED]
    assert "MOU 2026-4" in ledger.counted[0].basis
    assert [w.code for w in ledger.warnings] == [WarningCode.BUDGET_NOT_ADOPTED]
    # An agreement signed after the plan's date does not count yet.
    late = plan.model_copy(update={"agreements": [_mou(2027, signed=date(2027, 1, 10))]})
    assert build_ledger(late).total_committed == 0
    # A party the agreement does not name gets nothing from it.
    district_only = plan.model_copy(update={"agreements": [_mou(2027, parties=("p-d",))]})
    assert build_ledger(district_only).year_totals[0].committed == D("50000.00")
    # Adopted on August 1, 2027: the district's FY 2027-28 budget is adopted (July 1), the college's is not yet.
    adopted = plan.model_copy(update={"adoption": Adoption(adopted_on=date(2027, 8, 1))})
    assert [c.commitment.status for c in build_ledger(adopted).counted] == [COMMITTED, PLEDGED, PLEDGED]
    # Saved in October 2028: every budget in the plan is adopted.
    later = _plan(instruments, saved=date(2028, 10, 1))
    assert build_ledger(later).total_committed == D("68000.00") and not build_ledger(later).warnings


def test_without_a_grant_end_committed_money_counts_as_written(instruments: tuple[Instrument, ...]) -> None:
    plan = _plan(instruments)
    undated = plan.model_copy(update={"profile": plan.profile.model_copy(update={"grant_end": None})})
    assert build_ledger(undated).total_committed == D("68000.00")


def test_committed_money_pays_only_its_own_item(instruments: tuple[Instrument, ...]) -> None:
    """Defect: the college's 9,000 for transportation showed up paying the coordinator (pooled, keep-first first),
    and the brief and the Risks section named different items as losing funding."""
    plan = _plan(instruments).model_copy(update={"agreements": [_mou(2027, 2028)]})
    ledger = build_ledger(plan)
    coord, bus = ledger.items
    assert coord.years[1].short() == D("30000.00") and bus.years[1].short() == 0
    assert ledger.year_totals[0].gap == D("30000.00")
    decision = summarize_decision(plan)
    assert [(s.item_name, s.year) for s in decision.stops] == [("Coordinator", 1)]
    lost = run_scenario(plan, Scenario(name="As it stands")).lost
    assert [(f.item.name, f.year, f.funded) for f in lost] == [("Coordinator", 1, D("50000.00"))]
    # The stress test: the college pays only transportation, so it is no point of failure for the coordinator.
    college = next(r for r in stress_test(plan).rows if r.partner.id == "p-c")
    assert [f.item.id for f in college.newly_lost] == ["bus"] and college.keep_first_newly_lost == ()


def test_one_figure_per_partner_in_one_vocabulary(instruments: tuple[Instrument, ...]) -> None:
    """Defect: "asked of partners" beside a table of everything, and three different figures for one partner."""
    plan = _plan(instruments).model_copy(update={"agreements": [_mou(2027, 2028)]})
    funding = summarize_funding(plan)
    decision = summarize_decision(plan, funding)
    district = funding.ledger.partner("p-d")
    assert district is not None
    # Committed 50,000; still to commit: the new ask on the coordinator it is assigned (30,000 + 80,000).
    assert district.total.committed == D("50000.00") and district.total.still_to_commit == D("110000.00")
    assert district.total.total_share == D("160000.00")
    share = next(s for s in funding.partners if s.key == "p-d")
    row = next(r for r in decision.ask.rows if r.key == "p-d")
    assert share.total == row.total.total_share == district.total.total_share
    assert share.committed == row.total.committed and share.still_to_commit == row.total.still_to_commit
    # 160,000 of the plan's 178,000 is 90 %; the college's 18,000 is 10 %.
    assert [s.percent for s in funding.partners] == [90, 10]
    # The key figure equals the total of the column it summarizes.
    assert decision.still_to_commit == sum((r.total.still_to_commit for r in decision.ask.rows), D(0))
    assert decision.ask_dollars.total == D(110000)
    assert "still to commit" in DEFINITIONS[TOTAL_SHARE] and "new ask" in DEFINITIONS[STILL_TO_COMMIT]


def test_baselines_are_explained_in_one_sentence() -> None:
    for baseline in Baseline:
        assert baseline.sentence.count(".") == 1 and baseline.sentence.startswith(baseline.label)


def test_demo_tight_budget_is_no_better_than_its_baseline(demo: Document) -> None:
    """Defect: "Tight state budget" printed a smaller FY 2029-30 gap than the base beside it."""
    tight = next(s for s in demo.scenarios if s.pledges is PledgeOutcome.DOES_NOT_ARRIVE)
    result = run_scenario(demo, tight)
    assert result.baseline is Baseline.AS_PLANNED
    assert all(y.scenario.gap >= y.base.gap for y in result.years)


def test_demo_if_nothing_is_decided_matches_the_risks_section(demo: Document) -> None:
    """Defect: page 3 and pages 28-30 named different items as the first to lose funding."""
    funding = summarize_funding(demo)
    stops = [(s.item_name, s.year, s.shortfall) for s in summarize_decision(demo, funding).stops]
    lost = [(f.item.name, f.year, f.shortfall) for f in run_scenario(demo, Scenario(name="x"), funding).lost]
    assert stops == lost


_items = st.lists(st.decimals("0", "40000", places=2), min_size=4, max_size=4)
_lines = st.lists(
    st.tuples(
        st.sampled_from(["p-d", "p-c"]),
        st.sampled_from(["coord", "bus"]),
        st.integers(1, 2),
        st.decimals("0", "40000", places=2),
        st.sampled_from(list(CommitmentStatus)),
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(_items, _lines, st.booleans())
def test_no_item_is_short_while_its_own_committed_money_covers_it(
    instruments: tuple[Instrument, ...],
    costs: list[Decimal],
    lines: list[tuple[str, str, int, Decimal, CommitmentStatus]],
    covered: bool,
) -> None:
    plan = _plan(instruments)
    items = [
        item.model_copy(update={"costs": {1: costs[2 * n], 2: costs[2 * n + 1]}})
        for n, item in enumerate(plan.cost_items)
    ]
    commitments = [
        Commitment(id=f"m{n}", partner_id=p, cost_item_id=i, year=y, amount=a, status=s)
        for n, (p, i, y, a, s) in enumerate(lines)
    ]
    plan = plan.model_copy(
        update={"cost_items": items, "commitments": commitments, "agreements": [_mou(2027, 2028)] if covered else []}
    )
    ledger = build_ledger(plan)
    decision = summarize_decision(plan)
    stopped = {(s.item_name, s.year) for s in decision.stops}
    for iy in ledger.items:
        for y, cell in iy.years.items():
            own = sum(
                (c.commitment.amount for c in ledger.counted
                 if c.commitment.cost_item_id == iy.item.id and c.commitment.year == y
                 and c.commitment.status is COMMITTED),
                D(0),
            )  # fmt: skip
            assert cell.committed == own
            if own >= cell.cost:
                assert cell.short() == 0 and (iy.item.name, y) not in stopped
    # Every partner's total share and the unassigned cost add up to the plan's cost plus what is promised beyond it.
    beyond = sum((max(c.planned - c.cost, D(0)) for iy in ledger.items for c in iy.years.values()), D(0))
    assert ledger.total.total_share == ledger.total_cost + beyond
    for row in stress_test(plan).rows:
        for lost in row.newly_lost:
            item = ledger.item(lost.item.id)
            assert item is not None and row.partner.id in item.committed_payers[lost.year]


@pytest.mark.parametrize("field", ["partner_ids", "fiscal_years"])
def test_agreement_lists_each_entry_once(field: str) -> None:
    values = {"partner_ids": ["a", "a"], "fiscal_years": [2027, 2027]}
    with pytest.raises(ValueError, match="listed twice"):
        Agreement.model_validate(
            {"id": "x", "partner_ids": ["a"], "signed_on": "2026-01-01", "fiscal_years": [2027], field: values[field]}
        )


def test_the_readme_worked_example(instruments: tuple[Instrument, ...]) -> None:
    """README, "How the money is counted": the figures a budget officer checks by hand are the ledger's."""
    plan = _plan(instruments).model_copy(update={"agreements": [_mou(2027)]})
    ledger = build_ledger(plan)
    assert [c.commitment.status for c in ledger.counted] == [COMMITTED, COMMITTED, PLEDGED]
    assert [(y.gap, y.gap_as_planned) for y in ledger.year_totals] == [
        (D("30000.00"), D("30000.00")),
        (D("89000.00"), D("80000.00")),
    ]
    district, college = ledger.partners
    assert (district.total.committed, district.total.still_to_commit, district.total.total_share) == (
        D("50000.00"),
        D("110000.00"),
        D("160000.00"),
    )
    assert (college.total.committed, college.total.still_to_commit, district.percent, college.percent) == (
        D("9000.00"),
        D("9000.00"),
        90,
        10,
    )
    assert ledger.total_cost == D("178000.00") and ledger.still_to_commit == D("119000.00")
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text("utf-8")
    section = readme[readme.index("## How the money is counted") :]
    for figure in ("$30,000", "$89,000", "$119,000", "$110,000", "$160,000", "90%", "$178,000", "September 15, 2028"):
        assert figure in section, figure
