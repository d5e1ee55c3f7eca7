"""The assessment document: one consortium's profile, ratings, shared-cost plan and action plan.

The pydantic model is the single source of truth. Scores and totals are never stored; they are derived
by :mod:`planner.core.assessment.scoring` and :mod:`planner.core.funding.costs`. Unknown keys are refused, free text is
bounded and money is :data:`~planner.core.model.money.Money`.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from planner import __version__
from planner.core.model.fields import (
    DEFAULT_HORIZON_YEARS,
    MAX_RESPONDENTS,
    DocumentPart,
    ItemId,
    Name,
    PlanDate,
    RequiredName,
    Text,
    Timestamp,
    utc_now,
)
from planner.core.model.money import Money
from planner.core.model.text import XML_TEXT, XmlText

# isort: off
# Names that moved to cost_plan.py and fields.py, importable from here for a while for the modules being reworked
# in parallel under issue 20 (planner/ui, core/storage/demo.py, tests/ui). The lead drops the "as" once those
# modules import from cost_plan and fields (Commitment, CostItem and Scenario stay: the document is made of them).
from planner.core.model.cost_plan import (
    Agreement as Agreement,
    AgreementKind as AgreementKind,
    Commitment as Commitment,
    CommitmentStatus as CommitmentStatus,
    CostItem as CostItem,
    CostCategory as CostCategory,
    FundingKind as FundingKind,
    FundingSource as FundingSource,
    ItemPriority as ItemPriority,
    PledgeOutcome as PledgeOutcome,
    Scenario as Scenario,
    Withdrawal as Withdrawal,
)
from planner.core.model.fields import (
    DECISION_MAX as DECISION_MAX,
    MAX_DECISIONS as MAX_DECISIONS,
    MAX_HORIZON_YEARS as MAX_HORIZON_YEARS,
    MAX_SCENARIOS as MAX_SCENARIOS,
    NAME_MAX as NAME_MAX,
    TEXT_MAX as TEXT_MAX,
    new_id as new_id,
)
# isort: on

SCHEMA_VERSION = 6


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


class Profile(DocumentPart):
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


class Partner(DocumentPart):
    id: ItemId
    name: RequiredName
    sector: Sector
    role: Text = ""
    # The date this partner's board must act by for its next budget, when it differs from the sector's rule
    # (school districts adopt by July 1, community colleges their final budget by September 15).
    budget_deadline: date | None = None


class SteeringMember(DocumentPart):
    name: RequiredName
    title: Name = ""
    partner_id: ItemId | None = None


class Rating(DocumentPart):
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


class Respondent(DocumentPart):
    id: ItemId
    name: RequiredName
    sector: Sector
    ratings: dict[ItemId, Rating] = Field(default_factory=dict, max_length=500)


class ActionItem(DocumentPart):
    id: ItemId
    criterion_id: ItemId | None = None
    action: RequiredName
    owner_partner_id: ItemId | None = None
    start: PlanDate | None = None
    due: PlanDate | None = None
    status: ActionStatus = ActionStatus.PLANNED


class InstrumentRef(DocumentPart):
    id: XmlText = Field(max_length=64)
    version: XmlText = Field(max_length=20)


class Metadata(DocumentPart):
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


class RespondentForm(DocumentPart):
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


class Suggestion(DocumentPart):
    """A coach's view of one criterion, and the lead's answer to it."""

    level: int | None = Field(default=None, ge=0, le=10)
    comment: Text = ""
    answer: Text = ""
    accepted: bool = False


class RetiredCriterion(DocumentPart):
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


class Review(DocumentPart):
    status: ReviewStatus = ReviewStatus.NOT_STARTED
    reviewer: Name = ""
    overall_notes: Text = ""
    suggestions: dict[ItemId, Suggestion] = Field(default_factory=dict, max_length=500)


class Adoption(DocumentPart):
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


class Document(DocumentPart):
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
    # Schema 6 (issue 21): the MOUs, board resolutions and contracts behind the plan's committed money.
    agreements: list[Agreement] = Field(default_factory=list, max_length=500)

    @model_validator(mode="after")
    def _unique_ids(self) -> Document:
        for field in ("partners", "respondents", "cost_items", "commitments", "actions", "agreements"):
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
