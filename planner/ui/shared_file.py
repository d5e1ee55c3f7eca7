"""A plan in a shared or synced folder: who else has it open, what changed on disk, which conflict copies a sync
service left beside it, and merging one of them field by field.

- The lock beside the plan and the open-by question are in planner.ui.files (``PlanLock``, ``FileLock``).
- :class:`SharedFileBanner` says, above the open plan, that the file changed on disk or that conflict copies of it
  were found, with Reload, Compare and Merge; :class:`ConflictScan` looks for them off the main thread (a network
  folder can be slow), on opening and whenever the window is activated again.
- :class:`MergeDialog` lists what the copy has that this plan does not; every value taken is one undo step.

Signals of :class:`SharedFileBanner`:
    sig_reload(): the person chose to reload the plan as saved on disk.
    sig_compare(object): compare the plan with this :class:`ConflictCopy`.
    sig_merge(object): merge this :class:`ConflictCopy` into the plan.
Signals of :class:`ConflictScan`:
    sig_found(object, object): the plan's path and the list of :class:`ConflictCopy` found beside it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, Signal, SignalInstance, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.ui import theme
from planner.ui.labels import plain_label

if TYPE_CHECKING:
    from planner.core.editing.reconcile import Difference
    from planner.core.model.document import Document
    from planner.core.storage.conflicts import ConflictCopy
    from planner.ui.files import FileLock
    from planner.ui.session import DocumentSession
    from planner.ui.team import CompareDialog


class ConflictScan(QObject):
    """Looks for conflict copies beside a plan in a worker thread; the answer comes back as ``sig_found``."""

    sig_found = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._threads: list[threading.Thread] = []

    def start(self, path: Path, document: Document) -> None:
        self._generation += 1
        generation = self._generation
        thread = threading.Thread(target=self._run, args=(path, document, generation), daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def _run(self, path: Path, document: Document, generation: int) -> None:
        from planner.core.storage.conflicts import find_conflict_copies

        try:
            copies = find_conflict_copies(path, document)
        except Exception:  # a scan must never take the window down; nothing found is the safe answer
            copies = []
        if generation == self._generation:  # a later scan (another plan, a newer look) supersedes this one
            self.sig_found.emit(path, copies)

    def wait(self, timeout: float = 10.0) -> None:
        """For tests and shutdown: let running scans finish."""
        for thread in self._threads:
            thread.join(timeout)


class SharedFileBanner(QFrame):
    """A notice above the open plan about its file: changed on disk, or conflict copies beside it."""

    sig_reload = Signal()
    sig_compare = Signal(object)
    sig_merge = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sharedFileBanner")
        self.setStyleSheet(theme.SHARED_FILE_BANNER)
        self.setAccessibleName("About this plan's file")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.text = plain_label(role="sharedFileText")
        layout.addWidget(self.text, 1)
        self.copies = QComboBox()
        self.copies.setAccessibleName("Conflict copy")
        layout.addWidget(self.copies)
        self.reload_button = QPushButton("&Reload")
        self.compare_button = QPushButton("Com&pare")
        self.merge_button = QPushButton("&Merge…")
        self.dismiss_button = QPushButton("Dismiss")
        for button in (self.reload_button, self.compare_button, self.merge_button, self.dismiss_button):
            layout.addWidget(button)
        self.reload_button.clicked.connect(self.sig_reload.emit)
        self.compare_button.clicked.connect(lambda: self._emit_for_copy(self.sig_compare))
        self.merge_button.clicked.connect(lambda: self._emit_for_copy(self.sig_merge))
        self.dismiss_button.clicked.connect(self._dismiss)
        self.changed = False
        self.found: list[ConflictCopy] = []
        self._dismissed: set[tuple[Path, float]] = set()
        self._update()

    def _key(self, copy: ConflictCopy) -> tuple[Path, float]:
        return (copy.path, copy.written.timestamp())

    def show_changed(self, changed: bool) -> None:
        self.changed = changed
        self._update()

    def show_copies(self, copies: list[ConflictCopy]) -> None:
        self.found = [c for c in copies if self._key(c) not in self._dismissed]
        self.copies.clear()
        for copy in self.found:
            self.copies.addItem(copy.path.name)
            self.copies.setItemData(self.copies.count() - 1, copy.describe(), Qt.ItemDataRole.ToolTipRole)
        self._update()

    def clear(self) -> None:
        self.changed = False
        self.found = []
        self.copies.clear()
        self._update()

    def _dismiss(self) -> None:
        self._dismissed.update(self._key(c) for c in self.found)
        self.clear()

    def _emit_for_copy(self, signal: SignalInstance) -> None:
        row = self.copies.currentIndex()
        if 0 <= row < len(self.found):
            signal.emit(self.found[row])

    def _update(self) -> None:
        parts = []
        if self.changed:
            parts.append(
                "Someone else saved this plan after you opened it. Reload to see their version (your unsaved "
                "changes are dropped), or Save As to keep both."
            )
        if self.found:
            named = "; ".join(c.describe() for c in self.found)
            many = len(self.found) > 1
            parts.append(
                f"A sync service kept {'other versions' if many else 'another version'} of this plan beside it: "
                f"{named}. Compare, or merge {'their' if many else 'its'} changes into this plan field by field."
            )
        self.text.setText(" ".join(parts))
        self.reload_button.setVisible(self.changed)
        for widget in (self.compare_button, self.merge_button):
            widget.setVisible(bool(self.found))
        self.copies.setVisible(len(self.found) > 1)
        self.setVisible(bool(parts))


class MergeDialog(QDialog):
    """What a conflict copy says differently, field by field; the person ticks what to take from it.

    Each value taken is one undo step (``apply`` pushes it). Fields where the copy says nothing new, and records
    only this plan has, are not listed: a merge never removes anything from the plan."""

    HEADERS = ("Take", "Section", "What", "In this plan", "In the copy")

    def __init__(
        self,
        copy: ConflictCopy,
        current: Callable[[], Document],
        apply: Callable[[Difference], None],
        titles: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Merge {copy.path.name}")
        self.copy = copy
        self._current = current
        self._apply = apply
        self._titles = titles
        self.choices: list[Difference] = []
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                f"{copy.describe()}. Tick what to take from the copy. Each value taken is one step that Undo "
                "reverses; what you leave unticked stays as it is in this plan."
            )
        )
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels(list(self.HEADERS))
        self.table.setAccessibleName("Differences from the copy")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.problem = plain_label(role="mergeProblem")
        self.problem.setStyleSheet(theme.color(theme.ERROR))
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox()
        self.all_button = buttons.addButton("Tick &all", QDialogButtonBox.ButtonRole.ActionRole)
        self.take_button = buttons.addButton("&Take the ticked values", QDialogButtonBox.ButtonRole.ApplyRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.all_button.clicked.connect(lambda: self.tick_all(True))
        self.take_button.clicked.connect(self.take_ticked)
        self.close_button.clicked.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(900, 480)
        self.refresh()

    def refresh(self) -> None:
        from planner.core.editing.edits import EditError
        from planner.core.editing.reconcile import differences

        try:
            self.choices = differences(self._current(), self.copy.document, self._titles)
        except EditError as exc:
            self.choices = []
            self._say(str(exc))
        self.table.setRowCount(len(self.choices))
        for row, choice in enumerate(self.choices):
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            tick.setCheckState(Qt.CheckState.Unchecked)
            tick.setData(Qt.ItemDataRole.AccessibleTextRole, f"Take {choice.label}")
            self.table.setItem(row, 0, tick)
            texts = (choice.section, choice.label, choice.ours_text, choice.theirs_text)
            for column, text in enumerate(texts, start=1):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        for column in (2, 3):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 260))
        if not self.choices and self.problem.isHidden():
            self._say("Nothing left to take: everything in the copy is in this plan.", error=False)
        self.take_button.setEnabled(bool(self.choices))
        self.all_button.setEnabled(bool(self.choices))

    def _tick_item(self, row: int) -> QTableWidgetItem:
        item = self.table.item(row, 0)
        assert item is not None
        return item

    def tick_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for row in range(self.table.rowCount()):
            self._tick_item(row).setCheckState(state)

    def tick(self, row: int) -> None:
        self._tick_item(row).setCheckState(Qt.CheckState.Checked)

    def ticked(self) -> list[Difference]:
        checked = Qt.CheckState.Checked
        return [c for row, c in enumerate(self.choices) if self._tick_item(row).checkState() == checked]

    @Slot()
    def take_ticked(self) -> int:
        """Apply every ticked choice, one undo step each; returns how many were taken."""
        from planner.core.editing.edits import EditError

        taken = 0
        problems = []
        for choice in self.ticked():
            try:
                self._apply(choice)
                taken += 1
            except EditError as exc:
                problems.append(str(exc))
        self.problem.hide()
        self.refresh()
        if problems:
            self._say("Not taken: " + "; ".join(problems))
        return taken

    def _say(self, text: str, error: bool = True) -> None:
        self.problem.setStyleSheet(theme.color(theme.ERROR if error else theme.SECONDARY_TEXT))
        self.problem.setText(text)
        self.problem.show()


class PlanWindow(Protocol):
    """What :class:`SharedFile` needs of the main window."""

    session: DocumentSession | None
    file_lock: FileLock

    def open_path(self, path: Path, ask: bool = True) -> bool: ...

    def compare_with(self, path: Path) -> CompareDialog | None: ...


class SharedFile(QObject):
    """The window's side of a plan that others may change too: the banner, checked on opening, after saving and
    whenever the window is activated again (:meth:`check`), and Reload, Compare and Merge from it. The lock and
    the open-by question are the window's file lock (planner.ui.files)."""

    def __init__(self, window: PlanWindow, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = window
        self._parent = parent
        self.banner = SharedFileBanner()
        self.banner.hide()
        self.scan = ConflictScan(self)
        self.scan.sig_found.connect(self._on_found)
        self.banner.sig_reload.connect(self.reload)
        self.banner.sig_compare.connect(self.compare)
        self.banner.sig_merge.connect(self.merge)
        self.merge_dialog: MergeDialog | None = None
        central = parent.centralWidget() if isinstance(parent, QMainWindow) else None
        layout = central.layout() if central is not None else None
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(1, self.banner)  # under the role banner, above the sections
        # Checked again whenever the window comes to the front: a colleague may have saved, a sync left a copy.
        parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ActivationChange and watched is self._parent and self._parent.isActiveWindow():
            self.check()
        return False

    def check(self) -> None:
        """Look at the plan's file again: changed on disk? conflict copies beside it? (the copies off-thread)"""
        session = self.window.session
        if session is None or session.path is None:
            self.banner.clear()
            return
        self.banner.show_changed(session.changed_on_disk())
        self.window.file_lock.renew()  # a plan open for days must not look like a crash's leftover
        self.scan.start(session.path, session.document)

    @Slot(object, object)
    def _on_found(self, path: Path, copies: list[ConflictCopy]) -> None:
        session = self.window.session
        if session is not None and session.path == path:
            self.banner.show_copies(copies)

    @Slot()
    def reload(self) -> None:
        session = self.window.session
        if session is not None and session.path is not None:
            self.window.open_path(session.path, ask=False)

    @Slot(object)
    def compare(self, copy: ConflictCopy) -> CompareDialog | None:
        """The existing compare view, with the copy as the "before"."""
        return self.window.compare_with(copy.path)

    @Slot(object)
    def merge(self, copy: ConflictCopy) -> MergeDialog | None:
        from planner.core.editing.reconcile import take_theirs

        session = self.window.session
        if session is None:
            return None
        titles = {c.id: c.title for i in session.instruments for c in i.criteria}

        def apply(choice: Difference) -> None:
            session.apply(lambda document: take_theirs(document, choice), f"Take {choice.label} from {copy.path.name}")

        self.merge_dialog = MergeDialog(copy, lambda: session.document, apply, titles, self._parent)
        self.merge_dialog.show()
        return self.merge_dialog
