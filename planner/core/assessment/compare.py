"""Progress over time: a baseline and a follow-up of the same consortium, criterion by criterion, domain by
domain, and the funding gap year by year."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from planner.core.assessment.analysis import PlanAnalysis
from planner.core.assessment.scoring import format_score
from planner.core.model.document import consortium_labels


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"
    SAME = "same"
    NEW = "newly rated"
    DROPPED = "no longer rated"
    UNRATED = "not rated"

    @property
    def arrow(self) -> str:
        return {"up": "▲", "down": "▼", "same": "=", "newly rated": "+", "no longer rated": "−"}.get(self.value, "")


def _shown(score: Decimal) -> Decimal:
    """The score as printed (two decimals, half up): changes are compared and reported at that precision."""
    return Decimal(format_score(score))


def format_change(change: Decimal | None, empty: str = "–") -> str:
    """``+0.25`` / ``-1.00``: one look for a change in score in the app, the PDF and the command line."""
    return empty if change is None else f"{change:+.2f}"


def direction(before: Decimal | None, after: Decimal | None) -> Direction:
    if before is None and after is None:
        return Direction.UNRATED
    if before is None:
        return Direction.NEW
    if after is None:
        return Direction.DROPPED
    # Compared as shown, so a change too small to see is not reported as a move.
    shown_before, shown_after = _shown(before), _shown(after)
    if shown_after > shown_before:
        return Direction.UP
    if shown_after < shown_before:
        return Direction.DOWN
    return Direction.SAME


@dataclass(frozen=True)
class ScoreChange:
    key: str
    title: str
    before: Decimal | None
    after: Decimal | None

    @property
    def direction(self) -> Direction:
        return direction(self.before, self.after)

    @property
    def change(self) -> Decimal | None:
        if self.before is None or self.after is None:
            return None
        return _shown(self.after) - _shown(self.before)

    @property
    def changed(self) -> bool:
        """Moved up or down, newly rated or no longer rated: what a "changed only" view keeps."""
        return self.direction not in (Direction.SAME, Direction.UNRATED)


@dataclass(frozen=True)
class DomainChange:
    domain: ScoreChange
    criteria: tuple[ScoreChange, ...]

    @property
    def changed(self) -> bool:
        """The domain's score or any of its criteria changed (a criterion can move without moving the mean)."""
        return self.domain.changed or any(c.changed for c in self.criteria)


@dataclass(frozen=True)
class GapChange:
    year: int
    before_label: str | None
    after_label: str | None
    before: Decimal | None  # None: the year is not in that plan
    after: Decimal | None

    @property
    def change(self) -> Decimal | None:
        return None if self.before is None or self.after is None else self.after - self.before


@dataclass(frozen=True)
class Comparison:
    baseline_name: str
    baseline_modified: str
    overall: ScoreChange
    domains: tuple[DomainChange, ...]
    gaps: tuple[GapChange, ...]
    total_gap_before: Decimal
    total_gap_after: Decimal

    def criteria_changed(self) -> tuple[int, int]:
        """``(changed, total)`` criteria across all domains."""
        criteria = [c for d in self.domains for c in d.criteria]
        return sum(1 for c in criteria if c.changed), len(criteria)


class ComparisonError(ValueError):
    """The two files cannot be compared; ``follow_up`` says the fault is the follow-up's, not the baseline's."""

    def __init__(self, message: str, follow_up: bool = False) -> None:
        super().__init__(message)
        self.follow_up = follow_up


def compare(baseline: PlanAnalysis, follow_up: PlanAnalysis) -> Comparison:
    old, new = baseline.document, follow_up.document
    for document, role in ((old, "baseline"), (new, "follow-up")):
        # A team member's form shares the consortium's id but holds one person's ratings (a blank one, none at all):
        # compared with a plan, every score would read "no longer rated".
        respondent = document.form_respondent_name()
        if respondent is not None:
            raise ComparisonError(
                f"the {role} is a team member's respondent form ({respondent}'s ratings), not a plan of the "
                "consortium; compare two of the consortium's plans (merge returned forms into the plan first)",
                follow_up=role == "follow-up",
            )
    if old.metadata.consortium_id != new.metadata.consortium_id:
        theirs, ours = consortium_labels(old, new)
        raise ComparisonError(f"the baseline is of another consortium ({theirs}); compare two plans of {ours}")
    old_domains = {d.instrument.id: d for d in baseline.capacity.domains}
    domains = []
    for domain in follow_up.capacity.domains:
        before = old_domains.get(domain.instrument.id)
        old_criteria = {c.criterion.id: c for c in before.criteria} if before else {}
        criteria = tuple(
            ScoreChange(
                c.criterion.id,
                c.criterion.title,
                old_criteria[c.criterion.id].mean if c.criterion.id in old_criteria else None,
                c.mean,
            )
            for c in domain.criteria
        )
        domains.append(
            DomainChange(
                ScoreChange(
                    domain.instrument.id, domain.instrument.title, before.score if before else None, domain.score
                ),
                criteria,
            )
        )
    old_years = {y.year: y for y in baseline.funding.years}
    new_years = {y.year: y for y in follow_up.funding.years}
    gaps = tuple(
        GapChange(
            year,
            old_years[year].label if year in old_years else None,
            new_years[year].label if year in new_years else None,
            old_years[year].gap if year in old_years else None,
            new_years[year].gap if year in new_years else None,
        )
        for year in sorted(old_years.keys() | new_years.keys())
    )
    return Comparison(
        baseline_name=old.profile.consortium_name,
        baseline_modified=old.metadata.modified.strftime("%Y-%m-%d"),
        overall=ScoreChange(
            "overall", "Overall readiness", baseline.capacity.overall.score, follow_up.capacity.overall.score
        ),
        domains=tuple(domains),
        gaps=gaps,
        total_gap_before=baseline.funding.total_gap,
        total_gap_after=follow_up.funding.total_gap,
    )
