"""Bounded reads, atomic writes and temp cleanup (planner/core/storage/files.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from planner.core.model.errors import PlannerFileError
from planner.core.storage.files import (
    TEMP_PREFIX,
    TEMP_SUFFIX,
    atomic_write,
    parse_toml,
    read_limited,
    remove_stale_temps,
    same_file,
)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "plan.json"
    os.mkfifo(pipe)
    with pytest.raises(PlannerFileError, match="not a regular file") as info:
        read_limited(pipe, 1000)
    assert info.value.path == str(pipe)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_not_read_until_memory_runs_out() -> None:
    with pytest.raises(PlannerFileError, match="not a regular file"):
        read_limited(Path("/dev/zero"), 1000)


def test_reads_at_most_the_limit_and_names_folders(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b"x" * 1001)
    with pytest.raises(PlannerFileError, match="larger than"):
        read_limited(path, 1000)
    path.write_bytes(b"x" * 1000)
    assert read_limited(path, 1000) == b"x" * 1000
    with pytest.raises(PlannerFileError, match="is a folder"):
        read_limited(tmp_path, 1000)
    with pytest.raises(PlannerFileError, match="cannot read file"):
        read_limited(tmp_path / "missing.json", 1000)


def test_deeply_nested_toml_is_a_clean_error() -> None:
    with pytest.raises(PlannerFileError, match=r"nested too deeply|not valid TOML"):
        parse_toml(b"x = " + b"[" * 100_000 + b"]" * 100_000, "deep.toml")
    with pytest.raises(PlannerFileError, match="not valid TOML"):
        parse_toml(b"x = " + b"9" * 10_000, "long.toml")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_saving_through_a_link_replaces_the_file_it_points_to(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    atomic_write(link, b"new")
    assert link.is_symlink() and real.read_text() == "new"


def test_a_name_near_the_file_system_limit_saves(tmp_path: Path) -> None:
    path = tmp_path / ("n" * 250 + ".json")
    atomic_write(path, b"{}")
    assert path.read_bytes() == b"{}"
    assert not list(tmp_path.glob(f"{TEMP_PREFIX}*"))


def test_a_failed_write_names_the_users_file_not_the_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "plan.json"
    with pytest.raises(OSError) as info:
        atomic_write(target, b"{}")
    assert info.value.filename == str(target)


def test_leftovers_of_a_dead_writer_are_swept_live_ones_kept(tmp_path: Path) -> None:
    dead = tmp_path / f"{TEMP_PREFIX}999999999-abcd{TEMP_SUFFIX}"
    mine = tmp_path / f"{TEMP_PREFIX}{os.getpid()}-abcd{TEMP_SUFFIX}"
    other = tmp_path / "notes.tmp"
    for path in (dead, mine, other):
        path.write_bytes(b"partial")
    assert remove_stale_temps(tmp_path) == (1 if os.name == "posix" else 2)
    assert not dead.exists() and other.exists()
    # The next save in a folder sweeps what a killed save left there.
    dead.write_bytes(b"partial")
    atomic_write(tmp_path / "plan.json", b"{}")
    assert not dead.exists()


def test_same_file_sees_through_dot_dot(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text("{}")
    assert same_file(path, tmp_path / "sub" / ".." / "a.json")
    assert not same_file(path, tmp_path / "b.json")


def test_replaced_text_notes_name_each_place_the_rule_changes(tmp_path: Path) -> None:
    from planner.core.storage.files import replaced_text_notes

    plan = tmp_path / "plan.json"
    plan.write_text('{"profile": {"consortium_name": "Alder\\u000bBasin"}, "decisions": ["ok", "\\u0001"]}', "utf-8")
    rubric = tmp_path / "r.toml"
    rubric.write_text('title = "Org\\u001b[2J"\n[[criteria]]\nsummary = "fine"\n', "utf-8")
    (tmp_path / "broken.json").write_text("{", "utf-8")
    tail = "which a Word copy or workbook cannot carry; it reads as \ufffd (retype that text in the app to remove "
    tail += "the mark)"
    assert [p.message for p in replaced_text_notes(plan, 10_000)] == [
        f"{plan}: profile.consortium_name: holds U+000B, {tail}",
        f"{plan}: decisions[1]: holds U+0001, {tail}",
    ]
    assert [p.message for p in replaced_text_notes(rubric, 10_000)] == [f"{rubric}: title: holds U+001B, {tail}"]
    assert replaced_text_notes(tmp_path / "broken.json", 10_000) == []
