"""File primitives every reader and writer shares: bounded reads of regular files, atomic writes, stale temp cleanup.

A planner file may come from anywhere (an email, a shared drive, a hostile sender), so a read never trusts the
name: it opens without blocking, refuses anything that is not a regular file (a named pipe would block forever, a
device could be read until memory runs out) and reads at most the limit, whatever ``stat`` said. A write goes to a
short temporary name beside the target and is renamed over it, so a crash leaves the old file or the new one.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import stat
import tomllib
from pathlib import Path
from typing import Any

from planner.core.model.errors import PlannerFileError

# Temporary files are named by the writing process, so a later start can tell a dead writer's leftovers from a
# save still in progress. The name is short on purpose: a target near the file system's 255-byte limit still fits.
TEMP_PREFIX = ".planner-"
TEMP_SUFFIX = ".tmp"


def size_text(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit // 1024} KiB"


def read_limited(path: Path, limit: int, shown: str | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or :class:`PlannerFileError` saying why not."""
    shown = shown or str(path)
    if path.is_dir():
        raise PlannerFileError(shown, "", "is a folder, not a file")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise PlannerFileError(shown, "", f"cannot read file ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise PlannerFileError(shown, "", "is not a regular file (a device, pipe or socket); save it as a file")
        try:
            # Read what stat promised plus one byte; only a file that grew meanwhile is read on, and never past one
            # byte over the limit, which tells "at the limit" from "over it".
            wanted = min(info.st_size, limit) + 1
            data = handle.read(wanted)
            if len(data) == wanted and wanted <= limit:
                data += handle.read(limit + 1 - wanted)
        except OSError as exc:
            raise PlannerFileError(shown, "", f"cannot read file ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise PlannerFileError(shown, "", f"file is larger than {size_text(limit)}")
    return data


def parse_toml(data: bytes, shown: str) -> dict[str, Any]:
    """TOML text to a table; every way it can fail ends in :class:`PlannerFileError`."""
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise PlannerFileError(shown, f"byte {exc.start}", "not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise PlannerFileError(shown, "", f"not valid TOML ({exc})") from None
    except RecursionError:
        raise PlannerFileError(shown, "", "TOML is nested too deeply") from None
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        raise PlannerFileError(shown, "", f"not valid TOML ({exc})") from None


def read_toml(path: Path, limit: int, shown: str | None = None) -> dict[str, Any]:
    return parse_toml(read_limited(path, limit, shown), shown or str(path))


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash at any moment leaves either the old or the new file.

    A symbolic link is followed, so the file it points to is replaced and the link stays. The temp file lives in
    the same folder (so the rename stays on one file system), is fsynced before the rename, and takes over the
    permissions of the file it replaces. An error names ``path`` as the user gave it, never the temp file.
    """
    target = Path(os.path.realpath(path))
    folder = target.parent
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as exc:
        raise _named(exc, path) from None
    temp = folder / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise _named(exc, path) from None
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    remove_stale_temps(folder)


def _named(exc: OSError, path: Path) -> OSError:
    # OSError(errno, ...) comes back as the matching subclass (PermissionError, FileNotFoundError, ...).
    return OSError(exc.errno or errno.EIO, exc.strerror or str(exc), str(path))


def _writer_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        # Windows cannot delete a file another process still has open, so removing it is the test itself.
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def remove_stale_temps(folder: Path) -> int:
    """Delete temp files that a killed writer left in ``folder``; return how many went."""
    removed = 0
    try:
        # scandir, not glob: this runs after every save, and a Documents folder can hold thousands of files.
        with os.scandir(folder) as scan:
            names = [e.name for e in scan if e.name.startswith(TEMP_PREFIX) and e.name.endswith(TEMP_SUFFIX)]
    except OSError:
        return 0
    for name in names:
        entry = folder / name
        pid_text = name.removeprefix(TEMP_PREFIX).split("-", 1)[0]
        if not pid_text.isdigit() or _writer_alive(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            entry.unlink()
            removed += 1
    return removed


def same_file(a: Path, b: Path) -> bool:
    """True when both paths name one file (through links, case-insensitive file systems or ``..``)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def replaced_text_notes(path: Path, limit: int) -> list[PlannerFileError]:
    """Where a plan (.json) or rubric (.toml) holds characters the one rule for text replaces with U+FFFD, for
    ``planner validate`` to list as notes: such a file opens, but its sender or author should know what changed."""
    from planner.core.model.text import REPLACEMENT, replaced_characters

    data = read_limited(path, limit)
    try:
        raw = parse_toml(data, str(path)) if path.suffix.lower() == ".toml" else json.loads(data.decode("utf-8"))
    except (PlannerFileError, ValueError, RecursionError):
        return []  # the file's own check says what is wrong with it
    return [
        PlannerFileError(
            str(path),
            where,
            f"holds {characters}, which a Word copy or workbook cannot carry; it reads as {REPLACEMENT} "
            "(retype that text in the app to remove the mark)",
        )
        for where, characters in replaced_characters(raw)
    ]
