"""Teams and coaches in the app: hand out and merge forms, review and accept, compare, portfolio."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from planner.core.assessment.scoring import format_score
from planner.core.editing.edits import set_rating
from planner.core.model.document import Rating, Sector
from planner.core.storage.storage import load_document, save_document
from planner.ui.main_window import MainWindow
from planner.ui.pages.profile import ProfilePage
from planner.ui.pages.rubric import RubricPage
from planner.ui.team import RespondentFormDialog
from tests.ui.driving import show_section

CRITERION = "org.coordination"


def test_hand_out_fill_in_and_merge_in_the_app(window: MainWindow, tmp_path: Path, answers, infos) -> None:  # type: ignore[no-untyped-def]
    window.open_demo()
    assert window.session is not None
    ana, ben = tmp_path / "ana.json", tmp_path / "ben.json"
    assert window.hand_out_form("Ana Ruiz", Sector.K12, ana)
    assert window.hand_out_form("Ben Ode", Sector.COLLEGE, ben)
    for path, level in ((ana, 1), (ben, 4)):
        form = load_document(path)
        save_document(set_rating(form, form.respondents[0].id, CRITERION, Rating(level=level)), path)
    (tmp_path / "broken.json").write_text("{", "utf-8")
    before = len(window.session.document.respondents)

    window.merge_files([ana, ben, tmp_path / "broken.json"])
    assert [r.name for r in window.session.document.respondents][before:] == ["Ana Ruiz", "Ben Ode"]
    assert infos[-1].startswith("Added the ratings of Ana Ruiz and Ben Ode (2 forms).")
    assert "• broken.json could not be read: it is damaged or is not a file saved by the planner." in infos[-1]
    # The card shows the team's aggregate from core: 1 (Ana), 4 (Ben) and the demo's own two ratings.
    page = show_section(window, RubricPage)
    assert isinstance(page, RubricPage)
    card = next(c for c in page.cards if c.criterion.id == CRITERION)
    score = window.session.analysis.capacity.domain("organizational").criterion(CRITERION)
    assert card.team.text().startswith(f"Team: mean {format_score(score.mean)}, range 1–4 of 4 ratings")
    assert "levels apart: discuss" in card.team.text()
    window.undo_action.trigger()  # the whole merge is one step
    assert len(window.session.document.respondents) == before
    window.redo_action.trigger()

    # Ana's form again: the app asks, and "No" keeps her first ratings.
    form = load_document(ana)
    save_document(set_rating(form, form.respondents[0].id, CRITERION, Rating(level=3)), ana)
    answers.append(QMessageBox.StandardButton.No)
    window.merge_files([ana])
    ana_id = form.respondents[0].id
    assert window.session.document.respondent(ana_id).ratings[CRITERION].level == 1  # type: ignore[union-attr]
    answers.append(QMessageBox.StandardButton.Yes)
    window.merge_files([ana])
    assert window.session.document.respondent(ana_id).ratings[CRITERION].level == 3  # type: ignore[union-attr]

    # The form itself opens with the profile read-only.
    window.session.undo_stack.setClean()
    window.open_path(ben, ask=False)
    profile = show_section(window, ProfilePage)
    assert isinstance(profile, ProfilePage)
    assert not profile.name.isEnabled() and not profile.partners.isEnabled()


def test_compare_view_shows_core_numbers(window: MainWindow, tmp_path: Path, warnings) -> None:  # type: ignore[no-untyped-def]
    window.open_demo()
    assert window.session is not None
    baseline = tmp_path / "baseline.json"
    save_document(window.session.document, baseline)
    rid = window.session.document.respondents[0].id
    window.session.apply(lambda d: set_rating(d, rid, CRITERION, Rating(level=4)), "Rate")
    dialog = window.compare_with(baseline)
    assert dialog is not None

    def cell(row: int, column: int) -> str:
        item = dialog.scores.item(row, column)
        assert item is not None
        return item.text().strip()

    titles = [cell(r, 0) for r in range(dialog.scores.rowCount())]
    row = titles.index("Brokering and coordination staff beyond the grant")
    assert cell(row, 4) == "▲ up"
    assert dialog.gaps.rowCount() == 3
    dialog.close()
    other = window.session.document.model_copy(
        update={"metadata": window.session.document.metadata.model_copy(update={"consortium_id": "c-other"})}
    )
    save_document(other, tmp_path / "other.json")
    assert window.compare_with(tmp_path / "other.json") is None
    assert "another consortium" in warnings[-1]


def test_portfolio_window_fills_sorts_filters_and_exports(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.open_demo()
    assert window.session is not None
    folder = tmp_path / "coach"
    folder.mkdir()
    demo = window.session.document
    for n in range(45):
        save_document(
            demo.model_copy(update={"profile": demo.profile.model_copy(update={"consortium_name": f"C{n:02d}"})}),
            folder / f"c{n:02d}.json",
        )
    (folder / "zz-broken.json").write_text("not json", "utf-8")
    portfolio = window.open_portfolio_folder(folder)
    assert portfolio is not None
    assert portfolio.loading  # rows arrive in batches from the event loop
    qtbot.waitUntil(lambda: not portfolio.loading, timeout=20_000)
    ModelTester(None).check(portfolio.model, force_py=True)
    assert portfolio.model.rowCount(QModelIndex()) == 46
    assert "46 files, 1 could not be read" in portfolio.status.text()
    portfolio.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert portfolio.proxy.index(0, 0).data() == "C44"
    qtbot.keyClicks(portfolio.filter, "broken")
    assert portfolio.proxy.rowCount() == 1
    out = tmp_path / "portfolio.csv"
    assert portfolio.export_to(out)
    assert out.read_text("utf-8").count("\n") == 47
    portfolio.close()


def test_respondent_form_dialog_by_keyboard(qtbot: QtBot) -> None:
    dialog = RespondentFormDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.name.hasFocus() and not ok.isEnabled()  # no form for nobody
    qtbot.keyClicks(dialog.name, "  Ana Ruiz ")
    assert ok.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # the "&Sector" label's buddy
    assert dialog.sector.hasFocus()
    qtbot.keyClick(dialog.sector, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.sector, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen() == ("Ana Ruiz", Sector.COLLEGE)
    assert dialog.sector.accessibleName() == "Respondent sector"
