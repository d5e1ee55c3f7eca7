"""Guards the PySide6 pin: every edit, undo and refresh emits signals, so a leak per emit ends the app."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Source(QObject):
    changed = Signal()
    valued = Signal(object)


def test_emitting_a_signal_leaves_the_reference_count_of_true_alone() -> None:
    # PySide6 6.12.0 took one reference from True per emit; CPython aborts ("bool_dealloc") when it reaches zero.
    source = _Source()
    source.changed.connect(lambda: None)
    source.valued.connect(lambda _value: None)
    before = sys.getrefcount(True)
    for _ in range(1000):
        source.changed.emit()
        source.valued.emit(1)
    assert sys.getrefcount(True) - before > -10


def test_qt_calls_that_return_nothing_leave_the_reference_count_of_none_alone() -> None:
    # PySide6 6.12.0 on Python 3.11 took one reference from None per void call (setText, setVisible ...).
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    before = sys.getrefcount(None)
    for n in range(2000):
        label.setText(str(n % 2))
    assert sys.getrefcount(None) - before > -10
