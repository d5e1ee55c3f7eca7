"""The profile section: who the consortium is, its grant, partners and steering committee."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.core import edits
from planner.core.costs import horizon_notice
from planner.core.document import (
    NAME_MAX,
    Partner,
    Sector,
    SteeringMember,
    new_id,
)
from planner.core.entry import read_amount, read_date
from planner.core.money import format_money
from planner.core.profile import profile_context
from planner.core.reference import round_one_consortia
from planner.ui import columns
from planner.ui.fields import CheckedLine, FieldNote
from planner.ui.models import RecordTableModel
from planner.ui.pages.common import (
    SectionPage,
    TableEditor,
    heading,
    plain_label,
)
from planner.ui.session import DocumentSession


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
        self.award = CheckedLine(read_amount, "Grant award", "$0.00")
        self.grant_start = CheckedLine(read_date, "Grant start", "YYYY-MM-DD")
        self.grant_end = CheckedLine(read_date, "Grant end", "YYYY-MM-DD")
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
            note = widget.note if isinstance(widget, CheckedLine) else FieldNote(widget)
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
        for field, line in (("award", self.award), ("grant_start", self.grant_start), ("grant_end", self.grant_end)):
            line.sig_entered.connect(lambda value, field=field, line=line: self._on_entered(field, line, value))
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

    def _on_entered(self, field: str, line: CheckedLine, value: object) -> None:
        if value != getattr(self.session.document.profile, field):
            self._set(field, value, merge=False, widget=line)
        else:
            line.note.clear_problem()

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
        self.award.show_value(format_money(profile.award) if profile.award is not None else "")
        self.grant_start.show_value(profile.grant_start.isoformat() if profile.grant_start else "")
        self.grant_end.show_value(profile.grant_end.isoformat() if profile.grant_end else "")
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
        # A cross-field check said where the cause is: a shorter plan leaves later costs out of every total.
        if not self.notes[self.horizon].showing:
            self.notes[self.horizon].show_notice(horizon_notice(self.session.document))
