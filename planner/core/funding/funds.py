"""Funds that know their rules: the fund catalogue (``funds/california.toml``) and the checks it makes possible.

The catalogue is data, like the rubrics: each fund's kind, who may receive it, the last day its money may be spent,
whether it can count as CTE Incentive Grant match, and its restrictions in plain words. A broken catalogue gives one
line per problem, ``file: where: what``.

From it the plan gets:

* a warning for money from a fund used in a fiscal year that starts after the fund's last spending day;
* a warning for money from a fund the paying partner cannot receive;
* a warning for money marked as CTE Incentive Grant match that comes from a fund that cannot be match;
* the CTE Incentive Grant match test for each K-12 partner with grant money in the plan: per fiscal year, the local
  match the grant needs (the catalogue's ratio, 2:1 under Education Code 53071) beside the match the partner has
  promised from funds that can count.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints, ValidationError, model_validator

from planner.core.funding.ledger import FundingWarning, Ledger, WarningCode, long_date
from planner.core.funding.years import fiscal_year_start
from planner.core.model.cost_plan import FundingSource
from planner.core.model.document import Document, Sector
from planner.core.model.errors import PlannerFileError, pydantic_problems
from planner.core.model.money import format_dollars
from planner.core.model.text import XML_TEXT
from planner.core.storage.files import read_toml
from planner.resources import data_dir

CATALOGUE_FILE = "california.toml"
MAX_CATALOGUE_BYTES = 256 * 1024
ZERO = Decimal("0.00")


class FundKind(StrEnum):
    STATE_FORMULA = "state formula"
    STATE_GRANT = "state grant"
    FEDERAL = "federal"
    COLLEGE = "college"
    LOCAL = "local"
    PRIVATE = "private"
    IN_KIND = "in kind"
    OTHER = "other"


Words = Annotated[str, StringConstraints(max_length=2000), XML_TEXT]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FundRule(_Strict):
    id: FundingSource
    kind: FundKind
    recipients: list[Sector] = Field(min_length=1)
    spend_by: date | None = None
    cteig_match: StrictBool
    restrictions: Words = ""

    @property
    def label(self) -> str:
        return self.id.label


class CteigRule(_Strict):
    match_ratio: Decimal = Field(gt=0, le=10)
    statute: Annotated[str, StringConstraints(max_length=200), XML_TEXT] = ""
    recipients: list[Sector] = Field(min_length=1)


class CatalogueInfo(_Strict):
    title: Annotated[str, StringConstraints(min_length=1, max_length=200), XML_TEXT]
    version: Annotated[str, StringConstraints(min_length=1, max_length=40), XML_TEXT]


class FundCatalogue(_Strict):
    catalogue: CatalogueInfo
    cteig: CteigRule
    fund: list[FundRule]

    @model_validator(mode="after")
    def _every_fund_once(self) -> FundCatalogue:
        seen: set[FundingSource] = set()
        for index, rule in enumerate(self.fund):
            if rule.id in seen:
                raise ValueError(f"fund[{index}]: {rule.id.value!r} is listed twice; list each fund once")
            seen.add(rule.id)
        missing = [f.value for f in FundingSource if f not in seen]
        if missing:
            raise ValueError(f"these funds have no rules: {', '.join(missing)}; add a [[fund]] for each")
        return self

    def rule(self, fund: FundingSource) -> FundRule:
        return next(r for r in self.fund if r.id is fund)


def is_fund_catalogue(path: Path) -> bool:
    """A TOML file with a ``[catalogue]`` table is a fund catalogue, not a rubric."""
    try:
        head = path.read_bytes()[:MAX_CATALOGUE_BYTES].decode("utf-8", errors="replace")
    except OSError:
        return False
    return re.search(r"^\s*\[catalogue\]", head, re.MULTILINE) is not None


def catalogue_problem_lines(path: Path) -> list[str]:
    """``planner validate``: one line per problem, ``file: where: what``; none for a good catalogue."""
    found = fund_catalogue_problems(path)
    return [] if isinstance(found, FundCatalogue) else [p.message for p in found]


def load_fund_catalogue(path: Path, shown: str | None = None) -> FundCatalogue:
    """Load a catalogue; raise :class:`PlannerFileError` with every problem in ``.more``."""
    problems = fund_catalogue_problems(path, shown)
    if isinstance(problems, FundCatalogue):
        return problems
    first, *rest = problems
    first.more = rest
    raise first


def fund_catalogue_problems(path: Path, shown: str | None = None) -> FundCatalogue | list[PlannerFileError]:
    name = shown or str(path)
    try:
        raw = read_toml(path, MAX_CATALOGUE_BYTES, name)
    except PlannerFileError as exc:
        return [exc]
    try:
        return FundCatalogue.model_validate(raw)
    except ValidationError as exc:
        return pydantic_problems(name, exc)


@functools.cache
def bundled_catalogue() -> FundCatalogue:
    return load_fund_catalogue(data_dir("funds") / CATALOGUE_FILE)


# --- the checks ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatchYear:
    year: int
    label: str
    grant: Decimal  # the partner's CTE Incentive Grant money that year
    required: Decimal  # the local match it needs
    promised: Decimal  # its money marked as match, from funds that can count

    @property
    def short(self) -> Decimal:
        return max(self.required - self.promised, ZERO)

    @property
    def met(self) -> bool:
        return self.short == 0


@dataclass(frozen=True)
class MatchTest:
    partner_id: str
    partner: str
    ratio: Decimal
    statute: str
    years: tuple[MatchYear, ...]

    @property
    def met(self) -> bool:
        return all(y.met for y in self.years)


def fund_warnings(document: Document, ledger: Ledger, catalogue: FundCatalogue | None = None) -> list[FundingWarning]:
    catalogue = catalogue or bundled_catalogue()
    rules = {r.id: r for r in catalogue.fund}
    partners = {p.id: p for p in document.partners}
    items = {i.id: i.name for i in document.cost_items}
    starts = {y: fiscal_year_start(document, y) for y in ledger.years}
    warnings: list[FundingWarning] = []
    for line in ledger.counted:
        c = line.commitment
        rule = rules[c.fund]
        partner = partners[c.partner_id]
        start = starts[c.year]
        ended = rule.spend_by is not None and start is not None and start > rule.spend_by
        wrong_recipient = partner.sector not in rule.recipients
        bad_match = c.cteig_match and not rule.cteig_match
        if not (ended or wrong_recipient or bad_match):
            continue
        where = (
            f"{partner.name}'s {format_dollars(c.amount)} for {items[c.cost_item_id]} in {ledger.year_labels[c.year]}"
        )
        if ended and rule.spend_by is not None:
            warnings.append(
                FundingWarning(
                    WarningCode.FUND_ENDED,
                    f"{where} comes from the {rule.label}, whose money had to be spent by {long_date(rule.spend_by)}; "
                    "name the fund that will really pay it.",
                )
            )
        if wrong_recipient:
            who = ", ".join(s.label.lower() for s in rule.recipients)
            warnings.append(
                FundingWarning(
                    WarningCode.FUND_RECIPIENT,
                    f"{where} comes from the {rule.label}, which a {partner.sector.label.lower()} cannot receive "
                    f"(it goes to: {who}).",
                )
            )
        if bad_match:
            warnings.append(
                FundingWarning(
                    WarningCode.MATCH_EXCLUDED,
                    f"{where} is marked as CTE Incentive Grant match, but the {rule.label} cannot count as that "
                    f"match ({catalogue.cteig.statute}); it is left out of the match test.",
                )
            )
    for test in match_tests(document, ledger, catalogue):
        for year in test.years:
            if not year.met:
                warnings.append(
                    FundingWarning(
                        WarningCode.MATCH_SHORT,
                        f"{test.partner}, {year.label}: its CTE Incentive Grant of {format_dollars(year.grant)} needs "
                        f"{format_dollars(year.required)} of local match; {format_dollars(year.promised)} is promised "
                        f"as match, {format_dollars(year.short)} short.",
                    )
                )
    return warnings


def match_tests(document: Document, ledger: Ledger, catalogue: FundCatalogue | None = None) -> list[MatchTest]:
    """The CTE Incentive Grant match test for each K-12 partner with grant money in the plan, per fiscal year.

    Grant and match count whatever their status (the test checks the plan as written); the match is the partner's
    money marked as match from funds that can count."""
    catalogue = catalogue or bundled_catalogue()
    eligible = {r.id for r in catalogue.fund if r.cteig_match}
    grant: dict[tuple[str, int], Decimal] = defaultdict(lambda: ZERO)
    match: dict[tuple[str, int], Decimal] = defaultdict(lambda: ZERO)
    for line in ledger.counted:
        c = line.commitment
        if c.fund is FundingSource.CTE_INCENTIVE_GRANT:
            grant[(c.partner_id, c.year)] += c.amount
        elif c.cteig_match and c.fund in eligible:
            match[(c.partner_id, c.year)] += c.amount
    ratio = catalogue.cteig.match_ratio
    tests = []
    for partner in document.partners:
        if partner.sector not in catalogue.cteig.recipients:
            continue
        years = tuple(
            MatchYear(
                year=y,
                label=ledger.year_labels[y],
                grant=grant[(partner.id, y)],
                required=(grant[(partner.id, y)] * ratio).quantize(Decimal("0.01")),
                promised=match[(partner.id, y)],
            )
            for y in ledger.years
            if grant[(partner.id, y)] > 0 or match[(partner.id, y)] > 0
        )
        if years:
            tests.append(MatchTest(partner.id, partner.name, ratio, catalogue.cteig.statute, years))
    return tests


__all__ = [
    "FundCatalogue",
    "FundRule",
    "MatchTest",
    "bundled_catalogue",
    "fund_warnings",
    "is_fund_catalogue",
    "load_fund_catalogue",
    "match_tests",
]
