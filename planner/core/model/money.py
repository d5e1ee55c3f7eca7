"""Money: ``Decimal`` to the cent, never negative, never absurd, stored as a string."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, PlainSerializer

CENT = Decimal("0.01")
# No consortium plan line comes near a billion dollars; anything above is a typo (an extra zero or two).
MAX_AMOUNT = Decimal("999999999.99")


# US format only: digits with an optional "$", commas only between groups of three, a point before the cents.
# "12,50" (a European decimal) and "1e3" would otherwise be read as $1,250.00 and $1,000.00.
_AMOUNT = re.compile(r"\$?(?P<whole>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<fraction>\d+))?")
ACCEPTED_FORM = "write it like 1250, 1,250.50 or $1,250.50 (a comma only between thousands, a point before cents)"


def _reject_float(value: Any) -> Any:
    # A float has already lost cents (0.1 + 0.2); insist on strings or integers from files.
    if isinstance(value, float):
        raise ValueError('amounts must be written as text, e.g. "1250.00", not as a floating-point number')
    if isinstance(value, bool):
        raise ValueError("an amount must be a number, not true or false")
    if isinstance(value, str):
        return _amount_from_text(value)
    return value


def _amount_from_text(text: str) -> Decimal:
    cleaned = text.strip()
    if cleaned.startswith("-") or cleaned.startswith("$-"):
        raise ValueError("amount cannot be negative")
    match = _AMOUNT.fullmatch(cleaned) if len(cleaned) <= 200 else None
    if match is None or (match["whole"] is None and match["fraction"] is None):
        raise ValueError(f"{text[:40]!r} is not an amount; {ACCEPTED_FORM}")
    whole = (match["whole"] or "0").replace(",", "")
    return Decimal(f"{whole}.{match['fraction'] or '0'}")


def _check_amount(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError("amount must be a number")
    if value < 0:
        raise ValueError("amount cannot be negative")
    if value > MAX_AMOUNT:
        shown = f"{value:,.2f}" if value < Decimal("1e15") else f"{float(value):.4g}"  # never a 300-digit number
        raise ValueError(f"amount {shown} is larger than {MAX_AMOUNT:,}; check for extra digits")
    if value != value.quantize(CENT, rounding=ROUND_HALF_UP):
        raise ValueError("amount has fractions of a cent")
    return value.quantize(CENT)


Money = Annotated[
    Decimal,
    BeforeValidator(_reject_float),
    AfterValidator(_check_amount),
    PlainSerializer(lambda v: f"{v:.2f}", return_type=str, when_used="always"),
]


def parse_money(text: str) -> Decimal:
    """Parse what a person typed ("$1,250.5") into a checked amount; raise ``ValueError`` in plain words."""
    if text.strip() == "":
        return Decimal("0.00")
    return _check_amount(_amount_from_text(text))


MINUS = "\u2212"  # a real minus sign, not a hyphen


def format_money(value: Decimal) -> str:
    """``$1,234.50``, to the cent (the detail ledger); negative values get a real minus sign."""
    sign = MINUS if value < 0 else ""
    return f"{sign}${abs(value):,.2f}"


def whole_dollars(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def format_dollars(value: Decimal) -> str:
    """``$1,235``: whole dollars for summaries and the decision brief; a real minus sign when negative."""
    rounded = whole_dollars(value)
    sign = MINUS if rounded < 0 else ""
    return f"{sign}${abs(rounded):,.0f}"
