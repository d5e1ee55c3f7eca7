"""Issue 24 on the command line: names from a received file are inert on a terminal, tables stay aligned for long
amounts, validate lists replaced characters as notes, and compare refuses a team member's form."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from planner.cli import main
from planner.core.assessment.team import respondent_form
from planner.core.editing.edits import set_rating
from planner.core.model.document import Document, Rating, Sector
from planner.core.storage.storage import serialize_document

# What a terminal acts on, as planner.core.model.text.printable escapes it; a newline only ends a line of output.
ACTIVE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# ESC (XML cannot hold it: it arrives as U+FFFD), CSI in one character, DEL and a right-to-left override (XML can
# hold these three: only the printing makes them inert).
HOSTILE = "\x1b]0;owned\x07\x9b2J\x7f\u202e"
ESCAPED = "\ufffd]0;owned\ufffd\\x9b2J\\x7f\\u202e"


def _hostile_plan(demo: Document) -> dict[str, Any]:
    raw: dict[str, Any] = json.loads(serialize_document(demo))
    raw["profile"]["consortium_name"] = f"Alder{HOSTILE}"
    raw["partners"][0]["name"] = f"County{HOSTILE}"
    raw["cost_items"][0]["name"] = f"Coordinator{HOSTILE}"
    raw["scenarios"][0]["name"] = f"Ridgeline{HOSTILE}"
    raw["respondents"][0]["name"] = f"Lead{HOSTILE}"
    return raw


def _write(path: Path, raw: dict[str, Any]) -> Path:
    path.write_text(json.dumps(raw), "utf-8")
    return path


def _inert(text: str) -> None:
    assert not ACTIVE.search(text), [m.group() for m in ACTIVE.finditer(text)][:5]


@pytest.mark.parametrize("command", [["score"], ["scenarios"], ["compare", "{plan}"], ["portfolio"]])
def test_names_from_a_received_plan_cannot_drive_the_terminal(
    tmp_path: Path, demo: Document, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    folder = tmp_path / "received"
    folder.mkdir()
    plan = _write(folder / "plan.json", _hostile_plan(demo))
    args = [command[0], *(a.format(plan=plan) for a in command[1:]), str(folder if command == ["portfolio"] else plan)]
    assert main(args) == 0
    out = capsys.readouterr()
    _inert(out.out + out.err)
    assert f"Alder{ESCAPED}"[:40] in out.out or f"County{ESCAPED}" in out.out or f"Ridgeline{ESCAPED}" in out.out


def test_merge_and_error_lines_are_inert(tmp_path: Path, demo: Document, capsys: pytest.CaptureFixture[str]) -> None:
    plan = _write(tmp_path / "plan.json", json.loads(serialize_document(demo)))
    form = respondent_form(demo, f"Pat{HOSTILE[:-1]}", Sector.COLLEGE)
    criterion = next(iter(demo.respondents[0].ratings))
    form = set_rating(form, form.respondents[0].id, criterion, Rating(level=2))
    returned = _write(tmp_path / "form.json", json.loads(serialize_document(form)))
    assert main(["merge", str(plan), str(returned), "-o", str(tmp_path / "merged.json")]) == 0
    out = capsys.readouterr()
    _inert(out.out + out.err)
    assert "added Pat\ufffd]0;owned\ufffd\\x9b2J\\x7f" in out.out
    # An error line quoting a name (two scenarios of the same name), from validate and from any other command.
    raw = _hostile_plan(demo)
    raw["scenarios"][1]["name"] = raw["scenarios"][0]["name"]
    twice = _write(tmp_path / "twice.json", raw)
    for args in (["validate", str(twice)], ["score", str(twice)]):
        assert main(args) == 1
        out = capsys.readouterr()
        _inert(out.out + out.err)
        assert "two scenarios are called 'Ridgeline\ufffd]0;owned\ufffd\\x9b2J\\x7f\\u202e'" in out.err


def test_a_file_name_with_a_newline_keeps_its_portfolio_row(
    tmp_path: Path, demo: Document, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path / "two\nlines.json", json.loads(serialize_document(demo)))
    (tmp_path / "broken\x1b[2J.json").write_text("{", "utf-8")
    assert main(["portfolio", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    _inert(out)
    assert any(line.startswith("two\\x0alines.json") for line in out.splitlines())
    assert any(line.startswith("broken\\x1b[2J.json") and "error:" in line for line in out.splitlines())


def test_validate_lists_replaced_characters_as_notes(
    tmp_path: Path, demo: Document, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = json.loads(serialize_document(demo))
    raw["profile"]["consortium_name"] = "Alder\x0bBasin"
    plan = _write(tmp_path / "plan.json", raw)
    assert main(["validate", str(plan)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        f"note: {plan}: profile.consortium_name: holds U+000B, which a Word copy or workbook cannot carry; it reads "
        "as \ufffd (retype that text in the app to remove the mark)",
        "ok: 1 file valid",
    ]


def test_compare_refuses_a_blank_form_as_the_follow_up(
    tmp_path: Path, demo: Document, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _write(tmp_path / "plan.json", json.loads(serialize_document(demo)))
    form = _write(tmp_path / "form.json", json.loads(serialize_document(respondent_form(demo, "Pat", Sector.K12))))
    assert main(["compare", str(plan), str(form)]) == 1
    assert capsys.readouterr().err.startswith(f"error: {form}: the follow-up is a team member's respondent form")
    assert main(["compare", str(form), str(plan)]) == 1
    assert capsys.readouterr().err.startswith(f"error: {form}: the baseline is a team member's respondent form")


def _amount_ends(line: str) -> list[int]:
    # Whole dollars since issue 21 (cents only in the detailed ledger); a change carries its sign.
    return [m.end() for m in re.finditer(r"[+\u2212-]?\$[\d,]+(?:\.\d\d)?", line)]


def test_tables_stay_aligned_for_amounts_of_eleven_digits_and_more(
    tmp_path: Path, demo: Document, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = json.loads(serialize_document(demo))
    for item in raw["cost_items"]:
        item["costs"] = {str(y): "999999999.99" for y in (1, 2, 3)}
    raw["commitments"][0]["amount"] = "999999999.99"
    plan = _write(tmp_path / "big.json", raw)
    for command in ("scenarios", "score"):
        assert main([command, str(plan)]) == 0
        lines = capsys.readouterr().out.splitlines()
        tables: list[list[str]] = [[]]
        for line in lines:
            amounts = _amount_ends(line)
            if len(amounts) >= 3:
                tables[-1].append(line)
            elif tables[-1]:
                tables.append([])
        tables = [t for t in tables if t]
        assert tables, command
        assert any(Decimal("1e9") < Decimal(re.sub(r"[^\d.]", "", a)) for a in re.findall(r"\$[\d,.]+", "".join(lines)))
        for table in tables:
            # Every amount of a column ends in the same place, and no two amounts touch.
            columns = list(zip(*[_amount_ends(line)[-3:] for line in table], strict=True))
            assert all(len(set(column)) == 1 for column in columns), table
            for line in table:
                assert not re.search(r"\d\$|\d[\u2212-]\$", line), line


def test_json_output_is_inert_and_still_the_same_data(
    tmp_path: Path, demo: Document, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _write(tmp_path / "plan.json", _hostile_plan(demo))
    assert main(["score", str(plan), "--json"]) == 0
    out = capsys.readouterr().out
    _inert(out)
    json.loads(out)
    assert main(["scenarios", str(plan), "--json"]) == 0
    out = capsys.readouterr().out
    _inert(out)
    assert json.loads(out)["scenarios"][0]["name"] == "Ridgeline\ufffd]0;owned\ufffd\x9b2J\x7f\u202e"
