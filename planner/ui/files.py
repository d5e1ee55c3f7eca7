"""Plan files for the main window: reading and writing a plan with their questions, the lock that keeps two
windows off one file, and the list of recent plans.

Only Qt and light helpers at module level (the window imports this before its first paint); what reads or writes
a document is imported when it is used.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QMessageBox, QWidget

from planner.core.storage.recent import removed_notice, split_missing

if TYPE_CHECKING:
    from planner.core.model.document import Document
    from planner.core.model.rubric import Instrument
    from planner.ui.autosave import DocumentLock
    from planner.ui.session import DocumentSession

FILE_FILTER = "Planner documents (*.json);;All files (*)"
MAX_RECENT = 8

Status = Callable[[str, int], None]  # a status-bar message and how long it stays (ms)


def stored_recent_files(settings: QSettings) -> list[str]:
    value = settings.value("recentFiles", [])
    # QSettings hands back a plain string when only one file was stored.
    items: list[object] = [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []
    return [str(v) for v in items][:MAX_RECENT]


def start_dir(session: DocumentSession | None) -> str:
    """Where file dialogs open: beside the open plan, else the person's documents folder."""
    if session and session.path:
        return str(session.path.parent)
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


# ----- questions -----
def choose(
    parent: QWidget, title: str, text: str, detail: str, choices: list[tuple[str, str, QMessageBox.ButtonRole]]
) -> str:
    """A warning with the given choices (the first is the default) and Cancel; the chosen key, or "cancel"."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(detail)
    buttons = {key: box.addButton(label, role) for key, label, role in choices}
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(buttons[choices[0][0]])
    box.exec()
    clicked = box.clickedButton()
    return next((key for key, button in buttons.items() if button is clicked), "cancel")


def ask_open_locked(parent: QWidget, path: Path) -> bool | None:
    """The file is open in another window: True to open read-only, False to open anyway, None to cancel."""
    answer = choose(
        parent,
        "Plan already open",
        f"{path.name} is already open in another planner window.",
        "Open it read-only to look without risk (Save As keeps any changes), or open it anyway if the other "
        "window is not really using it. Two windows saving the same file would overwrite each other's work.",
        [
            ("read_only", "Open &read-only", QMessageBox.ButtonRole.AcceptRole),
            ("anyway", "Open &anyway", QMessageBox.ButtonRole.DestructiveRole),
        ],
    )
    return {"read_only": True, "anyway": False}.get(answer)


def ask_changed_on_disk(parent: QWidget, path: Path) -> str:
    """Someone else saved the file since this window read it: "save_as", "overwrite", "reload" or "cancel"."""
    return choose(
        parent,
        "File changed on disk",
        f"{path.name} was changed by someone else after you opened it.",
        "Save As keeps both versions. Overwrite replaces their changes with yours. "
        "Reload drops your unsaved changes and opens their version.",
        [
            ("save_as", "Save &As…", QMessageBox.ButtonRole.AcceptRole),
            ("overwrite", "&Overwrite", QMessageBox.ButtonRole.DestructiveRole),
            ("reload", "&Reload", QMessageBox.ButtonRole.ResetRole),
        ],
    )


def ask_to_save(parent: QWidget) -> str:
    """Unsaved changes: "save", "discard" or "cancel"."""
    answer = QMessageBox.question(
        parent,
        "Unsaved changes",
        "This plan has changes that are not saved. Save them first?",
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save,
    )
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    return "discard" if answer == QMessageBox.StandardButton.Discard else "cancel"


# ----- reading and writing -----
def read_plan(parent: QWidget, path: Path, instruments: list[Instrument]) -> Document | None:
    """The plan in ``path``, or None after saying why it cannot be opened."""
    from planner.core.model.errors import PlannerFileError
    from planner.core.storage.files import remove_stale_temps  # with hashlib and tomllib: not before the first paint
    from planner.core.storage.instruments import load_plan

    remove_stale_temps(path.parent)  # a save killed mid-write (a crash, a full disk) left its temp file here
    try:
        document, _instruments = load_plan(path, instruments)
    except PlannerFileError as exc:
        # The open document stays exactly as it was.
        QMessageBox.warning(parent, "Cannot open file", f"{path.name} could not be opened.\n\n{exc.message}")
        return None
    return document


def save_to(session: DocumentSession, parent: QWidget, path: Path, ask_changed: Callable[[Path], str]) -> str:
    """Write the plan to ``path`` (absolute), asking first when someone else changed that file since it was read.

    "saved" or "failed" (the person was told why), or what the person chose instead: "save_as", "reload" or
    "cancel", for the window to carry out.
    """
    from planner.core.model.errors import PlannerFileError

    if session.path == path and session.changed_on_disk():
        answer = ask_changed(path)
        if answer != "overwrite":
            return answer
    try:
        session.save(path)
    except OSError as exc:
        QMessageBox.warning(
            parent,
            "Cannot save",
            f"{path} could not be saved: {exc.strerror or exc}.\nYour changes are still open; try another folder.",
        )
        return "failed"
    except PlannerFileError as exc:
        QMessageBox.warning(parent, "Cannot save", f"{exc.what}.\nYour changes are still open.")
        return "failed"
    session.read_only = False
    return "saved"


class FileLock:
    """The lock this window holds on its plan's file, so another planner window does not save over it."""

    def __init__(self) -> None:
        self.held: DocumentLock | None = None

    def claim(self, path: Path, ask: Callable[[Path], bool | None]) -> bool | None:
        """Lock ``path`` for a plan being opened: False when it was free (or opened anyway), True to open it
        read-only, None when the person cancelled (``ask`` is asked when another window holds it)."""
        from planner.ui.autosave import DocumentLock

        if self.held is not None and self.held.path == path:
            self.release()  # reopening our own file (Reload): our lock must not count as another window's
        lock = DocumentLock(path)
        read_only = False
        if not lock.acquire():
            choice = ask(path)
            if choice is None:
                return None
            read_only = choice
        self.release()
        self.held = lock  # holds the file if it was free; releasing an unheld lock does nothing
        return read_only

    def take(self, path: Path) -> None:
        """Hold ``path`` after saving to it, when no other window does."""
        from planner.ui.autosave import DocumentLock

        lock = DocumentLock(path)
        if self.held is not None and self.held.path == lock.path:
            return
        self.release()
        if lock.acquire():
            self.held = lock

    def release(self) -> None:
        if self.held is not None:
            self.held.release()
            self.held = None


class RecentFiles:
    """The plans opened or saved lately, newest first, kept in the app's settings."""

    def __init__(self, settings: QSettings, status: Status) -> None:
        self.settings = settings
        self._status = status

    def paths(self) -> list[str]:
        return stored_recent_files(self.settings)

    def remember(self, path: Path) -> None:
        from planner.ui.autosave import absolute

        path = absolute(path)
        recent = [str(path)] + [p for p in self.paths() if p != str(path)]
        self.settings.setValue("recentFiles", recent[:MAX_RECENT])

    def forget_missing(self) -> int:
        """Drop remembered files that were moved or deleted; how many went (the start page says so)."""
        kept, gone = split_missing(self.paths())
        if gone:
            self.settings.setValue("recentFiles", kept)
            self._status(removed_notice(len(gone)), 8000)
        return len(gone)
