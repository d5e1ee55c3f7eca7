"""SVG charts: drawn the same by WeasyPrint and Qt (no rgba, no classes), labels escaped and inside the view box,
honest axes."""

from __future__ import annotations

import dataclasses
import re

from planner.core.assessment.analysis import PlanAnalysis
from planner.core.funding.decision import summarize_decision
from planner.report.charts import capacity_chart, fund_mix_chart, gap_chart, heat_strip


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
    empty = [YearFunding(y, f"Year {y}", zero, zero, zero, zero) for y in (1, 2)]
    svg = gap_chart(empty)
    ticks = re.findall(r'text-anchor="end" fill="#7b8794">([^<]+)<', svg)
    assert ticks == ["$0", "$200", "$400", "$600", "$800", "$1k"]
    assert "pledged and proposed money does not" in svg
