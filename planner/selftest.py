"""``planner --self-test [DIR]``: check that this installation renders, opens its window and exports.

What an IT department runs after deploying the app, and what the bundle build runs on its output. Each step
runs this same installation as a child process (the frozen executable, or ``python -m planner`` from a
checkout), so the check covers exactly what a user starts, and everything the children print is inspected:
fontconfig complaining about its configuration means the PDF silently used other fonts. Each step prints
``ok`` or ``FAILED`` with the reason; the exit code is 0 when every step passed, 1 otherwise, 2 for usage.

This module imports neither Qt nor WeasyPrint (the children do), so it never slows the app's start-up.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
STEP_TIMEOUT_S = 300
# The first family the print stylesheet asks for; the frozen app ships it and must use nothing else.
BUNDLED_FONT_FAMILY = "DejaVu-Sans"
DOCUMENT, PLAN_PDF, BLANK_PDF, WINDOW_PDF = "demo.json", "demo-plan.pdf", "blank-instrument.pdf", "window-export.pdf"
PLAN_DOCX = "demo-plan.docx"
FONTCONFIG_MESSAGE = re.compile(r"fontconfig", re.IGNORECASE)
USER_DATA_PREFIX = "user-data "  # the window child's report of where user data lives (planner.ui.selftest)
# What WeasyPrint opens by name (weasyprint/text/ffi.py), and the text-stack library files that must come from
# the app's folder when it is frozen.
WEASYPRINT_LIBRARIES = ("gobject", "pango", "pangoft2", "harfbuzz", "harfbuzz_subset", "fontconfig")
TEXT_LIBRARY = re.compile(r"lib(pango|harfbuzz|fontconfig|gobject|glib|freetype|fribidi)[-.\w]*\.so")


@dataclass(frozen=True)
class PdfFonts:
    pages: int
    embedded: frozenset[str]
    not_embedded: frozenset[str]


@dataclass
class SelfTest:
    folder: Path
    results: list[tuple[str, bool, str]] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # every stderr line the children printed

    def record(self, name: str, ok: bool, detail: str = "") -> bool:
        self.results.append((name, ok, detail))
        print(f"{'ok' if ok else 'FAILED':<7} {name}{': ' + detail if detail else ''}", flush=True)
        return ok

    def run(self, name: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str] | None:
        """Run this installation with ``args``; None (and a failure recorded) if it could not run at all."""
        try:
            done = subprocess.run(
                [*installation_command(), *args],
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=STEP_TIMEOUT_S,
                env={**os.environ, **(env or {})},
                cwd=self.folder,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            self.record(name, False, str(exc))
            return None
        self.messages.extend(line for line in done.stderr.splitlines() if line.strip())
        return done

    def step(self, name: str, output: str, *args: str) -> None:
        """A command that must exit 0 and write ``output`` into the folder."""
        done = self.run(name, *args)
        if done is None:
            return
        if done.returncode != 0:
            self.record(name, False, f"exit code {done.returncode}; {_last_lines(done)}")
        elif not (self.folder / output).is_file():
            self.record(name, False, f"{output} was not written")
        else:
            self.record(name, True, output)


def _last_lines(done: subprocess.CompletedProcess[str]) -> str:
    return " | ".join((done.stderr.strip() or done.stdout.strip() or "nothing printed").splitlines()[-3:])


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def installation_command() -> list[str]:
    """How to start this same installation again from a child process."""
    if not is_frozen():
        return [sys.executable, "-m", "planner"]
    console = Path(sys.executable).with_name("planner.exe")  # Windows: the console twin of the windowed exe
    return [str(console if sys.platform == "win32" and console.is_file() else sys.executable)]


def install_folder() -> Path:
    """The folder an installer or upgrade replaces: the frozen app's folder (the .app on macOS) or the checkout."""
    if not is_frozen():
        return Path(__file__).resolve().parent.parent
    folder = Path(sys.executable).resolve().parent
    for parent in (folder, *folder.parents):
        if parent.suffix == ".app":
            return parent
    return folder


def _pdf_objects(resources: Any, kind: str) -> Iterator[Any]:
    if resources is None:
        return
    resources = resources.get_object()
    if kind in resources:
        for item in resources[kind].get_object().values():
            yield item.get_object()


def _fonts_in(resources: Any, seen: set[int]) -> Iterator[tuple[str, bool]]:
    """Every font used on a page, in the page's own resources and in its drawings (the charts are XObjects)."""
    for font in _pdf_objects(resources, "/Font"):
        name = str(font.get("/BaseFont", "/Type3")).lstrip("/").split("+", 1)[-1]
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
        if descriptor is None:  # a Type 3 font carries its glyphs as drawings inside the PDF
            yield name, font.get("/Subtype") == "/Type3"
            continue
        descriptor = descriptor.get_object()
        yield name, any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    for xobject in _pdf_objects(resources, "/XObject"):
        if id(xobject) not in seen and "/Resources" in xobject:
            seen.add(id(xobject))
            yield from _fonts_in(xobject["/Resources"], seen)


def pdf_fonts(path: Path) -> PdfFonts:
    """Page count and the names of the fonts a PDF embeds (subset prefixes removed) and of those it does not."""
    from pypdf import PdfReader  # only the self-test reads PDFs

    reader = PdfReader(path)
    embedded: set[str] = set()
    missing: set[str] = set()
    seen: set[int] = set()
    for page in reader.pages:
        for name, is_embedded in _fonts_in(page.get("/Resources"), seen):
            (embedded if is_embedded else missing).add(name)
    return PdfFonts(len(reader.pages), frozenset(embedded), frozenset(missing))


def font_problem(fonts: PdfFonts, required_family: str | None) -> str | None:
    """Why a PDF's fonts are wrong, or None: every font embedded, and (frozen) only the bundled family."""
    if not fonts.embedded and not fonts.not_embedded:
        return "the PDF uses no fonts at all"
    if fonts.not_embedded:
        return "fonts not embedded: " + ", ".join(sorted(fonts.not_embedded))
    if required_family:
        foreign = sorted(name for name in fonts.embedded if not name.startswith(required_family))
        if foreign:
            return f"fonts other than the bundled {required_family}: " + ", ".join(foreign)
    return None


def check_fonts_configured(test: SelfTest) -> None:
    if not is_frozen():
        test.record("fonts", True, "running from a checkout: the system's fonts and font configuration")
        return
    config = Path(os.environ.get("FONTCONFIG_FILE", ""))
    inside = config.is_file() and config.resolve().is_relative_to(install_folder())
    detail = str(config) if inside else f"FONTCONFIG_FILE is {str(config)!r}, not a file inside {install_folder()}"
    test.record("bundled font configuration", inside, detail)


def check_native_libraries(test: SelfTest) -> None:
    """WeasyPrint found every library it opens by name, and (frozen, Linux) took each from the app's own folder.

    A missing harfbuzz-subset is otherwise silent: WeasyPrint falls back to slower subsetting and only issues a
    DeprecationWarning, which Python does not print.
    """
    name = "native libraries"
    try:
        from weasyprint.text import ffi  # the self-test is not on the GUI start-up path; importing it here is fine
    except Exception as exc:  # an unloadable library raises OSError, a broken bundle anything else
        test.record(name, False, f"WeasyPrint cannot load: {type(exc).__name__}: {exc}")
        return
    missing = [library for library in WEASYPRINT_LIBRARIES if getattr(ffi, library, None) is None]
    if missing:
        test.record(name, False, "not found: " + ", ".join(missing))
        return
    maps = Path("/proc/self/maps")
    if not (is_frozen() and maps.is_file()):
        test.record(name, True, ", ".join(WEASYPRINT_LIBRARIES) + " loaded")
        return
    loaded = {line.split(maxsplit=5)[-1] for line in maps.read_text("utf-8").splitlines() if line.count(" /")}
    foreign = sorted(
        path
        for path in loaded
        if TEXT_LIBRARY.match(Path(path).name) and not Path(path).is_relative_to(install_folder())
    )
    if foreign:
        test.record(name, False, "loaded from outside the app: " + ", ".join(foreign))
    else:
        test.record(name, True, ", ".join(WEASYPRINT_LIBRARIES) + " loaded from the app's folder")


def check_pdf(test: SelfTest, name: str) -> None:
    path = test.folder / name
    if not path.is_file():
        test.record(f"fonts embedded in {name}", False, "the PDF was not written")
        return
    try:
        fonts = pdf_fonts(path)
    except Exception as exc:  # a PDF our reader cannot parse is a failed step, reported like any other
        test.record(f"fonts embedded in {name}", False, f"unreadable PDF: {type(exc).__name__}: {exc}")
        return
    problem = font_problem(fonts, BUNDLED_FONT_FAMILY if is_frozen() else None)
    names = ", ".join(sorted(fonts.embedded))
    test.record(f"fonts embedded in {name}", problem is None, problem or f"{fonts.pages} pages; {names}")


def check_docx(test: SelfTest, name: str) -> None:
    """The Word copy holds its text and its charts as pictures (python-docx's template and resvg both bundled)."""
    path = test.folder / name
    try:
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
            text = package.read("word/document.xml").decode("utf-8")
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        test.record(f"charts in {name}", False, f"unreadable: {type(exc).__name__}: {exc}")
        return
    pictures = [n for n in names if n.startswith("word/media/") and n.endswith(".png")]
    ok = bool(pictures) and "Decision brief" in text
    test.record(f"charts in {name}", ok, f"{len(pictures)} pictures")


def check_user_data(test: SelfTest, window_output: str) -> None:
    line = next((x for x in window_output.splitlines() if x.startswith(USER_DATA_PREFIX)), None)
    if line is None:
        test.record("user data outside the install folder", False, "the window step did not report its locations")
        return
    locations: dict[str, str] = json.loads(line[len(USER_DATA_PREFIX) :])
    install = install_folder()
    inside = [
        f"{key} {value}"
        for key, value in locations.items()
        if key != "recent files" and Path(value).resolve().is_relative_to(install)
    ]
    detail = "; ".join(f"{key}: {value}" for key, value in locations.items())
    test.record("user data outside the install folder", not inside, f"inside {install}: {inside}" if inside else detail)


def run_steps(test: SelfTest) -> None:
    check_fonts_configured(test)
    check_native_libraries(test)
    document = test.folder / DOCUMENT
    test.step("demo document", DOCUMENT, "demo", "-o", str(document))
    test.step("render the demo plan", PLAN_PDF, "render", str(document), "-o", PLAN_PDF)
    test.step("render the blank instrument", BLANK_PDF, "blank", "-o", BLANK_PDF)
    test.step("write the Word copy", PLAN_DOCX, "render", str(document), "-o", PLAN_DOCX)
    check_docx(test, PLAN_DOCX)
    window = test.run(
        "main window offscreen",
        "--self-test",
        str(test.folder),
        "--window-check",
        str(document),
        env={"QT_QPA_PLATFORM": "offscreen"},
    )
    if window is not None:
        failures_reported = 0
        for line in window.stdout.splitlines():
            if line.startswith(("ok ", "FAILED ")):
                status, _, rest = line.partition(" ")
                name, _, detail = rest.partition(": ")
                failures_reported += not test.record(name, status == "ok", detail)
        if window.returncode != 0 and not failures_reported:  # it stopped before it could say why
            test.record("main window offscreen", False, f"exit code {window.returncode}; {_last_lines(window)}")
        check_user_data(test, window.stdout)
    for name in (PLAN_PDF, BLANK_PDF, WINDOW_PDF):
        check_pdf(test, name)
    complaints = [line for line in test.messages if FONTCONFIG_MESSAGE.search(line)]
    test.record(
        "no fontconfig messages",
        not complaints,
        " | ".join(complaints[:3]) if complaints else "none printed by any step",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner --self-test",
        description="Check this installation: render the demo plan and the blank instrument, open the main window "
        "offscreen, export through the worker process, and check fonts and where user data is kept.",
    )
    parser.add_argument("folder", nargs="?", metavar="DIR", help="new or empty folder for the test's files")
    parser.add_argument("--window-check", metavar="DOC", help=argparse.SUPPRESS)  # the child that opens the window
    return parser


def run_self_test(argv: Sequence[str]) -> int:
    try:
        args = build_parser().parse_args(list(argv))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.window_check:
        from planner.ui.selftest import run_window_check

        return run_window_check(Path(args.folder), Path(args.window_check))
    if args.folder:
        folder = Path(args.folder)
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            print(f"error: {folder}: choose a new or empty folder for the self-test's files", file=sys.stderr)
            return EXIT_USAGE
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(f"error: {folder}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_USAGE
    else:
        folder = Path(tempfile.mkdtemp(prefix="planner-self-test-"))
    folder = folder.resolve()
    where = f"frozen app in {install_folder()}" if is_frozen() else f"checkout {install_folder()}"
    print(f"Sustainability Planner {__version__} self-test ({where}), files in {folder}", flush=True)
    test = SelfTest(folder)
    run_steps(test)
    failed = [name for name, ok, _ in test.results if not ok]
    if failed:
        print(f"self-test FAILED: {len(failed)} of {len(test.results)} checks", flush=True)
        return EXIT_FAILED
    print(f"self-test passed: {len(test.results)} checks", flush=True)
    return EXIT_OK
