"""Reading what a person types into a field: one reader per kind of value.

Each reader turns the typed text into the value the document stores, or raises ``ValueError`` with a message
in plain words that shows the accepted form. Blank means "not given". The app's fields, its tables and the
spreadsheet import all read through these, so a value means the same wherever it is typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from planner.core.model.fields import EARLIEST_YEAR, LATEST_YEAR
from planner.core.model.money import parse_money

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATE_FORM = "write it as YYYY-MM-DD, e.g. 2025-07-01"
# Votes and abstentions on a steering committee: no committee has ten thousand members.
MAX_COUNT = 9999


def read_date(text: str) -> date | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        # Only the one spelling: Python would also read 20250701 and week dates such as 2025-W27-2.
        value = date.fromisoformat(cleaned) if _ISO_DATE.fullmatch(cleaned) else None
    except ValueError:
        value = None
    if value is None:
        raise ValueError(f"{cleaned[:40]!r} is not a date; {DATE_FORM}")
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"{cleaned} is outside {EARLIEST_YEAR} to {LATEST_YEAR}; check the year")
    return value


def read_amount(text: str) -> Decimal | None:
    return parse_money(text) if text.strip() else None


def read_count(text: str) -> int | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    if not cleaned.isascii() or not cleaned.isdigit() or int(cleaned) > MAX_COUNT:
        raise ValueError(f"{cleaned[:40]!r} is not a whole number from 0 to {MAX_COUNT:,}")
    return int(cleaned)


def entry_problem(reader: Callable[[str], object], text: str) -> str | None:
    """What is wrong with ``text`` for ``reader``, or None when it reads."""
    try:
        reader(text)
    except ValueError as exc:
        return str(exc)
    return None
