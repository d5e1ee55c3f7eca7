"""Upgrading documents rated on older instruments: the 1.0 demo as it was written before instruments 2.0 (it goes
through 2.0 to 2.1 in one upgrade) and the 2.0 demo as it was written before instruments 2.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli import main
from planner.core.assessment.analysis import analyze
from planner.core.assessment.team import merge_responses, respondent_form
from planner.core.model.document import Document
from planner.core.model.errors import PlannerFileError
from planner.core.model.rubric import Instrument, archived_instruments
from planner.core.storage.instruments import resolve_instruments
from planner.core.storage.storage import load_document, save_document
from planner.core.storage.upgrade import (
    UpgradeMap,
    bundled_upgrade_maps,
    map_problems,
    upgrade_available,
    upgrade_to_current,
)

OLD_DEMO = Path(__file__).parents[2] / "fixtures" / "demo_instruments_1_0.json"
DEMO_2_0 = Path(__file__).parents[2] / "fixtures" / "demo_instruments_2_0.json"


@pytest.fixture
def old_demo() -> Document:
    return load_document(OLD_DEMO)


def _mapping(from_version: str = "1.0") -> UpgradeMap:
    return next(m for m in bundled_upgrade_maps() if m.from_version == from_version)


def _version(version: str, instruments: tuple[Instrument, ...]) -> list[Instrument]:
    return [i for i in (*archived_instruments(), *instruments) if i.version == version]


def test_the_shipped_maps_cover_every_old_criterion(instruments: tuple[Instrument, ...]) -> None:
    maps = bundled_upgrade_maps()
    assert [(m.from_version, m.to_version) for m in maps] == [("1.0", "2.0"), ("2.0", "2.1")]
    for mapping in maps:
        old, new = _version(mapping.from_version, instruments), _version(mapping.to_version, instruments)
        assert map_problems(mapping, old, new) == []
        assert {m.old for m in mapping.criteria} == {c.id for i in old for c in i.criteria}
        for move in mapping.criteria:
            if move.new is None:
                assert move.retired and move.replaced_by, move.old


def test_2_1_retires_the_reworked_criteria_and_keeps_every_other_id(instruments: tuple[Instrument, ...]) -> None:
    mapping = _mapping("2.0")
    retired = {m.old: m.replaced_by for m in mapping.criteria if m.new is None}
    assert retired == {
        "org.sustainability_planning": ["org.sustainability_practice"],
        "org.braided_funding": ["org.braided_programs"],
        "tech.student_supports": ["tech.pathway_advising", "tech.wraparound_supports"],
    }
    assert all(m.new == m.old for m in mapping.criteria if m.new is not None)


def test_map_problems_name_the_entry(instruments: tuple[Instrument, ...]) -> None:
    mapping = _mapping()
    instruments = tuple(_version("2.0", instruments))
    broken = mapping.model_copy(
        update={"criteria": [mapping.criteria[0].model_copy(update={"new": "org.nowhere"}), *mapping.criteria[2:]]}
    )
    found = map_problems(broken, _version("1.0", instruments), instruments)
    assert ("criteria[0]", "'org.nowhere' is not a criterion of the 2.0 instruments") in found
    assert any("'org.intermediary' has no entry" in what for _, what in found)
    merged = mapping.model_copy(
        update={"criteria": [mapping.criteria[0], mapping.criteria[1].model_copy(update={"new": "org.coordination"})]}
    )
    found = map_problems(merged, _version("1.0", instruments), instruments)
    assert ("criteria[1].new", "'org.coordination' already receives the ratings of 'org.coordination'") in found


def test_a_1_0_document_still_opens_and_scores_unchanged(
    old_demo: Document, instruments: tuple[Instrument, ...]
) -> None:
    chosen = resolve_instruments(old_demo, instruments, "old.json")
    assert [(i.id, i.version) for i in chosen] == [
        ("organizational", "1.0"),
        ("technical", "1.0"),
        ("political", "1.0"),
    ]
    org = analyze(old_demo, chosen).capacity.domain("organizational")
    assert org.total == 8 and str(org.score) == "2.125"


def test_upgrade_carries_every_surviving_rating_and_keeps_every_retired_one(
    old_demo: Document, instruments: tuple[Instrument, ...]
) -> None:
    assert upgrade_available(old_demo, instruments) == (_mapping("1.0"), _mapping("2.0"))
    result = upgrade_to_current(old_demo, instruments, "old.json")
    new = result.document
    assert (result.from_version, result.to_version) == ("1.0", "2.1")
    assert {(r.id, r.version) for r in new.metadata.instruments} == {(i.id, "2.1") for i in instruments}
    carried = {c.old_id: c.new_id for c in result.carried}
    assert carried["org.coordination"] == "org.coordination" and "pol.braided_funding" not in carried
    for before, after in zip(old_demo.respondents, new.respondents, strict=True):
        for old_id, rating in before.ratings.items():
            if old_id in carried:
                assert after.ratings[carried[old_id]] == rating  # level, evidence and notes carried as they were
            else:
                assert old_id not in after.ratings
    retired_ids = {m.old for m in _mapping("1.0").criteria if m.new is None}
    # Criteria that lived only in 2.0 and were never rated in this 1.0 plan do not clutter its appendix.
    assert {r.criterion_id for r in result.retired} == retired_ids
    assert {r.criterion_id for r in new.retired} == retired_ids
    for entry in new.retired:
        for respondent in old_demo.respondents:
            if entry.criterion_id in respondent.ratings:
                assert entry.ratings[respondent.id] == respondent.ratings[entry.criterion_id]
                assert entry.respondent_names[respondent.id] == respondent.name
    # The history names the criteria that rate it now, in 2.1, not 2.0's retired braided funding.
    braided = next(r for r in new.retired if r.criterion_id == "pol.braided_funding")
    assert braided.replaced_by == ["org.braided_programs", "org.new_funding"]
    # New criteria start unrated; the action tied to a retired criterion follows its replacement to 2.1.
    assert "org.money_control" in result.new_unrated and "org.coordination" not in result.new_unrated
    assert "org.partnership_stage" in result.new_unrated
    for respondent in new.respondents:
        assert "org.money_control" not in respondent.ratings
    assert next(a for a in new.actions if a.id == "a-4").criterion_id == "org.braided_programs"
    # Everything else is untouched, and the upgraded document scores on 2.1.
    assert new.profile == old_demo.profile and new.commitments == old_demo.commitments
    analysis = analyze(new, resolve_instruments(new, instruments, "new.json"))
    assert analysis.capacity.domain("organizational").total == 15


def test_a_2_0_plan_upgrades_to_2_1(instruments: tuple[Instrument, ...]) -> None:
    old = load_document(DEMO_2_0)
    assert upgrade_available(old, instruments) == (_mapping("2.0"),)
    result = upgrade_to_current(old, instruments, "demo.json")
    new = result.document
    assert (result.from_version, result.to_version) == ("2.0", "2.1")
    assert {(r.id, r.version) for r in new.metadata.instruments} == {(i.id, "2.1") for i in instruments}
    retired = {"org.sustainability_planning", "org.braided_funding", "tech.student_supports"}
    assert {r.criterion_id for r in new.retired} == retired
    for before, after in zip(old.respondents, new.respondents, strict=True):
        for key, rating in before.ratings.items():
            if key in retired:
                entry = next(r for r in new.retired if r.criterion_id == key)
                assert entry.ratings[before.id] == rating and key not in after.ratings
            else:
                assert after.ratings[key] == rating
    assert set(result.new_unrated) == {
        "org.sustainability_practice",
        "org.braided_programs",
        "org.transportation",
        "org.outside_support",
        "org.partnership_stage",
        "tech.pathway_advising",
        "tech.wraparound_supports",
        "tech.pathway_focus",
        "pol.learning_review",
        "pol.starting_points",
    }
    assert len(result.carried) == 33 and all(c.old_id == c.new_id for c in result.carried)
    # Cost items and actions tied to a retired criterion follow its first replacement.
    links = {a.criterion_id for a in new.actions} | {c.criterion_id for c in new.cost_items}
    assert not links & retired
    assert new.profile == old.profile and new.commitments == old.commitments and new.cost_items != []
    analysis = analyze(new, resolve_instruments(new, instruments, "new.json"))
    assert [d.total for d in analysis.capacity.domains] == [15, 14, 14]
    assert upgrade_available(new, instruments) is None


def test_a_2_0_plan_upgraded_from_1_0_keeps_its_history_pointing_at_2_1(
    old_demo: Document, instruments: tuple[Instrument, ...]
) -> None:
    from planner.core.storage.upgrade import upgrade_document

    on_2_0 = upgrade_document(old_demo, _mapping("1.0"), _version("1.0", instruments), _version("2.0", instruments))
    assert next(r for r in on_2_0.document.retired if r.criterion_id == "pol.braided_funding").replaced_by == [
        "org.braided_funding",
        "org.new_funding",
    ]
    on_2_1 = upgrade_to_current(on_2_0.document, instruments, "plan.json").document
    history = {r.criterion_id: r.replaced_by for r in on_2_1.retired}
    assert history["pol.braided_funding"] == ["org.braided_programs", "org.new_funding"]
    # 2.0's sustainability planning was never rated in this plan, yet its retirement is recorded, as 2.0 did.
    assert history["org.sustainability_planning"] == ["org.sustainability_practice"]


def test_summary_lists_every_retired_criterion(old_demo: Document, instruments: tuple[Instrument, ...]) -> None:
    result = upgrade_to_current(old_demo, instruments, "old.json")
    titles = {c.id: c.title for i in instruments for c in i.criteria}
    text = "\n".join(result.summary_lines(titles))
    for entry in result.retired:
        assert entry.criterion_id in text
    assert "Who controls grant money" in text


def test_an_upgraded_document_is_not_upgraded_again(old_demo: Document, instruments: tuple[Instrument, ...]) -> None:
    new = upgrade_to_current(old_demo, instruments, "old.json").document
    assert upgrade_available(new, instruments) is None
    with pytest.raises(PlannerFileError, match="already on the current instruments"):
        upgrade_to_current(new, instruments, "new.json")


def test_merge_refuses_a_form_on_other_instruments_and_says_how_to_upgrade(
    old_demo: Document, instruments: tuple[Instrument, ...]
) -> None:
    new = upgrade_to_current(old_demo, instruments, "old.json").document
    form = respondent_form(old_demo, "Ana Ruiz", old_demo.respondents[0].sector)
    rated = form.model_copy(
        update={"respondents": [form.respondents[0].model_copy(update={"ratings": old_demo.respondents[0].ratings})]}
    )
    result = merge_responses(new, [("ana.json", rated)])
    assert not result.changed
    (line,) = result.problem_lines()
    assert "different instrument versions" in line and "planner upgrade" in line


def test_cli_upgrade_writes_a_new_file_and_never_the_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "old.json"
    source.write_bytes(OLD_DEMO.read_bytes())
    out = tmp_path / "new.json"
    assert main(["upgrade", str(source), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "pol.braided_funding" in printed and f"wrote {out}" in printed
    assert source.read_bytes() == OLD_DEMO.read_bytes()
    assert load_document(out).retired

    assert main(["upgrade", str(source), "-o", str(out)]) == 1
    assert "already exists (use --force" in capsys.readouterr().err
    assert main(["upgrade", str(source), "-o", str(out), "--force"]) == 0
    # Not over the input, not even with --force.
    assert main(["upgrade", str(source), "-o", str(source), "--force"]) == 1
    assert "is one of this command's inputs" in capsys.readouterr().err
    assert source.read_bytes() == OLD_DEMO.read_bytes()
    assert main(["upgrade", str(out), "-o", str(tmp_path / "again.json")]) == 1
    assert "already on the current instruments" in capsys.readouterr().err


def test_cli_scores_and_renders_a_1_0_document_as_it_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(OLD_DEMO), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert [len(d["criteria"]) for d in payload["domains"]] == [8, 8, 8]


def test_retired_history_round_trips_through_save(
    tmp_path: Path, old_demo: Document, instruments: tuple[Instrument, ...]
) -> None:
    new = upgrade_to_current(old_demo, instruments, "old.json").document
    path = tmp_path / "new.json"
    save_document(new, path)
    assert load_document(path).retired == new.retired


def test_validate_checks_upgrade_maps_against_the_instruments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from planner.resources import data_dir

    assert main(["validate", str(data_dir("rubrics") / "upgrades"), str(data_dir("rubrics") / "archive")]) == 0
    folder = tmp_path / "upgrades"
    folder.mkdir()
    text = (data_dir("rubrics") / "upgrades" / "1.0-to-2.0.toml").read_text("utf-8")
    (folder / "map.toml").write_text(text.replace('new = "org.governance"', 'new = "org.nowhere"'), "utf-8")
    capsys.readouterr()
    assert main(["validate", str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"{folder / 'map.toml'}: criteria[2]: 'org.nowhere' is not a criterion of the 2.0 instruments" in err
    (folder / "map.toml").write_text(text.replace('old = "org.leadership"\nnew', 'old = "org.leadership"\nneww'))
    assert main(["validate", str(folder)]) == 1
    assert "criteria[7].neww: unknown key" in capsys.readouterr().err


def test_a_target_on_an_unknown_criterion_or_off_the_scale_is_refused(
    tmp_path: Path, instruments: tuple[Instrument, ...]
) -> None:
    from planner.core.storage.demo import demo_document
    from planner.core.storage.instruments import load_plan

    document = demo_document(instruments)
    for targets, where in (
        ({"org.nowhere": 3}, "targets.org.nowhere"),
        ({"org.coordination": 7}, "targets.org.coordination"),
    ):
        path = tmp_path / "plan.json"
        save_document(document.model_copy(update={"targets": targets}), path)
        with pytest.raises(PlannerFileError, match=where.replace(".", r"\.")):
            load_plan(path, instruments)
