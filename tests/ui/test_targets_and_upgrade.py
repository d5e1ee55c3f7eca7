"""Targets on the criterion cards and the summary; the instrument upgrade offered when a 1.0 or 2.0 plan opens."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from planner.core.storage.storage import load_document
from planner.ui.main_window import MainWindow
from planner.ui.pages.profile import ProfilePage
from planner.ui.pages.rubric import RubricPage
from planner.ui.pages.summary import SummaryPage

OLD_DEMO = Path(__file__).parent.parent / "fixtures" / "demo_instruments_1_0.json"
DEMO_2_0 = Path(__file__).parent.parent / "fixtures" / "demo_instruments_2_0.json"
YES, NO = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


def _page(window: MainWindow, kind: type) -> object:
    return next(p for p in window.section_pages if isinstance(p, kind))


def _choose(qtbot: QtBot, combo: object, text: str) -> None:
    """Pick an entry the way a keyboard user does: focus the box, type its first letters, confirm."""
    from PySide6.QtWidgets import QComboBox

    assert isinstance(combo, QComboBox)
    index = combo.findText(text)
    assert index >= 0, text
    combo.setFocus()
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_target_is_set_on_the_card_and_undone(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    assert window.session is not None
    window.ui.navList.setCurrentRow(1)  # hidden pages refresh when shown
    page = window.rubric_pages()[0]
    card = next(c for c in page.cards if c.criterion.id == "org.leadership")
    assert card.target.currentData() is None and card.target_status.text() == "Team now 2.00"
    _choose(qtbot, card.target, "4 · Sustained")
    assert window.session.document.targets["org.leadership"] == 4
    assert card.target_status.text() == "Team now 2.00 → target 4: 2.00 to go"
    summary = _page(window, SummaryPage)
    assert isinstance(summary, SummaryPage)
    window.ui.navList.setCurrentRow(window.ui.navList.count() - 1)
    # Organizational targets: 4, 3, 4, 3, 3 and now 4 -> 21/6.
    assert "Target 3.50 on 6 of 15 criteria" in summary.domain_scores["organizational"].text()
    window.undo_action.trigger()
    assert "org.leadership" not in window.session.document.targets
    assert "Target 3.40 on 5 of 15 criteria" in summary.domain_scores["organizational"].text()
    window.ui.navList.setCurrentRow(1)
    assert card.target.currentData() is None and card.target_status.text() == "Team now 2.00"


def test_summary_priorities_show_current_against_target(window: MainWindow) -> None:
    window.open_demo()
    summary = _page(window, SummaryPage)
    assert isinstance(summary, SummaryPage)
    window.ui.navList.setCurrentRow(window.ui.navList.count() - 1)
    first = summary.priorities.text().splitlines()[0]
    assert first.startswith("1. Access and outcomes by student group (now 1.00 → target 3)")


def test_card_shows_who_usually_acts_and_na_guidance(window: MainWindow) -> None:
    window.open_demo()
    card = next(c for c in window.rubric_pages()[0].cards if c.criterion.id == "org.intermediary")
    # One owner beside each step (2.0 printed "usually Intermediary / nonprofit, Workforce board" for both).
    assert card.next_steps.text().startswith("Next steps: Agree in writing which backbone services")
    assert "pathway (Intermediary / nonprofit) · " in card.next_steps.text()
    assert card.next_steps.text().endswith("for at least two years (Workforce board)")
    labels = [w.text() for w in card.findChildren(type(card.next_steps)) if w.objectName() == "naGuidance"]
    assert labels and "equipment" in labels[0]


def test_profile_context_comes_from_award_and_partners(window: MainWindow) -> None:
    window.open_demo()
    profile = _page(window, ProfilePage)
    assert isinstance(profile, ProfilePage)
    text = profile.context.text()
    assert "Mid-size grant" in text and "Regional occupational program as a partner: no" in text
    assert "Linked Learning" in text and profile.prior_linked_learning.isChecked()
    profile.prior_academies.click()
    assert window.session is not None and window.session.document.profile.prior_partnership_academies
    assert "California Partnership Academies" in profile.context.text()


def test_opening_a_1_0_plan_offers_the_upgrade_and_undo_restores_it(
    window: MainWindow, tmp_path: Path, answers: list[QMessageBox.StandardButton]
) -> None:
    path = tmp_path / "old.json"
    shutil.copy(OLD_DEMO, path)
    old = load_document(path)
    answers.append(YES)
    assert window.open_path(path)
    session = window.session
    assert session is not None
    assert [i.version for i in session.instruments] == ["2.1", "2.1", "2.1"]
    assert {r.criterion_id for r in session.document.retired} >= {"pol.braided_funding", "tech.wbl_system"}
    assert len(window.rubric_pages()[0].cards) == 15
    assert session.undo_stack.count() == 1 and session.is_modified  # through 2.0 to 2.1 in one undo step
    assert "Organizational capacity  8/15" in window.ui.navList.item(1).text()
    summary = _page(window, SummaryPage)
    assert isinstance(summary, SummaryPage)
    window.ui.navList.setCurrentRow(window.ui.navList.count() - 1)
    assert summary.retired.isVisible()
    assert "Braided funding and readiness for new funds (political 1.0): Dana Whitcomb" in summary.retired.text()

    window.undo_action.trigger()
    assert session.document == old
    assert not _page(window, SummaryPage).retired.isVisible()  # type: ignore[attr-defined]
    assert [i.version for i in session.instruments] == ["1.0", "1.0", "1.0"]
    assert len(window.rubric_pages()[0].cards) == 8
    assert window.upgrade_action.isEnabled()
    window.redo_action.trigger()
    assert len(window.rubric_pages()[0].cards) == 15 and not window.upgrade_action.isEnabled()
    assert path.read_bytes() == OLD_DEMO.read_bytes()  # nothing is written until the person saves


def test_declining_keeps_the_1_0_plan_as_it_was(
    window: MainWindow, tmp_path: Path, answers: list[QMessageBox.StandardButton]
) -> None:
    path = tmp_path / "old.json"
    shutil.copy(OLD_DEMO, path)
    answers.append(NO)
    assert window.open_path(path)
    session = window.session
    assert session is not None
    assert session.document == load_document(path) and not session.is_modified
    page = window.rubric_pages()[0]
    assert isinstance(page, RubricPage) and len(page.cards) == 8
    assert page.cards[0].criterion.title == "Coordination staff beyond the grant"
    summary = _page(window, SummaryPage)
    assert isinstance(summary, SummaryPage)
    window.ui.navList.setCurrentRow(window.ui.navList.count() - 1)
    assert summary.domain_scores["organizational"].text().startswith("2.13 · At risk")
    # The upgrade stays on offer in the File menu.
    answers.append(YES)
    window.upgrade_action.trigger()
    assert [i.version for i in session.instruments] == ["2.1", "2.1", "2.1"]


def test_target_combo_is_reachable_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    card = window.rubric_pages()[0].cards[0]
    card.target.setFocus()
    qtbot.keyClick(card.target, Qt.Key.Key_Down)
    assert window.session is not None
    assert card.target.currentData() is not None
    assert card.target.accessibleName().endswith("target level by the end of the plan")


def test_opening_a_2_0_plan_upgrades_in_one_undo_step_and_both_versions_print(
    window: MainWindow, tmp_path: Path, answers: list[QMessageBox.StandardButton]
) -> None:
    from planner.core.assessment.analysis import analyze
    from planner.report.render import html_to_pdf, plan_html

    path = tmp_path / "demo-2.0.json"
    shutil.copy(DEMO_2_0, path)
    old = load_document(path)
    answers.append(YES)
    assert window.open_path(path)
    session = window.session
    assert session is not None
    assert [i.version for i in session.instruments] == ["2.1", "2.1", "2.1"]
    assert session.undo_stack.count() == 1 and session.is_modified
    assert {r.criterion_id for r in session.document.retired} == {
        "org.sustainability_planning",
        "org.braided_funding",
        "tech.student_supports",
    }
    assert len(window.rubric_pages()[0].cards) == 15
    # A card on 2.1 names the one sector beside each next step.
    card = next(c for c in window.rubric_pages()[0].cards if c.criterion.id == "org.intermediary")
    assert card.next_steps.text() == (
        "Next steps: Agree in writing which backbone services the intermediary gives every partner and pathway "
        "(Intermediary / nonprofit) · Enter a post-grant source for the intermediary in the shared-cost plan for at "
        "least two years (Workforce board)"
    )
    upgraded_pdf = html_to_pdf(plan_html(analyze(session.document, session.instruments)))
    window.undo_action.trigger()
    assert session.document == old and [i.version for i in session.instruments] == ["2.0", "2.0", "2.0"]
    assert len(window.rubric_pages()[0].cards) == 12
    old_pdf = html_to_pdf(plan_html(analyze(session.document, session.instruments)))
    assert upgraded_pdf.startswith(b"%PDF") and old_pdf.startswith(b"%PDF")
    assert path.read_bytes() == DEMO_2_0.read_bytes()  # nothing is written until the person saves
