"""Capacity scores: per criterion over respondents, per domain (instrument), overall, priorities.

Conventions (docs/architecture.md, "Scoring conventions"): N/A is not zero, it leaves both the sum and the
count; an unrated criterion counts as incomplete; a domain score is the (optionally weighted) mean of its rated
criteria, placed in the instrument's named bands; fewer than three rated criteria earns a warning.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import cached_property

from planner.core.model.document import UNRATED, Document, Rating, Respondent, Sector
from planner.core.model.rubric import Band, Criterion, Instrument

MIN_RATED_FOR_CONFIDENCE = 3
DEFAULT_PRIORITY_COUNT = 5
# Respondents two or more levels apart see the criterion differently: a topic for the team to discuss.
DISAGREEMENT_LEVELS = 2
# A sector's mean is shown apart only when that many people rated for it, unless the lead asks otherwise.
MIN_SECTOR_RESPONDENTS = 3


class CriterionStatus(StrEnum):
    RATED = "rated"
    NOT_APPLICABLE = "na"
    UNRATED = "unrated"


@dataclass(frozen=True)
class Rater:
    """Who gave an answer: what scores and the plan show of a respondent (their ratings live in the answers)."""

    id: str
    name: str
    sector: Sector

    @classmethod
    def of(cls, respondent: Respondent) -> Rater:
        return cls(respondent.id, respondent.name, respondent.sector)


@dataclass(frozen=True)
class RespondentAnswer:
    respondent: Rater
    rating: Rating


@dataclass(frozen=True)
class SectorMean:
    sector: Sector
    mean: Decimal | None
    rated: int  # respondents of this sector who rated this criterion with a level
    respondents: int  # respondents of this sector in the document


@dataclass(frozen=True)
class CriterionScore:
    instrument: Instrument
    criterion: Criterion
    answers: tuple[RespondentAnswer, ...]
    mean: Decimal | None
    minimum: int | None
    maximum: int | None
    count: int
    na_count: int
    unrated_count: int
    # The level the team aims to reach by the end of the plan period (None: not set).
    target: int | None = None

    @property
    def aim(self) -> Decimal:
        """The level this criterion is measured against: the team's target, or, when none is set, the start of
        the instrument's top band (the level the bands call a strength)."""
        return self.instrument.bands[-1].min if self.target is None else Decimal(self.target)

    @property
    def distance(self) -> Decimal | None:
        """How far the current mean is below the aim (zero or less: reached); None while unrated."""
        return None if self.mean is None else self.aim - self.mean

    @property
    def target_label(self) -> str:
        return "" if self.target is None else self.instrument.level_label(self.target)

    @property
    def status(self) -> CriterionStatus:
        if self.count:
            return CriterionStatus.RATED
        if self.na_count:
            return CriterionStatus.NOT_APPLICABLE
        return CriterionStatus.UNRATED

    @property
    def spread(self) -> int:
        return 0 if self.minimum is None or self.maximum is None else self.maximum - self.minimum

    @property
    def discuss(self) -> bool:
        return self.spread >= DISAGREEMENT_LEVELS

    @property
    def sector_means(self) -> tuple[SectorMean, ...]:
        """Mean level per sector of the respondents, sectors in their listed order."""
        levels: dict[Sector, list[Decimal]] = {}
        people: dict[Sector, int] = {}
        for answer in self.answers:
            sector = answer.respondent.sector
            people[sector] = people.get(sector, 0) + 1
            level = answer.rating.level
            if level is not None and self.instrument.lowest <= level <= self.instrument.highest:
                levels.setdefault(sector, []).append(Decimal(level))
        return tuple(
            SectorMean(sector, mean(levels.get(sector, [])), len(levels.get(sector, [])), people[sector])
            for sector in Sector
            if sector in people
        )

    def shown_sector_means(self, hide_small: bool) -> tuple[SectorMean, ...]:
        """The sector means a report may show: all, or only sectors with enough respondents to stay anonymous."""
        means = self.sector_means
        return means if not hide_small else tuple(m for m in means if m.respondents >= MIN_SECTOR_RESPONDENTS)

    @property
    def level_reached(self) -> int | None:
        """The whole level the team has fully reached: the mean rounded down."""
        return None if self.mean is None else int(self.mean)

    @property
    def level_label(self) -> str:
        level = self.level_reached
        return "" if level is None else self.instrument.level_label(level)

    @property
    def descriptor(self) -> str:
        level = self.level_reached
        return "" if level is None else self.criterion.descriptor(level, self.instrument.scale)

    @cached_property  # asked for every criterion on every edit when priorities are picked
    def next_steps(self) -> tuple[str, ...]:
        """Actions for moving up from the level reached (none once the top level is reached)."""
        level = self.level_reached
        if level is None or level >= self.instrument.highest:
            return ()
        return tuple(self.criterion.next_steps[level - self.instrument.lowest])

    @property
    def next_steps_by(self) -> tuple[Sector, ...]:
        """The sectors that usually take the next steps up from the level reached (none when the file names none)."""
        level = self.level_reached
        if level is None or level >= self.instrument.highest or not self.criterion.next_steps_by:
            return ()
        return tuple(self.criterion.next_steps_by[level - self.instrument.lowest])

    @property
    def owned_next_steps(self) -> tuple[tuple[str, Sector | None], ...]:
        """The next steps up from the level reached, each with the one sector that usually takes it (None where the
        instrument names owners per level, as 2.0 did, or none at all)."""
        level = self.level_reached
        if level is None or level >= self.instrument.highest:
            return ()
        return self.criterion.owned_steps(level - self.instrument.lowest)

    @property
    def first_step(self) -> str:
        """The first next step with its owner, in a line ("" at the top level): what the summaries print."""
        owned = self.owned_next_steps
        if not owned:
            return ""
        step, owner = owned[0]
        return f"{step} (usually {owner.label})" if owner else step

    @property
    def owned_keep_steps(self) -> tuple[tuple[str, Sector | None], ...]:
        """What keeps the top level, once reached, each step with the sector that usually takes it."""
        return self.criterion.owned_keep_steps() if self.keep_steps else ()

    @property
    def keep_steps(self) -> tuple[str, ...]:
        """What keeps the top level, once the team has reached it."""
        level = self.level_reached
        return tuple(self.criterion.keep_steps) if level is not None and level >= self.instrument.highest else ()


@dataclass(frozen=True)
class DomainScore:
    instrument: Instrument
    criteria: tuple[CriterionScore, ...]
    score: Decimal | None
    band: Band | None
    rated: int
    na: int
    unrated: int
    warnings: tuple[str, ...]

    @property
    def total(self) -> int:
        return len(self.criteria)

    @property
    def targets_set(self) -> int:
        return sum(1 for c in self.criteria if c.target is not None)

    @property
    def target_score(self) -> Decimal | None:
        """The (weighted) mean of the targets the team has set in this domain; None when none is set."""
        targeted = [c for c in self.criteria if c.target is not None]
        if not targeted:
            return None
        weights = sum((c.criterion.weight for c in targeted), Decimal(0))
        return sum((c.criterion.weight * Decimal(c.target or 0) for c in targeted), Decimal(0)) / weights

    @property
    def strengths(self) -> tuple[CriterionScore, ...]:
        """Rated criteria whose mean sits in the instrument's top band, strongest first."""
        top = self.instrument.bands[-1]
        found = [c for c in self.criteria if c.mean is not None and c.mean >= top.min]
        return tuple(sorted(found, key=lambda c: -(c.mean or 0)))

    def criterion(self, criterion_id: str) -> CriterionScore:
        return next(c for c in self.criteria if c.criterion.id == criterion_id)

    def weakest(self, count: int = 3) -> tuple[CriterionScore, ...]:
        """Rated criteria below the top band and short of their aim, furthest first: this domain's priorities."""
        top = self.instrument.bands[-1]
        found = [
            c for c in self.criteria if c.mean is not None and c.mean < top.min and c.next_steps and _short_of_aim(c)
        ]
        return tuple(sorted(found, key=_priority_order)[:count])


@dataclass(frozen=True)
class Overall:
    score: Decimal | None
    band: Band | None
    domains_scored: int
    completeness: Decimal  # 0..1: share of (respondent, criterion) pairs answered with a level or N/A


@dataclass(frozen=True)
class Priority:
    domain: DomainScore
    criterion: CriterionScore


@dataclass(frozen=True)
class CapacityResult:
    domains: tuple[DomainScore, ...]
    overall: Overall
    priorities: tuple[Priority, ...] = field(default=())

    def domain(self, instrument_id: str) -> DomainScore:
        return next(d for d in self.domains if d.instrument.id == instrument_id)


def format_score(score: Decimal | None, empty: str = "–") -> str:
    """Two decimals, half up (2.125 -> 2.13) everywhere a score is shown: app, PDF, charts, command line.

    Python's own ``:.2f`` rounds half to even (2.125 -> 2.12), which made the app and the PDF disagree.
    """
    return empty if score is None else str(score.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def mean(values: Sequence[Decimal]) -> Decimal | None:
    return sum(values, Decimal(0)) / len(values) if values else None


def _short_of_aim(score: CriterionScore) -> bool:
    return score.distance is not None and score.distance > 0


def _priority_order(score: CriterionScore) -> tuple[Decimal, Decimal, Decimal]:
    """Furthest below its target first, then the lowest current level, then the heavier weight."""
    return (-(score.distance or Decimal(0)), score.mean or Decimal(0), -score.criterion.weight)


def _valid_target(instrument: Instrument, level: int | None) -> int | None:
    # A target outside this instrument's scale (a file edited by hand) is ignored rather than trusted.
    return level if level is not None and instrument.lowest <= level <= instrument.highest else None


def score_criterion(
    instrument: Instrument, criterion: Criterion, respondents: Sequence[Respondent], target: int | None = None
) -> CriterionScore:
    answers = []
    levels: list[int] = []
    na = unrated = 0
    for respondent in respondents:
        rating = respondent.ratings.get(criterion.id, UNRATED)
        answers.append(RespondentAnswer(Rater.of(respondent), rating))
        if rating.not_applicable:
            na += 1
        elif rating.level is None:
            unrated += 1
        elif instrument.lowest <= rating.level <= instrument.highest:
            levels.append(rating.level)
        else:
            # A level outside this instrument's scale (a file edited by hand) cannot be scored honestly.
            unrated += 1
    return CriterionScore(
        instrument=instrument,
        criterion=criterion,
        answers=tuple(answers),
        mean=mean([Decimal(v) for v in levels]),
        minimum=min(levels, default=None),
        maximum=max(levels, default=None),
        count=len(levels),
        na_count=na,
        unrated_count=unrated,
        target=_valid_target(instrument, target),
    )


def score_domain(
    instrument: Instrument, respondents: Sequence[Respondent], targets: Mapping[str, int] | None = None
) -> DomainScore:
    aims = targets or {}
    criteria = tuple(score_criterion(instrument, c, respondents, aims.get(c.id)) for c in instrument.criteria)
    rated = [c for c in criteria if c.status is CriterionStatus.RATED]
    na = sum(1 for c in criteria if c.status is CriterionStatus.NOT_APPLICABLE)
    unrated = len(criteria) - len(rated) - na
    score: Decimal | None = None
    if rated:
        weight_sum = sum((c.criterion.weight for c in rated), Decimal(0))
        score = sum((c.criterion.weight * c.mean for c in rated if c.mean is not None), Decimal(0)) / weight_sum
    warnings = []
    if len(rated) < MIN_RATED_FOR_CONFIDENCE:
        warnings.append(
            f"Only {len(rated)} of {len(criteria)} criteria in {instrument.title} are rated; "
            f"a score on fewer than {MIN_RATED_FOR_CONFIDENCE} is not a reliable picture."
        )
    return DomainScore(
        instrument=instrument,
        criteria=criteria,
        score=score,
        band=None if score is None else instrument.band_for(score),
        rated=len(rated),
        na=na,
        unrated=unrated,
        warnings=tuple(warnings),
    )


def _rescored(
    instrument: Instrument,
    respondents: Sequence[Respondent],
    targets: Mapping[str, int],
    earlier: DomainScore | None,
) -> DomainScore:
    if (
        earlier is not None
        and earlier.instrument is instrument
        and _same_answers(earlier, respondents)
        and all(c.target == _valid_target(instrument, targets.get(c.criterion.id)) for c in earlier.criteria)
    ):
        return earlier
    return score_domain(instrument, respondents, targets)


def _same_answers(earlier: DomainScore, respondents: Sequence[Respondent]) -> bool:
    """True when ``respondents`` give each criterion the very rating objects ``earlier`` was scored on.

    Ratings are frozen and edits copy only what they change, so one rating edit leaves the other domains'
    rating objects in place; answers name their rater, so a renamed respondent is a change too.
    """
    if not earlier.criteria:
        return True
    raters = [answer.respondent for answer in earlier.criteria[0].answers]
    if raters != [Rater.of(respondent) for respondent in respondents]:
        return False
    for scored in earlier.criteria:
        for answer, respondent in zip(scored.answers, respondents, strict=True):
            if respondent.ratings.get(scored.criterion.id, UNRATED) is not answer.rating:
                return False
    return True


def shared_bands(instruments: Sequence[Instrument]) -> list[Band] | None:
    """The bands all instruments agree on, or None when they differ (then no overall band is honest)."""
    if not instruments:
        return None
    first = instruments[0].bands
    return list(first) if all(i.bands == first for i in instruments[1:]) else None


def score_document(
    document: Document,
    instruments: Sequence[Instrument],
    priority_count: int = DEFAULT_PRIORITY_COUNT,
    previous: CapacityResult | None = None,
) -> CapacityResult:
    """Score every instrument; a domain of ``previous`` whose answers are unchanged is reused as it is."""
    earlier = {d.instrument.id: d for d in previous.domains} if previous is not None else {}
    domains = tuple(_rescored(i, document.respondents, document.targets, earlier.get(i.id)) for i in instruments)
    scored = [d.score for d in domains if d.score is not None]
    overall_score = mean(scored)
    band = None
    bands = shared_bands(instruments)
    if overall_score is not None and bands is not None:
        band = instruments[0].band_for(overall_score)
    pairs = sum(d.total for d in domains) * len(document.respondents)
    answered = sum(c.count + c.na_count for d in domains for c in d.criteria)
    overall = Overall(
        score=overall_score,
        band=band,
        domains_scored=len(scored),
        completeness=Decimal(answered) / Decimal(pairs) if pairs else Decimal(0),
    )
    return CapacityResult(domains=domains, overall=overall, priorities=priorities(domains, priority_count))


def priorities(domains: Sequence[DomainScore], count: int) -> tuple[Priority, ...]:
    """Rated criteria short of their target (the top level when none is set), furthest from it first; among
    equals the lowest current level, then the heavier weight. A criterion at or above its target is no priority."""
    candidates = [
        Priority(domain, criterion)
        for domain in domains
        for criterion in domain.criteria
        if criterion.mean is not None and criterion.next_steps and _short_of_aim(criterion)
    ]
    candidates.sort(key=lambda p: _priority_order(p.criterion))
    return tuple(candidates[:count])


def respondent_progress(instrument: Instrument, respondent: Respondent) -> tuple[int, int]:
    """``(answered, total)`` criteria of one instrument for one respondent (for navigation badges)."""
    answered = sum(1 for c in instrument.criteria if respondent.ratings.get(c.id, UNRATED).is_answered)
    return answered, len(instrument.criteria)


def next_unrated(
    instruments: Sequence[Instrument], respondent: Respondent, after: tuple[int, int] = (-1, -1)
) -> tuple[int, int] | None:
    """Where the respondent's next unanswered criterion is, as (instrument position, criterion position).

    The search starts just after ``after`` and goes round to the start, so "next unrated" keeps moving forward
    and still finds a criterion skipped earlier; None when every criterion is answered.
    """
    places = [(i, c) for i, instrument in enumerate(instruments) for c in range(len(instrument.criteria))]
    start = next((n for n, place in enumerate(places) if place > after), len(places))
    for i, c in places[start:] + places[:start]:
        if not respondent.ratings.get(instruments[i].criteria[c].id, UNRATED).is_answered:
            return i, c
    return None
