"""Issue 12: the plan a steering committee adopts, checked the way the committee reads it (extracted PDF text,
word boxes, the tagged structure, the Word copy)."""

from __future__ import annotations

import html as html_module
import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document as open_docx
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from planner.core.assessment.analysis import PlanAnalysis, analyze
from planner.core.funding.decision import summarize_decision
from planner.core.model.document import Adoption, Document, new_document
from planner.core.model.money import MINUS, format_dollars
from planner.core.model.rubric import Instrument
from planner.report.render import (
    PDF_VARIANT,
    Paper,
    blank_html,
    html_to_pdf,
    lay_out,
    plan_html,
    standalone_html,
)
from planner.report.word import build_docx
from tests.factories import team_document
from tests.money_story import check_rules, check_text

pytestmark = pytest.mark.slow


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _pages(pdf: bytes) -> list[str]:
    return [_flat(page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages]


@dataclass(frozen=True)
class Rendered:
    analysis: PlanAnalysis
    html: str
    pdf: bytes
    # (page, body rows on that page, the table's class) for every piece of a table that runs over pages
    split_tables: tuple[tuple[tuple[int, int, str], ...], ...]
    # per page: how full it is (0-1) and whether its last section goes on to the next page
    fills: tuple[tuple[float, bool], ...]
    # per chart as printed: its class and the smallest text in it, in points
    chart_text: tuple[tuple[str, float], ...]


def _split_tables(laid_out: Any) -> tuple[tuple[tuple[int, int, str], ...], ...]:
    """Where each table fell: from WeasyPrint's own page boxes, so a row counts once however it is drawn."""
    from weasyprint.formatting_structure import boxes

    pieces: dict[int, list[tuple[int, int, str]]] = {}

    def walk(box: Any, page: int) -> None:
        if isinstance(box, boxes.TableBox):
            rows = sum(
                len(group.children)
                for group in box.children
                if isinstance(group, boxes.TableRowGroupBox) and not group.is_header
            )
            pieces.setdefault(id(box.element), []).append((page, rows, box.element.get("class") or ""))
        for child in getattr(box, "children", None) or []:
            walk(child, page)

    for number, page in enumerate(laid_out.pages, 1):
        walk(page._page_box, number)
    return tuple(tuple(p) for p in pieces.values() if len(p) > 1)


def _reach(box: Any, sections: list[str]) -> float:
    """How far down ``box``'s lines and pictures reach; notes the sections it meets on the way."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.MarginBox):
        return 0.0
    if getattr(box, "element_tag", None) == "section" and box.element.get("id") not in sections:
        sections.append(box.element.get("id"))
    bottom = box.position_y + box.height if isinstance(box, boxes.LineBox | boxes.ReplacedBox) else 0.0
    return max([bottom, *(_reach(child, sections) for child in getattr(box, "children", None) or [])])


def _fills(laid_out: Any) -> tuple[tuple[float, bool], ...]:
    """How far down each page its content reaches (a share of the page's content height), from WeasyPrint's own
    boxes (charts count, which the text layer would miss), and whether the page's last section goes on."""
    measured: list[tuple[float, list[str]]] = []
    for page in laid_out.pages:
        page_box, sections = page._page_box, list[str]()
        top = page_box.content_box_y()
        measured.append((max(0.0, _reach(page_box, sections) - top) / page_box.height, sections))
    return tuple(
        (fill, bool(sections) and n + 1 < len(measured) and sections[-1] in measured[n + 1][1])
        for n, (fill, sections) in enumerate(measured)
    )


def _chart_text(laid_out: Any) -> tuple[tuple[str, float], ...]:
    """Each printed chart's class and its smallest text in points (font size scaled to the printed width)."""
    import base64

    from weasyprint.formatting_structure import boxes

    found: list[tuple[str, float]] = []

    def walk(box: Any) -> None:
        if isinstance(box, boxes.ReplacedBox) and box.element_tag == "img":
            svg = base64.b64decode(box.element.get("src").split(",", 1)[1]).decode("utf-8")
            width = float(re.search(r'<svg[^>]* width="([\d.]+)"', svg)[1])  # type: ignore[index]
            smallest = min(float(size) for size in re.findall(r'font-size="([\d.]+)"', svg))
            found.append((box.element.get("class") or "", smallest * box.width / width * 0.75))  # CSS px to pt
        for child in getattr(box, "children", None) or []:
            walk(child)

    for page in laid_out.pages:
        walk(page._page_box)
    return tuple(found)


def _documents(demo: Document, instruments: tuple[Instrument, ...]) -> dict[str, Document]:
    return {
        "demo": demo,
        "team": team_document(demo),
        "empty": new_document("Empty Valley Consortium", list(instruments)),
    }


@pytest.fixture(scope="module")
def rendered(instruments: tuple[Instrument, ...]) -> dict[tuple[str, str], Rendered]:
    from planner.core.storage.demo import demo_document

    out: dict[tuple[str, str], Rendered] = {}
    papers: tuple[Paper, ...] = ("letter", "a4")
    for name, document in _documents(demo_document(instruments), instruments).items():
        analysis = analyze(document, instruments)
        for paper in papers:
            html = plan_html(analysis, paper)
            laid_out = lay_out(html, paper)
            pdf = laid_out.write_pdf(pdf_variant=PDF_VARIANT)
            out[(name, paper)] = Rendered(
                analysis, html, pdf, _split_tables(laid_out), _fills(laid_out), _chart_text(laid_out)
            )
    return out


def test_the_brief_leads_with_money_and_matches_core(rendered: dict[tuple[str, str], Rendered]) -> None:
    for paper in ("letter", "a4"):
        result = rendered[("demo", paper)]
        pages = _pages(result.pdf)
        brief = next(
            n for n, page in enumerate(pages) if page.startswith("Decision brief") or " Decision brief Keeping" in page
        )
        signoff = next(n for n, page in enumerate(pages) if "Adoption and sign-off Resolution" in page)
        assert signoff - brief <= 2, f"{paper}: the brief runs to {signoff - brief} pages"
        text = " ".join(pages[brief:signoff])
        summary = summarize_decision(result.analysis.document, result.analysis.funding)
        assert summary.period in text
        grid = summary.ask_dollars
        # Each key figure is the total of the column it summarizes (defect: "Asked of partners" beside a table of
        # everything).
        key = " ".join(format_dollars(f) for f in (summary.total_cost, grid.committed_total, summary.gap, grid.total))
        assert f"{summary.period} {key}" in text
        for row in summary.ask.rows:
            cells = " ".join(format_dollars(grid.cells[(row.key, y)]) for y in summary.ask.years)
            rest = " ".join(
                format_dollars(f) for f in (grid.rows[row.key], grid.committed[row.key], grid.total_share[row.key])
            )
            assert f"{cells} {rest} {row.percent}%" in text, row.label
        totals = " ".join(format_dollars(grid.years[y]) for y in summary.ask.years)
        rest = " ".join(format_dollars(f) for f in (grid.total, grid.committed_total, grid.total_share_total))
        assert f"Total {totals} {rest} 100%" in text
        assert grid.total == sum(grid.rows.values()) and sum(r.percent for r in summary.ask.rows) == 100
        assert "Asked of partners" not in text and "of the plan's cost" in text
        for stop in summary.stops:
            assert stop.when in text
        assert "July 1, 2028" in text and "September 15, 2027" in text  # district and college boards


def test_every_commitment_source_is_printed(rendered: dict[tuple[str, str], Rendered]) -> None:
    result = rendered[("demo", "letter")]
    text = " ".join(_pages(result.pdf))
    document = result.analysis.document
    section = text[text.index("Who pays from which fund Every commitment") :]
    for commitment in document.commitments:
        assert commitment.source in section, commitment.source
        assert commitment.fund.label in section, commitment.fund.label
    assert "Cannot count as CTE Incentive Grant match" in section and "CTE Incentive Grant match test" in section


def test_status_draft_then_adopted(
    rendered: dict[tuple[str, str], Rendered], instruments: tuple[Instrument, ...]
) -> None:
    draft = _pages(rendered[("demo", "letter")].pdf)
    assert "Draft for the committee's vote" in draft[0]
    assert all(re.search(r"\bDraft\b", page) for page in draft[1:])  # the running header on every page
    document = rendered[("demo", "letter")].analysis.document
    adopted = document.model_copy(
        update={"adoption": Adoption(moved_by="Renata Alvarez", seconded_by="Tom Okafor", votes_for=7, votes_against=0,
                                     abstentions=1, adopted_on=date(2027, 5, 12))}
    )  # fmt: skip
    html = plan_html(analyze(adopted, instruments))
    assert "Adopted on May 12, 2027" in html and "Draft for the committee" not in html
    assert "data:image/svg+xml;base64" in html  # the charts
    assert "background: url" not in html  # no watermark once adopted


def test_team_plan_names_no_one_beside_a_rating(rendered: dict[tuple[str, str], Rendered]) -> None:
    text = " ".join(_pages(rendered[("team", "letter")].pdf))
    for name in ("Janelle Prewitt · level", "Kofi Marchetti", "Avery Lindqvist", "Dana Whitcomb"):
        assert name not in text, name
    assert "7 people rated the criteria" in text
    assert "Employer / industry 1" in text  # counted by sector, not named


def _boxes(pdf: bytes, tmp_path: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, every word's (xMin, yMin, xMax, yMax, text), from poppler's ``pdftotext -bbox-layout``."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed (.ci/setup installs it)")
    source, boxes = tmp_path / "plan.pdf", tmp_path / "boxes.html"
    source.write_bytes(pdf)
    subprocess.run(["pdftotext", "-bbox-layout", str(source), str(boxes)], check=True)
    pages: list[list[tuple[float, float, float, float, str]]] = []
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>'
    for line in boxes.read_text("utf-8").splitlines():
        if "<page " in line:
            pages.append([])
        elif match := re.search(pattern, line):
            x0, y0, x1, y1 = (float(v) for v in match.groups()[:4])
            pages[-1].append((x0, y0, x1, y1, html_module.unescape(match.group(5))))
    return pages


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", html_module.unescape(re.sub(r"<[^>]+>", "", text)))


@pytest.mark.parametrize("name", ["demo", "team", "empty"])
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_layout_no_overlap_and_nothing_alone_at_a_page_foot(
    name: str, paper: str, rendered: dict[tuple[str, str], Rendered], tmp_path: Path
) -> None:
    result = rendered[(name, paper)]
    # No page holds a single row of a table that runs over pages (the bands table once left one row behind).
    lonely = [pieces for pieces in result.split_tables if any(rows == 1 for _page, rows, _class in pieces)]
    assert lonely == [], f"{name} {paper}: {lonely}"
    headings = {_squash(h) for h in re.findall(r"<h[123][^>]*>(.*?)</h[123]>", result.html, re.S)}
    header_rows = {_squash(r) for r in re.findall(r"<thead>\s*<tr>(.*?)</tr>", result.html, re.S)}
    for number, words in enumerate(_boxes(result.pdf, tmp_path), 1):
        # No word box runs into another (cells that run together, labels over labels).
        for i, a in enumerate(words):
            for b in words[i + 1 :]:
                width = min(a[2], b[2]) - max(a[0], b[0])
                height = min(a[3], b[3]) - max(a[1], b[1])
                assert width <= 1.0 or height <= 1.0, f"{name} {paper} page {number}: {a[4]!r} overlaps {b[4]!r}"
        # Figures or dates glued together ("$328,400.00$321,840.00", "2027-01-152027-05-30In progress").
        glued = [w[4] for w in words if re.search(r"\d\$|\d{4}-\d\d-\d\d\S|\d{4}[A-Z]", w[4])]
        assert glued == [], f"{name} {paper} page {number}: {glued}"
        body = [w for w in words if w[1] > 70]  # below the running header
        if not body:
            continue
        foot = max(w[1] for w in body)
        last_row = sorted((w for w in body if abs(w[1] - foot) < 3), key=lambda w: w[0])
        text = "".join(w[4] for w in last_row)
        if text.startswith("Page") and "of" in text:  # the footer: look at the row above it
            rest = [w for w in body if w[1] < foot - 3]
            if not rest:
                continue
            foot = max(w[1] for w in rest)
            text = "".join(w[4] for w in sorted((w for w in rest if abs(w[1] - foot) < 3), key=lambda w: w[0]))
        is_heading = text in headings or any(len(text) >= 12 and h.endswith(text) for h in headings)
        assert not is_heading, f"{name} {paper} page {number}: heading {text!r} is alone at the foot"
        assert text not in header_rows, f"{name} {paper} page {number}: table header {text!r} is alone at the foot"


@pytest.mark.parametrize("name", ["demo", "team", "empty"])
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_no_page_is_left_mostly_blank_inside_a_section(
    name: str, paper: str, rendered: dict[tuple[str, str], Rendered]
) -> None:
    """A page less than a third full is a section's last page, never one its section goes on from (Letter page 12
    was half empty when the Technical chart's table was pushed over; the signatures left a page near empty)."""
    fills = rendered[(name, paper)].fills
    blank = [(n, round(fill, 2)) for n, (fill, goes_on) in enumerate(fills, 1) if fill < 1 / 3 and goes_on]
    assert blank == [], f"{name} {paper}: pages (number, share filled) {blank}"


@pytest.mark.parametrize("name", ["demo", "team", "empty"])
def test_print_hides_nothing_behind_a_count(name: str, rendered: dict[tuple[str, str], Rendered]) -> None:
    """Paper cannot be expanded: a list never ends "and 1 more" (the Risks section once hid a cost item so)."""
    for number, page in enumerate(_pages(rendered[(name, "letter")].pdf), 1):
        assert not re.search(r"\band \d+ more\b", page), f"{name} page {number}"
    assert "content fingerprint" in _pages(rendered[(name, "letter")].pdf)[0]  # the cover says what the hash is


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_chart_text_prints_large_enough_to_read(paper: str, rendered: dict[tuple[str, str], Rendered]) -> None:
    """Every chart's smallest text prints at 6.5 pt or more (the brief's band names were about 4 pt)."""
    charts = rendered[("demo", paper)].chart_text
    assert len(charts) == 10
    small = [(css_class, round(points, 1)) for css_class, points in charts if points < 6.5]
    assert small == []


def _structure(pdf: bytes) -> tuple[Any, list[Any]]:
    """The catalogue and every structure element (pypdf's objects are loosely typed: read them as Any)."""
    root: Any = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    nodes: list[Any] = []

    def walk(node: Any) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, DictionaryObject):
            if "/S" in node:
                nodes.append(node)
            if "/K" in node:
                walk(node["/K"])

    walk(root["/StructTreeRoot"])
    return root, nodes


def test_pdf_is_tagged_with_alt_text_and_table_headers(rendered: dict[tuple[str, str], Rendered]) -> None:
    for name in ("demo", "empty"):
        root, nodes = _structure(rendered[(name, "letter")].pdf)
        assert root["/Lang"] == "en" and root["/MarkInfo"]["/Marked"]
        assert root["/ViewerPreferences"]["/DisplayDocTitle"]
        kinds = [n["/S"] for n in nodes]
        assert {"/H1", "/H2", "/Table", "/TH", "/Figure"} <= set(kinds)
        figures = [n for n in nodes if n["/S"] == "/Figure"]
        assert figures and all(str(f.get("/Alt", "")).strip() for f in figures)

        def has_header(node: Any) -> bool:
            kids = node.get("/K")
            kids = kids.get_object() if hasattr(kids, "get_object") else kids
            items = kids if isinstance(kids, ArrayObject) else [kids] if kids is not None else []
            for kid in items:
                kid = kid.get_object() if hasattr(kid, "get_object") else kid
                if isinstance(kid, DictionaryObject) and (kid.get("/S") == "/TH" or has_header(kid)):
                    return True
            return False

        tables = [n for n in nodes if n["/S"] == "/Table"]
        assert tables and all(has_header(t) for t in tables), name


def test_every_money_figure_in_the_pdf_is_the_ledgers(rendered: dict[tuple[str, str], Rendered]) -> None:
    """Issue 21, point 8, for the PDF text of the demo and the team plan (tests/test_money_story.py does the rest)."""
    for name in ("demo", "team"):
        result = rendered[(name, "letter")]
        check_text(" ".join(_pages(result.pdf)), result.analysis)
        check_rules(result.analysis)


def test_html_preview_is_self_contained(rendered: dict[tuple[str, str], Rendered]) -> None:
    page = standalone_html(rendered[("demo", "letter")].html)
    assert "<style>" in page and "@page" in page and "size: letter" in page
    assert not re.search(r'(src|href)="(?!data:|#)', page)  # nothing to fetch beside the file


def test_real_minus_signs_in_changes(instruments: tuple[Instrument, ...], demo: Document) -> None:
    from planner.core.assessment.compare import compare

    before = analyze(demo, instruments)
    respondents = [demo.respondents[0].model_copy(update={"ratings": {}}), *demo.respondents[1:]]
    after = analyze(demo.model_copy(update={"respondents": respondents}), instruments)
    html = plan_html(after, comparison=compare(before, after))
    assert f"{MINUS}0." in html or f"{MINUS}1." in html
    assert not re.search(r">-\d", html)


def _handwriting_rows(laid_out: Any) -> list[tuple[str, float]]:
    """Every box meant for handwriting (an evidence line, a tally cell) and its height in inches."""
    from weasyprint.formatting_structure import boxes

    found: list[tuple[str, float]] = []

    def walk(box: Any, inside: str) -> None:
        element = getattr(box, "element", None)
        classes = (element.get("class") or "") if element is not None else ""
        if inside == "lines" and isinstance(box, boxes.BlockBox) and "lines" not in classes:
            found.append(("evidence line", box.border_height() / 96))
        if "tally-table" in classes:
            inside = "tally"
        if inside == "tally" and isinstance(box, boxes.TableCellBox) and box.element_tag == "td":
            found.append(("tally cell", box.border_height() / 96))
        for child in getattr(box, "children", None) or []:
            walk(child, "lines" if "lines" in classes.split() else inside)

    for page in laid_out.pages:
        walk(page._page_box, "")
    return found


def test_blank_instrument_for_paper_meetings(instruments: tuple[Instrument, ...]) -> None:
    papers: tuple[Paper, ...] = ("letter", "a4")
    criteria = sum(len(i.criteria) for i in instruments)
    for paper in papers:
        laid_out = lay_out(blank_html(instruments, paper), paper)
        pages = _pages(laid_out.write_pdf(pdf_variant=PDF_VARIANT))
        # Two criteria to a page, except beside a section's introduction and a section's odd last one (one a page
        # would be 36 pages and more), then the tally sheet.
        two_to_a_page = [page.count("Evidence and notes:") == 2 for page in pages]
        assert sum(two_to_a_page) >= (criteria - 2 * len(instruments)) // 2
        assert len(pages) <= 1 + sum((len(i.criteria) + 2) // 2 for i in instruments) + len(instruments)
        tally = next(n for n, page in enumerate(pages) if page.startswith("Tally sheet") or " Tally sheet " in page)
        assert "Evidence and notes:" not in " ".join(pages[tally:])
        # Every page of the form asks for the respondent and sector; the tally sheet is the group's and does not.
        assert all("Respondent" in page and "Sector" in page for page in pages[1:tally])
        assert not any("Respondent" in page or "Sector ___" in page for page in pages[tally:])
        # Room to write: every evidence line and tally cell is at least 0.3 in tall.
        rows = _handwriting_rows(laid_out)
        assert {kind for kind, _ in rows} == {"evidence line", "tally cell"}
        short = [(kind, round(height, 2)) for kind, height in rows if height < 0.3 - 0.005]
        assert short == [], paper
        # Each criterion's page leaves room for its target; the tally sheet for the agreed level and the target.
        assert " ".join(pages[1:tally]).count("Target level by the end of the plan:") == criteria
        tally_text = " ".join(pages[tally:])
        assert tally_text.count("Agreed level") == len(instruments) and tally_text.count("Target level") == len(
            instruments
        )
    html = blank_html(instruments)
    # The people's columns are lettered A to J, never numbered like the levels 1 to 4.
    header = re.findall(r"<th[^>]*>([A-Z])</th>", html)
    assert header[:10] == list("ABCDEFGHIJ") and len(header) == 10 * len(instruments)
    assert html.count('<div class="lines"><div></div><div></div><div></div></div>') == criteria


def test_hostile_adoption_text_prints_literally(
    instruments: tuple[Instrument, ...], demo: Document, tmp_path: Path
) -> None:
    canary = tmp_path / "secret.txt"
    canary.write_text("CANARY-12", "utf-8")
    payload = f"<img src='{canary.as_uri()}'> {{{{ 7*7 }}}} </div><h1>x</h1>"
    hostile = demo.model_copy(
        update={
            "adoption": Adoption(motion=payload, moved_by=payload[:200], seconded_by=payload[:200]),
            "commitments": [c.model_copy(update={"source": payload[:200]}) for c in demo.commitments],
        }
    )
    analysis = analyze(hostile, instruments)
    html = plan_html(analysis)
    assert "<img src='file" not in html and "{{ 7*7 }}" in html
    pdf = html_to_pdf(html)
    assert b"CANARY-12" not in pdf
    word = open_docx(io.BytesIO(build_docx(analysis)))
    texts = [c.text for t in word.tables for r in t.rows for c in r.cells] + [p.text for p in word.paragraphs]
    assert any(payload[:200] == t for t in texts)
