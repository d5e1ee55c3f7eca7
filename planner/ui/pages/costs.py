"""The shared-cost section: cost items, partner commitments, totals by year, gaps and warnings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
)

from planner.core.money import format_money
from planner.report.charts import gap_chart
from planner.ui import columns
from planner.ui.commitment_grid import CommitmentGridEditor
from planner.ui.models import RecordTableModel
from planner.ui.pages.common import (
    WARNING_COLOR,
    ChartView,
    SectionPage,
    TableEditor,
    heading,
    plain_label,
    read_only_item,
)
from planner.ui.session import DocumentSession


class CostsPage(SectionPage):
    def __init__(self, session: DocumentSession) -> None:
        super().__init__(session)
        outer = QVBoxLayout(self)
        outer.addWidget(heading("Shared-cost plan"))
        outer.addWidget(
            plain_label(
                "Only committed money closes a year's gap; pledged and proposed money shows what could close it."
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
        # The tab bar's corner holds what belongs to the tab shown: the list's Add and Remove buttons, or the grid's
        # cost-item chooser; the tables below get the row that saves.
        corner = QStackedWidget()
        self.commitments.title_label.hide()  # the tab names the table
        corner.addWidget(self.commitments.top_bar)
        corner.addWidget(self.commitment_grid.chooser)
        self.commitment_views.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        self.commitment_views.currentChanged.connect(corner.setCurrentIndex)
        self.commitment_grid.sig_error.connect(self.sig_error)
        outer.addWidget(self.items, 2)
        outer.addWidget(self.commitment_views, 3)
        bottom = QHBoxLayout()
        self.totals = QTableWidget(0, 4)
        self.totals.setAccessibleName("Funding by plan year")
        self.totals.setHorizontalHeaderLabels(["Plan year", "Cost", "Committed", "Gap"])
        self.totals.verticalHeader().setVisible(False)
        self.totals.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.totals.setTabKeyNavigation(False)
        self.totals.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.totals.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.totals.setWordWrap(False)
        self.totals.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.warnings = plain_label(role="fundingWarnings")
        self.warnings.setStyleSheet(f"color: {WARNING_COLOR};")
        left = QVBoxLayout()
        left.addWidget(self.totals)
        left.addWidget(self.warnings)
        left.addStretch()
        bottom.addLayout(left, 3)
        self.gap_chart = ChartView("Funding gap chart")
        self.gap_chart.setFixedSize(373, 200)  # the printed chart's proportions, 448 × 240
        bottom.addWidget(self.gap_chart, 0)
        outer.addLayout(bottom, 2)
        for table in (self.items, self.commitments):
            table.sig_error.connect(self.sig_error)
        self._horizon = session.document.profile.horizon_years
        self.refresh()

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
        rows = [(y.label, y.cost, y.committed, y.gap) for y in funding.years]
        rows.append(("Total", funding.total_cost, funding.total_committed, funding.total_gap))
        self.totals.setRowCount(len(rows))
        for row, (label, cost, committed, gap) in enumerate(rows):
            total = row == len(rows) - 1
            cells = [read_only_item(label, bold=total)]
            cells += [read_only_item(format_money(m), True, bold=total) for m in (cost, committed, gap)]
            if gap > 0:
                cells[3].setForeground(QColor(WARNING_COLOR))
            for column, cell in enumerate(cells):
                self.totals.setItem(row, column, cell)
        self.warnings.setText("\n".join(f"• {w.message}" for w in funding.warnings))
        self.gap_chart.show_svg(gap_chart(funding.years))
