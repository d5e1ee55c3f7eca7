"""The one rule for text at the door (XML-illegal characters become U+FFFD) and the terminal-inert formatter."""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin

import pytest
from annotated_types import BaseMetadata
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from planner.core.model.document import Document
from planner.core.model.reference import _RoundOneFile
from planner.core.model.rubric import Instrument, bundled_instruments
from planner.core.model.text import (
    NOT_IN_XML,
    REPLACEMENT,
    XML_TEXT,
    illegal_characters,
    printable,
    replaced_characters,
    xml_text,
)
from planner.core.storage.demo import demo_document
from planner.core.storage.storage import parse_document, serialize_document
from planner.core.storage.upgrade import UpgradeMap

ILLEGAL = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xD800, 0xDFFF, 0xFFFE, 0xFFFF)]


@pytest.mark.parametrize("character", ILLEGAL)
def test_every_character_xml_cannot_hold_becomes_the_replacement_mark(character: str) -> None:
    assert xml_text(f"a{character}b") == f"a{REPLACEMENT}b"


def test_text_xml_can_hold_is_unchanged_and_the_rule_is_idempotent() -> None:
    fine = "Tab\there\nline\rCR é 中 🙂 \x7f \x85 \u202e" + REPLACEMENT
    assert xml_text(fine) is fine
    assert xml_text(xml_text("x\x0by")) == xml_text("x\x0by")
    assert illegal_characters("a\x0bb\x01\x0b") == ["U+000B", "U+0001"]


def _plain_str_leaves(annotation: Any, protected: bool, where: str) -> list[str]:
    """Every ``str`` reached from ``annotation`` that neither carries XML_TEXT nor is limited by a pattern."""
    if get_origin(annotation) is Annotated:
        base, *extras = get_args(annotation)
        guarded = protected or any(e is XML_TEXT or getattr(e, "pattern", None) for e in extras)
        return _plain_str_leaves(base, guarded, where)
    if annotation is str:
        return [] if protected else [where]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _model_leaves(annotation, set())
    if get_origin(annotation) in (list, dict, tuple, typing.Union, types.UnionType):
        return [leaf for arg in get_args(annotation) for leaf in _plain_str_leaves(arg, protected, where)]
    return []


def _guarded(field: FieldInfo) -> bool:
    return any(m is XML_TEXT or getattr(m, "pattern", None) for m in field.metadata if not isinstance(m, BaseMetadata))


def _model_leaves(model: type[BaseModel], seen: set[type]) -> list[str]:
    if model in seen:
        return []
    seen.add(model)
    leaves = []
    for name, field in model.model_fields.items():
        leaves += _plain_str_leaves(field.annotation, _guarded(field), f"{model.__name__}.{name}")
    return leaves


def _core_models() -> list[type[BaseModel]]:
    """Every pydantic model in planner.core: what a file is read into (a fund catalogue added later included)."""
    import importlib
    import inspect
    import pkgutil

    import planner.core

    found: dict[str, type[BaseModel]] = {}
    for module_info in pkgutil.walk_packages(planner.core.__path__, "planner.core."):
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if inspect.isclass(value) and issubclass(value, BaseModel) and value.__module__.startswith("planner."):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[name] for name in sorted(found)]


def test_the_file_models_are_among_those_checked() -> None:
    assert {Document, Instrument, UpgradeMap, _RoundOneFile} <= set(_core_models())


@pytest.mark.parametrize("model", _core_models(), ids=lambda m: m.__qualname__)
def test_every_text_field_of_every_file_model_carries_the_rule(model: type[BaseModel]) -> None:
    assert _model_leaves(model, set()) == []


def test_a_plan_with_illegal_characters_opens_with_visible_marks_and_saves_clean() -> None:
    raw = json.loads(serialize_document(demo_document(bundled_instruments())))
    raw["profile"]["consortium_name"] = "Alder\x0bBasin\x01"
    raw["partners"][0]["name"] = "North\ufffeCollege"
    raw["respondents"][0]["ratings"][next(iter(raw["respondents"][0]["ratings"]))]["evidence"] = "MOU\x0c\ud800"
    raw["decisions"] = ["Adopt\x1b[2J"]
    document = parse_document(json.dumps(raw).encode(), "plan.json")
    assert document.profile.consortium_name == f"Alder{REPLACEMENT}Basin{REPLACEMENT}"
    assert document.partners[0].name == f"North{REPLACEMENT}College"
    assert document.decisions == [f"Adopt{REPLACEMENT}[2J"]
    saved = serialize_document(document)
    assert not NOT_IN_XML.search(saved.decode("utf-8") if isinstance(saved, bytes) else saved)
    # Saved and opened again: nothing more changes.
    assert parse_document(saved if isinstance(saved, bytes) else saved.encode(), "plan.json") == document


def test_replaced_characters_names_each_place_and_character() -> None:
    raw = {"profile": {"consortium_name": "A\x0bB"}, "partners": [{"name": "ok"}, {"name": "\x01\x1b"}]}
    assert list(replaced_characters(raw)) == [
        ("profile.consortium_name", "U+000B"),
        ("partners[1].name", "U+0001, U+001B"),
    ]


def test_printable_escapes_what_a_terminal_would_act_on() -> None:
    assert printable("Plain name, é 中 🙂") == "Plain name, é 中 🙂"
    assert printable("\x1b]0;owned\x07\x1b[2J") == "\\x1b]0;owned\\x07\\x1b[2J"
    assert printable("a\x7fb\x9bc") == "a\\x7fb\\x9bc"
    assert printable("evil\u202eexe.pdf\u2066") == "evil\\u202eexe.pdf\\u2066"
    assert printable("two\nlines\tand\r") == "two\\x0alines\\x09and\\x0d"
    for code in [*range(0x20), *range(0x7F, 0xA0)]:
        assert "\\x" in printable(chr(code))


def test_the_field_check_finds_a_text_field_without_the_rule() -> None:
    class Loose(BaseModel):
        guarded: Annotated[str, XML_TEXT]
        loose: list[str]

    assert _model_leaves(Loose, set()) == ["Loose.loose"]


def test_a_rubric_file_with_control_characters_loads_with_the_mark(tmp_path: Path) -> None:
    from planner.core.model.rubric import instrument_file_problems
    from planner.resources import data_dir

    source = sorted(data_dir("rubrics").glob("*.toml"))[0].read_text("utf-8")
    lines = source.splitlines()
    title = next(n for n, line in enumerate(lines) if line.startswith("title = "))
    lines[title] = 'title = "Organizational\\u000Bcapacity\\u001B[2J"'
    path = tmp_path / "rubric.toml"
    path.write_text("\n".join(lines), "utf-8")
    found = instrument_file_problems(path)
    assert isinstance(found, Instrument)
    assert found.title == f"Organizational{REPLACEMENT}capacity{REPLACEMENT}[2J"


def test_printable_json_escapes_the_same_characters_and_keeps_the_data() -> None:
    from planner.core.model.text import printable_json

    data = {"name": "Alder\x1b[2J\x9b\u202e\x7f é", "lines": "a\nb"}
    text = json.dumps(data, indent=2, ensure_ascii=False)
    inert = printable_json(text)
    assert json.loads(inert) == data
    assert "\\u009b" in inert and "\\u202e" in inert and "\\u007f" in inert and "é" in inert
    assert printable(inert.replace("\n", "")) == inert.replace("\n", "")  # nothing left for a terminal to act on
