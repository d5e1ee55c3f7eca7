"""Sync-service conflict copies: the other person's edits, saved beside the plan under another name.

When two machines change their synced copies of ``plan.json`` before the sync catches up, the sync service keeps
both: the plan under its own name and the other one under a name of its own making. What the services write:

- OneDrive and SharePoint (through the OneDrive client): ``plan-LAB-12.json``, the computer's name appended
  (a number after it for a second one);
- Dropbox: ``plan (Dana's conflicted copy 2026-03-02).json``;
- Nextcloud and ownCloud: ``plan (conflicted copy 2026-03-02 104212).json``, or in older versions
  ``plan_conflict-20260302-104212.json``;
- Google Drive, and copies made by hand or by a browser download: ``plan (1).json``; Google's ``[Conflict]`` names;
- Syncthing: ``plan.sync-conflict-20260302-104212-ABCDEFG.json``.

A file is a conflict copy of the plan only when its name has one of these shapes, it holds the same consortium
(``consortium_id``), and its content differs (a sync service that duplicated an identical file left nothing to
merge). ``plan-2025.json`` or ``plan-baseline.json`` are not taken for OneDrive's names: a computer's name as the
services write it has a capital letter, and not only digits. Lock files are never conflict copies.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from planner.core.storage.files import TEMP_PREFIX
from planner.core.storage.locks import is_lock_file

if TYPE_CHECKING:
    from planner.core.model.document import Document

_CONFLICT_WORD = re.compile(r"conflict", re.IGNORECASE)
_DROPBOX = re.compile(r"^ \((?P<source>.+?)['’]s conflicted copy \d{4}-\d{2}-\d{2}(?: \d+)?\)(?: \(\d+\))?$")
_NEXTCLOUD = re.compile(
    r"^(?: \(conflicted copy (?:(?P<source>.+?) )?\d{4}-\d{2}-\d{2} \d{6}\)|_conflict\S*-\d{8}-\d{6})$"
)
_SYNCTHING = re.compile(r"^\.sync-conflict-\d{8}-\d{6}(?:-(?P<source>[A-Z0-9]{7}))?$")
_GOOGLE = re.compile(r"^(?: ?\[Conflict\]| \(Conflict\)| ?_conf\(\d{1,3}\))$", re.IGNORECASE)
_NUMBERED = re.compile(r"^ ?\((?P<number>\d{1,3})\)$")
# The computer's name as written (``LAB-12``; a second copy's ``-2`` cannot be told from a name ending in a number).
_MACHINE = re.compile(r"^-(?P<source>[A-Za-z0-9_][A-Za-z0-9_-]{0,40})$")


@dataclass(frozen=True)
class ConflictName:
    service: str  # which service names copies this way, in words
    source: str = ""  # the computer or person the name gives, when it gives one

    def describe(self) -> str:
        """``a OneDrive or SharePoint conflict copy from LAB-12``."""
        text = f"a {self.service} conflict copy" if self.service else "a copy"
        return f"{text} from {self.source}" if self.source else text


def _machine_like(text: str) -> bool:
    return any(c.isupper() for c in text) and not text.replace("-", "").isdigit() and len(text) >= 2


def conflict_name(original: str, candidate: str) -> ConflictName | None:
    """How ``candidate`` names a sync conflict copy of the file ``original`` (both file names), or None."""
    if is_lock_file(candidate) or candidate.startswith(TEMP_PREFIX) or candidate == original:
        return None
    stem, suffix = os.path.splitext(original)
    cand_stem, cand_suffix = os.path.splitext(candidate)
    if cand_suffix.lower() != suffix.lower() or not stem or not cand_stem.startswith(stem):
        return None
    tail = cand_stem[len(stem) :]
    if match := _DROPBOX.match(tail):
        return ConflictName("Dropbox", match["source"])
    if match := _NEXTCLOUD.match(tail):
        return ConflictName("Nextcloud", match["source"] or "")
    if match := _SYNCTHING.match(tail):
        return ConflictName("Syncthing", match["source"] or "")
    if _GOOGLE.match(tail):
        return ConflictName("Google Drive")
    if _NUMBERED.match(tail):
        return ConflictName("")
    if (match := _MACHINE.match(tail)) and _machine_like(match["source"]):
        return ConflictName("OneDrive or SharePoint", match["source"])
    if tail[:1] in (" ", "_", ".", "-", "(", "[") and _CONFLICT_WORD.search(tail):
        return ConflictName("sync")
    return None


def conflict_candidates(path: Path) -> list[tuple[Path, ConflictName]]:
    """Files beside ``path`` whose names are conflict copies of it (not yet read), by name."""
    try:
        with os.scandir(path.parent) as scan:
            names = sorted(entry.name for entry in scan if entry.is_file())
    except OSError:
        return []
    found = []
    for name in names:
        named = conflict_name(path.name, name)
        if named is not None:
            found.append((path.parent / name, named))
    return found


def original_of(path: Path) -> tuple[Path, ConflictName] | None:
    """The plan beside ``path`` that ``path`` is named as a conflict copy of (the longest such name), or None."""
    try:
        with os.scandir(path.parent) as scan:
            names = [entry.name for entry in scan if entry.is_file()]
    except OSError:
        return None
    best: tuple[Path, ConflictName] | None = None
    for name in names:
        named = conflict_name(name, path.name)
        if named is not None and (best is None or len(name) > len(best[0].name)):
            best = (path.parent / name, named)
    return best


def same_content(a: Document, b: Document) -> bool:
    """Equal apart from when and by which version they were saved."""
    keep = {"modified", "app_version"}
    return (
        a.model_copy(update={"metadata": a.metadata.model_copy(update={k: getattr(b.metadata, k) for k in keep})}) == b
    )


@dataclass(frozen=True)
class ConflictCopy:
    path: Path
    name: ConflictName
    document: Document
    written: datetime  # the copy's file time, which a sync service keeps from the machine that saved it

    def describe(self) -> str:
        """``plan-LAB-12.json (a OneDrive or SharePoint conflict copy from LAB-12, saved March 2, 14:10)``."""
        local = self.written.astimezone()
        return f"{self.path.name} ({self.name.describe()}, saved {local:%B} {local.day}, {local:%H:%M})"


def find_conflict_copies(path: Path, document: Document) -> list[ConflictCopy]:
    """The readable conflict copies beside ``path`` of the same consortium as ``document``, whose content differs.

    A copy that cannot be read is left out (it cannot be compared or merged); the plan's own file is ``path``.
    """
    from planner.core.model.errors import PlannerFileError
    from planner.core.storage.storage import load_document

    copies = []
    for candidate, named in conflict_candidates(path):
        try:
            other = load_document(candidate)
            written = datetime.fromtimestamp(candidate.stat().st_mtime, UTC)
        except (PlannerFileError, OSError, ValueError, OverflowError):
            continue
        if other.metadata.consortium_id != document.metadata.consortium_id or same_content(other, document):
            continue
        copies.append(ConflictCopy(candidate, named, other, written))
    return copies
