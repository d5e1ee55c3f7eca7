"""Roles (issue 14): a respondent form opens in form mode with a banner and only its ratings editable; the coach's
fields are editable in coach review mode only, the lead reads them and answers when there is a suggestion."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from planner.core.editing.edits import set_rating
from planner.core.model.document import Rating, ReviewStatus, Sector
from planner.core.storage.storage import load_document, save_document
from planner.ui.main_window import MainWindow
from planner.ui.pages.rubric import CriterionCard, RubricPage
from planner.ui.pages.summary import SummaryPage
from tests.ui.driving import section_names, show_row, show_section

CRITERION = "org.coordination"


def _editable(widget: QWidget) -> bool:
    """Whether a person could change what this control holds."""
    if not widget.isEnabled():
        return False
    if isinstance(widget, QLineEdit | QPlainTextEdit | QAbstractSpinBox):
        return not widget.isReadOnly()
    if isinstance(widget, QAbstractItemView):
        return widget.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
    return isinstance(widget, QComboBox | QAbstractButton)


def _card(window: MainWindow) -> CriterionCard:
    page = show_section(window, RubricPage)
    assert isinstance(page, RubricPage)
    index = next(n for n, c in enumerate(page.cards) if c.criterion.id == CRITERION)
    page.show_criterion(index)
    return page.cards[index]


def test_a_respondent_form_opens_in_form_mode(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.open_demo()
    assert window.session is not None
    consortium = window.session.document.profile.consortium_name
    form_path = tmp_path / "ana.json"
    assert window.hand_out_form("Ana Ruiz", Sector.K12, form_path)
    window.session.undo_stack.setClean()
    assert window.open_path(form_path, ask=False)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    banner = window.role_banner
    assert banner.isVisible()
    assert banner.text().startswith(f"You are rating as Ana Ruiz for {consortium}; only your ratings go back.")
    assert banner.textFormat() == Qt.TextFormat.PlainText
    # Sections: the profile for context, the capacities to rate, the summary of her own scores; not the lead's plan.
    nav = window.ui.navList
    shown = [name.split("  ")[0] for name in section_names(window, visible_only=True)]
    assert shown == [
        "Consortium profile",
        "Organizational capacity",
        "Technical capacity",
        "Political capacity",
        "Summary",
    ]
    for action in (window.form_action, window.merge_action, window.import_xlsx_action, window.coach_mode_action):
        assert not action.isEnabled()

    # Nothing but her ratings (level, evidence, notes) can be changed on any section she can open.
    rating_controls: set[int] = set()
    editable: list[str] = []
    for row in range(nav.count()):
        if nav.item(row).isHidden():
            continue
        page = show_row(window, row)
        if isinstance(page, RubricPage):
            for card in page.cards:
                card.set_open(True)
                rating_controls |= {id(w) for w in (*card.choices, card.evidence, card.notes)}
            rating_controls.add(id(page.respondent_box))  # whose ratings are shown: hers, the only one
        QApplication.processEvents()
        editable += [
            f"{type(page).__name__}: {w.accessibleName() or w.objectName() or type(w).__name__}"
            for w in page.findChildren(QWidget)
            if w.isVisibleTo(page) and _editable(w) and id(w) not in rating_controls
        ]
    assert editable == []

    # Rating works as for the lead, and saving keeps it a form.
    card = _card(window)
    qtbot.keyClicks(QApplication.focusWidget(), "3")
    assert card.rating().level == 3
    assert not card.coach.isVisibleTo(card) and not card.target.isEnabled()
    assert window.save()
    assert load_document(form_path).form is not None


def test_merge_says_what_a_form_changed_besides_ratings(window: MainWindow, tmp_path: Path, infos: list[str]) -> None:
    window.open_demo()
    assert window.session is not None
    path = tmp_path / "ana.json"
    assert window.hand_out_form("Ana Ruiz", Sector.K12, path)
    demo = window.session.document
    form = load_document(path)
    form = set_rating(form, form.respondents[0].id, CRITERION, Rating(level=2))
    # Work done in the form with an older planner that let a team member add costs and actions.
    items = [demo.cost_items[0].model_copy(update={"id": f"ci-ana-{n}"}) for n in range(2)]
    actions = [demo.actions[0].model_copy(update={"id": "a-ana"})]
    save_document(form.model_copy(update={"cost_items": items, "actions": actions}), path)
    window.merge_files([path])
    assert window.session.document.cost_items == demo.cost_items
    assert "Ana Ruiz's form (ana.json) also changed 2 cost items and 1 action" in infos[-1]
    assert "not merged" in infos[-1]


def test_coach_fields_are_the_coachs_and_the_lead_answers(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.open_demo()
    session = window.session
    assert session is not None and not session.coach_mode and not window.coach_mode_action.isChecked()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    # The lead, no review yet: no coach fields on the card, the review read-only, no banner.
    card = _card(window)
    assert card.is_open and not card.coach.isVisibleTo(card)
    summary = show_section(window, SummaryPage)
    assert isinstance(summary, SummaryPage)
    assert summary.reviewer.isReadOnly() and summary.review_notes.isReadOnly()
    assert not summary.review_status.isEnabled() and summary.review_hint.isVisibleTo(summary)
    qtbot.keyClicks(summary.reviewer, "Lead typing")
    assert session.document.review.reviewer == "" and not window.role_banner.isVisible()

    # The coach turns on coach review mode (View menu): the review and the suggestion fields are theirs.
    window.coach_mode_action.trigger()
    assert session.coach_mode and window.role_banner.isVisible()
    assert window.role_banner.text().startswith("Coach review mode")
    assert not summary.reviewer.isReadOnly() and summary.review_status.isEnabled()
    assert not summary.review_hint.isVisibleTo(summary)
    qtbot.keyClicks(summary.reviewer, "Pat Coach")
    assert session.document.review.reviewer == "Pat Coach"
    card = _card(window)
    assert card.suggested.isVisibleTo(card) and card.coach_comment.isVisibleTo(card)
    assert not card.answer.isVisibleTo(card) and not card.accept_button.isVisibleTo(card)
    qtbot.keyClick(card.suggested, Qt.Key.Key_Down)  # what a person does on a drop-down: pick, then it is activated
    card.suggested.setCurrentIndex(card.suggested.findData(4))
    card.suggested.activated.emit(card.suggested.currentIndex())
    qtbot.keyClicks(card.coach_comment, "Budgeted for three years")
    assert session.document.review.suggestions[CRITERION].level == 4
    assert session.document.review.status is ReviewStatus.IN_REVIEW

    # The lead again: the suggestion as text, their answer and Accept.
    window.coach_mode_action.trigger()
    assert not session.coach_mode and not window.role_banner.isVisible()
    assert not card.suggested.isVisibleTo(card) and not card.coach_comment.isVisibleTo(card)
    assert card.coach_said.text() == "Suggests 4 · Sustained: Budgeted for three years"
    assert card.answer.isVisibleTo(card) and not card.answer.isReadOnly()
    qtbot.keyClicks(card.answer, "We agree")
    assert session.document.review.suggestions[CRITERION].answer == "We agree"
    own = card.rating().level
    qtbot.mouseClick(card.accept_button, Qt.MouseButton.LeftButton)
    assert card.rating().level == 4 and card.accept_button.text() == "Accepted"
    window.undo_action.trigger()
    assert card.rating().level == own

    # A plan whose review is in progress opens in coach review mode.
    path = tmp_path / "in-review.json"
    assert window._save_to(path)
    window.close_document()
    assert window.open_path(path, ask=False)
    assert window.session is not None and window.session.coach_mode and window.coach_mode_action.isChecked()
    # ...and in coach review mode the lead's answer shows, to read.
    card = _card(window)
    assert card.answer.isVisibleTo(card) and card.answer.isReadOnly() and card.answer.text() == "We agree"


OLD_DEMO = Path(__file__).parent.parent / "fixtures" / "demo_instruments_1_0.json"


def test_merge_summary_is_in_plain_words_and_offers_the_apps_upgrade(
    window: MainWindow, tmp_path: Path, infos: list[str], answers: list[QMessageBox.StandardButton]
) -> None:
    from planner.core.assessment.team import respondent_form
    from planner.core.storage.upgrade import upgrade_to_current

    plan = tmp_path / "plan.json"
    plan.write_bytes(OLD_DEMO.read_bytes())
    answers.append(QMessageBox.StandardButton.No)  # keep the plan on instruments 1.0 for now
    assert window.open_path(plan)
    assert window.session is not None
    # A form handed out from the same plan after an upgrade elsewhere: rated on the 2.1 questions.
    upgraded = upgrade_to_current(load_document(plan), window.instruments, "plan.json").document
    form = respondent_form(upgraded, "Ana Ruiz", Sector.K12)
    form_path = tmp_path / "ana.json"
    save_document(set_rating(form, form.respondents[0].id, CRITERION, Rating(level=3)), form_path)
    broken = tmp_path / "broken.json"
    broken.write_text("{", "utf-8")

    answers.append(QMessageBox.StandardButton.Yes)  # the app offers its upgrade after the summary: accept it
    window.merge_files([form_path, broken, plan])
    summary = infos[-1]
    assert summary.startswith("Not merged:\n")
    assert (
        "• ana.json was rated on newer versions of the questions than this plan. Upgrade this plan "
        "(File > Upgrade to the current instruments), then merge the form again." in summary
    )
    assert "• broken.json could not be read: it is damaged or is not a file saved by the planner." in summary
    assert "• plan.json is a whole plan, not a respondent form." in summary
    for jargon in ("planner upgrade", "respondent-form", "JSON", "line 1", "schema", "-o NEW"):
        assert jargon not in summary
    # The upgrade was offered and taken: the form merges now.
    assert [i.version for i in window.session.instruments] == ["2.1", "2.1", "2.1"]
    window.merge_files([form_path])
    assert infos[-1] == "Added the ratings of Ana Ruiz (1 form)."


def test_a_form_on_older_questions_is_sent_to_the_apps_upgrade() -> None:
    from planner.core.assessment.team import Refusal, RefusalKind
    from planner.ui.team import plain_refusal

    refusal = Refusal("ana.json", "rated on different instrument versions", RefusalKind.OTHER_INSTRUMENTS)
    assert plain_refusal(refusal, plan_needs_upgrade=False) == (
        "ana.json was rated on another version of the questions than this plan. Open it in the planner, accept the "
        "upgrade it offers and save it, then merge it again."
    )
