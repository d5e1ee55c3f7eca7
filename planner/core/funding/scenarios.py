"""What-if scenarios for the shared-cost plan, and the stress test: which items rest on which partner.

Every figure is the ledger's (:mod:`planner.core.funding.ledger`): a scenario rewrites the ledger's counted
commitments and the plan's costs under its assumptions, and the ledger adds them up again with the same rules.
Committed money stays earmarked to its own cost item.

**Each scenario changes one of two baselines**, printed beside it:

* *committed only* (only certain money is spent) for scenarios that assume nothing about pledges or proposals;
* *as planned* (every pledge and proposal arrives) for scenarios that do: pledges lost, proposals approved in part.

So a scenario made only of bad news can never show a smaller gap than its baseline.

The assumptions, any combination of them, in the order they apply:

1. **A partner withdraws** from a plan year: its commitments of every status from that year on are gone.
2. **One-time money is not renewed**: a partner's one-time money for a cost item counts only in the first plan
   year the plan shows it; later one-time money from the same partner for the same item is a renewal, and is gone.
3. **Pledges** arrive (as in the *as planned* baseline) or do not (they are gone).
4. **Proposals are approved** at a rate: that share of every proposal arrives, the rest is turned down.
5. **Costs grow** by a percentage a year on top of the plan's own figures: plan year 1 stays as planned, year
   *n* is multiplied by (1 + rate) to the power *n* - 1. Optionally only some cost categories grow.
6. **Partners agree to move committed money** to the items the plan keeps first: only under this assumption, a
   year's money goes to the cost items in the order of their priority (keep first, keep if possible, reduce if
   short, cut first; within one priority, in the plan's order), whichever item it was committed to.

Where a percentage applies to money (an approval rate, cost growth) the result is rounded to the cent, half
up, once per commitment or cost line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, localcontext

from planner.core.funding.costs import ZERO, FundingSummary, summarize_funding
from planner.core.funding.ledger import (
    Baseline,
    CountedCommitment,
    ItemLedger,
    Ledger,
    assemble,
    without_gc_pauses,
)
from planner.core.funding.years import after_grant, year_label
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

MOVE_MONEY_LABEL = "Partners agree to move committed money to the items the plan keeps first"

HUNDRED = Decimal(100)


def to_cent(value: Decimal) -> Decimal:
    """Round to the cent, half up: the rule wherever a percentage is applied to money."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def format_percent(value: Decimal) -> str:
    """``3.5%``, ``50%``: as exact as it was entered, without trailing zeros."""
    return f"{format(value.normalize(), 'f')}%"


def scenario_baseline(scenario: Scenario) -> Baseline:
    """The baseline a scenario changes: *as planned* once it assumes anything about pledges or proposals."""
    if scenario.pledges is not PledgeOutcome.AS_PLANNED or scenario.proposals_approved_percent is not None:
        return Baseline.AS_PLANNED
    return Baseline.COMMITTED_ONLY


def describe_assumptions(document: Document, scenario: Scenario) -> list[str]:
    """The scenario's assumptions in plain words, one line each; the baseline it changes comes first."""
    names = {p.id: p.name for p in document.partners}
    baseline = scenario_baseline(scenario)
    lines = [f'Changes the baseline "{baseline.label}" ({baseline.explanation})']
    for w in scenario.withdrawals:
        who = names.get(w.partner_id, f"A partner no longer in the plan ({w.partner_id})")
        lines.append(f"{who} withdraws from {year_label(document, w.from_year)} on ({after_grant(w.from_year)})")
    if scenario.pledges is PledgeOutcome.DOES_NOT_ARRIVE:
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
    if scenario.move_committed_money:
        lines.append(MOVE_MONEY_LABEL + " (an assumption, not the plan's rule: committed money is earmarked)")
    if len(lines) == 1:
        lines.append("No assumptions yet: the baseline itself")
    return lines


def is_bad_news_only(scenario: Scenario) -> bool:
    """True when every assumption can only take money away or add cost (nothing arrives that the baseline lacks)."""
    return not scenario.move_committed_money


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
    if outcome is PledgeOutcome.DOES_NOT_ARRIVE:
        return [c for c in commitments if c.status is not CommitmentStatus.PLEDGED]
    return commitments


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
            result.append(c.model_copy(update={"amount": approved}))
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


def apply_scenario(document: Document, scenario: Scenario, base: Ledger | None = None) -> Ledger:
    """The ledger as it would be under ``scenario``: changed commitments and costs, the same rules."""
    base = base or summarize_funding(document).ledger
    commitments = _withdrawn(base.commitments, scenario.withdrawals)
    if not scenario.one_time_renewed:
        commitments = _without_renewals(commitments)
    commitments = _with_pledges(commitments, scenario.pledges)
    commitments = _with_proposals(commitments, scenario.proposals_approved_percent)
    counted = [CountedCommitment(c, c.status, "scenario") for c in commitments]
    gone = {w.partner_id: w.from_year for w in scenario.withdrawals}
    with without_gc_pauses():
        return assemble(document, _grown(document.cost_items, scenario), counted, gone_from=gone)


# --- what the plan loses --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LostFunding:
    """A cost item that its money does not reach in full, in the first year that happens."""

    item: CostItem
    year: int
    year_label: str
    cost: Decimal  # the item's cost that year
    funded: Decimal  # what reaches it

    @property
    def shortfall(self) -> Decimal:
        return self.cost - self.funded

    @property
    def priority(self) -> ItemPriority:
        return self.item.priority


@dataclass(frozen=True)
class YearGap:
    """One plan year under a baseline or a scenario: the cost, the money that counts, and the gap."""

    year: int
    label: str
    cost: Decimal
    counted: Decimal  # the money that pays under this baseline (earmarked: only up to each item's own cost)
    gap: Decimal  # the sum of the items' shortfalls

    @property
    def committed(self) -> Decimal:
        return self.counted


def funding_order(items: Sequence[ItemLedger]) -> list[ItemLedger]:
    """The order in which moved money reaches cost items: keep-first items first, then as the plan lists them."""
    return sorted(items, key=lambda iy: iy.item.priority)  # sorted() is stable: plan order within a priority


def funded_by_item(ledger: Ledger, baseline: Baseline, move_money: bool = False) -> dict[tuple[str, int], Decimal]:
    """What reaches each item in each year: its own money (earmarked), or, only when the partners agree to move
    committed money, the year's money handed out in :func:`funding_order`."""
    funded: dict[tuple[str, int], Decimal] = {}
    if not move_money:
        for iy in ledger.items:
            for y, cell in iy.years.items():
                funded[(iy.item.id, y)] = cell.covered(baseline)
        return funded
    ordered = funding_order(ledger.items)
    for y in ledger.years:
        left = sum((iy.years[y].paid(baseline) for iy in ledger.items), ZERO)
        for iy in ordered:
            reach = min(iy.years[y].cost, left)
            left -= reach
            funded[(iy.item.id, y)] = reach
    return funded


def year_gaps(ledger: Ledger, baseline: Baseline, move_money: bool = False) -> tuple[YearGap, ...]:
    funded = funded_by_item(ledger, baseline, move_money)
    rows = []
    for totals in ledger.year_totals:
        y = totals.year
        paid = sum((iy.years[y].paid(baseline) for iy in ledger.items), ZERO)
        reached = sum((funded[(iy.item.id, y)] for iy in ledger.items), ZERO)
        rows.append(YearGap(y, totals.label, totals.cost, paid, totals.cost - reached))
    return tuple(rows)


def lost_funding(
    ledger: Ledger, baseline: Baseline = Baseline.COMMITTED_ONLY, move_money: bool = False
) -> tuple[LostFunding, ...]:
    """Items their money does not reach in full, each in the first year that happens; by year, then the ones the
    plan would cut first before the ones it keeps first."""
    funded = funded_by_item(ledger, baseline, move_money)
    lost = []
    for iy in ledger.items:
        for y, cell in iy.years.items():
            reached = funded[(iy.item.id, y)]
            if reached < cell.cost:
                lost.append(LostFunding(iy.item, y, ledger.year_labels[y], cell.cost, reached))
                break
    return tuple(sorted(lost, key=lambda f: (f.year, -f.priority, f.item.name)))


# --- one scenario ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearComparison:
    base: YearGap
    scenario: YearGap

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
    """One partner's total share, as a fraction of the plan's cost, in the baseline and in the scenario."""

    partner_id: str
    label: str
    base_total: Decimal
    scenario_total: Decimal
    base_fraction: Decimal  # 0..1 of the plan's cost
    scenario_fraction: Decimal

    @property
    def points(self) -> Decimal:
        """The change in percentage points (exact; round only to show it)."""
        return (self.scenario_fraction - self.base_fraction) * HUNDRED


@dataclass(frozen=True)
class ScenarioResult:
    scenario: Scenario
    baseline: Baseline
    base_ledger: Ledger
    ledger: Ledger
    years: tuple[YearComparison, ...]
    lost: tuple[LostFunding, ...]
    share_changes: tuple[ShareChange, ...]  # largest change first; partners whose share does not move are left out
    notes: tuple[str, ...]  # assumptions that change nothing, in plain words

    @property
    def total_gap(self) -> Decimal:
        return sum((y.scenario.gap for y in self.years), ZERO)

    @property
    def base_total_gap(self) -> Decimal:
        return sum((y.base.gap for y in self.years), ZERO)

    @property
    def gap_change(self) -> Decimal:
        return self.total_gap - self.base_total_gap

    @property
    def total_cost(self) -> Decimal:
        return sum((y.scenario.cost for y in self.years), ZERO)

    @property
    def total_counted(self) -> Decimal:
        return sum((y.scenario.counted for y in self.years), ZERO)


def _share_changes(base: Ledger, scenario: Ledger) -> tuple[ShareChange, ...]:
    cost = base.total_cost
    before = {p.key: p for p in base.partners if not p.is_unassigned}
    after = {p.key: p for p in scenario.partners if not p.is_unassigned}
    changes = []
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        shown = new or old
        assert shown is not None  # the key came from one of the two
        old_total = old.total.total_share if old else ZERO
        new_total = new.total.total_share if new else ZERO
        change = ShareChange(
            partner_id=key,
            label=shown.label,
            base_total=old_total,
            scenario_total=new_total,
            base_fraction=old_total / cost if cost else ZERO,
            scenario_fraction=new_total / cost if cost else ZERO,
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
                f"{partner.name} withdraws from {after_grant(w.from_year)}, after the {horizon}-year plan; it changes "
                "nothing."
            )
        elif not any(c.partner_id == w.partner_id and c.year >= w.from_year for c in document.commitments):
            notes.append(
                f"{partner.name} has no money in the plan from {year_label(document, w.from_year)} on; its withdrawal "
                "changes nothing."
            )
    return notes


def _base_ledger(document: Document, base: FundingSummary | Ledger | None) -> Ledger:
    if base is None:
        return summarize_funding(document).ledger
    return base.ledger if isinstance(base, FundingSummary) else base


def run_scenario(document: Document, scenario: Scenario, base: FundingSummary | Ledger | None = None) -> ScenarioResult:
    """``scenario``'s gap per year beside its baseline's, the items that lose funding and the shares that move."""
    base_ledger = _base_ledger(document, base)
    baseline = scenario_baseline(scenario)
    changed = apply_scenario(document, scenario, base_ledger)
    before = year_gaps(base_ledger, baseline)
    after = year_gaps(changed, baseline, scenario.move_committed_money)
    return ScenarioResult(
        scenario=scenario,
        baseline=baseline,
        base_ledger=base_ledger,
        ledger=changed,
        years=tuple(YearComparison(b, s) for b, s in zip(before, after, strict=True)),
        lost=lost_funding(changed, baseline, scenario.move_committed_money),
        share_changes=_share_changes(base_ledger, changed),
        notes=tuple(_withdrawal_notes(document, scenario)),
    )


# --- the stress test ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dependence:
    """What happens to the plan, committed only, if one partner withdraws from plan year 1 (all its money gone).

    Committed money is earmarked, so a partner's withdrawal can only leave short the items its own money pays.
    """

    partner: Partner
    committed: Decimal  # its committed money over the plan
    planned: Decimal  # all its money in the plan, whatever the status
    years: tuple[YearGap, ...]  # the plan's years without it
    gap_increase: Decimal  # by how much the plan's total gap grows without it
    share_of_cost: Decimal  # gap_increase as a fraction (0..1) of the plan's total cost
    lost: tuple[LostFunding, ...]  # every item that loses funding without it
    newly_lost: tuple[LostFunding, ...]  # of those, the ones it pays that the plan funds in full today in that year
    rank: int = 0  # 1 for the partner the plan depends on most

    @property
    def total_gap(self) -> Decimal:
        return sum((y.gap for y in self.years), ZERO)

    @property
    def keep_first_newly_lost(self) -> tuple[LostFunding, ...]:
        """Keep-first items it pays, funded in full today, that lose funding without it: it is their single point of
        failure."""
        return tuple(f for f in self.newly_lost if f.priority is ItemPriority.KEEP_FIRST)

    def as_scenario(self) -> Scenario:
        return Scenario(name=f"{self.partner.name} withdraws", withdrawals=[Withdrawal(partner_id=self.partner.id)])


@dataclass(frozen=True)
class StressTest:
    baseline: Baseline
    total_cost: Decimal
    base_total_gap: Decimal
    rows: tuple[Dependence, ...]  # most depended on first


def _lost_order(f: LostFunding) -> tuple[int, int, str]:
    return (f.year, -f.priority, f.item.name)


def _dependence(
    partner: Partner,
    mine: dict[tuple[str, int], Decimal],
    planned: Decimal,
    base_years: tuple[YearGap, ...],
    extra: dict[int, Decimal],
    lost: list[LostFunding],
    newly: list[LostFunding],
    total_cost: Decimal,
) -> Dependence:
    taken_by_year: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for (_, y), amount in mine.items():
        taken_by_year[y] += amount
    years = tuple(
        replace(y, gap=y.gap + extra.get(y.year, ZERO), counted=y.counted - taken_by_year[y.year]) for y in base_years
    )
    increase = sum(extra.values(), ZERO)
    return Dependence(
        partner=partner,
        committed=sum(mine.values(), ZERO),
        planned=planned,
        years=years,
        gap_increase=increase,
        share_of_cost=increase / total_cost if total_cost else ZERO,
        lost=tuple(sorted(lost, key=_lost_order)),
        newly_lost=tuple(sorted(newly, key=_lost_order)),
    )


def stress_test(document: Document, base: FundingSummary | Ledger | None = None) -> StressTest:
    """Every partner's withdrawal from year 1, one at a time, against the committed-only baseline, ranked by how much
    the total gap grows without it, then by its committed money, then by all its planned money.

    A withdrawal changes no cost and committed money is earmarked, so each row only re-counts the item-years the
    partner's own money pays; the result is the same as :func:`run_scenario` with that one withdrawal (a test holds
    the two together).
    """
    ledger = _base_ledger(document, base)
    baseline = Baseline.COMMITTED_ONLY
    own: dict[str, dict[tuple[str, int], Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    planned: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for c in ledger.commitments:
        planned[c.partner_id] += c.amount
        if c.status is CommitmentStatus.COMMITTED:
            own[c.partner_id][(c.cost_item_id, c.year)] += c.amount
    base_years = year_gaps(ledger, baseline)
    base_lost = {f.item.id: f for f in lost_funding(ledger, baseline)}
    rows = []
    for partner in document.partners:
        mine = own.get(partner.id, {})
        # Only the items this partner's committed money pays can change; every other item is as in the baseline.
        paid = {item_id for item_id, _ in mine}
        extra: dict[int, Decimal] = defaultdict(lambda: ZERO)
        lost = [f for item_id, f in base_lost.items() if item_id not in paid]
        newly = []
        for iy in ledger.items:
            if iy.item.id not in paid:
                continue
            first = None
            for y, cell in iy.years.items():
                taken = mine.get((iy.item.id, y), ZERO)
                left = cell.committed - taken
                short = max(cell.cost - left, ZERO)
                extra[y] += short - cell.short(baseline)
                if first is None and short > 0:
                    first = y
                    found = LostFunding(iy.item, y, ledger.year_labels[y], cell.cost, min(cell.cost, left))
                    lost.append(found)
                    was = base_lost.get(iy.item.id)
                    if taken > 0 and (was is None or y < was.year):
                        newly.append(found)
        rows.append(_dependence(partner, mine, planned[partner.id], base_years, extra, lost, newly, ledger.total_cost))
    rows.sort(key=lambda d: (-d.gap_increase, -d.committed, -d.planned, d.partner.name))
    return StressTest(
        baseline=baseline,
        total_cost=ledger.total_cost,
        base_total_gap=ledger.total_gap(baseline),
        rows=tuple(replace(d, rank=n) for n, d in enumerate(rows, 1)),
    )
