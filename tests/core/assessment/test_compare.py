"""Progress over time: what moved between a baseline and a follow-up of the same consortium."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.core.assessment.analysis import analyze
from planner.core.assessment.compare import (
    ComparisonError,
    Direction,
    DomainChange,
    ScoreChange,
    compare,
    direction,
    format_change,
)
from planner.core.assessment.team import respondent_form
from planner.core.editing.edits import set_profile, set_rating
from planner.core.model.document import Document, Rating, Sector
from planner.core.model.rubric import Instrument

CRITERION = "org.coordination"


def test_changed_means_moved_newly_rated_or_dropped() -> None:
    def change(before: str | None, after: str | None) -> ScoreChange:
        return ScoreChange("c", "C", *(None if v is None else Decimal(v) for v in (before, after)))

    assert change("2", "3").changed and change("3", "2").changed
    assert change(None, "2").changed and change("2", None).changed
    assert not change("2", "2").changed and not change(None, None).changed
    assert not change("2.001", "2.004").changed  # too small to see is not a change
    same = change("2", "2")
    assert not DomainChange(same, (same, same)).changed
    assert DomainChange(same, (same, change("1", "3"))).changed  # a criterion moved, the mean did not


def test_criteria_changed_counts_over_all_domains(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    rid = demo.respondents[0].id
    after = set_rating(demo, rid, "org.coordination", Rating(level=4))
    comparison = compare(analyze(demo, instruments), analyze(after, instruments))
    total = sum(len(i.criteria) for i in instruments)
    assert comparison.criteria_changed() == (1, total)
    unchanged = compare(analyze(demo, instruments), analyze(set_profile(demo, region="Elsewhere"), instruments))
    assert unchanged.criteria_changed() == (0, total)


def test_direction_is_judged_as_the_score_is_shown() -> None:
    assert direction(None, None) is Direction.UNRATED
    assert direction(None, Decimal(2)) is Direction.NEW
    assert direction(Decimal(2), None) is Direction.DROPPED
    assert direction(Decimal("2.124"), Decimal("2.126")) is Direction.UP  # 2.12 -> 2.13 as printed
    assert direction(Decimal("2.121"), Decimal("2.124")) is Direction.SAME
    assert direction(Decimal(3), Decimal(2)) is Direction.DOWN
    assert Direction.UP.arrow == "▲" and Direction.UNRATED.arrow == ""


def test_a_change_always_carries_its_sign() -> None:
    assert format_change(Decimal("0.25")) == "+0.25"
    assert format_change(Decimal(-1)) == "-1.00"
    assert format_change(Decimal(0)) == "+0.00"
    assert format_change(None) == "–"


def test_plans_of_two_consortia_are_not_compared(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    metadata = demo.metadata.model_copy(update={"consortium_id": "c-someone-else"})
    other = demo.model_copy(update={"metadata": metadata})
    with pytest.raises(ComparisonError, match="another consortium"):
        compare(analyze(other, instruments), analyze(demo, instruments))


def test_a_raised_rating_shows_as_up_in_its_criterion(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    after = demo
    for respondent in demo.respondents:
        after = set_rating(after, respondent.id, "org.coordination", Rating(level=4))
    comparison = compare(analyze(demo, instruments), analyze(after, instruments))
    domain = next(d for d in comparison.domains if any(c.key == "org.coordination" for c in d.criteria))
    moved = next(c for c in domain.criteria if c.key == "org.coordination")
    assert moved.direction is Direction.UP and moved.changed


def test_compare_with_known_changes(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    rid = demo.respondents[0].id
    follow = set_rating(demo, rid, CRITERION, Rating(level=4))
    items = [
        i.model_copy(update={"costs": {**i.costs, 1: Decimal(0)}}) if n == 0 else i
        for n, i in enumerate(follow.cost_items)
    ]
    follow = follow.model_copy(update={"cost_items": items})
    before, after = analyze(demo, instruments), analyze(follow, instruments)
    result = compare(before, after)
    change = next(c for d in result.domains for c in d.criteria if c.key == CRITERION)
    old = next(c for d in before.capacity.domains for c in d.criteria if c.criterion.id == CRITERION)
    assert (
        change.direction is Direction.UP
        and change.before == old.mean
        and change.after == after.capacity.domain("organizational").criteria[0].mean
    )
    assert result.domains[0].domain.direction is Direction.UP
    assert result.domains[1].domain.direction is Direction.SAME
    year1 = result.gaps[0]
    assert year1.before == before.funding.years[0].gap and year1.after == after.funding.years[0].gap
    other = demo.model_copy(update={"metadata": demo.metadata.model_copy(update={"consortium_id": "c-x"})})
    with pytest.raises(ComparisonError, match="another consortium"):
        compare(analyze(other, instruments), after)


def test_a_respondent_form_is_no_follow_up_or_baseline(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    # Issue 24: a blank form as the follow-up reported every score "no longer rated".
    blank = respondent_form(demo, "Pat Lee", Sector.COLLEGE)
    plan = analyze(demo, instruments)
    with pytest.raises(ComparisonError) as caught:
        compare(plan, analyze(blank, instruments))
    assert caught.value.follow_up
    assert str(caught.value).startswith("the follow-up is a team member's respondent form (Pat Lee's ratings)")
    with pytest.raises(ComparisonError, match=r"^the baseline is a team member's respondent form") as caught:
        compare(analyze(blank, instruments), plan)
    assert not caught.value.follow_up


def test_another_consortium_of_the_same_name_is_told_apart_by_its_id(
    demo: Document, instruments: tuple[Instrument, ...]
) -> None:
    twin = demo.model_copy(update={"metadata": demo.metadata.model_copy(update={"consortium_id": "c-twin"})})
    name, ours = demo.profile.consortium_name, demo.metadata.consortium_id
    with pytest.raises(ComparisonError) as caught:
        compare(analyze(twin, instruments), analyze(demo, instruments))
    assert str(caught.value) == (
        f"the baseline is of another consortium ({name!r}, id c-twin); compare two plans of {name!r}, id {ours}"
    )
    # Different names are enough on their own.
    other = set_profile(twin, consortium_name="Other")
    with pytest.raises(ComparisonError, match=r"^the baseline is of another consortium \('Other'\); compare two"):
        compare(analyze(other, instruments), analyze(demo, instruments))
