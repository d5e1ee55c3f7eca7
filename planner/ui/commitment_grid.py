"""The shared-cost page's second view of commitments: a partner × plan-year grid (core:
:mod:`planner.core.editing.commitment_grid`), beside the list.

Each line is a partner's run of commitments toward a cost item with one status and source; each year column is the
line's amount that year. Typing an amount into a year changes that year's commitment or makes one with the line's
status and source; clearing it (or Delete) removes it; the line's status and source change every year at once.
Each change is one undo step through the session. The totals rows (committed, and every status) come from core.

Signals (CommitmentGridModel):
    sig_error(str): an edit was refused; the reason in plain words.
    sig_accepted(): an edit typed into a cell was taken into the document.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from planner.core.editing.commitment_grid import GridLine, commitment_grid, set_grid_amount, set_grid_line
from planner.core.editing.edits import EditError, plain_reason
from planner.core.editing.paste import STATUS_CHOICES
from planner.core.funding.years import year_label
from planner.core.model.document import Document
from planner.core.model.money import format_money, parse_money
from planner.ui import theme
from planner.ui.fields import FieldNote
from planner.ui.models import Column, ColumnModel
from planner.ui.pages.common import CellDetail, DocumentView, RecordTableView, follow_held_cells
from planner.ui.session import DocumentSession

Index = QModelIndex | QPersistentModelIndex
TOTAL_ROWS = ("Committed", "All statuses")
GRID_HELP = (
    "Type an amount into a year to change that year's commitment, or to add one with the line's status and "
    "source; clear it (or press Delete) to remove it. A line's status and source change every year at once."
)  # below the lines: only committed money closes a gap


def _nothing(_row: Any) -> str:
    return ""


class CommitmentGridModel(ColumnModel):
    sig_error = Signal(str)
    sig_accepted = Signal()

    def __init__(self, session: DocumentSession) -> None:
        super().__init__()
        self.session = session
        self.cost_item_id: str | None = None
        self.grid = commitment_grid(session.document, None)
        self.columns = self._make_columns()
        self.modelReset.connect(self.release_all)

    # --- shape -----------------------------------------------------------------------------------------------

    def _make_columns(self) -> list[Column]:
        columns = [Column("Partner", _nothing)]
        if self.cost_item_id is None:
            columns.append(Column("Cost item", _nothing))
        columns += [
            Column("Status", _nothing, choices=lambda: STATUS_CHOICES),
            Column("Source", _nothing),
        ]
        document = self.session.document
        columns += [Column(year_label(document, year), _nothing, align_right=True) for year in self.grid.years]
        columns.append(Column("Total", _nothing, align_right=True))
        return columns

    def _first_year_column(self) -> int:
        return len(self.columns) - len(self.grid.years) - 1

    def role_of(self, column: int) -> str:
        header = self.columns[column].header
        first = self._first_year_column()
        if first <= column < first + len(self.grid.years):  # headed by the fiscal year (FY 2027-28)
            return "year"
        return header

    def show_cost_item(self, cost_item_id: str | None) -> None:
        self.cost_item_id = cost_item_id
        self.refresh(force_reset=True)

    def refresh(self, force_reset: bool = False) -> None:
        """Recompute the grid from the document; reset the view only when its shape changed."""
        document = self.session.document
        if self.cost_item_id is not None and self.cost_item_id not in {i.id for i in document.cost_items}:
            self.cost_item_id = None
            force_reset = True
        grid = commitment_grid(document, self.cost_item_id)
        if force_reset or grid.years != self.grid.years or len(grid.lines) != len(self.grid.lines):
            self.beginResetModel()
            self.grid = grid
            self.columns = self._make_columns()
            self.endResetModel()
            return
        self.grid = grid
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or not self.grid.lines:
            return 0
        return len(self.grid.lines) + len(TOTAL_ROWS)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.ToolTipRole and self.role_of(section) == "year":
                return GRID_HELP
            return self.columns[section].header
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1) if section < len(self.grid.lines) else ""
        return None

    def line(self, row: int) -> GridLine | None:
        return self.grid.lines[row] if 0 <= row < len(self.grid.lines) else None

    # --- what a cell shows -----------------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        line = self.line(index.row())
        if line is None:
            return base
        role = self.role_of(index.column())
        if role == "year" and line.cells[index.column() - self._first_year_column()].editable:
            return base | Qt.ItemFlag.ItemIsEditable
        if role in ("Status", "Source") and not line.is_empty:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        line = self.line(index.row())
        if line is None:
            return self._total_data(index, role)
        kind = self.role_of(index.column())
        if self.held and (held := self.data_held(index, role)) is not None:
            return held
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._shown(line, kind, index.column())
        if role == Qt.ItemDataRole.EditRole:
            if kind == "year":
                cell = line.cells[index.column() - self._first_year_column()]
                return f"{cell.amount:.2f}" if cell.commitment_ids else ""
            if kind == "Status":
                return line.key.status
            return self._shown(line, kind, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[index.column()].align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._hint(line, kind, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and line.is_empty and kind != "year":
            return self._muted()
        return None

    def _muted(self) -> QColor:
        return QColor(theme.PLACEHOLDER_TEXT)  # a partner's empty line: nothing promised yet

    def _shown(self, line: GridLine, kind: str, column: int) -> str:
        if kind == "Partner":
            return line.partner
        if kind == "Cost item":
            return line.cost_item
        if kind == "Status":
            return "" if line.is_empty else line.key.status.label
        if kind == "Source":
            return line.key.source
        if kind == "year":
            cell = line.cells[column - self._first_year_column()]
            return format_money(cell.amount) if cell.commitment_ids else ""
        return format_money(line.total) if not line.is_empty else ""

    def _hint(self, line: GridLine, kind: str, column: int) -> str:
        if kind == "year":
            cell = line.cells[column - self._first_year_column()]
            if not cell.editable:
                return f"{len(cell.commitment_ids)} commitments add up to this; change them in the list"
            return ""
        if kind == "Partner" and not line.is_empty:
            key = line.key
            return f"{key.fund.label} · {key.kind.label} · {'In kind' if key.in_kind else 'Cash'}"
        if kind in ("Status", "Source") and line.is_empty:
            return "Type an amount into a year first; the line then has a status and source to change"
        return ""

    def _total_data(self, index: Index, role: int) -> Any:
        which = index.row() - len(self.grid.lines)
        amounts = self.grid.committed if which == 0 else self.grid.totals
        first = self._first_year_column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if index.column() == 0:
                return TOTAL_ROWS[which]
            if first <= index.column() < first + len(amounts):
                return format_money(amounts[index.column() - first])
            if index.column() == len(self.columns) - 1:
                return format_money(self.grid.committed_total if which == 0 else self.grid.total)
            return ""
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[index.column()].align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # --- edits -----------------------------------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        line = self.line(index.row())
        if line is None or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        kind = self.role_of(index.column())
        key = line.key
        try:
            if kind == "year":
                year = self.grid.years[index.column() - self._first_year_column()]
                text = str(value).strip()
                amount: Decimal | None = parse_money(text) if text else None
                what = "Remove commitment" if amount is None else "Set commitment"
                self._apply(lambda d: set_grid_amount(d, key, year, amount), f"{what}: {line.partner}, year {year}")
            elif kind == "Status":
                self._apply(lambda d: set_grid_line(d, key, status=value), f"Change status: {line.partner}")
            elif kind == "Source":
                source = str(value).strip()
                self._apply(lambda d: set_grid_line(d, key, source=source), f"Change source: {line.partner}")
            else:
                return False
        except (EditError, ValueError) as exc:
            reason = f"{self.columns[index.column()].header}: {plain_reason(str(exc))}"
            if isinstance(value, str) and value.strip():
                self.hold(index, value, reason)
            self.sig_error.emit(reason)
            return False
        self.release(index)
        self.sig_accepted.emit()
        return True

    def _apply(self, change: Callable[[Document], Document], text: str) -> None:
        self.session.apply(change, text[:80])


class CommitmentGridEditor(DocumentView):
    """The grid with its cost-item chooser and the note that says why an entry was refused.

    Signals:
        sig_error(str): an edit was refused; the reason in plain words, for the status bar.
    """

    sig_error = Signal(str)

    def __init__(self, session: DocumentSession) -> None:
        super().__init__(session)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        # The chooser sits in the tab bar's corner (see ``chooser``), so the grid keeps the rows of the list.
        self.chooser = QWidget()
        top = QHBoxLayout(self.chooser)
        top.setContentsMargins(0, 0, 0, 2)
        chooser_label = QLabel("&Cost item:")
        self.cost_item_box = QComboBox()
        self.cost_item_box.setAccessibleName("Cost item shown")
        self.cost_item_box.setToolTip("Show every commitment, or one cost item's with a line for every partner")
        self.cost_item_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.cost_item_box.setMinimumContentsLength(28)  # long item names elide; the list shows them whole
        chooser_label.setBuddy(self.cost_item_box)
        top.addWidget(chooser_label)
        top.addWidget(self.cost_item_box)
        self.model = CommitmentGridModel(session)
        self.view = RecordTableView(self.model, "Commitments by partner and year", self._empty_hint)
        self.view.setToolTip(GRID_HELP)
        self.view.setSelectionBehavior(self.view.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(self.view.SelectionMode.SingleSelection)
        layout.addWidget(self.view, 1)
        self.detail = CellDetail(self.view)
        layout.addWidget(self.detail)
        self.note = FieldNote(self.view)
        layout.addWidget(self.note)
        self.model.sig_error.connect(self.sig_error)
        follow_held_cells(self.model, self.note, session)
        self.view.sig_remove_pressed.connect(self._clear_cell)
        self.cost_item_box.currentIndexChanged.connect(self._on_cost_item)
        self._fill_cost_items()

    def _empty_hint(self) -> str:
        document = self.session.document
        if not document.partners or not document.cost_items:
            return "No commitments yet. Each one needs a partner (Profile page) and a cost item (above)."
        return "No commitments yet. Choose a cost item above for a line per partner, then type amounts into the years."

    def _fill_cost_items(self) -> None:
        chosen = self.model.cost_item_id
        self.cost_item_box.blockSignals(True)
        self.cost_item_box.clear()
        self.cost_item_box.addItem("All cost items", None)
        for item in self.session.document.cost_items:
            self.cost_item_box.addItem(item.name, item.id)
        position = self.cost_item_box.findData(chosen) if chosen is not None else 0
        self.cost_item_box.setCurrentIndex(max(position, 0))
        self.cost_item_box.blockSignals(False)

    @Slot(int)
    def _on_cost_item(self, _position: int) -> None:
        self.model.show_cost_item(self.cost_item_box.currentData())

    def refresh(self) -> None:
        names = [(i.id, i.name) for i in self.session.document.cost_items]
        shown = [
            (self.cost_item_box.itemData(n), self.cost_item_box.itemText(n))
            for n in range(1, self.cost_item_box.count())
        ]
        if names != shown:
            self._fill_cost_items()
        self.model.refresh()

    @Slot()
    def _clear_cell(self) -> None:
        """Delete on a year clears it: that year's commitment is removed (one undo step)."""
        index = self.view.currentIndex()
        editable = index.isValid() and bool(self.model.flags(index) & Qt.ItemFlag.ItemIsEditable)
        if editable and self.model.role_of(index.column()) == "year":
            self.model.setData(index, "")
