"""Moving a document from one version of the instruments to the next, without losing a rating.

An upgrade map (``rubrics/upgrades/*.toml``) says, for every criterion of the old instruments, either which new
criterion its ratings carry over to or that it is retired. Retired ratings are kept in the document as history
(:class:`~planner.core.model.document.RetiredCriterion`) and printed in the plan's appendix; new criteria start unrated.
The upgrade returns a new document and never writes a file: saving it is the caller's decision.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from planner.core.model.document import Document, InstrumentRef, Rating, RetiredCriterion
from planner.core.model.errors import PlannerFileError, pydantic_problems
from planner.core.model.fields import utc_now
from planner.core.model.rubric import (
    Criterion,
    Identifier,
    Instrument,
    archived_instruments,
    bundled_instruments,
    rubric_files,
)
from planner.core.model.text import XmlText
from planner.resources import data_dir

Version = Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+){0,2}$")]
UPGRADES_FOLDER = "upgrades"

_Entry = TypeVar("_Entry")


class CriterionMove(BaseModel):
    """One old criterion: carried to ``new``, or ``retired`` (with the reason) in favor of ``replaced_by``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    old: Identifier
    new: Identifier | None = None
    retired: XmlText = Field(default="", max_length=500)
    replaced_by: list[Identifier] = Field(default_factory=list, max_length=10)

    @model_validator(mode="after")
    def _new_or_retired(self) -> CriterionMove:
        if (self.new is None) == (not self.retired):
            raise ValueError("give either 'new' (the criterion its ratings carry to) or 'retired' (why it was retired)")
        if self.new is not None and self.replaced_by:
            raise ValueError("'replaced_by' is for retired criteria only")
        return self


class UpgradeMap(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    from_version: Version
    to_version: Version
    instruments: list[Identifier] = Field(min_length=1, max_length=20)
    note: XmlText = Field(default="", max_length=2000)
    criteria: list[CriterionMove] = Field(min_length=1, max_length=500)

    def move(self, old_id: str) -> CriterionMove | None:
        return next((m for m in self.criteria if m.old == old_id), None)


def map_problems(mapping: UpgradeMap, old: Sequence[Instrument], new: Sequence[Instrument]) -> list[tuple[str, str]]:
    """``(where, what)`` for every way the map disagrees with the instruments it connects."""
    problems: list[tuple[str, str]] = []
    old_ids = {c.id for i in old if i.id in mapping.instruments for c in i.criteria}
    new_ids = {c.id for i in new if i.id in mapping.instruments for c in i.criteria}
    for instrument_id in mapping.instruments:
        for label, found, version in (("old", old, mapping.from_version), ("new", new, mapping.to_version)):
            if not any(i.id == instrument_id and i.version == version for i in found):
                problems.append(("instruments", f"no {label} instrument {instrument_id!r} at version {version}"))
    seen: set[str] = set()
    reached: dict[str, str] = {}
    for index, move in enumerate(mapping.criteria):
        where = f"criteria[{index}]"
        if move.old in seen:
            problems.append((f"{where}.old", f"{move.old!r} is listed twice"))
        seen.add(move.old)
        if move.new is not None and move.new in reached:
            # Two old ratings cannot both become one new rating; one would silently overwrite the other.
            problems.append((f"{where}.new", f"{move.new!r} already receives the ratings of {reached[move.new]!r}"))
        elif move.new is not None:
            reached[move.new] = move.old
        if move.old not in old_ids:
            problems.append(
                (f"{where}.old", f"{move.old!r} is not a criterion of the {mapping.from_version} instruments")
            )
        for key in [move.new] if move.new else move.replaced_by:
            if key not in new_ids:
                problems.append((where, f"{key!r} is not a criterion of the {mapping.to_version} instruments"))
    for missing in sorted(old_ids - seen):
        problems.append(("criteria", f"{missing!r} has no entry: say where its ratings go, or that it is retired"))
    return problems


def load_upgrade_map(path: Path, shown: str | None = None) -> UpgradeMap:
    label = shown or str(path)
    try:
        raw = tomllib.loads(path.read_text("utf-8"))
        return UpgradeMap.model_validate(raw)
    except OSError as exc:
        raise PlannerFileError(label, "", f"cannot read file ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PlannerFileError(label, "", f"not valid TOML ({exc})") from None
    except ValidationError as exc:
        problems = pydantic_problems(label, exc)
        problems[0].more = problems[1:]
        raise problems[0] from None


def checked_upgrade_map(path: Path) -> UpgradeMap:
    """Load a map and check it against the planner's instruments (current and archived); every problem in one
    error, ``file: where: what``."""
    mapping = load_upgrade_map(path)
    known = (*archived_instruments(), *bundled_instruments())
    old = [i for i in known if i.version == mapping.from_version]
    new = [i for i in known if i.version == mapping.to_version]
    found = [PlannerFileError(str(path), where, what) for where, what in map_problems(mapping, old, new)]
    if found:
        found[0].more = found[1:]
        raise found[0]
    return mapping


def is_upgrade_map(path: Path) -> bool:
    return path.parent.name == UPGRADES_FOLDER


@functools.cache
def bundled_upgrade_maps() -> tuple[UpgradeMap, ...]:
    """The upgrade maps shipped with the planner, checked against the instruments they connect."""
    return tuple(checked_upgrade_map(path) for path in rubric_files(data_dir("rubrics") / UPGRADES_FOLDER))


def upgrade_available(document: Document, current: Sequence[Instrument]) -> tuple[UpgradeMap, ...] | None:
    """The maps that take this document, one version after another, to the ``current`` instruments, when it is
    rated on an older version (a 1.0 plan goes through 2.0 to 2.1); None when it is current or no path exists."""
    refs = {(r.id, r.version) for r in document.metadata.instruments}
    versions = {i.id: i.version for i in current}
    if all(versions.get(i) == v for i, v in refs):
        return None  # already current: no need to read the maps (this runs after every edit in the app)
    try:
        maps = bundled_upgrade_maps()
    except PlannerFileError:
        # A broken map offers no upgrade here; 'planner upgrade' and 'planner validate' name the problem.
        return None
    path: list[UpgradeMap] = []
    while refs and len(path) <= len(maps):
        step = next((m for m in maps if refs <= {(i, m.from_version) for i in m.instruments}), None)
        if step is None:
            return None
        path.append(step)
        refs = {(i, step.to_version) for i, _ in refs}
        if all(versions.get(i) == v for i, v in refs):
            return tuple(path)
    return None


def upgrade_hint(shown: str) -> str:
    return f"upgrade it first with: planner upgrade {shown} -o NEW.json (or open it in the app and accept the upgrade)"


@dataclass(frozen=True)
class Carried:
    old_id: str
    new_id: str
    answers: int  # respondents who gave a level or N/A


@dataclass(frozen=True)
class UpgradeResult:
    document: Document
    from_version: str
    to_version: str
    carried: tuple[Carried, ...]
    retired: tuple[RetiredCriterion, ...]  # every retired criterion, including ones nobody rated
    new_unrated: tuple[str, ...]  # new criterion ids that start unrated

    def summary_lines(self, titles: dict[str, str]) -> list[str]:
        """What happened, in plain lines for the command line and the app's prompt."""
        rated = sum(1 for c in self.carried if c.answers)
        lines = [
            f"Instruments {self.from_version} to {self.to_version}: {len(self.carried)} criteria kept, "
            f"{rated} of them with ratings, carried over as they were."
        ]
        if self.retired:
            lines.append(
                f"Retired: {len(self.retired)} criteria (their ratings stay in the plan as history and print in its "
                "appendix):"
            )
            for entry in self.retired:
                answered = sum(1 for r in entry.ratings.values() if r.is_answered)
                into = ", ".join(titles.get(k, k) for k in entry.replaced_by)
                lines.append(
                    f"  - {entry.title} ({entry.criterion_id}): {answered} rating{'s' if answered != 1 else ''} kept"
                    + (f"; now rated as {into}" if into else "")
                )
        if self.new_unrated:
            lines.append(f"New criteria, unrated: {len(self.new_unrated)}")
            lines.extend(f"  - {titles.get(k, k)}" for k in self.new_unrated)
        return lines


def _moved(entries: Mapping[str, _Entry], moved_key: Callable[[str], str | None]) -> dict[str, _Entry]:
    """Criterion-keyed entries under their new ids; those of retired criteria are left out (kept in ``retired``)."""
    moved = {}
    for key, entry in entries.items():
        target = moved_key(key)
        if target is not None:
            moved[target] = entry
    return moved


def _retired(
    document: Document,
    retire: Mapping[str, CriterionMove],
    old_criteria: Mapping[str, Criterion],
    old: Sequence[Instrument],
    stamp: datetime,
) -> list[RetiredCriterion]:
    """What the document said about each retired criterion, kept with the document."""
    old_instrument = {c.id: i for i in old for c in i.criteria}
    names = {r.id: r.name for r in document.respondents}
    retired = []
    for old_id, move in retire.items():
        ratings = {r.id: r.ratings[old_id] for r in document.respondents if old_id in r.ratings}
        retired.append(
            RetiredCriterion(
                instrument_id=old_instrument[old_id].id,
                instrument_version=old_instrument[old_id].version,
                criterion_id=old_id,
                title=old_criteria[old_id].title,
                replaced_by=list(move.replaced_by),
                reason=move.retired,
                ratings=ratings,
                respondent_names={k: names[k] for k in ratings},
                target=document.targets.get(old_id),
                suggestion=document.review.suggestions.get(old_id),
                upgraded=stamp,
            )
        )
    return retired


def upgrade_document(
    document: Document,
    mapping: UpgradeMap,
    old: Sequence[Instrument],
    new: Sequence[Instrument],
    now: datetime | None = None,
) -> UpgradeResult:
    """``document`` moved onto the ``new`` instruments following ``mapping``; nothing is dropped."""
    stamp = now or utc_now()
    old_criteria = {c.id: c for i in old if i.id in mapping.instruments for c in i.criteria}
    carry = {m.old: m.new for m in mapping.criteria if m.new is not None}
    retire = {m.old: m for m in mapping.criteria if m.new is None}

    def moved_key(key: str) -> str | None:
        """Where a criterion-keyed entry goes: its new id, or None when retired."""
        if key in carry:
            return carry[key]
        return None if key in retire else key  # ids the map does not know (stale keys) stay as they were

    respondents = [r.model_copy(update={"ratings": _moved(r.ratings, moved_key)}) for r in document.respondents]
    suggestions = _moved(document.review.suggestions, moved_key)
    targets = _moved(document.targets, moved_key)
    retired = _retired(document, retire, old_criteria, old, stamp)

    def relinked(criterion_id: str | None) -> str | None:
        """A cost line or action tied to a retired criterion follows its first replacement."""
        if criterion_id is None:
            return None
        if criterion_id not in retire:
            return moved_key(criterion_id)
        replacements = retire[criterion_id].replaced_by
        return replacements[0] if replacements else None

    refs = [
        InstrumentRef(id=r.id, version=mapping.to_version) if r.id in mapping.instruments else r
        for r in document.metadata.instruments
    ]
    upgraded = Document.model_validate(
        {
            **document.model_dump(),
            "metadata": {**document.metadata.model_dump(), "instruments": [r.model_dump() for r in refs]},
            "respondents": [r.model_dump() for r in respondents],
            "review": {
                **document.review.model_dump(),
                "suggestions": {k: v.model_dump() for k, v in suggestions.items()},
            },
            "targets": targets,
            "cost_items": [{**c.model_dump(), "criterion_id": relinked(c.criterion_id)} for c in document.cost_items],
            "actions": [{**a.model_dump(), "criterion_id": relinked(a.criterion_id)} for a in document.actions],
            "retired": [r.model_dump() for r in (*(_followed(r, mapping) for r in document.retired), *retired)],
        }
    )
    answered = {
        key: sum(1 for r in document.respondents if r.ratings.get(key, Rating()).is_answered) for key in old_criteria
    }
    carried = tuple(Carried(k, v, answered.get(k, 0)) for k, v in carry.items())
    new_ids = [c.id for i in new if i.id in mapping.instruments for c in i.criteria]
    reached = set(carry.values())
    return UpgradeResult(
        document=upgraded,
        from_version=mapping.from_version,
        to_version=mapping.to_version,
        carried=carried,
        retired=tuple(retired),
        new_unrated=tuple(k for k in new_ids if k not in reached),
    )


def upgrade_to_current(document: Document, current: Sequence[Instrument], shown: str) -> UpgradeResult:
    """Upgrade ``document`` to the ``current`` instruments, or say why that is not possible. A document more than one
    version behind goes through each version in turn; the result reads as one upgrade (from its version to the
    current one)."""
    bundled_upgrade_maps()  # a broken map is reported as itself, not as "no upgrade path"
    path = upgrade_available(document, current)
    if path is None:
        versions = ", ".join(f"{r.id} {r.version}" for r in document.metadata.instruments) or "no instruments"
        if {r.version for r in document.metadata.instruments} <= {i.version for i in current}:
            raise PlannerFileError(shown, "metadata.instruments", f"already on the current instruments ({versions})")
        raise PlannerFileError(
            shown, "metadata.instruments", f"no upgrade path from {versions} to this planner's instruments"
        )
    archived = archived_instruments()
    results: list[UpgradeResult] = []
    for index, mapping in enumerate(path):
        old = [i for i in archived if i.version == mapping.from_version]
        last = index == len(path) - 1
        new = list(current) if last else [i for i in archived if i.version == mapping.to_version]
        results.append(upgrade_document(results[-1].document if results else document, mapping, old, new))
    return results[0] if len(results) == 1 else _chained(results)


def _chained(results: Sequence[UpgradeResult]) -> UpgradeResult:
    """Several upgrades in a row told as one: what the first document's criteria became in the last version."""
    first, final = results[0], results[-1]
    carried = list(first.carried)
    for result in results[1:]:
        onward = {c.old_id: c.new_id for c in result.carried}
        carried = [Carried(c.old_id, onward[c.new_id], c.answers) for c in carried if c.new_id in onward]
    # A criterion that lived only in a version between (added by one step, retired by the next) was never rated in
    # this document: it would only be noise in the plan's appendix.
    passing = {r.to_version for r in results[:-1]}
    before = len(results[0].document.retired) - len(first.retired)  # the history the document already had
    kept = [
        r for n, r in enumerate(final.document.retired) if n < before or r.instrument_version not in passing or _held(r)
    ]
    retired = tuple(kept[before:])
    reached = {c.new_id for c in carried}
    new_ids = [*final.new_unrated, *(c.new_id for c in final.carried)]
    document = final.document.model_copy(update={"retired": kept})
    return UpgradeResult(
        document=document,
        from_version=first.from_version,
        to_version=final.to_version,
        carried=tuple(carried),
        retired=retired,
        new_unrated=tuple(dict.fromkeys(k for k in new_ids if k not in reached)),
    )


def _followed(entry: RetiredCriterion, mapping: UpgradeMap) -> RetiredCriterion:
    """History from an earlier upgrade names the criteria that rate it after this one."""
    ids: list[str] = []
    for key in entry.replaced_by:
        move = mapping.move(key)
        ids.extend([key] if move is None else [move.new] if move.new else move.replaced_by)
    return entry.model_copy(update={"replaced_by": list(dict.fromkeys(ids))})


def _held(entry: RetiredCriterion) -> bool:
    """Whether the document held anything for a retired criterion: a rating, evidence, a note, a target or a
    coach's suggestion."""
    return (
        any(not r.is_empty for r in entry.ratings.values()) or entry.target is not None or entry.suggestion is not None
    )


def retired_line(entry: RetiredCriterion) -> str:
    """One retired criterion with the levels it was given, in a line (the app's summary lists them)."""
    answers = [
        f"{entry.respondent_names.get(rid, rid)} "
        + (f"level {r.level}" if r.level is not None else "N/A" if r.not_applicable else "not rated")
        for rid, r in entry.ratings.items()
    ]
    kept = "; ".join(answers) or "no ratings"
    return f"• {entry.title} ({entry.instrument_id} {entry.instrument_version}): {kept}"
