"""Team ratings: hand each member a respondent form, then merge the returned forms into the consortium document.

Nothing is overwritten silently: a returned form whose respondent is already in the document replaces them only
when the caller says so, and every form that cannot be merged comes back with the reason.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from planner.core.editing.edits import EditError, revalidated
from planner.core.model.document import Document, Respondent, RespondentForm, Review, Sector, consortium_labels
from planner.core.model.errors import PlannerFileError
from planner.core.model.fields import MAX_RESPONDENTS, new_id, utc_now
from planner.core.model.rubric import Instrument
from planner.core.storage.instruments import load_plan


def respondent_form(document: Document, name: str, sector: Sector) -> Document:
    """A file for one team member: same consortium and instruments, profile and partners for context, their own
    empty ratings, and none of the cost plan, its scenarios, actions, decisions or coach review."""
    respondent_id = new_id("r")
    try:
        respondent = Respondent(id=respondent_id, name=name, sector=sector)
    except ValueError as exc:
        raise EditError(f"respondent name: {exc}") from None
    return revalidated(
        document,
        respondents=[respondent],
        form=RespondentForm(respondent_id=respondent_id, handed_out=utc_now()),
        steering_committee=[],
        cost_items=[],
        commitments=[],
        scenarios=[],
        actions=[],
        decisions=[],
        review=Review(),
    )


class RefusalKind(StrEnum):
    """Why a returned form was not merged, for a caller that words it for its own audience (the desktop app
    points to its menus where the command line names its subcommands)."""

    UNREADABLE = "unreadable"  # not opened, not valid JSON, or not a planner document: the reason says which
    INTO_FORM = "into_form"
    NOT_A_FORM = "not_a_form"
    OTHER_CONSORTIUM = "other_consortium"
    OTHER_INSTRUMENTS = "other_instruments"
    NO_RATINGS = "no_ratings"
    SAME_RESPONDENT = "same_respondent"
    WRONG_PERSON = "wrong_person"
    FULL = "full"


@dataclass(frozen=True)
class Refusal:
    source: str
    reason: str
    kind: RefusalKind = RefusalKind.UNREADABLE


def respondent_label(respondent: Respondent) -> str:
    return f"{respondent.name} ({respondent.sector.label})"


@dataclass(frozen=True)
class Conflict:
    """A returned form for a respondent already in the document, left out until the user says to replace.

    ``current`` is who is in the document now and ``incoming`` who the form names, so a question or a message
    always says whose ratings would go.
    """

    source: str
    respondent_id: str
    current: str
    incoming: str

    def question(self) -> str:
        return f"{self.current} is already in this plan. Replace their ratings with the ones in {self.source}?"


# What a respondent form leaves empty when it is handed out (see respondent_form), with the word for one entry.
# Anything found there on return was added by whoever filled it in; a merge takes ratings only.
_FORM_LEFT_EMPTY: tuple[tuple[str, str, str], ...] = (
    ("cost_items", "cost item", "cost items"),
    ("commitments", "commitment", "commitments"),
    ("actions", "action", "actions"),
    ("scenarios", "what-if scenario", "what-if scenarios"),
    ("decisions", "decision requested", "decisions requested"),
    ("steering_committee", "steering committee member", "steering committee members"),
)


def words_and(parts: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c" """
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def ignored_in_form(document: Document, response: Document) -> list[str]:
    """What a returned form changed besides its respondent's answers, which a merge leaves out, e.g. ["2 cost
    items", "1 action"]. Entries the plan already holds unchanged do not count.

    The profile, partners and targets are not compared: the form carries them as read-only context, so a difference
    there means the lead changed the plan after handing the form out, not that the team member did any work.
    """
    parts: list[str] = []
    for name, one, many in _FORM_LEFT_EMPTY:
        ours: list[object] = list(getattr(document, name))
        changed = sum(1 for entry in getattr(response, name) if entry not in ours)
        if changed:
            parts.append(f"{changed} {one if changed == 1 else many}")
    if response.review != Review() and response.review != document.review:
        parts.append("the coach review")
    return parts


@dataclass(frozen=True)
class IgnoredWork:
    """A merged form that also changed more than its ratings; those changes stay out of the plan."""

    source: str
    respondent: str
    parts: tuple[str, ...]

    def line(self) -> str:
        return (
            f"{self.respondent}'s form ({self.source}) also changed {words_and(self.parts)}; only ratings are "
            "merged, so those changes were not merged"
        )


@dataclass(frozen=True)
class MergeResult:
    document: Document
    added: list[str] = field(default_factory=list)
    replaced: list[Conflict] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    ignored: list[IgnoredWork] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced)

    def merged_lines(self) -> list[str]:
        return [f"added {name}" for name in self.added] + [
            f"replaced {c.current}'s ratings with those in {c.source}" for c in self.replaced
        ]

    def problem_lines(self) -> list[str]:
        lines = [f"not merged: {c.source}: {c.current} is already in the document" for c in self.conflicts]
        return lines + [f"refused: {r.source}: {r.reason}" for r in self.refused]

    def ignored_lines(self) -> list[str]:
        return [work.line() for work in self.ignored]

    def summary_lines(self) -> list[str]:
        return self.merged_lines() + self.ignored_lines() + self.problem_lines()


def read_responses(
    paths: Sequence[Path], instruments: Sequence[Instrument]
) -> tuple[list[tuple[str, Document]], list[Refusal]]:
    """Load returned forms, each labelled with its file name; a file that cannot be read is a refusal.

    Forms go through the same loader as every document, so a merge never takes in ratings that the merged file
    would then be refused for.
    """
    responses: list[tuple[str, Document]] = []
    unreadable: list[Refusal] = []
    for path in paths:
        try:
            responses.append((path.name, load_plan(path, instruments)[0]))
        except PlannerFileError as exc:
            unreadable.append(Refusal(path.name, exc.message_without_path()))
    return responses, unreadable


def _refusal(document: Document, response: Document) -> tuple[RefusalKind, str] | None:
    if document.form is not None:
        return (
            RefusalKind.INTO_FORM,
            "the document to merge into is itself a respondent form; merge into the consortium's document",
        )
    if response.form is None:
        return RefusalKind.NOT_A_FORM, "not a respondent form (hand one out with 'respondent-form')"
    if response.metadata.consortium_id != document.metadata.consortium_id:
        their_label, our_label = consortium_labels(response, document)
        return RefusalKind.OTHER_CONSORTIUM, f"belongs to another consortium ({their_label}), not {our_label}"
    ours = {(i.id, i.version) for i in document.metadata.instruments}
    theirs = {(i.id, i.version) for i in response.metadata.instruments}
    if ours != theirs:
        names = ", ".join(f"{i} {v}" for i, v in sorted(theirs - ours)) or "fewer instruments"
        mine = ", ".join(f"{i} {v}" for i, v in sorted(ours - theirs)) or "more instruments"
        return (
            RefusalKind.OTHER_INSTRUMENTS,
            f"rated on different instrument versions ({names}; the document has {mine}); "
            "upgrade the older file with 'planner upgrade FILE -o NEW' (or accept the upgrade when the app "
            "offers it), then hand out or merge again",
        )
    if not response.respondents[0].ratings:
        return RefusalKind.NO_RATINGS, "has no ratings yet"
    return None


def merge_responses(
    document: Document,
    responses: Sequence[tuple[str, Document]],
    replace: Collection[str] = (),
    unreadable: Sequence[Refusal] = (),
) -> MergeResult:
    """Merge returned forms (each with a label such as its file name) into ``document``.

    ``replace`` holds the ids of respondents already in the document that may be replaced by a returned form;
    ``unreadable`` are files refused before merging (see :func:`read_responses`), reported with the rest.
    """
    respondents = list(document.respondents)
    positions = {r.id: n for n, r in enumerate(respondents)}
    added: list[str] = []
    replaced: list[Conflict] = []
    refused: list[Refusal] = list(unreadable)
    conflicts: list[Conflict] = []
    ignored: list[IgnoredWork] = []
    seen: dict[str, str] = {}
    for source, response in responses:
        refusal = _refusal(document, response)
        incoming = response.respondents[0]
        if refusal is None and incoming.id in seen:
            refusal = (
                RefusalKind.SAME_RESPONDENT,
                f"the same respondent as {seen[incoming.id]}, earlier in this merge",
            )
        if refusal is None and incoming.id in positions:
            current = respondents[positions[incoming.id]]
            if (current.name, current.sector) != (incoming.name, incoming.sector):
                # A form may only come back for the person it was handed to: one claiming someone else's id (the
                # lead's, say) would replace their ratings under another name.
                refusal = (
                    RefusalKind.WRONG_PERSON,
                    f"names {respondent_label(incoming)} but carries the id of {respondent_label(current)}, who is "
                    "already in the plan; hand out a new form",
                )
        if refusal is None and incoming.id not in positions and len(respondents) >= MAX_RESPONDENTS:
            refusal = RefusalKind.FULL, f"the plan already has {MAX_RESPONDENTS} respondents, the most a plan can hold"
        if refusal is not None:
            refused.append(Refusal(source, refusal[1], refusal[0]))
            continue
        seen[incoming.id] = source
        if incoming.id in positions:
            conflict = Conflict(
                source, incoming.id, respondent_label(respondents[positions[incoming.id]]), respondent_label(incoming)
            )
            if incoming.id not in replace:
                conflicts.append(conflict)
                continue
            respondents[positions[incoming.id]] = incoming
            replaced.append(conflict)
        else:
            positions[incoming.id] = len(respondents)
            respondents.append(incoming)
            added.append(incoming.name)
        parts = ignored_in_form(document, response)
        if parts:
            ignored.append(IgnoredWork(source, incoming.name, tuple(parts)))
    merged = revalidated(document, respondents=respondents) if added or replaced else document
    return MergeResult(merged, added, replaced, refused, conflicts, ignored)
