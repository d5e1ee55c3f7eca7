"""The charts' labels: whole (never cut short with an ellipsis) and inside the chart, measured with the real font."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from PIL import ImageFont

from planner.core.assessment.analysis import analyze
from planner.core.model.document import Document
from planner.core.model.rubric import Instrument
from planner.report.charts import text_width, wrap
from planner.report.context import plan_context
from tests.factories import large_document

SVG = "{http://www.w3.org/2000/svg}"
FONT_FOLDER = Path("/usr/share/fonts/truetype/dejavu")


def _charts(document: Document, instruments: tuple[Instrument, ...]) -> list[str]:
    context = plan_context(analyze(document, instruments), datetime.now(UTC))
    charts = context["charts"]
    return (
        [charts[key].svg for key in ("capacity", "heat", "gap", "funds")]
        + [chart.svg for chart in charts["targets"].values()]
        + [s.chart.svg for s in context["risk_scenarios"]]
    )


def _font(size: float, bold: bool) -> Any:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    if not (FONT_FOLDER / name).is_file():
        pytest.skip("DejaVu Sans is not installed (.ci/setup installs fonts-dejavu-core)")
    return ImageFont.truetype(str(FONT_FOLDER / name), size)


def _overflows(svg: str) -> list[str]:
    root = etree.fromstring(svg.encode("utf-8"))
    width = float(root.get("width"))
    found = []
    for text in root.iter(f"{SVG}text"):
        label = text.text or ""
        size = float(text.get("font-size"))
        drawn = _font(size, text.get("font-weight") == "bold").getlength(label)
        x = float(text.get("x"))
        anchor = text.get("text-anchor")
        start = x - drawn if anchor == "end" else x - drawn / 2 if anchor == "middle" else x
        if "…" in label or start < -0.5 or start + drawn > width + 0.5:
            found.append(f"{label!r} from {start:.1f} to {start + drawn:.1f} of {width:.0f}")
    return found


def test_every_label_is_whole_and_inside_its_chart(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    """'LCFF / LCAP (district general…' and '…Strong Workforce and Guid…' were cut; now they wrap."""
    charts = _charts(demo, instruments) + _charts(large_document(instruments), instruments)
    problems = [problem for svg in charts for problem in _overflows(svg)]
    assert problems == []
    texts = " ".join(t.text or "" for svg in charts for t in etree.fromstring(svg.encode()).iter(f"{SVG}text"))
    assert "LCFF / LCAP" in texts and "general fund)" in texts  # the demo's longest fund, whole on two lines


def test_a_long_criterion_title_wraps_onto_a_second_line(instruments: tuple[Instrument, ...], demo: Document) -> None:
    title = instruments[1].criteria[0]
    renamed = instruments[1].model_copy(
        update={
            "criteria": [
                title.model_copy(
                    update={
                        "title": "Work-based learning intermediary funded by Strong Workforce and Guided Pathways money"
                    }
                ),
                *instruments[1].criteria[1:],
            ]
        }
    )
    changed = (instruments[0], renamed, *instruments[2:])
    svgs = [svg for svg in _charts(demo, changed) if "each criterion now against its target" in svg]
    assert svgs and all(_overflows(svg) == [] for svg in svgs)
    drawn = [t.text for svg in svgs for t in etree.fromstring(svg.encode()).iter(f"{SVG}text")]
    assert any(text and text.endswith("Guided Pathways money") for text in drawn)


def test_wrap_measures_with_the_charts_font() -> None:
    assert wrap("Organizational", 13, 200) == ["Organizational"]
    lines = wrap("LCFF / LCAP (district general fund)", 11, 188)
    assert len(lines) == 2 and " ".join(lines) == "LCFF / LCAP (district general fund)"
    assert all(text_width(line, 11) <= 188 for line in lines)
    # One word wider than the room is broken inside (never dropped or cut short).
    assert "".join(wrap("Supercalifragilisticexpialidocious", 11, 60)) == "Supercalifragilisticexpialidocious"
    # The width table agrees with the font file within a pixel on ordinary labels.
    for label in ("Regional pathway coordinator (1.0 FTE)", "WIOA (workforce board)", "$1,235"):
        assert abs(text_width(label, 11) - _font(11, False).getlength(label)) < 1.0
    assert not re.search("…", " ".join(wrap("x " * 200, 11, 100)))
