"""What a plan lacks before printing, and each section's state (issue 27's guided path)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from planner.core.assessment.readiness import StepState, readiness
from planner.core.editing import edits
from planner.core.model.cost_plan import CommitmentStatus
from planner.core.model.document import Partner, Rating, Sector, new_document, new_id
from planner.core.model.rubric import Instrument, bundled_instruments
from planner.core.storage.demo import demo_document


def _instruments() -> list[Instrument]:
    return list(bundled_instruments())


def test_a_new_plan_has_no_step_ready_and_lists_what_it_lacks() -> None:
    instruments = _instruments()
    result = readiness(new_document("New consortium", instruments), instruments)
    assert result.ready == 0 and result.summary() == f"Plan 0 of {len(result.steps)} steps ready"
    assert [s.state for s in result.steps].count(StepState.NOT_STARTED) == len(result.steps)
    targets = {gap.target for gap in result.gaps}
    assert {"field:award", "table:partners", "table:cost_items", "table:actions", "adoption"} <= targets
    first = instruments[0]
    assert f"criterion:{first.criteria[0].id}" in targets  # every unrated criterion is a line
    assert len(result.gaps_in(f"rubric:{first.id}")) == len(first.criteria)


def test_each_fix_clears_its_gap_and_moves_its_step() -> None:
    instruments = _instruments()
    document = new_document("Alder Basin", instruments)
    document = edits.set_profile(document, award=Decimal("1500000"), fiscal_agent="Alder Basin COE")
    partner = Partner(id=new_id("p"), name="Ridgeline USD", sector=Sector.COLLEGE)
    document = edits.add_record(document, "partners", partner)
    result = readiness(document, instruments)
    assert result.step("profile").state is StepState.IN_PROGRESS
    texts = [gap.text for gap in result.gaps_in("profile")]
    assert "Profile: enter the grant award" not in texts
    assert any("K-12" in text for text in texts) and not any("Community college" in text for text in texts)
    # The lead rates the first instrument's first criterion at the lowest level: it then wants a target.
    first = instruments[0]
    criterion = first.criteria[0]
    lead = document.respondents[0]
    document = edits.set_rating(document, lead.id, criterion.id, Rating(level=1))
    result = readiness(document, instruments)
    assert f"criterion:{criterion.id}" not in {gap.target for gap in result.gaps}
    assert result.step(f"rubric:{first.id}").done == 1
    assert f"target:{criterion.id}" in {gap.target for gap in result.gaps}
    assert f"No one from {Sector.COLLEGE.label} has rated yet" in " ".join(g.text for g in result.gaps)


def test_the_demo_lists_its_unagreed_commitments_and_items_no_one_is_asked_to_cover() -> None:
    instruments = _instruments()
    document = demo_document(instruments)
    result = readiness(document, instruments)
    costs = result.gaps_in("costs")
    unagreed = [n for n, c in enumerate(document.commitments) if c.status is not CommitmentStatus.COMMITTED]
    assert {f"table:commitments:{n}" for n in unagreed} <= {gap.target for gap in costs}
    assert 0 < result.ready < len(result.steps)
    assert result.step("scenarios").state is StepState.DONE
    signed = edits.set_adoption(document, adopted_on=date(2027, 5, 1))
    assert "adoption" not in {gap.target for gap in readiness(signed, instruments).gaps}
