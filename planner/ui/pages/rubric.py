"""A capacity rubric section: one card per criterion, rated by the lead or a team member.

Cards are compact (the title and one elided line per level) so several criteria fit on a screen; the card that
holds the keyboard focus opens to show everything: the summary, whole descriptors, target, evidence, notes, team
ratings, next steps and the coach's review. In a card's level choices the keys rate at once (1-4, N for N/A,
0 or Delete for not rated); the arrow keys only pick a level, which is recorded by Enter or Space, or when focus
moves on (Tab, a click elsewhere), and Esc puts the recorded level back. So looking through the levels never
records a rating per key press, and a level picked and left behind is never lost either.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from planner.core.assessment.scoring import respondent_progress
from planner.core.editing import edits
from planner.core.model.document import (
    UNRATED,
    Document,
    Rating,
)
from planner.core.model.rubric import Instrument
from planner.ui import theme
from planner.ui.fields import FieldNote
from planner.ui.pages.common import (
    SectionPage,
    heading,
    plain_label,
    scrolling_body,
)
from planner.ui.pages.criterion_card import CriterionCard as CriterionCard
from planner.ui.session import DocumentSession

KEYS_HINT = (
    "Keys: 1–4 rate · N not applicable · 0 not rated · ↑↓ pick, Enter or Tab records · Esc cancels"
    " · Ctrl+Enter next unrated"
)


class RubricPage(SectionPage):
    """One capacity's criteria as cards; the card holding the keyboard focus is the open one."""

    def __init__(self, session: DocumentSession, instrument: Instrument) -> None:
        super().__init__(session)
        self.instrument = instrument
        self.open_card: CriterionCard | None = None
        self._open_after_click: CriterionCard | None = None
        outer = QVBoxLayout(self)
        outer.addWidget(heading(instrument.title))
        outer.addWidget(plain_label(instrument.description))
        chooser = QHBoxLayout()
        chooser.addWidget(plain_label("Ratings of:", wrap=False))
        self.respondent_box = QComboBox()
        self.respondent_box.setAccessibleName("Respondent")
        chooser.addWidget(self.respondent_box, 1)
        outer.addLayout(chooser)
        self.keys_hint = plain_label(KEYS_HINT, role="keysHint")
        self.keys_hint.setStyleSheet(theme.KEYS_HINT)
        outer.addWidget(self.keys_hint)
        self.cards_area, body_layout = scrolling_body(outer)
        body_layout.setSpacing(6)
        # The scroller itself is not a Tab stop: keyboard users tab between the cards' controls, and the area
        # scrolls to whichever has focus (see _on_focus_changed).
        self.cards_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body = self.cards_area.widget()
        assert body is not None
        # One style sheet for all cards (set on each card, every card's widgets would be styled apart).
        body.setStyleSheet(theme.CRITERION_CARDS)
        self.cards = [CriterionCard(self, instrument, n) for n in range(len(instrument.criteria))]
        for card in self.cards:
            body_layout.addWidget(card)
        body_layout.addStretch()
        self.respondent_box.currentIndexChanged.connect(lambda _i: self._refresh_cards())
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        self.refresh()

    def card_of(self, widget: QWidget | None) -> CriterionCard | None:
        while widget is not None:
            if isinstance(widget, CriterionCard):
                return widget if widget.page is self else None
            widget = widget.parentWidget()
        return None

    @Slot(QWidget, QWidget)
    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if new is None:
            return  # another application took the focus: a picked level waits for the person to come back
        old_card, new_card = self.card_of(old), self.card_of(new)
        if old_card is not None and old in old_card.choices and not (new_card is old_card and new in old_card.choices):
            old_card.commit_pending()  # moving on from a picked level records it
        if new_card is None or new_card is self.open_card:
            if new_card is not None:
                self._reveal(new_card, new)
            return
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            # Opening moves what is under the pointer; the button being clicked must still be there on release.
            if self._open_after_click is None:
                QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]
            self._open_after_click = new_card
            return
        self.open(new_card)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and self._open_after_click is not None:
            QApplication.instance().removeEventFilter(self)  # type: ignore[union-attr]
            # After the release has reached the button it was meant for.
            QTimer.singleShot(0, self._open_clicked)
        return False

    @Slot()
    def _open_clicked(self) -> None:
        card, self._open_after_click = self._open_after_click, None
        if card is not None and card.isVisible():
            self.open(card)

    def open(self, card: CriterionCard) -> None:
        """Open this card and close the one open before, keeping the card where it is on the screen."""
        if card is self.open_card:
            return
        area = self.cards_area
        viewport = area.viewport()
        top = card.mapTo(viewport, card.rect().topLeft()).y()
        if self.open_card is not None:
            self.open_card.set_open(False)
        card.set_open(True)
        self.open_card = card
        # Lay out now, not on the next turn of the event loop, so the scroll position can be set before a paint.
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        bar = area.verticalScrollBar()
        bar.setValue(bar.value() + card.mapTo(viewport, card.rect().topLeft()).y() - top)
        focus = QApplication.focusWidget()
        self._reveal(card, focus if focus is not None and card.isAncestorOf(focus) else None)

    def _reveal(self, card: CriterionCard, focus: QWidget | None) -> None:
        """Scroll the card into view (its top when it is taller than the view), and the focused control."""
        # QScrollArea only follows focus moved from inside it; Tab from the respondent box would leave the first
        # card's control out of sight on a short screen.
        area = self.cards_area
        if card.height() <= area.viewport().height():
            area.ensureWidgetVisible(card, 0, 0)
        else:
            area.ensureWidgetVisible(card.heading, 0, 8)
        if focus is not None:
            area.ensureWidgetVisible(focus, 0, 24)

    def current_index(self) -> int:
        """The open card's position, or -1 before any card was opened."""
        return self.cards.index(self.open_card) if self.open_card is not None else -1

    def show_criterion(self, index: int) -> None:
        """Open a card and put the focus on its level choices (the page must be showing)."""
        card = self.cards[index]
        card.focus_choices()
        self.open(card)

    def show_respondent(self, respondent_id: str) -> None:
        position = self.respondent_box.findData(respondent_id)
        if position >= 0:
            self.respondent_box.setCurrentIndex(position)

    def respondent_id(self) -> str | None:
        data = self.respondent_box.currentData()
        return str(data) if data else None

    def respondent(self) -> Any:
        rid = self.respondent_id()
        return self.session.document.respondent(rid) if rid else None

    def set_rating(
        self,
        criterion_id: str,
        change: Callable[[Rating], Rating],
        text: str,
        merge_key: str | None,
        note: FieldNote | None = None,
        label: str = "",
    ) -> None:
        """Change the shown respondent's answer to one criterion; ``change`` gets the current answer."""
        rid = self.respondent_id()
        if rid is None:
            return

        def edit(document: Document) -> Document:
            respondent = document.respondent(rid)
            current = respondent.ratings.get(criterion_id, UNRATED) if respondent else UNRATED
            return edits.set_rating(document, rid, criterion_id, change(current))

        self.try_edit(edit, text, f"{merge_key}:{rid}" if merge_key else None, note=note, label=label)

    def progress(self) -> tuple[int, int]:
        respondent = self.respondent()
        return respondent_progress(self.instrument, respondent) if respondent else (0, len(self.instrument.criteria))

    def refresh(self) -> None:
        respondents = [(r.name, r.id) for r in self.session.document.respondents]
        current = [
            (self.respondent_box.itemText(i), self.respondent_box.itemData(i))
            for i in range(self.respondent_box.count())
        ]
        if respondents != current:
            chosen = self.respondent_id()
            self.respondent_box.blockSignals(True)
            self.respondent_box.clear()
            for name, rid in respondents:
                self.respondent_box.addItem(name, rid)
            position = self.respondent_box.findData(chosen)
            self.respondent_box.setCurrentIndex(max(position, 0))
            self.respondent_box.blockSignals(False)
        self._refresh_cards()

    def _refresh_cards(self) -> None:
        for card in self.cards:
            card.refresh()
