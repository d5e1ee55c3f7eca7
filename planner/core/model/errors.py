"""The one error type that every bad file or bad input becomes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class PlannerFileError(Exception):
    """A file could not be used: says which file, where in it, and what is wrong, in plain words."""

    def __init__(self, path: str, where: str, what: str) -> None:
        self.path = path
        self.where = where
        self.what = what
        # Further problems found in the same file, for ``planner validate`` to list them all.
        self.more: list[PlannerFileError] = []
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return f"{self.path}: {self.where}: {self.what}" if self.where else f"{self.path}: {self.what}"

    def message_without_path(self) -> str:
        """``where: what``, for a list that already shows which file each line is about."""
        return f"{self.where}: {self.what}" if self.where else self.what


def location_text(loc: Sequence[Any]) -> str:
    """Turn a pydantic error location such as ``('criteria', 3, 'levels')`` into ``criteria[3].levels``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(top level)"


def pydantic_problems(path: str, exc: Any) -> list[PlannerFileError]:
    """Convert a pydantic ``ValidationError`` into one :class:`PlannerFileError` per problem."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = [p for p in err["loc"] if p not in ("function-after", "function-before")]
        message = str(err["msg"])
        if err["type"] == "extra_forbidden":
            message = "unknown key (check the spelling)"
        elif err["type"] == "missing":
            message = "required key is missing"
        elif message.startswith("Value error, "):
            message = message.removeprefix("Value error, ")
        problems.append(PlannerFileError(path, location_text(loc), message))
    return problems
