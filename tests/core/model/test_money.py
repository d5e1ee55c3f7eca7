"""Money as people type it and as files hold it: US format only (planner/core/model/money.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.core.model.money import parse_money


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1250", "1250.00"),
        ("1,250.50", "1250.50"),
        ("$1,250.5", "1250.50"),
        (" $12,345,678.90 ", "12345678.90"),
        (".5", "0.50"),
        ("", "0.00"),
    ],
)
def test_us_amounts_are_read(text: str, value: str) -> None:
    assert parse_money(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("12,50", "not an amount"),  # a European decimal would otherwise become $1,250.00
        ("1e3", "not an amount"),  # an exponent would otherwise become $1,000.00
        ("1,2345", "not an amount"),
        ("12.50.1", "not an amount"),
        ("NaN", "not an amount"),
        ("Infinity", "not an amount"),
        ("-5", "negative"),
        ("1.005", "fractions of a cent"),
        ("9" * 60, "larger than"),
    ],
)
def test_ambiguous_or_absurd_amounts_are_refused_with_the_accepted_form(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason) as info:
        parse_money(text)
    if reason == "not an amount":
        assert "1,250.50" in str(info.value)


def test_a_huge_amount_is_named_short_not_digit_by_digit() -> None:
    with pytest.raises(ValueError) as caught:
        parse_money("1" + "0" * 150)
    assert str(caught.value) == "amount 1e+150 is larger than 999,999,999.99; check for extra digits"
    with pytest.raises(ValueError, match=r"^amount 1,000,000,000.00 is larger than 999,999,999.99;"):
        parse_money("1000000000")
