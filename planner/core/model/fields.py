"""The field types and limits every part of the document shares: ids, names, text, plan dates, the frozen base.

The limits are also given to the app's widgets, so that people see them before typing past them.
"""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

from planner.core.model.text import XML_TEXT

MAX_HORIZON_YEARS = 5
MAX_RESPONDENTS = 100
# The CTE Incentive Grant asks for a three-year plan of continued support (Education Code 53071(b)).
DEFAULT_HORIZON_YEARS = 3
EXPECTED_HORIZON_YEARS = 3

# Field limits, also given to the app's widgets so people see them before typing past them.
NAME_MAX = 200
TEXT_MAX = 5000
DECISION_MAX, MAX_DECISIONS = 1000, 50
MAX_SCENARIOS = 50

ItemId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,64}$")]
# Every text field carries XML_TEXT: characters XML cannot hold become U+FFFD (planner.core.model.text).
Name = Annotated[str, StringConstraints(max_length=NAME_MAX), XML_TEXT]
RequiredName = Annotated[str, StringConstraints(min_length=1, max_length=NAME_MAX, strip_whitespace=True), XML_TEXT]
Text = Annotated[str, StringConstraints(max_length=TEXT_MAX), XML_TEXT]

# Dates a plan can mean. Anything else is a typo, and a date at the calendar's edge (year 9999) would overflow
# when the plan adds its years to it.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200


def _plausible_date(value: date) -> date:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"year {value.year} is outside {EARLIEST_YEAR} to {LATEST_YEAR}; check the date")
    return value


PlanDate = Annotated[date, AfterValidator(_plausible_date)]
Timestamp = Annotated[datetime, AfterValidator(_plausible_date)]


def new_id(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(4)}"


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class DocumentPart(BaseModel):
    """A part of the document: unknown keys refused, frozen (an edit makes a new document)."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)
