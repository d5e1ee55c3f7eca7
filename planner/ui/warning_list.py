"""A list of warnings under a header that counts them and folds the list away.

The warnings were one label under the totals: with a one-year plan they ran to a dozen lines, pushed the totals
into a scroll box of one row and made the window taller than the screen. As a list they scroll in their own room.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.ui import theme

QWIDGETSIZE_MAX = 16777215
ITEM_TEXT_MARGINS = 8  # what the item view's style keeps free around a row's text, both sides


class WarningList(QWidget):
    """Warnings, one per row, word-wrapped, with "Warnings (N)" over them; the header's button folds them."""

    def __init__(self, name: str, color: str) -> None:
        super().__init__()
        self._name = name
        self._color = QColor(color)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        header = QHBoxLayout()
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.toggle.setAccessibleDescription("Shows or hides the list")
        self.toggle.setStyleSheet(theme.BOLD_TOGGLE)
        self.toggle.toggled.connect(self._on_toggled)
        header.addWidget(self.toggle)
        header.addStretch()
        layout.addLayout(header)
        self.list = QListWidget()
        self.list.setAccessibleName(name)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)  # re-wrap the rows when the list is resized
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMinimumHeight(48)
        self.list.setAlternatingRowColors(True)  # where one warning ends and the next begins
        self.list.setSpacing(1)
        self.list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout.addWidget(self.list, 1)
        self.set_warnings([])

    @property
    def expanded(self) -> bool:
        return self.toggle.isChecked()

    def set_expanded(self, expanded: bool) -> None:
        self.toggle.setChecked(expanded)

    def set_warnings(self, messages: list[str]) -> None:
        shown = [self.list.item(row).text() for row in range(self.list.count())]
        if shown != messages:
            self.list.clear()
            for message in messages:
                item = QListWidgetItem(message)  # a list item is plain text, never rich text
                item.setToolTip(message)
                item.setForeground(self._color)
                self.list.addItem(item)
        count = len(messages)
        self.toggle.setText(f"{self._name} ({count})" if count else f"No {self._name.lower()}")
        self.toggle.setAccessibleName(f"{self._name}: {count}")
        self.toggle.setEnabled(bool(count))
        self._show_list()

    def content_height(self, width: int) -> int:
        """How tall the list is with every warning wrapped at this width of the panel, scroll bar aside."""
        items = self.list
        text_width = width - 2 * items.frameWidth() - self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        text_width -= 2 * items.spacing() + ITEM_TEXT_MARGINS
        metrics = items.fontMetrics()
        height = 2 * items.frameWidth() + 4  # and a little air under the last one
        for row in range(items.count()):
            text = items.item(row).text()
            wrapped = metrics.boundingRect(QRect(0, 0, max(1, text_width), 1 << 20), Qt.TextFlag.TextWordWrap, text)
            height += wrapped.height() + 2 * items.spacing()
        return height

    def _on_toggled(self, _expanded: bool) -> None:
        self._show_list()

    def _show_list(self) -> None:
        shown = self.expanded and self.list.count() > 0
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.list.setVisible(shown)
        # Folded, the panel is only its header, and a splitter above it gives the room back to the tables.
        self.setMaximumHeight(QWIDGETSIZE_MAX if shown else self.toggle.sizeHint().height())
