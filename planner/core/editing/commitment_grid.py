"""Commitments as a partner × plan-year grid, the way a budget office lays out who pays what each year.

A line of the grid is what a run of commitments shares across the years: the partner, the cost item, the status,
the source and the kind of money. Each cell holds that line's amount for one plan year; typing an amount into a cell
changes that year's commitment, or makes one (with the line's status and source), and clearing the cell removes it.
Two commitments that would share a cell (the same line and year) are shown added together and are changed in the
list instead, so the grid never has to guess which of them was meant.

With a cost item chosen, every partner has a line, an empty one where it has promised nothing yet for that item,
so a person can fill in the grid partner by partner. Years past the plan's horizon are not in the grid.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from planner.core.editing.edits import EditError, revalidated
from planner.core.model.cost_plan import Commitment, CommitmentStatus, FundingKind, FundingSource
from planner.core.model.document import Document
from planner.core.model.fields import new_id
from planner.core.model.money import format_money

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class LineKey:
    """What the commitments of one grid line share."""

    partner_id: str
    cost_item_id: str
    status: CommitmentStatus = CommitmentStatus.PROPOSED
    source: str = ""
    fund: FundingSource = FundingSource.OTHER
    kind: FundingKind = FundingKind.ONGOING
    in_kind: bool = False

    @classmethod
    def of(cls, commitment: Commitment) -> LineKey:
        return cls(
            commitment.partner_id,
            commitment.cost_item_id,
            commitment.status,
            commitment.source,
            commitment.fund,
            commitment.kind,
            commitment.in_kind,
        )

    def matches(self, commitment: Commitment) -> bool:
        return LineKey.of(commitment) == self

    def fields(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class GridCell:
    year: int
    amount: Decimal
    commitment_ids: tuple[str, ...] = ()

    @property
    def editable(self) -> bool:
        """One commitment or none: a cell that adds up several is changed in the list."""
        return len(self.commitment_ids) <= 1


@dataclass(frozen=True)
class GridLine:
    key: LineKey
    partner: str
    cost_item: str
    cells: tuple[GridCell, ...]

    @property
    def total(self) -> Decimal:
        return sum((cell.amount for cell in self.cells), ZERO)

    @property
    def is_empty(self) -> bool:
        """A partner's empty line: nothing promised yet for the chosen cost item."""
        return not any(cell.commitment_ids for cell in self.cells)


@dataclass(frozen=True)
class CommitmentGrid:
    years: tuple[int, ...]
    lines: tuple[GridLine, ...]
    totals: tuple[Decimal, ...]  # every status, by year
    committed: tuple[Decimal, ...]  # only committed money, which alone closes a gap

    @property
    def total(self) -> Decimal:
        return sum(self.totals, ZERO)

    @property
    def committed_total(self) -> Decimal:
        return sum(self.committed, ZERO)


def commitment_grid(document: Document, cost_item_id: str | None = None) -> CommitmentGrid:
    """The grid of every commitment, or of one cost item's (with a line for every partner)."""
    years = tuple(range(1, document.profile.horizon_years + 1))
    partners = {p.id: (n, p.name) for n, p in enumerate(document.partners)}
    items = {i.id: (n, i.name) for n, i in enumerate(document.cost_items)}
    grouped: dict[LineKey, list[Commitment]] = {}
    for commitment in document.commitments:
        if cost_item_id is not None and commitment.cost_item_id != cost_item_id:
            continue
        grouped.setdefault(LineKey.of(commitment), []).append(commitment)
    if cost_item_id is not None and cost_item_id in items:
        with_lines = {key.partner_id for key in grouped}
        for missing in document.partners:
            if missing.id not in with_lines:
                grouped[LineKey(missing.id, cost_item_id)] = []
    unknown = (len(partners), "")

    def order(key: LineKey) -> tuple[int, int]:
        # Partners and items in the plan's own order; lines of one pair in the order they were first entered.
        return (partners.get(key.partner_id, unknown)[0], items.get(key.cost_item_id, unknown)[0])

    lines = []
    for key in sorted(grouped, key=order):  # sorted is stable: first-entered lines stay first
        commitments = grouped[key]
        cells = tuple(
            GridCell(
                year,
                sum((c.amount for c in commitments if c.year == year), ZERO),
                tuple(c.id for c in commitments if c.year == year),
            )
            for year in years
        )
        partner_name = partners.get(key.partner_id, (0, f"(missing: {key.partner_id})"))[1]
        item_name = items.get(key.cost_item_id, (0, f"(missing: {key.cost_item_id})"))[1]
        lines.append(GridLine(key, partner_name, item_name, cells))
    totals = tuple(sum((line.cells[n].amount for line in lines), ZERO) for n in range(len(years)))
    committed = tuple(
        sum((line.cells[n].amount for line in lines if line.key.status is CommitmentStatus.COMMITTED), ZERO)
        for n in range(len(years))
    )
    return CommitmentGrid(years, tuple(lines), totals, committed)


def set_grid_amount(document: Document, key: LineKey, year: int, amount: Decimal | None) -> Document:
    """One cell of the grid: change that year's commitment of the line, make one, or (None) remove it."""
    if not 1 <= year <= document.profile.horizon_years:
        raise EditError(f"year {year} is not a year of the plan")
    rows = [n for n, c in enumerate(document.commitments) if c.year == year and key.matches(c)]
    if len(rows) > 1:
        total = format_money(sum((document.commitments[n].amount for n in rows), ZERO))
        raise EditError(
            f"{len(rows)} commitments make up this cell ({total}); change them in the list, where each has its row"
        )
    commitments = list(document.commitments)
    if rows:
        if amount is None:
            del commitments[rows[0]]
        else:
            commitments[rows[0]] = revalidated(commitments[rows[0]], amount=amount)
        return revalidated(document, commitments=commitments)
    if amount is None:
        return document
    if document.partner(key.partner_id) is None:
        raise EditError(f"no partner {key.partner_id!r} in the plan")
    if key.cost_item_id not in {i.id for i in document.cost_items}:
        raise EditError(f"no cost item {key.cost_item_id!r} in the plan")
    made = Commitment(id=new_id("m"), year=year, amount=amount, **key.fields())
    # Next to the line's other years in the list, so the list stays in the runs people entered.
    line = [n for n, c in enumerate(commitments) if key.matches(c)]
    commitments.insert(line[-1] + 1 if line else len(commitments), made)
    return revalidated(document, commitments=commitments)


def set_grid_line(document: Document, key: LineKey, **changes: Any) -> Document:
    """Change what a line's commitments share (its status, its source, ...), in every year at once."""
    allowed = set(LineKey.__dataclass_fields__) - {"partner_id", "cost_item_id"}
    if not changes.keys() <= allowed:
        raise EditError(f"a line's {', '.join(sorted(changes.keys() - allowed))} is changed in the list")
    rows = [n for n, c in enumerate(document.commitments) if key.matches(c)]
    if not rows:
        raise EditError("type an amount into one of the line's years first; then the line has commitments to change")
    commitments = list(document.commitments)
    for n in rows:
        commitments[n] = revalidated(commitments[n], **changes)
    return revalidated(document, commitments=commitments)
