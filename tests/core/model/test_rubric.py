from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from planner.core.model.errors import PlannerFileError
from planner.core.model.reference import round_one_consortia
from planner.core.model.rubric import Instrument, instrument_file_problems, load_instrument, load_instruments
from planner.resources import data_dir

RUBRICS = data_dir("rubrics")


FIXTURES = Path(__file__).parents[2] / "fixtures"


def test_bundled_instruments_cover_three_domains(instruments: tuple[Instrument, ...]) -> None:
    assert [i.id for i in instruments] == ["organizational", "technical", "political"]
    for instrument in instruments:
        assert instrument.version == "2.1"
        # 2.1 added the findings the coach found missing: at most fifteen per capacity keeps a rating session short.
        assert 8 <= len(instrument.criteria) <= 15
        assert [s.label for s in instrument.scale] == ["Not yet in place", "Emerging", "Established", "Sustained"]
        assert instrument.scale_notes and instrument.not_applicable_rule
        # "Strength" must not be reachable on one year of post-grant money: the band text says so.
        assert "beyond the first year" in instrument.bands[-1].meaning


def test_every_criterion_has_the_full_shape(instruments: tuple[Instrument, ...]) -> None:
    for instrument in instruments:
        for criterion in instrument.criteria:
            where = criterion.id
            # Every level list matches the scale: one descriptor per scale level, all different.
            assert len(criterion.levels) == len(instrument.scale), where
            assert len(set(criterion.levels)) == len(instrument.scale), f"{where}: descriptors must differ"
            assert len(criterion.evidence) >= 2, where
            assert len(criterion.next_steps) == len(instrument.scale) - 1 and all(criterion.next_steps), where
            # Every next step and every keep step has exactly one owner, a sector (2.0's per-level lists are gone).
            assert [len(s) for s in criterion.next_step_owners] == [len(s) for s in criterion.next_steps], where
            assert criterion.keep_steps and len(criterion.keep_step_owners) == len(criterion.keep_steps), where
            assert not criterion.next_steps_by and not criterion.keep_by, where
            for index in range(len(criterion.next_steps)):
                assert all(owner is not None for _, owner in criterion.owned_steps(index)), where
            assert criterion.source, where
            # No next step merely restates the level above it.
            for level, steps in enumerate(criterion.next_steps):
                assert all(step not in criterion.levels[level + 1] for step in steps), where


def test_no_two_criteria_share_an_evidence_line(instruments: tuple[Instrument, ...]) -> None:
    owners: dict[str, str] = {}
    for instrument in instruments:
        for criterion in instrument.criteria:
            for line in criterion.evidence:
                key = line.lower().strip(" .")
                assert key not in owners, f"{criterion.id} and {owners.get(key)} share evidence {line!r}"
                owners[key] = criterion.id


def test_evidence_names_documents_a_consortium_has_and_nothing_confidential(
    instruments: tuple[Instrument, ...],
) -> None:
    evidence = " ".join(e for i in instruments for c in i.criteria for e in c.evidence).lower()
    for document in (
        "ccap",
        "advisory committee minutes",
        "ccpt annual reports",
        "cte incentive grant",
        "steering committee minutes",
    ):
        assert document in evidence, document
    for confidential in ("evaluation of", "evaluations", "personnel file", "student names"):
        assert confidential not in evidence, confidential


def test_small_equipment_grants_have_na_guidance(instruments: tuple[Instrument, ...]) -> None:
    guided = [c.id for i in instruments for c in i.criteria if "equipment" in c.not_applicable]
    assert {"org.intermediary", "tech.wbl_process", "tech.wbl_reach", "org.money_control"} <= set(guided)


# docs/architecture.md, "Rubric coverage checklist", item by item, and the findings of issue 11, each with the
# criterion that rates it and a word its descriptors must use (so a mapping to an unrelated criterion fails).
COVERAGE_CHECKLIST = {
    "dedicated brokering/coordination staff beyond the grant": ("org.coordination", "coordinator"),
    "an intermediary for work-based learning": ("org.intermediary", "intermediary"),
    "cross-sector governance (steering committee, regional priorities, workgroups)": (
        "org.governance",
        "working groups",
    ),
    "a shared-cost agreement naming each partner's post-grant role": ("org.shared_cost", "each partner"),
    "onboarding and succession for staff turnover": ("org.succession", "onboarding"),
    "pathway costs inside regular budgets (LCAP, college budgets)": ("org.budgets", "lcap"),
    "facilities, equipment, transportation": ("org.facilities", "transport"),
    "leadership development for middle managers": ("org.leadership", "principals"),
    "longitudinal student data across K-12 and college": ("tech.longitudinal_data", "match"),
    "common metrics": ("tech.shared_metrics", "measures"),
    "data-sharing agreements": ("tech.longitudinal_data", "data-sharing agreement"),
    "analytic capacity to review programs and make the case": ("tech.analytics", "review"),
    "supply of CTE-credentialed teachers": ("tech.teachers", "credential"),
    "dual-enrollment and articulation agreements that work in practice": ("tech.dual_enrollment", "schedule"),
    "work-based learning at quality and scale": ("tech.wbl_reach", "standards"),
    "a streamlined school-employer process": ("tech.wbl_process", "one agreement"),
    "capstone-to-college course alignment": ("tech.course_alignment", "articulat"),
    "clarity about allowable activities and compliance": ("tech.allowable_uses", "allowable"),
    "influential champions in every sector": ("pol.champions", "every sector"),
    "a shared regional vision tied to regional economic needs": ("pol.regional_vision", "labor-market"),
    "buy-in and reciprocal benefit for colleges": ("pol.college_benefit", "college"),
    "buy-in and reciprocal benefit for employers": ("pol.employer_benefit", "employers"),
    "depth of employer engagement": ("pol.employer_depth", "internships"),
    "public perception of CTE": ("pol.cte_reputation", "a-g"),
    "communication of results": ("pol.communication", "results summary"),
    "trust": ("pol.trust", "commitments"),
    "shared language": ("pol.shared_language", "glossary"),
    "system-change habits": ("pol.system_change", "hiring panels"),
    "braided funding": ("org.braided_programs", "perkins"),
    "readiness to compete for new funds": ("org.new_funding", "joint application"),
    "shared-cost planning by year with shares, sources, ongoing or one-time": ("org.shared_cost", "one-time"),
}
ISSUE_FINDINGS = {
    "who controls the money (sub-granting vs regional investment, shared control)": ("org.money_control", "sub-grant"),
    "the lead as coach and boundary-spanner who takes risks": ("pol.lead_role", "risk"),
    "a neutral convener seen as legitimate by all partners": ("pol.convener", "convener"),
    "counselors absorbing brokering work": ("tech.pathway_advising", "counselors"),
    "wraparound supports students need": ("tech.wraparound_supports", "wraparound"),
    "colleges' scant benefit, apart from employers": ("pol.college_benefit", "college"),
    "alignment with Strong Workforce and Guided Pathways": ("tech.college_initiatives", "guided pathways"),
    "planning for sustainability, rated as practiced now": ("org.sustainability_practice", "spending request"),
    "access and equity": ("tech.equity_access", "student group"),
    "public perception split: activity": ("pol.communication", "presented"),
    "public perception split: observable perception": ("pol.cte_reputation", "a-g"),
    "reciprocal benefit split: colleges": ("pol.college_benefit", "college"),
    "reciprocal benefit split: employers": ("pol.employer_benefit", "hired"),
    "braided funding split: combining categorical programs": ("org.braided_programs", "categorical program"),
    "braided funding split: chasing new grants": ("org.new_funding", "new joint award"),
    "compliance: confusion over what the Education Code allows": ("tech.allowable_uses", "written guide"),
    "metrics agreements split: shared measures": ("tech.shared_metrics", "definitions"),
    "metrics agreements split: data-sharing agreements": ("tech.longitudinal_data", "signed"),
    "work-based learning: quality defined": ("tech.wbl_reach", "written standards"),
    "work-based learning: share measured against the consortium's own goal": ("tech.wbl_reach", "goal"),
    "trust made observable, rated by every sector": ("pol.trust", "every sector"),
    "governance level 4 credits shared control": ("org.governance", "co-chairs"),
    "budgets: not a some/most ladder": ("org.budgets", "adopted"),
    "three-year horizon (Education Code 53071(b))": ("org.shared_cost", "three or more years"),
}


@pytest.mark.parametrize("item", sorted(COVERAGE_CHECKLIST) + sorted(ISSUE_FINDINGS))
def test_checklist_and_findings_map_to_a_criterion(instruments: tuple[Instrument, ...], item: str) -> None:
    criterion_id, word = {**COVERAGE_CHECKLIST, **ISSUE_FINDINGS}[item]
    by_id = {c.id: c for i in instruments for c in i.criteria}
    assert criterion_id in by_id, item
    criterion = by_id[criterion_id]
    text = " ".join([criterion.title, criterion.summary, *criterion.levels]).lower()
    assert word in text, f"{item}: {criterion_id} never says {word!r}"


def test_money_mechanics_sit_under_organizational(instruments: tuple[Instrument, ...]) -> None:
    political = next(i for i in instruments if i.id == "political")
    assert not [c.id for c in political.criteria if "fund" in c.title.lower()]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "technical.toml"
    path.write_text(text, "utf-8")
    return path


def _messages(path: Path) -> list[str]:
    found = instrument_file_problems(path)
    assert not isinstance(found, Instrument)
    return [p.message for p in found]


@pytest.fixture
def technical_text() -> str:
    return (RUBRICS / "technical.toml").read_text("utf-8")


def test_missing_descriptor_is_reported_with_location(tmp_path: Path, technical_text: str) -> None:
    # Drop the last descriptor of the fourth criterion.
    blocks = technical_text.split("[[criteria]]")
    blocks[4] = re.sub(r',\n  "[^"\n]*",\n\]\nevidence', "\n]\nevidence", blocks[4], count=1)
    path = _write(tmp_path, "[[criteria]]".join(blocks))
    assert f"{path}: criteria[3].levels: 4 descriptors expected, 3 found" in _messages(path)


def test_duplicate_criterion_id(tmp_path: Path, technical_text: str) -> None:
    text = technical_text.replace('id = "tech.teachers"', 'id = "tech.analytics"')
    messages = _messages(_write(tmp_path, text))
    assert any("criteria[4].id: duplicate id 'tech.analytics' (also criteria[2])" in m for m in messages)


def test_next_step_owners_must_match_next_steps(tmp_path: Path, technical_text: str) -> None:
    text = technical_text.replace(
        'next_step_owners = [["k12", "k12"], ["rop", "k12"], ["k12", "county_office"]]',
        'next_step_owners = [["k12", "k12"], ["rop", "k12"]]',
    )
    assert any("criteria[4].next_step_owners: 3 lists expected" in m for m in _messages(_write(tmp_path, text)))
    text = technical_text.replace('keep_step_owners = ["rop"]', 'keep_step_owners = ["schools"]', 1)
    assert any(".keep_step_owners[0]:" in m for m in _messages(_write(tmp_path, text)))


def test_band_gap_and_overlap(tmp_path: Path, technical_text: str) -> None:
    gap = technical_text.replace("min = 2.25\nmax = 3", "min = 2.5\nmax = 3")
    assert any("bands[1].min: leaves a gap" in m for m in _messages(_write(tmp_path, gap)))
    overlap = technical_text.replace("min = 2.25\nmax = 3", "min = 2\nmax = 3")
    assert any("bands[1].min: overlaps bands[0]" in m for m in _messages(_write(tmp_path, overlap)))


def test_unknown_key_is_a_typo(tmp_path: Path, technical_text: str) -> None:
    text = technical_text.replace("summary = ", "sumary = ", 1)
    messages = _messages(_write(tmp_path, text))
    assert any(m.endswith("criteria[0].sumary: unknown key (check the spelling)") for m in messages)
    assert any(m.endswith("criteria[0].summary: required key is missing") for m in messages)


def test_broken_toml_and_binary(tmp_path: Path, technical_text: str) -> None:
    path = _write(tmp_path, technical_text[: len(technical_text) // 2] + "\n[[criteria\n")
    with pytest.raises(PlannerFileError, match="not valid TOML"):
        load_instrument(path)
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(PlannerFileError, match="not UTF-8"):
        load_instrument(path)


def test_duplicate_ids_across_instruments(tmp_path: Path, technical_text: str) -> None:
    (tmp_path / "a.toml").write_text(technical_text, "utf-8")
    (tmp_path / "b.toml").write_text(technical_text.replace('id = "technical"', 'id = "technical2"'), "utf-8")
    with pytest.raises(PlannerFileError, match="also used in"):
        load_instruments([tmp_path / "a.toml", tmp_path / "b.toml"])


def _appendix_grants() -> list[tuple[str, Decimal, str]]:
    grants = []
    for line in (FIXTURES / "ccpt_round_one_appendix.txt").read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        match = re.fullmatch(r"(.+) \$([\d,]+) (\w+)", line.strip())
        assert match, line
        grants.append((match[1], Decimal(match[2].replace(",", "")), match[3]))
    return grants


def test_round_one_list_matches_the_report_appendix() -> None:
    expected = _appendix_grants()
    listed = [(c.fiscal_agent, c.award, c.region) for c in round_one_consortia()]
    assert len(expected) == 39
    assert listed == expected
    assert sum(c.award for c in round_one_consortia()) == Decimal("248013707")


# The headings of the two reports in ../shared/seeds/ (the Round One report's sections are numbered I-VI; the
# regional leaders brief has named parts only). A source quotes a heading between curly quotes.
REPORT_HEADINGS = {
    "Round One report (JFF)": (
        "Round One accomplishments",
        "Sustainability for Round One consortia",
        "Sustaining CCPT at the local level",
        "Sustaining CCPT in the region",
        "Challenges to sustaining local and regional CCPT work",
        "Supports for CCPT sustainability",
        "Planning for sustainability from the outset",
        "Leaders' focus on coalition building",
        "Focus on system change",
        "Conclusion",
        "Address data issues",
        "Develop a statewide message and support for career pathways",
        "Build capacity on the ground",
        "Align grantmaking to grantee capacity and challenges",
        "Support intermediary functions",
    ),
    "Regional leaders brief (JFF)": (
        "Start with sustainability",
        "Build coalitions of the willing",
        "Co-create structures for regional action",
        "Change systems to ensure sustainability",
        "Different outcomes require different leadership strategies",
    ),
}


def test_every_source_says_which_report_and_where(instruments: tuple[Instrument, ...]) -> None:
    headings = [h.lower() for found in REPORT_HEADINGS.values() for h in found]
    for criterion in (c for i in instruments for c in i.criteria):
        source = criterion.source
        assert source.startswith(tuple(REPORT_HEADINGS)), criterion.id
        # Where in the report: a numbered section, a note, or a quoted heading of that report.
        assert re.search(r"section [IVX]+\b|note \d|“", source), criterion.id
        for quoted in re.findall(r"“([^”]+)”", source):
            assert any(h.startswith(quoted.lower()) for h in headings), f"{criterion.id}: no heading {quoted!r}"


# Issue 23's six findings that 2.0 missed: the criterion that rates each, what its source must cite (where the finding
# is), and a word its title, summary or levels must use.
MISSING_FINDINGS = {
    "narrowing or cutting pathways to protect quality": (
        "tech.pathway_focus",
        "section III “Sustaining CCPT at the local level”: some consortia cut back pathways",
        "narrow",
    ),
    "the developmental arc (three years too short; stage of the partnership)": (
        "org.partnership_stage",
        "section VI “Align grantmaking to grantee capacity and challenges”",
        "stage",
    ),
    "context rated (economic urgency, prior relationships, Linked Learning history)": (
        "pol.starting_points",
        "section V “Supports for CCPT sustainability”: economic urgency",
        "linked learning",
    ),
    "help from outside networks (regional directors, intermediaries' networks)": (
        "org.outside_support",
        "note 5",
        "regional director",
    ),
    "the Perkins V comprehensive local needs assessment": ("tech.pathway_focus", "section 134(c)", "clna"),
    "subregional co-led work": ("pol.regional_vision", "subregional work co-led", "subregion"),
}


@pytest.mark.parametrize("finding", sorted(MISSING_FINDINGS))
def test_each_missing_finding_has_a_criterion_citing_it(instruments: tuple[Instrument, ...], finding: str) -> None:
    criterion_id, cited, word = MISSING_FINDINGS[finding]
    criterion = {c.id: c for i in instruments for c in i.criteria}[criterion_id]
    assert cited in criterion.source, f"{finding}: {criterion_id}'s source does not cite {cited!r}"
    text = " ".join([criterion.title, criterion.summary, *criterion.levels]).lower()
    assert word in text, f"{finding}: {criterion_id} never says {word!r}"


def test_keep_steps_are_spread_over_the_sectors_that_act(instruments: tuple[Instrument, ...]) -> None:
    from collections import Counter

    from planner.core.model.document import Sector

    owners = Counter(o for i in instruments for c in i.criteria for o in c.keep_step_owners)
    total = sum(owners.values())
    # In 2.0 the county office owned 19 of 36 (53%); now no sector owns more than 30% of the keep steps, the county
    # office no more than a fifth, and at least six sectors own some.
    assert max(owners.values()) * 10 <= total * 3, owners
    assert owners[Sector.COUNTY_OFFICE] * 5 <= total, owners
    assert len(owners) >= 6, owners
    steps = Counter(o for i in instruments for c in i.criteria for level in c.next_step_owners for o in level)
    assert steps[Sector.COUNTY_OFFICE] <= sum(steps.values()) // 3, steps


def test_whose_rating_counts(instruments: tuple[Instrument, ...]) -> None:
    by_id = {c.id: c for i in instruments for c in i.criteria}
    assert by_id["pol.lead_role"].rated_by_lead is False
    assert "college" in by_id["pol.college_benefit"].rated_by
    assert "employer" in by_id["pol.employer_depth"].rated_by
    assert all(c.rated_by_lead for key, c in by_id.items() if key != "pol.lead_role")


def test_owner_problems_are_one_clean_line_each(tmp_path: Path, technical_text: str) -> None:
    teachers = 'next_step_owners = [["k12", "k12"], ["rop", "k12"], ["k12", "county_office"]]'
    one_short = technical_text.replace(
        teachers, 'next_step_owners = [["k12", "k12"], ["rop"], ["k12", "county_office"]]'
    )
    path = _write(tmp_path, one_short)
    assert f"{path}: criteria[4].next_step_owners[1]: 2 sectors expected (one owner per step), 1 found" in _messages(
        path
    )
    unknown = technical_text.replace(teachers, teachers.replace('"rop"', '"parents"'))
    messages = _messages(_write(tmp_path, unknown))
    assert any(m.startswith(f"{path}: criteria[4].next_step_owners[1][0]: ") for m in messages), messages
    keep = technical_text.replace('keep_step_owners = ["rop"]', 'keep_step_owners = ["rop", "k12"]')
    messages = _messages(_write(tmp_path, keep))
    assert f"{path}: criteria[4].keep_step_owners: 1 sector expected (one owner per keep step), 2 found" in messages
    both = technical_text.replace(teachers, teachers + '\nnext_steps_by = [["k12"], ["rop"], ["k12"]]')
    assert any(
        "give next_step_owners (one sector per step) or 2.0's next_steps_by" in m
        for m in _messages(_write(tmp_path, both))
    )


def test_rated_by_names_known_sectors_once(tmp_path: Path) -> None:
    political = (RUBRICS / "political.toml").read_text("utf-8")
    path = tmp_path / "political.toml"
    path.write_text(political.replace('rated_by = ["college"]', 'rated_by = ["college", "dean"]'), "utf-8")
    found = instrument_file_problems(path)
    assert not isinstance(found, Instrument)
    assert any(p.message.startswith(f"{path}: criteria[2].rated_by[1]: ") for p in found)
    path.write_text(political.replace('rated_by = ["college"]', 'rated_by = ["college", "college"]'), "utf-8")
    found = instrument_file_problems(path)
    assert not isinstance(found, Instrument)
    assert f"{path}: criteria[2].rated_by: names a sector twice" in [p.message for p in found]


def test_validate_reports_an_owner_mismatch_without_a_traceback(
    tmp_path: Path, technical_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from planner.cli import main

    teachers = 'next_step_owners = [["k12", "k12"], ["rop", "k12"], ["k12", "county_office"]]'
    (tmp_path / "technical.toml").write_text(
        technical_text.replace(teachers, teachers.replace(', "county_office"', ""))
    )
    assert main(["validate", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == (
        f"{tmp_path / 'technical.toml'}: criteria[4].next_step_owners[2]: 2 sectors expected (one owner per step), "
        "1 found"
    )


# British spellings a reader could meet in the instruments, the printed plan or the demo (American spelling is the
# project's; "analyses" as a noun is American too, so only its verb forms are listed).
BRITISH = re.compile(
    r"\b(enrol|enrols|enrolment|enrolments|labour|organis\w*|authoris\w*|analyse|analysed|analysing|favour\w*|"
    r"colour\w*|behaviour\w*|centre|centres|programme\w*|licence|practise\w*|recognis\w*|prioritis\w*|"
    r"institutionalis\w*|judgement|counsellor\w*|whilst|catalogue|summaris\w*|realis(e|ed|es|ing)|"
    r"utilis\w*|defence|modelling|travelled|cancelled|fulfil)\b",
    re.IGNORECASE,
)


def _british(text: str) -> list[str]:
    return sorted({m.group(0) for m in BRITISH.finditer(text)})


def test_no_british_spelling_in_rubrics_templates_or_the_demo() -> None:
    from planner.core.storage.demo import DEMO_FILE
    from planner.resources import data_dir as folder
    from planner.resources import resource_path

    files = [*sorted(RUBRICS.rglob("*.toml")), *sorted(folder("templates").rglob("*.j2"))]
    files.append(resource_path("demo", DEMO_FILE))
    assert len(files) >= 10
    for path in files:
        assert _british(path.read_text("utf-8")) == [], path


def test_the_spelling_check_catches_british_words() -> None:
    assert _british("Enrolment and labour-market data were analysed by the organisation.") == [
        "Enrolment",
        "analysed",
        "labour",
        "organisation",
    ]
    assert _british("Enrollment and labor-market analyses") == []
