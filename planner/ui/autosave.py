"""Autosave and crash recovery.

Every running window holds a ``QLockFile`` named after its own id in the app data folder and writes its
autosave beside it. A later start that finds an autosave whose lock it can take (the owner is gone: a
crash, or a stale lock) offers to recover it. A clean close removes the instance's files.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QStandardPaths

from planner.core.document import Document
from planner.core.errors import PlannerFileError
from planner.core.storage import atomic_write, parse_document, serialize_document


def autosave_dir() -> Path:
    base = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder = base / "autosave"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass
class Recoverable:
    autosave: Path
    document: Document
    original_path: Path | None

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

    @property
    def path(self) -> Path:
        return self.folder / f"{self.instance}.json"

    def save(self, document: Document, original: Path | None) -> None:
        atomic_write(
            self.path.with_suffix(".origin"), json.dumps({"path": str(original) if original else None}).encode()
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
        """Autosaves left by instances that are no longer running."""
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
                document = parse_document(autosave.read_bytes(), str(autosave))
            except (PlannerFileError, OSError):
                continue
            original = None
            with contextlib.suppress(OSError, ValueError, TypeError):
                raw = json.loads(autosave.with_suffix(".origin").read_text("utf-8"))["path"]
                original = Path(raw) if raw else None
            found.append(Recoverable(autosave, document, original))
        return found
