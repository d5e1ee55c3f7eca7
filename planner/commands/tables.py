"""The text tables the batch commands print: scores, comparisons, the stress test and scenarios."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from planner.core.assessment.analysis import PlanAnalysis
from planner.core.assessment.compare import Comparison, ScoreChange, format_change
from planner.core.assessment.portfolio import (
    PortfolioRow,
    copy_rows,
    form_rows,
    plan_rows,
    portfolio_columns,
    portfolio_summary,
)
from planner.core.assessment.scoring import format_score
from planner.core.funding.ledger import PERCENT_BASE, Baseline
from planner.core.funding.plain_text import signed_dollars
from planner.core.model.money import format_dollars
from planner.core.model.text import printable

# A money column is at least this wide, and wider when an amount needs it ($2,999,999,999 is 14 characters).
MONEY_WIDTH = 13


def money_width(amounts: Iterable[Decimal | None], at_least: int = MONEY_WIDTH) -> int:
    """The width of a money column: room for its longest amount and two spaces before it."""
    return max([at_least, *(len(format_dollars(a)) + 2 for a in amounts if a is not None)])


def score_table(analysis: PlanAnalysis) -> str:
    capacity, funding = analysis.capacity, analysis.funding
    lines = [analysis.document.profile.consortium_name, ""]
    lines.append(f"{'Capacity':<28}{'Score':>6}{'Target':>8}  {'Band':<10}{'Rated':>6}{'N/A':>5}{'Unrated':>9}")
    for d in capacity.domains:
        score = format_score(d.score, "-")
        target = format_score(d.target_score, "-")
        band = d.band.label if d.band else "-"
        lines.append(f"{d.instrument.title:<28}{score:>6}{target:>8}  {band:<10}{d.rated:>6}{d.na:>5}{d.unrated:>9}")
    overall = capacity.overall
    score = format_score(overall.score, "-")
    band = overall.band.label if overall.band else "-"
    lines.append(
        f"{'Overall readiness':<28}{score:>6}{'':>8}  {band:<10}completeness {overall.completeness * 100:.0f}%"
    )
    for d in capacity.domains:
        lines.extend(f"  note: {w}" for w in d.warnings)
    topics = [c for d in capacity.domains for c in d.criteria if c.discuss]
    if topics:
        lines += ["", "To discuss: respondents two or more levels apart"]
        for c in topics:
            lines.append(f"  - {c.criterion.title}: {c.minimum} to {c.maximum}, mean {format_score(c.mean)}")
            shown = c.shown_sector_means(analysis.document.profile.hide_small_sectors)
            lines.extend(f"      {m.sector.label}: {format_score(m.mean)} ({m.rated} rated)" for m in shown)
    if capacity.priorities:
        lines += ["", "Priorities"]
        for n, p in enumerate(capacity.priorities, 1):
            c = p.criterion
            aim = f"target {c.target}" if c.target is not None else "no target set"
            lines.append(
                f"  {n}. {c.criterion.title} ({p.domain.instrument.short_title}, {format_score(c.mean)}; {aim})"
            )
            if c.next_steps:
                lines.append(f"     next: {c.first_step}")
    lines += _funding_lines(analysis)
    if funding.warnings:
        lines += ["", "Warnings"]
        lines.extend(f"  - {w.message}" for w in funding.warnings)
    return "\n".join(lines)


def _funding_lines(analysis: PlanAnalysis) -> list[str]:
    """The ledger's years and partners in its vocabulary, whole dollars."""
    funding = analysis.funding
    w = money_width(
        a for y in funding.years for a in (y.cost, y.committed, y.pledged, y.proposed, y.gap, y.gap_as_planned)
    )
    head = ("Cost", "Committed", "Pledged", "Proposed", "Gap", "If all came")
    lines = ["", f"{'Funding':<24}" + "".join(f"{h:>{w}}" for h in head)]
    for y in funding.years:
        figures = (y.cost, y.committed, y.pledged, y.proposed, y.gap, y.gap_as_planned)
        lines.append(f"{y.label:<24}" + "".join(f"{format_dollars(f):>{w}}" for f in figures))
    lines.append(f"  ({Baseline.COMMITTED_ONLY.sentence} If all came: {Baseline.AS_PLANNED.sentence})")
    if funding.partners:
        w = money_width(a for s in funding.partners for a in (s.committed, s.still_to_commit, s.total))
        still = max(w, 17)
        partner_head = (
            f"{'Partner':<44}{'Committed':>{w}}{'Still to commit':>{still}}{'Total share':>{w}}{'% of cost':>11}"
        )
        lines += ["", partner_head]
        lines.extend(
            f"{printable(s.label[:43]):<44}{format_dollars(s.committed):>{w}}"
            f"{format_dollars(s.still_to_commit):>{still}}{format_dollars(s.total):>{w}}{s.percent:>10}%"
            for s in funding.partners
        )
        lines.append(f"  (% of cost: total share as a percentage {PERCENT_BASE}.)")
    return lines


def comparison_table(result: Comparison) -> str:
    def row(change: ScoreChange, indent: str) -> str:
        moved = format_change(change.change, "")
        return (
            f"{indent}{printable(change.title):<{52 - len(indent)}}{format_score(change.before):>7}"
            f"{format_score(change.after):>7}"
            f"{moved:>8}  {change.direction.arrow} {change.direction.value}"
        )

    lines = [f"Baseline: {result.baseline_name}, saved {result.baseline_modified}", ""]
    lines.append(f"{'':<52}{'Before':>7}{'After':>7}{'Change':>8}")
    lines.append(row(result.overall, ""))
    for domain in result.domains:
        lines.append(row(domain.domain, ""))
        lines.extend(row(c, "  ") for c in domain.criteria)
    w = money_width((a for g in result.gaps for a in (g.before, g.after, g.change)), 16)
    lines += ["", f"{'Funding gap':<24}{'Before':>{w}}{'After':>{w}}{'Change':>{w}}"]
    for gap in result.gaps:
        label = gap.after_label or gap.before_label or f"Year {gap.year}"
        before = "-" if gap.before is None else format_dollars(gap.before)
        after = "-" if gap.after is None else format_dollars(gap.after)
        change = "" if gap.change is None else signed_dollars(gap.change)
        lines.append(f"{label:<24}{before:>{w}}{after:>{w}}{change:>{w}}")
    return "\n".join(lines)


def portfolio_lines(rows: Sequence[PortfolioRow]) -> list[str]:
    """One line per plan (broken files last, so the readable plans stay together), team forms, sync conflict
    copies, then the summary."""
    titles, _years = portfolio_columns(rows)
    short = [t.split()[0][:12] for t in titles]
    w = money_width((r.total_gap for r in rows if not r.error), 16)
    lines = [
        f"{'File':<28}{'Consortium':<34}" + "".join(f"{s:>14}" for s in short) + f"{'Overall':>9}{'Total gap':>{w}}"
    ]
    # Names are escaped before they are padded, so a name with control characters keeps its row and the columns.
    for row in plan_rows(rows):
        if row.error:
            lines.append(f"{printable(row.path.name):<28}error: {printable(row.error)}")
            continue
        scores = "".join(f"{format_score(d.score):>14}" for d in row.domains)
        lines.append(
            f"{printable(row.path.name):<28}{printable(row.consortium[:33]):<34}{scores}"
            f"{format_score(row.overall):>9}{format_dollars(row.total_gap):>{w}}"
        )
    forms = form_rows(rows)
    if forms:
        lines.append("\nTeam members' forms in this folder (not counted as consortia):")
        lines.extend(f"  {printable(row.form_description())}" for row in forms)
    copies = copy_rows(rows)
    if copies:
        lines.append("\nSync conflict copies in this folder (merge each into its plan in the app):")
        lines.extend(f"  {printable(row.copy_description())}" for row in copies)
    lines.append(portfolio_summary(rows))
    return lines
