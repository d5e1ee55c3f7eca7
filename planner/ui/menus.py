"""The menu entries the main window adds to its Designer form (team tools, Excel, View, Go, Help) and their icons.

Each function makes the actions and puts them in their menu; the window connects them to its handlers.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow

from planner.ui.generated.ui_main_window import Ui_MainWindow
from planner.ui.icons import app_icon, standard_icon


class FileExtras(NamedTuple):
    """The File menu's team tools (before the exports) and the budget office's spreadsheet (after them)."""

    form: QAction
    merge: QAction
    compare: QAction
    portfolio: QAction
    upgrade: QAction
    export_xlsx: QAction
    import_xlsx: QAction


def add_edit_actions(ui: Ui_MainWindow) -> tuple[QAction, QAction]:
    undo = ui.menuEdit.addAction("&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = ui.menuEdit.addAction("&Redo")
    redo.setShortcut(QKeySequence.StandardKey.Redo)
    return undo, redo


def add_file_extras(ui: Ui_MainWindow, parent: QMainWindow) -> FileExtras:
    menu = ui.menuFile
    before = ui.actionExportPdf
    team = [
        QAction(text, parent)
        for text in (
            "Hand out a &respondent form…",
            "&Merge returned forms…",
            "Compare with a &baseline…",
            "Open a coach's &portfolio folder…",
            "&Upgrade to the current instruments…",
        )
    ]
    for action in team:
        menu.insertAction(before, action)
    menu.insertSeparator(before)
    spreadsheet = [QAction("Export to E&xcel…", parent), QAction("&Import from Excel…", parent)]
    actions = menu.actions()
    after_export = actions[actions.index(before) + 1]
    for action in spreadsheet:
        menu.insertAction(after_export, action)
    return FileExtras(*team, *spreadsheet)


def add_view_menu(window: QMainWindow) -> tuple[QAction, QAction]:
    menu = window.menuBar().addMenu("&View")
    coach_mode = QAction("&Coach review mode", window)
    coach_mode.setCheckable(True)
    coach_mode.setToolTip("Edit the coach's suggested levels, comments and review")
    menu.addAction(coach_mode)
    review = QAction("&Ready to print?", window)
    review.setToolTip("What the plan still lacks before it is printed, each line a link to its field")
    review.setShortcut(QKeySequence("Ctrl+Shift+R"))
    menu.addAction(review)
    return coach_mode, review


def add_go_menu(window: QMainWindow) -> QAction:
    menu = window.menuBar().addMenu("&Go")
    next_unrated = QAction("Next &unrated criterion", window)
    next_unrated.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
    menu.addAction(next_unrated)
    return next_unrated


def add_help_menu(window: QMainWindow) -> tuple[QAction, QAction, QAction]:
    """Help: a short guide (F1), the keyboard shortcuts and About (versions of the app and instruments)."""
    menu = window.menuBar().addMenu("&Help")
    guide = menu.addAction("&Guide")
    guide.setShortcut(QKeySequence.StandardKey.HelpContents)
    shortcuts = menu.addAction("&Keyboard shortcuts")
    shortcuts.setShortcut(QKeySequence("Ctrl+/"))
    menu.addSeparator()
    about = menu.addAction("&About Sustainability Planner")
    about.setMenuRole(QAction.MenuRole.AboutRole)
    return guide, shortcuts, about


def set_icons(window: QMainWindow, ui: Ui_MainWindow, named: list[tuple[QAction, str]]) -> None:
    """The planner's icon on every window; the platform's standard icons on the common commands."""
    QApplication.setWindowIcon(app_icon())
    window.setWindowIcon(app_icon())
    for action, name in [
        (ui.actionNew, "new"),
        (ui.actionOpen, "open"),
        (ui.actionSave, "save"),
        (ui.actionSaveAs, "save_as"),
        (ui.actionExportPdf, "export"),
        (ui.actionClose, "close"),
        (ui.actionQuit, "quit"),
        *named,
    ]:
        action.setIcon(standard_icon(name))
    ui.menuRecent.setIcon(standard_icon("recent"))
    ui.actionOpenDemo.setIcon(app_icon())


def update_undo_actions(undo: QAction, redo: QAction, stack: QUndoStack | None) -> None:
    """Undo and Redo enabled as the stack allows, each naming its step ("Undo: Set the region")."""
    for action, word, can, text in (
        (undo, "&Undo", stack is not None and stack.canUndo(), stack.undoText() if stack else ""),
        (redo, "&Redo", stack is not None and stack.canRedo(), stack.redoText() if stack else ""),
    ):
        action.setEnabled(can)
        label = f"{word}: {text}" if can and text else word
        if action.text() != label:
            action.setText(label)
