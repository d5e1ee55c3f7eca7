"""The What-if scenarios section: pick assumptions, see the scenario's gap beside the base plan's, and the stress test.

Every change to an assumption is an undoable core edit (:mod:`planner.core.editing.edits`); the tables, the chart
and the
lists show what :mod:`planner.core.funding.scenarios` works out, and nothing here adds up money.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Slot
from PySide6.QtGui import QColor, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.core.editing import edits
from planner.core.funding.costs import FundingSummary, fiscal_year
from planner.core.funding.ledger import PERCENT_BASE
from planner.core.funding.plain_text import signed_dollars, signed_points
from planner.core.funding.scenarios import (
    MOVE_MONEY_LABEL,
    ScenarioResult,
    StressTest,
    describe_assumptions,
    run_scenario,
    stress_test,
)
from planner.core.funding.wording import BASELINES_NOTE, PERCENT_HEADING, STRESS_NOTE
from planner.core.model.document import NAME_MAX, CostCategory, Document, PledgeOutcome, Scenario
from planner.core.model.money import format_dollars
from planner.report.charts import scenario_gap_chart
from planner.ui import theme
from planner.ui.fields import FieldNote, TextLine
from planner.ui.pages.common import (
    ChartView,
    SectionPage,
    heading,
    plain_label,
    read_only_item,
    subheading,
)
from planner.ui.session import DocumentSession
from planner.ui.splitter import Splitter

STAYS = "Stays in the plan"
LABEL_WIDTH = 320
CHART_WIDTH = 460
PARTNER_COLUMN_WIDTH = 200
STRESS_ELIDED_COLUMN = 4  # "Keep-first items it alone funds": takes the room left, its text wrapped


def _table(titles: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(titles))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(titles)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
    table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # Columns are sized once per refresh (resizeColumnsToContents), not by the header on every layout pass: with
    # ResizeToContents, any label that changed anywhere on the page made Qt measure every cell again.
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def _stress_table() -> QTableWidget:
    table = _table(
        ["Rank", "Partner", "Gap grows by", PERCENT_HEADING, "Keep-first items it pays\nthat only it funds"],
        "Stress test",
    )
    # The last column takes what is left and wraps (rows grow to their text); its heading is on two lines and
    # never narrower than them (it read "items it al" at 1024).
    table.setWordWrap(True)
    table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideNone)
    # A row a partner (a few): rows follow their wrapped text as the column's width changes.
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.horizontalHeader().setSectionResizeMode(STRESS_ELIDED_COLUMN, QHeaderView.ResizeMode.Stretch)
    return table


def _put(table: QTableWidget, row: int, column: int, item: QTableWidgetItem) -> None:
    """Set a cell only when what it shows changes: a new item costs a repaint and a relayout of the table."""
    old = table.item(row, column)
    if old is None or old.text() != item.text() or old.foreground() != item.foreground():
        table.setItem(row, column, item)


def _scrolling(content: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    return area


class ScenariosPage(SectionPage):
    """Scenarios beside the base plan, and the stress test.

    The chosen scenario is the page's own state (an index into the document's scenarios), kept in range when an
    undo removes scenarios.
    """

    def __init__(self, session: DocumentSession) -> None:
        super().__init__(session)
        self._index = 0
        self._shown: list[Scenario] = []
        self._partner_key: tuple[Any, ...] = ()
        self._stress: tuple[FundingSummary, StressTest] | None = None
        outer = QVBoxLayout(self)
        outer.addWidget(heading("What-if scenarios"))
        outer.addWidget(
            plain_label(
                "What happens to the gap if a partner withdraws, pledges fall through, proposals are only partly "
                "approved, costs grow or one-time money is not renewed? Committed money pays only its own cost item. "
                "Each scenario is shown beside the baseline it changes: " + BASELINES_NOTE
            )
        )
        picker_row = QHBoxLayout()
        self.picker = QComboBox()
        self.picker.setAccessibleName("Scenario")
        # A long scenario name must not widen the page; the list shows it whole when opened.
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.picker.setMinimumContentsLength(24)
        self.picker.currentIndexChanged.connect(self._on_pick)
        self.add_button = QPushButton("&Add scenario")
        self.add_button.clicked.connect(self._on_add)
        self.remove_button = QPushButton("&Remove scenario")
        self.remove_button.clicked.connect(self._on_remove)
        picker_row.addWidget(plain_label("Scenario:", wrap=False))
        picker_row.addWidget(self.picker, 1)
        picker_row.addWidget(self.add_button)
        picker_row.addWidget(self.remove_button)
        outer.addLayout(picker_row)

        # The assumptions and what they do, each scrolling on its own: a change shows next to
        # where it was made, and the results' changing text never re-lays out the assumptions (which cost most of
        # the time between an edit and the repainted results when they shared one layout).
        self.editor = self._assumptions()
        # Above the results on a narrow page, the assumptions keep their own width rather than stretch across it.
        self.editor.setMaximumWidth(self.editor.sizeHint().width())
        self.assumptions_area = _scrolling(self.editor)
        results_widget = QWidget()
        results = QVBoxLayout(results_widget)
        results.setContentsMargins(0, 0, 8, 0)
        self.results_area = _scrolling(results_widget)
        # Side by side where the page has room for both, one above the other where it has not (a 1024-pixel
        # screen): either way neither is cut off at the side, and the divider gives one more room.
        self.panes = Splitter(Qt.Orientation.Horizontal, "Scenario")
        self.panes.add(self.assumptions_area, "assumptions")
        self.panes.add(self.results_area, "results", 1)
        outer.addWidget(self.panes, 1)
        self.summary = plain_label(role="scenarioAssumptions")
        results.addWidget(self.summary)
        self.gap_table = _table(["Fiscal year", "Baseline gap", "Scenario gap", "Change"], "Gap by fiscal year")
        results.addWidget(self.gap_table)
        self.chart = ChartView("Gap by fiscal year, baseline and scenario")
        self.chart.setFixedSize(CHART_WIDTH, CHART_WIDTH * 300 // 560)  # the chart's own proportions
        results.addWidget(self.chart)
        self.lost = plain_label(role="loseFundingFirst")
        self.shares = plain_label(role="shareChanges")
        self.notes = plain_label(role="scenarioNotes")
        self.notes.setStyleSheet(theme.color(theme.WARNING))
        for label in (self.lost, self.shares, self.notes):
            results.addWidget(label)

        results.addWidget(subheading("Stress test (committed only): if one partner withdraws"))
        results.addWidget(plain_label(STRESS_NOTE))
        self.stress_table = _stress_table()
        results.addWidget(self.stress_table)
        results.addStretch()
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange_panes()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._arrange_panes()

    def _arrange_panes(self) -> None:
        """Each pane at least as wide as its content (never cut at the side), side by side if both fit."""
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        needs = []
        for area in (self.assumptions_area, self.results_area):
            content = area.widget()
            assert content is not None
            width = content.minimumSizeHint().width() + scroll_bar + 2 * area.frameWidth()
            area.setMinimumWidth(width)
            needs.append(width)
        side_by_side = sum(needs) + self.panes.handleWidth() <= self.panes.width()
        # The page's own minimum is what one above the other needs: a narrow window is arranged, never widened.
        self.panes.setMinimumWidth(max(needs))
        orientation = Qt.Orientation.Horizontal if side_by_side else Qt.Orientation.Vertical
        if self.panes.orientation() != orientation:
            self.panes.setOrientation(orientation)
            if side_by_side:
                self.panes.setSizes([needs[0], self.panes.width() - needs[0]])
            else:
                half = self.panes.height() // 2
                self.panes.setSizes([half, half])

    # ----- building -----
    def _assumptions(self) -> QGroupBox:
        box = QGroupBox("Assumptions")
        form = QFormLayout(box)
        self.name = TextLine()
        self.name.setAccessibleName("Scenario name")
        self.name.setMaxLength(NAME_MAX)
        self.name.editingFinished.connect(self._on_name)
        self.name_note = FieldNote(self.name)
        form.addRow("Na&me:", self.name)  # Alt+N is Next (planner.ui.guide)
        form.addRow("", self.name_note)
        self.pledges = QComboBox()
        self.pledges.setAccessibleName("Pledged money")
        for outcome in PledgeOutcome:
            self.pledges.addItem(outcome.label, outcome.value)
        self.pledges.currentIndexChanged.connect(self._on_pledges)
        form.addRow("&Pledges:", self.pledges)
        approval = QHBoxLayout()
        self.approve = QCheckBox("Proposals are approved at")
        self.approve.toggled.connect(self._on_approval)
        self.approve_rate = QDoubleSpinBox()
        self.approve_rate.setAccessibleName("Share of each proposal approved")
        self.approve_rate.setRange(0, 100)
        self.approve_rate.setDecimals(2)
        self.approve_rate.setSuffix(" %")
        self.approve_rate.setKeyboardTracking(False)
        self.approve_rate.valueChanged.connect(self._on_approval)
        approval.addWidget(self.approve)
        approval.addWidget(self.approve_rate)
        approval.addStretch()
        form.addRow("Proposals:", approval)
        self.growth = QDoubleSpinBox()
        self.growth.setAccessibleName("Cost growth a year")
        self.growth.setRange(0, 100)
        self.growth.setDecimals(2)
        self.growth.setSuffix(" % a year")
        self.growth.setKeyboardTracking(False)
        self.growth.setMaximumWidth(160)
        self.growth.valueChanged.connect(self._on_growth)
        form.addRow("Costs &grow:", self.growth)
        categories = QVBoxLayout()
        categories.setSpacing(2)
        self.categories: dict[CostCategory, QCheckBox] = {}
        for category in CostCategory:
            check = QCheckBox(category.label)
            check.toggled.connect(self._on_categories)
            self.categories[category] = check
            categories.addWidget(check)
        growing = QGroupBox("Costs that grow (none ticked: every cost)")
        growing.setLayout(categories)
        form.addRow(growing)
        self.no_renewal = QCheckBox("One-time money is not renewed")
        self.no_renewal.toggled.connect(lambda on: self._set("one_time_renewed", not on, "One-time money"))
        form.addRow("", self.no_renewal)
        form.addRow("", self._move_money_check())
        self.in_print = QCheckBox("Print in the plan's Risks section")
        self.in_print.toggled.connect(lambda on: self._set("in_printed_plan", on, "Print scenario"))
        form.addRow("", self.in_print)
        self.withdrawals_box = QGroupBox("Partners who withdraw")
        self.withdrawals_layout = QVBoxLayout(self.withdrawals_box)
        self.withdrawals: dict[str, QComboBox] = {}
        form.addRow(self.withdrawals_box)
        return box

    def _move_money_check(self) -> QCheckBox:
        self.move_money = QCheckBox("Move committed money to keep-first items")
        self.move_money.setToolTip(
            f"{MOVE_MONEY_LABEL}: an assumption, not the plan's rule (committed money pays only its own cost item)."
        )
        self.move_money.toggled.connect(lambda on: self._set("move_committed_money", on, "Move committed money"))
        return self.move_money

    def _rebuild_withdrawals(self, document: Document) -> None:
        horizon = document.profile.horizon_years
        key = (horizon, document.profile.grant_end, tuple((p.id, p.name) for p in document.partners))
        if key == self._partner_key:
            return
        self._partner_key = key
        while (item := self.withdrawals_layout.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.withdrawals = {}
        for partner in document.partners:
            combo = QComboBox()
            combo.setAccessibleName(f"{partner.name}: withdraws")
            combo.addItem(STAYS, None)
            for year in range(1, horizon + 1):
                fiscal = fiscal_year(document, year)
                combo.addItem(
                    f"Withdraws from {fiscal} (year {year})" if fiscal else f"Withdraws from year {year}", year
                )
            combo.currentIndexChanged.connect(lambda _i, pid=partner.id, c=combo: self._on_withdrawal(pid, c))
            # One line, elided: a word-wrapped label makes every layout pass on the page measure its text again,
            # which was most of the time between an edit and the repainted results.
            label = plain_label(wrap=False)
            label.setText(label.fontMetrics().elidedText(partner.name, Qt.TextElideMode.ElideRight, LABEL_WIDTH))
            label.setToolTip(partner.name)
            label.setBuddy(combo)
            self.withdrawals_layout.addWidget(label)
            self.withdrawals_layout.addWidget(combo)
            self.withdrawals[partner.id] = combo

    # ----- edits -----
    @property
    def scenario(self) -> Scenario | None:
        scenarios = self.session.document.scenarios
        return scenarios[self._index] if 0 <= self._index < len(scenarios) else None

    def _set(self, field: str, value: Any, text: str, merge: str | None = None) -> None:
        if self.scenario is None:
            return
        index = self._index
        self.try_edit(
            lambda d: edits.update_scenario(d, index, **{field: value}),
            text,
            merge_key=f"scenario-{index}-{merge}" if merge else None,
        )

    @Slot()
    def _on_add(self) -> None:
        taken = {s.name.casefold() for s in self.session.document.scenarios}
        number = len(taken) + 1
        while f"scenario {number}" in taken:
            number += 1
        if self.try_edit(lambda d: edits.add_scenario(d, f"Scenario {number}"), "Add scenario"):
            self.name.setFocus()
            self.name.selectAll()

    @Slot()
    def _on_remove(self) -> None:
        if self.scenario is not None:
            index = self._index
            self.try_edit(lambda d: edits.remove_scenario(d, index), "Remove scenario")

    @Slot(int)
    def _on_pick(self, index: int) -> None:
        if index >= 0 and index != self._index:
            self._index = index
            self.name_note.clear_problem()  # a refused name belongs to the scenario it was typed for
            self.refresh()

    @Slot()
    def _on_name(self) -> None:
        scenario = self.scenario
        if scenario is None or self.name.text().strip() == scenario.name:
            return
        index, name = self._index, self.name.text()
        self.try_edit(
            lambda d: edits.update_scenario(d, index, name=name), "Rename scenario", note=self.name_note, label="Name"
        )

    @Slot(int)
    def _on_pledges(self, _index: int) -> None:
        self._set("pledges", PledgeOutcome(self.pledges.currentData()), "Pledges")

    @Slot()
    def _on_approval(self) -> None:
        self.approve_rate.setEnabled(self.approve.isChecked())
        # The spin box holds two decimals; formatting it that way gives the exact Decimal a person typed.
        rate = Decimal(f"{self.approve_rate.value():.2f}") if self.approve.isChecked() else None
        self._set("proposals_approved_percent", rate, "Approval rate", merge="approval")

    @Slot()
    def _on_growth(self) -> None:
        self._set("cost_growth_percent", Decimal(f"{self.growth.value():.2f}"), "Cost growth", merge="growth")

    @Slot()
    def _on_categories(self) -> None:
        chosen = [c for c, check in self.categories.items() if check.isChecked()]
        self._set("cost_growth_categories", chosen, "Categories that grow")

    def _on_withdrawal(self, partner_id: str, combo: QComboBox) -> None:
        if self.scenario is None:
            return
        index, year = self._index, combo.currentData()
        self.try_edit(lambda d: edits.set_withdrawal(d, index, partner_id, year), "Partner withdraws")

    # ----- showing -----
    def _follow_change(self, scenarios: list[Scenario]) -> None:
        """Show the scenario an edit, undo or redo just changed, added or removed (next to where it was)."""
        before, self._shown = self._shown, list(scenarios)
        if before and before != scenarios:
            changed = next(
                (n for n, (old, new) in enumerate(zip(before, scenarios, strict=False)) if old != new),
                min(len(before), len(scenarios)),
            )
            self._index = changed if len(scenarios) >= len(before) else changed - 1
        self._index = max(0, min(self._index, len(scenarios) - 1))

    def refresh(self) -> None:
        document = self.session.document
        scenarios = document.scenarios
        self._follow_change(scenarios)
        with QSignalBlocker(self.picker):
            names = [s.name for s in scenarios]
            if [self.picker.itemText(i) for i in range(self.picker.count())] != names:
                self.picker.clear()
                self.picker.addItems(names)
            self.picker.setCurrentIndex(self._index if scenarios else -1)
        self._rebuild_withdrawals(document)
        scenario = self.scenario
        self.editor.setEnabled(scenario is not None)
        self.remove_button.setEnabled(scenario is not None)
        self.picker.setEnabled(bool(scenarios))
        if scenario is not None:
            self._show_assumptions(scenario)
        base = self.session.analysis.funding
        result = run_scenario(document, scenario, base) if scenario is not None else None
        self._show_result(document, result)
        self._show_stress(document, base)

    def _show_assumptions(self, scenario: Scenario) -> None:
        widgets: list[QWidget] = [self.name, self.pledges, self.approve, self.approve_rate, self.growth]
        widgets += [self.no_renewal, self.move_money, self.in_print, *self.categories.values()]
        widgets += list(self.withdrawals.values())
        blockers = [QSignalBlocker(w) for w in widgets]
        if not self.name_note.showing:
            self.name.setText(scenario.name)
        self.pledges.setCurrentIndex(self.pledges.findData(scenario.pledges.value))
        self.approve.setChecked(scenario.proposals_approved_percent is not None)
        self.approve_rate.setEnabled(scenario.proposals_approved_percent is not None)
        self.approve_rate.setValue(float(scenario.proposals_approved_percent or 0))
        self.growth.setValue(float(scenario.cost_growth_percent))
        for category, check in self.categories.items():
            check.setChecked(category in scenario.cost_growth_categories)
        self.no_renewal.setChecked(not scenario.one_time_renewed)
        self.move_money.setChecked(scenario.move_committed_money)
        self.in_print.setChecked(scenario.in_printed_plan)
        leaving = {w.partner_id: w.from_year for w in scenario.withdrawals}
        for partner_id, combo in self.withdrawals.items():
            combo.setCurrentIndex(max(0, combo.findData(leaving.get(partner_id))))
        for blocker in blockers:
            blocker.unblock()

    def _show_result(self, document: Document, result: ScenarioResult | None) -> None:
        if result is None:
            self.summary.setText("No scenarios yet. Add one to ask what happens to the gap if something goes wrong.")
            for widget in (self.gap_table, self.chart, self.lost, self.shares, self.notes):
                widget.setVisible(False)
            return
        self.summary.setText("If: " + "; ".join(describe_assumptions(document, result.scenario)))
        rows = [(y.label, y.base.gap, y.scenario.gap, y.gap_change) for y in result.years]
        rows.append(("Total", result.base_total_gap, result.total_gap, result.gap_change))
        self.gap_table.setRowCount(len(rows))
        for row, (label, base_gap, gap, change) in enumerate(rows):
            total = row == len(rows) - 1
            cells = [read_only_item(label, bold=total), read_only_item(format_dollars(base_gap), True, bold=total)]
            cells += [
                read_only_item(format_dollars(gap), True, bold=total),
                read_only_item(signed_dollars(change), True, total),
            ]
            if change > 0:
                cells[3].setForeground(QColor(theme.WARNING))
            for column, cell in enumerate(cells):
                _put(self.gap_table, row, column, cell)
        self.gap_table.resizeColumnsToContents()
        self.chart.show_svg(scenario_gap_chart(result.years, result.scenario.name))
        lost = [
            f"• {f.year_label}: {f.item.name} ({f.priority.label.lower()}), short {format_dollars(f.shortfall)}"
            for f in result.lost
        ]
        self.lost.setText(
            "Lose funding first (each item in the first year its own money falls short):\n" + "\n".join(lost)
            if lost
            else "Every cost item keeps its funding."
        )
        moved = [
            f"• {c.label}: {c.base_fraction * 100:.1f}% to {c.scenario_fraction * 100:.1f}% ({signed_points(c.points)})"
            for c in result.share_changes[:5]
        ]
        self.shares.setText(f"Total shares that move most (% {PERCENT_BASE}):\n" + "\n".join(moved) if moved else "")
        self.notes.setText("\n".join(result.notes))
        for widget in (self.gap_table, self.chart, self.lost):
            widget.setVisible(True)
        self.shares.setVisible(bool(moved))
        self.notes.setVisible(bool(result.notes))

    def _show_stress(self, document: Document, base: FundingSummary) -> None:
        # The stress test reads only the base plan: an edit of a scenario does not change it.
        if self._stress is not None and self._stress[0] is base:
            return
        stress = stress_test(document, base)
        self._stress = (base, stress)
        self.stress_table.setRowCount(len(stress.rows))
        for row, dependence in enumerate(stress.rows):
            kept = ", ".join(f"{f.item.name} ({f.year_label})" for f in dependence.keep_first_newly_lost)
            cells = [
                read_only_item(str(dependence.rank), True),
                read_only_item(dependence.partner.name),
                read_only_item(format_dollars(dependence.gap_increase), True),
                read_only_item(f"{dependence.share_of_cost * 100:.1f}%", True),
                read_only_item(kept or "—"),
            ]
            cells[1].setToolTip(dependence.partner.name)
            if kept:
                cells[4].setForeground(QColor(theme.WARNING))
                cells[4].setToolTip(kept)
            for column, cell in enumerate(cells):
                self.stress_table.setItem(row, column, cell)
        for column in range(STRESS_ELIDED_COLUMN):  # the last column is what the others leave (Stretch)
            self.stress_table.resizeColumnToContents(column)
        self.stress_table.setColumnWidth(1, min(self.stress_table.columnWidth(1), PARTNER_COLUMN_WIDTH))
