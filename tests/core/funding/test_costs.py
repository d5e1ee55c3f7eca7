from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.funding.costs import ZERO, WarningCode, summarize_funding
from planner.core.model.cost_plan import Agreement, Commitment, CommitmentStatus, CostCategory, CostItem, FundingKind
from planner.core.model.document import Document, Partner, Sector
from planner.core.model.rubric import Instrument
from planner.core.storage.demo import demo_document


def _codes(document: Document) -> list[WarningCode]:
    return [w.code for w in summarize_funding(document).warnings]


def test_demo_years_by_hand(demo: Document) -> None:
    funding = summarize_funding(demo)
    y1, _y2, y3 = funding.years
    assert y1.cost == Decimal("328400.00")
    assert y1.committed == Decimal("276400.00") and y1.pledged == Decimal("52000.00")
    assert y1.gap == Decimal("52000.00") and y1.gap_if_all_promised == 0
    assert y3.gap == y3.cost == Decimal("356895.20")
    assert y1.label == "FY 2027-28"
    assert funding.total_gap == sum((y.gap for y in funding.years), Decimal(0))
    # Every partner's total share (and the cost no partner is asked for yet) adds up to the plan's cost, plus any
    # money promised beyond an item's own cost.
    beyond = sum((max(c.planned - c.cost, ZERO) for iy in funding.items for c in iy.years.values()), ZERO)
    assert sum((s.total for s in funding.partners), ZERO) == funding.total_cost + beyond
    assert sum((s.total for s in funding.sectors), ZERO) == funding.total_cost + beyond
    assert sum((s.committed for s in funding.partners), ZERO) == funding.total_committed
    assert _codes(demo).count(WarningCode.FUNDING_GAP) == 3


def _simple(demo: Document, commitments: list[Commitment], horizon: int = 3) -> Document:
    return demo.model_copy(
        update={
            "profile": demo.profile.model_copy(update={"horizon_years": horizon}),
            "partners": [
                Partner(id="a", name="Alpha USD", sector=Sector.K12),
                Partner(id="b", name="Beta College", sector=Sector.COLLEGE),
            ],
            "cost_items": [
                CostItem(
                    id="x",
                    name="Coordinator",
                    category=CostCategory.STAFFING,
                    costs={1: Decimal("100.00"), 2: Decimal("100.00")},
                )
            ],
            "commitments": commitments,
            # Both partners' money for the plan's fiscal years is under a signed agreement, so committed counts.
            "agreements": [
                Agreement(id="mou", partner_ids=["a", "b"], signed_on=date(2026, 1, 5), fiscal_years=[2027, 2028, 2029])
            ],
        }
    )


def _c(cid: str, partner: str, year: int, amount: str, **kw: object) -> Commitment:
    return Commitment.model_validate(
        {
            "id": cid,
            "partner_id": partner,
            "cost_item_id": "x",
            "year": year,
            "amount": amount,
            "status": "committed",
            **kw,
        }
    )


def test_each_warning(demo: Document) -> None:
    balanced = [_c("1", "a", 1, "50"), _c("2", "b", 1, "50"), _c("3", "a", 2, "50"), _c("4", "b", 2, "50")]
    assert _codes(_simple(demo, balanced)) == []
    assert WarningCode.FUNDING_GAP in _codes(_simple(demo, balanced[:3]))
    over = [*balanced, _c("5", "b", 2, "10")]
    assert WarningCode.OVER_COMMITTED in _codes(_simple(demo, over))
    heavy = [_c("1", "a", 1, "100"), _c("2", "a", 2, "60"), _c("3", "b", 2, "40")]
    assert _codes(_simple(demo, heavy)) == [WarningCode.PARTNER_MAJORITY]
    one_time = [
        _c(str(n), p, y, "50", kind=FundingKind.ONE_TIME)
        for n, (p, y) in enumerate([("a", 1), ("b", 1), ("a", 2), ("b", 2)])
    ]
    assert _codes(_simple(demo, one_time)) == [WarningCode.ONE_TIME_MAJORITY]
    # Three years is the expectation (Education Code 53071(b)): two years now warns, citing it.
    short = summarize_funding(_simple(demo, balanced, horizon=2)).warnings
    assert [w.code for w in short] == [WarningCode.SHORT_HORIZON]
    assert "53071(b)" in short[0].message and "2 years" in short[0].message
    dangling = [
        *balanced,
        _c("9", "ghost", 1, "5"),
        Commitment(id="8", partner_id="a", cost_item_id="nope", year=1, amount=Decimal(1)),
    ]
    codes = _codes(_simple(demo, dangling))
    assert WarningCode.UNKNOWN_PARTNER in codes and WarningCode.UNKNOWN_COST_ITEM in codes
    assert summarize_funding(_simple(demo, dangling)).years[0].committed == Decimal("100.00")


def test_pledged_does_not_close_the_gap(demo: Document) -> None:
    plan = [_c("1", "a", 1, "100", status=CommitmentStatus.PLEDGED)]
    year = summarize_funding(_simple(demo, plan)).years[0]
    assert (year.committed, year.pledged, year.gap, year.gap_if_all_promised) == (
        ZERO,
        Decimal(100),
        Decimal(100),
        ZERO,
    )


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from("ab"), st.integers(1, 2), st.decimals("0", "99999.99", places=2)), max_size=30)
)
def test_money_totals_are_exact(instruments: tuple[Instrument, ...], rows: list[tuple[str, int, Decimal]]) -> None:
    commitments = [_c(str(n), p, y, str(a)) for n, (p, y, a) in enumerate(rows)]
    funding = summarize_funding(_simple(demo_document(instruments), commitments))
    assert sum((y.committed for y in funding.years), Decimal(0)) == sum((a for _, _, a in rows), Decimal(0))
    for year in funding.years:
        assert year.gap - year.surplus == year.cost - year.committed
        assert year.committed == year.committed.quantize(Decimal("0.01"))


def test_plan_period_follows_fiscal_years(demo: Document) -> None:
    from planner.core.funding.costs import plan_period

    assert plan_period(demo) == "FY 2027-28 to FY 2029-30"
    undated = demo.model_copy(update={"profile": demo.profile.model_copy(update={"grant_end": None})})
    assert plan_period(undated) == "The 3 years after the grant ends"


def test_partner_shares_split_by_status_and_kind(demo: Document) -> None:
    document = _simple(
        demo,
        [
            _c("1", "a", 1, "60.00"),
            _c("2", "a", 2, "25.50", status=CommitmentStatus.PLEDGED, kind=FundingKind.ONE_TIME),
            _c("3", "b", 2, "10.00", status=CommitmentStatus.PROPOSED),
        ],
    )
    alpha, beta, unassigned = summarize_funding(document).partners
    assert unassigned.key == "" and unassigned.total == Decimal("104.50")
    assert alpha.label == "Alpha USD" and alpha.total == Decimal("85.50")
    assert alpha.by_year == {1: Decimal("60.00"), 2: Decimal("25.50"), 3: ZERO}
    assert alpha.by_status == {
        CommitmentStatus.COMMITTED: Decimal("60.00"),
        CommitmentStatus.PLEDGED: Decimal("25.50"),
        CommitmentStatus.PROPOSED: ZERO,
    }
    assert alpha.ongoing == Decimal("60.00") and alpha.one_time == Decimal("25.50")
    assert (
        beta.by_status[CommitmentStatus.PROPOSED] == Decimal("10.00")
        and beta.by_status[CommitmentStatus.COMMITTED] == 0
    )
