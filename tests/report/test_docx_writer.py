"""The small .docx writer: what Word insists on (a paragraph ends every cell, unique drawing ids), read back with
python-docx as an independent reader."""

from __future__ import annotations

import io
import zipfile

from docx import Document as open_docx

from planner.core.assessment.analysis import PlanAnalysis
from planner.report.charts import gap_chart
from planner.report.docx_writer import WordWriter
from planner.report.raster import svg_to_png


def _written(analysis: PlanAnalysis | None = None) -> bytes:
    doc = WordWriter("A <plan> & more", "Alder & Co")
    doc.heading("Title here", 0)
    doc.heading("Section", 1)
    doc.paragraph("Plain <b>text</b> & an ampersand", bold=True)
    doc.numbered(["first", "second"])
    doc.table(["Partner", "Amount"], [["County", "$1"], ["Total", "$1"]], numeric_from=1, bold_last=True)
    doc.table(["Name"], [["Signature"]], tall_rows={0: 0.5})
    if analysis is not None:
        png = svg_to_png(gap_chart(analysis.funding.years))
        doc.picture(png, 6.0, "Gap by year")
        doc.picture(png, 3.0, "Gap again")
    doc.page_break()
    return doc.to_bytes()


def test_text_is_escaped_and_styles_are_real_headings() -> None:
    word = open_docx(io.BytesIO(_written()))
    styles = [(p.style.name if p.style is not None else "", p.text) for p in word.paragraphs if p.text]
    assert ("Title", "Title here") in styles and ("Heading 1", "Section") in styles
    assert any(text == "Plain <b>text</b> & an ampersand" for _style, text in styles)
    assert [t for _s, t in styles if t.startswith(("1.", "2."))] == ["1.\tfirst", "2.\tsecond"]
    assert word.core_properties.title == "A <plan> & more" and word.core_properties.author == "Alder & Co"


def test_tables_repeat_their_header_and_every_cell_ends_with_a_paragraph() -> None:
    data = _written()
    word = open_docx(io.BytesIO(data))
    assert [[c.text for c in r.cells] for r in word.tables[0].rows] == [
        ["Partner", "Amount"],
        ["County", "$1"],
        ["Total", "$1"],
    ]
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert xml.count("<w:tblHeader/>") == 2
    assert xml.count("<w:tc>") == xml.count("</w:p></w:tc>")  # Word refuses a cell without a closing paragraph
    assert 'w:hRule="atLeast"' in xml


def test_pictures_get_unique_ids_alt_text_and_their_aspect(demo_analysis: PlanAnalysis) -> None:
    data = _written(demo_analysis)
    word = open_docx(io.BytesIO(data))
    shapes = word.inline_shapes
    assert [s._inline.docPr.get("descr") for s in shapes] == ["Gap by year", "Gap again"]
    assert len({s._inline.docPr.get("id") for s in shapes}) == 2
    assert shapes[0].width == 2 * shapes[1].width
    assert abs(shapes[0].height / shapes[0].width - shapes[1].height / shapes[1].width) < 0.01
    assert len([n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.endswith(".png")]) == 2
