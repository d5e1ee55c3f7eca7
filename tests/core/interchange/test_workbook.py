"""The Excel workbook: reopened with openpyxl, its formulas evaluated in pure Python, against core's figures."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import formulas
import openpyxl
import pytest
from openpyxl.cell.cell import Cell

from planner.core.assessment.analysis import PlanAnalysis, analyze
from planner.core.funding.decision import ask_table, usable_commitments
from planner.core.interchange.workbook import MONEY_FORMAT, build_workbook, export_workbook, workbook_bytes
from planner.core.interchange.workbook_layout import (
    ACTION_SHEET,
    ASK_SHEET,
    COMMITMENT_SHEET,
    COST_SHEET,
    GAP_SHEET,
    README_SHEET,
)
from planner.core.model.document import ActionItem, Document, Partner, Sector
from planner.core.model.rubric import Instrument
from tests.factories import large_document

D = Decimal
SHEETS = [README_SHEET, COST_SHEET, COMMITMENT_SHEET, ASK_SHEET, GAP_SHEET, ACTION_SHEET]


def _reopen(analysis: PlanAnalysis) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(workbook_bytes(analysis)))


def _evaluate(path: Path) -> dict[str, Any]:
    """Every cell's value after evaluating the workbook's formulas, keyed like "FUNDING GAP!F2"."""
    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
    values = {}
    for key, ranges in solution.items():
        match = re.fullmatch(r"'\[[^\]]+\]([^']+)'!([A-Z]+[0-9]+)", key)
        if match:
            values[f"{match[1]}!{match[2]}"] = ranges.value[0][0]
    return values


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
    # Each cost item's total and the cost sheet's grand total.
    costs = COST_SHEET.upper()
    total_column = "EFGH"[len(funding.years)]
    for row, item in enumerate(funding.items, 2):
        assert _cents(values[f"{costs}!{total_column}{row}"]) == item.total_cost
    assert _cents(values[f"{costs}!{total_column}{len(funding.items) + 2}"]) == funding.total_cost
    # The ask: each partner's total, the grand total and shares that add up to one.
    ask = ask_table(demo, funding, usable_commitments(demo))
    sheet = ASK_SHEET.upper()
    for row, ask_row in enumerate(ask.rows, 2):
        assert values[f"{sheet}!A{row}"] == ask_row.label
        assert _cents(values[f"{sheet}!E{row}"]) == ask_row.total.total
    ask_total = len(ask.rows) + 2
    assert _cents(values[f"{sheet}!E{ask_total}"]) == ask.total.total
    shares = [float(values[f"{sheet}!F{row}"]) for row in range(2, ask_total)]
    assert sum(shares) == pytest.approx(1.0)
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
        "Year 1 (FY 2027-28)",
        "Year 2 (FY 2028-29)",
        "Year 3 (FY 2029-30)",
        "Total",
    ]
    items = len(demo.cost_items)
    assert costs["E2"].number_format == MONEY_FORMAT and costs["E2"].value == 128000
    assert costs["H2"].value == "=SUM(E2:G2)"
    assert costs[f"B{items + 2}"].value == "Total" and costs[f"A{items + 2}"].value is None
    assert costs[f"E{items + 2}"].value == f"=SUM(E2:E{items + 1})"
    last = len(demo.commitments) + 1
    gap = book[GAP_SHEET]
    assert gap["B2"].value == f"='Cost items'!E{items + 2}"
    assert gap["C3"].value == (
        f"=SUMIFS('Commitments'!$G$2:$G${last},'Commitments'!$F$2:$F${last},2,'Commitments'!$H$2:$H${last},"
        '"Committed")'
    )
    assert gap["F4"].value == "=MAX(0,B4-C4)" and gap["G2"].value == "=MAX(0,B2-C2-D2-E2)"
    assert gap["F5"].value == "=SUM(F2:F4)" and gap["F5"].number_format == MONEY_FORMAT
    readme = [str(c.value) for row in book[README_SHEET].iter_rows() for c in row if c.value]
    assert any("Only committed money" in text and "closes a gap" in text for text in readme)
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
                    assert re.fullmatch(r"=(SUM|SUMIFS|MAX|IF)\(.*\)|='Cost items'![A-Z]+[0-9]+", str(cell.value))
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
    assert "$G$2:$G$2001" in str(gap["C6"].value) and ",5," in str(gap["C6"].value)


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
    assert sum(name.startswith("xl/worksheets/sheet") for name in parts) == 6
