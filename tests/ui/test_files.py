"""planner.ui.files on its own, without a window: the lock, saving over someone else's change, recent plans."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Never

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from planner.core.model.document import new_document
from planner.core.model.rubric import bundled_instruments
from planner.core.storage.locks import LockStatus, SideLock, lock_path
from planner.core.storage.recent import removed_notice
from planner.ui.autosave import DocumentLock
from planner.ui.files import FileLock, RecentFiles, save_to
from planner.ui.session import DocumentSession


def _refuse(path: Path, *_asked: object) -> Never:
    pytest.fail(f"no question expected about {path}")


def _answer(answer: str) -> Callable[[Path], str]:
    return lambda _path: answer


def test_a_plan_held_by_someone_else_is_asked_about_and_a_free_one_is_taken(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    other = SideLock(path, user="Dana", machine="LAB-12")  # another computer on the shared folder
    assert other.acquire().status is LockStatus.TAKEN
    lock, asked = FileLock(), list[tuple[Path, str]]()

    def read_only(asked_about: Path, held_by: str) -> str:
        asked.append((asked_about, held_by))
        return "read_only"

    assert lock.claim(path, read_only) is True
    assert lock.held is None  # read-only holds nothing
    assert lock.claim(path, lambda p, h: "cancel") is None
    assert asked[0][0] == path and asked[0][1].startswith("Open by Dana on LAB-12 since ")
    assert lock.claim(path, lambda p, h: "anyway") is False  # opened anyway: the lock is ours now
    assert lock.held is not None and lock_path(path).exists()
    lock.release()
    assert not lock_path(path).exists()
    other.release()  # Dana's lock was taken over: not hers to remove any more
    assert lock.claim(path, _refuse) is False
    assert SideLock(path, user="Lee", machine="OFFICE-3").acquire().status is LockStatus.HELD  # held now
    lock.release()
    assert SideLock(path).acquire().status is LockStatus.TAKEN


def test_a_folder_that_takes_no_lock_file_falls_back_to_the_profile_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import planner.core.storage.locks as locks

    def refuse(path: Path, data: bytes) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(locks, "_write_new", refuse)  # a read-only share
    path = tmp_path / "plan.json"
    lock = FileLock()
    assert lock.claim(path, _refuse) is False
    assert not DocumentLock(path).acquire()  # this profile's lock holds it
    second, asked = FileLock(), list[str]()

    def read_only(_path: Path, held_by: str) -> str:
        asked.append(held_by)
        return "read_only"

    assert second.claim(path, read_only) is True
    assert asked == ["Open in another planner window on this computer"]
    lock.release()
    assert DocumentLock(path).acquire()


def test_saving_over_a_file_someone_else_changed_asks_and_the_answer_decides(tmp_path: Path) -> None:
    instruments = list(bundled_instruments())
    session = DocumentSession(new_document("Valley consortium", instruments), instruments)
    parent = QWidget()
    path = tmp_path / "plan.json"
    assert save_to(session, parent, path, _refuse) == "saved"
    theirs = path.read_text("utf-8") + "\n"
    path.write_text(theirs, "utf-8")
    for answer in ("cancel", "save_as", "reload"):
        assert save_to(session, parent, path, _answer(answer)) == answer
        assert path.read_text("utf-8") == theirs
    assert save_to(session, parent, path, _answer("overwrite")) == "saved"
    assert path.read_text("utf-8") != theirs
    assert save_to(session, parent, path, _refuse) == "saved"  # ours again: no question


def test_recent_plans_are_newest_first_and_forget_files_that_are_gone(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    said: list[str] = []
    recent = RecentFiles(settings, lambda text, _ms: said.append(text))
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for path in (first, second):
        path.write_text("{}", "utf-8")
    for path in (first, second, first):
        recent.remember(path)
    assert recent.paths() == [str(first), str(second)]
    second.unlink()
    assert recent.forget_missing() == 1
    assert recent.paths() == [str(first)]
    assert said == [removed_notice(1)]
    assert recent.forget([str(second)]) == 0  # already gone from the list: nothing said twice
