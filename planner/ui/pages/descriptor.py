"""A rubric level's descriptor, elided to one line on a closed criterion card and whole on the open one."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel


def rich_tooltip(text: str) -> str:
    # Qt guesses whether a tooltip is rich text; forcing it and escaping keeps file text from being markup.
    return f"<p>{html.escape(text)}</p>"


class DescriptorLabel(QLabel):
    """A level's descriptor: one elided line while its card is closed, the whole text wrapped when it is open."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setObjectName("levelDescriptor")
        self._one_line = " ".join(text.split())
        self._compact = False
        self.set_compact(True)

    @property
    def compact(self) -> bool:
        return self._compact

    def set_compact(self, compact: bool) -> None:
        if compact == self._compact:
            return
        self._compact = compact
        self.setWordWrap(not compact)
        self.setToolTip(rich_tooltip(self.text()) if compact else "")
        self.updateGeometry()
        self.update()

    def is_elided(self) -> bool:
        return self._compact and self.fontMetrics().horizontalAdvance(self._one_line) > self.contentsRect().width()

    def sizeHint(self) -> QSize:
        if not self._compact:
            return super().sizeHint()
        # Any width will do: the grid gives the descriptor column what is left, and the text is elided to fit.
        return QSize(80, self.fontMetrics().height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint() if self._compact else super().minimumSizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._compact:
            super().paintEvent(event)
            return
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self._one_line, Qt.TextElideMode.ElideRight, rect.width())
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self.palette(),
            self.isEnabled(),
            text,
            self.foregroundRole(),
        )
        painter.end()
