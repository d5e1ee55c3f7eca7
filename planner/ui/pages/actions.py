"""The actions section: next steps from the priorities, decisions asked of the committee, adoption."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.assessment.scoring import format_score
from planner.core.editing import edits
from planner.core.editing.entry import read_count, read_date
from planner.core.model.document import (
    DECISION_MAX,
    MAX_DECISIONS,
    NAME_MAX,
    TEXT_MAX,
    ActionItem,
    new_id,
)
from planner.ui import columns
from planner.ui.fields import CheckedLine, FieldNote, LimitedTextEdit, TextLine, limit_message
from planner.ui.models import RecordTableModel
from planner.ui.pages.common import (
    SectionPage,
    TableEditor,
    heading,
    plain_label,
    scrolling_body,
)
from planner.ui.session import DocumentSession

# The decisions box holds one decision per line.
DECISIONS_MAX = MAX_DECISIONS * (DECISION_MAX + 1)
ACTIONS_MIN_HEIGHT, DECISIONS_MAX_HEIGHT = 250, 140


class ActionsPage(SectionPage):
    def __init__(self, session: DocumentSession) -> None:
        super().__init__(session)
        outer = QVBoxLayout(self)
        outer.addWidget(heading("Action plan"))
        # The table, the decisions and the adoption form are more than a 768-pixel screen holds: the page
        # scrolls below its heading rather than squeeze them.
        _area, body = scrolling_body(outer)
        self.table = TableEditor(
            "Actions",
            RecordTableModel(session, "actions", "action", columns.action_columns(session)),
            empty_hint="No actions yet. Press Add action, or pick a priority below and press Add action from priority.",
        )
        self.table.sig_error.connect(self.sig_error)
        # In the scrolling page each part takes its preferred height: the actions get room for about seven
        # rows, the decisions (a few lines) no more than they need to be read and typed in.
        self.table.view.setMinimumHeight(ACTIONS_MIN_HEIGHT)
        body.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(plain_label("Add an action for a priority:", wrap=False))
        self.priority_box = QComboBox()
        self.priority_box.setAccessibleName("Priority to act on")
        # A long priority name must not widen the page; the open list shows it whole.
        self.priority_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.priority_box.setMinimumContentsLength(20)
        row.addWidget(self.priority_box, 1)
        self.add_from_priority = QPushButton("Add action from priority")
        row.addWidget(self.add_from_priority)
        body.addLayout(row)
        body.addWidget(plain_label("Decisions the steering committee is asked to make (one per line):"))
        self.decisions = LimitedTextEdit(DECISIONS_MAX)
        self.decisions.setAccessibleName("Decisions requested")
        self.decisions.setMaximumHeight(DECISIONS_MAX_HEIGHT)
        body.addWidget(self.decisions, 1)
        self.decisions_note = FieldNote(self.decisions)
        body.addWidget(self.decisions_note)
        self.decisions.sig_trimmed.connect(lambda limit: self.decisions_note.show_problem(limit_message(limit)))
        self.add_from_priority.clicked.connect(self._add_from_priority)
        self.decisions.textChanged.connect(self._on_decisions)
        body.addWidget(self._adoption_form())
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
            ("seconded_by", "Secon&ded by"),  # Alt+N is Next (planner.ui.guide)
            ("votes_for", "Votes for"),
            ("votes_against", "Votes against"),
            ("abstentions", "Abstentions"),
            ("adopted_on", "Date &adopted"),
        ]
        readers: dict[str, Callable[[str], object]] = {"adopted_on": read_date}
        readers.update(dict.fromkeys(("votes_for", "votes_against", "abstentions"), read_count))
        for field, label in fields:
            name = label.replace("&", "")
            reader = readers.get(field)
            line = CheckedLine(reader, name, "YYYY-MM-DD" if field == "adopted_on" else "") if reader else TextLine()
            line.setAccessibleName(name)
            line.setMaxLength(TEXT_MAX if field == "motion" else NAME_MAX)
            form.addRow(label, line)
            note = line.note if isinstance(line, CheckedLine) else FieldNote(line)
            form.addRow("", note)
            self.adoption_text[field], self.adoption_notes[field] = line, note
            if isinstance(line, CheckedLine):
                line.sig_entered.connect(lambda value, field=field: self._on_adoption(field, value))
            else:
                line.editingFinished.connect(
                    lambda field=field, line=line: self._on_adoption(field, line.text().strip())
                )
        return box

    def _on_adoption(self, field: str, value: Any) -> None:
        line, note = self.adoption_text[field], self.adoption_notes[field]
        if value != getattr(self.session.document.adoption, field):
            self.try_edit(
                lambda d: edits.set_adoption(d, **{field: value}),
                f"Edit {line.accessibleName().lower()}",
                note=note,
                label=line.accessibleName(),
            )
        else:
            note.clear_problem()

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
            if line.text() != shown and not line.hasFocus() and not self.adoption_notes[field].showing:
                line.setText(shown)
