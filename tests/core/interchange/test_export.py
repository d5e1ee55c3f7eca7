"""The JSON views for machine readers: scores as numbers at the precision shown, money as exact text."""

from __future__ import annotations

import json
from decimal import Decimal

from planner.core.assessment.analysis import analyze
from planner.core.assessment.compare import compare
from planner.core.editing.edits import set_rating
from planner.core.funding.scenarios import run_scenario, stress_test
from planner.core.interchange.export import (
    comparison_payload,
    money_text,
    rounded_score,
    scenarios_payload,
    score_payload,
)
from planner.core.model.document import Document, Rating
from planner.core.model.rubric import Instrument


def test_scores_round_half_up_like_everywhere_else() -> None:
    assert rounded_score(Decimal("2.125")) == 2.13
    assert rounded_score(Decimal("2.124")) == 2.12
    assert rounded_score(None) is None
    assert money_text(Decimal("1234.5")) == "1234.50"


def test_score_payload_agrees_with_core_and_is_json(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    analysis = analyze(demo, instruments)
    payload = json.loads(json.dumps(score_payload(analysis.capacity, analysis.funding)))
    assert [d["id"] for d in payload["domains"]] == [i.id for i in instruments]
    for domain, scored in zip(payload["domains"], analysis.capacity.domains, strict=True):
        assert domain["score"] == rounded_score(scored.score)
        assert domain["band"] == (scored.band.id if scored.band else None)
        assert len(domain["criteria"]) == len(scored.criteria)
    text = json.dumps(payload)
    assert str(analysis.funding.years[0].gap) in text or money_text(analysis.funding.years[0].gap) in text


def test_comparison_payload_reports_the_move(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    after = demo
    for respondent in demo.respondents:
        after = set_rating(after, respondent.id, "org.coordination", Rating(level=4))
    payload = comparison_payload(compare(analyze(demo, instruments), analyze(after, instruments)))
    moved = next(c for d in payload["domains"] for c in d["criteria"] if c["id"] == "org.coordination")
    assert moved == {**moved, "before": 3.0, "after": 4.0, "change": 1.0, "direction": "up"}
    assert payload["total_gap"]["before"] == payload["total_gap"]["after"]  # a rating moves no money
    json.dumps(payload)


def test_scenarios_payload_names_every_saved_scenario(demo: Document) -> None:
    results = [run_scenario(demo, s) for s in demo.scenarios]
    payload = json.loads(json.dumps(scenarios_payload(demo, stress_test(demo), results)))
    assert [s["name"] for s in payload["scenarios"]] == [s.name for s in demo.scenarios]
    assert [p["rank"] for p in payload["stress_test"]["partners"]] == sorted(
        p["rank"] for p in payload["stress_test"]["partners"]
    )
    assert Decimal(payload["stress_test"]["total_cost"]) > 0
