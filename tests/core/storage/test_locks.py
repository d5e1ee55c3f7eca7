"""The lock beside a document (planner/core/storage/locks.py)."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from planner.core.storage.locks import (
    STALE_AFTER,
    FoundLock,
    LockOwner,
    LockStatus,
    SideLock,
    is_lock_file,
    is_stale,
    lock_path,
    read_lock,
)

NOON = datetime(2026, 3, 2, 18, 42, tzinfo=UTC)


def machine(name: str, user: str, pid: int = 100, alive: bool = True, now: datetime = NOON) -> dict[str, object]:
    return {"machine": name, "user": user, "pid": pid, "clock": lambda: now, "alive": lambda _pid: alive}


def test_the_lock_sits_beside_the_plan_and_is_never_a_plan(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    assert lock_path(plan) == tmp_path / ".~lock.plan.json#"
    assert is_lock_file(".~lock.plan.json#") and is_lock_file("~$plan.json")
    assert is_lock_file(".~lock.plan.json#-LAB-12")  # a sync service's copy of a lock
    assert not is_lock_file("plan.json")


def test_a_second_machine_sees_who_has_the_plan_open(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text("{}")
    dana = SideLock(plan, **machine("LAB-12", "Dana"))  # type: ignore[arg-type]
    assert dana.acquire().status is LockStatus.TAKEN
    lee = SideLock(plan, **machine("OFFICE-3", "Lee"))  # type: ignore[arg-type]
    result = lee.acquire()
    assert result.status is LockStatus.HELD and result.owner is not None
    assert (result.owner.user, result.owner.machine) == ("Dana", "LAB-12")
    assert result.owner.describe(NOON).startswith("Open by Dana on LAB-12 since ")
    # The lock is written whole, with who, where, when and which process.
    owner = LockOwner.from_bytes(lock_path(plan).read_bytes())
    assert owner is not None and owner.pid == 100 and owner.since == NOON
    dana.release()
    assert not lock_path(plan).exists()
    assert lee.acquire().status is LockStatus.TAKEN
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".planner-")]  # no temp left behind


def test_the_description_names_the_day_when_not_today() -> None:
    owner = LockOwner("Dana", "LAB-12", NOON, 1)
    assert "since" in owner.describe(NOON + timedelta(days=3)) and "March" in owner.describe(NOON + timedelta(days=3))


def test_stale_rules(tmp_path: Path) -> None:
    owner = LockOwner("Dana", "LAB-12", NOON, 4242)
    fresh = FoundLock(owner, NOON)
    assert not is_stale(fresh, NOON + timedelta(hours=5), "OFFICE-3", lambda _pid: False)  # another machine's pid
    assert is_stale(fresh, NOON + timedelta(hours=5), "LAB-12", lambda _pid: False)  # our machine, process gone
    assert not is_stale(fresh, NOON + timedelta(hours=5), "lab-12", lambda _pid: True)  # still running here
    assert is_stale(fresh, NOON + STALE_AFTER + timedelta(minutes=1), "OFFICE-3", lambda _pid: True)
    renewed = FoundLock(owner, NOON + timedelta(hours=20))
    assert not is_stale(renewed, NOON + STALE_AFTER + timedelta(minutes=1), "OFFICE-3", lambda _pid: True)
    garbled = FoundLock(None, NOON)
    assert not is_stale(garbled, NOON + timedelta(seconds=10), "X", lambda _pid: True)
    assert is_stale(garbled, NOON + timedelta(minutes=5), "X", lambda _pid: True)


def test_a_crashed_lab_pc_does_not_block_the_plan_forever(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    crashed = SideLock(plan, **machine("LAB-12", "Dana"))  # type: ignore[arg-type]
    assert crashed.acquire().status is LockStatus.TAKEN
    day_later = NOON + STALE_AFTER + timedelta(hours=1)
    old = (NOON - timedelta(minutes=1)).timestamp()
    os.utime(lock_path(plan), (old, old))
    lee = SideLock(plan, **machine("OFFICE-3", "Lee", now=day_later))  # type: ignore[arg-type]
    assert lee.acquire().status is LockStatus.TAKEN
    found = read_lock(plan)
    assert found is not None and found.owner is not None and found.owner.user == "Lee"
    crashed.release()  # the crashed session coming back must not remove Lee's lock
    assert lock_path(plan).exists()


def test_same_machine_dead_process_is_stale_at_once(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    SideLock(plan, **machine("LAB-12", "Dana", pid=999999999)).acquire()  # type: ignore[arg-type]
    again = SideLock(plan, **machine("LAB-12", "Dana", pid=5, alive=False))  # type: ignore[arg-type]
    assert again.acquire().status is LockStatus.TAKEN


def test_open_anyway_takes_the_lock_over(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    dana = SideLock(plan, **machine("LAB-12", "Dana"))  # type: ignore[arg-type]
    dana.acquire()
    lee = SideLock(plan, **machine("OFFICE-3", "Lee"))  # type: ignore[arg-type]
    assert lee.acquire(force=True).status is LockStatus.TAKEN
    dana.release()
    found = read_lock(plan)
    assert found is not None and found.owner is not None and found.owner.user == "Lee"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    (folder / "plan.json").write_text("{}")
    folder.chmod(0o555)
    try:
        assert SideLock(folder / "plan.json").acquire().status is LockStatus.NOT_WRITABLE
    finally:
        folder.chmod(0o755)


def test_a_folder_that_refuses_files_falls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import planner.core.storage.locks as locks

    def refuse(path: Path, data: bytes) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(locks, "_write_new", refuse)
    assert SideLock(tmp_path / "plan.json").acquire().status is LockStatus.NOT_WRITABLE


def test_renew_keeps_a_long_session_fresh(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    lock = SideLock(plan, **machine("LAB-12", "Dana"))  # type: ignore[arg-type]
    lock.acquire()
    old = (NOON - timedelta(days=2)).timestamp()
    os.utime(lock_path(plan), (old, old))
    lock.renew()
    assert lock_path(plan).stat().st_mtime > old
