"""The money sections of the Word copy: the brief's figures, the shared-cost plan, the funds and the risks, in the
same words and figures as the printed plan (every figure from the ledger, every heading from
:mod:`planner.core.funding.wording`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from planner.core.funding.costs import ZERO
from planner.core.model.money import format_dollars, format_money
from planner.report.context import FILTERS, Chart
from planner.report.docx_writer import WordWriter
from planner.report.raster import svg_to_png

_date = FILTERS["longdate"]
_percent = FILTERS["percent"]
_signed_dollars = FILTERS["signed_dollars"]


def _table(doc: WordWriter, header: Sequence[str], rows: Sequence[Sequence[str]], numeric_from: int = 99,
           bold_last: bool = False) -> None:  # fmt: skip
    doc.table(header, rows, numeric_from=numeric_from, bold_last=bold_last)


def _picture(doc: WordWriter, chart: Chart, width_in: float) -> None:
    doc.picture(svg_to_png(chart.svg), width_in, chart.alt)


def brief_money(doc: WordWriter, ctx: dict[str, Any]) -> None:
    """The brief's key figures, the ask, what stops if nothing is decided and the boards' dates."""
    decision = ctx["decision"]
    words = ctx["words"]
    grid = decision.ask_dollars
    _table(
        doc,
        ("Plan period", "Total cost", "Committed", words["KEY_GAP"], "Still to commit"),
        [
            (
                decision.period,
                format_dollars(decision.total_cost),
                format_dollars(grid.committed_total),
                format_dollars(decision.gap),
                format_dollars(grid.total),
            )
        ],
        numeric_from=1,
    )
    _the_ask(doc, ctx)
    _stops_and_deadlines(doc, ctx)


def _the_ask(doc: WordWriter, ctx: dict[str, Any]) -> None:
    decision, words = ctx["decision"], ctx["words"]
    ask, grid = decision.ask, decision.ask_dollars
    doc.heading(words["ASK_HEADING"], level=2)
    rows = [
        (
            row.label,
            *(format_dollars(grid.cells[(row.key, y)]) for y in ask.years),
            format_dollars(grid.rows[row.key]),
            format_dollars(grid.committed[row.key]),
            format_dollars(grid.total_share[row.key]),
            f"{row.percent}%",
        )
        for row in ask.rows
    ]
    rows.append(
        (
            "Total",
            *(format_dollars(grid.years[y]) for y in ask.years),
            format_dollars(grid.total),
            format_dollars(grid.committed_total),
            format_dollars(grid.total_share_total),
            f"{sum(r.percent for r in ask.rows)}%" if ask.rows else "–",
        )
    )
    _table(
        doc,
        (
            "Partner",
            *(f"Still to commit, {ask.year_labels[y]}" for y in ask.years),
            "Still to commit",
            "Committed",
            "Total share",
            words["PERCENT_HEADING"],
        ),
        rows,
        numeric_from=1,
        bold_last=True,
    )
    doc.paragraph(words["ASK_NOTE"])


def _stops_and_deadlines(doc: WordWriter, ctx: dict[str, Any]) -> None:
    decision, words = ctx["decision"], ctx["words"]
    doc.heading("If nothing is decided", level=2)
    if decision.stops:
        doc.paragraph(words["STOPS_INTRO"])
        _table(
            doc,
            ("Cost item", "Priority", "Stops in", "Short that year"),
            [(s.item_name, s.priority.label, s.when, format_dollars(s.shortfall)) for s in decision.stops],
            numeric_from=3,
        )
    else:
        doc.paragraph("No cost item loses its funding: every item is paid for by money committed to it.")
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


def costs(doc: WordWriter, ctx: dict[str, Any]) -> None:
    funding, words = ctx["funding"], ctx["words"]
    doc.page_break()
    doc.heading("Shared-cost plan", level=1)
    doc.paragraph(words["COSTS_INTRO"])
    doc.paragraph(words["BASELINES_NOTE"])
    doc.heading("Cost items by fiscal year", level=2)
    years = funding.years
    rows = [
        (
            f"{iy.item.name} ({iy.item.priority.label})",
            *(format_dollars(iy.cost[y.year]) for y in years),
            format_dollars(iy.total_cost),
        )
        for iy in funding.items
    ]
    rows.append(("Total cost", *(format_dollars(y.cost) for y in years), format_dollars(funding.total_cost)))
    _table(doc, ("Cost item", *(y.label for y in years), "Total"), rows, numeric_from=1, bold_last=True)
    doc.heading(words["PARTNERS_HEADING"], level=2)
    _table(
        doc,
        ("Partner", *(y.label for y in years), "Total share", words["PERCENT_HEADING"]),
        [
            (
                s.label,
                *(format_dollars(s.by_year.get(y.year, ZERO)) for y in years),
                format_dollars(s.total),
                f"{s.percent}%",
            )
            for s in funding.partners
        ],
        numeric_from=1,
    )
    doc.heading(words["FIRMNESS_HEADING"], level=2)
    statuses = ctx["statuses"]
    _table(
        doc,
        ("Partner", "Committed", "Pledged", "Proposed", "New ask", "Still to commit", "Total share"),
        [
            (
                s.label,
                *(format_dollars(s.by_status[status]) for status in statuses),
                format_dollars(s.new_ask),
                format_dollars(s.still_to_commit),
                format_dollars(s.total),
            )
            for s in funding.partners
        ],
        numeric_from=1,
    )
    doc.heading("The gap per fiscal year", level=2)
    _picture(doc, ctx["charts"]["gap"], 6.0)
    _table(
        doc,
        ("Fiscal year", "Cost", "Committed", "Pledged", "Proposed", "Gap, committed only", "Gap, as planned"),
        [
            (
                y.label,
                format_dollars(y.cost),
                format_dollars(y.committed),
                format_dollars(y.pledged),
                format_dollars(y.proposed),
                format_dollars(y.gap),
                format_dollars(y.gap_as_planned),
            )
            for y in years
        ],
        numeric_from=1,
    )
    _agreements_and_warnings(doc, ctx)


def _agreements_and_warnings(doc: WordWriter, ctx: dict[str, Any]) -> None:
    funding, words = ctx["funding"], ctx["words"]
    doc.heading(words["AGREEMENTS_HEADING"], level=2)
    doc.paragraph(words["AGREEMENTS_NOTE"])
    if ctx["agreements"]:
        _table(
            doc,
            ("Kind", "Parties", "Signed", "Fiscal years", "Reference"),
            [(a.kind, a.parties, _date(a.signed), a.fiscal_years, a.reference) for a in ctx["agreements"]],
        )
    else:
        doc.paragraph(
            "No agreements are recorded: committed money counts only where the partner's budget for the year is "
            "adopted."
        )
    if funding.warnings:
        doc.heading("Warnings", level=2)
        for warning in funding.warnings:
            doc.paragraph(f"• {warning.message}")


def funds(doc: WordWriter, ctx: dict[str, Any]) -> None:
    decision, rules = ctx["decision"], ctx["fund_rules"]
    doc.page_break()
    doc.heading("Who pays from which fund", level=1)
    doc.heading("The mix of funds", level=2)
    _table(
        doc,
        (
            "Kind of fund",
            "Promised (every status)",
            "Committed",
            "% of the money promised",
            "CTE Incentive Grant match",
        ),
        [
            (
                m.fund.label,
                format_dollars(m.total),
                format_dollars(m.committed),
                f"{m.share}%",
                "Can count" if rules[m.fund].cteig_match else "Cannot count",
            )
            for m in decision.fund_mix
        ],
        numeric_from=1,
    )
    if decision.fund_mix:
        _picture(doc, ctx["charts"]["funds"], 5.5)
        doc.heading("What each fund may pay for", level=2)
        _table(
            doc,
            ("Fund", "Its rules"),
            [
                (
                    m.fund.label,
                    rules[m.fund].restrictions
                    + (f" Spend by {_date(rules[m.fund].spend_by)}." if rules[m.fund].spend_by else ""),
                )
                for m in decision.fund_mix
            ],
        )
    if ctx["match_tests"]:
        doc.heading("CTE Incentive Grant match test", level=2)
        _table(
            doc,
            ("Partner", "Fiscal year", "Grant", "Match needed", "Match promised", "Short"),
            [
                (
                    t.partner,
                    y.label,
                    format_dollars(y.grant),
                    format_dollars(y.required),
                    format_dollars(y.promised),
                    format_dollars(y.short),
                )
                for t in ctx["match_tests"]
                for y in t.years
            ],
            numeric_from=2,
        )
    doc.heading("Commitments by partner", level=2)
    doc.paragraph(ctx["words"]["LEDGER_NOTE"])
    for group in decision.sources:
        doc.heading(f"{group.partner.name} · {format_money(group.total)}", level=3)
        _table(
            doc,
            ("Fiscal year", "Cost item", "Kind of fund", "Source as written", "Counts as", "Amount"),
            [
                (
                    line.year_label,
                    line.item_name,
                    line.commitment.fund.label + (" (match)" if line.commitment.cteig_match else ""),
                    line.commitment.source,
                    line.commitment.status.label + (f" (marked {line.written.value})" if line.written else ""),
                    format_money(line.commitment.amount),
                )
                for line in group.lines
            ],
            numeric_from=5,
        )


def risks(doc: WordWriter, ctx: dict[str, Any]) -> None:
    """The PDF's Risks to the plan (templates/partials/risks.html.j2), as Word headings, tables and pictures."""
    doc.page_break()
    doc.heading("Risks to the plan", level=1)
    words = ctx["words"]
    doc.paragraph(words["RISKS_INTRO"])
    for baseline in ctx["baselines"]:
        doc.paragraph(f"• {baseline.sentence}")
    doc.heading("If one partner withdraws (committed only)", level=2)
    doc.paragraph(words["STRESS_NOTE"])
    _table(
        doc,
        (
            "Rank",
            "Partner",
            "Committed",
            "Gap grows by",
            words["PERCENT_HEADING"],
            "Keep-first items it pays that only it keeps funded",
        ),
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
            ("Fiscal year", f'Gap, baseline "{result.baseline.label}"', "Gap in this scenario", "Change"),
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
