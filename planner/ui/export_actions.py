"""The File menu's exports: the plan as PDF or Word (rendered in a child process with a progress dialog), and the
budget office's Excel workbook out and back in.

Only Qt at module level: the window imports this before its first paint; WeasyPrint and openpyxl come with the
first export.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from planner.ui.files import Status

if TYPE_CHECKING:
    from planner.core.model.document import Document
    from planner.ui.export import ExportJob
    from planner.ui.session import DocumentSession
    from planner.ui.spreadsheet import WorkbookImportDialog

PDF_FILTER = "PDF, tagged for accessibility (*.pdf)"
WORD_FILTER = "Word document, editable (*.docx)"


def choose_export_path(session: DocumentSession, parent: QWidget, start_dir: str) -> Path | None:
    """Where to write the PDF or the Word copy; the chosen filter decides when the name has no extension."""
    base = session.path.with_suffix(".pdf") if session.path else Path(start_dir) / "plan.pdf"
    path, chosen = QFileDialog.getSaveFileName(parent, "Export plan", str(base), f"{PDF_FILTER};;{WORD_FILTER}")
    if not path:
        return None
    target = Path(path)
    # Some platforms do not add the filter's extension themselves.
    if target.suffix.lower() not in (".pdf", ".docx"):
        target = target.with_suffix(".docx" if chosen == WORD_FILTER else ".pdf")
    return target


class DocumentExport:
    """One PDF or Word export at a time, with its progress dialog; the viewer opens the result when done."""

    def __init__(self, parent: QWidget, status: Status, done: Callable[[str], object]) -> None:
        self._parent = parent
        self._status = status
        self._done = done
        self.job: ExportJob | None = None
        self.progress: QProgressDialog | None = None

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running

    def cancel(self) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()

    def start(self, document: Document, path: Path, paper: str = "letter") -> None:
        from planner.ui.export import ExportJob

        if self.running:
            return
        job = ExportJob(document, path, paper)
        self.job = job
        self.progress = QProgressDialog("Rendering the plan…", "Cancel", 0, 0, self._parent)
        self.progress.setWindowTitle("Export Word copy" if path.suffix.lower() == ".docx" else "Export PDF")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.progress.canceled.connect(job.cancel)
        job.sig_finished.connect(self._on_finished)
        job.sig_failed.connect(self._on_failed)
        job.start()
        self._status("Exporting…", 0)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    def _on_finished(self, path: str) -> None:
        self._close_progress()
        self._status(f"Exported {Path(path).name}", 6000)
        self._done(path)
        if not os.environ.get("PLANNER_NO_VIEWER"):
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def _on_failed(self, message: str) -> None:
        self._close_progress()
        QMessageBox.warning(self._parent, "Export failed", f"The plan could not be exported.\n\n{message}")


# ----- the budget office's spreadsheet -----
def choose_workbook_target(session: DocumentSession, parent: QWidget, start_dir: str) -> Path | None:
    from planner.ui.spreadsheet import XLSX_FILTER

    base = session.path.with_suffix(".xlsx") if session.path else Path(start_dir) / "plan.xlsx"
    path, _ = QFileDialog.getSaveFileName(parent, "Export to Excel", str(base), XLSX_FILTER)
    if not path:
        return None
    target = Path(path)
    return target if target.suffix.lower() == ".xlsx" else target.with_suffix(".xlsx")


def export_workbook(session: DocumentSession, parent: QWidget, path: Path, status: Status) -> bool:
    """Write the workbook (a fraction of a second even for a large plan, so on this thread)."""
    from planner.core.interchange.workbook import export_workbook as write  # openpyxl only when asked for
    from planner.core.model.errors import PlannerFileError
    from planner.ui.autosave import absolute

    if session.path is not None and absolute(path) == absolute(session.path):
        QMessageBox.warning(parent, "Cannot export", "Choose a new file name: this one is the plan itself.")
        return False
    try:
        write(session.analysis, path)
    except PlannerFileError as exc:
        QMessageBox.warning(parent, "Cannot export", exc.message)
        return False
    except OSError as exc:
        QMessageBox.warning(parent, "Cannot export", f"{path} could not be written: {exc.strerror or exc}.")
        return False
    status(f"Exported {path.name}", 6000)
    return True


def choose_workbook_source(parent: QWidget, start_dir: str) -> Path | None:
    from planner.ui.spreadsheet import XLSX_FILTER

    path, _ = QFileDialog.getOpenFileName(parent, "Import from Excel", start_dir, XLSX_FILTER)
    return Path(path) if path else None


def import_workbook(
    session: DocumentSession,
    parent: QWidget,
    path: Path,
    status: Status,
    current: Callable[[], DocumentSession | None],
) -> WorkbookImportDialog:
    """The preview of what the workbook changes; its Apply makes that one undoable step, as long as ``current``
    is still this session on the same document. Not shown yet."""
    from planner.core.interchange.workbook_import import WorkbookError
    from planner.core.interchange.workbook_import import import_workbook as read
    from planner.ui.spreadsheet import WorkbookImportDialog

    base = session.document
    try:
        result = read(base, path)
    except WorkbookError as exc:
        return WorkbookImportDialog(path, exc, parent)
    dialog = WorkbookImportDialog(path, result, parent)

    def apply() -> None:
        if current() is not session or session.document is not base:
            QMessageBox.warning(parent, "Not imported", "The plan changed after the preview; import the file again.")
            return
        session.apply(lambda _d: result.document, f"Import from {path.name}")
        status(f"Imported {path.name}", 6000)

    dialog.sig_apply.connect(apply)
    return dialog
