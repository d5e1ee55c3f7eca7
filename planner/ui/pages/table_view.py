"""The table view every document table uses: column widths from the content, wrapped rows and a detail line
when a small screen cuts the columns, and keys that never trap the keyboard in the table."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from planner.ui import theme
from planner.ui.models import ColumnDelegate, ColumnModel

# Column widths from content. When the table is narrower than its content, the widest columns give way first, down
# to what keeps their heading whole and a short value readable (a name a few words, an amount all of it); the cut
# text elides and its tooltip holds the rest.
NAME_COLUMN_READABLE = 110
COLUMN_READABLE = 70  # 72 left the commitments table 2 px too wide at 1024 once years read "FY 2027-28"
CELL_PADDING = 12  # the style's text margins on both sides (6 px), and a little air
MINIMUM_HEIGHT = 160  # a table's height before it gives way to the page's other parts
MAX_ROW_LINES = 2  # a row's wrapped lines when the columns are cut; three left two rows in view at 1024x768
MEASURED_ROWS = 200  # enough rows to size a column by; a plan's long lists are many rows of the same few names


def share_width(wanted: list[int], floors: list[int], available: int, grow: int = 0) -> list[int]:
    """Column widths that fill ``available`` pixels: each column's ``wanted`` width, the spare going to column
    ``grow``; or, when they do not fit, the widest columns cut down to one common width (never below their
    ``floors``), so every column stays in view as long as the floors fit."""
    if not wanted:
        return []
    total = sum(wanted)
    if total <= available:
        widths = list(wanted)
        widths[grow] += available - total
        return widths
    if sum(floors) >= available:
        return list(floors)

    def fitted(cap: int) -> list[int]:
        return [max(floor, min(want, cap)) for want, floor in zip(wanted, floors, strict=True)]

    low, high = 0, max(wanted)  # the largest common cap at which the columns still fit
    while low < high:
        middle = (low + high + 1) // 2
        if sum(fitted(middle)) <= available:
            low = middle
        else:
            high = middle - 1
    widths = fitted(low)
    # Whole pixels left by the cap go to the columns that were cut, so the last column ends at the edge.
    spare = available - sum(widths)
    for column in sorted(range(len(widths)), key=lambda c: wanted[c] - widths[c], reverse=True):
        if spare <= 0:
            break
        if widths[column] < wanted[column]:
            widths[column] += 1
            spare -= 1
    return widths


ARROW_STEPS: dict[int, tuple[int, int]] = {  # Ctrl+arrow in a table: (rows down, columns right)
    int(Qt.Key.Key_Up): (-1, 0),
    int(Qt.Key.Key_Down): (1, 0),
    int(Qt.Key.Key_Left): (0, -1),
    int(Qt.Key.Key_Right): (0, 1),
}


class RecordTableView(QTableView):
    """A table view over a model with ``columns`` (:class:`~planner.ui.models.Column`): one line a row, compact
    rows, multi-row selection, column widths from the content (unless the person drags one), and a plain-words
    hint drawn while it has no rows.

    Keys: Tab and Shift+Tab leave the table (a table is one stop, so nothing below it is out of reach, WCAG 2.1.2);
    the arrow keys, Ctrl+arrow keys and Enter (next cell; Shift+Enter the one before) move inside it; F2 or typing
    edits a cell, and Tab from a cell being edited keeps the entry and moves on to the next control.

    Signals:
        sig_remove_pressed(): Delete (or Backspace) was pressed on the table, not in a cell being edited.
        sig_paste_pressed(): the platform's paste key (Ctrl+V) was pressed on the table.
        sig_row_lines_changed(): the rows went from one line to several (the columns are cut) or back.
    """

    sig_remove_pressed = Signal()
    sig_paste_pressed = Signal()
    sig_row_lines_changed = Signal()

    def __init__(self, model: ColumnModel, name: str, empty_hint: Callable[[], str], grow: int = 0) -> None:
        super().__init__()
        self._empty_hint = empty_hint
        self._grow = grow
        self.setAccessibleName(name)
        self.setModel(model)
        self.setItemDelegate(ColumnDelegate(model, self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setTabKeyNavigation(False)  # Tab leaves the table; see the class docstring for the keys inside it
        self.setWordWrap(False)  # one line a row; two, wrapped, when the columns are cut (see set_two_lines)
        rows = self.verticalHeader()
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)  # more rows in view than Qt's 30 px
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        # Qt would elide a two-line heading as if it were one long line; headings are never narrower than their text.
        header.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setMinimumHeight(MINIMUM_HEIGHT)
        # Column widths are worked out once the event loop is free, however many changes asked for them.
        self._user_sized = False
        self._sizing = False
        self._row_lines = 1
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_columns)
        self._columns = model.columnCount()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.dataChanged):
            signal.connect(self._schedule_fit)
        model.modelReset.connect(self._on_model_reset)
        header.sectionResized.connect(self._on_section_resized)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Keys reach the view only when no cell editor has the focus: Delete then means the selected rows.
        if event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Backspace:
            self.sig_remove_pressed.emit()
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.sig_paste_pressed.emit()
            event.accept()
            return
        if self._move_inside(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def _move_inside(self, event: QKeyEvent) -> bool:
        """Enter / Shift+Enter to the next / previous cell (row by row), Ctrl+arrow one cell that way."""
        model = self.model()
        # A cell editor's Enter reaches the view too, after the delegate has queued the entry's commit.
        if model is None or model.rowCount() == 0 or self.state() == QAbstractItemView.State.EditingState:
            return False
        key, modifiers = int(event.key()), event.modifiers()
        current = self.currentIndex()
        row, column = (current.row(), current.column()) if current.isValid() else (0, -1)
        rows, columns = model.rowCount(), model.columnCount()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not modifiers & Qt.KeyboardModifier.ControlModifier:
            step = -1 if modifiers & Qt.KeyboardModifier.ShiftModifier else 1
            position = min(max(row * columns + column + step, 0), rows * columns - 1)
            row, column = divmod(position, columns)
        elif modifiers & Qt.KeyboardModifier.ControlModifier and key in ARROW_STEPS:
            down, right = ARROW_STEPS[key]
            row = min(max(row + down, 0), rows - 1)
            column = min(max(column + right, 0), columns - 1)
        else:
            return False
        self.setCurrentIndex(model.index(row, column))
        return True

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Tab out of a cell being edited keeps the entry (the delegate has committed it) and leaves the table,
        rather than opening the next cell's editor, which would trap the keyboard in the table."""
        forward = hint == QAbstractItemDelegate.EndEditHint.EditNextItem
        if forward or hint == QAbstractItemDelegate.EndEditHint.EditPreviousItem:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.setFocus(Qt.FocusReason.OtherFocusReason)
            self.focusNextPrevChild(forward)
            return
        super().closeEditor(editor, hint)

    @property
    def empty_hint(self) -> str:
        """What the empty table says (empty while it has rows)."""
        model = self.model()
        return self._empty_hint() if model is not None and model.rowCount() == 0 else ""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        hint = self.empty_hint
        self.setAccessibleDescription(hint)
        if hint:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            area = self.viewport().rect().adjusted(16, 8, -16, -8)
            # drawText with a string never interprets markup.
            painter.drawText(area, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), hint)
            painter.end()

    # --- column widths ---------------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._schedule_fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._schedule_fit()

    @Slot()
    def _schedule_fit(self) -> None:
        if not self._user_sized and self.isVisible():
            self._fit_timer.start()

    @Slot()
    def _on_model_reset(self) -> None:
        model = self.model()
        if model.columnCount() != self._columns:  # other columns (a new plan horizon): size them afresh
            self._columns = model.columnCount()
            self._user_sized = False

    @Slot(int, int, int)
    def _on_section_resized(self, _column: int, _old: int, _new: int) -> None:
        # A drag on the header's edge is the person's choice: keep it until the columns change.
        if not self._sizing and QGuiApplication.mouseButtons() & Qt.MouseButton.LeftButton:
            self._user_sized = True

    @Slot()
    def fit_columns(self) -> None:
        """Size the columns to their headings and content within the table's width (see :func:`share_width`)."""
        model = self.model()
        if self._user_sized or not self.isVisible() or not isinstance(model, ColumnModel):
            return
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        bold = QFont(self.font())
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)  # a total row is bold, and wider: its amounts are measured so
        rows = min(model.rowCount(), MEASURED_ROWS)
        font_role = Qt.ItemDataRole.FontRole
        bold_rows = [
            row
            for row in range(rows)
            if isinstance(f := model.data(model.index(row, 0), font_role), QFont) and f.bold()
        ]
        wanted, floors = [], []
        for column in range(model.columnCount()):
            heading = header.sectionSizeHint(column)
            texts = [str(model.data(model.index(row, column)) or "") for row in range(rows)]
            content = max((metrics.horizontalAdvance(text) for text in texts), default=0)
            if model.columns[column].align_right:
                content = max([content, *(bold_metrics.horizontalAdvance(texts[row]) for row in bold_rows)])
            content += CELL_PADDING
            wanted.append(max(heading, content))
            # An amount is never cut short; a name keeps a few words; any other text may elide to a word or two.
            readable = NAME_COLUMN_READABLE if column == self._grow else COLUMN_READABLE
            if model.columns[column].align_right:
                readable = content
            floors.append(max(heading, min(content, readable)))
        widths = share_width(wanted, floors, self.viewport().width(), self._grow)
        self._sizing = True
        try:
            for column, width in enumerate(widths):
                if header.sectionSize(column) != width:
                    header.resizeSection(column, width)
        finally:
            self._sizing = False
        # Words wrap over a line more than the width shortfall, as the spaces between them fall at line ends.
        lines = max(
            (
                -(-want // max(width - CELL_PADDING, 1)) + 1
                for width, want in zip(widths, wanted, strict=True)
                if width < want
            ),
            default=1,
        )
        self.set_row_lines(min(lines, MAX_ROW_LINES))

    @property
    def row_lines(self) -> int:
        return self._row_lines

    def set_row_lines(self, lines: int) -> None:
        """Rows of up to two wrapped lines while some column is narrower than its text (a small screen), so names
        stay readable ("Regional pathway coordinator", not "Regional pathwa..."); one line a row otherwise."""
        if lines == self._row_lines:
            return
        self._row_lines = lines
        self.setWordWrap(lines > 1)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() * lines + 10)
        self.sig_row_lines_changed.emit()


class CellDetail(QLabel):
    """Under a table whose columns are cut (a small screen): the current row's cut cells in full, so a name is
    readable without a tooltip ("Row 2 · Cost item: Regional pathway coordinator (1.0 FTE)"). It keeps its two
    lines of room while the table is cut, so nothing below it moves as the current row changes."""

    def __init__(self, view: RecordTableView) -> None:
        super().__init__()
        self._view = view
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setObjectName("cellDetail")
        self.setAccessibleName(f"{view.accessibleName()}: current row in full")
        self.setStyleSheet(theme.MUTED)
        # Two lines of room, kept while the table is cut; on a squeezed page it gives way before the table does.
        self._height = 2 * self.fontMetrics().lineSpacing() + 4
        self.setMaximumHeight(self._height)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setVisible(False)
        view.sig_row_lines_changed.connect(self.update_detail)
        view.model().dataChanged.connect(self.update_detail)
        view.model().modelReset.connect(self.update_detail)
        selection = view.selectionModel()
        if selection is not None:
            selection.currentChanged.connect(self.update_detail)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, 0)

    @Slot()
    def update_detail(self) -> None:
        view = self._view
        if self.isHidden() == (view.row_lines > 1):
            self.setVisible(view.row_lines > 1)
        if view.row_lines == 1:
            return
        model, current = view.model(), view.currentIndex()
        delegate = view.itemDelegate()
        parts: list[str] = []
        if current.isValid() and isinstance(model, ColumnModel) and isinstance(delegate, ColumnDelegate):
            for column in range(model.columnCount()):
                index = model.index(current.row(), column)
                option = QStyleOptionViewItem()
                option.rect = view.visualRect(index)
                option.font = view.font()
                option.fontMetrics = view.fontMetrics()
                option.widget = view
                text = str(model.data(index) or "")
                if text and delegate.tooltip_text(option, index).startswith(text):
                    parts.append(f"{model.columns[column].header}: {text}")
        text = (
            f"Row {current.row() + 1} · " + " · ".join(parts) if parts else "Select a row to read its cut text in full."
        )
        if self.text() != text:
            self.setText(text)
        self.setToolTip(text)
