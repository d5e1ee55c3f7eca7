"""The recent-plan checks' worker threads outlive a closed window without an error."""

from __future__ import annotations

from pathlib import Path

import shiboken6

from planner.core.model.rubric import bundled_instruments
from planner.ui.recent_files import RecentChecks


def test_a_check_that_finishes_after_its_window_closed_is_dropped_quietly(tmp_path: Path) -> None:
    # Found in a fresh-clone CI run: a start-page test closed its window while a card was still being read, and the
    # worker's emit raised "Signal source has been deleted" in its thread.
    checks = RecentChecks()
    shiboken6.delete(checks)
    missing = tmp_path / "plan.json"
    checks._describe([missing], list(bundled_instruments()), checks._describing)
    checks._split([str(missing)], checks._splitting)
