"""Pure edit functions: each takes a document and returns a new, validated document.

The desktop app changes a document only through these (wrapped in undo commands), so every edit is
checked by the same pydantic rules as a loaded file. A bad value raises :class:`EditError` with a
plain reason and leaves the document as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from planner.core.model.cost_plan import Agreement, Commitment, CommitmentStatus, Scenario, Withdrawal
from planner.core.model.document import Document, Rating
from planner.core.model.errors import pydantic_problems
from planner.core.model.fields import MAX_HORIZON_YEARS
from planner.core.model.money import format_money

M = TypeVar("M", bound=BaseModel)
LIST_FIELDS = ("partners", "steering_committee", "cost_items", "commitments", "actions", "scenarios", "agreements")


class EditError(ValueError):
    pass


# pydantic's wording, and our own checks' field names, as a person reading the form would put them.
_PLAIN_REASONS = (
    (re.compile(r"String should have at least 1 character"), "cannot be empty"),
    (re.compile(r"String should have at most (\d+) characters?"), r"is longer than \1 characters"),
    (re.compile(r"List should have at most (\d+) items?.*"), r"can hold at most \1"),
    (re.compile(r"grant_end is before grant_start"), "the grant's end date is before its start date"),
    (re.compile(r"Input should be greater than or equal to (\d+)"), r"must be at least \1"),
    (re.compile(r"Input should be less than or equal to (\d+)"), r"must be at most \1"),
)


_FIELD_PREFIX = re.compile(r"^[A-Za-z_][\w.\[\]]*: ")


def plain_reason(message: str) -> str:
    """A refusal in plain words: no field ids, no validator jargon."""
    text = _FIELD_PREFIX.sub("", message)
    for pattern, replacement in _PLAIN_REASONS:
        text = pattern.sub(replacement, text)
    return text[:1].upper() + text[1:]


def revalidated(model: M, **changes: Any) -> M:
    """A copy of ``model`` with ``changes``, checked by the model's own rules."""
    data = {name: getattr(model, name) for name in type(model).model_fields}
    data.update(changes)
    try:
        return type(model).model_validate(data)
    except ValidationError as exc:
        problem = pydantic_problems("", exc)[0]
        raise EditError(
            f"{problem.where}: {problem.what}" if problem.where != "(top level)" else problem.what
        ) from None


def set_profile(document: Document, **changes: Any) -> Document:
    return document.model_copy(update={"profile": revalidated(document.profile, **changes)})


def set_adoption(document: Document, **changes: Any) -> Document:
    """Record the steering committee's vote; a plan with a date adopted prints as adopted, without the Draft mark."""
    return document.model_copy(update={"adoption": revalidated(document.adoption, **changes)})


def set_rating(document: Document, respondent_id: str, criterion_id: str, rating: Rating) -> Document:
    respondents = list(document.respondents)
    for index, respondent in enumerate(respondents):
        if respondent.id == respondent_id:
            ratings = dict(respondent.ratings)
            if rating.is_empty:
                ratings.pop(criterion_id, None)
            else:
                ratings[criterion_id] = rating
            respondents[index] = respondent.model_copy(update={"ratings": ratings})
            return document.model_copy(update={"respondents": respondents})
    raise EditError(f"no respondent {respondent_id!r}")


def set_target(document: Document, criterion_id: str, level: int | None) -> Document:
    """Set (or clear, with None) the level the team aims to reach on one criterion by the end of the plan."""
    targets = dict(document.targets)
    if level is None:
        targets.pop(criterion_id, None)
    else:
        targets[criterion_id] = level
    return revalidated(document, targets=targets)


def _records(document: Document, field: str) -> list[Any]:
    if field not in LIST_FIELDS:
        raise EditError(f"{field} is not an editable list")
    return list(getattr(document, field))


def _check_record(field: str, record: Any) -> None:
    # Checked when a person edits, not when a file loads, so a plan written before this rule still opens.
    if field == "actions" and record.start and record.due and record.due < record.start:
        raise EditError("the due date is before the start date")


def add_record(document: Document, field: str, record: BaseModel, index: int | None = None) -> Document:
    _check_record(field, record)
    records = _records(document, field)
    records.insert(len(records) if index is None else index, record)
    return _with_records(document, field, records)


def update_record(document: Document, field: str, index: int, **changes: Any) -> Document:
    records = _records(document, field)
    records[index] = revalidated(records[index], **changes)
    _check_record(field, records[index])
    return _with_records(document, field, records)


def remove_record(document: Document, field: str, index: int) -> Document:
    return remove_records(document, field, [index])


# How the rows of each list are named when a removal is described; a commitment is named by what it pays for.
_NOUNS = {
    "partners": ("partner", "partners"),
    "steering_committee": ("steering-committee member", "steering-committee members"),
    "cost_items": ("cost item", "cost items"),
    "commitments": ("commitment", "commitments"),
    "agreements": ("agreement", "agreements"),
    "actions": ("action", "actions"),
    "scenarios": ("scenario", "scenarios"),
}


def _count(number: int, noun: tuple[str, str]) -> str:
    return f"{number:,} {noun[0] if number == 1 else noun[1]}"


def _row_name(document: Document, field: str, record: Any) -> str:
    if isinstance(record, Commitment):
        partner = document.partner(record.partner_id)
        return f"{partner.name if partner else record.partner_id}, year {record.year}, {format_money(record.amount)}"
    if isinstance(record, Agreement):
        return f"{record.kind.label} {record.reference}".strip()
    return str(getattr(record, "name", None) or getattr(record, "action", ""))


@dataclass(frozen=True)
class RemovalEffects:
    """What removing some rows of a list takes with it, and what it leaves without a link, in plain words.

    Commitments go with their partner or cost item: left behind they would name nothing and quietly drop out of
    the totals. Rows that only mention a partner (a steering-committee member, an action's owner, the partner a
    cost item's gap is asked of, a scenario's withdrawal) stay and lose that mention.
    """

    field: str
    names: tuple[str, ...]
    commitments: tuple[Commitment, ...] = ()
    unlinked: tuple[str, ...] = ()

    @property
    def any(self) -> bool:
        """Whether anything besides the rows themselves changes (then the person is asked first)."""
        return bool(self.commitments or self.unlinked)

    @property
    def commitment_total(self) -> Decimal:
        return sum((c.amount for c in self.commitments), Decimal("0.00"))

    def question(self) -> str:
        """The confirmation: what goes, what it takes with it, and that one undo brings it all back."""
        noun = _NOUNS[self.field]
        if len(self.names) == 1:
            what, it = self.names[0], "it"
        else:
            shown = ", ".join(self.names[:5]) + (f" and {len(self.names) - 5:,} more" if len(self.names) > 5 else "")
            what, it = f"{_count(len(self.names), noun)} ({shown})", "them"
        lines = [f"Remove {what}?"]
        if self.commitments:
            committed = sum(
                (c.amount for c in self.commitments if c.status is CommitmentStatus.COMMITTED), Decimal("0.00")
            )
            lines.append(
                f"{_count(len(self.commitments), _NOUNS['commitments'])} totalling "
                f"{format_money(self.commitment_total)} ({format_money(committed)} of it committed) "
                f"{'goes' if len(self.commitments) == 1 else 'go'} with {it}."
            )
        lines += [f"{line}." for line in self.unlinked]
        lines.append("Edit > Undo brings everything back.")
        return "\n\n".join([lines[0], " ".join(lines[1:])])


def _doomed_rows(document: Document, field: str, rows: Iterable[int]) -> list[int]:
    records = _records(document, field)
    doomed = sorted(set(rows))
    if not doomed:
        raise EditError("choose the rows to remove first")
    if doomed[0] < 0 or doomed[-1] >= len(records):
        raise EditError(f"there is no row {doomed[-1] + 1 if doomed[-1] >= 0 else doomed[0]} to remove")
    return doomed


def removal_effects(document: Document, field: str, rows: Iterable[int]) -> RemovalEffects:
    """What :func:`remove_records` with the same rows would take with it; ask the person when ``.any``."""
    doomed = _doomed_rows(document, field, rows)
    records = getattr(document, field)
    names = tuple(_row_name(document, field, records[row]) for row in doomed)
    ids = {records[row].id for row in doomed} if field in ("partners", "cost_items") else set()
    if field == "cost_items":
        return RemovalEffects(field, names, tuple(c for c in document.commitments if c.cost_item_id in ids))
    if field != "partners":
        return RemovalEffects(field, names)
    members = sum(1 for m in document.steering_committee if m.partner_id in ids)
    owned = sum(1 for a in document.actions if a.owner_partner_id in ids)
    gaps = sum(1 for i in document.cost_items if i.gap_partner_id in ids)
    scenarios = sum(1 for s in document.scenarios if any(w.partner_id in ids for w in s.withdrawals))
    unlinked = []
    if members:
        unlinked.append(f"{_count(members, _NOUNS['steering_committee'])} will no longer name a partner")
    if owned:
        unlinked.append(f"{_count(owned, _NOUNS['actions'])} will have no owner")
    if gaps:
        unlinked.append(f"{_count(gaps, _NOUNS['cost_items'])} will no longer say who is asked to close the gap")
    if scenarios:
        unlinked.append(f"{_count(scenarios, _NOUNS['scenarios'])} will no longer assume a withdrawal")
    agreements = sum(1 for a in document.agreements if ids & set(a.partner_ids))
    if agreements:
        unlinked.append(f"{_count(agreements, ('agreement', 'agreements'))} will no longer name it as a party")
    commitments = tuple(c for c in document.commitments if c.partner_id in ids)
    return RemovalEffects(field, names, commitments, tuple(unlinked))


def remove_records(document: Document, field: str, rows: Iterable[int]) -> Document:
    """Remove these rows of a list, with what depends on them (see :class:`RemovalEffects`), as one edit."""
    doomed = set(_doomed_rows(document, field, rows))
    records = getattr(document, field)
    changes: dict[str, Any] = {field: [r for n, r in enumerate(records) if n not in doomed]}
    ids = {records[row].id for row in doomed} if field in ("partners", "cost_items") else set()
    if field == "cost_items":
        changes["commitments"] = [c for c in document.commitments if c.cost_item_id not in ids]
    elif field == "partners":
        changes["commitments"] = [c for c in document.commitments if c.partner_id not in ids]
        changes["steering_committee"] = [
            m.model_copy(update={"partner_id": None}) if m.partner_id in ids else m for m in document.steering_committee
        ]
        changes["actions"] = [
            a.model_copy(update={"owner_partner_id": None}) if a.owner_partner_id in ids else a
            for a in document.actions
        ]
        changes["cost_items"] = [
            i.model_copy(update={"gap_partner_id": None}) if i.gap_partner_id in ids else i for i in document.cost_items
        ]
        changes["scenarios"] = [
            s.model_copy(update={"withdrawals": [w for w in s.withdrawals if w.partner_id not in ids]})
            if any(w.partner_id in ids for w in s.withdrawals)
            else s
            for s in document.scenarios
        ]
        # An agreement keeps its other parties; one that named only the removed partners goes with them.
        changes["agreements"] = [
            a.model_copy(update={"partner_ids": [p for p in a.partner_ids if p not in ids]})
            if ids & set(a.partner_ids)
            else a
            for a in document.agreements
            if set(a.partner_ids) - ids
        ]
    return revalidated(document, **changes)


def _with_records(document: Document, field: str, records: list[Any]) -> Document:
    try:
        # Whole-document rules (unique ids, list lengths) are checked on the new list.
        return revalidated(document, **{field: records})
    except EditError as exc:
        raise EditError(str(exc)) from None


def set_decisions(document: Document, decisions: list[str]) -> Document:
    return revalidated(document, decisions=[d.strip() for d in decisions if d.strip()])


def add_scenario(document: Document, name: str) -> Document:
    """A new scenario that assumes nothing yet (it shows the base plan until assumptions are chosen)."""
    try:
        scenario = Scenario(name=name)
    except ValueError as exc:
        raise EditError(plain_reason(f"scenario name: {_first_error(exc)}")) from None
    return add_record(document, "scenarios", scenario)


def update_scenario(document: Document, index: int, **changes: Any) -> Document:
    """Change one scenario's name or assumptions (``pledges``, ``cost_growth_percent``, ...)."""
    return update_record(document, "scenarios", index, **changes)


def remove_scenario(document: Document, index: int) -> Document:
    return remove_record(document, "scenarios", index)


def set_withdrawal(document: Document, index: int, partner_id: str, from_year: int | None) -> Document:
    """In scenario ``index``, the partner withdraws from ``from_year`` on, or (None) stays in the plan."""
    if document.partner(partner_id) is None:
        raise EditError(f"no partner {partner_id!r}")
    scenario = document.scenarios[index]
    withdrawals = [w for w in scenario.withdrawals if w.partner_id != partner_id]
    if from_year is not None:
        if not 1 <= from_year <= MAX_HORIZON_YEARS:
            raise EditError(f"A partner withdraws from a plan year from 1 to {MAX_HORIZON_YEARS}")
        withdrawal = Withdrawal(partner_id=partner_id, from_year=from_year)
        # Keep the partner's place in the list, so an edit does not reorder what the scenario shows.
        old = [w.partner_id for w in scenario.withdrawals]
        withdrawals.insert(old.index(partner_id) if partner_id in old else len(withdrawals), withdrawal)
    return update_scenario(document, index, withdrawals=withdrawals)


def _first_error(exc: ValueError) -> str:
    if isinstance(exc, ValidationError):
        return str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
    return str(exc)
