"""Commands never overwrite without asking, never write over their inputs, and end every bad input in one line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from planner.cli import main
from planner.core.editing.edits import set_rating
from planner.core.model.document import Document, Rating, Respondent, Sector
from planner.core.storage.storage import load_document, save_document
from planner.resources import data_dir


@pytest.fixture
def demo_file(tmp_path: Path, demo: Document) -> Path:
    path = tmp_path / "demo.json"
    save_document(demo, path)
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["render", "{doc}", "-o", "{out}"],
        ["render", "{doc}", "-o", "{other}", "--html", "{out}"],
        ["blank", "-o", "{out}"],
        ["portfolio", "{dir}", "--csv", "{out}"],
        ["respondent-form", "{doc}", "--name", "Ana", "--sector", "k12", "-o", "{out}"],
        ["new", "-o", "{out}", "--consortium", "X"],
    ],
)
def test_every_writer_refuses_an_existing_output_without_force(
    tmp_path: Path, demo_file: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "existing.out"
    out.write_text("keep me")
    args = [a.format(doc=demo_file, out=out, other=tmp_path / "new.pdf", dir=tmp_path) for a in command]
    assert main(args) == 1
    assert "already exists (use --force" in capsys.readouterr().err
    assert out.read_text() == "keep me"


@pytest.mark.parametrize(
    "command",
    [
        ["render", "{doc}", "-o", "{doc}", "--force"],
        ["render", "{doc}", "-o", "{pdf}", "--html", "{doc}", "--force"],
        ["respondent-form", "{doc}", "--name", "Ana", "--sector", "k12", "-o", "{doc}", "--force"],
        ["merge", "{doc}", "{doc}", "-o", "{doc}", "--force"],
    ],
)
def test_no_command_writes_over_its_own_input_even_with_force(
    tmp_path: Path, demo_file: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = demo_file.read_bytes()
    args = [a.format(doc=demo_file, pdf=tmp_path / "plan.pdf") for a in command]
    assert main(args) == 1
    assert "is one of this command's inputs" in capsys.readouterr().err
    assert demo_file.read_bytes() == before


def test_merge_refuses_an_output_that_is_one_of_the_forms(
    tmp_path: Path, demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form = tmp_path / "form.json"
    assert main(["respondent-form", str(demo_file), "--name", "Ana", "--sector", "k12", "-o", str(form)]) == 0
    assert main(["merge", str(demo_file), str(form), "-o", str(tmp_path / "sub" / ".." / "form.json")]) == 1
    assert "inputs" in capsys.readouterr().err


def test_validate_says_ok_only_when_every_command_works(
    tmp_path: Path, demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = json.loads(demo_file.read_text())
    first = next(iter(raw["respondents"][0]["ratings"]))
    raw["respondents"][0]["ratings"][first] = {"level": 9}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(raw))
    assert main(["validate", str(bad)]) == 1
    validate_error = capsys.readouterr().err
    assert main(["score", str(bad)]) == 1
    score_error = capsys.readouterr().err
    assert f"ratings.{first}: level 9 is not on" in validate_error
    assert f"ratings.{first}: level 9 is not on" in score_error


def test_validate_checks_a_rubric_folder_as_the_app_loads_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "rubrics"
    folder.mkdir()
    source = sorted(data_dir("rubrics").glob("*.toml"))[0]
    shutil.copy(source, folder / "a.toml")
    shutil.copy(source, folder / "b.toml")  # each file is fine alone; together their ids clash
    assert main(["validate", str(folder)]) == 1
    assert "is also used in" in capsys.readouterr().err


def test_validate_and_portfolio_continue_past_bad_files(tmp_path: Path, demo_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "=HYPERLINK(1).json").write_text("{not json")
    (tmp_path / "deep.json").write_text("[" * 200_000)
    assert main(["validate", str(tmp_path)]) == 1
    errors = capsys.readouterr().err
    assert "=HYPERLINK(1).json" in errors and "deep.json" in errors
    csv_path = tmp_path / "out.csv"
    assert main(["portfolio", str(tmp_path), "--csv", str(csv_path)]) == 0
    lines = csv_path.read_text().splitlines()
    assert any(line.startswith("'=HYPERLINK(1).json") for line in lines)  # a file name never runs as a formula
    assert any(line.startswith("demo.json,") for line in lines)


def test_a_form_claiming_the_leads_id_is_refused_naming_both(
    tmp_path: Path, demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form_path = tmp_path / "form.json"
    main(["respondent-form", str(demo_file), "--name", "Mallory", "--sector", "employer", "-o", str(form_path)])
    lead = load_document(demo_file).respondents[0]
    raw = json.loads(form_path.read_text())
    raw["respondents"][0]["id"] = lead.id
    raw["form"]["respondent_id"] = lead.id
    form_path.write_text(json.dumps(raw))
    form = load_document(form_path)
    criterion = next(iter(lead.ratings))
    save_document(set_rating(form, lead.id, criterion, Rating(level=1)), form_path)
    capsys.readouterr()
    out = tmp_path / "merged.json"
    assert main(["merge", str(demo_file), str(form_path), "-o", str(out), "--replace"]) == 1
    err = capsys.readouterr().err
    assert "Mallory (Employer / industry)" in err and f"{lead.name} ({lead.sector.label})" in err
    assert not out.exists()


def test_merge_into_a_full_plan_is_refused_cleanly(
    tmp_path: Path, demo: Document, capsys: pytest.CaptureFixture[str]
) -> None:
    full = demo.model_copy(
        update={
            "respondents": list(demo.respondents)
            + [
                Respondent(id=f"r-extra-{n}", name=f"Extra {n}", sector=Sector.K12)
                for n in range(100 - len(demo.respondents))
            ]
        }
    )
    doc = tmp_path / "full.json"
    save_document(full, doc)
    form = tmp_path / "form.json"
    # Hand the form out from the plan before it was full.
    small = tmp_path / "small.json"
    save_document(demo, small)
    main(["respondent-form", str(small), "--name", "Zed", "--sector", "k12", "-o", str(form)])
    loaded = load_document(form)
    criterion = next(iter(demo.respondents[0].ratings))
    save_document(set_rating(loaded, loaded.respondents[0].id, criterion, Rating(level=2)), form)
    capsys.readouterr()
    assert main(["merge", str(doc), str(form), "-o", str(tmp_path / "out.json")]) == 1
    assert "already has 100 respondents" in capsys.readouterr().err


def test_render_stopped_with_ctrl_c_writes_nothing(
    tmp_path: Path, demo_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import planner.report.render as render

    def interrupted(*_args: object, **_kwargs: object) -> bytes:
        raise KeyboardInterrupt

    monkeypatch.setattr(render, "html_to_pdf", interrupted)
    out = tmp_path / "plan.pdf"
    assert main(["render", str(demo_file), "-o", str(out), "--html", str(tmp_path / "plan.html")]) == 130
    assert "stopped: nothing was written" in capsys.readouterr().err
    assert not out.exists() and not (tmp_path / "plan.html").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["demo.json"]
