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
from planner.core.funding.scenarios import (
    ScenarioResult,
    apply_scenario,
    describe_assumptions,
    run_scenario,
    stress_test,
)
from planner.core.model.cost_plan import (
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
        }
    )  # fmt: skip


@pytest.fixture
def plan(instruments: tuple[Instrument, ...]) -> Document:
    return _plan(instruments)


def _gaps(result: ScenarioResult) -> list[Decimal]:
    return [y.scenario.gap for y in result.years]


def _costs(result: ScenarioResult) -> list[Decimal]:
    return [y.scenario.cost for y in result.years]


def test_a_scenario_with_only_a_name_is_the_base_plan(plan: Document) -> None:
    result = run_scenario(plan, Scenario(name="As planned"))
    assert _gaps(result) == [D("0.00"), D("45000.00"), D("55000.50")]
    assert [y.base.gap for y in result.years] == _gaps(result)
    assert result.total_gap == result.base_total_gap == D("100000.50") and result.gap_change == 0
    assert result.share_changes == () and result.notes == ()
    assert result.years[0].label == "Year 1 (FY 2027-28)"


def test_a_partner_withdraws_from_a_year(plan: Document) -> None:
    result = run_scenario(
        plan, Scenario(name="District leaves", withdrawals=[Withdrawal(partner_id="p-d", from_year=2)])
    )
    # Year 1 keeps the district's 60,000; years 2 and 3 lose it: 115,000.50 - 10,000.50 and 115,000.50 - 0.
    assert _gaps(result) == [D("0.00"), D("105000.00"), D("115000.50")]
    assert result.total_gap == D("220000.50") and result.gap_change == D("120000.00")
    assert [y.gap_change for y in result.years] == [D("0.00"), D("60000.00"), D("60000.00")]
    # The district's 180,000 of 295,001.25 planned becomes 60,000 of 175,001.25.
    district = next(c for c in result.share_changes if c.partner_id == "p-d")
    assert (district.base_total, district.scenario_total) == (D("180000.00"), D("60000.00"))
    assert result.share_changes[0] is district
    assert district.points == (D("60000.00") / D("175001.25") - D("180000.00") / D("295001.25")) * 100
    assert round(district.points, 2) == D("-26.73")


def test_pledges_arrive_or_do_not(plan: Document) -> None:
    arrives = run_scenario(plan, Scenario(name="Pledges kept", pledges=PledgeOutcome.ARRIVES))
    # The college's 5,000 lab pledge in year 2 becomes committed: 45,000.00 - 5,000.00.
    assert _gaps(arrives) == [D("0.00"), D("40000.00"), D("55000.50")]
    assert arrives.total_gap == D("95000.50")
    assert arrives.years[1].scenario.pledged == 0 and arrives.years[1].scenario.committed == D("75000.50")
    assert arrives.share_changes == ()  # the same money, only firmer
    lost = run_scenario(plan, Scenario(name="Pledges lost", pledges=PledgeOutcome.DOES_NOT_ARRIVE))
    assert _gaps(lost) == [D("0.00"), D("45000.00"), D("55000.50")]  # pledges never closed a gap
    assert lost.years[1].scenario.pledged == 0
    college = next(c for c in lost.share_changes if c.partner_id == "p-c")
    assert (college.base_total, college.scenario_total) == (D("90000.00"), D("85000.00"))


def test_proposals_approved_at_a_rate_round_half_up(plan: Document) -> None:
    half = run_scenario(plan, Scenario(name="Half", proposals_approved_percent=D("50")))
    # 40,000.00 x 50 % = 20,000.00 (year 2); 5,000.25 x 50 % = 2,500.125, half up to 2,500.13 (year 3).
    assert [y.scenario.committed for y in half.years] == [D("115000.50"), D("90000.50"), D("62500.13")]
    assert _gaps(half) == [D("0.00"), D("25000.00"), D("52500.37")]
    assert half.total_gap == D("77500.37")
    assert all(y.scenario.proposed == 0 for y in half.years)
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
    # Gone: m3 (withdrawal), m7, m8 and m10 (renewals). m5 is half approved: 20,000.00 committed in year 2.
    assert [y.scenario.committed for y in result.years] == [D("115000.50"), D("80000.00"), D("0.00")]
    assert _costs(result) == [D("115000.50"), D("118450.52"), D("122004.03")]
    assert _gaps(result) == [D("0.00"), D("38450.52"), D("122004.03")]
    assert result.total_gap == D("160454.55") and result.gap_change == D("60454.05")
    # Year 2's 80,000.00 goes to the keep-first coordinator (103,000.00); the lab and the bus get nothing.
    assert [(f.item.id, f.year, f.funded, f.shortfall) for f in result.lost] == [
        ("bus", 2, D("0.00"), D("10300.52")),
        ("lab", 2, D("0.00"), D("5150.00")),
        ("coord", 2, D("80000.00"), D("23000.00")),
    ]
    # Planned money: base D 180,000 / C 90,000 / E 25,001.25 of 295,001.25; now 120,000 / 65,000 / 10,000.50 of
    # 195,000.50: the employer moves most (8.47 % to 5.13 %), then the college (30.51 % to 33.33 %), then the district
    # (61.02 % to 61.54 %).
    assert [c.partner_id for c in result.share_changes] == ["p-e", "p-c", "p-d"]
    assert [round(c.points, 2) for c in result.share_changes] == [D("-3.35"), D("2.82"), D("0.52")]


def test_items_lose_funding_keep_first_last(plan: Document) -> None:
    result = run_scenario(plan, Scenario(name="As planned"))
    # Year 1 is funded in full; year 2's 70,000.50 all reaches the coordinator, which is still 29,999.50 short.
    assert [(f.item.id, f.year, f.funded) for f in result.lost] == [
        ("bus", 2, D("0.00")),
        ("lab", 2, D("0.00")),
        ("coord", 2, D("70000.50")),
    ]
    assert result.lost[0].year_label == "Year 2 (FY 2028-29)"


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
        "District withdraws from year 5, after the 3-year plan; it changes nothing.",
        "College has no money in the plan from year 3 on; its withdrawal changes nothing.",
    )
    assert result.total_gap == result.base_total_gap


def test_assumptions_in_plain_words(plan: Document) -> None:
    assert describe_assumptions(plan, Scenario(name="x")) == ["No assumptions yet: the base plan"]
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
        "District withdraws from year 3 (FY 2029-30) on",
        "A partner no longer in the plan (p-gone) withdraws from year 1 (FY 2027-28) on",
        "Pledged money does not arrive",
        "Proposals are approved at 62.5% of what was asked",
        "Costs grow 3% a year (staffing and coordination, transportation)",
        "One-time money is not renewed",
    ]
    every = Scenario(name="y", proposals_approved_percent=D("100"))
    assert describe_assumptions(plan, every) == ["Every proposal is approved"]
    assert describe_assumptions(plan, Scenario(name="z", proposals_approved_percent=D("0"))) == [
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
    assert result.total_cost == D("345001.50") and result.base_total_gap == D("100000.50")
    district, college, employer = result.rows
    assert [r.partner.id for r in result.rows] == ["p-d", "p-c", "p-e"] and [r.rank for r in result.rows] == [1, 2, 3]
    # District: 180,000 committed; without it the gaps are 60,000.00, 105,000.00 and 115,000.50.
    assert [y.gap for y in district.years] == [D("60000.00"), D("105000.00"), D("115000.50")]
    assert (district.committed, district.planned, district.gap_increase) == (D("180000.00"),) * 3
    assert district.share_of_cost == D("180000.00") / D("345001.50")
    # Without it year 1 has 55,000.50: the coordinator, fully funded in year 1 today, is short: single point of failure.
    assert [(f.item.id, f.year) for f in district.keep_first_newly_lost] == [("coord", 1)]
    # College: 45,000 committed (40,000 + 5,000) of 90,000 planned; year 1 becomes 45,000.00 short.
    assert (college.committed, college.planned, college.gap_increase) == (D("45000.00"), D("90000.00"), D("45000.00"))
    assert [f.item.id for f in college.newly_lost] == ["bus", "lab", "coord"]
    # Employer: 20,001.00 committed; year 1's 105,000.00 still funds the coordinator and the lab, not the bus.
    assert (employer.committed, employer.gap_increase) == (D("20001.00"), D("20001.00"))
    assert [(f.item.id, f.year) for f in employer.newly_lost] == [("bus", 1)]
    assert employer.keep_first_newly_lost == ()
    assert [f.item.id for f in employer.lost] == ["bus", "lab", "coord"]  # lab and coordinator as in the base


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


def test_demo_stress_test_puts_the_fiscal_agent_first(demo: Document) -> None:
    rows = stress_test(demo).rows
    assert rows[0].partner.id == "p-county" and rows[0].gap_increase == D("156920.00")
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
        assert year.scenario.gap == max(year.scenario.cost - year.scenario.committed, D(0))
        assert year.scenario.committed == year.scenario.committed.quantize(D("0.01"))
    # One more partner leaving, on top of whatever else the scenario assumes, never adds committed money.
    others = [w for w in scenario.withdrawals if w.partner_id != leaver]
    harder = scenario.model_copy(update={"withdrawals": [*others, Withdrawal(partner_id=leaver, from_year=from_year)]})
    with_leaver = run_scenario(plan, harder)
    softer = run_scenario(plan, scenario.model_copy(update={"withdrawals": others}))
    for before, after in zip(softer.years, with_leaver.years, strict=True):
        assert after.scenario.committed <= before.scenario.committed
        assert after.scenario.gap >= before.scenario.gap
    alone = run_scenario(
        plan, Scenario(name="Leaves", withdrawals=[Withdrawal(partner_id=leaver, from_year=from_year)])
    )
    assert all(y.scenario.committed <= y.base.committed for y in alone.years)


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
