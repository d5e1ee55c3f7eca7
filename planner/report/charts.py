"""SVG charts built from core results, drawn identically by WeasyPrint and Qt's SVG renderer.

Kept to what both draw the same (docs/architecture.md, "The report layer"): ``#rrggbb`` colours with
``fill-opacity`` (Qt draws ``rgba()`` fills black), basic shapes and ``<text>``, no CSS classes, no
``foreignObject``. Every label is escaped and placed inside the viewBox.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import ROUND_CEILING, Decimal
from html import escape  # not xml.sax.saxutils: it pulls in urllib, http and ssl, 20 ms of app start-up
from typing import TYPE_CHECKING

from planner.core.assessment.scoring import DomainScore, format_score
from planner.core.funding.costs import YearFunding
from planner.core.funding.decision import FundMix
from planner.core.model.money import format_dollars
from planner.core.model.text import xml_text  # a label XML cannot hold would make the chart unreadable

if TYPE_CHECKING:  # the app draws the other charts at start-up; the scenario module loads with its section
    from planner.core.funding.scenarios import YearComparison

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
        f'text-anchor="{anchor}" fill="{fill}">{escape(xml_text(label))}</text>'
    )


def _svg(width: int, height: int, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(xml_text(title))}">'
        f"<title>{escape(xml_text(title))}</title>" + "".join(body) + "</svg>"
    )


# DejaVu Sans advance widths (thousandths of an em) for ASCII 32-126, read from the font the charts are drawn in, so
# labels wrap where they would otherwise run out of their space. Other characters count as wide; bold as 10% wider.
_ADVANCE = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636,
    636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863,
    748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635,
    615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636,
    337, 636, 838,
)  # fmt: skip
_WIDE = 1000
LINE_SPACING = 1.2


def text_width(label: str, size: float, bold: bool = False) -> float:
    """How wide ``label`` draws at ``size`` px in DejaVu Sans."""
    ems = sum(_ADVANCE[ord(ch) - 32] if 32 <= ord(ch) < 127 else _WIDE for ch in label) / 1000
    return ems * size * (1.1 if bold else 1.0)


def wrap(label: str, size: float, room: float) -> list[str]:
    """``label`` in lines no wider than ``room`` px, broken between words (inside a word only when one word is
    wider than the room): a chart never cuts a label short, since the cut part may be what tells two apart."""
    lines: list[str] = []
    for word in label.split():
        while text_width(word, size) > room and len(word) > 1:
            cut = max(1, next(n for n in range(len(word), 0, -1) if text_width(word[:n], size) <= room))
            if lines and text_width(f"{lines[-1]} {word[:cut]}", size) <= room:
                lines[-1] = f"{lines[-1]} {word[:cut]}"
            else:
                lines.append(word[:cut])
            word = word[cut:]
        if lines and text_width(f"{lines[-1]} {word}", size) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _label(x: float, middle: float, lines: list[str], size: int, anchor: str = "end", fill: str = INK) -> list[str]:
    """Text lines centred on ``middle`` (the row's centre line), one <text> each (SVG Tiny has no wrapping)."""
    step = size * LINE_SPACING
    first = middle - step * (len(lines) - 1) / 2 + size * 0.35
    return [_text(x, first + n * step, line, size=size, anchor=anchor, fill=fill) for n, line in enumerate(lines)]


BAND_FILLS = {"priority": "#f4c7c3", "watch": "#f8e1b4", "strength": "#c9e7d6"}
BAND_FILL_OTHER = "#e4e7eb"


def capacity_chart(domains: Sequence[DomainScore]) -> str:
    """Each capacity's score as a dot on the rubric's own scale (1 to 4), over its bands, thresholds drawn.

    A radar's area grows with the square of the scores and starts at 0, which a 1-4 scale does not have.
    """
    width, row = 520, 46
    height = 54 + row * max(len(domains), 1)
    left, right = 150, width - 24
    lowest = min((d.instrument.lowest for d in domains), default=1)
    highest = max((d.instrument.highest for d in domains), default=4)

    def x_of(value: float) -> float:
        return left + (right - left) * (value - lowest) / max(highest - lowest, 1)

    body: list[str] = []  # no background: the page's own (and its Draft watermark) shows through
    bottom = 30 + row * max(len(domains), 1)
    for index, domain in enumerate(domains):
        y = 30 + index * row
        for band in domain.instrument.bands:
            x0, x1 = x_of(float(band.min)), x_of(float(band.max))
            fill = BAND_FILLS.get(band.id, BAND_FILL_OTHER)
            body.append(f'<rect x="{x0:.1f}" y="{y + 6}" width="{x1 - x0:.1f}" height="{row - 12}" fill="{fill}"/>')
        body += _label(left - 10, y + row / 2, wrap(domain.instrument.short_title, 13, left - 14), size=13)
        if domain.score is None:
            body.append(_text(x_of(lowest) + 6, y + row / 2 + 4, "not rated", size=12, anchor="start", fill=MUTED))
            continue
        cx = x_of(float(domain.score))
        body.append(f'<circle cx="{cx:.1f}" cy="{y + row / 2:.1f}" r="7" fill="{ACCENT}"/>')
        # The value sits beside the dot, on the side with more room, so no label hides under a point.
        beside = cx + 12 if cx < (left + right) / 2 else cx - 12
        anchor = "start" if cx < (left + right) / 2 else "end"
        body.append(_text(beside, y + row / 2 + 5, format_score(domain.score), size=13, anchor=anchor, weight="bold"))
    for level in range(lowest, highest + 1):
        x = x_of(level)
        body.append(f'<line x1="{x:.1f}" y1="26" x2="{x:.1f}" y2="{bottom}" stroke="{GRID}" stroke-width="1"/>')
        body.append(_text(x, bottom + 16, str(level), size=11, fill=MUTED))
    if domains:
        # Band names and thresholds once, on top, from the first instrument (the bundled three share them).
        for band in domains[0].instrument.bands:
            x0, x1 = x_of(float(band.min)), x_of(float(band.max))
            body.append(_text((x0 + x1) / 2, 18, band.label, size=11, fill=INK))
            if float(band.min) > lowest:
                body.append(
                    f'<line x1="{x0:.1f}" y1="24" x2="{x0:.1f}" y2="{bottom}" stroke="{INK}" stroke-width="1.2" '
                    'stroke-dasharray="3,2"/>'
                )
    return _svg(width, height, body, capacity_alt(domains))


def capacity_alt(domains: Sequence[DomainScore]) -> str:
    parts = [
        f"{d.instrument.short_title} {format_score(d.score, 'not rated')}" + (f" ({d.band.label})" if d.band else "")
        for d in domains
    ]
    return "Capacity scores on the rubric scale: " + "; ".join(parts) + "."


def heat_strip(domains: Sequence[DomainScore]) -> str:
    """Every criterion at once: one cell per criterion, coloured by its band, one strip per capacity."""
    # Sized so that a capacity of 15 criteria still prints its scores at 6.5 pt or more in the 150 mm the print
    # stylesheet gives this chart (tests/report/test_adoption_plan.py checks the printed size).
    cell, gap, left = 30, 3, 124
    longest = max((len(d.criteria) for d in domains), default=1)
    width = left + longest * (cell + gap) + 12
    width = max(width, 420)
    height = 34 + len(domains) * (cell + 12) + 22
    body: list[str] = []  # no background: the page's own (and its Draft watermark) shows through
    for index, domain in enumerate(domains):
        y = 20 + index * (cell + 12)
        body += _label(left - 10, y + cell / 2, wrap(domain.instrument.short_title, 12, left - 14), size=12)
        for n, c in enumerate(domain.criteria):
            x = left + n * (cell + gap)
            band = domain.instrument.band_for(c.mean) if c.mean is not None else None
            fill = BAND_FILLS.get(band.id, BAND_FILL_OTHER) if band else "#ffffff"
            body.append(
                f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{fill}" stroke="{GRID}" stroke-width="1"/>'
            )
            label = format_score(c.mean) if c.mean is not None else ("N/A" if c.status.value == "na" else "–")
            body.append(_text(x + cell / 2, y + cell / 2 + 3, label, size=10))
    legend_y = height - 10
    lx = left
    if domains:
        for band in domains[0].instrument.bands:
            fill = BAND_FILLS.get(band.id, BAND_FILL_OTHER)
            body.append(f'<rect x="{lx}" y="{legend_y - 9}" width="10" height="10" fill="{fill}"/>')
            body.append(_text(lx + 14, legend_y, band.label, size=10, anchor="start"))
            lx += 90
    return _svg(width, height, body, heat_strip_alt(domains))


def heat_strip_alt(domains: Sequence[DomainScore]) -> str:
    parts = []
    for d in domains:
        counts: dict[str, int] = {}
        for c in d.criteria:
            band = d.instrument.band_for(c.mean) if c.mean is not None else None
            key = band.label if band else "not rated or N/A"
            counts[key] = counts.get(key, 0) + 1
        parts.append(f"{d.instrument.short_title}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    return "Every criterion by band. " + "; ".join(parts) + "."


def _axis(top: Decimal) -> tuple[Decimal, Decimal]:
    """A ceiling and tick step of 1, 2, 2.5 or 5 times a power of ten, at most five steps, the top at least $1,000.

    Steps of at least $200 keep every tick label distinct; an empty plan gets a $0 to $1k axis, nothing below $0.
    """
    top = max(top, Decimal(1000))
    magnitude = Decimal(10) ** (len(str(int(top))) - 2)
    for multiple in (1, 2, Decimal("2.5"), 5, 10, 20, 25, 50, 100):
        step = magnitude * multiple
        if step * 5 >= top:
            return step * (top / step).to_integral_value(rounding=ROUND_CEILING), step
    return top, top / 5


TARGET = "#a15c07"


def target_chart(domain: DomainScore) -> str:
    """Each criterion's team mean now (filled dot) against the level it aims for (ring), on the rubric's scale.

    A line joins the two where the target is still ahead. Separate from the capacity chart on purpose: that one
    shows domains, this one the criteria of one domain.
    """
    instrument = domain.instrument
    width, left, right = 640, 345, 620
    header = 34
    labels = [wrap(score.criterion.title, 11, left - 16) for score in domain.criteria]
    row = 22 if all(len(lines) == 1 for lines in labels) else 30  # room for a title on two lines
    height = header + row * max(len(domain.criteria), 1) + 10
    low, high = instrument.lowest, instrument.highest

    def x_of(value: float) -> float:
        return left + (right - left) * (value - low) / (high - low)

    body: list[str] = []  # no background: the page's own (and its Draft watermark) shows through
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
    for index, (score, lines) in enumerate(zip(domain.criteria, labels, strict=True)):
        y = header + index * row + row / 2
        body += _label(left - 12, y, lines, size=11)
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


def target_alt(domain: DomainScore) -> str:
    parts = []
    for score in domain.criteria:
        now = "not rated" if score.mean is None else f"now {format_score(score.mean)}"
        aim = "" if score.target is None else f", target {score.target}"
        parts.append(f"{score.criterion.title}: {now}{aim}")
    return f"{domain.instrument.title}, each criterion now against its target. " + "; ".join(parts) + "."


def _short_money(value: Decimal) -> str:
    if value >= 1_000_000:
        return f"${value / 1_000_000:.2f}".rstrip("0").rstrip(".") + "M"
    if value >= 1_000:
        return f"${value / 1_000:.1f}".rstrip("0").rstrip(".") + "k"
    return f"${value:.0f}"


def _money_gridlines(
    left: float, right: float, ceiling: Decimal, step: Decimal, y_of: Callable[[Decimal], float]
) -> list[str]:
    """Horizontal gridlines with short dollar labels from $0 up to the axis ceiling, shared by the gap charts."""
    lines: list[str] = []
    value = Decimal(0)
    while value <= ceiling:
        y = y_of(value)
        lines.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>')
        lines.append(_text(left - 6, y + 4, _short_money(value), size=10, anchor="end", fill=MUTED))
        value += step
    return lines


def gap_chart(years: Sequence[YearFunding]) -> str:
    """Per plan year: committed, pledged and proposed money stacked against the year's cost, with the gap.

    Only committed money closes the gap; the note under the legend says so, because a stacked bar otherwise
    reads as if pledges filled the year.
    """
    width, height = 560, 310
    left, right, top, bottom = 64, width - 16, 58, height - 58
    ceiling, step = _axis(max([y.cost for y in years] + [y.committed + y.pledged + y.proposed for y in years]))
    body: list[str] = []  # no background: the page's own (and its Draft watermark) shows through

    def y_of(value: Decimal) -> float:
        return bottom - (bottom - top) * float(value / ceiling)

    body += _money_gridlines(left, right, ceiling, step, y_of)
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
        body.append(_text(x + bar / 2, bottom + 16, year.label, size=12))
        body.append(_text(x + bar / 2, bottom + 30, _short_money(year.cost) + " cost", size=10, fill=MUTED))
    legend = [("Committed", COMMITTED), ("Pledged", PLEDGED), ("Proposed", PROPOSED)]
    lx = left
    for label, colour in legend:
        body.append(f'<rect x="{lx}" y="10" width="12" height="12" fill="{colour}"/>')
        body.append(_text(lx + 17, 20, label, size=11, anchor="start"))
        lx += 100
    body.append(f'<line x1="{lx}" y1="16" x2="{lx + 18}" y2="16" stroke="{INK}" stroke-width="2.5"/>')
    body.append(_text(lx + 23, 20, "Cost of the year", size=11, anchor="start"))
    body.append(
        _text(
            left,
            40,
            "Committed money closes the gap of its own item; pledged and proposed money does not.",
            10,
            "start",
            MUTED,
        )
    )
    return _svg(width, height, body, gap_alt(years))


def gap_alt(years: Sequence[YearFunding]) -> str:
    summary = "; ".join(
        f"{y.label}: cost {format_dollars(y.cost)}, committed {format_dollars(y.committed)}, "
        f"pledged and proposed {format_dollars(y.pledged + y.proposed)}, gap {format_dollars(y.gap)}"
        for y in years
    )
    return f"Funding by fiscal year. {summary}. Committed money closes the gap of its own cost item only."


BASE_GAP = "#9aa5b1"


def scenario_gap_chart(years: Sequence[YearComparison], scenario: str) -> str:
    """Per fiscal year, the baseline's gap beside the scenario's, so a committee sees what the assumption costs."""
    width, height = 560, 300
    left, right, top, bottom = 64, width - 16, 58, height - 44
    ceiling, step = _axis(max([y.base.gap for y in years] + [y.scenario.gap for y in years] + [Decimal(1)]))
    body: list[str] = []  # no background: the page's own (and its Draft watermark) shows through

    def y_of(value: Decimal) -> float:
        return bottom - (bottom - top) * float(value / ceiling)

    body += _money_gridlines(left, right, ceiling, step, y_of)
    slot = (right - left) / max(len(years), 1)
    bar = min(44.0, slot * 0.32)
    for index, year in enumerate(years):
        middle = left + slot * index + slot / 2
        for offset, amount, colour in ((-bar - 2, year.base.gap, BASE_GAP), (2, year.scenario.gap, GAP)):
            x, y1 = middle + offset, y_of(amount)
            if amount > 0:
                body.append(
                    f'<rect x="{x:.1f}" y="{y1:.1f}" width="{bar:.1f}" height="{bottom - y1:.1f}" fill="{colour}"/>'
                )
            body.append(_text(x + bar / 2, y1 - 5, _short_money(amount), size=10, fill=colour if amount else MUTED))
        body.append(_text(middle, bottom + 16, year.label, size=12))
    lx = left
    # The scenario's own name is the heading right above the chart (and in its text alternative): the legend stays
    # short, so no name is ever cut.
    for label, colour in (("Gap in the baseline", BASE_GAP), ("Gap in this scenario", GAP)):
        body.append(f'<rect x="{lx}" y="10" width="12" height="12" fill="{colour}"/>')
        body.append(_text(lx + 17, 20, label, size=11, anchor="start"))
        lx += 170
    body.append(_text(left, 40, "Each cost item is paid only by the money promised to it.", 10, "start", MUTED))
    return _svg(width, height, body, scenario_gap_alt(years, scenario))


def scenario_gap_alt(years: Sequence[YearComparison], scenario: str) -> str:
    summary = "; ".join(
        f"{y.label}: {format_dollars(y.base.gap)} in the baseline, {format_dollars(y.scenario.gap)} in the scenario"
        for y in years
    )
    return f"Funding gap by fiscal year, baseline and scenario {scenario}. {summary}."


def fund_mix_chart(mix: Sequence[FundMix]) -> str:
    """Horizontal bars: planned money per kind of fund, committed part darker."""
    width = 520
    left, right = 200, width - 70
    labels = [wrap(m.fund.label, 11, left - 12) for m in mix]
    row = 26 if all(len(lines) == 1 for lines in labels) else 30
    height = 24 + row * max(len(mix), 1) + 24
    most = max((m.total for m in mix), default=Decimal(0))
    body: list[str] = []  # no background: the page's own (and its Draft watermark) shows through
    for index, (m, lines) in enumerate(zip(mix, labels, strict=True)):
        y = 14 + index * row
        body += _label(left - 8, y + 11, lines, size=11)
        full = (right - left) * float(m.total / most) if most else 0.0
        firm = (right - left) * float(m.committed / most) if most else 0.0
        body.append(f'<rect x="{left}" y="{y + 3}" width="{full:.1f}" height="16" fill="{PLEDGED}"/>')
        if firm > 0:
            body.append(f'<rect x="{left}" y="{y + 3}" width="{firm:.1f}" height="16" fill="{COMMITTED}"/>')
        body.append(_text(left + full + 5, y + 15, f"{m.share}%", size=11, anchor="start"))
    ly = height - 12
    body.append(f'<rect x="{left}" y="{ly - 9}" width="10" height="10" fill="{COMMITTED}"/>')
    body.append(_text(left + 14, ly, "Committed", size=10, anchor="start"))
    body.append(f'<rect x="{left + 100}" y="{ly - 9}" width="10" height="10" fill="{PLEDGED}"/>')
    body.append(_text(left + 114, ly, "Pledged or proposed", size=10, anchor="start"))
    return _svg(width, height, body, fund_mix_alt(mix))


def fund_mix_alt(mix: Sequence[FundMix]) -> str:
    if not mix:
        return "Funding sources: no commitments yet."
    parts = "; ".join(f"{m.fund.label} {format_dollars(m.total)} ({m.share}%)" for m in mix)
    return f"Planned money by kind of fund: {parts}."
