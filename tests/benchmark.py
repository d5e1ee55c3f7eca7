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


SUITES: dict[str, Callable[[Path], None]] = {"core": bench_core}


def main() -> None:
    chosen = sys.argv[1:] or list(SUITES)
    with tempfile.TemporaryDirectory() as tmp:
        for name in chosen:
            SUITES[name](Path(tmp))


if __name__ == "__main__":
    main()
