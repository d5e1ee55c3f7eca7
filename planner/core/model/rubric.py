"""Rubric instruments: the capacity rubrics that consortia rate themselves on.

Instruments are data (``rubrics/*.toml``), so a coaching organization can add or edit one without
touching code. Loading validates the structure with pydantic and then the consistency that pydantic
cannot express per field (descriptor counts against the scale, bands that tile the scale, unique ids),
reporting every problem as ``file: where: what``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from planner.core.model.document import Sector
from planner.core.model.errors import PlannerFileError, pydantic_problems
from planner.core.model.text import XML_TEXT, XmlText
from planner.core.storage.files import read_toml
from planner.resources import data_dir

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_.-]{0,63}$")]
# Rubric text follows the same rule as a plan's: characters XML cannot hold become U+FFFD (planner.core.model.text).
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True), XML_TEXT]
LongText = Annotated[str, StringConstraints(min_length=1, max_length=2000, strip_whitespace=True), XML_TEXT]

MAX_RUBRIC_BYTES = 2 * 1024 * 1024


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScaleLevel(_Strict):
    value: int = Field(ge=0, le=10)
    label: ShortText


class Band(_Strict):
    """A named range of mean scores: ``min`` inclusive, ``max`` exclusive except for the top band."""

    id: Identifier
    label: ShortText
    min: Decimal
    max: Decimal
    meaning: LongText


class Criterion(_Strict):
    """One rated item. The fields after ``next_steps`` arrived with instruments 2.0 and are optional so that
    archived 1.0 files (and instruments written by coaching organizations) still load."""

    id: Identifier
    title: ShortText
    summary: LongText
    weight: Decimal = Field(default=Decimal(1), gt=0, le=10)
    levels: list[LongText]
    evidence: list[LongText] = Field(min_length=1)
    next_steps: list[list[LongText]]
    # Who usually takes each next step: one sector per step, lists shaped like ``next_steps`` (instruments 2.1).
    next_step_owners: list[list[Sector]] = Field(default_factory=list)
    # Instruments 2.0 named the sectors per level instead, several at once ("usually taken by A, B, C", which is
    # nobody); kept only so that archived 2.0 files load and 2.0 plans print as they did.
    next_steps_by: list[list[Sector]] = Field(default_factory=list)
    # What keeps the top level once it is reached, and who usually does each keep step (one sector per step).
    keep_steps: list[LongText] = Field(default_factory=list)
    keep_step_owners: list[Sector] = Field(default_factory=list)
    keep_by: list[Sector] = Field(default_factory=list)  # 2.0's sectors for all keep steps together
    # Whose rating the criterion needs: a rater from each of these sectors (empty: any rater will do), and whether
    # the lead's own rating counts (``False`` for a criterion about the lead).
    rated_by: list[Sector] = Field(default_factory=list, max_length=len(Sector))
    rated_by_lead: bool = True
    # Which report and finding the criterion rests on, in a line.
    source: XmlText = Field(default="", max_length=400)
    # When N/A is the honest answer (empty: the criterion applies to every consortium).
    not_applicable: XmlText = Field(default="", max_length=1000)

    def descriptor(self, level: int, scale: list[ScaleLevel]) -> str:
        return self.levels[[s.value for s in scale].index(level)]

    def owned_steps(self, index: int) -> tuple[tuple[str, Sector | None], ...]:
        """The next steps up from the ``index``-th level, each with the one sector that usually takes it (None when
        the instrument names no owner per step, as 2.0 did)."""
        steps = self.next_steps[index]
        owners = self.next_step_owners[index] if self.next_step_owners else []
        return tuple(zip(steps, [*owners, *[None] * (len(steps) - len(owners))], strict=True))

    def owned_keep_steps(self) -> tuple[tuple[str, Sector | None], ...]:
        owners = list(self.keep_step_owners)
        return tuple(zip(self.keep_steps, [*owners, *[None] * (len(self.keep_steps) - len(owners))], strict=True))


class Instrument(_Strict):
    id: Identifier
    version: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+){0,2}$")]
    order: int = Field(default=100, ge=0, le=1000)
    title: ShortText
    short_title: ShortText
    description: LongText
    # How to read the levels and when N/A is allowed: printed with the instrument so raters see the rules.
    scale_notes: XmlText = Field(default="", max_length=2000)
    not_applicable_rule: XmlText = Field(default="", max_length=2000)
    scale: list[ScaleLevel] = Field(min_length=2, max_length=10)
    bands: list[Band] = Field(min_length=1, max_length=10)
    criteria: list[Criterion] = Field(min_length=1, max_length=40)

    @property
    def lowest(self) -> int:
        return self.scale[0].value

    @property
    def highest(self) -> int:
        return self.scale[-1].value

    def level_label(self, level: int) -> str:
        for step in self.scale:
            if step.value == level:
                return step.label
        raise KeyError(level)

    def band_for(self, score: Decimal) -> Band:
        for band in self.bands:
            if band.min <= score < band.max:
                return band
        return self.bands[-1]

    def criterion(self, criterion_id: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)


def consistency_problems(instrument: Instrument) -> list[tuple[str, str]]:
    """Return ``(where, what)`` for every inconsistency that the field types cannot catch."""
    problems: list[tuple[str, str]] = []
    values = [s.value for s in instrument.scale]
    if values != sorted(set(values)):
        problems.append(("scale", "level values must be unique and in increasing order"))
    if values and values != list(range(values[0], values[0] + len(values))):
        problems.append(("scale", "level values must be consecutive whole numbers"))
    n_levels = len(instrument.scale)
    seen: dict[str, int] = {}
    for index, criterion in enumerate(instrument.criteria):
        where = f"criteria[{index}]"
        if criterion.id in seen:
            problems.append((f"{where}.id", f"duplicate id {criterion.id!r} (also criteria[{seen[criterion.id]}])"))
        seen.setdefault(criterion.id, index)
        if len(criterion.levels) != n_levels:
            problems.append((f"{where}.levels", f"{n_levels} descriptors expected, {len(criterion.levels)} found"))
        if len(criterion.next_steps) != n_levels - 1:
            problems.append(
                (
                    f"{where}.next_steps",
                    f"{n_levels - 1} lists expected (one for moving up from each level below the top), "
                    f"{len(criterion.next_steps)} found",
                )
            )
        for step_index, steps in enumerate(criterion.next_steps):
            if not steps:
                problems.append((f"{where}.next_steps[{step_index}]", "at least one action expected"))
        if criterion.next_steps_by and len(criterion.next_steps_by) != len(criterion.next_steps):
            problems.append(
                (
                    f"{where}.next_steps_by",
                    f"{len(criterion.next_steps)} lists expected (one per list of next steps), "
                    f"{len(criterion.next_steps_by)} found",
                )
            )
        for step_index, sectors in enumerate(criterion.next_steps_by):
            if not sectors:
                problems.append((f"{where}.next_steps_by[{step_index}]", "name at least one sector"))
        if criterion.keep_by and not criterion.keep_steps:
            problems.append((f"{where}.keep_by", "names sectors but keep_steps is empty"))
        problems.extend(_owner_problems(where, criterion))
    problems.extend(_band_problems(instrument))
    return problems


def _owner_problems(where: str, criterion: Criterion) -> list[tuple[str, str]]:
    """One owner per step: ``next_step_owners`` shaped exactly like ``next_steps``, ``keep_step_owners`` like
    ``keep_steps``; never mixed with 2.0's per-level sector lists."""
    problems: list[tuple[str, str]] = []
    if criterion.next_step_owners and criterion.next_steps_by:
        problems.append(
            (f"{where}.next_steps_by", "give next_step_owners (one sector per step) or 2.0's next_steps_by, not both")
        )
    if criterion.keep_step_owners and criterion.keep_by:
        problems.append((f"{where}.keep_by", "give keep_step_owners (one sector per step) or 2.0's keep_by, not both"))
    if criterion.next_step_owners:
        if len(criterion.next_step_owners) != len(criterion.next_steps):
            problems.append(
                (
                    f"{where}.next_step_owners",
                    f"{len(criterion.next_steps)} lists expected (one per list of next steps), "
                    f"{len(criterion.next_step_owners)} found",
                )
            )
        for index, (steps, owners) in enumerate(zip(criterion.next_steps, criterion.next_step_owners, strict=False)):
            if len(owners) != len(steps):
                problems.append(
                    (
                        f"{where}.next_step_owners[{index}]",
                        f"{len(steps)} sector{'s' if len(steps) != 1 else ''} expected (one owner per step), "
                        f"{len(owners)} found",
                    )
                )
    if criterion.keep_step_owners and len(criterion.keep_step_owners) != len(criterion.keep_steps):
        problems.append(
            (
                f"{where}.keep_step_owners",
                f"{len(criterion.keep_steps)} sector{'s' if len(criterion.keep_steps) != 1 else ''} expected "
                f"(one owner per keep step), {len(criterion.keep_step_owners)} found",
            )
        )
    if len(set(criterion.rated_by)) != len(criterion.rated_by):
        problems.append((f"{where}.rated_by", "names a sector twice"))
    return problems


def _band_problems(instrument: Instrument) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if not instrument.scale:
        return problems
    bands = instrument.bands
    band_ids = [b.id for b in bands]
    if len(set(band_ids)) != len(band_ids):
        problems.append(("bands", "band ids must be unique"))
    for index, band in enumerate(bands):
        if band.min >= band.max:
            problems.append((f"bands[{index}]", f"min {band.min} must be below max {band.max}"))
    if bands[0].min != instrument.lowest:
        problems.append(("bands[0].min", f"must equal the lowest scale value {instrument.lowest}"))
    if bands[-1].max != instrument.highest:
        problems.append((f"bands[{len(bands) - 1}].max", f"must equal the highest scale value {instrument.highest}"))
    for index in range(1, len(bands)):
        previous, band = bands[index - 1], bands[index]
        if band.min > previous.max:
            problems.append((f"bands[{index}].min", f"leaves a gap: {previous.max} to {band.min} has no band"))
        elif band.min < previous.max:
            problems.append((f"bands[{index}].min", f"overlaps bands[{index - 1}] ({band.min} < {previous.max})"))
    return problems


def load_instrument(path: Path, display_path: str | None = None) -> Instrument:
    """Load one rubric file; raise :class:`PlannerFileError` (the first problem) if it is unusable."""
    problems = instrument_file_problems(path, display_path)
    if isinstance(problems, Instrument):
        return problems
    raise problems[0]


def instrument_file_problems(path: Path, display_path: str | None = None) -> Instrument | list[PlannerFileError]:
    """Return the instrument, or every problem found in the file."""
    shown = display_path or str(path)
    try:
        raw = read_toml(path, MAX_RUBRIC_BYTES, shown)
    except PlannerFileError as exc:
        return [exc]
    try:
        instrument = Instrument.model_validate(raw)
    except ValidationError as exc:
        return pydantic_problems(shown, exc)
    except RecursionError:
        return [PlannerFileError(shown, "", "rubric is nested too deeply")]
    found = consistency_problems(instrument)
    if found:
        return [PlannerFileError(shown, where, what) for where, what in found]
    return instrument


def instrument_set_problems(paths: Iterable[Path]) -> tuple[list[tuple[Path, Instrument]], list[PlannerFileError]]:
    """Load instruments that are used together: every file's own problems, then ids shared across files.

    ``planner validate`` and the app both come through here, so a folder that validates is a folder that loads.
    """
    loaded: list[tuple[Path, Instrument]] = []
    problems: list[PlannerFileError] = []
    for path in paths:
        found = instrument_file_problems(path)
        if isinstance(found, Instrument):
            loaded.append((path, found))
        else:
            problems.extend(found)
    # Ids are unique among instruments of one version (used together); an archive holds several versions of each.
    owners: dict[tuple[str, str], Path] = {}
    for path, instrument in loaded:
        for index, key in [(-1, instrument.id)] + [(i, c.id) for i, c in enumerate(instrument.criteria)]:
            owned = (instrument.version, key)
            if owned in owners:
                where = "id" if index < 0 else f"criteria[{index}].id"
                problems.append(PlannerFileError(str(path), where, f"id {key!r} is also used in {owners[owned]}"))
            owners.setdefault(owned, path)
    return loaded, problems


def load_instruments(paths: Iterable[Path]) -> list[Instrument]:
    """Load several instruments, in their ``order``; instrument and criterion ids must be unique across them."""
    loaded, problems = instrument_set_problems(paths)
    if problems:
        first, *rest = problems
        first.more = rest
        raise first
    return [instrument for _, instrument in sorted(loaded, key=lambda pair: (pair[1].order, pair[1].id))]


def rubric_files(folder: Path) -> list[Path]:
    """The instrument files of a folder (reference data in sub-folders is not an instrument)."""
    return sorted(p for p in folder.glob("*.toml") if p.is_file())


@functools.cache
def bundled_instruments() -> tuple[Instrument, ...]:
    """The instruments shipped with the planner, loaded once per process."""
    return tuple(load_instruments(rubric_files(data_dir("rubrics"))))


ARCHIVE_FOLDER = "archive"


@functools.cache
def archived_instruments() -> tuple[Instrument, ...]:
    """Earlier versions of the bundled instruments, kept so documents rated on them still open and print."""
    return tuple(load_instruments(rubric_files(data_dir("rubrics") / ARCHIVE_FOLDER)))
