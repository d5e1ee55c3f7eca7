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
from planner.core.storage.recent import removed_notice
from planner.ui.autosave import DocumentLock
from planner.ui.files import FileLock, RecentFiles, save_to
from planner.ui.session import DocumentSession


def _refuse(path: Path) -> Never:
    pytest.fail(f"no question expected about {path}")


def _answer(answer: str) -> Callable[[Path], str]:
    return lambda _path: answer


def test_a_plan_held_by_another_window_is_asked_about_and_a_free_one_is_taken(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    other = DocumentLock(path)
    assert other.acquire()
    lock, asked = FileLock(), list[Path]()

    def read_only(asked_about: Path) -> bool:
        asked.append(asked_about)
        return True

    assert lock.claim(path, read_only) is True
    assert lock.claim(path, lambda p: None) is None  # cancelled
    assert asked == [path]
    other.release()
    assert lock.claim(path, _refuse) is False
    assert not DocumentLock(path).acquire()  # held now
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
