"""What the steering committee votes on: what each partner is still asked to commit per fiscal year, what stops if
nothing is decided, by when each board must act, which funds pay, and who signs.

Every figure is the ledger's (:mod:`planner.core.funding.ledger`), in its vocabulary: *committed*, *still to commit*
(pledged + proposed + the new ask on items assigned to the partner) and *total share* (both). Printed tables round to
whole dollars so that rows, columns and totals add up as printed (largest-remainder rounding), and percentages are
of the plan's cost.

* **if nothing is decided** is the *committed only* baseline: committed money pays only its own cost item, so an item
  stops in the first plan year whose own committed money falls short of its cost. Items are listed by that year,
  and within a year the ones the plan would cut first come first.
* **board deadline**: the date a partner's board must adopt the budget for the fiscal year of its first money that
  is still to commit (the ledger's budget calendar; a partner's own ``budget_deadline`` wins).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from planner.core.funding.costs import ZERO, FundingSummary, summarize_funding
from planner.core.funding.ledger import (
    BUDGET_CALENDAR,
    UNASSIGNED_KEY,
    Amounts,
    Baseline,
    CountedCommitment,
    Ledger,
    PartnerLedger,
    largest_remainder_percent,
)
from planner.core.funding.years import fiscal_year, fiscal_year_name, fiscal_year_start, plan_period, year_label
from planner.core.model.cost_plan import Commitment, CommitmentStatus, FundingSource, ItemPriority
from planner.core.model.document import Document, Partner, SteeringMember
from planner.core.model.money import format_dollars, whole_dollars

__all__ = ["BUDGET_CALENDAR", "UNASSIGNED_KEY", "fiscal_year_start"]

AskCell = Amounts
AskRow = PartnerLedger


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
    """The ask table in whole dollars: each figure rounded so that rows, columns and totals add up as printed.

    ``cells`` hold what is still to commit per partner and year; ``committed`` and ``total_share`` are per partner.
    """

    cells: dict[tuple[str, int], Decimal]
    rows: dict[str, Decimal]  # still to commit over the plan
    years: dict[int, Decimal]
    total: Decimal  # still to commit, the whole table
    committed: dict[str, Decimal]
    committed_total: Decimal
    total_share: dict[str, Decimal]
    total_share_total: Decimal


@dataclass(frozen=True)
class AskTable:
    years: tuple[int, ...]
    year_labels: dict[int, str]
    rows: tuple[PartnerLedger, ...]

    def year_total(self, year: int) -> Amounts:
        return sum((r.by_year[year] for r in self.rows), Amounts())

    @property
    def total(self) -> Amounts:
        return sum((r.total for r in self.rows), Amounts())

    @property
    def unassigned(self) -> Decimal:
        return sum((r.total.total_share for r in self.rows if r.is_unassigned), ZERO)

    def in_dollars(self) -> DollarGrid:
        keys = [(r.key, y) for r in self.rows for y in self.years]
        exact = [r.by_year[y].still_to_commit for r in self.rows for y in self.years]
        cells = dict(zip(keys, largest_remainder_dollars(exact), strict=True))
        committed = dict(
            zip(
                [r.key for r in self.rows],
                largest_remainder_dollars([r.total.committed for r in self.rows]),
                strict=True,
            )
        )
        rows = {r.key: sum((cells[(r.key, y)] for y in self.years), ZERO) for r in self.rows}
        shares = {key: committed[key] + rows[key] for key in rows}
        return DollarGrid(
            cells=cells,
            rows=rows,
            years={y: sum((cells[(r.key, y)] for r in self.rows), ZERO) for y in self.years},
            total=sum(cells.values(), ZERO),
            committed=committed,
            committed_total=sum(committed.values(), ZERO),
            total_share=shares,
            total_share_total=sum(shares.values(), ZERO),
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
    commitment: Commitment  # with the status it counts as
    item_name: str
    year_label: str
    basis: str = ""  # why it counts as it does
    written: CommitmentStatus | None = None  # the status the plan records, when it differs


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
    still_to_commit: Decimal
    ask: AskTable
    ask_dollars: DollarGrid
    stops: tuple[Stop, ...]
    deadlines: tuple[BoardDeadline, ...]
    sources: tuple[PartnerSources, ...]
    fund_mix: tuple[FundMix, ...]
    signatures: tuple[SignatureRow, ...]

    @property
    def asked_of_partners(self) -> Decimal:
        """Still to commit by the named partners (the not-yet-assigned row left out)."""
        return self.still_to_commit - self.ask.unassigned

    @property
    def match_flags(self) -> tuple[FundMix, ...]:
        return tuple(m for m in self.fund_mix if m.match_note)


def usable_commitments(document: Document) -> list[Commitment]:
    """The commitments core counts in the totals (known partner, known item, inside the horizon), as counted."""
    return summarize_funding(document).ledger.commitments


def ask_table(ledger: Ledger) -> AskTable:
    return AskTable(years=ledger.years, year_labels=dict(ledger.year_labels), rows=ledger.partners)


def stops_if_nothing_decided(ledger: Ledger) -> list[Stop]:
    """Each item in the first year its own committed money falls short of its cost (the committed-only baseline)."""
    stops: list[Stop] = []
    for iy in ledger.items:
        year = iy.first_short(Baseline.COMMITTED_ONLY)
        if year is not None:
            cell = iy.years[year]
            stops.append(
                Stop(
                    item_name=iy.item.name,
                    priority=iy.item.priority,
                    year=year,
                    fiscal_year=ledger.year_labels[year],
                    cost=cell.cost,
                    committed=cell.committed,
                )
            )
    return sorted(stops, key=lambda s: (s.year, -s.priority, s.item_name))


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
            deadline, basis = (
                date(start.year, month, day),
                f"{what.capitalize()}, {fiscal_year(document, first_year)}",
            )
        elif rule is not None:
            deadline, basis = (
                None,
                f"{rule[2].capitalize()} before {year_label(document, first_year).lower()} (grant end not recorded)",
            )
        else:
            deadline, basis = None, "No fixed budget date"
        deadlines.append(BoardDeadline(partner, deadline, basis, row.total.not_yet_committed))
    return sorted(deadlines, key=lambda d: (d.deadline is None, d.deadline or date.max, d.partner.name))


def sources_by_partner(
    document: Document, counted: Sequence[CountedCommitment]
) -> tuple[list[PartnerSources], list[FundMix]]:
    items = {i.id: i.name for i in document.cost_items}
    grouped: dict[str, list[SourceLine]] = defaultdict(list)
    for line in counted:
        c = line.commitment
        grouped[c.partner_id].append(
            SourceLine(
                c,
                items[c.cost_item_id],
                year_label(document, c.year),
                line.basis,
                line.written if line.written is not c.status else None,
            )
        )
    by_partner = [
        PartnerSources(p, tuple(sorted(grouped[p.id], key=lambda line: (line.commitment.year, line.item_name))))
        for p in document.partners
        if p.id in grouped
    ]
    totals: dict[FundingSource, Decimal] = defaultdict(lambda: ZERO)
    firm: dict[FundingSource, Decimal] = defaultdict(lambda: ZERO)
    payers: dict[FundingSource, list[str]] = defaultdict(list)
    names = {p.id: p.name for p in document.partners}
    for line in counted:
        c = line.commitment
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


@dataclass(frozen=True)
class AgreementLine:
    """An agreement as the plan lists it."""

    kind: str
    parties: str
    signed: date
    fiscal_years: str
    reference: str


def agreement_lines(document: Document) -> list[AgreementLine]:
    names = {p.id: p.name for p in document.partners}
    return [
        AgreementLine(
            kind=a.kind.label,
            parties=", ".join(names.get(pid, f"{pid} (not in the partner list)") for pid in a.partner_ids),
            signed=a.signed_on,
            fiscal_years=", ".join(fiscal_year_name(fy) for fy in sorted(a.fiscal_years)),
            reference=a.reference,
        )
        for a in sorted(document.agreements, key=lambda a: (a.signed_on, a.id))
    ]


def signature_rows(document: Document) -> list[SignatureRow]:
    """One row per partner, with the steering member who represents it when the plan names one."""
    members = {m.partner_id: m for m in document.steering_committee if m.partner_id}
    return [SignatureRow(p, members.get(p.id)) for p in document.partners]


def summarize_decision(document: Document, funding: FundingSummary | None = None) -> DecisionSummary:
    funding = funding or summarize_funding(document)
    ledger = funding.ledger
    ask = ask_table(ledger)
    sources, mix = sources_by_partner(document, ledger.counted)
    return DecisionSummary(
        period=plan_period(document),
        total_cost=ledger.total_cost,
        committed=ledger.total_committed,
        gap=ledger.total_gap(Baseline.COMMITTED_ONLY),
        still_to_commit=ledger.still_to_commit,
        ask=ask,
        ask_dollars=ask.in_dollars(),
        stops=tuple(stops_if_nothing_decided(ledger)),
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
    grid = summary.ask_dollars
    unassigned = grid.rows.get(UNASSIGNED_KEY, ZERO)
    lead = (
        f"Keeping what the grant started running for {summary.period} costs {format_dollars(summary.total_cost)}. "
        f"Partners have committed {format_dollars(grid.committed_total)} (adopted budgets and signed agreements), each "
        f"commitment to its own cost item, which leaves a gap of {format_dollars(summary.gap)}."
    )
    if summary.gap <= 0 and grid.total <= 0:
        return lead + f" The committee is asked to adopt the plan so that {consortium} keeps every service running."
    ask = (
        " The committee is asked to adopt the plan, and the partners to commit the "
        f"{format_dollars(grid.total)} still to commit below"
    )
    tail = f"; {format_dollars(unassigned)} of it is not yet assigned to any partner." if unassigned > 0 else "."
    return lead + ask + tail
