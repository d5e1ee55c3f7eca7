"""The frozen app's PDFs match the checkout's: same pages, same embedded fonts.

Runs from ``.ci/build-bundle``, which sets ``PLANNER_BUNDLE_SELFTEST`` to the folder the bundle's self-test wrote
(in a sandbox without the system's fonts); skipped when no bundle was built.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from planner.cli import main
from planner.selftest import BLANK_PDF, PLAN_PDF, WINDOW_PDF, pdf_fonts

BUNDLE_OUTPUT = os.environ.get("PLANNER_BUNDLE_SELFTEST")

pytestmark = pytest.mark.skipif(
    not BUNDLE_OUTPUT, reason="no bundle self-test output (run .ci/build-bundle to build and check the bundle)"
)


@pytest.fixture(scope="module")
def checkout_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("checkout")
    assert main(["demo", "-o", str(folder / "demo.json")]) == 0
    assert main(["render", str(folder / "demo.json"), "-o", str(folder / PLAN_PDF)]) == 0
    assert main(["blank", "-o", str(folder / BLANK_PDF)]) == 0
    return folder


@pytest.mark.slow
@pytest.mark.parametrize(
    ("bundle_name", "checkout_name"), [(PLAN_PDF, PLAN_PDF), (BLANK_PDF, BLANK_PDF), (WINDOW_PDF, PLAN_PDF)]
)
def test_bundle_pdf_matches_checkout(checkout_pdfs: Path, bundle_name: str, checkout_name: str) -> None:
    assert BUNDLE_OUTPUT is not None
    bundled = pdf_fonts(Path(BUNDLE_OUTPUT) / bundle_name)
    checkout = pdf_fonts(checkout_pdfs / checkout_name)
    assert bundled.pages == checkout.pages
    assert bundled.embedded == checkout.embedded
    assert not bundled.not_embedded and not checkout.not_embedded
