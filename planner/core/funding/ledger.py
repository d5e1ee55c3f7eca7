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
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import NamedTuple

from planner.core.funding.years import fiscal_year_name, fiscal_year_start_year, year_label
from planner.core.model.document import (
    Agreement,
    Commitment,
    CommitmentStatus,
    CostItem,
    Document,
    Partner,
    Sector,
)
from planner.core.model.money import format_dollars

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

# (month, day) by which a board of this sector adopts the budget for a fiscal year that starts on July 1, and what
# that budget is called. Other partners (employers, workforce boards, nonprofits) are taken to have their money
# settled when the fiscal year starts.
BUDGET_CALENDAR: dict[Sector, tuple[int, int, str]] = {
    Sector.K12: (7, 1, "district budget"),
    Sector.COUNTY_OFFICE: (7, 1, "county office budget"),
    Sector.ROP: (7, 1, "district budget"),
    Sector.COLLEGE: (9, 15, "college final budget"),
}
DEFAULT_BUDGET = (7, 1, "budget")


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
    BUDGET_NOT_ADOPTED = "budget_not_adopted"
    AGREEMENT_UNKNOWN_PARTNER = "agreement_unknown_partner"
    FUND_ENDED = "fund_ended"
    FUND_RECIPIENT = "fund_recipient"
    MATCH_EXCLUDED = "match_excluded"
    MATCH_SHORT = "match_short"


@dataclass(frozen=True)
class FundingWarning:
    code: WarningCode
    message: str


# --- dates ------------------------------------------------------------------------------------------------------


def plan_date(document: Document) -> date:
    """The date the plan speaks for: the day the committee adopted it, or else the day it was last saved."""
    return document.adoption.adopted_on or document.metadata.modified.date()


def _on(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:  # February 29 in a year without one
        return date(year, month, 28)


def budget_adopted_by(partner: Partner, fiscal_start: int) -> tuple[date, str]:
    """When ``partner`` adopts its budget for the fiscal year starting July 1 of ``fiscal_start``, and its name."""
    month, day, what = BUDGET_CALENDAR.get(partner.sector, DEFAULT_BUDGET)
    if partner.budget_deadline is not None:
        month, day = partner.budget_deadline.month, partner.budget_deadline.day
    return _on(fiscal_start, month, day), what


def long_date(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


# --- the figures ------------------------------------------------------------------------------------------------


class CountedCommitment(NamedTuple):
    """A commitment as the ledger counts it (a named tuple: the large plan makes thousands of them per edit)."""

    commitment: Commitment  # with ``status`` as counted
    written: CommitmentStatus  # the status the plan records
    basis: str  # why it counts as it does, in plain words
    agreement: Agreement | None = None

    @property
    def downgraded(self) -> bool:
        return self.written is CommitmentStatus.COMMITTED and self.commitment.status is not CommitmentStatus.COMMITTED


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


def _money(value: Decimal) -> str:
    return format_dollars(value)


def _usable(
    document: Document, partners: dict[str, Partner], items: dict[str, CostItem]
) -> tuple[list[Commitment], list[FundingWarning]]:
    horizon = document.profile.horizon_years
    usable: list[Commitment] = []
    warnings: list[FundingWarning] = []
    for c in document.commitments:
        if c.partner_id in partners and c.cost_item_id in items and c.year <= horizon:
            usable.append(c)
            continue
        amount = _money(c.amount)
        if c.partner_id not in partners:
            warnings.append(
                FundingWarning(
                    WarningCode.UNKNOWN_PARTNER,
                    f"A commitment of {amount} names a partner that is not in the partner list "
                    f"({c.partner_id}); it is left out of the totals.",
                )
            )
        elif c.cost_item_id not in items:
            warnings.append(
                FundingWarning(
                    WarningCode.UNKNOWN_COST_ITEM,
                    f"{partners[c.partner_id].name}'s commitment of {amount} is for a cost item that does not exist "
                    f"({c.cost_item_id}); it is left out of the totals.",
                )
            )
        elif c.year > horizon:
            warnings.append(
                FundingWarning(
                    WarningCode.OUTSIDE_HORIZON,
                    f"{partners[c.partner_id].name}'s commitment of {amount} is for {year_label(document, c.year)}, "
                    f"beyond the {horizon}-year plan; it is left out of the totals.",
                )
            )
    return usable, warnings


def count_commitments(
    document: Document, commitments: Sequence[Commitment], partners: dict[str, Partner]
) -> tuple[list[CountedCommitment], list[FundingWarning]]:
    """Each usable commitment with the status it counts as, and a warning per partner and fiscal year whose money
    marked committed counts as pledged."""
    today = plan_date(document)
    covering: dict[tuple[str, int], Agreement] = {}
    for signed in sorted(document.agreements, key=lambda a: a.signed_on):
        if signed.signed_on <= today:
            for pid in signed.partner_ids:
                for fy in signed.fiscal_years:
                    covering.setdefault((pid, fy), signed)
    counted: list[CountedCommitment] = []
    downgraded: dict[tuple[str, int], Decimal] = defaultdict(lambda: ZERO)
    reasons: dict[tuple[str, int], str] = {}
    # One decision per partner and plan year: (counts as committed, why, the agreement, fiscal year start).
    decided: dict[tuple[str, int], tuple[bool, str, Agreement | None, int]] = {}
    plain = {status: status.label.lower() for status in CommitmentStatus}
    for c in commitments:
        if c.status is not CommitmentStatus.COMMITTED:
            counted.append(CountedCommitment(c, c.status, plain[c.status]))
            continue
        key = (c.partner_id, c.year)
        decision = decided.get(key)
        if decision is None:
            decision = decided[key] = _decide(document, partners[c.partner_id], c.year, today, covering, reasons)
        firm, basis, agreement, start = decision
        if firm:
            counted.append(CountedCommitment(c, c.status, basis, agreement))
            continue
        counted.append(CountedCommitment(c.model_copy(update={"status": CommitmentStatus.PLEDGED}), c.status, basis))
        downgraded[(c.partner_id, start)] += c.amount
    warnings = [
        FundingWarning(
            WarningCode.BUDGET_NOT_ADOPTED,
            f"{partners[pid].name}: {_money(amount)} marked committed for {fiscal_year_name(fy)} counts as pledged: "
            f"{reasons[(pid, fy)]}, after the plan's date ({long_date(today)}), and no agreement covers "
            f"{fiscal_year_name(fy)}. To count it as committed, record the MOU, board resolution or contract "
            "under Agreements on the Shared costs page (parties, date signed, fiscal years covered).",
        )
        for (pid, fy), amount in downgraded.items()
    ]
    return counted, warnings


def _decide(
    document: Document,
    partner: Partner,
    year: int,
    today: date,
    covering: dict[tuple[str, int], Agreement],
    reasons: dict[tuple[str, int], str],
) -> tuple[bool, str, Agreement | None, int]:
    """Whether ``partner``'s money marked committed for plan ``year`` counts as committed, and why."""
    start = fiscal_year_start_year(document, year)
    if start is None:  # no grant end date: the plan's years are not fiscal years yet, so nothing can be checked
        return True, "committed (fiscal year unknown: grant end not recorded)", None, 0
    adopted_on, what = budget_adopted_by(partner, start)
    fy_name = fiscal_year_name(start)
    if adopted_on <= today:
        return True, f"committed: {fy_name} {what} adopted by {long_date(adopted_on)}", None, start
    agreement = covering.get((partner.id, start))
    if agreement is not None:
        reference = f" {agreement.reference}" if agreement.reference else ""
        signed = long_date(agreement.signed_on)
        return True, f"committed: {agreement.kind.label.lower()}{reference} signed {signed}", agreement, start
    reasons[(partner.id, start)] = f"its {fy_name} {what} is adopted by {long_date(adopted_on)}"
    return False, f"pledged: {fy_name} {what} not adopted by the plan's date and no agreement covers it", None, start


def agreement_warnings(document: Document, partners: dict[str, Partner]) -> list[FundingWarning]:
    warnings = []
    for agreement in document.agreements:
        for pid in agreement.partner_ids:
            if pid not in partners:
                warnings.append(
                    FundingWarning(
                        WarningCode.AGREEMENT_UNKNOWN_PARTNER,
                        f"Agreement {agreement.reference or agreement.id} names a partner that is not in the partner "
                        f"list ({pid}); it covers no money for that party.",
                    )
                )
    return warnings


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
    gone_from = gone_from or {}
    horizon = document.profile.horizon_years
    years = tuple(range(1, horizon + 1))
    partner_list = document.partners
    known = {p.id for p in partner_list}
    by_item: dict[tuple[str, int], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO])
    payers_by_year: dict[tuple[str, int], set[str]] = defaultdict(set)
    payers: dict[str, set[str]] = defaultdict(set)
    by_partner: dict[tuple[str, int], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO, ZERO])
    index = {CommitmentStatus.COMMITTED: 0, CommitmentStatus.PLEDGED: 1, CommitmentStatus.PROPOSED: 2}
    for line in counted:
        c = line[0]
        amount, item_id, partner_id, year = c.amount, c.cost_item_id, c.partner_id, c.year
        slot = index[c.status]
        item_key = (item_id, year)
        by_item[item_key][slot] += amount
        by_partner[(partner_id, year)][slot] += amount
        payers[item_id].add(partner_id)
        if slot == 0:
            payers_by_year[item_key].add(partner_id)
    items: list[ItemLedger] = []
    for item in cost_items:
        owner = item.gap_partner_id if item.gap_partner_id in known else UNASSIGNED_KEY
        cells = {}
        for y in years:
            money = by_item.get((item.id, y))
            cell = (
                ItemYear(item.costs.get(y, ZERO), *money)
                if money is not None
                else ItemYear(cost=item.costs.get(y, ZERO))
            )
            cells[y] = cell
            unpromised = cell.unpromised
            if unpromised > 0:
                asked = owner if y < gone_from.get(owner, y + 1) else UNASSIGNED_KEY
                by_partner[(asked, y)][3] += unpromised
        items.append(
            ItemLedger(
                item=item,
                years=cells,
                committed_payers={y: frozenset(payers_by_year.get((item.id, y), ())) for y in years},
                payers=frozenset(payers.get(item.id, ())),
                owner=owner,
            )
        )
    labels = {y: year_label(document, y) for y in years}
    keys = [p.id for p in partner_list if any((p.id, y) in by_partner for y in years)]
    if any((UNASSIGNED_KEY, y) in by_partner for y in years):
        keys.append(UNASSIGNED_KEY)
    partners_by_id = {p.id: p for p in partner_list}
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
    cost = sum((t.cost for t in totals), ZERO)
    percents = percents_of_cost([r.total.total_share for r in rows], cost)
    rows = [
        PartnerLedger(r.key, r.label, r.sector, r.by_year, percent) for r, percent in zip(rows, percents, strict=True)
    ]
    return Ledger(
        plan_date=plan_date(document),
        years=years,
        year_labels=labels,
        items=tuple(items),
        partners=tuple(rows),
        year_totals=tuple(totals),
        counted=tuple(counted),
        warnings=tuple(warnings),
    )


@contextmanager
def _without_gc_pauses() -> Iterator[None]:
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
    with _without_gc_pauses():
        return _build_ledger(document)


def _build_ledger(document: Document) -> Ledger:
    partners = {p.id: p for p in document.partners}
    items = {i.id: i for i in document.cost_items}
    usable, warnings = _usable(document, partners, items)
    counted, status_warnings = count_commitments(document, usable, partners)
    return assemble(
        document,
        document.cost_items,
        counted,
        [*status_warnings, *agreement_warnings(document, partners), *warnings],
    )
