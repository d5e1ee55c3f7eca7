"""Reference data shipped with the planner: the California Career Pathways Trust Round One consortia."""

from __future__ import annotations

import functools

from pydantic import BaseModel, ConfigDict

from planner.core.files import read_toml
from planner.core.money import Money
from planner.resources import resource_path

MAX_REFERENCE_BYTES = 1024 * 1024


class RoundOneConsortium(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    fiscal_agent: str
    award: Money
    region: str


class _RoundOneFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    consortia: list[RoundOneConsortium]


@functools.cache
def round_one_consortia() -> tuple[RoundOneConsortium, ...]:
    """The 39 Round One grants (fiscal agent, award, region), in award order, for profile pick-lists."""
    path = resource_path("rubrics", "reference/ccpt_round_one.toml")
    return tuple(_RoundOneFile.model_validate(read_toml(path, MAX_REFERENCE_BYTES)).consortia)
