"""The layout contract between the workbook export and its import: what one writes, the other finds."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from planner.core.assessment.analysis import analyze
from planner.core.interchange import workbook_layout as layout
from planner.core.interchange.workbook import workbook_bytes
from planner.core.model.document import Document
from planner.core.model.rubric import Instrument


def test_sheet_names_are_unique_and_fit_excel() -> None:
    names = [layout.README_SHEET, layout.COST_SHEET, layout.COMMITMENT_SHEET, layout.ASK_SHEET]
    names += [layout.GAP_SHEET, layout.ACTION_SHEET]
    assert len(set(names)) == len(names) and all(len(n) <= 31 for n in names)


def test_column_numbers_follow_the_column_list() -> None:
    assert layout.COMMITMENT_COLUMN["ID"] == 1
    assert [layout.COMMITMENT_COLUMN[name] for name in layout.COMMITMENT_COLUMNS] == list(
        range(1, len(layout.COMMITMENT_COLUMNS) + 1)
    )
    assert len(layout.COST_COLUMNS) + 1 == layout.COST_FIRST_YEAR_COLUMN
    assert layout.FIRST_ROW == layout.HEADER_ROW + 1


def test_the_exported_workbook_has_the_layout_the_import_reads(
    demo: Document, instruments: tuple[Instrument, ...]
) -> None:
    book = load_workbook(io.BytesIO(workbook_bytes(analyze(demo, instruments))))
    assert {layout.COST_SHEET, layout.COMMITMENT_SHEET, layout.GAP_SHEET} <= set(book.sheetnames)
    commitments = book[layout.COMMITMENT_SHEET]
    header = [c.value for c in commitments[layout.HEADER_ROW]][: len(layout.COMMITMENT_COLUMNS)]
    assert header == list(layout.COMMITMENT_COLUMNS)
    ids = [commitments.cell(row=r, column=layout.COMMITMENT_COLUMN["ID"]).value for r in range(layout.FIRST_ROW, 200)]
    assert [i for i in ids if i] == [m.id for m in demo.commitments]
    costs = book[layout.COST_SHEET]
    assert [c.value for c in costs[layout.HEADER_ROW]][: len(layout.COST_COLUMNS)] == list(layout.COST_COLUMNS)
    assert costs.cell(row=layout.FIRST_ROW, column=1).value == demo.cost_items[0].id
