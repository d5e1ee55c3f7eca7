"""What-if scenarios for the shared-cost plan, and the stress test: how much of the plan rests on each partner.

A scenario rewrites the plan's commitments and costs under its assumptions, then the rewritten plan is summed up
by :func:`~planner.core.funding.costs.summarize_funding`, the same code as the base plan, so every figure means what it
means everywhere else: only committed money closes a year's gap, and a gap is never below zero.

The assumptions, any combination of them, in the order they apply:

1. **A partner withdraws** from a plan year: its commitments of every status from that year on are gone.
2. **One-time money is not renewed**: a partner's one-time money for a cost item counts only in the first plan
   year the plan shows it; one-time money from the same partner for the same item in later years is a renewal,
   and is gone. The first year is read from the plan as written (after withdrawals), whatever later
   assumptions do to that first year's money.
3. **Pledges** arrive (they count as committed) or do not (they are gone); by default they stay pledged.
4. **Proposals are approved** at a rate: that share of every proposal counts as committed, the rest is turned
   down. By default proposals stay proposed.
5. **Costs grow** by a percentage a year on top of the plan's own figures: plan year 1 stays as planned, year
   *n* is multiplied by (1 + rate) to the power *n* - 1. Optionally only some cost categories grow.

Where a percentage applies to money (an approval rate, cost growth) the result is rounded to the cent, half
up, once per commitment or cost line, so each figure is what a budget officer would get by hand and the totals
are plain sums of the rounded lines.

**Which cost items lose funding first.** A consortium that comes up short moves the committed money it has to
what it values most: in each year, the year's committed money goes to the cost items in the order of their
priority (keep first, keep if possible, reduce if short, cut first; within one priority, in the order the plan
lists them). The items it does not reach in full lose their funding; each is listed in the first year that
happens.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, localcontext

from planner.core.funding.costs import (
    ZERO,
    FundingSummary,
    ItemYears,
    YearFunding,
    fiscal_year,
    summarize_funding,
    year_label,
)
from planner.core.funding.decision import usable_commitments
from planner.core.model.cost_plan import (
    Commitment,
    CommitmentStatus,
    CostItem,
    FundingKind,
    ItemPriority,
    PledgeOutcome,
    Scenario,
    Withdrawal,
)
from planner.core.model.document import Document, Partner
from planner.core.model.money import CENT

HUNDRED = Decimal(100)


def to_cent(value: Decimal) -> Decimal:
    """Round to the cent, half up: the rule wherever a percentage is applied to money."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def format_percent(value: Decimal) -> str:
    """``3.5%``, ``50%``: as exact as it was entered, without trailing zeros."""
    return f"{format(value.normalize(), 'f')}%"


def describe_assumptions(document: Document, scenario: Scenario) -> list[str]:
    """The scenario's assumptions in plain words, one line each; the base plan says so."""
    names = {p.id: p.name for p in document.partners}
    lines = []
    for w in scenario.withdrawals:
        who = names.get(w.partner_id, f"A partner no longer in the plan ({w.partner_id})")
        fiscal = fiscal_year(document, w.from_year)
        lines.append(f"{who} withdraws from year {w.from_year}{f' ({fiscal})' if fiscal else ''} on")
    if scenario.pledges is not PledgeOutcome.AS_PLANNED:
        lines.append(scenario.pledges.label)
    approved = scenario.proposals_approved_percent
    if approved is not None:
        lines.append(
            "Every proposal is approved"
            if approved == HUNDRED
            else "No proposal is approved"
            if approved == 0
            else f"Proposals are approved at {format_percent(approved)} of what was asked"
        )
    if scenario.cost_growth_percent:
        which = ", ".join(c.label.lower() for c in scenario.cost_growth_categories)
        lines.append(
            f"Costs grow {format_percent(scenario.cost_growth_percent)} a year{f' ({which})' if which else ''}"
        )
    if not scenario.one_time_renewed:
        lines.append("One-time money is not renewed")
    return lines or ["No assumptions yet: the base plan"]


# --- applying the assumptions ---------------------------------------------------------------------------------


def _withdrawn(commitments: Iterable[Commitment], withdrawals: Sequence[Withdrawal]) -> list[Commitment]:
    first_year_gone = {w.partner_id: w.from_year for w in withdrawals}
    return [c for c in commitments if c.year < first_year_gone.get(c.partner_id, c.year + 1)]


def _without_renewals(commitments: list[Commitment]) -> list[Commitment]:
    first_year: dict[tuple[str, str], int] = {}
    for c in commitments:
        if c.kind is FundingKind.ONE_TIME:
            key = (c.partner_id, c.cost_item_id)
            first_year[key] = min(first_year.get(key, c.year), c.year)
    return [
        c
        for c in commitments
        if c.kind is not FundingKind.ONE_TIME or c.year == first_year[(c.partner_id, c.cost_item_id)]
    ]


def _with_pledges(commitments: list[Commitment], outcome: PledgeOutcome) -> list[Commitment]:
    if outcome is PledgeOutcome.AS_PLANNED:
        return commitments
    if outcome is PledgeOutcome.DOES_NOT_ARRIVE:
        return [c for c in commitments if c.status is not CommitmentStatus.PLEDGED]
    return [
        c.model_copy(update={"status": CommitmentStatus.COMMITTED}) if c.status is CommitmentStatus.PLEDGED else c
        for c in commitments
    ]


def _with_proposals(commitments: list[Commitment], approved_percent: Decimal | None) -> list[Commitment]:
    if approved_percent is None:
        return commitments
    result: list[Commitment] = []
    for c in commitments:
        if c.status is not CommitmentStatus.PROPOSED:
            result.append(c)
            continue
        approved = to_cent(c.amount * approved_percent / HUNDRED)
        if approved > 0:
            result.append(c.model_copy(update={"amount": approved, "status": CommitmentStatus.COMMITTED}))
    return result


def _grown(items: Sequence[CostItem], scenario: Scenario) -> list[CostItem]:
    rate = scenario.cost_growth_percent
    if rate == 0:
        return list(items)
    growing = set(scenario.cost_growth_categories)
    with localcontext() as exact:
        # (1 + rate) ** 4 at two decimals of a percent has at most 24 digits: exact before the one rounding.
        exact.prec = 60
        factor = 1 + rate / HUNDRED
        return [
            item.model_copy(update={"costs": {y: to_cent(a * factor ** (y - 1)) for y, a in item.costs.items()}})
            if not growing or item.category in growing
            else item
            for item in items
        ]


def apply_scenario(document: Document, scenario: Scenario) -> Document:
    """The plan as it would be under ``scenario``: changed commitments and costs, nothing else.

    The copy is for summing up, not for saving: grown costs are not checked against the document's limits.
    """
    commitments = _withdrawn(document.commitments, scenario.withdrawals)
    if not scenario.one_time_renewed:
        commitments = _without_renewals(commitments)
    commitments = _with_pledges(commitments, scenario.pledges)
    commitments = _with_proposals(commitments, scenario.proposals_approved_percent)
    return document.model_copy(update={"commitments": commitments, "cost_items": _grown(document.cost_items, scenario)})


# --- what the plan loses --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LostFunding:
    """A cost item that the year's committed money does not reach in full, in the first year that happens."""

    item: CostItem
    year: int
    year_label: str
    cost: Decimal  # the item's cost that year
    funded: Decimal  # what of the year's committed money reaches it

    @property
    def shortfall(self) -> Decimal:
        return self.cost - self.funded

    @property
    def priority(self) -> ItemPriority:
        return self.item.priority


def funding_order(items: Sequence[ItemYears]) -> list[ItemYears]:
    """The order in which committed money reaches cost items: keep-first items first, then as the plan lists them."""
    return sorted(items, key=lambda iy: iy.item.priority)  # sorted() is stable: plan order within a priority


def lost_funding(
    document: Document, ordered: Sequence[ItemYears], committed: Mapping[int, Decimal]
) -> tuple[LostFunding, ...]:
    """Items the committed money of each year does not reach in full, given in :func:`funding_order`.

    Listed by the year they lose funding, the ones the plan would cut first before the ones it keeps first.
    """
    lost: dict[str, LostFunding] = {}
    for year, money in committed.items():
        left = money
        for iy in ordered:
            cost = iy.cost[year]
            funded = min(cost, left)
            left -= funded
            if funded < cost and iy.item.id not in lost:
                lost[iy.item.id] = LostFunding(iy.item, year, year_label(document, year), cost, funded)
    return tuple(sorted(lost.values(), key=lambda f: (f.year, -f.priority, f.item.name)))


def _committed_by_year(funding: FundingSummary) -> dict[int, Decimal]:
    return {y.year: y.committed for y in funding.years}


# --- one scenario ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearComparison:
    base: YearFunding
    scenario: YearFunding

    @property
    def year(self) -> int:
        return self.base.year

    @property
    def label(self) -> str:
        return self.base.label

    @property
    def gap_change(self) -> Decimal:
        return self.scenario.gap - self.base.gap


@dataclass(frozen=True)
class ShareChange:
    """One partner's share of the plan's money (every status, as in the base plan's shares), before and after."""

    partner_id: str
    label: str
    base_total: Decimal
    scenario_total: Decimal
    base_fraction: Decimal  # 0..1
    scenario_fraction: Decimal

    @property
    def points(self) -> Decimal:
        """The change in percentage points (exact; round only to show it)."""
        return (self.scenario_fraction - self.base_fraction) * HUNDRED


@dataclass(frozen=True)
class ScenarioResult:
    scenario: Scenario
    base: FundingSummary
    funding: FundingSummary
    years: tuple[YearComparison, ...]
    lost: tuple[LostFunding, ...]
    share_changes: tuple[ShareChange, ...]  # largest change first; partners whose share does not move are left out
    notes: tuple[str, ...]  # assumptions that change nothing, in plain words

    @property
    def total_gap(self) -> Decimal:
        return self.funding.total_gap

    @property
    def base_total_gap(self) -> Decimal:
        return self.base.total_gap

    @property
    def gap_change(self) -> Decimal:
        return self.total_gap - self.base_total_gap


def _share_changes(base: FundingSummary, scenario: FundingSummary) -> tuple[ShareChange, ...]:
    before = {s.key: s for s in base.partners}
    after = {s.key: s for s in scenario.partners}
    changes = []
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        shown = new or old
        assert shown is not None  # the key came from one of the two
        change = ShareChange(
            partner_id=key,
            label=shown.label,
            base_total=old.total if old else ZERO,
            scenario_total=new.total if new else ZERO,
            base_fraction=old.fraction if old else ZERO,
            scenario_fraction=new.fraction if new else ZERO,
        )
        if change.points != 0:
            changes.append(change)
    return tuple(sorted(changes, key=lambda c: (-abs(c.points), c.label)))


def _withdrawal_notes(document: Document, scenario: Scenario) -> list[str]:
    partners = {p.id: p for p in document.partners}
    horizon = document.profile.horizon_years
    notes = []
    for w in scenario.withdrawals:
        partner = partners.get(w.partner_id)
        if partner is None:
            notes.append(
                f"A withdrawal names a partner that is not in the partner list ({w.partner_id}); it changes nothing."
            )
        elif w.from_year > horizon:
            notes.append(
                f"{partner.name} withdraws from year {w.from_year}, after the {horizon}-year plan; it changes nothing."
            )
        elif not any(c.partner_id == w.partner_id and c.year >= w.from_year for c in document.commitments):
            notes.append(
                f"{partner.name} has no money in the plan from year {w.from_year} on; its withdrawal changes nothing."
            )
    return notes


def run_scenario(document: Document, scenario: Scenario, base: FundingSummary | None = None) -> ScenarioResult:
    """``scenario``'s gap per year beside the base plan's, the items that lose funding and the shares that move."""
    base = base or summarize_funding(document)
    changed = apply_scenario(document, scenario)
    funding = summarize_funding(changed)
    return ScenarioResult(
        scenario=scenario,
        base=base,
        funding=funding,
        years=tuple(YearComparison(b, s) for b, s in zip(base.years, funding.years, strict=True)),
        lost=lost_funding(changed, funding_order(funding.items), _committed_by_year(funding)),
        share_changes=_share_changes(base, funding),
        notes=tuple(_withdrawal_notes(document, scenario)),
    )


# --- the stress test ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dependence:
    """What happens to the plan if one partner withdraws from plan year 1 (all its money, every status, gone)."""

    partner: Partner
    committed: Decimal  # its committed money over the plan
    planned: Decimal  # all its money in the plan, whatever the status
    years: tuple[YearFunding, ...]  # the plan's years without it
    gap_increase: Decimal  # by how much the plan's total gap grows without it
    share_of_cost: Decimal  # gap_increase as a fraction (0..1) of the plan's total cost
    lost: tuple[LostFunding, ...]  # every item that loses funding without it (as run_scenario lists them)
    newly_lost: tuple[LostFunding, ...]  # of those, the ones the base plan funds in full in that year
    rank: int = 0  # 1 for the partner the plan depends on most

    @property
    def total_gap(self) -> Decimal:
        return sum((y.gap for y in self.years), ZERO)

    @property
    def keep_first_newly_lost(self) -> tuple[LostFunding, ...]:
        """Keep-first items funded in full today that lose funding without this partner: it is their single point
        of failure."""
        return tuple(f for f in self.newly_lost if f.priority is ItemPriority.KEEP_FIRST)

    def as_scenario(self) -> Scenario:
        return Scenario(name=f"{self.partner.name} withdraws", withdrawals=[Withdrawal(partner_id=self.partner.id)])


@dataclass(frozen=True)
class StressTest:
    total_cost: Decimal
    base_total_gap: Decimal
    rows: tuple[Dependence, ...]  # most depended on first


def stress_test(document: Document, base: FundingSummary | None = None) -> StressTest:
    """Every partner's withdrawal from year 1, one at a time, ranked by how much of the plan depends on it.

    Ranked by how much the total gap grows without the partner, then by its committed money, then by all its
    planned money. A withdrawal changes no cost, so each row subtracts the partner's own money from the base
    plan's years instead of summing the whole plan again; the result is the same as :func:`run_scenario` with
    that one withdrawal (a test holds the two together).
    """
    base = base or summarize_funding(document)
    own: dict[str, dict[tuple[int, CommitmentStatus], Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for c in usable_commitments(document):
        own[c.partner_id][(c.year, c.status)] += c.amount
    ordered = funding_order(base.items)
    base_lost = {f.item.id: f.year for f in lost_funding(document, ordered, _committed_by_year(base))}
    rows = []
    for partner in document.partners:
        mine = own.get(partner.id, {})
        years = tuple(
            replace(
                y,
                committed=y.committed - mine.get((y.year, CommitmentStatus.COMMITTED), ZERO),
                pledged=y.pledged - mine.get((y.year, CommitmentStatus.PLEDGED), ZERO),
                proposed=y.proposed - mine.get((y.year, CommitmentStatus.PROPOSED), ZERO),
            )
            for y in base.years
        )
        lost = lost_funding(document, ordered, {y.year: y.committed for y in years})
        increase = sum((y.gap for y in years), ZERO) - base.total_gap
        rows.append(
            Dependence(
                partner=partner,
                committed=sum((a for (_, s), a in mine.items() if s is CommitmentStatus.COMMITTED), ZERO),
                planned=sum(mine.values(), ZERO),
                years=years,
                gap_increase=increase,
                share_of_cost=increase / base.total_cost if base.total_cost else ZERO,
                lost=lost,
                newly_lost=tuple(f for f in lost if f.year < base_lost.get(f.item.id, f.year + 1)),
            )
        )
    rows.sort(key=lambda d: (-d.gap_increase, -d.committed, -d.planned, d.partner.name))
    return StressTest(
        total_cost=base.total_cost,
        base_total_gap=base.total_gap,
        rows=tuple(replace(d, rank=n) for n, d in enumerate(rows, 1)),
    )
