"""A real office suite reads what the planner writes: LibreOffice (headless) converts the Word copy and recalculates
the workbook, as a committee member's or budget officer's machine would.

LibreOffice comes from Debian (libreoffice-writer-nogui, libreoffice-calc-nogui); .ci/run installs it. Where it is
absent these tests skip and say so, except in CI, where they fail. Each run uses a fresh profile
(-env:UserInstallation) and converts each format once.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from planner.core.assessment.analysis import PlanAnalysis, analyze
from planner.core.interchange.workbook import export_workbook
from planner.core.interchange.workbook_layout import GAP_SHEET
from planner.core.model.rubric import Instrument
from planner.report.html import plan_html
from planner.report.word import render_docx_file

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
MISSING = "LibreOffice is not installed (Debian: libreoffice-writer-nogui, libreoffice-calc-nogui; .ci/run installs it)"
if SOFFICE is None and os.environ.get("CI") == "true":
    raise RuntimeError(f"CI must run the real-client tests: {MISSING}")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(SOFFICE is None, reason=MISSING)]

# A fresh profile that recalculates every formula when it opens a workbook (LibreOffice's default for .xlsx is to
# trust the values stored in the file, and openpyxl stores none).
RECALCULATE_ON_LOAD = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""
ERROR_VALUE = re.compile(r"^(#[A-Z0-9/]+[!?]?|#N/A|Err:\d+)$")


def _convert(source: Path, target: str, folder: Path) -> tuple[Path, str]:
    """``source`` converted by LibreOffice into ``folder``; the converted file and what LibreOffice printed."""
    profile = folder / "profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALCULATE_ON_LOAD, "utf-8")
    out = folder / "out"
    assert SOFFICE is not None
    command = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
    done = subprocess.run(
        [*command, "--convert-to", target, "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    converted = out / f"{source.stem}.{target.split(':')[0]}"
    assert done.returncode == 0 and converted.is_file(), done.stdout + done.stderr
    return converted, done.stdout + done.stderr


@pytest.fixture(scope="module")
def demo_analysis(instruments: tuple[Instrument, ...]) -> PlanAnalysis:
    from planner.core.storage.demo import demo_document

    return analyze(demo_document(instruments), instruments)


@pytest.fixture(scope="module")
def word_as_pdf(demo_analysis: PlanAnalysis, tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, str]:
    folder = tmp_path_factory.mktemp("word")
    render_docx_file(demo_analysis, folder / "plan.docx")
    pdf, said = _convert(folder / "plan.docx", "pdf", folder)
    return pdf.read_bytes(), said


@pytest.fixture(scope="module")
def recalculated(demo_analysis: PlanAnalysis, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, str]:
    folder = tmp_path_factory.mktemp("workbook")
    export_workbook(demo_analysis, folder / "plan.xlsx")
    book, said = _convert(folder / "plan.xlsx", "xlsx", folder)
    return openpyxl.load_workbook(book, data_only=True), said


def _outline(entries: list[Any], level: int = 1) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for entry in entries:
        if isinstance(entry, list):
            found.extend(_outline(entry, level + 1))
        else:
            found.append((level, str(entry.title)))
    return found


def test_word_copy_converts_with_the_pdfs_headings(word_as_pdf: tuple[bytes, str], demo_analysis: PlanAnalysis) -> None:
    pdf, said = word_as_pdf
    assert "error" not in said.lower(), said
    reader = PdfReader(io.BytesIO(pdf))
    root = lxml_html.document_fromstring(plan_html(demo_analysis))
    expected = [
        (int(h.tag[1]), re.sub(r"\s+", " ", h.text_content()).strip())
        for h in root.iter("h1", "h2", "h3")
        if not {"cover-title", "toc-title"} & set((h.get("class") or "").split())
    ]
    assert _outline(reader.outline) == expected
    # LibreOffice fills in the footer's fields: "Page 2 of N" on the second page.
    pages = len(reader.pages)
    assert f"Page 2 of {pages}" in (reader.pages[1].extract_text() or "")
    assert "Draft for the committee's vote" in (reader.pages[1].extract_text() or "")


def test_workbook_recalculates_to_cores_figures(recalculated: tuple[Any, str], demo_analysis: PlanAnalysis) -> None:
    book, said = recalculated
    assert "error" not in said.lower(), said
    errors = [
        f"{sheet.title}!{cell.coordinate}: {cell.value}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and ERROR_VALUE.match(cell.value)
    ]
    assert errors == []
    gap = book[GAP_SHEET]
    for row, year in enumerate(demo_analysis.funding.years, 2):
        shown = [round(float(gap.cell(row, column).value), 2) for column in range(2, 7)]
        assert shown == [float(v) for v in (year.cost, year.committed, year.pledged, year.proposed, year.gap)]
    total = len(demo_analysis.funding.years) + 2
    assert round(float(gap.cell(total, 6).value), 2) == float(demo_analysis.funding.total_gap)
