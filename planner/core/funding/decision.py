"""What the steering committee votes on: the ask per partner and year, what stops if nothing is decided, by
when each board must act, which funds pay, and who signs.

Definitions (used by the decision brief, the Word copy and the tests):

* **ask** of a partner in a plan year: its committed, pledged and proposed commitments, plus the **new ask**:
  for every cost item whose ``gap_partner_id`` names the partner, whatever of the item's cost no commitment of
  any status covers yet. Cost no one has promised and no partner is assigned is **unassigned**.
  Every total is a plain sum of the cells it totals, so rows and columns add up to the cent.
* **shares** of the ask are whole percentages that add up to exactly 100 (largest-remainder rounding).
* **if nothing is decided** only committed money is spent: a cost item stops in the first plan year whose
  committed money for it falls short of its cost. Items are listed by that year, and within a year the
  ones the plan would cut first come first.
* **board deadline**: the date a partner's board must adopt the budget for the fiscal year of its first
  ask that is not yet committed. California school districts (and county offices and ROPs, which follow the
  same calendar) adopt by July 1, community colleges adopt final budgets by September 15. A partner's own
  ``budget_deadline`` wins. Other sectors have no statutory date.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from planner.core.funding.costs import (
    ZERO,
    FundingSummary,
    fiscal_year,
    largest_remainder_percent,
    plan_period,
    summarize_funding,
    year_label,
)
from planner.core.model.cost_plan import Commitment, CommitmentStatus, FundingSource, ItemPriority
from planner.core.model.document import Document, Partner, Sector, SteeringMember
from planner.core.model.money import format_dollars, whole_dollars

UNASSIGNED_KEY = ""

# (month, day) by which a board of this sector adopts the budget for a fiscal year that starts on July 1.
BUDGET_CALENDAR: dict[Sector, tuple[int, int, str]] = {
    Sector.K12: (7, 1, "District budget"),
    Sector.COUNTY_OFFICE: (7, 1, "County office budget"),
    Sector.ROP: (7, 1, "District budget"),
    Sector.COLLEGE: (9, 15, "College final budget"),
}


def largest_remainder_dollars(amounts: Sequence[Decimal]) -> list[Decimal]:
    """Whole dollars for ``amounts`` that add up to their rounded total, so a printed table adds up as printed."""
    if not amounts:
        return []
    target = whole_dollars(sum(amounts, ZERO))
    floors = [a.to_integral_value(rounding=ROUND_FLOOR) for a in amounts]
    missing = int(target - sum(floors, ZERO))
    order = sorted(range(len(amounts)), key=lambda i: (-(amounts[i] - floors[i]), i))
    for i in order[:missing]:
        floors[i] += 1
    return floors


@dataclass(frozen=True)
class DollarGrid:
    """The ask table in whole dollars: each cell rounded so that rows, columns and the total add up as printed."""

    cells: dict[tuple[str, int], Decimal]
    rows: dict[str, Decimal]
    years: dict[int, Decimal]
    total: Decimal


@dataclass(frozen=True)
class AskCell:
    committed: Decimal = ZERO
    pledged: Decimal = ZERO
    proposed: Decimal = ZERO
    new_ask: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.committed + self.pledged + self.proposed + self.new_ask

    @property
    def not_yet_committed(self) -> Decimal:
        return self.pledged + self.proposed + self.new_ask

    def __add__(self, other: AskCell) -> AskCell:
        return AskCell(
            self.committed + other.committed,
            self.pledged + other.pledged,
            self.proposed + other.proposed,
            self.new_ask + other.new_ask,
        )


@dataclass(frozen=True)
class AskRow:
    key: str  # the partner id, or UNASSIGNED_KEY for cost no one is asked for yet
    label: str
    by_year: dict[int, AskCell]
    share: int  # whole percent of the ask table's total

    @property
    def total(self) -> AskCell:
        return sum(self.by_year.values(), AskCell())

    @property
    def is_unassigned(self) -> bool:
        return self.key == UNASSIGNED_KEY


@dataclass(frozen=True)
class AskTable:
    years: tuple[int, ...]
    year_labels: dict[int, str]
    rows: tuple[AskRow, ...]

    def year_total(self, year: int) -> AskCell:
        return sum((r.by_year[year] for r in self.rows), AskCell())

    @property
    def total(self) -> AskCell:
        return sum((r.total for r in self.rows), AskCell())

    @property
    def unassigned(self) -> Decimal:
        return sum((r.total.total for r in self.rows if r.is_unassigned), ZERO)

    def in_dollars(self) -> DollarGrid:
        keys = [(r.key, y) for r in self.rows for y in self.years]
        exact = [r.by_year[y].total for r in self.rows for y in self.years]
        cells = dict(zip(keys, largest_remainder_dollars(exact), strict=True))
        return DollarGrid(
            cells=cells,
            rows={r.key: sum((cells[(r.key, y)] for y in self.years), ZERO) for r in self.rows},
            years={y: sum((cells[(r.key, y)] for r in self.rows), ZERO) for y in self.years},
            total=sum(cells.values(), ZERO),
        )


@dataclass(frozen=True)
class Stop:
    """A cost item that loses its funding if nothing more is decided."""

    item_name: str
    priority: ItemPriority
    year: int
    fiscal_year: str | None
    cost: Decimal  # the item's cost in the year it stops
    committed: Decimal  # what is committed to it that year

    @property
    def shortfall(self) -> Decimal:
        return self.cost - self.committed

    @property
    def when(self) -> str:
        return self.fiscal_year or f"plan year {self.year}"


@dataclass(frozen=True)
class BoardDeadline:
    partner: Partner
    deadline: date | None
    basis: str  # why this date: the sector's rule, the partner's own date, or that there is no fixed date
    amount: Decimal  # what is asked of this partner and not yet committed, over the plan


@dataclass(frozen=True)
class SourceLine:
    commitment: Commitment
    item_name: str
    year_label: str


@dataclass(frozen=True)
class PartnerSources:
    partner: Partner
    lines: tuple[SourceLine, ...]

    @property
    def total(self) -> Decimal:
        return sum((line.commitment.amount for line in self.lines), ZERO)


@dataclass(frozen=True)
class FundMix:
    fund: FundingSource
    total: Decimal
    committed: Decimal
    share: int  # whole percent, all funds add up to 100
    partners: tuple[str, ...]  # partner names paying from this fund

    @property
    def match_note(self) -> str:
        return self.fund.match_note


@dataclass(frozen=True)
class SignatureRow:
    partner: Partner
    member: SteeringMember | None


@dataclass(frozen=True)
class DecisionSummary:
    period: str
    total_cost: Decimal
    committed: Decimal
    gap: Decimal
    ask: AskTable
    ask_dollars: DollarGrid
    stops: tuple[Stop, ...]
    deadlines: tuple[BoardDeadline, ...]
    sources: tuple[PartnerSources, ...]
    fund_mix: tuple[FundMix, ...]
    signatures: tuple[SignatureRow, ...]

    @property
    def asked_of_partners(self) -> Decimal:
        """Money partners are asked to turn into commitments: their pledges, proposals and new asks."""
        return self.ask.total.not_yet_committed - self.ask.unassigned

    @property
    def match_flags(self) -> tuple[FundMix, ...]:
        return tuple(m for m in self.fund_mix if m.match_note)


def usable_commitments(document: Document) -> list[Commitment]:
    """The commitments core counts in the totals (known partner, known item, inside the horizon)."""
    partners = {p.id for p in document.partners}
    items = {i.id for i in document.cost_items}
    horizon = document.profile.horizon_years
    return [
        c for c in document.commitments if c.partner_id in partners and c.cost_item_id in items and c.year <= horizon
    ]


def ask_table(document: Document, funding: FundingSummary, commitments: Sequence[Commitment]) -> AskTable:
    years = tuple(y.year for y in funding.years)
    cells: dict[str, dict[int, AskCell]] = defaultdict(lambda: {y: AskCell() for y in years})
    for c in commitments:
        status = {
            CommitmentStatus.COMMITTED: AskCell(committed=c.amount),
            CommitmentStatus.PLEDGED: AskCell(pledged=c.amount),
            CommitmentStatus.PROPOSED: AskCell(proposed=c.amount),
        }[c.status]
        cells[c.partner_id][c.year] = cells[c.partner_id][c.year] + status
    known = {p.id for p in document.partners}
    for iy in funding.items:
        owner = iy.item.gap_partner_id if iy.item.gap_partner_id in known else UNASSIGNED_KEY
        for y in years:
            uncovered = iy.cost[y] - iy.planned[y]
            if uncovered > 0:
                cells[owner][y] = cells[owner][y] + AskCell(new_ask=uncovered)
    names = {p.id: p.name for p in document.partners}
    order = [p.id for p in document.partners if p.id in cells]
    if UNASSIGNED_KEY in cells:
        order.append(UNASSIGNED_KEY)
    totals = [sum((cell.total for cell in cells[key].values()), ZERO) for key in order]
    shares = largest_remainder_percent(totals)
    rows = tuple(
        AskRow(
            key=key,
            label=names.get(key, "Not yet assigned to a partner"),
            by_year=dict(cells[key]),
            share=share,
        )
        for key, share in zip(order, shares, strict=True)
    )
    labels = {y: fiscal_year(document, y) or f"Year {y}" for y in years}
    return AskTable(years=years, year_labels=labels, rows=rows)


def stops_if_nothing_decided(
    document: Document, funding: FundingSummary, commitments: Sequence[Commitment]
) -> list[Stop]:
    committed: dict[tuple[str, int], Decimal] = defaultdict(lambda: ZERO)
    for c in commitments:
        if c.status is CommitmentStatus.COMMITTED:
            committed[(c.cost_item_id, c.year)] += c.amount
    stops: list[Stop] = []
    for iy in funding.items:
        for y, cost in iy.cost.items():
            paid = committed[(iy.item.id, y)]
            if cost > paid:
                stops.append(
                    Stop(
                        item_name=iy.item.name,
                        priority=iy.item.priority,
                        year=y,
                        fiscal_year=fiscal_year(document, y),
                        cost=cost,
                        committed=paid,
                    )
                )
                break
    # The plan lets "cut first" items go before "keep first" ones in the same year.
    return sorted(stops, key=lambda s: (s.year, -s.priority, s.item_name))


def fiscal_year_start(document: Document, year: int) -> date | None:
    """July 1 on which plan year ``year``'s fiscal year begins, when the grant end is known."""
    label = fiscal_year(document, year)
    if label is None:
        return None
    return date(int(label[3:7]), 7, 1)


def board_deadlines(document: Document, ask: AskTable) -> list[BoardDeadline]:
    deadlines: list[BoardDeadline] = []
    partners = {p.id: p for p in document.partners}
    for row in ask.rows:
        if row.is_unassigned or row.total.not_yet_committed <= 0:
            continue
        partner = partners[row.key]
        first_year = min(y for y, cell in row.by_year.items() if cell.not_yet_committed > 0)
        start = fiscal_year_start(document, first_year)
        rule = BUDGET_CALENDAR.get(partner.sector)
        if partner.budget_deadline is not None:
            deadline, basis = partner.budget_deadline, "The partner's own budget calendar"
        elif rule is not None and start is not None:
            month, day, what = rule
            deadline, basis = date(start.year, month, day), f"{what} for {fiscal_year(document, first_year)}"
        elif rule is not None:
            deadline, basis = None, f"{rule[2]} before plan year {first_year} (grant end not recorded)"
        else:
            deadline, basis = None, "No fixed budget date"
        deadlines.append(BoardDeadline(partner, deadline, basis, row.total.not_yet_committed))
    return sorted(deadlines, key=lambda d: (d.deadline is None, d.deadline or date.max, d.partner.name))


def sources_by_partner(
    document: Document, commitments: Sequence[Commitment]
) -> tuple[list[PartnerSources], list[FundMix]]:
    items = {i.id: i.name for i in document.cost_items}
    grouped: dict[str, list[SourceLine]] = defaultdict(list)
    for c in commitments:
        grouped[c.partner_id].append(SourceLine(c, items[c.cost_item_id], year_label(document, c.year)))
    by_partner = [
        PartnerSources(p, tuple(sorted(grouped[p.id], key=lambda line: (line.commitment.year, line.item_name))))
        for p in document.partners
        if p.id in grouped
    ]
    totals: dict[FundingSource, Decimal] = defaultdict(lambda: ZERO)
    firm: dict[FundingSource, Decimal] = defaultdict(lambda: ZERO)
    payers: dict[FundingSource, list[str]] = defaultdict(list)
    names = {p.id: p.name for p in document.partners}
    for c in commitments:
        totals[c.fund] += c.amount
        if c.status is CommitmentStatus.COMMITTED:
            firm[c.fund] += c.amount
        if names[c.partner_id] not in payers[c.fund]:
            payers[c.fund].append(names[c.partner_id])
    funds = sorted(totals, key=lambda f: (-totals[f], list(FundingSource).index(f)))
    shares = largest_remainder_percent([totals[f] for f in funds])
    mix = [
        FundMix(fund=f, total=totals[f], committed=firm[f], share=s, partners=tuple(payers[f]))
        for f, s in zip(funds, shares, strict=True)
    ]
    return by_partner, mix


def signature_rows(document: Document) -> list[SignatureRow]:
    """One row per partner, with the steering member who represents it when the plan names one."""
    members = {m.partner_id: m for m in document.steering_committee if m.partner_id}
    return [SignatureRow(p, members.get(p.id)) for p in document.partners]


def summarize_decision(document: Document, funding: FundingSummary | None = None) -> DecisionSummary:
    funding = funding or summarize_funding(document)
    commitments = usable_commitments(document)
    ask = ask_table(document, funding, commitments)
    sources, mix = sources_by_partner(document, commitments)
    return DecisionSummary(
        period=plan_period(document),
        total_cost=funding.total_cost,
        committed=funding.total_committed,
        gap=funding.total_gap,
        ask=ask,
        ask_dollars=ask.in_dollars(),
        stops=tuple(stops_if_nothing_decided(document, funding, commitments)),
        deadlines=tuple(board_deadlines(document, ask)),
        sources=tuple(sources),
        fund_mix=tuple(mix),
        signatures=tuple(signature_rows(document)),
    )


def default_motion(document: Document) -> str:
    """The motion printed when the plan records none of its own."""
    period = plan_period(document)
    period = period[0].lower() + period[1:] if period.startswith("The ") else period
    return (
        f"That the steering committee of {document.profile.consortium_name} adopt this sustainability plan for "
        f"{period}, including the shared-cost plan and the ask in the decision brief, and ask "
        "each partner's governing board to approve its share by the date shown for it."
    )


def recommendation(summary: DecisionSummary, consortium: str) -> str:
    """The brief's opening paragraph, in plain words, from the figures above."""
    if summary.total_cost <= 0:
        return (
            f"The plan ({summary.period.lower()}) lists no post-grant costs yet, so there is nothing to ask of "
            "the partners. Add the cost of keeping the pathways running before the committee votes."
        )
    asked = summary.asked_of_partners
    lead = (
        f"Keeping what the grant started running for {summary.period} costs {format_dollars(summary.total_cost)}. "
        f"Partners have committed {format_dollars(summary.committed)} in adopted budgets or signed agreements, "
        f"which leaves a gap of {format_dollars(summary.gap)}."
    )
    if summary.gap <= 0:
        return lead + f" The committee is asked to adopt the plan so that {consortium} keeps every service running."
    unassigned = summary.ask.unassigned
    ask = (
        f" The committee is asked to adopt the plan, and the partners to commit a further {format_dollars(asked)} "
        "(their pledges, proposals and the new asks in the table below)"
    )
    tail = (
        f"; {format_dollars(unassigned)} is not yet assigned to any partner and needs a decision."
        if unassigned > 0
        else "."
    )
    return lead + ask + tail
