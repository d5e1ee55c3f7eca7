from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.core.errors import PlannerFileError
from planner.core.reference import round_one_consortia
from planner.core.rubric import Instrument, instrument_file_problems, load_instrument, load_instruments
from planner.resources import data_dir

RUBRICS = data_dir("rubrics")


def test_bundled_instruments_cover_three_domains(instruments: tuple[Instrument, ...]) -> None:
    assert [i.id for i in instruments] == ["organizational", "technical", "political"]
    for instrument in instruments:
        assert 6 <= len(instrument.criteria) <= 10
        assert [s.label for s in instrument.scale] == ["Not yet in place", "Emerging", "Established", "Sustained"]
        for criterion in instrument.criteria:
            assert len(criterion.levels) == 4
            assert len(criterion.next_steps) == 3
            assert criterion.evidence


def test_domain_checklist_is_covered(instruments: tuple[Instrument, ...]) -> None:
    text = " ".join(c.title + " " + c.summary for i in instruments for c in i.criteria).lower()
    for topic in [
        "coordination",
        "intermediary",
        "steering committee",
        "shared-cost",
        "turnover",
        "lcap",
        "transportation",
        "middle managers",
        "longitudinal",
        "data-sharing",
        "credential",
        "dual enrollment",
        "work-based learning",
        "capstone",
        "allowable",
        "champions",
        "regional",
        "employer",
        "perception",
        "trust",
        "system",
        "braided",
    ]:
        assert topic in text or topic.replace("-", " ") in text, topic


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
    text = technical_text.replace('id = "tech.analytics"', 'id = "tech.teachers"')
    messages = _messages(_write(tmp_path, text))
    assert any("criteria[3].id: duplicate id 'tech.teachers' (also criteria[2])" in m for m in messages)


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


def test_round_one_list() -> None:
    consortia = round_one_consortia()
    assert len(consortia) == 39
    total = sum(c.award for c in consortia)
    assert 240_000_000 < total < 260_000_000  # the report puts Round One at about $250 million
    assert {c.region for c in consortia} == {"Northern", "Central", "Southern", "All"}
