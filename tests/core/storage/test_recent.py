"""What the start page's cards say about recent files, and which remembered files are gone."""

from __future__ import annotations

import errno
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from planner.core.assessment.team import respondent_form
from planner.core.editing.edits import set_rating
from planner.core.model.document import Document, Rating, Sector
from planner.core.model.rubric import Instrument
from planner.core.storage.recent import (
    UNAVAILABLE_TEXT,
    Reach,
    RecentPlan,
    describe_recent,
    rated_criteria,
    reach,
    removed_notice,
    split_missing,
)
from planner.core.storage.storage import load_document, save_document


def test_a_plan_card_names_the_consortium_and_counts_rated_criteria(
    demo: Document, instruments: tuple[Instrument, ...], tmp_path: Path
) -> None:
    path = tmp_path / "alder.json"
    save_document(demo, path)
    plan = describe_recent(path, instruments)
    rated, total = rated_criteria(demo, instruments)
    assert (plan.rated, plan.criteria) == (rated, total) == (42, 43)
    assert plan.title == demo.profile.consortium_name and not plan.error
    assert plan.saved == load_document(path).metadata.modified  # the time of the save
    assert plan.details().endswith(" · 42 of 43 criteria rated") and plan.details().startswith("Saved ")


def test_a_criterion_counts_as_rated_when_any_respondent_answered_it_even_na(
    demo: Document, instruments: tuple[Instrument, ...]
) -> None:
    unrated = next(
        c.id
        for i in instruments
        for c in i.criteria
        if not any(r.ratings.get(c.id, Rating()).is_answered for r in demo.respondents)
    )
    last = demo.respondents[-1].id
    assert rated_criteria(set_rating(demo, last, unrated, Rating(not_applicable=True)), instruments) == (43, 43)


def test_a_form_card_says_whose_it_is(demo: Document, instruments: tuple[Instrument, ...], tmp_path: Path) -> None:
    path = tmp_path / "form.json"
    save_document(respondent_form(demo, "Pat Lee", Sector.EMPLOYER), path)
    plan = describe_recent(path, instruments)
    assert plan.title == f"Pat Lee's form for {demo.profile.consortium_name}"
    assert plan.rated == 0 and plan.criteria == 43


def test_a_broken_file_says_why(instruments: tuple[Instrument, ...], tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{", "utf-8")
    plan = describe_recent(path, instruments)
    assert plan.title == "broken.json"
    assert plan.details().startswith("Could not be read: line 1")


def test_details_show_the_local_time_of_the_save() -> None:
    saved = datetime(2026, 3, 2, 22, 10, tzinfo=UTC)
    plan = RecentPlan(path=Path("a.json"), consortium="A", saved=saved, rated=1, criteria=2)
    assert plan.details() == f"Saved {saved.astimezone().strftime('%Y-%m-%d %H:%M')} · 1 of 2 criteria rated"


def test_missing_files_are_split_off_in_order(tmp_path: Path) -> None:
    here, there = tmp_path / "here.json", tmp_path / "there.json"
    here.write_text("{}", "utf-8")
    there.write_text("{}", "utf-8")
    gone = [str(tmp_path / "moved.json"), str(tmp_path / "no-folder" / "x.json"), str(tmp_path)]  # a folder: no file
    kept, missing = split_missing([str(here), gone[0], str(there), gone[1], gone[2]])
    assert kept == [str(here), str(there)] and missing == gone
    assert removed_notice(1) == "1 recent plan was moved or deleted and was removed from the list."
    assert removed_notice(2) == "2 recent plans were moved or deleted and were removed from the list."


def test_an_unreachable_drive_keeps_its_plans_a_reachable_folder_loses_its_gone_files(tmp_path: Path) -> None:
    mounts = tmp_path / "Volumes"
    share = mounts / "District Share"
    share.mkdir(parents=True)
    on_share = share / "plan.json"
    on_share.write_text("{}", "utf-8")
    assert reach(on_share, [str(mounts)]) is Reach.THERE
    share.rename(tmp_path / "elsewhere")  # the share is disconnected: its mount point goes away
    assert reach(on_share, [str(mounts)]) is Reach.UNAVAILABLE
    assert reach(tmp_path / "deleted.json", [str(mounts)]) is Reach.MISSING
    assert reach(tmp_path / "gone-folder" / "plan.json", [str(mounts)]) is Reach.MISSING


def test_a_network_error_is_not_a_deleted_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def offline(path: object) -> os.stat_result:
        raise OSError(errno.EHOSTUNREACH, "No route to host", str(path))

    monkeypatch.setattr(os, "stat", offline)
    assert reach(tmp_path / "plan.json") is Reach.UNAVAILABLE
    kept, gone = split_missing([str(tmp_path / "plan.json")])
    assert kept == [str(tmp_path / "plan.json")] and gone == []


def test_an_unavailable_card_says_so(instruments: tuple[Instrument, ...], tmp_path: Path) -> None:
    plan = describe_recent(tmp_path / "mnt" / "share" / "plan.json", instruments)
    assert not plan.unavailable  # a plain folder, not a drive: the file is simply gone (split_missing drops it)
    card = RecentPlan(path=Path("Z:/plans/plan.json"), unavailable=True)
    assert card.title == "plan.json" and card.details() == UNAVAILABLE_TEXT


def test_lock_files_are_never_recent_plans(tmp_path: Path) -> None:
    lock = tmp_path / ".~lock.plan.json#"
    lock.write_text("{}", "utf-8")
    assert split_missing([str(lock)]) == ([], [str(lock)])


def test_a_conflict_copy_card_names_the_plan_it_copies(
    demo: Document, instruments: tuple[Instrument, ...], tmp_path: Path
) -> None:
    save_document(demo, tmp_path / "plan.json")
    save_document(demo, tmp_path / "plan (Dana's conflicted copy 2026-03-02).json")
    plan = describe_recent(tmp_path / "plan (Dana's conflicted copy 2026-03-02).json", instruments)
    assert plan.title == f"{demo.profile.consortium_name} (conflict copy of plan.json)"
    assert plan.copy_from == "a Dropbox conflict copy from Dana"
    assert describe_recent(tmp_path / "plan.json", instruments).copy_of == ""
