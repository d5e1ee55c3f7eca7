"""Shared-cost maths: what the plan years cost, who has promised what, the gap, and plain warnings.

Definitions used everywhere (app, ``planner score``, the printed plan):

* **cost** of a year: the sum of every cost item's line for that plan year.
* **committed / pledged / proposed**: commitments by status. Only *committed* money (in an adopted budget
  or a signed agreement) closes the gap; pledged and proposed money is shown as what could close it.
* **gap** of a year: cost minus committed, never below zero; a year committed beyond its cost has a surplus.
* **shares** (by partner, by sector, ongoing vs one-time): over all planned money, whatever its status,
  because they describe the plan the steering committee is asked to adopt.

Commitments that point at a partner or cost item that does not exist, or at a year outside the plan
horizon, are left out of every total and named in a warning.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal
from enum import StrEnum

from planner.core.model.cost_plan import Commitment, CommitmentStatus, CostItem, FundingKind
from planner.core.model.document import Document, Partner, Sector
from planner.core.model.fields import EXPECTED_HORIZON_YEARS
from planner.core.model.money import format_money

ZERO = Decimal("0.00")
HALF = Decimal("0.5")
# The CTE Incentive Grant asks for a plan of continued support for three years (Education Code 53071(b)).
MIN_RECOMMENDED_HORIZON = EXPECTED_HORIZON_YEARS
# Iterating an Enum class is slow (a tenth of the funding summary, per partner); the statuses never change.
STATUSES = tuple(CommitmentStatus)


class WarningCode(StrEnum):
    FUNDING_GAP = "funding_gap"
    OVER_COMMITTED = "over_committed"
    PARTNER_MAJORITY = "partner_majority"
    ONE_TIME_MAJORITY = "one_time_majority"
    SHORT_HORIZON = "short_horizon"
    UNKNOWN_PARTNER = "unknown_partner"
    UNKNOWN_COST_ITEM = "unknown_cost_item"
    OUTSIDE_HORIZON = "outside_horizon"
    NO_COSTS = "no_costs"


@dataclass(frozen=True)
class FundingWarning:
    code: WarningCode
    message: str


@dataclass(frozen=True)
class YearFunding:
    year: int
    label: str
    cost: Decimal
    committed: Decimal
    pledged: Decimal
    proposed: Decimal

    @property
    def gap(self) -> Decimal:
        return max(self.cost - self.committed, ZERO)

    @property
    def surplus(self) -> Decimal:
        return max(self.committed - self.cost, ZERO)

    @property
    def gap_if_all_promised(self) -> Decimal:
        """The gap left if every pledge and proposal came through."""
        return max(self.cost - self.committed - self.pledged - self.proposed, ZERO)


@dataclass(frozen=True)
class ItemYears:
    item: CostItem
    cost: dict[int, Decimal]
    planned: dict[int, Decimal]

    @property
    def total_cost(self) -> Decimal:
        return sum(self.cost.values(), ZERO)


@dataclass(frozen=True)
class Share:
    key: str
    label: str
    by_year: dict[int, Decimal]
    total: Decimal
    fraction: Decimal  # of all planned money, 0..1
    by_status: dict[CommitmentStatus, Decimal]  # every status present, zero when none
    ongoing: Decimal
    percent: int = 0  # whole percent for print; all shares of one table add up to exactly 100

    @property
    def one_time(self) -> Decimal:
        return self.total - self.ongoing


@dataclass(frozen=True)
class FundingSummary:
    years: tuple[YearFunding, ...]
    items: tuple[ItemYears, ...]
    partners: tuple[Share, ...]
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


def fiscal_year(document: Document, year: int) -> str | None:
    """``FY 2027-28`` for a plan year when the grant end date is known (California fiscal years start 1 July)."""
    end = document.profile.grant_end
    if end is None:
        return None
    first_day = end + timedelta(days=1)
    fiscal_start = (first_day.year if first_day.month >= 7 else first_day.year - 1) + year - 1
    return f"FY {fiscal_start}-{(fiscal_start + 1) % 100:02d}"


def year_label(document: Document, year: int) -> str:
    """``Year 1 (FY 2027-28)``, or ``Year 1`` when the grant end date is not known."""
    fiscal = fiscal_year(document, year)
    return f"Year {year} ({fiscal})" if fiscal else f"Year {year}"


def plan_period(document: Document) -> str:
    """The years the plan covers after the grant, for the cover of the printed plan."""
    horizon = document.profile.horizon_years
    first, last = fiscal_year(document, 1), fiscal_year(document, horizon)
    if first is None or last is None:
        return f"The {horizon} year{'s' if horizon != 1 else ''} after the grant ends"
    return first if horizon == 1 else f"{first} to {last}"


def largest_remainder_percent(amounts: Sequence[Decimal]) -> list[int]:
    """Whole percentages of ``amounts`` that add up to exactly 100 (or all 0 when nothing is there).

    Each share is rounded down, then the points still missing go to the largest remainders (ties to the
    earlier entry, so the result is stable).
    """
    total = sum(amounts, ZERO)
    if total <= 0:
        return [0] * len(amounts)
    exact = [a * 100 / total for a in amounts]
    floors = [int(e) for e in exact]
    missing = 100 - sum(floors)
    order = sorted(range(len(amounts)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:missing]:
        floors[i] += 1
    return floors


def _with_percents(shares: list[Share]) -> tuple[Share, ...]:
    """Printed shares in whole percent that add up to exactly 100 (rounding each alone can give 99 or 101)."""
    percents = largest_remainder_percent([s.total for s in shares])
    return tuple(replace(s, percent=p) for s, p in zip(shares, percents, strict=True))


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
        total = format_money(sum((c.amount for c in commitments), ZERO))
        parts.append(f"{len(commitments)} commitment{'s' if len(commitments) != 1 else ''} ({total})")
    return (
        f"{' and '.join(parts)} fall after year {horizon}, so the totals leave them out. "
        "Lengthen the plan to count them, or move them into the plan's years."
    )


def _usable_commitments(
    document: Document, partners: dict[str, Partner], items: dict[str, CostItem]
) -> tuple[list[FundingWarning], list[Commitment]]:
    """Warnings for costs beyond the plan's years and for commitments the totals cannot count; the rest."""
    horizon = document.profile.horizon_years
    warnings: list[FundingWarning] = []
    for item in document.cost_items:
        beyond = _years_beyond(item, horizon)
        if beyond:
            warnings.append(
                FundingWarning(
                    WarningCode.OUTSIDE_HORIZON,
                    f"{item.name} has costs for {_years_text(beyond)}, beyond the {horizon}-year plan "
                    f"({format_money(sum((item.costs[y] for y in beyond), ZERO))}); they are left out of the totals.",
                )
            )

    usable: list[Commitment] = []
    for commitment in document.commitments:
        problem = _commitment_problem(commitment, partners, items, horizon)
        if problem:
            warnings.append(problem)
        else:
            usable.append(commitment)
    return warnings, usable


def summarize_funding(document: Document) -> FundingSummary:
    plan_years = range(1, document.profile.horizon_years + 1)
    partners = {p.id: p for p in document.partners}
    items = {i.id: i for i in document.cost_items}
    warnings, usable = _usable_commitments(document, partners, items)

    by_status: dict[tuple[int, CommitmentStatus], Decimal] = defaultdict(lambda: ZERO)
    planned_by_item: dict[tuple[str, int], Decimal] = defaultdict(lambda: ZERO)
    by_partner: dict[str, list[Commitment]] = defaultdict(list)
    by_sector: dict[Sector, list[Commitment]] = defaultdict(list)
    ongoing = one_time = in_kind = ZERO
    for c in usable:
        by_status[(c.year, c.status)] += c.amount
        planned_by_item[(c.cost_item_id, c.year)] += c.amount
        by_partner[c.partner_id].append(c)
        by_sector[partners[c.partner_id].sector].append(c)
        if c.kind is FundingKind.ONGOING:
            ongoing += c.amount
        else:
            one_time += c.amount
        if c.in_kind:
            in_kind += c.amount

    item_years = tuple(
        ItemYears(
            item=item,
            cost={y: item.costs.get(y, ZERO) for y in plan_years},
            planned={y: planned_by_item[(item.id, y)] for y in plan_years},
        )
        for item in document.cost_items
    )
    years = tuple(
        YearFunding(
            year=y,
            label=year_label(document, y),
            cost=sum((iy.cost[y] for iy in item_years), ZERO),
            committed=by_status[(y, CommitmentStatus.COMMITTED)],
            pledged=by_status[(y, CommitmentStatus.PLEDGED)],
            proposed=by_status[(y, CommitmentStatus.PROPOSED)],
        )
        for y in plan_years
    )
    planned_total = ongoing + one_time
    partner_shares = _with_percents(
        sorted(
            (_share(pid, partners[pid].name, lines, planned_total) for pid, lines in by_partner.items()),
            key=lambda s: (-s.total, s.label),
        )
    )
    sector_shares = _with_percents(
        sorted(
            (_share(sector.value, sector.label, lines, planned_total) for sector, lines in by_sector.items()),
            key=lambda s: (-s.total, s.label),
        )
    )
    warnings[:0] = _plan_warnings(document, years, item_years, partner_shares, one_time, planned_total)
    return FundingSummary(
        years=years,
        items=item_years,
        partners=partner_shares,
        sectors=sector_shares,
        ongoing=ongoing,
        one_time=one_time,
        in_kind=in_kind,
        warnings=tuple(warnings),
    )


def _share(key: str, label: str, commitments: list[Commitment], planned_total: Decimal) -> Share:
    by_year: dict[int, Decimal] = defaultdict(lambda: ZERO)
    by_status = dict.fromkeys(STATUSES, ZERO)
    ongoing = ZERO
    for c in commitments:
        by_year[c.year] += c.amount
        by_status[c.status] += c.amount
        if c.kind is FundingKind.ONGOING:
            ongoing += c.amount
    total = sum(by_year.values(), ZERO)
    return Share(
        key=key,
        label=label,
        by_year=dict(sorted(by_year.items())),
        total=total,
        fraction=_fraction(total, planned_total),
        by_status=by_status,
        ongoing=ongoing,
    )


def _years_text(years: list[int]) -> str:
    names = [f"year {y}" for y in years]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"


def _commitment_problem(
    commitment: Commitment, partners: dict[str, Partner], items: dict[str, CostItem], horizon: int
) -> FundingWarning | None:
    amount = format_money(commitment.amount)
    if commitment.partner_id not in partners:
        return FundingWarning(
            WarningCode.UNKNOWN_PARTNER,
            f"A commitment of {amount} names a partner that is not in the partner list "
            f"({commitment.partner_id}); it is left out of the totals.",
        )
    partner_name = partners[commitment.partner_id].name
    if commitment.cost_item_id not in items:
        return FundingWarning(
            WarningCode.UNKNOWN_COST_ITEM,
            f"{partner_name}'s commitment of {amount} is for a cost item that does not exist "
            f"({commitment.cost_item_id}); it is left out of the totals.",
        )
    if commitment.year > horizon:
        return FundingWarning(
            WarningCode.OUTSIDE_HORIZON,
            f"{partner_name}'s commitment of {amount} is for Year {commitment.year}, beyond the "
            f"{horizon}-year plan; it is left out of the totals.",
        )
    return None


def _plan_warnings(
    document: Document,
    years: tuple[YearFunding, ...],
    item_years: tuple[ItemYears, ...],
    partner_shares: tuple[Share, ...],
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
    for year in years:
        if year.gap > 0:
            unsecured = year.pledged + year.proposed
            hope = (
                f" Pledges and proposals of {format_money(unsecured)} would close it."
                if year.gap_if_all_promised == 0 and unsecured
                else ""
            )
            warnings.append(
                FundingWarning(
                    WarningCode.FUNDING_GAP,
                    f"{year.label}: {format_money(year.gap)} of {format_money(year.cost)} is not committed; "
                    f"without it this year is a funding cliff.{hope}",
                )
            )
    for iy in item_years:
        for y, planned in iy.planned.items():
            if planned > iy.cost[y]:
                warnings.append(
                    FundingWarning(
                        WarningCode.OVER_COMMITTED,
                        f"{iy.item.name}, {year_label(document, y)}: commitments add up to "
                        f"{format_money(planned)}, more than its cost of {format_money(iy.cost[y])}.",
                    )
                )
    if partner_shares and partner_shares[0].fraction > HALF:
        top = partner_shares[0]
        warnings.append(
            FundingWarning(
                WarningCode.PARTNER_MAJORITY,
                f"{top.label} carries {_percent(top.fraction)} of the planned money; the plan depends "
                "heavily on one partner.",
            )
        )
    if planned_total and one_time / planned_total > HALF:
        warnings.append(
            FundingWarning(
                WarningCode.ONE_TIME_MAJORITY,
                f"{_percent(one_time / planned_total)} of the planned money is one-time; the gap returns "
                "when it is spent.",
            )
        )
    return warnings
