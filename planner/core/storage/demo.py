"""The bundled demo: a realistic, clearly fictional consortium used by ``planner demo`` and the app.

Every name here is invented. The ratings give two respondents who disagree on some criteria, the cost
plan runs three years with a gap, the team has set targets, and the action plan follows from the priorities.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal

from planner import __version__
from planner.core.model.document import (
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
    PledgeOutcome,
    Profile,
    Rating,
    Respondent,
    Scenario,
    Sector,
    SteeringMember,
    Withdrawal,
)
from planner.core.model.rubric import Instrument

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
        "Labor-market data and employer outreach",
    ),
    ("p-bridge", "Bridgeway Youth Futures", Sector.INTERMEDIARY, "Work-based learning intermediary"),
]

# Two respondents: the county-office lead and the college dean, each rating on instruments 2.1. Every level sits on
# the descriptor that the lead's evidence (or the dean's note) describes, and the money-related levels agree with
# the cost plan below (tests/core/storage/test_demo.py checks what can be checked). They see two criteria two levels
# apart: what the college gains from the partnership, and trust, both matters of where one sits. The lead leaves the
# lead's own role to partners (pol.lead_role is rated by partners other than the lead).
_RATINGS: dict[str, tuple[int | None, int | None, str, str]] = {
    # criterion: (lead level, dean level, lead's evidence, dean's note)
    "org.coordination": (
        3,
        3,
        "The county office adopted the coordinator position, with its job description, in its budget for post-grant "
        "year 1, and its board approved a resolution committing year 2; year 3 has no commitment yet.",
        "",
    ),
    "org.intermediary": (
        2,
        2,
        "Bridgeway serves every pathway under a signed agreement, but only post-grant year 1 is funded (workforce "
        "board WIOA youth funds and a health-network grant); year 2 is pledged, not committed.",
        "",
    ),
    "org.governance": (
        3,
        3,
        "Steering committee of county office, college, district, employer and workforce board meets monthly; it "
        "adopted four regional priorities in March 2026; the work-based learning group is chaired by the workforce "
        "board and the dual-enrollment group by the college.",
        "",
    ),
    "org.money_control": (
        3,
        2,
        "Since 2026 the steering committee approves each share of the grant against the regional priorities, and the "
        "coordinator and the shared placement list are paid from the regional share.",
        "Dean: the college's share is still spent on its own plans.",
    ),
    "org.sustainability_practice": (
        2,
        2,
        "The sustainability plan written for the grant application was updated in 2025; spending requests began "
        "asking who carries a cost after the grant only this spring, and most requests approved this year do not "
        "answer it.",
        "",
    ),
    "org.shared_cost": (
        2,
        2,
        "A draft plan with each partner's share for three post-grant years was presented in March; year-1 shares are "
        "confirmed in writing, but two year-2 shares are still only proposed.",
        "",
    ),
    "org.budgets": (
        2,
        2,
        "Transportation is in both districts' adopted budgets for post-grant year 1 and committed for year 2 by board"
        " resolution, but Ridgeline's share of the coordinator for year 2 is pledged, not committed; the college pays"
        " dual-enrollment instructors itself.",
        "",
    ),
    "org.braided_programs": (
        2,
        2,
        "WIOA youth funds from the workforce board pay part of Bridgeway's post-grant year 1; the college's Strong "
        "Workforce plan pledges part of the coordinator's cost but has not committed it, and no one keeps a record of"
        " each program's rules.",
        "Dean: I can only vouch for the college's part.",
    ),
    "org.new_funding": (
        2,
        2,
        "The county office's grants analyst tracks opportunities and reports them monthly; the college applied alone "
        "for Strong Workforce regional money in 2025 (not funded); a joint CTE Incentive Grant application is being "
        "written.",
        "",
    ),
    "org.succession": (
        1,
        2,
        "The original project director left in year 2 and employer contacts were lost for a semester; agreements "
        "still live in personal inboxes.",
        "Dean: the college keeps its agreements and contacts in a shared drive.",
    ),
    "org.facilities": (
        3,
        3,
        "Lab upkeep and replacement are costed and assigned to Northfork and both districts for post-grant years 1 "
        "and 2.",
        "",
    ),
    "org.transportation": (
        3,
        3,
        "Student trips to the college and to job sites are costed and assigned to both districts in the shared-cost "
        "plan for post-grant years 1 and 2.",
        "",
    ),
    "org.leadership": (
        2,
        2,
        "Four principals and the college's CTE dean attend pathway meetings when invited; no joint leadership session"
        " has been held.",
        "",
    ),
    "org.outside_support": (
        2,
        2,
        "The college's regional director for health met the steering committee in 2025; no joint work has followed "
        "yet.",
        "",
    ),
    "org.partnership_stage": (
        2,
        2,
        "The 2026 work plan marks the health pathway as mature and manufacturing as new, but sets no milestones past "
        "the grant's end.",
        "",
    ),
    "tech.longitudinal_data": (
        2,
        2,
        "Pathway graduates' college enrollment was matched by hand once, for the year-2 report; there is no data-"
        "sharing agreement yet.",
        "",
    ),
    "tech.shared_metrics": (
        2,
        2,
        "The county office drafted five common measures; the college has not agreed the definition of completion.",
        "",
    ),
    "tech.analytics": (
        2,
        1,
        "County office staff compile outcome counts for the yearly grant report; they have not been used in a pathway"
        " review.",
        "Dean: the reports we see list activities, not outcomes.",
    ),
    "tech.equity_access": (
        1,
        1,
        "Pathway enrollment has never been broken down by student group.",
        "",
    ),
    "tech.teachers": (
        3,
        3,
        "Every pathway course has a credentialed teacher this year; two industry hires are in the county office's "
        "credential program; openings are projected to 2029.",
        "",
    ),
    "tech.dual_enrollment": (
        3,
        3,
        "CCAP agreement signed in 2025 for six courses; four run in the school day and enrolled 71 of the 90 students"
        " the agreement targets this year.",
        "Dean: the two sections that clash with bell schedules still need fixing.",
    ),
    "tech.course_alignment": (
        2,
        2,
        "Health and manufacturing teachers compared course outlines with college faculty; no capstone is articulated "
        "yet.",
        "",
    ),
    "tech.college_initiatives": (
        2,
        2,
        "The college's Strong Workforce local plan names both pathways and pledges part of the coordinator's cost for"
        " post-grant year 1, not yet committed; no K12 Strong Workforce project names them.",
        "",
    ),
    "tech.wbl_process": (
        3,
        3,
        "All pathways use Bridgeway's single employer agreement and forms; placements are logged in one shared list.",
        "",
    ),
    "tech.wbl_reach": (
        3,
        3,
        "Written standards adopted in 2025; last year 62% of pathway seniors completed a placement that met the "
        "standards, against the steering committee's goal of 60%.",
        "",
    ),
    "tech.allowable_uses": (
        None,
        None,
        "",
        "",
    ),
    "tech.pathway_advising": (
        2,
        2,
        "Counselors at both districts took on pathway advising in 2026 on top of caseloads of about 450 students, "
        "with no time set aside.",
        "",
    ),
    "tech.wraparound_supports": (
        2,
        2,
        "Work clothing, certification exam fees and tutoring are listed in the draft shared-cost plan with Bridgeway "
        "proposed to carry them; none is funded after the grant yet.",
        "",
    ),
    "tech.pathway_focus": (
        2,
        2,
        "Both districts' 2025 Perkins local needs assessments describe the health and manufacturing pathways; no "
        "decision about either pathway has been based on them.",
        "",
    ),
    "pol.champions": (
        3,
        3,
        "The deputy superintendent, the college's vice president and Northfork's plant manager each spoke for the "
        "pathways at a board or council meeting this year.",
        "",
    ),
    "pol.regional_vision": (
        3,
        3,
        "Four regional priorities adopted in March 2026 from the workforce board's labor-market report.",
        "",
    ),
    "pol.college_benefit": (
        3,
        1,
        "The college counts 38 pathway graduates enrolled this fall, and its CTE dean sits on the steering committee.",
        "Dean: college staff still describe this as a K-12 project; no one has asked what the college needs.",
    ),
    "pol.employer_benefit": (
        2,
        2,
        "Employers asked for more welding practice; the change is planned for next year; no results have been sent to"
        " employers yet.",
        "",
    ),
    "pol.employer_depth": (
        3,
        3,
        "Employers host internships in both pathways and review curriculum at advisory committee meetings; "
        "Northfork's plant manager sits on the steering committee.",
        "",
    ),
    "pol.communication": (
        2,
        2,
        "One newsletter with student stories went to Ridgeline families in 2025.",
        "",
    ),
    "pol.cte_reputation": (
        2,
        2,
        "31% of this year's pathway graduates completed the a-g courses, against 44% of all graduates of the same "
        "high schools.",
        "",
    ),
    "pol.trust": (
        3,
        1,
        "Since January the minutes list each commitment with a name and, at the next meeting, whether it was kept; "
        "the college's lab is shared with Willow Creek only under the facility agreement.",
        "Dean: from the college's side, districts share information only when the grant requires it, and problems "
        "reach us as complaints to the county office.",
    ),
    "pol.shared_language": (
        2,
        2,
        "Key terms were discussed at a 2025 retreat; no glossary has been written.",
        "",
    ),
    "pol.system_change": (
        2,
        2,
        "Joint scheduling meetings happen only when the grant-paid coordinator calls them.",
        "",
    ),
    "pol.learning_review": (
        2,
        2,
        "The steering committee held one retreat in 2025 on what had worked; it has not been repeated.",
        "",
    ),
    "pol.lead_role": (
        None,
        3,
        "",
        "Dean: the lead visits the college monthly and handed the dual-enrollment group to the college to chair.",
    ),
    "pol.convener": (
        3,
        2,
        "The county office convenes; agendas are set with the college co-chair, and the committee's written "
        "procedures name the county office as convener.",
        "Dean: agendas are still mostly set by the county office.",
    ),
    "pol.starting_points": (
        3,
        3,
        "Both districts ran Linked Learning health academies before the grant, and the workforce board's report names"
        " health care as the region's most pressing shortage; the partners had no joint work before the grant.",
        "",
    ),
}
_NOTES = {
    "tech.allowable_uses": "Not rated: we want the fiscal agent's auditor to walk us through this first.",
    "pol.lead_role": "Left to partners: the lead does not rate the lead's own role.",
}
# The levels the steering committee aims for by the end of the three-year plan.
_TARGETS = {
    "org.coordination": 4,
    "org.intermediary": 3,
    "org.shared_cost": 4,
    "org.budgets": 3,
    "org.succession": 3,
    "tech.longitudinal_data": 3,
    "tech.equity_access": 3,
    "tech.pathway_advising": 3,
    "pol.college_benefit": 3,
    "pol.trust": 3,
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
        "org.transportation",
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
        CommitmentStatus.COMMITTED,
        False,
    ),
    ("p-fab", "c-equip", 1, "18000.00", "Equipment donation", FundingKind.ONE_TIME, CommitmentStatus.COMMITTED, True),
    ("p-fab", "c-equip", 2, "18000.00", "Equipment donation", FundingKind.ONE_TIME, CommitmentStatus.COMMITTED, True),
    (
        "p-willow",
        "c-equip",
        3,
        "22500.00",
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
        "Get written confirmation of every year-2 share, then take the agreement to each partner's board",
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
        "org.new_funding",
        "Submit a joint CTE Incentive Grant application with the districts and the college",
        "p-college",
        date(2027, 1, 10),
        date(2027, 3, 31),
        ActionStatus.IN_PROGRESS,
    ),
    (
        "a-5",
        "tech.equity_access",
        "Break down this year's pathway enrollment by student group and compare it with each high school",
        "p-ridge",
        date(2027, 2, 1),
        date(2027, 4, 30),
        ActionStatus.PLANNED,
    ),
]

_DECISIONS = [
    "Adopt the shared-cost plan for the three years after the grant and ask each partner's board to approve its share.",
    "Ask the county office to keep the regional coordinator position in its general fund in year 3.",
    "Approve a joint funding request to close the year 3 gap.",
]


# What the steering committee asked about: a new superintendent who may not keep the district's share (leadership
# change is how Round One consortia most often lost a partner), and a tight state budget year.
_SCENARIOS = [
    Scenario(
        name="Ridgeline's new superintendent withdraws",
        withdrawals=[Withdrawal(partner_id="p-ridge", from_year=2)],
        in_printed_plan=True,
    ),
    Scenario(
        name="Tight state budget",
        pledges=PledgeOutcome.DOES_NOT_ARRIVE,
        proposals_approved_percent=Decimal("50"),
        cost_growth_percent=Decimal("3"),
        cost_growth_categories=[CostCategory.STAFFING, CostCategory.TRANSPORTATION],
        one_time_renewed=False,
        in_printed_plan=True,
    ),
]


def _ratings(respondent: int) -> dict[str, Rating]:
    """Respondent 0 (the lead) with evidence; respondent 1 (the dean) with notes where they see it differently."""
    ratings = {}
    for criterion_id, (lead, dean, evidence, dean_note) in _RATINGS.items():
        level = (lead, dean)[respondent]
        notes = _NOTES.get(criterion_id, "") if respondent == 0 else dean_note
        ratings[criterion_id] = Rating(level=level, evidence=evidence if respondent == 0 else "", notes=notes)
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
            prior_linked_learning=True,
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
                ratings=_ratings(0),
            ),
            Respondent(
                id="r-dean",
                name="Marcus Feld (college dean)",
                sector=Sector.COLLEGE,
                ratings=_ratings(1),
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
        targets=dict(_TARGETS),
        scenarios=list(_SCENARIOS),
    )
