"""How far a plan is from printing: each section's state (not started, in progress, done, with counts) and what
the plan still lacks, each gap pointing at the section and the field that fills it.

The app shows these as the section checklist, the "Plan 8 of 10 steps ready" figure and the "Ready to print?"
review; the start page's recent-plan cards show the figure. Everything here is read from the document alone
(no scores), so it is cheap enough to recompute on every edit of a large plan.

Sections are named by key: ``profile``, ``rubric:<instrument id>``, ``costs``, ``scenarios``, ``actions`` and
``summary``. A gap's ``target`` says where its field is, for the app to put the focus there:

- ``field:<name>``: a profile field (``award``, ``grant_start``, ...)
- ``table:<list>`` or ``table:<list>:<row>``: a table (``partners``, ``cost_items``, ``commitments``, ``actions``)
- ``criterion:<criterion id>``: a criterion's levels; ``target:<criterion id>``: its target level
- ``respondents``: the rubric page's respondent chooser
- ``adoption``: the adoption record on the action-plan page
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from planner.core.model.cost_plan import CommitmentStatus
from planner.core.model.document import UNRATED, Document, Sector
from planner.core.model.profile import CORE_SECTORS
from planner.core.model.rubric import Instrument

STEP_STATES_SHOWN = {"not started": "○", "in progress": "◐", "done": "✓"}  # the checklist's marks
PROFILE_FIELDS = (
    ("fiscal_agent", "the fiscal agent"),
    ("award", "the grant award"),
    ("grant_start", "the grant's start date"),
    ("grant_end", "the grant's end date"),
)


class StepState(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    DONE = "done"

    @property
    def mark(self) -> str:
        return STEP_STATES_SHOWN[self.value]


class Gap(NamedTuple):
    """One thing the plan lacks, in plain words, and where to fill it in (a tuple: a large plan has thousands)."""

    section: str
    text: str
    target: str


@dataclass(frozen=True)
class Step:
    """One section of the plan: its state and how much of it is filled in (``done`` of ``total`` things)."""

    section: str
    title: str
    done: int
    total: int

    @property
    def state(self) -> StepState:
        if self.total and self.done >= self.total:
            return StepState.DONE
        return StepState.IN_PROGRESS if self.done else StepState.NOT_STARTED


@dataclass(frozen=True)
class Readiness:
    steps: tuple[Step, ...]
    gaps: tuple[Gap, ...]

    @property
    def ready(self) -> int:
        return sum(1 for step in self.steps if step.state is StepState.DONE)

    def summary(self) -> str:
        """``Plan 8 of 10 steps ready``."""
        return f"Plan {self.ready} of {len(self.steps)} steps ready"

    def step(self, section: str) -> Step:
        return next(step for step in self.steps if step.section == section)

    def gaps_in(self, section: str) -> list[Gap]:
        return [gap for gap in self.gaps if gap.section == section]


def readiness(document: Document, instruments: Sequence[Instrument]) -> Readiness:
    """Each section's step and the plan's gaps, in the order of the section list."""
    steps: list[Step] = []
    gaps: list[Gap] = []
    for part in (
        _profile(document),
        *(_rubric(document, instrument, first=n == 0) for n, instrument in enumerate(instruments)),
        _costs(document),
        _scenarios(document),
        _actions(document),
        _summary(document, instruments),
    ):
        steps.append(part[0])
        gaps += part[1]
    return Readiness(tuple(steps), tuple(gaps))


def _profile(document: Document) -> tuple[Step, list[Gap]]:
    profile = document.profile
    gaps = [
        Gap("profile", f"Profile: enter {what}", f"field:{field}")
        for field, what in PROFILE_FIELDS
        if getattr(profile, field) in (None, "")
    ]
    if not document.partners:
        gaps.append(Gap("profile", "Profile: no partners listed yet", "table:partners"))
    present = {partner.sector for partner in document.partners}
    gaps += [
        Gap("profile", f"Profile: no partner yet from {sector.label}", "table:partners")
        for sector in CORE_SECTORS
        if document.partners and sector not in present
    ]
    if not document.steering_committee:
        gaps.append(
            Gap("profile", "Profile: no one on the steering committee signs the plan", "table:steering_committee")
        )
    total = len(PROFILE_FIELDS) + 1 + len(CORE_SECTORS) + 1
    missing = len(gaps) + (len(CORE_SECTORS) if not document.partners else 0)
    return Step("profile", "Consortium profile", total - missing, total), gaps


def _rubric(document: Document, instrument: Instrument, first: bool) -> tuple[Step, list[Gap]]:
    section = f"rubric:{instrument.id}"
    lead = document.respondents[0]
    gaps = [
        Gap(section, f"{instrument.short_title}: rate {criterion.title}", f"criterion:{criterion.id}")
        for criterion in instrument.criteria
        if not lead.ratings.get(criterion.id, UNRATED).is_answered
    ]
    if first and document.form is None:
        # Every sector among the partners should have someone rating: a plan seen from one sector misses the rest.
        raters = {respondent.sector for respondent in document.respondents}
        missing: list[Sector] = sorted({p.sector for p in document.partners} - raters, key=list(Sector).index)
        gaps += [
            Gap(section, f"No one from {sector.label} has rated yet (Team > hand out a respondent form)", "respondents")
            for sector in missing
        ]
    total = len(instrument.criteria)
    return Step(section, instrument.title, total - sum(1 for g in gaps if g.target != "respondents"), total), gaps


def _costs(document: Document) -> tuple[Step, list[Gap]]:
    gaps: list[Gap] = []
    if not document.cost_items:
        gaps.append(Gap("costs", "Shared costs: no cost items yet", "table:cost_items"))
    committed: dict[str, Decimal] = defaultdict(Decimal)
    names = {partner.id: partner.name for partner in document.partners}
    words = {status: status.value for status in CommitmentStatus}  # an enum's .value costs a lookup per call
    items = {item.id: item.name for item in document.cost_items}
    for row, commitment in enumerate(document.commitments):
        if commitment.status is CommitmentStatus.COMMITTED:
            committed[commitment.cost_item_id] += commitment.amount
        else:
            who = names.get(commitment.partner_id, "a partner")
            what = items.get(commitment.cost_item_id, "a cost item")
            gaps.append(
                Gap(
                    "costs",
                    f"Shared costs: {who}'s {words[commitment.status]} share of {what} (year {commitment.year}) "
                    "has no agreement yet",
                    f"table:commitments:{row}",
                )
            )
    for row, item in enumerate(document.cost_items):
        cost = sum(item.costs.values(), Decimal(0))
        if item.gap_partner_id is None and committed[item.id] < cost:
            gaps.append(
                Gap(
                    "costs", f"Shared costs: no one is asked to cover the gap in {item.name}", f"table:cost_items:{row}"
                )
            )
    total = len(document.cost_items) + len(document.commitments) or 1
    return Step("costs", "Shared-cost plan", max(0, total - len(gaps)), total), gaps


def _scenarios(document: Document) -> tuple[Step, list[Gap]]:
    # Optional: a plan prints without what-if scenarios, so their absence is no gap; the step shows they were tried.
    return Step("scenarios", "What-if scenarios", min(1, len(document.scenarios)), 1), []


def _actions(document: Document) -> tuple[Step, list[Gap]]:
    gaps: list[Gap] = []
    if not document.actions:
        gaps.append(Gap("actions", "Action plan: no actions yet", "table:actions"))
    adoption = document.adoption
    if not adoption.motion.strip() and adoption.adopted_on is None:
        gaps.append(
            Gap("actions", "Action plan: the adoption record is empty (the motion, the vote, the date)", "adoption")
        )
    return Step("actions", "Action plan", 2 - len(gaps), 2), gaps


def _summary(document: Document, instruments: Sequence[Instrument]) -> tuple[Step, list[Gap]]:
    """Targets: every criterion the lead rated in the lower half of the scale (where the plan's priorities come
    from) has a level to reach by the plan's end."""
    lead = document.respondents[0]
    gaps = []
    wanted = 0
    for instrument in instruments:
        low = max(step.value for step in instrument.scale) // 2
        for criterion in instrument.criteria:
            rating = lead.ratings.get(criterion.id, UNRATED)
            if rating.level is None or rating.not_applicable or rating.level > low:
                continue
            wanted += 1
            if criterion.id not in document.targets:
                gaps.append(
                    Gap(
                        f"rubric:{instrument.id}",
                        f"{instrument.short_title}: set a target for {criterion.title}",
                        f"target:{criterion.id}",
                    )
                )
    if not wanted:  # nothing low enough to need a target: done once the lead has rated something
        return Step("summary", "Summary (targets)", int(any(r.is_answered for r in lead.ratings.values())), 1), gaps
    return Step("summary", "Summary (targets)", wanted - len(gaps), wanted), gaps
