"""Agreements as a person types them in a table: the parties by name, the fiscal years as "FY 2027-28".

Each reader returns the field's new value or raises :class:`~planner.core.editing.edits.EditError` in plain words,
so the app's table shows what was wrong and the document never changes half-way.
"""

from __future__ import annotations

import re
from typing import Any

from planner.core.editing.edits import EditError
from planner.core.funding.ledger import plan_date
from planner.core.funding.years import fiscal_year_name, fiscal_year_start_year
from planner.core.model.cost_plan import Agreement, AgreementKind
from planner.core.model.document import Document
from planner.core.model.fields import new_id

_FISCAL = re.compile(r"(?:FY\s*)?(\d{4})(?:\s*[-/]\s*(\d{2}|\d{4}))?", re.IGNORECASE)


def parties_text(document: Document, agreement: Agreement) -> str:
    names = {p.id: p.name for p in document.partners}
    return "; ".join(names.get(pid, f"(missing: {pid})") for pid in agreement.partner_ids)


def read_parties(document: Document, text: str) -> dict[str, Any]:
    """Partner names separated by semicolons (a name may hold a comma), each matched ignoring case."""
    by_name = {p.name.casefold(): p.id for p in document.partners}
    wanted = [part.strip() for part in text.split(";") if part.strip()]
    if not wanted:
        raise EditError("name at least one partner, separated by semicolons")
    ids = []
    for name in wanted:
        pid = by_name.get(name.casefold())
        if pid is None:
            raise EditError(f"{name[:60]!r} is not a partner in this plan; use a name from the partner list")
        if pid not in ids:
            ids.append(pid)
    return {"partner_ids": ids}


def fiscal_years_text(agreement: Agreement) -> str:
    return ", ".join(fiscal_year_name(fy) for fy in sorted(agreement.fiscal_years))


def read_fiscal_years(text: str) -> dict[str, Any]:
    """``FY 2027-28, FY 2028-29`` (or ``2027-28`` or ``2027``): each fiscal year by the year it starts in."""
    years: list[int] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        match = _FISCAL.fullmatch(part)
        if match is None:
            raise EditError(f"{part[:30]!r} is not a fiscal year; write it like FY 2027-28")
        start = int(match[1])
        end = match[2]
        if end is not None and int(end[-2:]) != (start + 1) % 100:
            raise EditError(f"{part} is not a fiscal year: it runs July 1 to June 30 of the next year")
        if start not in years:
            years.append(start)
    if not years:
        raise EditError("name at least one fiscal year, like FY 2027-28")
    return {"fiscal_years": sorted(years)}


def new_agreement(document: Document) -> Agreement:
    """A new MOU among every partner, signed on the plan's date, for the plan's first fiscal year."""
    if not document.partners:
        raise EditError("an agreement needs partners: add them on the Profile page first")
    first = fiscal_year_start_year(document, 1) or plan_date(document).year
    return Agreement(
        id=new_id("g"),
        kind=AgreementKind.MOU,
        partner_ids=[p.id for p in document.partners],
        signed_on=plan_date(document),
        fiscal_years=[first],
    )
