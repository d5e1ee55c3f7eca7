"""The shared-cost plan as an Excel workbook, for the budget office: what it holds and how it is laid out.

Budget officers keep budgets in Excel, so the workbook is a working copy, not a picture: totals and gaps are
live formulas (change an amount and the gap moves), money cells carry a currency format, header rows are
frozen. Cost items and commitments keep their ids so that :mod:`planner.core.interchange.workbook_import` can read the
edited sheets back; :mod:`planner.core.interchange.workbook_layout` is the one contract between the two.

User text is data, never a formula: every text cell is written as a string (and marked with Excel's quote
prefix when it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return), and characters XML cannot hold
are replaced.

openpyxl is imported by this module only; nothing on the app's start-up path imports it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from planner.core.assessment.analysis import PlanAnalysis
from planner.core.funding.costs import plan_period, year_label
from planner.core.funding.decision import ask_table
from planner.core.funding.ledger import (
    BASELINE_EXPLANATIONS,
    COMMITTED,
    DEFINITIONS,
    PERCENT_BASE,
    STILL_TO_COMMIT,
    TOTAL_SHARE,
    Baseline,
)
from planner.core.funding.years import year_label_long
from planner.core.interchange.workbook_layout import (
    ACTION_SHEET,
    ASK_SHEET,
    COMMITMENT_COLUMN,
    COMMITMENT_COLUMNS,
    COMMITMENT_SHEET,
    COST_COLUMNS,
    COST_FIRST_YEAR_COLUMN,
    COST_SHEET,
    COUNTS_AS_COLUMN,
    COUNTS_AS_TITLE,
    FIRST_ROW,
    GAP_SHEET,
    HEADER_ROW,
    ITEM_GAP_SHEET,
    README_SHEET,
    TOTAL_LABEL,
    WHY_COLUMN,
)
from planner.core.storage.files import atomic_write

MONEY_FORMAT = '"$"#,##0.00'
PERCENT_FORMAT = "0.0%"
DATE_FORMAT = "yyyy-mm-dd"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
TOTAL_FONT = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")

# Excel would read a cell starting with these as a formula if someone re-enters it; openpyxl would write "=..." as one.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 cannot carry (openpyxl refuses them); a plan's free text could hold one pasted from elsewhere.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _cell(sheet: Worksheet, row: int, column: int, value: int | str | None = None) -> Cell:
    cell = sheet.cell(row, column, value)
    assert isinstance(cell, Cell)  # this module merges no cells
    return cell


def put_text(cell: Cell, text: str) -> None:
    """Write user text as text: never a formula, whatever it starts with."""
    clean = _NOT_IN_XML.sub("\ufffd", text)
    cell.value = clean
    cell.data_type = "s"  # openpyxl makes a string that starts with "=" a formula; this keeps it a string
    if clean.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True  # and Excel shows it as typed text, as if entered with a leading apostrophe


def _put_money(cell: Cell, value: Decimal | str) -> None:
    cell.value = value
    cell.number_format = MONEY_FORMAT


def _header(sheet: Worksheet, titles: Sequence[str], widths: Sequence[int], freeze: str = "A2") -> None:
    for column, (title, width) in enumerate(zip(titles, widths, strict=True), 1):
        cell = _cell(sheet, HEADER_ROW, column)
        put_text(cell, title)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = freeze


def _total_label(sheet: Worksheet, row: int) -> None:
    cell = _cell(sheet, row, 2)
    put_text(cell, TOTAL_LABEL)
    cell.font = TOTAL_FONT


def data_rows(count: int) -> tuple[int, int]:
    """First and last row of a table with ``count`` rows (an empty table keeps one blank row, so formulas that sum
    it stay valid and a person can type into it), and the totals row comes right after."""
    return FIRST_ROW, FIRST_ROW + max(count, 1) - 1


def _column_range(column: int, first: int, last: int, absolute: bool = False) -> str:
    letter = get_column_letter(column)
    return f"${letter}${first}:${letter}${last}" if absolute else f"{letter}{first}:{letter}{last}"


def quoted(sheet: str) -> str:
    """A sheet name as a formula refers to it."""
    return "'" + sheet.replace("'", "''") + "'"


@dataclass(frozen=True)
class WorkbookLayout:
    """Where the totals ended up, for the gap sheet's formulas and for tests that read the formulas back."""

    years: tuple[int, ...]
    cost_total_row: int
    commitment_rows: tuple[int, int]
    commitment_total_row: int
    ask_total_row: int
    gap_rows: tuple[int, int]
    item_gap_rows: tuple[int, int]


def _cost_sheet(sheet: Worksheet, analysis: PlanAnalysis, years: Sequence[int]) -> int:
    document = analysis.document
    titles = [*COST_COLUMNS, *(year_label_long(document, y) for y in years), "Total"]
    _header(sheet, titles, [14, 44, 26, 16, *([18] * len(years)), 18], freeze="C2")
    first, last = data_rows(len(document.cost_items))
    last_year_column = COST_FIRST_YEAR_COLUMN + len(years) - 1
    total_column = last_year_column + 1
    for row, item in enumerate(document.cost_items, first):
        put_text(_cell(sheet, row, 1), item.id)
        put_text(_cell(sheet, row, 2), item.name)
        put_text(_cell(sheet, row, 3), item.category.label)
        put_text(_cell(sheet, row, 4), item.priority.label)
        for offset, year in enumerate(years):
            _put_money(_cell(sheet, row, COST_FIRST_YEAR_COLUMN + offset), item.costs.get(year, Decimal("0.00")))
    for row in range(first, last + 1):
        span = f"{get_column_letter(COST_FIRST_YEAR_COLUMN)}{row}:{get_column_letter(last_year_column)}{row}"
        _put_money(_cell(sheet, row, total_column), f"=SUM({span})")
    total_row = last + 1
    _total_label(sheet, total_row)
    for column in range(COST_FIRST_YEAR_COLUMN, total_column + 1):
        cell = _cell(sheet, total_row, column)
        _put_money(cell, f"=SUM({_column_range(column, first, last)})")
        cell.font = TOTAL_FONT
    return total_row


def _commitment_sheet(sheet: Worksheet, analysis: PlanAnalysis) -> tuple[int, int]:
    document = analysis.document
    _header(
        sheet,
        [*COMMITMENT_COLUMNS, COUNTS_AS_TITLE, "Why it counts so"],
        [12, 36, 12, 36, 12, 10, 16, 12, 12, 30, 30, 9, 12, 50],
        freeze="B2",
    )
    counted = {line.commitment.id: line for line in analysis.funding.ledger.counted}
    partners = {p.id: p.name for p in document.partners}
    items = {i.id: i.name for i in document.cost_items}
    first, last = data_rows(len(document.commitments))
    c = COMMITMENT_COLUMN
    for row, commitment in enumerate(document.commitments, first):
        put_text(_cell(sheet, row, c["ID"]), commitment.id)
        put_text(_cell(sheet, row, c["Partner"]), partners.get(commitment.partner_id, ""))
        put_text(_cell(sheet, row, c["Partner ID"]), commitment.partner_id)
        put_text(_cell(sheet, row, c["Cost item"]), items.get(commitment.cost_item_id, ""))
        put_text(_cell(sheet, row, c["Cost item ID"]), commitment.cost_item_id)
        _cell(sheet, row, c["Plan year"], commitment.year)
        _put_money(_cell(sheet, row, c["Amount"]), commitment.amount)
        put_text(_cell(sheet, row, c["Status"]), commitment.status.label)
        put_text(_cell(sheet, row, c["Kind"]), commitment.kind.label)
        put_text(_cell(sheet, row, c["Fund"]), commitment.fund.label)
        put_text(_cell(sheet, row, c["Source"]), commitment.source)
        put_text(_cell(sheet, row, c["In-kind"]), "Yes" if commitment.in_kind else "No")
        line = counted.get(commitment.id)
        put_text(_cell(sheet, row, COUNTS_AS_COLUMN), line.commitment.status.label if line else "Left out")
        put_text(
            _cell(sheet, row, WHY_COLUMN), line.basis if line else "unknown partner or cost item, or beyond the plan"
        )
    total_row = last + 1
    _total_label(sheet, total_row)
    total = _cell(sheet, total_row, c["Amount"])
    _put_money(total, f"=SUM({_column_range(c['Amount'], first, last)})")
    total.font = TOTAL_FONT
    return last, total_row


def _ask_sheet(sheet: Worksheet, analysis: PlanAnalysis, cost_total: str) -> int:
    """Still to commit per partner and fiscal year, then committed and total share, as exported; totals are formulas.

    ``cost_total`` is the cell with the plan's cost, the base of each partner's percentage."""
    ask = ask_table(analysis.funding.ledger)
    years = ask.years
    _header(
        sheet,
        [
            "Partner",
            *(f"{STILL_TO_COMMIT}, {ask.year_labels[y]}" for y in years),
            STILL_TO_COMMIT,
            COMMITTED,
            TOTAL_SHARE,
            f"Total share, % {PERCENT_BASE}",
        ],
        [44, *([18] * len(years)), 18, 18, 18, 14],
    )
    first, last = data_rows(len(ask.rows))
    still_column = len(years) + 2
    committed_column, share_column, percent_column = still_column + 1, still_column + 2, still_column + 3
    total_row = last + 1
    for row, ask_row in enumerate(ask.rows, first):
        put_text(_cell(sheet, row, 1), ask_row.label)
        for offset, year in enumerate(years):
            _put_money(_cell(sheet, row, 2 + offset), ask_row.by_year[year].still_to_commit)
        _put_money(_cell(sheet, row, committed_column), ask_row.total.committed)
    for row in range(first, last + 1):
        span = f"B{row}:{get_column_letter(still_column - 1)}{row}"
        _put_money(_cell(sheet, row, still_column), f"=SUM({span})")
        still, committed = get_column_letter(still_column), get_column_letter(committed_column)
        _put_money(_cell(sheet, row, share_column), f"={still}{row}+{committed}{row}")
        percent = _cell(
            sheet,
            row,
            percent_column,
            f"=IF({cost_total}=0,0,{get_column_letter(share_column)}{row}/{cost_total})",
        )
        percent.number_format = PERCENT_FORMAT
    put_text(_cell(sheet, total_row, 1), TOTAL_LABEL)
    _cell(sheet, total_row, 1).font = TOTAL_FONT
    for column in range(2, share_column + 1):
        cell = _cell(sheet, total_row, column)
        _put_money(cell, f"=SUM({_column_range(column, first, last)})")
        cell.font = TOTAL_FONT
    return total_row


def _item_gap_sheet(sheet: Worksheet, analysis: PlanAnalysis, years: Sequence[int], layout: WorkbookLayout) -> None:
    """One row per cost item and plan year: its cost, the money earmarked to it, and what it is short."""
    document = analysis.document
    _header(
        sheet,
        [
            "Cost item ID",
            "Cost item",
            "Plan year",
            "Fiscal year",
            "Cost",
            "Committed",
            "Pledged",
            "Proposed",
            "Short, committed only",
            "Short, as planned",
        ],
        [14, 40, 10, 14, 16, 16, 16, 16, 18, 18],
        freeze="C2",
    )
    c = COMMITMENT_COLUMN
    ref = quoted(COMMITMENT_SHEET)

    def commitments(column: int) -> str:
        # The whole column: a commitment typed anywhere on the sheet, even below its Total row, still counts (the
        # header and Total rows carry no plan year or status, so SUMIFS passes over them).
        letter = get_column_letter(column)
        return f"{ref}!${letter}:${letter}"

    row = FIRST_ROW
    for item_row, item in enumerate(document.cost_items, FIRST_ROW):
        for offset, year in enumerate(years):
            put_text(_cell(sheet, row, 1), item.id)
            put_text(_cell(sheet, row, 2), item.name)
            _cell(sheet, row, 3, year)
            put_text(_cell(sheet, row, 4), year_label(document, year))
            cost_cell = f"{get_column_letter(COST_FIRST_YEAR_COLUMN + offset)}{item_row}"
            _put_money(_cell(sheet, row, 5), f"={quoted(COST_SHEET)}!{cost_cell}")
            for column, status in ((6, "Committed"), (7, "Pledged"), (8, "Proposed")):
                formula = (
                    f"=SUMIFS({commitments(c['Amount'])},{commitments(c['Cost item ID'])},A{row},"
                    f'{commitments(c["Plan year"])},C{row},{commitments(COUNTS_AS_COLUMN)},"{status}")'
                )
                _put_money(_cell(sheet, row, column), formula)
            # Committed money pays only its own item: an item's surplus closes no other item's gap.
            _put_money(_cell(sheet, row, 9), f"=MAX(0,E{row}-F{row})")
            _put_money(_cell(sheet, row, 10), f"=MAX(0,E{row}-F{row}-G{row}-H{row})")
            row += 1


def _gap_sheet(sheet: Worksheet, analysis: PlanAnalysis, years: Sequence[int], layout: WorkbookLayout) -> None:
    document = analysis.document
    titles = [
        "Fiscal year",
        "Cost",
        "Committed",
        "Pledged",
        "Proposed",
        "Gap, committed only",
        "Gap, as planned (every pledge and proposal arrives)",
    ]
    _header(sheet, titles, [26, 18, 18, 18, 18, 18, 22])
    item_first, item_last = layout.item_gap_rows
    items = quoted(ITEM_GAP_SHEET)

    def by_item(column: str) -> str:
        return f"{items}!${column}${item_first}:${column}${max(item_last, item_first)}"

    for row, year in enumerate(years, FIRST_ROW):
        put_text(_cell(sheet, row, 1), year_label(document, year))
        cost_column = get_column_letter(COST_FIRST_YEAR_COLUMN + years.index(year))
        _put_money(_cell(sheet, row, 2), f"={quoted(COST_SHEET)}!{cost_column}{layout.cost_total_row}")
        for column, source in ((3, "F"), (4, "G"), (5, "H"), (6, "I"), (7, "J")):
            _put_money(_cell(sheet, row, column), f"=SUMIFS({by_item(source)},{by_item('C')},{year})")
    gap_first, gap_last = layout.gap_rows
    total_row = gap_last + 1
    put_text(_cell(sheet, total_row, 1), TOTAL_LABEL)
    _cell(sheet, total_row, 1).font = TOTAL_FONT
    for column in range(2, 8):
        cell = _cell(sheet, total_row, column)
        _put_money(cell, f"=SUM({_column_range(column, gap_first, gap_last)})")
        cell.font = TOTAL_FONT


def _action_sheet(sheet: Worksheet, analysis: PlanAnalysis) -> None:
    document = analysis.document
    _header(sheet, ["ID", "Action", "Criterion", "Owner", "Start", "Due", "Status"], [12, 60, 40, 36, 12, 12, 14])
    criteria = {c.id: c.title for i in analysis.instruments for c in i.criteria}
    partners = {p.id: p.name for p in document.partners}
    for row, action in enumerate(document.actions, FIRST_ROW):
        put_text(_cell(sheet, row, 1), action.id)
        put_text(_cell(sheet, row, 2), action.action)
        _cell(sheet, row, 2).alignment = WRAP
        criterion = action.criterion_id or ""
        put_text(_cell(sheet, row, 3), criteria.get(criterion, criterion))
        put_text(_cell(sheet, row, 4), partners.get(action.owner_partner_id or "", ""))
        for column in (3, 4):
            _cell(sheet, row, column).alignment = WRAP
        for column, day in ((5, action.start), (6, action.due)):
            if day is not None:
                _put_date(_cell(sheet, row, column), day)
        put_text(_cell(sheet, row, 7), action.status.label)


def _put_date(cell: Cell, day: date) -> None:
    cell.value = day
    cell.number_format = DATE_FORMAT


SHEET_GUIDE = (
    (COST_SHEET, "Every post-grant cost item, its category and priority, and its cost in each plan year."),
    (COMMITMENT_SHEET, "What each partner has committed, pledged or proposed, for which item, year and fund."),
    (
        ASK_SHEET,
        f"What each partner is still to commit per fiscal year ({DEFINITIONS[STILL_TO_COMMIT]}), what it has "
        f"committed, and its total share ({DEFINITIONS[TOTAL_SHARE]}), with that share as a percentage {PERCENT_BASE}. "
        "Figures as exported; the totals are formulas.",
    ),
    (GAP_SHEET, "Each fiscal year's cost, committed, pledged and proposed money, and the gap under both baselines."),
    (
        ITEM_GAP_SHEET,
        "Each cost item in each fiscal year: its cost, the money earmarked to it and what it is short. A year's gap is "
        "the sum of its items' shortfalls: money committed beyond one item's cost pays for no other item.",
    ),
    (ACTION_SHEET, "The action plan: who does what, by when."),
)

README_NOTES = (
    f"Committed: {DEFINITIONS[COMMITTED]}. Money marked committed for a fiscal year whose budget is not adopted by the "
    "plan's date and that no agreement covers counts as pledged (column Counts as on Commitments).",
    f"Gap, committed only: {BASELINE_EXPLANATIONS[Baseline.COMMITTED_ONLY]}. Gap, as planned: "
    f"{BASELINE_EXPLANATIONS[Baseline.AS_PLANNED]}. Committed money pays only the cost item it was committed to.",
    "Totals and gaps are formulas: change an amount on Cost items or Commitments and the Funding gap sheet moves.",
    "To send changes back to the planner (planner import-xlsx, or File > Import from Excel in the app): edit Cost "
    "items (name, category, priority, yearly costs) and Commitments (partner, cost item, plan year, amount, status, "
    "kind, fund, source, in-kind). Add a row above the Total row with an empty ID for something new; delete a row to "
    "remove it. Keep the ID column as it is: it is how each row finds its match. The other sheets are not read back.",
    "Status is Committed, Pledged or Proposed; Kind is Ongoing or One-time; Priority is Keep first, Keep if "
    "possible, Reduce if short or Cut first.",
)


README_HEADER_ROW = 4
# Excel's row height for one line of its default 11 pt font, and how many characters a column of width 1 holds.
LINE_HEIGHT_PT = 15
CHARACTERS_PER_WIDTH = 1.1
DEFAULT_COLUMN_WIDTH = 8.43


def _lines(text: str, width: float) -> int:
    per_line = max(1, int(width * CHARACTERS_PER_WIDTH))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def make_printable(sheet: Worksheet, heading_row: int = HEADER_ROW, landscape: bool = True) -> None:
    """Print setup for a sheet: one page wide (as many pages down as it needs), its heading row repeated on every
    page, and each row as tall as its wrapped text, which Excel and LibreOffice do not work out from a file."""
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_LETTER
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"{heading_row}:{heading_row}"
    sheet.print_options.horizontalCentered = True
    for number, row in enumerate(sheet.iter_rows(), 1):
        lines = 1
        for cell in row:
            if isinstance(cell, Cell) and isinstance(cell.value, str) and cell.alignment.wrap_text:
                width = sheet.column_dimensions[cell.column_letter].width or DEFAULT_COLUMN_WIDTH
                lines = max(lines, _lines(cell.value, width))
        if lines > 1:
            sheet.row_dimensions[number].height = lines * LINE_HEIGHT_PT


def _readme_sheet(sheet: Worksheet, analysis: PlanAnalysis) -> None:
    document = analysis.document
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 110
    title = _cell(sheet, 1, 1)
    put_text(title, document.profile.consortium_name)
    title.font = Font(bold=True, size=14)
    put_text(_cell(sheet, 2, 1), f"Shared-cost plan, {plan_period(document)}")
    row = README_HEADER_ROW
    for name, text in (("Sheet", "What it holds"), *SHEET_GUIDE):
        put_text(_cell(sheet, row, 1), name)
        put_text(_cell(sheet, row, 2), text)
        _cell(sheet, row, 2).alignment = WRAP
        if name == "Sheet":
            for column in (1, 2):
                _cell(sheet, row, column).font, _cell(sheet, row, column).fill = HEADER_FONT, HEADER_FILL
        row += 1
    row += 1
    for note in README_NOTES:
        put_text(_cell(sheet, row, 2), note)
        _cell(sheet, row, 2).alignment = WRAP
        row += 1
    sheet.freeze_panes = f"A{README_HEADER_ROW + 1}"


def build_workbook(analysis: PlanAnalysis) -> tuple[Workbook, WorkbookLayout]:
    """The plan as an openpyxl workbook, and where its totals are."""
    years = tuple(range(1, analysis.document.profile.horizon_years + 1))
    book = Workbook()
    readme = book.active
    assert readme is not None  # a new workbook has one sheet
    readme.title = README_SHEET
    costs, commitments, ask, gap, item_gap, actions = (
        book.create_sheet(name)
        for name in (COST_SHEET, COMMITMENT_SHEET, ASK_SHEET, GAP_SHEET, ITEM_GAP_SHEET, ACTION_SHEET)
    )
    cost_total_row = _cost_sheet(costs, analysis, years)
    commitment_last, commitment_total_row = _commitment_sheet(commitments, analysis)
    layout = WorkbookLayout(
        years=years,
        cost_total_row=cost_total_row,
        commitment_rows=(FIRST_ROW, commitment_last),
        commitment_total_row=commitment_total_row,
        ask_total_row=_ask_sheet(
            ask,
            analysis,
            f"{quoted(COST_SHEET)}!${get_column_letter(COST_FIRST_YEAR_COLUMN + len(years))}${cost_total_row}",
        ),
        gap_rows=(FIRST_ROW, FIRST_ROW + len(years) - 1),
        item_gap_rows=(FIRST_ROW, FIRST_ROW + len(analysis.document.cost_items) * len(years) - 1),
    )
    _item_gap_sheet(item_gap, analysis, years, layout)
    _gap_sheet(gap, analysis, years, layout)
    _action_sheet(actions, analysis)
    _readme_sheet(readme, analysis)
    for sheet in book.worksheets:
        make_printable(sheet, README_HEADER_ROW if sheet is readme else HEADER_ROW, landscape=sheet is not readme)
    return book, layout


def workbook_bytes(analysis: PlanAnalysis) -> bytes:
    book, _layout = build_workbook(analysis)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_workbook(analysis: PlanAnalysis, path: Path) -> None:
    """Write the workbook atomically: a crash leaves the old file or the new one, never half of one."""
    atomic_write(path, workbook_bytes(analysis))
