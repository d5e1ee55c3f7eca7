"""Bounded reads, atomic writes and temp cleanup (planner/core/storage/files.py)."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from planner.core.model.errors import PlannerFileError
from planner.core.storage.files import (
    IN_USE_RETRY_DELAYS,
    OTHER_MACHINE_TEMP_AGE,
    TEMP_PREFIX,
    TEMP_SUFFIX,
    OsCalls,
    SaveError,
    atomic_write,
    machine_name,
    parse_temp_name,
    parse_toml,
    read_limited,
    remove_stale_temps,
    same_file,
    temp_name,
    windows_long_path,
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
    dead = tmp_path / temp_name(pid=999999999)
    mine = tmp_path / temp_name()
    other = tmp_path / "notes.tmp"
    for path in (dead, mine, other):
        path.write_bytes(b"partial")
    assert remove_stale_temps(tmp_path) == (1 if os.name == "posix" else 2)
    assert not dead.exists() and other.exists()
    # The next save in a folder sweeps what a killed save left there.
    dead.write_bytes(b"partial")
    atomic_write(tmp_path / "plan.json", b"{}")
    assert not dead.exists()


def test_temp_names_carry_the_machine_and_the_process(tmp_path: Path) -> None:
    name = temp_name(machine="LAB-12", pid=4242)
    assert name.startswith(f"{TEMP_PREFIX}LAB-12.4242.") and name.endswith(TEMP_SUFFIX)
    assert parse_temp_name(name) == ("LAB-12", 4242)
    assert parse_temp_name(f"{TEMP_PREFIX}4242-abcd{TEMP_SUFFIX}") == (None, 4242)  # an older planner's name
    assert parse_temp_name("notes.tmp") is None
    assert "." not in machine_name() and len(machine_name()) <= 24


def test_a_colleagues_fresh_temp_survives_and_an_hour_old_one_goes(tmp_path: Path) -> None:
    """Another machine's process numbers mean nothing here: only age tells a crash's leftover from a save."""
    fresh = tmp_path / temp_name(machine="LAB-12", pid=1)  # pid 1 is alive here: it must not matter
    old = tmp_path / temp_name(machine="LAB-12", pid=999999999)
    older_planner = tmp_path / f"{TEMP_PREFIX}999999999-abcd{TEMP_SUFFIX}"
    for path in (fresh, old, older_planner):
        path.write_bytes(b"partial")
    hour_ago = time.time() - OTHER_MACHINE_TEMP_AGE - 60
    os.utime(old, (hour_ago, hour_ago))
    atomic_write(tmp_path / "plan.json", b"{}")  # our save sweeps the folder
    assert fresh.exists() and not old.exists() and older_planner.exists()
    assert remove_stale_temps(tmp_path, now=time.time() + OTHER_MACHINE_TEMP_AGE + 60) == 2


class PlayWindows(OsCalls):
    """Windows as a save meets it, on any machine: long-path prefixes are taken off before the real call, and
    ``replace`` fails as told (a file held by antivirus, a sync client)."""

    def __init__(self, replace_failures: list[OSError] | None = None) -> None:
        super().__init__(windows=True)
        self.replace_failures = list(replace_failures or [])
        self.calls: list[tuple[str, str]] = []
        self.slept: list[float] = []

    @staticmethod
    def real(path: str) -> str:
        return path.removeprefix("\\\\?\\")

    def open_new(self, path: str) -> int:
        self.calls.append(("open", path))
        return super().open_new(self.real(path))

    def stat(self, path: str) -> os.stat_result:
        self.calls.append(("stat", path))
        return super().stat(self.real(path))

    def chmod(self, path: str, mode: int) -> None:
        self.calls.append(("chmod", path))
        super().chmod(self.real(path), mode)

    def replace(self, source: str, target: str) -> None:
        self.calls.append(("replace", target))
        if self.replace_failures:
            raise self.replace_failures.pop(0)
        super().replace(self.real(source), self.real(target))

    def unlink(self, path: str) -> None:
        self.calls.append(("unlink", path))
        super().unlink(self.real(path))

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)


def in_use() -> PermissionError:
    error = PermissionError(13, "The process cannot access the file because it is being used by another process")
    error.winerror = 32  # type: ignore[attr-defined]
    return error


def test_windows_in_use_is_retried_until_the_file_is_free(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(b"old")
    windows = PlayWindows([in_use(), in_use(), in_use()])
    atomic_write(path, b"new", windows)
    assert path.read_bytes() == b"new"
    assert [c for c, _ in windows.calls].count("replace") == 4
    assert len(windows.slept) == 3
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)]


def test_windows_in_use_for_longer_than_a_second_fails_plainly_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(b"old")
    windows = PlayWindows([in_use() for _ in range(10)])
    with pytest.raises(SaveError, match="in use by another program") as info:
        atomic_write(path, b"new", windows)
    assert info.value.filename == str(path)
    assert len(windows.slept) == len(IN_USE_RETRY_DELAYS) and 0.8 <= sum(windows.slept) <= 1.5
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_only_in_use_errors_are_retried(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    windows = PlayWindows([PermissionError(13, "Access is denied")])
    with pytest.raises(PermissionError):
        atomic_write(path, b"new", windows)
    assert windows.slept == []


def test_a_read_only_plan_on_windows_says_so_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(b"from an email")
    os.chmod(path, 0o444)
    windows = PlayWindows()
    with pytest.raises(SaveError, match=r"marked read-only.*Save As"):
        atomic_write(path, b"new", windows)
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"] and path.read_bytes() == b"from an email"


def test_the_temp_never_takes_a_read_only_flag(tmp_path: Path) -> None:
    # Windows: no chmod at all (a read-only temp can be neither renamed over the plan nor deleted).
    path = tmp_path / "plan.json"
    path.write_bytes(b"old")
    windows = PlayWindows()
    atomic_write(path, b"new", windows)
    assert not [c for c in windows.calls if c[0] == "chmod"]
    # Elsewhere: the plan's permissions carry over, but the owner can always write the new file.
    os.chmod(path, 0o444)
    atomic_write(path, b"newer")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_a_long_windows_path_takes_the_long_path_prefix(tmp_path: Path) -> None:
    folder = tmp_path
    while len(str(folder)) < 250:
        folder = folder / "Shared Documents - Career Pathways Consortium"
    folder.mkdir(parents=True)
    path = folder / "sustainability-plan.json"
    windows = PlayWindows()
    atomic_write(path, b"{}", windows)
    assert path.read_bytes() == b"{}"
    assert all(p.startswith("\\\\?\\") for c, p in windows.calls if c in ("open", "replace"))
    # A short path keeps its plain form.
    short = PlayWindows()
    atomic_write(tmp_path / "plan.json", b"{}", short)
    assert not any(p.startswith("\\\\?\\") for _c, p in short.calls)
    assert windows_long_path("\\\\server\\share\\plan.json") == "\\\\?\\UNC\\server\\share\\plan.json"


def test_a_path_too_long_for_the_file_system_says_so(tmp_path: Path) -> None:
    path = tmp_path / ("n" * 300 + ".json")
    with pytest.raises(SaveError, match=r"path is too long \(\d+ characters\)"):
        atomic_write(path, b"{}")


def test_a_folder_where_files_cannot_be_created_is_explained(tmp_path: Path) -> None:
    class NoCreate(OsCalls):
        def open_new(self, path: str) -> int:
            raise PermissionError(13, "Permission denied", path)

    with pytest.raises(SaveError, match=r"may not create files in .*ask whoever manages the folder") as info:
        atomic_write(tmp_path / "plan.json", b"{}", NoCreate())
    assert info.value.filename == str(tmp_path / "plan.json")


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
