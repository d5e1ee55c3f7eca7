"""Reading and writing document files: size-checked, migrated, validated loads and atomic saves."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path

from pydantic import ValidationError

from planner import __version__
from planner.core.document import Document, utc_now
from planner.core.errors import PlannerFileError, pydantic_problems
from planner.core.migrations import NewerVersionError, migrate

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def parse_document(data: bytes, shown: str) -> Document:
    """Turn file bytes into a valid document, or raise :class:`PlannerFileError` saying what is wrong."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise PlannerFileError(shown, "", f"file is larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MiB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PlannerFileError(shown, f"byte {exc.start}", "not UTF-8 text (is this a planner file?)") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlannerFileError(shown, f"line {exc.lineno} column {exc.colno}", f"not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise PlannerFileError(shown, "", "JSON is nested too deeply") from None
    if not isinstance(raw, dict):
        raise PlannerFileError(shown, "", "not a planner document (expected a JSON object)")
    try:
        raw = migrate(raw)
    except NewerVersionError as exc:
        raise PlannerFileError(shown, "schema_version", str(exc)) from None
    except ValueError as exc:
        raise PlannerFileError(shown, "schema_version", str(exc)) from None
    try:
        return Document.model_validate(raw)
    except ValidationError as exc:
        first, *rest = pydantic_problems(shown, exc)
        first.more = rest
        raise first from None
    except RecursionError:
        raise PlannerFileError(shown, "", "document is nested too deeply") from None


def load_document(path: Path) -> Document:
    shown = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            # Refuse before reading: a huge file should never reach the parser.
            raise PlannerFileError(shown, "", f"file is larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MiB")
        data = path.read_bytes()
    except IsADirectoryError:
        raise PlannerFileError(shown, "", "is a folder, not a document") from None
    except OSError as exc:
        raise PlannerFileError(shown, "", f"cannot read file ({exc.strerror or exc})") from None
    return parse_document(data, shown)


def serialize_document(document: Document) -> bytes:
    return (document.model_dump_json(indent=2) + "\n").encode("utf-8")


def stamped(document: Document) -> Document:
    """The document with its modified time and app version brought up to date, as a save records them."""
    metadata = document.metadata.model_copy(update={"modified": utc_now(), "app_version": __version__})
    return document.model_copy(update={"metadata": metadata})


def save_document(document: Document, path: Path) -> Document:
    """Write atomically and return the document as saved (with its new modified time)."""
    saved = stamped(document)
    atomic_write(path, serialize_document(saved))
    return saved


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash at any moment leaves either the old or the new file.

    The temp file lives in the same folder (so the rename stays on one file system), is fsynced before
    the rename, and takes over the permissions of the file it replaces.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def content_hash(document: Document) -> str:
    """A short fingerprint of the document's content, printed in the plan's version stamp."""
    return hashlib.sha256(serialize_document(document)).hexdigest()[:12]
