"""Everything derived from a document in one place: capacity scores and the funding summary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planner.core.assessment.scoring import CapacityResult, score_document
from planner.core.funding.costs import FundingSummary, summarize_funding
from planner.core.model.document import Document
from planner.core.model.rubric import Instrument


@dataclass(frozen=True)
class PlanAnalysis:
    document: Document
    instruments: tuple[Instrument, ...]
    capacity: CapacityResult
    funding: FundingSummary


def analyze(
    document: Document, instruments: Sequence[Instrument], previous: PlanAnalysis | None = None
) -> PlanAnalysis:
    """Score the capacity rubrics and sum up the shared-cost plan.

    ``previous`` is the analysis of an earlier version of the same document (the app passes it on every edit).
    Documents are frozen and edits copy only what they change, so a part whose inputs are the very same objects
    as before is unchanged and its result is reused: a rating edit does not re-add the cost plan.
    """
    instruments = tuple(instruments)
    scored = previous if previous is not None and _same_items(previous.instruments, instruments) else None
    if scored is not None and _unchanged(scored.document, document, SCORING_INPUTS):
        capacity = scored.capacity
    else:
        capacity = score_document(document, instruments, previous=scored.capacity if scored else None)
    funding = (
        previous.funding
        if previous is not None and _unchanged(previous.document, document, FUNDING_INPUTS)
        else summarize_funding(document)
    )
    return PlanAnalysis(document=document, instruments=instruments, capacity=capacity, funding=funding)


# The document fields that score_document and summarize_funding read.
SCORING_INPUTS = ("respondents", "targets")
# The ledger also reads the agreements and the plan's date (the adoption date, or else the last save).
FUNDING_INPUTS = ("profile", "partners", "cost_items", "commitments", "agreements", "adoption", "metadata")


def _unchanged(before: Document, after: Document, fields: Sequence[str]) -> bool:
    """True when each field holds the very same objects; an edit that re-validates rebuilds lists, not items."""
    for field in fields:
        old, new = getattr(before, field), getattr(after, field)
        if isinstance(old, list) and isinstance(new, list):
            same = _same_items(old, new)
        elif isinstance(old, dict) and isinstance(new, dict):
            same = old == new  # targets: a few small ints, rebuilt by every whole-document edit
        else:
            same = old is new
        if not same:
            return False
    return True


def _same_items(before: Sequence[object], after: Sequence[object]) -> bool:
    return len(before) == len(after) and all(a is b for a, b in zip(before, after, strict=True))
