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
import re
import secrets
import socket
import stat
import time
import tomllib
from pathlib import Path
from typing import Any

from planner.core.model.errors import PlannerFileError

# Temporary files carry the writing machine's name and process number, so a later start can tell a dead writer's
# leftovers on this machine from a save still in progress on a colleague's machine sharing the folder (a process
# number means nothing on another machine). The name stays short: a target near the 255-byte limit still fits.
TEMP_PREFIX = ".planner-"
TEMP_SUFFIX = ".tmp"
# Another machine's temp file is only swept once it is this old: no save takes an hour, a crash's leftover does.
OTHER_MACHINE_TEMP_AGE = 3600.0
# Windows: antivirus, the search indexer or a sync client may hold the file for a moment. About five retries over a
# second outlast them; a file still held after that is really in use.
IN_USE_RETRY_DELAYS = (0.05, 0.1, 0.15, 0.3, 0.4)
_WINDOWS_IN_USE = {5, 32, 33}  # ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
WINDOWS_MAX_PATH = 260


def machine_name() -> str:
    """This computer's short name, as the file system may carry it (letters, digits, ``-`` and ``_``)."""
    raw = socket.gethostname().split(".", 1)[0] or "unknown"
    return re.sub(r"[^A-Za-z0-9_-]", "_", raw)[:24]


def temp_name(machine: str | None = None, pid: int | None = None) -> str:
    """``.planner-LAB-12.4242.1a2b3c4d.tmp``: the machine, the process and a random part."""
    return (
        f"{TEMP_PREFIX}{machine or machine_name()}.{os.getpid() if pid is None else pid}."
        f"{secrets.token_hex(4)}{TEMP_SUFFIX}"
    )


def parse_temp_name(name: str) -> tuple[str | None, int] | None:
    """``(machine, pid)`` of one of our temp files (machine None: an older planner's name), or None for others."""
    if not (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)):
        return None
    body = name[len(TEMP_PREFIX) : -len(TEMP_SUFFIX)]
    parts = body.rsplit(".", 2)
    if len(parts) == 3 and parts[1].isdigit():
        return parts[0], int(parts[1])
    pid_text = body.split("-", 1)[0]  # before machine names: .planner-PID-TOKEN.tmp
    return (None, int(pid_text)) if pid_text.isdigit() else None


class OsCalls:
    """The operating-system calls a save makes, in one place so that tests can play Windows on any machine."""

    def __init__(self, windows: bool | None = None) -> None:
        self.windows = os.name == "nt" if windows is None else windows

    def open_new(self, path: str) -> int:
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)

    def write_all(self, fd: int, data: bytes) -> None:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())

    def stat(self, path: str) -> os.stat_result:
        return os.stat(path)

    def chmod(self, path: str, mode: int) -> None:
        os.chmod(path, mode)

    def replace(self, source: str, target: str) -> None:
        os.replace(source, target)

    def unlink(self, path: str) -> None:
        os.unlink(path)

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


SYSTEM = OsCalls()


def windows_long_path(path: str) -> str:
    r"""``\\?\C:\...`` (or ``\\?\UNC\server\share\...``): Windows then accepts paths past 260 characters."""
    if path.startswith("\\\\?\\"):
        return path
    if path.startswith("\\\\"):
        return "\\\\?\\UNC\\" + path[2:]
    return "\\\\?\\" + path


class SaveError(OSError):
    """A save that failed for a reason the person can act on; ``strerror`` says it in plain words."""


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


def atomic_write(path: Path, data: bytes, os_calls: OsCalls = SYSTEM) -> None:
    """Write ``data`` to ``path`` so that a crash at any moment leaves either the old or the new file.

    A symbolic link is followed, so the file it points to is replaced and the link stays. The temp file lives in
    the same folder (so the rename stays on one file system), is fsynced before the rename, and takes over the
    permissions of the file it replaces, never a read-only flag (Windows could then neither rename nor delete
    it). On Windows a file held for a moment (antivirus, indexer, sync client) is retried, and a path past 260
    characters gets the long-path prefix. An error names ``path`` as the user gave it, never the temp file;
    the reasons a person can act on come as :class:`SaveError` in plain words.
    """
    target = os.path.realpath(path)
    folder = os.path.dirname(target)
    temp = os.path.join(folder, temp_name())
    if os_calls.windows and max(len(temp), len(target)) >= WINDOWS_MAX_PATH:  # 259 characters and a NUL
        target, folder, temp = windows_long_path(target), windows_long_path(folder), windows_long_path(temp)
    try:
        info: os.stat_result | None = os_calls.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _explained(exc, path, os_calls) from None
    if info is not None and os_calls.windows and not info.st_mode & stat.S_IWRITE:
        raise SaveError(
            errno.EACCES,
            f"{Path(path).name} is marked read-only (files saved from an email or a zip often are); use Save As to "
            "save a copy, or clear Read-only in the file's Properties and save again",
            str(path),
        )
    if info is not None:
        mode = stat.S_IMODE(info.st_mode) | stat.S_IWUSR
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        fd = os_calls.open_new(temp)
    except OSError as exc:
        raise _explained(exc, path, os_calls, creating=True) from None
    try:
        os_calls.write_all(fd, data)
        if not os_calls.windows:  # Windows keeps only a read-only flag, which the temp must not carry
            os_calls.chmod(temp, mode)
        _replace_retrying(temp, target, os_calls)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os_calls.unlink(temp)
        if isinstance(exc, OSError):
            raise _explained(exc, path, os_calls) from None
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    remove_stale_temps(Path(folder))


def _in_use(exc: OSError, os_calls: OsCalls) -> bool:
    return os_calls.windows and getattr(exc, "winerror", None) in _WINDOWS_IN_USE


def _replace_retrying(temp: str, target: str, os_calls: OsCalls) -> None:
    for delay in (*IN_USE_RETRY_DELAYS, None):
        try:
            os_calls.replace(temp, target)
            return
        except PermissionError as exc:
            if delay is None or not _in_use(exc, os_calls):
                raise
            os_calls.sleep(delay)


def _explained(exc: OSError, path: Path, os_calls: OsCalls, creating: bool = False) -> OSError:
    """The error as the person should read it: why, and what to do; plain OSErrors keep their own words."""
    if isinstance(exc, SaveError):
        return exc
    shown = str(path)
    winerror = getattr(exc, "winerror", None) if os_calls.windows else None
    too_long = winerror == 206 or (winerror == 3 and len(os.path.realpath(path)) >= WINDOWS_MAX_PATH - 12)
    if exc.errno == errno.ENAMETOOLONG or too_long:
        return SaveError(
            errno.ENAMETOOLONG,
            f"the path is too long ({len(shown)} characters) for this computer or the sync service; save the plan "
            "in a folder nearer the top of the drive, or under a shorter name",
            shown,
        )
    if _in_use(exc, os_calls):
        return SaveError(
            errno.EBUSY,
            f"{Path(path).name} is in use by another program (a sync client, antivirus or another app); wait a "
            "moment and save again",
            shown,
        )
    if creating and isinstance(exc, PermissionError):
        return SaveError(
            errno.EACCES,
            f"you may not create files in {Path(path).parent}. Saving writes the new version beside the plan and "
            "then swaps it in, so the folder must allow creating files: ask whoever manages the folder for that "
            "permission, or use Save As to save elsewhere",
            shown,
        )
    return _named(exc, path)


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


def remove_stale_temps(folder: Path, now: float | None = None, machine: str | None = None) -> int:
    """Delete temp files that a killed writer left in ``folder``; return how many went.

    This machine's are swept when their process is gone; another machine's (a shared or synced folder), or an
    older planner's that named no machine, only when older than an hour: a colleague may be saving right now.
    """
    machine = machine or machine_name()
    now = time.time() if now is None else now
    removed = 0
    try:
        # scandir, not glob: this runs after every save, and a Documents folder can hold thousands of files.
        with os.scandir(folder) as scan:
            names = [e.name for e in scan if e.name.startswith(TEMP_PREFIX) and e.name.endswith(TEMP_SUFFIX)]
    except OSError:
        return 0
    for name in names:
        parsed = parse_temp_name(name)
        if parsed is None:
            continue
        writer_machine, pid = parsed
        entry = folder / name
        if writer_machine is not None and writer_machine.lower() == machine.lower():
            if _writer_alive(pid):
                continue
        else:
            try:
                if now - entry.stat().st_mtime < OTHER_MACHINE_TEMP_AGE:
                    continue
            except OSError:
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
