"""Merging a conflict copy field by field (planner/core/editing/reconcile.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.core.editing.edits import EditError, add_record, set_profile, set_rating, update_record
from planner.core.editing.reconcile import differences, show, take_theirs
from planner.core.model.document import Document, Partner, Rating, Scenario, Sector
from planner.core.model.rubric import Instrument


def _two_copies(demo: Document) -> tuple[Document, Document]:
    """Ours changed the region; theirs changed a rating, a partner's role, a cost, and added a partner."""
    ours = set_profile(demo, region="Ours: Central Valley")
    respondent = demo.respondents[0].id
    criterion = next(iter(demo.respondents[0].ratings))
    theirs = set_rating(demo, respondent, criterion, Rating(level=4, evidence="Signed MOU, March board"))
    theirs = update_record(theirs, "partners", 0, role="Fiscal agent (Lee's edit)")
    item = theirs.cost_items[0]
    year = next(iter(item.costs))
    theirs = update_record(theirs, "cost_items", 0, costs={**item.costs, year: Decimal("12345.00")})
    theirs = add_record(
        theirs, "partners", Partner(id="p-new", name="Valley Workforce Board", sector=Sector.WORKFORCE_BOARD)
    )
    theirs = add_record(theirs, "scenarios", Scenario(name="Hard year"))
    return ours, theirs


def test_every_field_the_copy_changed_is_one_choice(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    ours, theirs = _two_copies(demo)
    titles = {c.id: c.title for i in instruments for c in i.criteria}
    found = differences(ours, theirs, titles)
    labels = [d.label for d in found]
    assert len(found) == 6, labels
    region = next(d for d in found if d.path == ("profile", "region"))
    assert region.ours_text == "Ours: Central Valley" and region.section == "Profile"
    rating = next(d for d in found if d.section == "Ratings")
    assert f"{demo.respondents[0].name}'s rating of " in rating.label
    assert titles[str(rating.path[-1])] in rating.label
    assert "level 4" in rating.theirs_text and "Signed MOU" in rating.theirs_text
    added = next(d for d in found if d.added and d.section == "Partners")
    assert added.label == "Valley Workforce Board" and added.ours_text == "(not in this plan)"
    assert any(d.section == "Cost items" and "year" in d.label and "12345.00" in d.theirs_text for d in found)
    assert any(d.section == "Scenarios" and d.added for d in found)


def test_taking_the_copys_changes_loses_nothing(demo: Document) -> None:
    ours, theirs = _two_copies(demo)
    merged = ours
    for choice in differences(ours, theirs):
        if choice.path != ("profile", "region"):  # our own edit stays ours
            merged = take_theirs(merged, choice)
    assert merged.profile.region == "Ours: Central Valley"
    assert merged.partners[0].role == "Fiscal agent (Lee's edit)"
    assert merged.partner("p-new") is not None and [s.name for s in merged.scenarios][-1] == "Hard year"
    assert merged.cost_items[0] == theirs.cost_items[0]
    assert merged.respondents == theirs.respondents
    # What is left to choose is only our own edit.
    assert [d.path for d in differences(merged, theirs)] == [("profile", "region")]


def test_records_only_we_have_are_never_offered_for_removal(demo: Document) -> None:
    ours = add_record(demo, "partners", Partner(id="p-ours", name="Our new partner", sector=Sector.EMPLOYER))
    assert differences(ours, demo) == []


def test_a_copy_of_another_consortium_or_other_instruments_is_refused(demo: Document) -> None:
    other = demo.model_copy(update={"metadata": demo.metadata.model_copy(update={"consortium_id": "c-x"})})
    with pytest.raises(EditError, match="another consortium"):
        differences(demo, other)
    older = demo.model_copy(update={"metadata": demo.metadata.model_copy(update={"instruments": []})})
    with pytest.raises(EditError, match="instrument versions"):
        differences(demo, older)


def test_a_scenario_is_matched_by_its_name_whatever_the_case(demo: Document) -> None:
    theirs = add_record(demo, "scenarios", Scenario(name="Hard year", cost_growth_percent=Decimal(3)))
    ours = add_record(demo, "scenarios", Scenario(name="Hard Year"))
    [choice] = differences(ours, theirs)
    assert choice.label == "Hard year · Cost growth percent" and choice.theirs_text == "3"
    merged = take_theirs(ours, choice)  # the same scenario: never a second one of the same name
    assert [s.cost_growth_percent for s in merged.scenarios if s.name.casefold() == "hard year"] == [Decimal(3)]


def test_a_choice_the_plan_cannot_hold_is_refused_plainly(demo: Document) -> None:
    theirs = set_profile(demo, region="Somewhere the lead has not written")
    [choice] = differences(demo, theirs)
    broken = type(choice)(choice.path, choice.section, choice.label, choice.ours, "x" * 100_000)
    with pytest.raises(EditError, match="Region: is longer than"):
        take_theirs(demo, broken)


def test_values_read_plainly() -> None:
    assert show(None) == "(empty)" and show(True) == "yes"
    assert show({"level": None, "not_applicable": True, "evidence": "", "notes": "n"}) == "N/A; notes: n"
    assert show(["a", "b"]) == "a; b"
    assert show("x" * 300).endswith("…")
