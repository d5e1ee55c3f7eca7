"""Speed budgets, measured as medians. Not part of the test run: ``python tests/benchmark.py [core|report|ui]``.

Machines here are noisy, so budgets are reported, not asserted.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planner.core.analysis import analyze
from planner.core.demo import demo_document
from planner.core.instruments import resolve_instruments
from planner.core.rubric import bundled_instruments
from planner.core.storage import load_document, save_document
from tests.factories import large_document


def median_ms(action: Callable[[], object], repeat: int) -> float:
    action()  # warm up caches and imports
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def report(name: str, value: float, budget: float, unit: str = "ms") -> None:
    verdict = "ok" if value <= budget else "OVER BUDGET"
    print(f"{name:<58} {value:9.1f} {unit}  (budget {budget:g} {unit})  {verdict}")


def bench_core(folder: Path) -> None:
    instruments = bundled_instruments()
    demo_path, large_path = folder / "demo.json", folder / "large.json"
    demo = save_document(demo_document(instruments), demo_path)
    large = save_document(large_document(instruments), large_path)

    def load_score(path: Path) -> None:
        document = load_document(path)
        analyze(document, resolve_instruments(document, instruments, str(path)))

    report("core: demo load + validate + score", median_ms(lambda: load_score(demo_path), 50), 20)
    report("core: large load + validate + score", median_ms(lambda: load_score(large_path), 15), 150)
    report("core: demo save (atomic, fsync)", median_ms(lambda: save_document(demo, demo_path), 30), 100)
    report("core: large save (atomic, fsync)", median_ms(lambda: save_document(large, large_path), 10), 100)


def _peak_rss_mb_of_child(code: str) -> float:
    """Run ``code`` in a fresh interpreter and return its peak resident memory (ru_maxrss)."""
    import resource
    import subprocess

    root = Path(__file__).resolve().parents[1]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(after, before) / 1024


def bench_report(folder: Path) -> None:
    from weasyprint import HTML

    from planner.report.render import BundledAssetFetcher, html_to_pdf, plan_html, render_plan_file

    instruments = bundled_instruments()
    demo = analyze(demo_document(instruments), instruments)
    html = plan_html(demo)
    css_path = Path(__file__).resolve().parents[1] / "templates" / "print.css"
    ours = median_ms(lambda: render_plan_file(demo, folder / "demo.pdf"), 5)
    bare = median_ms(
        lambda: HTML(string=html, base_url=css_path.parent.as_uri() + "/", url_fetcher=BundledAssetFetcher()).write_pdf(
            stylesheets=[str(css_path)]
        ),
        5,
    )
    report("report: demo plan rendered to a file", ours, 1500)
    report("report: WeasyPrint alone on the same HTML", bare, 1500)
    report("report: our overhead over WeasyPrint alone", (ours / bare - 1) * 100, 15, "%")
    large = analyze(large_document(instruments), instruments)
    start = time.perf_counter()
    html_to_pdf(plan_html(large))
    report("report: large document rendered (one run)", (time.perf_counter() - start) * 1000, 8000)
    code = (
        "from planner.core.analysis import analyze; from planner.core.rubric import bundled_instruments;"
        "from planner.report.render import html_to_pdf, plan_html; from tests.factories import large_document;"
        "i = bundled_instruments(); html_to_pdf(plan_html(analyze(large_document(i), i)))"
    )
    report("report: large document peak memory (fresh process)", _peak_rss_mb_of_child(code), 400, "MB")


SUITES: dict[str, Callable[[Path], None]] = {"core": bench_core, "report": bench_report}


def main() -> None:
    chosen = sys.argv[1:] or list(SUITES)
    with tempfile.TemporaryDirectory() as tmp:
        for name in chosen:
            SUITES[name](Path(tmp))


if __name__ == "__main__":
    main()
