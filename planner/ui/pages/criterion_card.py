"""One criterion of a capacity rubric as a card: compact when closed, everything about it when open.

See planner.ui.pages.rubric for the page that holds the cards and for the keys on a card's level choices.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.assessment.scoring import format_score
from planner.core.editing import edits
from planner.core.model import review
from planner.core.model.document import TEXT_MAX, UNRATED, Document, Rating
from planner.core.model.rubric import Instrument
from planner.ui import theme
from planner.ui.fields import FieldNote, LimitedTextEdit, TextLine, limit_message
from planner.ui.pages.common import HeadingLabel, plain_label, set_enabled, set_shown, set_text
from planner.ui.pages.descriptor import DescriptorLabel, rich_tooltip
from planner.ui.session import DocumentSession


class CardHost(Protocol):
    """What a card asks of the page that holds it (planner.ui.pages.rubric.RubricPage)."""

    session: DocumentSession

    def try_edit(
        self,
        change: Callable[[Document], Document],
        text: str,
        merge_key: str | None = None,
        note: FieldNote | None = None,
        label: str = "",
    ) -> bool: ...

    def respondent_id(self) -> str | None: ...

    def respondent(self) -> Any: ...

    def set_rating(
        self,
        criterion_id: str,
        change: Callable[[Rating], Rating],
        text: str,
        merge_key: str | None,
        note: FieldNote | None = None,
        label: str = "",
    ) -> None: ...


def _holding(layout: QLayout) -> QWidget:
    """A widget around a row, so the row can be shown and hidden as one."""
    holder = QWidget()
    layout.setContentsMargins(0, 2, 0, 0)
    holder.setLayout(layout)
    return holder


# Button ids of the two answers that are not a level (levels use their own value, 0-10).
NOT_APPLICABLE_ID, NOT_RATED_ID = -2, -3


class CriterionCard(QGroupBox):
    """One criterion: its title as a heading, the level choices with their descriptors, N/A and not rated; open,
    also what it means, the target, evidence, notes, team ratings, next steps and the coach's review.

    The level choices are one Tab stop (landing on the chosen level); see the module docstring for their keys.
    """

    def __init__(self, page: CardHost, instrument: Instrument, criterion_index: int) -> None:
        criterion = instrument.criteria[criterion_index]
        super().__init__()
        self.setObjectName("criterionCard")
        self.page = page
        self.criterion = criterion
        self.instrument = instrument
        self.is_open = True
        self.has_suggestion = self.coach_shown = False  # set by refresh, from the document and the role
        self.setAccessibleName(criterion.title)
        if criterion.source:
            self.setToolTip(rich_tooltip(f"Grounded in: {criterion.source}"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(3)
        layout.addLayout(self._header())
        self.summary = plain_label(criterion.summary, role="criterionSummary")
        self.summary.setStyleSheet(theme.SECONDARY)
        layout.addWidget(self.summary)
        self.group = QButtonGroup(self)
        layout.addLayout(self._levels())
        layout.addLayout(self._other_answers())
        self.na_guidance = plain_label(criterion.not_applicable, role="naGuidance")
        self.na_guidance.setStyleSheet(theme.INDENTED_GUIDANCE)
        layout.addWidget(self.na_guidance)
        self.target_row = _holding(self._target_row(instrument, criterion.title))
        layout.addWidget(self.target_row)
        self.texts = self._text_boxes()
        layout.addWidget(self.texts)
        self.team = plain_label(role="teamAggregate")
        self.team.setAccessibleName(f"{criterion.title}: team ratings")
        layout.addWidget(self.team)
        self.next_steps = plain_label(role="nextSteps")
        self.next_steps.setStyleSheet(theme.color(theme.ACCENT))
        layout.addWidget(self.next_steps)
        self.coach = _holding(self._coach_row(instrument, criterion.title))
        layout.addWidget(self.coach)
        self.group.idClicked.connect(self._on_level)
        self.evidence.textChanged.connect(lambda: self._on_text("evidence", self.evidence.toPlainText()))
        self.notes.textChanged.connect(lambda: self._on_text("notes", self.notes.toPlainText()))
        self.set_open(False)

    # ----- building the card -----
    def _header(self) -> QHBoxLayout:
        """The title, and (while a level is picked with the arrow keys but not recorded) a note saying how to."""
        header = QHBoxLayout()
        self.heading = HeadingLabel(self.criterion.title, role="criterionTitle")
        self.heading.setStyleSheet(theme.CARD_TITLE)
        header.addWidget(self.heading, 1)
        self.pending_note = plain_label(wrap=False, role="pendingLevel")
        self.pending_note.setStyleSheet(theme.color(theme.CAUTION))
        self.pending_note.setVisible(False)
        header.addWidget(self.pending_note)
        return header

    def _levels(self) -> QGridLayout:
        """One choice per level with its descriptor; a grid, so every descriptor starts at the same column
        whatever the length of its label."""
        criterion = self.criterion
        self.buttons: dict[int, QRadioButton] = {}
        self.descriptors: list[DescriptorLabel] = []
        levels = QGridLayout()
        levels.setColumnStretch(1, 1)
        levels.setHorizontalSpacing(12)
        levels.setVerticalSpacing(1)
        for row, (step, descriptor) in enumerate(zip(self.instrument.scale, criterion.levels, strict=True)):
            button = QRadioButton(f"{step.value} · {step.label}")
            button.setAccessibleName(f"{criterion.title}: level {step.value}, {step.label}")
            button.setAccessibleDescription(descriptor)
            text = DescriptorLabel(descriptor, button)
            text.setStyleSheet(theme.SECONDARY)
            levels.addWidget(button, row, 0, Qt.AlignmentFlag.AlignTop)
            levels.addWidget(text, row, 1)
            self.group.addButton(button, step.value)
            self.buttons[step.value] = button
            self.descriptors.append(text)
        return levels

    def _other_answers(self) -> QHBoxLayout:
        """N/A and not rated, after the levels; then the keys that pick each choice."""
        title = self.criterion.title
        self.na_button = QRadioButton("N/A · does not apply here")
        self.na_button.setAccessibleName(f"{title}: not applicable")
        self.unrated_button = QRadioButton("Not rated yet")
        self.unrated_button.setAccessibleName(f"{title}: not rated")
        self.group.addButton(self.na_button, NOT_APPLICABLE_ID)
        self.group.addButton(self.unrated_button, NOT_RATED_ID)
        # The order the arrow keys walk, top to bottom as shown.
        self.choices: list[QAbstractButton] = [*self.buttons.values(), self.na_button, self.unrated_button]
        self._choice_keys = {str(value): value for value in self.buttons if value <= 9}
        self._choice_keys.setdefault("0", NOT_RATED_ID)
        self._choice_keys["n"] = NOT_APPLICABLE_ID
        for choice in self.choices:
            choice.installEventFilter(self)
        answers = QHBoxLayout()
        answers.setSpacing(18)
        answers.addWidget(self.na_button)
        answers.addWidget(self.unrated_button)
        answers.addStretch()
        return answers

    def _text_boxes(self) -> QWidget:
        """Evidence and notes side by side: a card stays short enough that the next one shows below it."""
        title = self.criterion.title
        self.evidence = LimitedTextEdit(TEXT_MAX)
        self.evidence.setPlaceholderText("Evidence, e.g. " + self.criterion.evidence[0])
        self.evidence.setAccessibleName(f"{title}: evidence")
        self.notes = LimitedTextEdit(TEXT_MAX)
        self.notes.setPlaceholderText("Notes")
        self.notes.setAccessibleName(f"{title}: notes")
        self.text_notes: dict[str, FieldNote] = {}
        holder = QWidget()
        texts = QHBoxLayout(holder)
        texts.setContentsMargins(0, 2, 0, 0)
        for field, box in (("evidence", self.evidence), ("notes", self.notes)):
            box.setFixedHeight(62)
            column = QVBoxLayout()
            column.addWidget(box)
            note = FieldNote(box)
            column.addWidget(note)
            texts.addLayout(column, 3 if field == "evidence" else 2)
            self.text_notes[field] = note
            box.sig_trimmed.connect(lambda limit, note=note: note.show_problem(limit_message(limit)))
        return holder

    # ----- open and closed -----
    def set_open(self, is_open: bool) -> None:
        """Closed: the title and one line per level. Open: everything about the criterion."""
        if is_open == self.is_open:
            return
        self.is_open = is_open
        for descriptor in self.descriptors:
            descriptor.set_compact(not is_open)
        self._show_details()
        # The open card is outlined, so the eye finds where the keyboard is.
        self.setProperty("open", is_open)
        self.style().unpolish(self)
        self.style().polish(self)

    def _show_details(self) -> None:
        """Show what the open card shows, given the document (some parts exist only for some documents)."""
        shown = self.is_open
        set_shown(self.summary, shown)
        set_shown(self.na_guidance, shown and bool(self.criterion.not_applicable))
        set_shown(self.target_row, shown)
        set_shown(self.texts, shown)
        set_shown(self.team, shown and bool(self.team.text()))
        set_shown(self.next_steps, shown and bool(self.next_steps.text()))
        set_shown(self.coach, shown and self.coach_shown)

    def focus_choices(self, reason: Qt.FocusReason = Qt.FocusReason.OtherFocusReason) -> None:
        """Put the keyboard focus on the chosen level (which opens the card, see RubricPage)."""
        (self.group.checkedButton() or self.unrated_button).setFocus(reason)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # A click on the card's title, text or margin opens it, as Tab into it does.
        if event.button() == Qt.MouseButton.LeftButton:
            self.focus_choices(Qt.FocusReason.MouseFocusReason)
            event.accept()
            return
        super().mousePressEvent(event)

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
        position = max(self.target.findData(target), 0) if target is not None else 0
        if self.target.currentIndex() != position:
            self.target.setCurrentIndex(position)
        # Targets belong to the consortium's plan; a team member's form shows them but does not set them.
        set_enabled(self.target, document.form is None)
        score = self.page.session.analysis.capacity.domain(self.instrument.id).criterion(self.criterion.id)
        now = format_score(score.mean, "not rated")
        if score.target is None:
            text = f"Team now {now}"
        elif score.distance is not None and score.distance > 0:
            text = f"Team now {now} → target {score.target}: {format_score(score.distance)} to go"
        else:
            text = f"Team now {now} → target {score.target}" + (": reached" if score.mean is not None else "")
        set_text(self.target_status, text)

    def _coach_row(self, instrument: Instrument, title: str) -> QGridLayout:
        """The coach's suggested level and comment beside the self-rating, and the lead's answer."""
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.suggested = QComboBox()
        self.suggested.setAccessibleName(f"{title}: coach's suggested level")
        self.suggested.addItem("No suggestion", None)
        for step in instrument.scale:
            self.suggested.addItem(f"{step.value} · {step.label}", step.value)
        self.coach_comment = TextLine()
        self.coach_comment.setMaxLength(TEXT_MAX)
        self.coach_comment.setPlaceholderText("Coach's comment")
        self.coach_comment.setAccessibleName(f"{title}: coach's comment")
        self.answer = TextLine()
        self.answer.setMaxLength(TEXT_MAX)
        self.answer.setPlaceholderText("Your answer to the coach")
        self.answer.setAccessibleName(f"{title}: answer to the coach")
        self.accept_button = QPushButton("Accept suggestion")
        self.accept_button.setAccessibleName(f"{title}: accept the coach's suggested level")
        # For the lead: what the coach suggested, as text (the coach's own fields are shown in coach review mode).
        self.coach_said = plain_label(role="coachSuggestion")
        self.coach_said.setAccessibleName(f"{title}: coach's suggestion")
        grid.addWidget(plain_label("Coach review:", wrap=False), 0, 0, Qt.AlignmentFlag.AlignTop)
        row = QHBoxLayout()
        row.addWidget(self.suggested)
        row.addWidget(self.coach_comment, 1)
        row.addWidget(self.coach_said, 1)
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
        """The coach's fields by role: editable in coach review mode; for the lead, the suggestion as text with the
        answer and Accept beside it, all of it only when there is a suggestion; none of it in a respondent form."""
        session = self.page.session
        suggestion = session.document.review.suggestions.get(self.criterion.id)
        level = suggestion.level if suggestion else None
        comment = suggestion.comment if suggestion else ""
        answer = suggestion.answer if suggestion else ""
        coach = session.coach_mode
        self.has_suggestion = level is not None or bool(comment)
        self.coach_shown = not session.form_mode and (coach or self.has_suggestion)
        position = max(self.suggested.findData(level), 0) if level is not None else 0
        if self.suggested.currentIndex() != position:
            self.suggested.setCurrentIndex(position)
        for box, value in ((self.coach_comment, comment), (self.answer, answer)):
            if box.text() != value and not box.hasFocus():
                box.setText(value)
        said = ""
        if level is not None:
            name = next((f" · {step.label}" for step in self.instrument.scale if step.value == level), "")
            said = f"Suggests {level}{name}" + (f": {comment}" if comment else "")
        elif comment:
            said = comment
        set_text(self.coach_said, said)
        for widget in (self.suggested, self.coach_comment):
            set_shown(widget, coach)
        set_shown(self.coach_said, not coach)
        # The answer is the lead's: in coach review mode it is shown to read, when there is one.
        set_shown(self.answer, self.has_suggestion and (not coach or bool(answer)))
        if self.answer.isReadOnly() != coach:
            self.answer.setReadOnly(coach)
        set_shown(self.accept_button, self.has_suggestion and not coach)
        rating_level = self.rating().level
        set_enabled(self.accept_button, level is not None and level != rating_level)
        set_text(
            self.accept_button,
            "Accepted" if suggestion and suggestion.accepted and level == rating_level else "Accept suggestion",
        )

    # ----- the level choices -----
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._on_choice_key(event) or super().eventFilter(watched, event)
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

    def _on_choice_key(self, event: QKeyEvent) -> bool:
        """Keys on the level choices; True when handled. Space is left to the button itself (it records)."""
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers & ~Qt.KeyboardModifier.ShiftModifier:
            return False  # Ctrl+Enter and the like are the window's shortcuts
        key, text = event.key(), event.text().lower()
        if text in self._choice_keys:
            self.record(self._choice_keys[text])
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.record(NOT_RATED_ID)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Left):
            self._pick(-1)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Right):
            self._pick(1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.commit_pending()
        elif key == Qt.Key.Key_Escape and self.pending:
            self.cancel_pending()
        else:
            return False
        return True

    def _pick(self, step: int) -> None:
        """Move the chosen level without recording it (Enter, Space or moving on records it)."""
        current = self.group.checkedButton()
        position = self.choices.index(current) if current in self.choices else len(self.choices) - 1
        chosen = self.choices[max(0, min(len(self.choices) - 1, position + step))]
        chosen.setChecked(True)
        chosen.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show_pending()

    def recorded_id(self) -> int:
        rating = self.rating()
        if rating.level is not None and rating.level in self.buttons:
            return rating.level
        return NOT_APPLICABLE_ID if rating.not_applicable else NOT_RATED_ID

    @property
    def pending(self) -> bool:
        """A level picked with the arrow keys and not recorded yet."""
        return self.group.checkedId() != self.recorded_id()

    def commit_pending(self) -> None:
        if self.pending:
            self.record(self.group.checkedId())

    def cancel_pending(self) -> None:
        focused = any(choice.hasFocus() for choice in self.choices)
        self._show_recorded()
        if focused:
            self.focus_choices()

    def record(self, button_id: int) -> None:
        """Record this answer (a level, N/A or not rated) as one undo step; the focus follows it."""
        focused = any(choice.hasFocus() for choice in self.choices)
        self._on_level(button_id)
        self._show_recorded()  # also when nothing changed, so a picked level that was not recorded goes back
        if focused:
            self.focus_choices()

    def _show_recorded(self) -> None:
        recorded = self.group.button(self.recorded_id())
        if not recorded.isChecked():
            recorded.setChecked(True)
        self._show_pending()

    def _show_pending(self) -> None:
        pending = self.pending
        button = self.group.checkedButton()
        if pending and button is not None:
            set_text(self.pending_note, f"{button.text()}: not recorded yet, Enter records it")
        set_shown(self.pending_note, pending)

    def rating(self) -> Rating:
        respondent = self.page.respondent()
        return respondent.ratings.get(self.criterion.id, UNRATED) if respondent else UNRATED

    def _on_level(self, button_id: int) -> None:
        current = self.rating()
        if button_id == NOT_APPLICABLE_ID:
            rating = current.model_copy(update={"level": None, "not_applicable": True})
        elif button_id == NOT_RATED_ID:
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
        self._show_recorded()
        for field, box, value in (("evidence", self.evidence, rating.evidence), ("notes", self.notes, rating.notes)):
            if box.toPlainText() != value and not self.text_notes[field].showing:
                box.set_text_quietly(value)
        set_text(self.next_steps, self._steps_text(rating.level))
        self._refresh_target()
        self._refresh_team()
        self._refresh_coach()
        self._show_details()

    def _steps_text(self, level: int | None) -> str:
        """Next steps up from this rating, or how to keep the top level, each with the sector that usually takes it."""
        criterion, lowest = self.criterion, self.instrument.lowest
        if level is None or not lowest <= level <= self.instrument.highest:
            return ""
        if level < self.instrument.highest:
            owned, title = criterion.owned_steps(level - lowest), "Next steps"
            sectors = criterion.next_steps_by[level - lowest] if criterion.next_steps_by else []
        else:
            owned, title, sectors = criterion.owned_keep_steps(), f"To keep level {level}", criterion.keep_by
        if not owned:
            return ""
        # 2.1 names one owner beside each step; 2.0 files named the sectors for all the steps together.
        who = f" (usually {', '.join(s.label for s in sectors)})" if sectors else ""
        return f"{title}{who}: " + " · ".join(
            f"{step.rstrip('.')} ({owner.label})" if owner else step for step, owner in owned
        )

    def _refresh_team(self) -> None:
        """With several respondents: the team's mean and range, the discussion flag and sector means from core."""
        document = self.page.session.document
        if len(document.respondents) < 2:
            set_text(self.team, "")
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
        set_text(self.team, text)
        style = theme.color(theme.CAUTION) if score.discuss else theme.MUTED
        if self.team.styleSheet() != style:
            self.team.setStyleSheet(style)
