"""The export worker reports a value the writer cannot write as ``file: where: what``, never a traceback."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from planner.core.model.document import Document
from planner.core.storage.storage import serialize_document
from planner.report import word
from planner.report.word import ChartDrawingError
from planner.ui.export import render_in_worker


def test_a_word_copy_that_cannot_be_written_is_one_clean_line(
    demo: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_svg: bytes | str, scale: float = 2.0) -> bytes:
        raise ChartDrawingError("the chart's drawing is not well-formed (test)")

    monkeypatch.setattr(word, "svg_to_png", broken)  # the worker runs here, in this process
    receive, send = multiprocessing.Pipe(duplex=False)
    output = tmp_path / "plan.docx"
    render_in_worker(serialize_document(demo).decode("utf-8"), str(output), "letter", send)
    status, message = receive.recv()
    assert status == "error" and message.startswith(f"{output}: chart '")
    assert "Error:" not in message and not output.exists()
