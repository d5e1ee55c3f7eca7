"""Agreements typed into the app's table: parties by name, fiscal years as FY 2027-28, refusals in plain words."""

from __future__ import annotations

from datetime import date

import pytest

from planner.core.editing import edits
from planner.core.editing.agreements import (
    fiscal_years_text,
    new_agreement,
    parties_text,
    read_fiscal_years,
    read_parties,
)
from planner.core.editing.edits import EditError
from planner.core.model.document import Document


def test_parties_and_fiscal_years_read_and_shown(demo: Document) -> None:
    assert read_parties(demo, "alder basin community college; Tri-Basin Workforce Development Board") == {
        "partner_ids": ["p-college", "p-wdb"]
    }
    with pytest.raises(EditError, match="not a partner in this plan"):
        read_parties(demo, "Somebody Else")
    with pytest.raises(EditError, match="at least one partner"):
        read_parties(demo, " ; ")
    assert read_fiscal_years("FY 2028-29, 2027-28, 2027") == {"fiscal_years": [2027, 2028]}
    with pytest.raises(EditError, match="July 1 to June 30"):
        read_fiscal_years("FY 2027-29")
    with pytest.raises(EditError, match="not a fiscal year"):
        read_fiscal_years("next year")
    agreement = demo.agreements[0]
    assert fiscal_years_text(agreement) == "FY 2027-28, FY 2028-29"
    assert parties_text(demo, agreement).startswith("Alder Basin County Office of Education; Ridgeline")


def test_a_new_agreement_is_one_edit(demo: Document) -> None:
    agreement = new_agreement(demo)
    assert agreement.fiscal_years == [2027] and agreement.signed_on == date(2026, 11, 14)
    document = edits.add_record(demo, "agreements", agreement)
    assert document.agreements[-1] == agreement
    changed = edits.update_record(document, "agreements", 1, reference="Board resolution 2026-114")
    assert changed.agreements[1].reference == "Board resolution 2026-114"
    assert edits.remove_records(changed, "agreements", [1]).agreements == demo.agreements
    with pytest.raises(EditError, match="needs partners"):
        new_agreement(demo.model_copy(update={"partners": []}))
