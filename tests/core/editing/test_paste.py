"""Reading blocks pasted from a spreadsheet into the cost-item and commitment tables."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.core.editing import edits
from planner.core.editing.edits import EditError
from planner.core.editing.paste import paste_rows, split_block, table_layout
from planner.core.model.cost_plan import CommitmentStatus, CostCategory, FundingKind, FundingSource, ItemPriority
from planner.core.model.document import Document
from planner.core.model.rubric import Instrument

INSTRUMENTS: tuple[Instrument, ...] = ()


def _row(*cells: str) -> str:
    return "\t".join(cells)


def test_split_block_reads_what_spreadsheets_copy() -> None:
    assert split_block("a\tb\r\nc\td\r\n") == [["a", "b"], ["c", "d"]]
    assert split_block("a\tb\nc\td") == [["a", "b"], ["c", "d"]]
    assert split_block('"two\nlines"\t"tab\there"\t"say ""hi"""\n') == [["two\nlines", "tab\there", 'say "hi"']]
    # A quote that does not close a cell is only a character; it does not swallow the rows after it.
    assert split_block('"Big" data\t5\nnext\t6') == [['"Big" data', "5"], ["next", "6"]]
    assert split_block('12"\n3') == [['12"'], ["3"]]
    assert split_block("a\t\t\n\n") == [["a", "", ""]]
    assert split_block("") == []


def test_rows_as_wide_as_the_table_are_added_and_bad_rows_are_refused_by_row(
    demo: Document, instruments: tuple[Instrument, ...]
) -> None:
    good = _row("Alder Basin Community College", "Data matching and annual results report", "Year 3", "$9,000.00")
    good += "\t" + _row("Perkins V", "Perkins reserve", "One-time", "Pledged", "Cash")
    bad_money = good.replace("$9,000.00", "12,50")
    bad_two = _row("Nobody", "Data matching and annual results report", "Year 9", "1e3", "", "", "", "", "")
    text = "\n".join([good, bad_money, good.replace("Year 3", "2"), bad_two]) + "\n"
    result = paste_rows(demo, instruments, "commitments", text, at=(0, 3))  # full rows: added, whatever cell
    assert (result.added, result.changed) == (2, 0)
    assert result.problems == (
        "Row 2, Amount: '12,50' is not an amount; write it like 1250, 1,250.50 or $1,250.50 (a comma only between "
        "thousands, a point before cents)",
        'Row 4, Partner: "Nobody" is not a partner in this plan; choose one of: Alder Basin County Office of '
        "Education, Ridgeline Unified School District, Willow Creek Joint Union High School District, Alder Basin "
        "Community College, Basin Valley Health Network, Northfork Fabrication Co., Tri-Basin Workforce "
        'Development Board, Bridgeway Youth Futures; Year: "Year 9" is not a plan year; the plan has Year 1 to '
        "Year 3; Amount: '1e3' is not an amount; write it like 1250, 1,250.50 or $1,250.50 (a comma only between "
        "thousands, a point before cents)",
    )
    assert result.summary() == "2 rows added, 2 rows not pasted"
    new = result.document.commitments[len(demo.commitments) :]
    assert [(c.partner_id, c.cost_item_id, c.year, c.amount) for c in new] == [
        ("p-college", "c-data", 3, Decimal("9000.00")),
        ("p-college", "c-data", 2, Decimal("9000.00")),
    ]
    first = new[0]
    assert (first.fund, first.source, first.kind, first.status, first.in_kind) == (
        FundingSource.PERKINS_V,
        "Perkins reserve",
        FundingKind.ONE_TIME,
        CommitmentStatus.PLEDGED,
        False,
    )
    assert result.document.commitments[: len(demo.commitments)] == demo.commitments


def test_a_narrower_block_fills_cells_from_the_current_cell_and_runs_past_the_end(
    demo: Document, instruments: tuple[Instrument, ...]
) -> None:
    last = len(demo.commitments) - 1
    text = "70,000\tLCFF / LCAP (district general fund)\n1.5\tbad fund\n500\tperkins_v\n"
    result = paste_rows(demo, instruments, "commitments", text, at=(last - 1, 3))
    assert result.changed == 1 and result.added == 1
    assert result.problems[0].startswith('Row 2, Kind of fund: "bad fund" is not a kind of fund in this plan')
    after = result.document.commitments
    assert after[last - 1].amount == Decimal("70000.00") and after[last - 1].fund is FundingSource.LCFF_LCAP
    assert after[last] == demo.commitments[last]  # the refused line left its row as it was
    extra = after[last + 1]  # the line past the end: a new row with the choices of the row above
    assert extra.amount == Decimal("500.00") and extra.fund is FundingSource.PERKINS_V
    assert (extra.partner_id, extra.cost_item_id, extra.status) == (
        demo.commitments[last].partner_id,
        demo.commitments[last].cost_item_id,
        demo.commitments[last].status,
    )


def test_cost_items_with_years_and_a_heading_row(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    headers = [c.header for c in table_layout(demo, instruments, "cost_items")]
    assert headers[-3:] == ["FY 2027-28", "FY 2028-29", "FY 2029-30"]
    text = "\n".join(
        [
            "\t".join(headers),
            _row("Summer bridge", "Other", "", "Cut first", "Harbor", "1,000", "", "$2,000.50"),
            _row("Career fair buses", "transportation", "(none)", "", "", "900", "900", "900"),
            _row("", "Other", "", "", "", "1", "2", "3"),
        ]
    )
    demo = edits.update_record(demo, "partners", 0, name="Harbor")
    result = paste_rows(demo, instruments, "cost_items", text)
    assert result.header_skipped and result.added == 2
    assert result.problems == ("Row 4, Cost item: is empty; every row needs one",)
    bridge, buses = result.document.cost_items[-2:]
    assert (bridge.name, bridge.category, bridge.priority, bridge.gap_partner_id) == (
        "Summer bridge",
        CostCategory.OTHER,
        ItemPriority.CUT_FIRST,
        "p-county",
    )
    assert bridge.costs == {1: Decimal("1000.00"), 3: Decimal("2000.50")}
    # An empty required choice carries on the row above; an empty gap partner means none.
    assert buses.category is CostCategory.TRANSPORTATION and buses.priority is ItemPriority.CUT_FIRST
    assert buses.gap_partner_id is None and buses.costs == {y: Decimal("900.00") for y in (1, 2, 3)}


def test_a_criterion_is_found_by_the_label_the_table_shows(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    instrument = instruments[0]
    criterion = instrument.criteria[1]
    label = f"{instrument.short_title}: {criterion.title}"
    result = paste_rows(demo, instruments, "cost_items", _row("Mentors", "", label.upper()), at=(0, 0))
    assert result.changed == 1 and result.document.cost_items[0].criterion_id == criterion.id
    assert result.document.cost_items[0].name == "Mentors"


def test_blocks_that_cannot_be_pasted_at_all(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    with pytest.raises(EditError, match="nothing to paste"):
        paste_rows(demo, instruments, "commitments", "\n\t\n")
    with pytest.raises(EditError, match="cannot be pasted into partners"):
        paste_rows(demo, instruments, "partners", "a")
    without_items = demo.model_copy(update={"cost_items": [], "commitments": []})
    with pytest.raises(EditError, match="nothing was pasted: A commitment needs a cost item"):
        paste_rows(without_items, instruments, "commitments", "x\ty")
    too_wide = paste_rows(demo, instruments, "commitments", "1\t2\t3", at=(0, 7))
    assert too_wide.problems == (
        "Row 1, 3 cells: the table has 2 columns from Status on; copy only the table's columns",
    )
    assert too_wide.document is demo and too_wide.summary() == "1 row not pasted"


def test_a_block_past_what_the_plan_holds_changes_nothing(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    text = "\n".join(_row(f"Item {n}", "Other") for n in range(1000))
    with pytest.raises(EditError, match=r"nothing was pasted: .*at most 1000"):
        paste_rows(demo, instruments, "cost_items", text)


def test_pasted_text_follows_the_one_rule_for_text(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    # A cell copied from a word processor can hold a vertical tab (its line break) or another control character: it
    # arrives as the visible mark U+FFFD, as it would from a file, never as a character the Word copy cannot hold.
    text = _row("Coordinator\x0bFTE", "Other", "", "Keep first", "", "1,000", "", "")
    result = paste_rows(demo, instruments, "cost_items", text)
    assert result.added == 1 and result.document.cost_items[-1].name == "Coordinator\ufffdFTE"
