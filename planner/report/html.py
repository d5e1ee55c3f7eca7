"""The plan and the blank instrument as HTML, from the templates (Jinja2, autoescaped); no WeasyPrint.

Both printed formats start here: the PDF lays this HTML out with WeasyPrint (:mod:`planner.report.render`) and the
Word copy maps the same HTML onto Word's headings, tables and pictures (:mod:`planner.report.word`), so a section
added to the templates appears in both.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Literal

import jinja2

from planner.core.assessment.analysis import PlanAnalysis
from planner.core.assessment.compare import Comparison
from planner.core.model.rubric import Instrument
from planner.report.context import FILTERS, blank_context, plan_context
from planner.resources import data_dir, resource_path

Paper = Literal["letter", "a4"]
STYLESHEET = "print.css"
# Page size is ours, never user text: a fixed rule per choice.
PAPER_RULES: dict[str, str] = {"letter": "@page { size: letter; }", "a4": "@page { size: A4; }"}


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


_TABLE_HEAD = re.compile(r"<thead>.*?</thead>", re.S)
_UNSCOPED_HEADER = re.compile(r"<th(?=[\s>])(?![^>]*\bscope=)")


def scope_headers(html: str) -> str:
    """Every header cell says what it heads: ``scope="col"`` in a table's head, ``scope="row"`` where it opens a
    body row (the cover's facts, the adoption record). Screen readers use it in the HTML preview; the PDF gets the
    same scopes in its structure tree (planner.report.render.scope_header_cells). Applied to our own markup after
    rendering, so every table a template adds is covered; user text is escaped and cannot contain a tag."""
    html = _TABLE_HEAD.sub(lambda head: _UNSCOPED_HEADER.sub('<th scope="col"', head.group(0)), html)
    return _UNSCOPED_HEADER.sub('<th scope="row"', html)


def _render_template(name: str, context: dict[str, Any]) -> str:
    return scope_headers(template_environment().get_template(name).render(**context))


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


def standalone_html(html: str, paper: Paper = "letter") -> str:
    """The rendered HTML with the print stylesheet inlined, so a browser shows it as the PDF lays it out.

    Charts are already ``data:`` URIs, so the file needs nothing beside it. The stylesheet is ours; no user text
    goes into the ``<style>`` element.
    """
    css = resource_path("templates", STYLESHEET).read_text("utf-8") + "\n" + PAPER_RULES[paper]
    return html.replace("</head>", f"<style>\n{css}\n</style>\n</head>", 1)
