"""The shared-cost plan's parts: cost items and the partners' commitments to them, and what-if scenarios.

Each is a frozen part of :class:`~planner.core.model.document.Document`; the totals and gaps are derived by
:mod:`planner.core.funding.costs` and the scenarios are run by :mod:`planner.core.funding.scenarios`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import IntEnum, StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PlainSerializer, field_validator, model_validator

from planner.core.model.fields import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    MAX_HORIZON_YEARS,
    DocumentPart,
    ItemId,
    Name,
    PlanDate,
    RequiredName,
)
from planner.core.model.money import Money


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
    LCFF_SUPPLEMENTAL = "lcff_supplemental"
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
    # Schema 6 (issue 21): funds a coach needs that the list lacked.
    COLLEGE_GENERAL_FUND = "college_general_fund"
    GOLDEN_STATE_PATHWAYS = "golden_state_pathways"
    EDUCATOR_EFFECTIVENESS = "educator_effectiveness"
    CAREER_PATHWAYS_TRUST = "career_pathways_trust"
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
    FundingSource.LCFF_SUPPLEMENTAL: "LCFF supplemental and concentration (LCAP)",
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
    FundingSource.COLLEGE_GENERAL_FUND: "College general fund (apportionment)",
    FundingSource.GOLDEN_STATE_PATHWAYS: "Golden State Pathways Program",
    FundingSource.EDUCATOR_EFFECTIVENESS: "Educator Effectiveness Block Grant",
    FundingSource.CAREER_PATHWAYS_TRUST: "California Career Pathways Trust",
    FundingSource.OTHER: "Other",
}

# Only rules we are sure of. The CTE Incentive Grant asks districts for a local match and does not accept
# K-12 Strong Workforce money (or the grant's own money, or Career Pathways Trust money) as that match.
MATCH_RESTRICTIONS = {
    FundingSource.STRONG_WORKFORCE_K12: "cannot count as CTE Incentive Grant match",
    FundingSource.CTE_INCENTIVE_GRANT: "cannot count as match for the CTE Incentive Grant itself",
    FundingSource.CAREER_PATHWAYS_TRUST: "cannot count as CTE Incentive Grant match",
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


class CostItem(DocumentPart):
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


class Commitment(DocumentPart):
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
    # Schema 6 (issue 21): this money is the partner's local match for the CTE Incentive Grant.
    cteig_match: bool = False


class AgreementKind(StrEnum):
    """What makes a partner's money certain for a fiscal year before (or beside) its adopted budget."""

    MOU = "mou"
    BOARD_RESOLUTION = "board_resolution"
    CONTRACT = "contract"

    @property
    def label(self) -> str:
        return AGREEMENT_KIND_LABELS[self]


AGREEMENT_KIND_LABELS = {
    AgreementKind.MOU: "Memorandum of understanding",
    AgreementKind.BOARD_RESOLUTION: "Board resolution",
    AgreementKind.CONTRACT: "Contract",
}

# Fiscal years are named by the calendar year they start in: 2027 is FY 2027-28 (July 1, 2027 to June 30, 2028).
FiscalYearStart = Annotated[int, Field(ge=EARLIEST_YEAR, le=LATEST_YEAR)]


class Agreement(DocumentPart):
    """Schema 6 (issue 21): an MOU, board resolution or contract that makes the parties' money for the fiscal years
    it covers certain, whether or not their budgets for those years are adopted yet."""

    id: ItemId
    kind: AgreementKind = AgreementKind.MOU
    partner_ids: list[ItemId] = Field(min_length=1, max_length=500)
    signed_on: PlanDate
    fiscal_years: list[FiscalYearStart] = Field(min_length=1, max_length=20)
    reference: Name = ""

    @field_validator("partner_ids", "fiscal_years")
    @classmethod
    def _each_once(cls, value: list[Any]) -> list[Any]:
        if len(set(value)) != len(value):
            raise ValueError("an entry is listed twice; list each party and fiscal year once")
        return value


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

    AS_PLANNED = "as_planned"  # as in the scenario's baseline (none arrive in "committed only", all in "as planned")
    ARRIVES = "arrives"  # every pledge arrives (the scenario changes the "as planned" baseline)
    DOES_NOT_ARRIVE = "does_not_arrive"  # no pledge is kept: it leaves the plan

    @property
    def label(self) -> str:
        return PLEDGE_OUTCOME_LABELS[self]


PLEDGE_OUTCOME_LABELS = {
    PledgeOutcome.AS_PLANNED: "Pledges as in the baseline",
    PledgeOutcome.ARRIVES: "Pledged money arrives",
    PledgeOutcome.DOES_NOT_ARRIVE: "Pledged money does not arrive",
}


class Withdrawal(DocumentPart):
    """A partner leaves the plan: its commitments (of any status) from ``from_year`` on are gone."""

    partner_id: ItemId
    from_year: int = Field(default=1, ge=1, le=MAX_HORIZON_YEARS)


class Scenario(DocumentPart):
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
    # Schema 6 (issue 21): committed money is earmarked to its own cost item. Only a scenario that says so lets the
    # partners move a year's committed money to the items the plan keeps first.
    move_committed_money: bool = False

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
