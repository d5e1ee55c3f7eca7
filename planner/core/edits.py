"""Pure edit functions: each takes a document and returns a new, validated document.

The desktop app changes a document only through these (wrapped in undo commands), so every edit is
checked by the same pydantic rules as a loaded file. A bad value raises :class:`EditError` with a
plain reason and leaves the document as it was.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from planner.core.document import Document, Rating
from planner.core.errors import pydantic_problems

M = TypeVar("M", bound=BaseModel)
LIST_FIELDS = ("partners", "steering_committee", "cost_items", "commitments", "actions")


class EditError(ValueError):
    pass


# pydantic's wording, and our own checks' field names, as a person reading the form would put them.
_PLAIN_REASONS = (
    (re.compile(r"String should have at least 1 character"), "cannot be empty"),
    (re.compile(r"String should have at most (\d+) characters?"), r"is longer than \1 characters"),
    (re.compile(r"List should have at most (\d+) items?.*"), r"can hold at most \1"),
    (re.compile(r"grant_end is before grant_start"), "the grant's end date is before its start date"),
    (re.compile(r"Input should be greater than or equal to (\d+)"), r"must be at least \1"),
    (re.compile(r"Input should be less than or equal to (\d+)"), r"must be at most \1"),
)


_FIELD_PREFIX = re.compile(r"^[A-Za-z_][\w.\[\]]*: ")


def plain_reason(message: str) -> str:
    """A refusal in plain words: no field ids, no validator jargon."""
    text = _FIELD_PREFIX.sub("", message)
    for pattern, replacement in _PLAIN_REASONS:
        text = pattern.sub(replacement, text)
    return text[:1].upper() + text[1:]


def revalidated(model: M, **changes: Any) -> M:
    """A copy of ``model`` with ``changes``, checked by the model's own rules."""
    data = {name: getattr(model, name) for name in type(model).model_fields}
    data.update(changes)
    try:
        return type(model).model_validate(data)
    except ValidationError as exc:
        problem = pydantic_problems("", exc)[0]
        raise EditError(
            f"{problem.where}: {problem.what}" if problem.where != "(top level)" else problem.what
        ) from None


def set_profile(document: Document, **changes: Any) -> Document:
    return document.model_copy(update={"profile": revalidated(document.profile, **changes)})


def set_adoption(document: Document, **changes: Any) -> Document:
    """Record the steering committee's vote; a plan with a date adopted prints as adopted, without the Draft mark."""
    return document.model_copy(update={"adoption": revalidated(document.adoption, **changes)})


def set_rating(document: Document, respondent_id: str, criterion_id: str, rating: Rating) -> Document:
    respondents = list(document.respondents)
    for index, respondent in enumerate(respondents):
        if respondent.id == respondent_id:
            ratings = dict(respondent.ratings)
            if rating.is_empty:
                ratings.pop(criterion_id, None)
            else:
                ratings[criterion_id] = rating
            respondents[index] = respondent.model_copy(update={"ratings": ratings})
            return document.model_copy(update={"respondents": respondents})
    raise EditError(f"no respondent {respondent_id!r}")


def set_target(document: Document, criterion_id: str, level: int | None) -> Document:
    """Set (or clear, with None) the level the team aims to reach on one criterion by the end of the plan."""
    targets = dict(document.targets)
    if level is None:
        targets.pop(criterion_id, None)
    else:
        targets[criterion_id] = level
    return revalidated(document, targets=targets)


def _records(document: Document, field: str) -> list[Any]:
    if field not in LIST_FIELDS:
        raise EditError(f"{field} is not an editable list")
    return list(getattr(document, field))


def add_record(document: Document, field: str, record: BaseModel, index: int | None = None) -> Document:
    records = _records(document, field)
    records.insert(len(records) if index is None else index, record)
    return _with_records(document, field, records)


def update_record(document: Document, field: str, index: int, **changes: Any) -> Document:
    records = _records(document, field)
    records[index] = revalidated(records[index], **changes)
    return _with_records(document, field, records)


def remove_record(document: Document, field: str, index: int) -> Document:
    records = _records(document, field)
    del records[index]
    return _with_records(document, field, records)


def _with_records(document: Document, field: str, records: list[Any]) -> Document:
    try:
        # Whole-document rules (unique ids, list lengths) are checked on the new list.
        return revalidated(document, **{field: records})
    except EditError as exc:
        raise EditError(str(exc)) from None


def set_decisions(document: Document, decisions: list[str]) -> Document:
    return revalidated(document, decisions=[d.strip() for d in decisions if d.strip()])
