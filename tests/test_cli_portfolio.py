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
