"""The document model's own rules: what a valid plan is, checked when any plan is built or read."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from planner.core.model.document import (
    SCHEMA_VERSION,
    CostCategory,
    CostItem,
    Document,
    Profile,
    Rating,
    Scenario,
    new_document,
    new_id,
)
from planner.core.model.rubric import Instrument


def _with(document: Document, **changes: Any) -> dict[str, Any]:
    raw: dict[str, Any] = json.loads(document.model_dump_json())
    raw.update(changes)
    return raw


def test_a_new_document_is_valid_and_unrated(instruments: tuple[Instrument, ...]) -> None:
    document = new_document("Birch Valley", list(instruments), "Ana")
    assert document.schema_version == SCHEMA_VERSION
    assert [r.id for r in document.metadata.instruments] == [i.id for i in instruments]
    assert document.metadata.consortium_id.startswith("c-")
    assert [r.name for r in document.respondents] == ["Ana"] and not document.respondents[0].ratings
    assert Document.model_validate_json(document.model_dump_json()) == document


def test_new_ids_carry_their_prefix_and_differ() -> None:
    ids = {new_id("p") for _ in range(50)}
    assert len(ids) == 50 and all(i.startswith("p-") for i in ids)


def test_duplicate_ids_in_a_list_are_refused(demo: Document) -> None:
    raw = _with(demo)
    raw["partners"].append(raw["partners"][0])
    with pytest.raises(ValidationError, match=f"partners: duplicate id '{demo.partners[0].id}'"):
        Document.model_validate(raw)


def test_two_scenarios_with_one_name_are_refused(demo: Document) -> None:
    scenarios = [Scenario(name="Hard year"), Scenario(name="hard year")]
    with pytest.raises(ValidationError, match="two scenarios are called"):
        Document.model_validate(_with(demo, scenarios=[s.model_dump(mode="json") for s in scenarios]))


def test_unknown_keys_are_refused(demo: Document) -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Document.model_validate(_with(demo, colour="blue"))


def test_a_rating_is_a_level_or_not_applicable_never_both() -> None:
    assert Rating(level=None, not_applicable=True).not_applicable
    with pytest.raises(ValidationError, match="both a level and N/A"):
        Rating(level=2, not_applicable=True)


def test_grant_dates_must_be_in_order_and_plausible() -> None:
    with pytest.raises(ValidationError, match="grant_end is before grant_start"):
        Profile(consortium_name="X", grant_start=date(2025, 7, 1), grant_end=date(2024, 6, 30))
    with pytest.raises(ValidationError, match="year 9999 is outside 1900 to 2200"):
        Profile(consortium_name="X", grant_start=date(9999, 1, 1))


@pytest.mark.parametrize("year", ["01", " 1", "1.0", "one"])
def test_a_plan_year_has_one_spelling(year: str) -> None:
    with pytest.raises(ValidationError, match="must be written as a whole number"):
        CostItem(id="c-1", name="Coordinator", category=CostCategory.STAFFING, costs={year: "10.00"})


def test_plan_years_stay_inside_the_longest_horizon() -> None:
    item = CostItem(id="c-1", name="Coordinator", category=CostCategory.STAFFING, costs={"2": "10.00"})
    assert item.costs == {2: Decimal("10.00")}
    with pytest.raises(ValidationError, match="plan year 0 is outside"):
        CostItem(id="c-1", name="Coordinator", category=CostCategory.STAFFING, costs={"0": "10.00"})


@pytest.mark.parametrize(("given", "kept"), [("3.5", Decimal("3.5")), ("4 %", Decimal(4)), (5, Decimal(5))])
def test_percentages_are_exact(given: Any, kept: Decimal) -> None:
    assert Scenario(name="s", cost_growth_percent=given).cost_growth_percent == kept


@pytest.mark.parametrize("given", [3.5, True, "three", "1e3"])
def test_a_percentage_that_may_have_lost_digits_is_refused(given: Any) -> None:
    with pytest.raises(ValidationError, match="percentage"):
        Scenario(name="s", cost_growth_percent=given)


def test_lookups_by_id(demo: Document) -> None:
    assert demo.partner(demo.partners[1].id) == demo.partners[1]
    assert demo.partner("p-nobody") is None
    assert demo.respondent(demo.respondents[0].id) == demo.respondents[0]
    assert demo.form_respondent_name() is None  # a plan, not a team member's form
