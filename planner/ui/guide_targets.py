"""Where a "Ready to print?" line leads: the field a gap's target names, on the page of its section (see
:mod:`planner.core.assessment.readiness` for the targets). The keyboard lands on the field, scrolled into view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from planner.ui.pages.common import TableEditor


def focus_target(page: QWidget, target: str) -> bool:
    """Put the focus on the target's field on ``page``; False when the page has no such field."""
    QApplication.processEvents()  # the page was just shown: let it lay out before scrolling to a field
    kind, _, rest = target.partition(":")
    field = _field(page, kind, rest)
    if field is None:
        return False
    field.setFocus(Qt.FocusReason.OtherFocusReason)
    _scroll_to(field)
    return True


def _field(page: QWidget, kind: str, rest: str) -> QWidget | None:
    from planner.ui.pages.actions import ActionsPage
    from planner.ui.pages.rubric import RubricPage

    if kind == "field":
        widget = getattr(page, rest, None)
        return widget if isinstance(widget, QWidget) else None
    if kind == "table":
        list_field, _, row = rest.partition(":")
        table = next((t for t in page.findChildren(TableEditor) if t.model.list_field == list_field), None)
        if table is None:
            return None
        if row.isdigit() and int(row) < table.model.rowCount():
            table.view.setCurrentIndex(table.model.index(int(row), 0))
            table.view.scrollTo(table.model.index(int(row), 0))
        return table.view
    if kind == "adoption" and isinstance(page, ActionsPage):
        return page.adoption_text["motion"]
    if isinstance(page, RubricPage):
        if kind == "respondents":
            return page.respondent_box
        position = next((n for n, card in enumerate(page.cards) if card.criterion.id == rest), None)
        if position is None:
            return None
        page.show_criterion(position)
        card = page.cards[position]
        return card.target if kind == "target" else (card.group.checkedButton() or card.unrated_button)
    return None


def _scroll_to(field: QWidget) -> None:
    from PySide6.QtWidgets import QScrollArea

    parent = field.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(field, 0, 24)
        parent = parent.parentWidget()
