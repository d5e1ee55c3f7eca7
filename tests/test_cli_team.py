"""The team, coach and portfolio commands, end to end through ``planner`` as a user would type them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli import main
from planner.core.editing.edits import set_rating
from planner.core.model.document import Rating
from planner.core.model.review import set_review, set_suggestion
from planner.core.storage.storage import load_document, save_document

CRITERION = "org.coordination"


def _fill(path: Path, levels: list[int]) -> None:
    form = load_document(path)
    rid = form.respondents[0].id
    for criterion, level in zip([CRITERION, "org.intermediary"], levels, strict=False):
        form = set_rating(form, rid, criterion, Rating(level=level))
    save_document(form, path)


def test_hand_out_fill_in_and_merge(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "demo.json"
    main(["demo", "-o", str(doc)])
    forms = []
    for name, sector, levels in [
        ("Ana Ruiz", "k12", [1, 2]),
        ("Ben Ode", "college", [4, 4]),
        ("Cy Lam", "employer", [3]),
    ]:
        out = tmp_path / f"{name.split()[0].lower()}.json"
        assert main(["respondent-form", str(doc), "--name", name, "--sector", sector, "-o", str(out)]) == 0
        _fill(out, levels)
        forms.append(str(out))
    empty = tmp_path / "dee.json"
    main(["respondent-form", str(doc), "--name", "Dee", "--sector", "k12", "-o", str(empty)])
    capsys.readouterr()

    merged = tmp_path / "merged.json"
    assert main(["merge", str(doc), *forms, str(empty), str(tmp_path / "missing.json"), "-o", str(merged)]) == 1
    printed, errors = capsys.readouterr()
    assert "added Ana Ruiz" in printed and "added Cy Lam" in printed and f"wrote {merged}" in printed
    assert "dee.json: has no ratings yet" in errors and "missing.json" in errors
    names = [r.name for r in load_document(merged).respondents]
    assert names[-3:] == ["Ana Ruiz", "Ben Ode", "Cy Lam"]

    # Ana sends her form again: not merged until --replace says so.
    _fill(Path(forms[0]), [2, 2])
    again = tmp_path / "again.json"
    assert main(["merge", str(merged), forms[0], "-o", str(again)]) == 1
    assert "Ana Ruiz (K-12 district) is already in the document" in capsys.readouterr().err
    assert not again.exists()
    assert main(["merge", str(merged), forms[0], "-o", str(again), "--replace"]) == 0
    assert "replaced Ana Ruiz (K-12 district)'s ratings" in capsys.readouterr().out

    assert main(["score", str(again), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    criterion = payload["domains"][0]["criteria"][0]
    assert criterion["id"] == CRITERION and criterion["discuss"] is True  # 2 (Ana) and 4 (Ben) and the demo's
    assert criterion["sectors"] == []  # no sector has three respondents, so none is shown apart


def test_compare_and_render_with_baseline_and_review(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    main(["demo", "-o", str(old)])
    document = load_document(old)
    document = set_rating(document, document.respondents[0].id, CRITERION, Rating(level=4))
    document = set_suggestion(document, "org.governance", level=3, comment="Steering meets monthly: <b>3</b>.")
    document = set_review(document, reviewer="Pat Coach", overall_notes="A solid plan.")
    save_document(document, new)
    capsys.readouterr()
    assert main(["compare", str(old), str(new), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    moved = next(c for c in payload["domains"][0]["criteria"] if c["id"] == CRITERION)
    assert moved["direction"] == "up" and moved["after"] == 3.5  # the lead now 4, the dean still 3
    assert main(["compare", str(old), str(new)]) == 0
    assert "▲ up" in capsys.readouterr().out

    other = tmp_path / "other.json"
    main(["new", "-o", str(other), "--consortium", "Someone else"])
    capsys.readouterr()
    assert main(["compare", str(other), str(new)]) == 1
    assert "another consortium" in capsys.readouterr().err

    html = tmp_path / "plan.html"
    assert (
        main(["render", str(new), "-o", str(tmp_path / "plan.pdf"), "--baseline", str(old), "--html", str(html)]) == 0
    )
    text = html.read_text("utf-8")
    assert "What changed since the last plan" in text and "Coach review" in text and "Pat Coach" in text
    assert "Steering meets monthly: &lt;b&gt;3&lt;/b&gt;." in text


def test_portfolio_lists_broken_files_and_writes_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "coach"
    folder.mkdir()
    main(["demo", "-o", str(folder / "alder.json")])
    (folder / "broken.json").write_text("{", "utf-8")
    capsys.readouterr()
    csv_path = tmp_path / "portfolio.csv"
    assert main(["portfolio", str(folder), "--csv", str(csv_path)]) == 0
    out = capsys.readouterr().out
    assert "Alder Basin" in out and "broken.json" in out and "error:" in out and "2 files, 1 could not be read" in out
    assert csv_path.read_text("utf-8").count("\n") == 3
    assert main(["portfolio", str(tmp_path / "nowhere")]) == 1
