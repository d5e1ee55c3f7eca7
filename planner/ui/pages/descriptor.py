"""A rubric level's descriptor: always the whole text, wrapped, on closed and open criterion cards alike.

People rate by reading the levels; an elided descriptor ("Brokering is done only by...") had them rate without
reading it (issue 27). A click on the text picks its level, as a click on the level's name does, so the whole
row is one large target.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QLabel


def rich_tooltip(text: str) -> str:
    # Qt guesses whether a tooltip is rich text; forcing it and escaping keeps file text from being markup.
    return f"<p>{html.escape(text)}</p>"


class DescriptorLabel(QLabel):
    """A level's descriptor, wrapped and whole; ``compact`` (the card is closed) no longer cuts it short."""

    def __init__(self, text: str, level: QAbstractButton | None = None) -> None:
        super().__init__(" ".join(text.split()))
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setObjectName("levelDescriptor")
        self.setWordWrap(True)
        self._level = level
        self._compact = True
        if level is not None:
            self.setCursor(Qt.CursorShape.PointingHandCursor)

    @property
    def compact(self) -> bool:
        return self._compact

    def set_compact(self, compact: bool) -> None:
        self._compact = compact

    def is_elided(self) -> bool:
        """Whether any of the text is out of sight: a wrapped label given less height than its lines need."""
        return self.height() + 1 < self.heightForWidth(self.width())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if (
            self._level is not None
            and event.button() == Qt.MouseButton.LeftButton
            and self.rect().contains(event.position().toPoint())
        ):
            self._level.click()
            event.accept()
            return
        super().mouseReleaseEvent(event)
