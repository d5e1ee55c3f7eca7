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
from planner.core.funding.scenarios import ScenarioResult, StressTest, describe_assumptions
from planner.core.model.document import Document
from planner.core.model.money import MINUS, format_money
from planner.core.model.text import printable

# A money column is at least this wide, and wider when an amount needs it ($2,999,999,999.97 is 17 characters).
MONEY_WIDTH = 15


def money_width(amounts: Iterable[Decimal | None], at_least: int = MONEY_WIDTH) -> int:
    """The width of a money column: room for its longest amount and two spaces before it."""
    return max([at_least, *(len(format_money(a)) + 2 for a in amounts if a is not None)])


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
    w = money_width(a for y in funding.years for a in (y.cost, y.committed, y.pledged, y.proposed, y.gap))
    lines += ["", f"{'Funding':<24}{'Cost':>{w}}{'Committed':>{w}}{'Pledged':>{w}}{'Proposed':>{w}}{'Gap':>{w}}"]
    for y in funding.years:
        lines.append(
            f"{y.label:<24}{format_money(y.cost):>{w}}{format_money(y.committed):>{w}}"
            f"{format_money(y.pledged):>{w}}{format_money(y.proposed):>{w}}{format_money(y.gap):>{w}}"
        )
    if funding.warnings:
        lines += ["", "Warnings"]
        lines.extend(f"  - {w.message}" for w in funding.warnings)
    return "\n".join(lines)


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
        before = "-" if gap.before is None else format_money(gap.before)
        after = "-" if gap.after is None else format_money(gap.after)
        change = "" if gap.change is None else format_money(gap.change)
        lines.append(f"{label:<24}{before:>{w}}{after:>{w}}{change:>{w}}")
    return "\n".join(lines)


def _share_text(fraction: Decimal) -> str:
    return f"{fraction * 100:.1f}%"


def stress_table(stress: StressTest) -> list[str]:
    lines = [
        "Stress test: each partner withdraws from year 1, one at a time",
        f"Total cost {format_money(stress.total_cost)}; gap today {format_money(stress.base_total_gap)} "
        "(only committed money closes a gap)",
        "",
    ]
    w = money_width(a for r in stress.rows for a in (r.committed, r.planned, r.gap_increase))
    lines.append(f"{'Rank':>4}  {'Partner':<42}{'Committed':>{w}}{'Planned':>{w}}{'Gap grows by':>{w}}{'Of cost':>9}")
    for row in stress.rows:
        lines.append(
            f"{row.rank:>4}  {printable(row.partner.name[:41]):<42}{format_money(row.committed):>{w}}"
            f"{format_money(row.planned):>{w}}{format_money(row.gap_increase):>{w}}{_share_text(row.share_of_cost):>9}"
        )
        kept = row.keep_first_newly_lost
        if kept:
            items = "; ".join(f"{f.item.name} from {f.year_label}" for f in kept)
            lines.append(f"{'':>6}single point of failure for keep-first items: {items}")
    return lines


def scenario_table(document: Document, result: ScenarioResult) -> list[str]:
    lines = [f"Scenario: {result.scenario.name}"]
    lines.extend(f"  - {line}" for line in describe_assumptions(document, result.scenario))
    funding = result.funding
    totals = (funding.total_cost, funding.total_committed, result.base_total_gap, result.total_gap, result.gap_change)
    w = money_width(totals)  # a total is at least as long as the years' amounts it adds up
    w = max(w, money_width(a for y in result.years for a in (y.base.gap, y.scenario.gap, y.gap_change)))
    lines += ["", f"  {'':<24}{'Cost':>{w}}{'Committed':>{w}}{'Base gap':>{w}}{'Scenario gap':>{w}}{'Change':>{w}}"]
    for y in result.years:
        lines.append(
            f"  {y.label:<24}{format_money(y.scenario.cost):>{w}}{format_money(y.scenario.committed):>{w}}"
            f"{format_money(y.base.gap):>{w}}{format_money(y.scenario.gap):>{w}}{format_money(y.gap_change):>{w}}"
        )
    lines.append(f"  {'Total':<24}" + "".join(f"{format_money(a):>{w}}" for a in totals))
    if result.lost:
        lines += ["", "  Lose funding first (committed money goes to keep-first items first):"]
        lines.extend(
            f"    {f.year_label}: {f.item.name} ({f.priority.label.lower()}), short {format_money(f.shortfall)} "
            f"of {format_money(f.cost)}"
            for f in result.lost
        )
    if result.share_changes:
        lines += ["", "  Shares of the planned money that move most:"]
        lines.extend(
            f"    {c.label}: {_share_text(c.base_fraction)} to {_share_text(c.scenario_fraction)} "
            f"({c.points:+.1f} points)".replace("-", MINUS)
            for c in result.share_changes[:5]
        )
    lines.extend(f"  note: {note}" for note in result.notes)
    return lines


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
            f"{format_score(row.overall):>9}{format_money(row.total_gap):>{w}}"
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
