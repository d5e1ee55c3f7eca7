"""Labels that show user text as text: Qt only, so the window can build them before the document models load."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QLabel

from planner.ui import theme


def plain_label(text: str = "", wrap: bool = True, role: str = "") -> QLabel:
    """A label that never interprets user text as HTML: QLabel renders rich text by default.

    See docs/architecture.md, "The document and undo".
    """
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if role:
        label.setObjectName(role)
    return label


class HeadingLabel(QLabel):
    """A plain-text label that assistive technology announces as a heading, so a screen-reader user can jump
    from section to section and from criterion to criterion (a QLabel alone is read as static text)."""

    def __init__(self, text: str, wrap: bool = True, role: str = "") -> None:
        super().__init__(text)
        _install_heading_role()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(wrap)
        self.setAccessibleName(text)
        if role:
            self.setObjectName(role)


_heading_role_installed = False


def _heading_accessible(_class_name: str, widget: object) -> QAccessibleInterface | None:
    # Qt takes ownership of the interface it is handed and deletes it with the widget.
    if isinstance(widget, HeadingLabel):
        return QAccessibleWidget(widget, QAccessible.Role.Heading)
    return None


def _install_heading_role() -> None:
    global _heading_role_installed
    if not _heading_role_installed:
        QAccessible.installFactory(_heading_accessible)
        _heading_role_installed = True


def heading(text: str) -> QLabel:
    label = HeadingLabel(text, role="pageHeading")
    label.setStyleSheet(theme.PAGE_HEADING)
    return label


def subheading(text: str) -> QLabel:
    label = HeadingLabel(text, wrap=False, role="subHeading")
    label.setStyleSheet(theme.SUBHEADING)
    return label
