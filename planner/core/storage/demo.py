"""The bundled demo: a realistic, clearly fictional consortium used by ``planner demo`` and the app.

The demo is data, not code: ``demo/alder-basin.json`` is an ordinary planner file, shipped like the rubrics
(``planner/_data/demo`` in the wheel and the one-folder app) and read through the same loader as any plan a
person opens (:func:`planner.core.storage.storage.parse_document`: size check, strict JSON, migrations,
validation). A demo the loader refused would fail its tests, so the demo also proves the loader takes a
realistic plan.

Every name in it is invented. The ratings give two respondents who disagree on some criteria, the cost plan
runs three years with a gap, the team has set targets, and the action plan follows from the priorities.

Its dates are fixed (grant July 2024 to June 2027, created November 14, 2026), not relative to today, so the
demo reads the same on any day. Two things follow the running app rather than the file, as a newly created
plan would: the instrument list in its metadata is the instruments the caller passes, and ``app_version`` is
this planner's version.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner import __version__
from planner.core.model.document import Document, InstrumentRef
from planner.core.model.rubric import Instrument
from planner.core.storage.files import read_limited
from planner.core.storage.storage import MAX_DOCUMENT_BYTES, parse_document
from planner.resources import resource_path

DEMO_FILE = "alder-basin.json"
DEMO_NAME = "Alder Basin Career Pathways Alliance (demo)"


def load_demo() -> Document:
    """The demo exactly as its file holds it, through the normal loader."""
    path = resource_path("demo", DEMO_FILE)
    return parse_document(read_limited(path, MAX_DOCUMENT_BYTES), str(path))


def demo_document(instruments: Sequence[Instrument]) -> Document:
    """The demo as the app opens it: rated on ``instruments``, stamped with this planner's version."""
    document = load_demo()
    metadata = document.metadata.model_copy(
        update={
            "app_version": __version__,
            "instruments": [InstrumentRef(id=i.id, version=i.version) for i in instruments],
        }
    )
    return document.model_copy(update={"metadata": metadata})
