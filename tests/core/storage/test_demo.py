"""The demo must be believable: each rating sits on the level its own evidence and the cost plan describe.

Issue 11 found a demo whose ratings contradicted their evidence (a 1 beside six signed agreements, braided
funding rated 1 beside a twelve-source cost plan, "year 1 only" beside committed year-2 money). These tests check
what can be checked from the demo's own numbers.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from decimal import Decimal

from planner import __version__
from planner.core.assessment.analysis import analyze
from planner.core.model.document import CommitmentStatus, Document, Sector
from planner.core.model.rubric import Instrument
from planner.core.storage.demo import DEMO_FILE, DEMO_NAME, demo_document, load_demo
from planner.core.storage.storage import load_document, serialize_document
from planner.resources import resource_path

# A level-3 descriptor that names money "for at least two post-grant years" (or "two years after the grant").
TWO_YEARS = re.compile(r"two (post-grant years|years after the grant)")


def _levels(document: Document, criterion_id: str) -> list[int]:
    found = [r.ratings[criterion_id].level for r in document.respondents if criterion_id in r.ratings]
    return [level for level in found if level is not None]


def _committed_years(document: Document, criterion_id: str) -> int:
    """Post-grant years in which every cost line tied to the criterion has committed money."""
    items = [c for c in document.cost_items if c.criterion_id == criterion_id]
    years = 0
    for year in range(1, document.profile.horizon_years + 1):
        costed = [i for i in items if i.costs.get(year)]
        committed = {
            m.cost_item_id
            for m in document.commitments
            if m.year == year and m.status is CommitmentStatus.COMMITTED and m.amount > 0
        }
        if costed and all(i.id in committed for i in costed):
            years += 1
        else:
            break
    return years


def test_money_levels_agree_with_committed_years(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    checked = 0
    for instrument in instruments:
        for criterion in instrument.criteria:
            if not any(c.criterion_id == criterion.id for c in demo.cost_items):
                continue
            years = _committed_years(demo, criterion.id)
            for level in _levels(demo, criterion.id):
                checked += 1
                if level >= 3 and TWO_YEARS.search(criterion.levels[2]):
                    assert years >= 2, f"{criterion.id} rated {level} on {years} committed post-grant year(s)"
                if level == 4:
                    assert years >= 3, criterion.id
                if level == 1:
                    assert years == 0, f"{criterion.id} rated 1 although money is committed"
    assert checked >= 10


def test_specific_levels_match_the_demo_numbers(demo: Document) -> None:
    # Coordinator: county money committed for post-grant years 1 and 2, not 3 -> level 3, not 4.
    assert _committed_years(demo, "org.coordination") == 2 and set(_levels(demo, "org.coordination")) == {3}
    # Intermediary: only year 1 committed -> a bridge year, level 2.
    assert _committed_years(demo, "org.intermediary") == 1 and set(_levels(demo, "org.intermediary")) == {2}
    # Dual enrollment: more than half of the students the CCAP agreement targets enrolled this year -> level 3 (level
    # 4 asks for three years in a row; the agreement was signed in 2025).
    evidence = demo.respondents[0].ratings["tech.dual_enrollment"].evidence
    found = re.search(r"enrolled (\d+) of the (\d+) students the agreement targets", evidence)
    assert found is not None
    enrolled, targeted = map(int, found.groups())
    assert enrolled / targeted >= 0.5 and "2025" in evidence
    assert set(_levels(demo, "tech.dual_enrollment")) == {3}
    # Work-based learning reach: the share of seniors meets the steering committee's own goal this year -> level 3
    # (level 4 asks for two years in a row).
    reach = demo.respondents[0].ratings["tech.wbl_reach"].evidence
    share, goal = re.search(r"(\d+)% of pathway seniors.*goal of (\d+)%", reach).groups()  # type: ignore[union-attr]
    assert int(share) >= int(goal) and set(_levels(demo, "tech.wbl_reach")) == {3}
    # Transportation: both districts committed for post-grant years 1 and 2 -> level 3, not the ongoing level 4.
    assert _committed_years(demo, "org.transportation") == 2 and set(_levels(demo, "org.transportation")) == {3}


def test_braided_programs_agree_with_the_categorical_funds_in_the_cost_plan(demo: Document) -> None:
    # 2.1 counts only categorical programs (not a general fund or LCAP): WIOA pays a committed cost, the college's
    # Strong Workforce money is only pledged -> one program pays, level 2.
    from planner.core.model.cost_plan import FundingSource

    general = {FundingSource.LCFF_LCAP, FundingSource.OTHER, FundingSource.IN_KIND, FundingSource.EMPLOYER}
    # LCFF supplemental money is LCAP money and a college's general fund is a general fund (issue 21's fund catalog).
    general |= {FundingSource.PHILANTHROPY, FundingSource.LCFF_SUPPLEMENTAL, FundingSource.COLLEGE_GENERAL_FUND}
    paying = {m.fund for m in demo.commitments if m.status is CommitmentStatus.COMMITTED and m.fund not in general}
    assert paying == {FundingSource.WIOA}
    assert set(_levels(demo, "org.braided_programs")) == {2}


def _committed_years_of_item(document: Document, item_id: str) -> int:
    return len(
        {m.year for m in document.commitments if m.cost_item_id == item_id and m.status is CommitmentStatus.COMMITTED}
    )


def test_shared_cost_level_agrees_with_confirmed_years(demo: Document) -> None:
    # Level 3 needs every share confirmed in writing (pledged or committed) for two post-grant years.
    confirmed_years = [
        year
        for year in range(1, demo.profile.horizon_years + 1)
        if all(m.status is not CommitmentStatus.PROPOSED for m in demo.commitments if m.year == year)
        and any(m.year == year for m in demo.commitments)
    ]
    assert confirmed_years == [1]
    assert max(_levels(demo, "org.shared_cost")) <= 2


def test_governance_and_employer_levels_agree_with_the_steering_committee(demo: Document) -> None:
    sectors = {p.sector for m in demo.steering_committee if (p := demo.partner(m.partner_id or ""))}
    assert {Sector.K12, Sector.COLLEGE} <= sectors and sectors & {Sector.EMPLOYER, Sector.WORKFORCE_BOARD}
    assert min(_levels(demo, "org.governance")) == 3
    assert Sector.EMPLOYER in sectors and min(_levels(demo, "pol.employer_depth")) == 3


def test_no_evidence_is_a_copy_of_a_descriptor(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    descriptors = {text for i in instruments for c in i.criteria for text in c.levels}
    for respondent in demo.respondents:
        for criterion_id, rating in respondent.ratings.items():
            assert rating.evidence not in descriptors, criterion_id


def test_demo_rates_every_criterion_and_sets_targets(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    ids = {c.id for i in instruments for c in i.criteria}
    for respondent in demo.respondents:
        assert set(respondent.ratings) == ids
    assert demo.targets and set(demo.targets) <= ids
    for criterion_id, target in demo.targets.items():
        assert target >= max(_levels(demo, criterion_id)), criterion_id
    assert {a.criterion_id for a in demo.actions} <= ids
    assert {c.criterion_id for c in demo.cost_items} <= ids
    assert demo.profile.horizon_years == 3
    assert sum(1 for c in demo.cost_items for y in c.costs) and Decimal(0) not in {m.amount for m in demo.commitments}


# The demo is a data file read by the normal loader; these check that it agrees with itself.


def test_demo_file_loads_through_the_normal_loader() -> None:
    path = resource_path("demo", DEMO_FILE)
    assert load_document(path) == load_demo()
    assert load_demo().profile.consortium_name == DEMO_NAME


def test_demo_file_is_as_the_planner_writes_it() -> None:
    # Saved by serialize_document, so a load and save leave it unchanged and a diff of the file stays readable.
    path = resource_path("demo", DEMO_FILE)
    assert serialize_document(load_demo()) == path.read_bytes()


def test_demo_follows_the_app_not_the_file_for_version_and_instruments(instruments: tuple[Instrument, ...]) -> None:
    only_first = demo_document(instruments[:1])
    assert [(r.id, r.version) for r in only_first.metadata.instruments] == [(instruments[0].id, instruments[0].version)]
    assert only_first.metadata.app_version == __version__
    # Everything else is the file: fixed dates, so the demo reads the same on any day.
    whole = demo_document(instruments)
    assert whole.model_copy(update={"metadata": load_demo().metadata}) == load_demo()
    assert str(whole.profile.grant_end) == "2027-06-30"
    assert whole.metadata.created == whole.metadata.modified


def test_ids_are_unique_in_every_list(demo: Document) -> None:
    lists = {
        "partners": [p.id for p in demo.partners],
        "respondents": [r.id for r in demo.respondents],
        "cost_items": [c.id for c in demo.cost_items],
        "commitments": [m.id for m in demo.commitments],
        "actions": [a.id for a in demo.actions],
    }
    for name, ids in lists.items():
        assert ids, name
        repeated = [i for i, n in Counter(ids).items() if n > 1]
        assert not repeated, f"{name}: {repeated}"
    every = [i for ids in lists.values() for i in ids]
    assert len(every) == len(set(every)), "an id is used in two lists"


def test_every_reference_points_at_something_that_exists(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    partners = {p.id for p in demo.partners}
    items = {c.id for c in demo.cost_items}
    criteria = {c.id for i in instruments for c in i.criteria}
    for commitment in demo.commitments:
        assert commitment.partner_id in partners, commitment.id
        assert commitment.cost_item_id in items, commitment.id
        assert 1 <= commitment.year <= demo.profile.horizon_years, commitment.id
    for item in demo.cost_items:
        assert item.criterion_id is None or item.criterion_id in criteria, item.id
        assert item.gap_partner_id is None or item.gap_partner_id in partners, item.id
    for action in demo.actions:
        assert action.criterion_id is None or action.criterion_id in criteria, action.id
        assert action.owner_partner_id is None or action.owner_partner_id in partners, action.id
    for member in demo.steering_committee:
        assert member.partner_id is None or member.partner_id in partners, member.name
    for respondent in demo.respondents:
        assert set(respondent.ratings) <= criteria, respondent.id
    assert set(demo.targets) <= criteria
    for scenario in demo.scenarios:
        for withdrawal in scenario.withdrawals:
            assert withdrawal.partner_id in partners, scenario.name


def test_scores_and_money_compute(demo: Document, instruments: tuple[Instrument, ...]) -> None:
    analysis = analyze(demo, instruments)
    assert len(analysis.capacity.domains) == len(instruments)
    assert all(d.score is not None for d in analysis.capacity.domains)
    assert analysis.capacity.priorities
    funding = analysis.funding
    assert [y.year for y in funding.years] == [1, 2, 3]
    assert funding.total_cost > 0
    assert any(y.gap > 0 for y in funding.years), "the demo shows a plan with a gap"
    assert sum(m.amount for m in demo.commitments) > 0


def test_money_in_the_file_is_text_never_a_float() -> None:
    raw = json.loads(resource_path("demo", DEMO_FILE).read_bytes())
    assert isinstance(raw["profile"]["award"], str)
    assert all(isinstance(m["amount"], str) for m in raw["commitments"])
    assert Decimal(raw["profile"]["award"]) == Decimal("6000000.00")


# --- issue 21: the demo agrees with itself and with California ------------------------------------------------


def test_demo_spends_no_fund_after_it_ends_nor_from_a_fund_its_partner_cannot_receive(demo: Document) -> None:
    from planner.core.funding.costs import summarize_funding
    from planner.core.funding.ledger import WarningCode

    codes = {w.code for w in summarize_funding(demo).warnings}
    assert not codes & {WarningCode.FUND_ENDED, WarningCode.FUND_RECIPIENT, WarningCode.MATCH_EXCLUDED}
    # Educator Effectiveness money had to be spent by June 30, 2026: none of it, by fund or by name, after that.
    assert not any(c.fund.value == "educator_effectiveness" or "educator effectiveness" in c.source.lower()
                   for c in demo.commitments)  # fmt: skip


def test_demo_cteig_is_a_k12_partners_with_its_match_under_the_fund_it_comes_from(demo: Document) -> None:
    from planner.core.funding.costs import summarize_funding
    from planner.core.funding.funds import bundled_catalogue, match_tests
    from planner.core.model.cost_plan import FundingSource

    catalogue = bundled_catalogue()
    partners = {p.id: p for p in demo.partners}
    cteig = [a for a in demo.actions if "CTE Incentive Grant" in a.action]
    assert cteig and all(partners[a.owner_partner_id or ""].sector in catalogue.cteig.recipients for a in cteig)
    for c in demo.commitments:
        if c.fund is FundingSource.CTE_INCENTIVE_GRANT:
            assert partners[c.partner_id].sector in catalogue.cteig.recipients and not c.cteig_match
        if "match" in c.source.lower():
            assert (
                c.cteig_match and catalogue.rule(c.fund).cteig_match and c.fund is not FundingSource.CTE_INCENTIVE_GRANT
            )
    tests = match_tests(demo, summarize_funding(demo).ledger)
    assert tests and all(t.met for t in tests)


def test_demo_dates_make_sense_against_the_plans_date(demo: Document) -> None:
    from planner.core.funding.costs import summarize_funding
    from planner.core.funding.ledger import plan_date
    from planner.core.model.document import ActionStatus

    today = plan_date(demo)
    ledger = summarize_funding(demo).ledger
    # Committed money is backed: no FY 2027-28 budget is adopted in November 2026, so an agreement covers it.
    assert demo.agreements and all(a.signed_on <= today for a in demo.agreements)
    assert not any(line.downgraded for line in ledger.counted)
    for action in demo.actions:
        if action.status in (ActionStatus.IN_PROGRESS, ActionStatus.DONE):
            assert action.start is not None and action.start <= today, action.action
    # Years are fiscal years where a reader sees them; no evidence claims a budget that cannot be adopted yet.
    texts = [*demo.decisions, *(a.action for a in demo.actions)]
    assert not any(re.search(r"\byear[- ][0-9]\b", t, re.IGNORECASE) for t in texts)
    evidence = [r.evidence for r in demo.respondents[0].ratings.values()]
    assert not any("adopted budgets for post-grant" in e or "adopted the coordinator" in e for e in evidence)
