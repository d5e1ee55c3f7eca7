"""Lint of the release files that only hosted runners can run (packaging/README.md says which is which).

What can be checked here is checked here: the workflow and the Flatpak manifest parse, every job builds, runs
``--self-test`` on its own output and uploads it, and every file they name exists; the installer installs per user
by default and into Program Files with /ALLUSERS ({autopf}), with a Start-menu entry and an "Open with" entry for
plans; Windows and macOS releases are signed (and notarized) or the job fails; macOS is built for both
architectures and claims a minimum macOS its libraries allow; build tools are pinned (Inno Setup, MSYS2's
libraries with hashes, Python packages with hashes); every download is published with its SHA-256; the spec lists
WeasyPrint's libraries for every platform; the runtime hook and the bundled fonts.conf really give fontconfig our
fonts.
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
CONSTRAINTS = ROOT / "packaging" / "release-constraints.txt"
MSYS2_PINS = ROOT / "packaging" / "windows" / "msys2-pins.txt"
INSTALLER = ROOT / "packaging" / "windows" / "planner.iss"
SPEC = ROOT / "packaging" / "planner.spec"
REPO_PATH = re.compile(r"(?:packaging|\.ci)[/\\][\w./\\-]+")


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(data, dict), path
    return data


def _step_text(step: dict[str, Any]) -> str:
    return " ".join(str(v) for v in [step.get("run", ""), *(step.get("with") or {}).values()])


def _job_text(job: dict[str, Any]) -> str:
    return " ".join(_step_text(s) for s in job["steps"])


def test_every_release_job_builds_self_tests_and_uploads() -> None:
    jobs = _load(WORKFLOW)["jobs"]
    assert set(jobs) == {"windows", "macos", "linux", "flatpak", "checksums"}
    for name, job in jobs.items():
        if name == "checksums":
            continue
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


def _refuses_without(job: dict[str, Any], secrets: list[str]) -> None:
    """The job's first step stops it (exit 1) when any of the signing secrets is missing, and no signing step is
    skipped for want of them: a release is signed or not built."""
    first = job["steps"][0]
    assert "exit 1" in first["run"] and "if" not in first and not first.get("continue-on-error"), first
    for secret in secrets:
        assert secret in first["run"] or f"${{{{ secrets.{secret} }}}}" in str(job["env"]), secret
    for step in job["steps"]:
        assert "secrets" not in str(step.get("if", "")) and "env." not in str(step.get("if", "")), step
        assert not step.get("continue-on-error"), step


def test_windows_signs_setup_executables_and_uninstaller_or_fails() -> None:
    job = _load(WORKFLOW)["jobs"]["windows"]
    _refuses_without(job, ["WINDOWS_CERTIFICATE", "WINDOWS_CERTIFICATE_PASSWORD"])
    text = _job_text(job)
    sign = re.search(r"signtool sign /f \$pfx .*?(?:\n|$)", text)
    assert sign is not None
    for needed in ("/fd sha256", "/tr $env:TIMESTAMP_URL", "/td sha256", "planner.exe", "SustainabilityPlanner.exe"):
        assert needed in sign.group(0), needed
    assert job["env"]["TIMESTAMP_URL"].startswith("http")
    assert '"/DSign"' in text and '"/S$sign"' in text and "/tr $env:TIMESTAMP_URL /td sha256 `$f" in text
    assert "verify /pa /all $setup.FullName" in text and 'verify /pa (Join-Path $installed "unins000.exe")' in text
    installer = INSTALLER.read_text("utf-8")
    signing = re.search(r"^#ifdef Sign\n(.*?)^#endif", installer, re.MULTILINE | re.DOTALL)
    assert signing is not None
    assert "SignTool=signtool" in signing.group(1) and "SignedUninstaller=yes" in signing.group(1)


def test_macos_builds_both_architectures_signed_notarized_and_truthful_about_the_minimum() -> None:
    job = _load(WORKFLOW)["jobs"]["macos"]
    _refuses_without(
        job,
        ["MACOS_CERTIFICATE", "MACOS_CERTIFICATE_PASSWORD", "PLANNER_CODESIGN_IDENTITY", "NOTARY_APPLE_ID"],
    )
    builds = job["strategy"]["matrix"]["include"]
    assert sorted(b["arch"] for b in builds) == ["arm64", "x86_64"]
    readme = (ROOT / "README.md").read_text("utf-8") + (ROOT / "packaging" / "README.md").read_text("utf-8")
    for build in builds:
        # Homebrew builds its libraries for the runner's own macOS: no older macOS may be claimed.
        runner_major = int(re.search(r"macos-(\d+)", build["runner"]).group(1))  # type: ignore[union-attr]
        assert int(build["minimum"].split(".")[0]) >= runner_major, build
        assert f"macOS {build['minimum'].split('.')[0]} or later" in readme, build
    assert job["env"]["PLANNER_MACOS_MINIMUM"] == "${{ matrix.minimum }}"
    assert job["env"]["PLANNER_TARGET_ARCH"] == "${{ matrix.arch }}"
    text = _job_text(job)
    assert "packaging/macos/check-minimum.sh" in text and "${{ matrix.arch }}" in text
    assert "codesign --verify --deep --strict" in text and "--timestamp" in text
    spec = SPEC.read_text("utf-8")
    assert '"LSMinimumSystemVersion": MACOS_MINIMUM' in spec and 'os.environ.get("PLANNER_MACOS_MINIMUM")' in spec
    assert '"CFBundleDocumentTypes"' in spec and '"public.json"' in spec and '"LSHandlerRank": "Alternate"' in spec
    assert 'target_arch=os.environ.get("PLANNER_TARGET_ARCH")' in spec
    script = (ROOT / "packaging" / "macos" / "check-minimum.sh").read_text("utf-8")
    assert "LSMinimumSystemVersion" in script and "minos" in script and "lipo -archs" in script


def test_build_tools_are_pinned() -> None:
    jobs = _load(WORKFLOW)["jobs"]
    windows = jobs["windows"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", windows["env"]["INNO_SETUP_VERSION"])
    text = _job_text(windows)
    assert "choco install innosetup --version=$env:INNO_SETUP_VERSION" in text and "ProductVersion" in text
    assert "bash packaging/windows/install-msys2-pins.sh packaging/windows/msys2-pins.txt" in text
    pins = [line.split() for line in MSYS2_PINS.read_text("utf-8").splitlines() if line and not line.startswith("#")]
    assert all(len(p) == 3 and re.fullmatch(r"[0-9a-f]{64}", p[2]) for p in pins), pins
    assert {"pango", "harfbuzz", "fontconfig", "glib2"} <= {p[0].removeprefix("mingw-w64-ucrt-x86_64-") for p in pins}
    for name in ("windows", "macos"):
        text = _job_text(jobs[name])
        assert "pip install --require-hashes -r packaging/release-constraints.txt" in text, name
        assert "pip install --no-deps --no-build-isolation ." in text, name
        assert 'pip install ".[bundle]"' not in text, name


def test_the_constraints_pin_every_package_with_hashes() -> None:
    import tomllib

    from packaging.requirements import Requirement

    text = CONSTRAINTS.read_text("utf-8")
    blocks = re.split(r"\n(?=[a-z0-9])", text)
    pinned: dict[str, str] = {}
    for block in blocks:
        if block.startswith("#") or not block.strip():
            continue
        match = re.match(r"([a-z0-9][a-z0-9._-]*)==([^ ;\\]+)", block)
        assert match, block[:80]
        assert "--hash=sha256:" in block, match.group(1)
        pinned[match.group(1)] = match.group(2)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["bundle"], "hatchling>=1.21"]
    for raw in wanted:
        requirement = Requirement(raw)
        name = requirement.name.lower()
        assert name in pinned, name
        assert requirement.specifier.contains(pinned[name], prereleases=True), (raw, pinned[name])


def test_every_download_is_published_with_its_sha256() -> None:
    job = _load(WORKFLOW)["jobs"]["checksums"]
    assert set(job["needs"]) == {"windows", "macos", "linux"}
    text = _job_text(job)
    assert "sha256sum -- * > SHA256SUMS.txt" in text and "sha256sum -c SHA256SUMS.txt" in text
    for download in ("*-setup.exe", "SustainabilityPlanner-macos-*.dmg", "planner-linux-x86_64.tar.gz"):
        assert download in text, download
    assert 'gh release create "$GITHUB_REF_NAME" release/*' in text
    assert job["permissions"] == {"contents": "write"}
    assert _load(WORKFLOW)["permissions"] == {"contents": "read"}  # only this job may publish


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


def test_windows_installer_is_per_user_by_default_program_files_for_all_users_with_a_start_menu_entry() -> None:
    text = INSTALLER.read_text("utf-8")
    assert re.search(r"^PrivilegesRequired=lowest$", text, re.MULTILINE)
    assert re.search(r"^PrivilegesRequiredOverridesAllowed=.*commandline", text, re.MULTILINE)
    # {autopf}: %LOCALAPPDATA%\Programs per user, Program Files with /ALLUSERS (AppLocker's default rules allow it).
    assert re.search(r"^DefaultDirName=\{autopf\}\\\{#AppName\}$", text, re.MULTILINE)
    assert "{localappdata}" not in text
    workflow = _job_text(_load(WORKFLOW)["jobs"]["windows"])
    assert '"/ALLUSERS"' in workflow and 'Join-Path $env:ProgramFiles "Sustainability Planner\\planner.exe"' in workflow
    assert '"/CURRENTUSER"' in workflow and 'Join-Path $env:LOCALAPPDATA "Programs\\Sustainability Planner"' in workflow
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


def test_windows_registers_plans_for_open_with_without_taking_json() -> None:
    text = INSTALLER.read_text("utf-8")
    assert re.search(r"^ChangesAssociations=yes$", text, re.MULTILINE)
    registry = text.split("[Registry]", 1)[1].split("\n[", 1)[0]
    lines = [line for line in registry.splitlines() if line.startswith("Root:")]
    assert all(line.startswith("Root: HKA;") for line in lines)  # HKLM for /ALLUSERS, HKCU per user
    command = '"""{app}\\SustainabilityPlanner.exe"" ""%1"""'
    assert any("SustainabilityPlanner.Plan\\shell\\open\\command" in line and command in line for line in lines)
    assert any(
        '.json\\OpenWithProgids"; ValueType: string; ValueName: "SustainabilityPlanner.Plan"' in line for line in lines
    )
    assert not any('Subkey: "Software\\Classes\\.json"; ValueType: string; ValueName: ""' in line for line in lines)
