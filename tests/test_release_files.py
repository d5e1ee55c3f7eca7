"""Lint of the release files that only hosted runners can run (packaging/README.md says which is which).

What can be checked here is checked here: the workflow and the Flatpak manifest parse, every job builds, runs
``--self-test`` on its own output and uploads it, and every file they name exists; the installer script is per
user with a Start-menu entry; the spec lists WeasyPrint's libraries for every platform; the runtime hook and the
bundled fonts.conf really give fontconfig our fonts.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
MANIFEST = ROOT / "packaging" / "flatpak" / "org.sustainabilityplanner.Planner.yml"
INSTALLER = ROOT / "packaging" / "windows" / "planner.iss"
SPEC = ROOT / "packaging" / "planner.spec"
REPO_PATH = re.compile(r"(?:packaging|\.ci)[/\\][\w./\\-]+")


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(data, dict), path
    return data


def _step_text(step: dict[str, Any]) -> str:
    return " ".join(str(v) for v in [step.get("run", ""), *(step.get("with") or {}).values()])


def test_every_release_job_builds_self_tests_and_uploads() -> None:
    jobs = _load(WORKFLOW)["jobs"]
    assert set(jobs) == {"windows", "macos", "linux", "flatpak"}
    for name, job in jobs.items():
        steps = job["steps"]
        texts = [_step_text(step) for step in steps]
        uses = [str(step.get("uses", "")) for step in steps]
        assert any("--self-test" in text or ".ci/build-bundle" in text for text in texts), name
        assert uses[-1].startswith("actions/upload-artifact@"), name
        assert job.get("timeout-minutes"), name
    windows = " ".join(_step_text(s) for s in jobs["windows"]["steps"])
    assert "mingw-w64-ucrt-x86_64-pango" in windows and "/VERYSILENT" in windows and "planner.iss" in windows
    macos = " ".join(_step_text(s) for s in jobs["macos"]["steps"])
    assert "hdiutil create" in macos and "notarytool submit" in macos and "stapler staple" in macos
    assert all(
        s.get("if", "").startswith("env.") for s in jobs["macos"]["steps"] if "security import" in s.get("run", "")
    )


def test_release_files_name_only_files_that_exist() -> None:
    for path in (WORKFLOW, MANIFEST):
        for reference in REPO_PATH.findall(path.read_text("utf-8")):
            assert (ROOT / reference.replace("\\", "/")).exists(), f"{path.name}: {reference}"


def test_flatpak_manifest_uses_the_kde_runtime_and_pyside_baseapp() -> None:
    manifest = _load(MANIFEST)
    assert manifest["runtime"] == "org.kde.Platform" and manifest["sdk"] == "org.kde.Sdk"
    assert manifest["base"] == "io.qt.PySide.BaseApp" and manifest["base-version"] == manifest["runtime-version"]
    assert manifest["command"] == "planner"
    for module in manifest["modules"]:
        for source in module.get("sources", []):
            if "path" in source:
                assert (MANIFEST.parent / source["path"]).resolve().exists(), source
        commands = " ".join(module.get("build-commands", []))
        for desktop in re.findall(r"\S+\.desktop", commands):
            assert (ROOT / desktop).is_file(), desktop


def test_flatpak_installs_every_dependency_but_pyside() -> None:
    """The Flatpak installs the planner with --no-deps, so its pip line must name every other requirement."""
    import tomllib

    requirements = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    commands = " ".join(c for m in _load(MANIFEST)["modules"] for c in m.get("build-commands", []))
    for requirement in requirements:
        if not requirement.startswith("PySide6"):  # from the BaseApp
            assert f'"{requirement}"' in commands, requirement


def test_windows_installer_is_per_user_with_a_start_menu_entry() -> None:
    text = INSTALLER.read_text("utf-8")
    assert re.search(r"^PrivilegesRequired=lowest$", text, re.MULTILINE)
    assert re.search(r"^DefaultDirName=\{localappdata\}\\Programs\\", text, re.MULTILINE)
    assert re.search(
        r'^Name: "\{autoprograms\}\\\{#AppName\}"; Filename: "\{app\}\\SustainabilityPlanner\.exe"', text, re.MULTILINE
    )
    assert '#define DistDir "..\\..\\dist\\planner"' in text
    assert (INSTALLER.parent / "..\\..\\dist\\planner".replace("\\", "/")).resolve() == ROOT / "dist" / "planner"


def test_spec_lists_weasyprints_libraries_for_every_platform() -> None:
    compile(SPEC.read_text("utf-8"), str(SPEC), "exec")  # valid Python (PyInstaller executes it)
    text = SPEC.read_text("utf-8")
    for library in ("gobject-2.0", "pango-1.0", "pangoft2-1.0", "harfbuzz", "harfbuzz-subset", "fontconfig"):
        for suffix in (".so.", ".dll", ".dylib"):
            assert re.search(rf'"lib{re.escape(library)}[-.0-9]*{re.escape(suffix)}', text), (library, suffix)
    assert 'runtime_hooks=[str(PACKAGING / "rthook_fontconfig.py")]' in text


def test_runtime_hook_points_fontconfig_at_the_bundled_fonts(tmp_path: Path) -> None:
    # Lay the files out as in the bundle and run the hook the way PyInstaller does (sys._MEIPASS set).
    shutil.copytree(ROOT / "packaging" / "fontconfig", tmp_path / "fontconfig")
    code = (
        f"import sys, os; sys._MEIPASS = {str(tmp_path)!r}; "
        f"exec(open({str(ROOT / 'packaging' / 'rthook_fontconfig.py')!r}).read()); print(os.environ['FONTCONFIG_FILE'])"
    )
    env = {**os.environ, "WEASYPRINT_DLL_DIRECTORIES": r"C:\gtk\bin"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert done.stdout.strip() == str(tmp_path / "fontconfig" / "fonts.conf")
    if shutil.which("fc-match") is None:
        pytest.skip("fc-match (fontconfig) not installed")
    for family in ("sans-serif", "serif", "monospace", "Liberation Sans"):
        match = subprocess.run(
            ["fc-match", "-f", "%{family}|%{file}", family],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "FONTCONFIG_FILE": done.stdout.strip()},
        )
        family_name, file = match.stdout.split("|")
        assert family_name == "DejaVu Sans" and Path(file).parent == tmp_path / "fontconfig" / "fonts", match.stdout
    assert (ROOT / "packaging" / "fontconfig" / "fonts" / "LICENSE-DejaVu.txt").is_file()
