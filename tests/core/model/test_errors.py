"""The one error every bad file becomes: ``file: where: what``, and pydantic's problems said plainly."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from planner.core.model.document import CostCategory, CostItem, Profile
from planner.core.model.errors import PlannerFileError, location_text, pydantic_problems


def test_the_message_is_file_where_what() -> None:
    error = PlannerFileError("plan.json", "profile.award", "must not be negative")
    assert str(error) == error.message == "plan.json: profile.award: must not be negative"
    assert error.message_without_path() == "profile.award: must not be negative"
    nowhere = PlannerFileError("plan.json", "", "not UTF-8 text")
    assert nowhere.message == "plan.json: not UTF-8 text" and nowhere.message_without_path() == "not UTF-8 text"
    assert error.more == []


def test_locations_read_like_paths() -> None:
    assert location_text(("criteria", 3, "levels")) == "criteria[3].levels"
    assert location_text((2, "name")) == "[2].name"
    assert location_text(()) == "(top level)"


def _problems(make: object) -> list[str]:
    with pytest.raises(ValidationError) as raised:
        make()  # type: ignore[operator]
    return [p.message for p in pydantic_problems("f.json", raised.value)]


def test_pydantic_problems_are_said_in_plain_words() -> None:
    assert _problems(lambda: Profile(consortium_name="X", colour="blue")) == [  # type: ignore[call-arg]
        "f.json: colour: unknown key (check the spelling)"
    ]
    assert _problems(lambda: Profile.model_validate({})) == ["f.json: consortium_name: required key is missing"]
    # A validator's message comes without pydantic's "Value error, " prefix.
    assert _problems(lambda: CostItem(id="c", name="n", category=CostCategory.STAFFING, costs={"0": "1"})) == [
        "f.json: (top level): plan year 0 is outside 1 to 5"
    ]
