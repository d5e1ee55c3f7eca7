"""A coach's portfolio: one row per file, forms listed apart, broken files last, a CSV a spreadsheet reads as text;
links that lead nowhere, devices and pipes are listed as unreadable, never skipped or opened (issue 24)."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from planner.core.assessment.analysis import analyze
from planner.core.assessment.portfolio import (
    copy_rows,
    form_rows,
    plan_rows,
    portfolio_csv,
    portfolio_files,
    portfolio_summary,
    scan_portfolio,
)
from planner.core.assessment.team import respondent_form
from planner.core.editing.edits import set_profile
from planner.core.model.document import Document, Sector
from planner.core.model.errors import PlannerFileError
from planner.core.model.rubric import Instrument
from planner.core.storage.storage import save_document


def test_a_respondent_form_is_listed_apart_and_never_scored(
    demo: Document, instruments: tuple[Instrument, ...], tmp_path: Path
) -> None:
    save_document(demo, tmp_path / "b-plan.json")
    (tmp_path / "a-broken.json").write_text("{", "utf-8")
    save_document(respondent_form(demo, "Pat Lee", Sector.EMPLOYER), tmp_path / "c-form.json")
    rows = list(scan_portfolio(tmp_path, instruments))
    form = next(r for r in rows if r.is_form)
    assert form.respondent == "Pat Lee" and not form.domains and not form.error and form.overall is None
    assert form.form_description() == "c-form.json: Pat Lee's ratings for Alder Basin Career Pathways Alliance (demo)"
    assert [r.path.name for r in plan_rows(rows)] == ["b-plan.json", "a-broken.json"]  # broken last
    assert [r.path.name for r in form_rows(rows)] == ["c-form.json"]
    assert portfolio_summary(rows) == "2 files, 1 could not be read; 1 team member's form listed separately"
    assert portfolio_summary(plan_rows(rows)) == "2 files, 1 could not be read"
    table = list(csv.reader(io.StringIO(portfolio_csv(rows))))
    assert [line[0] for line in table[1:]] == ["b-plan.json", "a-broken.json"]
    assert len(table[0]) == len(set(table[0]))  # every header says which capacity it belongs to
    assert "Organizational capacity band" in table[0]


def test_a_folder_with_a_form_first_still_names_the_capacity_columns(
    demo: Document, instruments: tuple[Instrument, ...], tmp_path: Path
) -> None:
    save_document(respondent_form(demo, "Ann", Sector.K12), tmp_path / "a-form.json")
    save_document(demo, tmp_path / "b-plan.json")
    header = portfolio_csv(list(scan_portfolio(tmp_path, instruments))).splitlines()[0]
    assert "Organizational capacity score" in header


def test_only_plan_files_directly_in_the_folder_are_read(tmp_path: Path) -> None:
    for name in ("b.json", "a.JSON", "notes.txt"):
        (tmp_path / name).write_text("{}", "utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.json").write_text("{}", "utf-8")
    (tmp_path / "dir.json").mkdir()
    assert [p.name for p in portfolio_files(tmp_path)] == ["a.JSON", "b.json"]
    with pytest.raises(PlannerFileError, match="is not a folder"):
        portfolio_files(tmp_path / "b.json")


def test_a_name_a_spreadsheet_would_run_as_a_formula_stays_text(
    demo: Document, instruments: tuple[Instrument, ...], tmp_path: Path
) -> None:
    save_document(set_profile(demo, consortium_name="=HYPERLINK(1)"), tmp_path / "plan.json")
    table = list(csv.reader(io.StringIO(portfolio_csv(list(scan_portfolio(tmp_path, instruments))))))
    assert "'=HYPERLINK(1)" in table[1]
    assert "=HYPERLINK(1)" not in table[1]


def test_portfolio_with_a_broken_file(demo: Document, instruments: tuple[Instrument, ...], tmp_path: Path) -> None:
    save_document(demo, tmp_path / "a-demo.json")
    save_document(set_profile(demo, consortium_name='=HYPERLINK("x")'), tmp_path / "b-formula.json")
    (tmp_path / "c-broken.json").write_text('{"schema_version": 3, "metadata": ', "utf-8")
    (tmp_path / "notes.txt").write_text("not a document", "utf-8")
    rows = list(scan_portfolio(tmp_path, instruments))
    assert [r.path.name for r in rows] == ["a-demo.json", "b-formula.json", "c-broken.json"]
    good, _formula, broken = rows
    demo_analysis = analyze(demo, instruments)
    assert good.overall == demo_analysis.capacity.overall.score
    assert good.gaps == tuple(y.gap for y in demo_analysis.funding.years)
    assert broken.error and not broken.consortium
    table = list(csv.reader(io.StringIO(portfolio_csv(rows))))
    assert table[0][:3] == ["file", "consortium", "Organizational capacity score"]
    assert table[2][1].startswith("'=")  # never a live formula in a spreadsheet
    assert table[3][-1] == broken.error


def test_a_conflict_copy_is_a_copy_of_one_consortium_not_a_second_one(
    demo: Document, instruments: tuple[Instrument, ...], tmp_path: Path
) -> None:
    save_document(demo, tmp_path / "plan.json")
    save_document(set_profile(demo, region="Lee's edit"), tmp_path / "plan-LAB-12.json")
    other = demo.model_copy(update={"metadata": demo.metadata.model_copy(update={"consortium_id": "c-other"})})
    save_document(other, tmp_path / "plan (1).json")  # named like a copy, but of another consortium: a plan
    (tmp_path / "~$plan.json").write_text("Office's lock", "utf-8")
    (tmp_path / ".~lock.plan.json#").write_text("{}", "utf-8")
    rows = list(scan_portfolio(tmp_path, instruments))
    assert sorted(r.path.name for r in rows) == ["plan (1).json", "plan-LAB-12.json", "plan.json"]  # no locks
    assert [r.path.name for r in plan_rows(rows)] == ["plan (1).json", "plan.json"]
    [copy] = copy_rows(rows)
    assert copy.aside_description() == (
        "plan-LAB-12.json: a OneDrive or SharePoint conflict copy from LAB-12 of plan.json "
        f"({demo.profile.consortium_name})"
    )
    assert portfolio_summary(rows) == "2 files, 0 could not be read; 1 conflict copy listed separately"
    assert [line.split(",")[0] for line in portfolio_csv(rows).splitlines()[1:]] == ["plan (1).json", "plan.json"]


def test_links_that_lead_nowhere_and_devices_are_listed_as_unreadable(
    demo: Document, instruments: tuple[Instrument, ...], tmp_path: Path
) -> None:
    save_document(demo, tmp_path / "a-plan.json")
    (tmp_path / "b-dangling.json").symlink_to(tmp_path / "gone.json")
    (tmp_path / "c-loop.json").symlink_to(tmp_path / "d-loop.json")
    (tmp_path / "d-loop.json").symlink_to(tmp_path / "c-loop.json")
    (tmp_path / "e-device.json").symlink_to("/dev/null")
    os.mkfifo(tmp_path / "f-pipe.json")  # reading it would wait for a writer forever
    (tmp_path / "g-folder.json").mkdir()  # a folder is not a file: not listed
    (tmp_path / "h-linked-plan.json").symlink_to(tmp_path / "a-plan.json")
    rows = plan_rows(list(scan_portfolio(tmp_path, instruments)))
    errors = {r.path.name: r.error for r in rows}
    assert errors == {
        "a-plan.json": "",
        "h-linked-plan.json": "",
        "b-dangling.json": "a link that leads nowhere (its target is missing, or links point at each other in a loop)",
        "c-loop.json": "a link that leads nowhere (its target is missing, or links point at each other in a loop)",
        "d-loop.json": "a link that leads nowhere (its target is missing, or links point at each other in a loop)",
        "e-device.json": "not a regular file (a device, pipe or socket), so not a plan",
        "f-pipe.json": "not a regular file (a device, pipe or socket), so not a plan",
    }
