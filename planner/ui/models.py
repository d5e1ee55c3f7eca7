"""A table model over one list in the document (partners, cost items, commitments, actions, ...).

Each column says how to show a record and how a typed value becomes a change; the change goes through
the session as an undoable core edit, so the model itself holds no state beyond the session.

Signals:
    sig_error(str): an edit was refused; the message says why in plain words.
    sig_accepted(): an edit typed into a cell was taken into the document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from planner.core import edits
from planner.core.edits import EditError, plain_reason
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


class RecordTableModel(QAbstractTableModel):
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
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].header
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
            self.sig_error.emit(f"{column.header}: {plain_reason(str(exc))}")
            return False
        self.sig_accepted.emit()
        return True

    def add(self, record: Any) -> None:
        self.session.apply(lambda d: edits.add_record(d, self.list_field, record), f"Add {self.noun}")

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._records):
            self.session.apply(lambda d: edits.remove_record(d, self.list_field, row), f"Remove {self.noun}")


class ColumnDelegate(QStyledItemDelegate):
    """Drop-downs for choice columns, a plain line edit for everything else."""

    def __init__(self, model: RecordTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = self._model.columns[index.column()]
        if column.choices is not None:
            combo = QComboBox(parent)
            combo.setAccessibleName(column.header)
            for label, value in column.choices():
                combo.addItem(label, value)
            return combo
        editor = QLineEdit(parent)
        editor.setAccessibleName(column.header)
        return editor

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
