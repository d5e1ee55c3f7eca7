"""What a new row of one of the document's tables starts with.

A new row copies the choices of the row before it (a cost item's category and priority, a commitment's partner,
cost item, year, fund, status, ...), since people enter rows in runs of the same kind: the county's three years of
coordinator money, then the college's. Names, amounts and free text start empty; they are what differs.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from planner.core.editing.edits import EditError
from planner.core.model.cost_plan import Commitment, CostCategory, CostItem
from planner.core.model.document import ActionItem, Document, Partner, Sector, SteeringMember
from planner.core.model.fields import new_id

# The fields of each list that are choices (drop-downs in the app) and so carry over from the row before.
COPIED_CHOICES: dict[str, tuple[str, ...]] = {
    "partners": ("sector",),
    "steering_committee": ("partner_id",),
    "cost_items": ("category", "criterion_id", "priority", "gap_partner_id"),
    "commitments": ("partner_id", "cost_item_id", "year", "fund", "kind", "status", "in_kind"),
    "actions": ("criterion_id", "owner_partner_id", "status"),
}


def new_record(document: Document, field: str, previous: BaseModel | None = None) -> Any:
    """A new row for ``field``, with the choices of ``previous`` (by default the list's last row).

    Raises :class:`EditError` when the row cannot exist yet (a commitment needs a partner and a cost item).
    """
    records = getattr(document, field, None)
    if field not in COPIED_CHOICES or records is None:
        raise EditError(f"{field} has no new rows")
    if previous is None and records:
        previous = records[-1]
    copied = {name: getattr(previous, name) for name in COPIED_CHOICES[field]} if previous is not None else {}
    if field == "partners":
        return Partner(**{"id": new_id("p"), "name": "New partner", "sector": Sector.K12, **copied})
    if field == "steering_committee":
        return SteeringMember(**{"name": "New member", **copied})
    if field == "cost_items":
        return CostItem(**{"id": new_id("c"), "name": "New cost item", "category": CostCategory.STAFFING, **copied})
    if field == "actions":
        return ActionItem(**{"id": new_id("a"), "action": "New action", **copied})
    if not document.partners:
        raise EditError("a commitment needs a partner: add the partners on the Profile page first")
    if not document.cost_items:
        raise EditError("a commitment needs a cost item: add one to the cost items above first")
    defaults: dict[str, Any] = {"partner_id": document.partners[0].id, "cost_item_id": document.cost_items[0].id}
    defaults["year"] = 1
    # The row before may name a partner or cost item removed since, or a year past a shortened horizon.
    if copied.get("partner_id") not in {p.id for p in document.partners}:
        copied.pop("partner_id", None)
    if copied.get("cost_item_id") not in {i.id for i in document.cost_items}:
        copied.pop("cost_item_id", None)
    if copied.get("year", 1) > document.profile.horizon_years:
        copied.pop("year", None)
    return Commitment(**{"id": new_id("m"), "amount": Decimal("0.00"), **defaults, **copied})
