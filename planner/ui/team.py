"""Windows and dialogs for teams and coaches: handing out respondent forms, comparing with a baseline, and the
coach's portfolio of consortia. They show what core computes (merge results, comparisons, portfolio rows)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QListWidgetItem,
    QMessageBox,
    QWidget,
)

from planner.core.assessment.compare import Comparison, ScoreChange, format_change
from planner.core.assessment.portfolio import PortfolioRow, portfolio_csv, portfolio_summary, scan_portfolio
from planner.core.assessment.scoring import format_score
from planner.core.assessment.team import MergeResult, Refusal, RefusalKind, words_and
from planner.core.model.document import MAX_HORIZON_YEARS, Sector
from planner.core.model.errors import PlannerFileError
from planner.core.model.money import format_dollars
from planner.core.model.rubric import Instrument
from planner.core.storage.storage import atomic_write
from planner.ui import theme
from planner.ui.generated.ui_compare_dialog import Ui_CompareDialog
from planner.ui.generated.ui_portfolio_window import Ui_PortfolioWindow
from planner.ui.generated.ui_respondent_form_dialog import Ui_RespondentFormDialog
from planner.ui.pages.common import read_only_item
from planner.ui.screen_fit import available_geometry, place_window

AnyIndex = QModelIndex | QPersistentModelIndex


def plain_refusal(refusal: Refusal, plan_needs_upgrade: bool) -> str:
    """Why a returned form was not merged, in the desktop app's words: its menus, never a command line."""
    source = refusal.source
    if refusal.kind is RefusalKind.UNREADABLE:
        return (
            f"{source} could not be read: it is damaged or is not a file saved by the planner. Ask for the form "
            "to be saved again and sent once more."
        )
    if refusal.kind is RefusalKind.INTO_FORM:
        return "This window holds a respondent form. Open the consortium's plan and merge the returned forms into it."
    if refusal.kind is RefusalKind.NOT_A_FORM:
        return (
            f"{source} is a whole plan, not a respondent form. Only forms made with File > Hand out a respondent "
            "form can be merged."
        )
    if refusal.kind is RefusalKind.OTHER_INSTRUMENTS:
        if plan_needs_upgrade:
            return (
                f"{source} was rated on newer versions of the questions than this plan. Upgrade this plan "
                "(File > Upgrade to the current instruments), then merge the form again."
            )
        return (
            f"{source} was rated on another version of the questions than this plan. Open it in the planner, "
            "accept the upgrade it offers and save it, then merge it again."
        )
    return f"{source} {refusal.reason}."


def merge_summary(result: MergeResult, plan_needs_upgrade: bool = False) -> str:
    """What a merge did, what it left out and why, for the message after File > Merge returned forms."""
    paragraphs: list[str] = []
    if result.added:
        count = len(result.added)
        paragraphs.append(f"Added the ratings of {words_and(result.added)} ({count} form{'s' if count != 1 else ''}).")
    paragraphs += [f"Replaced the ratings of {c.current} with those in {c.source}." for c in result.replaced]
    paragraphs += [f"{work.line()}." for work in result.ignored]
    problems = [
        f"{c.current} is already in this plan, so {c.source} was left out; merge it again and answer Yes to "
        "replace their ratings."
        for c in result.conflicts
    ]
    problems += [plain_refusal(refusal, plan_needs_upgrade) for refusal in result.refused]
    if problems:
        paragraphs.append("Not merged:\n" + "\n".join(f"• {line}" for line in problems))
    return "\n\n".join(paragraphs) if paragraphs else "Nothing to merge."


class RespondentFormDialog(QDialog):
    """Asks who the respondent form is for (layout in forms/respondent_form_dialog.ui)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_RespondentFormDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        self.name, self.sector, self.buttons = self.ui.name, self.ui.sector, self.ui.buttons
        for sector in Sector:
            self.sector.addItem(sector.label, sector.value)
        self.name.textChanged.connect(self._update_ok)
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name.text().strip()))

    def chosen(self) -> tuple[str, Sector]:
        return self.name.text().strip(), Sector(self.sector.currentData())


class CompareDialog(QDialog):
    """Before and after, per domain and criterion, and the funding gap by year (forms/compare_dialog.ui).

    "Changed only" (on at first) hides the criteria, and the domains, whose score did not move: a follow-up
    usually moves a handful of some thirty criteria, and those are what a coach looks for."""

    def __init__(self, comparison: Comparison, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_CompareDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        self.scores, self.gaps, self.changed_only = self.ui.scores, self.ui.gaps, self.ui.changedOnly
        changed, total = comparison.criteria_changed()
        self.ui.baseline.setText(
            f"Baseline: {comparison.baseline_name}, saved {comparison.baseline_modified}. Scores as shown. "
            + (f"{changed} of {total} criteria changed." if changed else f"None of the {total} criteria changed.")
        )
        # (change, is a total, shown when only changes are)
        rows: list[tuple[ScoreChange, bool, bool]] = [(comparison.overall, True, True)]
        for domain in comparison.domains:
            rows.append((domain.domain, True, domain.changed))
            rows += [(c, False, c.changed) for c in domain.criteria]
        self._shown_when_changed_only = [keep for _change, _total, keep in rows]
        self.scores.setRowCount(len(rows))
        for row, (change, is_total, _keep) in enumerate(rows):
            title = read_only_item(change.title if is_total else "    " + change.title, bold=is_total)
            moved = format_change(change.change, "")
            scores = [format_score(change.before), format_score(change.after), moved]
            cells = [title, *(read_only_item(text, True) for text in scores)]
            cells.append(read_only_item(f"{change.direction.arrow} {change.direction.value}"))
            for column, cell in enumerate(cells):
                self.scores.setItem(row, column, cell)
        self.scores.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.gaps.setRowCount(len(comparison.gaps))
        for row, gap in enumerate(comparison.gaps):
            values = [gap.before, gap.after, gap.change]
            self.gaps.setItem(row, 0, read_only_item(gap.after_label or gap.before_label or f"Year {gap.year}"))
            for column, value in enumerate(values, start=1):
                self.gaps.setItem(row, column, read_only_item("–" if value is None else format_dollars(value), True))
        self.gaps.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.changed_only.toggled.connect(self._show_rows)
        self._show_rows(self.changed_only.isChecked())

    def _show_rows(self, changed_only: bool) -> None:
        for row, keep in enumerate(self._shown_when_changed_only):
            self.scores.setRowHidden(row, changed_only and not keep)

    def visible_titles(self) -> list[str]:
        """The titles of the score rows on screen, as a person reads them (for tests and accessibility checks)."""
        return [
            item.text().strip()
            for row in range(self.scores.rowCount())
            if not self.scores.isRowHidden(row) and (item := self.scores.item(row, 0)) is not None
        ]


class PortfolioModel(QAbstractTableModel):
    """One row per consortium document in the folder; columns follow the instruments and plan years found.

    A file that could not be read shows its reason in the first column (in full in its tooltip)."""

    def __init__(self, domain_titles: list[str], years: int) -> None:
        super().__init__()
        self.rows: list[PortfolioRow] = []
        self.domain_titles = domain_titles
        self.years = years
        self._cells_of: list[list[tuple[str, Any]]] = []  # each row's cells, worked out once as it arrives
        self._headers = self._column_headers()  # Qt asks for the column count hundreds of times a second

    def headers(self) -> list[str]:
        return self._headers

    def _column_headers(self) -> list[str]:
        # Every header names its capacity: a row of columns all called "Band" could not be told apart.
        columns = ["Consortium", "File"]
        for title in self.domain_titles:
            columns += [title, f"{title} band"]
        columns += ["Overall", "Overall band", *(f"Gap year {y}" for y in range(1, self.years + 1))]
        return [*columns, "Total gap", "Complete", "Last modified", "Review"]

    def first_gap_column(self) -> int:
        return 2 + 2 * len(self.domain_titles) + 2

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def _cells(self, row: PortfolioRow) -> list[tuple[str, Any]]:
        """(shown text, sort key) for each column."""
        if row.error:
            return [(f"Could not be read: {row.error}", ""), (row.path.name, row.path.name)] + [("", "")] * (
                self.columnCount() - 2
            )
        cells: list[tuple[str, Any]] = [(row.consortium or "—", row.consortium.lower()), (row.path.name, row.path.name)]
        for index in range(len(self.domain_titles)):
            domain = row.domains[index] if index < len(row.domains) else None
            score = domain.score if domain else None
            band = domain.band if domain else ""
            cells += [(format_score(score), -1 if score is None else score), (band, band)]
        cells += [(format_score(row.overall), -1 if row.overall is None else row.overall)]
        cells += [(row.overall_band, row.overall_band)]
        for year in range(self.years):
            gap = row.gaps[year] if year < len(row.gaps) else None
            cells.append(("" if gap is None else format_dollars(gap), -1 if gap is None else gap))
        done = row.completeness
        cells += [
            (format_dollars(row.total_gap), row.total_gap),
            ("" if done is None else f"{done * 100:.0f}%", -1 if done is None else done),
            (
                row.modified.strftime("%Y-%m-%d %H:%M") if row.modified else "",
                row.modified.isoformat() if row.modified else "",
            ),
            (row.review_status, row.review_status),
        ]
        return cells

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        cells = self._cells_of[index.row()]
        if not 0 <= index.column() < len(cells):
            return None
        text, key = cells[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.path.name} could not be read: {row.error}" if row.error else text
        if role == Qt.ItemDataRole.UserRole:
            return key if isinstance(key, str) else float(key)
        if role == Qt.ItemDataRole.ForegroundRole and row.error:
            return QColor(theme.ERROR)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2 and not isinstance(key, str):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def append(self, rows: list[PortfolioRow]) -> None:
        if not rows:
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
        self.rows.extend(rows)
        self._cells_of.extend(self._cells(row) for row in rows)
        self.endInsertRows()


class PortfolioSortProxy(QSortFilterProxyModel):
    """Sorts on each column's key, keeping the files that could not be read at the bottom in either order."""

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, PortfolioModel)
        left_broken, right_broken = bool(model.rows[left.row()].error), bool(model.rows[right.row()].error)
        if left_broken != right_broken:
            # Descending order lists the "greatest" first: a broken file is then the smallest, else the greatest.
            return right_broken if self.sortOrder() == Qt.SortOrder.AscendingOrder else left_broken
        return super().lessThan(left, right)


class PortfolioWindow(QWidget):
    """All consortia in a folder: sortable, filterable, exportable. Rows arrive in small batches from a timer,
    so the window stays responsive while hundreds of files are read. Team members' respondent forms are listed
    apart, below the table.

    Signals:
        sig_open_plan(Path): the person asked to open this file (Enter or double-click on a row or a form).
    """

    sig_open_plan = Signal(object)

    BATCH = 20
    BATCH_SECONDS = 0.01  # a batch stops after this long: with the repaint that follows, well under 50 ms

    def __init__(self, folder: Path, instruments: list[Instrument], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.folder = folder
        self._rows: Iterator[PortfolioRow] = scan_portfolio(folder, instruments)
        self.form_rows: list[PortfolioRow] = []
        self.model = PortfolioModel([i.short_title for i in instruments], MAX_HORIZON_YEARS)
        self.proxy = PortfolioSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.ui = Ui_PortfolioWindow()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        self.setWindowTitle(f"Portfolio — {folder.name} — Sustainability Planner")
        place_window(self, self.size(), available_geometry(parent))  # 1200 px wide as designed, if the screen has it
        self.filter, self.export_button, self.view, self.status = (
            self.ui.filter,
            self.ui.exportButton,
            self.ui.view,
            self.ui.status,
        )
        self.detail, self.forms = self.ui.detail, self.ui.forms
        self._forms_max_height = self.forms.maximumHeight()
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.export_button.clicked.connect(self.export_dialog)
        self.view.setModel(self.proxy)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.activated.connect(self._on_row_activated)
        self.view.selectionModel().currentRowChanged.connect(lambda _now, _before: self._show_detail())
        self.forms.itemActivated.connect(lambda item: self.sig_open_plan.emit(item.data(Qt.ItemDataRole.UserRole)))
        self._show_forms()
        self._show_detail()
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._read_batch)
        self._timer.start()

    @property
    def loading(self) -> bool:
        return self._timer.isActive()

    def _read_batch(self) -> None:
        batch: list[PortfolioRow] = []
        started = time.perf_counter()
        for row in self._rows:
            if row.is_aside:  # a team member's form or a conflict copy: listed below the table
                self.form_rows.append(row)
            else:
                batch.append(row)
            if len(batch) >= self.BATCH or time.perf_counter() - started > self.BATCH_SECONDS:
                break
        else:
            self._timer.stop()
        first = not self.model.rows
        self.model.append(batch)
        if first and batch:  # fit the columns to their headers and the first rows, once
            self.view.resizeColumnsToContents()
            self.view.setColumnWidth(0, min(self.view.columnWidth(0), 320))
        # Show as many gap-year columns as the longest plan read so far.
        longest = max((len(r.gaps) for r in self.model.rows), default=0)
        first_gap = self.model.first_gap_column()
        for year in range(self.model.years):
            self.view.setColumnHidden(first_gap + year, year >= longest)
        self._show_forms()
        state = "Reading…" if self.loading else "Done."
        self.status.setText(f"{state} {portfolio_summary([*self.model.rows, *self.form_rows])}.")

    def _show_forms(self) -> None:
        shown = {self.forms.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.forms.count())}
        for row in self.form_rows:
            if row.path not in shown:
                item = QListWidgetItem(row.aside_description())
                item.setData(Qt.ItemDataRole.UserRole, row.path)
                item.setToolTip(f"{row.path}\nEnter or double-click opens the form.")
                self.forms.addItem(item)
        for widget in (self.ui.formsLabel, self.forms):
            widget.setVisible(bool(self.form_rows))
        # As tall as its lines (up to the form's maximum), so the table keeps the room.
        rows = max(1, self.forms.count())
        line = max(self.forms.sizeHintForRow(0), self.forms.fontMetrics().height())
        self.forms.setFixedHeight(min(self._forms_max_height, rows * line + 2 * self.forms.frameWidth() + 4))

    def _row_at(self, proxy_index: QModelIndex) -> PortfolioRow | None:
        if not proxy_index.isValid():
            return None
        return self.model.rows[self.proxy.mapToSource(proxy_index).row()]

    def _on_row_activated(self, proxy_index: QModelIndex) -> None:
        row = self._row_at(proxy_index)
        if row is not None:
            self.sig_open_plan.emit(row.path)

    def _show_detail(self) -> None:
        row = self._row_at(self.view.currentIndex())
        if row is None:
            text = "Select a consortium, then press Enter or double-click it to open its plan in the planner."
        elif row.error:
            text = f"{row.path.name} could not be read: {row.error}"
        else:
            text = f"{row.consortium} ({row.path.name}): press Enter or double-click to open the plan."
        self.detail.setText(text)

    def export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export portfolio", str(self.folder / "portfolio.csv"), "CSV (*.csv)"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> bool:
        try:
            atomic_write(path, portfolio_csv(self.model.rows).encode("utf-8"))
        except OSError as exc:
            QMessageBox.warning(self, "Cannot export", f"{path} could not be written: {exc.strerror or exc}.")
            return False
        self.status.setText(f"Exported {len(self.model.rows)} rows to {path.name}.")
        return True


def open_portfolio(folder: Path, instruments: list[Instrument], parent: QWidget) -> PortfolioWindow | None:
    try:
        window = PortfolioWindow(folder, instruments, parent)
    except PlannerFileError as exc:
        QMessageBox.warning(parent, "Cannot open portfolio", exc.message)
        return None
    window.show()
    return window
