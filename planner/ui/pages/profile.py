"""The profile section: who the consortium is, its grant, partners and steering committee."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.core.editing import edits
from planner.core.editing.entry import read_amount, read_date
from planner.core.funding.costs import horizon_notice
from planner.core.model.document import NAME_MAX
from planner.core.model.money import format_money
from planner.core.model.profile import profile_context
from planner.core.model.reference import round_one_by_name, round_one_named, round_one_overwrites
from planner.ui import columns, theme
from planner.ui.fields import CheckedLine, FieldNote, TextLine
from planner.ui.models import RecordTableModel
from planner.ui.pages.common import (
    SectionPage,
    TableEditor,
    heading,
    plain_label,
    scrolling_body,
    subheading,
)
from planner.ui.session import DocumentSession


class PickList(QComboBox):
    """A list whose choice counts once it has settled: at once when picked from the opened list; after a pause
    when picked by typing a name or with the arrow keys (each of those key presses picks an entry on its way),
    or as soon as focus moves on.

    Signals:
        sig_picked(): the person settled on the current entry.
    """

    sig_picked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._closing_list = False
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(QApplication.keyboardInputInterval() + 100)  # typing a name is one pick
        self._settle.timeout.connect(self.sig_picked)
        self.activated.connect(self._on_activated)

    def hidePopup(self) -> None:
        # Qt closes the list and then reports the entry picked in it, in one go: mark that moment.
        self._closing_list = True
        QTimer.singleShot(0, self._list_closed)
        super().hidePopup()

    def _list_closed(self) -> None:
        self._closing_list = False

    def _on_activated(self, _index: int) -> None:
        if self._closing_list:
            self._settle.stop()
            self.sig_picked.emit()
        else:
            self._settle.start()

    def show_entry(self, index: int) -> None:
        """Show this entry without picking it. The list's own cursor moves too: typing a name searches from it, so
        a stale one would make the same name typed again after a Cancel find nothing new and pick nothing."""
        self.setCurrentIndex(index)
        self.view().setCurrentIndex(self.model().index(index, self.modelColumn()))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if self._settle.isActive():
            self._settle.stop()
            self.sig_picked.emit()
        super().focusOutEvent(event)


class ProfilePage(SectionPage):
    def __init__(self, session: DocumentSession) -> None:
        super().__init__(session)
        outer = QVBoxLayout(self)
        outer.addWidget(heading("Consortium profile"))
        # The fields, their notes, the context lines and both tables are more than a 768-pixel screen holds:
        # below the heading the page scrolls, and nothing is squeezed to fit.
        _area, body = scrolling_body(outer)
        form = QFormLayout()
        self.name = TextLine()
        # The state's Round One list fills the fiscal agent, award and region; any other fiscal agent is typed.
        self.round_one = PickList()
        self.round_one.addItem("Not a Round One consortium (or not chosen yet)", None)
        for consortium in round_one_by_name():
            self.round_one.addItem(f"{consortium.fiscal_agent} ({consortium.region})", consortium.fiscal_agent)
        self.round_one.setMaxVisibleItems(15)
        self.fiscal_agent = TextLine()
        self.region = TextLine()
        self.award = CheckedLine(read_amount, "Grant award", "$0.00")
        self.grant_start = CheckedLine(read_date, "Grant start", "YYYY-MM-DD")
        self.grant_end = CheckedLine(read_date, "Grant end", "YYYY-MM-DD")
        self.horizon = QSpinBox()
        self.horizon.setRange(1, 5)
        self.horizon.setSuffix(" years after the grant")
        self.prior_linked_learning = QCheckBox("Linked Learning pathways before the grant")
        self.prior_academies = QCheckBox("California Partnership Academies before the grant")
        for line in (self.name, self.region, self.fiscal_agent):
            line.setMaxLength(NAME_MAX)
        self.notes: dict[QWidget, FieldNote] = {}
        for label, widget in [
            ("Consortium &name", self.name),
            ("Round &One consortium", self.round_one),
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
        self.round_one.setAccessibleName("Round One consortium (fills fiscal agent, award and region)")
        self.round_one.setToolTip("Picking a Round One grant fills in its fiscal agent, award and region.")
        self.context = plain_label(role="profileContext")
        self.context.setAccessibleName("Consortium context")
        self.context.setStyleSheet(theme.MUTED)
        body.addLayout(self._beside_context(form))
        self.partners = TableEditor(
            "Partners",
            RecordTableModel(session, "partners", "partner", columns.partner_columns()),
            empty_hint="No partners yet. Press Add partner for each district, college, employer and agency in the "
            "consortium.",
        )
        self.steering = TableEditor(
            "Steering committee (signs the plan)",
            RecordTableModel(session, "steering_committee", "member", columns.steering_columns(session)),
            empty_hint="No steering-committee members yet. Press Add member for each person who signs the plan.",
        )
        body.addWidget(self.partners, 2)
        body.addWidget(self.steering, 1)
        for table in (self.partners, self.steering):
            table.sig_error.connect(self.sig_error)

        # An empty name is refused and stays on screen, marked, until it is fixed (it used to keep the old name
        # in the document while the field showed nothing).
        self.name.textEdited.connect(lambda t: self._set("consortium_name", t, widget=self.name))
        self.region.textEdited.connect(lambda t: self._set("region", t, widget=self.region))
        self.fiscal_agent.textEdited.connect(lambda t: self._set("fiscal_agent", t, widget=self.fiscal_agent))
        self.round_one.sig_picked.connect(self._on_round_one)
        for field, checked in (("award", self.award), ("grant_start", self.grant_start), ("grant_end", self.grant_end)):
            checked.sig_entered.connect(lambda value, field=field, line=checked: self._on_entered(field, line, value))
        self.horizon.valueChanged.connect(lambda v: self._set("horizon_years", v, merge=False, widget=self.horizon))
        self.prior_linked_learning.toggled.connect(lambda on: self._set("prior_linked_learning", on, merge=False))
        self.prior_academies.toggled.connect(lambda on: self._set("prior_partnership_academies", on, merge=False))
        self.refresh()

    def _beside_context(self, form: QFormLayout) -> QHBoxLayout:
        """The context beside the fields, not under them: its lines change as partners are added, and under the
        form they pushed "Add partner" down between two clicks (a partner's name was then typed over)."""
        context_box = QVBoxLayout()
        context_box.addWidget(subheading("Context"))
        context_box.addWidget(self.context)
        context_box.addStretch()
        top = QHBoxLayout()
        top.addLayout(form, 3)
        top.addLayout(context_box, 2)
        return top

    def _set(self, field: str, value: Any, merge: bool = True, widget: QWidget | None = None) -> bool:
        note = self.notes.get(widget) if widget is not None else None
        return self.try_edit(
            lambda d: edits.set_profile(d, **{field: value}),
            f"Edit {field.replace('_', ' ')}",
            merge_key=f"profile.{field}" if merge else None,
            note=note,
            label=widget.accessibleName() if widget is not None else "",
        )

    def _on_round_one(self) -> None:
        """Fill in the picked Round One grant as one undo step, asking first before it replaces an award or region
        the person entered: Yes replaces them, No keeps theirs (the rest is still filled), Cancel changes nothing."""
        pick = round_one_named(self.round_one.currentData() or "")
        profile = self.session.document.profile
        if pick is None:
            # "Not a Round One consortium": the Round One name goes (type the real one); award and region stay.
            if round_one_named(profile.fiscal_agent) is not None:
                self.try_edit(lambda d: edits.set_profile(d, fiscal_agent=""), "Not a Round One consortium")
            return
        fill = {"fiscal_agent": pick.fiscal_agent, "award": pick.award, "region": pick.region}
        replaced = round_one_overwrites(pick, profile.fiscal_agent, profile.award, profile.region)
        if replaced:
            labels = {"award": "Grant award", "region": "Region"}
            lines = "\n".join(f"  {labels[field]}: {old} → {new}" for field, old, new in replaced)
            answer = QMessageBox.question(
                self,
                "Replace what you entered?",
                f"The Round One list gives {pick.fiscal_agent} a different grant:\n\n{lines}\n\n"
                "Yes replaces what you entered. No keeps it and fills in only the rest.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.No,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                self._show_round_one()
                return
            if answer == QMessageBox.StandardButton.No:
                for field, _old, _new in replaced:
                    del fill[field]
        if all(getattr(profile, field) == value for field, value in fill.items()):
            return
        # Picks in a row that asked nothing (arrow keys through the list) are one undo step; an answered question
        # is a step of its own, so Undo gives back exactly what the person had before they said Yes or No.
        merge = None if replaced else "profile.round_one"
        self.try_edit(lambda d: edits.set_profile(d, **fill), "Pick Round One consortium", merge_key=merge)

    def _show_round_one(self) -> None:
        """The list shows the Round One grant whose fiscal agent the plan names, or none."""
        index = self.round_one.findData(self.session.document.profile.fiscal_agent)
        self.round_one.show_entry(max(0, index))

    def _on_entered(self, field: str, line: CheckedLine, value: object) -> None:
        if value != getattr(self.session.document.profile, field):
            self._set(field, value, merge=False, widget=line)
        else:
            line.note.clear_problem()

    def refresh(self) -> None:
        # A respondent form carries the consortium's profile for context; it is the lead's to change, not theirs.
        editable = self.session.document.form is None
        profile_widgets: tuple[QWidget, ...] = (self.name, self.round_one, self.fiscal_agent, self.region, self.award)
        profile_widgets += (self.grant_start, self.grant_end, self.horizon, self.partners, self.steering)
        profile_widgets += (self.prior_linked_learning, self.prior_academies)
        for widget in profile_widgets:
            widget.setEnabled(editable)
        profile = self.session.document.profile
        for widget, value in [(self.name, profile.consortium_name), (self.region, profile.region)]:
            if widget.text() != value and not widget.hasFocus():
                widget.setText(value)
        if self.fiscal_agent.text() != profile.fiscal_agent and not self.fiscal_agent.hasFocus():
            self.fiscal_agent.setText(profile.fiscal_agent)
        self._show_round_one()
        self.award.show_value(format_money(profile.award) if profile.award is not None else "")
        self.grant_start.show_value(profile.grant_start.isoformat() if profile.grant_start else "")
        self.grant_end.show_value(profile.grant_end.isoformat() if profile.grant_end else "")
        self.horizon.blockSignals(True)
        self.horizon.setValue(profile.horizon_years)
        self.horizon.setSuffix(f" year{'s' if profile.horizon_years != 1 else ''} after the grant")
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
