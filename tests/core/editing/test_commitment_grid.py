"""The partner × year grid of commitments, and the edits typed into it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.core.editing import edits
from planner.core.editing.commitment_grid import LineKey, commitment_grid, set_grid_amount, set_grid_line
from planner.core.editing.edits import EditError
from planner.core.funding.costs import summarize_funding
from planner.core.model.cost_plan import CommitmentStatus
from planner.core.model.document import Document


def test_lines_by_partner_with_status_and_source_and_totals(demo: Document) -> None:
    grid = commitment_grid(demo, "c-coord")
    assert grid.years == (1, 2, 3)
    shown = [
        (line.partner, line.key.status.value, line.key.source, [c.amount for c in line.cells]) for line in grid.lines
    ]
    zero = Decimal("0.00")
    assert shown[:4] == [
        ("Alder Basin County Office of Education", "committed", "County general fund", [64000, 65920, zero]),
        ("Ridgeline Unified School District", "committed", "LCAP supplemental", [32000, zero, zero]),
        ("Ridgeline Unified School District", "pledged", "LCAP supplemental", [zero, 32960, zero]),
        ("Willow Creek Joint Union High School District", "proposed", "", [zero, zero, zero]),
    ]
    # Every partner has a line for the chosen item: an empty one where it has promised nothing yet.
    assert [line.partner for line in grid.lines if line.is_empty] == [
        "Willow Creek Joint Union High School District",
        "Basin Valley Health Network",
        "Northfork Fabrication Co.",
        "Tri-Basin Workforce Development Board",
        "Bridgeway Youth Futures",
    ]
    assert grid.totals == (Decimal("128000.00"), Decimal("98880.00"), zero)
    assert grid.committed == (Decimal("96000.00"), Decimal("65920.00"), zero)
    # The whole grid adds up to what the funding summary counts, year by year.
    everything = commitment_grid(demo)
    funding = summarize_funding(demo)
    assert not [line for line in everything.lines if line.is_empty]
    assert everything.committed == tuple(y.committed for y in funding.years)
    assert everything.total == sum((c.amount for c in demo.commitments), Decimal(0))


def test_typing_an_amount_changes_makes_or_removes_that_years_commitment(demo: Document) -> None:
    grid = commitment_grid(demo, "c-coord")
    county = grid.lines[0].key
    changed = set_grid_amount(demo, county, 2, Decimal("70000.00"))
    assert changed.commitments[3].id == "m-4" and changed.commitments[3].amount == Decimal("70000.00")
    made = set_grid_amount(demo, county, 3, Decimal("67000.00"))
    new = made.commitments[4]  # next to the line's other years in the list
    assert (new.partner_id, new.cost_item_id, new.year, new.amount) == ("p-county", "c-coord", 3, Decimal("67000.00"))
    assert (new.status, new.source) == (CommitmentStatus.COMMITTED, "County general fund")
    removed = set_grid_amount(demo, county, 1, None)
    assert "m-1" not in {c.id for c in removed.commitments}
    assert set_grid_amount(demo, county, 3, None) is demo  # nothing there to remove
    willow = next(line.key for line in grid.lines if line.partner.startswith("Willow"))
    started = set_grid_amount(demo, willow, 1, Decimal("5000.00"))
    assert started.commitments[-1].partner_id == "p-willow"
    assert started.commitments[-1].status is CommitmentStatus.PROPOSED


def test_a_line_changes_status_and_source_in_every_year(demo: Document) -> None:
    county = commitment_grid(demo, "c-coord").lines[0].key
    changed = set_grid_line(demo, county, status=CommitmentStatus.PLEDGED, source="County reserve")
    assert [(c.status, c.source) for c in changed.commitments if c.id in ("m-1", "m-4")] == [
        (CommitmentStatus.PLEDGED, "County reserve")
    ] * 2
    with pytest.raises(EditError, match="type an amount into one of the line's years first"):
        set_grid_line(demo, LineKey("p-willow", "c-coord"), status=CommitmentStatus.COMMITTED)
    with pytest.raises(EditError, match="partner_id is changed in the list"):
        set_grid_line(demo, county, partner_id="p-ridge")


def test_a_cell_of_two_commitments_is_changed_in_the_list(demo: Document) -> None:
    twin = demo.commitments[0].model_copy(update={"id": "m-twin", "amount": Decimal("1000.00")})
    doubled = edits.add_record(demo, "commitments", twin)
    line = commitment_grid(doubled, "c-coord").lines[0]
    assert line.cells[0].amount == Decimal("65000.00") and not line.cells[0].editable
    with pytest.raises(EditError, match=r"2 commitments make up this cell \(\$65,000.00\)"):
        set_grid_amount(doubled, line.key, 1, Decimal("1.00"))
    with pytest.raises(EditError, match="not a year of the plan"):
        set_grid_amount(demo, line.key, 4, Decimal("1.00"))
