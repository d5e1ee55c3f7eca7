"""Turn a plan analysis into HTML (Jinja2, autoescaped) and then PDF (WeasyPrint), safely.

Two layers keep user text from reaching outside the document (docs/architecture.md,
"Printing safely"): every template is
autoescaped (``select_autoescape`` would miss ``.j2`` names, so autoescape is simply on), and WeasyPrint
fetches through :class:`BundledAssetFetcher`, which serves an exact list of bundled files plus ``data:``
URIs and refuses everything else. User text never goes into ``style``, ``<style>`` or a URL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pydyf  # type: ignore[import-untyped]
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from planner.core.assessment.analysis import PlanAnalysis
from planner.core.assessment.compare import Comparison
from planner.core.model.rubric import Instrument
from planner.core.storage.storage import atomic_write

# Re-exported: callers build the HTML and write the PDF from one module.
from planner.report.html import PAPER_RULES as PAPER_RULES
from planner.report.html import STYLESHEET as STYLESHEET
from planner.report.html import Paper as Paper
from planner.report.html import blank_html as blank_html
from planner.report.html import plan_html as plan_html
from planner.report.html import standalone_html as standalone_html
from planner.resources import data_dir, resource_path

ALLOWED_ASSETS = (STYLESHEET,)
PDF_VARIANT = "pdf/ua-1"


class RefusedURL(Exception):
    """Raised for every URL outside the whitelist; WeasyPrint then leaves the resource out."""


class BundledAssetFetcher(URLFetcher):  # type: ignore[misc]
    """Serves only the exact bundled assets and ``data:`` URIs; records every refusal."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data",))
        self.allowed = {resource_path("templates", name).resolve().as_uri(): name for name in ALLOWED_ASSETS}
        self.served: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> Any:
        if url in self.allowed:
            self.served.append(url)
            data = resource_path("templates", self.allowed[url]).read_bytes()
            return URLFetcherResponse(url, body=data, headers={"Content-Type": "text/css; charset=utf-8"})
        if url.startswith("data:"):
            self.served.append(url[:40])
            return super().fetch(url, headers)
        self.refused.append(url)
        raise RefusedURL(f"refused to fetch {url[:200]!r}: not a bundled asset")


Progress = Callable[[str], None]


def _quiet(_stage: str) -> None:
    pass


def lay_out(html: str, paper: Paper = "letter", fetcher: BundledAssetFetcher | None = None) -> Any:
    """WeasyPrint's laid-out document (pages of boxes), before it is written; tests inspect where things fell."""
    fetcher = fetcher or BundledAssetFetcher()
    base_url = data_dir("templates").resolve().as_uri() + "/"
    stylesheets = [
        CSS(url=resource_path("templates", STYLESHEET).resolve().as_uri(), url_fetcher=fetcher),
        CSS(string=PAPER_RULES[paper], url_fetcher=fetcher),
    ]
    # Tagged PDF/UA: public agencies must post accessible documents (structure tree, language, title in the
    # title bar, table headers, figures with alternative text). Layout and writing both need to know.
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
        stylesheets=stylesheets, pdf_variant=PDF_VARIANT
    )


def scope_header_cells(_document: Any, pdf: Any) -> None:
    """Give every table header cell of the tagged PDF a /Scope, and the structure tree the /IDTree its /Headers use.

    PDF/UA (Matterhorn checkpoint 15-003) wants each TH to say whether it heads a column or a row, unless every data
    cell names its headers. WeasyPrint 70 writes /Headers on each TD (pointing at the TH's /ID) but neither the
    /Scope nor the /IDTree that resolves those ids, so both are added here, just before the PDF is written (a
    WeasyPrint finisher; no second pass over the file). A header in a table's head row heads a column; a header
    that opens a body row (the cover's facts, the adoption record, the contents) heads that row.
    """
    by_reference = {obj.reference: obj for obj in pdf.objects if isinstance(obj, pydyf.Dictionary)}
    ids: dict[str, bytes] = {}
    for obj in by_reference.values():
        if obj.get("Type") != "/StructElem" or obj.get("S") != "/TH":
            continue
        row = by_reference.get(obj.get("P"))
        group = by_reference.get(row.get("P")) if row is not None else None
        in_head = group is not None and group.get("S") == "/THead"
        opens_row = row is not None and len(row["K"]) > 0 and row["K"][0] == obj.reference
        attributes = obj.setdefault("A", pydyf.Dictionary({"O": "/Table"}))
        attributes["Scope"] = "/Row" if opens_row and not in_head else "/Column"
        if "ID" in obj:
            ids[obj["ID"].string] = obj.reference
    root = by_reference.get(pdf.catalog.get("StructTreeRoot"))
    if root is not None and ids:
        names = pydyf.Array()
        for key in sorted(ids):
            names.extend((pydyf.String(key), ids[key]))
        root["IDTree"] = pydyf.Dictionary({"Names": names})


def html_to_pdf(
    html: str, paper: Paper = "letter", fetcher: BundledAssetFetcher | None = None, progress: Progress = _quiet
) -> bytes:
    progress("laying out pages")
    laid_out = lay_out(html, paper, fetcher)
    progress(f"writing {len(laid_out.pages)} page{'s' if len(laid_out.pages) != 1 else ''}")
    pdf: bytes = laid_out.write_pdf(pdf_variant=PDF_VARIANT, finisher=scope_header_cells)
    return pdf


def render_plan_file(
    analysis: PlanAnalysis,
    output: Path,
    paper: Paper = "letter",
    html_path: Path | None = None,
    comparison: Comparison | None = None,
    progress: Progress = _quiet,
) -> None:
    """Render and write the plan; nothing is written until the whole PDF exists (an interrupt leaves no file)."""
    progress("building the plan")
    html = plan_html(analysis, paper, comparison=comparison)
    pdf = html_to_pdf(html, paper, progress=progress)
    if html_path is not None:
        atomic_write(html_path, standalone_html(html, paper).encode("utf-8"))
    atomic_write(output, pdf)


def render_blank_file(
    instruments: Sequence[Instrument], output: Path, paper: Paper = "letter", progress: Progress = _quiet
) -> None:
    atomic_write(output, html_to_pdf(blank_html(instruments, paper), paper, progress=progress))
