from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.document import Document, Rating, Respondent, Sector
from planner.core.rubric import Instrument
from planner.core.scoring import CriterionStatus, respondent_progress, score_document, score_domain


def _respondent(ratings: dict[str, Rating], rid: str = "r1") -> Respondent:
    return Respondent(id=rid, name=rid, sector=Sector.K12, ratings=ratings)


def test_demo_scores_match_hand_computation(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    result = score_document(demo, instruments)
    org = result.domain("organizational")
    # Lead: 2,3,3,2,1,2,3,2  Dean: 2,3,2,1,2,2,3,1 -> criterion means 2,3,2.5,1.5,1.5,2,3,1.5 -> 17/8
    assert org.score == Decimal(17) / 8
    assert org.band is not None and org.band.id == "priority"
    tech = result.domain("technical")
    assert (tech.rated, tech.na, tech.unrated) == (7, 0, 1)
    shared = next(c for c in org.criteria if c.criterion.id == "org.shared_cost")
    assert (shared.mean, shared.minimum, shared.maximum, shared.count) == (Decimal("1.5"), 1, 2, 2)
    dual = next(c for c in tech.criteria if c.criterion.id == "tech.dual_enrollment")
    assert dual.spread == 2
    assert result.priorities[0].criterion.mean == Decimal("1.5")
    assert result.priorities[0].criterion.next_steps


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
    assert domain.warnings and "Only 1 of 8" in domain.warnings[0]
    assert domain.band is not None and domain.band.id == "priority"
    empty = score_domain(org, [_respondent({org.criteria[0].id: Rating(notes="a note without a level")})])
    assert empty.score is None and empty.band is None and empty.unrated == 8


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
    assert respondent_progress(org, r) == (2, 8)


rating_strategy = st.one_of(
    st.builds(Rating, level=st.integers(1, 4)),
    st.just(Rating(not_applicable=True)),
    st.just(Rating()),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(rating_strategy, min_size=8, max_size=8), min_size=1, max_size=5), st.data())
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
    k = data.draw(st.integers(0, 7))
    if not grid[n][k].is_answered:
        changed = list(respondents)
        ratings = dict(changed[n].ratings)
        ratings[org.criteria[k].id] = Rating(not_applicable=True)
        changed[n] = changed[n].model_copy(update={"ratings": ratings})
        assert score_domain(org, changed).score == domain.score


def test_scores_round_half_up_everywhere(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    from planner.core.scoring import format_score

    assert format_score(Decimal("2.125")) == "2.13"  # :.2f would give 2.12 (half to even)
    assert format_score(None) == "–"
    organizational = score_document(demo, instruments).domain("organizational")
    assert organizational.score == Decimal("2.125") and format_score(organizational.score) == "2.13"
