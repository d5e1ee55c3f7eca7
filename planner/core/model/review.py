"""Coach review: a suggested level and a comment per criterion beside the consortium's own rating, overall notes
and a status; the lead accepts a suggestion (it becomes their rating) or answers it."""

from __future__ import annotations

from typing import Any

from planner.core.editing.edits import EditError, revalidated, set_rating
from planner.core.model.document import UNRATED, Document, Rating, ReviewStatus, Suggestion


def set_review(document: Document, **changes: Any) -> Document:
    """Change the review's status, reviewer or overall notes."""
    return document.model_copy(update={"review": revalidated(document.review, **changes)})


def set_suggestion(document: Document, criterion_id: str, **changes: Any) -> Document:
    """Change the coach's suggested level or comment (or the lead's answer) for one criterion."""
    suggestions = dict(document.review.suggestions)
    suggestion = revalidated(suggestions.get(criterion_id, Suggestion()), **changes)
    if suggestion == Suggestion():
        suggestions.pop(criterion_id, None)
    else:
        suggestions[criterion_id] = suggestion
    review = document.review
    status = ReviewStatus.IN_REVIEW if review.status is ReviewStatus.NOT_STARTED and suggestions else review.status
    return set_review(document, suggestions=suggestions, status=status)


def accept_suggestion(document: Document, respondent_id: str, criterion_id: str) -> Document:
    """The respondent's rating becomes the coach's suggested level; their evidence and notes stay."""
    suggestion = document.review.suggestions.get(criterion_id)
    if suggestion is None or suggestion.level is None:
        raise EditError("the coach suggested no level for this criterion")
    respondent = document.respondent(respondent_id)
    if respondent is None:
        raise EditError(f"no respondent {respondent_id!r}")
    current = respondent.ratings.get(criterion_id, UNRATED)
    rating = Rating.model_validate({**current.model_dump(), "level": suggestion.level, "not_applicable": False})
    rated = set_rating(document, respondent_id, criterion_id, rating)
    return set_suggestion(rated, criterion_id, accepted=True)
