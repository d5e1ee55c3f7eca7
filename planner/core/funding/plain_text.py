"""The stress test and the scenarios as plain text lines, for ``planner scenarios``: the ledger's figures in whole
dollars, with each scenario beside the baseline it changes.

Signs are put on the numbers when they are formatted, never by rewriting a finished line, so a partner's name keeps
every hyphen it was typed with (a "Tri-Basin" board stays "Tri-Basin"). Names from the file are made inert for a
terminal (:func:`~planner.core.model.text.printable`).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from planner.core.funding.ledger import PERCENT_BASE, Baseline
from planner.core.funding.scenarios import ScenarioResult, StressTest, describe_assumptions
from planner.core.model.document import Document
from planner.core.model.money import MINUS, format_dollars
from planner.core.model.text import printable


def signed_dollars(value: Decimal) -> str:
    """A change in whole dollars: "+$1,200", "−$300", "$0"."""
    shown = format_dollars(value)
    return f"+{shown}" if value > 0 and shown != "$0" else shown


def signed_points(value: Decimal) -> str:
    """A change in percentage points with a real minus sign: "+2.8 points", "−26.7 points"."""
    text = f"{abs(value):.1f} points"
    if text == "0.0 points":
        return text
    return f"{'+' if value > 0 else MINUS}{text}"


def percent_text(fraction: Decimal) -> str:
    return f"{fraction * 100:.1f}%"


def money_width(amounts: Iterable[Decimal], at_least: int = 15) -> int:
    """The width of a money column: room for its longest amount (a billion and more) and two spaces before it."""
    return max([at_least, *(len(signed_dollars(a)) + 2 for a in amounts)])


def stress_lines(stress: StressTest) -> list[str]:
    w = money_width(a for r in stress.rows for a in (r.committed, r.planned, r.gap_increase))
    lines = [
        f"Stress test ({stress.baseline.label.lower()}): each partner withdraws from the first year, one at a time",
        f"  {stress.baseline.sentence}",
        f"Total cost {format_dollars(stress.total_cost)}; gap today {format_dollars(stress.base_total_gap)}",
        "",
        f"{'Rank':>4}  {'Partner':<42}{'Committed':>{w}}{'Promised':>{w}}{'Gap grows by':>{w}}{'Of the cost':>12}",
    ]
    for row in stress.rows:
        lines.append(
            f"{row.rank:>4}  {printable(row.partner.name[:41]):<42}{format_dollars(row.committed):>{w}}"
            f"{format_dollars(row.planned):>{w}}{format_dollars(row.gap_increase):>{w}}"
            f"{percent_text(row.share_of_cost):>12}"
        )
        kept = row.keep_first_newly_lost
        if kept:
            items = "; ".join(f"{printable(f.item.name)} from {f.year_label}" for f in kept)
            lines.append(f"{'':>6}single point of failure for keep-first items it pays: {items}")
    lines.append(f"  (Of the cost: the growth of the gap as a percentage {PERCENT_BASE}.)")
    return lines


def scenario_lines(document: Document, result: ScenarioResult) -> list[str]:
    baseline = result.baseline
    lines = [f"Scenario: {printable(result.scenario.name)}"]
    lines.extend(f"  - {printable(line)}" for line in describe_assumptions(document, result.scenario))
    counted = "Committed" if baseline is Baseline.COMMITTED_ONLY else "Counted"
    totals = (result.total_cost, result.total_counted, result.base_total_gap, result.total_gap, result.gap_change)
    w = money_width([*totals, *(a for y in result.years for a in (y.base.gap, y.scenario.gap, y.gap_change))])
    head = ("Cost", counted, "Baseline gap", "Scenario gap", "Change")
    lines += ["", f"  {'':<24}" + "".join(f"{h:>{w}}" for h in head)]
    for y in result.years:
        figures = (y.scenario.cost, y.scenario.counted, y.base.gap, y.scenario.gap)
        lines.append(
            f"  {y.label:<24}"
            + "".join(f"{format_dollars(f):>{w}}" for f in figures)
            + f"{signed_dollars(y.gap_change):>{w}}"
        )
    lines.append(
        f"  {'Total':<24}"
        + "".join(f"{format_dollars(f):>{w}}" for f in totals[:4])
        + f"{signed_dollars(result.gap_change):>{w}}"
    )
    if result.lost:
        lines += ["", "  Lose funding first (each item in the first year its own money falls short):"]
        lines.extend(
            f"    {f.year_label}: {printable(f.item.name)} ({f.priority.label.lower()}), "
            f"short {format_dollars(f.shortfall)} of {format_dollars(f.cost)}"
            for f in result.lost
        )
    if result.share_changes:
        lines += ["", f"  Total shares that move most (% {PERCENT_BASE}):"]
        lines.extend(
            f"    {printable(c.label)}: {percent_text(c.base_fraction)} to {percent_text(c.scenario_fraction)} "
            f"({signed_points(c.points)})"
            for c in result.share_changes[:5]
        )
    lines.extend(f"  note: {printable(note)}" for note in result.notes)
    return lines
