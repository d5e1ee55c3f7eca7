"""The app's text fields follow the planner's one rule for text: what XML cannot hold shows at once as U+FFFD."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from planner.ui.fields import LimitedTextEdit, TextLine


def test_a_line_edit_shows_a_pasted_control_character_as_the_mark(qtbot: QtBot) -> None:
    line = TextLine()
    qtbot.addWidget(line)
    edited: list[str] = []
    line.textEdited.connect(edited.append)
    QApplication.clipboard().setText("Alder\x0bBasin\x01")
    line.paste()
    assert line.text() == "Alder\ufffdBasin\ufffd"
    assert edited[-1] == "Alder\ufffdBasin\ufffd"


def test_a_text_box_replaces_them_wherever_they_are_and_keeps_the_rest(qtbot: QtBot) -> None:
    box = LimitedTextEdit(50)
    qtbot.addWidget(box)
    box.insertPlainText("🙂 MOU\x0csigned\x1b[2J\n")
    assert box.toPlainText() == "🙂 MOU\ufffdsigned\ufffd[2J\n"
