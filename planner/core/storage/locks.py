"""The lock beside a document: who has a plan open, seen from every machine that shares its folder.

Like LibreOffice's ``.~lock.NAME#`` and Office's ``~$NAME``, the lock is a small file next to the plan, so a
colleague opening the plan from another machine (a network drive, a synced OneDrive or SharePoint folder) learns
"Open by Dana on LAB-12 since 10:42" before both edit. It records the user, the machine, the time and the process,
is created atomically (a complete lock appears at once, or none), and is removed when the plan is closed.

A crash leaves its lock behind, so a lock is ignored when it is stale: written by this machine's process that is
no longer running, or not renewed for a day (another machine's processes cannot be checked from here; a roaming
profile or a crashed lab PC must not block a plan forever). Where the folder does not let us create files (a
read-only share), :meth:`SideLock.acquire` says so and the app keeps its own per-profile lock instead.

Lock files are never plans: :func:`is_lock_file` keeps them out of portfolios, recent files and conflict copies.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum
from pathlib import Path

from planner.core.storage.files import machine_name, temp_name

LOCK_PREFIX = ".~lock."
LOCK_SUFFIX = "#"
STALE_AFTER = timedelta(days=1)
# A lock being written by another machine may be read half-written for a moment; such a lock counts as held by
# someone unknown until it is this old, then as stale.
UNREADABLE_GRACE = timedelta(minutes=1)
_MAX_LOCK_BYTES = 4096
_NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}


def lock_path(document: Path) -> Path:
    return document.with_name(f"{LOCK_PREFIX}{document.name}{LOCK_SUFFIX}")


def is_lock_file(name: str) -> bool:
    """Our lock, or LibreOffice's and Office's (and a sync service's copy of one): never a plan."""
    return name.startswith((LOCK_PREFIX, "~$")) or (name.startswith(".~lock") and LOCK_SUFFIX in name)


def current_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name in the environment or the password database
        return "someone"


def process_alive(pid: int) -> bool:
    """Whether a process of this machine is running (an unknown answer counts as running)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return bool(kernel32.GetLastError() == 5)  # access denied: it exists
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


@dataclass(frozen=True)
class LockOwner:
    user: str
    machine: str
    since: datetime  # when the plan was opened (aware)
    pid: int
    token: str = ""  # tells our own lock from another window's on the same machine

    def describe(self, now: datetime | None = None) -> str:
        """``Open by Dana on LAB-12 since 10:42`` (with the date when it was not today)."""
        local = self.since.astimezone()
        today = (now or datetime.now(UTC)).astimezone().date()
        when = f"{local:%H:%M}" if local.date() == today else f"{local:%B} {local.day}, {local:%H:%M}"
        return f"Open by {self.user} on {self.machine} since {when}"

    def to_bytes(self) -> bytes:
        data = {
            "user": self.user,
            "machine": self.machine,
            "since": self.since.astimezone(UTC).isoformat(),
            "pid": self.pid,
            "token": self.token,
            "app": "sustainability-planner",
        }
        return (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> LockOwner | None:
        try:
            raw = json.loads(data.decode("utf-8"))
            since = datetime.fromisoformat(str(raw["since"]))
            if since.tzinfo is None:
                since = since.replace(tzinfo=UTC)
            return cls(
                user=str(raw["user"])[:100] or "someone",
                machine=str(raw["machine"])[:100] or "another computer",
                since=since,
                pid=int(raw["pid"]),
                token=str(raw.get("token", ""))[:64],
            )
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            return None


class LockStatus(Enum):
    TAKEN = "taken"  # the plan is ours to edit
    HELD = "held"  # someone else has it open: ``owner`` says who
    NOT_WRITABLE = "not writable"  # the folder takes no lock file: use the profile lock instead


@dataclass(frozen=True)
class LockResult:
    status: LockStatus
    owner: LockOwner | None = None


@dataclass(frozen=True)
class FoundLock:
    owner: LockOwner | None  # None: a lock file that could not be read
    written: datetime  # the lock file's modified time (renewed while the plan stays open)


def read_lock(document: Path) -> FoundLock | None:
    """The lock beside ``document`` as found, or None when there is none (or it cannot be looked at)."""
    path = lock_path(document)
    try:
        with open(path, "rb") as handle:
            data = handle.read(_MAX_LOCK_BYTES)
            written = datetime.fromtimestamp(os.fstat(handle.fileno()).st_mtime, UTC)
    except OSError:
        return None
    return FoundLock(LockOwner.from_bytes(data), written)


def is_stale(found: FoundLock, now: datetime, machine: str, alive: Callable[[int], bool] = process_alive) -> bool:
    """A crash's leftover: this machine's process is gone, or nobody has renewed the lock for a day."""
    owner = found.owner
    if owner is None:
        return now - found.written > UNREADABLE_GRACE
    if now - max(owner.since, found.written) > STALE_AFTER:
        return True
    return owner.machine.lower() == machine.lower() and not alive(owner.pid)


class SideLock:
    """The lock beside one plan, for one window. ``acquire`` takes it (or says who has it), ``release`` removes
    it if it is still ours, ``renew`` keeps a long session's lock from looking stale."""

    def __init__(
        self,
        document: Path,
        *,
        user: str | None = None,
        machine: str | None = None,
        pid: int | None = None,
        clock: Callable[[], datetime] | None = None,
        alive: Callable[[int], bool] = process_alive,
    ) -> None:
        self.document = document
        self.path = lock_path(document)
        self.user = user or current_user()
        self.machine = machine or machine_name()
        self.pid = os.getpid() if pid is None else pid
        self._clock = clock or (lambda: datetime.now(UTC))
        self._alive = alive
        self.token = secrets.token_hex(8)
        self.held = False

    def owner(self) -> LockOwner:
        return LockOwner(self.user, self.machine, self._clock(), self.pid, self.token)

    def acquire(self, force: bool = False) -> LockResult:
        """Take the lock; ``force`` takes it over even from a live owner (the person chose "Open anyway")."""
        if self.held:
            return LockResult(LockStatus.TAKEN, None)
        mine = self.owner()
        try:
            self._create(mine.to_bytes())
        except FileExistsError:
            found = read_lock(self.document)
            if found is None:  # removed meanwhile: try once more
                return self._retry_create(mine)
            if not force and not is_stale(found, self._clock(), self.machine, self._alive):
                return LockResult(LockStatus.HELD, found.owner)
            return self._take_over(mine)
        except OSError as exc:
            if exc.errno in _NOT_WRITABLE or isinstance(exc, PermissionError):
                return LockResult(LockStatus.NOT_WRITABLE)
            raise
        self.held = True
        return LockResult(LockStatus.TAKEN)

    def _retry_create(self, mine: LockOwner) -> LockResult:
        try:
            self._create(mine.to_bytes())
        except FileExistsError:
            found = read_lock(self.document)
            return LockResult(LockStatus.HELD, found.owner if found else None)
        except OSError:
            return LockResult(LockStatus.NOT_WRITABLE)
        self.held = True
        return LockResult(LockStatus.TAKEN)

    def _take_over(self, mine: LockOwner) -> LockResult:
        temp = self.path.with_name(temp_name())
        try:
            _write_new(temp, mine.to_bytes())
            os.replace(temp, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            return LockResult(LockStatus.NOT_WRITABLE)
        # Two machines taking over the same stale lock at once: the last rename wins, the other one learns it here.
        found = read_lock(self.document)
        if found is None or found.owner is None or found.owner.token != self.token:
            return LockResult(LockStatus.HELD, found.owner if found else None)
        self.held = True
        return LockResult(LockStatus.TAKEN)

    def _create(self, data: bytes) -> None:
        """Create the lock complete or not at all: written to a temp name, then linked (POSIX) or renamed
        (Windows refuses to rename onto an existing name) to the lock's name, which fails if a lock exists."""
        temp = self.path.with_name(temp_name())
        _write_new(temp, data)
        try:
            if os.name == "nt":
                os.rename(temp, self.path)
                return
            try:
                os.link(temp, self.path)
            except OSError as exc:
                if isinstance(exc, FileExistsError) or exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV):
                    raise
                # A file system without hard links (some network shares): create exclusively, then write.
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temp)

    def renew(self) -> None:
        """Touch our lock so that a plan open for days does not look like a crash's leftover."""
        if self.held and self._still_ours():
            with contextlib.suppress(OSError):
                os.utime(self.path)

    def _still_ours(self) -> bool:
        found = read_lock(self.document)
        return found is not None and found.owner is not None and found.owner.token == self.token

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        if self._still_ours():  # someone chose "Open anyway" and took it over: theirs now, not ours to remove
            with contextlib.suppress(OSError):
                os.unlink(self.path)


def _write_new(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
