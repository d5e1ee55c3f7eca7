"""What the templates receive: core results plus the charts and a version stamp. Nothing is computed here
that a reader would call a number of the plan; those all come from :mod:`planner.core`."""

from __future__ import annotations

import base64
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from markupsafe import Markup

from planner import __version__
from planner.core.assessment.analysis import PlanAnalysis
from planner.core.assessment.compare import Comparison, format_change
from planner.core.assessment.scoring import MIN_SECTOR_RESPONDENTS, format_score
from planner.core.funding import wording
from planner.core.funding.costs import plan_period
from planner.core.funding.decision import (
    SignatureRow,
    agreement_lines,
    default_motion,
    recommendation,
    summarize_decision,
)
from planner.core.funding.funds import bundled_catalogue, match_tests
from planner.core.funding.ledger import DEFINITIONS, Baseline
from planner.core.funding.scenarios import ScenarioResult, describe_assumptions, run_scenario, stress_test
from planner.core.model.cost_plan import CommitmentStatus
from planner.core.model.document import SECTOR_LABELS, ReviewStatus
from planner.core.model.money import MINUS, format_dollars, format_money
from planner.core.model.profile import profile_context
from planner.core.model.rubric import Band, Instrument
from planner.core.storage.storage import content_hash
from planner.report.charts import (
    capacity_alt,
    capacity_chart,
    fund_mix_alt,
    fund_mix_chart,
    gap_alt,
    gap_chart,
    heat_strip,
    heat_strip_alt,
    scenario_gap_alt,
    scenario_gap_chart,
    target_alt,
    target_chart,
)

BRIEF_PRIORITIES = 3


def _percent(value: Decimal) -> str:
    return f"{(value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)}%"


def _date(value: Any) -> str:
    return "" if value is None else value.strftime("%B %-d, %Y")


def _signed_dollars(value: Decimal) -> str:
    """A change in whole dollars: "+$1,200", "−$300", "$0"."""
    shown = format_dollars(value)
    return f"+{shown}" if shown not in ("$0", f"{MINUS}$0") and value > 0 else shown


def _signed(value: Any, empty: str = "–") -> str:
    """Score changes with a real minus sign (format_change is shared with the command line, which keeps ASCII)."""
    return format_change(value, empty).replace("-", MINUS)


FILTERS: dict[str, Callable[..., str]] = {
    "signed": _signed,
    "signed_dollars": _signed_dollars,
    "dollars": format_dollars,
    "money": format_money,
    "score": format_score,
    "percent": _percent,
    "longdate": _date,
}


@dataclass(frozen=True)
class Chart:
    """One of our SVG charts with its text alternative; the Word copy draws the same SVG as a picture.

    In a template it prints as an image whose ``alt`` tagged PDF carries as the figure's alternative text. The
    SVG is ours, with every label escaped; it travels as a ``data:`` URI, the one kind of URL the fetcher serves
    besides the stylesheet.
    """

    svg: str
    alt: str
    css_class: str

    def __html__(self) -> Markup:
        data = base64.b64encode(self.svg.encode("utf-8")).decode("ascii")
        return Markup('<img class="{}" src="data:image/svg+xml;base64,{}" alt="{}">').format(
            self.css_class, data, self.alt
        )


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
class MethodNote:
    respondents: int
    by_sector: tuple[tuple[str, int], ...]
    first_saved: datetime
    last_saved: datetime
    instruments: tuple[str, ...]
    anonymous: bool


def method_note(analysis: PlanAnalysis) -> MethodNote:
    document = analysis.document
    counts = Counter(r.sector.label for r in document.respondents)
    return MethodNote(
        respondents=len(document.respondents),
        by_sector=tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        first_saved=document.metadata.created,
        last_saved=document.metadata.modified,
        instruments=tuple(f"{i.title} {i.version}" for i in analysis.instruments),
        anonymous=anonymous(analysis),
    )


def anonymous(analysis: PlanAnalysis) -> bool:
    """A team plan prints no one's name beside a rating unless the lead turned anonymity off."""
    document = analysis.document
    return len(document.respondents) > 1 and document.profile.hide_small_sectors


SignatureSlot = SignatureRow | None | bool  # a partner's row, a blank row to fill in, or False: no block


def signature_pairs(rows: Sequence[SignatureRow]) -> list[tuple[SignatureSlot, SignatureSlot]]:
    """Signature blocks two to a row; a plan without partners gets two blank blocks to fill in by hand."""
    slots: list[SignatureSlot] = list(rows) if rows else [None, None]
    if len(slots) % 2:
        slots.append(False)
    return [(slots[i], slots[i + 1]) for i in range(0, len(slots), 2)]


# The Draft watermark: a fixed page background (never user text), so it stays out of the text layer, the
# reading order and the structure tree.
_LETTERS = (  # block letters drawn as strokes, 100 wide and 140 tall, so no text reaches the text layer
    "M0,0 L50,0 Q100,0 100,70 Q100,140 50,140 L0,140 Z",  # D
    "M0,140 L0,0 L60,0 Q100,0 100,38 Q100,76 60,76 L0,76 M50,76 L100,140",  # R
    "M0,140 L50,0 L100,140 M22,90 L78,90",  # A
    "M100,0 L0,0 L0,140 M0,70 L75,70",  # F
    "M0,0 L100,0 M50,0 L50,140",  # T
)
_WATERMARK_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800">'
    '<g transform="rotate(-35 400 400) translate(90 330)" fill="none" stroke="#e6ebf0" stroke-width="20" '
    'stroke-linejoin="round" stroke-linecap="round">'
    + "".join(f'<path transform="translate({n * 130} 0)" d="{d}"/>' for n, d in enumerate(_LETTERS))
    + "</g></svg>"
)
DRAFT_WATERMARK_CSS = Markup(
    '@page { background: url("data:image/svg+xml;base64,'
    + base64.b64encode(_WATERMARK_SVG.encode()).decode("ascii")
    + '") center / 160mm auto no-repeat; }'
)


@dataclass(frozen=True)
class FactLine:
    label: str
    value: str


@dataclass(frozen=True)
class PrintedScenario:
    result: ScenarioResult
    assumptions: list[str]
    chart: Chart


def printed_scenarios(analysis: PlanAnalysis) -> list[PrintedScenario]:
    """The scenarios the plan marks for print, worked out against the base plan, in the plan's order."""
    document, base = analysis.document, analysis.funding
    printed = []
    for scenario in document.scenarios:
        if scenario.in_printed_plan:
            result = run_scenario(document, scenario, base)
            chart = Chart(
                scenario_gap_chart(result.years, scenario.name),
                scenario_gap_alt(result.years, scenario.name),
                "chart-gap",
            )
            printed.append(PrintedScenario(result, describe_assumptions(document, scenario), chart))
    return printed


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
    decision = summarize_decision(document, analysis.funding)
    domains = analysis.capacity.domains
    adoption = document.adoption
    status_line = (
        f"Adopted on {_date(adoption.adopted_on)}"
        if adoption.adopted_on is not None
        else "Draft for the committee's vote"
    )
    return {
        "decision": decision,
        "recommendation": recommendation(decision, document.profile.consortium_name),
        "adoption": adoption,
        "motion": adoption.motion or default_motion(document),
        "signature_pairs": signature_pairs(decision.signatures),
        "status_line": status_line,
        "is_draft": adoption.adopted_on is None,
        "draft_watermark_css": DRAFT_WATERMARK_CSS,
        "method": method_note(analysis),
        "anonymous": anonymous(analysis),
        "doc": document,
        "profile": document.profile,
        "capacity": analysis.capacity,
        "funding": analysis.funding,
        "instruments": analysis.instruments,
        "brief_priorities": analysis.capacity.priorities[:BRIEF_PRIORITIES],
        "charts": {
            "capacity": Chart(capacity_chart(domains), capacity_alt(domains), "chart-capacity"),
            "heat": Chart(heat_strip(domains), heat_strip_alt(domains), "chart-heat"),
            "gap": Chart(gap_chart(years), gap_alt(years), "chart-gap"),
            "funds": Chart(fund_mix_chart(decision.fund_mix), fund_mix_alt(decision.fund_mix), "chart-funds"),
            "targets": {
                d.instrument.id: Chart(target_chart(d), target_alt(d), "chart-targets")
                for d in analysis.capacity.domains
            },
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
        "stress": stress_test(document, analysis.funding),
        "ledger": analysis.funding.ledger,
        "agreements": agreement_lines(document),
        "match_tests": match_tests(document, analysis.funding.ledger),
        "fund_rules": {r.id: r for r in bundled_catalogue().fund},
        "baselines": list(Baseline),
        "definitions": DEFINITIONS,
        "words": {name: getattr(wording, name) for name in dir(wording) if name.isupper()},
        "risk_scenarios": printed_scenarios(analysis),
        "show_review": document.review.status is not ReviewStatus.NOT_STARTED,
        "review_rows": _review_rows(analysis),
    }


# Room to write evidence by hand (lines 0.3 in apart), and a column per person for a steering committee of up to
# ten on the tally sheet, lettered so that no one mistakes a person's column for a level.
BLANK_EVIDENCE_LINES = 3
TALLY_LETTERS = tuple("ABCDEFGHIJ")


def blank_context(instruments: Sequence[Instrument]) -> dict[str, Any]:
    return {
        "instruments": list(instruments),
        "app_version": __version__,
        "evidence_lines": BLANK_EVIDENCE_LINES,
        "tally_letters": TALLY_LETTERS,
    }
