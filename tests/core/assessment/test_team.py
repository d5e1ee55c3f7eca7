"""Team ratings: respondent forms, merging them back, aggregates and disagreement, by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.core.assessment.analysis import analyze
from planner.core.assessment.team import RefusalKind, merge_responses, respondent_form
from planner.core.editing.edits import EditError, set_profile, set_rating
from planner.core.model.document import Document, Rating, Sector
from planner.core.model.rubric import Instrument

CRITERION = "org.coordination"


def _returned(form: Document, levels: dict[str, int]) -> Document:
    rid = form.respondents[0].id
    for criterion, level in levels.items():
        form = set_rating(form, rid, criterion, Rating(level=level, evidence=f"seen by {rid}"))
    return form


def test_respondent_form_keeps_profile_and_drops_the_rest(demo: Document) -> None:
    form = respondent_form(demo, "Rosa Diaz", Sector.EMPLOYER)
    assert form.form is not None and [r.name for r in form.respondents] == ["Rosa Diaz"]
    assert form.respondents[0].ratings == {}
    assert form.profile == demo.profile and form.partners == demo.partners
    assert form.metadata.consortium_id == demo.metadata.consortium_id
    assert form.cost_items == [] and form.commitments == [] and form.decisions == []
    with pytest.raises(EditError, match="respondent name"):
        respondent_form(demo, "   ", Sector.K12)


def test_merge_three_respondents_with_conflicts_and_refusals(demo: Document) -> None:
    forms = [
        respondent_form(demo, n, s) for n, s in [("Ana", Sector.K12), ("Ben", Sector.COLLEGE), ("Cy", Sector.EMPLOYER)]
    ]
    returned = [_returned(f, {CRITERION: level}) for f, level in zip(forms, [1, 3, 4], strict=True)]
    other = set_profile(demo, consortium_name="Other")
    other = other.model_copy(update={"metadata": other.metadata.model_copy(update={"consortium_id": "c-other"})})
    foreign = _returned(respondent_form(other, "Dee", Sector.K12), {CRITERION: 2})
    empty = respondent_form(demo, "Eve", Sector.K12)
    result = merge_responses(
        demo,
        [
            ("ana.json", returned[0]),
            ("ben.json", returned[1]),
            ("cy.json", returned[2]),
            ("dee.json", foreign),
            ("eve.json", empty),
            ("ana-again.json", returned[0]),
            ("demo.json", demo),
        ],
    )
    assert result.added == ["Ana", "Ben", "Cy"]
    reasons = {r.source: r.reason for r in result.refused}
    assert "another consortium" in reasons["dee.json"]
    assert reasons["eve.json"] == "has no ratings yet"
    assert "same respondent as ana.json" in reasons["ana-again.json"]
    assert "not a respondent form" in reasons["demo.json"]
    kinds = {r.source: r.kind for r in result.refused}
    assert kinds == {
        "dee.json": RefusalKind.OTHER_CONSORTIUM,
        "eve.json": RefusalKind.NO_RATINGS,
        "ana-again.json": RefusalKind.SAME_RESPONDENT,
        "demo.json": RefusalKind.NOT_A_FORM,
    }
    merged = result.document
    assert [r.name for r in merged.respondents][-3:] == ["Ana", "Ben", "Cy"]

    # Ana sends an updated form: a conflict until the user says to replace her.
    updated = _returned(returned[0], {CRITERION: 2})
    again = merge_responses(merged, [("ana-v2.json", updated)])
    assert again.conflicts[0].current.startswith("Ana (") and not again.changed and again.document is merged
    replaced = merge_responses(merged, [("ana-v2.json", updated)], replace={updated.respondents[0].id})
    assert [c.current for c in replaced.replaced] == [again.conflicts[0].current]
    assert replaced.merged_lines() == [f"replaced {again.conflicts[0].current}'s ratings with those in ana-v2.json"]
    assert replaced.document.respondent(updated.respondents[0].id).ratings[CRITERION].level == 2  # type: ignore[union-attr]
    assert len(replaced.document.respondents) == len(merged.respondents)


def test_aggregates_and_disagreement_by_hand(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    base = demo.model_copy(update={"respondents": demo.respondents[:1]})
    base = set_rating(base, base.respondents[0].id, CRITERION, Rating(level=2))  # the lead's own rating
    lead_sector = base.respondents[0].sector
    forms = [
        _returned(respondent_form(base, name, sector), {CRITERION: level})
        for name, sector, level in [("K1", Sector.K12, 1), ("K2", Sector.K12, 2), ("Co", Sector.COLLEGE, 4)]
    ]
    merged = merge_responses(base, [(f"{n}.json", f) for n, f in enumerate(forms)]).document
    score = next(
        c for d in analyze(merged, instruments).capacity.domains for c in d.criteria if c.criterion.id == CRITERION
    )
    assert (
        score.mean == Decimal(9) / 4
    )  # (2 + 1 + 2 + 4) / 4 and (score.minimum, score.maximum, score.count) == (1, 4, 4)
    assert score.discuss  # 1 and 4 are three levels apart
    means = {m.sector: m for m in score.sector_means}
    assert means[Sector.COLLEGE].mean == 4 and means[Sector.COLLEGE].respondents == 1
    k12_levels = [1, 2] + ([2] if lead_sector is Sector.K12 else [])
    assert means[Sector.K12].mean == Decimal(sum(k12_levels)) / len(k12_levels)
    shown = {m.sector for m in score.shown_sector_means(hide_small=True)}
    assert shown == ({Sector.K12} if len(k12_levels) >= 3 else set())
    assert {m.sector for m in score.shown_sector_means(hide_small=False)} == set(means)


def test_merge_says_what_else_a_form_changed_and_leaves_it_out(demo: Document) -> None:
    form = _returned(respondent_form(demo, "Ana", Sector.K12), {CRITERION: 3})
    new_item = demo.cost_items[0].model_copy(update={"id": "ci-ana", "name": "Ana's van"})
    edited_item = demo.cost_items[1].model_copy(update={"name": "Renamed by Ana"})
    unchanged_item = demo.cost_items[2]  # as the plan has it: not work of Ana's
    action = demo.actions[0].model_copy(update={"id": "a-ana"})
    form = form.model_copy(update={"cost_items": [new_item, edited_item, unchanged_item], "actions": [action]})
    result = merge_responses(demo, [("ana.json", form)])
    assert result.added == ["Ana"]
    assert result.ignored_lines() == [
        "Ana's form (ana.json) also changed 2 cost items and 1 action; only ratings are merged, so those changes "
        "were not merged"
    ]
    assert result.document.cost_items == demo.cost_items and result.document.actions == demo.actions
    assert result.ignored_lines()[0] in result.summary_lines()
    # A form with nothing but ratings has nothing to say.
    plain = merge_responses(demo, [("ben.json", _returned(respondent_form(demo, "Ben", Sector.K12), {CRITERION: 1}))])
    assert plain.ignored == []


def test_a_form_of_another_consortium_of_the_same_name_is_told_apart_by_its_id(demo: Document) -> None:
    twin = demo.model_copy(update={"metadata": demo.metadata.model_copy(update={"consortium_id": "c-twin"})})
    name, ours = demo.profile.consortium_name, demo.metadata.consortium_id
    form = _returned(respondent_form(twin, "Dee", Sector.K12), {CRITERION: 2})
    (refusal,) = merge_responses(demo, [("dee.json", form)]).refused
    assert refusal.reason == f"belongs to another consortium ({name!r}, id c-twin), not {name!r}, id {ours}"
