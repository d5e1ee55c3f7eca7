"""Who the window is for: a banner over the sections in a respondent form (a team member rating for the
consortium) and in coach review mode, so nobody wonders why some fields cannot be changed.

Qt only at module level, like the main window: it is built before the document models load.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from planner.ui import theme

if TYPE_CHECKING:
    from planner.ui.session import DocumentSession


def banner_text(session: DocumentSession | None) -> str:
    """What the banner says for this document and role; empty for the lead working on the plan."""
    if session is None:
        return ""
    document = session.document
    if session.form_mode:
        return (
            f"You are rating as {document.respondents[0].name} for {document.profile.consortium_name}; only your "
            "ratings go back. Rate on the capacity pages, then save this file and send it to your lead."
        )
    if session.coach_mode:
        return (
            "Coach review mode: suggested levels, comments and the review on the Summary page can be changed. "
            "View > Coach review mode turns it off."
        )
    return ""


class RoleBanner(QLabel):
    """A one-line strip across the top of the window; hidden when the lead works on their own plan."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("roleBanner")
        self.setTextFormat(Qt.TextFormat.PlainText)  # names are user text
        self.setWordWrap(True)
        self.setAccessibleName("Role")
        self.setContentsMargins(12, 6, 12, 6)
        self.setVisible(False)

    def show_for(self, session: DocumentSession | None) -> None:
        text = banner_text(session)
        self.setText(text)
        self.setAccessibleDescription(text)
        if text:
            self.setStyleSheet(
                f"QLabel#roleBanner {{ {theme.FORM_BANNER if session and session.form_mode else theme.COACH_BANNER} }}"
            )
        self.setVisible(bool(text))


def add_role_banner(window: QMainWindow) -> RoleBanner:
    """The banner goes above the navigation and the sections, across the whole window."""
    banner = RoleBanner()
    sections = window.takeCentralWidget()
    assert sections is not None  # the form's central widget
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(banner)
    column.addWidget(sections, 1)
    window.setCentralWidget(holder)
    return banner
