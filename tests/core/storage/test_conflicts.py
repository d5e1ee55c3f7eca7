"""Sync-service conflict copies (planner/core/storage/conflicts.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.core.editing.edits import set_profile
from planner.core.model.document import Document
from planner.core.storage.conflicts import conflict_name, find_conflict_copies, original_of, same_content
from planner.core.storage.storage import save_document


@pytest.mark.parametrize(
    ("copy", "service", "source"),
    [
        ("plan-DESKTOP-AB12.json", "OneDrive or SharePoint", "DESKTOP-AB12"),
        ("plan-LAB-12.json", "OneDrive or SharePoint", "LAB-12"),
        ("plan (Dana's conflicted copy 2026-03-02).json", "Dropbox", "Dana"),
        ("plan (Dana’s conflicted copy 2026-03-02) (1).json", "Dropbox", "Dana"),
        ("plan (conflicted copy 2026-03-02 104212).json", "Nextcloud", ""),
        ("plan (conflicted copy Dana 2026-03-02 104212).json", "Nextcloud", "Dana"),
        ("plan_conflict-20260302-104212.json", "Nextcloud", ""),
        ("plan.sync-conflict-20260302-104212-ABCDEF1.json", "Syncthing", "ABCDEF1"),
        ("plan [Conflict].json", "Google Drive", ""),
        ("plan_conf(1).json", "Google Drive", ""),
        ("plan (1).json", "", ""),
        ("plan(2).JSON", "", ""),
        ("plan (Conflicted copy from a tablet).json", "sync", ""),
    ],
)
def test_the_sync_services_names_are_known(copy: str, service: str, source: str) -> None:
    named = conflict_name("plan.json", copy)
    assert named is not None and (named.service, named.source) == (service, source)


@pytest.mark.parametrize(
    "other",
    [
        "plan.json",
        "plan-2025.json",  # a year, not a computer
        "plan-baseline.json",  # a saved baseline, not a computer
        "plan.csv",
        "planning.json",
        "other-LAB-12.json",
        ".~lock.plan.json#",
        ".~lock.plan-LAB-12.json#",
        "~$plan.json",
        ".planner-LAB-12.12.abcd.tmp",
    ],
)
def test_other_names_are_not_conflict_copies(other: str) -> None:
    assert conflict_name("plan.json", other) is None


def test_a_copy_of_the_same_consortium_with_other_content_is_found(tmp_path: Path, demo: Document) -> None:
    plan = tmp_path / "plan.json"
    save_document(demo, plan)
    theirs = set_profile(demo, region="Central Valley (Lee's edit)")
    save_document(theirs, tmp_path / "plan-LAB-12.json")
    save_document(demo, tmp_path / "plan (1).json")  # the same content: nothing to merge
    other = demo.model_copy(update={"metadata": demo.metadata.model_copy(update={"consortium_id": "c-other"})})
    save_document(set_profile(other, region="Elsewhere"), tmp_path / "plan (2).json")  # another consortium
    (tmp_path / "plan (3).json").write_text("{ not json")  # unreadable: cannot be merged, not offered
    (tmp_path / ".~lock.plan.json#").write_text("{}")
    copies = find_conflict_copies(plan, demo)
    assert [c.path.name for c in copies] == ["plan-LAB-12.json"]
    assert copies[0].document.profile.region == "Central Valley (Lee's edit)"
    assert (
        copies[0].describe().startswith("plan-LAB-12.json (a OneDrive or SharePoint conflict copy from LAB-12, saved ")
    )


def test_a_copy_knows_its_original(tmp_path: Path) -> None:
    for name in ("plan.json", "plan-LAB-12.json", "plan-LAB.json"):
        (tmp_path / name).write_text("{}")
    found = original_of(tmp_path / "plan-LAB-12.json")
    assert found is not None and found[0].name == "plan.json" and found[1].source == "LAB-12"
    assert original_of(tmp_path / "plan.json") is None


def test_saving_again_is_the_same_content(demo: Document) -> None:
    from planner.core.storage.storage import stamped

    assert same_content(stamped(demo), demo)
    assert not same_content(set_profile(demo, region="X"), demo)
