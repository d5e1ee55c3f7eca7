"""What every section page shares: plain-text labels and headings, the page base that turns a person's
change into one undo step, the table editor over a document list, and the cached SVG chart view."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QRectF, Qt, Signal, Slot
from PySide6.QtGui import (
    QGuiApplication,
    QPainter,
    QPaintEvent,
    QPixmap,
    QShowEvent,
)
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.core.editing.edits import EditError, plain_reason, removal_effects
from planner.core.editing.paste import PASTE_FIELDS
from planner.core.model.document import Document
from planner.ui.fields import FieldNote

# Re-exported: every page takes its labels from here, with the rest of what pages share.
from planner.ui.labels import HeadingLabel as HeadingLabel
from planner.ui.labels import heading as heading
from planner.ui.labels import plain_label as plain_label
from planner.ui.labels import subheading as subheading
from planner.ui.models import ColumnModel, RecordTableModel
from planner.ui.pages.table_view import CellDetail as CellDetail
from planner.ui.pages.table_view import RecordTableView as RecordTableView
from planner.ui.pages.table_view import share_width as share_width
from planner.ui.session import DocumentSession

PASTE_PROBLEMS_SHOWN = 8  # refused rows listed under a table; the rest are counted


def read_only_item(text: str, align_right: bool = False, bold: bool = False) -> QTableWidgetItem:
    """A table cell people can select and read but not edit; table items are plain text, never rich text."""
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if bold:
        font = item.font()
        font.setBold(True)
        item.setFont(font)
    return item


def set_shown(widget: QWidget, shown: bool) -> None:
    """Show or hide, calling Qt only on a change: pages refresh on every keystroke, most of it unchanged."""
    if widget.isHidden() == shown:
        widget.setVisible(shown)


def set_text(label: QLabel | QAbstractButton, text: str) -> None:
    if label.text() != text:
        label.setText(text)


def set_enabled(widget: QWidget, enabled: bool) -> None:
    if widget.testAttribute(Qt.WidgetAttribute.WA_Disabled) == enabled:
        widget.setEnabled(enabled)


def scrolling_body(outer: QVBoxLayout) -> tuple[QScrollArea, QVBoxLayout]:
    """A scroll area filling the rest of ``outer``, and the layout of the widget it scrolls.

    Besides short screens, this keeps a page's changing text from re-laying out the main window: the
    scroll area absorbs its contents' size changes, which otherwise cost four milliseconds per edit.
    """
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    # Not a Tab stop of its own: Tab goes from field to field, and the area follows the focus (issue 27).
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    body = QWidget()
    area.setWidget(body)
    outer.addWidget(area, 1)
    layout = QVBoxLayout(body)
    layout.setContentsMargins(0, 0, 8, 0)  # in line with the page heading; clear of the scroll bar
    return area, layout


class DocumentView(QWidget):
    """A widget that shows the session's document.

    Every edit replaces the document, so every view would rebuild itself on each keystroke; a hidden view only
    notes that it is stale and refreshes when it is next shown.
    """

    def __init__(self, session: DocumentSession) -> None:
        super().__init__()
        self.session = session
        self._stale = False
        session.sig_document_changed.connect(self._on_document_changed)
        session.sig_roles_changed.connect(self._on_document_changed)  # what is editable follows the role

    @Slot()
    def _on_document_changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)

    # Each view shows the document in its own way; declared here so the handlers above can call it.
    refresh: Callable[[], None]


class SectionPage(DocumentView):
    """A section of the main window: a document view whose edits go through ``try_edit``.

    Signals:
        sig_error(str): an edit was refused; the reason, for the status bar.
    """

    sig_error = Signal(str)

    def try_edit(
        self,
        change: Callable[[Document], Document],
        text: str,
        merge_key: str | None = None,
        note: FieldNote | None = None,
        label: str = "",
    ) -> bool:
        """Apply a core edit as one undo step.

        A refused edit is said in plain words under its field (``note``, named by ``label`` as the person sees
        it) and through ``sig_error``; the field keeps what was typed. An accepted edit clears the field's note.
        """
        try:
            self.session.apply(change, text, merge_key=merge_key)
        except EditError as exc:
            reason = plain_reason(str(exc))
            message = f"{label}: {reason}" if label else reason
            if note is not None:
                note.show_problem(f"Not saved: {reason}")
            self.sig_error.emit(message)
            return False
        if note is not None:
            note.clear_problem()
        return True


HELD_REASONS_SHOWN = 4  # cells listed in the note under a table; the rest are counted


def held_note_text(model: ColumnModel) -> str:
    """The note under a table while cells hold text that did not read: each cell's reason, as the fields say it."""
    reasons = model.held_reasons()
    if not reasons:
        return ""
    shown = reasons[:HELD_REASONS_SHOWN]
    if len(reasons) > len(shown):
        shown.append(f"and {len(reasons) - len(shown)} more cells")
    lead = "Not saved (the red text in the table is what was typed; correct it there)"
    return f"Not saved: {shown[0]}" if len(reasons) == 1 else "\n".join([f"{lead}:", *shown])


def follow_held_cells(model: ColumnModel, note: FieldNote, session: DocumentSession) -> None:
    """Keep a table's note in step with its cells: a refused entry stays in its cell (marked) with the reason
    in the note; the note goes once every such cell is fixed, and a refusal that left nothing in a cell (a
    choice) goes with the next accepted change."""

    def show(text: str) -> None:
        if not (note.showing and note.text() == text):  # restyling the table while its editor closes costs a lot
            note.show_problem(text)

    def refused(message: str) -> None:
        show(held_note_text(model) or f"Not saved: {message}")

    def settled() -> None:
        text = held_note_text(model)
        if text:
            show(text)
        elif note.showing:
            note.clear_problem()

    model_signals: Any = model  # both table models declare these signals
    model_signals.sig_error.connect(refused)
    model_signals.sig_accepted.connect(settled)
    model.sig_held_changed.connect(settled)
    session.sig_document_changed.connect(settled)


class TableEditor(QWidget):
    """A table over one document list with Add and Remove buttons.

    Rows are added with the choices of the row before (core's
    :func:`~planner.core.editing.rows.new_record`); several rows
    can be selected and removed at once (Remove, or the Delete key), after a question when other rows depend on
    them (a partner's commitments); the cost-item and commitment tables take rows pasted from a spreadsheet
    (Ctrl+V), refused rows listed under the table. Column widths follow the content unless the person drags one.

    Signals:
        sig_error(str): an edit was refused; the reason in plain words, for the status bar.
    """

    sig_error = Signal(str)

    def __init__(
        self,
        title: str,
        model: RecordTableModel,
        make_record: Callable[[], Any] | None = None,
        empty_hint: str | Callable[[], str] = "",
    ) -> None:
        super().__init__()
        self.model = model
        self._make_record = make_record or model.new_record
        self.can_paste = model.list_field in PASTE_FIELDS
        if not empty_hint:
            empty_hint = f"No {model.noun}s yet. Press Add {model.noun} to add one."
            if self.can_paste:
                empty_hint = (
                    f"No {model.noun}s yet. Press Add {model.noun}, or copy rows from a spreadsheet "
                    "and paste them here (Ctrl+V)."
                )
        hint = empty_hint
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # The title and buttons are one widget, which a page may move (into a tab bar's corner, say).
        self.top_bar = QWidget()
        top = QHBoxLayout(self.top_bar)
        top.setContentsMargins(0, 0, 0, 0)
        self.title_label = plain_label(title, wrap=False, role="tableTitle")
        top.addWidget(self.title_label)
        top.addStretch()
        self.add_button = QPushButton(f"Add {model.noun}")
        self.add_button.setAccessibleName(f"Add {model.noun}")
        self.remove_button = QPushButton(f"Remove {model.noun}")
        self.remove_button.setAccessibleName(f"Remove selected {model.noun}s")
        self.remove_button.setToolTip(f"Remove the selected {model.noun}s (Delete)")
        top.addWidget(self.add_button)
        top.addWidget(self.remove_button)
        layout.addWidget(self.top_bar)
        self.view = RecordTableView(model, title, hint if callable(hint) else lambda: hint)
        layout.addWidget(self.view)
        self.detail = CellDetail(self.view)
        layout.addWidget(self.detail)
        self.note = FieldNote(self.view)
        layout.addWidget(self.note)
        self.view.sig_remove_pressed.connect(self.remove_selected)
        if self.can_paste:
            self.view.sig_paste_pressed.connect(self.paste_clipboard)
            self.add_button.setToolTip(
                f"Add a {model.noun}. To add many, copy rows from a spreadsheet (in this table's column order) "
                "and press Ctrl+V on the table; fewer columns fill the cells from the selected one."
            )
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self.remove_selected)
        model.sig_error.connect(self.sig_error)
        follow_held_cells(model, self.note, model.session)

    # --- rows ------------------------------------------------------------------------------------------------

    def _add(self) -> None:
        try:
            self.model.add(self._make_record())
        except EditError as exc:
            self.note.show_problem(f"Not added: {plain_reason(str(exc))}")
            self.sig_error.emit(plain_reason(str(exc)))
            return
        row = self.model.rowCount() - 1
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.setFocus()

    def selected_rows(self) -> list[int]:
        """The rows selected (any cell of a row counts), or the current cell's row when none is."""
        selection = self.view.selectionModel()
        rows = sorted({index.row() for index in selection.selectedIndexes()}) if selection is not None else []
        current = self.view.currentIndex()
        if not rows and current.isValid():
            rows = [current.row()]
        return rows

    @Slot()
    def remove_selected(self) -> None:
        """Remove the selected rows as one undo step, asking first when other rows depend on them."""
        rows = self.selected_rows()
        if not rows:
            self.sig_error.emit(f"Select the {self.model.noun}s to remove first")
            return
        effects = removal_effects(self.model.session.document, self.model.list_field, rows)
        if effects.any:
            answer = QMessageBox.question(
                self,
                f"Remove {self.model.noun}s" if len(rows) > 1 else f"Remove {self.model.noun}",
                effects.question(),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.model.remove_rows(rows, effects)
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(min(rows[0], self.model.rowCount() - 1), 0))

    @Slot()
    def paste_clipboard(self) -> None:
        """Paste the clipboard's spreadsheet rows (see :mod:`planner.core.editing.paste`) as one undo step."""
        clipboard = QGuiApplication.clipboard()
        self.paste_text(clipboard.text() if clipboard is not None else "")

    def paste_text(self, text: str) -> None:
        current = self.view.currentIndex()
        at = (current.row(), current.column()) if current.isValid() else None
        try:
            result = self.model.paste(text, at)
        except EditError as exc:
            reason = plain_reason(str(exc))
            self.note.show_problem(reason)
            self.sig_error.emit(reason)
            return
        if result.problems:
            shown = list(result.problems[:PASTE_PROBLEMS_SHOWN])
            if len(result.problems) > len(shown):
                shown.append(f"... and {len(result.problems) - len(shown):,} more rows not pasted")
            message = "\n".join([f"{result.summary()}:", *shown])
            if result.added or result.changed:
                # The good rows went in: a notice, not a refusal of the table (restyling a long table costs too).
                self.note.show_notice(message)
            else:
                self.note.show_problem(message)
            count = len(result.problems)
            self.sig_error.emit(
                f"{count:,} pasted row{'s' if count != 1 else ''}; the reasons are listed under the table"
            )
        else:
            self.note.show_notice("")  # an earlier paste's list goes


class ChartView(QSvgWidget):
    """One of the report's SVG charts, drawn by Qt's SVG renderer.

    QSvgWidget re-renders the SVG on every paint, which was a third of the time between a rating and the
    repainted summary; the drawing is kept as a pixmap until the chart or the widget's size changes.
    """

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        # A chart given less room than its drawing (a short screen, a divider moved) shrinks whole, never squashed.
        self.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self._svg = ""
        self._drawn: QPixmap | None = None

    def heightForWidth(self, width: int) -> int:
        """The drawing's proportions (used where a layout asks, see QSizePolicy.setHeightForWidth)."""
        drawing = self.renderer().defaultSize()
        return width * drawing.height() // drawing.width() if drawing.width() > 0 else super().heightForWidth(width)

    def show_svg(self, svg: str) -> None:
        if svg == self._svg:
            return
        self._svg = svg
        self.load(QByteArray(svg.encode("utf-8")))
        self._drawn = None
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        ratio = self.devicePixelRatioF()
        drawn = self._drawn
        if drawn is None or drawn.deviceIndependentSize().toSize() != self.size() or drawn.devicePixelRatio() != ratio:
            drawn = QPixmap(self.size() * ratio)
            drawn.setDevicePixelRatio(ratio)
            drawn.fill(Qt.GlobalColor.transparent)
            painter = QPainter(drawn)
            self.renderer().render(painter, QRectF(self.rect()))
            painter.end()
            self._drawn = drawn
        QPainter(self).drawPixmap(0, 0, drawn)
