from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from planner.core.assessment.analysis import analyze
from planner.core.model.document import CommitmentStatus, FundingSource, ItemPriority, Rating, Sector
from planner.core.storage.storage import load_document, save_document
from planner.ui.autosave import Autosaver
from planner.ui.main_window import MainWindow
from planner.ui.pages.common import TableEditor
from planner.ui.pages.costs import CostsPage
from planner.ui.pages.profile import ProfilePage
from planner.ui.pages.rubric import RubricPage
from planner.ui.pages.summary import SummaryPage
from planner.ui.recovery import RecoveryDialog
from tests.ui.driving import show_section, type_into_cell


def test_whole_assessment_by_clicks_and_keys(qtbot: QtBot, window: MainWindow, tmp_path: Path, answers) -> None:  # type: ignore[no-untyped-def]
    window.ui.actionNew.trigger()
    assert window.session is not None
    profile = show_section(window, ProfilePage)
    assert isinstance(profile, ProfilePage)
    profile.name.clear()
    qtbot.keyClicks(profile.name, "Coastal Ridge Pathways")
    profile.round_one.setFocus()
    qtbot.keyClicks(profile.round_one, "Sonoma")  # a Round One pick fills the rest once focus moves on
    qtbot.keyClick(profile.round_one, Qt.Key.Key_Tab)
    assert window.session.document.profile.award == Decimal("14999690.00")
    assert window.session.document.profile.region == "Northern"
    profile.horizon.setValue(3)

    qtbot.mouseClick(profile.partners.add_button, Qt.MouseButton.LeftButton)
    type_into_cell(qtbot, profile.partners.view, profile.partners.model.index(0, 0), "Coastal Ridge USD")
    qtbot.mouseClick(profile.partners.add_button, Qt.MouseButton.LeftButton)
    type_into_cell(qtbot, profile.partners.view, profile.partners.model.index(1, 0), "Harbor College")
    profile.partners.model.setData(profile.partners.model.index(1, 1), Sector.COLLEGE)
    assert [p.name for p in window.session.document.partners] == ["Coastal Ridge USD", "Harbor College"]

    for row, page in enumerate(window.rubric_pages(), start=1):
        window.ui.navList.setCurrentRow(row)
        QApplication.processEvents()
        for n, card in enumerate(page.cards):
            if page.instrument.id == "technical" and n == 0:
                qtbot.keyClick(card.na_button, Qt.Key.Key_Space)  # by keyboard, as a person would
            else:
                qtbot.mouseClick(card.buttons[1 + n % 4], Qt.MouseButton.LeftButton)
        qtbot.keyClicks(page.cards[1].evidence, "Signed MOU, 2026")
    rated = window.session.document.respondents[0].ratings
    assert [c.id for i in window.instruments for c in i.criteria if c.id not in rated] == []
    assert "Technical capacity  14/14" in window.ui.navList.item(2).text()

    costs = show_section(window, CostsPage)
    assert isinstance(costs, CostsPage)
    qtbot.mouseClick(costs.items.add_button, Qt.MouseButton.LeftButton)
    type_into_cell(qtbot, costs.items.view, costs.items.model.index(0, 0), "Coordinator")
    type_into_cell(qtbot, costs.items.view, costs.items.model.index(0, 5), "$100,000.50")
    type_into_cell(qtbot, costs.items.view, costs.items.model.index(0, 6), "-5")  # refused: negative money
    assert window.session.document.cost_items[0].costs == {1: Decimal("100000.50")}
    assert "negative" in window.statusBar().currentMessage()
    qtbot.mouseClick(costs.commitments.add_button, Qt.MouseButton.LeftButton)
    type_into_cell(qtbot, costs.commitments.view, costs.commitments.model.index(0, 3), "60000")
    commitments = costs.commitments.model
    assert commitments.setData(commitments.index(0, 7), CommitmentStatus.COMMITTED)  # what the status drop-down sends
    # Issue 12: the kind of fund and the item's priority, as their drop-downs send them.
    assert commitments.setData(commitments.index(0, 4), FundingSource.LCFF_LCAP)
    assert costs.items.model.setData(costs.items.model.index(0, 3), ItemPriority.KEEP_FIRST)
    assert window.session.document.commitments[0].fund is FundingSource.LCFF_LCAP
    assert window.session.document.cost_items[0].priority is ItemPriority.KEEP_FIRST
    year_one = [costs.totals.item(0, column).text() for column in range(4)]  # type: ignore[union-attr]
    # Whole dollars, half up; a plan without a grant end date names its years "after the grant".
    assert year_one == ["Year 1 after the grant", "$100,001", "$60,000", "$40,001"]

    analysis = analyze(window.session.document, window.instruments)
    summary = show_section(window, SummaryPage)
    assert isinstance(summary, SummaryPage)
    for domain in analysis.capacity.domains:
        assert summary.domain_scores[domain.instrument.id].text().startswith(f"{domain.score:.2f} · ")
    assert analysis.capacity.domain("technical").na == 1

    path = tmp_path / "coastal.json"
    window._save_to(path)
    assert not window.session.is_modified and "coastal.json" in window.windowTitle()
    saved = window.session.document
    window.ui.actionClose.trigger()
    assert window.open_path(path)
    assert window.session is not None and window.session.document == saved == load_document(path)


def test_undo_redo_returns_exact_states(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    assert window.session is not None
    original = window.session.document
    window.ui.navList.setCurrentRow(1)
    page = window.rubric_pages()[0]
    qtbot.mouseClick(page.cards[0].buttons[4], Qt.MouseButton.LeftButton)
    after_click = window.session.document
    qtbot.keyClicks(page.cards[0].notes, "abc")  # one burst of typing is one undo step
    typed = window.session.document
    assert typed.respondents[0].ratings["org.coordination"].notes == "abc"
    window.undo_action.trigger()
    assert window.session.document == after_click
    window.undo_action.trigger()
    assert window.session.document == original
    assert page.cards[0].buttons[3].isChecked()  # the demo lead rates coordination 3
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert window.session.document == typed
    assert page.cards[0].notes.toPlainText() == "abc"


def test_unsaved_close_asks(qtbot: QtBot, window: MainWindow, answers, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.open_demo()
    assert window.session is not None
    window.ui.navList.setCurrentRow(1)
    qtbot.mouseClick(window.rubric_pages()[0].cards[0].buttons[4], Qt.MouseButton.LeftButton)
    answers.append(QMessageBox.StandardButton.Cancel)
    assert window.close() is False and window.isVisible()
    answers.append(QMessageBox.StandardButton.Discard)
    window.ui.actionClose.trigger()
    assert window.session is None


def test_bad_file_shows_dialog_and_keeps_document(window: MainWindow, warnings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.open_demo()
    before = window.session.document if window.session else None
    bad = tmp_path / "broken.json"
    bad.write_text('{"schema_version": 99}', "utf-8")
    assert window.open_path(bad, ask=False) is False
    assert "broken.json" in warnings[0] and "newer version" in warnings[0]
    assert window.session is not None and window.session.document is before


def test_autosave_then_recover(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "autosaves"
    crashed = MainWindow(autosaver=Autosaver(folder))
    qtbot.addWidget(crashed)
    crashed.open_demo()
    assert crashed.session is not None
    crashed.show()
    crashed.ui.navList.setCurrentRow(1)
    qtbot.mouseClick(crashed.rubric_pages()[0].cards[0].buttons[4], Qt.MouseButton.LeftButton)
    crashed.autosave()
    edited = crashed.session.document
    # Simulate a crash: the lock is released without the clean-close cleanup.
    crashed.autosaver.lock.unlock()
    crashed.session.undo_stack.setClean()

    fresh = MainWindow(autosaver=Autosaver(folder))
    qtbot.addWidget(fresh)
    monkeypatch.setattr(RecoveryDialog, "exec", lambda dialog: dialog.recover_button.click())
    assert fresh.offer_recovery()
    assert fresh.session is not None and fresh.session.document == edited and fresh.session.is_modified
    assert fresh.autosaver.recoverable() == []
    fresh.session.undo_stack.setClean()


def test_running_instance_is_not_offered(tmp_path: Path, demo) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosaves"
    alive = Autosaver(folder)
    alive.save(demo, None)
    assert Autosaver(folder).recoverable() == []


@pytest.mark.slow
def test_export_through_worker(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.open_demo()
    out = tmp_path / "plan.pdf"
    with qtbot.waitSignal(window.sig_export_done, timeout=90_000) as blocker:
        window.export_to(out)
    assert blocker.args == [str(out)]
    assert out.read_bytes().startswith(b"%PDF")
    job = window.export_job
    assert job is not None
    qtbot.waitUntil(lambda: job.worker_exited, timeout=10_000)  # reaped from the event loop, not waited for


@pytest.mark.slow
def test_export_offers_pdf_and_word(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File > Export offers both formats; picking Word with a bare name writes a .docx."""
    from planner.ui.main_window import WORD_FILTER

    window.open_demo()
    offered: list[str] = []

    def pick(_parent: object, _title: str, _start: str, filters: str) -> tuple[str, str]:
        offered.append(filters)
        return str(tmp_path / "committee copy"), WORD_FILTER

    monkeypatch.setattr("planner.ui.main_window.QFileDialog.getSaveFileName", pick)
    with qtbot.waitSignal(window.sig_export_done, timeout=90_000) as blocker:
        window.ui.actionExportPdf.trigger()  # the demo lacks a few things: "Ready to print?" asks first
        review = window.guide.review
        assert review is not None and review.export_button is not None and review.list.count() > 0
        review.export_button.click()
    assert "*.pdf" in offered[0] and "*.docx" in offered[0]
    assert blocker.args == [str(tmp_path / "committee copy.docx")]
    assert (tmp_path / "committee copy.docx").read_bytes().startswith(b"PK")


def test_export_never_waits_for_the_worker_on_the_gui_thread(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Joining the worker after its result blocked the window while the worker's interpreter shut down
    # (a 130-190 ms stall seen in the benchmark).
    import multiprocessing.process

    blocking_joins: list[float | None] = []
    original_join = multiprocessing.process.BaseProcess.join

    def recording_join(process: multiprocessing.process.BaseProcess, timeout: float | None = None) -> None:
        if timeout is None or timeout > 0:
            blocking_joins.append(timeout)
        original_join(process, timeout)

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "join", recording_join)
    window.open_demo()
    with qtbot.waitSignal(window.sig_export_done, timeout=90_000):
        window.export_to(tmp_path / "plan.pdf")
    job = window.export_job
    assert job is not None
    qtbot.waitUntil(lambda: job.worker_exited, timeout=10_000)
    assert blocking_joins == []


def test_export_cancel_kills_worker(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.open_demo()
    window.export_to(tmp_path / "never.pdf")
    job = window.export_job
    assert job is not None and job.running
    job.cancel()
    assert not job.running and job.cancelled
    qtbot.wait(200)
    assert not (tmp_path / "never.pdf").exists()


def test_item_models_pass_modeltester(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    for page in window.section_pages:
        for table in page.findChildren(TableEditor):
            ModelTester(None).check(table.model, force_py=True)
            assert table.model.rowCount(QModelIndex()) >= 0


def test_user_text_is_plain_in_labels(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    from planner.core.storage.demo import demo_document

    doc = demo_document(window.instruments)
    doc = doc.model_copy(update={"decisions": ["<b>bold</b><img src='file:///etc/passwd'>"]})
    path = tmp_path / "x.json"
    save_document(doc, path)
    window.open_path(path, ask=False)
    summary = show_section(window, SummaryPage)
    assert isinstance(summary, SummaryPage)
    assert summary.decisions.textFormat() == Qt.TextFormat.PlainText
    assert "<b>bold</b>" in summary.decisions.text()


def test_every_control_on_rubric_pages_has_an_accessible_name(window: MainWindow) -> None:
    window.open_demo()
    page = window.rubric_pages()[0]
    assert isinstance(page, RubricPage)
    for card in page.cards:
        for button in [*card.buttons.values(), card.na_button, card.unrated_button]:
            assert button.accessibleName()
        assert card.evidence.accessibleName() and card.notes.accessibleName()


def test_summary_and_chart_show_the_same_rounding_as_the_pdf(window: MainWindow) -> None:
    from planner.report.charts import capacity_chart

    window.open_demo()
    assert window.session is not None
    org = window.instruments[0]
    # Seven criteria at 2 and one at 3: 2.125, which half-to-even formatting would show as 2.12.
    ratings = {c.id: Rating(level=2) for c in org.criteria[:7]} | {org.criteria[7].id: Rating(level=3)}
    respondent = window.session.document.respondents[0].model_copy(update={"ratings": ratings})
    window.session.apply(lambda d: d.model_copy(update={"respondents": [respondent]}), "Rate")
    summary = show_section(window, SummaryPage)
    assert isinstance(summary, SummaryPage)
    assert summary.domain_scores["organizational"].text().startswith("2.13 · At risk")
    assert window.session is not None
    assert ">2.13<" in capacity_chart(window.session.analysis.capacity.domains)


def test_navigation_names_are_never_cut_off(window: MainWindow) -> None:
    window.open_demo()
    nav = window.ui.navList
    assert "gap years" in nav.item(4).text()
    assert nav.minimumWidth() >= nav.sizeHintForColumn(0)  # the widest name fits without scrolling
    # The list keeps one width from section to section (it used to follow each page's size hint).
    widths = set()
    for row in range(nav.count()):
        nav.setCurrentRow(row)
        QApplication.processEvents()
        widths.add(nav.width())
    assert len(widths) == 1


def test_recording_the_adoption_vote(qtbot: QtBot, window: MainWindow) -> None:
    """Issue 12: the lead types the vote into the action plan page; a wrong date is refused under its field."""
    from planner.core.model.document import PlanStatus
    from planner.ui.pages.actions import ActionsPage

    window.open_demo()
    session = window.session
    assert session is not None
    page = show_section(window, ActionsPage)
    assert isinstance(page, ActionsPage)
    when = page.adoption_text["adopted_on"]
    when.setFocus()
    qtbot.keyClicks(when, "2027-13-40")
    qtbot.keyClick(when, Qt.Key.Key_Return)
    assert session.document.adoption.adopted_on is None
    assert "not a date" in page.adoption_notes["adopted_on"].text()
    when.clear()
    qtbot.keyClicks(when, "2027-05-12")
    qtbot.keyClick(when, Qt.Key.Key_Return)
    votes = page.adoption_text["votes_for"]
    qtbot.keyClicks(votes, "7")
    qtbot.keyClick(votes, Qt.Key.Key_Return)
    adoption = session.document.adoption
    assert adoption.status is PlanStatus.ADOPTED and adoption.votes_for == 7
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.document.adoption.status is PlanStatus.DRAFT
