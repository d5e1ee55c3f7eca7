from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from planner.core.funding.costs import largest_remainder_percent
from planner.core.funding.decision import UNASSIGNED_KEY, recommendation, summarize_decision
from planner.core.model.cost_plan import (
    Agreement,
    Commitment,
    CommitmentStatus,
    CostCategory,
    CostItem,
    FundingSource,
    ItemPriority,
)
from planner.core.model.document import Adoption, Document, Partner, PlanStatus, Profile, Sector, new_document
from planner.core.model.money import MINUS, format_dollars, format_money
from planner.core.model.rubric import Instrument
from planner.core.storage.migrations import migrate

D = Decimal


def _plan(instruments: tuple[Instrument, ...]) -> Document:
    """Two years from FY 2027-28; three partners; two items; one item's gap assigned, one not.

    Coordinator: 100,000.00 and 103,000.00. District commits 60,000 (y1, LCAP) and pledges 40,000 (y1, SWP K-12);
    college proposes 50,000 (y2, SWP college). Gap of the coordinator is the district's to close.
    Bus: 10,000.50 in year 1 only, employer commits 4,000.25 (y1). The bus gap is not assigned.
    """
    base = new_document("Test", list(instruments))
    return base.model_copy(
        update={
            "profile": Profile(consortium_name="Test", grant_end=date(2027, 6, 30), horizon_years=2),
            "partners": [
                Partner(id="p-d", name="District", sector=Sector.K12),
                Partner(id="p-c", name="College", sector=Sector.COLLEGE),
                Partner(id="p-e", name="Employer", sector=Sector.EMPLOYER),
            ],
            "cost_items": [
                CostItem(
                    id="c-coord",
                    name="Coordinator",
                    category=CostCategory.STAFFING,
                    costs={1: D("100000.00"), 2: D("103000.00")},
                    priority=ItemPriority.KEEP_FIRST,
                    gap_partner_id="p-d",
                ),
                CostItem(
                    id="c-bus",
                    name="Bus",
                    category=CostCategory.TRANSPORTATION,
                    costs={1: D("10000.50")},
                    priority=ItemPriority.CUT_FIRST,
                ),
            ],
            "commitments": [
                Commitment(
                    id="m1", partner_id="p-d", cost_item_id="c-coord", year=1, amount=D("60000.00"),
                    fund=FundingSource.LCFF_LCAP, status=CommitmentStatus.COMMITTED,
                ),
                Commitment(
                    id="m2", partner_id="p-d", cost_item_id="c-coord", year=1, amount=D("40000.00"),
                    fund=FundingSource.STRONG_WORKFORCE_K12, status=CommitmentStatus.PLEDGED,
                ),
                Commitment(
                    id="m3", partner_id="p-c", cost_item_id="c-coord", year=2, amount=D("50000.00"),
                    fund=FundingSource.STRONG_WORKFORCE_COLLEGE, status=CommitmentStatus.PROPOSED,
                ),
                Commitment(
                    id="m4", partner_id="p-e", cost_item_id="c-bus", year=1, amount=D("4000.25"),
                    fund=FundingSource.EMPLOYER, status=CommitmentStatus.COMMITTED,
                ),
            ],
            # The district's and the employer's budgets for FY 2027-28 are not adopted at the plan's date; their MOU
            # makes their committed money count.
            "agreements": [
                Agreement(
                    id="a1", partner_ids=["p-d", "p-e"], signed_on=date(2026, 3, 1), fiscal_years=[2027, 2028],
                    reference="MOU 7",
                )
            ],
        }
    )  # fmt: skip


def test_largest_remainder_adds_to_exactly_100() -> None:
    # 1/3 each: 33.33 -> 33, 33, 33, one point left for the first (ties go to the earlier entry).
    assert largest_remainder_percent([D(1), D(1), D(1)]) == [34, 33, 33]
    # 12.5 / 37.5 / 50: floors 12, 37, 50 = 99; remainders .5 and .5 -> the earlier one gets it.
    assert largest_remainder_percent([D("12.5"), D("37.5"), D(50)]) == [13, 37, 50]
    # 2/7, 2/7, 3/7 = 28.57, 28.57, 42.86: floors 28+28+42 = 98; the largest remainders are .86, then the
    # first .57.
    assert largest_remainder_percent([D(2), D(2), D(3)]) == [29, 28, 43]
    assert largest_remainder_percent([D(0), D(0)]) == [0, 0]
    assert largest_remainder_percent([]) == []


def test_ask_table_by_hand(instruments: tuple[Instrument, ...]) -> None:
    summary = summarize_decision(_plan(instruments))
    ask = summary.ask
    rows = {r.key: r for r in ask.rows}
    assert list(rows) == ["p-d", "p-c", "p-e", UNASSIGNED_KEY]
    district = rows["p-d"]
    # Year 1: committed 60,000, pledged 40,000; the coordinator is fully promised, no new ask.
    assert district.by_year[1].committed == D("60000.00") and district.by_year[1].pledged == D("40000.00")
    assert district.by_year[1].new_ask == 0
    # Year 2: 103,000 - 50,000 proposed by the college = 53,000 new ask for the district.
    assert district.by_year[2].new_ask == D("53000.00")
    assert district.total.total == D("153000.00")
    assert rows["p-c"].total.proposed == D("50000.00")
    assert rows["p-e"].total.committed == D("4000.25")
    # Bus: 10,000.50 - 4,000.25 = 6,000.25 nobody has been asked for.
    assert rows[UNASSIGNED_KEY].by_year[1].new_ask == D("6000.25")
    assert ask.unassigned == D("6000.25")
    # Every column adds up to the year's cost, and the grand total to the plan's cost.
    assert ask.year_total(1).total == D("110000.50")
    assert ask.year_total(2).total == D("103000.00")
    assert ask.total.total == summary.total_cost == D("213000.50")
    # Shares: 153,000 / 50,000 / 4,000.25 / 6,000.25 of 213,000.50 = 71.83, 23.47, 1.88, 2.82 -> 71, 23, 1, 2
    # (97); the three missing points go to the remainders .88, .83 and .82.
    assert [r.share for r in ask.rows] == [72, 23, 2, 3]
    assert sum(r.share for r in ask.rows) == 100
    # Gap = cost - committed = 213,000.50 - 64,000.25; partners are asked 40,000 + 50,000 + 53,000.
    assert summary.gap == D("149000.25")
    assert summary.asked_of_partners == D("143000.00")


def test_ask_in_whole_dollars_adds_up_as_printed(instruments: tuple[Instrument, ...]) -> None:
    grid = summarize_decision(_plan(instruments)).ask_dollars
    # Still to commit, per partner and year: 40,000 and 53,000 (district), 50,000 (college), 6,000.25 not yet
    # assigned: 149,000.25 rounds to 149,000, and the cell 6,000.25 floors to 6,000.
    assert grid.total == D(149000)
    assert grid.cells[("p-e", 1)] == D(0) and grid.cells[(UNASSIGNED_KEY, 1)] == D(6000)
    assert sum(grid.rows.values()) == sum(grid.years.values()) == grid.total
    assert grid.years[1] == D(46000) and grid.years[2] == D(103000)
    # Committed 60,000 and 4,000.25: 64,000 as printed; each row's total share is its committed plus still to commit.
    assert grid.committed == {"p-d": D(60000), "p-c": D(0), "p-e": D(4000), UNASSIGNED_KEY: D(0)}
    assert grid.committed_total == D(64000)
    assert grid.total_share["p-d"] == D(153000) and grid.total_share_total == grid.committed_total + grid.total


def test_if_nothing_is_decided_by_hand(instruments: tuple[Instrument, ...]) -> None:
    stops = summarize_decision(_plan(instruments)).stops
    # Year 1: the coordinator has 60,000 committed of 100,000, the bus 4,000.25 of 10,000.50. The bus is cut
    # first, so it is listed first.
    assert [(s.item_name, s.year, s.fiscal_year) for s in stops] == [
        ("Bus", 1, "FY 2027-28"),
        ("Coordinator", 1, "FY 2027-28"),
    ]
    assert stops[0].shortfall == D("6000.25")
    assert stops[1].shortfall == D("40000.00")


def test_board_deadlines(instruments: tuple[Instrument, ...]) -> None:
    deadlines = {d.partner.id: d for d in summarize_decision(_plan(instruments)).deadlines}
    # The district's first uncommitted money is in year 1 (FY 2027-28): budget adopted by July 1, 2027.
    assert deadlines["p-d"].deadline == date(2027, 7, 1)
    assert deadlines["p-d"].amount == D("93000.00")
    # The college's proposal is for year 2 (FY 2028-29): final budget by September 15, 2028.
    assert deadlines["p-c"].deadline == date(2028, 9, 15)
    # The employer has committed everything it is asked for: no deadline to meet.
    assert "p-e" not in deadlines
    plan = _plan(instruments)
    own = plan.model_copy(
        update={
            "partners": [plan.partners[0].model_copy(update={"budget_deadline": date(2027, 6, 15)}), *plan.partners[1:]]
        }
    )
    assert summarize_decision(own).deadlines[0].deadline == date(2027, 6, 15)


def test_fund_mix_and_match_flags(instruments: tuple[Instrument, ...]) -> None:
    summary = summarize_decision(_plan(instruments))
    mix = {m.fund: m for m in summary.fund_mix}
    assert mix[FundingSource.LCFF_LCAP].total == D("60000.00")
    assert mix[FundingSource.LCFF_LCAP].committed == D("60000.00")
    assert mix[FundingSource.STRONG_WORKFORCE_K12].committed == 0
    assert sum(m.share for m in summary.fund_mix) == 100
    assert [m.fund for m in summary.match_flags] == [FundingSource.STRONG_WORKFORCE_K12]
    by_partner = {s.partner.id: s for s in summary.sources}
    assert by_partner["p-d"].total == D("100000.00")
    assert [line.commitment.fund for line in by_partner["p-d"].lines] == [
        FundingSource.LCFF_LCAP,
        FundingSource.STRONG_WORKFORCE_K12,
    ]


def test_recommendation_states_the_figures(instruments: tuple[Instrument, ...]) -> None:
    summary = summarize_decision(_plan(instruments))
    text = recommendation(summary, "Test")
    for figure in ("FY 2027-28 to FY 2028-29", "$213,001", "$64,000", "$149,000", "$6,000"):
        assert figure in text, figure
    empty = summarize_decision(new_document("Empty", list(instruments)))
    assert "no post-grant costs" in recommendation(empty, "Empty")
    assert empty.ask.rows == () and empty.stops == () and empty.deadlines == ()


def test_item_priority_is_ordered_with_labels() -> None:
    assert sorted(ItemPriority, reverse=True)[0] is ItemPriority.CUT_FIRST
    assert ItemPriority.KEEP_FIRST < ItemPriority.KEEP < ItemPriority.REDUCE < ItemPriority.CUT_FIRST
    assert ItemPriority.KEEP_FIRST.label == "Keep first" and ItemPriority.CUT_FIRST.label == "Cut first"


def test_adoption_status() -> None:
    assert Adoption().status is PlanStatus.DRAFT
    assert Adoption(adopted_on=date(2027, 5, 12)).status is PlanStatus.ADOPTED


def test_dollars_and_minus() -> None:
    assert format_dollars(D("1234.50")) == "$1,235"
    assert format_dollars(D("-0.40")) == "$0"
    assert format_dollars(D("-12.50")) == f"{MINUS}$13"
    assert format_money(D("-1.00")) == f"{MINUS}$1.00"


def test_version_3_commitments_upgrade_to_other(demo: Document) -> None:
    raw = json.loads(demo.model_dump_json())
    raw["schema_version"] = 3
    for c in raw["commitments"]:
        del c["fund"]
    for i in raw["cost_items"]:
        del i["priority"], i["gap_partner_id"]
    del raw["adoption"]
    upgraded = Document.model_validate(migrate(raw))
    assert {c.fund for c in upgraded.commitments} == {FundingSource.OTHER}
    assert {i.priority for i in upgraded.cost_items} == {ItemPriority.KEEP}
    assert upgraded.adoption.status is PlanStatus.DRAFT
    assert [c.source for c in upgraded.commitments] == [c.source for c in demo.commitments]


@pytest.mark.parametrize("field", ["moved_by", "seconded_by", "motion"])
def test_adoption_text_is_bounded(field: str) -> None:
    with pytest.raises(ValueError):
        Adoption(**{field: "x" * 6000})


def test_printed_partner_and_sector_shares_add_to_100(demo: Document) -> None:
    from planner.core.funding.costs import summarize_funding

    funding = summarize_funding(demo)
    # Rounded one by one, the demo's partner shares printed 27+26+14+13+8+6+5 = 99 %.
    assert sum(s.percent for s in funding.partners) == 100
    assert sum(s.percent for s in funding.sectors) == 100


def test_default_motion_reads_as_a_sentence(instruments: tuple[Instrument, ...]) -> None:
    from planner.core.funding.decision import default_motion

    empty = new_document("Empty", list(instruments))
    motion = default_motion(empty)
    assert f"plan for the {empty.profile.horizon_years} years after the grant ends," in motion
    assert "plan for FY 2027-28 to FY 2028-29," in default_motion(_plan(instruments))
