"""Match a document to the instruments it was rated on."""

from __future__ import annotations

from collections.abc import Sequence

from planner.core.document import Document
from planner.core.errors import PlannerFileError
from planner.core.rubric import Instrument, archived_instruments


def resolve_instruments(document: Document, available: Sequence[Instrument], shown: str) -> list[Instrument]:
    """The instruments a document names, in the order they are available; a missing or different one is an error.

    Scoring a document against a different version of a rubric would silently change what its levels
    mean, so versions must match exactly. A version this planner has archived (``rubrics/archive``) is used as
    it is, so a document rated on it opens and prints unchanged until its owner chooses to upgrade.
    """
    if not document.metadata.instruments:
        return list(available)
    by_id = {i.id: i for i in available}
    by_version = {(i.id, i.version): i for i in (*archived_instruments(), *available)}
    chosen: list[Instrument] = []
    for index, ref in enumerate(document.metadata.instruments):
        where = f"metadata.instruments[{index}]"
        instrument = by_version.get((ref.id, ref.version))
        if instrument is None and ref.id not in by_id:
            raise PlannerFileError(shown, where, f"uses instrument {ref.id!r}, which this planner does not have")
        if instrument is None:
            raise PlannerFileError(
                shown,
                where,
                f"was rated on {ref.id} version {ref.version}; this planner has version {by_id[ref.id].version}",
            )
        chosen.append(instrument)
    order = {i.id: n for n, i in enumerate(available)}
    return sorted(chosen, key=lambda i: order[i.id])
