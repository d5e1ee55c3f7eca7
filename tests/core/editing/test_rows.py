"""A new table row starts from the row before: its choices carry over, and a commitment points at what exists."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.core.editing.edits import EditError
from planner.core.editing.rows import COPIED_CHOICES, new_record
from planner.core.model.document import (
    ActionItem,
    Commitment,
    CostItem,
    Document,
    Partner,
    Profile,
    Sector,
    new_document,
)
from planner.core.model.rubric import Instrument


def test_a_new_row_copies_the_choices_of_the_last_row_and_nothing_else(demo: Document) -> None:
    last = demo.cost_items[-1]
    row = new_record(demo, "cost_items")
    assert isinstance(row, CostItem)
    for name in COPIED_CHOICES["cost_items"]:
        assert getattr(row, name) == getattr(last, name), name
    assert row.name == "New cost item" and row.costs == {} and row.id not in {i.id for i in demo.cost_items}


def test_a_row_given_as_previous_is_the_one_copied(demo: Document) -> None:
    first = demo.partners[0]
    row = new_record(demo, "partners", previous=first)
    assert isinstance(row, Partner) and row.sector == first.sector and row.name == "New partner"


def test_the_first_row_of_an_empty_list_has_plain_defaults(instruments: tuple[Instrument, ...]) -> None:
    empty = new_document("X", list(instruments))
    partner = new_record(empty, "partners")
    assert isinstance(partner, Partner) and partner.sector is Sector.K12
    action = new_record(empty, "actions")
    assert isinstance(action, ActionItem) and action.owner_partner_id is None


def test_a_commitment_needs_a_partner_and_a_cost_item(instruments: tuple[Instrument, ...], demo: Document) -> None:
    empty = new_document("X", list(instruments))
    with pytest.raises(EditError, match="needs a partner"):
        new_record(empty, "commitments")
    with pytest.raises(EditError, match="needs a cost item"):
        new_record(empty.model_copy(update={"partners": demo.partners}), "commitments")
    with pytest.raises(EditError, match="has no new rows"):
        new_record(demo, "respondents")


def test_a_commitment_never_copies_what_no_longer_fits(demo: Document) -> None:
    last = demo.commitments[-1]
    gone = demo.model_copy(
        update={
            "partners": [p for p in demo.partners if p.id != last.partner_id],
            "profile": Profile.model_validate({**demo.profile.model_dump(), "horizon_years": 1}),
        }
    )
    row = new_record(gone, "commitments")
    assert isinstance(row, Commitment)
    assert row.partner_id == gone.partners[0].id  # the removed partner is not copied
    assert row.year == 1 and row.amount == Decimal("0.00")
    assert row.cost_item_id == last.cost_item_id and row.status == last.status
