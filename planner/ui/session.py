"""The open document, its undo stack and its file: the one place the UI changes a document.

Signals:
    sig_document_changed(): the document was replaced (an edit, undo, redo or load).
    sig_state_changed(): the file path or the clean/modified state changed.
    sig_roles_changed(): coach review mode was turned on or off.

Roles: a respondent form (``form_mode``) is a team member's: only their ratings are theirs to change. The coach's
suggestions, comments and review are editable only in coach review mode, which opens on for a document whose
review is in progress; otherwise the lead reads them and answers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QUndoCommand, QUndoStack

from planner.core.assessment.analysis import PlanAnalysis, analyze
from planner.core.model.document import Document, ReviewStatus
from planner.core.model.rubric import Instrument
from planner.core.storage.instruments import resolve_instruments
from planner.core.storage.storage import save_document

# Typing bursts into one field merge into a single undo step (QUndoCommand ids must be ints).
_merge_ids: dict[str, int] = {}


def merge_id(key: str) -> int:
    return _merge_ids.setdefault(key, len(_merge_ids) + 1)


class DocumentEdit(QUndoCommand):
    def __init__(
        self, session: DocumentSession, before: Document, after: Document, text: str, merge_key: str | None
    ) -> None:
        super().__init__(text)
        self._session = session
        self.before = before
        self.after = after
        self._merge = merge_id(merge_key) if merge_key else -1

    def id(self) -> int:
        return self._merge

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, DocumentEdit) or other.id() != self.id() or self.id() == -1:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self._session._replace(self.after)

    def undo(self) -> None:
        self._session._replace(self.before)


class DocumentSession(QObject):
    sig_document_changed = Signal()
    sig_state_changed = Signal()
    sig_roles_changed = Signal()

    def __init__(self, document: Document, instruments: list[Instrument], path: Path | None = None) -> None:
        """``instruments`` are the planner's current ones; a document rated on an archived version (instruments
        1.0) is shown on that version until an instrument upgrade, itself an undoable edit, moves it on."""
        super().__init__()
        self.document = document
        self.available = instruments
        self._instruments_for: tuple[object, list[Instrument]] | None = None
        self.path = path
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._analysis: PlanAnalysis | None = None
        # What the file looked like when this window last read or wrote it: a save first checks that nobody
        # (another window, a colleague on a shared drive) has changed it since.
        self.disk_stamp = file_stamp(path) if path is not None else None
        # Opened while another window had the file: edits are allowed, saving over the file needs Save As.
        self.read_only = False
        self.coach_mode = document.form is None and document.review.status is ReviewStatus.IN_REVIEW

    @property
    def form_mode(self) -> bool:
        """The document is a respondent form: only its respondent's ratings are edited."""
        return self.document.form is not None

    def set_coach_mode(self, on: bool) -> None:
        on = on and not self.form_mode
        if on != self.coach_mode:
            self.coach_mode = on
            self.sig_roles_changed.emit()

    @Slot(bool)
    def _on_clean_changed(self, _clean: bool) -> None:
        self.sig_state_changed.emit()

    @property
    def instruments(self) -> list[Instrument]:
        """The instruments the document is rated on (resolved again only when its instrument list changes)."""
        refs = self.document.metadata.instruments
        if self._instruments_for is None or self._instruments_for[0] is not refs:
            self._instruments_for = (refs, resolve_instruments(self.document, self.available, "document"))
        return self._instruments_for[1]

    @property
    def analysis(self) -> PlanAnalysis:
        """Scores and totals, derived on demand and cached until the next change."""
        if self._analysis is None or self._analysis.document is not self.document:
            self._analysis = analyze(self.document, self.instruments, previous=self._analysis)
        return self._analysis

    @property
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def apply(self, change: Callable[[Document], Document], text: str, merge_key: str | None = None) -> None:
        """Run a core edit function and push it as one undoable step; an EditError propagates unchanged."""
        after = change(self.document)
        if after == self.document:
            return
        self.undo_stack.push(DocumentEdit(self, self.document, after, text, merge_key))

    def _replace(self, document: Document) -> None:
        self.document = document
        self.sig_document_changed.emit()

    def changed_on_disk(self) -> bool:
        return self.path is not None and self.disk_stamp is not None and file_stamp(self.path) != self.disk_stamp

    def save(self, path: Path) -> None:
        self.document = save_document(self.document, path)
        self.path = path
        self.disk_stamp = file_stamp(path)
        self.undo_stack.setClean()
        self.sig_state_changed.emit()


def file_stamp(path: Path) -> tuple[int, int] | None:
    """Modification time and size: cheap to read on every save, and any other writer changes one of them."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)
