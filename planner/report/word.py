"""The plan as an editable Word document (.docx), for committees that edit the wording before they adopt.

Same sections and the same figures as the PDF, from the same context (:func:`planner.report.context.plan_context`),
with real Word headings and tables and the charts as pictures. Built with python-docx; no WeasyPrint, no Qt.
User text goes in as text runs, never as markup, so it shows literally.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Inches, Pt
from docx.table import Table

from planner.core.analysis import PlanAnalysis
from planner.core.compare import Comparison
from planner.core.money import format_dollars, format_money
from planner.core.scoring import format_score
from planner.core.storage import atomic_write
from planner.report.context import FILTERS, Chart, plan_context
from planner.report.raster import svg_to_png

_date = FILTERS["longdate"]
_percent = FILTERS["percent"]
_signed_dollars = FILTERS["signed_dollars"]


def _table(doc: WordDocument, header: Sequence[str], rows: Sequence[Sequence[str]], numeric_from: int = 99) -> Table:
    """A table whose first row is a repeating header row (Word marks it as the table's header for screen readers)."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _mark_header(table)
    for row in rows:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, row, strict=True)):
            cell.text = text
            if index >= numeric_from:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for index in range(numeric_from, len(header)):
        table.rows[0].cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    made: Table = table
    return made


def _page_break(doc: WordDocument) -> None:
    doc.add_page_break()  # type: ignore[no-untyped-call]  # python-docx leaves this one unannotated


def _mark_header(table: Table) -> None:
    from docx.oxml import OxmlElement

    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)


def _bold_last_row(table: Table) -> None:
    for cell in table.rows[-1].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _picture(doc: WordDocument, chart: Chart, width_in: float) -> None:
    """A chart as a PNG with its text alternative as the picture's description (alt text in Word)."""
    doc.add_picture(io.BytesIO(svg_to_png(chart.svg)), width=Inches(width_in))
    doc.inline_shapes[-1]._inline.docPr.set("descr", chart.alt)


def build_docx(
    analysis: PlanAnalysis, generated: datetime | None = None, comparison: Comparison | None = None
) -> bytes:
    ctx: dict[str, Any] = plan_context(analysis, generated or datetime.now(UTC), comparison)
    doc = new_docx()
    doc.core_properties.title = f"Sustainability plan: {ctx['profile'].consortium_name}"
    doc.core_properties.author = ctx["profile"].consortium_name
    doc.core_properties.language = "en-US"
    doc.styles["Normal"].font.size = Pt(10)
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
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _cover(doc: WordDocument, ctx: dict[str, Any]) -> None:
    profile = ctx["profile"]
    doc.add_heading(profile.consortium_name, level=0)
    doc.add_paragraph(
        "Sustainability plan: capacity self-assessment and shared-cost plan for the years after the grant"
    )
    doc.add_paragraph(ctx["status_line"]).runs[0].bold = True
    facts = [("Plan period", ctx["plan_period"])]
    if profile.fiscal_agent:
        facts.append(("Fiscal agent", profile.fiscal_agent))
    if profile.award is not None:
        facts.append(("Grant award", format_dollars(profile.award)))
    facts.append(("Prepared", _date(ctx["generated"])))
    _table(doc, ("", ""), facts)


def _brief(doc: WordDocument, ctx: dict[str, Any]) -> None:
    decision = ctx["decision"]
    _page_break(doc)
    doc.add_heading("Decision brief", level=1)
    doc.add_paragraph(ctx["recommendation"])
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
    doc.add_heading("The ask: what each partner is asked to pay", level=2)
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
    table = _table(doc, ("Partner", *(ask.year_labels[y] for y in ask.years), "Total", "Share"), rows, numeric_from=1)
    _bold_last_row(table)
    doc.add_heading("If nothing is decided", level=2)
    if decision.stops:
        _table(
            doc,
            ("Cost item", "Priority", "Stops in", "Unfunded that year"),
            [(s.item_name, s.priority.label, s.when, format_dollars(s.shortfall)) for s in decision.stops],
            numeric_from=3,
        )
    else:
        doc.add_paragraph("No cost item loses its funding: every item is paid for by committed money.")
    if decision.deadlines:
        doc.add_heading("By when each board must act", level=2)
        _table(
            doc,
            ("Partner", "Still to commit", "Act by", "Why this date"),
            [
                (d.partner.name, format_dollars(d.amount), _date(d.deadline) or "Agree a date", d.basis)
                for d in decision.deadlines
            ],
        )
    doc.add_heading("Capacity to carry the work", level=2)
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
    doc.add_heading("Top priorities", level=2)
    for p in ctx["brief_priorities"]:
        doc.add_paragraph(
            f"{p.criterion.criterion.title} ({p.domain.instrument.short_title}, {format_score(p.criterion.mean)}): "
            f"next, {p.criterion.next_steps[0]}",
            style="List Number",
        )
    doc.add_heading("Decisions requested", level=2)
    for decision_text in ctx["doc"].decisions:
        doc.add_paragraph(decision_text, style="List Number")


def _signoff(doc: WordDocument, ctx: dict[str, Any]) -> None:
    adoption = ctx["adoption"]
    _page_break(doc)
    doc.add_heading("Adoption and sign-off", level=1)
    doc.add_heading("Resolution", level=2)
    doc.add_paragraph(f"Motion. {ctx['motion']}")

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
    doc.add_heading("Signatures, one per partner", level=2)
    rows = ctx["decision"].signatures or [None, None]
    for row in rows:
        partner = row.partner.name if row else "Partner"
        member = row.member if row else None
        table = _table(
            doc,
            (partner, ""),
            [
                ("Name", member.name if member else ""),
                ("Title", member.title if member else ""),
                ("Signature", ""),
                ("Date", ""),
            ],
        )
        table.rows[3].height = Inches(0.6)
        doc.add_paragraph()


def _capacity(doc: WordDocument, ctx: dict[str, Any]) -> None:
    capacity = ctx["capacity"]
    _page_break(doc)
    doc.add_heading("Capacity profile", level=1)
    _picture(doc, ctx["charts"]["capacity"], 6.0)
    doc.add_heading("Every criterion at a glance", level=2)
    _picture(doc, ctx["charts"]["heat"], 6.0)
    for domain in capacity.domains:
        doc.add_heading(domain.instrument.title, level=2)
        band = f" · {domain.band.label}" if domain.band else ""
        doc.add_paragraph(f"Score {format_score(domain.score)}{band} · {domain.rated} rated, {domain.na} N/A")
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


def _costs(doc: WordDocument, ctx: dict[str, Any]) -> None:
    funding = ctx["funding"]
    _page_break(doc)
    doc.add_heading("Shared-cost plan", level=1)
    doc.add_paragraph(
        "Only committed money (in an adopted budget or signed agreement) closes a year's gap. Pledged and proposed "
        "money shows what could close it."
    )
    doc.add_heading("Cost items by year", level=2)
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
    _bold_last_row(_table(doc, ("Cost item", *(f"Year {y.year}" for y in years), "Total"), rows, numeric_from=1))
    doc.add_heading("The gap per year", level=2)
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


def _funds(doc: WordDocument, ctx: dict[str, Any]) -> None:
    decision = ctx["decision"]
    _page_break(doc)
    doc.add_heading("Who pays from which fund", level=1)
    doc.add_heading("The mix of funds", level=2)
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
    doc.add_heading("Commitments by partner", level=2)
    for group in decision.sources:
        doc.add_heading(f"{group.partner.name} · {format_money(group.total)}", level=3)
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


def _risks(doc: WordDocument, ctx: dict[str, Any]) -> None:
    """The PDF's Risks to the plan (templates/partials/risks.html.j2), as Word headings, tables and pictures."""
    _page_break(doc)
    doc.add_heading("Risks to the plan", level=1)
    doc.add_paragraph(
        "A shared-cost plan counts on every partner keeping its word. The stress test takes each partner out of the "
        "plan in turn; the scenarios the committee asked about follow. Only committed money closes a gap. When money "
        "runs short, each year's committed money is assumed to go to the keep-first items first; the items it does "
        "not reach lose their funding."
    )
    doc.add_heading("If one partner withdraws", level=2)
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
        doc.add_heading(f"If: {result.scenario.name}", level=2)
        for line in printed.assumptions:
            doc.add_paragraph(line, style="List Bullet")
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
        _bold_last_row(
            _table(doc, ("Plan year", "Gap in the base plan", "Gap in this scenario", "Change"), rows, numeric_from=1)
        )
        losses = "; ".join(
            f"{f.year_label}: {f.item.name} ({f.priority.label.lower()}), short {format_dollars(f.shortfall)}"
            for f in printed.first_losses
        )
        more = f"; and {printed.more_losses} more" if printed.more_losses else ""
        doc.add_paragraph(
            f"Lose funding first: {losses}{more}." if losses else "Every cost item keeps its funding in this scenario."
        )
        for note in result.notes:
            doc.add_paragraph(note)
    if not ctx["risk_scenarios"]:
        doc.add_paragraph(
            "No scenario is marked for print. In the app's What-if scenarios section, tick \"Print in the plan's Risks "
            'section" for the ones the committee should see.'
        )


def _actions(doc: WordDocument, ctx: dict[str, Any]) -> None:
    document, partners, titles = ctx["doc"], ctx["partners"], ctx["criterion_titles"]
    _page_break(doc)
    doc.add_heading("Action plan", level=1)
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


def _changes(doc: WordDocument, comparison: Comparison) -> None:
    signed = FILTERS["signed"]
    _page_break(doc)
    doc.add_heading("What changed since the last plan", level=1)
    doc.add_paragraph(f"Compared with the plan saved on {comparison.baseline_modified}.")
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
    doc.add_heading("The funding gap, before and after", level=2)

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


def _review(doc: WordDocument, ctx: dict[str, Any]) -> None:
    review = ctx["doc"].review
    _page_break(doc)
    doc.add_heading("Coach review", level=1)
    doc.add_paragraph(
        f"{'Reviewed by ' + review.reviewer + '. ' if review.reviewer else ''}Status: {review.status.label}."
    )
    if review.overall_notes:
        doc.add_paragraph(review.overall_notes)
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


def _appendix(doc: WordDocument, ctx: dict[str, Any]) -> None:
    method = ctx["method"]
    _page_break(doc)
    doc.add_heading("Appendix", level=1)
    doc.add_heading("How the capacities were rated", level=2)
    sectors = ", ".join(f"{sector} {n}" for sector, n in method.by_sector)
    doc.add_paragraph(
        f"{method.respondents} {'person' if method.respondents == 1 else 'people'} rated the criteria. By sector: "
        f"{sectors}. The ratings were recorded between {_date(method.first_saved)} and {_date(method.last_saved)}, "
        f"on {', '.join(method.instruments)}."
    )
    doc.add_paragraph(
        "These are self-ratings by the people who run the work: they show where the partners see strength and risk; "
        "they are not an audit, and a rating is only as good as the evidence written beside it."
    )
    doc.add_heading("Partners", level=2)
    _table(doc, ("Partner", "Sector", "Role"), [(p.name, p.sector.label, p.role) for p in ctx["doc"].partners])
    doc.add_heading("Scale and bands", level=2)
    for group in ctx["band_groups"]:
        _table(
            doc, ("Band", "Mean score", "Meaning"), [(b.label, f"{b.min} to {b.max}", b.meaning) for b in group.bands]
        )


def render_docx_file(analysis: PlanAnalysis, output: Path, comparison: Comparison | None = None) -> None:
    atomic_write(output, build_docx(analysis, comparison=comparison))
