from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from planner.cli import main
from planner.core.funding.costs import summarize_funding
from planner.core.model.rubric import bundled_instruments
from planner.core.storage.demo import demo_document
from planner.core.storage.storage import load_document
from planner.resources import data_dir


def test_demo_then_score_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "demo.json"
    assert main(["demo", "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["score", str(out), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert [d["id"] for d in payload["domains"]] == ["organizational", "technical", "political"]
    assert set(payload["domains"][0]) >= {"id", "title", "score", "band", "rated", "na", "unrated"}
    assert payload["overall"]["band"] == "watch"
    funding = summarize_funding(demo_document(bundled_instruments()))
    assert [y["gap"] for y in payload["funding"]["years"]] == [f"{y.gap:.2f}" for y in funding.years]
    assert payload["priorities"][0]["next_steps"]


def test_targets_round_trip_through_save_and_score_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from planner.core.editing.edits import set_target
    from planner.core.storage.storage import save_document

    out = tmp_path / "demo.json"
    main(["demo", "-o", str(out)])
    document = set_target(load_document(out), "org.leadership", 3)
    document = set_target(document, "org.coordination", None)  # cleared
    save_document(document, out)
    again = load_document(out)
    assert again.targets["org.leadership"] == 3 and "org.coordination" not in again.targets
    capsys.readouterr()
    assert main(["score", str(out), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    criteria = {c["id"]: c for d in payload["domains"] for c in d["criteria"]}
    assert criteria["org.leadership"]["target"] == 3 and criteria["org.leadership"]["distance_to_target"] == 1.0
    assert criteria["org.coordination"]["target"] is None
    assert criteria["org.shared_cost"]["target"] == 4
    organizational = payload["domains"][0]
    assert organizational["targets_set"] == 5 and organizational["target"] == 3.2  # 3,4,3,3,3 over five
    first = payload["priorities"][0]
    assert first["target"] == 3 and first["distance_to_target"] == 2.0  # student-group data: 1 -> 3
    assert main(["score", str(out)]) == 0
    table = capsys.readouterr().out
    assert "Target" in table and "target 3" in table


def test_score_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "demo.json"
    main(["demo", "-o", str(out)])
    assert main(["score", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Overall readiness" in text and "FY 2029-30" in text and "funding cliff" in text
    assert "Still to commit" in text and "Total share" in text and "$325,675" in text  # the county office, once


def test_new_refuses_overwrite_and_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "fresh.json"
    assert main(["new", "-o", str(out), "--consortium", "North Coast Pathways"]) == 0
    assert load_document(out).profile.consortium_name == "North Coast Pathways"
    assert main(["new", "-o", str(out), "--consortium", "Other"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["validate", str(out), str(data_dir("rubrics"))]) == 0
    assert "4 files valid" in capsys.readouterr().out


def test_validate_lists_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (data_dir("rubrics") / "technical.toml").read_text("utf-8")
    (tmp_path / "technical.toml").write_text(text.replace("summary = ", "sumary = "), "utf-8")
    (tmp_path / "plan.json").write_text('{"schema_version": 2, "profile": {}}', "utf-8")
    assert main(["validate", str(tmp_path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert f"{tmp_path / 'technical.toml'}: criteria[7].sumary: unknown key (check the spelling)" in err
    assert any(line.startswith(f"{tmp_path / 'plan.json'}: metadata: required key is missing") for line in err)
    assert len(err) > 10


def test_usage_and_bad_input_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score"]) == 2
    assert main(["score", str(tmp_path / "missing.json")]) == 1
    err = capsys.readouterr().err
    assert "missing.json" in err and "Traceback" not in err
    (tmp_path / "x.json").write_bytes(b"\x00\xff")
    assert main(["score", str(tmp_path / "x.json")]) == 1


def test_module_entry_point_runs_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", "utf-8")
    result = subprocess.run([sys.executable, "-m", "planner", "score", str(bad)], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip().startswith(f"error: {bad}: line 1 column 2: not valid JSON")
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_render_word_copy_by_extension_or_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from docx import Document as open_docx

    plan = tmp_path / "plan.json"
    main(["demo", "-o", str(plan)])
    assert main(["render", str(plan), "-o", str(tmp_path / "plan.docx")]) == 0
    paragraphs = open_docx(str(tmp_path / "plan.docx")).paragraphs
    headings = [p.text for p in paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    assert "Decision brief" in headings and "Who pays from which fund" in headings
    assert main(["render", str(plan), "-o", str(tmp_path / "copy.docx"), "--format", "docx"]) == 0
    assert (tmp_path / "copy.docx").read_bytes().startswith(b"PK")  # a .docx is a zip
    # The Word copy comes with the browser preview too, when asked.
    assert main(["render", str(plan), "-o", str(tmp_path / "x.docx"), "--html", str(tmp_path / "x.html")]) == 0
    assert "Decision brief" in (tmp_path / "x.html").read_text("utf-8")
    assert f"wrote {tmp_path / 'x.html'}" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["-o", "plan.txt"], "plan.txt: -o: the file's extension says what to write; use .pdf, .docx, .html"),
        (["-o", "plan.docx", "--format", "pdf"], "plan.docx: --format pdf: a pdf file ends in .pdf, not .docx"),
        (["-o", "copy.bin", "--format", "docx"], "copy.bin: -o: the file's extension says what to write; use .pdf"),
        (
            ["-o", "plan.pdf", "--html", "plan.txt"],
            "plan.txt: --html: the file's extension says what to write; use .html",
        ),
        (["-o", "plan.html", "--html", "other.html"], "other.html: --html: -o already writes the HTML preview"),
    ],
)
def test_render_refuses_an_extension_that_is_not_the_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    """render -o plan.txt once wrote a PDF under that name without a word."""
    monkeypatch.chdir(tmp_path)
    main(["demo", "-o", "plan.json"])
    capsys.readouterr()
    assert main(["render", "plan.json", *args]) == 1
    assert said in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]


def test_blank_refuses_anything_but_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["blank", "-o", str(tmp_path / "blank.docx")]) == 1
    assert "use .pdf" in capsys.readouterr().err
    assert not (tmp_path / "blank.docx").exists()


@pytest.mark.slow
def test_render_html_alone_as_the_help_says(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`render FILE -o plan.html` writes the browser preview and nothing else (it once wanted a PDF as well)."""
    plan = tmp_path / "plan.json"
    main(["demo", "-o", str(plan)])
    assert main(["render", str(plan), "-o", str(tmp_path / "plan.html"), "--paper", "a4"]) == 0
    page = (tmp_path / "plan.html").read_text("utf-8")
    assert "<style>" in page and "size: A4" in page and "Decision brief" in page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.html", "plan.json"]
    assert f"wrote {tmp_path / 'plan.html'}" in capsys.readouterr().out


@pytest.mark.slow
def test_render_pdf_with_self_contained_html(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    main(["demo", "-o", str(plan)])
    assert main(["render", str(plan), "-o", str(tmp_path / "plan.pdf"), "--html", str(tmp_path / "plan.html")]) == 0
    page = (tmp_path / "plan.html").read_text("utf-8")
    assert "<style>" in page and "Decision brief" in page
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")


def test_scenarios_prints_the_stress_test_and_every_saved_scenario(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from planner.core.funding.scenarios import run_scenario, stress_test

    out = tmp_path / "demo.json"
    assert main(["demo", "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["scenarios", str(out)]) == 0
    text = capsys.readouterr().out
    demo = demo_document(bundled_instruments())
    stress = stress_test(demo)
    first = stress.rows[0]
    assert f"   1  {first.partner.name}" in text and "$156,920" in text and "$156,920.00" not in text
    assert "Stress test (committed only)" in text and 'Changes the baseline "As planned"' in text
    assert "Tri-Basin Workforce Development Board" in text and "Tri\u2212Basin" not in text
    for scenario in demo.scenarios:
        assert f"Scenario: {scenario.name}" in text
    assert "  - Costs grow 3% a year (staffing and coordination, transportation)" in text
    ridgeline = run_scenario(demo, demo.scenarios[0])
    assert "$598,315" in text and ridgeline.total_gap == Decimal("598315.20")  # Ridgeline's withdrawal: total gap
    assert main(["scenarios", str(out), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert [p["id"] for p in payload["stress_test"]["partners"]] == [r.partner.id for r in stress.rows]
    assert payload["stress_test"]["gap"] == f"{stress.base_total_gap:.2f}"
    for shown, scenario in zip(payload["scenarios"], demo.scenarios, strict=True):
        result = run_scenario(demo, scenario)
        assert shown["name"] == scenario.name and shown["total_gap"] == f"{result.total_gap:.2f}"
        assert [y["gap"] for y in shown["years"]] == [f"{y.scenario.gap:.2f}" for y in result.years]
        assert [f["id"] for f in shown["lose_funding_first"]] == [f.item.id for f in result.lost]


def test_scenarios_of_a_plan_without_any(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "new.json"
    assert main(["new", "-o", str(out), "--consortium", "Fresh"]) == 0
    capsys.readouterr()
    assert main(["scenarios", str(out)]) == 0
    assert "No saved scenarios" in capsys.readouterr().out
    assert main(["scenarios", str(tmp_path / "missing.json")]) == 1
    assert "missing.json" in capsys.readouterr().err


def test_export_xlsx_writes_a_workbook_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    plan, book = tmp_path / "demo.json", tmp_path / "plan.xlsx"
    assert main(["demo", "-o", str(plan)]) == 0
    assert main(["export-xlsx", str(plan), "-o", str(book)]) == 0
    assert f"wrote {book}" in capsys.readouterr().out
    assert openpyxl.load_workbook(book).sheetnames[0] == "README"
    before = book.read_bytes()
    assert main(["export-xlsx", str(plan), "-o", str(book)]) == 1
    assert "already exists (use --force" in capsys.readouterr().err and book.read_bytes() == before
    assert main(["export-xlsx", str(plan), "-o", str(book), "--force"]) == 0
    assert main(["export-xlsx", str(plan), "-o", str(plan), "--force"]) == 1
    assert "is one of this command's inputs" in capsys.readouterr().err
    (tmp_path / "broken.json").write_text("{", "utf-8")
    assert main(["export-xlsx", str(tmp_path / "broken.json"), "-o", str(tmp_path / "b.xlsx")]) == 1
    assert not (tmp_path / "b.xlsx").exists()


def test_import_xlsx_applies_edits_or_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import openpyxl

    plan, book_path, out = tmp_path / "demo.json", tmp_path / "plan.xlsx", tmp_path / "edited.json"
    assert main(["demo", "-o", str(plan)]) == 0
    assert main(["export-xlsx", str(plan), "-o", str(book_path)]) == 0
    assert main(["import-xlsx", str(plan), "--from", str(book_path), "-o", str(out)]) == 0
    assert "nothing changed" in capsys.readouterr().out
    book = openpyxl.load_workbook(book_path)
    book["Commitments"]["G2"] = 70000
    book.save(book_path)
    assert main(["import-xlsx", str(plan), "--from", str(book_path), "-o", str(out), "--force"]) == 0
    printed = capsys.readouterr().out
    assert "changed commitment m-1: amount $64,000.00 to $70,000.00" in printed and f"wrote {out}" in printed
    assert load_document(out).commitments[0].amount == 70000
    book["Commitments"]["G2"] = "lots"
    book["Commitments"]["H3"] = "maybe"
    book.save(book_path)
    before = out.read_bytes()
    assert main(["import-xlsx", str(plan), "--from", str(book_path), "-o", str(out), "--force"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"error: {book_path}: Commitments, row 2, Amount (column G): 'lots' is not an amount")
    assert err[1].startswith(f"error: {book_path}: Commitments, row 3, Status (column H): 'maybe' is not one of")
    assert err[2] == f"nothing was imported; {out} was not written" and out.read_bytes() == before
    assert main(["import-xlsx", str(plan), "--from", str(book_path), "-o", str(book_path), "--force"]) == 1
    assert "is one of this command's inputs" in capsys.readouterr().err


def _run_planner(args: list[str], encoding: str | None) -> subprocess.CompletedProcess[bytes]:
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    if encoding:
        env["PYTHONIOENCODING"] = encoding
    return subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True, env=env, timeout=120)


def test_a_name_the_console_cannot_show_never_ends_in_a_traceback(tmp_path: Path) -> None:
    """``planner portfolio ... > out.txt`` under Windows' cp1252 with a consortium called Łódź (issue 28)."""
    from planner.core.editing.edits import set_profile
    from planner.core.storage.storage import save_document

    plan = tmp_path / "Łódź.json"
    save_document(set_profile(demo_document(bundled_instruments()), consortium_name="Łódź Pathways 🚀"), plan)
    (tmp_path / "Kraków ✓.json").write_text("{", "utf-8")
    for args in (["portfolio", str(tmp_path)], ["score", str(plan)], ["validate", str(tmp_path / "Kraków ✓.json")]):
        result = _run_planner(args, "cp1252")
        assert b"Traceback" not in result.stderr, result.stderr.decode("cp1252", "replace")
        assert result.returncode == (1 if args[0] == "validate" else 0)
        text = (result.stdout + result.stderr).decode("cp1252")
        assert "?ód? Pathways ?" in text or "Krak" in text  # replaced, never stopped
    # Sent to a file without an encoding asked for, the output is UTF-8 and keeps every character.
    result = _run_planner(["portfolio", str(tmp_path)], None)
    assert result.returncode == 0 and "Łódź Pathways 🚀" in result.stdout.decode("utf-8")
