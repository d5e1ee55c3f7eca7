"""A workbook's cells as saved: the values Excel stored for formulas, and the cells whose figure the file does not hold.

openpyxl reads a workbook either with its formulas or with the values saved for them, never both. A formula without a
saved value (a workbook written by a script) reads as an empty cell in the second view and would be imported as
nothing or $0.00; a link to another workbook reads as whatever it showed when last saved. So each sheet is read
with its formulas first, and only the rows that hold a formula outside a Total row are read again for their saved
values: a workbook as the planner exported it is read once. Every cell whose figure is unknown becomes an
:class:`Unknown` that says what to do, which the import refuses wherever it is read.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from planner.core.interchange.workbook_layout import TOTAL_LABEL

MAX_ROWS = 25_000  # a plan holds at most 20,000 commitments


class SheetTooLong(ValueError):
    """A sheet runs past :data:`MAX_ROWS`; the message says so in plain words."""


def cell_text(value: Any) -> str:
    """How a cell's content reads in a message: short, on one line."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # as the spreadsheet shows it
    text = " ".join(str(value).split())
    return repr(text if len(text) <= 40 else text[:37] + "...")


def is_total_row(values: Sequence[Any]) -> bool:
    return values[0] in (None, "") and isinstance(values[1], str) and values[1].strip() == TOTAL_LABEL


class SavedWorkbook:
    """The workbook as written (formulas as formulas); the values Excel saved for them are read only when needed."""

    def __init__(self, data: bytes) -> None:
        from openpyxl import load_workbook  # openpyxl only when a workbook is read

        self._data = data
        self.written: Any = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        self._saved: Any = None

    @property
    def saved(self) -> Any:
        if self._saved is None:
            from openpyxl import load_workbook

            self._saved = load_workbook(io.BytesIO(self._data), read_only=True, data_only=True)
        return self._saved

    @property
    def sheetnames(self) -> list[str]:
        return list(self.written.sheetnames)

    def close(self) -> None:
        self.written.close()
        if self._saved is not None:
            self._saved.close()


# Excel's error values; a formula whose saved result is one of these has no figure to import.
ERROR_VALUES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"))
# A reference to another workbook: Excel stores '[1]Sheet1'!A1 (an index into its list of links); a script or an
# older program may write the file name itself, '[other.xlsx]Sheet1'!A1, after a path or an address.
_EXTERNAL = re.compile(r"\[(?:\d+|[^\]]*\.(?:xl[a-z]*|ods|csv))\]", re.IGNORECASE)
SAVE_VALUES = "open and save the workbook in Excel or LibreOffice so that its values are stored, then import again"


class Unknown:
    """A cell whose figure the workbook does not hold: refused wherever it is read, never taken as empty or zero."""

    def __init__(self, what: str) -> None:
        self.what = what

    def __str__(self) -> str:
        return self.what


def _formula_text(value: Any) -> str:
    text = str(getattr(value, "text", value) or "")  # an array formula is an object holding its text
    return text if text.startswith("=") else "=" + text


def sheet_rows(books: SavedWorkbook, sheet: str, columns: int) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """Each row's number and its first ``columns`` cells, the heading row first (an empty sheet still has one).

    A formula cell reads as the value saved for it; a formula without one, one that links to another workbook and an
    error value read as :class:`Unknown`. Saved values are read (a second pass) only when a formula outside the totals
    needs one, so a workbook as exported is read once.
    """
    # Bounded in both directions: a sheet that claims 16,384 columns is read only as wide as ours, and a sheet with
    # a cell on row 1,000,000 stops at MAX_ROWS.
    rows: list[list[Any]] = []
    formulas: dict[tuple[int, int], str] = {}
    for number, cells in enumerate(books.written[sheet].iter_rows(max_col=columns), 1):
        if number > MAX_ROWS + 1:
            raise SheetTooLong(f"{sheet} has more than {MAX_ROWS:,} rows; a plan holds at most 20,000 commitments")
        values: list[Any] = []
        for column, cell in enumerate(cells):
            kind, value = getattr(cell, "data_type", None), getattr(cell, "value", None)
            if kind == "f":
                formulas[number, column] = _formula_text(value)
                value = None
            elif kind == "e":
                value = Unknown(f"holds the error value {value}; type the figure in its place")
            values.append(value)
        rows.append(values + [None] * (columns - len(values)))
    if not rows:
        rows.append([None] * columns)
    # The totals (a Total row, the Total column) are formulas the import never reads back.
    total_columns = {n for n, heading in enumerate(rows[0]) if isinstance(heading, str) and heading == TOTAL_LABEL}
    wanted = {
        at: text for at, text in formulas.items() if at[1] not in total_columns and not is_total_row(rows[at[0] - 1])
    }
    if wanted:
        _saved_values(books, sheet, columns, rows, wanted)
    for number, values in enumerate(rows, 1):
        yield number, tuple(values)


def _saved_values(
    books: SavedWorkbook, sheet: str, columns: int, rows: list[list[Any]], formulas: Mapping[tuple[int, int], str]
) -> None:
    """Put in ``rows`` the value saved for each formula cell in ``formulas``, or an :class:`Unknown` saying why not."""
    last = max(number for number, _column in formulas)
    for number, saved in enumerate(books.saved[sheet].iter_rows(max_col=columns, max_row=last, values_only=True), 1):
        for column, value in enumerate(saved):
            formula = formulas.get((number, column))
            if formula is None:
                continue
            shown = cell_text(formula)
            if _EXTERNAL.search(formula):
                rows[number - 1][column] = Unknown(
                    f"is a formula that links to another workbook ({shown}); type the figure in instead, or copy the "
                    "cell and paste it back as a value"
                )
            elif value is None:
                rows[number - 1][column] = Unknown(f"is a formula with no saved value ({shown}); {SAVE_VALUES}")
            elif isinstance(value, str) and value in ERROR_VALUES:
                rows[number - 1][column] = Unknown(
                    f"is a formula whose result is the error {value} ({shown}); correct it or type the figure in"
                )
            else:
                rows[number - 1][column] = value
    for number, column in formulas:  # a row the saved values do not reach has no saved value either
        if rows[number - 1][column] is None:
            rows[number - 1][column] = Unknown(
                f"is a formula with no saved value ({cell_text(formulas[number, column])}); {SAVE_VALUES}"
            )
