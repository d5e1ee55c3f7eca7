"""The coach's tools as a coach uses them: the portfolio of a folder (plans, broken files, team members' forms)
and the comparison with a baseline, changed criteria only unless asked for all."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from planner.core.assessment.team import respondent_form
from planner.core.editing.edits import set_profile, set_rating
from planner.core.model.document import Document, Rating, Sector
from planner.core.storage.storage import save_document
from planner.ui.main_window import MainWindow
from planner.ui.team import PortfolioWindow

CRITERION = "org.coordination"


def _coach_folder(folder: Path, demo: Document) -> Path:
    folder.mkdir()
    for name in ("Cedar Valley", "Alder Basin", "Birch Coast"):
        save_document(set_profile(demo, consortium_name=name), folder / f"{name.split()[0].lower()}.json")
    (folder / "aaa-broken.json").write_text('{"schema_version": 3, "metadata": ', "utf-8")
    save_document(respondent_form(demo, "Pat Lee", Sector.EMPLOYER), folder / "form-pat-lee.json")
    return folder


def _open_portfolio(qtbot: QtBot, window: MainWindow, folder: Path) -> PortfolioWindow:
    portfolio = window.open_portfolio_folder(folder)
    assert portfolio is not None
    qtbot.waitUntil(lambda: not portfolio.loading, timeout=20_000)
    return portfolio


def _column(portfolio: PortfolioWindow, header: str) -> int:
    return portfolio.model.headers().index(header)


def _shown_names(portfolio: PortfolioWindow) -> list[str]:
    return [portfolio.proxy.index(row, 1).data() for row in range(portfolio.proxy.rowCount())]


def test_portfolio_lists_forms_apart_and_broken_files_last(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, demo: Document
) -> None:
    portfolio = _open_portfolio(qtbot, window, _coach_folder(tmp_path / "coach", demo))
    ModelTester(None).check(portfolio.model, force_py=True)
    headers = portfolio.model.headers()
    assert len(headers) == len(set(headers)), headers  # no two columns called "Band"
    assert "Organizational band" in headers and "Overall band" in headers
    # The form is not a consortium: it is in its own list, named with whose ratings it holds.
    assert portfolio.model.rowCount(QModelIndex()) == 4
    assert portfolio.forms.isVisibleTo(portfolio) and portfolio.forms.count() == 1
    assert "Pat Lee's ratings for Alder Basin" in portfolio.forms.item(0).text()
    assert "4 files, 1 could not be read; 1 team member's form listed separately" in portfolio.status.text()
    # Broken files stay at the bottom whichever way the table is sorted.
    assert _shown_names(portfolio) == ["alder.json", "birch.json", "cedar.json", "aaa-broken.json"]
    portfolio.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert _shown_names(portfolio) == ["cedar.json", "birch.json", "alder.json", "aaa-broken.json"]
    for column in (_column(portfolio, "Overall"), _column(portfolio, "File")):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            portfolio.view.sortByColumn(column, order)
            assert _shown_names(portfolio)[-1] == "aaa-broken.json"
    # Its reason is in the first column (in full in the tooltip) and, once selected, in a wrapped line below.
    broken = portfolio.proxy.index(3, 0)
    assert broken.data().startswith("Could not be read: ")
    assert "aaa-broken.json could not be read" in broken.data(Qt.ItemDataRole.ToolTipRole)
    portfolio.view.setFocus()
    portfolio.view.setCurrentIndex(broken)
    assert portfolio.detail.text().startswith("aaa-broken.json could not be read: ")
    assert portfolio.detail.wordWrap() and portfolio.detail.isVisibleTo(portfolio)
    portfolio.close()


def test_double_click_and_enter_open_the_plan_in_the_main_window(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, demo: Document
) -> None:
    folder = _coach_folder(tmp_path / "coach", demo)
    portfolio = _open_portfolio(qtbot, window, folder)
    assert window.session is None
    first = portfolio.proxy.index(0, 0)  # Alder Basin, sorted by consortium
    viewport, at = portfolio.view.viewport(), portfolio.view.visualRect(first).center()
    # A person's double-click: the first click, then the second that Qt reports as the double-click.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=at)
    qtbot.waitUntil(lambda: window.session is not None)
    assert window.session is not None and window.session.path == folder / "alder.json"
    assert window.session.document.profile.consortium_name == "Alder Basin"
    portfolio.view.setFocus()
    portfolio.view.setCurrentIndex(portfolio.proxy.index(2, 0))
    assert "Cedar Valley (cedar.json): press Enter" in portfolio.detail.text()
    qtbot.keyClick(portfolio.view, Qt.Key.Key_Return)
    assert window.session.path == folder / "cedar.json"
    # A team member's form opens the same way, from its own list.
    portfolio.forms.setFocus()
    portfolio.forms.setCurrentRow(0)
    qtbot.keyClick(portfolio.forms, Qt.Key.Key_Return)
    assert window.session.path == folder / "form-pat-lee.json"
    assert window.session.document.form is not None
    portfolio.close()


def test_portfolio_without_forms_hides_their_list(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, demo: Document
) -> None:
    folder = tmp_path / "coach"
    folder.mkdir()
    save_document(demo, folder / "alder.json")
    portfolio = _open_portfolio(qtbot, window, folder)
    assert not portfolio.forms.isVisibleTo(portfolio) and not portfolio.ui.formsLabel.isVisibleTo(portfolio)
    assert "Select a consortium" in portfolio.detail.text()
    portfolio.close()


def test_compare_shows_changed_criteria_only_until_asked_for_all(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.open_demo()
    assert window.session is not None
    baseline = tmp_path / "baseline.json"
    save_document(window.session.document, baseline)
    rid = window.session.document.respondents[0].id
    window.session.apply(lambda d: set_rating(d, rid, CRITERION, Rating(level=4)), "Rate")
    dialog = window.compare_with(baseline)
    assert dialog is not None
    assert dialog.changed_only.isChecked()  # on by default
    shown = dialog.visible_titles()
    # The overall line, the one domain that moved, and its one criterion that moved.
    moved = "Brokering and coordination staff beyond the grant"
    assert shown == ["Overall readiness", "Organizational capacity", moved]
    total = sum(len(i.criteria) for i in window.instruments)
    assert f"1 of {total} criteria changed" in dialog.ui.baseline.text()
    qtbot.mouseClick(dialog.changed_only, Qt.MouseButton.LeftButton)
    assert not dialog.changed_only.isChecked()
    assert len(dialog.visible_titles()) == 1 + len(window.instruments) + total
    dialog.changed_only.setFocus()
    qtbot.keyClick(dialog.changed_only, Qt.Key.Key_Space)
    assert dialog.visible_titles() == shown
    dialog.close()


def test_compare_with_nothing_changed_says_so(window: MainWindow, tmp_path: Path) -> None:
    window.open_demo()
    assert window.session is not None
    baseline = tmp_path / "baseline.json"
    save_document(window.session.document, baseline)
    dialog = window.compare_with(baseline)
    assert dialog is not None
    assert "None of the" in dialog.ui.baseline.text()
    assert dialog.visible_titles() == ["Overall readiness"]
    QApplication.processEvents()
    dialog.close()
