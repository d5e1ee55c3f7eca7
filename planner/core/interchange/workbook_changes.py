"""What a workbook import changes in the plan: cost items and commitments added, changed or removed, in plain words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any, Generic, TypeVar

from planner.core.model.cost_plan import Commitment, CostItem
from planner.core.model.document import Document
from planner.core.model.money import format_money

R = TypeVar("R", CostItem, Commitment)


@dataclass(frozen=True)
class Changes(Generic[R]):
    added: tuple[R, ...] = ()
    changed: tuple[tuple[R, R], ...] = ()  # (before, after)
    removed: tuple[R, ...] = ()

    @property
    def count(self) -> int:
        return len(self.added) + len(self.changed) + len(self.removed)


def diff_rows(before: Sequence[R], after: Sequence[R]) -> Changes[R]:
    old = {r.id: r for r in before}
    new_ids = {r.id for r in after}
    return Changes(
        added=tuple(r for r in after if r.id not in old),
        changed=tuple((old[r.id], r) for r in after if r.id in old and old[r.id] != r),
        removed=tuple(r for r in before if r.id not in new_ids),
    )


@dataclass(frozen=True)
class WorkbookImport:
    """The plan with the workbook's cost items and commitments, and what that changes."""

    document: Document
    cost_items: Changes[CostItem] = field(default_factory=Changes[CostItem])
    commitments: Changes[Commitment] = field(default_factory=Changes[Commitment])

    @property
    def changed(self) -> bool:
        return bool(self.cost_items.count or self.commitments.count)

    def summary_lines(self) -> list[str]:
        """One line per added, changed or removed row, in plain words, for the command line and the app's preview."""
        partners = {p.id: p.name for p in self.document.partners}
        # Names as the plan has them after the import; an item removed with its commitments keeps its old name.
        items = {i.id: i.name for i in (*self.cost_items.removed, *self.document.cost_items)}
        lines = []
        for item in self.cost_items.added:
            lines.append(f"added cost item {item.name} ({item.id}): {_costs_text(item)}")
        for old_item, new_item in self.cost_items.changed:
            lines.append(f"changed cost item {new_item.name} ({new_item.id}): {_item_changes(old_item, new_item)}")
        for item in self.cost_items.removed:
            lines.append(f"removed cost item {item.name} ({item.id})")
        for c in self.commitments.added:
            lines.append(f"added commitment {c.id}: {_commitment_text(c, partners, items)}")
        for old_c, new_c in self.commitments.changed:
            lines.append(f"changed commitment {new_c.id}: {_commitment_changes(old_c, new_c, partners)}")
        for c in self.commitments.removed:
            lines.append(f"removed commitment {c.id}: {_commitment_text(c, partners, items)}")
        return lines


def _costs_text(item: CostItem) -> str:
    return ", ".join(f"year {y} {format_money(a)}" for y, a in sorted(item.costs.items())) or "no costs"


def _item_changes(old: CostItem, new: CostItem) -> str:
    parts = []
    if old.name != new.name:
        parts.append(f"name {old.name!r} to {new.name!r}")
    if old.category != new.category:
        parts.append(f"category {old.category.label} to {new.category.label}")
    if old.priority != new.priority:
        parts.append(f"priority {old.priority.label} to {new.priority.label}")
    for year in sorted(old.costs.keys() | new.costs.keys()):
        before, after = old.costs.get(year, Decimal(0)), new.costs.get(year, Decimal(0))
        if before != after:
            parts.append(f"year {year} {format_money(before)} to {format_money(after)}")
    return "; ".join(parts)


def _commitment_text(c: Commitment, partners: dict[str, str], items: dict[str, str]) -> str:
    who, what = partners.get(c.partner_id, c.partner_id), items.get(c.cost_item_id, c.cost_item_id)
    return f"{who}, {what}, year {c.year}, {format_money(c.amount)} {c.status.label.lower()}"


def _commitment_changes(old: Commitment, new: Commitment, partners: dict[str, str]) -> str:
    def shown(name: str, value: Any) -> str:
        if name == "partner_id":
            return partners.get(value, str(value))
        if isinstance(value, Decimal):
            return format_money(value)
        if isinstance(value, Enum):
            return str(getattr(value, "label", value.value))
        if isinstance(value, bool):
            return "yes" if value else "no"
        return repr(value) if isinstance(value, str) else str(value)

    parts = []
    for name in ("partner_id", "cost_item_id", "year", "amount", "status", "kind", "fund", "source", "in_kind"):
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            parts.append(f"{name.removesuffix('_id').replace('_', ' ')} {shown(name, before)} to {shown(name, after)}")
    return "; ".join(parts)
