"""Two machines, one shared folder (issue 28): Dana's LAB-12 runs as a separate app process with its own HOME
(its own settings and app data) and its own computer name; Lee's machine is this test's window with its own
profile. Both use one shared folder, first as a network drive (both see the same files), then as a synced
folder whose sync service leaves Dana's offline edits as a conflict copy.

What must hold: Lee is warned at open who has the plan; Dana's fresh temporary file survives Lee's save; the
conflict copy is found when Lee's window comes back to the front, compared, and merged field by field with
nothing lost (each value one undo step); a disconnected drive keeps its plan among Lee's recent files.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from planner.core.editing.edits import set_profile
from planner.core.model.document import Document
from planner.core.storage.locks import lock_path
from planner.core.storage.storage import load_document, save_document
from planner.ui.autosave import Autosaver
from planner.ui.main_window import MainWindow

# Dana's machine: a planner window in its own process, driven by marker files in its HOME.
DANA = r"""
import getpass, socket, sys, time
from pathlib import Path
socket.gethostname = lambda: "LAB-12"  # another computer
from PySide6.QtCore import QTimer
from planner.ui.app import application
app = application()
from planner.core.editing.edits import add_record, set_rating, update_record
from planner.core.model.document import Partner, Rating, Sector
from planner.core.storage.files import temp_name
from planner.ui.autosave import Autosaver
from planner.ui.main_window import MainWindow
home, plan = Path(sys.argv[1]), Path(sys.argv[2])
window = MainWindow(autosaver=Autosaver(home / "autosave"))
assert window.open_path(plan, ask=False)
# A save of Dana's caught mid-write: its temporary file sits in the shared folder.
(plan.parent / temp_name()).write_bytes(b'{"partial": ')
(home / "opened").write_text(getpass.getuser())
session = window.session
def step():
    if (home / "edit").exists() and not (home / "saved").exists():
        respondent = session.document.respondents[0]
        criterion = sorted(respondent.ratings)[0]
        rating = Rating(level=4, evidence="Board MOU, March")
        session.apply(lambda d: set_rating(d, respondent.id, criterion, rating), "rate")
        session.apply(lambda d: update_record(d, "partners", 0, role="Fiscal agent and convener"), "role")
        board = Partner(id="p-valley-board", name="Valley Workforce Board", sector=Sector.WORKFORCE_BOARD)
        session.apply(lambda d: add_record(d, "partners", board), "partner")
        # Offline: the save lands in Dana's own synced copy; the sync service will bring it over.
        assert window._save_to(home / "synced" / plan.name)
        (home / "saved").write_text(criterion)
    if (home / "quit").exists():
        window.close_document()
        app.quit()
timer = QTimer()
timer.timeout.connect(step)
timer.start(30)
app.exec()
"""


def _wait_for(path: Path, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path.name} never came"
        time.sleep(0.05)
    return path.read_text()


@pytest.mark.slow
def test_two_machines_share_one_plan_and_lose_nothing(  # noqa: PLR0915 (one story, told in order)
    qtbot: QtBot, tmp_path: Path, demo: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    import planner.core.storage.recent as recent

    # Closing with unsaved changes discards them (a failed assertion must not leave a question open).
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    mounts = tmp_path / "Volumes"
    shared = mounts / "District Share"
    shared.mkdir(parents=True)
    monkeypatch.setattr(recent, "MOUNT_PLACES", (str(mounts),))  # where this test's drive is mounted
    plan = shared / "plan.json"
    save_document(demo, plan)
    dana_home = tmp_path / "home-dana"
    (dana_home / "synced").mkdir(parents=True)
    env = {
        **os.environ,
        "HOME": str(dana_home),
        "XDG_CONFIG_HOME": str(dana_home / ".config"),
        "XDG_DATA_HOME": str(dana_home / ".local" / "share"),
        "LOGNAME": "dana",
        "QT_QPA_PLATFORM": "offscreen",
    }
    dana = subprocess.Popen([sys.executable, "-c", DANA, str(dana_home), str(plan)], env=env)
    try:
        assert _wait_for(dana_home / "opened") == "dana"
        assert lock_path(plan).exists()
        dana_temp = next(p for p in shared.iterdir() if p.name.startswith(".planner-LAB-12."))

        # Lee's machine: its own profile (settings file and app data).
        lee_home = tmp_path / "home-lee"
        lee = MainWindow(autosaver=Autosaver(lee_home / "autosave"))
        lee.settings = QSettings(str(lee_home / "settings.ini"), QSettings.Format.IniFormat)
        qtbot.addWidget(lee)
        lee.show()
        qtbot.waitExposed(lee)
        told: list[str] = []

        def ask(_window: MainWindow, path: Path, held_by: str) -> str:
            told.append(held_by)
            return "anyway"  # Lee knows Dana is offline with her own copy

        monkeypatch.setattr(MainWindow, "_ask_open_locked", ask)
        assert lee.open_path(plan, ask=False)
        assert len(told) == 1 and told[0].startswith("Open by dana on LAB-12 since ")
        assert lee.session is not None and not lee.session.read_only

        # Lee edits and saves on the shared drive while Dana's save is in progress: her temp file survives.
        lee.session.apply(lambda d: set_profile(d, region="Central Valley (Lee)"), "Edit region")
        assert lee.save()
        assert dana_temp.exists()
        assert load_document(plan).profile.region == "Central Valley (Lee)"

        # Dana edits offline; her sync service cannot put her plan.json over Lee's and keeps it as a copy.
        (dana_home / "edit").write_text("")
        criterion = _wait_for(dana_home / "saved")
        (shared / "plan-LAB-12.json").write_bytes((dana_home / "synced" / "plan.json").read_bytes())

        # Lee comes back to the window: the copy is found (off the main thread) and named in the banner.
        banner = lee.shared.banner
        elsewhere = QWidget()  # Lee was in another window meanwhile
        qtbot.addWidget(elsewhere)
        elsewhere.show()
        elsewhere.activateWindow()
        qtbot.waitUntil(lambda: not lee.isActiveWindow())
        lee.activateWindow()
        qtbot.waitUntil(lee.isActiveWindow)
        qtbot.waitUntil(lambda: bool(banner.found), timeout=20000)
        assert [c.path.name for c in banner.found] == ["plan-LAB-12.json"]
        assert banner.isVisibleTo(lee) and "plan-LAB-12.json (a OneDrive or SharePoint conflict copy from LAB-12" in (
            banner.text.text()
        )
        compared = lee.shared.compare(banner.found[0])
        assert compared is not None and compared.ui.baseline.text().startswith("Baseline: ")
        compared.close()

        # Merge: take everything of Dana's but the region, where Lee's edit is the newer one.
        dialog = lee.shared.merge(banner.found[0])
        assert dialog is not None
        rows = {choice.label: row for row, choice in enumerate(dialog.choices)}
        assert "Region" in " ".join(rows) and len(dialog.choices) == 4, list(rows)
        steps_before = lee.session.undo_stack.count()
        for label, row in rows.items():
            if "Region" not in label:
                dialog.tick(row)
        assert dialog.take_ticked() == 3
        assert lee.session.undo_stack.count() == steps_before + 3  # one undo step per value taken
        assert [c.label for c in dialog.choices] == ["Region"]  # only Lee's own newer value is left
        dialog.close()
        assert lee.save()
        merged = load_document(plan)
        dana_saved = load_document(shared / "plan-LAB-12.json")
        assert merged.profile.region == "Central Valley (Lee)"  # Lee's edit kept
        assert merged.respondents[0].ratings[criterion] == dana_saved.respondents[0].ratings[criterion]
        assert merged.partners[0].role == "Fiscal agent and convener"
        assert merged.partner("p-valley-board") is not None
        # One step back takes back only the last value taken.
        lee.session.undo_stack.undo()  # the last value taken: Dana's rating (the list follows the plan's sections)
        assert lee.session.document.respondents[0].ratings[criterion] == demo.respondents[0].ratings[criterion]
        assert lee.session.document.partner("p-valley-board") is not None
        lee.session.undo_stack.redo()
    finally:
        (dana_home / "quit").write_text("")
        dana.wait(60)
    assert dana.returncode == 0
    assert not lock_path(plan).exists() or lee.file_lock.held is not None  # Dana's lock went with her window
    assert dana_temp.exists()  # hers to finish or, an hour on, anyone's to sweep

    # The drive is disconnected: Lee's recent plan stays, greyed as unavailable, and comes back with it.
    lee.close_document()
    shared.rename(tmp_path / "unplugged")
    lee._refresh_recent_menu()
    qtbot.waitUntil(lambda: not lee.start_page.reading and not lee.recent.checks.busy, timeout=20000)
    assert str(plan) in lee.recent_files()
    card = next(c for c in lee.start_page.cards if c.path == plan)
    assert card.unavailable and "Unavailable" in card.text_of(card.details)
    (tmp_path / "unplugged").rename(shared)
    lee._refresh_recent_menu()
    qtbot.waitUntil(lambda: not lee.start_page.reading, timeout=20000)
    card = next(c for c in lee.start_page.cards if c.path == plan)
    assert not card.unavailable and card.text_of(card.title) == demo.profile.consortium_name
