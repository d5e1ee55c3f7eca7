from __future__ import annotations

from decimal import Decimal

from planner.core.assessment.analysis import analyze
from planner.core.editing import edits
from planner.core.model.document import Document, Rating
from planner.core.model.rubric import Instrument


def test_rating_edit_reuses_the_funding_summary_and_rescores(
    demo: Document, instruments: tuple[Instrument, ...]
) -> None:
    before = analyze(demo, instruments)
    lead = demo.respondents[0]
    criterion = next(iter(lead.ratings))
    changed = edits.set_rating(demo, lead.id, criterion, Rating(level=4))

    after = analyze(changed, instruments, previous=before)

    assert after.funding is before.funding
    assert after.capacity != before.capacity
    assert after.capacity == analyze(changed, instruments).capacity


def test_cost_edit_reuses_the_scores_and_recomputes_the_funding(
    demo: Document, instruments: tuple[Instrument, ...]
) -> None:
    before = analyze(demo, instruments)
    changed = edits.update_record(demo, "cost_items", 0, costs={1: Decimal("1000000.00")})

    after = analyze(changed, instruments, previous=before)

    assert after.capacity is before.capacity
    assert after.funding != before.funding
    assert after.funding == analyze(changed, instruments).funding


def test_other_instruments_are_never_reused(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    before = analyze(demo, instruments)
    after = analyze(demo, instruments[:2], previous=before)
    assert [d.instrument.id for d in after.capacity.domains] == [i.id for i in instruments[:2]]


def test_rating_edit_rescores_only_its_own_domain(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    before = analyze(demo, instruments)
    lead = demo.respondents[0]
    technical = instruments[1]
    changed = edits.set_rating(demo, lead.id, technical.criteria[0].id, Rating(level=4))

    after = analyze(changed, instruments, previous=before)

    kept = [a is b for a, b in zip(before.capacity.domains, after.capacity.domains, strict=True)]
    assert kept == [i.id != technical.id for i in instruments]
    assert after.capacity == analyze(changed, instruments).capacity


def test_renamed_respondent_rescores_every_domain(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    before = analyze(demo, instruments)
    people = list(demo.respondents)
    people[0] = people[0].model_copy(update={"name": "Dana Whitcomb-Reyes"})
    renamed = demo.model_copy(update={"respondents": people})

    after = analyze(renamed, instruments, previous=before)

    assert not any(a is b for a, b in zip(before.capacity.domains, after.capacity.domains, strict=True))
    names = {a.respondent.name for d in after.capacity.domains for c in d.criteria for a in c.answers}
    assert "Dana Whitcomb-Reyes" in names
