"""Removing rows with what depends on them, and what a new row starts with."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.core.editing import edits
from planner.core.editing.edits import EditError, removal_effects, remove_records
from planner.core.editing.rows import new_record
from planner.core.funding.costs import summarize_funding
from planner.core.model.cost_plan import (
    Commitment,
    CommitmentStatus,
    CostCategory,
    FundingSource,
    ItemPriority,
    Withdrawal,
)
from planner.core.model.document import Document


def test_removing_a_partner_takes_its_commitments_and_clears_its_mentions(demo: Document) -> None:
    # In the demo the county chairs the steering committee, owns action a-1 and is asked to close the
    # coordinator's gap; here a scenario also has it withdraw.
    document = edits.update_scenario(demo, 0, withdrawals=[Withdrawal(partner_id="p-county", from_year=2)])
    county = [p.id for p in document.partners].index("p-county")
    theirs = [c for c in document.commitments if c.partner_id == "p-county"]
    assert [c.id for c in theirs] == ["m-1", "m-4", "m-18", "m-20"]

    effects = removal_effects(document, "partners", [county])
    assert effects.any and effects.commitments == tuple(theirs)
    assert effects.commitment_total == Decimal("156920.00")
    question = effects.question()
    assert question.startswith("Remove Alder Basin County Office of Education?\n\n")
    assert "4 commitments totalling $156,920.00 ($156,920.00 of it committed) go with it." in question
    assert "1 steering-committee member will no longer name a partner." in question
    assert "1 action will have no owner." in question
    assert "1 cost item will no longer say who is asked to close the gap." in question
    assert "1 scenario will no longer assume a withdrawal." in question
    assert "1 agreement will no longer name it as a party." in question
    assert question.endswith("Edit > Undo brings everything back.")

    after = remove_records(document, "partners", [county])
    assert document.partner("p-county") is not None  # the edit returns a new document
    assert after.partner("p-county") is None
    assert not [c for c in after.commitments if c.partner_id == "p-county"]
    assert len(after.commitments) == len(document.commitments) - 4
    assert after.steering_committee[0].partner_id is None and after.actions[0].owner_partner_id is None
    assert after.cost_items[0].gap_partner_id is None and after.scenarios[0].withdrawals == []
    # Nothing is left naming a partner that is gone, so nothing drops out of the totals unexplained.
    assert not [w for w in summarize_funding(after).warnings if "p-county" in w.message]


def test_removing_a_cost_item_takes_its_commitments(demo: Document) -> None:
    effects = removal_effects(demo, "cost_items", [0])
    assert [c.id for c in effects.commitments] == ["m-1", "m-2", "m-3", "m-4", "m-5"]
    assert "5 commitments totalling $226,880.00 ($161,920.00 of it committed) go with it." in effects.question()
    after = remove_records(demo, "cost_items", [0])
    assert after.cost_items[0].id == "c-wbl"
    assert {c.cost_item_id for c in after.commitments}.isdisjoint({"c-coord"})


def test_several_rows_at_once_and_rows_nothing_depends_on(demo: Document) -> None:
    effects = removal_effects(demo, "partners", [7, 1, 1])
    assert effects.names == ("Ridgeline Unified School District", "Bridgeway Youth Futures")
    assert effects.question().startswith(
        "Remove 2 partners (Ridgeline Unified School District, Bridgeway Youth Futures)?"
    )
    assert "go with them." in effects.question()
    after = remove_records(demo, "partners", [7, 1])
    assert [p.id for p in after.partners] == ["p-county", "p-willow", "p-college", "p-health", "p-fab", "p-wdb"]
    # Commitments depend on nothing: removing some asks nothing.
    assert not removal_effects(demo, "commitments", [0, 1, 2]).any
    assert [c.id for c in remove_records(demo, "commitments", [2, 0]).commitments][:2] == ["m-2", "m-4"]
    # Bridgeway has no commitments but owns an action: the question says only that.
    bridgeway = removal_effects(demo, "partners", [7])
    assert bridgeway.any and bridgeway.commitments == () and bridgeway.unlinked == ("1 action will have no owner",)
    added = edits.add_record(demo, "partners", new_record(demo, "partners"))
    assert not removal_effects(added, "partners", [8]).any


def test_removal_of_rows_that_do_not_exist_is_refused(demo: Document) -> None:
    with pytest.raises(EditError, match="no row 9"):
        remove_records(demo, "partners", [8])
    with pytest.raises(EditError, match="choose the rows"):
        remove_records(demo, "partners", [])
    with pytest.raises(EditError, match="not an editable list"):
        remove_records(demo, "respondents", [0])


def test_a_new_row_copies_the_choices_of_the_row_before(demo: Document) -> None:
    last = demo.commitments[-1]
    made = new_record(demo, "commitments")
    assert isinstance(made, Commitment) and made.id not in {c.id for c in demo.commitments}
    copied = ("partner_id", "cost_item_id", "year", "fund", "kind", "status", "in_kind")
    assert {f: getattr(made, f) for f in copied} == {f: getattr(last, f) for f in copied}
    assert made.amount == 0 and made.source == ""
    chosen = new_record(demo, "commitments", previous=demo.commitments[14])  # the fab's in-kind donation
    assert chosen.in_kind and chosen.fund is FundingSource.IN_KIND and chosen.status is CommitmentStatus.COMMITTED

    item = new_record(demo, "cost_items")
    assert (item.category, item.priority, item.costs) == (
        demo.cost_items[-1].category,
        demo.cost_items[-1].priority,
        {},
    )
    assert new_record(demo, "partners").sector is demo.partners[-1].sector
    action = new_record(demo, "actions")
    assert (action.criterion_id, action.status) == (demo.actions[-1].criterion_id, demo.actions[-1].status)


def test_a_first_row_has_the_plain_defaults_and_a_commitment_needs_a_partner_and_item(demo: Document) -> None:
    empty = demo.model_copy(update={"cost_items": [], "commitments": []})
    assert new_record(empty, "cost_items").category is CostCategory.STAFFING
    assert new_record(empty, "cost_items").priority is ItemPriority.KEEP
    with pytest.raises(EditError, match="needs a cost item"):
        new_record(empty, "commitments")
    with pytest.raises(EditError, match="needs a partner"):
        new_record(empty.model_copy(update={"partners": []}), "commitments")
    # A run copied from a row whose partner has gone, or whose year is past a shortened horizon, starts afresh.
    shorter = edits.set_profile(demo, horizon_years=1)
    assert new_record(shorter, "commitments").year == 1
    gone = remove_records(demo, "partners", [[p.id for p in demo.partners].index(demo.commitments[-1].partner_id)])
    assert new_record(gone, "commitments", previous=demo.commitments[-1]).partner_id == gone.partners[0].id
