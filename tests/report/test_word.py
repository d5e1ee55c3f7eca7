"""The Word copy checks out: every XML part parses with a strict parser, whatever text the plan holds, and a value
it cannot write is a clean ``file: where: what`` with no file left behind (issue 24)."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from planner.core.assessment.analysis import analyze
from planner.core.model.document import Document
from planner.core.model.errors import PlannerFileError
from planner.core.model.rubric import Instrument
from planner.core.model.text import REPLACEMENT
from planner.core.storage.storage import parse_document, serialize_document
from planner.report import word
from planner.report.raster import ChartDrawingError, svg_to_png
from planner.report.word import build_docx, render_docx_file

HOSTILE = "A\x0bB\x01C\x0cD\x1b[2J\ufffeE\uffff"


def strictly_parsed_parts(data: bytes) -> dict[str, ET.Element]:
    """Every XML part of an Office file, parsed by expat (which refuses any character XML 1.0 cannot hold)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {
            name: ET.fromstring(archive.read(name)) for name in archive.namelist() if name.endswith((".xml", ".rels"))
        }


def _hostile_file(demo: Document) -> bytes:
    raw = json.loads(serialize_document(demo))
    raw["profile"]["consortium_name"] = "Alder\x0bBasin"
    raw["partners"][0]["name"] = "North\x01College"
    ratings = raw["respondents"][0]["ratings"]
    ratings[next(iter(ratings))]["evidence"] = "Signed MOU\x0c2026"
    raw["scenarios"][0]["name"] = "Ridge\x0bline leaves"
    raw["cost_items"][0]["name"] = "Coordinator\x0bFTE"
    return json.dumps(raw).encode()


def test_a_plan_read_from_a_file_with_control_characters_makes_a_valid_word_copy(
    demo: Document, instruments: tuple[Instrument, ...], tmp_path: Path
) -> None:
    # Issue 24 points 3 and 5: the file's characters reached word/document.xml and docProps/core.xml (nothing could
    # open the copy), and the scenario's name broke the chart drawing with a traceback.
    document = parse_document(_hostile_file(demo), "plan.json")
    output = tmp_path / "plan.docx"
    render_docx_file(analyze(document, instruments), output)
    parts = strictly_parsed_parts(output.read_bytes())
    core = ET.tostring(parts["docProps/core.xml"], encoding="unicode")
    assert f"Alder{REPLACEMENT}Basin" in core
    body = ET.tostring(parts["word/document.xml"], encoding="unicode")
    assert f"Signed MOU{REPLACEMENT}2026" in body and f"North{REPLACEMENT}College" in body


def test_the_word_writer_replaces_what_xml_cannot_hold_even_past_the_door(
    demo: Document, instruments: tuple[Instrument, ...]
) -> None:
    # A document built in code, not read from a file, skips the door rule: the writer still writes a valid file.
    profile = demo.profile.model_copy(update={"consortium_name": HOSTILE})
    scenario = demo.scenarios[0].model_copy(update={"name": HOSTILE})
    partner = demo.partners[0].model_copy(update={"name": HOSTILE})
    document = demo.model_copy(
        update={
            "profile": profile,
            "scenarios": [scenario, *demo.scenarios[1:]],
            "partners": [partner, *demo.partners[1:]],
        }
    )
    parts = strictly_parsed_parts(build_docx(analyze(document, instruments)))
    assert "word/document.xml" in parts and "docProps/core.xml" in parts


def test_a_chart_that_cannot_be_drawn_is_a_clean_error() -> None:
    with pytest.raises(ChartDrawingError, match="not well-formed"):
        svg_to_png('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>\x0b</text></svg>')
    with pytest.raises(ChartDrawingError, match="cannot be drawn"):
        svg_to_png('<svg xmlns="http://www.w3.org/2000/svg" width="wide" height="10"/>')


def test_a_value_the_word_copy_cannot_hold_leaves_no_file(
    demo: Document, instruments: tuple[Instrument, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_svg: bytes | str, scale: float = 2.0) -> bytes:
        raise ChartDrawingError("the chart's drawing is not well-formed (test)")

    monkeypatch.setattr(word, "svg_to_png", broken)
    output = tmp_path / "plan.docx"
    with pytest.raises(PlannerFileError) as caught:
        render_docx_file(analyze(demo, instruments), output)
    assert caught.value.message.startswith(f"{output}: chart '")
    assert caught.value.message.endswith("the chart's drawing is not well-formed (test)")
    assert not output.exists() and list(tmp_path.iterdir()) == []
