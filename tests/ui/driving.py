"""Moving around the main window as a person does, shared by the UI tests."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from planner.ui.main_window import MainWindow


def show_row(window: MainWindow, row: int) -> QWidget:
    """Go to the section in this row of the navigation list."""
    window.ui.navList.setCurrentRow(row)
    QApplication.processEvents()  # the newly shown page lays out
    QApplication.processEvents()  # then its tables fit their columns, once the event loop is free
    return window.page_at(row)


def show_section(window: MainWindow, kind: type) -> QWidget:
    """Go to the first section page of this kind through the navigation list."""
    return show_row(window, next(n for n, p in enumerate(window.section_pages) if isinstance(p, kind)))


def type_into_cell(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex, text: str) -> None:
    """F2 on the cell, replace its text, Return."""
    view.setCurrentIndex(index)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    # Offscreen windows are never "active", so find the open editor rather than asking for focus.
    editor = next(w for w in view.viewport().findChildren(QLineEdit) if w.isVisible())
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # Qt commits the edit on Return through the event loop, then deletes the editor.
    qtbot.waitUntil(lambda: not any(w.isVisible() for w in view.viewport().findChildren(QLineEdit)))


def section_names(window: MainWindow, visible_only: bool = False) -> list[str]:
    """The section list's texts without their checklist marks (planner.ui.guide), as a person reads the names."""
    from planner.ui.guide import unmarked_name

    nav = window.ui.navList
    rows = [row for row in range(nav.count()) if not (visible_only and nav.item(row).isHidden())]
    return [unmarked_name(nav.item(row).text()) for row in rows]
