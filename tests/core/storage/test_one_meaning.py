"""Values that two spellings could mean are refused, and every loader runs the same checks."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from planner.core.editing.edits import update_record
from planner.core.funding.costs import WarningCode, summarize_funding
from planner.core.model.cost_plan import CostItem
from planner.core.model.document import Document
from planner.core.model.errors import PlannerFileError
from planner.core.model.rubric import Instrument
from planner.core.storage.instruments import load_plan
from planner.core.storage.storage import load_document, parse_document, serialize_document


def _raw(document: Document) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(serialize_document(document))
    return loaded


def _write(tmp_path: Path, raw: dict[str, Any] | str) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(raw if isinstance(raw, str) else json.dumps(raw), "utf-8")
    return path


def test_duplicate_json_keys_are_refused(tmp_path: Path, demo: Document) -> None:
    text = serialize_document(demo).decode()
    doubled = text.replace('"horizon_years": 3', '"horizon_years": 3, "horizon_years": 1', 1)
    assert doubled != text
    with pytest.raises(PlannerFileError, match="'horizon_years' appears twice"):
        load_document(_write(tmp_path, doubled))


@pytest.mark.parametrize("key", ["01", " 1", "1.0", "+1", "١"])
def test_a_plan_year_has_one_spelling(demo: Document, key: str) -> None:
    raw = _raw(demo)
    raw["cost_items"][0]["costs"] = {"1": "10.00", key: "20.00"}
    with pytest.raises(PlannerFileError, match="whole number") as info:
        parse_document(json.dumps(raw).encode(), "plan.json")
    assert info.value.where == "cost_items[0].costs"


def test_an_instrument_is_listed_once(demo: Document) -> None:
    raw = _raw(demo)
    raw["metadata"]["instruments"].append(raw["metadata"]["instruments"][0])
    with pytest.raises(PlannerFileError, match="listed twice"):
        parse_document(json.dumps(raw).encode(), "plan.json")


@pytest.mark.parametrize(
    ("mutate", "what"),
    [
        (lambda r: r["profile"].update({"grant_end": "9999-12-31"}), "year 9999"),
        (lambda r: r["profile"].update({"grant_start": "0001-01-01"}), "year 1 is outside"),
        (lambda r: r["metadata"].update({"modified": "9999-12-31T23:59:59Z"}), "year 9999"),
        (lambda r: r["profile"].update({"horizon_years": float("nan")}), "NaN"),
        (lambda r: r["respondents"][0]["ratings"].update({"org.coordination": {"level": 10**30}}), "less than"),
    ],
)
def test_extreme_values_are_clean_errors(demo: Document, mutate: Any, what: str) -> None:
    raw = _raw(demo)
    mutate(raw)
    with pytest.raises(PlannerFileError, match=what):
        parse_document(json.dumps(raw).encode(), "plan.json")


def test_an_integer_too_long_to_convert_is_a_clean_error(demo: Document) -> None:
    text = serialize_document(demo).decode().replace('"horizon_years": 3', '"horizon_years": ' + "9" * 5000, 1)
    with pytest.raises(PlannerFileError, match="not a usable planner file"):
        parse_document(text.encode(), "plan.json")


def test_levels_off_the_scale_and_unknown_criteria_are_reported(
    tmp_path: Path, demo: Document, instruments: tuple[Instrument, ...]
) -> None:
    raw = _raw(demo)
    ratings = raw["respondents"][0]["ratings"]
    criterion = next(iter(ratings))
    ratings[criterion] = {"level": 7}
    ratings["org.made_up"] = {"level": 2}
    raw["review"]["suggestions"] = {"tech.nothing": {"level": 1}}
    path = _write(tmp_path, raw)
    load_document(path)  # well-formed: only the instruments can tell it is wrong
    with pytest.raises(PlannerFileError) as info:
        load_plan(path, instruments)
    lines = [info.value.message] + [m.message for m in info.value.more]
    assert any(f"ratings.{criterion}: level 7 is not on" in line for line in lines)
    assert any("ratings.org.made_up: criterion 'org.made_up' is in none" in line for line in lines)
    assert any("review.suggestions.tech.nothing" in line for line in lines)


def test_costs_beyond_the_horizon_are_warned(demo: Document) -> None:
    item = demo.cost_items[0]
    far = update_record(demo, "cost_items", 0, costs={**item.costs, 5: Decimal("999.00")})
    far = far.model_copy(update={"profile": far.profile.model_copy(update={"horizon_years": 3})})
    warnings = [w for w in summarize_funding(far).warnings if w.code is WarningCode.OUTSIDE_HORIZON]
    assert any(item.name in w.message and "year 5" in w.message and "$999" in w.message for w in warnings)
    assert isinstance(far.cost_items[0], CostItem)
