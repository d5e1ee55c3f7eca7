"""The plan as an editable Word document (.docx), for committees that edit the wording before they adopt.

Same sections and the same figures as the PDF, from the same context (:func:`planner.report.context.plan_context`),
with real Word headings and tables and the charts as pictures. Written by :mod:`planner.report.docx_writer`;
no WeasyPrint, no Qt.
User text goes in as text runs, never as markup, so it shows literally.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from planner.core.assessment.analysis import PlanAnalysis
from planner.core.assessment.compare import Comparison
from planner.core.assessment.scoring import format_score
from planner.core.funding.decision import DecisionSummary
from planner.core.model.errors import PlannerFileError
from planner.core.model.money import format_dollars, format_money
from planner.core.storage.storage import atomic_write
from planner.report.context import FILTERS, Chart, plan_context
from planner.report.docx_writer import WordWriter
from planner.report.raster import ChartDrawingError, svg_to_png

_date = FILTERS["longdate"]
_percent = FILTERS["percent"]
_signed_dollars = FILTERS["signed_dollars"]


def _table(
    doc: WordWriter,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric_from: int = 99,
    bold_last: bool = False,
    tall_rows: dict[int, float] | None = None,
) -> None:
    doc.table(header, rows, numeric_from=numeric_from, bold_last=bold_last, tall_rows=tall_rows)


def _page_break(doc: WordWriter) -> None:
    doc.page_break()


def _picture(doc: WordWriter, chart: Chart, width_in: float) -> None:
    """A chart as a PNG with its text alternative as the picture's description (alt text in Word)."""
    try:
        png = svg_to_png(chart.svg)
    except ChartDrawingError as exc:
        raise WordCopyError(f"chart {chart.alt[:60]!r}", str(exc)) from None
    doc.picture(png, width_in, chart.alt)


def build_docx(
    analysis: PlanAnalysis, generated: datetime | None = None, comparison: Comparison | None = None
) -> bytes:
    ctx: dict[str, Any] = plan_context(analysis, generated or datetime.now(UTC), comparison)
    name = ctx["profile"].consortium_name
    doc = WordWriter(title=f"Sustainability plan: {name}", author=name)
    _cover(doc, ctx)
    _brief(doc, ctx)
    _signoff(doc, ctx)
    _capacity(doc, ctx)
    _costs(doc, ctx)
    _funds(doc, ctx)
    _risks(doc, ctx)
    _actions(doc, ctx)
    if ctx["comparison"] is not None:
        _changes(doc, ctx["comparison"])
    if ctx["show_review"]:
        _review(doc, ctx)
    _appendix(doc, ctx)
    return doc.to_bytes()


def _cover(doc: WordWriter, ctx: dict[str, Any]) -> None:
    profile = ctx["profile"]
    doc.heading(profile.consortium_name, level=0)
    doc.paragraph("Sustainability plan: capacity self-assessment and shared-cost plan for the years after the grant")
    doc.paragraph(ctx["status_line"], bold=True)
    facts = [("Plan period", ctx["plan_period"])]
    if profile.fiscal_agent:
        facts.append(("Fiscal agent", profile.fiscal_agent))
    if profile.award is not None:
        facts.append(("Grant award", format_dollars(profile.award)))
    facts.append(("Prepared", _date(ctx["generated"])))
    _table(doc, ("", ""), facts)


def _the_ask(doc: WordWriter, decision: DecisionSummary) -> None:
    """What each partner is asked to pay, year by year, with the totals and each one's share."""
    doc.heading("The ask: what each partner is asked to pay", level=2)
    ask, grid = decision.ask, decision.ask_dollars
    rows = [
        (
            row.label,
            *(format_dollars(grid.cells[(row.key, y)]) for y in ask.years),
            format_dollars(grid.rows[row.key]),
            f"{row.share}%",
        )
        for row in ask.rows
    ]
    rows.append(
        (
            "Total",
            *(format_dollars(grid.years[y]) for y in ask.years),
            format_dollars(grid.total),
            "100%" if ask.rows else "–",
        )
    )
    _table(
        doc,
        ("Partner", *(ask.year_labels[y] for y in ask.years), "Total", "Share"),
        rows,
        numeric_from=1,
        bold_last=True,
    )


def _brief(doc: WordWriter, ctx: dict[str, Any]) -> None:
    decision = ctx["decision"]
    _page_break(doc)
    doc.heading("Decision brief", level=1)
    doc.paragraph(ctx["recommendation"])
    _table(
        doc,
        ("Plan period", "Total cost", "Committed", "Gap", "Asked of partners"),
        [
            (
                decision.period,
                format_dollars(decision.total_cost),
                format_dollars(decision.committed),
                format_dollars(decision.gap),
                format_dollars(decision.asked_of_partners),
            )
        ],
        numeric_from=1,
    )
    _the_ask(doc, decision)
    doc.heading("If nothing is decided", level=2)
    if decision.stops:
        _table(
            doc,
            ("Cost item", "Priority", "Stops in", "Unfunded that year"),
            [(s.item_name, s.priority.label, s.when, format_dollars(s.shortfall)) for s in decision.stops],
            numeric_from=3,
        )
    else:
        doc.paragraph("No cost item loses its funding: every item is paid for by committed money.")
    if decision.deadlines:
        doc.heading("By when each board must act", level=2)
        _table(
            doc,
            ("Partner", "Still to commit", "Act by", "Why this date"),
            [
                (d.partner.name, format_dollars(d.amount), _date(d.deadline) or "Agree a date", d.basis)
                for d in decision.deadlines
            ],
        )
    doc.heading("Capacity to carry the work", level=2)
    capacity = ctx["capacity"]
    _table(
        doc,
        ("Capacity", "Score", "Band", "Rated"),
        [
            (d.instrument.title, format_score(d.score), d.band.label if d.band else "–", f"{d.rated}/{d.total}")
            for d in capacity.domains
        ],
    )
    _picture(doc, ctx["charts"]["capacity"], 5.0)
    doc.heading("Top priorities", level=2)
    doc.numbered(
        [
            f"{p.criterion.criterion.title} ({p.domain.instrument.short_title}, {format_score(p.criterion.mean)}): "
            f"next, {p.criterion.first_step}"
            for p in ctx["brief_priorities"]
        ]
    )
    doc.heading("Decisions requested", level=2)
    doc.numbered(list(ctx["doc"].decisions))


def _signoff(doc: WordWriter, ctx: dict[str, Any]) -> None:
    adoption = ctx["adoption"]
    _page_break(doc)
    doc.heading("Adoption and sign-off", level=1)
    doc.heading("Resolution", level=2)
    doc.paragraph(f"Motion. {ctx['motion']}")

    def count(value: int | None) -> str:
        return "____" if value is None else str(value)

    _table(
        doc,
        ("Record", "Entry"),
        [
            ("Moved by", adoption.moved_by),
            ("Seconded by", adoption.seconded_by),
            (
                "Vote",
                f"For {count(adoption.votes_for)} · Against {count(adoption.votes_against)} · "
                f"Abstaining {count(adoption.abstentions)}",
            ),
            ("Date adopted", _date(adoption.adopted_on)),
        ],
    )
    doc.heading("Signatures, one per partner", level=2)
    rows = ctx["decision"].signatures or [None, None]
    for row in rows:
        partner = row.partner.name if row else "Partner"
        member = row.member if row else None
        # Name, title, signature and date on lines of their own; the signature row 0.6 in tall.
        _table(
            doc,
            (partner, ""),
            [
                ("Name", member.name if member else ""),
                ("Title", member.title if member else ""),
                ("Signature", ""),
                ("Date", ""),
            ],
            tall_rows={2: 0.6},
        )


def _capacity(doc: WordWriter, ctx: dict[str, Any]) -> None:
    capacity = ctx["capacity"]
    _page_break(doc)
    doc.heading("Capacity profile", level=1)
    _picture(doc, ctx["charts"]["capacity"], 6.0)
    doc.heading("Every criterion at a glance", level=2)
    _picture(doc, ctx["charts"]["heat"], 6.0)
    for domain in capacity.domains:
        doc.heading(domain.instrument.title, level=2)
        band = f" · {domain.band.label}" if domain.band else ""
        doc.paragraph(f"Score {format_score(domain.score)}{band} · {domain.rated} rated, {domain.na} N/A")
        rows = []
        for c in domain.criteria:
            if c.status.value == "rated":
                result = f"{format_score(c.mean)} · {c.level_label}"
            else:
                result = "N/A" if c.status.value == "na" else "Not rated"
            rows.append((c.criterion.title, result, _evidence(c, ctx["anonymous"])))
        _table(doc, ("Criterion", "Result", "Evidence and notes"), rows)


def _evidence(criterion: Any, anonymous: bool) -> str:
    """What respondents wrote; in an anonymous team plan without their names, as in the PDF."""
    lines = []
    for answer in criterion.answers:
        said = " ".join(t for t in (answer.rating.evidence, answer.rating.notes) if t)
        if said:
            lines.append(said if anonymous else f"{answer.respondent.name}: {said}")
    return "\n".join(lines)


def _costs(doc: WordWriter, ctx: dict[str, Any]) -> None:
    funding = ctx["funding"]
    _page_break(doc)
    doc.heading("Shared-cost plan", level=1)
    doc.paragraph(
        "Only committed money (in an adopted budget or signed agreement) closes a year's gap. Pledged and proposed "
        "money shows what could close it."
    )
    doc.heading("Cost items by year", level=2)
    years = funding.years
    rows = [
        (
            f"{iy.item.name} ({iy.item.priority.label})",
            *(format_money(iy.cost[y.year]) for y in years),
            format_money(iy.total_cost),
        )
        for iy in funding.items
    ]
    rows.append(("Total cost", *(format_money(y.cost) for y in years), format_money(funding.total_cost)))
    _table(doc, ("Cost item", *(f"Year {y.year}" for y in years), "Total"), rows, numeric_from=1, bold_last=True)
    doc.heading("The gap per year", level=2)
    _picture(doc, ctx["charts"]["gap"], 6.0)
    _table(
        doc,
        ("Plan year", "Cost", "Committed", "Pledged", "Proposed", "Gap"),
        [
            (
                y.label,
                format_dollars(y.cost),
                format_dollars(y.committed),
                format_dollars(y.pledged),
                format_dollars(y.proposed),
                format_dollars(y.gap),
            )
            for y in years
        ],
        numeric_from=1,
    )


def _funds(doc: WordWriter, ctx: dict[str, Any]) -> None:
    decision = ctx["decision"]
    _page_break(doc)
    doc.heading("Who pays from which fund", level=1)
    doc.heading("The mix of funds", level=2)
    _table(
        doc,
        ("Kind of fund", "Planned", "Committed", "Share", "Match"),
        [
            (m.fund.label, format_dollars(m.total), format_dollars(m.committed), f"{m.share}%", m.match_note)
            for m in decision.fund_mix
        ],
        numeric_from=1,
    )
    if decision.fund_mix:
        _picture(doc, ctx["charts"]["funds"], 5.5)
    doc.heading("Commitments by partner", level=2)
    for group in decision.sources:
        doc.heading(f"{group.partner.name} · {format_money(group.total)}", level=3)
        _table(
            doc,
            ("Plan year", "Cost item", "Kind of fund", "Source as written", "Status", "Amount"),
            [
                (
                    line.year_label,
                    line.item_name,
                    line.commitment.fund.label,
                    line.commitment.source,
                    line.commitment.status.label,
                    format_money(line.commitment.amount),
                )
                for line in group.lines
            ],
            numeric_from=5,
        )


def _risks(doc: WordWriter, ctx: dict[str, Any]) -> None:
    """The PDF's Risks to the plan (templates/partials/risks.html.j2), as Word headings, tables and pictures."""
    _page_break(doc)
    doc.heading("Risks to the plan", level=1)
    doc.paragraph(
        "A shared-cost plan counts on every partner keeping its word. The stress test takes each partner out of the "
        "plan in turn; the scenarios the committee asked about follow. Only committed money closes a gap. When money "
        "runs short, each year's committed money is assumed to go to the keep-first items first; the items it does "
        "not reach lose their funding."
    )
    doc.heading("If one partner withdraws", level=2)
    _table(
        doc,
        ("Rank", "Partner", "Committed", "Gap grows by", "Of the cost", "Keep-first items only it keeps funded"),
        [
            (
                str(row.rank),
                row.partner.name,
                format_dollars(row.committed),
                format_dollars(row.gap_increase),
                _percent(row.share_of_cost),
                "; ".join(f"{f.item.name}, from {f.year_label}" for f in row.keep_first_newly_lost) or "–",
            )
            for row in ctx["stress"].rows
        ],
        numeric_from=2,
    )
    for printed in ctx["risk_scenarios"]:
        result = printed.result
        doc.heading(f"If: {result.scenario.name}", level=2)
        for line in printed.assumptions:
            doc.paragraph(f"• {line}")
        _picture(doc, printed.chart, 5.5)
        rows = [
            (y.label, format_dollars(y.base.gap), format_dollars(y.scenario.gap), _signed_dollars(y.gap_change))
            for y in result.years
        ]
        rows.append(
            (
                "Total",
                format_dollars(result.base_total_gap),
                format_dollars(result.total_gap),
                _signed_dollars(result.gap_change),
            )
        )
        _table(
            doc,
            ("Plan year", "Gap in the base plan", "Gap in this scenario", "Change"),
            rows,
            numeric_from=1,
            bold_last=True,
        )
        losses = "; ".join(
            f"{f.year_label}: {f.item.name} ({f.priority.label.lower()}), short {format_dollars(f.shortfall)}"
            for f in printed.first_losses
        )
        more = f"; and {printed.more_losses} more" if printed.more_losses else ""
        doc.paragraph(
            f"Lose funding first: {losses}{more}." if losses else "Every cost item keeps its funding in this scenario."
        )
        for note in result.notes:
            doc.paragraph(note)
    if not ctx["risk_scenarios"]:
        doc.paragraph(
            "No scenario is marked for print. In the app's What-if scenarios section, tick \"Print in the plan's Risks "
            'section" for the ones the committee should see.'
        )


def _actions(doc: WordWriter, ctx: dict[str, Any]) -> None:
    document, partners, titles = ctx["doc"], ctx["partners"], ctx["criterion_titles"]
    _page_break(doc)
    doc.heading("Action plan", level=1)
    _table(
        doc,
        ("Action", "Criterion", "Owner", "Start", "Due", "Status"),
        [
            (
                a.action,
                titles.get(a.criterion_id, "") if a.criterion_id else "",
                partners[a.owner_partner_id].name if a.owner_partner_id in partners else "",
                _date(a.start),
                _date(a.due),
                a.status.label,
            )
            for a in document.actions
        ],
    )


def _changes(doc: WordWriter, comparison: Comparison) -> None:
    signed = FILTERS["signed"]
    _page_break(doc)
    doc.heading("What changed since the last plan", level=1)
    doc.paragraph(f"Compared with the plan saved on {comparison.baseline_modified}.")
    rows = []
    overall = comparison.overall
    rows.append((overall.title, format_score(overall.before), format_score(overall.after), signed(overall.change)))
    for d in comparison.domains:
        rows.append(
            (d.domain.title, format_score(d.domain.before), format_score(d.domain.after), signed(d.domain.change))
        )
        rows.extend(
            (f"    {c.title}", format_score(c.before), format_score(c.after), signed(c.change)) for c in d.criteria
        )
    _table(doc, ("Capacity and criterion", "Before", "After", "Change"), rows, numeric_from=1)
    doc.heading("The funding gap, before and after", level=2)

    def money(value: Decimal | None) -> str:
        return "–" if value is None else format_dollars(value)

    _table(
        doc,
        ("Plan year", "Gap before", "Gap now", "Change"),
        [
            (g.after_label or g.before_label or "", money(g.before), money(g.after), money(g.change))
            for g in comparison.gaps
        ],
        numeric_from=1,
    )


def _review(doc: WordWriter, ctx: dict[str, Any]) -> None:
    review = ctx["doc"].review
    _page_break(doc)
    doc.heading("Coach review", level=1)
    doc.paragraph(f"{'Reviewed by ' + review.reviewer + '. ' if review.reviewer else ''}Status: {review.status.label}.")
    if review.overall_notes:
        doc.paragraph(review.overall_notes)
    _table(
        doc,
        ("Criterion", "Self-rating", "Coach", "Coach's comment and the consortium's answer"),
        [
            (
                row["criterion"].criterion.title,
                format_score(row["criterion"].mean),
                "–" if row["suggestion"].level is None else str(row["suggestion"].level),
                row["suggestion"].comment
                + (f"\nAnswer: {row['suggestion'].answer}" if row["suggestion"].answer else ""),
            )
            for row in ctx["review_rows"]
        ],
    )


def _appendix(doc: WordWriter, ctx: dict[str, Any]) -> None:
    method = ctx["method"]
    _page_break(doc)
    doc.heading("Appendix", level=1)
    doc.heading("How the capacities were rated", level=2)
    sectors = ", ".join(f"{sector} {n}" for sector, n in method.by_sector)
    doc.paragraph(
        f"{method.respondents} {'person' if method.respondents == 1 else 'people'} rated the criteria. By sector: "
        f"{sectors}. The ratings were recorded between {_date(method.first_saved)} and {_date(method.last_saved)}, "
        f"on {', '.join(method.instruments)}."
    )
    doc.paragraph(
        "These are self-ratings by the people who run the work: they show where the partners see strength and risk; "
        "they are not an audit, and a rating is only as good as the evidence written beside it."
    )
    doc.heading("Partners", level=2)
    _table(doc, ("Partner", "Sector", "Role"), [(p.name, p.sector.label, p.role) for p in ctx["doc"].partners])
    doc.heading("Scale and bands", level=2)
    for group in ctx["band_groups"]:
        _table(
            doc, ("Band", "Mean score", "Meaning"), [(b.label, f"{b.min} to {b.max}", b.meaning) for b in group.bands]
        )


class WordCopyError(Exception):
    """A value the Word copy cannot hold: where in the plan it is, and what is wrong."""

    def __init__(self, where: str, what: str) -> None:
        super().__init__(f"{where}: {what}")
        self.where, self.what = where, what


def render_docx_file(analysis: PlanAnalysis, output: Path, comparison: Comparison | None = None) -> None:
    """Build the whole Word copy, then write it atomically: a value it cannot hold is a clean ``file: where: what``
    (:class:`PlannerFileError`) and no file, never a traceback or half a file."""
    try:
        data = build_docx(analysis, comparison=comparison)
    except WordCopyError as exc:
        raise PlannerFileError(str(output), exc.where, exc.what) from None
    atomic_write(output, data)
