"""The text tables the batch commands print: scores and comparisons (the stress test and scenarios are
:mod:`planner.core.funding.plain_text`)."""

from __future__ import annotations

from collections.abc import Sequence

from planner.core.assessment.analysis import PlanAnalysis
from planner.core.assessment.compare import Comparison, ScoreChange, format_change
from planner.core.assessment.portfolio import (
    PortfolioRow,
    form_rows,
    plan_rows,
    portfolio_columns,
    portfolio_summary,
)
from planner.core.assessment.scoring import format_score
from planner.core.funding.ledger import PERCENT_BASE, Baseline
from planner.core.funding.plain_text import signed_dollars
from planner.core.model.money import format_dollars


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
                lines.append(f"     next: {c.next_steps[0]}")
    lines += [
        "",
        f"{'Funding':<24}{'Cost':>13}{'Committed':>13}{'Pledged':>13}{'Proposed':>13}{'Gap':>13}{'If all came':>13}",
    ]
    for y in funding.years:
        lines.append(
            f"{y.label:<24}{format_dollars(y.cost):>13}{format_dollars(y.committed):>13}"
            f"{format_dollars(y.pledged):>13}{format_dollars(y.proposed):>13}{format_dollars(y.gap):>13}"
            f"{format_dollars(y.gap_as_planned):>13}"
        )
    lines.append(f"  ({Baseline.COMMITTED_ONLY.sentence} If all came: {Baseline.AS_PLANNED.sentence})")
    if funding.partners:
        lines += ["", f"{'Partner':<44}{'Committed':>13}{'Still to commit':>17}{'Total share':>13}{'% of cost':>11}"]
        lines.extend(
            f"{s.label[:43]:<44}{format_dollars(s.committed):>13}{format_dollars(s.still_to_commit):>17}"
            f"{format_dollars(s.total):>13}{s.percent:>10}%"
            for s in funding.partners
        )
        lines.append(f"  (% of cost: total share as a percentage {PERCENT_BASE}.)")
    if funding.warnings:
        lines += ["", "Warnings"]
        lines.extend(f"  - {w.message}" for w in funding.warnings)
    return "\n".join(lines)


def comparison_table(result: Comparison) -> str:
    def row(change: ScoreChange, indent: str) -> str:
        moved = format_change(change.change, "")
        return (
            f"{indent}{change.title:<{52 - len(indent)}}{format_score(change.before):>7}{format_score(change.after):>7}"
            f"{moved:>8}  {change.direction.arrow} {change.direction.value}"
        )

    lines = [f"Baseline: {result.baseline_name}, saved {result.baseline_modified}", ""]
    lines.append(f"{'':<52}{'Before':>7}{'After':>7}{'Change':>8}")
    lines.append(row(result.overall, ""))
    for domain in result.domains:
        lines.append(row(domain.domain, ""))
        lines.extend(row(c, "  ") for c in domain.criteria)
    lines += ["", f"{'Funding gap':<24}{'Before':>16}{'After':>16}{'Change':>16}"]
    for gap in result.gaps:
        label = gap.after_label or gap.before_label or f"Year {gap.year}"
        before = "-" if gap.before is None else format_dollars(gap.before)
        after = "-" if gap.after is None else format_dollars(gap.after)
        change = "" if gap.change is None else signed_dollars(gap.change)
        lines.append(f"{label:<24}{before:>16}{after:>16}{change:>16}")
    return "\n".join(lines)


def portfolio_lines(rows: Sequence[PortfolioRow]) -> list[str]:
    """One line per plan (broken files last, so the readable plans stay together), team forms, then the summary."""
    titles, _years = portfolio_columns(rows)
    short = [t.split()[0][:12] for t in titles]
    lines = [
        f"{'File':<28}{'Consortium':<34}" + "".join(f"{s:>14}" for s in short) + f"{'Overall':>9}{'Total gap':>16}"
    ]
    for row in plan_rows(rows):
        if row.error:
            lines.append(f"{row.path.name:<28}error: {row.error}")
            continue
        scores = "".join(f"{format_score(d.score):>14}" for d in row.domains)
        lines.append(
            f"{row.path.name:<28}{row.consortium[:33]:<34}{scores}{format_score(row.overall):>9}{format_dollars(row.total_gap):>16}"
        )
    forms = form_rows(rows)
    if forms:
        lines.append("\nTeam members' forms in this folder (not counted as consortia):")
        lines.extend(f"  {row.form_description()}" for row in forms)
    lines.append(portfolio_summary(rows))
    return lines
