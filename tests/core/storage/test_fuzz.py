"""Property tests: any document or rubric file, however broken or extreme, loads or fails with one clean error.

Every file that loads must then score, summarise and build the printed plan's content without an exception, so
``validate`` saying ok means every command works.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core.assessment.analysis import analyze
from planner.core.interchange.export import score_payload
from planner.core.model.errors import PlannerFileError
from planner.core.model.rubric import bundled_instruments, instrument_file_problems
from planner.core.model.text import NOT_IN_XML
from planner.core.storage.demo import demo_document
from planner.core.storage.instruments import checked_instruments
from planner.core.storage.storage import parse_document, serialize_document
from planner.report.context import plan_context
from planner.resources import data_dir

INSTRUMENTS = bundled_instruments()
DEMO_RAW: dict[str, Any] = json.loads(serialize_document(demo_document(INSTRUMENTS)))
RUBRIC_LINES = sorted(data_dir("rubrics").glob("*.toml"))[0].read_text("utf-8").splitlines()

XML_ILLEGAL = [chr(c) for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xD800, 0xDC00, 0xFFFE, 0xFFFF)]


nasty_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, 1, 5, 6, 10, 11, -1, 2**63, 2**64 + 1]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    # Text with the characters XML 1.0 cannot carry (issue 24): control characters, surrogate halves, U+FFFE/U+FFFF.
    st.text(st.characters() | st.sampled_from(XML_ILLEGAL), max_size=30),
    st.sampled_from(
        [
            "",
            "Coordinator\x0bFTE",
            "\x1b]0;title\x07\x1b[2J",
            "lone \ud800 half",
            "\ufffe\uffff",
            '=HYPERLINK("http://x")',
            "0001-01-01",
            "9999-12-31",
            "2024-02-30",
            "9999-12-31T23:59:59Z",
            "0001-01-01T00:00:00",
            "1e3",
            "12,50",
            "-0.00",
            "999999999.99",
            "1000000000.00",
            "NaN",
            "01",
            "x" * 6000,
            "k12",
            "committed",
            "one_time",
        ]
    ),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value[:3]):
            found += _paths(child, (*prefix, index))
    return found


ALL_PATHS = _paths(DEMO_RAW)[1:]


def _mutated(raw: Any, path: tuple[Any, ...], value: Any, as_key: bool) -> Any:
    copy = json.loads(json.dumps(raw))
    parent = copy
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if as_key and isinstance(parent, dict):
        parent[str(value)[:40]] = parent.pop(last)
    else:
        parent[last] = value
    return copy


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def _holds_only_xml_text(model: Any) -> None:
    """The door rule: whatever a file held, nothing a writer could not put in XML is left in what was read."""
    assert not [s for s in _strings(model.model_dump(mode="json")) if NOT_IN_XML.search(s)]


def _must_work(document_bytes: bytes) -> None:
    try:
        document = parse_document(document_bytes, "fuzz.json")
        instruments = checked_instruments(document, INSTRUMENTS, "fuzz.json")
    except PlannerFileError as exc:
        assert exc.message.startswith("fuzz.json: ")
        return
    _holds_only_xml_text(document)
    analysis = analyze(document, instruments)
    score_payload(analysis.capacity, analysis.funding, document.profile.hide_small_sectors)
    plan_context(analysis, datetime(2026, 1, 1, tzinfo=UTC), None)
    serialize_document(document)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(
        st.tuples(st.sampled_from(ALL_PATHS), nasty_values, st.booleans()),
        min_size=1,
        max_size=4,
    )
)
def test_any_document_loads_and_works_or_fails_with_one_clean_line(edits: list[tuple[Any, Any, bool]]) -> None:
    raw: Any = DEMO_RAW
    for path, value, as_key in edits:
        try:
            raw = _mutated(raw, path, value, as_key)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed the place this one aimed at
    _must_work(json.dumps(raw).encode())


def _value_at(raw: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        raw = raw[part]
    return raw


# Every place the demo holds free text (not an id, a choice or a date): where a sender's text lands.
TEXT_PATHS = [
    p
    for p in ALL_PATHS
    if isinstance(_value_at(DEMO_RAW, p), str)
    and " " in _value_at(DEMO_RAW, p)
    and p[-1] not in ("created", "modified", "handed_out", "upgraded")
]
illegal_text = st.text(st.sampled_from(XML_ILLEGAL) | st.characters(), min_size=1, max_size=20).filter(
    lambda t: any(c in XML_ILLEGAL for c in t)
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(TEXT_PATHS), text=illegal_text, keep=st.booleans())
def test_text_xml_cannot_hold_in_any_text_field_is_replaced_at_the_door(
    path: tuple[Any, ...], text: str, keep: bool
) -> None:
    value = _value_at(DEMO_RAW, path)
    _must_work(json.dumps(_mutated(DEMO_RAW, path, value + text if keep else text, False)).encode())


rubric_values = st.sampled_from(
    [
        "99999999999999999999999999",
        "-1",
        "1e400",
        "nan",
        "inf",
        '"x"',
        "[]",
        "{}",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        '"' + "y" * 3000 + '"',
        '"Bad\\u000Btext"',
        '"Escape \\u001B[2J and \\u0007 bell"',
        '"\\uFFFE"',
        "1979-05-27",
        "true",
        "0.000000000000000000000000001",
    ]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    operations=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(RUBRIC_LINES) - 1),
            st.sampled_from(["delete", "duplicate", "value", "truncate"]),
            rubric_values,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_any_rubric_file_loads_or_fails_with_one_clean_line(
    tmp_path_factory: Any, operations: list[tuple[int, str, str]]
) -> None:
    lines = list(RUBRIC_LINES)
    for index, operation, value in operations:
        index %= max(1, len(lines))
        if not lines:
            break
        if operation == "delete":
            del lines[index]
        elif operation == "duplicate":
            lines.insert(index, lines[index])
        elif operation == "value" and "=" in lines[index]:
            lines[index] = lines[index].split("=", 1)[0] + "= " + value
        elif operation == "truncate":
            lines = lines[:index]
    path: Path = tmp_path_factory.mktemp("rubric") / "fuzz.toml"
    path.write_text("\n".join(lines), "utf-8")
    found = instrument_file_problems(path)
    if isinstance(found, list):
        assert found and all(p.message.startswith(str(path)) for p in found)
    else:
        _holds_only_xml_text(found)
