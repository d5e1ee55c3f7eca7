"""What the start page says about each recently used plan: whose it is, when it was saved, how far its rating has
got; and which remembered files are gone (moved or deleted) so they can be dropped from the list.

A plan on a network drive, a USB stick or a share that is not connected right now is not gone: its folder cannot
be reached, so it stays in the list as "unavailable" and comes back with the drive. Only a file missing from a
folder that can be reached counts as moved or deleted. These checks can wait for a network timeout: the app runs
them off its main thread.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
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
    unavailable: bool = False  # its folder or drive cannot be reached now
    copy_of: str = ""  # the plan's file name when this file is a sync service's conflict copy of it
    copy_from: str = ""  # "a Dropbox conflict copy from Dana"

    @property
    def title(self) -> str:
        if self.error or self.unavailable:
            return self.path.name
        if self.respondent:
            return f"{self.respondent}'s form for {self.consortium}"
        name = self.consortium or "Unnamed consortium"
        return f"{name} (conflict copy of {self.copy_of})" if self.copy_of else name

    def details(self) -> str:
        """``Saved 2026-03-02 14:10 · 31 of 36 criteria rated``, or why the file cannot be opened."""
        if self.unavailable:
            return UNAVAILABLE_TEXT
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


UNAVAILABLE_TEXT = "Unavailable: its folder or drive cannot be reached now. It stays here until it can."


class Reach(Enum):
    THERE = "there"
    MISSING = "missing"  # the folder can be reached and the file is not in it: moved or deleted
    UNAVAILABLE = "unavailable"  # the folder or drive cannot be reached (disconnected, offline, not mounted)


_GONE = (errno.ENOENT, errno.ENOTDIR)
# Where macOS and Linux mount drives and shares: a folder missing under one of these is a volume not mounted now.
MOUNT_PLACES = ("/Volumes", "/media", "/mnt", "/run/media", "/net", "/Network", "/run/user")


def reach(path: Path | str, mount_places: Sequence[str] | None = None) -> Reach:
    """Whether a remembered plan is there, gone from a folder we can see, or in a folder we cannot reach now.

    The file's own folder is there: the file was moved or deleted. The folder is not there either: on Windows,
    when the drive or share itself cannot be reached; elsewhere, when the folder was on a mounted volume.
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        if exc.errno not in _GONE:
            return Reach.UNAVAILABLE  # a network error, no permission to look: not known to be gone
    else:
        return Reach.THERE if stat.S_ISREG(info.st_mode) else Reach.MISSING
    folder = os.path.dirname(os.path.abspath(path))
    try:
        found = os.stat(folder)
    except OSError as exc:
        if exc.errno not in _GONE:
            return Reach.UNAVAILABLE
    else:
        return Reach.MISSING if stat.S_ISDIR(found.st_mode) else Reach.UNAVAILABLE
    drive, rest = os.path.splitdrive(folder)
    if drive:  # Windows: C:, or \\server\share
        try:
            os.stat(drive + os.sep)
        except OSError:
            return Reach.UNAVAILABLE
        return Reach.MISSING
    if any(_under(rest, place) for place in (MOUNT_PLACES if mount_places is None else mount_places)):
        return Reach.UNAVAILABLE
    return Reach.MISSING


def _under(path: str, place: str) -> bool:
    place = place.rstrip("/\\")
    return path == place or path.startswith(place + os.sep)


def describe_recent(path: Path, available: Sequence[Instrument]) -> RecentPlan:
    """Read one recent file for its card; a file that cannot be read says why instead of failing."""
    from planner.core.model.errors import PlannerFileError
    from planner.core.storage.conflicts import original_of
    from planner.core.storage.instruments import load_plan
    from planner.core.storage.storage import load_document

    if reach(path) is Reach.UNAVAILABLE:
        return RecentPlan(path=path, unavailable=True)
    try:
        document, instruments = load_plan(path, available)
    except PlannerFileError as exc:
        if reach(path) is Reach.UNAVAILABLE:  # the drive went away while we read
            return RecentPlan(path=path, unavailable=True)
        return RecentPlan(path=path, error=exc.message_without_path())
    rated, total = rated_criteria(document, instruments)
    respondent = document.form_respondent_name() or ""
    copy_of = copy_from = ""
    original = original_of(path)
    if original is not None:
        try:
            same = load_document(original[0]).metadata.consortium_id == document.metadata.consortium_id
        except PlannerFileError:
            same = False
        if same:
            copy_of, copy_from = original[0].name, original[1].describe()
    return RecentPlan(
        path=path,
        consortium=document.profile.consortium_name,
        saved=document.metadata.modified,
        rated=rated,
        criteria=total,
        respondent=respondent,
        copy_of=copy_of,
        copy_from=copy_from,
    )


def split_missing(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """``(kept, gone)``: a remembered file missing from a folder we can reach was moved or deleted; one in a
    folder or on a drive that cannot be reached now is kept (it comes back with the drive), and so are lock files
    never: they are not plans."""
    from planner.core.storage.locks import is_lock_file

    kept: list[str] = []
    gone: list[str] = []
    for path in paths:
        if is_lock_file(Path(path).name):
            gone.append(path)
            continue
        (gone if reach(path) is Reach.MISSING else kept).append(path)
    return kept, gone


def removed_notice(count: int) -> str:
    if count == 1:
        return "1 recent plan was moved or deleted and was removed from the list."
    return f"{count} recent plans were moved or deleted and were removed from the list."
