"""A coach's portfolio lists every ``*.json`` in the folder: what cannot be read is a row with its reason, never
skipped without a word, and nothing in the folder can make the scan wait forever (issue 24)."""

from __future__ import annotations

import os
from pathlib import Path

from planner.core.assessment.portfolio import plan_rows, scan_portfolio
from planner.core.model.document import Document
from planner.core.model.rubric import Instrument
from planner.core.storage.storage import save_document


def test_links_that_lead_nowhere_and_devices_are_listed_as_unreadable(
    demo: Document, instruments: tuple[Instrument, ...], tmp_path: Path
) -> None:
    save_document(demo, tmp_path / "a-plan.json")
    (tmp_path / "b-dangling.json").symlink_to(tmp_path / "gone.json")
    (tmp_path / "c-loop.json").symlink_to(tmp_path / "d-loop.json")
    (tmp_path / "d-loop.json").symlink_to(tmp_path / "c-loop.json")
    (tmp_path / "e-device.json").symlink_to("/dev/null")
    os.mkfifo(tmp_path / "f-pipe.json")  # reading it would wait for a writer forever
    (tmp_path / "g-folder.json").mkdir()  # a folder is not a file: not listed
    (tmp_path / "h-linked-plan.json").symlink_to(tmp_path / "a-plan.json")
    rows = plan_rows(list(scan_portfolio(tmp_path, instruments)))
    errors = {r.path.name: r.error for r in rows}
    assert errors == {
        "a-plan.json": "",
        "h-linked-plan.json": "",
        "b-dangling.json": "a link that leads nowhere (its target is missing, or links point at each other in a loop)",
        "c-loop.json": "a link that leads nowhere (its target is missing, or links point at each other in a loop)",
        "d-loop.json": "a link that leads nowhere (its target is missing, or links point at each other in a loop)",
        "e-device.json": "not a regular file (a device, pipe or socket), so not a plan",
        "f-pipe.json": "not a regular file (a device, pipe or socket), so not a plan",
    }
