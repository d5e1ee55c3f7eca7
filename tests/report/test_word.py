"""The Word copy: the same sections and figures as the PDF, read back with an independent reader as Word would."""

from __future__ import annotations

import io

import pytest
from docx import Document as open_docx

from planner.core.assessment.analysis import PlanAnalysis, analyze
from planner.core.funding.decision import summarize_decision
from planner.core.model.document import Document
from planner.core.model.money import format_dollars
from planner.core.model.rubric import Instrument
from planner.report.word import build_docx
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
