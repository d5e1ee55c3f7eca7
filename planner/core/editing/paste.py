"""Rows pasted from a spreadsheet into the cost-item and commitment tables.

A spreadsheet (Excel, LibreOffice, Google Sheets) copies a block of cells as tab-separated text, one line per row;
a cell holding a tab, a line break or a quote is put in double quotes. Each pasted row is read by the table's
columns, in the table's order (:func:`table_layout`): choices by the label the app shows (or the stored value),
partners and cost items by name, money by :func:`~planner.core.model.money.parse_money`'s strict US format.

A row with a problem is refused as a whole, with one message naming its row in the block and its column; the good
rows go in. The app applies the result as one undo step.

Where the rows go: a block as wide as the table adds new rows at the end, whatever cell is current (rows copied
from a sheet laid out like the table). A narrower block fills cells from the current cell to the right and down,
like a spreadsheet; lines past the last row become new rows. A first line that repeats the table's headings is
skipped. A new row starts with the choices of the row before it (:func:`planner.core.editing.rows.new_record`), so cells
left empty for a choice carry on the run above; an empty optional choice (criterion, gap partner) means none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from planner.core.editing.edits import EditError, plain_reason, revalidated
from planner.core.editing.rows import new_record
from planner.core.funding.years import year_label
from planner.core.model.cost_plan import CommitmentStatus, CostCategory, FundingKind, FundingSource, ItemPriority
from planner.core.model.document import Document
from planner.core.model.money import parse_money
from planner.core.model.rubric import Instrument

# A block this big is not a plan's rows (a plan holds at most 20,000 commitments): refuse before reading it.
MAX_PASTE_CHARACTERS = 4_000_000
MAX_PASTE_ROWS = 20_000
PASTE_FIELDS = ("cost_items", "commitments")

Choices = Sequence[tuple[str, Any]]

# The drop-downs' choices, (label, value): the app's table columns show these labels, and a paste reads them back.
CATEGORY_CHOICES: Choices = [(c.label, c) for c in CostCategory]
PRIORITY_CHOICES: Choices = [(p.label, p) for p in ItemPriority]
FUND_CHOICES: Choices = [(f.label, f) for f in FundingSource]
KIND_CHOICES: Choices = [(k.label, k) for k in FundingKind]
STATUS_CHOICES: Choices = [(s.label, s) for s in CommitmentStatus]
CASH_CHOICES: Choices = [("Cash", False), ("In kind", True)]
# What else a sheet may say for cash or in kind (the Excel export writes Yes and No in its In-kind column).
_CASH_WORDS = {"in-kind": True, "yes": True, "no": False}
NO_CHOICE = "(none)"


def criterion_choices(instruments: Sequence[Instrument]) -> list[tuple[str, Any]]:
    return [(NO_CHOICE, None)] + [(f"{i.short_title}: {c.title}", c.id) for i in instruments for c in i.criteria]


def partner_choices(document: Document, optional: bool = False) -> list[tuple[str, Any]]:
    first: list[tuple[str, Any]] = [(NO_CHOICE, None)] if optional else []
    return first + [(p.name, p.id) for p in document.partners]


def cost_item_choices(document: Document) -> list[tuple[str, Any]]:
    return [(i.name, i.id) for i in document.cost_items]


def year_choices(document: Document) -> list[tuple[str, Any]]:
    return [(f"Year {y}", y) for y in range(1, document.profile.horizon_years + 1)]


# --- the block ---------------------------------------------------------------------------------------------------

_PLAIN_CELL = re.compile(r"[^\t\r\n]*")


def split_block(text: str) -> list[list[str]]:
    """The rows of cells in tab-separated text as spreadsheets copy it (quoted cells may hold tabs, line breaks
    and doubled quotes). A quote that does not close a cell is just a character. No trailing empty line."""
    if '"' not in text:  # the usual block: no quoted cells, so plain splitting reads it (and ten times faster)
        rows = [line.split("\t") for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        while rows and all(not c for c in rows[-1]):
            rows.pop()
        return rows
    rows = []
    row: list[str] = []
    i, n = 0, len(text)
    while i <= n:
        cell, i = _cell(text, i)
        row.append(cell)
        if i >= n:
            rows.append(row)
            break
        if text[i] == "\t":
            i += 1
            continue
        # A line break: \r\n, \n or a lone \r.
        i += 2 if text.startswith("\r\n", i) else 1
        rows.append(row)
        row = []
        if i >= n:
            break
    while rows and all(not c for c in rows[-1]):
        rows.pop()
    return rows


def _cell(text: str, i: int) -> tuple[str, int]:
    if i < len(text) and text[i] == '"':
        j = i + 1
        while True:
            j = text.find('"', j)
            if j < 0:
                break
            if text.startswith('""', j):
                j += 2
                continue
            if j + 1 == len(text) or text[j + 1] in "\t\r\n":
                return text[i + 1 : j].replace('""', '"'), j + 1
            break
    match = _PLAIN_CELL.match(text, i)
    assert match is not None  # the pattern matches the empty string
    return match.group(), match.end()


# --- the columns -------------------------------------------------------------------------------------------------

Current = dict[str, Any]  # the row's fields as they stand, with the cells read so far


@dataclass(frozen=True)
class PasteColumn:
    """One column of a table: its heading and how a pasted cell's text becomes field changes.

    ``read`` gets the cell's text (stripped) and the row as it stands; it raises ValueError in plain words.
    """

    header: str
    read: Callable[[str, Current], dict[str, Any]]


def _quoted(text: str) -> str:
    shown = text if len(text) <= 40 else text[:37] + "..."
    return f'"{shown}"'


def _name(field: str) -> Callable[[str, Current], dict[str, Any]]:
    def read(text: str, _current: Current) -> dict[str, Any]:
        if not text:
            raise ValueError("is empty; every row needs one")
        return {field: text}

    return read


def _free_text(field: str) -> Callable[[str, Current], dict[str, Any]]:
    return lambda text, _current: {field: text}


class _Lookup:
    """The choices of one column, found by label (or stored value, or id) ignoring case, built once per paste."""

    def __init__(self, choices: Choices, what: str, extra: dict[str, Any] | None = None) -> None:
        self.what = what
        self.labels = [label for label, _value in choices if label != NO_CHOICE]
        self.by_label: dict[str, list[Any]] = {}
        for label, value in choices:
            self.by_label.setdefault(label.casefold(), []).append(value)
        self.by_value = {str(value).casefold(): value for _label, value in choices if value is not None}
        self.extra = extra or {}

    def pick(self, text: str) -> Any:
        key = text.casefold()
        found = self.by_label.get(key, [])
        if len(found) > 1:
            raise ValueError(f"more than one {self.what} is called {_quoted(text)}; rename one of them first")
        if found:
            return found[0]
        if key in self.by_value:
            return self.by_value[key]
        if key in self.extra:
            return self.extra[key]
        allowed = ", ".join(self.labels[:12]) + (", ..." if len(self.labels) > 12 else "")
        choose = f"; choose one of: {allowed}" if self.labels else ""
        raise ValueError(f"{_quoted(text)} is not a {self.what} in this plan{choose}")


def _choice(
    field: str, choices: Choices, what: str, optional: bool = False, extra: dict[str, Any] | None = None
) -> Callable[[str, Current], dict[str, Any]]:
    lookup = _Lookup(choices, what, extra)

    def read(text: str, _current: Current) -> dict[str, Any]:
        if not text or (optional and text.casefold() == NO_CHOICE):
            # A required choice left empty keeps the row's (the run above it); an optional one means none.
            return {field: None} if optional else {}
        return {field: lookup.pick(text)}

    return read


_YEAR = re.compile(r"(?:year\s*)?(\d{1,2})", re.IGNORECASE)


def _plan_year(document: Document) -> Callable[[str, Current], dict[str, Any]]:
    horizon = document.profile.horizon_years
    # The app shows a plan year as its fiscal year ("FY 2028-29"); a row copied from it pastes back.
    fiscal = {year_label(document, y).casefold(): y for y in range(1, horizon + 1)}

    def read(text: str, _current: Current) -> dict[str, Any]:
        if not text:
            return {}
        match = _YEAR.fullmatch(text)
        year = int(match[1]) if match else fiscal.get(text.strip().casefold(), 0)
        if not 1 <= year <= horizon:
            horizon_text = "Year 1" if horizon == 1 else f"Year 1 to Year {horizon}"
            raise ValueError(f"{_quoted(text)} is not a plan year; the plan has {horizon_text}")
        return {"year": year}

    return read


def _amount(text: str) -> Any:
    try:
        return parse_money(text)
    except ValueError as exc:
        raise ValueError(str(exc).removeprefix("amount ")) from None


def _money(field: str) -> Callable[[str, Current], dict[str, Any]]:
    return lambda text, _current: {field: _amount(text)}


def _year_cost(year: int) -> Callable[[str, Current], dict[str, Any]]:
    def read(text: str, current: Current) -> dict[str, Any]:
        costs = dict(current["costs"])
        if text:
            costs[year] = _amount(text)
        else:
            costs.pop(year, None)  # an empty cell is no cost that year, as the table shows $0.00
        return {"costs": costs}

    return read


def table_layout(document: Document, instruments: Sequence[Instrument], field: str) -> list[PasteColumn]:
    """The columns of the app's table over ``field`` (cost items or commitments), in the table's order."""
    if field == "cost_items":
        columns = [
            PasteColumn("Cost item", _name("name")),
            PasteColumn("Category", _choice("category", CATEGORY_CHOICES, "category")),
            PasteColumn("Criterion", _choice("criterion_id", criterion_choices(instruments), "criterion", True)),
            PasteColumn("If money runs short", _choice("priority", PRIORITY_CHOICES, "priority")),
            PasteColumn("Gap asked of", _choice("gap_partner_id", partner_choices(document), "partner", True)),
        ]
        years = range(1, document.profile.horizon_years + 1)
        return columns + [PasteColumn(year_label(document, year), _year_cost(year)) for year in years]
    if field == "commitments":
        return [
            PasteColumn("Partner", _choice("partner_id", partner_choices(document), "partner")),
            PasteColumn("Cost item", _choice("cost_item_id", cost_item_choices(document), "cost item")),
            PasteColumn("Year", _plan_year(document)),
            PasteColumn("Amount", _money("amount")),
            PasteColumn("Kind of fund", _choice("fund", FUND_CHOICES, "kind of fund")),
            PasteColumn("Source", _free_text("source")),
            PasteColumn("Ongoing / one-time", _choice("kind", KIND_CHOICES, "choice (Ongoing or One-time)")),
            PasteColumn("Status", _choice("status", STATUS_CHOICES, "status")),
            PasteColumn(
                "Cash / in kind", _choice("in_kind", CASH_CHOICES, "choice (Cash or In kind)", extra=_CASH_WORDS)
            ),
        ]
    raise EditError(f"rows cannot be pasted into {field}")


# --- the paste ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PasteResult:
    """The document with the good rows in, and one plain message per refused row ("Row 7, Amount: ...")."""

    document: Document
    added: int
    changed: int
    problems: tuple[str, ...]
    header_skipped: bool = False

    def summary(self) -> str:
        parts = []
        if self.added:
            parts.append(f"{self.added:,} row{'s' if self.added != 1 else ''} added")
        if self.changed:
            parts.append(f"{self.changed:,} row{'s' if self.changed != 1 else ''} changed")
        if self.problems:
            count = len(self.problems)
            parts.append(f"{count:,} row{'s' if count != 1 else ''} not pasted")
        return ", ".join(parts).capitalize() if parts else "Nothing to paste"


def _is_header(cells: Sequence[str], layout: Sequence[PasteColumn], start: int) -> bool:
    headers = [c.header.casefold() for c in layout[start:]]
    named = [cell.strip().casefold() for cell in cells if cell.strip()]
    given = [cell.strip().casefold() for cell in cells[: len(headers)]]
    return len(named) >= 2 and all(cell in ("", header) for cell, header in zip(given, headers, strict=False))


def paste_rows(
    document: Document,
    instruments: Sequence[Instrument],
    field: str,
    text: str,
    at: tuple[int, int] | None = None,
) -> PasteResult:
    """Read a pasted block into the table over ``field``, from cell ``at`` (row, column) or as new rows.

    Raises :class:`EditError` when nothing can be pasted at all (no rows, too big a block, or the plan could not
    hold the rows); a bad row otherwise only adds its message to the result.
    """
    if field not in PASTE_FIELDS:
        raise EditError(f"rows cannot be pasted into {field}")
    if len(text) > MAX_PASTE_CHARACTERS:
        raise EditError(f"the pasted text is {len(text):,} characters long; paste at most {MAX_PASTE_ROWS:,} rows")
    block = split_block(text)
    if not block or all(not any(cell.strip() for cell in row) for row in block):
        raise EditError("there is nothing to paste: copy cells from a spreadsheet first")
    if len(block) > MAX_PASTE_ROWS:
        raise EditError(f"the pasted block has {len(block):,} rows; paste at most {MAX_PASTE_ROWS:,} at a time")
    layout = table_layout(document, instruments, field)
    records = list(getattr(document, field))
    # The block's width as copied, empty cells included: whole rows whose last column happens to be empty are
    # still whole rows.
    width = max(len(row) for row in block)
    if at is None or width >= len(layout) or not 0 <= at[1] < len(layout):
        target, column = len(records), 0
    else:
        target, column = min(max(at[0], 0), len(records)), at[1]
    header = _is_header(block[0], layout, column)
    problems: list[str] = []
    added = changed = 0
    for number, row in enumerate(block, 1):
        cells = _trimmed(row)
        if (number == 1 and header) or not cells:
            continue  # a blank line in the block adds no row
        existing = records[target] if target < len(records) else None
        try:
            # A new row copies the choices of the row above it in the table.
            above = records[target - 1] if target else None
            record = existing if existing is not None else new_record(document, field, above)
        except EditError as exc:
            raise EditError(f"nothing was pasted: {plain_reason(str(exc))}") from None
        updated, trouble = _read_row(record, cells, layout, column)
        if trouble:
            problems.append(f"Row {number}, {trouble}")
            if existing is not None:
                target += 1  # the row stays as it was; the next line goes to the next row, as it lies in the block
            continue
        if existing is not None:
            records[target] = updated
            changed += 1
        else:
            records.insert(target, updated)
            added += 1
        target += 1
    if not (added or changed):
        return PasteResult(document, 0, 0, tuple(problems), header)
    try:
        pasted = revalidated(document, **{field: records})
    except EditError as exc:
        raise EditError(f"nothing was pasted: {plain_reason(str(exc))}") from None
    return PasteResult(pasted, added, changed, tuple(problems), header)


def _trimmed(row: list[str]) -> list[str]:
    """The row without the empty cells a spreadsheet copies past the last filled one."""
    end = len(row)
    while end and not row[end - 1].strip():
        end -= 1
    return row[:end]


def _read_row(record: Any, cells: Sequence[str], layout: Sequence[PasteColumn], start: int) -> tuple[Any, str]:
    """The record with the row's cells read in, or the row's problems as one line ("Amount: ...; Status: ...")."""
    if start + len(cells) > len(layout):
        count = len(cells)
        return record, (
            f"{count} cells: the table has {len(layout) - start} columns from {layout[start].header} on; "
            "copy only the table's columns"
        )
    current: Current = {name: getattr(record, name) for name in type(record).model_fields}
    trouble = []
    for column, cell in zip(layout[start:], cells, strict=False):
        try:
            current.update(column.read(cell.strip(), current))
        except ValueError as exc:
            trouble.append(f"{column.header}: {exc}")
    if trouble:
        return record, "; ".join(trouble)
    try:
        return revalidated(record, **current), ""
    except EditError as exc:
        return record, plain_reason(str(exc))
