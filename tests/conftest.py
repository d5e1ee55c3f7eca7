from __future__ import annotations

import os

# Qt must never look for a display in tests; set before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from planner.core.demo import demo_document
from planner.core.document import Document
from planner.core.rubric import Instrument, bundled_instruments


@pytest.fixture(scope="session")
def instruments() -> tuple[Instrument, ...]:
    return bundled_instruments()


@pytest.fixture
def demo(instruments: tuple[Instrument, ...]) -> Document:
    return demo_document(instruments)
