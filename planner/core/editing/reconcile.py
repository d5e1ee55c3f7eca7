"""Merging a conflict copy into the plan, field by field: what the other copy has that this one does not.

Two people edited their synced copies of one plan; the sync service kept both. :func:`differences` lists every
field where the other copy says something else (a changed profile field, a partner's role, one respondent's
rating of one criterion, a cost for one year) and every record only the other copy has (a partner, a cost item,
a commitment, an action, a scenario). :func:`take_theirs` is a pure edit that takes one of them, so the app makes
each choice one undo step. Records only this copy has are never offered for removal: without the version both
started from, "they deleted it" cannot be told from "we added it", and a merge must lose nothing.

When and by which version the copies were saved (``metadata``) and which instruments they are rated on are not
merged; a copy on other instruments is refused as a whole (upgrade one of them first).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from planner.core.editing.edits import EditError, plain_reason
from planner.core.model.document import Document
from planner.core.model.errors import pydantic_problems


@dataclass(frozen=True)
class Key:
    """A step into a list of records: the record whose ``field`` is ``value``."""

    field: str
    value: str
    folded: bool = False  # scenario names match whatever their case ("Hard year" is "hard year")


Step = str | Key
_MISSING = object()

# Lists of records, and the field that tells one record from another.
_RECORD_KEYS = {
    "partners": "id",
    "respondents": "id",
    "cost_items": "id",
    "commitments": "id",
    "actions": "id",
    "steering_committee": "name",
    "scenarios": "name",
    "agreements": "id",
}
# Dicts whose values are each one choice (a rating is one answer, not four fields to mix).
_DICTS_OF_CHOICES = {"ratings", "suggestions", "targets", "costs"}
_SECTIONS = {
    "profile": "Profile",
    "partners": "Partners",
    "steering_committee": "Steering committee",
    "respondents": "Ratings",
    "cost_items": "Cost items",
    "commitments": "Commitments",
    "actions": "Action plan",
    "decisions": "Decisions",
    "review": "Coach review",
    "adoption": "Adoption",
    "targets": "Targets",
    "retired": "Retired criteria",
    "scenarios": "Scenarios",
    "agreements": "Agreements",
}
_LABELS = {"not_applicable": "N/A", "horizon_years": "Plan horizon (years)", "gap_partner_id": "Gap owner"}


@dataclass(frozen=True)
class Difference:
    """One choice: take the other copy's value at ``path`` (``ours`` is None when only the copy has it)."""

    path: tuple[Step, ...]
    section: str
    label: str
    ours: Any
    theirs: Any

    @property
    def added(self) -> bool:
        return self.ours is None and isinstance(self.theirs, dict)

    @property
    def ours_text(self) -> str:
        return show(self.ours) if not self.added else "(not in this plan)"

    @property
    def theirs_text(self) -> str:
        return show(self.theirs)


def show(value: Any) -> str:
    """A value as a person reads it in the merge list."""
    if value is None or value == "" or value == [] or value == {}:
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        if "level" in value and "not_applicable" in value:  # a rating
            parts = ["N/A" if value["not_applicable"] else f"level {value['level']}" if value["level"] else "unrated"]
            parts += [f"{name}: {_short(value[name])}" for name in ("evidence", "notes") if value.get(name)]
            return "; ".join(parts)
        shown = [f"{_label(k)}: {_short(v)}" for k, v in value.items() if v not in (None, "", [], {}, False)]
        return "; ".join(shown) or "(empty)"
    if isinstance(value, list):
        return "; ".join(_short(v) for v in value) if all(isinstance(v, str) for v in value) else f"{len(value)} items"
    return _short(value)


def _short(value: Any, width: int = 120) -> str:
    text = str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _label(key: str) -> str:
    return _LABELS.get(key, key.replace("_", " ").capitalize())


def _record_name(section: str, record: Mapping[str, Any], names: Mapping[str, str]) -> str:
    if section == "commitments":
        partner = names.get(str(record.get("partner_id")), str(record.get("partner_id")))
        item = names.get(str(record.get("cost_item_id")), str(record.get("cost_item_id")))
        return f"{partner} for {item}, year {record.get('year')}"
    return _short(record.get("name") or record.get("action") or record.get("id") or "", 60)


def differences(ours: Document, theirs: Document, titles: Mapping[str, str] | None = None) -> list[Difference]:
    """Every choice the other copy offers, in the order of the plan's sections. ``titles`` names criteria."""
    if ours.metadata.consortium_id != theirs.metadata.consortium_id:
        raise EditError("the copy is of another consortium; only copies of one plan can be merged")
    if [(r.id, r.version) for r in ours.metadata.instruments] != [
        (r.id, r.version) for r in theirs.metadata.instruments
    ]:
        raise EditError(
            "the copy is rated on other instrument versions; open the older one and upgrade it to the current "
            "instruments first"
        )
    titles = titles or {}
    mine, other = ours.model_dump(mode="json"), theirs.model_dump(mode="json")
    names: dict[str, str] = {}
    for tree in (other, mine):
        for field in ("partners", "cost_items", "respondents"):
            names.update({r["id"]: r["name"] for r in tree[field]})
    found: list[Difference] = []
    for field, section in _SECTIONS.items():
        context = _Walk(section, names, titles, found)
        context.value((field,), field, mine[field], other[field], "")
    return found


@dataclass
class _Walk:
    section: str
    names: Mapping[str, str]
    titles: Mapping[str, str]
    found: list[Difference]

    def value(self, path: tuple[Step, ...], key: str, ours: Any, theirs: Any, label: str) -> None:
        if ours == theirs or theirs is _MISSING:
            return
        if key in _RECORD_KEYS and isinstance(theirs, list):
            self.records(path, key, ours if isinstance(ours, list) else [], theirs, label)
        elif key in _DICTS_OF_CHOICES and isinstance(theirs, dict):
            ours = ours if isinstance(ours, dict) else {}
            for name, their_value in theirs.items():
                if ours.get(name, _MISSING) != their_value:
                    self.add((*path, name), self._dict_label(key, name, label), ours.get(name), their_value)
        elif isinstance(theirs, dict) and isinstance(ours, dict):
            for name, their_value in theirs.items():
                self.value((*path, name), name, ours.get(name, _MISSING), their_value, _join(label, _label(name)))
        else:
            self.add(path, label or self.section, None if ours is _MISSING else ours, theirs)

    def records(self, path: tuple[Step, ...], key: str, ours: list[Any], theirs: list[Any], label: str) -> None:
        field = _RECORD_KEYS[key]
        mine = {_record_key(key, r[field]): r for r in ours}
        for record in theirs:
            step = Key(field, record[field], folded=key == "scenarios")
            name = _record_name(key, record, self.names)
            if key == "respondents":
                name = f"{name}'s"
            match = mine.get(_record_key(key, record[field]))
            if match is None:
                self.add((*path, step), _join(label, name), None, record)
                continue
            for sub, their_value in record.items():
                if sub != field:
                    sub_label = name if key == "respondents" and sub == "ratings" else _join(name, _label(sub))
                    self.value((*path, step, sub), sub, match.get(sub, _MISSING), their_value, _join(label, sub_label))

    def _dict_label(self, key: str, name: str, label: str) -> str:
        if key == "costs":
            return _join(label, f"year {name}")
        if key == "ratings":
            return f"{label} rating of {self.titles.get(name, name)}".strip()
        return _join(label, self.titles.get(name, name))

    def add(self, path: tuple[Step, ...], label: str, ours: Any, theirs: Any) -> None:
        self.found.append(Difference(path, self.section, label, ours, theirs))


def _record_key(key: str, value: Any) -> Any:
    return value.casefold() if key == "scenarios" and isinstance(value, str) else value


def _join(a: str, b: str) -> str:
    return f"{a} · {b}" if a and b else a or b


def take_theirs(document: Document, choice: Difference) -> Document:
    """The document with the other copy's value at ``choice.path``: a record only they have is added at the end."""
    tree = document.model_dump(mode="json")
    _put(tree, choice.path, copy.deepcopy(choice.theirs))
    try:
        return Document.model_validate(tree)
    except ValidationError as exc:
        reason = plain_reason(pydantic_problems("", exc)[0].what)
        raise EditError(f"{choice.label}: {reason[:1].lower()}{reason[1:]}") from None


def _put(tree: Any, path: tuple[Step, ...], value: Any) -> None:
    *head, last = path
    node = tree
    for step in head:
        node = _child(node, step)
    if isinstance(last, Key):
        index = _find(node, last)
        if index is None:
            node.append(value)
        else:
            node[index] = value
    else:
        node[last] = value


def _child(node: Any, step: Step) -> Any:
    if isinstance(step, Key):
        index = _find(node, step)
        if index is None:
            raise EditError("this plan no longer has what the choice changes; take the whole record first")
        return node[index]
    return node[step]


def _find(records: list[Any], key: Key) -> int | None:
    for index, record in enumerate(records):
        value = record.get(key.field)
        if value == key.value or (key.folded and str(value).casefold() == key.value.casefold()):
            return index
    return None


def take_all(document: Document, choices: list[Difference]) -> Document:
    """Every choice at once (for a merge that takes everything; the app still applies them one step each)."""
    for choice in choices:
        document = take_theirs(document, choice)
    return document
