"""The Round One pick-list: in name order, and what a pick would replace of what the person entered."""

from __future__ import annotations

from decimal import Decimal

from planner.core.model.reference import round_one_by_name, round_one_named, round_one_overwrites


def test_the_list_is_in_name_order_and_complete() -> None:
    names = [c.fiscal_agent for c in round_one_by_name()]
    assert len(names) == 39 == len(set(names))
    assert names == sorted(names, key=str.casefold)


def test_only_entered_values_that_differ_are_replaced() -> None:
    sonoma = round_one_named("Sonoma County Office of Education")
    assert sonoma is not None and round_one_named("Nowhere USD") is None
    assert round_one_overwrites(sonoma, "", None, "") == []  # empty fields are filled, not replaced
    assert round_one_overwrites(sonoma, "", sonoma.award, "Northern") == []  # same values: nothing lost
    assert round_one_overwrites(sonoma, "My district", Decimal("1000"), "  ") == [
        ("award", "$1,000.00", "$14,999,690.00")
    ]
    assert round_one_overwrites(sonoma, "", None, "North Coast") == [("region", "North Coast", "Northern")]


def test_values_that_came_from_the_list_are_the_lists_to_change() -> None:
    tehachapi = round_one_named("Tehachapi Unified School District")
    sonoma = round_one_named("Sonoma County Office of Education")
    assert tehachapi is not None and sonoma is not None
    picked = (tehachapi.fiscal_agent, tehachapi.award, tehachapi.region)
    assert round_one_overwrites(sonoma, *picked) == []
    # The same values under another fiscal agent were typed by the person: theirs, so asked about.
    assert len(round_one_overwrites(sonoma, "Typed name", tehachapi.award, tehachapi.region)) == 2
