"""The section list down the side of the window: which pages a plan has, their names with badges (progress, gap
years, counts), one width for the list, and where the next unrated criterion is.

Only Qt at module level: the window imports this before its first paint; the pages come with the first plan.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QListWidget, QWidget

if TYPE_CHECKING:
    from planner.core.model.rubric import Instrument
    from planner.ui.session import DocumentSession

NAV_MIN_WIDTH, NAV_MAX_WIDTH = 200, 320


def _scenarios_page(session: DocumentSession) -> QWidget:
    from planner.ui.pages.scenarios import ScenariosPage  # with its section, like every page: not on the start-up path

    return ScenariosPage(session)


def page_factories(session: DocumentSession) -> tuple[list[Callable[[], QWidget]], range]:
    """One factory per section, in the list's order, and the rows of the lead's own plan (costs, scenarios,
    actions), which a respondent form does not show."""
    from planner.ui.pages.actions import ActionsPage
    from planner.ui.pages.costs import CostsPage
    from planner.ui.pages.profile import ProfilePage
    from planner.ui.pages.rubric import RubricPage
    from planner.ui.pages.summary import SummaryPage

    factories: list[Callable[[], QWidget]] = [lambda: ProfilePage(session)]
    factories += [partial(RubricPage, session, instrument) for instrument in session.instruments]
    lead_start = len(factories)
    factories += [lambda: CostsPage(session), partial(_scenarios_page, session)]
    factories += [lambda: ActionsPage(session)]
    lead_rows = range(lead_start, len(factories))
    factories += [lambda: SummaryPage(session)]
    return factories, lead_rows


def section_names(session: DocumentSession, built_pages: dict[int, QWidget]) -> list[str]:
    """Each section's name in the list, with its badge: progress, gap years, counts."""
    from planner.core.assessment.scoring import respondent_progress
    from planner.ui.pages.rubric import RubricPage

    names = ["Consortium profile"]
    document = session.document
    for row, instrument in enumerate(session.instruments, start=1):
        page = built_pages.get(row)
        if isinstance(page, RubricPage):
            answered, total = page.progress()
        else:  # not shown yet, so it will open on the first respondent
            first = document.respondents[0] if document.respondents else None
            answered, total = respondent_progress(instrument, first) if first else (0, len(instrument.criteria))
        names.append(f"{instrument.title}  {answered}/{total}")
    funding = session.analysis.funding
    gap_years = sum(1 for y in funding.years if y.gap > 0)
    names.append("Shared-cost plan" + (f"  ({gap_years} gap year{'s' if gap_years != 1 else ''})" if gap_years else ""))
    scenarios = len(document.scenarios)
    names.append("What-if scenarios" + (f"  ({scenarios})" if scenarios else ""))
    names += [f"Action plan  ({len(document.actions)})", "Summary"]
    return names


def size_nav(nav: QListWidget, instruments: list[Instrument]) -> None:
    """Give the section list one width for the document, from each name with the widest badge it can carry.

    Measured from the names of the moment, the list widened when "(3 gap years)" appeared and every page
    jumped sideways. A name wider than the list's limit is elided; its tooltip says it whole.
    """
    from planner.core.model.document import MAX_HORIZON_YEARS, MAX_SCENARIOS

    names = ["Consortium profile"]
    names += [f"{i.title}  {len(i.criteria)}/{len(i.criteria)}" for i in instruments]
    names += [f"Shared-cost plan  ({MAX_HORIZON_YEARS} gap years)", f"What-if scenarios  ({MAX_SCENARIOS})"]
    names += ["Action plan  (999)", "Summary"]
    names = [f"◐  {name}" for name in names]  # with the checklist's mark (planner.ui.guide)
    nav.ensurePolished()  # the style sheet's font and padding count in the measure
    for row, name in enumerate(names):
        item = nav.item(row)
        if item is not None:
            item.setText(name)
    width = nav.sizeHintForColumn(0) + 2 * nav.frameWidth() + 8
    nav.setFixedWidth(min(NAV_MAX_WIDTH, max(NAV_MIN_WIDTH, width)))


def next_unrated(session: DocumentSession, row: int, shown: QWidget | None) -> tuple[str, int, int] | str:
    """Where the next criterion the shown respondent has not answered is, after the section in ``row`` (showing
    ``shown``): the respondent's id, the section's row and the criterion's index; or what to say when none is."""
    from planner.core.assessment.scoring import next_unrated as find
    from planner.ui.pages.rubric import RubricPage

    if isinstance(shown, RubricPage):
        respondent_id, after = shown.respondent_id(), (row - 1, shown.current_index())
    else:  # from any other section: the first respondent (the lead, or the member a form is for), from the start
        respondent_id, after = session.document.respondents[0].id, (-1, -1)
    respondent = session.document.respondent(respondent_id) if respondent_id else None
    place = find(session.instruments, respondent, after) if respondent is not None else None
    if respondent is None or place is None:
        who = respondent.name if respondent is not None else "This plan"
        return f"{who} has answered every criterion."
    return respondent.id, 1 + place[0], place[1]  # the rubric sections follow the profile, in instrument order
