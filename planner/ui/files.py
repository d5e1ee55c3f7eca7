"""Plan files for the main window: reading and writing a plan with their questions, the lock that keeps two
people off one file (beside the plan, seen from every computer sharing the folder), and the list of recent plans.

Only Qt and light helpers at module level (the window imports this before its first paint); what reads or writes
a document is imported when it is used.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from planner.core.storage.recent import removed_notice, split_missing

if TYPE_CHECKING:
    from planner.core.model.document import Document
    from planner.core.model.rubric import Instrument
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


def ask_open_locked(parent: QWidget, path: Path, held_by: str) -> str:
    """Someone has the plan open ("Open by Dana on LAB-12 since 10:42"): "read_only", "anyway" or "cancel"."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Plan already open")
    box.setTextFormat(Qt.TextFormat.PlainText)  # a user or computer name is text, never markup
    box.setText(f"{path.name}: {held_by}.")
    box.setInformativeText(
        "Open it read-only to look without risk (Save As keeps any changes you make), or open it anyway if they "
        "are not really using it. Two people saving the same plan would overwrite each other's work."
    )
    read_only = box.addButton("Open &read-only", QMessageBox.ButtonRole.AcceptRole)
    anyway = box.addButton("Open &anyway", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(read_only)
    box.exec()
    clicked = box.clickedButton()
    return "read_only" if clicked is read_only else "anyway" if clicked is anyway else "cancel"


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
            f"{path} could not be saved: {exc.strerror or exc}.\nYour changes are still open.",
        )
        return "failed"
    except PlannerFileError as exc:
        QMessageBox.warning(parent, "Cannot save", f"{exc.what}.\nYour changes are still open.")
        return "failed"
    session.read_only = False
    return "saved"


class PlanLock:
    """The lock a window holds on its plan while it is open; ``acquire`` says who else has it, if anyone."""

    def __init__(self, path: Path) -> None:
        from planner.core.storage.locks import SideLock
        from planner.ui.autosave import absolute

        self.path = absolute(path)
        self._side = SideLock(self.path)
        self._profile: object | None = None  # a DocumentLock when the folder takes no lock file

    @property
    def held(self) -> bool:
        return self._side.held or self._profile is not None

    def acquire(self, force: bool = False) -> str | None:
        """Take the lock (``force``: even from someone who has it open). None when it is ours; otherwise who has
        the plan open, in words: "Open by Dana on LAB-12 since 10:42"."""
        from planner.core.storage.locks import LockStatus
        from planner.ui.autosave import DocumentLock

        result = self._side.acquire(force=force)
        if result.status is LockStatus.TAKEN:
            return None
        if result.status is LockStatus.HELD:
            owner = result.owner
            if owner is None:
                return "Open on another computer (its lock file could not be read)"
            if owner.machine.lower() == self._side.machine.lower() and owner.user == self._side.user:
                since = owner.describe().split(" since ", 1)[1]
                return f"Open in another planner window on this computer since {since}"
            return owner.describe()
        # The folder takes no lock file (read-only): fall back to this profile's own lock.
        profile = DocumentLock(self.path)
        if profile.acquire():
            self._profile = profile
            return None
        return None if force else "Open in another planner window on this computer"

    def renew(self) -> None:
        self._side.renew()

    def release(self) -> None:
        self._side.release()
        if self._profile is not None:
            from planner.ui.autosave import DocumentLock

            assert isinstance(self._profile, DocumentLock)
            self._profile.release()
            self._profile = None


class FileLock:
    """The lock this window holds on its plan's file (a :class:`PlanLock`: beside the plan, or in the profile
    where the folder takes no lock file), so nobody else saves over it unawares."""

    def __init__(self) -> None:
        self.held: PlanLock | None = None

    def claim(self, path: Path, ask: Callable[[Path, str], str]) -> bool | None:
        """Lock ``path`` for a plan being opened: False when it was free (or opened anyway), True to open it
        read-only, None when the person cancelled (``ask`` is asked, with who has it, when someone does)."""
        if self.held is not None and self.held.path == path:
            self.release()  # reopening our own file (Reload): our lock must not count as someone else's
        lock = PlanLock(path)
        held_by = lock.acquire()
        read_only = False
        if held_by is not None:
            choice = ask(path, held_by)
            if choice not in ("read_only", "anyway"):
                return None
            if choice == "anyway":
                lock.acquire(force=True)
            read_only = choice == "read_only"
        self.release()
        self.held = lock if lock.held else None
        return read_only

    def take(self, path: Path) -> None:
        """Hold ``path`` after saving to it, when nobody else does."""
        lock = PlanLock(path)
        if self.held is not None and self.held.path == lock.path and self.held.held:
            return
        self.release()
        if lock.acquire() is None:
            self.held = lock

    def renew(self) -> None:
        if self.held is not None:
            self.held.renew()

    def release(self) -> None:
        if self.held is not None:
            self.held.release()
            self.held = None


class RecentFiles:
    """The plans opened or saved lately, newest first, kept in the app's settings."""

    def __init__(self, settings: QSettings, status: Status) -> None:
        from planner.ui.recent_files import RecentChecks

        self.settings = settings
        self._status = status
        # Which plans are gone is checked in a worker: an offline share can make a check wait for minutes.
        self.checks = RecentChecks()
        self.checks.sig_split.connect(self._on_split)
        self._on_removed: Callable[[int], None] | None = None

    def check(self, on_removed: Callable[[int], None]) -> None:
        """Look for plans moved or deleted, off the main thread; ``on_removed(count)`` when some were dropped."""
        self._on_removed = on_removed
        self.checks.split(self.paths())

    def _on_split(self, _kept: list[str], gone: list[str]) -> None:
        removed = self.forget(gone)
        if removed and self._on_removed is not None:
            self._on_removed(removed)

    def paths(self) -> list[str]:
        return stored_recent_files(self.settings)

    def remember(self, path: Path) -> None:
        from planner.ui.autosave import absolute

        path = absolute(path)
        recent = [str(path)] + [p for p in self.paths() if p != str(path)]
        self.settings.setValue("recentFiles", recent[:MAX_RECENT])

    def forget_missing(self) -> int:
        """Drop remembered files that were moved or deleted; how many went (the start page says so). A plan in a
        folder or on a drive that cannot be reached now stays. This looks at the file system: the window runs it
        in a worker (:meth:`forget`) with the answer of :func:`split_missing`."""
        return self.forget(split_missing(self.paths())[1])

    def forget(self, gone: list[str]) -> int:
        """Drop these remembered files (found moved or deleted); how many went."""
        gone = [p for p in gone if p in self.paths()]  # the list may have changed meanwhile
        if gone:
            self.settings.setValue("recentFiles", [p for p in self.paths() if p not in gone])
            self._status(removed_notice(len(gone)), 8000)
        return len(gone)
