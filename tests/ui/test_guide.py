"""The guided path (issue 27): the section list as a checklist, "Next: <section>" under every page, the progress
figure, the "Ready to print?" review whose lines lead to their fields, and a new plan taken from the start page to
an exported PDF by keyboard alone, following only the Next button and the review's links."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from planner.ui.guide import ReviewDialog
from planner.ui.main_window import MainWindow
from planner.ui.pages.profile import ProfilePage
from planner.ui.pages.rubric import RubricPage


def _review(window: MainWindow) -> ReviewDialog:
    review = window.guide.review
    assert review is not None and review.isVisible()
    return review


def test_the_section_list_is_a_checklist_and_every_page_has_next(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    nav = window.ui.navList
    texts = [nav.item(row).text() for row in range(nav.count())]
    assert all(text[:1] in "○◐✓" for text in texts), texts
    spoken = nav.item(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.endswith(("done", "in progress", "not started"))
    assert window.guide.progress.text().startswith("Plan ") and "steps ready" in window.guide.progress.text()
    for row in range(nav.count() - 1):
        nav.setCurrentRow(row)
        following = nav.item(row + 1).text().split("  ")[1]
        assert window.guide.next_button.text() == f"Next: {following}"
        assert window.guide.next_button.isVisible()
    nav.setCurrentRow(nav.count() - 1)
    assert window.guide.next_button.text() == "Next: Ready to print?"


def test_progress_and_marks_follow_an_edit(qtbot: QtBot, window: MainWindow) -> None:
    window.new_document()
    before = window.guide.progress.text()
    assert before.startswith("Plan 0 of ")
    profile = window.page_at(0)
    assert isinstance(profile, ProfilePage)
    profile.fiscal_agent.setText("Alder Basin COE")
    profile.fiscal_agent.textEdited.emit("Alder Basin COE")
    qtbot.waitUntil(lambda: window.ui.navList.item(0).text().startswith("◐"))


def test_each_review_line_leads_to_its_field(qtbot: QtBot, window: MainWindow) -> None:
    window.new_document()
    window.review_action.trigger()
    review = _review(window)
    texts = [review.list.item(n).text() for n in range(review.list.count())]
    row = texts.index("Profile: enter the grant award")
    review.list.setCurrentRow(row)
    qtbot.keyClick(review.list, Qt.Key.Key_Return)
    assert not review.isVisible()
    profile = window.page_at(0)
    assert isinstance(profile, ProfilePage)
    assert (window.ui.pages.currentWidget() is profile and profile.award.hasFocus()) or (
        profile.window().focusWidget() is profile.award
    )
    window.review_action.trigger()
    review = _review(window)
    texts = [review.list.item(n).text() for n in range(review.list.count())]
    rate = next(n for n, text in enumerate(texts) if ": rate " in text)
    review.list.setCurrentRow(rate)
    review.go_button.click()
    page = window.ui.pages.currentWidget()
    assert isinstance(page, RubricPage)
    assert page.open_card is page.cards[0] and window.focusWidget() is page.cards[0].unrated_button


def _key(
    qtbot: QtBot, window: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    target = window.focusWidget() or window
    qtbot.keyClick(target, key, modifier)
    QApplication.processEvents()


def _follow(qtbot: QtBot, window: MainWindow, starts: str) -> None:
    """Ctrl+Shift+R, down the review's list to the first line starting so, Enter."""
    _key(qtbot, window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    review = _review(window)
    for _ in range(review.list.count()):
        if review.list.currentItem().text().startswith(starts):
            break
        qtbot.keyClick(review.list, Qt.Key.Key_Down)
    assert review.list.currentItem().text().startswith(starts)
    qtbot.keyClick(review.list, Qt.Key.Key_Return)
    QApplication.processEvents()


def test_a_new_plan_from_the_start_page_to_a_pdf_by_keyboard_alone(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.resize(1024, 768)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    new_plan = window.start_page.action_buttons[0]
    new_plan.setFocus()  # where the start page's keyboard starts
    _key(qtbot, window, Qt.Key.Key_Space)
    session = window.session
    assert session is not None
    # The review's links: the fiscal agent and the award, typed where the link lands.
    _follow(qtbot, window, "Profile: enter the fiscal agent")
    qtbot.keyClicks(window.focusWidget(), "Alder Basin COE")
    _follow(qtbot, window, "Profile: enter the grant award")
    qtbot.keyClicks(window.focusWidget(), "1500000")
    _key(qtbot, window, Qt.Key.Key_Return)
    assert session.document.profile.fiscal_agent == "Alder Basin COE"
    assert str(session.document.profile.award) == "1500000.00"
    # A criterion to rate: the link lands on its levels; 2 rates it.
    _follow(qtbot, window, "Organizational: rate ")
    _key(qtbot, window, Qt.Key.Key_2)
    lead = session.document.respondents[0]
    assert any(r.level == 2 for r in lead.ratings.values())
    # The Next button (Alt+N) through every section, to "Ready to print?" and its Export.
    nav = window.ui.navList
    visited = [nav.currentRow()]
    for _ in range(nav.count()):
        if window.guide.next_button.text() == "Next: Ready to print?":
            break
        _key(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
        visited.append(nav.currentRow())
    assert visited[-1] == nav.count() - 1 and len(set(visited)) == len(visited)
    written = tmp_path / "alder-basin.pdf"
    monkeypatch.setattr(
        "planner.ui.export_actions.QFileDialog.getSaveFileName", lambda *_a, **_k: (str(written), "PDF (*.pdf)")
    )
    _key(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    review = _review(window)
    assert review.export_button is not None
    with qtbot.waitSignal(window.sig_export_done, timeout=120_000):
        qtbot.keyClick(review.list, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
        if review.isVisible():  # the mnemonic needs an active dialog: Tab to the button and press Space instead
            review.export_button.setFocus()
            qtbot.keyClick(review.export_button, Qt.Key.Key_Space)
    assert written.read_bytes().startswith(b"%PDF")
