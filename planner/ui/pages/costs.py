"""The shared-cost section: cost items, partner commitments, totals by year, gaps and warnings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.core.editing.agreements import new_agreement
from planner.core.model.money import format_dollars
from planner.report.charts import gap_chart
from planner.ui import columns, theme
from planner.ui.commitment_grid import CommitmentGridEditor
from planner.ui.models import RecordTableModel
from planner.ui.pages.common import (
    ChartView,
    SectionPage,
    TableEditor,
    heading,
    plain_label,
    read_only_item,
)
from planner.ui.session import DocumentSession
from planner.ui.splitter import Splitter
from planner.ui.warning_list import WarningList

# Each table keeps at least a few rows in view however the dividers are moved or the screen is short.
TABLE_MIN_HEIGHT = 96
CHART_MIN_WIDTH = 220
AGREEMENTS_HINT = (
    "No agreements yet. Money marked committed for a fiscal year whose budget is not adopted counts as pledged "
    "until an MOU, board resolution or contract covers it: press Add agreement to record one."
)
FUNDING_HEIGHT = 140  # the totals row's first height, when the totals are shorter: room for the chart


class CostsPage(SectionPage):
    def __init__(self, session: DocumentSession) -> None:
        super().__init__(session)
        outer = QVBoxLayout(self)
        outer.addWidget(heading("Shared-cost plan"))
        outer.addWidget(
            plain_label(
                "Committed money pays only the cost item it was committed to, and counts as committed once the "
                "partner's budget for that fiscal year is adopted or an agreement covers the year."
            )
        )
        self.items_model = RecordTableModel(session, "cost_items", "cost item", columns.cost_item_columns(session))
        self.items = TableEditor("Cost items by plan year", self.items_model)
        self.commitments = TableEditor(
            "Commitments",
            RecordTableModel(session, "commitments", "commitment", columns.commitment_columns(session)),
            empty_hint=self._commitments_hint,
        )
        # The commitments two ways: the list (every field of every commitment) and a partner × year grid.
        self.commitment_grid = CommitmentGridEditor(session)
        self.commitment_views = QTabWidget()
        self.commitment_views.setAccessibleName("Commitments views")
        self.commitment_views.setDocumentMode(True)
        self.commitment_views.addTab(self.commitments, "&List")
        self.commitment_views.addTab(self.commitment_grid, "By &partner and year")
        self.agreements = self._agreements_table(session)
        self.commitment_views.addTab(self.agreements, "A&greements")
        # The tab bar's corner holds what belongs to the tab shown: the list's Add and Remove buttons, or the grid's
        # cost-item chooser; the tables below get the row that saves.
        corner = QStackedWidget()
        self.commitments.title_label.hide()  # the tab names the table
        corner.addWidget(self.commitments.top_bar)
        corner.addWidget(self.commitment_grid.chooser)
        corner.addWidget(self.agreements.top_bar)
        self.commitment_views.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        self.commitment_views.currentChanged.connect(corner.setCurrentIndex)
        self.commitment_grid.sig_error.connect(self.sig_error)
        # Tables, totals and warnings share a short screen: dividers between them (mouse or keyboard) let a
        # person give the room to the part in hand, and no part can push another out of sight.
        for view in (self.items.view, self.commitments.view, self.commitment_grid.view, self.agreements.view):
            view.setMinimumHeight(TABLE_MIN_HEIGHT)
        self.splitter = Splitter(Qt.Orientation.Vertical, "Shared-cost plan parts")
        self.splitter.add(self.items, "cost items", 2)
        self.splitter.add(self.commitment_views, "commitments", 3)
        self.totals = QTableWidget(0, 5)
        self.totals.setAccessibleName("Funding by fiscal year")
        self.totals.setHorizontalHeaderLabels(
            ["Fiscal year", "Cost", "Committed", "Gap\n(committed only)", "Still to\ncommit"]
        )
        self.totals.verticalHeader().setVisible(False)
        self.totals.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.totals.setTabKeyNavigation(False)
        self.totals.setWordWrap(False)
        # Every year and the Total row in full, never behind a scroll bar: the table is as big as what it shows.
        self.totals.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.totals.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.totals.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.totals.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.gap_chart = ChartView("Funding gap chart")
        self.gap_chart.setMinimumSize(CHART_MIN_WIDTH, CHART_MIN_WIDTH * 240 // 448)  # the printed chart's proportions
        self.gap_chart.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # The totals keep their size; the chart beside them draws in what is left, and grows with its divider.
        self.funding = QWidget()
        funding = QHBoxLayout(self.funding)
        funding.setContentsMargins(0, 0, 0, 0)
        funding.addWidget(self.totals, 0, Qt.AlignmentFlag.AlignTop)
        funding.addWidget(self.gap_chart, 1)
        self.splitter.add(self.funding, "funding by plan year and its chart")
        self.warnings = WarningList("Funding warnings", theme.WARNING)
        self.splitter.add(self.warnings, "funding warnings", 1)
        outer.addWidget(self.splitter, 1)
        # Until a person moves a divider, the page shares its room out itself (see _share_room).
        self._divided_by_hand = False
        self.splitter.splitterMoved.connect(self._on_divider_moved)
        # Opening or closing the warnings takes room from the bottom of the commitments only: the cost items, the
        # tabs and the buttons above stay where the pointer is (they used to jump as the two tables shared again).
        self.warnings.toggle.toggled.connect(lambda _on: self._share_room(keep_first=True))
        for table in (self.items, self.commitments, self.agreements):
            table.sig_error.connect(self.sig_error)
        self._horizon = session.document.profile.horizon_years
        self.refresh()

    @staticmethod
    def _agreements_table(session: DocumentSession) -> TableEditor:
        """The MOUs, board resolutions and contracts that make money committed before a budget is adopted."""
        table = TableEditor(
            "Agreements",
            RecordTableModel(session, "agreements", "agreement", columns.agreement_columns(session)),
            make_record=lambda: new_agreement(session.document),
            empty_hint=AGREEMENTS_HINT,
        )
        table.title_label.hide()  # the tab names the table
        return table

    def _commitments_hint(self) -> str:
        document = self.session.document
        if not document.partners:
            return "No commitments yet. Add the partners on the Profile page first; then each commitment names one."
        if not document.cost_items:
            return "No commitments yet. Add a cost item above first; then each commitment pays toward one."
        return "No commitments yet. Press Add commitment, or copy rows from a spreadsheet and paste them here (Ctrl+V)."

    def refresh(self) -> None:
        document = self.session.document
        if document.profile.horizon_years != self._horizon:
            self._horizon = document.profile.horizon_years
            self.items_model.set_columns(columns.cost_item_columns(self.session))
            self.commitments.model.set_columns(columns.commitment_columns(self.session))
        funding = self.session.analysis.funding
        rows = [(y.label, y.cost, y.committed, y.gap, y.still_to_commit) for y in funding.years]
        ledger = funding.ledger
        rows.append(("Total", funding.total_cost, funding.total_committed, funding.total_gap, ledger.still_to_commit))
        self.totals.setRowCount(len(rows))
        for row, (label, cost, committed, gap, still) in enumerate(rows):
            total = row == len(rows) - 1
            cells = [read_only_item(label, bold=total)]
            cells += [read_only_item(format_dollars(m), True, bold=total) for m in (cost, committed, gap, still)]
            if gap > 0:
                cells[3].setForeground(QColor(theme.WARNING))
            for column, cell in enumerate(cells):
                self.totals.setItem(row, column, cell)
        self.warnings.set_warnings([w.message for w in funding.warnings])
        self.gap_chart.show_svg(gap_chart(funding.years))
        self._fit_totals()  # the room is shared again when the page is shown, not on each edit: no jumps

    def _on_divider_moved(self, _pos: int, _index: int) -> None:
        self._divided_by_hand = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._share_room()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._share_room()

    def _share_room(self, keep_first: bool = False) -> None:
        """The two tables share what the totals row and the warnings leave; the warnings get up to a fifth of
        the room, less when they are few (the list scrolls, and its divider or its header give it more or none).
        With ``keep_first`` the cost-item table keeps its height and the commitments take the change."""
        splitter = self.splitter
        if self._divided_by_hand or not self.isVisible():
            return
        room = splitter.height() - (splitter.count() - 1) * splitter.handleWidth()
        funding = max(self.funding.minimumSizeHint().height(), FUNDING_HEIGHT)
        warnings = self.warnings.minimumSizeHint().height()
        if self.warnings.list.isVisibleTo(self):
            wanted = self.warnings.toggle.sizeHint().height() + self.warnings.content_height(splitter.width())
            warnings = max(warnings, min(wanted, room // 5))
        tables = max(0, room - funding - warnings)
        first = tables // 2
        if keep_first:
            first = min(splitter.sizes()[0], max(0, tables - self.commitments.minimumSizeHint().height()))
        splitter.setSizes([first, tables - first, funding, warnings])

    def _fit_totals(self) -> None:
        """Size the totals table to its contents: its last column and its Total row always in view."""
        table = self.totals
        table.resizeColumnsToContents()
        table.resizeRowsToContents()
        header = table.horizontalHeader()
        frame = 2 * table.frameWidth()
        height = header.sizeHint().height() + table.verticalHeader().length() + frame
        table.setFixedSize(header.length() + frame, height)
