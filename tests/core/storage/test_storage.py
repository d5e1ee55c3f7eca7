from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.model.document import Document
from planner.core.model.errors import PlannerFileError
from planner.core.model.text import NOT_IN_XML
from planner.core.storage.storage import (
    MAX_DOCUMENT_BYTES,
    load_document,
    parse_document,
    save_document,
    serialize_document,
)


def test_round_trip_is_identical(tmp_path: Path, demo: Document) -> None:
    path = tmp_path / "plan.json"
    saved = save_document(demo, path)
    assert load_document(path) == saved
    assert saved.metadata.modified >= demo.metadata.modified
    raw = json.loads(path.read_text("utf-8"))
    assert raw["cost_items"][0]["costs"]["1"] == "128000.00"  # money is text, never a float


def test_save_keeps_permissions_and_leaves_no_temp(tmp_path: Path, demo: Document) -> None:
    path = tmp_path / "plan.json"
    save_document(demo, path)
    os.chmod(path, 0o600)
    save_document(demo, path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_kill_during_save_leaves_previous_file(tmp_path: Path, demo: Document) -> None:
    path = tmp_path / "plan.json"
    save_document(demo, path)
    before = path.read_bytes()
    # A child process saves a very large document in a loop; kill it mid-write many times over.
    script = f"""
import sys
from pathlib import Path
from planner.core.model.rubric import bundled_instruments
from planner.core.storage.storage import save_document
from tests.factories import large_document
doc = large_document(bundled_instruments())
print("ready", flush=True)
while True:
    save_document(doc, Path({str(path)!r}))
"""
    for _ in range(3):
        with subprocess.Popen(
            [sys.executable, "-c", script], stdout=subprocess.PIPE, cwd=Path(__file__).parents[3]
        ) as child:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == b"ready"
            time.sleep(random.uniform(0.05, 0.3))
            child.send_signal(signal.SIGKILL)
            child.wait()
        content = path.read_bytes()
        loaded = parse_document(content, str(path))  # never half-written: always a complete, valid document
        assert content == before or loaded.profile.consortium_name == "Large Benchmark Consortium"


def test_oversized_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_DOCUMENT_BYTES + 1)
    with pytest.raises(PlannerFileError, match="larger than"):
        load_document(path)


@pytest.mark.parametrize(
    ("mutate", "where", "what"),
    [
        (lambda r: r["cost_items"][0]["costs"].update({"1": "-5.00"}), "cost_items[0].costs.1", "negative"),
        (lambda r: r["cost_items"][0]["costs"].update({"1": "1000000000000"}), "cost_items[0].costs.1", "extra digits"),
        (lambda r: r["cost_items"][0]["costs"].update({"1": "1e3"}), "cost_items[0].costs.1", "not an amount"),
        (lambda r: r["cost_items"][0]["costs"].update({"1": "12,50"}), "cost_items[0].costs.1", "not an amount"),
        (lambda r: r["commitments"][0].update({"amount": 12.5}), "commitments[0].amount", "not as a floating"),
        (lambda r: r["profile"].update({"colour": "red"}), "profile.colour", "unknown key"),
        (lambda r: r["profile"].update({"horizon_years": 9}), "profile.horizon_years", "less than or equal to 5"),
        (lambda r: r["partners"][0].update({"sector": "bank"}), "partners[0].sector", "Input should be"),
        (lambda r: r["profile"].update({"consortium_name": "x" * 300}), "profile.consortium_name", "at most 200"),
    ],
)
def test_bad_values_name_file_place_and_reason(tmp_path: Path, demo: Document, mutate, where, what) -> None:  # type: ignore[no-untyped-def]
    raw = json.loads(serialize_document(demo))
    mutate(raw)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(raw), "utf-8")
    with pytest.raises(PlannerFileError) as info:
        load_document(path)
    assert info.value.path == str(path)
    assert info.value.where == where
    assert what in info.value.what


def test_truncated_and_not_json(tmp_path: Path, demo: Document) -> None:
    data = serialize_document(demo)
    with pytest.raises(PlannerFileError, match="not valid JSON"):
        parse_document(data[: len(data) // 2], "plan.json")
    with pytest.raises(PlannerFileError, match="expected a JSON object"):
        parse_document(b"[1, 2]", "plan.json")
    with pytest.raises(PlannerFileError, match=r"nested too deeply|not valid JSON"):
        parse_document(b"[" * 100_000, "plan.json")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_fuzz_random_bytes_only_raise_the_one_error(data: bytes) -> None:
    with contextlib.suppress(PlannerFileError):
        parse_document(data, "fuzz.json")


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_fuzz_mutated_documents(data: st.DataObject) -> None:
    from planner.core.model.rubric import bundled_instruments
    from planner.core.storage.demo import demo_document

    base = bytearray(serialize_document(demo_document(bundled_instruments())))
    # Now and then a string gets an escaped character XML cannot hold (\u000b), in a file left whole: it must
    # arrive as U+FFFD.
    escaped = data.draw(st.booleans())
    for _ in range(data.draw(st.integers(0 if escaped else 1, 8))):
        index = data.draw(st.integers(0, len(base) - 1))
        base[index] = data.draw(st.integers(0, 255))
    if escaped:
        quote = base.find(b'"consortium_name": "') + len(b'"consortium_name": "')
        base[quote:quote] = data.draw(st.sampled_from([b"\\u000b", b"\\u0001", b"\\ud800", b"\\uffff", b"\\u001b["]))
    cut = len(base) if escaped else data.draw(st.integers(1, len(base)))
    with contextlib.suppress(PlannerFileError):
        document = parse_document(bytes(base[:cut]), "fuzz.json")
        assert not NOT_IN_XML.search(document.profile.consortium_name)
