"""Reference data shipped with the planner: the California Career Pathways Trust Round One consortia."""

from __future__ import annotations

import functools
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from planner.core.model.money import Money, format_money
from planner.core.model.text import XmlText
from planner.core.storage.files import read_toml
from planner.resources import resource_path

MAX_REFERENCE_BYTES = 1024 * 1024


class RoundOneConsortium(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    fiscal_agent: XmlText
    award: Money
    region: XmlText


class _RoundOneFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    consortia: list[RoundOneConsortium]


@functools.cache
def round_one_consortia() -> tuple[RoundOneConsortium, ...]:
    """The 39 Round One grants (fiscal agent, award, region), in award order, for profile pick-lists."""
    path = resource_path("rubrics", "reference/ccpt_round_one.toml")
    return tuple(_RoundOneFile.model_validate(read_toml(path, MAX_REFERENCE_BYTES)).consortia)


def round_one_by_name() -> tuple[RoundOneConsortium, ...]:
    """The Round One grants by fiscal agent, A to Z, as a pick-list shows them."""
    return tuple(sorted(round_one_consortia(), key=lambda c: c.fiscal_agent.casefold()))


def round_one_named(fiscal_agent: str) -> RoundOneConsortium | None:
    return next((c for c in round_one_consortia() if c.fiscal_agent == fiscal_agent), None)


def round_one_overwrites(
    pick: RoundOneConsortium, fiscal_agent: str, award: Decimal | None, region: str
) -> list[tuple[str, str, str]]:
    """What picking a Round One grant would replace of what the person entered: ``(field, entered, listed)`` for
    an award or region that differs from the pick. An empty field is only filled, and values that came from the
    list themselves (those of the Round One grant named as fiscal agent) are the list's to change: neither is
    listed, so looking through the list with the arrow keys asks nothing."""
    current = round_one_named(fiscal_agent)
    replaced = []
    if award is not None and award != pick.award and not (current is not None and award == current.award):
        replaced.append(("award", format_money(award), format_money(pick.award)))
    if region.strip() and region != pick.region and not (current is not None and region == current.region):
        replaced.append(("region", region, pick.region))
    return replaced
