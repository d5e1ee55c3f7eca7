"""Coach review: suggestions beside the lead's ratings, accepted or answered, and the review's status."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.core.editing.edits import EditError
from planner.core.model.document import Document, ReviewStatus
from planner.core.model.review import accept_suggestion, set_review, set_suggestion
from planner.core.storage.storage import save_document

CRITERION = "org.coordination"


def test_review_round_trip_between_two_files(demo: Document, tmp_path: Path) -> None:
    lead_file, coach_file = tmp_path / "lead.json", tmp_path / "coach.json"
    save_document(demo, lead_file)
    from planner.core.storage.storage import load_document

    coach = load_document(lead_file)
    coach = set_suggestion(coach, CRITERION, level=3, comment="The county budget line covers year 1: that is 3.")
    coach = set_suggestion(coach, "org.governance", comment="Who chairs the steering committee after June?")
    coach = set_review(coach, reviewer="Pat Coach", overall_notes="Strong start.", status=ReviewStatus.RETURNED)
    save_document(coach, coach_file)

    lead = load_document(coach_file)
    assert lead.review.status is ReviewStatus.RETURNED and lead.review.reviewer == "Pat Coach"
    rid = lead.respondents[0].id
    before = lead.respondents[0].ratings[CRITERION]
    accepted = accept_suggestion(lead, rid, CRITERION)
    rating = accepted.respondents[0].ratings[CRITERION]
    assert rating.level == 3 and rating.evidence == before.evidence
    assert accepted.review.suggestions[CRITERION].accepted
    with pytest.raises(EditError, match="no level"):
        accept_suggestion(accepted, rid, "org.governance")
    answered = set_suggestion(accepted, "org.governance", answer="The college dean, from July.")
    save_document(answered, lead_file)
    again = load_document(lead_file)
    assert again.review.suggestions["org.governance"].answer == "The college dean, from July."
    assert again.review.suggestions["org.governance"].comment.startswith("Who chairs")
    # Clearing everything in a suggestion removes it.
    cleared = set_suggestion(again, "org.governance", comment="", answer="")
    assert "org.governance" not in cleared.review.suggestions


def test_a_first_suggestion_starts_the_review_and_an_empty_one_is_dropped(demo: Document) -> None:
    assert demo.review.status is ReviewStatus.NOT_STARTED
    started = set_suggestion(demo, CRITERION, level=2)
    assert started.review.status is ReviewStatus.IN_REVIEW
    assert started.review.suggestions[CRITERION].level == 2
    cleared = set_suggestion(started, CRITERION, level=None)
    assert CRITERION not in cleared.review.suggestions
    assert cleared.review.status is ReviewStatus.IN_REVIEW  # the review goes on; only the suggestion is gone


def test_accepting_takes_the_level_and_keeps_the_evidence(demo: Document) -> None:
    lead = demo.respondents[0]
    before = lead.ratings[CRITERION]
    accepted = accept_suggestion(set_suggestion(demo, CRITERION, level=4), lead.id, CRITERION)
    after = accepted.respondent(lead.id)
    assert after is not None
    assert after.ratings[CRITERION].level == 4 and after.ratings[CRITERION].evidence == before.evidence
    assert accepted.review.suggestions[CRITERION].accepted


def test_nothing_to_accept_is_a_plain_refusal(demo: Document) -> None:
    with pytest.raises(EditError, match="suggested no level"):
        accept_suggestion(set_suggestion(demo, CRITERION, comment="Why 3?"), demo.respondents[0].id, CRITERION)
    with pytest.raises(EditError, match="no respondent"):
        accept_suggestion(set_suggestion(demo, CRITERION, level=2), "r-nobody", CRITERION)
