"""Undo and Redo follow the undo stack, and name the step they undo or redo (issue 27)."""

from __future__ import annotations

from functools import partial

from pytestqt.qtbot import QtBot

from planner.core.editing import edits
from planner.ui.main_window import MainWindow


def test_redo_is_enabled_right_after_an_undo_and_both_name_the_step(qtbot: QtBot, window: MainWindow) -> None:
    window.new_document()
    session = window.session
    assert session is not None
    session.apply(partial(edits.set_profile, consortium_name="First"), "Rename the consortium")
    session.undo_stack.setClean()  # saved here: later undos and redos do not change "clean"
    session.apply(partial(edits.set_profile, region="North"), "Set the region")
    session.apply(partial(edits.set_profile, fiscal_agent="Alder Basin"), "Set the fiscal agent")
    assert window.undo_action.isEnabled() and not window.redo_action.isEnabled()
    window.undo_action.trigger()
    assert window.redo_action.isEnabled()  # it was left greyed out: the document changed before the stack moved
    window.redo_action.trigger()
    assert window.undo_action.text() == "&Undo: Set the fiscal agent"
    window.undo_action.trigger()
    assert window.redo_action.text() == "&Redo: Set the fiscal agent"
    assert window.undo_action.text() == "&Undo: Set the region"
    window.redo_action.trigger()
    assert not window.redo_action.isEnabled() and window.redo_action.text() == "&Redo"
