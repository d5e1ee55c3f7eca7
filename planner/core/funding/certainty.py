"""What counts as committed: the budget calendar, the agreements, and each commitment's status as counted.

A commitment marked committed counts as committed for a fiscal year only if the partner's budget for that year was
adopted by the plan's date, or a recorded agreement signed by then covers the partner and the year; otherwise it
counts as pledged, with a warning naming the partner, the year and how to record the agreement. Commitments that
point at a partner or cost item that does not exist, or at a year beyond the plan, are left out with a warning.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from planner.core.funding.years import fiscal_year_name, fiscal_year_start_year, year_label
from planner.core.model.cost_plan import Agreement, Commitment, CommitmentStatus, CostItem
from planner.core.model.document import Document, Partner, Sector
from planner.core.model.money import format_dollars

ZERO = Decimal("0.00")

# (month, day) by which a board of this sector adopts the budget for a fiscal year that starts on July 1, and what
# that budget is called. Other partners (employers, workforce boards, nonprofits) are taken to have their money
# settled when the fiscal year starts.
BUDGET_CALENDAR: dict[Sector, tuple[int, int, str]] = {
    Sector.K12: (7, 1, "district budget"),
    Sector.COUNTY_OFFICE: (7, 1, "county office budget"),
    Sector.ROP: (7, 1, "district budget"),
    Sector.COLLEGE: (9, 15, "college final budget"),
}
DEFAULT_BUDGET = (7, 1, "budget")


class WarningCode(StrEnum):
    FUNDING_GAP = "funding_gap"
    OVER_COMMITTED = "over_committed"
    PARTNER_MAJORITY = "partner_majority"
    ONE_TIME_MAJORITY = "one_time_majority"
    SHORT_HORIZON = "short_horizon"
    UNKNOWN_PARTNER = "unknown_partner"
    UNKNOWN_COST_ITEM = "unknown_cost_item"
    OUTSIDE_HORIZON = "outside_horizon"
    NO_COSTS = "no_costs"
    BUDGET_NOT_ADOPTED = "budget_not_adopted"
    AGREEMENT_UNKNOWN_PARTNER = "agreement_unknown_partner"
    FUND_ENDED = "fund_ended"
    FUND_RECIPIENT = "fund_recipient"
    MATCH_EXCLUDED = "match_excluded"
    MATCH_SHORT = "match_short"


@dataclass(frozen=True)
class FundingWarning:
    code: WarningCode
    message: str


# --- dates ------------------------------------------------------------------------------------------------------


def plan_date(document: Document) -> date:
    """The date the plan speaks for: the day the committee adopted it, or else the day it was last saved."""
    return document.adoption.adopted_on or document.metadata.modified.date()


def _on(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:  # February 29 in a year without one
        return date(year, month, 28)


def budget_adopted_by(partner: Partner, fiscal_start: int) -> tuple[date, str]:
    """When ``partner`` adopts its budget for the fiscal year starting July 1 of ``fiscal_start``, and its name."""
    month, day, what = BUDGET_CALENDAR.get(partner.sector, DEFAULT_BUDGET)
    if partner.budget_deadline is not None:
        month, day = partner.budget_deadline.month, partner.budget_deadline.day
    return _on(fiscal_start, month, day), what


def long_date(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


class CountedCommitment(NamedTuple):
    """A commitment as the ledger counts it (a named tuple: the large plan makes thousands of them per edit)."""

    commitment: Commitment  # with ``status`` as counted
    written: CommitmentStatus  # the status the plan records
    basis: str  # why it counts as it does, in plain words
    agreement: Agreement | None = None

    @property
    def downgraded(self) -> bool:
        return self.written is CommitmentStatus.COMMITTED and self.commitment.status is not CommitmentStatus.COMMITTED


def _money(value: Decimal) -> str:
    return format_dollars(value)


def split_usable(
    document: Document, partners: dict[str, Partner], items: dict[str, CostItem]
) -> tuple[list[Commitment], list[FundingWarning]]:
    horizon = document.profile.horizon_years
    usable: list[Commitment] = []
    warnings: list[FundingWarning] = []
    for c in document.commitments:
        if c.partner_id in partners and c.cost_item_id in items and c.year <= horizon:
            usable.append(c)
            continue
        amount = _money(c.amount)
        if c.partner_id not in partners:
            warnings.append(
                FundingWarning(
                    WarningCode.UNKNOWN_PARTNER,
                    f"A commitment of {amount} names a partner that is not in the partner list "
                    f"({c.partner_id}); it is left out of the totals.",
                )
            )
        elif c.cost_item_id not in items:
            warnings.append(
                FundingWarning(
                    WarningCode.UNKNOWN_COST_ITEM,
                    f"{partners[c.partner_id].name}'s commitment of {amount} is for a cost item that does not exist "
                    f"({c.cost_item_id}); it is left out of the totals.",
                )
            )
        elif c.year > horizon:
            warnings.append(
                FundingWarning(
                    WarningCode.OUTSIDE_HORIZON,
                    f"{partners[c.partner_id].name}'s commitment of {amount} is for {year_label(document, c.year)}, "
                    f"beyond the {horizon}-year plan; it is left out of the totals.",
                )
            )
    return usable, warnings


def count_commitments(
    document: Document, commitments: Sequence[Commitment], partners: dict[str, Partner]
) -> tuple[list[CountedCommitment], list[FundingWarning]]:
    """Each usable commitment with the status it counts as, and a warning per partner and fiscal year whose money
    marked committed counts as pledged."""
    today = plan_date(document)
    covering: dict[tuple[str, int], Agreement] = {}
    for signed in sorted(document.agreements, key=lambda a: a.signed_on):
        if signed.signed_on <= today:
            for pid in signed.partner_ids:
                for fy in signed.fiscal_years:
                    covering.setdefault((pid, fy), signed)
    counted: list[CountedCommitment] = []
    downgraded: dict[tuple[str, int], Decimal] = defaultdict(lambda: ZERO)
    reasons: dict[tuple[str, int], str] = {}
    # One decision per partner and plan year: (counts as committed, why, the agreement, fiscal year start).
    decided: dict[tuple[str, int], tuple[bool, str, Agreement | None, int]] = {}
    plain = {status: status.label.lower() for status in CommitmentStatus}
    for c in commitments:
        if c.status is not CommitmentStatus.COMMITTED:
            counted.append(CountedCommitment(c, c.status, plain[c.status]))
            continue
        key = (c.partner_id, c.year)
        decision = decided.get(key)
        if decision is None:
            decision = decided[key] = _decide(document, partners[c.partner_id], c.year, today, covering, reasons)
        firm, basis, agreement, start = decision
        if firm:
            counted.append(CountedCommitment(c, c.status, basis, agreement))
            continue
        counted.append(CountedCommitment(c.model_copy(update={"status": CommitmentStatus.PLEDGED}), c.status, basis))
        downgraded[(c.partner_id, start)] += c.amount
    warnings = [
        FundingWarning(
            WarningCode.BUDGET_NOT_ADOPTED,
            f"{partners[pid].name}: {_money(amount)} marked committed for {fiscal_year_name(fy)} counts as pledged: "
            f"{reasons[(pid, fy)]}, after the plan's date ({long_date(today)}), and no agreement covers "
            f"{fiscal_year_name(fy)}. To count it as committed, record the MOU, board resolution or contract "
            "under Agreements on the Shared costs page (parties, date signed, fiscal years covered).",
        )
        for (pid, fy), amount in downgraded.items()
    ]
    return counted, warnings


def _decide(
    document: Document,
    partner: Partner,
    year: int,
    today: date,
    covering: dict[tuple[str, int], Agreement],
    reasons: dict[tuple[str, int], str],
) -> tuple[bool, str, Agreement | None, int]:
    """Whether ``partner``'s money marked committed for plan ``year`` counts as committed, and why."""
    start = fiscal_year_start_year(document, year)
    if start is None:  # no grant end date: the plan's years are not fiscal years yet, so nothing can be checked
        return True, "committed (fiscal year unknown: grant end not recorded)", None, 0
    adopted_on, what = budget_adopted_by(partner, start)
    fy_name = fiscal_year_name(start)
    if adopted_on <= today:
        return True, f"committed: {fy_name} {what} adopted by {long_date(adopted_on)}", None, start
    agreement = covering.get((partner.id, start))
    if agreement is not None:
        reference = f" {agreement.reference}" if agreement.reference else ""
        signed = long_date(agreement.signed_on)
        return True, f"committed: {agreement.kind.label.lower()}{reference} signed {signed}", agreement, start
    reasons[(partner.id, start)] = f"its {fy_name} {what} is adopted by {long_date(adopted_on)}"
    return False, f"pledged: {fy_name} {what} not adopted by the plan's date and no agreement covers it", None, start


def agreement_warnings(document: Document, partners: dict[str, Partner]) -> list[FundingWarning]:
    warnings = []
    for agreement in document.agreements:
        for pid in agreement.partner_ids:
            if pid not in partners:
                warnings.append(
                    FundingWarning(
                        WarningCode.AGREEMENT_UNKNOWN_PARTNER,
                        f"Agreement {agreement.reference or agreement.id} names a partner that is not in the partner "
                        f"list ({pid}); it covers no money for that party.",
                    )
                )
    return warnings
