"""The dialog that offers the autosaves a crashed window left behind."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.ui.autosave import Autosaver, Recoverable
from planner.ui.pages.common import plain_label


class RecoveryDialog(QDialog):
    """Every autosave a crashed window left, newest first: recover one, discard some, or decide later.

    Nothing is deleted until the person says so; what is left is offered again at the next start.
    """

    def __init__(self, found: list[Recoverable], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recover unsaved work")
        self.found = list(found)
        self.chosen: Recoverable | None = None
        self.discarded: list[Recoverable] = []
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                "The planner closed unexpectedly while these plans had unsaved changes. "
                "Recover one now; the others stay here until you decide."
            )
        )
        self.list = QListWidget()
        self.list.setAccessibleName("Unsaved plans")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox()
        self.recover_button = buttons.addButton("&Recover", QDialogButtonBox.ButtonRole.AcceptRole)
        self.discard_button = buttons.addButton("&Discard", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.later_button = buttons.addButton("Decide &later", QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        self.recover_button.clicked.connect(self.recover_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.later_button.clicked.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self.recover_selected())
        self._fill()

    @staticmethod
    def describe(item: Recoverable) -> str:
        where = str(item.original_path) if item.original_path else "never saved"
        when = item.autosaved
        return f"{item.document.profile.consortium_name}\n{where}\nautosaved {when:%B} {when.day}, {when:%Y at %H:%M}"

    def _fill(self) -> None:
        self.list.clear()
        for item in self.found:
            entry = QListWidgetItem(self.describe(item))
            entry.setData(Qt.ItemDataRole.AccessibleTextRole, self.describe(item).replace("\n", ", "))
            self.list.addItem(entry)
        self.list.setCurrentRow(0)
        has_any = bool(self.found)
        self.recover_button.setEnabled(has_any)
        self.discard_button.setEnabled(has_any)

    def recover_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.found):
            self.chosen = self.found[row]
            self.accept()

    def discard_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.found):
            self.discarded.append(self.found.pop(row))
            self._fill()
            if not self.found:
                self.reject()


def choose_recovery(autosaver: Autosaver, parent: QWidget) -> Recoverable | None:
    """After a crash: offer every autosave left by windows that are gone; delete only what the person discards.
    The one chosen is kept until its work is safe in the new window's own autosave (the caller discards it)."""
    found = autosaver.recoverable()
    if not found:
        return None
    dialog = RecoveryDialog(found, parent)
    dialog.exec()
    for item in dialog.discarded:
        item.discard()
    return dialog.chosen
