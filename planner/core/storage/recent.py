"""What the start page says about each recently used plan: whose it is, when it was saved, how far its rating has
got; and which remembered files are gone (moved or deleted) so they can be dropped from the list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the models load only when a card is read: the recent-files list is checked before they exist
    from planner.core.model.document import Document
    from planner.core.model.rubric import Instrument


@dataclass(frozen=True)
class RecentPlan:
    path: Path
    consortium: str = ""
    saved: datetime | None = None
    rated: int = 0  # criteria with an answer (a level or N/A) from at least one respondent
    criteria: int = 0
    respondent: str = ""  # set when the file is a team member's respondent form
    error: str = ""  # why the file could not be read; empty when it could

    @property
    def title(self) -> str:
        if self.error:
            return self.path.name
        if self.respondent:
            return f"{self.respondent}'s form for {self.consortium}"
        return self.consortium or "Unnamed consortium"

    def details(self) -> str:
        """``Saved 2026-03-02 14:10 · 31 of 36 criteria rated``, or why the file cannot be opened."""
        if self.error:
            return f"Could not be read: {self.error}"
        parts = []
        if self.saved is not None:
            parts.append(f"Saved {self.saved.astimezone().strftime('%Y-%m-%d %H:%M')}")
        parts.append(f"{self.rated} of {self.criteria} criteria rated")
        return " · ".join(parts)


def rated_criteria(document: Document, instruments: Sequence[Instrument]) -> tuple[int, int]:
    """``(rated, total)``: criteria of the document's instruments that any respondent has answered."""
    from planner.core.model.document import UNRATED

    ids = [c.id for i in instruments for c in i.criteria]
    rated = sum(1 for cid in ids if any(r.ratings.get(cid, UNRATED).is_answered for r in document.respondents))
    return rated, len(ids)


def describe_recent(path: Path, available: Sequence[Instrument]) -> RecentPlan:
    """Read one recent file for its card; a file that cannot be read says why instead of failing."""
    from planner.core.model.errors import PlannerFileError
    from planner.core.storage.instruments import load_plan

    try:
        document, instruments = load_plan(path, available)
    except PlannerFileError as exc:
        return RecentPlan(path=path, error=exc.message_without_path())
    rated, total = rated_criteria(document, instruments)
    respondent = document.form_respondent_name() or ""
    return RecentPlan(
        path=path,
        consortium=document.profile.consortium_name,
        saved=document.metadata.modified,
        rated=rated,
        criteria=total,
        respondent=respondent,
    )


def split_missing(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """``(still there, gone)``: a remembered file that no longer exists was moved or deleted."""
    kept: list[str] = []
    gone: list[str] = []
    for path in paths:
        try:
            exists = Path(path).is_file()
        except OSError:  # e.g. no permission to look: not known to be gone, so kept
            exists = True
        (kept if exists else gone).append(path)
    return kept, gone


def removed_notice(count: int) -> str:
    if count == 1:
        return "1 recent plan was moved or deleted and was removed from the list."
    return f"{count} recent plans were moved or deleted and were removed from the list."
