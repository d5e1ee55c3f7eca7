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
        assert instrument.version == "2.0"
        assert 8 <= len(instrument.criteria) <= 12
        assert [s.label for s in instrument.scale] == ["Not yet in place", "Emerging", "Established", "Sustained"]
        assert instrument.scale_notes and instrument.not_applicable_rule
        # "Strength" must not be reachable on one year of post-grant money: the band text says so.
        assert "beyond the first year" in instrument.bands[-1].meaning


def test_every_criterion_has_the_full_shape(instruments: tuple[Instrument, ...]) -> None:
    for instrument in instruments:
        for criterion in instrument.criteria:
            where = criterion.id
            assert len(criterion.levels) == 4, where
            assert len(set(criterion.levels)) == 4, f"{where}: descriptors must differ"
            assert len(criterion.evidence) >= 2, where
            assert len(criterion.next_steps) == 3 and all(criterion.next_steps), where
            # Next steps up from levels 1-3 each name who usually acts, and level 4 has a keep step with its sector.
            assert len(criterion.next_steps_by) == 3 and all(criterion.next_steps_by), where
            assert criterion.keep_steps and criterion.keep_by, where
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
    "a streamlined school-employer process": ("tech.wbl_process", "one employer agreement"),
    "capstone-to-college course alignment": ("tech.course_alignment", "articulat"),
    "clarity about allowable activities and compliance": ("tech.allowable_uses", "allowable"),
    "influential champions in every sector": ("pol.champions", "every sector"),
    "a shared regional vision tied to regional economic needs": ("pol.regional_vision", "labour-market"),
    "buy-in and reciprocal benefit for colleges": ("pol.college_benefit", "college"),
    "buy-in and reciprocal benefit for employers": ("pol.employer_benefit", "employers"),
    "depth of employer engagement": ("pol.employer_depth", "internships"),
    "public perception of CTE": ("pol.cte_reputation", "survey"),
    "communication of results": ("pol.communication", "results summary"),
    "trust": ("pol.trust", "commitments"),
    "shared language": ("pol.shared_language", "glossary"),
    "system-change habits": ("pol.system_change", "hiring panels"),
    "braided funding": ("org.braided_funding", "perkins"),
    "readiness to compete for new funds": ("org.new_funding", "joint application"),
    "shared-cost planning by year with shares, sources, ongoing or one-time": ("org.shared_cost", "one-time"),
}
ISSUE_FINDINGS = {
    "who controls the money (sub-granting vs regional investment, shared control)": ("org.money_control", "sub-grant"),
    "the lead as coach and boundary-spanner who takes risks": ("pol.lead_role", "risk"),
    "a neutral convener seen as legitimate by all partners": ("pol.convener", "convener"),
    "counselors absorbing brokering work": ("tech.student_supports", "counselors"),
    "wraparound supports students need": ("tech.student_supports", "wraparound"),
    "colleges' scant benefit, apart from employers": ("pol.college_benefit", "college"),
    "alignment with Strong Workforce and Guided Pathways": ("tech.college_initiatives", "guided pathways"),
    "planning for sustainability from the start": ("org.sustainability_planning", "first grant year"),
    "access and equity": ("tech.equity_access", "student group"),
    "public perception split: activity": ("pol.communication", "presented"),
    "public perception split: observable perception": ("pol.cte_reputation", "enrol"),
    "reciprocal benefit split: colleges": ("pol.college_benefit", "college"),
    "reciprocal benefit split: employers": ("pol.employer_benefit", "hired"),
    "braided funding split: combining existing sources": ("org.braided_funding", "existing programs"),
    "braided funding split: chasing new grants": ("org.new_funding", "new joint award"),
    "compliance: confusion over what the Education Code allows": ("tech.allowable_uses", "written guide"),
    "metrics agreements split: shared measures": ("tech.shared_metrics", "definitions"),
    "metrics agreements split: data-sharing agreements": ("tech.longitudinal_data", "signed"),
    "work-based learning: quality defined": ("tech.wbl_reach", "written standards"),
    "work-based learning: share made exact": ("tech.wbl_reach", "half of pathway seniors"),
    "trust made observable, rated by every sector": ("pol.trust", "every sector"),
    "governance level 4 credits shared control": ("org.governance", "jointly"),
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


def test_next_steps_by_must_match_next_steps(tmp_path: Path, technical_text: str) -> None:
    text = technical_text.replace(
        'next_steps_by = [["k12"], ["county_office", "rop"], ["k12", "county_office"]]',
        'next_steps_by = [["k12"], ["county_office", "rop"]]',
    )
    assert any("criteria[4].next_steps_by: 3 lists expected" in m for m in _messages(_write(tmp_path, text)))
    text = technical_text.replace('keep_by = ["k12"]', 'keep_by = ["schools"]', 1)
    assert any(".keep_by[0]:" in m for m in _messages(_write(tmp_path, text)))


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
