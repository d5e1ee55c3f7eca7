"""Everything derived from a document in one place: capacity scores and the funding summary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planner.core.costs import FundingSummary, summarize_funding
from planner.core.document import Document
from planner.core.rubric import Instrument
from planner.core.scoring import CapacityResult, score_document


@dataclass(frozen=True)
class PlanAnalysis:
    document: Document
    instruments: tuple[Instrument, ...]
    capacity: CapacityResult
    funding: FundingSummary


def analyze(document: Document, instruments: Sequence[Instrument]) -> PlanAnalysis:
    return PlanAnalysis(
        document=document,
        instruments=tuple(instruments),
        capacity=score_document(document, instruments),
        funding=summarize_funding(document),
    )
