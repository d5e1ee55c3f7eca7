"""Turn a plan analysis into HTML (Jinja2, autoescaped) and then PDF (WeasyPrint), safely.

Two layers keep user text from reaching outside the document (docs/architecture.md,
"Printing safely"): every template is
autoescaped (``select_autoescape`` would miss ``.j2`` names, so autoescape is simply on), and WeasyPrint
fetches through :class:`BundledAssetFetcher`, which serves an exact list of bundled files plus ``data:``
URIs and refuses everything else. User text never goes into ``style``, ``<style>`` or a URL.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import jinja2
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from planner.core.assessment.analysis import PlanAnalysis
from planner.core.assessment.compare import Comparison
from planner.core.model.rubric import Instrument
from planner.core.storage.storage import atomic_write
from planner.report.context import FILTERS, blank_context, plan_context
from planner.resources import data_dir, resource_path

Paper = Literal["letter", "a4"]
STYLESHEET = "print.css"
# Page size is ours, never user text: a fixed rule per choice.
PAPER_RULES: dict[str, str] = {"letter": "@page { size: letter; }", "a4": "@page { size: A4; }"}
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


@functools.cache
def template_environment() -> jinja2.Environment:
    """One environment per process: it keeps the compiled templates (compiling them took ~100 ms per render).

    The loader still checks each template file's modification time, so an edited template is picked up.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_dir("templates"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    return env


def _render_template(name: str, context: dict[str, Any]) -> str:
    return template_environment().get_template(name).render(**context)


def plan_html(
    analysis: PlanAnalysis,
    paper: Paper = "letter",
    generated: datetime | None = None,
    comparison: Comparison | None = None,
) -> str:
    context = plan_context(analysis, generated or datetime.now(UTC), comparison)
    context["paper"] = paper
    return _render_template("plan.html.j2", context)


def blank_html(instruments: Sequence[Instrument], paper: Paper = "letter") -> str:
    context = blank_context(instruments)
    context["paper"] = paper
    return _render_template("blank.html.j2", context)


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


def html_to_pdf(
    html: str, paper: Paper = "letter", fetcher: BundledAssetFetcher | None = None, progress: Progress = _quiet
) -> bytes:
    progress("laying out pages")
    laid_out = lay_out(html, paper, fetcher)
    progress(f"writing {len(laid_out.pages)} page{'s' if len(laid_out.pages) != 1 else ''}")
    pdf: bytes = laid_out.write_pdf(pdf_variant=PDF_VARIANT)
    return pdf


def standalone_html(html: str, paper: Paper = "letter") -> str:
    """The rendered HTML with the print stylesheet inlined, so a browser shows it as the PDF lays it out.

    Charts are already ``data:`` URIs, so the file needs nothing beside it. The stylesheet is ours; no user text
    goes into the ``<style>`` element.
    """
    css = resource_path("templates", STYLESHEET).read_text("utf-8") + "\n" + PAPER_RULES[paper]
    return html.replace("</head>", f"<style>\n{css}\n</style>\n</head>", 1)


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
