"""``planner --self-test`` from the checkout: every step passes here, and a broken font setup makes it fail."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planner.cli import main
from planner.selftest import (
    USER_DATA_PREFIX,
    PdfFonts,
    SelfTest,
    check_user_data,
    font_problem,
    install_folder,
    pdf_fonts,
)


def _self_test(folder: Path, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the self-test as a user would, with its own home so it reads no real settings."""
    environment = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config")}
    environment["XDG_DATA_HOME"] = str(home / "data")
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "planner", "--self-test", str(folder)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=600,
        check=False,
    )


@pytest.mark.slow
def test_self_test_passes_from_the_checkout(tmp_path: Path) -> None:
    done = _self_test(tmp_path / "out", tmp_path / "home")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    steps = [line for line in lines if line.startswith(("ok ", "FAILED "))]
    assert steps and all(line.startswith("ok ") for line in steps)
    names = " ".join(steps)
    for expected in (
        "native libraries",
        "render the demo plan",
        "render the blank instrument",
        "window painted",
        "application icon",
        "worker process",
        "no fontconfig messages",
    ):
        assert expected in names
    assert lines[-1].startswith("self-test passed")
    for name in ("demo-plan.pdf", "blank-instrument.pdf", "window-export.pdf"):
        fonts = pdf_fonts(tmp_path / "out" / name)
        assert fonts.pages > 1 and fonts.embedded and not fonts.not_embedded
    # The user-data report names the user's own folders, not the checkout.
    user_data = next(line for line in steps if "user data" in line)
    assert str(tmp_path / "home" / "config") in user_data and "recent files: 0" in user_data


@pytest.mark.slow
def test_self_test_fails_when_fontconfig_complains(tmp_path: Path) -> None:
    # What a frozen app without its fonts.conf meets on a machine without /etc/fonts.
    done = _self_test(tmp_path / "out", tmp_path / "home", FONTCONFIG_FILE=str(tmp_path / "missing" / "fonts.conf"))
    assert done.returncode == 1
    assert "FAILED  no fontconfig messages: Fontconfig error" in done.stdout
    assert done.stdout.splitlines()[-1].startswith("self-test FAILED")


def test_self_test_wants_a_new_or_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("someone's file", "utf-8")
    assert main(["--self-test", str(tmp_path)]) == 2
    assert "choose a new or empty folder" in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text("utf-8") == "someone's file"


def test_font_problem_names_what_is_wrong() -> None:
    dejavu = frozenset({"DejaVu-Sans", "DejaVu-Sans-Bold"})
    assert font_problem(PdfFonts(3, dejavu, frozenset()), "DejaVu-Sans") is None
    assert font_problem(PdfFonts(3, frozenset(), frozenset()), None) == "the PDF uses no fonts at all"
    missing = font_problem(PdfFonts(3, dejavu, frozenset({"Helvetica"})), None)
    assert missing == "fonts not embedded: Helvetica"
    foreign = font_problem(PdfFonts(3, dejavu | {"Noto-Sans"}, frozenset()), "DejaVu-Sans")
    assert foreign == "fonts other than the bundled DejaVu-Sans: Noto-Sans"
    assert font_problem(PdfFonts(3, dejavu | {"Noto-Sans"}, frozenset()), None) is None


def test_user_data_inside_the_install_folder_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    test = SelfTest(tmp_path)
    inside = {"settings": str(install_folder() / "settings.ini"), "app data": str(tmp_path), "recent files": "0"}
    check_user_data(test, USER_DATA_PREFIX + json.dumps(inside))
    outside = {"settings": str(tmp_path / "settings.ini"), "app data": str(tmp_path), "recent files": "2"}
    check_user_data(test, USER_DATA_PREFIX + json.dumps(outside))
    assert [ok for _name, ok, _detail in test.results] == [False, True]
    assert "FAILED  user data outside the install folder: inside" in capsys.readouterr().out


def test_a_frozen_app_turns_the_worker_start_into_the_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bool] = []
    monkeypatch.setattr(multiprocessing, "freeze_support", lambda: calls.append(True))
    assert main(["--version"]) == 0
    assert calls == []  # from a checkout, multiprocessing needs no help
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert main(["--version"]) == 0
    assert calls == [True]
