"""The Word copy is the whole plan: the PDF's headings, tables and charts (read back with an independent reader, as
Word would), with Word's own header, footer, contents and editable styles, in a form Word itself (stricter than
LibreOffice) accepts; every XML part parses with a strict parser whatever text the plan holds, and a value it
cannot write is a clean ``file: where: what`` with no file left behind (issue 24)."""

from __future__ import annotations

import io
import itertools
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document as open_docx
from lxml import etree
from lxml import html as lxml_html
from PIL import Image

from planner.core.assessment.analysis import PlanAnalysis, analyze
from planner.core.funding.decision import summarize_decision
from planner.core.model.document import Adoption, Document
from planner.core.model.errors import PlannerFileError
from planner.core.model.money import format_dollars
from planner.core.model.rubric import Instrument
from planner.core.model.text import REPLACEMENT
from planner.core.storage.storage import parse_document, serialize_document
from planner.report import word
from planner.report.html import plan_html
from planner.report.word import TABLE_STYLE, ChartDrawingError, build_docx, render_docx_file, svg_to_png
from tests.factories import team_document

pytestmark = pytest.mark.slow


def test_word_copy(demo_analysis: PlanAnalysis) -> None:
    analysis = demo_analysis
    word = open_docx(io.BytesIO(build_docx(analysis)))
    headings = [p.text for p in word.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    for heading in ("Decision brief", "The ask: what each partner is still to commit, by fiscal year",
                    "If nothing is decided",
                    "Adoption and sign-off", "Signatures, one per partner", "Capacity profile", "Shared-cost plan",
                    "Who pays from which fund", "Risks to the plan", "If one partner withdraws (committed only)",
                    "If: Tight state budget", "Action plan", "Appendix"):  # fmt: skip
        assert heading in headings, heading
    summary = summarize_decision(analysis.document, analysis.funding)
    cells = [[c.text for c in row.cells] for table in word.tables for row in table.rows]
    grid = summary.ask_dollars
    expected_total = [
        "Total",
        *(format_dollars(grid.years[y]) for y in summary.ask.years),
        *(format_dollars(f) for f in (grid.total, grid.committed_total, grid.total_share_total)),
        "100%",
    ]
    assert expected_total in cells
    for row in summary.ask.rows:
        assert [row.label, *(format_dollars(grid.cells[(row.key, y)]) for y in summary.ask.years),
                *(format_dollars(f) for f in (grid.rows[row.key], grid.committed[row.key], grid.total_share[row.key])),
                f"{row.percent}%"] in cells  # fmt: skip
    # One signature block per partner: its name as the header (one cell over both columns), then name, title,
    # signature and date rows.
    for partner in analysis.document.partners:
        assert [partner.name, partner.name] in cells
    assert cells.count(["Signature", ""]) == len(analysis.document.partners)
    assert ["Name", "Dr. Imelda Ortiz-Kane"] in cells
    sources = {c[3] for c in cells if len(c) == 6}
    for commitment in analysis.document.commitments:
        assert commitment.source in sources
    pictures = word.inline_shapes
    # Capacity (in the brief and the profile), heat strip, the three capacities' targets, gap, fund mix, and one gap
    # chart for each of the demo's two scenarios marked for print: every chart of the PDF.
    assert len(pictures) == 10 and all(p._inline.docPr.get("descr") for p in pictures)


def test_word_copy_of_a_team_plan_names_no_one(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    word = open_docx(io.BytesIO(build_docx(analyze(team_document(demo), instruments))))
    text = " ".join([c.text for t in word.tables for r in t.rows for c in r.cells] + [p.text for p in word.paragraphs])
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


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


@pytest.fixture(scope="module")
def demo_docx(demo_analysis: PlanAnalysis) -> bytes:
    return build_docx(demo_analysis)


def _html_outline(html: str) -> list[tuple[int, str]]:
    """The plan's headings as the PDF prints them, less the cover's title and the contents page's heading."""
    root = lxml_html.document_fromstring(html)
    return [
        (int(h.tag[1]), re.sub(r"\s+", " ", h.text_content()).strip())
        for h in root.iter("h1", "h2", "h3")
        if not {"cover-title", "toc-title"} & set((h.get("class") or "").split())
    ]


def _word_outline(word: Any) -> list[tuple[int, str]]:
    return [
        (int(p.style.name[-1]), p.text)
        for p in word.paragraphs
        if p.style is not None and re.fullmatch(r"Heading [1-3]", p.style.name)
    ]


def test_same_headings_order_and_charts_as_the_pdf(demo_analysis: PlanAnalysis, demo_docx: bytes) -> None:
    html = plan_html(demo_analysis)
    word = open_docx(io.BytesIO(demo_docx))
    outline = _word_outline(word)
    assert outline == _html_outline(html)
    # The parts the first Word copy left out are there.
    texts = {text for _level, text in outline}
    assert {"Strengths", "Priorities and next steps", "Warnings"} <= texts
    cells = [c.text for t in word.tables for r in t.rows for c in r.cells]
    assert "Overall readiness" in cells
    # Every chart of the PDF, in the same order, with the same text alternative.
    alts = [img.get("alt") for img in lxml_html.document_fromstring(html).iter("img")]
    assert [shape._inline.docPr.get("descr") for shape in word.inline_shapes] == alts


def test_cover_table_is_the_pdfs(demo_analysis: PlanAnalysis, demo_docx: bytes) -> None:
    word = open_docx(io.BytesIO(demo_docx))
    cover = [[c.text for c in row.cells] for row in word.tables[0].rows]
    assert cover[0] == ["Plan period", "FY 2027-28 to FY 2029-30"]  # no empty first row
    labels = [row[0] for row in cover]
    for label in ("Region", "Grant tier", "Grant period", "Grant award", "Fiscal agent", "Prepared"):
        assert label in labels
    profile = demo_analysis.document.profile
    assert ["Region", profile.region] in cover


def _parts(docx: bytes) -> dict[str, Any]:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return {
            name: etree.fromstring(package.read(name))
            for name in package.namelist()
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name)
        }


def _instructions(element: Any) -> list[str]:
    return [t.text.strip() for t in element.iter(f"{W}instrText")]


def test_header_footer_and_contents_are_word_fields(demo_docx: bytes, demo_analysis: PlanAnalysis) -> None:
    word = open_docx(io.BytesIO(demo_docx))
    section = word.sections[0]
    assert "Draft for the committee's vote" in section.header.paragraphs[0].text
    assert demo_analysis.document.profile.consortium_name in section.header.paragraphs[0].text
    parts = _parts(demo_docx)
    footers = [part for name, part in parts.items() if name.startswith("word/footer")]
    assert any(_instructions(f) == ["PAGE", "NUMPAGES"] for f in footers)
    body = parts["word/document.xml"]
    assert any(i.startswith("TOC ") for i in _instructions(body))
    # The contents shows the plan's parts before Word fills in the page numbers.
    texts = [p.text for p in word.paragraphs]
    contents = texts.index("Contents")
    assert texts[contents + 1] == "Decision brief"


def test_adopted_plan_says_so_in_the_running_header(
    instruments: tuple[Instrument, ...], demo_analysis: PlanAnalysis
) -> None:
    document: Document = demo_analysis.document
    adopted = document.model_copy(update={"adoption": Adoption(adopted_on=date(2027, 5, 20))})
    word = open_docx(io.BytesIO(build_docx(analyze(adopted, instruments))))
    assert "Adopted on May 20, 2027" in word.sections[0].header.paragraphs[0].text


def test_styles_a_committee_can_edit(demo_docx: bytes) -> None:
    word = open_docx(io.BytesIO(demo_docx))
    used = {p.style.name for p in word.paragraphs if p.style is not None}
    assert {"Heading 1", "Heading 2", "Heading 3", "Title", "List Number", "List Bullet"} <= used
    assert word.tables and all(t.style is not None and t.style.name == TABLE_STYLE for t in word.tables)
    assert word.styles[TABLE_STYLE].base_style.name == "Table Grid"
    # A table's heading row repeats on each page it runs onto.
    body = _parts(demo_docx)["word/document.xml"]
    assert len(body.findall(f".//{W}tblHeader")) >= 20


def test_word_accepts_it(demo_docx: bytes) -> None:
    """What Word checks and LibreOffice forgives: every table cell ends with a paragraph, and every drawing's id
    is unique across the body, the headers and the footers."""
    parts = _parts(demo_docx)
    for name, part in parts.items():
        for cell in part.iter(f"{W}tc"):
            assert cell[-1].tag == f"{W}p", name
    ids = [d.get("id") for part in parts.values() for d in part.iter(f"{WP}docPr")]
    assert len(ids) == 10 and len(set(ids)) == len(ids)
    # No two tables touch (Word would join them into one).
    body = parts["word/document.xml"].find(f"{W}body")
    kinds = [child.tag for child in body]
    assert not any(a == b == f"{W}tbl" for a, b in itertools.pairwise(kinds))


def test_paper_size_follows_the_choice(demo_analysis: PlanAnalysis) -> None:
    word = open_docx(io.BytesIO(build_docx(demo_analysis, paper="a4")))
    section = word.sections[0]
    assert section.page_width is not None and round(section.page_width.mm) == 210
    assert section.page_height is not None and round(section.page_height.mm) == 297


def test_charts_are_drawn_with_their_labels() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20"><text x="2" y="15" '
        'font-family="DejaVu Sans" font-size="12" fill="#1f2933">$1,235</text></svg>'
    )
    image = Image.open(io.BytesIO(svg_to_png(svg))).convert("L")
    assert image.size == (120, 40)  # drawn at twice the size, sharp in print
    darkest, lightest = image.getextrema()
    assert isinstance(darkest, int) and isinstance(lightest, int)
    assert darkest < 100 and lightest == 255  # the label is drawn, on white


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


def test_a_drawing_resvg_cannot_read_is_a_chart_drawing_error() -> None:
    with pytest.raises(ChartDrawingError):
        svg_to_png("<svg xmlns='http://www.w3.org/2000/svg' width='10'")  # not well-formed
