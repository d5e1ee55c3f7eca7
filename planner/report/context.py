"""What the templates receive: core results plus the charts and a version stamp. Nothing is computed here
that a reader would call a number of the plan; those all come from :mod:`planner.core`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from markupsafe import Markup

from planner import __version__
from planner.core.analysis import PlanAnalysis
from planner.core.compare import Comparison, format_change
from planner.core.costs import plan_period
from planner.core.document import SECTOR_LABELS, CommitmentStatus, ReviewStatus
from planner.core.money import format_money
from planner.core.profile import profile_context
from planner.core.rubric import Band, Instrument
from planner.core.scoring import MIN_SECTOR_RESPONDENTS, format_score
from planner.core.storage import content_hash
from planner.report.charts import capacity_chart, gap_chart, target_chart

BRIEF_PRIORITIES = 3


def _percent(value: Decimal) -> str:
    return f"{(value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)}%"


def _date(value: Any) -> str:
    return "" if value is None else value.strftime("%B %-d, %Y")


FILTERS: dict[str, Callable[..., str]] = {
    "signed": format_change,
    "money": format_money,
    "score": format_score,
    "percent": _percent,
    "longdate": _date,
}


def _criterion_titles(instruments: Sequence[Instrument]) -> dict[str, str]:
    return {c.id: c.title for i in instruments for c in i.criteria}


@dataclass(frozen=True)
class BandGroup:
    titles: str
    bands: tuple[Band, ...]


def band_groups(instruments: Sequence[Instrument]) -> list[BandGroup]:
    """Instruments that use the same bands share one table in the appendix (the bundled three all do)."""
    grouped: dict[tuple[Band, ...], list[str]] = {}
    for instrument in instruments:
        grouped.setdefault(tuple(instrument.bands), []).append(f"{instrument.title} {instrument.version}")
    return [BandGroup(titles=", ".join(titles), bands=bands) for bands, titles in grouped.items()]


def _review_rows(analysis: PlanAnalysis) -> list[dict[str, Any]]:
    """Each criterion the coach commented on, with the consortium's own score beside the suggestion."""
    suggestions = analysis.document.review.suggestions
    return [
        {"domain": d, "criterion": c, "suggestion": suggestions[c.criterion.id]}
        for d in analysis.capacity.domains
        for c in d.criteria
        if c.criterion.id in suggestions
    ]


@dataclass(frozen=True)
class FactLine:
    label: str
    value: str


def _context_lines(analysis: PlanAnalysis) -> list[FactLine]:
    """The profile context (grant tier, sectors, prior pathways) as label/value rows for the cover."""
    lines = []
    for line in profile_context(analysis.document).lines():
        label, _, value = line.partition(": ")
        lines.append(FactLine(label, value))
    return lines


def plan_context(analysis: PlanAnalysis, generated: datetime, comparison: Comparison | None = None) -> dict[str, Any]:
    document = analysis.document
    years = analysis.funding.years
    return {
        "doc": document,
        "profile": document.profile,
        "capacity": analysis.capacity,
        "funding": analysis.funding,
        "instruments": analysis.instruments,
        "brief_priorities": analysis.capacity.priorities[:BRIEF_PRIORITIES],
        "charts": {
            # Our own SVG with every label escaped (see charts.py), so it may go in as markup.
            "capacity": Markup(capacity_chart(analysis.capacity.domains)),
            "gap": Markup(gap_chart(years)),
            "targets": {d.instrument.id: Markup(target_chart(d)) for d in analysis.capacity.domains},
        },
        "partners": {p.id: p for p in document.partners},
        "item_names": {i.id: i.name for i in document.cost_items},
        "statuses": list(CommitmentStatus),
        "band_groups": band_groups(analysis.instruments),
        "criterion_titles": _criterion_titles(analysis.instruments),
        "sector_labels": SECTOR_LABELS,
        "plan_period": plan_period(document),
        "context_lines": _context_lines(analysis),
        "generated": generated,
        "stamp": {
            "app_version": __version__,
            "instruments": ", ".join(f"{i.title} {i.version}" for i in analysis.instruments),
            "modified": document.metadata.modified.strftime("%Y-%m-%d %H:%M UTC"),
            "hash": content_hash(document),
        },
        "several_respondents": len(document.respondents) > 1,
        "hide_small_sectors": document.profile.hide_small_sectors,
        "min_sector_respondents": MIN_SECTOR_RESPONDENTS,
        "comparison": comparison,
        "show_review": document.review.status is not ReviewStatus.NOT_STARTED,
        "review_rows": _review_rows(analysis),
    }


def blank_context(instruments: Sequence[Instrument]) -> dict[str, Any]:
    return {"instruments": list(instruments), "app_version": __version__}
