"""A splitter whose dividers a person can reach with Tab and move with the arrow keys.

Qt's own dividers take only the mouse, and a screen reader announces them without a name; a page that stacks
tables, totals and warnings on a short screen needs both, so its parts can be given the room a task needs.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QSplitter, QSplitterHandle, QWidget

# How far one press of an arrow key moves a divider; Page Up and Page Down move it four times as far.
KEY_STEP = 24


class SplitterHandle(QSplitterHandle):
    """A divider that takes keyboard focus (Tab, never a click) and moves with the arrow keys."""

    def __init__(self, orientation: Qt.Orientation, parent: QSplitter) -> None:
        super().__init__(orientation, parent)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAccessibleDescription(
            "Divider: the arrow keys give more room to one side, Home and End move it to either end"
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        vertical = self.orientation() == Qt.Orientation.Vertical
        back, forward = (Qt.Key.Key_Up, Qt.Key.Key_Down) if vertical else (Qt.Key.Key_Left, Qt.Key.Key_Right)
        steps = {back: -KEY_STEP, forward: KEY_STEP, Qt.Key.Key_PageUp: -4 * KEY_STEP}
        steps[Qt.Key.Key_PageDown] = 4 * KEY_STEP
        here = self.pos().y() if vertical else self.pos().x()
        key = Qt.Key(event.key())
        if key in steps:
            target = here + steps[key]
        elif key == Qt.Key.Key_Home:
            target = 0
        elif key == Qt.Key.Key_End:
            target = self.splitter().height() if vertical else self.splitter().width()
        else:
            super().keyPressEvent(event)
            return
        self.moveSplitter(self.closestLegalPosition(target))
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        # A thin line shows where the divider is; with keyboard focus it is drawn in the highlight colour.
        painter = QPainter(self)
        focused = self.hasFocus()
        color = self.palette().highlight().color() if focused else self.palette().mid().color()
        thickness = 3 if focused else 1
        rect = self.rect()
        if self.orientation() == Qt.Orientation.Vertical:
            painter.fillRect(rect.left(), rect.center().y() - thickness // 2, rect.width(), thickness, color)
        else:
            painter.fillRect(rect.center().x() - thickness // 2, rect.top(), thickness, rect.height(), color)
        painter.end()


class Splitter(QSplitter):
    """A splitter of named parts; each divider is named after the two parts it sits between."""

    def __init__(self, orientation: Qt.Orientation, name: str) -> None:
        super().__init__(orientation)
        self.setAccessibleName(name)
        self.setChildrenCollapsible(False)
        self.setHandleWidth(9)
        self._names: list[str] = []
        self._tabs_ordered = False

    def createHandle(self) -> QSplitterHandle:
        return SplitterHandle(self.orientation(), self)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._tabs_ordered:
            self._tabs_ordered = True
            self._order_tabs()
        super().showEvent(event)

    def _order_tabs(self) -> None:
        """Tab reaches each divider after the last field of the part above it (left of it), not at the end."""
        for index in range(1, self.count()):
            before = self.widget(index - 1)
            last = None
            widget = before.nextInFocusChain() if before is not None else None
            while widget is not None and widget is not before and before is not None and before.isAncestorOf(widget):
                if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                    last = widget
                widget = widget.nextInFocusChain()
            if last is not None:
                QWidget.setTabOrder(last, self.handle(index))

    def add(self, widget: QWidget, name: str, stretch: int = 0) -> None:
        """Add a part; ``name`` is what a person calls it ("commitments"), used in its divider's name."""
        self.addWidget(widget)
        self.setStretchFactor(self.count() - 1, stretch)
        if self._names:
            self.handle(self.count() - 1).setAccessibleName(f"Divider between {self._names[-1]} and {name}")
        self._names.append(name)
