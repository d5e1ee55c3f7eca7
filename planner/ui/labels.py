"""Labels that show user text as text: Qt only, so the window can build them before the document models load."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


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
