"""The Excel workbook: reopened with openpyxl, its formulas evaluated in pure Python, against core's figures."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.cell.cell import Cell

from planner.core.assessment.analysis import PlanAnalysis, analyze
from planner.core.funding.decision import ask_table
from planner.core.funding.ledger import Baseline
from planner.core.interchange.workbook import MONEY_FORMAT, build_workbook, export_workbook, workbook_bytes
from planner.core.interchange.workbook_layout import (
    ACTION_SHEET,
    ASK_SHEET,
    COMMITMENT_SHEET,
    COST_SHEET,
    COUNTS_AS_COLUMN,
    GAP_SHEET,
    ITEM_GAP_SHEET,
    README_SHEET,
)
from planner.core.model.document import ActionItem, Document, Partner, Sector
from planner.core.model.rubric import Instrument
from tests.factories import large_document
from tests.workbook_eval import evaluate_workbook

D = Decimal
SHEETS = [README_SHEET, COST_SHEET, COMMITMENT_SHEET, ASK_SHEET, GAP_SHEET, ITEM_GAP_SHEET, ACTION_SHEET]


def _reopen(analysis: PlanAnalysis) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(workbook_bytes(analysis)))


_evaluate = evaluate_workbook


def _cents(value: Any) -> Decimal:
    return D(str(round(float(value), 2))).quantize(D("0.01"))


def test_demo_workbook_totals_match_core_when_evaluated(
    demo: Document, instruments: tuple[Instrument, ...], tmp_path: Path
) -> None:
    analysis = analyze(demo, instruments)
    path = tmp_path / "plan.xlsx"
    export_workbook(analysis, path)
    values = _evaluate(path)
    funding = analysis.funding
    gap = GAP_SHEET.upper()
    for row, year in enumerate(funding.years, 2):
        assert values[f"{gap}!A{row}"] == year.label
        assert _cents(values[f"{gap}!B{row}"]) == year.cost
        assert _cents(values[f"{gap}!C{row}"]) == year.committed
        assert _cents(values[f"{gap}!D{row}"]) == year.pledged
        assert _cents(values[f"{gap}!E{row}"]) == year.proposed
        assert _cents(values[f"{gap}!F{row}"]) == year.gap
        assert _cents(values[f"{gap}!G{row}"]) == year.gap_if_all_promised
    total_row = len(funding.years) + 2
    assert _cents(values[f"{gap}!B{total_row}"]) == funding.total_cost
    assert _cents(values[f"{gap}!F{total_row}"]) == funding.total_gap == D("586815.20")
    # Each item's shortfall in each year is the ledger's (committed money earmarked to its own item).
    by_item = ITEM_GAP_SHEET.upper()
    row = 2
    for iy in funding.items:
        for plan_year, cell in iy.years.items():
            assert values[f"{by_item}!A{row}"] == iy.item.id and values[f"{by_item}!C{row}"] == plan_year
            assert _cents(values[f"{by_item}!F{row}"]) == cell.committed
            assert _cents(values[f"{by_item}!I{row}"]) == cell.short()
            assert _cents(values[f"{by_item}!J{row}"]) == cell.short(Baseline.AS_PLANNED)
            row += 1
    # Each cost item's total and the cost sheet's grand total.
    costs = COST_SHEET.upper()
    total_column = "EFGH"[len(funding.years)]
    for row, item in enumerate(funding.items, 2):
        assert _cents(values[f"{costs}!{total_column}{row}"]) == item.total_cost
    assert _cents(values[f"{costs}!{total_column}{len(funding.items) + 2}"]) == funding.total_cost
    # The ask: each partner's still to commit, committed and total share; percentages of the plan's cost.
    ask = ask_table(funding.ledger)
    sheet = ASK_SHEET.upper()
    for row, ask_row in enumerate(ask.rows, 2):
        assert values[f"{sheet}!A{row}"] == ask_row.label
        assert _cents(values[f"{sheet}!E{row}"]) == ask_row.total.still_to_commit
        assert _cents(values[f"{sheet}!F{row}"]) == ask_row.total.committed
        assert _cents(values[f"{sheet}!G{row}"]) == ask_row.total.total_share
    ask_total = len(ask.rows) + 2
    assert _cents(values[f"{sheet}!E{ask_total}"]) == funding.ledger.still_to_commit
    assert _cents(values[f"{sheet}!G{ask_total}"]) == ask.total.total_share
    shares = [float(values[f"{sheet}!H{row}"]) for row in range(2, ask_total)]
    assert sum(shares) == pytest.approx(float(ask.total.total_share / funding.total_cost))
    commitments = COMMITMENT_SHEET.upper()
    assert _cents(values[f"{commitments}!G{len(demo.commitments) + 2}"]) == sum(
        (c.amount for c in demo.commitments), D(0)
    )


def test_a_changed_amount_moves_the_gap(demo: Document, instruments: tuple[Instrument, ...], tmp_path: Path) -> None:
    """What a budget officer does: raise a committed amount and watch the gap fall by as much."""
    path = tmp_path / "plan.xlsx"
    export_workbook(analyze(demo, instruments), path)
    book = openpyxl.load_workbook(path)
    sheet = book[COMMITMENT_SHEET]
    row = next(r for r in range(2, sheet.max_row) if sheet.cell(r, 1).value == "m-1")  # county, year 1, committed
    assert sheet.cell(row, 7).value == 64000
    sheet.cell(row, 7).value = 64000 + 30000
    book.save(path)
    values = _evaluate(path)
    assert _cents(values[f"{GAP_SHEET.upper()}!F2"]) == D("22000.00")  # 52,000 - 30,000


def test_a_commitment_typed_below_the_total_row_still_counts(
    demo: Document, instruments: tuple[Instrument, ...], tmp_path: Path
) -> None:
    """The gap formulas read whole columns: a budget officer who adds a commitment under the Total row is not
    silently left out (they once summed rows 2-25 only)."""
    path = tmp_path / "plan.xlsx"
    export_workbook(analyze(demo, instruments), path)
    before = _cents(_evaluate(path)[f"{GAP_SHEET.upper()}!F2"])
    book = openpyxl.load_workbook(path)
    sheet = book[COMMITMENT_SHEET]
    # A row for the cost item of m-1 (the county's year-1 commitment, an item still short), counted as committed
    # (column M: the ledger's status, what the item's gap reads).
    item = next(sheet.cell(r, 5).value for r in range(2, sheet.max_row) if sheet.cell(r, 1).value == "m-1")
    below = sheet.max_row + 2
    for column, value in ((5, item), (6, 1), (7, 10000), (8, "Committed"), (COUNTS_AS_COLUMN, "Committed")):
        sheet.cell(below, column).value = value
    book.save(path)
    assert _cents(_evaluate(path)[f"{GAP_SHEET.upper()}!F2"]) == before - 10000


def test_every_sheet_prints_one_page_wide_with_its_headings(
    demo: Document, instruments: tuple[Instrument, ...]
) -> None:
    book = _reopen(analyze(demo, instruments))
    for sheet in book.worksheets:
        assert sheet.sheet_properties.pageSetUpPr is not None and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0, sheet.title
        heading = "4" if sheet.title == README_SHEET else "1"
        assert sheet.print_title_rows == f"${heading}:${heading}", sheet.title
        assert sheet.freeze_panes is not None and sheet.freeze_panes[1:] == str(int(heading) + 1), sheet.title
    # Wrapped text gets rows tall enough to show it (LibreOffice and Excel draw it over the next row otherwise).
    readme = book[README_SHEET]
    long_note = next(r for r in range(1, readme.max_row + 1) if len(str(readme.cell(r, 2).value or "")) > 300)
    assert (readme.row_dimensions[long_note].height or 0) >= 45
    actions = book[ACTION_SHEET]
    longest = max(range(2, actions.max_row + 1), key=lambda r: len(str(actions.cell(r, 2).value)))
    assert (actions.row_dimensions[longest].height or 0) >= 30
    # The period reads as the plan writes it ("FY 2027-28", never "fY 2027-28").
    assert readme["A2"].value == "Shared-cost plan, FY 2027-28 to FY 2029-30"


def test_layout_formats_and_formula_ranges(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    analysis = analyze(demo, instruments)
    book = _reopen(analysis)
    assert book.sheetnames == SHEETS
    costs = book[COST_SHEET]
    assert costs.freeze_panes == "C2" and book[COMMITMENT_SHEET].freeze_panes == "B2"
    assert book[GAP_SHEET].freeze_panes == "A2" and book[ASK_SHEET].freeze_panes == "A2"
    header = costs["A1"]
    assert header.font.bold and header.fill.fgColor.rgb.endswith("1F4E79")
    assert [c.value for c in costs[1]] == [
        "ID",
        "Cost item",
        "Category",
        "Priority",
        "FY 2027-28 (year 1 after the grant)",
        "FY 2028-29 (year 2 after the grant)",
        "FY 2029-30 (year 3 after the grant)",
        "Total",
    ]
    items = len(demo.cost_items)
    assert costs["E2"].number_format == MONEY_FORMAT and costs["E2"].value == 128000
    assert costs["H2"].value == "=SUM(E2:G2)"
    assert costs[f"B{items + 2}"].value == "Total" and costs[f"A{items + 2}"].value is None
    assert costs[f"E{items + 2}"].value == f"=SUM(E2:E{items + 1})"
    gap = book[GAP_SHEET]
    assert gap["B2"].value == f"='Cost items'!E{items + 2}"
    rows = items * 3 + 1
    assert gap["C3"].value == f"=SUMIFS('Gap by item'!$F$2:$F${rows},'Gap by item'!$C$2:$C${rows},2)"
    # What counts as committed is the ledger's status (column M), not the status as written; the Commitments columns
    # are whole columns, so a commitment typed below the Total row still counts.
    assert book[ITEM_GAP_SHEET]["F2"].value == (
        "=SUMIFS('Commitments'!$G:$G,'Commitments'!$E:$E,A2,'Commitments'!$F:$F,C2,'Commitments'!$M:$M,\"Committed\")"
    )
    assert gap["F4"].value == f"=SUMIFS('Gap by item'!$I$2:$I${rows},'Gap by item'!$C$2:$C${rows},3)"
    assert book[ITEM_GAP_SHEET]["I2"].value == "=MAX(0,E2-F2)"
    assert book[ITEM_GAP_SHEET]["J2"].value == "=MAX(0,E2-F2-G2-H2)"
    assert gap["F5"].value == "=SUM(F2:F4)" and gap["F5"].number_format == MONEY_FORMAT
    readme = [str(c.value) for row in book[README_SHEET].iter_rows() for c in row if c.value]
    assert any("Committed money pays only the cost item it was committed to" in text for text in readme)
    assert all(any(text == name for text in readme) for name in SHEETS[1:])
    actions = book[ACTION_SHEET]
    assert actions["B2"].value == demo.actions[0].action and actions["E2"].number_format == "yyyy-mm-dd"


def test_user_text_is_never_a_formula(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    hostile = {
        '=HYPERLINK("http://evil.example","click")': "cost item name",
        "+1-2": "source",
        "@SUM(1)": "partner name",
        "-2+3": "action",
        "\tcmd": "source",
    }
    item = demo.cost_items[0].model_copy(update={"name": '=HYPERLINK("http://evil.example","click")'})
    commitment = demo.commitments[0].model_copy(update={"source": "+1-2"})
    tabbed = demo.commitments[1].model_copy(update={"source": "\tcmd"})
    partners = [demo.partners[0].model_copy(update={"name": "@SUM(1)"}), *demo.partners[1:]]
    actions = [
        ActionItem(id="a-x", action="-2+3"),
        ActionItem(id="a-z", action="bell\x07 and nul\x00 inside"),
    ]
    document = demo.model_copy(
        update={
            "cost_items": [item, *demo.cost_items[1:]],
            "commitments": [commitment, tabbed, *demo.commitments[2:]],
            "partners": partners,
            "actions": actions,
        }
    )
    book = _reopen(analyze(document, instruments))
    found: dict[str, Cell] = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert isinstance(cell, Cell)
                if isinstance(cell.value, str) and cell.value in hostile:
                    found[cell.value] = cell
                if cell.data_type == "f":  # only the workbook's own formulas
                    assert re.fullmatch(
                        r"=(SUM|SUMIFS|MAX|IF)\(.*\)|='Cost items'![A-Z]+[0-9]+|=[A-Z]+[0-9]+\+[A-Z]+[0-9]+",
                        str(cell.value),
                    )
    assert set(found) == set(hostile)
    for cell in found.values():
        assert cell.data_type == "s" and cell.quotePrefix
    assert book[ACTION_SHEET]["B3"].value == "bell\ufffd and nul\ufffd inside"


def test_an_empty_plan_still_has_working_formulas(
    demo: Document, instruments: tuple[Instrument, ...], tmp_path: Path
) -> None:
    empty = demo.model_copy(update={"cost_items": [], "commitments": [], "actions": []})
    path = tmp_path / "empty.xlsx"
    export_workbook(analyze(empty, instruments), path)
    values = _evaluate(path)
    assert [_cents(values[f"{GAP_SHEET.upper()}!F{row}"]) for row in (2, 3, 4, 5)] == [D("0.00")] * 4


def test_partner_names_in_commitments_and_formula_ranges_on_the_large_plan(
    instruments: tuple[Instrument, ...],
) -> None:
    document = large_document(instruments)
    book, layout = build_workbook(analyze(document, instruments))
    assert layout.years == (1, 2, 3, 4, 5) and layout.commitment_rows == (2, 2001)
    commitments = book[COMMITMENT_SHEET]
    assert commitments["B2"].value == document.partner(document.commitments[0].partner_id).name  # type: ignore[union-attr]
    assert commitments["G2002"].value == "=SUM(G2:G2001)"
    gap = book[GAP_SHEET]
    assert gap["B6"].value == f"='Cost items'!I{layout.cost_total_row}" and layout.cost_total_row == 62
    assert gap["C6"].value == "=SUMIFS('Gap by item'!$F$2:$F$301,'Gap by item'!$C$2:$C$301,5)"
    assert "'Commitments'!$G:$G" in str(book[ITEM_GAP_SHEET]["F301"].value) and layout.item_gap_rows == (2, 301)


def test_partner_named_like_a_sheet_reference(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    odd = Partner(id="p-odd", name="Cost items'!A1", sector=Sector.OTHER)
    book = _reopen(analyze(demo.model_copy(update={"partners": [*demo.partners, odd]}), instruments))
    assert book[COMMITMENT_SHEET]["B2"].data_type == "s"


def test_every_part_of_the_workbook_parses_strictly_whatever_text_the_plan_holds(
    demo: Document, instruments: tuple[Instrument, ...]
) -> None:
    from tests.report.test_word import HOSTILE, strictly_parsed_parts

    # Read from a file, the door rule has replaced the characters; built in code, the writer replaces them itself.
    item = demo.cost_items[0].model_copy(update={"name": HOSTILE})
    partner = demo.partners[0].model_copy(update={"name": HOSTILE})
    action = demo.actions[0].model_copy(update={"action": HOSTILE})
    profile = demo.profile.model_copy(update={"consortium_name": HOSTILE})
    document = demo.model_copy(
        update={
            "cost_items": [item, *demo.cost_items[1:]],
            "partners": [partner, *demo.partners[1:]],
            "actions": [action, *demo.actions[1:]],
            "profile": profile,
        }
    )
    parts = strictly_parsed_parts(workbook_bytes(analyze(document, instruments)))
    assert sum(name.startswith("xl/worksheets/sheet") for name in parts) == len(SHEETS)  # one part per sheet
