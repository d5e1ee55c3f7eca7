"""Match a document to the instruments it was rated on."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from planner.core.model.document import Document
from planner.core.model.errors import PlannerFileError
from planner.core.model.rubric import Instrument, archived_instruments
from planner.core.storage.storage import load_document


def resolve_instruments(document: Document, available: Sequence[Instrument], shown: str) -> list[Instrument]:
    """The instruments a document names, in the order they are available; a missing or different one is an error.

    Scoring a document against a different version of a rubric would silently change what its levels
    mean, so versions must match exactly. A version this planner has archived (``rubrics/archive``) is used as
    it is, so a document rated on it opens and prints unchanged until its owner chooses to upgrade.
    """
    if not document.metadata.instruments:
        return list(available)
    by_id = {i.id: i for i in available}
    by_version = {(i.id, i.version): i for i in available}
    if any((ref.id, ref.version) not in by_version for ref in document.metadata.instruments):
        # Only a document on an older version pays for reading the archive (a few ms at start-up otherwise).
        by_version = {(i.id, i.version): i for i in (*archived_instruments(), *available)}
    chosen: list[Instrument] = []
    for index, ref in enumerate(document.metadata.instruments):
        where = f"metadata.instruments[{index}]"
        instrument = by_version.get((ref.id, ref.version))
        if instrument is None and ref.id not in by_id:
            raise PlannerFileError(shown, where, f"uses instrument {ref.id!r}, which this planner does not have")
        if instrument is None:
            raise PlannerFileError(
                shown,
                where,
                f"was rated on {ref.id} version {ref.version}; this planner has version {by_id[ref.id].version}",
            )
        chosen.append(instrument)
    order = {i.id: n for n, i in enumerate(available)}
    return sorted(chosen, key=lambda i: order[i.id])


def rating_problems(document: Document, instruments: Sequence[Instrument], shown: str) -> list[PlannerFileError]:
    """Answers the instruments cannot score: unknown criteria and levels off the scale.

    Scoring would otherwise read them as unrated and say nothing, so the app and a coach's copy could disagree
    about a file that both opened without a word.
    """
    criteria = {c.id: i for i in instruments for c in i.criteria}
    problems: list[PlannerFileError] = []

    def check(where: str, criterion_id: str, level: int | None) -> None:
        instrument = criteria.get(criterion_id)
        if instrument is None:
            problems.append(PlannerFileError(shown, where, f"criterion {criterion_id!r} is in none of the instruments"))
        elif level is not None and not instrument.lowest <= level <= instrument.highest:
            problems.append(
                PlannerFileError(
                    shown,
                    where,
                    f"level {level} is not on {instrument.short_title}'s scale "
                    f"({instrument.lowest} to {instrument.highest})",
                )
            )

    for r_index, respondent in enumerate(document.respondents):
        for criterion_id, rating in respondent.ratings.items():
            check(f"respondents[{r_index}].ratings.{criterion_id}", criterion_id, rating.level)
    for criterion_id, suggestion in document.review.suggestions.items():
        check(f"review.suggestions.{criterion_id}", criterion_id, suggestion.level)
    for criterion_id, target in document.targets.items():  # schema 4 (issue 11)
        check(f"targets.{criterion_id}", criterion_id, target)
    for field in ("cost_items", "actions"):
        for index, record in enumerate(getattr(document, field)):
            if record.criterion_id is not None:
                check(f"{field}[{index}].criterion_id", record.criterion_id, None)
    return problems


def checked_instruments(document: Document, available: Sequence[Instrument], shown: str) -> list[Instrument]:
    """The document's instruments, after every check that scoring relies on; all problems in one error."""
    instruments = resolve_instruments(document, available, shown)
    problems = rating_problems(document, instruments, shown)
    if problems:
        first, *rest = problems
        first.more = rest
        raise first
    return instruments


def load_plan(path: Path, available: Sequence[Instrument]) -> tuple[Document, list[Instrument]]:
    """The one loader for every command and the app: read, upgrade, validate, and match to the instruments.

    ``planner validate`` uses it too, so "ok" means every other command will accept the file.
    """
    document = load_document(path)
    return document, checked_instruments(document, available, str(path))
