"""The Excel round trip in the app: what an import would change, shown before anything changes.

Core reads and checks the workbook (:mod:`planner.core.interchange.workbook_import`); this dialog only shows its result
and
asks. The lines are plain text in a read-only box, never rich text: they quote what the workbook holds.

Signals (WorkbookImportDialog):
    sig_apply(): the person chose to apply the changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from planner.core.model.errors import PlannerFileError
from planner.ui.pages.common import plain_label

if TYPE_CHECKING:  # the import module (and zipfile) loads when a workbook is imported, not at start-up
    from planner.core.interchange.workbook_changes import WorkbookImport

XLSX_FILTER = "Excel workbook (*.xlsx)"


class WorkbookImportDialog(QDialog):
    """The changes a workbook brings (Apply or Cancel), or why it cannot be imported (Close)."""

    sig_apply = Signal()

    def __init__(self, source: Path, result: WorkbookImport | PlannerFileError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import from Excel")
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        if isinstance(result, PlannerFileError):
            intro = f"{source.name} cannot be imported, so nothing in the plan has changed. Each line is a row to fix:"
            lines = [problem.message_without_path() for problem in (result, *result.more)]
        elif result.changed:
            count = result.cost_items.count + result.commitments.count
            intro = (
                f"{source.name} changes {count} row{'s' if count != 1 else ''} of the shared-cost plan. Apply "
                "applies them all as one step (Edit > Undo takes them all back)."
            )
            lines = result.summary_lines()
        else:
            intro = f"The cost items and commitments in {source.name} match the plan: there is nothing to import."
            lines = []
        self.intro = plain_label(intro)
        layout.addWidget(self.intro)
        self.lines = QPlainTextEdit("\n".join(lines))
        self.lines.setReadOnly(True)
        self.lines.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        refused = isinstance(result, PlannerFileError)
        self.lines.setAccessibleName("Problems in the workbook" if refused else "Changes")
        self.lines.setVisible(bool(lines))
        layout.addWidget(self.lines, 1)
        can_apply = not isinstance(result, PlannerFileError) and result.changed
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel
            if can_apply
            else QDialogButtonBox.StandardButton.Close
        )
        self.buttons = buttons
        if can_apply:
            apply = buttons.button(QDialogButtonBox.StandardButton.Apply)
            apply.setDefault(True)
            apply.clicked.connect(self._on_apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _on_apply(self) -> None:
        self.sig_apply.emit()
        self.accept()
