from __future__ import annotations

import os

# Qt must never look for a display in tests; set before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from planner.core.model.document import Document
from planner.core.model.rubric import Instrument, bundled_instruments
from planner.core.storage.demo import demo_document


@pytest.fixture(scope="session")
def instruments() -> tuple[Instrument, ...]:
    return bundled_instruments()


@pytest.fixture
def demo(instruments: tuple[Instrument, ...]) -> Document:
    return demo_document(instruments)
