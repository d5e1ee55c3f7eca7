"""A table model over one list in the document (partners, cost items, commitments, actions, ...).

Each column says how to show a record and how a typed value becomes a change; the change goes through
the session as an undoable core edit, so the model itself holds no state beyond the session.

Signals:
    sig_error(str): an edit was refused; the message says why in plain words.
    sig_accepted(): an edit typed into a cell was taken into the document.
    sig_held_changed(): the cells holding typed text that did not read changed (see ``ColumnModel.hold``).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from planner.core.editing import edits, rows
from planner.core.editing.edits import EditError, RemovalEffects, plain_reason
from planner.core.editing.paste import PasteResult, paste_rows
from planner.ui import theme
from planner.ui.fields import TextLine
from planner.ui.session import DocumentSession

Index = QModelIndex | QPersistentModelIndex


@dataclass
class Column:
    header: str
    show: Callable[[Any], str]
    # Turns what the person typed or chose into field changes; raises ValueError with a plain reason.
    parse: Callable[[Any, Any], dict[str, Any]] | None = None
    choices: Callable[[], Sequence[tuple[str, Any]]] | None = None  # (label, value) for a drop-down
    edit_value: Callable[[Any], Any] | None = None  # what the editor starts with
    align_right: bool = False
    tooltip: str = ""


@dataclass(frozen=True)
class HeldEntry:
    """What a person typed into a cell that the document refused, kept in the cell until they fix it."""

    typed: str
    reason: str  # "Own budget deadline: use YYYY-MM-DD", as the note under the table says it


class ColumnModel(QAbstractTableModel):
    """A table model whose columns are :class:`Column` s (the delegate and the views read them).

    A value typed into a cell that does not read stays in the cell, marked, until it is fixed, as in the
    page's fields: :meth:`hold` keeps it, :meth:`data_held` shows it, an accepted edit of the cell lets it go.
    """

    sig_held_changed = Signal()
    columns: list[Column]

    def __init__(self) -> None:
        super().__init__()
        self.held: dict[tuple[int, int], HeldEntry] = {}

    def hold(self, index: Index, typed: str, reason: str) -> None:
        self.held[(index.row(), index.column())] = HeldEntry(typed, reason)
        self.dataChanged.emit(index, index)
        self.sig_held_changed.emit()

    def release(self, index: Index) -> None:
        if self.held.pop((index.row(), index.column()), None) is not None:
            self.dataChanged.emit(index, index)
            self.sig_held_changed.emit()

    def release_all(self) -> None:
        """The rows moved (added, removed, another view): held text would land in the wrong cells."""
        if self.held:
            self.held.clear()
            self.sig_held_changed.emit()

    def held_reasons(self) -> list[str]:
        return [entry.reason for _cell, entry in sorted(self.held.items())]

    def data_held(self, index: Index, role: int) -> Any:
        """What a held cell shows for ``role``, or None when the cell holds nothing (or the role is not one)."""
        entry = self.held.get((index.row(), index.column()))
        if entry is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.AccessibleTextRole):
            return entry.typed
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(theme.FIELD_ERROR)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return f"Not saved: {entry.reason}"
        if role == Qt.ItemDataRole.FontRole:
            return None
        return None


class RecordTableModel(ColumnModel):
    sig_error = Signal(str)
    sig_accepted = Signal()

    def __init__(self, session: DocumentSession, list_field: str, noun: str, columns: list[Column]) -> None:
        super().__init__()
        self.session = session
        self.list_field = list_field
        self.noun = noun
        self.columns = columns
        self._records = list(getattr(session.document, list_field))
        session.sig_document_changed.connect(self.refresh)
        self.modelReset.connect(self.release_all)

    def refresh(self) -> None:
        records = list(getattr(self.session.document, self.list_field))
        if len(records) != len(self._records):
            self.beginResetModel()
            self._records = records
            self.endResetModel()
            return
        self._records = records
        if records:
            self.dataChanged.emit(self.index(0, 0), self.index(len(records) - 1, len(self.columns) - 1))

    def set_columns(self, columns: list[Column]) -> None:
        self.beginResetModel()
        self.columns = columns
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            header = self.columns[section].header
            return two_lines(header) if role == Qt.ItemDataRole.DisplayRole else header
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].parse is not None:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def record(self, row: int) -> Any:
        return self._records[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._records)):
            return None
        column = self.columns[index.column()]
        record = self._records[index.row()]
        if self.held and (held := self.data_held(index, role)) is not None:
            return held
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.show(record)
        if role == Qt.ItemDataRole.EditRole:
            return column.edit_value(record) if column.edit_value else column.show(record)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = self.columns[index.column()]
        if column.parse is None:
            return False
        row = index.row()
        try:
            changes = column.parse(value, self._records[row])
            self.session.apply(
                lambda d: edits.update_record(d, self.list_field, row, **changes),
                f"Change {self.noun} {column.header.lower()}",
            )
        except (EditError, ValueError) as exc:
            reason = f"{column.header}: {plain_reason(str(exc))}"
            if isinstance(value, str) and value.strip():
                self.hold(index, value, reason)
            self.sig_error.emit(reason)
            return False
        self.release(index)
        self.sig_accepted.emit()
        return True

    def new_record(self) -> Any:
        """A row to add: the choices of the last row, the rest empty (core decides)."""
        return rows.new_record(self.session.document, self.list_field)

    def add(self, record: Any) -> None:
        self.session.apply(lambda d: edits.add_record(d, self.list_field, record), f"Add {self.noun}")

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._records):
            self.remove_rows([row])

    def remove_rows(self, rows: list[int], effects: RemovalEffects | None = None) -> None:
        """Remove the rows, and what goes with them, as one undo step."""
        effects = effects or edits.removal_effects(self.session.document, self.list_field, rows)
        text = f"Remove {self.noun} {effects.names[0]}" if len(rows) == 1 else f"Remove {len(rows)} {self.noun}s"
        self.session.apply(lambda d: edits.remove_records(d, self.list_field, rows), text[:80])

    def paste(self, text: str, at: tuple[int, int] | None) -> PasteResult:
        """Paste a spreadsheet block (core reads it); the good rows go in as one undo step."""
        result = paste_rows(self.session.document, self.session.instruments, self.list_field, text, at)
        count = result.added + result.changed
        if count:
            self.session.apply(lambda _d: result.document, f"Paste {count} {self.noun}{'s' if count != 1 else ''}")
        return result


def two_lines(header: str, longest: int = 10) -> str:
    """A long heading broken at the space nearest its middle ("Ongoing /\none-time"): a heading may then be as
    narrow as its column's values, so more columns fit a small screen with none cut off."""
    if len(header) <= longest or " " not in header:
        return header
    middle = len(header) / 2
    space = min((n for n, character in enumerate(header) if character == " "), key=lambda n: abs(n - middle))
    return f"{header[:space]}\n{header[space + 1 :]}"


def plain_tooltip(text: str) -> str:
    """A tooltip that shows user text as it is: Qt would read text that looks like markup as rich text."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>" if text else ""


class ColumnDelegate(QStyledItemDelegate):
    """Drop-downs for choice columns, a plain line edit for everything else; a cell whose text is cut short
    shows all of it in its tooltip."""

    def __init__(self, model: ColumnModel, view: QWidget) -> None:
        super().__init__(view)
        self._model = model
        self._view = view

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = self._model.columns[index.column()]
        if column.choices is not None:
            combo = QComboBox(parent)
            combo.setAccessibleName(column.header)
            for label, value in column.choices():
                combo.addItem(label, value)
            return combo
        editor = TextLine(parent)
        editor.setAccessibleName(column.header)
        return editor

    def tooltip_text(self, option: QStyleOptionViewItem, index: Index) -> str:
        """The cell's whole text when the cell is too narrow for it, then the column's hint, if any."""
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        hint = str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        widget = shown.widget or self._view
        style = widget.style()
        room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, shown, widget).width()
        # The style draws the text inside these margins on both sides.
        margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1)
        lines = int(getattr(self._view, "row_lines", 1))
        cut = shown.fontMetrics.horizontalAdvance(text) > lines * (room - margin)
        return "\n".join(part for part in (text if cut else "", hint) if part)

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem, index: Index) -> bool:
        if event is None or event.type() != QEvent.Type.ToolTip or not index.isValid():
            return super().helpEvent(event, view, option, index)
        text = self.tooltip_text(option, index)
        if text:
            QToolTip.showText(event.globalPos(), plain_tooltip(text), view)
        else:
            QToolTip.hideText()
        return True

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        """A drop-down is never narrower than its longest choice ("Yea" for "Year 2" in a narrow column)."""
        super().updateEditorGeometry(editor, option, index)
        if isinstance(editor, QComboBox):
            editor.setMinimumWidth(editor.sizeHint().width())
            editor.resize(max(editor.width(), editor.sizeHint().width()), editor.height())

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            position = editor.findData(value)
            editor.setCurrentIndex(max(position, 0))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
