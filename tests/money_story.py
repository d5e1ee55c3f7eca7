"""One money story: the checks that every output shows the ledger's figures (issue 21, point 8).

Each check takes the plan's analysis and one output (text of the PDF or the HTML, the Word copy, the workbook
recalculated by the ``formulas`` library, the JSON payloads) and asserts that every money figure there is the
ledger's, in whole dollars where a reader sees it.
"""

from __future__ import annotations

import html
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from docx import Document as open_docx

from planner.core.assessment.analysis import PlanAnalysis
from planner.core.funding.decision import summarize_decision
from planner.core.funding.scenarios import run_scenario, stress_test
from planner.core.interchange.export import scenarios_payload, score_payload
from planner.core.interchange.workbook import export_workbook
from planner.core.interchange.workbook_layout import ASK_SHEET, GAP_SHEET
from planner.core.model.money import format_dollars
from tests.workbook_eval import evaluate_workbook

D = Decimal


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def html_text(page: str) -> str:
    """What a reader sees of the plan's HTML: tags dropped (table cells become spaces), entities decoded."""
    return flat(html.unescape(re.sub(r"<[^>]+>", " ", page)))


def _d(value: Decimal) -> str:
    return format_dollars(value)


def printed_sequences(analysis: PlanAnalysis) -> list[str]:
    """Runs of figures as the printed plan shows them, each in reading order."""
    decision = summarize_decision(analysis.document, analysis.funding)
    grid, ledger, funding = decision.ask_dollars, analysis.funding.ledger, analysis.funding
    key = " ".join(_d(f) for f in (decision.total_cost, grid.committed_total, decision.gap, grid.total))
    runs = [f"{decision.period} {key}"]
    for row in decision.ask.rows:
        cells = " ".join(_d(grid.cells[(row.key, y)]) for y in decision.ask.years)
        rest = " ".join(_d(f) for f in (grid.rows[row.key], grid.committed[row.key], grid.total_share[row.key]))
        runs.append(f"{cells} {rest} {row.percent}%")
    for year in ledger.year_totals:
        figures = (year.cost, year.committed, year.pledged, year.proposed, year.gap, year.gap_as_planned)
        runs.append(f"{year.label} " + " ".join(_d(f) for f in figures))
    for share in funding.partners:
        statuses = " ".join(_d(a) for a in share.by_status.values())
        runs.append(f"{statuses} {_d(share.new_ask)} {_d(share.still_to_commit)} {_d(share.total)}")
    for stop in decision.stops:
        runs.append(f"{stop.when} {_d(stop.shortfall)}")
    return runs


def check_text(text: str, analysis: PlanAnalysis) -> None:
    """Every run of figures is in the text, and no amount with cents appears outside the detailed ledger."""
    text = flat(text)
    for run in printed_sequences(analysis):
        assert run in text, run
    ledger_part = text.find("Commitments by partner")
    outside = text[:ledger_part] if ledger_part >= 0 else text
    assert not re.search(r"\$[0-9][0-9,]*\.[0-9]{2}", outside), "cents outside the detailed ledger"


def check_docx(data: bytes, analysis: PlanAnalysis) -> None:
    word = open_docx(io.BytesIO(data))
    cells = [" ".join(c.text for c in row.cells) for table in word.tables for row in table.rows]
    text = flat(" ".join(cells) + " " + " ".join(p.text for p in word.paragraphs))
    decision = summarize_decision(analysis.document, analysis.funding)
    grid = decision.ask_dollars
    for row in decision.ask.rows:
        cells_run = " ".join(_d(grid.cells[(row.key, y)]) for y in decision.ask.years)
        rest = " ".join(_d(f) for f in (grid.rows[row.key], grid.committed[row.key], grid.total_share[row.key]))
        assert f"{row.label} {cells_run} {rest} {row.percent}%" in text, row.label
    for year in analysis.funding.ledger.year_totals:
        figures = (year.cost, year.committed, year.pledged, year.proposed, year.gap, year.gap_as_planned)
        assert f"{year.label} " + " ".join(_d(f) for f in figures) in text, year.label


_evaluate = evaluate_workbook


def _cents(value: Any) -> Decimal:
    return D(str(round(float(value), 2))).quantize(D("0.01"))


def check_workbook(analysis: PlanAnalysis, folder: Path) -> None:
    path = folder / "plan.xlsx"
    export_workbook(analysis, path)
    values = _evaluate(path)
    ledger = analysis.funding.ledger
    gap = GAP_SHEET.upper()
    for row, year in enumerate(ledger.year_totals, 2):
        assert _cents(values[f"{gap}!C{row}"]) == year.committed, year.label
        assert _cents(values[f"{gap}!F{row}"]) == year.gap, year.label
        assert _cents(values[f"{gap}!G{row}"]) == year.gap_as_planned, year.label
    ask = ASK_SHEET.upper()
    still_column = chr(ord("B") + len(ledger.years))
    committed_column, share_column = chr(ord(still_column) + 1), chr(ord(still_column) + 2)
    for row, partner in enumerate(ledger.partners, 2):
        assert values[f"{ask}!A{row}"] == partner.label
        assert _cents(values[f"{ask}!{still_column}{row}"]) == partner.total.still_to_commit
        assert _cents(values[f"{ask}!{committed_column}{row}"]) == partner.total.committed
        assert _cents(values[f"{ask}!{share_column}{row}"]) == partner.total.total_share


def check_json(analysis: PlanAnalysis) -> None:
    document, ledger = analysis.document, analysis.funding.ledger
    funding = score_payload(analysis.capacity, analysis.funding)["funding"]
    assert [y["gap"] for y in funding["years"]] == [f"{y.gap:.2f}" for y in ledger.year_totals]
    shown = {(p["id"] or ""): p for p in funding["partners"]}
    for partner in ledger.partners:
        row = shown[partner.key]
        assert row["committed"] == f"{partner.total.committed:.2f}"
        assert row["still_to_commit"] == f"{partner.total.still_to_commit:.2f}"
        assert row["total_share"] == f"{partner.total.total_share:.2f}"
    stress = stress_test(document, analysis.funding)
    results = [run_scenario(document, s, analysis.funding) for s in document.scenarios]
    payload = scenarios_payload(document, stress, results)
    for row, dependence in zip(payload["stress_test"]["partners"], stress.rows, strict=True):
        assert row["gap_increase"] == f"{dependence.gap_increase:.2f}"
    for shown_scenario, result in zip(payload["scenarios"], results, strict=True):
        assert [y["gap"] for y in shown_scenario["years"]] == [f"{y.scenario.gap:.2f}" for y in result.years]
        assert [y["base_gap"] for y in shown_scenario["years"]] == [f"{y.base.gap:.2f}" for y in result.years]


def check_rules(analysis: PlanAnalysis) -> None:
    """No item shows short while its own committed money covers it; no partner is a single point of failure for an
    item it does not pay; a bad-news-only scenario is never better than its baseline."""
    document, ledger = analysis.document, analysis.funding.ledger
    decision = summarize_decision(document, analysis.funding)
    covered = {(iy.item.name, y) for iy in ledger.items for y, cell in iy.years.items() if cell.committed >= cell.cost}
    assert not {(s.item_name, s.year) for s in decision.stops} & covered
    for row in stress_test(document, analysis.funding).rows:
        for lost in row.newly_lost:
            item = ledger.item(lost.item.id)
            assert item is not None and row.partner.id in item.committed_payers[lost.year]
    for scenario in document.scenarios:
        result = run_scenario(document, scenario, analysis.funding)
        if not scenario.move_committed_money:  # only moving money can help; every other assumption is bad news
            assert all(y.scenario.gap >= y.base.gap for y in result.years), scenario.name
