"""Shared-cost summary: what the plan years cost, who pays what, the gap, and plain warnings.

Every figure comes from the ledger (:mod:`planner.core.funding.ledger`), which holds the rules and the vocabulary:
committed money is earmarked to its own cost item; a year's gap is the sum of its items' shortfalls under the
*committed only* baseline; a partner's *total share* is what it has committed plus what it is still asked to commit,
and its percentage is of the plan's cost. This module arranges those figures for the printed plan, the app and
``planner score``.

Commitments that point at a partner or cost item that does not exist, or at a year outside the plan horizon, are
left out of every total and named in a warning.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

from planner.core.funding.funds import fund_warnings
from planner.core.funding.ledger import (
    PERCENT_BASE,
    UNASSIGNED_LABEL,
    FundingWarning,
    ItemLedger,
    Ledger,
    WarningCode,
    YearTotals,
    build_ledger,
    largest_remainder_percent,
    percents_of_cost,
)
from planner.core.funding.years import fiscal_year, plan_period, year_label
from planner.core.model.cost_plan import CommitmentStatus, CostItem, FundingKind
from planner.core.model.document import Document
from planner.core.model.fields import EXPECTED_HORIZON_YEARS
from planner.core.model.money import format_dollars

__all__ = [
    "ZERO",
    "FundingSummary",
    "FundingWarning",
    "ItemYears",
    "Share",
    "WarningCode",
    "YearFunding",
    "fiscal_year",
    "horizon_notice",
    "largest_remainder_percent",
    "plan_period",
    "summarize_funding",
    "year_label",
]

ZERO = Decimal("0.00")
HALF = Decimal("0.5")
# The CTE Incentive Grant asks for a plan of continued support for three years (Education Code 53071(b)).
MIN_RECOMMENDED_HORIZON = EXPECTED_HORIZON_YEARS
STATUSES = tuple(CommitmentStatus)

# One plan year's totals and one cost item's years are the ledger's own.
YearFunding = YearTotals
ItemYears = ItemLedger


@dataclass(frozen=True)
class Share:
    """A partner's (or a sector's) money in the ledger's vocabulary."""

    key: str
    label: str
    by_year: dict[int, Decimal]  # total share per plan year
    committed: Decimal
    still_to_commit: Decimal
    new_ask: Decimal
    total: Decimal  # total share: committed plus still to commit
    fraction: Decimal  # of the plan's cost, 0..1
    by_status: dict[CommitmentStatus, Decimal]  # promised money as counted, every status present
    ongoing: Decimal  # of the promised money
    one_time: Decimal
    percent: int = 0  # whole percent of the plan's cost

    @property
    def total_share(self) -> Decimal:
        return self.total


@dataclass(frozen=True)
class FundingSummary:
    ledger: Ledger
    years: tuple[YearTotals, ...]
    items: tuple[ItemLedger, ...]
    partners: tuple[Share, ...]  # unassigned cost last, when there is any
    sectors: tuple[Share, ...]
    ongoing: Decimal
    one_time: Decimal
    in_kind: Decimal
    warnings: tuple[FundingWarning, ...]

    @property
    def total_cost(self) -> Decimal:
        return sum((y.cost for y in self.years), ZERO)

    @property
    def total_committed(self) -> Decimal:
        return sum((y.committed for y in self.years), ZERO)

    @property
    def total_gap(self) -> Decimal:
        return sum((y.gap for y in self.years), ZERO)

    @property
    def planned(self) -> Decimal:
        return self.ongoing + self.one_time

    @property
    def ongoing_fraction(self) -> Decimal:
        return self.ongoing / self.planned if self.planned else ZERO

    @property
    def one_time_fraction(self) -> Decimal:
        return self.one_time / self.planned if self.planned else ZERO


def _fraction(part: Decimal, whole: Decimal) -> Decimal:
    return part / whole if whole else ZERO


def _percent(fraction: Decimal) -> str:
    return f"{fraction * 100:.0f}%"


def _years_beyond(item: CostItem, horizon: int) -> list[int]:
    return sorted(y for y, amount in item.costs.items() if y > horizon and amount > 0)


def horizon_notice(document: Document) -> str:
    """What the plan horizon leaves out, for the horizon field: "" when everything falls inside it."""
    horizon = document.profile.horizon_years
    items = sum(1 for item in document.cost_items if _years_beyond(item, horizon))
    commitments = [c for c in document.commitments if c.year > horizon]
    if not items and not commitments:
        return ""
    parts = []
    if items:
        parts.append(f"{items} cost item{'s' if items != 1 else ''} with costs")
    if commitments:
        total = format_dollars(sum((c.amount for c in commitments), ZERO))
        parts.append(f"{len(commitments)} commitment{'s' if len(commitments) != 1 else ''} ({total})")
    return (
        f"{' and '.join(parts)} fall after year {horizon}, so the totals leave them out. "
        "Lengthen the plan to count them, or move them into the plan's years."
    )


def summarize_funding(document: Document, ledger: Ledger | None = None) -> FundingSummary:
    ledger = ledger or build_ledger(document)
    horizon = document.profile.horizon_years
    warnings: list[FundingWarning] = []
    for item in document.cost_items:
        beyond = _years_beyond(item, horizon)
        if beyond:
            warnings.append(
                FundingWarning(
                    WarningCode.OUTSIDE_HORIZON,
                    f"{item.name} has costs for {_years_text(beyond)}, beyond the {horizon}-year plan "
                    f"({format_dollars(sum((item.costs[y] for y in beyond), ZERO))}); they are left out of the totals.",
                )
            )
    status_of: dict[str, dict[CommitmentStatus, Decimal]] = defaultdict(lambda: dict.fromkeys(STATUSES, ZERO))
    ongoing_of: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    ongoing = one_time = in_kind = ZERO
    for line in ledger.counted:
        c = line.commitment
        status_of[c.partner_id][c.status] += c.amount
        if c.kind is FundingKind.ONGOING:
            ongoing += c.amount
            ongoing_of[c.partner_id][0] += c.amount
        else:
            one_time += c.amount
            ongoing_of[c.partner_id][1] += c.amount
        if c.in_kind:
            in_kind += c.amount
    cost = ledger.total_cost
    partner_shares = []
    for row in ledger.partners:
        total = row.total
        partner_shares.append(
            Share(
                key=row.key,
                label=row.label,
                by_year={y: a.total_share for y, a in row.by_year.items()},
                committed=total.committed,
                still_to_commit=total.still_to_commit,
                new_ask=total.new_ask,
                total=total.total_share,
                fraction=_fraction(total.total_share, cost),
                by_status=dict(status_of[row.key]),
                ongoing=ongoing_of[row.key][0],
                one_time=ongoing_of[row.key][1],
                percent=row.percent,
            )
        )
    sector_totals: dict[str, list[Share]] = defaultdict(list)
    sector_labels: dict[str, str] = {}
    for row, share in zip(ledger.partners, partner_shares, strict=True):
        key = row.sector.value if row.sector is not None else ""
        sector_labels[key] = row.sector.label if row.sector is not None else UNASSIGNED_LABEL
        sector_totals[key].append(share)
    sectors = [_sum_shares(key, sector_labels[key], shares, cost) for key, shares in sector_totals.items()]
    sectors.sort(key=lambda s: (s.key == "", -s.total, s.label))
    percents = percents_of_cost([s.total for s in sectors], cost)
    sectors = [_with_percent(s, p) for s, p in zip(sectors, percents, strict=True)]
    warnings[:0] = [
        *ledger.warnings,
        *_plan_warnings(document, ledger, partner_shares, one_time, ongoing + one_time),
        *fund_warnings(document, ledger),
    ]
    return FundingSummary(
        ledger=ledger,
        years=ledger.year_totals,
        items=ledger.items,
        partners=tuple(partner_shares),
        sectors=tuple(sectors),
        ongoing=ongoing,
        one_time=one_time,
        in_kind=in_kind,
        warnings=tuple(warnings),
    )


def _with_percent(share: Share, percent: int) -> Share:
    return replace(share, percent=percent)


def _sum_shares(key: str, label: str, shares: list[Share], cost: Decimal) -> Share:
    by_year: dict[int, Decimal] = defaultdict(lambda: ZERO)
    by_status = dict.fromkeys(STATUSES, ZERO)
    for s in shares:
        for y, a in s.by_year.items():
            by_year[y] += a
        for status, a in s.by_status.items():
            by_status[status] += a
    total = sum((s.total for s in shares), ZERO)
    return Share(
        key=key,
        label=label,
        by_year=dict(sorted(by_year.items())),
        committed=sum((s.committed for s in shares), ZERO),
        still_to_commit=sum((s.still_to_commit for s in shares), ZERO),
        new_ask=sum((s.new_ask for s in shares), ZERO),
        total=total,
        fraction=_fraction(total, cost),
        by_status=by_status,
        ongoing=sum((s.ongoing for s in shares), ZERO),
        one_time=sum((s.one_time for s in shares), ZERO),
    )


def _years_text(years: list[int]) -> str:
    names = [f"year {y}" for y in years]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"


def _plan_warnings(
    document: Document,
    ledger: Ledger,
    partner_shares: list[Share],
    one_time: Decimal,
    planned_total: Decimal,
) -> list[FundingWarning]:
    warnings: list[FundingWarning] = []
    horizon = document.profile.horizon_years
    if horizon < MIN_RECOMMENDED_HORIZON:
        warnings.append(
            FundingWarning(
                WarningCode.SHORT_HORIZON,
                f"The plan covers {horizon} year{'s' if horizon != 1 else ''} after the grant; California's CTE "
                f"Incentive Grant expects a plan of continued financial and administrative support for "
                f"{MIN_RECOMMENDED_HORIZON} years (Education Code 53071(b)).",
            )
        )
    if not document.cost_items:
        warnings.append(FundingWarning(WarningCode.NO_COSTS, "No post-grant costs are listed yet."))
    for year in ledger.year_totals:
        if year.gap > 0:
            unsecured = year.pledged + year.proposed
            hope = (
                f" Pledges and proposals of {format_dollars(unsecured)} would close it."
                if year.gap_as_planned == 0 and unsecured
                else ""
            )
            warnings.append(
                FundingWarning(
                    WarningCode.FUNDING_GAP,
                    f"{year.label}: {format_dollars(year.gap)} of {format_dollars(year.cost)} is not committed to the "
                    f"items it pays for; without it this year is a funding cliff.{hope}",
                )
            )
    for iy in ledger.items:
        for y, cell in iy.years.items():
            if cell.planned > cell.cost:
                warnings.append(
                    FundingWarning(
                        WarningCode.OVER_COMMITTED,
                        f"{iy.item.name}, {ledger.year_labels[y]}: commitments add up to "
                        f"{format_dollars(cell.planned)}, more than its cost of {format_dollars(cell.cost)}; the "
                        "extra pays for no other item.",
                    )
                )
    named = [s for s in partner_shares if s.key]
    if named:
        top = max(named, key=lambda s: s.total)
        if top.fraction > HALF:
            warnings.append(
                FundingWarning(
                    WarningCode.PARTNER_MAJORITY,
                    f"{top.label}'s total share is {_percent(top.fraction)} {PERCENT_BASE}; the plan depends heavily "
                    "on one partner.",
                )
            )
    if planned_total and one_time / planned_total > HALF:
        warnings.append(
            FundingWarning(
                WarningCode.ONE_TIME_MAJORITY,
                f"{_percent(one_time / planned_total)} of the money partners have promised is one-time; the gap "
                "returns when it is spent.",
            )
        )
    return warnings
