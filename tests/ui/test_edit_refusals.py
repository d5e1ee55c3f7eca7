"""One rule for every edit: limits before typing past them, refusals next to the field, typed text kept."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt
from pytestqt.qtbot import QtBot

from planner.core.model.document import TEXT_MAX
from planner.core.storage.storage import load_document
from planner.ui.main_window import MainWindow
from planner.ui.pages.profile import ProfilePage
from planner.ui.pages.rubric import RubricPage
from tests.ui.driving import show_section


def _paste(box: object, text: str) -> None:
    mime = QMimeData()
    mime.setText(text)
    box.insertFromMimeData(mime)  # type: ignore[attr-defined]


def test_pasting_over_the_limit_keeps_what_fits_says_so_and_saves_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.ui.actionOpenDemo.trigger()
    assert window.session is not None
    page = show_section(window, RubricPage)
    assert isinstance(page, RubricPage)
    card = page.cards[0]
    card.evidence.setFocus()
    _paste(card.evidence, "e" * (TEXT_MAX + 700))
    note = card.text_notes["evidence"]
    assert note.showing and "first 5,000 characters" in note.text()
    assert len(card.evidence.toPlainText()) == TEXT_MAX
    respondent = window.session.document.respondents[0]
    saved_text = respondent.ratings[card.criterion.id].evidence
    assert saved_text == card.evidence.toPlainText()  # what is on screen is what Save writes
    path = tmp_path / "plan.json"
    assert window._save_to(path)
    assert load_document(path).respondents[0].ratings[card.criterion.id].evidence == saved_text
    # Typing on at the limit adds nothing and changes nothing.
    qtbot.keyClicks(card.evidence, "more")
    assert len(card.evidence.toPlainText()) == TEXT_MAX


def test_clearing_the_name_is_refused_next_to_the_field_and_the_typed_text_kept(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.ui.actionOpenDemo.trigger()
    assert window.session is not None
    before = window.session.document.profile.consortium_name
    page = show_section(window, ProfilePage)
    assert isinstance(page, ProfilePage)
    page.name.setFocus()
    page.name.selectAll()
    qtbot.keyClick(page.name, Qt.Key.Key_Backspace)
    note = page.notes[page.name]
    assert note.showing and "Cannot be empty" in note.text()
    assert "name_" not in note.text() and "String should" not in note.text()
    assert page.name.text() == ""
    assert window.session.document.profile.consortium_name == before
    qtbot.keyClicks(page.name, "Harbor Pathways")
    assert window.session.document.profile.consortium_name == "Harbor Pathways"
    assert not note.showing


def test_a_refused_amount_stays_marked_until_corrected(qtbot: QtBot, window: MainWindow) -> None:
    window.ui.actionOpenDemo.trigger()
    assert window.session is not None
    before = window.session.document.profile.award
    page = show_section(window, ProfilePage)
    assert isinstance(page, ProfilePage)
    page.award.setFocus()
    page.award.selectAll()
    qtbot.keyClicks(page.award, "12,50")
    qtbot.keyClick(page.award, Qt.Key.Key_Return)
    note = page.notes[page.award]
    assert note.showing and "1,250.50" in note.text()
    assert page.award.text() == "12,50" and window.session.document.profile.award == before
    page.refresh()  # another edit elsewhere refreshes the page: the typed text still waits for correction
    assert page.award.text() == "12,50"
    page.award.selectAll()
    qtbot.keyClicks(page.award, "1,250.50")
    assert not note.showing  # the note goes as soon as the text reads
    qtbot.keyClick(page.award, Qt.Key.Key_Return)
    assert window.session.document.profile.award == Decimal("1250.50") and not note.showing


def test_a_refused_date_order_is_said_in_plain_words(qtbot: QtBot, window: MainWindow) -> None:
    window.ui.actionOpenDemo.trigger()
    page = show_section(window, ProfilePage)
    assert isinstance(page, ProfilePage)
    page.grant_end.selectAll()
    qtbot.keyClicks(page.grant_end, "2001-01-01")
    page.grant_end.editingFinished.emit()
    note = page.notes[page.grant_end]
    assert "end date is before its start date" in note.text()
    assert page.grant_end.text() == "2001-01-01"
