"""Reading and writing document files: size-checked, migrated, validated loads and atomic saves."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner import __version__
from planner.core.model.document import Document
from planner.core.model.errors import PlannerFileError, pydantic_problems
from planner.core.model.fields import utc_now
from planner.core.storage.files import atomic_write, read_limited, size_text
from planner.core.storage.migrations import NewerVersionError, migrate

__all__ = ["MAX_DOCUMENT_BYTES", "atomic_write", "load_document", "parse_document", "save_document"]

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


class DuplicateKeyError(ValueError):
    pass


class DocumentTooLargeError(ValueError):
    """Even compact, the document is over the size the reader accepts; nothing was written."""


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # With two values for one key, json keeps the last one silently: the app and a reader could then disagree.
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise DuplicateKeyError(f"key {key[:80]!r} appears twice in one object; keep only one")
            seen.add(key)
    return result


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a planner file may hold")


def parse_document(data: bytes, shown: str) -> Document:
    """Turn file bytes into a valid document, or raise :class:`PlannerFileError` saying what is wrong."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise PlannerFileError(shown, "", f"file is larger than {size_text(MAX_DOCUMENT_BYTES)}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PlannerFileError(shown, f"byte {exc.start}", "not UTF-8 text (is this a planner file?)") from None
    try:
        raw = json.loads(text, object_pairs_hook=_refuse_duplicates, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise PlannerFileError(shown, f"line {exc.lineno} column {exc.colno}", f"not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise PlannerFileError(shown, "", "JSON is nested too deeply") from None
    except ValueError as exc:  # a duplicate key, NaN, or an integer too long to convert
        raise PlannerFileError(shown, "", f"not a usable planner file: {exc}") from None
    if not isinstance(raw, dict):
        raise PlannerFileError(shown, "", "not a planner document (expected a JSON object)")
    try:
        raw = migrate(raw)
    except NewerVersionError as exc:
        raise PlannerFileError(shown, "schema_version", str(exc)) from None
    except (ValueError, TypeError, AttributeError) as exc:
        raise PlannerFileError(shown, "schema_version", f"cannot upgrade this file: {exc}") from None
    try:
        return Document.model_validate(raw)
    except ValidationError as exc:
        first, *rest = pydantic_problems(shown, exc)
        first.more = rest
        raise first from None
    except RecursionError:
        raise PlannerFileError(shown, "", "document is nested too deeply") from None


def load_document(path: Path) -> Document:
    return parse_document(read_limited(path, MAX_DOCUMENT_BYTES), str(path))


def serialize_document(document: Document) -> bytes:
    """The file's bytes: indented for people reading it, compact when indenting would pass the reader's limit.

    Raises :class:`DocumentTooLargeError` when even the compact form is too large, so nothing is ever written
    that the planner would then refuse to open.
    """
    data = (document.model_dump_json(indent=2) + "\n").encode("utf-8")
    if len(data) <= MAX_DOCUMENT_BYTES:
        return data
    data = (document.model_dump_json() + "\n").encode("utf-8")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentTooLargeError(
            f"the plan is {len(data) / (1024 * 1024):.1f} MiB, more than the {size_text(MAX_DOCUMENT_BYTES)} a "
            "planner file may hold; shorten evidence and notes or remove respondents before saving"
        )
    return data


def stamped(document: Document) -> Document:
    """The document with its modified time and app version brought up to date, as a save records them."""
    metadata = document.metadata.model_copy(update={"modified": utc_now(), "app_version": __version__})
    return document.model_copy(update={"metadata": metadata})


def save_document(document: Document, path: Path) -> Document:
    """Write atomically and return the document as saved (with its new modified time)."""
    saved = stamped(document)
    try:
        data = serialize_document(saved)
    except DocumentTooLargeError as exc:
        raise PlannerFileError(str(path), "", str(exc)) from None
    atomic_write(path, data)
    return saved


def content_hash(document: Document) -> str:
    """A short fingerprint of the document's content, printed in the plan's version stamp."""
    return hashlib.sha256(serialize_document(document)).hexdigest()[:12]
