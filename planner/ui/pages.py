"""The section pages of the main window. Each page shows the session's document and turns what a person
does into core edits through the session; none of them computes a score or a total."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QRectF, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFocusEvent, QPainter, QPaintEvent, QPixmap, QShowEvent
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.core import edits, review
from planner.core.document import (
    DECISION_MAX,
    MAX_DECISIONS,
    NAME_MAX,
    TEXT_MAX,
    UNRATED,
    ActionItem,
    Commitment,
    CostCategory,
    CostItem,
    Document,
    Partner,
    Rating,
    ReviewStatus,
    Sector,
    SteeringMember,
    new_id,
)
from planner.core.edits import EditError, plain_reason
from planner.core.money import format_money, parse_money
from planner.core.profile import profile_context
from planner.core.reference import round_one_consortia
from planner.core.rubric import Instrument
from planner.core.scoring import format_score, respondent_progress
from planner.core.upgrade import retired_line
from planner.report.charts import capacity_chart, gap_chart
from planner.ui import columns
from planner.ui.fields import FieldNote, LimitedTextEdit, limit_message
from planner.ui.models import ColumnDelegate, RecordTableModel
from planner.ui.session import DocumentSession

WARNING_COLOR = "#9a3412"


def read_only_item(text: str, align_right: bool = False, bold: bool = False) -> QTableWidgetItem:
    """A table cell people can select and read but not edit; table items are plain text, never rich text."""
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if bold:
        font = item.font()
        font.setBold(True)
        item.setFont(font)
    return item


def plain_label(text: str = "", wrap: bool = True, role: str = "") -> QLabel:
    """A label that never interprets user text as HTML (DESIGN.md: QLabel renders rich text by default)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if role:
        label.setObjectName(role)
    return label


def heading(text: str) -> QLabel:
    label = plain_label(text, role="pageHeading")
    label.setStyleSheet("font-size: 18pt; font-weight: 600; color: #1b3a5c;")
    return label


def subheading(text: str) -> QLabel:
    label = plain_label(text, wrap=False, role="subHeading")
    label.setStyleSheet("font-size: 12pt; font-weight: 600; color: #1b3a5c;")
    return label


def scrolling_body(outer: QVBoxLayout) -> tuple[QScrollArea, QVBoxLayout]:
    """A scroll area filling the rest of ``outer``, and the layout of the widget it scrolls.

    Besides short screens, this keeps a page's changing text from re-laying out the main window: the
    scroll area absorbs its contents' size changes, which otherwise cost four milliseconds per edit.
    """
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    body = QWidget()
    area.setWidget(body)
    outer.addWidget(area, 1)
    layout = QVBoxLayout(body)
    layout.setContentsMargins(0, 0, 8, 0)  # in line with the page heading; clear of the scroll bar
    return area, layout


# The decisions box holds one decision per line.
DECISIONS_MAX = MAX_DECISIONS * (DECISION_MAX + 1)


class SectionPage(QWidget):
    """A section of the main window that shows the session's document.

    Every edit replaces the document, so every page would rebuild itself on each keystroke; a hidden page only
    notes that it is stale and refreshes when it is next shown.

    Signals:
        sig_error(str): an edit was refused; the reason, for the status bar.
    """

    sig_error = Signal(str)

    def __init__(self, session: DocumentSession) -> None:
        super().__init__()
        self.session = session
        self._stale = False
        session.sig_document_changed.connect(self._on_document_changed)

    @Slot()
    def _on_document_changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)

    # Each page shows the document in its own way; declared here so the handlers above can call it.
    refresh: Callable[[], None]

    def try_edit(
        self,
        change: Callable[[Document], Document],
        text: str,
        merge_key: str | None = None,
        note: FieldNote | None = None,
        label: str = "",
    ) -> bool:
        """Apply a core edit as one undo step.

        A refused edit is said in plain words under its field (``note``, named by ``label`` as the person sees
        it) and through ``sig_error``; the field keeps what was typed. An accepted edit clears the field's note.
        """
        try:
            self.session.apply(change, text, merge_key=merge_key)
        except EditError as exc:
            reason = plain_reason(str(exc))
            message = f"{label}: {reason}" if label else reason
            if note is not None:
                note.show_problem(f"Not saved: {reason}")
            self.sig_error.emit(message)
            return False
        if note is not None:
            note.clear_problem()
        return True


class TableEditor(QWidget):
    """A table over one document list with Add and Remove buttons."""

    sig_error = Signal(str)

    def __init__(self, title: str, model: RecordTableModel, make_record: Callable[[], Any]) -> None:
        super().__init__()
        self.model = model
        self._make_record = make_record
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(plain_label(title, wrap=False, role="tableTitle"))
        top.addStretch()
        self.add_button = QPushButton(f"Add {model.noun}")
        self.add_button.setAccessibleName(f"Add {model.noun}")
        self.remove_button = QPushButton(f"Remove {model.noun}")
        self.remove_button.setAccessibleName(f"Remove selected {model.noun}")
        top.addWidget(self.add_button)
        top.addWidget(self.remove_button)
        layout.addLayout(top)
        self.view = QTableView()
        self.view.setAccessibleName(title)
        self.view.setModel(model)
        self.view.setItemDelegate(ColumnDelegate(model, self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setDefaultSectionSize(120)
        # The first column holds the record's name: give it room to read.
        model.modelReset.connect(lambda: self.view.setColumnWidth(0, 260))
        self.view.setColumnWidth(0, 260)
        self.view.setMinimumHeight(160)
        layout.addWidget(self.view)
        self.note = FieldNote(self.view)
        layout.addWidget(self.note)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        model.sig_error.connect(self.sig_error)
        model.sig_error.connect(lambda message: self.note.show_problem(f"Not saved: {message}"))
        model.sig_accepted.connect(self.note.clear_problem)

    def _add(self) -> None:
        try:
            self.model.add(self._make_record())
        except EditError as exc:
            self.note.show_problem(f"Not added: {plain_reason(str(exc))}")
            self.sig_error.emit(plain_reason(str(exc)))
            return
        row = self.model.rowCount() - 1
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.setFocus()

    def _remove(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.model.remove(index.row())


class ProfilePage(SectionPage):
    def __init__(self, session: DocumentSession) -> None:
        super().__init__(session)
        outer = QVBoxLayout(self)
        outer.addWidget(heading("Consortium profile"))
        form = QFormLayout()
        self.name = QLineEdit()
        self.fiscal_agent = QComboBox()
        self.fiscal_agent.setEditable(True)
        self.fiscal_agent.addItem("")
        for consortium in round_one_consortia():
            self.fiscal_agent.addItem(consortium.fiscal_agent)
        self.region = QLineEdit()
        self.award = QLineEdit()
        self.award.setPlaceholderText("$0.00")
        self.grant_start = QLineEdit()
        self.grant_end = QLineEdit()
        for field in (self.grant_start, self.grant_end):
            field.setPlaceholderText("YYYY-MM-DD")
        self.horizon = QSpinBox()
        self.horizon.setRange(1, 5)
        self.horizon.setSuffix(" years after the grant")
        self.prior_linked_learning = QCheckBox("Linked Learning pathways before the grant")
        self.prior_academies = QCheckBox("California Partnership Academies before the grant")
        for line in (self.name, self.region, self.fiscal_agent.lineEdit()):
            if line is not None:
                line.setMaxLength(NAME_MAX)
        self.notes: dict[QWidget, FieldNote] = {}
        for label, widget in [
            ("Consortium &name", self.name),
            ("&Fiscal agent", self.fiscal_agent),
            ("&Region", self.region),
            ("Grant &award", self.award),
            ("Grant &start", self.grant_start),
            ("Grant &end", self.grant_end),
            ("Plan &horizon", self.horizon),
            ("&Linked Learning", self.prior_linked_learning),
            ("Partnership &academies", self.prior_academies),
        ]:
            widget.setAccessibleName(label.replace("&", ""))
            form.addRow(label, widget)
            note = FieldNote(widget)
            form.addRow("", note)
            self.notes[widget] = note
        self.context = plain_label(role="profileContext")
        self.context.setAccessibleName("Consortium context")
        self.context.setStyleSheet("color: #52606d;")
        form.addRow("Context", self.context)
        outer.addLayout(form)
        self.partners = TableEditor(
            "Partners",
            RecordTableModel(session, "partners", "partner", columns.partner_columns()),
            lambda: Partner(id=new_id("p"), name="New partner", sector=Sector.K12),
        )
        self.steering = TableEditor(
            "Steering committee (signs the plan)",
            RecordTableModel(session, "steering_committee", "member", columns.steering_columns(session)),
            lambda: SteeringMember(name="New member"),
        )
        outer.addWidget(self.partners, 2)
        outer.addWidget(self.steering, 1)
        for table in (self.partners, self.steering):
            table.sig_error.connect(self.sig_error)

        # An empty name is refused and stays on screen, marked, until it is fixed (it used to keep the old name
        # in the document while the field showed nothing).
        self.name.textEdited.connect(lambda t: self._set("consortium_name", t, widget=self.name))
        self.region.textEdited.connect(lambda t: self._set("region", t, widget=self.region))
        self.fiscal_agent.currentTextChanged.connect(self._on_fiscal_agent)
        self.award.editingFinished.connect(self._on_award)
        self.grant_start.editingFinished.connect(lambda: self._on_date("grant_start", self.grant_start))
        self.grant_end.editingFinished.connect(lambda: self._on_date("grant_end", self.grant_end))
        self.horizon.valueChanged.connect(lambda v: self._set("horizon_years", v, merge=False, widget=self.horizon))
        self.prior_linked_learning.toggled.connect(lambda on: self._set("prior_linked_learning", on, merge=False))
        self.prior_academies.toggled.connect(lambda on: self._set("prior_partnership_academies", on, merge=False))
        self.refresh()

    def _set(self, field: str, value: Any, merge: bool = True, widget: QWidget | None = None) -> bool:
        note = self.notes.get(widget) if widget is not None else None
        return self.try_edit(
            lambda d: edits.set_profile(d, **{field: value}),
            f"Edit {field.replace('_', ' ')}",
            merge_key=f"profile.{field}" if merge else None,
            note=note,
            label=widget.accessibleName() if widget is not None else "",
        )

    def _on_fiscal_agent(self, text: str) -> None:
        if text == self.session.document.profile.fiscal_agent:
            return
        match = next((c for c in round_one_consortia() if c.fiscal_agent == text), None)
        if match is None:
            self._set("fiscal_agent", text)
            return
        # Picking a Round One grantee fills in what the state's list knows, as one undo step.
        self.try_edit(
            lambda d: edits.set_profile(d, fiscal_agent=match.fiscal_agent, award=match.award, region=match.region),
            "Pick Round One consortium",
        )

    def _on_award(self) -> None:
        text = self.award.text().strip()
        try:
            value: Decimal | None = parse_money(text) if text else None
        except ValueError as exc:
            # The typed text stays, marked, so it can be corrected rather than typed again.
            self.notes[self.award].show_problem(f"Not saved: {plain_reason(str(exc))}")
            self.sig_error.emit(f"Grant award: {exc}")
            return
        if value != self.session.document.profile.award:
            self._set("award", value, merge=False, widget=self.award)
        else:
            self.notes[self.award].clear_problem()

    def _on_date(self, field: str, widget: QLineEdit) -> None:
        text = widget.text().strip()
        try:
            value = date.fromisoformat(text) if text else None
        except ValueError:
            message = f"{text[:40]!r} is not a date; write it as YYYY-MM-DD, e.g. 2024-07-01"
            self.notes[widget].show_problem(f"Not saved: {message}")
            self.sig_error.emit(f"{widget.accessibleName()}: {message}")
            return
        if value != getattr(self.session.document.profile, field):
            self._set(field, value, merge=False, widget=widget)
        else:
            self.notes[widget].clear_problem()

    def refresh(self) -> None:
        # A respondent form carries the consortium's profile for context; it is the lead's to change, not theirs.
        editable = self.session.document.form is None
        profile_widgets: tuple[QWidget, ...] = (self.name, self.fiscal_agent, self.region, self.award)
        profile_widgets += (self.grant_start, self.grant_end, self.horizon, self.partners, self.steering)
        profile_widgets += (self.prior_linked_learning, self.prior_academies)
        for widget in profile_widgets:
            widget.setEnabled(editable)
        profile = self.session.document.profile
        for widget, value in [(self.name, profile.consortium_name), (self.region, profile.region)]:
            if widget.text() != value and not widget.hasFocus():
                widget.setText(value)
        if self.fiscal_agent.currentText() != profile.fiscal_agent:
            self.fiscal_agent.blockSignals(True)
            self.fiscal_agent.setCurrentText(profile.fiscal_agent)
            self.fiscal_agent.blockSignals(False)
        for widget, text in [
            (self.award, format_money(profile.award) if profile.award is not None else ""),
            (self.grant_start, profile.grant_start.isoformat() if profile.grant_start else ""),
            (self.grant_end, profile.grant_end.isoformat() if profile.grant_end else ""),
        ]:
            if not self.notes[widget].showing:  # a refused entry stays until it is corrected
                widget.setText(text)
        self.horizon.blockSignals(True)
        self.horizon.setValue(profile.horizon_years)
        self.horizon.blockSignals(False)
        for box, flag in (
            (self.prior_linked_learning, profile.prior_linked_learning),
            (self.prior_academies, profile.prior_partnership_academies),
        ):
            box.blockSignals(True)
            box.setChecked(flag)
            box.blockSignals(False)
        self.context.setText("\n".join(profile_context(self.session.document).lines()))


class CriterionCard(QGroupBox):
    """One criterion: what it means, the level choices with their descriptors, N/A, evidence and notes."""

    def __init__(self, page: RubricPage, instrument: Instrument, criterion_index: int) -> None:
        criterion = instrument.criteria[criterion_index]
        super().__init__(criterion.title)
        self.page = page
        self.criterion = criterion
        self.instrument = instrument
        self.setAccessibleName(criterion.title)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(criterion.summary))
        self.group = QButtonGroup(self)
        self.buttons: dict[int, QRadioButton] = {}
        # A grid, so every level's descriptor starts at the same column whatever the length of its label.
        levels = QGridLayout()
        levels.setColumnStretch(1, 1)
        levels.setHorizontalSpacing(12)
        for row, (step, descriptor) in enumerate(zip(instrument.scale, criterion.levels, strict=True)):
            button = QRadioButton(f"{step.value} · {step.label}")
            button.setAccessibleName(f"{criterion.title}: level {step.value}, {step.label}")
            button.setAccessibleDescription(descriptor)
            text = plain_label(descriptor)
            text.setStyleSheet("color: #3e4c59;")
            levels.addWidget(button, row, 0, Qt.AlignmentFlag.AlignTop)
            levels.addWidget(text, row, 1)
            self.group.addButton(button, step.value)
            self.buttons[step.value] = button
        layout.addLayout(levels)
        self.na_button = QRadioButton("N/A · does not apply to this consortium")
        self.na_button.setAccessibleName(f"{criterion.title}: not applicable")
        self.unrated_button = QRadioButton("Not rated yet")
        self.unrated_button.setAccessibleName(f"{criterion.title}: not rated")
        self.group.addButton(self.na_button, -2)
        self.group.addButton(self.unrated_button, -3)
        for choice in self.group.buttons():
            choice.installEventFilter(self)
        layout.addWidget(self.na_button)
        if criterion.not_applicable:
            guidance = plain_label(criterion.not_applicable, role="naGuidance")
            guidance.setStyleSheet("color: #52606d; margin-left: 22px;")
            layout.addWidget(guidance)
        layout.addWidget(self.unrated_button)
        layout.addLayout(self._target_row(instrument, criterion.title))
        self.evidence = LimitedTextEdit(TEXT_MAX)
        self.evidence.setPlaceholderText("Evidence, e.g. " + criterion.evidence[0])
        self.evidence.setAccessibleName(f"{criterion.title}: evidence")
        self.notes = LimitedTextEdit(TEXT_MAX)
        self.notes.setPlaceholderText("Notes")
        self.notes.setAccessibleName(f"{criterion.title}: notes")
        self.text_notes: dict[str, FieldNote] = {}
        for field, box in (("evidence", self.evidence), ("notes", self.notes)):
            box.setFixedHeight(54)
            layout.addWidget(box)
            note = FieldNote(box)
            layout.addWidget(note)
            self.text_notes[field] = note
            box.sig_trimmed.connect(lambda limit, note=note: note.show_problem(limit_message(limit)))
        self.team = plain_label(role="teamAggregate")
        self.team.setAccessibleName(f"{criterion.title}: team ratings")
        layout.addWidget(self.team)
        self.next_steps = plain_label(role="nextSteps")
        self.next_steps.setStyleSheet("color: #2c5d8f;")
        layout.addWidget(self.next_steps)
        layout.addLayout(self._coach_row(instrument, criterion.title))
        self.group.idClicked.connect(self._on_level)
        self.evidence.textChanged.connect(lambda: self._on_text("evidence", self.evidence.toPlainText()))
        self.notes.textChanged.connect(lambda: self._on_text("notes", self.notes.toPlainText()))

    def _target_row(self, instrument: Instrument, title: str) -> QHBoxLayout:
        """The level the team aims for by the end of the plan, beside where the team stands now."""
        row = QHBoxLayout()
        self.target = QComboBox()
        self.target.setAccessibleName(f"{title}: target level by the end of the plan")
        self.target.addItem("No target set", None)
        for step in instrument.scale:
            self.target.addItem(f"{step.value} · {step.label}", step.value)
        label = QLabel("&Target by the end of the plan:")
        label.setBuddy(self.target)
        self.target_status = plain_label(wrap=False, role="targetStatus")
        self.target_status.setAccessibleName(f"{title}: current against target")
        row.addWidget(label)
        row.addWidget(self.target)
        row.addWidget(self.target_status, 1)
        self.target.activated.connect(lambda _i: self._on_target(self.target.currentData()))
        return row

    def _on_target(self, level: int | None) -> None:
        criterion_id = self.criterion.id
        if self.page.session.document.targets.get(criterion_id) == level:
            return
        self.page.try_edit(lambda d: edits.set_target(d, criterion_id, level), f"Set target for {self.criterion.title}")

    def _refresh_target(self) -> None:
        document = self.page.session.document
        target = document.targets.get(self.criterion.id)
        self.target.setCurrentIndex(max(self.target.findData(target), 0) if target is not None else 0)
        # Targets belong to the consortium's plan; a team member's form shows them but does not set them.
        self.target.setEnabled(document.form is None)
        score = self.page.session.analysis.capacity.domain(self.instrument.id).criterion(self.criterion.id)
        now = format_score(score.mean, "not rated")
        if score.target is None:
            text = f"Team now {now}"
        elif score.distance is not None and score.distance > 0:
            text = f"Team now {now} → target {score.target}: {format_score(score.distance)} to go"
        else:
            text = f"Team now {now} → target {score.target}" + (": reached" if score.mean is not None else "")
        self.target_status.setText(text)

    def _coach_row(self, instrument: Instrument, title: str) -> QGridLayout:
        """The coach's suggested level and comment beside the self-rating, and the lead's answer."""
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.suggested = QComboBox()
        self.suggested.setAccessibleName(f"{title}: coach's suggested level")
        self.suggested.addItem("No suggestion", None)
        for step in instrument.scale:
            self.suggested.addItem(f"{step.value} · {step.label}", step.value)
        self.coach_comment = QLineEdit()
        self.coach_comment.setMaxLength(TEXT_MAX)
        self.coach_comment.setPlaceholderText("Coach's comment")
        self.coach_comment.setAccessibleName(f"{title}: coach's comment")
        self.answer = QLineEdit()
        self.answer.setMaxLength(TEXT_MAX)
        self.answer.setPlaceholderText("Your answer to the coach")
        self.answer.setAccessibleName(f"{title}: answer to the coach")
        self.accept_button = QPushButton("Accept suggestion")
        self.accept_button.setAccessibleName(f"{title}: accept the coach's suggested level")
        grid.addWidget(plain_label("Coach review:", wrap=False), 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.suggested)
        row.addWidget(self.coach_comment, 1)
        grid.addLayout(row, 0, 1)
        answer_row = QHBoxLayout()
        answer_row.addWidget(self.answer, 1)
        answer_row.addWidget(self.accept_button)
        grid.addLayout(answer_row, 1, 1)
        self.suggested.activated.connect(lambda _i: self._on_suggestion(level=self.suggested.currentData()))
        self.coach_comment.textEdited.connect(lambda text: self._on_suggestion(merge="comment", comment=text))
        self.answer.textEdited.connect(lambda text: self._on_suggestion(merge="answer", answer=text))
        self.accept_button.clicked.connect(self._on_accept)
        return grid

    def _on_suggestion(self, merge: str | None = None, **changes: Any) -> None:
        criterion_id = self.criterion.id
        self.page.try_edit(
            lambda d: review.set_suggestion(d, criterion_id, **changes),
            f"Coach review of {self.criterion.title}",
            merge_key=f"suggestion.{merge}:{criterion_id}" if merge else None,
        )

    def _on_accept(self) -> None:
        rid = self.page.respondent_id()
        if rid is None:
            return
        criterion_id = self.criterion.id
        self.page.try_edit(
            lambda d: review.accept_suggestion(d, rid, criterion_id), f"Accept coach's level for {self.criterion.title}"
        )

    def _refresh_coach(self) -> None:
        suggestion = self.page.session.document.review.suggestions.get(self.criterion.id)
        level = suggestion.level if suggestion else None
        self.suggested.setCurrentIndex(max(self.suggested.findData(level), 0) if level is not None else 0)
        for box, value in (
            (self.coach_comment, suggestion.comment if suggestion else ""),
            (self.answer, suggestion.answer if suggestion else ""),
        ):
            if box.text() != value and not box.hasFocus():
                box.setText(value)
        rating_level = self.rating().level
        self.accept_button.setEnabled(level is not None and level != rating_level)
        self.accept_button.setText(
            "Accepted" if suggestion and suggestion.accepted and level == rating_level else "Accept suggestion"
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Qt gives one Tab stop per button group but lands on its first button; land on the chosen level instead,
        # so the arrow keys move from the current rating rather than from level 1.
        if (
            event.type() == QEvent.Type.FocusIn
            and isinstance(event, QFocusEvent)
            and event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
        ):
            checked = self.group.checkedButton()
            if checked is not None and checked is not watched:
                checked.setFocus(event.reason())
                return True
        return super().eventFilter(watched, event)

    def rating(self) -> Rating:
        respondent = self.page.respondent()
        return respondent.ratings.get(self.criterion.id, UNRATED) if respondent else UNRATED

    def _on_level(self, button_id: int) -> None:
        current = self.rating()
        if button_id == -2:
            rating = current.model_copy(update={"level": None, "not_applicable": True})
        elif button_id == -3:
            rating = current.model_copy(update={"level": None, "not_applicable": False})
        else:
            rating = current.model_copy(update={"level": button_id, "not_applicable": False})
        self.page.set_rating(self.criterion.id, lambda _old: rating, f"Rate {self.criterion.title}", None)

    def _on_text(self, field: str, text: str) -> None:
        current = self.rating()
        if getattr(current, field) == text:
            return
        note = self.text_notes[field]
        self.page.set_rating(
            self.criterion.id,
            lambda rating: edits.revalidated(rating, **{field: text}),
            f"Edit {field} for {self.criterion.title}",
            f"{field}:{self.criterion.id}",
            note=note if not note.showing or note.text() != limit_message(TEXT_MAX) else None,
            label=f"{self.criterion.title}, {field}",
        )

    def refresh(self) -> None:
        rating = self.rating()
        self.group.blockSignals(True)
        if rating.level is not None and rating.level in self.buttons:
            self.buttons[rating.level].setChecked(True)
        elif rating.not_applicable:
            self.na_button.setChecked(True)
        else:
            self.unrated_button.setChecked(True)
        self.group.blockSignals(False)
        for field, box, value in (("evidence", self.evidence, rating.evidence), ("notes", self.notes, rating.notes)):
            if box.toPlainText() != value and not self.text_notes[field].showing:
                box.set_text_quietly(value)
        self.next_steps.setText(self._steps_text(rating.level))
        self.next_steps.setVisible(bool(self.next_steps.text()))
        self._refresh_target()
        self._refresh_team()
        self._refresh_coach()

    def _steps_text(self, level: int | None) -> str:
        """Next steps up from this rating, or how to keep the top level, with the sectors that usually act."""
        criterion, lowest = self.criterion, self.instrument.lowest
        if level is None or not lowest <= level <= self.instrument.highest:
            return ""
        if level < self.instrument.highest:
            steps, title = criterion.next_steps[level - lowest], "Next steps"
            sectors = criterion.next_steps_by[level - lowest] if criterion.next_steps_by else []
        else:
            steps, title, sectors = criterion.keep_steps, f"To keep level {level}", criterion.keep_by
        if not steps:
            return ""
        who = f" (usually {', '.join(s.label for s in sectors)})" if sectors else ""
        return f"{title}{who}: " + " · ".join(steps)

    def _refresh_team(self) -> None:
        """With several respondents: the team's mean and range, the discussion flag and sector means from core."""
        document = self.page.session.document
        if len(document.respondents) < 2:
            self.team.setVisible(False)
            return
        score = self.page.session.analysis.capacity.domain(self.instrument.id).criterion(self.criterion.id)
        if score.mean is None:
            text = f"Team: no levels yet ({score.na_count} N/A, {score.unrated_count} unrated)"
        else:
            text = (
                f"Team: mean {format_score(score.mean)}, range {score.minimum}–{score.maximum} of {score.count} ratings"
            )
            if score.discuss:
                text += f" · {score.spread} levels apart: discuss"
            sectors = score.shown_sector_means(document.profile.hide_small_sectors)
            if sectors:
                text += "\nBy sector: " + " · ".join(f"{m.sector.label} {format_score(m.mean)}" for m in sectors)
        self.team.setText(text)
        self.team.setStyleSheet("color: #a15c07;" if score.discuss else "color: #52606d;")
        self.team.setVisible(True)


class RubricPage(SectionPage):
    def __init__(self, session: DocumentSession, instrument: Instrument) -> None:
        super().__init__(session)
        self.instrument = instrument
        outer = QVBoxLayout(self)
        outer.addWidget(heading(instrument.title))
        outer.addWidget(plain_label(instrument.description))
        chooser = QHBoxLayout()
        chooser.addWidget(plain_label("Ratings of:", wrap=False))
        self.respondent_box = QComboBox()
        self.respondent_box.setAccessibleName("Respondent")
        chooser.addWidget(self.respondent_box, 1)
        outer.addLayout(chooser)
        self.cards_area, body_layout = scrolling_body(outer)
        # The scroller itself is not a Tab stop: keyboard users tab between the cards' controls, and the area
        # scrolls to whichever has focus (see _on_focus_changed).
        self.cards_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cards = [CriterionCard(self, instrument, n) for n in range(len(instrument.criteria))]
        for card in self.cards:
            body_layout.addWidget(card)
        body_layout.addStretch()
        self.respondent_box.currentIndexChanged.connect(lambda _i: self._refresh_cards())
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        self.refresh()

    @Slot(QWidget, QWidget)
    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # QScrollArea only follows focus moved from inside it; Tab from the respondent box would leave the first
        # card's control out of sight on a short screen.
        body = self.cards_area.widget()
        if new is not None and body is not None and body.isAncestorOf(new):
            self.cards_area.ensureWidgetVisible(new, 0, 24)

    def respondent_id(self) -> str | None:
        data = self.respondent_box.currentData()
        return str(data) if data else None

    def respondent(self) -> Any:
        rid = self.respondent_id()
        return self.session.document.respondent(rid) if rid else None

    def set_rating(
        self,
        criterion_id: str,
        change: Callable[[Rating], Rating],
        text: str,
        merge_key: str | None,
        note: FieldNote | None = None,
        label: str = "",
    ) -> None:
        """Change the shown respondent's answer to one criterion; ``change`` gets the current answer."""
        rid = self.respondent_id()
        if rid is None:
            return

        def edit(document: Document) -> Document:
            respondent = document.respondent(rid)
            current = respondent.ratings.get(criterion_id, UNRATED) if respondent else UNRATED
            return edits.set_rating(document, rid, criterion_id, change(current))

        self.try_edit(edit, text, f"{merge_key}:{rid}" if merge_key else None, note=note, label=label)

    def progress(self) -> tuple[int, int]:
        respondent = self.respondent()
        return respondent_progress(self.instrument, respondent) if respondent else (0, len(self.instrument.criteria))

    def refresh(self) -> None:
        respondents = [(r.name, r.id) for r in self.session.document.respondents]
        current = [
            (self.respondent_box.itemText(i), self.respondent_box.itemData(i))
            for i in range(self.respondent_box.count())
        ]
        if respondents != current:
            chosen = self.respondent_id()
            self.respondent_box.blockSignals(True)
            self.respondent_box.clear()
            for name, rid in respondents:
                self.respondent_box.addItem(name, rid)
            position = self.respondent_box.findData(chosen)
            self.respondent_box.setCurrentIndex(max(position, 0))
            self.respondent_box.blockSignals(False)
        self._refresh_cards()

    def _refresh_cards(self) -> None:
        for card in self.cards:
            card.refresh()


class ChartView(QSvgWidget):
    """One of the report's SVG charts, drawn by Qt's SVG renderer.

    QSvgWidget re-renders the SVG on every paint, which was a third of the time between a rating and the
    repainted summary; the drawing is kept as a pixmap until the chart or the widget's size changes.
    """

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self._svg = ""
        self._drawn: QPixmap | None = None

    def show_svg(self, svg: str) -> None:
        if svg == self._svg:
            return
        self._svg = svg
        self.load(QByteArray(svg.encode("utf-8")))
        self._drawn = None
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        ratio = self.devicePixelRatioF()
        drawn = self._drawn
        if drawn is None or drawn.deviceIndependentSize().toSize() != self.size() or drawn.devicePixelRatio() != ratio:
            drawn = QPixmap(self.size() * ratio)
            drawn.setDevicePixelRatio(ratio)
            drawn.fill(Qt.GlobalColor.transparent)
            painter = QPainter(drawn)
            self.renderer().render(painter, QRectF(self.rect()))
            painter.end()
            self._drawn = drawn
        QPainter(self).drawPixmap(0, 0, drawn)


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
        self.items = TableEditor(
            "Cost items by plan year",
            self.items_model,
            lambda: CostItem(id=new_id("c"), name="New cost item", category=CostCategory.STAFFING),
        )
        self.commitments = TableEditor(
            "Commitments",
            RecordTableModel(session, "commitments", "commitment", columns.commitment_columns(session)),
            self._new_commitment,
        )
        outer.addWidget(self.items, 2)
        outer.addWidget(self.commitments, 3)
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

    def _new_commitment(self) -> Commitment:
        document = self.session.document
        if not document.partners or not document.cost_items:
            raise EditError("add a partner and a cost item first")
        return Commitment(
            id=new_id("m"),
            partner_id=document.partners[0].id,
            cost_item_id=document.cost_items[0].id,
            year=1,
            amount=Decimal("0.00"),
        )

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


class ActionsPage(SectionPage):
    def __init__(self, session: DocumentSession) -> None:
        super().__init__(session)
        outer = QVBoxLayout(self)
        outer.addWidget(heading("Action plan"))
        self.table = TableEditor(
            "Actions",
            RecordTableModel(session, "actions", "action", columns.action_columns(session)),
            lambda: ActionItem(id=new_id("a"), action="New action"),
        )
        self.table.sig_error.connect(self.sig_error)
        outer.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(plain_label("Add an action for a priority:", wrap=False))
        self.priority_box = QComboBox()
        self.priority_box.setAccessibleName("Priority to act on")
        row.addWidget(self.priority_box, 1)
        self.add_from_priority = QPushButton("Add action from priority")
        row.addWidget(self.add_from_priority)
        outer.addLayout(row)
        outer.addWidget(plain_label("Decisions the steering committee is asked to make (one per line):"))
        self.decisions = LimitedTextEdit(DECISIONS_MAX)
        self.decisions.setAccessibleName("Decisions requested")
        outer.addWidget(self.decisions, 1)
        self.decisions_note = FieldNote(self.decisions)
        outer.addWidget(self.decisions_note)
        self.decisions.sig_trimmed.connect(lambda limit: self.decisions_note.show_problem(limit_message(limit)))
        self.add_from_priority.clicked.connect(self._add_from_priority)
        self.decisions.textChanged.connect(self._on_decisions)
        outer.addWidget(self._adoption_form())
        self.refresh()

    def _adoption_form(self) -> QWidget:
        """The committee's vote, once it has voted: the printed plan then says Adopted on that date, not Draft."""
        box = QWidget()
        form = QFormLayout(box)
        form.addRow(
            plain_label("Adoption, once the steering committee has voted (the plan prints as a draft until then):")
        )
        self.adoption_text: dict[str, QLineEdit] = {}
        self.adoption_notes: dict[str, FieldNote] = {}
        fields = [
            ("motion", "&Motion (blank: the standard wording)"),
            ("moved_by", "Mo&ved by"),
            ("seconded_by", "Seco&nded by"),
            ("votes_for", "Votes for"),
            ("votes_against", "Votes against"),
            ("abstentions", "Abstentions"),
            ("adopted_on", "Date &adopted"),
        ]
        for field, label in fields:
            line = QLineEdit()
            line.setAccessibleName(label.replace("&", ""))
            line.setMaxLength(TEXT_MAX if field == "motion" else NAME_MAX)
            if field == "adopted_on":
                line.setPlaceholderText("YYYY-MM-DD")
            form.addRow(label, line)
            note = FieldNote(line)
            form.addRow("", note)
            self.adoption_text[field], self.adoption_notes[field] = line, note
            line.editingFinished.connect(lambda field=field: self._on_adoption(field))
        return box

    def _on_adoption(self, field: str) -> None:
        line, note = self.adoption_text[field], self.adoption_notes[field]
        text = line.text().strip()
        value: Any = text
        try:
            if field == "adopted_on":
                value = date.fromisoformat(text) if text else None
            elif field.startswith("votes_") or field == "abstentions":
                value = int(text) if text else None
        except ValueError:
            kind = "a date; write it as YYYY-MM-DD" if field == "adopted_on" else "a whole number"
            note.show_problem(f"Not saved: {text[:40]!r} is not {kind}")
            self.sig_error.emit(f"{line.accessibleName()}: {text[:40]!r} is not {kind}")
            return
        if value != getattr(self.session.document.adoption, field):
            self.try_edit(
                lambda d: edits.set_adoption(d, **{field: value}),
                f"Edit {line.accessibleName().lower()}",
                note=note,
                label=line.accessibleName(),
            )

    def _add_from_priority(self) -> None:
        criterion_id = self.priority_box.currentData()
        priority = next(
            (p for p in self.session.analysis.capacity.priorities if p.criterion.criterion.id == criterion_id), None
        )
        if priority is None:
            return
        steps = priority.criterion.next_steps
        action = ActionItem(
            id=new_id("a"), criterion_id=criterion_id, action=steps[0] if steps else priority.criterion.criterion.title
        )
        self.table.model.add(action)

    def _on_decisions(self) -> None:
        lines = self.decisions.toPlainText().splitlines()
        self.try_edit(
            lambda d: edits.set_decisions(d, lines),
            "Edit decisions",
            merge_key="decisions",
            note=self.decisions_note,
            label="Decisions requested",
        )

    def refresh(self) -> None:
        priorities = [
            (f"{p.criterion.criterion.title} ({format_score(p.criterion.mean)})", p.criterion.criterion.id)
            for p in self.session.analysis.capacity.priorities
        ]
        self.priority_box.clear()
        for label, cid in priorities:
            self.priority_box.addItem(label, cid)
        self.add_from_priority.setEnabled(bool(priorities))
        wanted = self.session.document.decisions
        if [
            d for d in self.decisions.toPlainText().splitlines() if d.strip()
        ] != wanted and not self.decisions.hasFocus():
            self.decisions.set_text_quietly("\n".join(wanted))
        adoption = self.session.document.adoption
        for field, line in self.adoption_text.items():
            value = getattr(adoption, field)
            shown = "" if value is None else value.isoformat() if isinstance(value, date) else str(value)
            if line.text() != shown and not line.hasFocus():
                line.setText(shown)


class SummaryPage(SectionPage):
    def __init__(self, session: DocumentSession) -> None:
        super().__init__(session)
        outer = QVBoxLayout(self)
        outer.addWidget(heading("Summary"))
        _area, body = scrolling_body(outer)
        top = QHBoxLayout()
        self.chart = ChartView("Capacity chart")
        self.chart.setFixedSize(468, 342)
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
        self.warnings.setStyleSheet(f"color: {WARNING_COLOR};")
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
        body.addWidget(self._review_box())
        # After an instrument upgrade: the ratings of retired criteria, kept as history (also in the PDF appendix).
        self.retired_title = subheading("Ratings of retired criteria")
        self.retired = plain_label(role="retiredCriteria")
        self.retired.setAccessibleName("Ratings of retired criteria")
        self.retired.setStyleSheet("color: #52606d;")
        body.addSpacing(10)
        body.addWidget(self.retired_title)
        body.addWidget(self.retired)
        body.addStretch()
        self.refresh()

    @staticmethod
    def _score_row(column: QVBoxLayout, title: str) -> QLabel:
        name = plain_label(title, wrap=False)
        name.setStyleSheet("font-size: 10pt; font-weight: 600;")
        result = plain_label(wrap=False, role="scoreResult")
        result.setAccessibleName(f"{title} score")
        column.addWidget(name)
        column.addWidget(result)
        return result

    def _review_box(self) -> QGroupBox:
        box = QGroupBox("Coach review")
        form = QFormLayout(box)
        self.reviewer = QLineEdit()
        self.reviewer.setMaxLength(NAME_MAX)
        self.reviewer.setAccessibleName("Reviewer")
        self.review_status = QComboBox()
        self.review_status.setAccessibleName("Review status")
        for status in ReviewStatus:
            self.review_status.addItem(status.label, status.value)
        self.review_notes = LimitedTextEdit(TEXT_MAX)
        self.review_notes.setAccessibleName("Coach's overall notes")
        self.review_notes.setFixedHeight(60)
        form.addRow("Re&viewer", self.reviewer)
        form.addRow("S&tatus", self.review_status)
        form.addRow("Overall &notes", self.review_notes)
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

    def refresh(self) -> None:
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
                f" — next: {p.criterion.next_steps[0]}"
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
