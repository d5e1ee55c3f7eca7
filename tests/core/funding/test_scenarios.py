"""What-if scenarios and the stress test, against figures worked out by hand on a small plan."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from planner.core.assessment.team import respondent_form
from planner.core.editing import edits
from planner.core.funding.costs import summarize_funding
from planner.core.funding.ledger import Baseline
from planner.core.funding.scenarios import (
    ScenarioResult,
    apply_scenario,
    describe_assumptions,
    is_bad_news_only,
    run_scenario,
    stress_test,
)
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
from planner.core.model.document import Document, Partner, Profile, Sector, new_document
from planner.core.model.rubric import Instrument
from planner.core.storage.storage import load_document, save_document
from tests.factories import large_document

D = Decimal
COMMITTED, PLEDGED, PROPOSED = CommitmentStatus.COMMITTED, CommitmentStatus.PLEDGED, CommitmentStatus.PROPOSED
ONGOING, ONE_TIME = FundingKind.ONGOING, FundingKind.ONE_TIME


def _commitment(
    cid: str, partner: str, item: str, year: int, amount: str, status: CommitmentStatus, kind: FundingKind
) -> Commitment:
    return Commitment(
        id=cid, partner_id=partner, cost_item_id=item, year=year, amount=D(amount), status=status, kind=kind
    )


def _plan(instruments: tuple[Instrument, ...]) -> Document:
    """Three years from FY 2027-28; every year costs 115,000.50.

    Items: coordinator 100,000.00 a year (keep first, staffing), lab 5,000.00 a year (reduce if short, equipment),
    bus 10,000.50 a year (cut first, transportation).
    District (D): coordinator 60,000 committed in each year.
    College (C): coordinator 40,000 committed (y1) and 40,000 proposed (y2); lab 5,000 one-time committed (y1) and
    5,000 one-time pledged (y2).
    Employer (E): bus 10,000.50 one-time committed (y1, y2) and 5,000.25 one-time proposed (y3).

    Base gaps: y1 0.00 (committed 115,000.50), y2 45,000.00 (committed 70,000.50), y3 55,000.50; total 100,000.50.
    """
    base = new_document("Test", list(instruments))
    costs = {1: D("100000.00"), 2: D("100000.00"), 3: D("100000.00")}
    return base.model_copy(
        update={
            "profile": Profile(consortium_name="Test", grant_end=date(2027, 6, 30), horizon_years=3),
            "partners": [
                Partner(id="p-d", name="District", sector=Sector.K12),
                Partner(id="p-c", name="College", sector=Sector.COLLEGE),
                Partner(id="p-e", name="Employer", sector=Sector.EMPLOYER),
            ],
            "cost_items": [
                CostItem(
                    id="coord", name="Coordinator", category=CostCategory.STAFFING, costs=costs,
                    priority=ItemPriority.KEEP_FIRST,
                ),
                CostItem(
                    id="lab", name="Lab", category=CostCategory.EQUIPMENT, costs={y: D("5000.00") for y in (1, 2, 3)},
                    priority=ItemPriority.REDUCE,
                ),
                CostItem(
                    id="bus", name="Bus", category=CostCategory.TRANSPORTATION,
                    costs={y: D("10000.50") for y in (1, 2, 3)}, priority=ItemPriority.CUT_FIRST,
                ),
            ],
            "commitments": [
                _commitment("m1", "p-d", "coord", 1, "60000.00", COMMITTED, ONGOING),
                _commitment("m2", "p-d", "coord", 2, "60000.00", COMMITTED, ONGOING),
                _commitment("m3", "p-d", "coord", 3, "60000.00", COMMITTED, ONGOING),
                _commitment("m4", "p-c", "coord", 1, "40000.00", COMMITTED, ONGOING),
                _commitment("m5", "p-c", "coord", 2, "40000.00", PROPOSED, ONGOING),
                _commitment("m6", "p-e", "bus", 1, "10000.50", COMMITTED, ONE_TIME),
                _commitment("m7", "p-e", "bus", 2, "10000.50", COMMITTED, ONE_TIME),
                _commitment("m8", "p-e", "bus", 3, "5000.25", PROPOSED, ONE_TIME),
                _commitment("m9", "p-c", "lab", 1, "5000.00", COMMITTED, ONE_TIME),
                _commitment("m10", "p-c", "lab", 2, "5000.00", PLEDGED, ONE_TIME),
            ],
            "agreements": [
                Agreement(
                    id="mou", partner_ids=["p-d", "p-c", "p-e"], signed_on=date(2026, 2, 1),
                    fiscal_years=[2027, 2028, 2029],
                )
            ],
        }
    )  # fmt: skip


@pytest.fixture
def plan(instruments: tuple[Instrument, ...]) -> Document:
    return _plan(instruments)


def _gaps(result: ScenarioResult) -> list[Decimal]:
    return [y.scenario.gap for y in result.years]


def _costs(result: ScenarioResult) -> list[Decimal]:
    return [y.scenario.cost for y in result.years]


def test_a_scenario_with_only_a_name_is_the_committed_only_baseline(plan: Document) -> None:
    result = run_scenario(plan, Scenario(name="As it stands"))
    assert result.baseline is Baseline.COMMITTED_ONLY
    assert _gaps(result) == [D("0.00"), D("45000.00"), D("55000.50")]
    assert [y.base.gap for y in result.years] == _gaps(result)
    assert result.total_gap == result.base_total_gap == D("100000.50") and result.gap_change == 0
    assert result.share_changes == () and result.notes == ()
    assert result.years[0].label == "FY 2027-28"


def test_a_partner_withdraws_from_a_year(plan: Document) -> None:
    result = run_scenario(
        plan, Scenario(name="District leaves", withdrawals=[Withdrawal(partner_id="p-d", from_year=2)])
    )
    # Year 1 keeps the district's 60,000; years 2 and 3 lose it: the coordinator is 100,000 short, plus the lab's
    # 5,000 (and in year 3 the bus's 10,000.50) as before.
    assert _gaps(result) == [D("0.00"), D("105000.00"), D("115000.50")]
    assert result.total_gap == D("220000.50") and result.gap_change == D("120000.00")
    assert [y.gap_change for y in result.years] == [D("0.00"), D("60000.00"), D("60000.00")]
    # The district's total share, 180,000 of the plan's 345,001.50, becomes 60,000.
    district = next(c for c in result.share_changes if c.partner_id == "p-d")
    assert (district.base_total, district.scenario_total) == (D("180000.00"), D("60000.00"))
    assert result.share_changes[0] is district
    assert district.points == (D("60000.00") - D("180000.00")) / D("345001.50") * 100
    assert round(district.points, 2) == D("-34.78")


def test_pledges_and_proposals_change_the_as_planned_baseline(plan: Document) -> None:
    # As planned: year 2's proposal (40,000) and pledge (5,000) arrive, so year 2 has no gap; year 3 is short the
    # coordinator's 40,000, the lab's 5,000 and the bus's 10,000.50 - 5,000.25 proposed.
    arrives = run_scenario(plan, Scenario(name="Pledges kept", pledges=PledgeOutcome.ARRIVES))
    assert arrives.baseline is Baseline.AS_PLANNED
    assert [y.base.gap for y in arrives.years] == [D("0.00"), D("0.00"), D("50000.25")]
    assert _gaps(arrives) == [D("0.00"), D("0.00"), D("50000.25")] and arrives.gap_change == 0
    lost = run_scenario(plan, Scenario(name="Pledges lost", pledges=PledgeOutcome.DOES_NOT_ARRIVE))
    assert _gaps(lost) == [D("0.00"), D("5000.00"), D("50000.25")]  # the lab's pledge is gone
    assert lost.gap_change == D("5000.00")
    college = next(c for c in lost.share_changes if c.partner_id == "p-c")
    assert (college.base_total, college.scenario_total) == (D("90000.00"), D("85000.00"))


def test_proposals_approved_at_a_rate_round_half_up(plan: Document) -> None:
    half = run_scenario(plan, Scenario(name="Half", proposals_approved_percent=D("50")))
    assert half.baseline is Baseline.AS_PLANNED
    # 40,000.00 x 50 % = 20,000.00 (year 2); 5,000.25 x 50 % = 2,500.125, half up to 2,500.13 (year 3).
    assert [y.scenario.counted for y in half.years] == [D("115000.50"), D("95000.50"), D("62500.13")]
    assert _gaps(half) == [D("0.00"), D("20000.00"), D("52500.37")]
    assert half.total_gap == D("72500.37") and half.gap_change == D("22500.12")
    third = apply_scenario(plan, Scenario(name="A third", proposals_approved_percent=D("33.33")))
    # 5,000.25 x 33.33 % = 1,666.583325: down to 1,666.58.
    assert {c.id: c.amount for c in third.commitments if c.id in ("m5", "m8")} == {
        "m5": D("13332.00"),
        "m8": D("1666.58"),
    }
    none = apply_scenario(plan, Scenario(name="None", proposals_approved_percent=D("0")))
    assert {c.id for c in none.commitments} == {f"m{n}" for n in (1, 2, 3, 4, 6, 7, 9, 10)}


def test_costs_grow_a_year_rounded_half_up_per_line(plan: Document) -> None:
    grown = run_scenario(plan, Scenario(name="3 % a year", cost_growth_percent=D("3")))
    # Year 2: 103,000.00 + 5,150.00 + 10,300.515 (half up to 10,300.52) = 118,450.52.
    # Year 3 (x 1.0609): 106,090.00 + 5,304.50 + 10,609.53045 (10,609.53) = 122,004.03.
    assert _costs(grown) == [D("115000.50"), D("118450.52"), D("122004.03")]
    # Year 2: coordinator 43,000.00 short, lab 5,150.00, bus 300.02 over its own 10,000.50.
    assert _gaps(grown) == [D("0.00"), D("48450.02"), D("62004.03")]
    assert grown.total_gap == D("110454.05")
    transport = run_scenario(
        plan,
        Scenario(name="Buses", cost_growth_percent=D("3"), cost_growth_categories=[CostCategory.TRANSPORTATION]),
    )
    assert _costs(transport) == [D("115000.50"), D("115300.52"), D("115609.53")]
    assert transport.total_gap == D("100909.55")


def test_one_time_money_not_renewed(plan: Document) -> None:
    result = run_scenario(plan, Scenario(name="No renewals", one_time_renewed=False))
    # The employer's bus money counts in year 1 only (10,000.50 gone from year 2, the year-3 proposal gone); the
    # college's lab pledge in year 2 renews its year-1 money and is gone too.
    kept = {c.id for c in apply_scenario(plan, result.scenario).commitments}
    assert kept == {"m1", "m2", "m3", "m4", "m5", "m6", "m9"}
    assert _gaps(result) == [D("0.00"), D("55000.50"), D("55000.50")]
    assert result.total_gap == D("110001.00")


def test_a_combination_of_every_assumption(plan: Document) -> None:
    scenario = Scenario(
        name="Hard year",
        withdrawals=[Withdrawal(partner_id="p-d", from_year=3)],
        pledges=PledgeOutcome.ARRIVES,
        proposals_approved_percent=D("50"),
        cost_growth_percent=D("3"),
        one_time_renewed=False,
    )
    result = run_scenario(plan, scenario)
    assert result.baseline is Baseline.AS_PLANNED and result.base_total_gap == D("50000.25")
    # Gone: m3 (withdrawal), m7, m8 and m10 (renewals). m5 is half approved: 20,000.00 in year 2.
    assert [y.scenario.counted for y in result.years] == [D("115000.50"), D("80000.00"), D("0.00")]
    assert _costs(result) == [D("115000.50"), D("118450.52"), D("122004.03")]
    assert _gaps(result) == [D("0.00"), D("38450.52"), D("122004.03")]
    assert result.total_gap == D("160454.55") and result.gap_change == D("110454.30")
    # Each item keeps only its own money: year 2's 80,000.00 is the coordinator's; the lab and the bus get nothing.
    assert [(f.item.id, f.year, f.funded, f.shortfall) for f in result.lost] == [
        ("bus", 2, D("0.00"), D("10300.52")),
        ("lab", 2, D("0.00"), D("5150.00")),
        ("coord", 2, D("80000.00"), D("23000.00")),
    ]
    # Total shares of the plan's cost (345,001.50): D 180,000 -> 120,000, C 90,000 -> 65,000, E 25,001.25 ->
    # 10,000.50.
    assert [c.partner_id for c in result.share_changes] == ["p-d", "p-c", "p-e"]
    assert [round(c.points, 2) for c in result.share_changes] == [D("-17.39"), D("-7.25"), D("-4.35")]


def test_items_lose_funding_in_the_year_their_own_money_falls_short(plan: Document) -> None:
    result = run_scenario(plan, Scenario(name="As it stands"))
    # Year 2: the coordinator has its own 60,000 of 100,000 and the lab nothing; the bus keeps its own 10,000.50
    # until year 3, whatever the other items lack (committed money is earmarked).
    assert [(f.item.id, f.year, f.funded) for f in result.lost] == [
        ("lab", 2, D("0.00")),
        ("coord", 2, D("60000.00")),
        ("bus", 3, D("0.00")),
    ]
    assert result.lost[0].year_label == "FY 2028-29"


def test_moving_committed_money_is_an_explicit_labelled_assumption(plan: Document) -> None:
    moved = plan.model_copy(
        update={
            "commitments": [
                *plan.commitments,
                _commitment("m11", "p-e", "bus", 2, "30000.00", COMMITTED, ONE_TIME),  # 30,000 beyond the bus's cost
            ]
        }
    )
    kept = run_scenario(moved, Scenario(name="Earmarked"))
    # Earmarked: the extra 30,000 on the bus pays nothing else; year 2 is still 45,000.00 short.
    assert _gaps(kept)[1] == D("45000.00")
    scenario = Scenario(name="Move money", move_committed_money=True)
    pooled = run_scenario(moved, scenario)
    # Moved: year 2's 100,000.50 goes to the coordinator first (100,000), then 0.50 to the lab; the bus gets nothing.
    assert _gaps(pooled)[1] == D("15000.00")
    assert [(f.item.id, f.year, f.funded) for f in pooled.lost][:2] == [("bus", 2, D("0.00")), ("lab", 2, D("0.50"))]
    assert any("move committed money" in line for line in describe_assumptions(moved, scenario))
    assert not is_bad_news_only(scenario)


def test_withdrawals_that_change_nothing_are_named(plan: Document) -> None:
    scenario = Scenario(
        name="Odd",
        withdrawals=[
            Withdrawal(partner_id="p-gone"),
            Withdrawal(partner_id="p-d", from_year=5),
            Withdrawal(partner_id="p-c", from_year=3),
        ],
    )
    result = run_scenario(plan, scenario)
    assert result.notes == (
        "A withdrawal names a partner that is not in the partner list (p-gone); it changes nothing.",
        "District withdraws from year 5 after the grant, after the 3-year plan; it changes nothing.",
        "College has no money in the plan from FY 2029-30 on; its withdrawal changes nothing.",
    )
    assert result.total_gap == result.base_total_gap


def test_assumptions_in_plain_words(plan: Document) -> None:
    committed_only = 'Changes the baseline "Committed only" (only money that is certain'
    as_planned = 'Changes the baseline "As planned" (every pledge and proposal arrives in full, as written)'
    plain = describe_assumptions(plan, Scenario(name="x"))
    assert plain[0].startswith(committed_only) and plain[1:] == ["No assumptions yet: the baseline itself"]
    scenario = Scenario(
        name="Hard year",
        withdrawals=[Withdrawal(partner_id="p-d", from_year=3), Withdrawal(partner_id="p-gone")],
        pledges=PledgeOutcome.DOES_NOT_ARRIVE,
        proposals_approved_percent=D("62.50"),
        cost_growth_percent=D("3.0"),
        cost_growth_categories=[CostCategory.STAFFING, CostCategory.TRANSPORTATION],
        one_time_renewed=False,
    )
    assert describe_assumptions(plan, scenario) == [
        as_planned,
        "District withdraws from FY 2029-30 on (year 3 after the grant)",
        "A partner no longer in the plan (p-gone) withdraws from FY 2027-28 on (year 1 after the grant)",
        "Pledged money does not arrive",
        "Proposals are approved at 62.5% of what was asked",
        "Costs grow 3% a year (staffing and coordination, transportation)",
        "One-time money is not renewed",
    ]
    every = Scenario(name="y", proposals_approved_percent=D("100"))
    assert describe_assumptions(plan, every) == [as_planned, "Every proposal is approved"]
    assert describe_assumptions(plan, Scenario(name="z", proposals_approved_percent=D("0")))[1:] == [
        "No proposal is approved"
    ]


def test_scenario_rules() -> None:
    with pytest.raises(ValidationError, match="withdraws twice"):
        Scenario(name="x", withdrawals=[Withdrawal(partner_id="a"), Withdrawal(partner_id="a", from_year=2)])
    with pytest.raises(ValidationError, match="less than or equal to 100"):
        Scenario(name="x", proposals_approved_percent=D("101"))
    with pytest.raises(ValidationError, match="not a percentage"):
        Scenario(name="x", cost_growth_percent="-2")
    with pytest.raises(ValidationError, match="written as text"):
        Scenario(name="x", cost_growth_percent=2.5)
    with pytest.raises(ValidationError, match="2 decimal places"):
        Scenario(name="x", cost_growth_percent=D("2.125"))
    with pytest.raises(ValidationError, match="listed twice"):
        Scenario(name="x", cost_growth_categories=[CostCategory.DATA, CostCategory.DATA])
    assert Scenario(name="x", cost_growth_percent="3.5 %").cost_growth_percent == D("3.5")
    assert Scenario(name="x", cost_growth_percent="3.5").model_dump(mode="json")["cost_growth_percent"] == "3.5"


def test_stress_test_ranks_partners_by_the_gap_they_leave(plan: Document) -> None:
    result = stress_test(plan)
    assert result.baseline is Baseline.COMMITTED_ONLY
    assert result.total_cost == D("345001.50") and result.base_total_gap == D("100000.50")
    district, college, employer = result.rows
    assert [r.partner.id for r in result.rows] == ["p-d", "p-c", "p-e"] and [r.rank for r in result.rows] == [1, 2, 3]
    # District: 180,000 committed to the coordinator; without it the gaps are 60,000.00, 105,000.00 and 115,000.50.
    assert [y.gap for y in district.years] == [D("60000.00"), D("105000.00"), D("115000.50")]
    assert (district.committed, district.planned, district.gap_increase) == (D("180000.00"),) * 3
    assert district.share_of_cost == D("180000.00") / D("345001.50")
    # Without it the coordinator, funded in full in year 1 today, is short: its single point of failure.
    assert [(f.item.id, f.year) for f in district.keep_first_newly_lost] == [("coord", 1)]
    # College: 45,000 committed (40,000 coordinator + 5,000 lab) of 90,000 planned; only the items it pays suffer.
    assert (college.committed, college.planned, college.gap_increase) == (D("45000.00"), D("90000.00"), D("45000.00"))
    assert [f.item.id for f in college.newly_lost] == ["lab", "coord"]
    # Employer: 20,001.00 committed to the bus, the only item it pays.
    assert (employer.committed, employer.gap_increase) == (D("20001.00"), D("20001.00"))
    assert [(f.item.id, f.year) for f in employer.newly_lost] == [("bus", 1)]
    assert employer.keep_first_newly_lost == ()
    assert [f.item.id for f in employer.lost] == ["bus", "lab", "coord"]  # lab and coordinator as in the baseline


def _same_as_running_the_scenario(document: Document) -> None:
    test = stress_test(document)
    assert {r.partner.id for r in test.rows} == {p.id for p in document.partners}
    for row in test.rows:
        result = run_scenario(document, row.as_scenario())
        assert row.years == tuple(y.scenario for y in result.years)
        assert row.lost == result.lost
        assert row.gap_increase == result.gap_change


def test_stress_test_agrees_with_running_each_withdrawal(plan: Document, demo: Document) -> None:
    _same_as_running_the_scenario(plan)
    _same_as_running_the_scenario(demo)


@pytest.mark.slow
def test_stress_test_agrees_on_the_large_document(instruments: tuple[Instrument, ...]) -> None:
    _same_as_running_the_scenario(large_document(instruments))


def test_demo_stress_test_names_no_partner_for_an_item_it_does_not_pay(demo: Document) -> None:
    """Defect: Northfork (whose only money is donated lab equipment) was the coordinator's single point of failure,
    and the county office one for a contract it does not fund."""
    ledger = summarize_funding(demo).ledger
    rows = stress_test(demo).rows
    for row in rows:
        for lost in row.keep_first_newly_lost:
            item = ledger.item(lost.item.id)
            assert item is not None and row.partner.id in item.committed_payers[lost.year]
    northfork = next(r for r in rows if r.partner.id == "p-fab")
    assert all(f.item.id == "c-equip" for f in northfork.newly_lost)
    county = next(r for r in rows if r.partner.id == "p-county")
    assert "c-wbl" not in {f.item.id for f in county.keep_first_newly_lost}
    assert rows[-1].planned == 0 and rows[-1].gap_increase == 0


_amounts = st.decimals("0", "50000", places=2)
_commitments = st.lists(
    st.tuples(
        st.sampled_from(["p-d", "p-c", "p-e"]),
        st.sampled_from(["coord", "lab", "bus"]),
        st.integers(1, 3),
        _amounts,
        st.sampled_from(list(CommitmentStatus)),
        st.sampled_from(list(FundingKind)),
    ),
    max_size=25,
)
_scenarios = st.builds(
    Scenario,
    name=st.just("Any"),
    withdrawals=st.lists(
        st.builds(Withdrawal, partner_id=st.sampled_from(["p-d", "p-c", "p-e"]), from_year=st.integers(1, 5)),
        max_size=3,
        unique_by=lambda w: w.partner_id,
    ),
    pledges=st.sampled_from(list(PledgeOutcome)),
    proposals_approved_percent=st.none() | st.decimals("0", "100", places=2),
    cost_growth_percent=st.decimals("0", "100", places=2),
    cost_growth_categories=st.lists(st.sampled_from(list(CostCategory)), unique=True, max_size=3),
    one_time_renewed=st.booleans(),
)


def _random_plan(
    instruments: tuple[Instrument, ...],
    rows: list[tuple[str, str, int, Decimal, CommitmentStatus, FundingKind]],
    costs: list[Decimal],
) -> Document:
    plan = _plan(instruments)
    items = [
        item.model_copy(update={"costs": {y: costs[n * 3 + y - 1] for y in (1, 2, 3)}})
        for n, item in enumerate(plan.cost_items)
    ]
    commitments = [_commitment(f"m{n}", p, i, y, str(a), s, k) for n, (p, i, y, a, s, k) in enumerate(rows)]
    return plan.model_copy(update={"cost_items": items, "commitments": commitments})


@settings(max_examples=60, deadline=None)
@given(
    _commitments,
    st.lists(_amounts, min_size=9, max_size=9),
    _scenarios,
    st.sampled_from(["p-d", "p-c", "p-e"]),
    st.integers(1, 3),
)
def test_growth_never_lowers_a_cost_and_a_withdrawal_never_raises_committed_money(
    instruments: tuple[Instrument, ...],
    rows: list[tuple[str, str, int, Decimal, CommitmentStatus, FundingKind]],
    costs: list[Decimal],
    scenario: Scenario,
    leaver: str,
    from_year: int,
) -> None:
    plan = _random_plan(instruments, rows, costs)
    result = run_scenario(plan, scenario)
    for year in result.years:
        assert year.scenario.cost >= year.base.cost
        # Earmarked: the gap is the items' shortfalls added up, never less than the pooled shortfall.
        shorts = sum((iy.years[year.year].short(result.baseline) for iy in result.ledger.items), D(0))
        assert year.scenario.gap == shorts >= max(year.scenario.cost - year.scenario.counted, D(0))
        assert year.scenario.counted == year.scenario.counted.quantize(D("0.01"))
        # A scenario made only of bad news never shows a smaller gap than its baseline, in any year.
        assert year.scenario.gap >= year.base.gap
    # One more partner leaving, on top of whatever else the scenario assumes, never adds committed money.
    others = [w for w in scenario.withdrawals if w.partner_id != leaver]
    harder = scenario.model_copy(update={"withdrawals": [*others, Withdrawal(partner_id=leaver, from_year=from_year)]})
    with_leaver = run_scenario(plan, harder)
    softer = run_scenario(plan, scenario.model_copy(update={"withdrawals": others}))
    for before, after in zip(softer.years, with_leaver.years, strict=True):
        assert after.scenario.counted <= before.scenario.counted
        assert after.scenario.gap >= before.scenario.gap
    alone = run_scenario(
        plan, Scenario(name="Leaves", withdrawals=[Withdrawal(partner_id=leaver, from_year=from_year)])
    )
    assert all(y.scenario.counted <= y.base.counted for y in alone.years)


def test_scenarios_are_saved_edited_and_named_once(plan: Document, tmp_path: Path) -> None:
    document = edits.add_scenario(plan, "Hard year")
    document = edits.set_withdrawal(document, 0, "p-d", 2)
    document = edits.set_withdrawal(document, 0, "p-e", 1)
    document = edits.set_withdrawal(document, 0, "p-d", 3)  # changes the year, keeps the district's place
    document = edits.update_scenario(document, 0, pledges=PledgeOutcome.ARRIVES, cost_growth_percent=D("2.5"))
    scenario = document.scenarios[0]
    assert [(w.partner_id, w.from_year) for w in scenario.withdrawals] == [("p-d", 3), ("p-e", 1)]
    assert edits.set_withdrawal(document, 0, "p-d", None).scenarios[0].withdrawals == [Withdrawal(partner_id="p-e")]
    with pytest.raises(edits.EditError, match="two scenarios are called"):
        edits.add_scenario(document, "  HARD year ")
    with pytest.raises(edits.EditError, match="cannot be empty"):
        edits.add_scenario(document, " ")
    with pytest.raises(edits.EditError, match="from 1 to 5"):
        edits.set_withdrawal(document, 0, "p-d", 6)
    with pytest.raises(edits.EditError, match="no partner"):
        edits.set_withdrawal(document, 0, "p-gone", 1)
    with pytest.raises(edits.EditError, match="less than or equal to 100"):
        edits.update_scenario(document, 0, proposals_approved_percent=D("120"))
    assert edits.remove_scenario(document, 0).scenarios == []
    path = tmp_path / "plan.json"
    save_document(document, path)
    again = load_document(path)
    assert again.scenarios == document.scenarios
    assert json.loads(path.read_text("utf-8"))["scenarios"][0]["cost_growth_percent"] == "2.5"
    assert run_scenario(again, again.scenarios[0]).total_gap == run_scenario(document, scenario).total_gap


def test_a_respondent_form_carries_no_scenarios(demo: Document) -> None:
    assert demo.scenarios
    assert respondent_form(demo, "Avery", Sector.K12).scenarios == []
