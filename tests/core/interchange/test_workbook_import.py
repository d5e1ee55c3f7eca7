"""Reading an edited workbook back: exactly the edited cells change, and a bad or hostile file changes nothing."""

from __future__ import annotations

import datetime
import json
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.worksheet import Worksheet

from planner.core.assessment.analysis import analyze
from planner.core.editing.edits import revalidated
from planner.core.interchange.workbook import export_workbook
from planner.core.interchange.workbook_cells import MAX_ROWS
from planner.core.interchange.workbook_import import MAX_UNZIPPED_BYTES, WorkbookError, import_workbook
from planner.core.interchange.workbook_layout import COMMITMENT_SHEET, COST_SHEET
from planner.core.model.cost_plan import (
    Commitment,
    CommitmentStatus,
    CostCategory,
    FundingKind,
    FundingSource,
    ItemPriority,
)
from planner.core.model.document import Document
from planner.core.model.rubric import Instrument
from planner.core.model.text import xml_text
from planner.core.storage.storage import parse_document, serialize_document
from tests.factories import large_document

D = Decimal


@pytest.fixture
def exported(demo: Document, instruments: tuple[Instrument, ...], tmp_path: Path) -> Path:
    path = tmp_path / "plan.xlsx"
    export_workbook(analyze(demo, instruments), path)
    return path


def _row(sheet: Worksheet, record_id: str) -> int:
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == record_id)


def _lines(error: WorkbookError) -> list[str]:
    return [e.message for e in (error, *error.more)]


def _refused(document: Document, path: Path) -> list[str]:
    with pytest.raises(WorkbookError) as caught:
        import_workbook(document, path)
    return _lines(caught.value)


def test_an_unedited_workbook_changes_nothing(demo: Document, exported: Path) -> None:
    result = import_workbook(demo, exported)
    assert not result.changed and result.summary_lines() == []
    assert result.document == demo


@pytest.mark.slow
def test_the_large_plan_round_trips(instruments: tuple[Instrument, ...], tmp_path: Path) -> None:
    document = large_document(instruments)
    path = tmp_path / "large.xlsx"
    export_workbook(analyze(document, instruments), path)
    result = import_workbook(document, path)
    assert not result.changed and result.document == document


def test_exactly_the_edited_cells_are_applied(demo: Document, exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    costs, commitments = book[COST_SHEET], book[COMMITMENT_SHEET]
    coordinator, wbl = _row(costs, "c-coord"), _row(costs, "c-wbl")
    costs.cell(coordinator, 6).value = 135000  # year 2
    costs.cell(wbl, 2).value = "WBL intermediary"
    costs.cell(wbl, 4).value = "cut first"  # any case, label or value
    costs.insert_rows(costs.max_row)  # a new item above the totals, no id
    new_item = costs.max_row - 1
    new_row: list[str | float] = ["", "Summer bridge", "Other", "Reduce if short", 5000, "", 2500.5]
    for column, value in enumerate(new_row, 1):
        costs.cell(new_item, column).value = value
    m1 = _row(commitments, "m-1")
    commitments.cell(m1, 7).value = 70000.1  # amount, as a float the way Excel stores it
    commitments.cell(m1, 8).value = "Pledged"
    commitments.delete_rows(_row(commitments, "m-8"))
    commitments.insert_rows(commitments.max_row)
    added = commitments.max_row - 1
    row: list[str | int] = ["", "Ridgeline Unified School District", "", "Summer bridge", "", 1, "$1,250.50"]
    row += ["committed", "One-time", "LCFF / LCAP (district general fund)", "=not a formula", "yes"]
    for column, value in enumerate(row, 1):
        commitments.cell(added, column).value = value
    commitments.cell(added, 11).data_type = "s"
    book.save(exported)

    result = import_workbook(demo, exported)
    new_items = result.cost_items.added
    assert len(new_items) == 1 and len(result.commitments.added) == 1
    bridge = new_items[0]
    assert (bridge.name, bridge.category, bridge.priority) == ("Summer bridge", CostCategory.OTHER, ItemPriority.REDUCE)
    assert bridge.costs == {1: D("5000.00"), 3: D("2500.50")}  # the empty year 2 stays empty
    assert bridge.gap_partner_id is None and bridge.criterion_id is None
    commitment = result.commitments.added[0]
    assert commitment == Commitment(
        id=commitment.id,
        partner_id="p-ridge",
        cost_item_id=bridge.id,
        year=1,
        amount=D("1250.50"),
        status=CommitmentStatus.COMMITTED,
        kind=FundingKind.ONE_TIME,
        fund=FundingSource.LCFF_LCAP,
        source="=not a formula",
        in_kind=True,
    )
    # Everything else is exactly as it was.
    items = {i.id: i for i in demo.cost_items}
    expected_items = [
        items["c-coord"].model_copy(update={"costs": {**items["c-coord"].costs, 2: D("135000.00")}})
        if i.id == "c-coord"
        else i.model_copy(update={"name": "WBL intermediary", "priority": ItemPriority.CUT_FIRST})
        if i.id == "c-wbl"
        else i
        for i in demo.cost_items
    ]
    assert result.document.cost_items == [*expected_items, bridge]
    expected_commitments = [
        c.model_copy(update={"amount": D("70000.10"), "status": CommitmentStatus.PLEDGED}) if c.id == "m-1" else c
        for c in demo.commitments
        if c.id != "m-8"
    ]
    assert result.document.commitments == [*expected_commitments, commitment]
    assert result.document.model_copy(update={"cost_items": demo.cost_items, "commitments": demo.commitments}) == demo
    assert [c.id for c in result.commitments.removed] == ["m-8"]
    assert (
        f"added commitment {commitment.id}: Ridgeline Unified School District, Summer bridge, year 1, $1,250.50 "
        "committed"
    ) in result.summary_lines()
    assert (
        "removed commitment m-8: Northfork Fabrication Co., WBL intermediary, year 1, $20,000.00 pledged"
        in result.summary_lines()
    )
    assert result.summary_lines()[:3] == [
        f"added cost item Summer bridge ({bridge.id}): year 1 $5,000.00, year 3 $2,500.50",
        "changed cost item Regional pathway coordinator (1.0 FTE) (c-coord): year 2 $131,840.00 to $135,000.00",
        "changed cost item WBL intermediary (c-wbl): name 'Work-based learning intermediary contract' to "
        "'WBL intermediary'; priority Keep first to Cut first",
    ]
    assert "changed commitment m-1: amount $64,000.00 to $70,000.10; status Committed to Pledged" in (
        result.summary_lines()
    )


def test_bad_rows_are_refused_one_line_each_and_nothing_applies(demo: Document, exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    costs, commitments = book[COST_SHEET], book[COMMITMENT_SHEET]
    costs.cell(_row(costs, "c-coord"), 5).value = "lots"
    costs.cell(_row(costs, "c-wbl"), 3).value = "Catering"
    costs.cell(_row(costs, "c-bus"), 2).value = "x" * 10_000
    costs.cell(_row(costs, "c-data"), 6).value = 12.005
    for record_id, column, value in (
        ("m-1", 7, datetime.datetime(2027, 7, 1)),  # a date typed in the amount
        ("m-2", 6, True),
        ("m-3", 3, "p-nobody"),
        ("m-4", 2, "Somebody Else"),  # a partner name that contradicts the partner id
        ("m-5", 9, "forever"),
        ("m-6", 7, -5),
    ):
        commitments.cell(_row(commitments, record_id), column).value = value
    m7 = _row(commitments, "m-7")
    commitments.cell(m7, 7).value = "1e3"
    commitments.cell(m7, 8).value = "maybe"
    commitments.cell(_row(commitments, "m-9"), 1).value = "m-10"  # now two rows say m-10
    book.save(exported)
    lines = _refused(demo, exported)
    shown = str(exported)
    c, m = f"{shown}: Cost items", f"{shown}: Commitments"
    assert lines[:4] == [
        f"{c}, row 2, Year 1 (column E): 'lots' is not an amount; write it like 1250, 1,250.50 or $1,250.50 (a comma "
        "only between thousands, a point before cents)",
        f"{c}, row 3, Category (column C): 'Catering' is not one of: Staffing and coordination, Work-based learning, "
        "Transportation, Equipment and facilities, Professional development and credentialing, Data and evaluation, "
        "Dual enrollment and articulation, Other",
        f"{c}, row 4, Cost item (column B): is 10,000 characters long; at most 200",
        f"{c}, row 7, Year 2 (column F): 12.005 has fractions of a cent",
    ]
    assert lines[4:] == [
        f"{m}, row 2, Amount (column G): '2027-07-01 00:00:00' is a date or time, not an amount",
        f"{m}, row 3, Plan year (column F): True is not a plan year",
        f"{m}, row 4, Partner ID (column C): no partner with the id 'p-nobody' in the plan",
        f"{m}, row 5, Partner ID (column C): 'Somebody Else' is not the name of partner p-county ('Alder Basin "
        "County Office of Education'); change both, or clear the id to choose by name",
        f"{m}, row 6, Kind (column I): 'forever' is not one of: Ongoing, One-time",
        f"{m}, row 7, Amount (column G): \u2212$5.00: an amount cannot be negative",
        f"{m}, row 8, Amount (column G): '1e3' is not an amount; write it like 1250, 1,250.50 or $1,250.50 (a comma "
        "only between thousands, a point before cents); also Status (column H): 'maybe' is not one of: Committed, "
        "Pledged, Proposed",
        f"{m}, row 10, ID (column A): 'm-10' is on more than one row; each row needs its own (leave it empty on a new "
        "row)",
        f"{m}, row 11, ID (column A): 'm-10' is on more than one row; each row needs its own (leave it empty on a new "
        "row)",
    ]


def test_a_renamed_cost_item_still_matches_its_commitments(demo: Document, exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    costs = book[COST_SHEET]
    costs.cell(_row(costs, "c-wbl"), 2).value = "Intermediary"
    book.save(exported)
    result = import_workbook(demo, exported)
    assert result.summary_lines() == [
        "changed cost item Intermediary (c-wbl): name 'Work-based learning intermediary contract' to 'Intermediary'"
    ]


def test_spreadsheet_float_noise_reads_as_cents(demo: Document, exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    commitments = book[COMMITMENT_SHEET]
    commitments.cell(_row(commitments, "m-1"), 7).value = 0.1 + 0.2  # 0.30000000000000004
    book.save(exported)
    changed = import_workbook(demo, exported).commitments.changed
    assert [(after.id, after.amount) for _, after in changed] == [("m-1", D("0.30"))]


def test_a_missing_sheet_or_moved_columns(demo: Document, exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    del book[COMMITMENT_SHEET]
    book.save(exported)
    assert _refused(demo, exported) == [
        f"{exported}: no sheet called 'Commitments'; was it renamed or deleted?",
    ]
    book = openpyxl.load_workbook(exported)
    book[COST_SHEET].cell(1, 3).value = "Priority"
    book[COST_SHEET].cell(1, 4).value = "Category"
    book.create_sheet(COMMITMENT_SHEET)
    book.save(exported)
    lines = _refused(demo, exported)
    assert lines[0] == (
        f"{exported}: Cost items, row 1, column C: heading should be 'Category', found 'Priority'; also column D: "
        "heading should be 'Priority', found 'Category'"
    )
    assert lines[1].startswith(f"{exported}: Commitments, row 1, column A: heading should be 'ID', found an empty")


def test_not_a_workbook(demo: Document, tmp_path: Path) -> None:
    text = tmp_path / "plan.xlsx"
    text.write_text("ID,Amount\nm-1,100\n", "utf-8")
    assert _refused(demo, text) == [f"{text}: not an Excel workbook (.xlsx files are zip archives; this one is not)"]
    other_zip = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("photo.txt", "not a spreadsheet")
    assert _refused(demo, other_zip) == [f"{other_zip}: a zip archive, but not an Excel workbook (.xlsx)"]
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<<<")
    (line,) = _refused(demo, broken)
    assert line.startswith(f"{broken}: cannot read this workbook (")
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    assert _refused(demo, folder) == [f"{folder}: is a folder, not a file"]


def test_a_zip_bomb_is_refused_before_unpacking(demo: Document, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/sharedStrings.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(MAX_UNZIPPED_BYTES // len(chunk) + 1):
                member.write(chunk)
    assert bomb.stat().st_size < 1024 * 1024  # small on disk
    (line,) = _refused(demo, bomb)
    assert line == (
        f"{bomb}: would unpack to 65 MiB, more than the 64 MiB a plan's workbook needs (a zip bomb?); nothing was "
        "unpacked"
    )


def test_a_sheet_that_runs_past_the_row_limit(demo: Document, exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    book[COMMITMENT_SHEET].cell(MAX_ROWS + 10, 1).value = "m-far"
    book.save(exported)
    assert _refused(demo, exported) == [
        f"{exported}: Commitments has more than 25,000 rows; a plan holds at most 20,000 commitments"
    ]


def test_text_that_looks_like_a_formula_is_kept_as_text(demo: Document, exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    costs = book[COST_SHEET]
    cell = costs.cell(_row(costs, "c-coord"), 2)
    cell.value = '=HYPERLINK("http://evil.example")'
    cell.data_type = "s"
    book.save(exported)
    (changed,) = import_workbook(demo, exported).cost_items.changed
    assert changed[1].name == '=HYPERLINK("http://evil.example")'


def _rewrite_part(path: Path, part: str, change: Callable[[str], str]) -> None:
    """Rewrite one XML part of a workbook in place, as another program could have written it."""
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members[part] = change(members[part].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def _sheet_part(path: Path, title: str) -> str:
    book = openpyxl.load_workbook(path, read_only=True)
    index = book.sheetnames.index(title) + 1
    book.close()
    return f"xl/worksheets/sheet{index}.xml"


def test_a_formula_without_a_saved_value_is_refused_not_read_as_zero(demo: Document, exported: Path) -> None:
    # What a script (openpyxl) writes: the formula, no value. It used to import as $0.00.
    book = openpyxl.load_workbook(exported)
    costs = book[COST_SHEET]
    row = _row(costs, "c-coord")
    costs.cell(row, 5).value = "=100000+28000"
    book.save(exported)
    assert _refused(demo, exported) == [
        f"{exported}: Cost items, row {row}, Year 1 (column E): is a formula with no saved value ('=100000+28000'); "
        "open and save the workbook in Excel or LibreOffice so that its values are stored, then import again"
    ]


def test_a_formula_with_a_saved_value_reads_as_that_value(demo: Document, exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    costs = book[COST_SHEET]
    row = _row(costs, "c-coord")
    costs.cell(row, 5).value = "=100000+28000"
    book.save(exported)
    # What Excel or LibreOffice would store beside it after a save.
    part, formula = _sheet_part(exported, COST_SHEET), "<f>100000+28000</f><v></v>"
    _rewrite_part(exported, part, lambda xml: xml.replace(formula, "<f>100000+28000</f><v>128500</v>"))
    (changed,) = import_workbook(demo, exported).cost_items.changed
    assert changed[1].costs[1] == Decimal("128500.00")


def test_a_link_to_another_workbook_is_refused_even_with_a_saved_value(demo: Document, exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    commitments = book[COMMITMENT_SHEET]
    row = _row(commitments, "m-1")
    commitments.cell(row, 7).value = "='[other.xlsx]Sheet1'!A1"
    book.save(exported)
    part = _sheet_part(exported, COMMITMENT_SHEET)
    _rewrite_part(exported, part, lambda xml: xml.replace("Sheet1'!A1</f><v></v>", "Sheet1'!A1</f><v>5</v>"))
    lines = _refused(demo, exported)
    assert lines == [
        f"{exported}: Commitments, row {row}, Amount (column G): is a formula that links to another workbook "
        "(\"='[other.xlsx]Sheet1'!A1\"); type the figure in instead, or copy the cell and paste it back as a value"
    ]


@pytest.mark.parametrize("error", ["#REF!", "#VALUE!", "#DIV/0!", "#N/A"])
def test_an_error_value_is_refused_with_its_cell(demo: Document, exported: Path, error: str) -> None:
    book = openpyxl.load_workbook(exported)
    commitments = book[COMMITMENT_SHEET]
    row = _row(commitments, "m-2")
    commitments.cell(row, 7).value = error  # openpyxl writes one of Excel's error codes as an error cell
    assert commitments.cell(row, 7).data_type == "e"
    book.save(exported)
    assert _refused(demo, exported) == [
        f"{exported}: Commitments, row {row}, Amount (column G): holds the error value {error}; type the figure in "
        "its place"
    ]


def test_a_formula_whose_saved_result_is_an_error_is_refused(demo: Document, exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    costs = book[COST_SHEET]
    row = _row(costs, "c-bus")
    costs.cell(row, 2).value = "=Z99"
    book.save(exported)
    part = _sheet_part(exported, COST_SHEET)
    cell = f'<c r="B{row}"><f>Z99</f><v></v></c>'
    _rewrite_part(exported, part, lambda xml: xml.replace(cell, f'<c r="B{row}" t="e"><f>Z99</f><v>#REF!</v></c>'))
    assert _refused(demo, exported) == [
        f"{exported}: Cost items, row {row}, Cost item (column B): is a formula whose result is the error #REF! "
        "('=Z99'); correct it or type the figure in"
    ]


def test_a_script_written_total_row_without_values_is_still_fine(demo: Document, exported: Path) -> None:
    # The export's own totals are formulas without saved values; they are never read back.
    result = import_workbook(demo, exported)
    assert not result.changed


# Any text a plan can hold: every character but those the door rule replaces (which a plan can no longer hold).
plan_text = st.text(
    st.characters(codec="utf-8") | st.sampled_from("\x0b\x01\r\t\n \u00a0\u2028\ufffe"), max_size=30
).map(xml_text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(item_name=plan_text.filter(str.strip), partner_name=plan_text.filter(str.strip), source=plan_text)
@example(item_name="Coordinator\ufffdFTE", partner_name="North\rCollege", source=" Perkins\r\n")
@example(item_name="=1+1", partner_name="#REF!", source="@SUM(A1)")
@example(item_name="'quoted", partner_name="12345", source="\t-5")
@example(item_name=" spaced ", partner_name="Two\nlines", source="#N/A")
def test_an_unedited_round_trip_changes_no_text_the_plan_can_hold(
    demo: Document, instruments: tuple[Instrument, ...], tmp_path: Path, item_name: str, partner_name: str, source: str
) -> None:
    item = revalidated(demo.cost_items[0], name=item_name)
    partner = revalidated(demo.partners[0], name=partner_name)
    first = next(c for c in demo.commitments if c.partner_id == partner.id and c.cost_item_id == item.id)
    commitments = [revalidated(c, source=source) if c is first else c for c in demo.commitments]
    document = revalidated(
        demo,
        cost_items=[item, *demo.cost_items[1:]],
        partners=[partner, *demo.partners[1:]],
        commitments=commitments,
    )
    path = tmp_path / "round.xlsx"
    export_workbook(analyze(document, instruments), path)
    result = import_workbook(document, path)
    assert result.summary_lines() == []
    assert result.document == document


def test_a_plan_file_with_control_characters_round_trips_unchanged(
    demo: Document, instruments: tuple[Instrument, ...], tmp_path: Path
) -> None:
    # Issue 24: the export wrote U+FFFD for \x0b, and the import then renamed the item or refused every commitment
    # row of the partner. The plan now holds the mark itself from the moment it is read.
    raw = json.loads(serialize_document(demo))
    raw["cost_items"][0]["name"] = "Coordinator\x0bFTE"
    raw["partners"][0]["name"] = "Alder\x01Basin USD"
    document = parse_document(json.dumps(raw).encode(), "plan.json")
    path = tmp_path / "round.xlsx"
    export_workbook(analyze(document, instruments), path)
    result = import_workbook(document, path)
    assert result.summary_lines() == [] and result.document == document


def test_true_and_huge_amounts_are_refused_in_plain_words(demo: Document, exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    commitments = book[COMMITMENT_SHEET]
    true_row, huge_row, negative_row = _row(commitments, "m-1"), _row(commitments, "m-2"), _row(commitments, "m-3")
    commitments.cell(true_row, 7).value = True
    commitments.cell(huge_row, 7).value = 1e300
    commitments.cell(negative_row, 7).value = -1e300
    book.save(exported)
    m = f"{exported}: Commitments"
    assert _refused(demo, exported) == [
        f"{m}, row {true_row}, Amount (column G): TRUE is a true-or-false value, not an amount",
        f"{m}, row {huge_row}, Amount (column G): 1e+300 is larger than $999,999,999.99; check for extra digits",
        f"{m}, row {negative_row}, Amount (column G): -1e+300: an amount cannot be negative",
    ]
