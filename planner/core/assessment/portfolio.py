"""A coach's portfolio: every consortium document in a folder, scored, one row each.

A file that cannot be read becomes a row with its reason; it never stops the others. A team member's respondent
form is not a consortium: it is listed on its own, never scored or counted among the plans. Neither is a sync
service's conflict copy of a plan in the folder (``plan-LAB-12.json`` beside ``plan.json``, same consortium): it is
listed as a copy of that plan, to be merged into it, not as a second consortium. Lock files are never read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from planner.core.assessment.analysis import analyze
from planner.core.assessment.scoring import format_score
from planner.core.model.errors import PlannerFileError
from planner.core.model.rubric import Instrument
from planner.core.storage.conflicts import original_of
from planner.core.storage.instruments import load_plan
from planner.core.storage.locks import is_lock_file
from planner.core.storage.storage import load_document

DOCUMENT_SUFFIX = ".json"


@dataclass(frozen=True)
class DomainCell:
    title: str
    score: Decimal | None
    band: str


@dataclass(frozen=True)
class PortfolioRow:
    path: Path
    consortium: str = ""
    domains: tuple[DomainCell, ...] = ()
    overall: Decimal | None = None
    overall_band: str = ""
    gaps: tuple[Decimal, ...] = ()  # by plan year
    completeness: Decimal | None = None
    modified: datetime | None = None
    review_status: str = ""
    error: str = ""
    respondent: str = ""  # the team member a respondent form was handed to; empty for a consortium's plan
    copy_of: str = ""  # the plan's file name when this file is a sync service's conflict copy of it
    copy_from: str = ""  # "a Dropbox conflict copy from Dana"

    @property
    def total_gap(self) -> Decimal:
        return sum(self.gaps, Decimal(0))

    @property
    def is_form(self) -> bool:
        return bool(self.respondent)

    @property
    def is_copy(self) -> bool:
        return bool(self.copy_of)

    @property
    def is_aside(self) -> bool:
        """Listed beside the table, not as a consortium: a respondent form or a conflict copy."""
        return self.is_form or self.is_copy

    def aside_description(self) -> str:
        return self.copy_description() if self.is_copy else self.form_description()

    def copy_description(self) -> str:
        """``plan-LAB-12.json: a OneDrive or SharePoint conflict copy from LAB-12 of plan.json (Alder Basin)``."""
        return f"{self.path.name}: {self.copy_from} of {self.copy_of} ({self.consortium or 'an unnamed consortium'})"

    def form_description(self) -> str:
        """``form-pat.json: Pat Lee's ratings for Alder Basin`` (for the list of forms beside the portfolio)."""
        return f"{self.path.name}: {self.respondent}'s ratings for {self.consortium or 'an unnamed consortium'}"


def portfolio_files(folder: Path) -> list[Path]:
    """Everything named ``*.json`` directly in ``folder`` but folders, by name: a link that leads nowhere or a device
    is listed too (as a file that cannot be read), never skipped without a word."""
    if not folder.is_dir():
        raise PlannerFileError(str(folder), "", "is not a folder")
    found = (p for p in folder.iterdir() if p.suffix.lower() == DOCUMENT_SUFFIX and not is_lock_file(p.name))
    return sorted((p for p in found if not p.is_dir()), key=str)


def _copy_of(path: Path, consortium_id: str) -> tuple[str, str]:
    """``(plan's file name, how the copy was made)`` when ``path`` is a conflict copy of a plan of the same
    consortium beside it; empty strings otherwise."""
    found = original_of(path)
    if found is None:
        return "", ""
    try:
        same = load_document(found[0]).metadata.consortium_id == consortium_id
    except PlannerFileError:
        return "", ""
    return (found[0].name, found[1].describe()) if same else ("", "")


def _not_a_plan_file(path: Path) -> str:
    """Why ``path`` cannot be read as a plan before anything opens it (a pipe would block the read forever)."""
    try:
        path.stat()
    except OSError:
        if path.is_symlink():
            return "a link that leads nowhere (its target is missing, or links point at each other in a loop)"
        return "cannot be opened"
    if not path.is_file():
        return "not a regular file (a device, pipe or socket), so not a plan"
    return ""


def portfolio_row(path: Path, instruments: Sequence[Instrument]) -> PortfolioRow:
    problem = _not_a_plan_file(path)
    if problem:
        return PortfolioRow(path=path, error=problem)
    try:
        document, chosen = load_plan(path, instruments)
        analysis = analyze(document, chosen)
    except PlannerFileError as exc:
        return PortfolioRow(path=path, error=exc.message_without_path())
    name = document.form_respondent_name()
    if name is not None:
        return PortfolioRow(
            path=path,
            consortium=document.profile.consortium_name,
            modified=document.metadata.modified,
            respondent=name,
        )
    capacity = analysis.capacity
    copy_of, copy_from = _copy_of(path, document.metadata.consortium_id)
    return PortfolioRow(
        path=path,
        copy_of=copy_of,
        copy_from=copy_from,
        consortium=document.profile.consortium_name,
        domains=tuple(
            DomainCell(d.instrument.title, d.score, d.band.label if d.band else "") for d in capacity.domains
        ),
        overall=capacity.overall.score,
        overall_band=capacity.overall.band.label if capacity.overall.band else "",
        gaps=tuple(y.gap for y in analysis.funding.years),
        completeness=capacity.overall.completeness,
        modified=document.metadata.modified,
        review_status=document.review.status.label,
    )


def scan_portfolio(folder: Path, instruments: Sequence[Instrument]) -> Iterator[PortfolioRow]:
    """Rows one at a time, so a window can show them as they come. A missing folder is an error at once, not at
    the first row."""
    paths = portfolio_files(folder)
    return (portfolio_row(path, instruments) for path in paths)


def portfolio_order(row: PortfolioRow) -> tuple[int, str]:
    """Readable plans by file name, then the files that could not be read, then respondent forms, then copies."""
    return (3 if row.is_copy else 2 if row.is_form else 1 if row.error else 0, row.path.name)


def plan_rows(rows: Sequence[PortfolioRow]) -> list[PortfolioRow]:
    """The rows of the portfolio table: consortium plans, then broken files (last, with their reason)."""
    return sorted((r for r in rows if not r.is_aside), key=portfolio_order)


def form_rows(rows: Sequence[PortfolioRow]) -> list[PortfolioRow]:
    return sorted((r for r in rows if r.is_form), key=portfolio_order)


def copy_rows(rows: Sequence[PortfolioRow]) -> list[PortfolioRow]:
    return sorted((r for r in rows if r.is_copy), key=portfolio_order)


def portfolio_summary(rows: Sequence[PortfolioRow]) -> str:
    """``12 files, 1 could not be read; 2 team members' forms and 1 conflict copy listed separately``."""
    plans = [r for r in rows if not r.is_aside]
    broken = sum(1 for r in plans if r.error)
    text = f"{len(plans)} file{'s' if len(plans) != 1 else ''}, {broken} could not be read"
    forms = sum(1 for r in rows if r.is_form)
    copies = sum(1 for r in rows if r.is_copy)
    aside = []
    if forms:
        aside.append(f"{forms} team member's form" if forms == 1 else f"{forms} team members' forms")
    if copies:
        aside.append(f"{copies} conflict cop{'y' if copies == 1 else 'ies'}")
    if aside:
        text += "; " + " and ".join(aside) + " listed separately"
    return text


def portfolio_columns(rows: Sequence[PortfolioRow]) -> tuple[list[str], int]:
    """Domain titles (from the first readable row) and the most plan years any row has."""
    titles = next(([d.title for d in r.domains] for r in rows if not r.error and not r.is_form), [])
    years = max((len(r.gaps) for r in rows), default=0)
    return titles, years


def portfolio_csv(rows: Sequence[PortfolioRow]) -> str:
    """The table as CSV, numbers unformatted (a spreadsheet formats them), one row per consortium file, broken
    files last; respondent forms are not consortia and are left out."""
    rows = plan_rows(rows)
    titles, years = portfolio_columns(rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = ["file", "consortium"]
    for title in titles:
        header += [f"{title} score", f"{title} band"]
    header += ["overall", "overall band"] + [f"gap year {y}" for y in range(1, years + 1)]
    header += ["total gap", "completeness %", "last modified", "review status", "error"]
    writer.writerow(header)
    for row in rows:
        cells: list[str] = [_csv_text(row.path.name), _csv_text(row.consortium)]
        for index in range(len(titles)):
            domain = row.domains[index] if index < len(row.domains) else None
            cells += [format_score(domain.score, "") if domain else "", domain.band if domain else ""]
        cells += [format_score(row.overall, ""), row.overall_band]
        cells += [str(row.gaps[y]) if y < len(row.gaps) else "" for y in range(years)]
        cells += [
            "" if row.error else str(row.total_gap),
            "" if row.completeness is None else str((row.completeness * 100).quantize(Decimal(1))),
            row.modified.strftime("%Y-%m-%d %H:%M") if row.modified else "",
            row.review_status,
            _csv_text(row.error),
        ]
        writer.writerow(cells)
    return out.getvalue()


def _csv_text(text: str) -> str:
    # A cell starting with = + - @ is run as a formula by spreadsheets: a consortium name must stay text.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
