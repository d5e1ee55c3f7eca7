"""The first-run start page (no recent plans) is laid out on a grid at 1024x768 and 1366x768 (issue 27): the logo
beside the title and tagline, centred on them, and no large gaps between the lines."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from planner.ui.main_window import MainWindow


def _top(page: QWidget, widget: QWidget) -> int:
    return widget.mapTo(page, QPoint(0, 0)).y()


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768)])
def test_first_run_start_page_is_tidy(qtbot: QtBot, window: MainWindow, size: tuple[int, int]) -> None:
    window.resize(*size)
    page = window.start_page
    page.refresh([])
    QApplication.processEvents()
    QApplication.processEvents()
    assert page.empty.isVisible() and not page.cards_area.isVisible()
    logo_top = _top(page, page.logo)
    logo_middle = logo_top + page.logo.height() // 2
    title_top = _top(page, page.title)
    tagline_bottom = _top(page, page.tagline) + page.tagline.height()
    assert title_top <= logo_middle <= tagline_bottom  # beside the title, not floating above it
    assert abs(_top(page, page.tagline) - (title_top + page.title.height())) <= 12  # one block of text
    button = page.action_buttons[0]
    gap = _top(page, page.empty) - (_top(page, button) + button.height())
    assert gap <= 60, gap  # the "plans appear here" line follows the buttons, not half a screen below
    assert _top(page, page.empty) + page.empty.height() < page.height() // 2
