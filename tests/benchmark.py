"""Speed budgets, measured as medians; not part of the test run.

Run ``python tests/benchmark.py [core|report|ui|portfolio|paste|bundle]`` (``bundle`` needs ``bash .ci/build-bundle``
first).
Machines here are noisy, so budgets are reported, not asserted.
"""

from __future__ import annotations

import compileall
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planner.core.assessment.analysis import analyze
from planner.core.model.document import Document
from planner.core.model.rubric import Instrument, bundled_instruments
from planner.core.storage.demo import demo_document
from planner.core.storage.instruments import load_plan, resolve_instruments
from planner.core.storage.storage import save_document, stamped
from tests.factories import large_document

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QWidget

    from planner.ui.main_window import MainWindow
    from planner.ui.session import DocumentSession


def median_ms(action: Callable[[], object], repeat: int) -> float:
    action()  # warm up caches and imports
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def paired_median_ms(first: Callable[[], object], second: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Medians of two actions run in turns (first, second, first, ...), so that load from other processes on a
    shared machine falls on both alike and their ratio stays meaningful."""
    first()
    second()
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeat):
        for action, samples in ((first, a), (second, b)):
            gc.collect()
            start = time.perf_counter()
            action()
            samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(a), statistics.median(b)


def report(name: str, value: float, budget: float, unit: str = "ms") -> None:
    verdict = "ok" if value <= budget else "OVER BUDGET"
    shown = f"{value:9.2f}" if unit == "x" else f"{value:9.1f}"  # ratios need the second decimal
    print(f"{name:<58} {shown} {unit}  (budget {budget:g} {unit})  {verdict}")


def bench_core(folder: Path) -> None:
    instruments = bundled_instruments()
    demo_path, large_path = folder / "demo.json", folder / "large.json"
    demo = save_document(demo_document(instruments), demo_path)
    large = save_document(large_document(instruments), large_path)

    def load_score(path: Path) -> None:
        analyze(*load_plan(path, instruments))

    report("core: demo load + validate + score", median_ms(lambda: load_score(demo_path), 50), 20)
    report("core: large load + validate + score", median_ms(lambda: load_score(large_path), 15), 150)
    report("core: demo save (atomic, fsync)", median_ms(lambda: save_document(demo, demo_path), 30), 100)
    old_demo = Path(__file__).resolve().parent / "fixtures" / "demo_instruments_1_0.json"
    if old_demo.exists():
        from planner.core.storage.upgrade import upgrade_to_current

        def upgrade_score() -> None:
            document = upgrade_to_current(load_plan(old_demo, instruments)[0], instruments, str(old_demo)).document
            analyze(document, resolve_instruments(document, instruments, "upgraded"))

        report("core: 1.0 demo load + upgrade + score", median_ms(upgrade_score, 30), 40)
    report("core: large save (atomic, fsync)", median_ms(lambda: save_document(large, large_path), 10), 100)
    bench_scenarios(large)
    bench_workbook(folder, large)
    bench_safety(large_path, large)


def bench_scenarios(large: Document) -> None:
    """The stress test sums the plan once, then takes each of the 40 partners out of the base years."""
    from planner.core.funding.costs import summarize_funding
    from planner.core.funding.scenarios import run_scenario, stress_test
    from planner.core.model.cost_plan import PledgeOutcome, Scenario, Withdrawal

    report("core: large stress test (40 partners, plan summed inside)", median_ms(lambda: stress_test(large), 15), 100)
    everything = Scenario(
        name="All at once",
        withdrawals=[Withdrawal(partner_id="p1", from_year=2), Withdrawal(partner_id="p2")],
        pledges=PledgeOutcome.ARRIVES,
        proposals_approved_percent=Decimal("62.5"),
        cost_growth_percent=Decimal("3"),
        one_time_renewed=False,
    )
    report(
        "core: large, one scenario with every assumption", median_ms(lambda: run_scenario(large, everything), 15), 100
    )
    report("core: large, the funding summary alone (reference)", median_ms(lambda: summarize_funding(large), 15), 100)
    from planner.core.funding.ledger import build_ledger

    report("core: large ledger (2,000 commitments, 60 items, 5 years)", median_ms(lambda: build_ledger(large), 30), 20)


def bench_workbook(folder: Path, large: Document) -> None:
    """The Excel round trip on the large document (60 cost items over 5 years, 2,000 commitments)."""
    from planner.core.interchange.workbook import export_workbook

    instruments = bundled_instruments()
    analysis = analyze(large, instruments)
    book = folder / "large.xlsx"
    report(
        "core: large export-xlsx (build, save, atomic write)",
        median_ms(lambda: export_workbook(analysis, book), 7),
        1000,
    )
    from planner.core.interchange.workbook_import import import_workbook

    report(
        "core: large import-xlsx (checks, read, match, validate)",
        median_ms(lambda: import_workbook(large, book), 7),
        1000,
    )


def bench_safety(path: Path, document: Document) -> None:
    """What the safety checks cost, against the same work without them, side by side in one run (budget 5 %).

    Bare load: read the bytes, json.loads, validate the model, match the instruments. Checked load adds the bounded
    read of a regular file, the duplicate-key hook and the rating checks against the scales. Bare save: serialise
    and write with fsync and rename. Checked save adds the size check, link resolution and the temp-file sweep.
    """
    import json
    import os

    instruments = bundled_instruments()

    def bare_load() -> None:
        document = Document.model_validate(json.loads(path.read_bytes().decode("utf-8")))
        resolve_instruments(document, instruments, str(path))

    def checked_load() -> None:
        load_plan(path, instruments)

    def bare_open() -> None:  # what opening a plan costs: load, then score it
        document = Document.model_validate(json.loads(path.read_bytes().decode("utf-8")))
        analyze(document, resolve_instruments(document, instruments, str(path)))

    def checked_open() -> None:
        analyze(*load_plan(path, instruments))

    def bare_save() -> None:
        # The save as it was before the checks: indented JSON, then temp file, fsync, chmod, rename, folder fsync.
        data = (stamped(document).model_dump_json(indent=2) + "\n").encode("utf-8")
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    def checked_save() -> None:
        save_document(document, path)

    for name, bare, checked, repeat in (
        ("load", bare_load, checked_load, 31),
        ("load and score", bare_open, checked_open, 31),
        ("save", bare_save, checked_save, 21),
    ):
        # Interleave the two so drift on a noisy machine hits both alike.
        bare_ms, checked_ms = [], []
        for _ in range(repeat):
            bare_ms.append(median_ms(bare, 1))
            checked_ms.append(median_ms(checked, 1))
        b, c = statistics.median(bare_ms), statistics.median(checked_ms)
        print(f"safety: large {name}: bare {b:.1f} ms, with checks {c:.1f} ms")
        report(f"safety: large {name} overhead of the checks", (c / b - 1) * 100, 5, unit="%")


def _peak_rss_mb_of_child(code: str) -> float:
    """Run ``code`` in a fresh interpreter and return its own peak resident memory (ru_maxrss, as it reports it:
    the children's figure the parent sees is the largest of all children so far)."""
    root = Path(__file__).resolve().parents[1]
    probe = "\nimport resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    done = subprocess.run([sys.executable, "-c", code + probe], check=True, cwd=root, capture_output=True, text=True)
    return int(done.stdout.split()[-1]) / 1024


def bench_report(folder: Path) -> None:
    from weasyprint import CSS, HTML

    from planner.report.render import (
        PAPER_RULES,
        PDF_VARIANT,
        BundledAssetFetcher,
        plan_html,
        render_plan_file,
    )
    from planner.report.word import render_docx_file

    css_path = Path(__file__).resolve().parents[1] / "templates" / "print.css"

    def weasyprint_alone(html: str) -> bytes:
        """The same HTML, stylesheet and PDF variant straight into WeasyPrint: the floor our render sits on."""
        fetcher = BundledAssetFetcher()
        sheets = [CSS(filename=str(css_path), url_fetcher=fetcher), CSS(string=PAPER_RULES["letter"])]
        document = HTML(string=html, base_url=css_path.parent.as_uri() + "/", url_fetcher=fetcher)
        pdf: bytes = document.write_pdf(stylesheets=sheets, pdf_variant=PDF_VARIANT)
        return pdf

    instruments = bundled_instruments()
    demo = analyze(demo_document(instruments), instruments)
    html = plan_html(demo)
    ours, bare = paired_median_ms(
        lambda: render_plan_file(demo, folder / "demo.pdf"), lambda: weasyprint_alone(html), 7
    )
    report("report: demo plan rendered to a file (tagged PDF/UA)", ours, 1500)
    report("report: WeasyPrint alone on the same HTML", bare, 1500)
    report("report: demo, ours / WeasyPrint alone", ours / bare, 1.15, "x")
    large = analyze(large_document(instruments), instruments)
    large_html = plan_html(large)
    ours_large, bare_large = paired_median_ms(
        lambda: render_plan_file(large, folder / "large.pdf"), lambda: weasyprint_alone(large_html), 3
    )
    report("report: large document rendered to a file", ours_large, 8000)
    report("report: large, WeasyPrint alone on the same HTML", bare_large, 8000)
    report("report: large, ours / WeasyPrint alone", ours_large / bare_large, 1.15, "x")
    report(
        "report: demo Word copy (.docx) written", median_ms(lambda: render_docx_file(demo, folder / "d.docx"), 5), 1000
    )
    code = (
        "import time; t = time.perf_counter();"
        "from planner.core.assessment.analysis import analyze; from planner.core.storage.demo import demo_document;"
        "from planner.core.model.rubric import bundled_instruments; from planner.report.word import render_docx_file;"
        "from pathlib import Path; i = bundled_instruments();"
        f"render_docx_file(analyze(demo_document(i), i), Path({str(folder / 'cold.docx')!r}));"
        "print((time.perf_counter() - t) * 1000)"
    )
    cold = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(3)
    ]
    report("report: demo Word copy in a fresh process (imports included)", statistics.median(cold), 1000)
    code = (
        "from planner.core.assessment.analysis import analyze;"
        "from planner.core.model.rubric import bundled_instruments;"
        "from planner.report.render import html_to_pdf, plan_html; from tests.factories import large_document;"
        "i = bundled_instruments(); html_to_pdf(plan_html(analyze(large_document(i), i)))"
    )
    report("report: large document peak memory (fresh process)", _peak_rss_mb_of_child(code), 400, "MB")
    (folder / "large.html").write_text(large_html, "utf-8")
    code = (
        "from weasyprint import CSS, HTML;"
        f"HTML(filename={str(folder / 'large.html')!r}, base_url={css_path.parent.as_uri() + '/'!r})"
        f".write_pdf(stylesheets=[CSS(filename={str(css_path)!r}), CSS(string={PAPER_RULES['letter']!r})],"
        f" pdf_variant={PDF_VARIANT!r})"
    )
    report("report: large, WeasyPrint alone peak memory (fresh process)", _peak_rss_mb_of_child(code), 400, "MB")


# A child process that creates the QApplication, then either our app on the demo or a bare QMainWindow. It prints
# the wall-clock moments its main window first painted and (ours) first painted with the demo in it, ready to edit,
# and whether the document models and WeasyPrint had been imported at the first paint.
_STARTUP_CHILD = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
class Watcher(QObject):
    painted = False
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched.isWidgetType() and isinstance(watched.window(), QMainWindow):
            window = watched.window()
            if not self.painted:
                self.painted = True
                models = "planner.core.model.document" in sys.modules
                print("painted", time.time(), models, "weasyprint" in sys.modules, flush=True)
            if getattr(window, "session", True) is not None:  # a bare window is "ready" when painted
                print("editable", time.time(), flush=True)
                app.removeEventFilter(self)
                QTimer.singleShot(0, app.quit)
        return False
watcher = Watcher()
app.installEventFilter(watcher)
if sys.argv[1] == "planner":
    from planner.cli import main
    main(["--demo"])
else:
    if sys.argv[1] == "floor":  # what any app holding its documents in pydantic models pays before its own work
        import planner.core.model.document
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1100, 700)
    if sys.argv[1] == "form":  # the main window's Designer form alone: menus, section list, pages; none of our code
        from planner.ui.generated.ui_main_window import Ui_MainWindow
        Ui_MainWindow().setupUi(window)
    window.show()
    app.exec()
"""


@dataclass
class StartUp:
    painted_ms: float
    editable_ms: float
    models_before_paint: bool
    weasyprint_before_paint: bool


def _cold_start(kind: str, env: dict[str, str]) -> StartUp:
    root = Path(__file__).resolve().parents[1]
    start = time.time()
    result = subprocess.run(
        [sys.executable, "-c", _STARTUP_CHILD, kind], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    seen = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines() if line.split()}
    painted, editable = seen["painted"], seen["editable"]
    return StartUp(
        (float(painted[0]) - start) * 1000,
        (float(editable[0]) - start) * 1000,
        painted[1] == "True",
        painted[2] == "True",
    )


def _longest_stall_during_export_ms(window: MainWindow, output: Path) -> float:
    """Run the real event loop through one export with a 10 ms timer and return its longest late tick."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    loop, clock, ticker = QEventLoop(), QElapsedTimer(), QTimer()
    worst = 0.0

    def tick() -> None:
        nonlocal worst
        worst = max(worst, clock.nsecsElapsed() / 1e6 - ticker.interval())
        clock.restart()

    ticker.setInterval(10)
    ticker.timeout.connect(tick)
    window.sig_export_done.connect(loop.quit)
    QTimer.singleShot(120_000, loop.quit)
    clock.start()
    ticker.start()
    window.export_to(output)
    loop.exec()
    ticker.stop()
    window.sig_export_done.disconnect(loop.quit)
    return worst


class _PaintCounter:
    """Counts paint events on one widget, to show that a measured edit really repainted it."""

    def __init__(self, widget: QWidget) -> None:
        from PySide6.QtCore import QEvent, QObject

        counter = self

        class Filter(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    counter.count += 1
                return False

        self.count = 0
        self._filter = Filter()
        widget.installEventFilter(self._filter)


def _bench_rating_keys(app: QCoreApplication, window: MainWindow) -> None:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    from planner.ui.pages.rubric import RubricPage

    rubric = window.rubric_pages()[0]
    window.ui.navList.setCurrentRow(window.section_pages.index(rubric))
    app.processEvents()
    card = rubric.cards[0]
    rubric.show_criterion(0)
    app.processEvents()
    keys = iter([(Qt.Key.Key_2, "2"), (Qt.Key.Key_3, "3")] * 1000)
    level_painted = _PaintCounter(card.buttons[2])

    def rating_key_and_repaint() -> None:
        key, text = next(keys)
        # What a key press on the card's level choices does: record, re-score, refresh the page and the badges.
        choice = card.group.checkedButton()
        assert isinstance(rubric, RubricPage) and choice is not None
        app.sendEvent(choice, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text))
        app.processEvents()

    report("ui: a rating key re-scores and repaints the rubric page", median_ms(rating_key_and_repaint, 50), 5)
    if level_painted.count < 50:
        print(f"ui: only {level_painted.count} of 51 rating keys repainted the level; the measure above is wrong")


def _bench_scenario_edits(app: QCoreApplication, window: MainWindow, session: DocumentSession) -> None:
    from planner.core.editing import edits
    from planner.ui.pages.scenarios import ScenariosPage

    scenarios_row = next(n for n, p in enumerate(window.section_pages) if isinstance(p, ScenariosPage))
    window.ui.navList.setCurrentRow(scenarios_row)
    scenarios_page = window.section_pages[scenarios_row]
    assert isinstance(scenarios_page, ScenariosPage)
    app.processEvents()
    rates = iter([Decimal("3"), Decimal("4")] * 1000)
    chart_painted = _PaintCounter(scenarios_page.chart)

    def scenario_edit_and_repaint() -> None:
        rate = next(rates)
        session.apply(lambda d: edits.update_scenario(d, 0, cost_growth_percent=rate), "Cost growth")
        app.processEvents()

    report("ui: a scenario edit re-runs it and repaints the view", median_ms(scenario_edit_and_repaint, 50), 5)
    if chart_painted.count < 50:
        print(f"ui: only {chart_painted.count} of 51 scenario edits repainted the chart; the measure above is wrong")


def _bench_cost_edits(app: QCoreApplication, window: MainWindow, session: DocumentSession) -> None:
    """A shared-cost edit re-counts the ledger and repaints the shared-cost page (its totals and gap chart)."""
    from planner.core.editing import edits
    from planner.ui.pages.costs import CostsPage

    costs_row = next(n for n, p in enumerate(window.section_pages) if isinstance(p, CostsPage))
    window.ui.navList.setCurrentRow(costs_row)
    costs_page = window.section_pages[costs_row]
    assert isinstance(costs_page, CostsPage)
    app.processEvents()
    amounts = iter([Decimal("64000.00"), Decimal("70000.00")] * 1000)
    chart_painted = _PaintCounter(costs_page.gap_chart)

    def cost_edit_and_repaint() -> None:
        amount = next(amounts)
        session.apply(lambda d: edits.update_record(d, "commitments", 0, amount=amount), "Amount")
        app.processEvents()

    report("ui: a shared-cost edit re-counts the ledger and repaints", median_ms(cost_edit_and_repaint, 50), 5)
    if chart_painted.count < 50:
        print(f"ui: only {chart_painted.count} of 51 cost edits repainted the gap chart; the measure above is wrong")


def _bench_start_up(folder: Path) -> None:
    """Cold starts of our window against a bare PySide6 window, the models-imported floor and the form alone."""
    import os

    env = {**os.environ, "PLANNER_NO_VIEWER": "1", "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env["XDG_CONFIG_HOME"] = env["XDG_DATA_HOME"] = str(folder / "xdg")  # no settings or autosave of a real user
    # An installed app has bytecode (pip compiles on install); this machine sets PYTHONDONTWRITEBYTECODE, which
    # would make every measured start compile our sources again.
    compileall.compile_dir(str(Path(__file__).resolve().parents[1] / "planner"), quiet=1)
    ours: list[StartUp] = []
    bare: list[StartUp] = []
    floor: list[StartUp] = []
    form: list[StartUp] = []
    for _ in range(7):  # interleaved, so a noisy moment hits every kind alike
        ours.append(_cold_start("planner", env))
        bare.append(_cold_start("bare", env))
        floor.append(_cold_start("floor", env))
        form.append(_cold_start("form", env))
    bare_ms = statistics.median(s.painted_ms for s in bare)
    first_paint = statistics.median(s.painted_ms for s in ours)
    ready = statistics.median(s.editable_ms for s in ours)
    floor_ms = statistics.median(s.painted_ms for s in floor)
    report("ui: bare PySide6 window process, first paint", bare_ms, 1.5 * bare_ms)
    report("ui: our window, first paint", first_paint, 1.5 * bare_ms)
    report("ui: our first paint as a multiple of the bare window", first_paint / bare_ms, 1.5, "x")
    report("ui: our window with the demo, ready to edit", ready, 3 * bare_ms)
    report("ui: floor: bare window after importing the document models", floor_ms, 1.5 * bare_ms)
    report("ui: floor as a multiple of the bare window", floor_ms / bare_ms, 1.5, "x")
    # The first use of any Qt.* enum builds PySide6's Python enums for the whole Qt namespace (about 150); a bare
    # window touches none, any real window does. The generated form alone shows that share.
    form_ms = statistics.median(s.painted_ms for s in form)
    report("ui: floor: our Designer form alone, first paint", form_ms, 1.5 * bare_ms)
    report("ui: our first paint as a multiple of the form alone", first_paint / form_ms, 1.5, "x")
    for what, early in (
        ("ui: document models imported before the first paint", any(s.models_before_paint for s in ours)),
        ("ui: WeasyPrint imported before the first paint", any(s.weasyprint_before_paint for s in ours)),
    ):
        print(f"{what:<58} {'yes' if early else 'no':>9}     (budget no)")


def bench_review_list() -> None:
    """The "Ready to print?" list and the section checklist, computed from the large plan (issue 27)."""
    from planner.core.assessment.readiness import readiness

    instruments = list(bundled_instruments())
    large = large_document(instruments)
    report("ui: the review's list on the large plan", median_ms(lambda: readiness(large, instruments), 25), 20)


def bench_ui(folder: Path) -> None:
    import os

    bench_review_list()

    from PySide6.QtCore import QCoreApplication, QEvent, QStandardPaths
    from PySide6.QtWidgets import QApplication

    _bench_start_up(folder)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["PLANNER_NO_VIEWER"] = "1"
    app = QApplication.instance() or QApplication([])
    QStandardPaths.setTestModeEnabled(True)
    from planner.core.editing import edits
    from planner.core.model.document import Rating
    from planner.ui.autosave import Autosaver
    from planner.ui.main_window import MainWindow
    from planner.ui.pages.summary import SummaryPage

    window = MainWindow(autosaver=Autosaver(folder / "autosave"))
    window.resize(1100, 760)
    window.show()
    window.open_demo()
    session = window.session
    assert session is not None
    summary_row = next(n for n, p in enumerate(window.section_pages) if isinstance(p, SummaryPage))
    window.ui.navList.setCurrentRow(summary_row)
    summary = window.section_pages[summary_row]
    assert isinstance(summary, SummaryPage)
    app.processEvents()
    respondent = session.document.respondents[0].id
    criterion = next(iter(session.document.respondents[0].ratings))
    levels = iter([2, 3] * 1000)
    painted = _PaintCounter(summary.chart)

    def edit_and_repaint() -> None:
        session.apply(lambda d: edits.set_rating(d, respondent, criterion, Rating(level=next(levels))), "Rate")
        app.processEvents()  # what the event loop does next: lay out and paint what the edit changed

    report("ui: an edit re-scores and repaints the summary", median_ms(edit_and_repaint, 50), 5)
    if painted.count < 50:  # the chart changes with every edit here, so each edit must have painted it
        print(f"ui: only {painted.count} of 51 edits repainted the summary chart; the measure above is wrong")

    _bench_rating_keys(app, window)
    _bench_scenario_edits(app, window, session)
    _bench_cost_edits(app, window, session)

    stalls = [_longest_stall_during_export_ms(window, folder / f"plan-{run}.pdf") for run in range(5)]
    report("ui: longest event-loop stall during an export (worst of 5)", max(stalls), 50)
    session.undo_stack.setClean()
    window.close()
    # Delete the Qt objects while Python is still whole; left to interpreter shutdown, PySide crashes in GC.
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def bench_portfolio(folder: Path) -> None:
    from planner.core.assessment.portfolio import scan_portfolio
    from planner.core.storage.storage import save_document

    instruments = bundled_instruments()
    demo = demo_document(instruments)
    coach = folder / "portfolio"
    coach.mkdir()
    for n in range(500):
        profile = demo.profile.model_copy(update={"consortium_name": f"Consortium {n:03d}"})
        save_document(demo.model_copy(update={"profile": profile}), coach / f"consortium-{n:03d}.json")
    report(
        "portfolio: 500 documents loaded and scored",
        median_ms(lambda: list(scan_portfolio(coach, instruments)), 5),
        2000,
    )
    forty = folder / "portfolio-40"
    forty.mkdir()
    for path in sorted(coach.iterdir())[:40]:
        (forty / path.name).write_bytes(path.read_bytes())
    for name, where in (("40", forty), ("500", coach)):
        fills = [_portfolio_fill(where, list(instruments)) for _ in range(5)]
        filled = statistics.median(f[0] for f in fills)
        report(f"portfolio: window filled with {name} plans (median of 5)", filled, 2000)
        report(
            f"portfolio: longest event-loop stall filling {name} (median of 5)",
            statistics.median(f[1] for f in fills),
            50,
        )
        report(f"portfolio: longest stall filling {name} (worst of 5)", max(f[1] for f in fills), 50)


def _portfolio_fill(folder: Path, instruments: list[Instrument]) -> tuple[float, float]:
    """Open the coach's portfolio window on a folder and run the real event loop until every row is in, with a
    10 ms timer; return (time to the last row, longest late tick) in ms."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from planner.ui.team import PortfolioWindow

    app = QApplication.instance() or QApplication([])
    assert app is not None
    loop, clock, ticker, whole = QEventLoop(), QElapsedTimer(), QTimer(), QElapsedTimer()
    worst = 0.0

    def tick() -> None:
        nonlocal worst
        worst = max(worst, clock.nsecsElapsed() / 1e6 - ticker.interval())
        clock.restart()
        if not window.loading:
            loop.quit()

    ticker.setInterval(10)
    ticker.timeout.connect(tick)
    whole.start()
    window = PortfolioWindow(folder, instruments)
    window.resize(980, 600)
    window.show()
    clock.start()
    ticker.start()
    loop.exec()
    ticker.stop()
    elapsed = whole.nsecsElapsed() / 1e6
    window.close()
    window.deleteLater()
    app.processEvents()
    return elapsed, worst


def _paste_block(rows: int) -> str:
    """``rows`` commitment rows as a spreadsheet copies them (tab-separated, CRLF), every 50th with a bad amount."""
    lines = []
    for n in range(rows):
        amount = "12,50" if n % 50 == 49 else f"{1000 + n:,}.00"
        cells = ["Alder Basin Community College", "Dual-enrollment instructor sections", f"Year {1 + n % 3}", amount]
        lines.append("\t".join([*cells, "Perkins V", f"Perkins reserve {n}", "One-time", "Pledged", "Cash"]))
    return "\r\n".join(lines) + "\r\n"


def _longest_block_ms(action: Callable[[], object], settle_ms: int = 300) -> float:
    """Run ``action`` from the real event loop, with a 5 ms timer ticking, and return the longest time the loop
    was held (the worst late tick) until ``settle_ms`` after it: the paste, and the layout and paint it causes."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer

    loop, clock, ticker = QEventLoop(), QElapsedTimer(), QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    worst = 0.0

    def tick() -> None:
        nonlocal worst
        worst = max(worst, clock.nsecsElapsed() / 1e6 - ticker.interval())
        clock.restart()

    def run() -> None:
        action()
        QTimer.singleShot(settle_ms, loop.quit)

    ticker.setInterval(5)
    ticker.timeout.connect(tick)
    clock.start()
    ticker.start()
    QTimer.singleShot(50, run)
    loop.exec()
    ticker.stop()
    return worst


PASTE_RUNS = 5


def bench_paste(folder: Path) -> None:
    """Ctrl+V of 500 spreadsheet rows into the commitment table of the demo, on screen (issue 14)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEvent, QStandardPaths
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    QStandardPaths.setTestModeEnabled(True)
    from planner.core.editing.paste import paste_rows
    from planner.ui.autosave import Autosaver
    from planner.ui.main_window import MainWindow
    from planner.ui.pages.costs import CostsPage

    instruments = bundled_instruments()
    demo = demo_document(instruments)
    text = _paste_block(500)
    report(
        "paste: 500 rows read and checked in core",
        median_ms(lambda: paste_rows(demo, instruments, "commitments", text), 15),
        50,
    )
    window = MainWindow(autosaver=Autosaver(folder / "autosave"))
    window.resize(1366, 728)
    window.show()
    window.open_demo()
    session = window.session
    assert session is not None
    row = next(n for n, p in enumerate(window.section_pages) if isinstance(p, CostsPage))
    window.ui.navList.setCurrentRow(row)
    page = window.section_pages[row]
    assert isinstance(page, CostsPage)
    app.processEvents()
    clipboard = QApplication.clipboard()
    clipboard.setText(text)
    stalls, whole, idle = [], [], []
    for _ in range(PASTE_RUNS):
        # The reference: the same loop with nothing to do, so a busy machine's own hitches are seen beside ours.
        idle.append(_longest_block_ms(lambda: None))
        # The paste as the event loop runs it: the paste itself, then the layout and paint it asked for, each
        # its own event (another event, a keystroke, can run between them).
        stalls.append(_longest_block_ms(page.commitments.paste_clipboard))
        assert session.document.commitments[-1].source == "Perkins reserve 498"
        session.undo_stack.undo()
        app.processEvents()
        # All of it at once, for scale.
        start = time.perf_counter()
        page.commitments.paste_clipboard()
        app.processEvents()
        whole.append((time.perf_counter() - start) * 1000)
        session.undo_stack.undo()
        app.processEvents()
    report("paste: 500 rows, paste to painted page, end to end", statistics.median(whole), 100)
    report("paste: 500 rows, longest event-loop block (median)", statistics.median(stalls), 50)
    report("paste: 500 rows, longest event-loop block (worst run)", max(stalls), 50)
    report("paste: reference: longest block of an idle loop (median)", statistics.median(idle), 50)
    clipboard.clear()
    session.undo_stack.setClean()
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


BUNDLE = Path(__file__).resolve().parents[1] / "build" / "bundle" / "dist" / "planner"
BUNDLE_BUDGET_MB = 150


def _first_paint_ms(command: list[str], env: dict[str, str]) -> float:
    """Start ``command`` and return how long until Qt first flushed the painted window.

    A frozen app cannot run a measuring script, so both sides are timed from outside the same way: Qt's own
    painting log says when the first painted frame of a top-level window was flushed to the screen.
    """
    import subprocess
    import threading

    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
    watchdog = threading.Timer(120, process.kill)
    watchdog.start()
    assert process.stderr is not None
    elapsed = float("nan")
    for line in process.stderr:
        if line.startswith("qt.widgets.painting: Flushing"):
            elapsed = (time.perf_counter() - start) * 1000
            break
    watchdog.cancel()
    process.kill()
    process.wait()
    return elapsed


def bench_bundle(folder: Path) -> None:
    import os

    executable = BUNDLE / ("planner.exe" if sys.platform == "win32" else "planner")
    if not executable.is_file():
        print(f"bundle: skipped: no bundle at {BUNDLE} (build it with: bash .ci/build-bundle)")
        return
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PLANNER_NO_VIEWER": "1", "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env["XDG_CONFIG_HOME"] = env["XDG_DATA_HOME"] = str(folder / "xdg")  # no settings or autosave of a real user
    env["QT_LOGGING_RULES"] = "qt.widgets.painting=true"
    compileall.compile_dir(str(root / "planner"), quiet=1)  # the checkout gets bytecode too, as an install has
    bundled_ms, checkout_ms = [], []
    for _ in range(7):  # interleaved, so a noisy moment hits both alike
        bundled_ms.append(_first_paint_ms([str(executable), "--demo"], env))
        checkout_ms.append(_first_paint_ms([sys.executable, "-m", "planner", "--demo"], env))
    bundled, checkout = statistics.median(bundled_ms), statistics.median(checkout_ms)
    report("bundle: cold start to the painted demo window (bundle)", bundled, 1.2 * checkout)
    report("bundle: cold start to the painted demo window (checkout)", checkout, 1.2 * checkout)
    report("bundle: start-up as a multiple of the checkout's", bundled / checkout, 1.2, "x")
    size = sum(path.stat().st_size for path in BUNDLE.rglob("*") if path.is_file() and not path.is_symlink())
    report("bundle: size unpacked", size / 1e6, BUNDLE_BUDGET_MB, "MB")


SUITES: dict[str, Callable[[Path], None]] = {
    "core": bench_core,
    "report": bench_report,
    "ui": bench_ui,
    "portfolio": bench_portfolio,
    "paste": bench_paste,
    "bundle": bench_bundle,
}


def main() -> None:
    chosen = sys.argv[1:] or list(SUITES)
    with tempfile.TemporaryDirectory() as tmp:
        for name in chosen:
            SUITES[name](Path(tmp))


if __name__ == "__main__":
    main()
