"""The fund catalogue: data that knows each fund's rules, and the warnings and match test it makes possible."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from planner.core.funding.costs import summarize_funding
from planner.core.funding.funds import (
    bundled_catalogue,
    fund_catalogue_problems,
    load_fund_catalogue,
    match_tests,
)
from planner.core.funding.ledger import WarningCode
from planner.core.model.cost_plan import Agreement, Commitment, CommitmentStatus, CostCategory, CostItem, FundingSource
from planner.core.model.document import Document, Partner, Profile, Sector, new_document
from planner.core.model.errors import PlannerFileError
from planner.core.model.rubric import Instrument
from planner.resources import data_dir

D = Decimal


def test_the_bundled_catalogue_knows_every_fund_and_the_california_rules() -> None:
    catalogue = bundled_catalogue()
    assert {r.id for r in catalogue.fund} == set(FundingSource)
    assert catalogue.cteig.match_ratio == 2 and "53071" in catalogue.cteig.statute
    excluded = {r.id for r in catalogue.fund if not r.cteig_match}
    assert {
        FundingSource.STRONG_WORKFORCE_K12,
        FundingSource.CTE_INCENTIVE_GRANT,
        FundingSource.CAREER_PATHWAYS_TRUST,
    } <= excluded
    assert catalogue.rule(FundingSource.EDUCATOR_EFFECTIVENESS).spend_by == date(2026, 6, 30)
    assert Sector.COLLEGE not in catalogue.rule(FundingSource.CTE_INCENTIVE_GRANT).recipients
    assert catalogue.rule(FundingSource.COLLEGE_GENERAL_FUND).recipients == [Sector.COLLEGE]
    for words in ("out-of-school", "unduplicated pupils", "local needs assessment", "regional consortium"):
        assert any(words in r.restrictions for r in catalogue.fund), words


@pytest.mark.parametrize(
    ("change", "where", "what"),
    [
        (lambda t: t.replace('kind = "federal"', 'kind = "galactic"', 1), "fund[2].kind", "Input should be"),
        (lambda t: t.replace("spend_by = 2026-06-30", 'spend_by = "soon"'), "fund[14].spend_by", "date"),
        (lambda t: t.replace('id = "other"', 'id = "lcff_lcap"'), "(top level)", "listed twice"),
        (lambda t: t.replace('match_ratio = "2"', 'match_ratio = "0"'), "cteig.match_ratio", "greater than 0"),
        (lambda t: t + "\nsurprise = 1\n", "fund[16].surprise", "unknown key"),
        (lambda t: t.replace("[catalogue]", "[catalogue"), "", "TOML"),
    ],
)
def test_bad_input_gets_one_clean_line(tmp_path: Path, change, where: str, what: str) -> None:  # type: ignore[no-untyped-def]
    text = (data_dir("funds") / "california.toml").read_text("utf-8")
    path = tmp_path / "funds.toml"
    path.write_text(change(text), "utf-8")
    problems = fund_catalogue_problems(path)
    assert isinstance(problems, list) and problems
    first = problems[0]
    assert first.message.startswith(f"{path}: ") and what in first.message
    if where:
        assert first.where == where
    assert "\n" not in first.message and "Traceback" not in first.message
    with pytest.raises(PlannerFileError):
        load_fund_catalogue(path)


def _plan(instruments: tuple[Instrument, ...], commitments: list[Commitment]) -> Document:
    base = new_document("Test", list(instruments))
    return base.model_copy(
        update={
            "profile": Profile(consortium_name="Test", grant_end=date(2027, 6, 30), horizon_years=2),
            "partners": [
                Partner(id="d", name="Valley USD", sector=Sector.K12),
                Partner(id="c", name="Valley College", sector=Sector.COLLEGE),
            ],
            "cost_items": [
                CostItem(id="x", name="Lab", category=CostCategory.EQUIPMENT, costs={1: D(90000), 2: D(90000)})
            ],
            "commitments": commitments,
            "agreements": [Agreement(id="a", partner_ids=["d", "c"], signed_on=date(2026, 1, 1), fiscal_years=[2027])],
        }
    )


def _c(cid: str, partner: str, amount: str, fund: FundingSource, year: int = 1, match: bool = False) -> Commitment:
    return Commitment(
        id=cid,
        partner_id=partner,
        cost_item_id="x",
        year=year,
        amount=D(amount),
        fund=fund,
        status=CommitmentStatus.COMMITTED,
        cteig_match=match,
    )


def test_fund_warnings_and_the_cteig_match_test(instruments: tuple[Instrument, ...]) -> None:
    plan = _plan(
        instruments,
        [
            _c("1", "d", "20000", FundingSource.CTE_INCENTIVE_GRANT),
            _c("2", "d", "30000", FundingSource.LCFF_LCAP, match=True),
            _c("3", "d", "5000", FundingSource.STRONG_WORKFORCE_K12, match=True),  # cannot be match
            _c("4", "d", "4000", FundingSource.EDUCATOR_EFFECTIVENESS),  # ended June 30, 2026
            _c("5", "c", "7000", FundingSource.CTE_INCENTIVE_GRANT),  # a college cannot receive it
            _c("6", "c", "9000", FundingSource.COLLEGE_GENERAL_FUND),
        ],
    )
    funding = summarize_funding(plan)
    by_code = {w.code: w.message for w in funding.warnings}
    assert "Educator Effectiveness Block Grant" in by_code[WarningCode.FUND_ENDED]
    assert "June 30, 2026" in by_code[WarningCode.FUND_ENDED] and "FY 2027-28" in by_code[WarningCode.FUND_ENDED]
    assert "Valley College" in by_code[WarningCode.FUND_RECIPIENT]
    assert "Strong Workforce" in by_code[WarningCode.MATCH_EXCLUDED]
    # Valley USD: 20,000 of grant needs 40,000 of match; 30,000 counts (the K-12 Strong Workforce money does not).
    (test,) = match_tests(plan, funding.ledger)
    assert test.partner == "Valley USD" and test.ratio == 2
    (year,) = test.years
    assert (year.grant, year.required, year.promised, year.short) == (D(20000), D(40000), D(30000), D(10000))
    assert not test.met and "$10,000 short" in by_code[WarningCode.MATCH_SHORT]
    assert sum(1 for w in funding.warnings if w.code is WarningCode.FUND_RECIPIENT) == 1


def test_planner_validate_checks_a_fund_catalogue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from planner.cli import main

    good = data_dir("funds") / "california.toml"
    assert main(["validate", str(good)]) == 0
    bad = tmp_path / "funds.toml"
    bad.write_text(good.read_text("utf-8").replace("cteig_match = true", 'cteig_match = "yes"', 1), "utf-8")
    assert main(["validate", str(bad)]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"{bad}: fund[0].cteig_match: Input should be a valid boolean"]
