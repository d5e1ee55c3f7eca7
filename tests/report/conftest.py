"""Shared by the report tests: the demo plan's analysis, computed once per module."""

from __future__ import annotations

import pytest

from planner.core.assessment.analysis import PlanAnalysis, analyze
from planner.core.model.rubric import Instrument


@pytest.fixture(scope="module")
def demo_analysis(instruments: tuple[Instrument, ...]) -> PlanAnalysis:
    from planner.core.storage.demo import demo_document

    return analyze(demo_document(instruments), instruments)
