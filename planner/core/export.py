"""Plain data views of the results, for ``planner score --json`` and other machine readers."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from planner.core.costs import FundingSummary
from planner.core.scoring import CapacityResult

SCORE_PLACES = Decimal("0.01")


def rounded_score(score: Decimal | None) -> float | None:
    """Scores are shown to two decimals; JSON readers get a number, not text."""
    return None if score is None else float(score.quantize(SCORE_PLACES, rounding=ROUND_HALF_UP))


def money_text(value: Decimal) -> str:
    return f"{value:.2f}"


def score_payload(capacity: CapacityResult, funding: FundingSummary) -> dict[str, Any]:
    return {
        "domains": [
            {
                "id": d.instrument.id,
                "title": d.instrument.title,
                "score": rounded_score(d.score),
                "band": d.band.id if d.band else None,
                "rated": d.rated,
                "na": d.na,
                "unrated": d.unrated,
                "warnings": list(d.warnings),
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
                "next_steps": p.criterion.next_steps,
            }
            for p in capacity.priorities
        ],
        "funding": {
            "years": [
                {
                    "year": y.year,
                    "label": y.label,
                    "cost": money_text(y.cost),
                    "committed": money_text(y.committed),
                    "pledged": money_text(y.pledged),
                    "proposed": money_text(y.proposed),
                    "gap": money_text(y.gap),
                }
                for y in funding.years
            ],
            "ongoing": money_text(funding.ongoing),
            "one_time": money_text(funding.one_time),
            "partners": [
                {"id": s.key, "name": s.label, "total": money_text(s.total), "share": rounded_score(s.fraction)}
                for s in funding.partners
            ],
            "warnings": [{"code": w.code.value, "message": w.message} for w in funding.warnings],
        },
    }
