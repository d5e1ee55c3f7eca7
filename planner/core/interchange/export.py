"""Plain data views of the results, for ``planner score --json`` and other machine readers."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from planner.core.assessment.compare import Comparison, ScoreChange
from planner.core.assessment.scoring import CapacityResult, CriterionScore
from planner.core.funding.costs import FundingSummary
from planner.core.funding.ledger import DEFINITIONS, Baseline
from planner.core.funding.scenarios import LostFunding, ScenarioResult, StressTest, describe_assumptions
from planner.core.model.document import Document

SCORE_PLACES = Decimal("0.01")
SHARE_PLACES = Decimal("0.0001")


def rounded_score(score: Decimal | None) -> float | None:
    """Scores are shown to two decimals; JSON readers get a number, not text."""
    return None if score is None else float(score.quantize(SCORE_PLACES, rounding=ROUND_HALF_UP))


def money_text(value: Decimal) -> str:
    return f"{value:.2f}"


def criterion_payload(score: CriterionScore, hide_small_sectors: bool) -> dict[str, Any]:
    return {
        "id": score.criterion.id,
        "title": score.criterion.title,
        "mean": rounded_score(score.mean),
        "target": score.target,
        "distance_to_target": rounded_score(score.distance),
        "min": score.minimum,
        "max": score.maximum,
        "rated": score.count,
        "na": score.na_count,
        "unrated": score.unrated_count,
        "discuss": score.discuss,
        "sectors": [
            {"sector": m.sector.value, "mean": rounded_score(m.mean), "rated": m.rated, "respondents": m.respondents}
            for m in score.shown_sector_means(hide_small_sectors)
        ],
    }


def score_payload(capacity: CapacityResult, funding: FundingSummary, hide_small_sectors: bool = True) -> dict[str, Any]:
    return {
        "domains": [
            {
                "id": d.instrument.id,
                "title": d.instrument.title,
                "score": rounded_score(d.score),
                "band": d.band.id if d.band else None,
                "target": rounded_score(d.target_score),
                "targets_set": d.targets_set,
                "rated": d.rated,
                "na": d.na,
                "unrated": d.unrated,
                "warnings": list(d.warnings),
                "criteria": [criterion_payload(c, hide_small_sectors) for c in d.criteria],
            }
            for d in capacity.domains
        ],
        "overall": {
            "score": rounded_score(capacity.overall.score),
            "band": capacity.overall.band.id if capacity.overall.band else None,
            "domains_scored": capacity.overall.domains_scored,
            "completeness": rounded_score(capacity.overall.completeness),
        },
        "priorities": [
            {
                "domain": p.domain.instrument.id,
                "criterion": p.criterion.criterion.id,
                "title": p.criterion.criterion.title,
                "score": rounded_score(p.criterion.mean),
                "target": p.criterion.target,
                "distance_to_target": rounded_score(p.criterion.distance),
                "next_steps": p.criterion.next_steps,
            }
            for p in capacity.priorities
        ],
        "funding": funding_payload(funding),
    }


def funding_payload(funding: FundingSummary) -> dict[str, Any]:
    """The ledger's figures in its vocabulary: committed, still to commit, total share (fractions of the plan's
    cost); gaps under both baselines; the status each commitment counts as."""
    ledger = funding.ledger
    return {
        "plan_date": ledger.plan_date.isoformat(),
        "baselines": {b.value: b.sentence for b in Baseline},
        "definitions": {key.lower().replace(" ", "_"): text for key, text in DEFINITIONS.items()},
        "years": [
            {
                "year": y.year,
                "label": y.label,
                "cost": money_text(y.cost),
                "committed": money_text(y.committed),
                "pledged": money_text(y.pledged),
                "proposed": money_text(y.proposed),
                "gap": money_text(y.gap),
                "gap_as_planned": money_text(y.gap_as_planned),
            }
            for y in funding.years
        ],
        "total_cost": money_text(ledger.total_cost),
        "total_committed": money_text(ledger.total_committed),
        "total_gap": money_text(ledger.total_gap(Baseline.COMMITTED_ONLY)),
        "still_to_commit": money_text(ledger.still_to_commit),
        "ongoing": money_text(funding.ongoing),
        "one_time": money_text(funding.one_time),
        "partners": [
            {
                "id": s.key or None,
                "name": s.label,
                "committed": money_text(s.committed),
                "still_to_commit": money_text(s.still_to_commit),
                "total_share": money_text(s.total),
                "share_of_plan_cost": _share(s.fraction),
                "percent_of_plan_cost": s.percent,
            }
            for s in funding.partners
        ],
        "items": [
            {
                "id": iy.item.id,
                "name": iy.item.name,
                "years": [
                    {
                        "year": y,
                        "cost": money_text(cell.cost),
                        "committed": money_text(cell.committed),
                        "pledged": money_text(cell.pledged),
                        "proposed": money_text(cell.proposed),
                        "short": money_text(cell.short(Baseline.COMMITTED_ONLY)),
                        "short_as_planned": money_text(cell.short(Baseline.AS_PLANNED)),
                    }
                    for y, cell in iy.years.items()
                ],
            }
            for iy in funding.items
        ],
        "commitments": [
            {
                "id": line.commitment.id,
                "status": line.written.value,
                "counts_as": line.commitment.status.value,
                "basis": line.basis,
            }
            for line in ledger.counted
        ],
        "warnings": [{"code": w.code.value, "message": w.message} for w in funding.warnings],
    }


def comparison_payload(result: Comparison) -> dict[str, Any]:
    def change(c: ScoreChange) -> dict[str, Any]:
        return {
            "id": c.key,
            "title": c.title,
            "before": rounded_score(c.before),
            "after": rounded_score(c.after),
            "change": None if c.change is None else float(c.change),
            "direction": c.direction.value,
        }

    return {
        "baseline": {"consortium": result.baseline_name, "saved": result.baseline_modified},
        "overall": change(result.overall),
        "domains": [{**change(d.domain), "criteria": [change(c) for c in d.criteria]} for d in result.domains],
        "gaps": [
            {
                "year": g.year,
                "label": g.after_label or g.before_label,
                "before": None if g.before is None else money_text(g.before),
                "after": None if g.after is None else money_text(g.after),
            }
            for g in result.gaps
        ],
        "total_gap": {"before": money_text(result.total_gap_before), "after": money_text(result.total_gap_after)},
    }


def _share(fraction: Decimal) -> float:
    """A share of the plan as a fraction (0.1234 is 12.34 %), to four decimals."""
    return float(fraction.quantize(SHARE_PLACES, rounding=ROUND_HALF_UP))


def _lost_payload(lost: LostFunding) -> dict[str, Any]:
    return {
        "id": lost.item.id,
        "name": lost.item.name,
        "priority": lost.priority.value,
        "year": lost.year,
        "label": lost.year_label,
        "cost": money_text(lost.cost),
        "funded": money_text(lost.funded),
        "shortfall": money_text(lost.shortfall),
    }


def scenarios_payload(document: Document, stress: StressTest, results: list[ScenarioResult]) -> dict[str, Any]:
    """``planner scenarios --json``: the stress test and every saved scenario beside the base plan."""
    return {
        "baselines": {b.value: b.sentence for b in Baseline},
        "stress_test": {
            "baseline": stress.baseline.value,
            "total_cost": money_text(stress.total_cost),
            "gap": money_text(stress.base_total_gap),
            "partners": [
                {
                    "rank": row.rank,
                    "id": row.partner.id,
                    "name": row.partner.name,
                    "committed": money_text(row.committed),
                    "planned": money_text(row.planned),
                    "gap_increase": money_text(row.gap_increase),
                    "share_of_cost": _share(row.share_of_cost),
                    "gap_by_year": [money_text(y.gap) for y in row.years],
                    "lose_funding": [_lost_payload(f) for f in row.newly_lost],
                    "keep_first_lost": [f.item.id for f in row.keep_first_newly_lost],
                }
                for row in stress.rows
            ],
        },
        "scenarios": [
            {
                "name": r.scenario.name,
                "baseline": r.baseline.value,
                "assumptions": describe_assumptions(document, r.scenario),
                "scenario": r.scenario.model_dump(mode="json"),
                "years": [
                    {
                        "year": y.year,
                        "label": y.label,
                        "base_cost": money_text(y.base.cost),
                        "cost": money_text(y.scenario.cost),
                        "base_counted": money_text(y.base.counted),
                        "counted": money_text(y.scenario.counted),
                        "base_gap": money_text(y.base.gap),
                        "gap": money_text(y.scenario.gap),
                    }
                    for y in r.years
                ],
                "base_total_gap": money_text(r.base_total_gap),
                "total_gap": money_text(r.total_gap),
                "lose_funding_first": [_lost_payload(f) for f in r.lost],
                "share_changes": [
                    {
                        "id": c.partner_id,
                        "name": c.label,
                        "base_share": _share(c.base_fraction),
                        "share": _share(c.scenario_fraction),
                    }
                    for c in r.share_changes
                ],
                "notes": list(r.notes),
            }
            for r in results
        ],
    }
