"""Matching a plan to the instruments it was rated on: exact versions, archived editions, every problem named."""

from __future__ import annotations

import pytest

from planner.core.model.document import Document, InstrumentRef, Rating, Suggestion
from planner.core.model.errors import PlannerFileError
from planner.core.model.rubric import Instrument, archived_instruments
from planner.core.storage.instruments import checked_instruments, rating_problems, resolve_instruments


def _rated_on(document: Document, refs: list[InstrumentRef]) -> Document:
    return document.model_copy(update={"metadata": document.metadata.model_copy(update={"instruments": refs})})


def test_a_plan_that_names_no_instruments_uses_all_available(
    demo: Document, instruments: tuple[Instrument, ...]
) -> None:
    assert resolve_instruments(_rated_on(demo, []), instruments, "f") == list(instruments)


def test_the_chosen_instruments_follow_the_available_order(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    refs = [InstrumentRef(id=i.id, version=i.version) for i in reversed(instruments[:2])]
    assert resolve_instruments(_rated_on(demo, refs), instruments, "f") == list(instruments[:2])


def test_an_unknown_instrument_or_version_is_named(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    unknown = _rated_on(demo, [InstrumentRef(id="financial", version="1.0")])
    with pytest.raises(PlannerFileError, match=r"f: metadata.instruments\[0\]: uses instrument 'financial'"):
        resolve_instruments(unknown, instruments, "f")
    first = instruments[0]
    other = _rated_on(demo, [InstrumentRef(id=first.id, version="9.9")])
    with pytest.raises(PlannerFileError, match=f"version 9.9; this planner has version {first.version}"):
        resolve_instruments(other, instruments, "f")


def test_an_archived_edition_is_used_as_it_is(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    old = archived_instruments()[0]
    chosen = resolve_instruments(_rated_on(demo, [InstrumentRef(id=old.id, version=old.version)]), instruments, "f")
    assert chosen == [old] and old.version != next(i.version for i in instruments if i.id == old.id)


def test_answers_the_instruments_cannot_score_are_all_reported(
    demo: Document, instruments: tuple[Instrument, ...]
) -> None:
    assert rating_problems(demo, instruments, "f") == []
    ratings = {**demo.respondents[0].ratings, "org.nothing": Rating(level=2)}
    respondent = demo.respondents[0].model_copy(update={"ratings": ratings})
    review = demo.review.model_copy(update={"suggestions": {"org.coordination": Suggestion(level=9)}})
    broken = demo.model_copy(
        update={"respondents": [respondent, *demo.respondents[1:]], "review": review, "targets": {"tech.gone": 3}}
    )
    lines = [p.message for p in rating_problems(broken, instruments, "f")]
    assert lines == [
        "f: respondents[0].ratings.org.nothing: criterion 'org.nothing' is in none of the instruments",
        "f: review.suggestions.org.coordination: level 9 is not on Organizational's scale (1 to 4)",
        "f: targets.tech.gone: criterion 'tech.gone' is in none of the instruments",
    ]
    with pytest.raises(PlannerFileError) as raised:
        checked_instruments(broken, instruments, "f")
    assert [raised.value.message, *(p.message for p in raised.value.more)] == lines
