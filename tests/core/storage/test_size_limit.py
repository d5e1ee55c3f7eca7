"""Whatever the planner writes, it can read back: the size limit is checked on the bytes written."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from planner.core.model.cost_plan import Commitment, CostCategory, CostItem
from planner.core.model.document import Document, Partner, Rating, Respondent, Sector
from planner.core.model.errors import PlannerFileError
from planner.core.storage.storage import MAX_DOCUMENT_BYTES, load_document, save_document, serialize_document

NOTE = "n" * 5000


def _near_limit(demo: Document, compact_target: int) -> Document:
    """A document whose compact JSON is just under ``compact_target`` bytes and whose indented JSON is larger."""
    partners = [Partner(id="p0", name="Partner", sector=Sector.K12)]
    items = [CostItem(id="c0", name="Item", category=CostCategory.OTHER, costs={1: Decimal("1.00")})]
    commitments = [
        Commitment(id=f"m{n}", partner_id="p0", cost_item_id="c0", year=1, amount=Decimal("1.00")) for n in range(20000)
    ]
    base = demo.model_copy(update={"partners": partners, "cost_items": items, "commitments": commitments})
    per_rating = len(Rating(notes=NOTE).model_dump_json()) + 12
    room = compact_target - len(base.model_dump_json())
    count = room // per_rating
    respondents = [
        Respondent(
            id=f"r{n}",
            name=f"Person {n}",
            sector=Sector.K12,
            ratings={f"x{k}": Rating(notes=NOTE) for k in range(min(500, count - n * 500))},
        )
        for n in range(max(1, -(-count // 500)))
    ]
    return base.model_copy(update={"respondents": respondents})


def test_a_document_whose_indented_form_is_too_large_is_saved_compact_and_reopens(
    tmp_path: Path, demo: Document
) -> None:
    document = _near_limit(demo, MAX_DOCUMENT_BYTES - 100_000)
    assert len(document.model_dump_json(indent=2)) > MAX_DOCUMENT_BYTES  # the old writer produced this
    data = serialize_document(document)
    assert len(data) <= MAX_DOCUMENT_BYTES
    path = tmp_path / "big.json"
    saved = save_document(document, path)
    assert path.stat().st_size <= MAX_DOCUMENT_BYTES
    assert load_document(path) == saved


def test_a_document_too_large_even_compact_is_refused_and_the_old_file_kept(tmp_path: Path, demo: Document) -> None:
    path = tmp_path / "plan.json"
    save_document(demo, path)
    before = path.read_bytes()
    document = _near_limit(demo, MAX_DOCUMENT_BYTES + 200_000)
    with pytest.raises(PlannerFileError, match="more than the 20 MiB") as info:
        save_document(document, path)
    assert info.value.path == str(path)
    assert path.read_bytes() == before
