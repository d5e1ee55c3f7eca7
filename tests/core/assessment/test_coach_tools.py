"""Portfolio rows for respondent forms and broken files, and what a "changed only" comparison keeps."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from planner.core.assessment.analysis import analyze
from planner.core.assessment.compare import DomainChange, ScoreChange, compare
from planner.core.assessment.portfolio import (
    copy_rows,
    form_rows,
    plan_rows,
    portfolio_csv,
    portfolio_summary,
    scan_portfolio,
)
from planner.core.assessment.team import respondent_form
from planner.core.editing.edits import set_profile, set_rating
from planner.core.model.document import Document, Rating, Sector
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


def test_a_folder_with_a_form_first_still_names_the_capacity_columns(
    demo: Document, instruments: tuple[Instrument, ...], tmp_path: Path
) -> None:
    save_document(respondent_form(demo, "Ann", Sector.K12), tmp_path / "a-form.json")
    save_document(demo, tmp_path / "b-plan.json")
    header = portfolio_csv(list(scan_portfolio(tmp_path, instruments))).splitlines()[0]
    assert "Organizational capacity score" in header


def test_changed_means_moved_newly_rated_or_dropped() -> None:
    def change(before: str | None, after: str | None) -> ScoreChange:
        return ScoreChange("c", "C", *(None if v is None else Decimal(v) for v in (before, after)))

    assert change("2", "3").changed and change("3", "2").changed
    assert change(None, "2").changed and change("2", None).changed
    assert not change("2", "2").changed and not change(None, None).changed
    assert not change("2.001", "2.004").changed  # too small to see is not a change
    same = change("2", "2")
    assert not DomainChange(same, (same, same)).changed
    assert DomainChange(same, (same, change("1", "3"))).changed  # a criterion moved, the mean did not


def test_criteria_changed_counts_over_all_domains(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    rid = demo.respondents[0].id
    after = set_rating(demo, rid, "org.coordination", Rating(level=4))
    comparison = compare(analyze(demo, instruments), analyze(after, instruments))
    total = sum(len(i.criteria) for i in instruments)
    assert comparison.criteria_changed() == (1, total)
    unchanged = compare(analyze(demo, instruments), analyze(set_profile(demo, region="Elsewhere"), instruments))
    assert unchanged.criteria_changed() == (0, total)
