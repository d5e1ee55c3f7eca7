"""Money: ``Decimal`` to the cent, never negative, never absurd, stored as a string."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, PlainSerializer

CENT = Decimal("0.01")
# No consortium plan line comes near a billion dollars; anything above is a typo (an extra zero or two).
MAX_AMOUNT = Decimal("999999999.99")


def _reject_float(value: Any) -> Any:
    # A float has already lost cents (0.1 + 0.2); insist on strings or integers from files.
    if isinstance(value, float):
        raise ValueError('amounts must be written as text, e.g. "1250.00", not as a floating-point number')
    if isinstance(value, str):
        cleaned = value.strip().replace(",", "").removeprefix("$").strip()
        return cleaned
    return value


def _check_amount(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError("amount must be a number")
    if value < 0:
        raise ValueError("amount cannot be negative")
    if value > MAX_AMOUNT:
        raise ValueError(f"amount {value} is larger than {MAX_AMOUNT}; check for extra digits")
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
    cleaned = _reject_float(text)
    if cleaned == "":
        return Decimal("0.00")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not an amount of money") from None
    return _check_amount(value)


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
