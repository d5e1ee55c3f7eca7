"""Nothing moves under the pointer (issue 27): the buttons on the profile and shared-cost pages stay put while
partners of new sectors are added (the context lines change) and while the funding warnings open and close."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from planner.core.editing import edits
from planner.core.model.document import Partner, Sector, new_id
from planner.ui.main_window import MainWindow
from planner.ui.pages.costs import CostsPage
from planner.ui.pages.profile import ProfilePage
from tests.ui.driving import show_section


def _where(page: QWidget, buttons: list[QWidget]) -> list[tuple[QPoint, int, int]]:
    QApplication.processEvents()
    QApplication.processEvents()
    return [(b.mapTo(page, QPoint(0, 0)), b.width(), b.height()) for b in buttons]


def test_profile_buttons_stay_put_as_partners_of_new_sectors_are_added(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1024, 768)
    window.new_document()
    session = window.session
    assert session is not None
    page = show_section(window, ProfilePage)
    assert isinstance(page, ProfilePage)
    buttons: list[QWidget] = [
        page.partners.add_button,
        page.partners.remove_button,
        page.steering.add_button,
        page.steering.remove_button,
    ]
    before = _where(page, buttons)
    context_before = page.context.text()
    for n, sector in enumerate([Sector.K12, Sector.COLLEGE, Sector.EMPLOYER, Sector.WORKFORCE_BOARD, Sector.ROP]):
        partner = Partner(id=new_id("p"), name=f"Partner number {n} of the consortium", sector=sector)
        session.apply(partial(edits.add_record, field="partners", record=partner), "Add partner")
        assert _where(page, buttons) == before, sector
    assert page.context.text() != context_before  # the context did change


def test_cost_page_buttons_stay_put_when_the_warnings_open_and_close(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1024, 768)
    window.open_demo()
    page = show_section(window, CostsPage)
    assert isinstance(page, CostsPage)
    assert page.warnings.toggle.isEnabled()  # the demo has warnings
    buttons: list[QWidget] = [
        page.items.add_button,
        page.items.remove_button,
        page.commitments.add_button,
        page.commitments.remove_button,
    ]
    page.warnings.set_expanded(False)
    before = _where(page, buttons)
    items_top = page.items.view.mapTo(page, QPoint(0, 0))
    page.warnings.set_expanded(True)
    assert _where(page, buttons) == before
    assert page.items.view.mapTo(page, QPoint(0, 0)) == items_top
    page.warnings.set_expanded(False)
    assert _where(page, buttons) == before
