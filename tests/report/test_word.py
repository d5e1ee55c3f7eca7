"""The Word copy: the same sections and figures as the PDF, read back with an independent reader as Word would; every
XML part parses with a strict parser whatever text the plan holds, and a value it cannot write is a clean
``file: where: what`` with no file left behind (issue 24)."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from docx import Document as open_docx

from planner.core.assessment.analysis import PlanAnalysis, analyze
from planner.core.funding.decision import summarize_decision
from planner.core.model.document import Document
from planner.core.model.errors import PlannerFileError
from planner.core.model.money import format_dollars
from planner.core.model.rubric import Instrument
from planner.core.model.text import REPLACEMENT
from planner.core.storage.storage import parse_document, serialize_document
from planner.report import word
from planner.report.raster import ChartDrawingError
from planner.report.word import build_docx, render_docx_file
from tests.factories import team_document

pytestmark = pytest.mark.slow


def test_word_copy(demo_analysis: PlanAnalysis) -> None:
    analysis = demo_analysis
    word = open_docx(io.BytesIO(build_docx(analysis)))
    headings = [p.text for p in word.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    for heading in ("Decision brief", "The ask: what each partner is asked to pay", "If nothing is decided",
                    "Adoption and sign-off", "Signatures, one per partner", "Capacity profile", "Shared-cost plan",
                    "Who pays from which fund", "Risks to the plan", "If one partner withdraws",
                    "If: Tight state budget", "Action plan", "Appendix"):  # fmt: skip
        assert heading in headings, heading
    summary = summarize_decision(analysis.document, analysis.funding)
    cells = [[c.text for c in row.cells] for table in word.tables for row in table.rows]
    grid = summary.ask_dollars
    expected_total = [
        "Total",
        *(format_dollars(grid.years[y]) for y in summary.ask.years),
        format_dollars(grid.total),
        "100%",
    ]
    assert expected_total in cells
    for row in summary.ask.rows:
        assert [row.label, *(format_dollars(grid.cells[(row.key, y)]) for y in summary.ask.years),
                format_dollars(grid.rows[row.key]), f"{row.share}%"] in cells  # fmt: skip
    # One signature block per partner: its name as the header, then name, title, signature and date rows.
    for partner in analysis.document.partners:
        assert [partner.name, ""] in cells
    assert cells.count(["Signature", ""]) == len(analysis.document.partners)
    assert ["Name", "Dr. Imelda Ortiz-Kane"] in cells
    sources = {c[3] for c in cells if len(c) == 6}
    for commitment in analysis.document.commitments:
        assert commitment.source in sources
    pictures = word.inline_shapes
    # Capacity, heat strip, gap, fund mix, and one gap chart for each of the demo's two scenarios marked for print.
    assert len(pictures) == 7 and all(p._inline.docPr.get("descr") for p in pictures)


def test_word_copy_of_a_team_plan_names_no_one(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    word = open_docx(io.BytesIO(build_docx(analyze(team_document(demo), instruments))))
    text = " ".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    assert "Seen in practice at our sites." in text
    for name in ("Janelle Prewitt", "Kofi Marchetti", "Dana Whitcomb"):
        assert f"{name}:" not in text


def test_word_copy_carries_changes_and_review(instruments: tuple[Instrument, ...], demo: Document) -> None:
    from planner.core.assessment.compare import compare
    from planner.core.model.document import Review, ReviewStatus, Suggestion

    criterion = instruments[0].criteria[0].id
    review = Review(
        status=ReviewStatus.RETURNED,
        reviewer="Coach Rivera",
        suggestions={criterion: Suggestion(level=2, comment="Only one coordinator is budgeted.")},
    )
    before = analyze(demo, instruments)
    after = analyze(demo.model_copy(update={"review": review}), instruments)
    word = open_docx(io.BytesIO(build_docx(after, comparison=compare(before, after))))
    headings = [p.text for p in word.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    assert "What changed since the last plan" in headings and "Coach review" in headings
    cells = [c.text for t in word.tables for r in t.rows for c in r.cells]
    assert "Only one coordinator is budgeted." in cells


HOSTILE = "A\x0bB\x01C\x0cD\x1b[2J\ufffeE\uffff"


def strictly_parsed_parts(data: bytes) -> dict[str, ET.Element]:
    """Every XML part of an Office file, parsed by expat (which refuses any character XML 1.0 cannot hold)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {
            name: ET.fromstring(archive.read(name)) for name in archive.namelist() if name.endswith((".xml", ".rels"))
        }


def _hostile_file(demo: Document) -> bytes:
    raw = json.loads(serialize_document(demo))
    raw["profile"]["consortium_name"] = "Alder\x0bBasin"
    raw["partners"][0]["name"] = "North\x01College"
    ratings = raw["respondents"][0]["ratings"]
    ratings[next(iter(ratings))]["evidence"] = "Signed MOU\x0c2026"
    raw["scenarios"][0]["name"] = "Ridge\x0bline leaves"
    raw["cost_items"][0]["name"] = "Coordinator\x0bFTE"
    return json.dumps(raw).encode()


def test_a_plan_read_from_a_file_with_control_characters_makes_a_valid_word_copy(
    demo: Document, instruments: tuple[Instrument, ...], tmp_path: Path
) -> None:
    # Issue 24 points 3 and 5: the file's characters reached word/document.xml and docProps/core.xml (nothing could
    # open the copy), and the scenario's name broke the chart drawing with a traceback.
    document = parse_document(_hostile_file(demo), "plan.json")
    output = tmp_path / "plan.docx"
    render_docx_file(analyze(document, instruments), output)
    parts = strictly_parsed_parts(output.read_bytes())
    core = ET.tostring(parts["docProps/core.xml"], encoding="unicode")
    assert f"Alder{REPLACEMENT}Basin" in core
    body = ET.tostring(parts["word/document.xml"], encoding="unicode")
    assert f"Signed MOU{REPLACEMENT}2026" in body and f"North{REPLACEMENT}College" in body


def test_the_word_writer_replaces_what_xml_cannot_hold_even_past_the_door(
    demo: Document, instruments: tuple[Instrument, ...]
) -> None:
    # A document built in code, not read from a file, skips the door rule: the writer still writes a valid file.
    profile = demo.profile.model_copy(update={"consortium_name": HOSTILE})
    scenario = demo.scenarios[0].model_copy(update={"name": HOSTILE})
    partner = demo.partners[0].model_copy(update={"name": HOSTILE})
    document = demo.model_copy(
        update={
            "profile": profile,
            "scenarios": [scenario, *demo.scenarios[1:]],
            "partners": [partner, *demo.partners[1:]],
        }
    )
    parts = strictly_parsed_parts(build_docx(analyze(document, instruments)))
    assert "word/document.xml" in parts and "docProps/core.xml" in parts


def test_a_value_the_word_copy_cannot_hold_leaves_no_file(
    demo: Document, instruments: tuple[Instrument, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_svg: bytes | str, scale: float = 2.0) -> bytes:
        raise ChartDrawingError("the chart's drawing is not well-formed (test)")

    monkeypatch.setattr(word, "svg_to_png", broken)
    output = tmp_path / "plan.docx"
    with pytest.raises(PlannerFileError) as caught:
        render_docx_file(analyze(demo, instruments), output)
    assert caught.value.message.startswith(f"{output}: chart '")
    assert caught.value.message.endswith("the chart's drawing is not well-formed (test)")
    assert not output.exists() and list(tmp_path.iterdir()) == []
