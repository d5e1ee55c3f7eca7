"""Evaluating an exported workbook's formulas in pure Python, shared by the workbook and money-story tests."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import formulas
import openpyxl

_WHOLE_COLUMN = re.compile(r"\$([A-Z]+):\$([A-Z]+)")


def _bounded(path: Path) -> Path:
    """The same workbook with whole-column references cut to the rows in use: the pure-Python evaluator builds all
    1,048,576 rows of a whole column (a minute per formula). The real client (LibreOffice, tests/test_real_clients.py)
    recalculates the workbook as written."""
    book = openpyxl.load_workbook(path)
    rows = max(sheet.max_row for sheet in book.worksheets)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.value = _WHOLE_COLUMN.sub(rf"$\1$1:$\2${rows}", cell.value)
    bounded = path.with_name(f"bounded-{path.name}")
    book.save(bounded)
    return bounded


def evaluate_workbook(path: Path) -> dict[str, Any]:
    """Every cell's value after evaluating the workbook's formulas, keyed like "FUNDING GAP!F2"."""
    solution = formulas.ExcelModel().loads(str(_bounded(path))).finish().calculate()
    values = {}
    for key, ranges in solution.items():
        match = re.fullmatch(r"'\[[^\]]+\]([^']+)'!([A-Z]+[0-9]+)", key)
        if match:
            values[f"{match[1]}!{match[2]}"] = ranges.value[0][0]
    return values
