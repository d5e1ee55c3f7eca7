"""Reading the budget office's edited workbook back: cost items and commitments, matched by id.

All or nothing: every row is read and checked first, and if any row cannot be used the import is refused with one
line per problem (sheet, row, column, what) and the plan is not touched. A row with an empty id is something new; a
row that is gone from the sheet is removed from the plan, and listed. Only the columns the workbook's README sheet
names are read; everything else in a cost item or commitment (an item's gap partner, its criterion) stays as it was.

A workbook can come from anyone, so it is treated as hostile until read: the file is bounded in size, must be a
zip whose declared sizes add up to a plausible workbook before anything is decompressed (Python's zipfile never
inflates a member past its declared size, so the declared sizes bound the work), and every cell is bounded in
length and checked for its type. Formulas are not evaluated; a formula cell reads as the value Excel saved for it.
The unknown never becomes zero: a formula without a saved value (a workbook written by a script), a formula that
links to another workbook and an error value (#REF!, #VALUE! ...) are refused with the cell and what to do. Text
follows the planner's one rule (:mod:`planner.core.model.text`), so a plan exported and imported back is unchanged.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from planner.core.editing.edits import EditError, revalidated
from planner.core.interchange.workbook_cells import (
    SavedWorkbook,
    SheetTooLong,
    Unknown,
    cell_text,
    is_total_row,
    sheet_rows,
)
from planner.core.interchange.workbook_changes import WorkbookImport, diff_rows
from planner.core.interchange.workbook_layout import (
    COMMITMENT_COLUMN,
    COMMITMENT_COLUMNS,
    COMMITMENT_SHEET,
    COST_COLUMNS,
    COST_SHEET,
)
from planner.core.model.cost_plan import (
    Commitment,
    CommitmentStatus,
    CostCategory,
    CostItem,
    FundingKind,
    FundingSource,
    ItemPriority,
)
from planner.core.model.document import Document
from planner.core.model.errors import PlannerFileError
from planner.core.model.fields import MAX_HORIZON_YEARS, NAME_MAX, new_id
from planner.core.model.money import CENT, MAX_AMOUNT, format_money, parse_money
from planner.core.storage.files import read_limited, size_text

MAX_WORKBOOK_BYTES = 20 * 1024 * 1024
# What the parts of a real plan's workbook can add up to once unzipped: a plan of 20,000 commitments is about
# 15 MiB of XML. More is a zip bomb or not our workbook.
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024
MAX_MEMBERS = 200

MAX_PROBLEMS = 100  # listed one per line; past this the rest are counted
ID_PATTERN = re.compile(r"[A-Za-z0-9_.-]{1,64}")
# "Year 1" (older workbooks, plans without a grant end date) or "FY 2027-28 (year 1 after the grant)".
YEAR_HEADING = re.compile(r"(?:Year |FY [0-9]{4}-[0-9]{2} \(year )([1-9][0-9]*)\b", re.IGNORECASE)
# How close a spreadsheet's binary fraction must be to whole cents to be read as them (0.1 + 0.2 is not 0.3).
FLOAT_NOISE = Decimal("0.000001")


class WorkbookError(PlannerFileError):
    """The workbook cannot be imported; ``more`` holds a line for every other problem found."""


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int
    column: str
    what: str

    @property
    def where(self) -> str:
        return f"{self.sheet}, row {self.row}" + (f", {self.column}" if self.column else "")


class _Refused(ValueError):
    """One cell cannot be read; the message says why in plain words."""


# --- the file ---------------------------------------------------------------------------------------------------


def _open_zip(data: bytes, shown: str) -> zipfile.ZipFile:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise WorkbookError(shown, "", "not an Excel workbook (.xlsx files are zip archives; this one is not)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise WorkbookError(shown, "", f"not a readable zip archive ({exc})") from None
    if len(members) > MAX_MEMBERS:
        raise WorkbookError(shown, "", f"holds {len(members)} parts; a workbook of a plan has far fewer")
    unzipped = sum(m.file_size for m in members)
    if unzipped > MAX_UNZIPPED_BYTES:
        raise WorkbookError(
            shown,
            "",
            f"would unpack to {unzipped / (1024 * 1024):,.0f} MiB, more than the {size_text(MAX_UNZIPPED_BYTES)} a "
            "plan's workbook needs (a zip bomb?); nothing was unpacked",
        )
    names = {m.filename for m in members}
    if not {"[Content_Types].xml", "xl/workbook.xml"} <= names:
        raise WorkbookError(shown, "", "a zip archive, but not an Excel workbook (.xlsx)")
    return archive


def _load(data: bytes, shown: str) -> SavedWorkbook:
    _open_zip(data, shown).close()
    try:
        return SavedWorkbook(data)
    except Exception as exc:  # a hostile file can break the parser in many ways; each is a refusal
        raise WorkbookError(shown, "", f"cannot read this workbook ({type(exc).__name__}: {cell_text(exc)})") from None


# --- cells ------------------------------------------------------------------------------------------------------


def _text(value: Any, limit: int = NAME_MAX, required: bool = False) -> str:
    """Text of at most ``limit`` characters (a whole number reads as its digits)."""
    if value is None:
        text = ""
    elif isinstance(value, str):
        text = value
    elif isinstance(value, bool):
        raise _Refused(f"{value} is not text")
    elif isinstance(value, int):
        text = str(value)
    else:
        raise _Refused(f"{cell_text(value)} is a {_kind(value)}, not text")
    if len(text) > limit:
        raise _Refused(f"is {len(text):,} characters long; at most {limit:,}")
    if required and not text.strip():
        raise _Refused("is empty")
    return text


def _kind(value: Any) -> str:
    if isinstance(value, bool):  # a bool is an int to Python, but TRUE in a cell is no number to a person
        return "true-or-false value"
    if isinstance(value, datetime | date | time):
        return "date or time"
    if isinstance(value, int | float | Decimal):
        return "number"
    return type(value).__name__


def _identifier(value: Any) -> str:
    text = _text(value, 64).strip()
    if text and not ID_PATTERN.fullmatch(text):
        raise _Refused(f"{cell_text(text)} is not an id (letters, digits, '.', '_' and '-' only)")
    return text


def _money(value: Any) -> Decimal:
    if value is None or (isinstance(value, str) and not value.strip()):
        return Decimal("0.00")
    if isinstance(value, bool | datetime | date | time):
        raise _Refused(f"{cell_text(value)} is a {_kind(value)}, not an amount")
    if isinstance(value, str):
        if len(value) > 40:
            raise _Refused(f"is {len(value):,} characters long, not an amount")
        try:
            return parse_money(value)
        except ValueError as exc:
            raise _Refused(str(exc)) from None
    if isinstance(value, int):
        exact = Decimal(value)
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _Refused("is not a number")
        # A spreadsheet stores 10300.52 as the nearest binary fraction; its shortest repr gives the cents back.
        exact = Decimal(repr(value))
    else:
        raise _Refused(f"{cell_text(value)} is not an amount")
    if abs(exact) > MAX_AMOUNT:  # 1e300 is no 301-digit figure to read back: say what it is
        if exact < 0:
            raise _Refused(f"{float(exact):.4g}: an amount cannot be negative")
        raise _Refused(f"{float(exact):.4g} is larger than {format_money(MAX_AMOUNT)}; check for extra digits")
    cents = exact.quantize(CENT, rounding=ROUND_HALF_UP)
    if abs(exact - cents) > FLOAT_NOISE:
        raise _Refused(f"{exact} has fractions of a cent")
    if cents < 0:
        raise _Refused(f"{format_money(cents)}: an amount cannot be negative")
    try:
        return parse_money(f"{cents:f}")
    except ValueError as exc:
        raise _Refused(str(exc)) from None


def _year(value: Any) -> int:
    if isinstance(value, bool):
        raise _Refused(f"{value} is not a plan year")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 2:
        value = int(value.strip())
    if not isinstance(value, int):
        raise _Refused(f"{cell_text(value) if value is not None else 'an empty cell'} is not a plan year (1 to 5)")
    if not 1 <= value <= MAX_HORIZON_YEARS:
        raise _Refused(f"{value} is not a plan year (1 to {MAX_HORIZON_YEARS})")
    return value


E = TypeVar("E", bound=Enum)
T = TypeVar("T")


def _choice(options: type[E], labels: Callable[[E], str], value: Any) -> E:
    text = _text(value, 60, required=True).strip().casefold()
    for option in options:
        if text in (labels(option).casefold(), str(option.value).casefold(), option.name.casefold()):
            return option
    allowed = ", ".join(labels(o) for o in options)
    raise _Refused(f"{cell_text(value)} is not one of: {allowed}")


def _yes_no(value: Any) -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    text = _text(value, 10).strip().casefold()
    if text in ("yes", "y", "true", "1"):
        return True
    if text in ("no", "n", "false", "0", ""):
        return False
    raise _Refused(f"{cell_text(value)} is not Yes or No")


# --- reading the sheets -----------------------------------------------------------------------------------------


@dataclass
class _Reader:
    sheet: str
    problems: list[Problem]
    columns: Mapping[str, int]  # heading -> column number

    def column(self, name: str) -> str:
        number = self.columns.get(name)
        return f"{name} ({_letter(number)})" if number else name

    def cell(self, row: int, column: str, read: Callable[[Any], T], value: Any) -> T | None:
        """``read(value)``, or None with the problem noted against the row and column."""
        unknown = next((v for v in (value if isinstance(value, tuple) else (value,)) if isinstance(v, Unknown)), None)
        if unknown is not None:
            self.problems.append(Problem(self.sheet, row, self.column(column), unknown.what))
            return None
        try:
            return read(value)
        except _Refused as exc:
            self.problems.append(Problem(self.sheet, row, self.column(column), str(exc)))
            return None

    def model(self, row: int, model: type[BaseModel], data: dict[str, Any], columns: dict[str, str]) -> Any:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                name = str(err["loc"][0]) if err["loc"] else ""
                what = str(err["msg"]).removeprefix("Value error, ")
                self.problems.append(Problem(self.sheet, row, self.column(columns.get(name, "")), what))
            return None


def _check_header(reader: _Reader, found: Sequence[Any], expected: Sequence[str]) -> bool:
    ok = True
    for column, (cell, title) in enumerate(zip(found, expected, strict=False), 1):
        if not (isinstance(cell, str) and cell.strip().casefold() == title.casefold()):
            shown = "an empty cell" if cell in (None, "") else cell_text(cell)
            reader.problems.append(
                Problem(reader.sheet, 1, _letter(column), f"heading should be {title!r}, found {shown}")
            )
            ok = False
    return ok


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"column {get_column_letter(column)}"


@dataclass(frozen=True)
class _SheetRow:
    row: int
    record: Any


def _required_name(value: Any) -> str:
    return _text(value, required=True)


CATEGORY = partial(_choice, CostCategory, lambda c: c.label)
PRIORITY = partial(_choice, ItemPriority, lambda p: p.label)
STATUS = partial(_choice, CommitmentStatus, lambda s: s.label)
KIND = partial(_choice, FundingKind, lambda k: k.label)
FUND = partial(_choice, FundingSource, lambda f: f.label)


def _year_headings(headings: Sequence[Any]) -> list[int]:
    years = []
    for heading in headings:
        match = YEAR_HEADING.match(heading) if isinstance(heading, str) else None
        if match is None:
            break
        years.append(int(match[1]))
    return years


def _read_cost_items(
    book: Any, document: Document, problems: list[Problem], seen: dict[str, tuple[str, ...]]
) -> list[_SheetRow]:
    """The cost item rows that can be used; ``seen`` gets every id on the sheet with its names, even from rows with
    problems, so commitments pointing at such a row are not refused for it a second time."""
    fixed = len(COST_COLUMNS)
    columns = {name: n for n, name in enumerate(COST_COLUMNS, 1)}
    columns.update({f"Year {y}": fixed + y for y in range(1, MAX_HORIZON_YEARS + 1)})
    reader = _Reader(COST_SHEET, problems, columns)
    originals = {i.id: i for i in document.cost_items}
    rows: list[_SheetRow] = []
    years: list[int] = []
    for number, values in sheet_rows(book, COST_SHEET, fixed + MAX_HORIZON_YEARS + 1):
        if number == 1:
            years = _year_headings(values[fixed:])
            if not years or years != list(range(1, len(years) + 1)):
                problems.append(
                    Problem(
                        COST_SHEET,
                        1,
                        _letter(fixed + 1),
                        "plan-year headings should read FY 2027-28 (year 1 after the grant) or Year 1, and so on",
                    )
                )
            if not _check_header(reader, values[:fixed], COST_COLUMNS) or not years:
                return []
            continue
        if all(v in (None, "") for v in values[: fixed + len(years)]) or is_total_row(values):
            continue
        item_id = reader.cell(number, "ID", _identifier, values[0])
        original = originals.get(item_id or "")
        if item_id:
            shown_name = values[1] if isinstance(values[1], str) else ""
            seen[item_id] = (original.name, shown_name) if original else (shown_name,)
        costs = dict(original.costs) if original else {}
        readable = item_id is not None
        for offset, year in enumerate(years):
            amount = reader.cell(number, f"Year {year}", _money, values[fixed + offset])
            if amount is None:
                readable = False
            elif amount or year in costs:
                costs[year] = amount  # a zero the sheet shows for a year the plan leaves empty stays empty
        name = reader.cell(number, "Cost item", _required_name, values[1])
        category = reader.cell(number, "Category", CATEGORY, values[2])
        priority = reader.cell(number, "Priority", PRIORITY, values[3])
        if not readable or name is None or category is None or priority is None:
            continue
        data = {
            "id": item_id or new_id("c"),
            "name": name,
            "category": category,
            "priority": priority,
            "costs": costs,
            "criterion_id": original.criterion_id if original else None,
            "gap_partner_id": original.gap_partner_id if original else None,
        }
        item = reader.model(number, CostItem, data, {"name": "Cost item", "costs": "plan year", "id": "ID"})
        if item is not None:
            rows.append(_SheetRow(number, item))
    return rows


def _reference(known: Mapping[str, tuple[str, ...]], original: str | None, what: str, cells: tuple[Any, Any]) -> str:
    """The id a commitment row points at (a partner or a cost item): by its id, else by a unique name.

    ``known`` maps each id to the names it may go by (a cost item renamed on its own sheet keeps answering to its
    old name on the commitments sheet). An id the plan already held for this row is accepted even when it names
    nothing (the plan kept it so). A name that contradicts the id is refused rather than guessed between.
    """
    value_id, value_name = cells
    given_id = _identifier(value_id)
    name = _text(value_name).strip().casefold()
    if given_id:
        if given_id not in known and given_id != original:
            raise _Refused(f"no {what} with the id {given_id!r} in the plan")
        names = known.get(given_id, ())
        if name and names and name not in (n.strip().casefold() for n in names):
            raise _Refused(
                f"{cell_text(value_name)} is not the name of {what} {given_id} ({cell_text(names[-1])}); "
                "change both, or clear the id to choose by name"
            )
        return given_id
    if not name:
        raise _Refused(f"give the {what}'s id or its name")
    matches = [key for key, names in known.items() if name in (n.strip().casefold() for n in names)]
    if len(matches) != 1:
        raise _Refused(f"{'no' if not matches else 'more than one'} {what} is called {cell_text(value_name)}")
    return matches[0]


def _read_commitments(
    book: Any, document: Document, items: dict[str, tuple[str, ...]], problems: list[Problem]
) -> list[_SheetRow]:
    reader = _Reader(COMMITMENT_SHEET, problems, COMMITMENT_COLUMN)
    partners = {p.id: (p.name,) for p in document.partners}
    originals = {c.id: c for c in document.commitments}
    rows: list[_SheetRow] = []
    for number, values in sheet_rows(book, COMMITMENT_SHEET, len(COMMITMENT_COLUMNS)):
        if number == 1:
            if not _check_header(reader, values, COMMITMENT_COLUMNS):
                return []
            continue
        if all(v in (None, "") for v in values) or is_total_row(values):
            continue
        (cid, partner_name, partner_id, item_name, item_id, year, amount, status, kind, fund, source, in_kind) = values
        commitment_id = reader.cell(number, "ID", _identifier, cid)
        original = originals.get(commitment_id or "")
        partner = reader.cell(
            number,
            "Partner ID",
            partial(_reference, partners, original.partner_id if original else None, "partner"),
            (partner_id, partner_name),
        )
        item = reader.cell(
            number,
            "Cost item ID",
            partial(_reference, items, original.cost_item_id if original else None, "cost item"),
            (item_id, item_name),
        )
        fields = {
            "year": reader.cell(number, "Plan year", _year, year),
            "amount": reader.cell(number, "Amount", _money, amount),
            "status": reader.cell(number, "Status", STATUS, status),
            "kind": reader.cell(number, "Kind", KIND, kind),
            "fund": reader.cell(number, "Fund", FUND, fund),
            "source": reader.cell(number, "Source", _text, source),
            "in_kind": reader.cell(number, "In-kind", _yes_no, in_kind),
        }
        if commitment_id is None or partner is None or item is None or any(v is None for v in fields.values()):
            continue
        data = {"id": commitment_id or new_id("m"), "partner_id": partner, "cost_item_id": item, **fields}
        # Whether the money is CTE Incentive Grant match is not on the sheet: a known commitment keeps it.
        data["cteig_match"] = original.cteig_match if original is not None else False
        commitment = reader.model(number, Commitment, data, {"source": "Source", "amount": "Amount", "id": "ID"})
        if commitment is not None:
            rows.append(_SheetRow(number, commitment))
    return rows


def _duplicates(reader: _Reader, rows: Sequence[_SheetRow]) -> None:
    counts = Counter(r.record.id for r in rows)
    for r in rows:
        if counts[r.record.id] > 1:
            what = f"{r.record.id!r} is on more than one row; each row needs its own (leave it empty on a new row)"
            reader.problems.append(Problem(reader.sheet, r.row, reader.column("ID"), what))


# --- what changed -----------------------------------------------------------------------------------------------


# --- the import -------------------------------------------------------------------------------------------------


def _refusal(shown: str, problems: list[Problem]) -> WorkbookError:
    """One line per bad row, in sheet and row order: the row's first problem, then its others after "also"."""
    by_row: dict[tuple[str, int], list[Problem]] = {}
    for problem in problems:
        by_row.setdefault((problem.sheet, problem.row), []).append(problem)
    order = sorted(by_row, key=lambda key: (key[0] != COST_SHEET, key[1]))
    lines = []
    for key in order:
        first, *others = by_row[key]
        also = "".join(f"; also {p.column}: {p.what}" if p.column else f"; also {p.what}" for p in others)
        lines.append(PlannerFileError(shown, first.where, first.what + also))
    error = WorkbookError(shown, lines[0].where, lines[0].what)
    error.more = lines[1:MAX_PROBLEMS]
    if len(lines) > MAX_PROBLEMS:
        error.more.append(PlannerFileError(shown, "", f"and {len(lines) - MAX_PROBLEMS} more rows with problems"))
    return error


def import_workbook(document: Document, path: Path, shown: str | None = None) -> WorkbookImport:
    """The plan with the workbook's cost items and commitments in place of its own, or :class:`WorkbookError`.

    Nothing is applied unless every row can be read; the error lists every problem found.
    """
    shown = shown or str(path)
    try:
        data = read_limited(path, MAX_WORKBOOK_BYTES, shown)
    except PlannerFileError as exc:
        raise WorkbookError(exc.path, exc.where, exc.what) from None
    book = _load(data, shown)
    try:
        return _import(document, book, shown)
    finally:
        book.close()


def _import(document: Document, book: SavedWorkbook, shown: str) -> WorkbookImport:
    missing = [name for name in (COST_SHEET, COMMITMENT_SHEET) if name not in book.sheetnames]
    if missing:
        raise WorkbookError(
            shown, "", f"no sheet called {' or '.join(repr(m) for m in missing)}; was it renamed or deleted?"
        )
    problems: list[Problem] = []
    try:
        names: dict[str, tuple[str, ...]] = {}
        item_rows = _read_cost_items(book, document, problems, names)
        _duplicates(_Reader(COST_SHEET, problems, {"ID": 1}), item_rows)
        for item in (r.record for r in item_rows):  # new rows' generated ids, and names as read
            names[item.id] = (*names.get(item.id, ()), item.name)
        commitment_rows = _read_commitments(book, document, names, problems)
        _duplicates(_Reader(COMMITMENT_SHEET, problems, COMMITMENT_COLUMN), commitment_rows)
    except SheetTooLong as exc:  # the sheet as a whole (too many rows)
        raise WorkbookError(shown, "", str(exc)) from None
    except Exception as exc:  # a hostile sheet can break the lazy parser mid-way; still a refusal
        raise WorkbookError(shown, "", f"cannot read this workbook ({type(exc).__name__}: {cell_text(exc)})") from None
    if problems:
        raise _refusal(shown, problems)
    items = [r.record for r in item_rows]
    commitments = [r.record for r in commitment_rows]
    try:
        updated = revalidated(document, cost_items=items, commitments=commitments)
    except EditError as exc:
        raise WorkbookError(shown, "", f"the plan would not be valid with these rows: {exc}") from None
    return WorkbookImport(
        document=updated,
        cost_items=diff_rows(document.cost_items, items),
        commitments=diff_rows(document.commitments, commitments),
    )
