"""``planner portfolio`` with team members' forms and broken files in the folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.cli import main
from planner.core.assessment.team import respondent_form
from planner.core.model.document import Sector
from planner.core.storage.storage import load_document, save_document


def test_forms_are_listed_apart_and_broken_files_last(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "coach"
    folder.mkdir()
    main(["demo", "-o", str(folder / "b-alder.json")])
    (folder / "a-broken.json").write_text("{", "utf-8")
    form = respondent_form(load_document(folder / "b-alder.json"), "Pat Lee", Sector.EMPLOYER)
    save_document(form, folder / "c-form.json")
    capsys.readouterr()
    assert main(["portfolio", str(folder), "--csv", str(tmp_path / "p.csv")]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    plan = next(n for n, line in enumerate(lines) if line.startswith("b-alder.json"))
    broken = next(n for n, line in enumerate(lines) if line.startswith("a-broken.json"))
    assert plan < broken
    assert "Team members' forms in this folder (not counted as consortia):" in out
    assert "  c-form.json: Pat Lee's ratings for Alder Basin Career Pathways Alliance (demo)" in lines
    assert "2 files, 1 could not be read; 1 team member's form listed separately" in out
    assert "c-form.json" not in (tmp_path / "p.csv").read_text("utf-8")


def test_a_conflict_copy_is_listed_as_a_copy_of_its_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from planner.core.editing.edits import set_profile

    folder = tmp_path / "coach"
    folder.mkdir()
    main(["demo", "-o", str(folder / "alder.json")])
    save_document(set_profile(load_document(folder / "alder.json"), region="Lee's edit"), folder / "alder-LAB-12.json")
    (folder / ".~lock.alder.json#").write_text("{}", "utf-8")
    capsys.readouterr()
    assert main(["portfolio", str(folder)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines[1:] if line.startswith("alder")] == ["alder.json"]
    assert "Sync conflict copies in this folder (merge each into its plan in the app):" in lines
    assert any(
        line.startswith("  alder-LAB-12.json: a OneDrive or SharePoint conflict copy from LAB-12 of alder.json")
        for line in lines
    )
    assert lines[-1] == "1 file, 0 could not be read; 1 conflict copy listed separately"
