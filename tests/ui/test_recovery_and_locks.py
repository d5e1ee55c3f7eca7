"""Recovery for every crashed window, absolute paths, and two windows on one file."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from planner.core.editing.edits import set_profile
from planner.core.model.document import Document
from planner.core.storage.files import temp_name
from planner.core.storage.storage import load_document, save_document
from planner.ui.autosave import Autosaver
from planner.ui.files import ask_open_locked
from planner.ui.main_window import MainWindow
from planner.ui.recovery import RecoveryDialog


def _crash(folder: Path, document: Document, original: Path | None) -> None:
    """A window that autosaved and then died: its lock is gone, its files stay."""
    crashed = Autosaver(folder)
    crashed.save(document, original)
    crashed.lock.unlock()


def _drive(monkeypatch: pytest.MonkeyPatch, action: Callable[[RecoveryDialog], None]) -> list[RecoveryDialog]:
    seen: list[RecoveryDialog] = []

    def run(dialog: RecoveryDialog) -> int:
        seen.append(dialog)
        action(dialog)
        return 0

    monkeypatch.setattr(RecoveryDialog, "exec", run)
    return seen


def test_every_crashed_window_is_offered_and_none_deleted_until_decided(
    qtbot: QtBot, tmp_path: Path, demo: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "autosaves"
    names = ["First Plan", "Second Plan", "Third Plan"]
    for n, name in enumerate(names):
        _crash(folder, set_profile(demo, consortium_name=name), tmp_path / f"{n}.json")
        # The autosave time decides the order, not the document's own modified date.
        os.utime(next(p for p in folder.glob("*.json") if name in p.read_text()), (1_000_000 + n, 1_000_000 + n))

    window = MainWindow(autosaver=Autosaver(folder))
    qtbot.addWidget(window)
    dialogs = _drive(monkeypatch, lambda dialog: dialog.reject())  # "Decide later"
    assert not window.offer_recovery()
    listed = [dialogs[0].list.item(row).text().splitlines()[0] for row in range(dialogs[0].list.count())]
    assert listed == ["Third Plan", "Second Plan", "First Plan"]
    assert str(tmp_path / "2.json") in dialogs[0].list.item(0).text() and "autosaved" in dialogs[0].list.item(0).text()
    assert len(window.autosaver.recoverable()) == 3  # nothing deleted

    def discard_one_recover_one(dialog: RecoveryDialog) -> None:
        dialog.list.setCurrentRow(1)
        dialog.discard_button.click()  # Second Plan
        dialog.list.setCurrentRow(1)
        dialog.recover_button.click()  # First Plan

    _drive(monkeypatch, discard_one_recover_one)
    assert window.offer_recovery()
    assert window.session is not None and window.session.document.profile.consortium_name == "First Plan"
    assert window.session.path == tmp_path / "0.json"
    left = [r.document.profile.consortium_name for r in window.autosaver.recoverable()]
    assert left == ["Third Plan"]  # still offered next time
    window.session.undo_stack.setClean()


def test_paths_are_stored_absolute_whatever_the_start_folder(
    qtbot: QtBot, tmp_path: Path, demo: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    save_document(demo, work / "plan.json")
    monkeypatch.chdir(work)
    window = MainWindow(autosaver=Autosaver(tmp_path / "autosaves"))
    qtbot.addWidget(window)
    assert window.open_path(Path("plan.json"), ask=False)
    assert window.recent_files()[0] == str(work / "plan.json")
    assert window.session is not None and window.session.path == work / "plan.json"
    window.session.apply(lambda d: set_profile(d, region="Coast"), "Edit region")
    window.autosave()
    monkeypatch.chdir(tmp_path)
    found = Autosaver(tmp_path / "other").recoverable()  # a different folder: nothing
    assert found == []
    origin = (window.autosaver.path.with_suffix(".origin")).read_text()
    assert str(work / "plan.json") in origin
    window.session.undo_stack.setClean()
    window.close()


def test_a_second_window_on_the_same_file_is_asked_and_may_open_read_only(
    qtbot: QtBot, tmp_path: Path, demo: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.json"
    save_document(demo, path)
    first = MainWindow(autosaver=Autosaver(tmp_path / "a1"))
    second = MainWindow(autosaver=Autosaver(tmp_path / "a2"))
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    assert first.open_path(path, ask=False)
    asked: list[Path] = []
    told: list[str] = []

    def ask(_window: MainWindow, locked: Path, held_by: str) -> str:
        asked.append(locked)
        told.append(held_by)
        return "read_only"

    monkeypatch.setattr(MainWindow, "_ask_open_locked", ask)
    assert second.open_path(path, ask=False)
    assert asked == [path]
    assert told[0].startswith("Open in another planner window on this computer since ")
    assert second.session is not None and second.session.read_only
    assert "(read-only)" in second.windowTitle()
    # Save on a read-only window goes to Save As, never over the file.
    monkeypatch.setattr("planner.ui.main_window.QFileDialog.getSaveFileName", lambda *a, **k: ("", ""))
    before = path.read_bytes()
    second.session.apply(lambda d: set_profile(d, region="Elsewhere"), "Edit region")
    assert not second.save()
    assert path.read_bytes() == before
    second.session.undo_stack.setClean()
    # Once the first window closes the file, a new window opens it without asking.
    first.close_document()
    third = MainWindow(autosaver=Autosaver(tmp_path / "a3"))
    qtbot.addWidget(third)
    assert third.open_path(path, ask=False) and asked == [path]


def _mine_edited_theirs_saved(qtbot: QtBot, tmp_path: Path, demo: Document) -> tuple[MainWindow, Path]:
    """A window with an unsaved edit (region "Mine") whose file a colleague then saved (region "Theirs")."""
    path = tmp_path / "plan.json"
    save_document(demo, path)
    window = MainWindow(autosaver=Autosaver(tmp_path / "a"))
    qtbot.addWidget(window)
    window.open_path(path, ask=False)
    assert window.session is not None
    window.session.apply(lambda d: set_profile(d, region="Mine"), "Edit region")
    save_document(set_profile(demo, region="Theirs"), path)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 5_000_000_000))
    return window, path


def test_the_questions_return_the_button_a_person_clicks(
    qtbot: QtBot, tmp_path: Path, demo: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, path = _mine_edited_theirs_saved(qtbot, tmp_path, demo)
    clicks = ["&Overwrite", "Cancel", "Open &anyway", "Open &read-only"]

    def click(box: QMessageBox) -> int:
        wanted = clicks.pop(0)
        next(b for b in box.buttons() if b.text() == wanted).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click)
    assert window._ask_changed_on_disk(path) == "overwrite"
    assert window._ask_changed_on_disk(path) == "cancel"
    assert ask_open_locked(window, path, "Open by Dana on LAB-12 since 10:42") == "anyway"
    assert ask_open_locked(window, path, "Open by Dana on LAB-12 since 10:42") == "read_only"
    assert window.session is not None
    window.session.undo_stack.setClean()


def test_saving_over_a_file_changed_on_disk_asks_first(
    qtbot: QtBot, tmp_path: Path, demo: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, path = _mine_edited_theirs_saved(qtbot, tmp_path, demo)
    assert window.session is not None
    choices = ["cancel", "overwrite"]
    monkeypatch.setattr(MainWindow, "_ask_changed_on_disk", lambda self, p: choices.pop(0))
    assert not window.save()
    assert load_document(path).profile.region == "Theirs"  # cancelled: their work is intact
    assert window.save()
    assert load_document(path).profile.region == "Mine" and choices == []
    # Now the window's own save is the one on disk: saving again asks nothing.
    window.session.apply(lambda d: set_profile(d, region="Mine again"), "Edit region")
    assert window.save()


def test_reload_takes_their_version(
    qtbot: QtBot, tmp_path: Path, demo: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _path = _mine_edited_theirs_saved(qtbot, tmp_path, demo)
    assert window.session is not None
    monkeypatch.setattr(MainWindow, "_ask_changed_on_disk", lambda self, p: "reload")
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: pytest.fail("no warning expected"))
    assert window.save()
    assert window.session.document.profile.region == "Theirs" and not window.session.read_only


def test_a_start_sweeps_what_a_killed_autosave_left(tmp_path: Path) -> None:
    folder = tmp_path / "autosaves"
    folder.mkdir()
    leftover = folder / temp_name(pid=999999999)
    leftover.write_bytes(b"{")
    Autosaver(folder)
    assert not leftover.exists()
