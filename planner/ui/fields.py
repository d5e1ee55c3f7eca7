"""The one rule for every edit: limits shown before they bite, refusals said next to the field, nothing lost silently.

- A text field never holds more than the document can store: line edits get ``maxLength``; multi-line boxes trim
  what a paste or a keystroke puts past the limit and say so under the box.
- A refused edit keeps what the person typed, marks the field and says why under it; the message goes away as
  soon as an edit of that field is accepted.

Signals:
    LimitedTextEdit.sig_trimmed(int): text past the limit was cut off; the limit in characters.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

INVALID_STYLE = "border: 1px solid #b42318; border-radius: 2px;"


class FieldNote(QLabel):
    """A plain-text message under a field: why an edit was refused, or what was cut off."""

    def __init__(self, field: QWidget) -> None:
        super().__init__()
        self._field = field
        self.setTextFormat(Qt.TextFormat.PlainText)  # user text is data, never markup
        self.setWordWrap(True)
        self.setStyleSheet("color: #b42318;")
        self.setObjectName("fieldNote")
        self.setAccessibleName(f"{field.accessibleName() or 'Field'}: problem")
        self.setVisible(False)

    def show_problem(self, message: str) -> None:
        self.setText(message)
        self.setVisible(True)
        self._field.setStyleSheet(INVALID_STYLE)
        self._field.setToolTip(message)
        self._field.setAccessibleDescription(message)

    def clear_problem(self) -> None:
        if self.isVisible() or self.text():
            self.setText("")
            self.setVisible(False)
            self._field.setStyleSheet("")
            self._field.setToolTip("")
            self._field.setAccessibleDescription("")

    @property
    def showing(self) -> bool:
        return not self.isHidden() and bool(self.text())


class LimitedTextEdit(QPlainTextEdit):
    """A multi-line box that holds at most ``limit`` characters, whatever is typed or pasted into it."""

    sig_trimmed = Signal(int)

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.setTabChangesFocus(True)
        # Connected first, so every later handler of textChanged already sees the trimmed text.
        self.textChanged.connect(self._on_text_changed)

    @Slot()
    def _on_text_changed(self) -> None:
        excess = self.document().characterCount() - 1 - self.limit
        if excess <= 0:
            return
        # Remove what was just put in at the cursor: the end of a paste, or the key that went past the limit.
        cursor = self.textCursor()
        end = cursor.position()
        start = max(0, end - excess)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        if len(self.toPlainText()) > self.limit:  # the cursor was not at the insertion: cut the end instead
            text = self.toPlainText()[: self.limit]
            self.setPlainText(text)
            self.moveCursor(QTextCursor.MoveOperation.End)
        self.sig_trimmed.emit(self.limit)

    def set_text_quietly(self, text: str) -> None:
        """Show the document's value without it counting as an edit."""
        self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(False)


def limit_message(limit: int) -> str:
    return f"Only the first {limit:,} characters fit here; the rest was not added."
