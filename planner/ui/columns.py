"""Column definitions for the document's tables: how each field is shown and how typed text is read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from planner.core.editing import agreements, paste
from planner.core.editing.entry import read_date
from planner.core.funding.years import year_label
from planner.core.model.cost_plan import AgreementKind
from planner.core.model.document import SECTOR_LABELS, ActionStatus
from planner.core.model.money import format_money, parse_money
from planner.ui.models import Column
from planner.ui.session import DocumentSession


def _text(field: str) -> Column:
    return Column(
        field.replace("_", " ").capitalize(),
        lambda r: getattr(r, field) or "",
        parse=lambda v, _r: {field: str(v).strip()},
    )


def _date(field: str, header: str) -> Column:
    return Column(
        header,
        lambda r: getattr(r, field).isoformat() if getattr(r, field) else "",
        parse=lambda v, _r: {field: read_date(str(v))},
        tooltip="YYYY-MM-DD",
    )


def _choice(field: str, header: str, options: Sequence[tuple[str, Any]]) -> Column:
    labels = {value: label for label, value in options}
    return Column(
        header,
        lambda r: labels.get(getattr(r, field), str(getattr(r, field) or "")),
        parse=lambda v, _r: {field: v},
        choices=lambda: options,
        edit_value=lambda r: getattr(r, field),
    )


def _lookup(field: str, header: str, options: Any) -> Column:
    """A drop-down whose choices come from the document (partners, cost items, criteria) when opened."""

    def show(record: Any) -> str:
        value = getattr(record, field)
        return next((label for label, v in options() if v == value), "" if value is None else f"(missing: {value})")

    return Column(header, show, parse=lambda v, _r: {field: v}, choices=options, edit_value=lambda r: getattr(r, field))


def _money(field: str, header: str) -> Column:
    return Column(
        header,
        lambda r: format_money(getattr(r, field)),
        parse=lambda v, _r: {field: parse_money(str(v))},
        edit_value=lambda r: f"{getattr(r, field):.2f}",
        align_right=True,
    )


SECTOR_OPTIONS = [(label, sector) for sector, label in SECTOR_LABELS.items()]


def partner_columns() -> list[Column]:
    return [
        Column("Name", lambda r: r.name, parse=lambda v, _r: {"name": str(v)}),
        _choice("sector", "Sector", SECTOR_OPTIONS),
        _text("role"),
        # Blank means the sector's rule (districts July 1, colleges September 15) decides the brief's date.
        _date("budget_deadline", "Own budget deadline"),
    ]


def steering_columns(session: DocumentSession) -> list[Column]:
    return [
        Column("Name", lambda r: r.name, parse=lambda v, _r: {"name": str(v)}),
        _text("title"),
        _lookup("partner_id", "Partner", lambda: partner_options(session, optional=True)),
    ]


# The choices of the cost-item and commitment tables come from core, which reads a pasted block by the same labels.
def partner_options(session: DocumentSession, optional: bool = False) -> list[tuple[str, Any]]:
    return paste.partner_choices(session.document, optional)


def criterion_options(session: DocumentSession) -> list[tuple[str, Any]]:
    return paste.criterion_choices(session.instruments)


def cost_item_columns(session: DocumentSession) -> list[Column]:
    columns = [
        Column("Cost item", lambda r: r.name, parse=lambda v, _r: {"name": str(v)}),
        _choice("category", "Category", paste.CATEGORY_CHOICES),
        _lookup("criterion_id", "Criterion", lambda: criterion_options(session)),
        _choice("priority", "If money runs short", paste.PRIORITY_CHOICES),
        _lookup("gap_partner_id", "Gap asked of", lambda: partner_options(session, optional=True)),
    ]
    for year in range(1, session.document.profile.horizon_years + 1):
        columns.append(_year_cost(year, year_label(session.document, year)))
    return columns


def _year_cost(year: int, header: str) -> Column:
    return Column(
        header,
        lambda r: format_money(r.costs.get(year, 0)),
        parse=lambda v, r: {"costs": {**r.costs, year: parse_money(str(v))}},
        edit_value=lambda r: f"{r.costs.get(year, 0):.2f}",
        align_right=True,
    )


def commitment_columns(session: DocumentSession) -> list[Column]:
    return [
        _lookup("partner_id", "Partner", lambda: partner_options(session)),
        _lookup("cost_item_id", "Cost item", lambda: paste.cost_item_choices(session.document)),
        Column(
            "Year",
            # A commitment left beyond a shortened plan keeps its year; say so rather than show a bare number.
            lambda r: (
                year_label(session.document, r.year)
                + (" (after the plan)" if r.year > session.document.profile.horizon_years else "")
            ),
            parse=lambda v, _r: {"year": v},
            choices=lambda: [
                (year_label(session.document, y), y) for y in range(1, session.document.profile.horizon_years + 1)
            ],
            edit_value=lambda r: r.year,
        ),
        _money("amount", "Amount"),
        _choice("fund", "Kind of fund", paste.FUND_CHOICES),
        _text("source"),
        _choice("kind", "Ongoing / one-time", paste.KIND_CHOICES),
        _choice("status", "Status", paste.STATUS_CHOICES),
        _choice("in_kind", "Cash / in kind", paste.CASH_CHOICES),
    ]


AGREEMENT_KIND_OPTIONS = [(kind.label, kind) for kind in AgreementKind]


def agreement_columns(session: DocumentSession) -> list[Column]:
    """Agreements: the parties by name (separated by semicolons) and the fiscal years as FY 2027-28."""
    return [
        _choice("kind", "Kind", AGREEMENT_KIND_OPTIONS),
        Column(
            "Parties",
            lambda r: agreements.parties_text(session.document, r),
            parse=lambda v, _r: agreements.read_parties(session.document, str(v)),
            tooltip="Partner names, separated by semicolons",
        ),
        _date("signed_on", "Signed or adopted"),
        Column(
            "Fiscal years covered",
            agreements.fiscal_years_text,
            parse=lambda v, _r: agreements.read_fiscal_years(str(v)),
            tooltip="Like FY 2027-28, FY 2028-29",
        ),
        _text("reference"),
    ]


def action_columns(session: DocumentSession) -> list[Column]:
    return [
        Column("Action", lambda r: r.action, parse=lambda v, _r: {"action": str(v)}),
        _lookup("criterion_id", "Criterion", lambda: criterion_options(session)),
        _lookup("owner_partner_id", "Owner", lambda: partner_options(session, optional=True)),
        _date("start", "Start"),
        _date("due", "Due"),
        _choice("status", "Status", [(s.label, s) for s in ActionStatus]),
    ]
