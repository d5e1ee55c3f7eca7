"""Match a document to the instruments it was rated on."""

from __future__ import annotations

from collections.abc import Sequence

from planner.core.document import Document
from planner.core.errors import PlannerFileError
from planner.core.rubric import Instrument


def resolve_instruments(document: Document, available: Sequence[Instrument], shown: str) -> list[Instrument]:
    """The instruments a document names, in the order they are available; a missing or different one is an error.

    Scoring a document against a different version of a rubric would silently change what its levels
    mean, so versions must match exactly.
    """
    if not document.metadata.instruments:
        return list(available)
    by_id = {i.id: i for i in available}
    chosen: list[Instrument] = []
    for index, ref in enumerate(document.metadata.instruments):
        where = f"metadata.instruments[{index}]"
        instrument = by_id.get(ref.id)
        if instrument is None:
            raise PlannerFileError(shown, where, f"uses instrument {ref.id!r}, which this planner does not have")
        if instrument.version != ref.version:
            raise PlannerFileError(
                shown,
                where,
                f"was rated on {ref.id} version {ref.version}; this planner has version {instrument.version}",
            )
        chosen.append(instrument)
    order = {i.id: n for n, i in enumerate(available)}
    return sorted(chosen, key=lambda i: order[i.id])
