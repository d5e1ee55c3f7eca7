"""A capacity rubric section: one card per criterion, rated by the lead or a team member."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.core import edits, review
from planner.core.document import (
    TEXT_MAX,
    UNRATED,
    Document,
    Rating,
)
from planner.core.rubric import Instrument
from planner.core.scoring import format_score, respondent_progress
from planner.ui.fields import FieldNote, LimitedTextEdit, limit_message
from planner.ui.pages.common import (
    SectionPage,
    heading,
    plain_label,
    scrolling_body,
)
from planner.ui.session import DocumentSession


class CriterionCard(QGroupBox):
    """One criterion: what it means, the level choices with their descriptors, N/A, evidence and notes."""

    def __init__(self, page: RubricPage, instrument: Instrument, criterion_index: int) -> None:
        criterion = instrument.criteria[criterion_index]
        super().__init__(criterion.title)
        self.page = page
        self.criterion = criterion
        self.instrument = instrument
        self.setAccessibleName(criterion.title)
        if criterion.source:
            # Qt guesses whether a tooltip is rich text; forcing it and escaping keeps file text from being markup.
            self.setToolTip(f"<p>Grounded in: {html.escape(criterion.source)}</p>")
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
