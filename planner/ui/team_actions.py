"""The File menu's team and coach tools: hand out a respondent form, merge returned forms, compare with a
baseline, open a coach's portfolio. Each works on the document session and speaks through ``parent``'s dialogs.

Only Qt at module level: the window imports this before its first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from planner.ui.files import FILE_FILTER, Status

if TYPE_CHECKING:
    from planner.core.assessment.team import MergeResult
    from planner.core.model.document import Sector
    from planner.core.model.rubric import Instrument
    from planner.ui.session import DocumentSession
    from planner.ui.team import CompareDialog, PortfolioWindow


def choose_form(parent: QWidget, start_dir: str) -> tuple[str, Sector, Path] | None:
    """Ask who the form is for and where to save it; None when the person cancels either question."""
    from planner.ui.team import RespondentFormDialog

    dialog = RespondentFormDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    name, sector = dialog.chosen()
    suggested = Path(start_dir) / f"form-{name.lower().replace(' ', '-')}.json"
    path, _ = QFileDialog.getSaveFileName(parent, "Save respondent form", str(suggested), FILE_FILTER)
    return (name, sector, Path(path)) if path else None


def write_form(
    session: DocumentSession, parent: QWidget, name: str, sector: Sector, path: Path, status: Status
) -> bool:
    """Save a respondent form for ``name`` from the open plan; say why when it cannot be made or saved."""
    from planner.core.assessment.team import respondent_form
    from planner.core.editing.edits import EditError
    from planner.core.storage.storage import save_document

    try:
        save_document(respondent_form(session.document, name, sector), path)
    except EditError as exc:
        QMessageBox.warning(parent, "Cannot make the form", str(exc))
        return False
    except OSError as exc:
        QMessageBox.warning(parent, "Cannot save", f"{path} could not be saved: {exc.strerror or exc}.")
        return False
    status(f"Wrote a respondent form for {name} to {path.name}", 8000)
    return True


def choose_forms(parent: QWidget, start_dir: str) -> list[Path]:
    paths, _ = QFileDialog.getOpenFileNames(parent, "Merge returned forms", start_dir, FILE_FILTER)
    return [Path(p) for p in paths]


def merge_files(
    session: DocumentSession,
    parent: QWidget,
    instruments: list[Instrument],
    paths: list[Path],
    offer_upgrade: Callable[[], object],
) -> MergeResult:
    """Merge returned forms as one undoable step; ask before replacing anyone; explain every refusal."""
    from planner.core.assessment.team import RefusalKind, merge_responses, read_responses
    from planner.ui.team import merge_summary
    from planner.ui.upgrade_prompt import upgradable

    responses, unreadable = read_responses(paths, instruments)  # read once, even when asked to replace
    result = merge_responses(session.document, responses, unreadable=unreadable)
    replace = {
        c.respondent_id
        for c in result.conflicts
        if QMessageBox.question(
            parent,
            "Replace respondent?",
            c.question(),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        == QMessageBox.StandardButton.Yes
    }
    if replace:
        result = merge_responses(session.document, responses, replace, unreadable)
    if result.changed:
        merged = result.document
        count = len(result.added) + len(result.replaced)
        session.apply(lambda _d: merged, f"Merge {count} respondent form{'s' if count != 1 else ''}")
    needs_upgrade = upgradable(session, instruments)
    QMessageBox.information(parent, "Merge returned forms", merge_summary(result, needs_upgrade))
    if needs_upgrade and any(r.kind is RefusalKind.OTHER_INSTRUMENTS for r in result.refused):
        offer_upgrade()  # the app's own upgrade, with its question; then the forms can be merged again
    return result


def choose_baseline(parent: QWidget, start_dir: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Compare with a baseline", start_dir, FILE_FILTER)
    return Path(path) if path else None


def compare_with(
    session: DocumentSession, parent: QWidget, instruments: list[Instrument], path: Path
) -> CompareDialog | None:
    """Show how the open plan moved since the baseline in ``path``; None after saying why it cannot."""
    from planner.core.assessment.analysis import analyze
    from planner.core.assessment.compare import ComparisonError, compare
    from planner.core.model.errors import PlannerFileError
    from planner.core.storage.instruments import load_plan
    from planner.ui.team import CompareDialog

    try:
        old = analyze(*load_plan(path, instruments))
        comparison = compare(old, session.analysis)
    except PlannerFileError as exc:
        QMessageBox.warning(parent, "Cannot compare", exc.message)
        return None
    except ComparisonError as exc:  # the follow-up is the plan open in this window
        QMessageBox.warning(parent, "Cannot compare", f"This plan: {exc}" if exc.follow_up else f"{path.name}: {exc}")
        return None
    dialog = CompareDialog(comparison, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def choose_portfolio(parent: QWidget, start_dir: str) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, "Open a portfolio folder", start_dir)
    return Path(folder) if folder else None


def open_portfolio_folder(
    parent: QWidget, instruments: list[Instrument], folder: Path, open_plan: Callable[[Path], object]
) -> PortfolioWindow | None:
    """A coach's view of every plan in ``folder``; opening one of them calls ``open_plan``."""
    from planner.ui.team import open_portfolio

    window = open_portfolio(folder, instruments, parent)
    if window is not None:
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.sig_open_plan.connect(open_plan)
    return window
