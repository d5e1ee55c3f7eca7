from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.assessment.scoring import (
    CriterionStatus,
    next_unrated,
    respondent_progress,
    score_document,
    score_domain,
)
from planner.core.model.document import Document, Rating, Respondent, Sector
from planner.core.model.rubric import Instrument


def _respondent(ratings: dict[str, Rating], rid: str = "r1") -> Respondent:
    return Respondent(id=rid, name=rid, sector=Sector.K12, ratings=ratings)


def test_demo_scores_match_hand_computation(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    result = score_document(demo, instruments)
    org = result.domain("organizational")
    # Lead: 3,2,3,3,2,2,2,2,2,1,3,3,2,2,2  Dean: 3,2,3,2,2,2,2,2,2,2,3,3,2,2,2 -> means sum to 34 over 15 criteria
    assert org.score == Decimal(34) / 15
    assert org.band is not None and org.band.id == "watch"
    tech = result.domain("technical")
    assert (tech.rated, tech.na, tech.unrated) == (13, 0, 1)
    shared = org.criterion("org.shared_cost")
    assert (shared.mean, shared.minimum, shared.maximum, shared.count, shared.target) == (Decimal(2), 2, 2, 2, 4)
    trust = result.domain("political").criterion("pol.trust")
    assert trust.spread == 2 and trust.discuss
    # Targets: organizational aims at 4,3,4,3,3 on the five criteria with one -> 17/5.
    assert org.target_score == Decimal(17) / 5 and org.targets_set == 5
    # Furthest below target first: student-group data (1 -> 3), then the shared-cost agreement (2 -> 4) before
    # onboarding (1.5 -> 3) although onboarding is lower today.
    ranked = [p.criterion.criterion.id for p in result.priorities]
    assert ranked[:3] == ["tech.equity_access", "org.shared_cost", "org.succession"]
    first = result.priorities[0].criterion
    assert first.next_steps and [owner for _, owner in first.owned_next_steps] == ["k12", "k12"]
    assert first.first_step == "Break down this year's pathway enrollment by student group. (usually K-12 district)"


def test_priorities_rank_by_distance_to_target_then_current_level(instruments: tuple[Instrument, ...]) -> None:
    org = instruments[0]
    a, b, c = (x.id for x in org.criteria[:3])
    ratings = {a: Rating(level=1), b: Rating(level=2), c: Rating(level=2)}
    document = _document(instruments, ratings, targets={a: 2, b: 4, c: 3})
    ranked = [p.criterion for p in score_document(document, instruments).priorities]
    # distances: a 1, b 2, c 1 -> b first; a and c tie on distance, a is lower today.
    assert [s.criterion.id for s in ranked] == [b, a, c]
    assert [s.distance for s in ranked] == [2, 1, 1]
    # Reaching a target takes a criterion off the list, even below the top band.
    reached = _document(instruments, ratings, targets={a: 1, b: 2, c: 2})
    assert score_document(reached, instruments).priorities == ()
    # Without a target a criterion aims at the start of the top band (3): the old behaviour, lowest first.
    untargeted = [
        p.criterion.criterion.id for p in score_document(_document(instruments, ratings), instruments).priorities
    ]
    assert untargeted == [a, b, c]


def test_a_target_outside_the_scale_is_ignored(instruments: tuple[Instrument, ...]) -> None:
    org = instruments[0]
    document = _document(instruments, {org.criteria[0].id: Rating(level=2)}, targets={org.criteria[0].id: 9})
    assert score_document(document, instruments).domain("organizational").criteria[0].target is None


def _document(
    instruments: tuple[Instrument, ...], ratings: dict[str, Rating], targets: dict[str, int] | None = None
) -> Document:
    from planner.core.model.document import new_document

    base = new_document("Targets", list(instruments))
    return base.model_copy(update={"respondents": [_respondent(ratings)], "targets": targets or {}})


def test_na_leaves_sum_and_count(instruments: tuple[Instrument, ...]) -> None:
    tech = instruments[1]
    ids = [c.id for c in tech.criteria]
    rated = {ids[0]: Rating(level=4), ids[1]: Rating(level=2), ids[2]: Rating(level=3)}
    with_na = rated | {ids[3]: Rating(not_applicable=True)}
    a = score_domain(tech, [_respondent(rated)])
    b = score_domain(tech, [_respondent(with_na)])
    assert a.score == b.score == 3
    assert (b.rated, b.na, b.unrated) == (3, 1, len(ids) - 4)
    assert b.criteria[3].status is CriterionStatus.NOT_APPLICABLE


def test_fewer_than_three_rated_warns(instruments: tuple[Instrument, ...]) -> None:
    org = instruments[0]
    domain = score_domain(org, [_respondent({org.criteria[0].id: Rating(level=1, notes="n")})])
    assert domain.warnings and "Only 1 of 15" in domain.warnings[0]
    assert domain.band is not None and domain.band.id == "priority"
    empty = score_domain(org, [_respondent({org.criteria[0].id: Rating(notes="a note without a level")})])
    assert empty.score is None and empty.band is None and empty.unrated == 15


def test_weights_change_the_mean(instruments: tuple[Instrument, ...]) -> None:
    org = instruments[0]
    heavy = org.model_copy(
        update={"criteria": [org.criteria[0].model_copy(update={"weight": Decimal(3)}), *org.criteria[1:]]}
    )
    ratings = {org.criteria[0].id: Rating(level=4), org.criteria[1].id: Rating(level=1)}
    assert score_domain(heavy, [_respondent(ratings)]).score == Decimal(13) / 4


def test_top_level_is_never_a_priority(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    top = {c.id: Rating(level=4) for i in instruments for c in i.criteria}
    document = demo.model_copy(update={"respondents": [_respondent(top)]})
    result = score_document(document, instruments)
    assert result.priorities == ()
    assert result.overall.score == 4 and result.overall.completeness == 1


def test_progress_counts_na_as_answered(instruments: tuple[Instrument, ...]) -> None:
    org = instruments[0]
    r = _respondent(
        {
            org.criteria[0].id: Rating(level=2),
            org.criteria[1].id: Rating(not_applicable=True),
            org.criteria[2].id: Rating(notes="later"),
        }
    )
    assert respondent_progress(org, r) == (2, 15)


rating_strategy = st.one_of(
    st.builds(Rating, level=st.integers(1, 4)),
    st.just(Rating(not_applicable=True)),
    st.just(Rating()),
)


# Rows of fifteen ratings: one per organizational criterion.
@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(rating_strategy, min_size=15, max_size=15), min_size=1, max_size=5), st.data())
def test_invariants(instruments: tuple[Instrument, ...], grid: list[list[Rating]], data: st.DataObject) -> None:
    org = instruments[0]
    respondents = [
        _respondent({c.id: r for c, r in zip(org.criteria, row, strict=True)}, f"r{n}") for n, row in enumerate(grid)
    ]
    domain = score_domain(org, respondents)
    if domain.score is not None:
        assert org.lowest <= domain.score <= org.highest
    for c in domain.criteria:
        if c.mean is not None:
            assert c.minimum is not None and c.maximum is not None
            assert c.minimum <= c.mean <= c.maximum
    # Turning an unrated answer into N/A never moves the score.
    n = data.draw(st.integers(0, len(respondents) - 1))
    k = data.draw(st.integers(0, len(org.criteria) - 1))
    if not grid[n][k].is_answered:
        changed = list(respondents)
        ratings = dict(changed[n].ratings)
        ratings[org.criteria[k].id] = Rating(not_applicable=True)
        changed[n] = changed[n].model_copy(update={"ratings": ratings})
        assert score_domain(org, changed).score == domain.score


def test_scores_round_half_up_everywhere(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    from planner.core.assessment.scoring import format_score

    assert format_score(Decimal("2.125")) == "2.13"  # :.2f would give 2.12 (half to even)
    assert format_score(None) == "–"
    org = instruments[0]
    ratings = {c.id: Rating(level=2) for c in org.criteria[:7]} | {org.criteria[7].id: Rating(level=3)}
    organizational = score_domain(org, [_respondent(ratings)])
    assert organizational.score == Decimal("2.125") and format_score(organizational.score) == "2.13"


def test_next_unrated_moves_forward_across_instruments_and_goes_round(instruments: tuple[Instrument, ...]) -> None:
    org, tech = instruments[0], instruments[1]
    answered = {c.id: Rating(level=2) for i in instruments for c in i.criteria}
    # Unanswered: org's third criterion and tech's first; N/A counts as answered.
    del answered[org.criteria[2].id], answered[tech.criteria[0].id]
    answered[org.criteria[4].id] = Rating(not_applicable=True)
    respondent = _respondent(answered)
    assert next_unrated(instruments, respondent) == (0, 2)
    assert next_unrated(instruments, respondent, (0, 2)) == (1, 0)  # on to the next page
    assert next_unrated(instruments, respondent, (1, 0)) == (0, 2)  # and round to the start
    assert next_unrated(instruments, respondent, (2, len(instruments[2].criteria) - 1)) == (0, 2)
    done = _respondent({c.id: Rating(level=1) for i in instruments for c in i.criteria})
    assert next_unrated(instruments, done) is None
