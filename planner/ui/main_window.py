"""The main window: start page, section navigation, file handling, undo, autosave and export.

Signals:
    sig_export_done(str): a PDF export finished (path); used by tests and the status bar.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, QStandardPaths, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

# Only Qt, the generated form and light helpers at module level: the window paints before the document models,
# the instruments and the pages are imported (planner.ui.app). Each method imports what it uses; types for mypy
# come from the TYPE_CHECKING block.
from planner.core.storage.recent import removed_notice
from planner.ui.generated.ui_main_window import Ui_MainWindow
from planner.ui.help import open_about, open_guide, open_shortcuts
from planner.ui.icons import app_icon, standard_icon
from planner.ui.recent_files import RecentChecks
from planner.ui.roles import RoleBanner
from planner.ui.screen_fit import available_geometry, place_window
from planner.ui.shared_file import SharedFile
from planner.ui.start_page import StartPage

if TYPE_CHECKING:
    from planner.core.assessment.team import MergeResult
    from planner.core.model.document import Document, Sector
    from planner.core.model.rubric import Instrument
    from planner.ui.autosave import Autosaver
    from planner.ui.export import ExportJob
    from planner.ui.pages.rubric import RubricPage
    from planner.ui.session import DocumentSession
    from planner.ui.spreadsheet import WorkbookImportDialog
    from planner.ui.team import CompareDialog, PortfolioWindow

AUTOSAVE_MS = 30_000
MAX_RECENT = 8


def stored_recent_files(settings: QSettings) -> list[str]:
    value = settings.value("recentFiles", [])
    # QSettings hands back a plain string when only one file was stored.
    items: list[object] = [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []
    return [str(v) for v in items][:MAX_RECENT]


FILE_FILTER = "Planner documents (*.json);;All files (*)"


PDF_FILTER = "PDF, tagged for accessibility (*.pdf)"
WORD_FILTER = "Word document, editable (*.docx)"


NAV_MIN_WIDTH, NAV_MAX_WIDTH = 200, 320


def _scenarios_page(session: DocumentSession) -> QWidget:
    from planner.ui.pages.scenarios import ScenariosPage  # with its section, like every page: not on the start-up path

    return ScenariosPage(session)


class MainWindow(QMainWindow):
    sig_export_done = Signal(str)

    def __init__(self, instruments: list[Instrument] | None = None, autosaver: Autosaver | None = None) -> None:
        super().__init__()
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        self._add_role_banner()
        # The instruments and the autosaver need the document models; both load when first used, so the window
        # can paint before those modules are imported (see planner.ui.app).
        self._instruments = instruments
        self._autosaver = autosaver
        self.session: DocumentSession | None = None
        # The plan's lock, the open-by question and the banner about its file (planner/ui/shared_file.py).
        self.shared = SharedFile(self)
        self.role_banner_column.insertWidget(1, self.shared.banner)
        self.recent_checks = RecentChecks(self)
        self.recent_checks.sig_split.connect(self._on_recent_split)
        # Section pages are built the first time they are shown: the three rubric pages alone are most of the
        # cost of opening a document, and a person looks at one section at a time.
        self._page_factories: list[Callable[[], QWidget]] = []
        self._built_pages: dict[int, QWidget] = {}
        self._page_instruments: list[Instrument] = []
        self._lead_rows: range = range(0)  # the lead's own plan (costs, scenarios, actions): not in a form
        self.export_job: ExportJob | None = None
        self.progress: QProgressDialog | None = None
        self.settings = QSettings()
        self.start_page = StartPage(self)
        self.ui.pages.addWidget(self.start_page)
        self.undo_action = self.ui.menuEdit.addAction("&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.ui.menuEdit.addAction("&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self._add_team_actions()
        self._add_view_menu()
        self._add_go_menu()
        self._add_help_menu()
        self._set_icons()
        self._connect_actions()
        self.ui.navList.currentRowChanged.connect(self._on_section)
        self.ui.navList.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.ui.navList.setStyleSheet(
            "QListWidget { background: #f0f4f8; font-size: 11pt; } QListWidget::item { padding: 9px 12px; }"
            " QListWidget::item:selected { background: #2c5d8f; color: white; }"
        )
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.applicationStateChanged.connect(self._on_app_state)
        # The form's size is what the window was designed at; a smaller screen gets what it has.
        place_window(self, self.size(), available_geometry(self), self.settings.value("window/geometry"))
        self._show_start()

    @property
    def instruments(self) -> list[Instrument]:
        if self._instruments is None:
            from planner.core.model.rubric import bundled_instruments

            self._instruments = list(bundled_instruments())
        return self._instruments

    @property
    def autosaver(self) -> Autosaver:
        if self._autosaver is None:
            from planner.ui.autosave import Autosaver

            self._autosaver = Autosaver()
        return self._autosaver

    # ----- wiring -----
    def _connect_actions(self) -> None:
        ui = self.ui
        ui.actionNew.triggered.connect(self.new_document)
        ui.actionOpen.triggered.connect(self.open_dialog)
        ui.actionOpenDemo.triggered.connect(self.open_demo)
        ui.actionSave.triggered.connect(self.save)
        ui.actionSaveAs.triggered.connect(self.save_as)
        ui.actionExportPdf.triggered.connect(self.export_dialog)
        ui.actionClose.triggered.connect(self.close_document)
        ui.actionQuit.triggered.connect(self.close)
        ui.menuRecent.aboutToShow.connect(self._refresh_recent_menu)  # a file may have gone since the last look
        self.undo_action.triggered.connect(self._undo)
        self.redo_action.triggered.connect(self._redo)

    def _add_team_actions(self) -> None:
        menu = self.ui.menuFile
        before = self.ui.actionExportPdf
        self.form_action = QAction("Hand out a &respondent form…", self)
        self.merge_action = QAction("&Merge returned forms…", self)
        self.compare_action = QAction("Compare with a &baseline…", self)
        self.portfolio_action = QAction("Open a coach's &portfolio folder…", self)
        self.upgrade_action = QAction("&Upgrade to the current instruments…", self)
        for action in (
            self.form_action,
            self.merge_action,
            self.compare_action,
            self.portfolio_action,
            self.upgrade_action,
        ):
            menu.insertAction(before, action)
        menu.insertSeparator(before)
        self.form_action.triggered.connect(self.hand_out_dialog)
        self.merge_action.triggered.connect(self.merge_dialog)
        self.compare_action.triggered.connect(self.compare_dialog)
        self.portfolio_action.triggered.connect(self.portfolio_dialog)
        self.upgrade_action.triggered.connect(self.offer_upgrade)
        self.portfolio_windows: list[PortfolioWindow] = []
        # The budget office's spreadsheet, after the plan's own exports.
        self.export_xlsx_action = QAction("Export to E&xcel…", self)
        self.import_xlsx_action = QAction("&Import from Excel…", self)
        actions = menu.actions()
        after_export = actions[actions.index(before) + 1]
        for action in (self.export_xlsx_action, self.import_xlsx_action):
            menu.insertAction(after_export, action)
        self.export_xlsx_action.triggered.connect(self.export_xlsx_dialog)
        self.import_xlsx_action.triggered.connect(self.import_xlsx_dialog)

    # ----- roles: the lead, a team member's form, the coach -----
    def _add_role_banner(self) -> None:
        """The banner goes above the navigation and the sections, across the whole window."""
        self.role_banner = RoleBanner()
        sections = self.takeCentralWidget()
        assert sections is not None  # the form's central widget
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.role_banner)
        column.addWidget(sections, 1)
        self.role_banner_column = column
        self.setCentralWidget(holder)

    def _add_view_menu(self) -> None:
        menu = self.menuBar().addMenu("&View")
        self.coach_mode_action = QAction("&Coach review mode", self)
        self.coach_mode_action.setCheckable(True)
        self.coach_mode_action.setToolTip("Edit the coach's suggested levels, comments and review")
        self.coach_mode_action.toggled.connect(self._on_coach_mode)
        menu.addAction(self.coach_mode_action)

    @Slot(bool)
    def _on_coach_mode(self, on: bool) -> None:
        if self.session is not None:
            self.session.set_coach_mode(on)

    def _update_roles(self) -> None:
        """Banner, navigation and the coach mode switch for the open document's role."""
        session = self.session
        self.role_banner.show_for(session)
        form = session is not None and session.form_mode
        self.coach_mode_action.blockSignals(True)
        self.coach_mode_action.setChecked(session is not None and session.coach_mode)
        self.coach_mode_action.blockSignals(False)
        self.coach_mode_action.setEnabled(session is not None and not form)
        for row in self._lead_rows:
            item = self.ui.navList.item(row)
            if item is not None:
                item.setHidden(form)  # empty in a form, and not the team member's to fill
        self._update_actions()

    def _add_go_menu(self) -> None:
        menu = self.menuBar().addMenu("&Go")
        self.next_unrated_action = QAction("Next &unrated criterion", self)
        self.next_unrated_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.next_unrated_action.triggered.connect(self.go_to_next_unrated)
        menu.addAction(self.next_unrated_action)

    def go_to_next_unrated(self) -> bool:
        """Open the next criterion the shown respondent has not answered, on whichever rubric page it is."""
        from planner.core.assessment.scoring import next_unrated
        from planner.ui.pages.rubric import RubricPage

        session = self.session
        if session is None:
            return False
        row = self.ui.navList.currentRow()
        shown = self._built_pages.get(row)
        if isinstance(shown, RubricPage):
            respondent_id, after = shown.respondent_id(), (row - 1, shown.current_index())
        else:  # from any other section: the first respondent (the lead, or the member a form is for), from the start
            respondent_id, after = session.document.respondents[0].id, (-1, -1)
        respondent = session.document.respondent(respondent_id) if respondent_id else None
        place = next_unrated(session.instruments, respondent, after) if respondent is not None else None
        if respondent is None or place is None:
            who = respondent.name if respondent is not None else "This plan"
            self.statusBar().showMessage(f"{who} has answered every criterion.", 6000)
            return False
        self.ui.navList.setCurrentRow(1 + place[0])  # the rubric sections follow the profile, in instrument order
        page = self.page_at(1 + place[0])
        assert isinstance(page, RubricPage)
        page.show_respondent(respondent.id)
        page.show_criterion(place[1])
        return True

    # ----- help and icons -----
    def _add_help_menu(self) -> None:
        """Help: a short guide (F1), the keyboard shortcuts and About (versions of the app and instruments)."""
        menu = self.menuBar().addMenu("&Help")
        self.guide_action = menu.addAction("&Guide")
        self.guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.shortcuts_action = menu.addAction("&Keyboard shortcuts")
        self.shortcuts_action.setShortcut(QKeySequence("Ctrl+/"))
        menu.addSeparator()
        self.about_action = menu.addAction("&About Sustainability Planner")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.guide_action.triggered.connect(lambda: open_guide(self, self.instruments))
        self.shortcuts_action.triggered.connect(lambda: open_shortcuts(self))
        self.about_action.triggered.connect(lambda: open_about(self, self.instruments))

    def _set_icons(self) -> None:
        """The planner's icon on every window; the platform's standard icons on the common commands."""
        QApplication.setWindowIcon(app_icon())
        self.setWindowIcon(app_icon())
        ui = self.ui
        for action, name in [
            (ui.actionNew, "new"),
            (ui.actionOpen, "open"),
            (ui.actionSave, "save"),
            (ui.actionSaveAs, "save_as"),
            (ui.actionExportPdf, "export"),
            (ui.actionClose, "close"),
            (ui.actionQuit, "quit"),
            (self.undo_action, "undo"),
            (self.redo_action, "redo"),
            (self.portfolio_action, "folder"),
            (self.guide_action, "guide"),
            (self.about_action, "about"),
        ]:
            action.setIcon(standard_icon(name))
        ui.menuRecent.setIcon(standard_icon("recent"))
        ui.actionOpenDemo.setIcon(app_icon())

    # ----- teams and coaches -----
    def hand_out_dialog(self) -> None:
        from planner.ui.team import RespondentFormDialog

        if self.session is None:
            return
        dialog = RespondentFormDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, sector = dialog.chosen()
        suggested = Path(self._start_dir()) / f"form-{name.lower().replace(' ', '-')}.json"
        path, _ = QFileDialog.getSaveFileName(self, "Save respondent form", str(suggested), FILE_FILTER)
        if path:
            self.hand_out_form(name, sector, Path(path))

    def hand_out_form(self, name: str, sector: Sector, path: Path) -> bool:
        from planner.core.assessment.team import respondent_form
        from planner.core.editing.edits import EditError
        from planner.core.storage.storage import save_document

        assert self.session is not None
        try:
            save_document(respondent_form(self.session.document, name, sector), path)
        except EditError as exc:
            QMessageBox.warning(self, "Cannot make the form", str(exc))
            return False
        except OSError as exc:
            QMessageBox.warning(self, "Cannot save", f"{path} could not be saved: {exc.strerror or exc}.")
            return False
        self.statusBar().showMessage(f"Wrote a respondent form for {name} to {path.name}", 8000)
        return True

    def merge_dialog(self) -> None:
        if self.session is None:
            return
        paths, _ = QFileDialog.getOpenFileNames(self, "Merge returned forms", self._start_dir(), FILE_FILTER)
        if paths:
            self.merge_files([Path(p) for p in paths])

    def merge_files(self, paths: list[Path]) -> MergeResult | None:
        """Merge returned forms as one undoable step; ask before replacing anyone; explain every refusal."""
        from planner.core.assessment.team import merge_responses, read_responses

        assert self.session is not None
        responses, unreadable = read_responses(paths, self.instruments)  # read once, even when asked to replace
        result = merge_responses(self.session.document, responses, unreadable=unreadable)
        replace = {
            c.respondent_id
            for c in result.conflicts
            if QMessageBox.question(
                self,
                "Replace respondent?",
                c.question(),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            )
            == QMessageBox.StandardButton.Yes
        }
        if replace:
            result = merge_responses(self.session.document, responses, replace, unreadable)
        if result.changed:
            merged = result.document
            count = len(result.added) + len(result.replaced)
            self.session.apply(lambda _d: merged, f"Merge {count} respondent form{'s' if count != 1 else ''}")
        from planner.core.assessment.team import RefusalKind
        from planner.ui.team import merge_summary

        needs_upgrade = self._upgradable(self.session)
        QMessageBox.information(self, "Merge returned forms", merge_summary(result, needs_upgrade))
        if needs_upgrade and any(r.kind is RefusalKind.OTHER_INSTRUMENTS for r in result.refused):
            self.offer_upgrade()  # the app's own upgrade, with its question; then the forms can be merged again
        return result

    def compare_dialog(self) -> None:
        if self.session is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, "Compare with a baseline", self._start_dir(), FILE_FILTER)
        if path:
            self.compare_with(Path(path))

    def compare_with(self, path: Path) -> CompareDialog | None:
        from planner.core.assessment.analysis import analyze
        from planner.core.assessment.compare import ComparisonError, compare
        from planner.core.model.errors import PlannerFileError
        from planner.core.storage.instruments import load_plan
        from planner.ui.team import CompareDialog

        assert self.session is not None
        try:
            old = analyze(*load_plan(path, self.instruments))
            comparison = compare(old, self.session.analysis)
        except PlannerFileError as exc:
            QMessageBox.warning(self, "Cannot compare", exc.message)
            return None
        except ComparisonError as exc:
            QMessageBox.warning(self, "Cannot compare", f"{path.name}: {exc}")
            return None
        dialog = CompareDialog(comparison, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def portfolio_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open a portfolio folder", self._start_dir())
        if folder:
            self.open_portfolio_folder(Path(folder))

    def open_portfolio_folder(self, folder: Path) -> PortfolioWindow | None:
        from planner.ui.team import open_portfolio

        window = open_portfolio(folder, self.instruments, self)
        if window is not None:
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.sig_open_plan.connect(self._open_from_portfolio)
        return window

    def _open_from_portfolio(self, path: Path) -> None:
        if self.open_path(path):
            self.raise_()
            self.activateWindow()

    @Slot()
    def _undo(self) -> None:
        if self.session is not None:
            self.session.undo_stack.undo()

    @Slot()
    def _redo(self) -> None:
        if self.session is not None:
            self.session.undo_stack.redo()

    # ----- documents -----
    def recent_files(self) -> list[str]:
        return stored_recent_files(self.settings)

    def _remember(self, path: Path) -> None:
        from planner.ui.autosave import absolute

        path = absolute(path)
        recent = [str(path)] + [p for p in self.recent_files() if p != str(path)]
        self.settings.setValue("recentFiles", recent[:MAX_RECENT])
        self._refresh_recent_menu()

    def _refresh_recent_menu(self, removed: int = 0) -> None:
        """Show the remembered plans at once; which of them are gone is checked in a worker thread (a plan on an
        offline share could make the check wait for a network timeout), and the lists are redrawn if any are."""
        menu = self.ui.menuRecent
        menu.clear()
        for path in self.recent_files():
            action = menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_path(Path(p)))
        menu.setEnabled(bool(self.recent_files()))
        self.start_page.refresh(self.recent_files(), removed)
        if not removed:
            self.recent_checks.split(self.recent_files())

    @Slot(object, object)
    def _on_recent_split(self, kept: list[str], gone: list[str]) -> None:
        """Drop remembered files that were moved or deleted (a folder or drive that cannot be reached keeps its
        plans, shown as unavailable); the start page says how many went."""
        gone = [p for p in gone if p in self.recent_files()]  # the list may have changed meanwhile
        if gone:
            self.settings.setValue("recentFiles", [p for p in self.recent_files() if p not in gone])
            self.statusBar().showMessage(removed_notice(len(gone)), 8000)
            self._refresh_recent_menu(removed=len(gone))

    def set_document(self, document: Document, path: Path | None, modified: bool = False) -> None:
        from planner.ui.session import DocumentSession

        self._clear_pages()
        self.session = DocumentSession(document, self.instruments, path)
        session = self.session
        self._make_pages(session)
        session.sig_document_changed.connect(self._on_document_changed)
        session.sig_state_changed.connect(self._update_title)
        session.sig_roles_changed.connect(self._update_roles)
        if modified:
            # A recovered document differs from its file until saved: mark it so closing asks first.
            session.undo_stack.resetClean()
        self._update_nav()
        self.ui.navList.setCurrentRow(0)
        self._update_title()
        self._update_roles()

    def _make_pages(self, session: DocumentSession) -> None:
        """Section factories for the instruments the document is rated on; pages are built when first shown."""
        from planner.ui.pages.actions import ActionsPage
        from planner.ui.pages.costs import CostsPage
        from planner.ui.pages.profile import ProfilePage
        from planner.ui.pages.rubric import RubricPage
        from planner.ui.pages.summary import SummaryPage

        self._page_instruments = list(session.instruments)
        self._page_factories = [lambda: ProfilePage(session)]
        self._page_factories += [partial(RubricPage, session, instrument) for instrument in self._page_instruments]
        lead_start = len(self._page_factories)
        self._page_factories += [lambda: CostsPage(session), partial(_scenarios_page, session)]
        self._page_factories += [lambda: ActionsPage(session)]
        self._lead_rows = range(lead_start, len(self._page_factories))
        self._page_factories += [lambda: SummaryPage(session)]
        self.ui.navList.blockSignals(True)
        self.ui.navList.clear()
        for _ in self._page_factories:
            self.ui.navList.addItem(QListWidgetItem())
        self._size_nav(self._page_instruments)
        self.ui.navList.blockSignals(False)
        self.ui.navList.setVisible(True)

    def page_at(self, row: int) -> QWidget:
        """The section page in this row of the navigation, built now if it has not been shown yet."""
        from planner.ui.pages.rubric import RubricPage

        page = self._built_pages.get(row)
        if page is None:
            page = self._page_factories[row]()
            self._built_pages[row] = page
            self.ui.pages.addWidget(page)
            error_signal = getattr(page, "sig_error", None)
            if error_signal is not None:
                error_signal.connect(self.show_edit_error)
            if isinstance(page, RubricPage):
                page.respondent_box.currentIndexChanged.connect(lambda _i: self._update_nav())
        return page

    @property
    def section_pages(self) -> list[QWidget]:
        """Every section page, building any not yet shown (for callers that need them all)."""
        return [self.page_at(row) for row in range(len(self._page_factories))]

    def rubric_pages(self) -> list[RubricPage]:
        from planner.ui.pages.rubric import RubricPage

        return [p for p in self.section_pages if isinstance(p, RubricPage)]

    def _drop_pages(self) -> None:
        for page in self._built_pages.values():
            self.ui.pages.removeWidget(page)
            page.deleteLater()
        self._built_pages = {}
        self._page_factories = []

    def _clear_pages(self) -> None:
        self._drop_pages()
        if self.session is not None:
            self.session.deleteLater()
        self.session = None

    def _show_start(self) -> None:
        self._clear_pages()
        self.ui.navList.clear()
        self.ui.navList.setVisible(False)
        self.ui.pages.setCurrentWidget(self.start_page)
        self._refresh_recent_menu()
        self._update_title()
        self._update_roles()

    def new_document(self) -> None:
        from planner.core.model.document import new_document

        if self.maybe_save():
            self.shared.release()
            self.set_document(new_document("New consortium", self.instruments), None)

    def open_demo(self) -> None:
        from planner.core.storage.demo import demo_document

        if self.maybe_save():
            self.shared.release()
            self.set_document(demo_document(self.instruments), None)

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self, "Open plan", self._start_dir(), FILE_FILTER)
        if path:
            self.open_path(Path(path), ask=False)

    def open_path(self, path: Path, ask: bool = True) -> bool:
        from planner.core.model.errors import PlannerFileError
        from planner.core.storage.files import (
            remove_stale_temps,  # with hashlib and tomllib: not before the first paint
        )
        from planner.core.storage.instruments import load_plan
        from planner.ui.autosave import absolute

        if ask and not self.maybe_save():
            return False
        path = absolute(path)
        remove_stale_temps(path.parent)  # a save killed mid-write (a crash, a full disk) left its temp file here
        try:
            document, _instruments = load_plan(path, self.instruments)
        except PlannerFileError as exc:
            # The open document stays exactly as it was.
            QMessageBox.warning(self, "Cannot open file", f"{path.name} could not be opened.\n\n{exc.message}")
            return False
        read_only = self.shared.claim(path)  # someone on this or another computer has it open: ask
        if read_only is None:
            return False
        self.set_document(document, path)
        if self.session is not None:
            self.session.read_only = read_only
            self._update_title()
        self._remember(path)
        self.shared.check()  # conflict copies a sync service left beside it
        self.offer_upgrade()
        return True

    def offer_upgrade(self) -> bool:
        """Offer to move a document rated on older instruments to the current ones.

        Yes makes the upgrade one undoable edit (undo restores the old document exactly); No leaves the document
        on its own instruments, where it opens, scores and prints as before.
        """
        from planner.core.model.errors import PlannerFileError
        from planner.core.storage.upgrade import upgrade_available, upgrade_to_current

        session = self.session
        if session is None or upgrade_available(session.document, self.instruments) is None:
            return False
        name = session.path.name if session.path else "This plan"
        try:
            result = upgrade_to_current(session.document, self.instruments, name)
        except PlannerFileError as exc:
            QMessageBox.warning(self, "Cannot upgrade", exc.message)
            return False
        titles = {c.id: c.title for i in self.instruments for c in i.criteria}
        lines = result.summary_lines(titles)
        new_count = len(result.new_unrated)
        # The list of new criteria is long; the prompt names how many, the rubric pages show them unrated.
        shown = [line for line in lines if not line.startswith("  - ") or "rating" in line]
        text = (
            f"{name} was rated on instruments {result.from_version}; this planner has instruments "
            f"{result.to_version}.\n\n" + "\n".join(shown) + "\n\n"
            f"Upgrade now? Ratings of kept criteria carry over, retired ones stay in the plan as history "
            f"(printed in an appendix), and the {new_count} new criteria start unrated. Undo reverses the upgrade. "
            f"Choose No to keep the plan on instruments {result.from_version} unchanged."
        )
        answer = QMessageBox.question(
            self,
            "Upgrade instruments?",
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            self.statusBar().showMessage(
                f"Kept on instruments {result.from_version}; File > Upgrade to the current instruments any time.", 8000
            )
            return False
        session.apply(lambda _document: result.document, f"Upgrade to instruments {result.to_version}")
        self.statusBar().showMessage(f"Upgraded to instruments {result.to_version}; Undo reverses it.", 8000)
        return True

    def _choose(
        self, title: str, text: str, detail: str, choices: list[tuple[str, str, QMessageBox.ButtonRole]]
    ) -> str:
        """A warning with the given choices (the first is the default) and Cancel; the chosen key, or "cancel"."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        box.setText(text)
        box.setInformativeText(detail)
        buttons = {key: box.addButton(label, role) for key, label, role in choices}
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(buttons[choices[0][0]])
        box.exec()
        clicked = box.clickedButton()
        return next((key for key, button in buttons.items() if button is clicked), "cancel")

    def _start_dir(self) -> str:
        if self.session and self.session.path:
            return str(self.session.path.parent)
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    def save(self) -> bool:
        if self.session is None:
            return False
        if self.session.path is None or self.session.read_only:
            return self.save_as()
        return self._save_to(self.session.path)

    def save_as(self) -> bool:
        if self.session is None:
            return False
        suggested = self.session.path or Path(self._start_dir()) / "sustainability-plan.json"
        path, _ = QFileDialog.getSaveFileName(self, "Save plan as", str(suggested), FILE_FILTER)
        if not path:
            return False
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        from planner.core.model.errors import PlannerFileError
        from planner.ui.autosave import absolute

        assert self.session is not None
        path = absolute(path)
        if self.session.path == path and self.session.changed_on_disk():
            answer = self._ask_changed_on_disk(path)
            if answer == "save_as":
                return self.save_as()
            if answer == "reload":
                return self.open_path(path, ask=False)
            if answer != "overwrite":
                return False
        try:
            self.session.save(path)
        except OSError as exc:
            QMessageBox.warning(
                self,
                "Cannot save",
                f"{path} could not be saved: {exc.strerror or exc}.\nYour changes are still open.",
            )
            return False
        except PlannerFileError as exc:
            QMessageBox.warning(self, "Cannot save", f"{exc.what}.\nYour changes are still open.")
            return False
        self.session.read_only = False
        self.shared.hold(path)
        self.autosaver.clear()
        self._remember(path)
        self.statusBar().showMessage(f"Saved {path.name}", 4000)
        return True

    def _ask_changed_on_disk(self, path: Path) -> str:
        """Someone else saved the file since this window read it: "save_as", "overwrite", "reload" or "cancel"."""
        return self._choose(
            "File changed on disk",
            f"{path.name} was changed by someone else after you opened it.",
            "Save As keeps both versions. Overwrite replaces their changes with yours. "
            "Reload drops your unsaved changes and opens their version.",
            [
                ("save_as", "Save &As…", QMessageBox.ButtonRole.AcceptRole),
                ("overwrite", "&Overwrite", QMessageBox.ButtonRole.DestructiveRole),
                ("reload", "&Reload", QMessageBox.ButtonRole.ResetRole),
            ],
        )

    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; True means go ahead."""
        if self.session is None or not self.session.is_modified:
            return True
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            "This plan has changes that are not saved. Save them first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def close_document(self) -> None:
        if self.maybe_save():
            self.autosaver.clear()
            self.shared.release()
            self._show_start()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.export_job is not None and self.export_job.running:
            self.export_job.cancel()
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.autosave_timer.stop()
        if self._autosaver is not None:  # a window that never needed one has nothing to clean up
            self._autosaver.close()
        self.shared.release()
        event.accept()

    # ----- autosave -----
    @Slot()
    def autosave(self) -> None:
        if self.session is not None and self.session.is_modified:
            try:
                self.autosaver.save(self.session.document, self.session.path)
            except OSError as exc:
                self.statusBar().showMessage(f"Autosave failed: {exc.strerror or exc}", 8000)

    def _on_app_state(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.autosave()
        else:
            self.shared.check()  # back from another app: a colleague may have saved, a sync may have left a copy

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.shared.check()  # another planner window was in front

    def offer_recovery(self) -> bool:
        """After a crash: offer every autosave left by windows that are gone; delete only what the person discards."""
        from planner.ui.recovery import RecoveryDialog

        found = self.autosaver.recoverable()
        if not found:
            return False
        dialog = RecoveryDialog(found, self)
        dialog.exec()
        for item in dialog.discarded:
            item.discard()
        chosen = dialog.chosen
        if chosen is None:
            return False
        self.set_document(chosen.document, chosen.original_path, modified=True)
        if chosen.original_path is not None:
            self.shared.hold(chosen.original_path)
        self.autosave()  # this window's own autosave holds the work now; only then let the old one go
        chosen.discard()
        return True

    # ----- export -----
    def export_dialog(self) -> None:
        if self.session is None:
            return
        base = self.session.path.with_suffix(".pdf") if self.session.path else Path(self._start_dir()) / "plan.pdf"
        path, chosen = QFileDialog.getSaveFileName(self, "Export plan", str(base), f"{PDF_FILTER};;{WORD_FILTER}")
        if path:
            target = Path(path)
            # The filter decides when the name has no extension of its own (some platforms do not add one).
            if target.suffix.lower() not in (".pdf", ".docx"):
                target = target.with_suffix(".docx" if chosen == WORD_FILTER else ".pdf")
            self.export_to(target)

    def export_to(self, path: Path, paper: str = "letter") -> None:
        from planner.ui.export import ExportJob

        assert self.session is not None
        if self.export_job is not None and self.export_job.running:
            return
        job = ExportJob(self.session.document, path, paper)
        self.export_job = job
        self.progress = QProgressDialog("Rendering the plan…", "Cancel", 0, 0, self)
        self.progress.setWindowTitle("Export Word copy" if path.suffix.lower() == ".docx" else "Export PDF")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.progress.canceled.connect(job.cancel)
        job.sig_finished.connect(self._on_export_finished)
        job.sig_failed.connect(self._on_export_failed)
        job.start()
        self.statusBar().showMessage("Exporting…")

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    def _on_export_finished(self, path: str) -> None:
        self._close_progress()
        self.statusBar().showMessage(f"Exported {Path(path).name}", 6000)
        self.sig_export_done.emit(path)
        if not os.environ.get("PLANNER_NO_VIEWER"):
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def _on_export_failed(self, message: str) -> None:
        self._close_progress()
        QMessageBox.warning(self, "Export failed", f"The plan could not be exported.\n\n{message}")

    # ----- the budget office's spreadsheet -----
    def export_xlsx_dialog(self) -> None:
        from planner.ui.spreadsheet import XLSX_FILTER

        if self.session is None:
            return
        base = self.session.path.with_suffix(".xlsx") if self.session.path else Path(self._start_dir()) / "plan.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, "Export to Excel", str(base), XLSX_FILTER)
        if path:
            target = Path(path)
            self.export_xlsx_to(target if target.suffix.lower() == ".xlsx" else target.with_suffix(".xlsx"))

    def export_xlsx_to(self, path: Path) -> bool:
        """Write the workbook (a fraction of a second even for a large plan, so on this thread)."""
        from planner.core.model.errors import PlannerFileError
        from planner.ui.autosave import absolute

        assert self.session is not None
        from planner.core.interchange.workbook import export_workbook  # openpyxl only when a workbook is asked for

        if self.session.path is not None and absolute(path) == absolute(self.session.path):
            QMessageBox.warning(self, "Cannot export", "Choose a new file name: this one is the plan itself.")
            return False
        try:
            export_workbook(self.session.analysis, path)
        except PlannerFileError as exc:
            QMessageBox.warning(self, "Cannot export", exc.message)
            return False
        except OSError as exc:
            QMessageBox.warning(self, "Cannot export", f"{path} could not be written: {exc.strerror or exc}.")
            return False
        self.statusBar().showMessage(f"Exported {path.name}", 6000)
        return True

    def import_xlsx_dialog(self) -> None:
        from planner.ui.spreadsheet import XLSX_FILTER

        if self.session is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, "Import from Excel", self._start_dir(), XLSX_FILTER)
        if path:
            self.import_xlsx_from(Path(path)).open()

    def import_xlsx_from(self, path: Path) -> WorkbookImportDialog:
        """The preview of what the workbook changes; its Apply makes that one undoable step. Not shown yet."""
        from planner.ui.spreadsheet import WorkbookImportDialog

        assert self.session is not None
        from planner.core.interchange.workbook_import import WorkbookError, import_workbook

        session, base = self.session, self.session.document
        try:
            result = import_workbook(base, path)
        except WorkbookError as exc:
            return WorkbookImportDialog(path, exc, self)
        dialog = WorkbookImportDialog(path, result, self)

        def apply() -> None:
            if self.session is not session or session.document is not base:
                QMessageBox.warning(self, "Not imported", "The plan changed after the preview; import the file again.")
                return
            session.apply(lambda _d: result.document, f"Import from {path.name}")
            self.statusBar().showMessage(f"Imported {path.name}", 6000)

        dialog.sig_apply.connect(apply)
        return dialog

    # ----- display -----
    def show_edit_error(self, message: str) -> None:
        self.statusBar().showMessage(f"Not changed: {message}", 8000)

    def _on_document_changed(self) -> None:
        if self.session is not None and self.session.instruments != self._page_instruments:
            # An instrument upgrade (or its undo) changed what is rated: rebuild the sections on the new criteria.
            row = self.ui.navList.currentRow()
            self._drop_pages()
            self._make_pages(self.session)
            self.ui.navList.setCurrentRow(max(0, min(row, self.ui.navList.count() - 1)))
            self._on_section(self.ui.navList.currentRow())
        self._update_nav()
        self._update_title()

    def _section_names(self) -> list[str]:
        """Each section's name in the list, with its badge: progress, gap years, counts."""
        from planner.core.assessment.scoring import respondent_progress
        from planner.ui.pages.rubric import RubricPage

        assert self.session is not None
        names = ["Consortium profile"]
        document = self.session.document
        for row, instrument in enumerate(self.session.instruments, start=1):
            page = self._built_pages.get(row)
            if isinstance(page, RubricPage):
                answered, total = page.progress()
            else:  # not shown yet, so it will open on the first respondent
                first = document.respondents[0] if document.respondents else None
                answered, total = respondent_progress(instrument, first) if first else (0, len(instrument.criteria))
            names.append(f"{instrument.title}  {answered}/{total}")
        funding = self.session.analysis.funding
        gap_years = sum(1 for y in funding.years if y.gap > 0)
        names.append(
            "Shared-cost plan" + (f"  ({gap_years} gap year{'s' if gap_years != 1 else ''})" if gap_years else "")
        )
        scenarios = len(document.scenarios)
        names.append("What-if scenarios" + (f"  ({scenarios})" if scenarios else ""))
        names += [f"Action plan  ({len(document.actions)})", "Summary"]
        return names

    def _size_nav(self, instruments: list[Instrument]) -> None:
        """Give the section list one width for the document, from each name with the widest badge it can carry.

        Measured from the names of the moment, the list widened when "(3 gap years)" appeared and every page
        jumped sideways. A name wider than the list's limit is elided; its tooltip says it whole.
        """
        from planner.core.model.document import MAX_HORIZON_YEARS, MAX_SCENARIOS

        names = ["Consortium profile"]
        names += [f"{i.title}  {len(i.criteria)}/{len(i.criteria)}" for i in instruments]
        names += [f"Shared-cost plan  ({MAX_HORIZON_YEARS} gap years)", f"What-if scenarios  ({MAX_SCENARIOS})"]
        names += ["Action plan  (999)", "Summary"]
        nav = self.ui.navList
        nav.ensurePolished()  # the style sheet's font and padding count in the measure
        for row, name in enumerate(names):
            item = nav.item(row)
            if item is not None:
                item.setText(name)
        width = nav.sizeHintForColumn(0) + 2 * nav.frameWidth() + 8
        nav.setFixedWidth(min(NAV_MAX_WIDTH, max(NAV_MIN_WIDTH, width)))

    def _update_nav(self) -> None:
        if self.session is None:
            return
        for row, name in enumerate(self._section_names()):
            item = self.ui.navList.item(row)
            if item is not None and (item.text() != name or item.toolTip() != name):
                item.setText(name)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, name)
                item.setToolTip(name)  # whole, should the list ever elide it

    def _update_title(self) -> None:
        if self.session is None:
            self.setWindowTitle("Sustainability Planner")
        else:
            name = self.session.path.name if self.session.path else "Untitled"
            if self.session.read_only:
                name += " (read-only)"
            self.setWindowTitle(f"{name}[*] — {self.session.document.profile.consortium_name} — Sustainability Planner")
            self.setWindowModified(self.session.is_modified)
        self._update_actions()

    def _update_actions(self) -> None:
        has_doc = self.session is not None
        for action in (
            self.ui.actionSave,
            self.ui.actionSaveAs,
            self.ui.actionExportPdf,
            self.ui.actionClose,
            self.compare_action,
            self.export_xlsx_action,
            self.next_unrated_action,
        ):
            action.setEnabled(has_doc)
        # A respondent form goes back to the lead to be merged; it hands out, merges and imports nothing itself.
        lead = has_doc and self.session is not None and not self.session.form_mode
        for action in (self.form_action, self.merge_action, self.import_xlsx_action):
            action.setEnabled(lead)
        self.upgrade_action.setEnabled(self.session is not None and self._upgradable(self.session))
        self.undo_action.setEnabled(has_doc and self.session is not None and self.session.undo_stack.canUndo())
        self.redo_action.setEnabled(has_doc and self.session is not None and self.session.undo_stack.canRedo())

    def _upgradable(self, session: DocumentSession) -> bool:
        from planner.core.storage.upgrade import upgrade_available  # with a document only: not before the first paint

        return upgrade_available(session.document, self.instruments) is not None

    def _on_section(self, row: int) -> None:
        if 0 <= row < len(self._page_factories):
            self.ui.pages.setCurrentWidget(self.page_at(row))
