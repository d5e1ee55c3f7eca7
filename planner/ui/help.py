"""The Help menu's windows: a short guide in plain words, the keyboard shortcuts, and About (the versions of the
app, of each instrument it has loaded, and of Qt, PySide6 and Python, for a support request)."""

from __future__ import annotations

import html
import platform
from collections.abc import Sequence
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import QSize, Qt, qVersion
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from planner import __version__
from planner.ui.icons import app_icon
from planner.ui.labels import heading, plain_label

if TYPE_CHECKING:
    from planner.core.model.rubric import Instrument

# Keys that work everywhere in the app without a menu entry (Qt's own, and those of the section pages).
GENERAL_KEYS: list[tuple[str, str]] = [
    ("Tab / Shift+Tab", "Move to the next / previous field"),
    ("Alt + underlined letter", "Go to that field, button or menu"),
    ("F2, or start typing", "Edit the selected table cell"),
    ("Enter", "Finish editing a table cell"),
    ("Esc", "Cancel editing a table cell, or close a dialog"),
    ("Enter, or double-click", "In a coach's portfolio: open the selected plan"),
    ("1 – 4", "On a criterion's levels: record that level"),
    ("N / 0 or Delete", "On a criterion's levels: record not applicable / not rated"),
    ("↑ ↓", "On a criterion's levels: pick a level; Enter, Space or moving on (Tab) records it"),
    ("Esc", "On a criterion's levels: go back to the level recorded"),
]


def top_menus(window: QMainWindow) -> list[QMenu]:
    return [menu for action in window.menuBar().actions() if isinstance(menu := action.menu(), QMenu)]


def _shown(dialog: QDialog) -> QDialog:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    return dialog


def open_guide(window: QMainWindow, instruments: Sequence[Instrument]) -> QDialog:
    guide = GuideDialog(instruments, window)
    guide.shortcuts_button.clicked.connect(lambda: open_shortcuts(window))
    return _shown(guide)


def open_shortcuts(window: QMainWindow) -> QDialog:
    return _shown(ShortcutsDialog(top_menus(window), window))


def open_about(window: QMainWindow, instruments: Sequence[Instrument]) -> QDialog:
    return _shown(AboutDialog(instruments, window))


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").removesuffix("…").strip()


def shortcut_rows(menus: Sequence[QMenu]) -> list[tuple[str, str]]:
    """(keys, what they do) for every menu command with a shortcut, in menu order, then the general keys.

    Read from the menus themselves, so the list shows the shortcuts the app really has on this platform."""
    rows: list[tuple[str, str]] = []

    def walk(actions: list[QAction]) -> None:
        for action in actions:
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu.actions())
                continue
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()]
            if keys and action.text():
                rows.append((" or ".join(keys), _plain(action.text())))

    for menu in menus:
        walk(menu.actions())
    return rows + GENERAL_KEYS


def version_rows(instruments: Sequence[Instrument]) -> list[tuple[str, str]]:
    """(what, version): the app, each instrument loaded, and the libraries under it."""
    rows = [("Sustainability Planner", __version__)]
    rows += [(f"Instrument: {i.title}", i.version) for i in instruments]
    rows += [("Qt", qVersion()), ("PySide6", PySide6.__version__), ("Python", platform.python_version())]
    return rows


def _table(headers: list[str], rows: list[tuple[str, str]], name: str) -> QTableWidget:
    table = QTableWidget(len(rows), 2)
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    for row, (first, second) in enumerate(rows):
        table.setItem(row, 0, QTableWidgetItem(first))
        table.setItem(row, 1, QTableWidgetItem(second))
    table.resizeColumnToContents(0)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    return table


class ShortcutsDialog(QDialog):
    def __init__(self, menus: Sequence[QMenu], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts — Sustainability Planner")
        self.rows = shortcut_rows(menus)
        layout = QVBoxLayout(self)
        self.table = _table(["Keys", "What they do"], self.rows, "Keyboard shortcuts")
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 480)


class AboutDialog(QDialog):
    def __init__(self, instruments: Sequence[Instrument], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Sustainability Planner")
        self.rows = version_rows(instruments)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(QSize(64, 64)))
        top.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.addWidget(heading(f"Sustainability Planner {__version__}"))
        words.addWidget(
            plain_label(
                "Helps a regional career-pathway consortium rate its organizational, technical and political "
                "capacity, agree who pays for what after the grant, and print a plan its steering committee can "
                "adopt. Works offline; plans are plain files you can e-mail."
            )
        )
        top.addLayout(words, 1)
        layout.addLayout(top)
        self.table = _table(["Part", "Version"], self.rows, "Versions")
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy versions")
        self.copy_button.setToolTip("Copy these versions, e.g. into an e-mail asking for help")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_versions)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def versions_text(self) -> str:
        return "\n".join(f"{what}: {version}" for what, version in self.rows)

    def copy_versions(self) -> None:
        QGuiApplication.clipboard().setText(self.versions_text())


class GuideDialog(QDialog):
    """A short guide: what the sections are for, how ratings and scores work, saving, printing, coaching."""

    def __init__(self, instruments: Sequence[Instrument], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Guide — Sustainability Planner")
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Guide")
        self.browser.setOpenLinks(False)
        self.browser.setHtml(guide_html(instruments))
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.shortcuts_button = QPushButton("&Keyboard shortcuts…")
        buttons.addButton(self.shortcuts_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(680, 620)


def guide_html(instruments: Sequence[Instrument]) -> str:
    """The guide's page. Our own words, plus the scale and bands of the loaded instruments (escaped: a coaching
    organization writes those files)."""
    first = instruments[0] if instruments else None
    capacities = ", ".join(html.escape(i.short_title.lower()) for i in instruments) or "each"
    scale = ""
    bands = ""
    if first is not None:
        scale = "".join(f"<li><b>{level.value}</b> {html.escape(level.label)}</li>" for level in first.scale)
        bands = "".join(
            f"<li><b>{html.escape(b.label)}</b> (score {b.min} to {b.max}): {html.escape(b.meaning)}</li>"
            for b in first.bands
        )
    return f"""
<h2>Guide</h2>
<p>The planner helps your consortium see what will keep its pathways running after the grant money ends, agree
who pays for what, and print a plan the steering committee can adopt. Work through the sections in the list on
the left, in any order; everything can be changed later and every change can be undone (Edit &gt; Undo).</p>

<h3>The sections</h3>
<ul>
<li><b>Consortium profile</b>: who you are, the grant (award and dates), how many years after the grant the plan
covers, the partners and the steering committee who sign the plan.</li>
<li><b>One page per capacity</b> ({capacities}): rate each criterion, with the evidence that backs the rating. The
number beside each name in the list shows how many criteria are rated.</li>
<li><b>Shared-cost plan</b>: every cost that goes on after the grant, by year, and what each partner commits to
pay. The planner adds it up and shows the gap: money still needed in each year.</li>
<li><b>What-if scenarios</b>: try a change (costs grow, a partner pulls out, a proposal is turned down) and see
the gap move, without changing the plan.</li>
<li><b>Action plan</b>: the steps you will take, who leads them and by when.</li>
<li><b>Summary</b>: scores, priorities and the gap on one page, as the printed plan will show them.</li>
</ul>

<h3>How ratings work</h3>
<p>Each criterion has a description for every level. Choose the level you can show today (a document, a budget
line, minutes of a meeting), not the one you plan to reach. The levels:</p>
<ul>{scale}</ul>
<p><b>N/A</b> is only for a criterion that cannot apply to your consortium. It is not a zero: it is left out of
the score altogether. A criterion nobody has rated yet counts as incomplete.</p>
<p>A capacity's score is the average of its rated criteria. It falls in a band:</p>
<ul>{bands}</ul>
<p>A score built on fewer than three rated criteria comes with a warning. When several team members rate, each
rates alone in a form you hand out (File &gt; Hand out a respondent form); you merge the forms they return (File
&gt; Merge returned forms). The planner shows the average and marks criteria where ratings are two or more levels
apart: talk those through.</p>
<p>Each criterion is a card showing its levels on one line each; the card you are in opens to show the whole
descriptions, the target, evidence, notes and next steps. On a card's levels, 1 to 4 record that level, N records
not applicable and 0 (or Delete) clears it. The arrow keys only pick a level: Enter or Space records it, and so does
moving on with Tab or a click elsewhere; Esc goes back to the level recorded. Go &gt; Next unrated criterion
(Ctrl+Enter) jumps to the next criterion nobody has rated yet, on whichever capacity page it is.</p>
<p>A team member's form opens with a yellow banner: only their ratings go back to the lead, so only the capacity
pages can be changed; the lead's cost plan and actions are not part of a form.</p>

<h3>Saving and printing</h3>
<p>Save with File &gt; Save. The planner also keeps a recovery copy every half minute, offered back after a crash.
File &gt; Export makes the printed plan as a PDF (tagged for accessibility) or an editable Word copy; File &gt; Export
to Excel gives the budget office the cost plan with its formulas.</p>

<h3>For coaches</h3>
<p>File &gt; Compare with a baseline shows what changed since an earlier plan of the same consortium. File &gt; Open a
coach's portfolio folder lists every plan in a folder with its scores and gap; press Enter or double-click a row to
open that plan.</p>
<p>Your suggested level and comment on each criterion, and the review on the Summary page, can be changed in View
&gt; Coach review mode (it is on by itself when a plan's review is in progress). Out of that mode the lead reads
them, answers each suggestion and can accept it.</p>

<h3>Keyboard</h3>
<p>Everything can be done from the keyboard: Help &gt; Keyboard shortcuts lists the keys.</p>
"""
