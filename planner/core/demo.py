"""The bundled demo: a realistic, clearly fictional consortium used by ``planner demo`` and the app.

Every name here is invented. The ratings give two respondents who disagree on some criteria, the cost
plan runs three years with a gap, and the action plan follows from the weakest criteria.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal

from planner import __version__
from planner.core.document import (
    SCHEMA_VERSION,
    ActionItem,
    ActionStatus,
    Commitment,
    CommitmentStatus,
    CostCategory,
    CostItem,
    Document,
    FundingKind,
    FundingSource,
    InstrumentRef,
    ItemPriority,
    Metadata,
    Partner,
    Profile,
    Rating,
    Respondent,
    Sector,
    SteeringMember,
)
from planner.core.rubric import Instrument

DEMO_NAME = "Alder Basin Career Pathways Alliance (demo)"

_PARTNERS = [
    (
        "p-county",
        "Alder Basin County Office of Education",
        Sector.COUNTY_OFFICE,
        "Fiscal agent; convenes the steering committee",
    ),
    ("p-ridge", "Ridgeline Unified School District", Sector.K12, "Health and engineering pathways at two high schools"),
    ("p-willow", "Willow Creek Joint Union High School District", Sector.K12, "Advanced manufacturing pathway"),
    ("p-college", "Alder Basin Community College", Sector.COLLEGE, "Dual enrollment, articulation, college faculty"),
    ("p-health", "Basin Valley Health Network", Sector.EMPLOYER, "Clinical internships and job shadows"),
    ("p-fab", "Northfork Fabrication Co.", Sector.EMPLOYER, "Manufacturing internships and equipment donations"),
    (
        "p-wdb",
        "Tri-Basin Workforce Development Board",
        Sector.WORKFORCE_BOARD,
        "Labour-market data and employer outreach",
    ),
    ("p-bridge", "Bridgeway Youth Futures", Sector.INTERMEDIARY, "Work-based learning intermediary"),
]

# Two respondents: the county-office lead and the college dean. The dean is less sure of the college
# side of the work, so they disagree by two levels on a few criteria.
_LEAD_LEVELS = {
    "org.coordination": 2,
    "org.intermediary": 3,
    "org.governance": 3,
    "org.shared_cost": 2,
    "org.succession": 1,
    "org.budgets": 2,
    "org.facilities": 3,
    "org.leadership": 2,
    "tech.longitudinal_data": 1,
    "tech.metrics_agreements": 2,
    "tech.analytics": 2,
    "tech.teachers": 2,
    "tech.dual_enrollment": 3,
    "tech.wbl_system": 3,
    "tech.course_alignment": 2,
    "tech.compliance": None,
    "pol.champions": 3,
    "pol.regional_vision": 3,
    "pol.reciprocal_benefit": 2,
    "pol.employer_depth": 3,
    "pol.public_perception": 2,
    "pol.trust_language": 3,
    "pol.system_change": 2,
    "pol.braided_funding": 1,
}
_DEAN_LEVELS = {
    "org.coordination": 2,
    "org.intermediary": 3,
    "org.governance": 2,
    "org.shared_cost": 1,
    "org.succession": 2,
    "org.budgets": 2,
    "org.facilities": 3,
    "org.leadership": 1,
    "tech.longitudinal_data": 2,
    "tech.metrics_agreements": 2,
    "tech.analytics": 1,
    "tech.teachers": 3,
    "tech.dual_enrollment": 1,
    "tech.wbl_system": 3,
    "tech.course_alignment": 4,
    "tech.compliance": None,
    "pol.champions": 2,
    "pol.regional_vision": 3,
    "pol.reciprocal_benefit": 4,
    "pol.employer_depth": 3,
    "pol.public_perception": 2,
    "pol.trust_language": 3,
    "pol.system_change": 2,
    "pol.braided_funding": 2,
}
_EVIDENCE = {
    "org.coordination": "Two grant-funded coordinators; the county office has budgeted one of them for year 1 only.",
    "org.shared_cost": "Cost estimates shared at the March steering meeting; no partner has signed yet.",
    "org.succession": "The original project director left in year 2 and employer contacts were lost for a semester.",
    "tech.longitudinal_data": "Pathway graduates' college enrollment was matched by hand once, for the year-2 report.",
    "tech.dual_enrollment": "Six articulation agreements; bell-schedule conflicts keep most students out of two.",
    "pol.braided_funding": "Almost everything runs on the grant; the college has started a Strong Workforce request.",
    "tech.wbl_system": "Bridgeway placed 140 students in internships last year using one shared employer agreement.",
}
_NOTES = {
    "tech.compliance": "Not rated: we want the fiscal agent's auditor to walk us through this first.",
    "tech.dual_enrollment": "Dean: the agreements exist, but in practice very few students can attend the sections.",
}

_COST_ITEMS = [
    (
        "c-coord",
        "Regional pathway coordinator (1.0 FTE)",
        CostCategory.STAFFING,
        "org.coordination",
        ("128000.00", "131840.00", "135795.20"),
    ),
    (
        "c-wbl",
        "Work-based learning intermediary contract",
        CostCategory.WORK_BASED_LEARNING,
        "org.intermediary",
        ("85000.00", "85000.00", "87500.00"),
    ),
    (
        "c-bus",
        "Student transportation to college and job sites",
        CostCategory.TRANSPORTATION,
        "org.facilities",
        ("22400.00", "23000.00", "23600.00"),
    ),
    (
        "c-equip",
        "Manufacturing lab maintenance and replacement",
        CostCategory.EQUIPMENT,
        "org.facilities",
        ("18000.00", "18000.00", "45000.00"),
    ),
    (
        "c-cred",
        "CTE credential stipends for industry hires",
        CostCategory.PROFESSIONAL_DEVELOPMENT,
        "tech.teachers",
        ("15000.00", "15000.00", "15000.00"),
    ),
    (
        "c-data",
        "Data matching and annual results report",
        CostCategory.DATA,
        "tech.longitudinal_data",
        ("24000.00", "12000.00", "12000.00"),
    ),
    (
        "c-dual",
        "Dual-enrollment instructor sections",
        CostCategory.DUAL_ENROLLMENT,
        "tech.dual_enrollment",
        ("36000.00", "37000.00", "38000.00"),
    ),
]

# Which kind of fund each free-text source is, so the printed plan can group and check them.
_FUNDS = {
    "CTE Incentive Grant match": FundingSource.CTE_INCENTIVE_GRANT,
    "College apportionment": FundingSource.OTHER,
    "Community benefit grant": FundingSource.PHILANTHROPY,
    "Corporate giving": FundingSource.EMPLOYER,
    "County general fund": FundingSource.LCFF_LCAP,
    "District transportation budget": FundingSource.LCFF_LCAP,
    "Educator effectiveness funds": FundingSource.OTHER,
    "Equipment donation": FundingSource.IN_KIND,
    "Institutional research (staff time)": FundingSource.IN_KIND,
    "LCAP supplemental": FundingSource.LCFF_LCAP,
    "Strong Workforce Program": FundingSource.STRONG_WORKFORCE_COLLEGE,
    "WIOA youth funds": FundingSource.WIOA,
}
# What the consortium keeps longest and who is asked to close each item's remaining gap.
_ITEM_PLANS = {
    "c-coord": (ItemPriority.KEEP_FIRST, "p-county"),
    "c-wbl": (ItemPriority.KEEP_FIRST, "p-wdb"),
    "c-bus": (ItemPriority.KEEP, "p-ridge"),
    "c-equip": (ItemPriority.CUT_FIRST, None),
    "c-cred": (ItemPriority.REDUCE, "p-willow"),
    "c-data": (ItemPriority.REDUCE, None),
    "c-dual": (ItemPriority.KEEP, "p-college"),
}

# (partner, item, year, amount, source, kind, status, in kind)
_COMMITMENTS: list[tuple[str, str, int, str, str, FundingKind, CommitmentStatus, bool]] = [
    (
        "p-county",
        "c-coord",
        1,
        "64000.00",
        "County general fund",
        FundingKind.ONGOING,
        CommitmentStatus.COMMITTED,
        False,
    ),
    ("p-ridge", "c-coord", 1, "32000.00", "LCAP supplemental", FundingKind.ONGOING, CommitmentStatus.COMMITTED, False),
    (
        "p-college",
        "c-coord",
        1,
        "32000.00",
        "Strong Workforce Program",
        FundingKind.ONGOING,
        CommitmentStatus.PLEDGED,
        False,
    ),
    (
        "p-county",
        "c-coord",
        2,
        "65920.00",
        "County general fund",
        FundingKind.ONGOING,
        CommitmentStatus.COMMITTED,
        False,
    ),
    ("p-ridge", "c-coord", 2, "32960.00", "LCAP supplemental", FundingKind.ONGOING, CommitmentStatus.PLEDGED, False),
    ("p-wdb", "c-wbl", 1, "40000.00", "WIOA youth funds", FundingKind.ONGOING, CommitmentStatus.COMMITTED, False),
    (
        "p-health",
        "c-wbl",
        1,
        "25000.00",
        "Community benefit grant",
        FundingKind.ONE_TIME,
        CommitmentStatus.COMMITTED,
        False,
    ),
    ("p-fab", "c-wbl", 1, "20000.00", "Corporate giving", FundingKind.ONE_TIME, CommitmentStatus.PLEDGED, False),
    ("p-wdb", "c-wbl", 2, "40000.00", "WIOA youth funds", FundingKind.ONGOING, CommitmentStatus.PLEDGED, False),
    (
        "p-health",
        "c-wbl",
        2,
        "25000.00",
        "Community benefit grant",
        FundingKind.ONE_TIME,
        CommitmentStatus.PROPOSED,
        False,
    ),
    (
        "p-ridge",
        "c-bus",
        1,
        "11200.00",
        "District transportation budget",
        FundingKind.ONGOING,
        CommitmentStatus.COMMITTED,
        False,
    ),
    (
        "p-willow",
        "c-bus",
        1,
        "11200.00",
        "District transportation budget",
        FundingKind.ONGOING,
        CommitmentStatus.COMMITTED,
        False,
    ),
    (
        "p-ridge",
        "c-bus",
        2,
        "11500.00",
        "District transportation budget",
        FundingKind.ONGOING,
        CommitmentStatus.COMMITTED,
        False,
    ),
    (
        "p-willow",
        "c-bus",
        2,
        "11500.00",
        "District transportation budget",
        FundingKind.ONGOING,
        CommitmentStatus.PLEDGED,
        False,
    ),
    ("p-fab", "c-equip", 1, "18000.00", "Equipment donation", FundingKind.ONE_TIME, CommitmentStatus.COMMITTED, True),
    (
        "p-willow",
        "c-equip",
        2,
        "9000.00",
        "CTE Incentive Grant match",
        FundingKind.ONE_TIME,
        CommitmentStatus.PROPOSED,
        False,
    ),
    (
        "p-county",
        "c-cred",
        1,
        "15000.00",
        "Educator effectiveness funds",
        FundingKind.ONE_TIME,
        CommitmentStatus.COMMITTED,
        False,
    ),
    (
        "p-college",
        "c-data",
        1,
        "12000.00",
        "Institutional research (staff time)",
        FundingKind.ONGOING,
        CommitmentStatus.COMMITTED,
        True,
    ),
    (
        "p-county",
        "c-data",
        1,
        "12000.00",
        "County general fund",
        FundingKind.ONGOING,
        CommitmentStatus.COMMITTED,
        False,
    ),
    (
        "p-college",
        "c-data",
        2,
        "12000.00",
        "Institutional research (staff time)",
        FundingKind.ONGOING,
        CommitmentStatus.PLEDGED,
        True,
    ),
    (
        "p-college",
        "c-dual",
        1,
        "36000.00",
        "College apportionment",
        FundingKind.ONGOING,
        CommitmentStatus.COMMITTED,
        False,
    ),
    (
        "p-college",
        "c-dual",
        2,
        "37000.00",
        "College apportionment",
        FundingKind.ONGOING,
        CommitmentStatus.COMMITTED,
        False,
    ),
    (
        "p-college",
        "c-dual",
        3,
        "38000.00",
        "College apportionment",
        FundingKind.ONGOING,
        CommitmentStatus.PROPOSED,
        False,
    ),
]

_ACTIONS = [
    (
        "a-1",
        "org.shared_cost",
        "Take the shared-cost agreement to each partner's board for approval",
        "p-county",
        date(2027, 1, 15),
        date(2027, 5, 30),
        ActionStatus.IN_PROGRESS,
    ),
    (
        "a-2",
        "tech.longitudinal_data",
        "Sign a data-sharing agreement with the college research office",
        "p-college",
        date(2027, 2, 1),
        date(2027, 6, 30),
        ActionStatus.PLANNED,
    ),
    (
        "a-3",
        "org.succession",
        "Write onboarding guides for the coordinator and intermediary roles",
        "p-bridge",
        date(2027, 3, 1),
        date(2027, 8, 15),
        ActionStatus.PLANNED,
    ),
    (
        "a-4",
        "pol.braided_funding",
        "Submit a joint Strong Workforce and CTE Incentive Grant request",
        "p-college",
        date(2027, 1, 10),
        date(2027, 3, 31),
        ActionStatus.IN_PROGRESS,
    ),
]

_DECISIONS = [
    "Adopt the shared-cost plan for the three years after the grant and ask each partner's board to approve its share.",
    "Ask the county office to host the regional coordinator position from its general fund in years 2 and 3.",
    "Approve a joint funding request to close the year 3 gap.",
]


def _ratings(levels: dict[str, int | None], with_text: bool) -> dict[str, Rating]:
    ratings = {}
    for criterion_id, level in levels.items():
        ratings[criterion_id] = Rating(
            level=level,
            evidence=_EVIDENCE.get(criterion_id, "") if with_text else "",
            notes=_NOTES.get(criterion_id, "") if with_text or criterion_id == "tech.dual_enrollment" else "",
        )
    return ratings


def demo_document(instruments: Sequence[Instrument]) -> Document:
    stamp = datetime(2026, 11, 14, 17, 30, tzinfo=UTC)
    return Document(
        schema_version=SCHEMA_VERSION,
        metadata=Metadata(
            created=stamp,
            modified=stamp,
            app_version=__version__,
            instruments=[InstrumentRef(id=i.id, version=i.version) for i in instruments],
            consortium_id="c-alder-basin-demo",
        ),
        profile=Profile(
            consortium_name=DEMO_NAME,
            fiscal_agent="Alder Basin County Office of Education",
            region="Central",
            award=Decimal("6000000.00"),
            grant_start=date(2024, 7, 1),
            grant_end=date(2027, 6, 30),
            horizon_years=3,
        ),
        partners=[Partner(id=i, name=n, sector=s, role=r) for i, n, s, r in _PARTNERS],
        steering_committee=[
            SteeringMember(name="Dr. Imelda Ortiz-Kane", title="Deputy Superintendent", partner_id="p-county"),
            SteeringMember(name="Marcus Feld", title="Dean of Career Education", partner_id="p-college"),
            SteeringMember(name="Renata Alvarez", title="CTE Director", partner_id="p-ridge"),
            SteeringMember(name="Tom Okafor", title="Plant Manager", partner_id="p-fab"),
            SteeringMember(name="Janelle Prewitt", title="Executive Director", partner_id="p-wdb"),
        ],
        respondents=[
            Respondent(
                id="r-lead",
                name="Dana Whitcomb (consortium lead)",
                sector=Sector.COUNTY_OFFICE,
                ratings=_ratings(_LEAD_LEVELS, with_text=True),
            ),
            Respondent(
                id="r-dean",
                name="Marcus Feld (college dean)",
                sector=Sector.COLLEGE,
                ratings=_ratings(_DEAN_LEVELS, with_text=False),
            ),
        ],
        cost_items=[
            CostItem(
                id=i,
                name=n,
                category=c,
                criterion_id=k,
                costs={y + 1: Decimal(v) for y, v in enumerate(vals)},
                priority=_ITEM_PLANS[i][0],
                gap_partner_id=_ITEM_PLANS[i][1],
            )
            for i, n, c, k, vals in _COST_ITEMS
        ],
        commitments=[
            Commitment(
                id=f"m-{n + 1}",
                partner_id=p,
                cost_item_id=c,
                year=y,
                amount=Decimal(a),
                source=s,
                fund=_FUNDS[s],
                kind=k,
                status=st,
                in_kind=ik,
            )
            for n, (p, c, y, a, s, k, st, ik) in enumerate(_COMMITMENTS)
        ],
        actions=[
            ActionItem(id=i, criterion_id=k, action=a, owner_partner_id=o, start=s, due=d, status=st)
            for i, k, a, o, s, d, st in _ACTIONS
        ],
        decisions=list(_DECISIONS),
    )
