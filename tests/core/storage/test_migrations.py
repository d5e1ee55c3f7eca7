"""Schema migrations: an old file opens as the current version, nothing lost; a newer file is refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from planner.core.model.document import SCHEMA_VERSION, Document
from planner.core.model.errors import PlannerFileError
from planner.core.storage.migrations import STEPS, NewerVersionError, migrate
from planner.core.storage.storage import load_document, serialize_document


def test_every_version_below_the_current_has_a_step() -> None:
    assert sorted(STEPS) == list(range(1, SCHEMA_VERSION))


@pytest.mark.parametrize("version", [None, "3", 0, -1, 2.0, True])
def test_a_schema_version_that_is_not_a_whole_number_from_1_is_refused(version: Any) -> None:
    with pytest.raises(ValueError, match="whole number of at least 1"):
        migrate({"schema_version": version})


def test_a_newer_version_says_to_update_the_planner() -> None:
    with pytest.raises(NewerVersionError, match="update the planner"):
        migrate({"schema_version": SCHEMA_VERSION + 1})


def test_migrate_leaves_its_input_alone_and_stamps_the_version() -> None:
    raw: dict[str, Any] = {"schema_version": 4, "profile": {}}
    migrated = migrate(raw)
    assert raw == {"schema_version": 4, "profile": {}}
    assert migrated == {"schema_version": SCHEMA_VERSION, "profile": {}, "scenarios": [], "agreements": []}


def test_version_1_ratings_of_na_become_not_applicable_and_others_stay() -> None:
    raw = {
        "schema_version": 1,
        "metadata": {"created": "2025-01-01T00:00:00Z"},
        "profile": {"consortium_name": "X", "horizon": 2},
        "respondents": [{"ratings": {"a": {"level": "na"}, "b": {"level": 3}}}],
        "commitments": [{"id": "m-1"}],
    }
    migrated = migrate(raw)
    assert migrated["profile"] == {"consortium_name": "X", "horizon_years": 2}
    assert migrated["respondents"][0]["ratings"] == {
        "a": {"level": None, "not_applicable": True},
        "b": {"level": 3},
    }
    assert migrated["commitments"] == [{"id": "m-1", "fund": "other"}]


def test_the_derived_consortium_id_depends_on_the_file_alone() -> None:
    def raw(name: str) -> dict[str, Any]:
        return {"schema_version": 2, "metadata": {"created": "2025-01-01"}, "profile": {"consortium_name": name}}

    first, again, other = migrate(raw("Alder")), migrate(raw("Alder")), migrate(raw("Birch"))
    assert first["metadata"]["consortium_id"] == again["metadata"]["consortium_id"]
    assert first["metadata"]["consortium_id"] != other["metadata"]["consortium_id"]
    kept = migrate({"schema_version": 2, "metadata": {"consortium_id": "c-kept"}})
    assert kept["metadata"]["consortium_id"] == "c-kept"


def test_older_version_migrates(tmp_path: Path, demo: Document) -> None:
    raw = json.loads(serialize_document(demo))
    raw["schema_version"] = 1
    for later_field in ("review", "form", "targets", "retired", "scenarios"):
        del raw[later_field]
    del raw["metadata"]["consortium_id"], raw["profile"]["hide_small_sectors"]
    del raw["profile"]["prior_linked_learning"], raw["profile"]["prior_partnership_academies"]
    raw["profile"]["horizon"] = raw["profile"].pop("horizon_years")
    raw["respondents"][0]["ratings"]["org.coordination"] = {"level": "na", "evidence": "", "notes": "old"}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(raw), "utf-8")
    loaded = load_document(path)
    assert loaded.schema_version == SCHEMA_VERSION
    assert loaded.profile.horizon_years == 3
    rating = loaded.respondents[0].ratings["org.coordination"]
    assert rating.not_applicable and rating.level is None and rating.notes == "old"
    # Version 3's consortium id is derived from the file, so two copies of one old file still match.
    assert loaded.metadata.consortium_id.startswith("c-")
    assert load_document(path).metadata.consortium_id == loaded.metadata.consortium_id
    assert loaded.review.status == "not_started" and loaded.form is None


def test_version_3_keeps_its_two_year_default_horizon(tmp_path: Path, demo: Document) -> None:
    """The default horizon moved from 2 to 3 years in version 4; a v3 file that relied on it keeps 2."""
    raw = json.loads(serialize_document(demo))
    raw["schema_version"] = 3
    for later_field in ("targets", "retired", "scenarios"):
        del raw[later_field]
    for v4_field in ("prior_linked_learning", "prior_partnership_academies", "horizon_years"):
        del raw["profile"][v4_field]
    path = tmp_path / "v3.json"
    path.write_text(json.dumps(raw), "utf-8")
    loaded = load_document(path)
    assert loaded.schema_version == SCHEMA_VERSION
    assert loaded.profile.horizon_years == 2 and loaded.targets == {} and loaded.retired == []
    assert loaded.scenarios == []
    assert not loaded.profile.prior_linked_learning
    explicit = {**raw, "profile": {**raw["profile"], "horizon_years": 4}}
    path.write_text(json.dumps(explicit), "utf-8")
    assert load_document(path).profile.horizon_years == 4


def test_version_4_upgrades_with_no_scenarios(tmp_path: Path, demo: Document) -> None:
    raw = json.loads(serialize_document(demo))
    raw["schema_version"] = 4
    del raw["scenarios"]
    path = tmp_path / "v4.json"
    path.write_text(json.dumps(raw), "utf-8")
    loaded = load_document(path)
    assert loaded.schema_version == SCHEMA_VERSION
    assert loaded.scenarios == []
    assert loaded.model_copy(update={"scenarios": demo.scenarios}) == demo  # nothing else changed


def test_newer_version_is_refused(tmp_path: Path, demo: Document) -> None:
    raw = json.loads(serialize_document(demo))
    raw["schema_version"] = SCHEMA_VERSION + 1
    path = tmp_path / "new.json"
    path.write_text(json.dumps(raw), "utf-8")
    with pytest.raises(PlannerFileError, match="made by a newer version of the planner"):
        load_document(path)
