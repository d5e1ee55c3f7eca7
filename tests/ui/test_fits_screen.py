"""Issue 14, "fits every screen": at 1024×768 and 1366×768 every section of the demo, of the demo cut to a
one-year plan (a dozen funding warnings) and of the demo stretched to five years (the tallest totals) is usable:
the window fits the screen, no table's last column or Total row is cut off, no warning is hidden or overlapped,
no text is squeezed, nothing sits outside what shows it.

The offscreen platform has one 800×800 screen, so a window is placed into the available area of the screen size
under test (what the app does with its real screen) and then checked by widget geometry.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLayout,
    QScrollArea,
    QSplitter,
    QTableView,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from planner.core.editing import edits
from planner.ui.autosave import Autosaver
from planner.ui.main_window import MainWindow
from planner.ui.pages.common import TableEditor
from planner.ui.pages.costs import CostsPage
from planner.ui.screen_fit import DECORATION, fits, fitted_size, place_window
from planner.ui.splitter import SplitterHandle
from planner.ui.team import PortfolioWindow
from planner.ui.warning_list import WarningList

SCREENS = {"1024x768": QRect(0, 0, 1024, 768), "1366x768": QRect(0, 0, 1366, 768)}
DESIGNED = QSize(1180, 780)  # forms/main_window.ui


def _describe(widget: QWidget) -> str:
    name = widget.accessibleName() or widget.objectName()
    if not name and isinstance(widget, QLabel):
        name = widget.text()[:50]
    return f"{type(widget).__name__}({name!r})"


def _in_window(widget: QWidget, rect: QRect | None = None) -> QRect:
    """A rectangle of the widget (all of it by default) in its window's coordinates."""
    rect = widget.rect() if rect is None else rect
    return QRect(widget.mapTo(widget.window(), rect.topLeft()), rect.size())


def _shown_region(widget: QWidget) -> tuple[QRect, bool, bool]:
    """Where the widget can show anything, in window coordinates: its ancestors' rectangles intersected.

    A scroll area that can scroll in a direction does not clip in it (the person scrolls there), so with the
    region come whether anything above scrolls sideways and up and down.
    """
    region = _in_window(widget)
    scrolls_x = scrolls_y = False
    child = widget
    parent = child.parentWidget()
    while parent is not None and not child.isWindow():
        area = parent.parentWidget()
        if isinstance(area, QScrollArea) and parent is area.viewport():
            scrolls_x = scrolls_x or area.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            scrolls_y = scrolls_y or area.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        bounds = _in_window(parent)
        left = region.left() if scrolls_x else max(region.left(), bounds.left())
        right = region.right() if scrolls_x else min(region.right(), bounds.right())
        top = region.top() if scrolls_y else max(region.top(), bounds.top())
        bottom = region.bottom() if scrolls_y else min(region.bottom(), bounds.bottom())
        region = QRect(QPoint(left, top), QPoint(right, bottom))
        child, parent = parent, parent.parentWidget()
    return region, scrolls_x, scrolls_y


def _shown(widget: QWidget) -> list[QWidget]:
    return [w for w in widget.findChildren(QWidget) if w.isVisible() and w.width() > 0 and w.height() > 0]


def _inside_what_shows_it(widget: QWidget) -> list[str]:
    """Every shown widget lies whole inside what its ancestors show (or can scroll to)."""
    problems = []
    for child in _shown(widget):
        if isinstance(child.parentWidget(), QAbstractScrollArea) and not isinstance(child, QScrollArea):
            continue  # a scroll area's own scroll bars and corner
        region, _x, _y = _shown_region(child)
        whole = _in_window(child)
        if not region.contains(whole):
            problems.append(f"{_describe(child)} at {whole.getRect()} is cut to {region.getRect()}")
    return problems


def _no_sideways_scrolling(widget: QWidget) -> list[str]:
    """A page's scroll areas scroll up and down only: text running past the right edge is cut for a reader."""
    return [
        f"{_describe(area)} scrolls sideways by {area.horizontalScrollBar().maximum()} px"
        for area in _shown(widget)
        if isinstance(area, QScrollArea) and area.horizontalScrollBar().maximum() > 0
    ]


def _laid_out(layout: QLayout) -> Iterator[QWidget]:
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        if (widget := item.widget()) is not None:
            yield widget
        elif (inner := item.layout()) is not None:
            yield from _laid_out(inner)


def _no_overlaps(widget: QWidget) -> list[str]:
    """No two shown widgets of one layout or one splitter overlap."""
    problems = []
    owners = [widget, *_shown(widget)]
    for owner in owners:
        layout = owner.layout()
        if isinstance(owner, QSplitter):
            every = [owner.widget(i) for i in range(owner.count())]
        elif layout is not None:
            every = list(_laid_out(layout))
        else:
            continue
        parts = [p for p in every if p is not None and p.isVisible() and p.width() > 0 and p.height() > 0]
        for n, first in enumerate(parts):
            for second in parts[n + 1 :]:
                if first.geometry().intersects(second.geometry()):
                    problems.append(f"{_describe(first)} overlaps {_describe(second)}")
    return problems


def _labels_whole(widget: QWidget) -> list[str]:
    """Every shown label is as tall as its wrapped text and as wide as its unwrapped text."""
    problems = []
    for label in _shown(widget):
        if not isinstance(label, QLabel) or not label.text():
            continue
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if label.height() < needed:
                problems.append(f"{_describe(label)} is {label.height()} px tall for {needed} px of text")
        elif label.width() < label.minimumSizeHint().width():
            problems.append(f"{_describe(label)} is {label.width()} px wide for {label.minimumSizeHint().width()} px")
    return problems


def _tables_whole(widget: QWidget) -> list[str]:
    """Tables: the last column can be seen; totals tables show every row, their Total row and last column without
    scrolling; an editable table's last column is at least reachable with its scroll bar."""
    problems = []
    for table in _shown(widget):
        if not isinstance(table, QTableView) or table.model() is None:
            continue
        model = table.model()
        viewport = table.viewport()
        name = _describe(table)
        columns = [c for c in range(model.columnCount()) if not table.isColumnHidden(c)]
        editable = any(isinstance(a, TableEditor) for a in _ancestors(table))
        if columns:
            last = columns[-1]
            right = table.columnViewportPosition(last) + table.columnWidth(last)
            scroll = table.horizontalScrollBar()
            reachable = scroll.isVisible() and scroll.maximum() > 0
            if right > viewport.width() + 1 and not (editable and reachable):
                problems.append(f"{name}: its last column ends at {right} px, beyond its {viewport.width()} px view")
        if isinstance(table, QTableWidget) and not editable:
            if table.verticalScrollBar().maximum() > 0 or table.horizontalScrollBar().maximum() > 0:
                problems.append(f"{name}: needs a scroll bar to show its rows")
            for row in range(table.rowCount()):
                item = table.item(row, 0)
                if item is not None and item.text() == "Total":
                    bottom = table.rowViewportPosition(row) + table.rowHeight(row)
                    if table.rowViewportPosition(row) < 0 or bottom > viewport.height():
                        problems.append(f"{name}: the Total row ({bottom} px) is outside its {viewport.height()} px")
    return problems


def _ancestors(widget: QWidget) -> Iterator[QWidget]:
    parent = widget.parentWidget()
    while parent is not None:
        yield parent
        parent = parent.parentWidget()


def _warnings_whole(page: CostsPage) -> list[str]:
    """The funding warnings: all listed, counted in the header, wrapped within the list, clear of the totals."""
    problems = []
    warnings = page.findChild(WarningList)
    assert warnings is not None
    expected = [w.message for w in page.session.analysis.funding.warnings]
    listed = [warnings.list.item(r).text() for r in range(warnings.list.count())]
    if listed != expected:
        problems.append(f"the warning list shows {len(listed)} of {len(expected)} warnings")
    if expected and f"({len(expected)})" not in warnings.toggle.text():
        problems.append(f"the warnings header {warnings.toggle.text()!r} does not count them")
    if warnings.list.isVisible():
        if warnings.list.viewport().height() < 40:
            problems.append(f"the warning list shows only {warnings.list.viewport().height()} px")
        width = warnings.list.viewport().width()
        for row in range(warnings.list.count()):
            rect = warnings.list.visualItemRect(warnings.list.item(row))
            if rect.right() > width:
                problems.append(f"warning {row + 1} is cut at the list's right edge")
        scroll = warnings.list.verticalScrollBar()
        content = sum(warnings.list.visualItemRect(warnings.list.item(r)).height() for r in range(len(listed)))
        if content > warnings.list.viewport().height() and not (scroll.isVisible() and scroll.maximum() > 0):
            problems.append("warnings run past the list with no scroll bar")
    if _in_window(warnings).intersects(_in_window(page.totals)):
        problems.append("the warnings overlap the totals")
    return problems


@pytest.fixture
def fitted(qtbot: QtBot, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[MainWindow, QRect]]:
    available = SCREENS[request.param]
    window = MainWindow(autosaver=Autosaver(tmp_path / "autosave"))
    place_window(window, DESIGNED, available)  # what the app does with the screen it opens on
    window.show()
    qtbot.waitExposed(window)
    yield window, available
    if window.session is not None:
        window.session.undo_stack.setClean()
    window.close()
    window.deleteLater()


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _check_every_section(window: MainWindow, available: QRect, placed: QSize) -> list[str]:
    problems: list[str] = []
    nav = window.ui.navList
    for row in range(nav.count()):
        nav.setCurrentRow(row)
        _settle()
        section = nav.item(row).text()
        page = window.ui.pages.currentWidget()
        assert page is not None
        problems += [f"{section}: {p}" for p in _page_problems(window, page, available, placed)]
    return problems


def _page_problems(window: MainWindow, page: QWidget, available: QRect, placed: QSize) -> list[str]:
    found = []
    if window.size() != placed or not fits(window.geometry(), available):
        found.append(f"the window is {window.size().toTuple()}, placed at {placed.toTuple()} in {available}")
    found += _inside_what_shows_it(page)
    found += _no_sideways_scrolling(page)
    found += _no_overlaps(page)
    found += _labels_whole(page)
    found += _tables_whole(page)
    if isinstance(page, CostsPage):
        found += _warnings_whole(page)
    return found


@pytest.mark.parametrize("fitted", list(SCREENS), indirect=True)
@pytest.mark.parametrize("horizon", [None, 1, 5], ids=["demo", "one-year-demo", "five-year-demo"])
def test_every_section_fits_the_screen(fitted: tuple[MainWindow, QRect], horizon: int | None) -> None:
    window, available = fitted
    placed = window.size()
    assert fits(window.geometry(), available)
    window.open_demo()
    assert window.session is not None
    if horizon is not None:
        window.session.apply(lambda d: edits.set_profile(d, horizon_years=horizon), "Plan horizon")
        if horizon == 1:
            assert len(window.session.analysis.funding.warnings) >= 10  # the case of the issue: many warnings
    problems = _check_every_section(window, available, placed)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("fitted", list(SCREENS), indirect=True)
def test_the_start_page_and_every_section_of_a_new_plan_fit_the_screen(fitted: tuple[MainWindow, QRect]) -> None:
    window, available = fitted
    placed = window.size()
    problems = [f"start page: {p}" for p in _page_problems(window, window.start_page, available, placed)]
    window.ui.actionNew.trigger()
    problems += _check_every_section(window, available, placed)
    assert not problems, "\n".join(problems)


def test_the_window_opens_inside_any_screen(qtbot: QtBot, tmp_path: Path) -> None:
    for available in (*SCREENS.values(), QRect(1366, 0, 1920, 1040), QRect(0, 30, 800, 570)):
        window = MainWindow(autosaver=Autosaver(tmp_path / "autosave"))
        place_window(window, DESIGNED, available)
        assert fits(window.geometry(), available)
        assert window.size() == DESIGNED.boundedTo(available.size() - DECORATION)
        window.deleteLater()


def test_a_saved_size_is_restored_only_if_it_fits(qtbot: QtBot) -> None:
    big = QWidget()
    big.setGeometry(10, 40, 1900, 1000)  # saved on a large monitor
    small = QWidget()
    small.setGeometry(50, 60, 700, 500)
    saved_big, saved_small = big.saveGeometry(), small.saveGeometry()
    laptop = QRect(0, 0, 1366, 768)
    window = QWidget()
    place_window(window, DESIGNED, laptop, saved_big)
    assert fits(window.geometry(), laptop)
    assert window.size() == fitted_size(DESIGNED, laptop)
    window = QWidget()
    place_window(window, DESIGNED, laptop, saved_small)
    assert window.size() == QSize(700, 500)
    window = QWidget()
    place_window(window, DESIGNED, laptop, QByteArray(b"not a geometry"))
    assert window.size() == fitted_size(DESIGNED, laptop)
    for widget in (big, small, window):
        widget.deleteLater()


def test_the_portfolio_window_fits_the_screen(qtbot: QtBot, tmp_path: Path, window: MainWindow) -> None:
    portfolio = PortfolioWindow(tmp_path, window.instruments, window)
    qtbot.addWidget(portfolio)
    available = portfolio.screen().availableGeometry()
    assert fits(portfolio.geometry(), available)
    assert portfolio.width() <= 1200


def test_the_section_list_keeps_its_width(window: MainWindow) -> None:
    """The section list is as wide for a new plan as for the demo with five gap years: pages never shift."""
    nav = window.ui.navList
    window.ui.actionNew.trigger()
    _settle()
    width = nav.width()
    window.open_demo()
    assert window.session is not None
    window.session.apply(lambda d: edits.set_profile(d, horizon_years=5), "Plan horizon")
    _settle()
    assert "gap years" in nav.item(4).text()
    assert nav.width() == width
    for row in range(nav.count()):
        item = nav.item(row)
        assert item.toolTip().startswith(item.text()[3:])  # the name whole, after its checklist mark, and its state
        assert nav.sizeHintForIndex(nav.model().index(row, 0)).width() <= nav.viewport().width()  # never elided


def _tab_chain(page: QWidget) -> list[QWidget]:
    """The page's widgets in the order Tab visits them."""
    chain: list[QWidget] = []
    widget = page.nextInFocusChain()
    while widget is not None and widget is not page:
        if page.isAncestorOf(widget) and widget.isVisible() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def test_the_cost_page_dividers_move_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    row = next(n for n, p in enumerate(window.section_pages) if isinstance(p, CostsPage))
    window.ui.navList.setCurrentRow(row)
    _settle()
    page = window.section_pages[row]
    assert isinstance(page, CostsPage)
    handles = [h for h in page.findChildren(SplitterHandle) if h.isVisible()]
    assert len(handles) == 3
    assert all(h.accessibleName().startswith("Divider between ") for h in handles)
    chain = _tab_chain(page)
    # Tab reaches each divider between the parts it divides.
    assert chain.index(page.items.view) < chain.index(page.splitter.handle(1)) < chain.index(page.commitments.view)
    assert chain.index(page.commitments.view) < chain.index(page.splitter.handle(2)) < chain.index(page.totals)
    assert chain.index(page.totals) < chain.index(page.splitter.handle(3)) < chain.index(page.warnings.toggle)
    first = page.splitter.handle(1)
    before = page.splitter.sizes()
    qtbot.keyClick(first, Qt.Key.Key_Down)
    after = page.splitter.sizes()
    assert after[0] > before[0] and after[1] < before[1]
    qtbot.keyClick(first, Qt.Key.Key_Up)
    assert page.splitter.sizes() == before


def test_the_warning_list_folds_and_counts(qtbot: QtBot, window: MainWindow) -> None:
    window.open_demo()
    assert window.session is not None
    window.session.apply(lambda d: edits.set_profile(d, horizon_years=1), "Plan horizon")
    row = next(n for n, p in enumerate(window.section_pages) if isinstance(p, CostsPage))
    window.ui.navList.setCurrentRow(row)
    _settle()
    page = window.section_pages[row]
    assert isinstance(page, CostsPage)
    count = len(window.session.analysis.funding.warnings)
    assert page.warnings.toggle.text() == f"Funding warnings ({count})"
    tables_before = page.splitter.sizes()[0] + page.splitter.sizes()[1]
    qtbot.mouseClick(page.warnings.toggle, Qt.MouseButton.LeftButton)
    _settle()
    assert not page.warnings.list.isVisible()
    assert page.splitter.sizes()[0] + page.splitter.sizes()[1] > tables_before  # the room goes to the tables
    qtbot.keyClick(page.warnings.toggle, Qt.Key.Key_Space)
    _settle()
    assert page.warnings.list.isVisible()
    window.session.apply(lambda d: edits.set_profile(d, horizon_years=3), "Plan horizon")
    _settle()
    assert page.warnings.list.count() == len(window.session.analysis.funding.warnings) < count
