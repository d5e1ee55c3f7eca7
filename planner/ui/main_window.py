"""The main window: start page, section navigation, menus, undo and autosave.

The menus' work lives in feature modules that take the document session and this window as the parent of their
dialogs: planner.ui.files (open, save, locks, recent plans), planner.ui.team_actions (respondent forms, merge,
compare, portfolio), planner.ui.export_actions (PDF, Word and Excel), planner.ui.upgrade_prompt and
planner.ui.navigation (the section list). Handlers here are a line or two that hand off to them.

Signals:
    sig_export_done(str): a PDF export finished (path); used by tests and the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QListWidgetItem, QMainWindow, QWidget

# Only Qt, the generated form and light helpers at module level: the window paints before the document models,
# the instruments and the pages are imported (planner.ui.app). The feature modules import what they use when it
# is used; types for mypy come from the TYPE_CHECKING block.
from planner.ui import export_actions, files, menus, navigation, team_actions, theme, upgrade_prompt
from planner.ui.export_actions import WORD_FILTER as WORD_FILTER
from planner.ui.files import FILE_FILTER
from planner.ui.generated.ui_main_window import Ui_MainWindow
from planner.ui.guide import GuidedPath
from planner.ui.help import open_about, open_guide, open_shortcuts
from planner.ui.roles import add_role_banner
from planner.ui.screen_fit import available_geometry, place_window
from planner.ui.shared_file import SharedFile
from planner.ui.start_page import StartActions, StartPage

if TYPE_CHECKING:
    from planner.core.assessment.team import MergeResult
    from planner.core.model.document import Document, Sector
    from planner.core.model.rubric import Instrument
    from planner.ui.autosave import Autosaver
    from planner.ui.export import ExportJob
    from planner.ui.files import PlanLock
    from planner.ui.pages.rubric import RubricPage
    from planner.ui.session import DocumentSession
    from planner.ui.spreadsheet import WorkbookImportDialog
    from planner.ui.team import CompareDialog, PortfolioWindow

AUTOSAVE_MS = 30_000


class MainWindow(QMainWindow):
    sig_export_done = Signal(str)

    def __init__(self, instruments: list[Instrument] | None = None, autosaver: Autosaver | None = None) -> None:
        super().__init__()
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        self.role_banner = add_role_banner(self)
        # The instruments and the autosaver need the document models; both load when first used, so the window
        # can paint before those modules are imported (see planner.ui.app).
        self._instruments = instruments
        self._autosaver = autosaver
        self.session: DocumentSession | None = None
        self.file_lock = files.FileLock()
        self.shared = SharedFile(self, self)  # the banner about the plan's file: changed on disk, conflict copies
        # Section pages are built the first time they are shown: the three rubric pages alone are most of the
        # cost of opening a document, and a person looks at one section at a time.
        self._page_factories: list[Callable[[], QWidget]] = []
        self._built_pages: dict[int, QWidget] = {}
        self._page_instruments: list[Instrument] = []
        self._lead_rows: range = range(0)  # the lead's own plan (costs, scenarios, actions): not in a form
        self.settings = QSettings()
        self.recent = files.RecentFiles(self.settings, self._status)
        self.exports = export_actions.DocumentExport(self, self._status, self.sig_export_done.emit)
        self.start_page = StartPage(
            StartActions(
                new=self.ui.actionNew.trigger,
                open=self.ui.actionOpen.trigger,
                open_demo=self.ui.actionOpenDemo.trigger,
                open_path=self.open_path,
                instruments=lambda: self.instruments,
            )
        )
        self.ui.pages.addWidget(self.start_page)
        self.guide = GuidedPath(self, self.ui.navList, self.ui.pages, self.page_at, lambda: self.session)
        self.guide.place_under(self.ui.centralLayout, self.export_dialog)
        self._add_menus()
        self._connect_actions()
        self.ui.navList.currentRowChanged.connect(self._on_section)
        self.ui.navList.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.ui.navList.setStyleSheet(theme.SECTION_LIST)
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

    @property
    def document_lock(self) -> PlanLock | None:
        return self.file_lock.held

    @property
    def export_job(self) -> ExportJob | None:
        return self.exports.job

    def _status(self, text: str, timeout: int = 0) -> None:
        self.statusBar().showMessage(text, timeout)

    # ----- wiring -----
    def _add_menus(self) -> None:
        self.undo_action, self.redo_action = menus.add_edit_actions(self.ui)
        extras = menus.add_file_extras(self.ui, self)
        self.form_action, self.merge_action, self.compare_action, self.portfolio_action = extras[:4]
        self.upgrade_action, self.export_xlsx_action, self.import_xlsx_action = extras[4:]
        self.portfolio_windows: list[PortfolioWindow] = []
        self.coach_mode_action, self.review_action = menus.add_view_menu(self)
        self.next_unrated_action = menus.add_go_menu(self)
        self.guide_action, self.shortcuts_action, self.about_action = menus.add_help_menu(self)
        menus.set_icons(
            self,
            self.ui,
            [
                *[(self.undo_action, "undo"), (self.redo_action, "redo"), (self.portfolio_action, "folder")],
                *[(self.guide_action, "guide"), (self.about_action, "about")],
            ],
        )

    def _connect_actions(self) -> None:
        ui = self.ui
        for action, handler in [
            (ui.actionNew, self.new_document),
            (ui.actionOpen, self.open_dialog),
            (ui.actionOpenDemo, self.open_demo),
            (ui.actionSave, self.save),
            (ui.actionSaveAs, self.save_as),
            (ui.actionExportPdf, self.guide.before_export),
            (self.review_action, lambda: self.guide.show_review(before_export=False)),
            (ui.actionClose, self.close_document),
            (ui.actionQuit, self.close),
            (self.undo_action, lambda: self.session is not None and self.session.undo_stack.undo()),  # type: ignore[func-returns-value]
            (self.redo_action, lambda: self.session is not None and self.session.undo_stack.redo()),  # type: ignore[func-returns-value]
            (self.form_action, self.hand_out_dialog),
            (self.merge_action, self.merge_dialog),
            (self.compare_action, self.compare_dialog),
            (self.portfolio_action, self.portfolio_dialog),
            (self.upgrade_action, self.offer_upgrade),
            (self.export_xlsx_action, self.export_xlsx_dialog),
            (self.import_xlsx_action, self.import_xlsx_dialog),
            (self.next_unrated_action, self.go_to_next_unrated),
        ]:
            action.triggered.connect(handler)
        ui.menuRecent.aboutToShow.connect(self._refresh_recent_menu)  # a file may have gone since the last look
        self.coach_mode_action.toggled.connect(self._on_coach_mode)
        self.guide_action.triggered.connect(lambda: open_guide(self, self.instruments))
        self.shortcuts_action.triggered.connect(lambda: open_shortcuts(self))
        self.about_action.triggered.connect(lambda: open_about(self, self.instruments))

    # ----- roles: the lead, a team member's form, the coach -----
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

    def go_to_next_unrated(self) -> bool:
        """Open the next criterion the shown respondent has not answered, on whichever rubric page it is."""
        from planner.ui.pages.rubric import RubricPage

        if self.session is None:
            return False
        row = self.ui.navList.currentRow()
        found = navigation.next_unrated(self.session, row, self._built_pages.get(row))
        if isinstance(found, str):
            self._status(found, 6000)
            return False
        respondent_id, section, index = found
        self.ui.navList.setCurrentRow(section)
        page = self.page_at(section)
        assert isinstance(page, RubricPage)
        page.show_respondent(respondent_id)
        page.show_criterion(index)
        return True

    # ----- teams and coaches -----
    def hand_out_dialog(self) -> None:
        chosen = team_actions.choose_form(self, self._start_dir()) if self.session is not None else None
        if chosen is not None:
            self.hand_out_form(*chosen)

    def hand_out_form(self, name: str, sector: Sector, path: Path) -> bool:
        assert self.session is not None
        return team_actions.write_form(self.session, self, name, sector, path, self._status)

    def merge_dialog(self) -> None:
        paths = team_actions.choose_forms(self, self._start_dir()) if self.session is not None else []
        if paths:
            self.merge_files(paths)

    def merge_files(self, paths: list[Path]) -> MergeResult | None:
        """Merge returned forms as one undoable step (see planner.ui.team_actions.merge_files)."""
        assert self.session is not None
        return team_actions.merge_files(self.session, self, self.instruments, paths, self.offer_upgrade)

    def compare_dialog(self) -> None:
        path = team_actions.choose_baseline(self, self._start_dir()) if self.session is not None else None
        if path is not None:
            self.compare_with(path)

    def compare_with(self, path: Path) -> CompareDialog | None:
        assert self.session is not None
        return team_actions.compare_with(self.session, self, self.instruments, path)

    def portfolio_dialog(self) -> None:
        folder = team_actions.choose_portfolio(self, self._start_dir())
        if folder is not None:
            self.open_portfolio_folder(folder)

    def open_portfolio_folder(self, folder: Path) -> PortfolioWindow | None:
        return team_actions.open_portfolio_folder(self, self.instruments, folder, self._open_from_portfolio)

    def _open_from_portfolio(self, path: Path) -> None:
        if self.open_path(path):
            self.raise_()
            self.activateWindow()

    # ----- documents -----
    def recent_files(self) -> list[str]:
        return self.recent.paths()

    def _remember(self, path: Path) -> None:
        self.recent.remember(path)
        self._refresh_recent_menu()

    def _refresh_recent_menu(self, removed: int = 0) -> None:
        menu = self.ui.menuRecent
        menu.clear()
        for path in self.recent_files():
            action = menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_path(Path(p)))
        menu.setEnabled(bool(self.recent_files()))
        self.start_page.refresh(self.recent_files(), removed)
        if not removed:  # which are gone is checked in a worker thread; the lists are drawn again if some are
            self.recent.check(self._refresh_recent_menu)

    def set_document(self, document: Document, path: Path | None, modified: bool = False) -> None:
        from planner.ui.session import DocumentSession

        self._clear_pages()
        self.session = DocumentSession(document, self.instruments, path)
        session = self.session
        self._make_pages(session)
        session.sig_document_changed.connect(self._on_document_changed)
        session.sig_state_changed.connect(self._update_title)
        # Undo/Redo follow the stack's index (it moves after the document changes: Redo was left greyed out).
        session.undo_stack.indexChanged.connect(self._update_undo_actions)
        session.sig_roles_changed.connect(self._update_roles)
        if modified:
            # A recovered document differs from its file until saved: mark it so closing asks first.
            session.undo_stack.resetClean()
        self._update_nav(self.guide.refresh())  # the checklist's marks, progress and Next; after edits, on a pause
        self.ui.navList.setCurrentRow(0)
        self._update_title()
        self._update_roles()

    def _make_pages(self, session: DocumentSession) -> None:
        """Section factories for the instruments the document is rated on; pages are built when first shown."""
        self._page_instruments = list(session.instruments)
        self._page_factories, self._lead_rows = navigation.page_factories(session)
        self.ui.navList.blockSignals(True)
        self.ui.navList.clear()
        for _ in self._page_factories:
            self.ui.navList.addItem(QListWidgetItem())
        navigation.size_nav(self.ui.navList, self._page_instruments)
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
        self.guide.refresh()
        self._refresh_recent_menu()
        self._update_title()
        self._update_roles()

    def new_document(self) -> None:
        from planner.core.model.document import new_document

        if self.maybe_save():
            self._release_lock()
            self.set_document(new_document("New consortium", self.instruments), None)

    def open_demo(self) -> None:
        from planner.core.storage.demo import demo_document

        if self.maybe_save():
            self._release_lock()
            self.set_document(demo_document(self.instruments), None)

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self, "Open plan", self._start_dir(), FILE_FILTER)
        if path:
            self.open_path(Path(path), ask=False)

    def open_path(self, path: Path, ask: bool = True) -> bool:
        from planner.ui.autosave import absolute

        if ask and not self.maybe_save():
            return False
        path = absolute(path)
        document = files.read_plan(self, path, self.instruments)
        if document is None:
            return False
        read_only = self.file_lock.claim(path, self._ask_open_locked)  # open by someone else: ask first
        if read_only is None:
            return False
        self.shared.banner.clear()
        self.set_document(document, path)
        if self.session is not None:
            self.session.read_only = read_only
            self._update_title()
        self._remember(path)
        self.shared.check()  # conflict copies a sync service left beside it
        self.offer_upgrade()
        return True

    def offer_upgrade(self) -> bool:
        return upgrade_prompt.offer_upgrade(self.session, self, self.instruments, self._status)

    def _ask_open_locked(self, path: Path, held_by: str) -> str:
        return files.ask_open_locked(self, path, held_by)

    def _release_lock(self) -> None:
        self.file_lock.release()

    def _start_dir(self) -> str:
        return files.start_dir(self.session)

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
        from planner.ui.autosave import absolute

        assert self.session is not None
        path = absolute(path)
        outcome = files.save_to(self.session, self, path, lambda p: self._ask_changed_on_disk(p))
        if outcome == "save_as":
            return self.save_as()
        if outcome == "reload":
            return self.open_path(path, ask=False)
        if outcome == "saved":
            self.file_lock.take(path)
            self.shared.banner.show_changed(False)
            self.autosaver.clear()
            self._remember(path)
            self._status(f"Saved {path.name}", 4000)
        return outcome == "saved"

    def _ask_changed_on_disk(self, path: Path) -> str:
        return files.ask_changed_on_disk(self, path)

    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; True means go ahead."""
        if self.session is None or not self.session.is_modified:
            return True
        answer = files.ask_to_save(self)
        return self.save() if answer == "save" else answer == "discard"

    def close_document(self) -> None:
        if self.maybe_save():
            self.autosaver.clear()
            self._release_lock()
            self._show_start()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.exports.cancel()
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.autosave_timer.stop()
        if self._autosaver is not None:  # a window that never needed one has nothing to clean up
            self._autosaver.close()
        self._release_lock()
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

    def offer_recovery(self) -> bool:
        """After a crash: offer every autosave left by windows that are gone (see planner.ui.recovery)."""
        from planner.ui.recovery import choose_recovery

        chosen = choose_recovery(self.autosaver, self)
        if chosen is None:
            return False
        self.set_document(chosen.document, chosen.original_path, modified=True)
        if chosen.original_path is not None:
            self.file_lock.take(chosen.original_path)
        self.autosave()  # this window's own autosave holds the work now; only then let the old one go
        chosen.discard()
        return True

    # ----- export -----
    def export_dialog(self) -> None:
        path = export_actions.choose_export_path(self.session, self, self._start_dir()) if self.session else None
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path, paper: str = "letter") -> None:
        assert self.session is not None
        self.exports.start(self.session.document, path, paper)

    def export_xlsx_dialog(self) -> None:
        path = export_actions.choose_workbook_target(self.session, self, self._start_dir()) if self.session else None
        if path is not None:
            self.export_xlsx_to(path)

    def export_xlsx_to(self, path: Path) -> bool:
        assert self.session is not None
        return export_actions.export_workbook(self.session, self, path, self._status)

    def import_xlsx_dialog(self) -> None:
        path = export_actions.choose_workbook_source(self, self._start_dir()) if self.session else None
        if path is not None:
            self.import_xlsx_from(path).open()

    def import_xlsx_from(self, path: Path) -> WorkbookImportDialog:
        """The preview of what the workbook changes; its Apply makes that one undoable step. Not shown yet."""
        assert self.session is not None
        return export_actions.import_workbook(self.session, self, path, self._status, lambda: self.session)

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
        self.guide.schedule()

    def _update_nav(self, _counted: None = None) -> None:
        if self.session is None:
            return
        names = self.guide.checklist_names(navigation.section_names(self.session, self._built_pages))
        for row, (name, spoken) in enumerate(names):
            item = self.ui.navList.item(row)
            if item is not None and (item.text() != name or item.toolTip() != spoken):
                item.setText(name)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)
                item.setToolTip(spoken)  # whole, should the list ever elide it

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
        self._update_undo_actions()

    @Slot()
    def _update_undo_actions(self) -> None:
        menus.update_undo_actions(self.undo_action, self.redo_action, self.session.undo_stack if self.session else None)

    def _upgradable(self, session: DocumentSession) -> bool:
        return upgrade_prompt.upgradable(session, self.instruments)

    def _on_section(self, row: int) -> None:
        if 0 <= row < len(self._page_factories):
            self.ui.pages.setCurrentWidget(self.page_at(row))
