"""The guided path through a plan (issue 27): the section list as a checklist, a "Next: <section>" button under
every page, the plan's progress ("Plan 4 of 8 steps ready") beside it, and the "Ready to print?" review that
lists what the plan still lacks, each line a link to its field. What is ready and what is missing is computed
in core (:mod:`planner.core.assessment.readiness`); this module only shows it and moves the focus.

Signals of :class:`ReviewDialog`:
    sig_go(int): the person chose a line (Enter, a double-click or Go to it); the gap's position in the list.
    sig_export(): the person chose to export anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from planner.ui.labels import plain_label

if TYPE_CHECKING:
    from planner.core.assessment.readiness import Gap, Readiness
    from planner.ui.session import DocumentSession

SETTLE_MS = 150  # the checklist follows typing after a pause, so a keystroke never waits for it


def unmarked_name(text: str) -> str:
    """A section's name without its checklist mark."""
    return text.split("  ", 1)[1] if text[:1] in "○◐✓" and "  " in text else text


class ReviewDialog(QDialog):
    """ "Ready to print?": the progress figure and one line per gap; choosing a line goes to its field."""

    sig_go = Signal(int)
    sig_export = Signal()

    def __init__(self, result: Readiness, parent: QWidget | None, before_export: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ready to print?")
        self.resize(720, 460)
        layout = QVBoxLayout(self)
        if result.gaps:
            intro = f"{result.summary()}. The plan still lacks what is listed here; choose a line to go to it."
        else:
            intro = f"{result.summary()}. Nothing is missing: the plan is ready to print."
        self.intro = plain_label(intro)
        layout.addWidget(self.intro)
        self.list = QListWidget()
        self.list.setAccessibleName("What the plan still lacks")
        self.list.setWordWrap(True)
        for gap in result.gaps:
            item = QListWidgetItem(gap.text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, gap.text)
            self.list.addItem(item)
        if result.gaps:
            self.list.setCurrentRow(0)
        self.list.setVisible(bool(result.gaps))
        self.list.itemActivated.connect(lambda _item: self._go())
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox()
        self.go_button = buttons.addButton("&Go to it", QDialogButtonBox.ButtonRole.AcceptRole)
        self.go_button.setVisible(bool(result.gaps))
        self.go_button.clicked.connect(self._go)
        self.export_button: QPushButton | None = None
        if before_export:
            label = "&Export anyway" if result.gaps else "&Export"
            self.export_button = buttons.addButton(label, QDialogButtonBox.ButtonRole.ActionRole)
            self.export_button.clicked.connect(self._export)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        (self.list if result.gaps else (self.export_button or close)).setFocus()

    def _go(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.accept()
            self.sig_go.emit(row)

    def _export(self) -> None:
        self.accept()
        self.sig_export.emit()


class GuidedPath(QObject):
    """The Next button, the progress figure and the review, under the window's pages; the checklist marks."""

    def __init__(
        self,
        window: QWidget,
        nav: QListWidget,
        pages: QStackedWidget,
        page_at: Callable[[int], QWidget],
        session: Callable[[], DocumentSession | None],
    ) -> None:
        super().__init__(window)
        self._window, self._nav, self._pages, self._page_at, self._session = window, nav, pages, page_at, session
        self._result: Readiness | None = None
        self.review: ReviewDialog | None = None
        self.export: Callable[[], object] = lambda: None  # the window's export, set by the window
        self.bar = QWidget()
        self.bar.setObjectName("guideBar")
        bar = QHBoxLayout(self.bar)
        bar.setContentsMargins(12, 6, 12, 6)
        self.progress = plain_label(wrap=False, role="planProgress")
        self.progress.setAccessibleName("Plan progress")
        self.review_button = QPushButton("Ready to print?")
        self.review_button.setAccessibleName("Ready to print? Review what the plan still lacks")
        self.review_button.clicked.connect(lambda: self.show_review(before_export=False))
        self.next_button = QPushButton("Next")
        # Alt+N moves on at once from anywhere in the window (a button's own shortcut clicks after a delay).
        self.next_shortcut = QShortcut(QKeySequence("Alt+N"), window, self.go_next)
        self.next_button.setToolTip("Go to the next section (Alt+N)")
        self.next_button.clicked.connect(self.go_next)
        bar.addWidget(self.progress)
        bar.addStretch()
        bar.addWidget(self.review_button)
        bar.addWidget(self.next_button)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.refresh)
        nav.currentRowChanged.connect(lambda _row: self._update_next())

    def place_under(self, layout: QHBoxLayout, export: Callable[[], object]) -> None:
        """Put the pages and the bar under them where the pages were in the window's layout; ``export`` is the
        window's export, which the review's Export button and a ready plan's Export go on to."""
        self.export = export
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        layout.replaceWidget(self._pages, holder)
        column.addWidget(self._pages, 1)
        column.addWidget(self.bar)

    # ----- state -----
    def result(self) -> Readiness | None:
        """The plan's readiness now (computed at once if an edit is waiting to be counted)."""
        if self._settle.isActive():
            self._settle.stop()
            self.refresh()
        return self._result

    def schedule(self) -> None:
        self._settle.start()

    @Slot()
    def refresh(self) -> None:
        session = self._session()
        self.bar.setVisible(session is not None)
        if session is None:  # the start page: nothing to count, and the document models stay unloaded
            self._result = None
            return
        from planner.core.assessment.readiness import readiness

        self._result = readiness(session.document, session.instruments)
        summary = self._result.summary()
        if self.progress.text() != summary:
            self.progress.setText(summary)
        self._mark_sections()
        self._update_next()

    def checklist_names(self, names: list[str]) -> list[tuple[str, str]]:
        """Each section's name with its mark, and what a screen reader says: (shown, spoken)."""
        result = self._result
        if result is None or len(result.steps) != len(names):
            return [(name, name) for name in names]
        return [
            (f"{step.state.mark}  {name}", f"{name}, {step.state.value}")
            for name, step in zip(names, result.steps, strict=True)
        ]

    def _mark_sections(self) -> None:
        result = self._result
        if result is None or len(result.steps) != self._nav.count():
            return
        for row, step in enumerate(result.steps):
            item = self._nav.item(row)
            if item is None:
                continue
            name = unmarked_name(item.text())
            shown, spoken = f"{step.state.mark}  {name}", f"{name}, {step.state.value}"
            if item.text() != shown:
                item.setText(shown)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)
                item.setToolTip(spoken)

    # ----- moving on -----
    def _next_row(self) -> int | None:
        row = self._nav.currentRow()
        for following in range(row + 1, self._nav.count()):
            item = self._nav.item(following)
            if item is not None and not item.isHidden():
                return following
        return None

    def _update_next(self) -> None:
        following = self._next_row()
        if following is None:
            text = "Next: Ready to print?"
        else:
            item = self._nav.item(following)
            name = item.text() if item is not None else ""
            text = "Next: " + unmarked_name(name).split("  ")[0]
        if self.next_button.text() != text:
            self.next_button.setText(text)
            self.next_button.setAccessibleName(text)

    @Slot()
    def go_next(self) -> None:
        following = self._next_row()
        if following is None:
            self.show_review(before_export=True)
            return
        self._nav.setCurrentRow(following)
        self._focus_first(self._page_at(following))

    def _focus_first(self, page: QWidget) -> None:
        """The keyboard goes to the new page's first control, so Tab carries on from there."""
        widget = page.nextInFocusChain()
        while widget is not None and widget is not page:
            if page.isAncestorOf(widget) and widget.isVisible() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
            widget = widget.nextInFocusChain()

    # ----- the review -----
    def show_review(self, before_export: bool) -> ReviewDialog | None:
        result = self.result()
        if result is None:
            return None
        self.review = ReviewDialog(result, self._window, before_export)
        gaps = result.gaps
        self.review.sig_go.connect(lambda row: self.go_to(gaps[row]))
        self.review.sig_export.connect(lambda: self.export())
        self.review.open()
        return self.review

    def before_export(self) -> None:
        """Export asks "Ready to print?" first while the plan lacks something; a ready plan goes straight on."""
        result = self.result()
        if result is not None and result.gaps:
            self.show_review(before_export=True)
        else:
            self.export()

    def go_to(self, gap: Gap) -> None:
        """Show the gap's section and put the keyboard on its field."""
        from planner.ui.guide_targets import focus_target

        result = self._result
        if result is None:
            return
        row = next((n for n, step in enumerate(result.steps) if step.section == gap.section), 0)
        self._window.activateWindow()  # back from the review: the keyboard belongs to the window again
        self._nav.setCurrentRow(row)
        focus_target(self._page_at(row), gap.target)
