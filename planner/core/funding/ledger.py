"""The ledger: the one place that counts the shared-cost plan's money.

Every page, export and scenario reads these figures; none recomputes them. The rules, as a budget officer keeps
them:

* **Committed money is earmarked** to the cost item it was committed to. It pays that item's cost in that plan
  year and nothing else: money committed beyond an item's cost is a surplus on that item, and an item is short
  whenever its own committed money falls below its cost. Moving committed money to another item is a decision,
  available only as an explicit scenario assumption (:mod:`planner.core.funding.scenarios`).
* **Committed means certain.** A commitment marked committed counts as committed for a fiscal year only if the
  partner's budget for that year was adopted by the plan's date (school districts and county offices adopt by
  July 1, community college districts their final budget by September 15, a partner's own budget date wins;
  other partners by the start of the fiscal year) or a recorded agreement (MOU, board resolution, contract) signed
  by the plan's date covers the partner and the year. Otherwise it counts, and prints, as *pledged*, with a
  warning. The plan's date is the day the committee adopted it, or else the day it was last saved.
* **One vocabulary for what a partner is asked:** *committed* (counted as above), *still to commit* (its pledged and
  proposed money plus the *new ask*: whatever of the cost items assigned to it no one has promised yet) and its
  *total share* (both). Cost no one has promised on items assigned to no partner is *not yet assigned*.
* **Two baselines.** *Committed only*: only committed money is spent. *As planned*: every pledge and proposal
  arrives as written. A year's gap under a baseline is the sum of its items' shortfalls, never pooled.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import NamedTuple

from planner.core.funding.certainty import (
    BUDGET_CALENDAR,
    DEFAULT_BUDGET,
    CountedCommitment,
    FundingWarning,
    WarningCode,
    agreement_warnings,
    budget_adopted_by,
    count_commitments,
    long_date,
    plan_date,
    split_usable,
)
from planner.core.funding.years import year_label
from planner.core.model.cost_plan import Commitment, CommitmentStatus, CostItem
from planner.core.model.document import Document, Sector

__all__ = [
    "BUDGET_CALENDAR",
    "DEFAULT_BUDGET",
    "CountedCommitment",
    "FundingWarning",
    "WarningCode",
    "agreement_warnings",
    "budget_adopted_by",
    "count_commitments",
    "long_date",
    "plan_date",
]

ZERO = Decimal("0.00")
UNASSIGNED_KEY = ""
UNASSIGNED_LABEL = "Not yet assigned to a partner"

# --- the vocabulary, defined once -------------------------------------------------------------------------------

COMMITTED = "Committed"
STILL_TO_COMMIT = "Still to commit"
TOTAL_SHARE = "Total share"
PERCENT_BASE = "of the plan's cost"
DEFINITIONS = {
    COMMITTED: "money in a budget the partner has adopted for that fiscal year, or covered by a signed agreement",
    STILL_TO_COMMIT: (
        "pledged and proposed money, plus the new ask: what no one has promised yet on the cost items assigned to "
        "the partner"
    ),
    TOTAL_SHARE: "committed plus still to commit",
}


class Baseline(StrEnum):
    COMMITTED_ONLY = "committed_only"
    AS_PLANNED = "as_planned"

    @property
    def label(self) -> str:
        return "Committed only" if self is Baseline.COMMITTED_ONLY else "As planned"

    @property
    def explanation(self) -> str:
        return BASELINE_EXPLANATIONS[self]

    @property
    def sentence(self) -> str:
        """The baseline explained in one sentence, for every page that prints it."""
        return f"{self.label}: {self.explanation}."


BASELINE_EXPLANATIONS = {
    Baseline.COMMITTED_ONLY: "only money that is certain (adopted budgets and signed agreements) is spent; pledges "
    "and proposals bring nothing",
    Baseline.AS_PLANNED: "every pledge and proposal arrives in full, as written",
}

# --- the figures ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Amounts:
    """One partner's money in one plan year (or summed), in the ledger's vocabulary."""

    committed: Decimal = ZERO
    pledged: Decimal = ZERO
    proposed: Decimal = ZERO
    new_ask: Decimal = ZERO

    @property
    def still_to_commit(self) -> Decimal:
        return self.pledged + self.proposed + self.new_ask

    @property
    def total_share(self) -> Decimal:
        return self.committed + self.still_to_commit

    # The names earlier code read; the same figures.
    @property
    def total(self) -> Decimal:
        return self.total_share

    @property
    def not_yet_committed(self) -> Decimal:
        return self.still_to_commit

    def __add__(self, other: Amounts) -> Amounts:
        return Amounts(
            self.committed + other.committed,
            self.pledged + other.pledged,
            self.proposed + other.proposed,
            self.new_ask + other.new_ask,
        )


@dataclass(frozen=True)
class ItemYear:
    """One cost item in one plan year: its cost and the money earmarked to it."""

    cost: Decimal = ZERO
    committed: Decimal = ZERO
    pledged: Decimal = ZERO
    proposed: Decimal = ZERO

    @property
    def planned(self) -> Decimal:
        return self.committed + self.pledged + self.proposed

    def paid(self, baseline: Baseline) -> Decimal:
        return self.committed if baseline is Baseline.COMMITTED_ONLY else self.planned

    def short(self, baseline: Baseline = Baseline.COMMITTED_ONLY) -> Decimal:
        return max(self.cost - self.paid(baseline), ZERO)

    def covered(self, baseline: Baseline = Baseline.COMMITTED_ONLY) -> Decimal:
        return min(self.cost, self.paid(baseline))

    def surplus(self, baseline: Baseline = Baseline.COMMITTED_ONLY) -> Decimal:
        return max(self.paid(baseline) - self.cost, ZERO)

    @property
    def unpromised(self) -> Decimal:
        """What of the cost no commitment of any status covers yet: the new ask (or not yet assigned)."""
        return max(self.cost - self.planned, ZERO)


@dataclass(frozen=True)
class ItemLedger:
    item: CostItem
    years: dict[int, ItemYear]
    # Partners whose counted money pays this item, per plan year, and at any status.
    committed_payers: dict[int, frozenset[str]]
    payers: frozenset[str]
    owner: str  # the partner asked for what no one has promised yet, or UNASSIGNED_KEY

    @property
    def total_cost(self) -> Decimal:
        return sum((y.cost for y in self.years.values()), ZERO)

    def first_short(self, baseline: Baseline = Baseline.COMMITTED_ONLY) -> int | None:
        return next((y for y, cell in self.years.items() if cell.short(baseline) > 0), None)

    # The names earlier code read.
    @property
    def cost(self) -> dict[int, Decimal]:
        return {y: cell.cost for y, cell in self.years.items()}

    @property
    def planned(self) -> dict[int, Decimal]:
        return {y: cell.planned for y, cell in self.years.items()}


@dataclass(frozen=True)
class PartnerLedger:
    key: str  # the partner id, or UNASSIGNED_KEY
    label: str
    sector: Sector | None
    by_year: dict[int, Amounts]
    percent: int = 0  # whole percent of the plan's cost (its total share)

    @property
    def total(self) -> Amounts:
        return sum(self.by_year.values(), Amounts())

    @property
    def is_unassigned(self) -> bool:
        return self.key == UNASSIGNED_KEY

    @property
    def share(self) -> int:
        """Its total share in whole percent of the plan's cost (the name earlier code read)."""
        return self.percent


@dataclass(frozen=True)
class YearTotals:
    year: int
    label: str
    cost: Decimal
    committed: Decimal
    pledged: Decimal
    proposed: Decimal
    gap: Decimal  # committed only: the sum of the items' shortfalls
    gap_as_planned: Decimal  # as planned: the same, if every pledge and proposal arrives
    surplus: Decimal  # committed money beyond its own item's cost (it pays no other item)
    new_ask: Decimal  # on items assigned to a partner
    unassigned: Decimal  # on items assigned to no partner

    def short(self, baseline: Baseline) -> Decimal:
        return self.gap if baseline is Baseline.COMMITTED_ONLY else self.gap_as_planned

    @property
    def still_to_commit(self) -> Decimal:
        return self.pledged + self.proposed + self.new_ask + self.unassigned

    @property
    def gap_if_all_promised(self) -> Decimal:
        return self.gap_as_planned


@dataclass(frozen=True)
class Ledger:
    plan_date: date
    years: tuple[int, ...]
    year_labels: dict[int, str]
    items: tuple[ItemLedger, ...]
    partners: tuple[PartnerLedger, ...]  # partners with money or an ask, in the plan's order; unassigned last
    year_totals: tuple[YearTotals, ...]
    counted: tuple[CountedCommitment, ...]
    warnings: tuple[FundingWarning, ...] = field(default=())

    @property
    def commitments(self) -> list[Commitment]:
        """The usable commitments with the status they count as."""
        return [c.commitment for c in self.counted]

    @property
    def total_cost(self) -> Decimal:
        return sum((y.cost for y in self.year_totals), ZERO)

    @property
    def total_committed(self) -> Decimal:
        return sum((y.committed for y in self.year_totals), ZERO)

    def total_gap(self, baseline: Baseline = Baseline.COMMITTED_ONLY) -> Decimal:
        return sum((y.short(baseline) for y in self.year_totals), ZERO)

    @property
    def total(self) -> Amounts:
        return sum((p.total for p in self.partners), Amounts())

    @property
    def still_to_commit(self) -> Decimal:
        """The key figure: the total of the still-to-commit column, the not-yet-assigned row included."""
        return self.total.still_to_commit

    @property
    def unassigned(self) -> Decimal:
        return sum((p.total.total_share for p in self.partners if p.is_unassigned), ZERO)

    def partner(self, key: str) -> PartnerLedger | None:
        return next((p for p in self.partners if p.key == key), None)

    def item(self, item_id: str) -> ItemLedger | None:
        return next((i for i in self.items if i.item.id == item_id), None)


# --- building it ------------------------------------------------------------------------------------------------


def largest_remainder_percent(amounts: Sequence[Decimal]) -> list[int]:
    """Whole percentages of ``amounts`` that add up to exactly 100 (or all 0 when nothing is there)."""
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


def percents_of_cost(amounts: Sequence[Decimal], cost: Decimal) -> list[int]:
    """Whole percentages of the plan's cost. When the amounts add up to the cost they add up to exactly 100; when
    partners promised more than the cost, each is rounded on its own (and they add up to more than 100)."""
    if cost <= 0:
        return [0] * len(amounts)
    if sum(amounts, ZERO) == cost:
        return largest_remainder_percent(amounts)
    return [int((a * 100 / cost).quantize(Decimal(1), rounding=ROUND_HALF_UP)) for a in amounts]


class _Sums(NamedTuple):
    by_item: dict[tuple[str, int], list[Decimal]]  # committed, pledged, proposed
    by_partner: dict[tuple[str, int], list[Decimal]]  # committed, pledged, proposed, new ask
    payers: dict[str, set[str]]
    committed_payers: dict[tuple[str, int], set[str]]


_SLOT = {CommitmentStatus.COMMITTED: 0, CommitmentStatus.PLEDGED: 1, CommitmentStatus.PROPOSED: 2}


def _sum_commitments(counted: Sequence[CountedCommitment]) -> _Sums:
    sums = _Sums(
        defaultdict(lambda: [ZERO, ZERO, ZERO]), defaultdict(lambda: [ZERO, ZERO, ZERO, ZERO]), defaultdict(set),
        defaultdict(set),
    )  # fmt: skip
    by_item, by_partner, payers, committed_payers = sums
    for line in counted:
        c = line[0]
        amount, item_id, partner_id, year = c.amount, c.cost_item_id, c.partner_id, c.year
        slot = _SLOT[c.status]
        item_key = (item_id, year)
        by_item[item_key][slot] += amount
        by_partner[(partner_id, year)][slot] += amount
        payers[item_id].add(partner_id)
        if slot == 0:
            committed_payers[item_key].add(partner_id)
    return sums


def _item_ledgers(
    cost_items: Sequence[CostItem], years: tuple[int, ...], sums: _Sums, known: set[str], gone_from: dict[str, int]
) -> list[ItemLedger]:
    """Each item's years; what no one has promised yet is added to its owner's new ask (or not yet assigned)."""
    items: list[ItemLedger] = []
    for item in cost_items:
        owner = item.gap_partner_id if item.gap_partner_id in known else UNASSIGNED_KEY
        cells = {}
        for y in years:
            money = sums.by_item.get((item.id, y))
            cost = item.costs.get(y, ZERO)
            cell = ItemYear(cost, *money) if money is not None else ItemYear(cost=cost)
            cells[y] = cell
            unpromised = cell.unpromised
            if unpromised > 0:
                asked = owner if y < gone_from.get(owner, y + 1) else UNASSIGNED_KEY
                sums.by_partner[(asked, y)][3] += unpromised
        items.append(
            ItemLedger(
                item=item,
                years=cells,
                committed_payers={y: frozenset(sums.committed_payers.get((item.id, y), ())) for y in years},
                payers=frozenset(sums.payers.get(item.id, ())),
                owner=owner,
            )
        )
    return items


def _partner_rows(
    document: Document, years: tuple[int, ...], by_partner: dict[tuple[str, int], list[Decimal]]
) -> list[PartnerLedger]:
    keys = [p.id for p in document.partners if any((p.id, y) in by_partner for y in years)]
    if any((UNASSIGNED_KEY, y) in by_partner for y in years):
        keys.append(UNASSIGNED_KEY)
    partners_by_id = {p.id: p for p in document.partners}
    rows = []
    for key in keys:
        by_year = {}
        for y in years:
            money = by_partner.get((key, y))
            by_year[y] = Amounts(*money) if money is not None else Amounts()
        partner = partners_by_id.get(key)
        rows.append(
            PartnerLedger(
                key=key,
                label=partner.name if partner is not None else UNASSIGNED_LABEL,
                sector=partner.sector if partner is not None else None,
                by_year=by_year,
            )
        )
    return rows


def _year_totals(
    years: tuple[int, ...], labels: dict[int, str], items: list[ItemLedger], rows: list[PartnerLedger]
) -> list[YearTotals]:
    totals = []
    for y in years:
        cost = committed = pledged = proposed = gap = gap_planned = surplus = ZERO
        for ledger_item in items:
            cell = ledger_item.years[y]
            cost += cell.cost
            committed += cell.committed
            pledged += cell.pledged
            proposed += cell.proposed
            planned = cell.committed + cell.pledged + cell.proposed
            if cell.cost > cell.committed:
                gap += cell.cost - cell.committed
            else:
                surplus += cell.committed - cell.cost
            if cell.cost > planned:
                gap_planned += cell.cost - planned
        totals.append(
            YearTotals(
                year=y,
                label=labels[y],
                cost=cost,
                committed=committed,
                pledged=pledged,
                proposed=proposed,
                gap=gap,
                gap_as_planned=gap_planned,
                surplus=surplus,
                new_ask=sum((r.by_year[y].new_ask for r in rows if not r.is_unassigned), ZERO),
                unassigned=sum((r.by_year[y].new_ask for r in rows if r.is_unassigned), ZERO),
            )
        )
    return totals


def assemble(
    document: Document,
    cost_items: Sequence[CostItem],
    counted: Sequence[CountedCommitment],
    warnings: Iterable[FundingWarning] = (),
    gone_from: dict[str, int] | None = None,
) -> Ledger:
    """The ledger of ``cost_items`` and ``counted`` commitments (already usable and counted); scenarios call this
    with their changed costs and commitments, and ``gone_from``: the first plan year of each partner that withdraws,
    from which on no one can ask it for anything (its new ask is not yet assigned)."""
    years = tuple(range(1, document.profile.horizon_years + 1))
    sums = _sum_commitments(counted)
    items = _item_ledgers(cost_items, years, sums, {p.id for p in document.partners}, gone_from or {})
    labels = {y: year_label(document, y) for y in years}
    rows = _partner_rows(document, years, sums.by_partner)
    totals = _year_totals(years, labels, items, rows)
    percents = percents_of_cost([r.total.total_share for r in rows], sum((t.cost for t in totals), ZERO))
    return Ledger(
        plan_date=plan_date(document),
        years=years,
        year_labels=labels,
        items=tuple(items),
        partners=tuple(replace(r, percent=percent) for r, percent in zip(rows, percents, strict=True)),
        year_totals=tuple(totals),
        counted=tuple(counted),
        warnings=tuple(warnings),
    )


@contextmanager
def without_gc_pauses() -> Iterator[None]:
    """Counting a large plan makes thousands of small containers, none of them in a cycle; a collection triggered
    halfway walks the whole document (measured: it triples the large plan's time), so none runs meanwhile."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_ledger(document: Document) -> Ledger:
    """The plan's ledger: every commitment counted by the rules above, every item and partner per plan year."""
    with without_gc_pauses():
        return _build_ledger(document)


def _build_ledger(document: Document) -> Ledger:
    partners = {p.id: p for p in document.partners}
    items = {i.id: i for i in document.cost_items}
    usable, warnings = split_usable(document, partners, items)
    counted, status_warnings = count_commitments(document, usable, partners)
    return assemble(
        document,
        document.cost_items,
        counted,
        [*status_warnings, *agreement_warnings(document, partners), *warnings],
    )
