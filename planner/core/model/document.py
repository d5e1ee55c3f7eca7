"""The assessment document: one consortium's profile, ratings, shared-cost plan and action plan.

The pydantic model is the single source of truth. Scores and totals are never stored; they are derived
by :mod:`planner.core.assessment.scoring` and :mod:`planner.core.funding.costs`. Unknown keys are refused, free text is
bounded and money is :data:`~planner.core.model.money.Money`.
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import IntEnum, StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    field_validator,
    model_validator,
)

from planner import __version__
from planner.core.model.money import Money
from planner.core.model.text import XML_TEXT, XmlText

SCHEMA_VERSION = 5
MAX_HORIZON_YEARS = 5
MAX_RESPONDENTS = 100
# The CTE Incentive Grant asks for a three-year plan of continued support (Education Code 53071(b)).
DEFAULT_HORIZON_YEARS = 3
EXPECTED_HORIZON_YEARS = 3

# Field limits, also given to the app's widgets so people see them before typing past them.
NAME_MAX = 200
TEXT_MAX = 5000
DECISION_MAX, MAX_DECISIONS = 1000, 50
MAX_SCENARIOS = 50

ItemId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,64}$")]
# Every text field carries XML_TEXT: characters XML cannot hold become U+FFFD (planner.core.model.text).
Name = Annotated[str, StringConstraints(max_length=NAME_MAX), XML_TEXT]
RequiredName = Annotated[str, StringConstraints(min_length=1, max_length=NAME_MAX, strip_whitespace=True), XML_TEXT]
Text = Annotated[str, StringConstraints(max_length=TEXT_MAX), XML_TEXT]

# Dates a plan can mean. Anything else is a typo, and a date at the calendar's edge (year 9999) would overflow
# when the plan adds its years to it.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200


def _plausible_date(value: date) -> date:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"year {value.year} is outside {EARLIEST_YEAR} to {LATEST_YEAR}; check the date")
    return value


PlanDate = Annotated[date, AfterValidator(_plausible_date)]
Timestamp = Annotated[datetime, AfterValidator(_plausible_date)]


def new_id(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(4)}"


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)


class Sector(StrEnum):
    K12 = "k12"
    COLLEGE = "college"
    COUNTY_OFFICE = "county_office"
    EMPLOYER = "employer"
    WORKFORCE_BOARD = "workforce_board"
    ROP = "rop"
    UNIVERSITY = "university"
    INTERMEDIARY = "intermediary"
    OTHER = "other"

    @property
    def label(self) -> str:
        return SECTOR_LABELS[self]


SECTOR_LABELS = {
    Sector.K12: "K-12 district",
    Sector.COLLEGE: "Community college",
    Sector.COUNTY_OFFICE: "County office of education",
    Sector.EMPLOYER: "Employer / industry",
    Sector.WORKFORCE_BOARD: "Workforce board",
    Sector.ROP: "Regional occupational program",
    Sector.UNIVERSITY: "University",
    Sector.INTERMEDIARY: "Intermediary / nonprofit",
    Sector.OTHER: "Other",
}


class CostCategory(StrEnum):
    STAFFING = "staffing"
    WORK_BASED_LEARNING = "work_based_learning"
    TRANSPORTATION = "transportation"
    EQUIPMENT = "equipment"
    PROFESSIONAL_DEVELOPMENT = "professional_development"
    DATA = "data"
    DUAL_ENROLLMENT = "dual_enrollment"
    OTHER = "other"

    @property
    def label(self) -> str:
        return COST_CATEGORY_LABELS[self]


COST_CATEGORY_LABELS = {
    CostCategory.STAFFING: "Staffing and coordination",
    CostCategory.WORK_BASED_LEARNING: "Work-based learning",
    CostCategory.TRANSPORTATION: "Transportation",
    CostCategory.EQUIPMENT: "Equipment and facilities",
    CostCategory.PROFESSIONAL_DEVELOPMENT: "Professional development and credentialing",
    CostCategory.DATA: "Data and evaluation",
    CostCategory.DUAL_ENROLLMENT: "Dual enrollment and articulation",
    CostCategory.OTHER: "Other",
}


class CommitmentStatus(StrEnum):
    COMMITTED = "committed"  # in an adopted budget or signed agreement
    PLEDGED = "pledged"  # promised in writing, not yet budgeted
    PROPOSED = "proposed"  # asked for, not yet agreed

    @property
    def label(self) -> str:
        return self.value.capitalize()


class FundingKind(StrEnum):
    ONGOING = "ongoing"
    ONE_TIME = "one_time"

    @property
    def label(self) -> str:
        return "Ongoing" if self is FundingKind.ONGOING else "One-time"


class FundingSource(StrEnum):
    """The kind of fund a commitment is paid from, so the committee can check that the fund may pay for it."""

    LCFF_LCAP = "lcff_lcap"
    PERKINS_V = "perkins_v"
    STRONG_WORKFORCE_K12 = "strong_workforce_k12"
    STRONG_WORKFORCE_COLLEGE = "strong_workforce_college"
    CTE_INCENTIVE_GRANT = "cte_incentive_grant"
    PARTNERSHIP_ACADEMIES = "partnership_academies"
    WIOA = "wioa"
    ADULT_EDUCATION = "adult_education"
    EMPLOYER = "employer"
    PHILANTHROPY = "philanthropy"
    IN_KIND = "in_kind"
    OTHER = "other"

    @property
    def label(self) -> str:
        return FUNDING_SOURCE_LABELS[self]

    @property
    def match_note(self) -> str:
        """Why this fund cannot count as a grant's local match, where the rule is known; empty otherwise."""
        return MATCH_RESTRICTIONS.get(self, "")


FUNDING_SOURCE_LABELS = {
    FundingSource.LCFF_LCAP: "LCFF / LCAP (district general fund)",
    FundingSource.PERKINS_V: "Perkins V",
    FundingSource.STRONG_WORKFORCE_K12: "Strong Workforce, K-12 component",
    FundingSource.STRONG_WORKFORCE_COLLEGE: "Strong Workforce, college",
    FundingSource.CTE_INCENTIVE_GRANT: "CTE Incentive Grant",
    FundingSource.PARTNERSHIP_ACADEMIES: "California Partnership Academies",
    FundingSource.WIOA: "WIOA (workforce board)",
    FundingSource.ADULT_EDUCATION: "Adult Education Program",
    FundingSource.EMPLOYER: "Employer contribution",
    FundingSource.PHILANTHROPY: "Foundation / philanthropy",
    FundingSource.IN_KIND: "In-kind contribution",
    FundingSource.OTHER: "Other",
}

# Only rules we are sure of. The CTE Incentive Grant asks districts for a local match and does not accept
# K-12 Strong Workforce money (or the grant's own money, or Career Pathways Trust money) as that match.
MATCH_RESTRICTIONS = {
    FundingSource.STRONG_WORKFORCE_K12: "cannot count as CTE Incentive Grant match",
    FundingSource.CTE_INCENTIVE_GRANT: "cannot count as match for the CTE Incentive Grant itself",
}


class ItemPriority(IntEnum):
    """What the consortium keeps and what it lets go when money runs short, in that order.

    Ordered: a lower value is kept longer. What-if scenarios can cut from the highest value down.
    """

    KEEP_FIRST = 1
    KEEP = 2
    REDUCE = 3
    CUT_FIRST = 4

    @property
    def label(self) -> str:
        return ITEM_PRIORITY_LABELS[self]


ITEM_PRIORITY_LABELS = {
    ItemPriority.KEEP_FIRST: "Keep first",
    ItemPriority.KEEP: "Keep if possible",
    ItemPriority.REDUCE: "Reduce if short",
    ItemPriority.CUT_FIRST: "Cut first",
}


class PlanStatus(StrEnum):
    DRAFT = "draft"
    ADOPTED = "adopted"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class ActionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Profile(_Model):
    consortium_name: RequiredName
    fiscal_agent: Name = ""
    region: Name = ""
    award: Money | None = None
    grant_start: PlanDate | None = None
    grant_end: PlanDate | None = None
    horizon_years: int = Field(default=DEFAULT_HORIZON_YEARS, ge=1, le=MAX_HORIZON_YEARS)
    # Schema 4 (issue 11): context that changes what sustainability means. Regions with earlier Linked Learning or
    # California Partnership Academy pathways built on them; the grant tier follows from ``award`` and the sectors
    # present (a regional occupational program among them) from the partner list, so neither is stored twice.
    prior_linked_learning: bool = False
    prior_partnership_academies: bool = False
    # Per-sector means of one or two people can single them out; hidden unless the lead asks for them.
    hide_small_sectors: bool = True

    @model_validator(mode="after")
    def _dates_in_order(self) -> Profile:
        if self.grant_start and self.grant_end and self.grant_end < self.grant_start:
            raise ValueError("grant_end is before grant_start")
        return self


class Partner(_Model):
    id: ItemId
    name: RequiredName
    sector: Sector
    role: Text = ""
    # The date this partner's board must act by for its next budget, when it differs from the sector's rule
    # (school districts adopt by July 1, community colleges their final budget by September 15).
    budget_deadline: date | None = None


class SteeringMember(_Model):
    name: RequiredName
    title: Name = ""
    partner_id: ItemId | None = None


class Rating(_Model):
    """A respondent's answer for one criterion: a level, N/A, or unrated (neither), with evidence and notes."""

    level: int | None = Field(default=None, ge=0, le=10)
    not_applicable: bool = False
    evidence: Text = ""
    notes: Text = ""

    @model_validator(mode="after")
    def _level_or_na(self) -> Rating:
        if self.level is not None and self.not_applicable:
            raise ValueError("a rating cannot have both a level and N/A")
        return self

    @property
    def is_answered(self) -> bool:
        return self.level is not None or self.not_applicable

    @property
    def is_empty(self) -> bool:
        return not self.is_answered and not self.evidence and not self.notes


# What a criterion without an answer reads as. Ratings are frozen, so one shared instance is safe, and scoring
# looks it up for every unanswered criterion on every edit.
UNRATED = Rating()


class Respondent(_Model):
    id: ItemId
    name: RequiredName
    sector: Sector
    ratings: dict[ItemId, Rating] = Field(default_factory=dict, max_length=500)


class CostItem(_Model):
    id: ItemId
    name: RequiredName
    category: CostCategory
    criterion_id: ItemId | None = None
    costs: dict[int, Money] = Field(default_factory=dict)
    priority: ItemPriority = ItemPriority.KEEP
    # The partner the plan asks to close whatever no one has yet promised for this item.
    gap_partner_id: ItemId | None = None

    @field_validator("costs", mode="before")
    @classmethod
    def _canonical_years(cls, value: Any) -> Any:
        # "1", "01" and " 1" would all become year 1, one silently replacing another: only "1" means year 1.
        if isinstance(value, dict):
            for key in value:
                if isinstance(key, bool) or not (
                    isinstance(key, int)
                    or (isinstance(key, str) and key.isascii() and key.isdigit() and key == str(int(key)))
                ):
                    raise ValueError(f'plan year {str(key)[:20]!r} must be written as a whole number such as "1"')
        return value

    @model_validator(mode="after")
    def _years_in_range(self) -> CostItem:
        for year in self.costs:
            if not 1 <= year <= MAX_HORIZON_YEARS:
                raise ValueError(f"plan year {year} is outside 1 to {MAX_HORIZON_YEARS}")
        return self


class Commitment(_Model):
    id: ItemId
    partner_id: ItemId
    cost_item_id: ItemId
    year: int = Field(ge=1, le=MAX_HORIZON_YEARS)
    amount: Money
    source: Name = ""
    fund: FundingSource = FundingSource.OTHER
    kind: FundingKind = FundingKind.ONGOING
    status: CommitmentStatus = CommitmentStatus.PROPOSED
    in_kind: bool = False


class ActionItem(_Model):
    id: ItemId
    criterion_id: ItemId | None = None
    action: RequiredName
    owner_partner_id: ItemId | None = None
    start: PlanDate | None = None
    due: PlanDate | None = None
    status: ActionStatus = ActionStatus.PLANNED


class InstrumentRef(_Model):
    id: XmlText = Field(max_length=64)
    version: XmlText = Field(max_length=20)


class Metadata(_Model):
    created: Timestamp
    modified: Timestamp
    app_version: XmlText = Field(max_length=40)
    instruments: list[InstrumentRef] = Field(default_factory=list, max_length=20)
    # Ties respondent forms, reviews and follow-ups to the consortium they belong to, whatever its name.
    consortium_id: ItemId

    @field_validator("instruments")
    @classmethod
    def _each_instrument_once(cls, value: list[InstrumentRef]) -> list[InstrumentRef]:
        seen: set[str] = set()
        for ref in value:
            if ref.id in seen:
                raise ValueError(f"instrument {ref.id!r} is listed twice; list each instrument once")
            seen.add(ref.id)
        return value


class RespondentForm(_Model):
    """Marks a file handed to one team member: they rate as ``respondent_id``; the profile is read-only."""

    respondent_id: ItemId
    handed_out: Timestamp


class ReviewStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_REVIEW = "in_review"
    RETURNED = "returned"

    @property
    def label(self) -> str:
        return {"not_started": "Not started", "in_review": "In review", "returned": "Returned"}[self.value]


class Suggestion(_Model):
    """A coach's view of one criterion, and the lead's answer to it."""

    level: int | None = Field(default=None, ge=0, le=10)
    comment: Text = ""
    answer: Text = ""
    accepted: bool = False


class RetiredCriterion(_Model):
    """Schema 4 (issue 11): what a document held for a criterion that an instrument upgrade retired.

    Kept as history and printed in the plan's appendix, so an upgrade never silently drops a rating.
    """

    instrument_id: XmlText = Field(max_length=64)
    instrument_version: XmlText = Field(max_length=20)
    criterion_id: ItemId
    title: Name
    replaced_by: list[ItemId] = Field(default_factory=list, max_length=20)
    reason: Text = ""
    # Respondent id -> the rating they gave; the respondent's name at upgrade time is kept beside it.
    ratings: dict[ItemId, Rating] = Field(default_factory=dict, max_length=MAX_RESPONDENTS)
    respondent_names: dict[ItemId, Name] = Field(default_factory=dict, max_length=MAX_RESPONDENTS)
    target: int | None = Field(default=None, ge=0, le=10)
    suggestion: Suggestion | None = None
    upgraded: datetime


class Review(_Model):
    status: ReviewStatus = ReviewStatus.NOT_STARTED
    reviewer: Name = ""
    overall_notes: Text = ""
    suggestions: dict[ItemId, Suggestion] = Field(default_factory=dict, max_length=500)


class Adoption(_Model):
    """The steering committee's vote on the plan. A plan is adopted once the date of the vote is recorded."""

    motion: Text = ""
    moved_by: Name = ""
    seconded_by: Name = ""
    votes_for: int | None = Field(default=None, ge=0, le=1000)
    votes_against: int | None = Field(default=None, ge=0, le=1000)
    abstentions: int | None = Field(default=None, ge=0, le=1000)
    adopted_on: date | None = None

    @property
    def status(self) -> PlanStatus:
        return PlanStatus.ADOPTED if self.adopted_on is not None else PlanStatus.DRAFT


_PERCENT_TEXT = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")


def _exact_percent(value: Any) -> Any:
    # Like money: a float has already lost digits, so files write percentages as text ("3.5") or whole numbers.
    if isinstance(value, bool | float):
        raise ValueError('a percentage must be written as text, e.g. "3.5", or a whole number')
    if isinstance(value, str):
        text = value.strip().removesuffix("%").strip()
        if len(text) > 20 or not _PERCENT_TEXT.fullmatch(text):
            raise ValueError(f"{value[:20]!r} is not a percentage; write it like 3 or 3.5")
        return Decimal(text)
    return value


# A percentage from 0 to 100 with at most two decimals (3.25 %), exact, stored as text like money.
Percent = Annotated[
    Decimal,
    BeforeValidator(_exact_percent),
    Field(ge=0, le=100, decimal_places=2),
    PlainSerializer(lambda v: format(v, "f"), return_type=str, when_used="always"),
]


class PledgeOutcome(StrEnum):
    """What a scenario assumes about pledged money (promised in writing, not yet in a budget)."""

    AS_PLANNED = "as_planned"  # still pledged: shown, but it closes no gap (the base plan's rule)
    ARRIVES = "arrives"  # every pledge is budgeted: it counts as committed
    DOES_NOT_ARRIVE = "does_not_arrive"  # no pledge is kept: it leaves the plan

    @property
    def label(self) -> str:
        return PLEDGE_OUTCOME_LABELS[self]


PLEDGE_OUTCOME_LABELS = {
    PledgeOutcome.AS_PLANNED: "Pledges stay pledged",
    PledgeOutcome.ARRIVES: "Pledged money arrives",
    PledgeOutcome.DOES_NOT_ARRIVE: "Pledged money does not arrive",
}


class Withdrawal(_Model):
    """A partner leaves the plan: its commitments (of any status) from ``from_year`` on are gone."""

    partner_id: ItemId
    from_year: int = Field(default=1, ge=1, le=MAX_HORIZON_YEARS)


class Scenario(_Model):
    """A named set of what-if assumptions about the shared-cost plan; any combination applies at once.

    The defaults change nothing: a scenario with only a name is the base plan.
    """

    name: RequiredName
    withdrawals: list[Withdrawal] = Field(default_factory=list, max_length=500)
    pledges: PledgeOutcome = PledgeOutcome.AS_PLANNED
    # None: proposals stay proposed (closing no gap). A rate: that share of every proposal is approved and counts
    # as committed; the rest is turned down.
    proposals_approved_percent: Percent | None = None
    # Growth on top of the plan's own figures, compounding a year from plan year 1 (which stays as planned).
    cost_growth_percent: Percent = Decimal(0)
    # Empty: every category grows. Otherwise only these (salaries and transport rise, equipment may not).
    cost_growth_categories: list[CostCategory] = Field(default_factory=list, max_length=len(CostCategory))
    # False: one-time money counts only in the first plan year a partner gives it to a cost item.
    one_time_renewed: bool = True
    # Print this scenario in the plan's "Risks to the plan" section.
    in_printed_plan: bool = False

    @field_validator("withdrawals")
    @classmethod
    def _one_withdrawal_per_partner(cls, value: list[Withdrawal]) -> list[Withdrawal]:
        seen: set[str] = set()
        for withdrawal in value:
            if withdrawal.partner_id in seen:
                raise ValueError(f"partner {withdrawal.partner_id!r} withdraws twice; give one year for each partner")
            seen.add(withdrawal.partner_id)
        return value

    @field_validator("cost_growth_categories")
    @classmethod
    def _each_category_once(cls, value: list[CostCategory]) -> list[CostCategory]:
        if len(set(value)) != len(value):
            raise ValueError("a cost category is listed twice")
        return value


class Document(_Model):
    schema_version: int
    metadata: Metadata
    profile: Profile
    partners: list[Partner] = Field(default_factory=list, max_length=500)
    steering_committee: list[SteeringMember] = Field(default_factory=list, max_length=100)
    respondents: list[Respondent] = Field(min_length=1, max_length=MAX_RESPONDENTS)
    cost_items: list[CostItem] = Field(default_factory=list, max_length=1000)
    commitments: list[Commitment] = Field(default_factory=list, max_length=20000)
    actions: list[ActionItem] = Field(default_factory=list, max_length=1000)
    decisions: list[Annotated[str, StringConstraints(min_length=1, max_length=DECISION_MAX), XML_TEXT]] = Field(
        default_factory=list, max_length=MAX_DECISIONS
    )
    review: Review = Field(default_factory=Review)
    adoption: Adoption = Field(default_factory=Adoption)
    form: RespondentForm | None = None
    # Schema 4 (issue 11): the level the team aims to reach by the end of the plan period, per criterion id.
    targets: dict[ItemId, Annotated[int, Field(ge=0, le=10)]] = Field(default_factory=dict, max_length=500)
    # Schema 4 (issue 11): ratings of criteria retired by an instrument upgrade (history, never scored).
    retired: list[RetiredCriterion] = Field(default_factory=list, max_length=500)
    # Schema 5 (issue 13): named what-if scenarios for the shared-cost plan.
    scenarios: list[Scenario] = Field(default_factory=list, max_length=MAX_SCENARIOS)

    @model_validator(mode="after")
    def _unique_ids(self) -> Document:
        for field in ("partners", "respondents", "cost_items", "commitments", "actions"):
            seen: set[str] = set()
            for item in getattr(self, field):
                if item.id in seen:
                    raise ValueError(f"{field}: duplicate id {item.id!r}")
                seen.add(item.id)
        names: set[str] = set()
        for scenario in self.scenarios:
            # A scenario is picked by its name (in the app, on the command line, in print): "Hard year" and
            # "hard year " are the same name.
            key = scenario.name.casefold()
            if key in names:
                raise ValueError(f"scenarios: two scenarios are called {scenario.name!r}; give each its own name")
            names.add(key)
        if self.form is not None and [r.id for r in self.respondents] != [self.form.respondent_id]:
            raise ValueError("a respondent form holds exactly the one respondent it was handed out to")
        return self

    def partner(self, partner_id: str) -> Partner | None:
        return next((p for p in self.partners if p.id == partner_id), None)

    def respondent(self, respondent_id: str) -> Respondent | None:
        return next((r for r in self.respondents if r.id == respondent_id), None)

    def form_respondent_name(self) -> str | None:
        """Whose ratings a respondent form carries (the id when the form lost the name); None for a plan."""
        if self.form is None:
            return None
        found = self.respondent(self.form.respondent_id)
        return found.name if found is not None else self.form.respondent_id


def consortium_labels(theirs: Document, ours: Document) -> tuple[str, str]:
    """How a message names two consortia that are not the same: by name, and by name and id when the names match
    (two consortia can both be called "Valley Pathways"; a message naming it twice would say nothing)."""
    their_name, our_name = theirs.profile.consortium_name, ours.profile.consortium_name
    if their_name.strip().casefold() != our_name.strip().casefold():
        return repr(their_name), repr(our_name)
    return (
        f"{their_name!r}, id {theirs.metadata.consortium_id}",
        f"{our_name!r}, id {ours.metadata.consortium_id}",
    )


def new_document(
    consortium_name: str,
    instruments: list[Any],
    respondent_name: str = "Consortium lead",
    respondent_sector: Sector = Sector.K12,
) -> Document:
    """A fresh document on the given instruments, with one respondent and nothing rated."""
    now = utc_now()
    return Document(
        schema_version=SCHEMA_VERSION,
        metadata=Metadata(
            created=now,
            modified=now,
            app_version=__version__,
            instruments=[InstrumentRef(id=i.id, version=i.version) for i in instruments],
            consortium_id=new_id("c"),
        ),
        profile=Profile(consortium_name=consortium_name),
        respondents=[Respondent(id=new_id("r"), name=respondent_name, sector=respondent_sector)],
    )
