"""The start page: what a person sees before a plan is open: new, open and demo, and the recent plans as cards
(consortium, file and folder, when saved, how far the rating has got).

Signals of :class:`RecentCard`:
    sig_open(Path): the person clicked the card or pressed Enter or Space on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QFontMetrics, QHideEvent, QIcon, QKeyEvent, QMouseEvent, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from planner.core.storage.recent import RecentPlan, removed_notice
from planner.ui import theme
from planner.ui.icons import app_icon, standard_icon
from planner.ui.labels import heading, plain_label, subheading
from planner.ui.recent_files import RecentChecks

if TYPE_CHECKING:
    from planner.core.model.rubric import Instrument


@dataclass(frozen=True)
class StartActions:
    """What the start page can ask of the app: it knows nothing of the window that shows it."""

    new: Callable[[], object]
    open: Callable[[], object]
    open_demo: Callable[[], object]
    open_path: Callable[[Path], object]
    instruments: Callable[[], list[Instrument]]


CARD_COLUMNS = 2


class RecentCard(QFrame):
    """One recent plan. Shows the file at once and the rest when :meth:`show_plan` has read it."""

    sig_open = Signal(object)

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.setObjectName("recentCard")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.unavailable = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        self.title = plain_label(path.name, wrap=False)
        self.title.setStyleSheet(theme.CARD_TITLE)
        self.where = plain_label(wrap=False)
        self.where.setStyleSheet(theme.SECONDARY)
        self.details = plain_label("Reading…", wrap=False)
        self.details.setStyleSheet(theme.MUTED)
        for label in (self.title, self.where, self.details):
            # Long names and folders are cut with "…" in the middle (resizeEvent), never widen the page.
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            layout.addWidget(label)
        self._texts = {self.title: path.name, self.where: f"{path.name} — {path.parent}", self.details: "Reading…"}
        self.setToolTip(str(path))
        self._update_accessible()
        self._elide()

    def show_plan(self, plan: RecentPlan) -> None:
        self.unavailable = plan.unavailable
        self._texts[self.title] = plan.title
        self._texts[self.details] = plan.details()
        # Greyed, not removed: a plan on a drive that is not connected comes back with the drive.
        self.setProperty("unavailable", plan.unavailable)
        self.style().unpolish(self)
        self.style().polish(self)
        self.title.setStyleSheet(theme.CARD_TITLE_UNAVAILABLE if plan.unavailable else theme.CARD_TITLE)
        details = theme.color(theme.ERROR) if plan.error else theme.MUTED
        self.details.setStyleSheet(theme.color(theme.UNAVAILABLE_TEXT) if plan.unavailable else details)
        extra = f"\n{plan.copy_from}" if plan.copy_from else ""
        self.setToolTip(f"{plan.path}\n{plan.details()}{extra}")
        self._update_accessible()
        self._elide()

    def text_of(self, label: QLabel) -> str:
        """The label's whole text, however it is cut on screen."""
        return self._texts[label]

    def _update_accessible(self) -> None:
        self.setAccessibleName(f"Open recent plan {self._texts[self.title]}")
        self.setAccessibleDescription(f"{self._texts[self.where]}. {self._texts[self.details]}")

    def _elide(self) -> None:
        width = max(40, self.contentsRect().width() - 28)
        for label, text in self._texts.items():
            # A folder keeps both ends (the drive and the last folder); names and details keep their start.
            mode = Qt.TextElideMode.ElideMiddle if label is self.where else Qt.TextElideMode.ElideRight
            label.setText(QFontMetrics(label.font()).elidedText(text, mode, width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.sig_open.emit(self.path)
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.sig_open.emit(self.path)
            return
        super().keyPressEvent(event)


class StartPage(QWidget):
    """New, open and demo as compact buttons, then the recent plans as cards that fill in one by one (the files
    are read after the page is shown), with a notice when some recent plans were moved or deleted."""

    def __init__(self, callbacks: StartActions) -> None:
        super().__init__()
        self._actions = callbacks
        self.setStyleSheet(theme.RECENT_CARDS)
        layout = QVBoxLayout(self)
        self._layout = layout
        layout.setContentsMargins(48, 32, 48, 24)
        layout.setSpacing(10)
        # The logo, the title and the tagline on a grid: the logo beside both lines, centred on them, at any size.
        top = QGridLayout()
        top.setHorizontalSpacing(16)
        top.setVerticalSpacing(2)
        self.logo = QLabel()
        self.logo.setPixmap(app_icon().pixmap(QSize(56, 56)))
        self.logo.setAccessibleName("Sustainability Planner icon")
        self.title = heading("Sustainability Planner")
        self.tagline = plain_label(
            "Plan how your career-pathway consortium keeps its pathways running after the "
            "grant: rate your capacity, agree who pays for what, and print the plan."
        )
        top.addWidget(self.logo, 0, 0, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.title, 0, 1, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(self.tagline, 1, 1, Qt.AlignmentFlag.AlignTop)
        top.setColumnStretch(1, 1)
        layout.addLayout(top)
        actions = QHBoxLayout()
        self.action_buttons: list[QPushButton] = []
        for text, action, icon in [
            ("New plan", callbacks.new, standard_icon("new")),
            ("Open a plan…", callbacks.open, standard_icon("open")),
            ("Open the demo consortium", callbacks.open_demo, app_icon()),
        ]:
            actions.addWidget(self._action_button(text, action, icon))
        actions.addStretch()
        layout.addLayout(actions)
        layout.addSpacing(8)
        self.recent_heading = subheading("Recent plans")
        layout.addWidget(self.recent_heading)
        self.notice = plain_label(role="recentNotice")
        self.notice.setAccessibleName("Recent plans notice")
        self.notice.setStyleSheet(theme.NOTICE_BANNER)
        self.notice.hide()
        layout.addWidget(self.notice)
        self.empty = plain_label(
            "Plans you open or save appear here. New to the planner? Open the demo consortium to see a finished plan."
        )
        self.empty.setStyleSheet(theme.MUTED)
        layout.addWidget(self.empty)
        self.cards_area = QScrollArea()
        self.cards_area.setWidgetResizable(True)
        self.cards_area.setFrameShape(QFrame.Shape.NoFrame)
        self.cards_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder = QWidget()
        self.cards_grid = QGridLayout(holder)
        self.cards_grid.setContentsMargins(0, 0, 0, 0)
        self.cards_grid.setSpacing(10)
        self.cards_grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.cards_area.setWidget(holder)
        layout.addWidget(self.cards_area, 1)
        # With no recent plans (a first run) the room below is empty space at the bottom, not gaps between lines.
        self._filler = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
        layout.addItem(self._filler)
        self.cards: list[RecentCard] = []
        self._to_read: list[RecentCard] = []
        # Reading a card loads the document models; not before the page has painted (see planner.ui.app). The
        # files are read in a worker thread: a plan on an offline share can make a read wait for a network timeout.
        self._painted = False
        self.checks = RecentChecks(self)
        self.checks.sig_described.connect(self._on_described)

    def _action_button(self, text: str, action: Callable[[], object], icon: QIcon) -> QPushButton:
        button = QPushButton(icon, text)
        button.setIconSize(QSize(20, 20))
        button.setAccessibleName(text)
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        button.setMinimumHeight(34)
        button.clicked.connect(lambda: action())
        self.action_buttons.append(button)
        return button

    def refresh(self, recent: list[str], removed: int = 0) -> None:
        """Show ``recent`` as cards; ``removed`` files were dropped from the list because they are gone."""
        if removed:  # stays until the person leaves the start page (hideEvent), whatever refreshes it meanwhile
            self.notice.setText(removed_notice(removed))
            self.notice.show()
        paths = [Path(p) for p in recent]
        self.recent_heading.setVisible(bool(paths))
        self.empty.setVisible(not paths)
        self.cards_area.setVisible(bool(paths))
        filler = QSizePolicy.Policy.Minimum if paths else QSizePolicy.Policy.Expanding
        if self._filler.sizePolicy().verticalPolicy() != filler:
            self._filler.changeSize(0, 0, QSizePolicy.Policy.Minimum, filler)
            self._layout.invalidate()
        if [card.path for card in self.cards] != paths:
            for card in self.cards:
                self.cards_grid.removeWidget(card)
                card.deleteLater()
            self.cards = []
            for index, path in enumerate(paths):
                card = RecentCard(path)
                card.sig_open.connect(lambda p: self._actions.open_path(Path(p)))
                self.cards_grid.addWidget(card, index // CARD_COLUMNS, index % CARD_COLUMNS)
                self.cards.append(card)
            for previous, following in zip(self.cards, self.cards[1:], strict=False):
                QWidget.setTabOrder(previous, following)
        self._to_read = list(self.cards)
        if self._painted and self._to_read:
            self._read()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            if self._to_read:
                self._read()

    def hideEvent(self, event: QHideEvent) -> None:
        self.notice.hide()
        super().hideEvent(event)

    @property
    def reading(self) -> bool:
        """Cards are still to be filled in (the page reads them once it has painted)."""
        return bool(self._to_read)

    def _read(self) -> None:
        """Read the cards in a worker thread (it keeps what it read, and reads a file again only when it changed)."""
        self.checks.describe([card.path for card in self._to_read], self._actions.instruments())

    @Slot(object, object)
    def _on_described(self, path: Path, plan: RecentPlan) -> None:
        card = next((c for c in self._to_read if c.path == path), None)
        if card is None:
            return  # the list changed meanwhile
        self._to_read.remove(card)
        card.show_plan(plan)
