"""The one rule for every edit: limits shown before they bite, refusals said next to the field, nothing lost silently.

- A text field never holds more than the document can store: line edits get ``maxLength``; multi-line boxes trim
  what a paste or a keystroke puts past the limit and say so under the box.
- A refused edit keeps what the person typed, marks the field and says why under it; the message goes away as
  soon as an edit of that field is accepted.

- Text follows the planner's one rule (planner.core.model.text): a character XML cannot hold, typed or pasted, shows
  at once as U+FFFD, the mark the document will hold (``TextLine`` for line edits; ``LimitedTextEdit`` boxes).

- A field for a typed value (a date, an amount, a count) checks as the person types (a ``QValidator`` over the
  core reader) and says what is wrong under the field when they leave it or press Enter; the text stays.

Signals:
    LimitedTextEdit.sig_trimmed(int): text past the limit was cut off; the limit in characters.
    CheckedLine.sig_entered(object): a finished entry that reads; the value (None when blank).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QFocusEvent, QKeyEvent, QResizeEvent, QTextCursor, QValidator
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from planner.core.editing.entry import entry_problem
from planner.core.model.text import NOT_IN_XML, REPLACEMENT, xml_text
from planner.ui import theme


class FieldNote(QLabel):
    """A plain-text message under a field: why an edit was refused, or what was cut off."""

    def __init__(self, field: QWidget) -> None:
        super().__init__()
        self._field = field
        self.setTextFormat(Qt.TextFormat.PlainText)  # user text is data, never markup
        self.setWordWrap(True)
        self.setStyleSheet(theme.color(theme.FIELD_ERROR))
        self.setObjectName("fieldNote")
        self.setAccessibleName(f"{field.accessibleName() or 'Field'}: problem")
        self.setVisible(False)
        self._problem = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        # A wrapped label's size hint assumes a narrow width, so a form gave a two-line note the room of four; cap
        # it at what its text needs at the width it was given.
        super().resizeEvent(event)
        self.setMaximumHeight(max(self.heightForWidth(self.width()), self.fontMetrics().height()))

    def show_problem(self, message: str) -> None:
        self.setStyleSheet(theme.color(theme.FIELD_ERROR))
        self.setText(message)
        self.setVisible(True)
        self._problem = True
        self._field.setStyleSheet(theme.INVALID_FIELD)
        self._field.setToolTip(message)
        self._field.setAccessibleDescription(message)

    def clear_problem(self) -> None:
        """The field's value was accepted: the refusal goes (a notice stays; its owner updates it)."""
        if self._problem:
            self._problem = False
            self.setText("")
            self.setVisible(False)
            self._field.setStyleSheet("")
            self._field.setToolTip("")
            self._field.setAccessibleDescription("")

    def show_notice(self, message: str) -> None:
        """Something the person should know about a value that was saved (not a refusal): no red border."""
        self.clear_problem()
        self.setStyleSheet(theme.color(theme.NOTICE))
        self.setText(message)
        self.setVisible(bool(message))
        self._field.setAccessibleDescription(message)

    @property
    def showing(self) -> bool:
        """A refusal is on screen (a notice is not one)."""
        return self._problem


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
        self._replace_what_xml_cannot_hold()
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

    def _replace_what_xml_cannot_hold(self) -> None:
        text = self.toPlainText()
        if not NOT_IN_XML.search(text):
            return
        cursor = QTextCursor(self.document())  # only the characters change; the cursor and the rest stay
        for match in reversed(list(NOT_IN_XML.finditer(text))):
            start = len(text[: match.start()].encode("utf-16-le", "surrogatepass")) // 2  # Qt counts UTF-16 units
            cursor.setPosition(start)
            cursor.setPosition(start + 1, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(REPLACEMENT)

    def set_text_quietly(self, text: str) -> None:
        """Show the document's value without it counting as an edit."""
        self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(False)


def limit_message(limit: int) -> str:
    return f"Only the first {limit:,} characters fit here; the rest was not added."


class XmlTextValidator(QValidator):
    """Always acceptable; hands back the text with what XML cannot hold shown as the mark the document keeps."""

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        return QValidator.State.Acceptable, xml_text(text), pos


class TextLine(QLineEdit):
    """A line edit for free text (a name, a comment): a control character typed or pasted shows as U+FFFD."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(XmlTextValidator(self))


class ReaderValidator(QValidator):
    """Acceptable when the core reader reads the text; Intermediate otherwise, never Invalid, so nothing typed
    or pasted is thrown away: the person sees what they wrote and the note under the field says what to change."""

    def __init__(self, reader: Callable[[str], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reader = reader

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        reads = entry_problem(self.reader, text) is None
        state = QValidator.State.Acceptable if reads else QValidator.State.Intermediate
        return state, text, pos


class CheckedLine(QLineEdit):
    """A line edit for one typed value, read by a core reader (``planner.core.editing.entry``).

    A finished entry that reads is passed on through ``sig_entered``; one that does not stays as typed, marked,
    with the reason under the field (``note``, which the page places under it). The note goes as soon as the
    text reads again.
    """

    sig_entered = Signal(object)

    def __init__(self, reader: Callable[[str], object], accessible_name: str, placeholder: str = "") -> None:
        super().__init__()
        self.setAccessibleName(accessible_name)
        self.setPlaceholderText(placeholder)
        self.reader = reader
        self.setValidator(ReaderValidator(reader, self))
        self.note = FieldNote(self)
        # Qt emits editingFinished only for Acceptable text; the other finishes are caught in the events below.
        self.editingFinished.connect(self._on_finished)
        self.textEdited.connect(self._on_edited)

    @Slot()
    def _on_finished(self) -> None:
        if entry_problem(self.reader, self.text()) is None:  # editingFinished can also be emitted by code
            self.sig_entered.emit(self.reader(self.text()))

    @Slot(str)
    def _on_edited(self, text: str) -> None:
        if self.note.showing and entry_problem(self.reader, text) is None:
            self.note.clear_problem()

    def _explain(self) -> None:
        problem = entry_problem(self.reader, self.text())
        if problem is not None:
            self.note.show_problem(f"Not saved: {problem[:1].upper()}{problem[1:]}")

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._explain()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._explain()
        super().keyPressEvent(event)

    def show_value(self, text: str) -> None:
        """Show the document's value, unless a refused entry is waiting to be corrected."""
        if not self.note.showing and self.text() != text:
            self.setText(text)
