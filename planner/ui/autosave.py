"""Autosave, crash recovery and document locks.

Every running window holds a ``QLockFile`` named after its own id in the app data folder and writes its
autosave beside it. A later start that finds autosaves whose locks it can take (the owners are gone: a
crash, or a stale lock) offers every one of them; none is deleted until the person decides. A clean close
removes the instance's files. Paths are stored absolute and resolved, so a recovered document is saved back
to the file it came from whatever folder the app was started in.

A :class:`DocumentLock` per open file (keyed on its resolved path, kept in the app data folder so a read-only
or shared folder needs no write access) tells a second window that the file is already open.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLockFile, QStandardPaths

from planner.core.model.document import Document
from planner.core.model.errors import PlannerFileError
from planner.core.storage.files import read_limited, remove_stale_temps
from planner.core.storage.storage import MAX_DOCUMENT_BYTES, atomic_write, parse_document, serialize_document


def app_data_dir(name: str) -> Path:
    base = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder = base / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def autosave_dir() -> Path:
    return app_data_dir("autosave")


def absolute(path: Path) -> Path:
    """The path as stored anywhere (recovery, recent files, the session): absolute, links and ``..`` resolved."""
    return Path(os.path.realpath(path))


@dataclass
class Recoverable:
    autosave: Path
    document: Document
    original_path: Path | None
    autosaved: datetime

    def discard(self) -> None:
        for path in (self.autosave, self.autosave.with_suffix(".origin"), self.autosave.with_suffix(".lock")):
            with contextlib.suppress(OSError):
                path.unlink()


class Autosaver:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or autosave_dir()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.instance = uuid.uuid4().hex
        self.lock = QLockFile(str(self.folder / f"{self.instance}.lock"))
        self.lock.setStaleLockTime(0)  # a lock lives as long as its process; only a dead owner makes it stale
        self.lock.tryLock(0)
        remove_stale_temps(self.folder)  # what an autosave killed mid-write left behind

    @property
    def path(self) -> Path:
        return self.folder / f"{self.instance}.json"

    def save(self, document: Document, original: Path | None) -> None:
        atomic_write(
            self.path.with_suffix(".origin"),
            json.dumps({"path": str(absolute(original)) if original else None}).encode(),
        )
        atomic_write(self.path, serialize_document(document))

    def clear(self) -> None:
        for path in (self.path, self.path.with_suffix(".origin")):
            with contextlib.suppress(OSError):
                path.unlink()

    def close(self) -> None:
        self.clear()
        self.lock.unlock()

    def recoverable(self) -> list[Recoverable]:
        """Autosaves left by instances that are no longer running, the most recently written first."""
        found: list[Recoverable] = []
        for autosave in sorted(self.folder.glob("*.json")):
            if autosave.stem == self.instance:
                continue
            other = QLockFile(str(autosave.with_suffix(".lock")))
            other.setStaleLockTime(0)
            if not other.tryLock(0):
                continue  # another window is alive and owns it
            other.unlock()
            try:
                document = parse_document(read_limited(autosave, MAX_DOCUMENT_BYTES), str(autosave))
                autosaved = datetime.fromtimestamp(autosave.stat().st_mtime).astimezone()
            except (PlannerFileError, OSError, ValueError, OverflowError):
                continue
            original = None
            with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
                raw = json.loads(autosave.with_suffix(".origin").read_text("utf-8"))["path"]
                original = Path(raw) if raw and Path(raw).is_absolute() else None
            found.append(Recoverable(autosave, document, original, autosaved))
        # "Newest" is when the autosave was written, not the document's own modified date (which is the last save).
        return sorted(found, key=lambda r: r.autosaved, reverse=True)


class DocumentLock:
    """Says "this file is open in another window" for as long as a window has it open."""

    def __init__(self, path: Path, folder: Path | None = None) -> None:
        self.path = absolute(path)
        key = hashlib.sha256(str(self.path).encode("utf-8", "surrogatepass")).hexdigest()[:24]
        self._lock = QLockFile(str((folder or app_data_dir("locks")) / f"{key}.lock"))
        self._lock.setStaleLockTime(0)

    def acquire(self) -> bool:
        return bool(self._lock.tryLock(0))

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()
