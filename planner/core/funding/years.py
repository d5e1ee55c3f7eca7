"""Plan years and the fiscal years they are: what a reader sees wherever the plan names a year.

California fiscal years run July 1 to June 30 and are printed ``FY 2027-28``. Plan year 1 is the first fiscal year
after the grant ends; "year 1 after the grant" is only a secondary label, for a plan whose grant end date is not
recorded yet.
"""

from __future__ import annotations

from datetime import date, timedelta

from planner.core.model.document import Document


def fiscal_year_start_year(document: Document, year: int) -> int | None:
    """The calendar year in which plan year ``year``'s fiscal year starts (2027 for FY 2027-28)."""
    end = document.profile.grant_end
    if end is None:
        return None
    first_day = end + timedelta(days=1)
    return (first_day.year if first_day.month >= 7 else first_day.year - 1) + year - 1


def fiscal_year_name(start_year: int) -> str:
    """``FY 2027-28`` for the fiscal year that starts on July 1, 2027."""
    return f"FY {start_year}-{(start_year + 1) % 100:02d}"


def fiscal_year(document: Document, year: int) -> str | None:
    """``FY 2027-28`` for a plan year when the grant end date is known."""
    start = fiscal_year_start_year(document, year)
    return None if start is None else fiscal_year_name(start)


def fiscal_year_start(document: Document, year: int) -> date | None:
    """July 1 on which plan year ``year``'s fiscal year begins, when the grant end is known."""
    start = fiscal_year_start_year(document, year)
    return None if start is None else date(start, 7, 1)


def after_grant(year: int) -> str:
    """The secondary label of a plan year: ``year 2 after the grant``."""
    return f"year {year} after the grant"


def year_label(document: Document, year: int) -> str:
    """What a reader sees for a plan year: ``FY 2027-28``, or ``Year 1 after the grant`` when the grant end date is
    not recorded."""
    fiscal = fiscal_year(document, year)
    return fiscal if fiscal else after_grant(year).capitalize()


def year_label_long(document: Document, year: int) -> str:
    """``FY 2027-28 (year 1 after the grant)``, for the few places that explain the plan's years."""
    fiscal = fiscal_year(document, year)
    return f"{fiscal} ({after_grant(year)})" if fiscal else after_grant(year).capitalize()


def plan_period(document: Document) -> str:
    """The years the plan covers after the grant, for the cover of the printed plan."""
    horizon = document.profile.horizon_years
    first, last = fiscal_year(document, 1), fiscal_year(document, horizon)
    if first is None or last is None:
        return f"The {horizon} year{'s' if horizon != 1 else ''} after the grant ends"
    return first if horizon == 1 else f"{first} to {last}"
