"""Reading typed values: one spelling each, and a plain message that shows the accepted form."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from planner.core.editing import edits
from planner.core.editing.edits import EditError, plain_reason
from planner.core.editing.entry import entry_problem, read_amount, read_count, read_date
from planner.core.funding.costs import horizon_notice
from planner.core.model.document import ActionItem
from planner.core.model.fields import new_id
from planner.core.model.rubric import bundled_instruments
from planner.core.storage.demo import demo_document


def test_dates_read_only_as_year_month_day() -> None:
    assert read_date(" 2025-07-01 ") == date(2025, 7, 1)
    assert read_date("") is None
    for typed in ("20250701", "2025-W27-2", "2025-13-01", "07/01/2025", "2025-7-1"):
        problem = entry_problem(read_date, typed)
        assert problem is not None and "YYYY-MM-DD" in problem, typed
    problem = entry_problem(read_date, "1850-01-01")
    assert problem is not None and "1900 to 2200" in problem


def test_amounts_and_counts() -> None:
    assert read_amount("$1,250.50") == Decimal("1250.50")
    assert read_amount("  ") is None
    for typed in ("12,50", "1e3", "-5"):
        assert entry_problem(read_amount, typed) is not None, typed
    assert "1,250.50" in (entry_problem(read_amount, "12,50") or "")
    assert read_count("7") == 7 and read_count("") is None
    for typed in ("7.5", "-1", "seven", "١٢", "10000"):
        assert entry_problem(read_count, typed) is not None, typed


def test_an_action_due_before_it_starts_is_refused_in_plain_words() -> None:
    document = demo_document(list(bundled_instruments()))
    action = ActionItem(id=new_id("a"), action="Draft the MOU", start=date(2026, 3, 1), due=date(2026, 1, 15))
    with pytest.raises(EditError) as refused:
        edits.add_record(document, "actions", action)
    assert plain_reason(str(refused.value)) == "The due date is before the start date"
    document = edits.add_record(document, "actions", action.model_copy(update={"due": date(2026, 6, 1)}))
    index = len(document.actions) - 1
    with pytest.raises(EditError):
        edits.update_record(document, "actions", index, start=date(2026, 7, 1))
    assert edits.update_record(document, "actions", index, start=date(2026, 6, 1)).actions[index].start == date(
        2026, 6, 1
    )


def test_the_horizon_notice_counts_what_a_shorter_plan_leaves_out() -> None:
    document = demo_document(list(bundled_instruments()))
    assert horizon_notice(document) == ""
    short = edits.set_profile(document, horizon_years=1)
    later = [c for c in document.commitments if c.year > 1]
    notice = horizon_notice(short)
    assert f"{len(later)} commitments" in notice and "after year 1" in notice
    assert "cost items with costs" in notice
