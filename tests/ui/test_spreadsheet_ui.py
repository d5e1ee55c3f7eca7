"""File > Export to Excel and Import from Excel, clicked through like a person would."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog
from pytestqt.qtbot import QtBot

from planner.ui.main_window import MainWindow
from planner.ui.spreadsheet import WorkbookImportDialog


def _export(window: MainWindow, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    offered: list[str] = []

    def save_name(_parent: object, _title: str, suggested: str, filter_: str) -> tuple[str, str]:
        offered.extend([suggested, filter_])
        return str(path), filter_

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    window.export_xlsx_action.trigger()
    assert offered[1] == "Excel workbook (*.xlsx)"


def test_export_then_import_preview_apply_undo(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_demo()
    assert window.session is not None
    session = window.session
    before = session.document
    book_path = tmp_path / "budget office.xlsx"
    _export(window, monkeypatch, book_path)
    book = openpyxl.load_workbook(book_path)
    book["Commitments"]["G2"] = 70000  # m-1, the county's year-1 coordinator money
    book["Cost items"]["B3"] = "WBL intermediary"
    book.save(book_path)

    dialog = window.import_xlsx_from(book_path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "changes 2 rows" in dialog.intro.text()
    assert dialog.lines.toPlainText().splitlines() == [
        "changed cost item WBL intermediary (c-wbl): name 'Work-based learning intermediary contract' to "
        "'WBL intermediary'",
        "changed commitment m-1: amount $64,000.00 to $70,000.00",
    ]
    assert session.document is before  # nothing applied by the preview
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Apply), Qt.MouseButton.LeftButton)
    after = session.document
    assert after.commitments[0].amount == 70000 and after.cost_items[1].name == "WBL intermediary"
    assert session.undo_stack.count() == 1 and session.undo_stack.undoText() == "Import from budget office.xlsx"
    window.undo_action.trigger()
    assert session.document == before
    window.redo_action.trigger()
    assert session.document == after


def test_a_bad_workbook_lists_its_rows_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_demo()
    assert window.session is not None
    before = window.session.document
    book_path = tmp_path / "plan.xlsx"
    _export(window, monkeypatch, book_path)
    book = openpyxl.load_workbook(book_path)
    book["Commitments"]["G2"] = "lots"
    book["Commitments"]["F3"] = 9
    book.save(book_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(book_path), ""))
    window.import_xlsx_action.trigger()
    dialog = window.findChild(WorkbookImportDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    assert "cannot be imported, so nothing in the plan has changed" in dialog.intro.text()
    lines = dialog.lines.toPlainText().splitlines()
    assert lines[0].startswith("Commitments, row 2, Amount (column G): 'lots' is not an amount")
    assert lines[1] == "Commitments, row 3, Plan year (column F): 9 is not a plan year (1 to 5)"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Apply) is None
    dialog.reject()
    assert window.session.document is before and window.session.undo_stack.count() == 0


def test_not_a_workbook_and_nothing_to_import(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_demo()
    junk = tmp_path / "notes.xlsx"
    junk.write_text("not a spreadsheet", "utf-8")
    dialog = window.import_xlsx_from(junk)
    qtbot.addWidget(dialog)
    assert dialog.lines.toPlainText() == "not an Excel workbook (.xlsx files are zip archives; this one is not)"
    same = tmp_path / "same.xlsx"
    _export(window, monkeypatch, same)
    unchanged = window.import_xlsx_from(same)
    qtbot.addWidget(unchanged)
    assert "there is nothing to import" in unchanged.intro.text()
    assert unchanged.buttons.button(QDialogButtonBox.StandardButton.Close) is not None
