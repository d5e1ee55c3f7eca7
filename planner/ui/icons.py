"""The planner's own icon (forms/icons/planner.svg, shipped with the forms in the wheel and the bundle) and
standard icons for common actions: the desktop theme's where it has one, else Qt's built-in pixmap."""

from __future__ import annotations

import functools

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from planner.resources import resource_path

APP_ICON = "icons/planner.svg"

SP = QStyle.StandardPixmap
# action → (freedesktop theme name, Qt's fallback). Windows and macOS have no icon theme: they get the fallback.
_STANDARD: dict[str, tuple[str, QStyle.StandardPixmap]] = {
    "new": ("document-new", SP.SP_FileIcon),
    "open": ("document-open", SP.SP_DialogOpenButton),
    "recent": ("document-open-recent", SP.SP_DirOpenIcon),
    "save": ("document-save", SP.SP_DialogSaveButton),
    "save_as": ("document-save-as", SP.SP_DialogSaveButton),
    "export": ("document-export", SP.SP_FileDialogContentsView),
    "close": ("document-close", SP.SP_DialogCloseButton),
    "quit": ("application-exit", SP.SP_DialogCancelButton),
    "undo": ("edit-undo", SP.SP_ArrowBack),
    "redo": ("edit-redo", SP.SP_ArrowForward),
    "folder": ("folder-open", SP.SP_DirOpenIcon),
    "guide": ("help-contents", SP.SP_DialogHelpButton),
    "about": ("help-about", SP.SP_MessageBoxInformation),
}


@functools.cache
def app_icon() -> QIcon:
    return QIcon(str(resource_path("forms", APP_ICON)))


def standard_icon(name: str) -> QIcon:
    theme, fallback = _STANDARD[name]
    style = QApplication.style()
    return QIcon.fromTheme(theme, style.standardIcon(fallback))
