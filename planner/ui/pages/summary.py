"""The summary section: scores by capacity, the chart, and the coach's review."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
)

from planner.core.assessment.scoring import format_score
from planner.core.model import review
from planner.core.model.document import (
    NAME_MAX,
    TEXT_MAX,
    ReviewStatus,
)
from planner.core.storage.upgrade import retired_line
from planner.report.charts import capacity_chart
from planner.ui import theme
from planner.ui.fields import LimitedTextEdit, TextLine
from planner.ui.pages.common import (
    ChartView,
    SectionPage,
    heading,
    plain_label,
    scrolling_body,
    set_enabled,
    set_shown,
    subheading,
)
from planner.ui.session import DocumentSession

CHART_MIN_WIDTH = 300


class SummaryPage(SectionPage):
    def __init__(self, session: DocumentSession) -> None:
        super().__init__(session)
        outer = QVBoxLayout(self)
        outer.addWidget(heading("Summary"))
        _area, body = scrolling_body(outer)
        top = QHBoxLayout()
        self.chart = ChartView("Capacity chart")
        # 468 × 342 where there is room; narrower (and as much shorter) beside the scores on a 1024-pixel screen,
        # which otherwise pushed the page's text past its right edge.
        self.chart.setMinimumSize(CHART_MIN_WIDTH, CHART_MIN_WIDTH * 342 // 468)
        self.chart.setMaximumSize(468, 342)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.chart.setSizePolicy(policy)
        top.addWidget(self.chart, 0, Qt.AlignmentFlag.AlignTop)
        scores_column = QVBoxLayout()
        scores_column.addWidget(subheading("Capacity scores"))
        # One title and one result line per capacity, so an edit re-measures only the line that changed.
        self.domain_scores: dict[str, QLabel] = {}
        for instrument in session.instruments:
            self.domain_scores[instrument.id] = self._score_row(scores_column, instrument.title)
        scores_column.addSpacing(8)
        self.overall_score = self._score_row(scores_column, "Overall readiness")
        scores_column.addStretch()
        top.addLayout(scores_column, 1)
        body.addLayout(top)
        self.priorities = plain_label(role="priorities")
        self.warnings = plain_label(role="summaryWarnings")
        self.warnings.setStyleSheet(theme.color(theme.WARNING))
        self.decisions = plain_label(role="decisions")
        for title, label in (
            ("Top priorities", self.priorities),
            ("Warnings", self.warnings),
            ("Decisions requested", self.decisions),
        ):
            label.setAccessibleName(title)
            body.addSpacing(10)
            body.addWidget(subheading(title))
            body.addWidget(label)
        self.review_box = self._review_box()
        body.addWidget(self.review_box)
        # After an instrument upgrade: the ratings of retired criteria, kept as history (also in the PDF appendix).
        self.retired_title = subheading("Ratings of retired criteria")
        self.retired = plain_label(role="retiredCriteria")
        self.retired.setAccessibleName("Ratings of retired criteria")
        self.retired.setStyleSheet(theme.MUTED)
        body.addSpacing(10)
        body.addWidget(self.retired_title)
        body.addWidget(self.retired)
        body.addStretch()
        self.refresh()

    @staticmethod
    def _score_row(column: QVBoxLayout, title: str) -> QLabel:
        name = plain_label(title, wrap=False)
        name.setStyleSheet(theme.SMALL_TITLE)
        result = plain_label(wrap=False, role="scoreResult")
        result.setAccessibleName(f"{title} score")
        column.addWidget(name)
        column.addWidget(result)
        return result

    def _review_box(self) -> QGroupBox:
        box = QGroupBox("Coach review")
        # Read-only fields look it, so the lead does not try to type into the coach's review.
        box.setStyleSheet(theme.READ_ONLY_BOXES)
        form = QFormLayout(box)
        self.reviewer = TextLine()
        self.reviewer.setMaxLength(NAME_MAX)
        self.reviewer.setAccessibleName("Reviewer")
        self.review_status = QComboBox()
        self.review_status.setAccessibleName("Review status")
        for status in ReviewStatus:
            self.review_status.addItem(status.label, status.value)
        self.review_notes = LimitedTextEdit(TEXT_MAX)
        self.review_notes.setAccessibleName("Coach's overall notes")
        self.review_notes.setFixedHeight(60)
        self.review_hint = plain_label(
            "The coach fills this in. To review as the coach, turn on View > Coach review mode.", role="reviewHint"
        )
        self.review_hint.setStyleSheet(theme.MUTED)
        form.addRow(self.review_hint)
        form.addRow("Re&viewer", self.reviewer)
        form.addRow("S&tatus", self.review_status)
        form.addRow("&Overall notes", self.review_notes)  # Alt+N is Next
        self.reviewer.textEdited.connect(lambda text: self._set_review("reviewer", text))
        self.review_status.activated.connect(
            lambda _i: self._set_review("status", ReviewStatus(self.review_status.currentData()), merge=False)
        )
        self.review_notes.textChanged.connect(
            lambda: self._set_review("overall_notes", self.review_notes.toPlainText())
        )
        return box

    def _set_review(self, field: str, value: Any, merge: bool = True) -> None:
        if getattr(self.session.document.review, field) == value:
            return
        self.try_edit(
            lambda d: review.set_review(d, **{field: value}),
            f"Edit review {field.replace('_', ' ')}",
            merge_key=f"review.{field}" if merge else None,
        )

    def _refresh_role(self) -> None:
        """The review is the coach's: editable in coach review mode, read-only for the lead, absent from a form."""
        coach = self.session.coach_mode
        set_shown(self.review_box, not self.session.form_mode)
        set_shown(self.review_hint, not coach)
        for box in (self.reviewer, self.review_notes):
            if box.isReadOnly() == coach:
                box.setReadOnly(not coach)
                box.style().unpolish(box)  # the style sheet picks read-only fields by that property
                box.style().polish(box)
        set_enabled(self.review_status, coach)

    def refresh(self) -> None:
        self._refresh_role()
        current = self.session.document.review
        if self.reviewer.text() != current.reviewer and not self.reviewer.hasFocus():
            self.reviewer.setText(current.reviewer)
        self.review_status.setCurrentIndex(self.review_status.findData(current.status.value))
        if self.review_notes.toPlainText() != current.overall_notes:
            self.review_notes.set_text_quietly(current.overall_notes)
        capacity = self.session.analysis.capacity
        funding = self.session.analysis.funding
        self.chart.show_svg(capacity_chart(capacity.domains))
        for d in capacity.domains:
            band = f" · {d.band.label}" if d.band else ""
            # The target goes on a line of its own: a longer first line widened the column past the chart's side
            # and made every edit re-lay out the whole page.
            target = (
                f"\nTarget {format_score(d.target_score)} on {d.targets_set} of {d.total} criteria"
                if d.target_score is not None
                else ""
            )
            self.domain_scores[d.instrument.id].setText(
                f"{format_score(d.score, 'not rated')}{band} — {d.rated} rated, {d.na} N/A, {d.unrated} unrated{target}"
            )
        overall = capacity.overall
        band = f" · {overall.band.label}" if overall.band else ""
        self.overall_score.setText(
            f"{format_score(overall.score, 'not rated')}{band} — {overall.completeness * 100:.0f}% answered"
        )
        self.priorities.setText(
            "\n".join(
                f"{n}. {p.criterion.criterion.title} (now {format_score(p.criterion.mean)}"
                f"{f' → target {p.criterion.target}' if p.criterion.target is not None else ', no target set'})"
                f" — next: {p.criterion.first_step}"
                for n, p in enumerate(capacity.priorities, 1)
            )
            or "None yet: rate some criteria first."
        )
        warnings = [w for d in capacity.domains for w in d.warnings] + [w.message for w in funding.warnings]
        self.warnings.setText("\n".join(f"• {w}" for w in warnings) or "None.")
        decisions = self.session.document.decisions
        self.decisions.setText(
            "\n".join(f"{n}. {d}" for n, d in enumerate(decisions, 1)) or "None listed yet (Action plan section)."
        )
        retired = self.session.document.retired
        self.retired_title.setVisible(bool(retired))
        self.retired.setVisible(bool(retired))
        self.retired.setText("\n".join(retired_line(entry) for entry in retired))
