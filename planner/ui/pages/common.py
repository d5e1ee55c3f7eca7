"""What every section page shares: plain-text labels and headings, the page base that turns a person's
change into one undo step, the table editor over a document list, and the cached SVG chart view."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QRectF, Qt, Signal, Slot
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap, QShowEvent
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.core.document import Document
from planner.core.edits import EditError, plain_reason
from planner.ui.fields import FieldNote

# Re-exported: every page takes its labels from here, with the rest of what pages share.
from planner.ui.labels import HeadingLabel as HeadingLabel
from planner.ui.labels import heading as heading
from planner.ui.labels import plain_label as plain_label
from planner.ui.labels import subheading as subheading
from planner.ui.models import ColumnDelegate, RecordTableModel
from planner.ui.session import DocumentSession

WARNING_COLOR = "#9a3412"


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
    body = QWidget()
    area.setWidget(body)
    outer.addWidget(area, 1)
    layout = QVBoxLayout(body)
    layout.setContentsMargins(0, 0, 8, 0)  # in line with the page heading; clear of the scroll bar
    return area, layout


class SectionPage(QWidget):
    """A section of the main window that shows the session's document.

    Every edit replaces the document, so every page would rebuild itself on each keystroke; a hidden page only
    notes that it is stale and refreshes when it is next shown.

    Signals:
        sig_error(str): an edit was refused; the reason, for the status bar.
    """

    sig_error = Signal(str)

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

    # Each page shows the document in its own way; declared here so the handlers above can call it.
    refresh: Callable[[], None]

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


class TableEditor(QWidget):
    """A table over one document list with Add and Remove buttons."""

    sig_error = Signal(str)

    def __init__(self, title: str, model: RecordTableModel, make_record: Callable[[], Any]) -> None:
        super().__init__()
        self.model = model
        self._make_record = make_record
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(plain_label(title, wrap=False, role="tableTitle"))
        top.addStretch()
        self.add_button = QPushButton(f"Add {model.noun}")
        self.add_button.setAccessibleName(f"Add {model.noun}")
        self.remove_button = QPushButton(f"Remove {model.noun}")
        self.remove_button.setAccessibleName(f"Remove selected {model.noun}")
        top.addWidget(self.add_button)
        top.addWidget(self.remove_button)
        layout.addLayout(top)
        self.view = QTableView()
        self.view.setAccessibleName(title)
        self.view.setModel(model)
        self.view.setItemDelegate(ColumnDelegate(model, self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setDefaultSectionSize(120)
        # The first column holds the record's name: give it room to read.
        model.modelReset.connect(lambda: self.view.setColumnWidth(0, 260))
        self.view.setColumnWidth(0, 260)
        self.view.setMinimumHeight(160)
        layout.addWidget(self.view)
        self.note = FieldNote(self.view)
        layout.addWidget(self.note)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        model.sig_error.connect(self.sig_error)
        model.sig_error.connect(lambda message: self.note.show_problem(f"Not saved: {message}"))
        model.sig_accepted.connect(self.note.clear_problem)

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

    def _remove(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.model.remove(index.row())


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
