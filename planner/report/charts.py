"""SVG charts built from core results, drawn identically by WeasyPrint and Qt's SVG renderer.

Kept to what both draw the same (DESIGN.md section 4): ``#rrggbb`` colours with ``fill-opacity`` (Qt
draws ``rgba()`` fills black), basic shapes and ``<text>``, no CSS classes, no ``foreignObject``. Every
label is escaped and placed inside the viewBox.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from html import escape  # not xml.sax.saxutils: it pulls in urllib, http and ssl, 20 ms of app start-up

from planner.core.costs import YearFunding
from planner.core.money import format_money
from planner.core.scoring import DomainScore, format_score

FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
INK = "#1f2933"
MUTED = "#7b8794"
GRID = "#cbd2d9"
ACCENT = "#2c5d8f"
COMMITTED = "#2f7d5b"
PLEDGED = "#7fbf9f"
PROPOSED = "#cfe8da"
GAP = "#c2410c"


def _text(
    x: float, y: float, label: str, size: int = 12, anchor: str = "middle", fill: str = INK, weight: str = "normal"
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" font-weight="{weight}" '
        f'text-anchor="{anchor}" fill="{fill}">{escape(label)}</text>'
    )


def _svg(width: int, height: int, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )


def _fit(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def capacity_chart(domains: Sequence[DomainScore]) -> str:
    """A radar for three or more domains, horizontal bars otherwise."""
    return radar_chart(domains) if len(domains) >= 3 else bar_chart(domains)


def radar_chart(domains: Sequence[DomainScore]) -> str:
    width, height = 520, 380
    cx, cy, radius = width / 2, height / 2 + 8, 130.0
    top = max(d.instrument.highest for d in domains)
    count = len(domains)

    def point(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        return cx + radius * value / top * math.cos(angle), cy + radius * value / top * math.sin(angle)

    body: list[str] = [f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>']
    for level in range(1, top + 1):
        ring = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, level) for i in range(count)))
        body.append(f'<polygon points="{ring}" fill="none" stroke="{GRID}" stroke-width="1"/>')
        lx, ly = point(0, level)
        body.append(_text(lx + 4, ly + 4, str(level), size=10, anchor="start", fill=MUTED))
    for index, domain in enumerate(domains):
        x, y = point(index, top)
        body.append(f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>')
        lx, ly = point(index, top + 0.38)
        anchor = "middle" if abs(lx - cx) < 20 else ("start" if lx > cx else "end")
        score = format_score(domain.score, "not rated")
        # Labels above the centre grow upwards so that they never cross their own axis.
        title_y, score_y = (ly - 16, ly) if ly < cy - 20 else (ly - 2, ly + 14)
        body.append(_text(lx, title_y, _fit(domain.instrument.short_title, 22), size=13, anchor=anchor, weight="bold"))
        body.append(_text(lx, score_y, score, size=12, anchor=anchor, fill=MUTED))
    scored = [(i, float(d.score)) for i, d in enumerate(domains) if d.score is not None]
    if scored:
        shape = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, float(d.score or 0)) for i, d in enumerate(domains)))
        body.append(
            f'<polygon points="{shape}" fill="{ACCENT}" fill-opacity="0.22" stroke="{ACCENT}" stroke-width="2.5"/>'
        )
        for index, value in scored:
            x, y = point(index, value)
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{ACCENT}"/>')
    return _svg(width, height, body, "Capacity profile: domain scores on the rubric scale")


def bar_chart(domains: Sequence[DomainScore]) -> str:
    width, row = 520, 44
    height = 40 + row * max(len(domains), 1)
    left, right = 170, width - 60
    top = max((d.instrument.highest for d in domains), default=4)
    body: list[str] = [f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>']
    for level in range(1, top + 1):
        x = left + (right - left) * level / top
        body.append(f'<line x1="{x:.1f}" y1="16" x2="{x:.1f}" y2="{height - 14}" stroke="{GRID}" stroke-width="1"/>')
        body.append(_text(x, 12, str(level), size=10, fill=MUTED))
    for index, domain in enumerate(domains):
        y = 24 + index * row
        body.append(_text(left - 10, y + 19, _fit(domain.instrument.short_title, 24), size=13, anchor="end"))
        if domain.score is None:
            body.append(_text(left + 6, y + 19, "not rated", size=12, anchor="start", fill=MUTED))
            continue
        length = (right - left) * float(domain.score) / top
        body.append(f'<rect x="{left}" y="{y + 4}" width="{length:.1f}" height="22" fill="{ACCENT}"/>')
        body.append(_text(left + length + 6, y + 20, format_score(domain.score), size=12, anchor="start"))
    return _svg(width, height, body, "Capacity profile: domain scores on the rubric scale")


TARGET = "#a15c07"


def target_chart(domain: DomainScore) -> str:
    """Each criterion's team mean now (filled dot) against the level it aims for (ring), on the rubric's scale.

    A line joins the two where the target is still ahead. Separate from the capacity chart on purpose: that one
    shows domains, this one the criteria of one domain.
    """
    instrument = domain.instrument
    width, row, left, right = 640, 22, 345, 620
    header = 34
    height = header + row * max(len(domain.criteria), 1) + 10
    low, high = instrument.lowest, instrument.highest

    def x_of(value: float) -> float:
        return left + (right - left) * (value - low) / (high - low)

    body: list[str] = [f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>']
    for step in instrument.scale:
        x = x_of(step.value)
        body.append(
            f'<line x1="{x:.1f}" y1="{header - 6}" x2="{x:.1f}" y2="{height - 8}" stroke="{GRID}" stroke-width="1"/>'
        )
        body.append(_text(x, header - 10, str(step.value), size=10, fill=MUTED))
    body.append(f'<circle cx="20" cy="12" r="4.5" fill="{ACCENT}"/>')
    body.append(_text(30, 16, "now (team mean)", size=10, anchor="start", fill=MUTED))
    body.append(f'<circle cx="140" cy="12" r="5" fill="#ffffff" stroke="{TARGET}" stroke-width="2"/>')
    body.append(_text(150, 16, "target by the end of the plan", size=10, anchor="start", fill=MUTED))
    for index, score in enumerate(domain.criteria):
        y = header + index * row + row / 2
        body.append(_text(left - 12, y + 4, _fit(score.criterion.title, 56), size=11, anchor="end"))
        now = None if score.mean is None else x_of(float(score.mean))
        aim = None if score.target is None else x_of(score.target)
        if now is not None and aim is not None and aim > now:
            body.append(
                f'<line x1="{now:.1f}" y1="{y:.1f}" x2="{aim:.1f}" y2="{y:.1f}" stroke="{TARGET}" stroke-width="2"/>'
            )
        if aim is not None:
            body.append(
                f'<circle cx="{aim:.1f}" cy="{y:.1f}" r="5" fill="#ffffff" stroke="{TARGET}" stroke-width="2"/>'
            )
        if now is not None:
            body.append(f'<circle cx="{now:.1f}" cy="{y:.1f}" r="4.5" fill="{ACCENT}"/>')
        else:
            label = "N/A" if score.na_count and not score.unrated_count else "not rated"
            body.append(_text(left + 4, y + 4, label, size=10, anchor="start", fill=MUTED))
    return _svg(width, height, body, f"{instrument.title}: each criterion now against its target")


def _nice_ceiling(value: Decimal) -> Decimal:
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        ceiling = magnitude * Decimal(str(step))
        if ceiling >= value:
            return ceiling
    return magnitude * 10


def _short_money(value: Decimal) -> str:
    if value >= 1_000_000:
        return f"${value / 1_000_000:.1f}M"
    if value >= 1_000:
        return f"${value / 1_000:.0f}k"
    return f"${value:.0f}"


def gap_chart(years: Sequence[YearFunding]) -> str:
    """Per plan year: stacked committed / pledged / proposed money against the year's cost, with the gap."""
    width, height = 560, 300
    left, right, top, bottom = 64, width - 16, 46, height - 58
    ceiling = _nice_ceiling(
        max([y.cost for y in years] + [y.committed + y.pledged + y.proposed for y in years] + [Decimal(1)])
    )
    body: list[str] = [f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>']

    def y_of(value: Decimal) -> float:
        return bottom - (bottom - top) * float(value / ceiling)

    for tick in range(5):
        value = ceiling * tick / 4
        y = y_of(value)
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>')
        body.append(_text(left - 6, y + 4, _short_money(value), size=10, anchor="end", fill=MUTED))
    slot = (right - left) / max(len(years), 1)
    bar = min(70.0, slot * 0.5)
    for index, year in enumerate(years):
        x = left + slot * index + (slot - bar) / 2
        base = Decimal(0)
        for amount, colour in ((year.committed, COMMITTED), (year.pledged, PLEDGED), (year.proposed, PROPOSED)):
            if amount > 0:
                y1, y0 = y_of(base + amount), y_of(base)
                body.append(
                    f'<rect x="{x:.1f}" y="{y1:.1f}" width="{bar:.1f}" height="{y0 - y1:.1f}" fill="{colour}"/>'
                )
                base += amount
        cost_y = y_of(year.cost)
        body.append(
            f'<line x1="{x - 8:.1f}" y1="{cost_y:.1f}" x2="{x + bar + 8:.1f}" y2="{cost_y:.1f}" '
            f'stroke="{INK}" stroke-width="2.5"/>'
        )
        if year.gap > 0:
            body.append(
                _text(x + bar / 2, cost_y - 8, f"gap {_short_money(year.gap)}", size=11, fill=GAP, weight="bold")
            )
        body.append(_text(x + bar / 2, bottom + 16, f"Year {year.year}", size=12))
        body.append(_text(x + bar / 2, bottom + 30, _short_money(year.cost) + " cost", size=10, fill=MUTED))
    legend = [("Committed", COMMITTED), ("Pledged", PLEDGED), ("Proposed", PROPOSED)]
    lx = left
    for label, colour in legend:
        body.append(f'<rect x="{lx}" y="12" width="12" height="12" fill="{colour}"/>')
        body.append(_text(lx + 17, 22, label, size=11, anchor="start"))
        lx += 100
    body.append(f'<line x1="{lx}" y1="18" x2="{lx + 18}" y2="18" stroke="{INK}" stroke-width="2.5"/>')
    body.append(_text(lx + 23, 22, "Cost of the year", size=11, anchor="start"))
    summary = "; ".join(f"Year {y.year}: cost {format_money(y.cost)}, gap {format_money(y.gap)}" for y in years)
    return _svg(width, height, body, f"Funding by plan year. {summary}")
