"""SVG charts: drawn the same by WeasyPrint and Qt (no rgba, no classes), labels escaped, whole (never cut short
with an ellipsis) and inside the chart as measured with the real font, honest axes."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from PIL import ImageFont

from planner.core.assessment.analysis import PlanAnalysis, analyze
from planner.core.funding.decision import summarize_decision
from planner.core.model.document import Document
from planner.core.model.rubric import Instrument
from planner.report.charts import capacity_chart, fund_mix_chart, gap_chart, heat_strip, text_width, wrap
from planner.report.context import plan_context
from tests.factories import large_document


def test_charts_escape_labels_and_stay_in_viewbox(demo_analysis: PlanAnalysis) -> None:
    domains = demo_analysis.capacity.domains
    hostile = domains[0].instrument.model_copy(update={"short_title": '<b>&"x'})
    renamed = (type(domains[0])(**{**domains[0].__dict__, "instrument": hostile}), *domains[1:])
    mix = summarize_decision(demo_analysis.document).fund_mix
    charts = (capacity_chart(renamed), heat_strip(renamed), gap_chart(demo_analysis.funding.years), fund_mix_chart(mix))
    for svg in charts:
        assert "<b>" not in svg and "rgba(" not in svg and "class=" not in svg
        width, height = map(float, re.search(r'viewBox="0 0 (\S+) (\S+)"', svg).groups())  # type: ignore[union-attr]
        for x, y in re.findall(r'<text x="([\d.-]+)" y="([\d.-]+)"', svg):
            assert 0 <= float(x) <= width and 0 <= float(y) <= height


def test_target_chart_shows_each_criterion_now_against_its_target(demo_analysis: PlanAnalysis) -> None:
    from planner.report.charts import target_chart

    domain = demo_analysis.capacity.domain("organizational")
    svg = target_chart(domain)
    assert "rgba(" not in svg and "class=" not in svg and "<title>" in svg
    # One filled dot per rated criterion, one ring per target, one joining line per target still ahead.
    rated = sum(1 for c in domain.criteria if c.mean is not None)
    targets = sum(1 for c in domain.criteria if c.target is not None)
    ahead = sum(1 for c in domain.criteria if c.target is not None and c.distance is not None and c.distance > 0)
    assert svg.count('fill="#2c5d8f"/>') == rated + 1  # and the legend's
    assert svg.count('fill="#ffffff" stroke="#a15c07"') == targets + 1
    assert svg.count('stroke="#a15c07" stroke-width="2"/>') - svg.count('fill="#ffffff" stroke="#a15c07"') == ahead
    hostile = domain.criteria[0].criterion.model_copy(update={"title": '<script>&"x'})
    first = dataclasses.replace(domain.criteria[0], criterion=hostile)
    escaped = target_chart(dataclasses.replace(domain, criteria=(first, *domain.criteria[1:])))
    assert "<script>" not in escaped and "&lt;script&gt;" in escaped
    width, height = map(float, re.search(r'viewBox="0 0 (\S+) (\S+)"', svg).groups())  # type: ignore[union-attr]
    for x, y in re.findall(r'<text x="([\d.-]+)" y="([\d.-]+)"', svg):
        assert 0 <= float(x) <= width and 0 <= float(y) <= height


def test_charts_have_honest_axes() -> None:
    from decimal import Decimal

    from planner.core.funding.costs import YearFunding

    zero = Decimal("0.00")
    empty = [
        YearFunding(
            year=y,
            label=f"FY 202{y}-2{y + 1}",
            cost=zero,
            committed=zero,
            pledged=zero,
            proposed=zero,
            gap=zero,
            gap_as_planned=zero,
            surplus=zero,
            new_ask=zero,
            unassigned=zero,
        )
        for y in (1, 2)
    ]
    svg = gap_chart(empty)
    ticks = re.findall(r'text-anchor="end" fill="#7b8794">([^<]+)<', svg)
    assert ticks == ["$0", "$200", "$400", "$600", "$800", "$1k"]
    assert "pledged and proposed money does not" in svg


def test_gap_charts_name_fiscal_years(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    """Issue 21: a reader sees "FY 2028-29", not "Year 2", under the bars."""
    from planner.core.assessment.analysis import analyze
    from planner.core.funding.scenarios import run_scenario
    from planner.report.charts import scenario_gap_chart

    analysis = analyze(demo, instruments)
    years = analysis.funding.years
    svg = gap_chart(years)
    assert all(f">{y.label}<" in svg for y in years) and ">Year 1<" not in svg
    result = run_scenario(demo, demo.scenarios[0], analysis.funding)
    scenario_svg = scenario_gap_chart(result.years, demo.scenarios[0].name)
    assert ">FY 2028-29<" in scenario_svg and "baseline" in scenario_svg


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
