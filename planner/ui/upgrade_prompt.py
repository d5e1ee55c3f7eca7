"""The prompt that moves a plan rated on older instruments to the current ones, as one undoable edit."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from planner.core.model.rubric import Instrument
    from planner.ui.session import DocumentSession


def upgradable(session: DocumentSession, instruments: list[Instrument]) -> bool:
    from planner.core.storage.upgrade import upgrade_available  # with a document only: not before the first paint

    return upgrade_available(session.document, instruments) is not None


def offer_upgrade(
    session: DocumentSession | None, parent: QWidget, instruments: list[Instrument], status: Callable[[str, int], None]
) -> bool:
    """Offer to move a document rated on older instruments to the current ones.

    Yes makes the upgrade one undoable edit (undo restores the old document exactly); No leaves the document
    on its own instruments, where it opens, scores and prints as before.
    """
    from planner.core.model.errors import PlannerFileError
    from planner.core.storage.upgrade import upgrade_available, upgrade_to_current

    if session is None or upgrade_available(session.document, instruments) is None:
        return False
    name = session.path.name if session.path else "This plan"
    try:
        result = upgrade_to_current(session.document, instruments, name)
    except PlannerFileError as exc:
        QMessageBox.warning(parent, "Cannot upgrade", exc.message)
        return False
    titles = {c.id: c.title for i in instruments for c in i.criteria}
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
        parent,
        "Upgrade instruments?",
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if answer != QMessageBox.StandardButton.Yes:
        status(f"Kept on instruments {result.from_version}; File > Upgrade to the current instruments any time.", 8000)
        return False
    session.apply(lambda _document: result.document, f"Upgrade to instruments {result.to_version}")
    status(f"Upgraded to instruments {result.to_version}; Undo reverses it.", 8000)
    return True
