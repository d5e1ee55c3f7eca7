"""The plan as an editable Word document (.docx), for committees that edit the wording before they adopt.

The Word copy is the plan's own HTML (:func:`planner.report.html.plan_html`, the same templates and context the
PDF is laid out from) mapped onto Word's parts with python-docx: ``h1``-``h3`` become Heading 1-3, tables become
tables in the editable "Plan table" style with their heading rows repeated on each page, lists become Word lists,
and each chart's SVG is drawn once as a PNG by resvg with its text alternative as the picture's alt text. So a
section, row or figure added to the templates appears in both formats, with no second copy to keep in step.

Word's own parts are added around it: a running header with the plan's status, a footer with "Page X of Y"
(fields), and a contents field in place of the PDF's contents page. User text only ever reaches Word as run text,
never as markup, so it shows literally. No WeasyPrint, no Qt.
"""

from __future__ import annotations

import base64
import io
import re
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import resvg_py
from docx import Document as new_document
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Inches, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml import html as lxml_html

from planner.core.assessment.analysis import PlanAnalysis
from planner.core.assessment.compare import Comparison
from planner.core.model.errors import PlannerFileError
from planner.core.model.text import xml_text
from planner.core.storage.storage import atomic_write
from planner.report.html import Paper, plan_html

TABLE_STYLE = "Plan table"
NOTE_STYLE = "Plan note"
WARNING_STYLE = "Plan warning"
NAVY = RGBColor(0x1B, 0x3A, 0x5C)
MUTED = RGBColor(0x52, 0x60, 0x6D)
HEADER_FILL = "E4E9EF"
PAGE_SIZES = {"letter": (Inches(8.5), Inches(11)), "a4": (Emu(7560310), Emu(10692130))}
TEXT_WIDTH_IN = 6.5
# Printed width of each chart, as in print.css (the PDF's sizes, in inches).
CHART_WIDTH_IN = {"chart-capacity": 5.5, "chart-heat": 5.9, "chart-funds": 5.1, "chart-gap": 5.5, "chart-targets": 6.5}
BRIEF_CHART_WIDTH_IN = 4.7
CHART_ZOOM = 2  # twice the SVG's pixel size: sharp in print at the widths above
SIGNATURE_ROW_IN = 0.6
_SPACE = re.compile(r"\s+")
_WIDTH_CLASS = re.compile(r"^w(\d+)$")
NAME_COLUMN_SHARE = 30  # print.css gives a figures table's name column about this share


def _font_folders() -> list[Path]:
    """Where DejaVu Sans (the charts' font) is: the frozen app's own copy first (packaging/planner.spec)."""
    folders = []
    if getattr(sys, "frozen", False):
        folders.append(Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "fontconfig" / "fonts")
    folders += [
        Path("/usr/share/fonts/truetype/dejavu"),
        Path("/usr/share/fonts/TTF"),
        Path("/usr/share/fonts/dejavu"),
        Path.home() / "Library" / "Fonts",
        Path("/Library/Fonts"),
        Path("C:/Windows/Fonts"),
    ]
    return [f for f in folders if (f / "DejaVuSans.ttf").is_file()]


@cache
def _chart_fonts() -> tuple[str, ...]:
    found = _font_folders()
    if not found:
        return ()
    return tuple(str(found[0] / name) for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"))


class ChartDrawingError(ValueError):
    """A chart's SVG could not be read or drawn; the message says why in plain words."""


class WordCopyError(Exception):
    """A value the Word copy cannot hold: where in the plan it is, and what is wrong."""

    def __init__(self, where: str, what: str) -> None:
        super().__init__(f"{where}: {what}")
        self.where, self.what = where, what


@lru_cache(maxsize=32)  # the capacity chart prints twice
def svg_to_png(svg: str) -> bytes:
    """One of our charts as a PNG, drawn by resvg; DejaVu Sans as in the PDF, else the system's sans-serif.

    A drawing resvg cannot read is a :class:`ChartDrawingError`, never half a picture or the renderer's own error.
    """
    fonts = list(_chart_fonts())
    try:
        png = resvg_py.svg_to_bytes(
            svg_string=svg, zoom=CHART_ZOOM, font_files=fonts or None, skip_system_fonts=bool(fonts), background="white"
        )
    except Exception as exc:  # resvg reports a bad drawing with its own exception types
        raise ChartDrawingError(f"the chart's drawing could not be drawn ({exc})") from None
    if not png:
        raise ChartDrawingError("the chart's drawing is empty")
    return bytes(png)


@dataclass(frozen=True)
class _Fmt:
    bold: bool = False
    italic: bool = False
    muted: bool = False


_BREAK = object()


@dataclass
class _Runs:
    """An element's inline content as (text, format) pieces and line breaks, whitespace collapsed as HTML does."""

    pieces: list[Any] = field(default_factory=list)

    def add(self, text: str | None, fmt: _Fmt) -> None:
        if text:
            self.pieces.append((_SPACE.sub(" ", text), fmt))

    def cleaned(self) -> list[Any]:
        out: list[Any] = []
        at_line_start = True
        for piece in self.pieces:
            if piece is _BREAK:
                if out and out[-1] is not _BREAK:
                    out[-1] = (out[-1][0].rstrip(" "), out[-1][1])
                out.append(_BREAK)
                at_line_start = True
                continue
            text, fmt = piece
            if at_line_start or (out and out[-1] is not _BREAK and out[-1][0].endswith(" ")):
                text = text.lstrip(" ")
            if text:
                out.append((text, fmt))
                at_line_start = False
        while out and out[-1] is not _BREAK:
            text = out[-1][0].rstrip(" ")
            if text:
                out[-1] = (text, out[-1][1])
                break
            out.pop()
        return out


def _classes(element: Any) -> set[str]:
    return set((element.get("class") or "").split())


def _paragraph_style(classes: set[str]) -> str | None:
    """The Word style for one of the templates' paragraph classes (None: Normal)."""
    if "warning" in classes:
        return WARNING_STYLE
    if classes & {"small", "muted", "stamp", "note"}:
        return NOTE_STYLE
    if classes & {"kicker", "cover-sub"}:
        return "Subtitle"
    return None


def _text(element: Any) -> str:
    return _SPACE.sub(" ", element.text_content()).strip()


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES): Word fills it in; ``shown`` is what a reader sees before it does."""

    def char(kind: str) -> None:
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    char("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    char("separate")
    paragraph.add_run(shown)
    char("end")


class _WordCopy:
    def __init__(self, paper: Paper) -> None:
        self.doc: Document = new_document()
        self.paper = paper
        self._set_up_styles()
        # python-docx scans every style each time a paragraph is given one by name or object (about 3 ms): the
        # copy sets the style's id on the paragraph itself.
        self.styles = {style.name: style for style in self.doc.styles}
        self.style_ids = {style.name: style.style_id for style in self.doc.styles}
        self._set_up_page()

    # -- the document's frame --------------------------------------------------------------------------------

    def _set_up_styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(10.5)
        # The plan is in English: spelling and screen readers follow the document's language.
        rpr = normal.element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "en-US")
        rpr.append(lang)
        for level, size in ((1, 18), (2, 13), (3, 11)):
            heading = styles[f"Heading {level}"]
            heading.font.color.rgb = NAVY
            heading.font.size = Pt(size)
        table = styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
        table.base_style = styles["Table Grid"]
        table.font.size = Pt(9.5)
        note = styles.add_style(NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        note.base_style = normal
        note.font.size = Pt(9)
        note.font.color.rgb = MUTED
        warning = styles.add_style(WARNING_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        warning.base_style = normal
        warning.font.bold = True
        warning.font.color.rgb = RGBColor(0xA1, 0x5C, 0x07)

    def _set_up_page(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = PAGE_SIZES[self.paper]
        margin = (section.page_width - Inches(TEXT_WIDTH_IN)) // 2
        section.left_margin = section.right_margin = Emu(margin)
        section.top_margin = section.bottom_margin = Inches(0.9)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run("Page ")
        _field(footer, "PAGE", "1")
        footer.add_run(" of ")
        _field(footer, "NUMPAGES", "1")
        # Word asks to update fields on opening, which fills in the contents' page numbers.
        settings = self.doc.settings.element
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)

    def running_header(self, text: str) -> None:
        header = self.doc.sections[0].header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = header.add_run(text)
        run.font.size = Pt(8)
        run.font.color.rgb = MUTED

    # -- blocks ---------------------------------------------------------------------------------------------

    def block(self, element: Any, where: Any) -> None:
        """One HTML block into ``where`` (the document body or a table cell), in the order the PDF prints it."""
        tag = element.tag if isinstance(element.tag, str) else ""
        classes = _classes(element)
        if tag in ("section", "div"):
            if "contents" in classes:
                self.contents(element)
            elif "sig" in classes:
                self.signature(element, where)
            elif "empty" not in classes:
                for child in element:
                    self.block(child, where)
        elif tag == "h1" and "cover-title" in classes:
            self.paragraph(element, where, style="Title")
        elif tag in ("h1", "h2", "h3"):
            heading = self.paragraph(element, where, style=f"Heading {tag[1]}")
            if tag == "h1":  # each part of the plan starts a page, as in the PDF
                heading.paragraph_format.page_break_before = True
        elif tag == "p":
            self.paragraph(element, where, style=_paragraph_style(classes), bold="cover-status" in classes)
        elif tag in ("ul", "ol"):
            self.add_list(element, where, numbered=tag == "ol")
        elif tag == "table":
            self.table(element, where)
        elif tag == "img":
            self.picture(element, where)

    def paragraph(self, element: Any, where: Any, style: str | None = None, bold: bool = False) -> Paragraph:
        paragraph = self.new_paragraph(where, style)
        self.inline(paragraph, element, _Fmt(bold=bold))
        return paragraph

    def new_paragraph(self, where: Any, style: str | None = None) -> Paragraph:
        paragraph: Paragraph = where.add_paragraph()
        if style is not None:
            paragraph._p.style = self.style_ids[style]
        return paragraph

    def inline(self, paragraph: Paragraph, element: Any, fmt: _Fmt = _Fmt()) -> None:
        runs = _Runs()
        self._collect(element, fmt, runs)
        for piece in runs.cleaned():
            if piece is _BREAK:
                paragraph.add_run().add_break()
                continue
            text, style = piece
            run = paragraph.add_run(text)
            run.bold = style.bold or None
            run.italic = style.italic or None
            if style.muted:
                run.font.color.rgb = MUTED

    def _collect(self, element: Any, fmt: _Fmt, runs: _Runs) -> None:
        runs.add(element.text, fmt)
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "br":
                runs.pieces.append(_BREAK)
            elif tag:
                classes = _classes(child)
                inner = _Fmt(
                    bold=fmt.bold or tag in ("strong", "b", "th") or bool(classes & {"tag", "who", "sig-label"}),
                    italic=fmt.italic or tag in ("em", "i"),
                    muted=fmt.muted or "muted" in classes,
                )
                self._collect(child, inner, runs)
            runs.add(child.tail, fmt)

    def add_list(self, element: Any, where: Any, numbered: bool) -> None:
        restart = self._restart_numbering() if numbered else None
        for item in element:
            if item.tag != "li":
                continue
            paragraph = self.new_paragraph(where, "List Number" if numbered else "List Bullet")
            if restart is not None:
                num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = 0
                num_pr.get_or_add_numId().val = restart
            self.inline(paragraph, item)

    def _restart_numbering(self) -> int:
        """A fresh numbering instance for the List Number style, so each numbered list starts again at 1."""
        numbering = self.doc.part.numbering_part.element
        style_num = self.doc.styles["List Number"].element.pPr.numPr.numId.val
        abstract = next(n for n in numbering.num_lst if n.numId == style_num).abstractNumId.val
        num = numbering.add_num(abstract)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), "1")
        override.append(start)
        num.append(override)
        return int(num.numId)

    def table(self, element: Any, where: Any) -> None:
        rows = [(tr, tr.getparent().tag == "thead") for tr in element.iter("tr")]
        if not rows:
            return
        columns = max(sum(int(c.get("colspan", "1")) for c in tr if c.tag in ("td", "th")) for tr, _h in rows)
        table: Table = where.add_table(rows=len(rows), cols=columns)
        table.style = self.styles[TABLE_STYLE]
        widths = self._column_widths(rows, columns, where)
        for grid_column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
            grid_column.w = width
        for word_row, (tr, is_head) in zip(table.rows, rows, strict=True):
            tr_pr = word_row._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:cantSplit"))  # a row never breaks over two pages, as in the PDF
            if is_head:  # repeated at the top of each page the table runs onto
                tr_pr.append(OxmlElement("w:tblHeader"))
            bold_row = is_head or "total" in _classes(tr)
            tcs = list(word_row._tr.tc_lst)
            column = 0
            for cell_element in tr:
                if cell_element.tag not in ("td", "th") or column >= columns:
                    continue
                span = min(int(cell_element.get("colspan", "1")), columns - column)
                tc = tcs[column]
                for spanned in tcs[column + 1 : column + span]:  # a cell over several columns: one w:tc, gridSpan
                    word_row._tr.remove(spanned)
                cell = _Cell(tc, table)
                if span > 1:
                    tc.grid_span = span
                cell.width = Emu(sum(widths[column : column + span]))
                paragraph = cell.paragraphs[0]
                self.inline(paragraph, cell_element, _Fmt(bold=bold_row or cell_element.tag == "th"))
                if "num" in _classes(cell_element):
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if cell_element.tag == "th" or is_head:
                    shading = OxmlElement("w:shd")
                    shading.set(qn("w:val"), "clear")
                    shading.set(qn("w:fill"), HEADER_FILL)
                    tc.get_or_add_tcPr().append(shading)
                column += span
            for missing in tcs[column:]:  # a short row: its last cell runs to the table's edge
                if column and missing is not tc:
                    word_row._tr.remove(missing)
            if 0 < column < columns:
                tc.grid_span = columns - column + tc.grid_span
        self._spacer(where)

    def _column_widths(self, rows: list[tuple[Any, bool]], columns: int, where: Any) -> list[Emu]:
        """From the templates' width classes (w30 = 30% of the text width); the rest share what is left."""
        total = Inches(TEXT_WIDTH_IN) if isinstance(where, Document) else Inches(TEXT_WIDTH_IN / 2)
        shares: list[int | None] = [None] * columns
        for tr, _head in rows:
            cells = [c for c in tr if c.tag in ("td", "th")]
            if len(cells) != columns:
                continue
            for i, cell in enumerate(cells):
                for name in _classes(cell):
                    match = _WIDTH_CLASS.match(name)
                    if match and shares[i] is None:
                        shares[i] = int(match.group(1))
                    elif name == "name" and shares[i] is None:
                        shares[i] = NAME_COLUMN_SHARE
        given = sum(s for s in shares if s is not None)
        open_columns = shares.count(None)
        rest = max(100 - given, 10 * open_columns) / open_columns if open_columns else 0
        filled = [s if s is not None else rest for s in shares]
        scale = sum(filled)
        return [Emu(int(total * s / scale)) for s in filled]

    def _spacer(self, where: Any) -> None:
        """A paragraph after every table: Word joins two tables with nothing between them into one."""
        spacer: Paragraph = where.add_paragraph()
        spacer.paragraph_format.space_after = Pt(2)

    def picture(self, element: Any, where: Any) -> None:
        source = element.get("src") or ""
        prefix = "data:image/svg+xml;base64,"
        if not source.startswith(prefix):
            return  # the templates draw only our own SVG charts; anything else is not ours to fetch
        svg = base64.b64decode(source[len(prefix) :]).decode("utf-8")
        classes = _classes(element)
        width = next((CHART_WIDTH_IN[c] for c in classes if c in CHART_WIDTH_IN), 5.5)
        if any("brief-chart" in _classes(a) for a in element.iterancestors()):
            width = BRIEF_CHART_WIDTH_IN
        alt = element.get("alt") or ""
        try:
            png = svg_to_png(svg)
        except ChartDrawingError as exc:
            raise WordCopyError(f"chart {alt[:60]!r}", str(exc)) from None
        paragraph: Paragraph = where.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        shape = paragraph.add_run().add_picture(io.BytesIO(png), width=Inches(width))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", alt)
        doc_pr.set("title", "Chart")

    def signature(self, element: Any, where: Any) -> None:
        """One partner's signature block: its name, then name, title, signature (a tall row) and date."""
        lines = [div for div in element if "sig-line" in _classes(div)]
        partner = next((p for p in element if p.tag == "p"), None)
        table: Table = where.add_table(rows=1 + len(lines), cols=2)
        table.style = self.styles[TABLE_STYLE]
        head = table.rows[0].cells[0].merge(table.rows[0].cells[1])
        head.paragraphs[0].add_run(_text(partner) if partner is not None else "Partner").bold = True
        for row, line in zip(table.rows[1:], lines, strict=True):
            label = next((s for s in line if "sig-label" in _classes(s)), None)
            label_text = _text(label) if label is not None else ""
            value = _text(line)[len(label_text) :].strip()
            row.cells[0].paragraphs[0].add_run(label_text).bold = True
            row.cells[1].paragraphs[0].add_run(value)
            if "tall" in _classes(line):
                row.height = Inches(SIGNATURE_ROW_IN)
                row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        widths = (Inches(1.3), Inches(TEXT_WIDTH_IN - 1.3))
        for grid_column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
            grid_column.w = width
        for row in table.rows:
            row.cells[0].width, row.cells[1].width = widths
            for cell in row.cells:  # the block stays on one page
                cell.paragraphs[0].paragraph_format.keep_with_next = True
        self._spacer(where)

    def contents(self, element: Any) -> None:
        """A Word contents field in place of the PDF's contents page; its entries are shown until Word updates it."""
        title = element.find(".//h1")
        heading = self.new_paragraph(self.doc, "TOC Heading")
        heading.add_run(_text(title) if title is not None else "Contents")
        heading.paragraph_format.page_break_before = True
        entries = [_text(th) for th in element.iter("th")]
        paragraphs = [self.doc.add_paragraph() for _ in entries] or [self.doc.add_paragraph()]
        first, last = paragraphs[0], paragraphs[-1]

        def char(paragraph: Paragraph, kind: str) -> None:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            paragraph.add_run()._r.append(fld)

        char(first, "begin")
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = ' TOC \\o "1-1" \\h \\z \\u '
        first.add_run()._r.append(instr)
        char(first, "separate")
        for paragraph, entry in zip(paragraphs, entries, strict=False):
            paragraph.add_run(entry)
        char(last, "end")


def build_docx(
    analysis: PlanAnalysis,
    generated: datetime | None = None,
    comparison: Comparison | None = None,
    paper: Paper = "letter",
) -> bytes:
    # Text XML cannot hold (a control character typed or pasted into the plan) becomes U+FFFD, as at the door
    # (planner.core.model.text): Word refuses the whole file over one such character.
    html = xml_text(plan_html(analysis, paper, generated or datetime.now(UTC), comparison))
    root = lxml_html.document_fromstring(html)
    copy = _WordCopy(paper)
    name = xml_text(analysis.document.profile.consortium_name)
    status = root.find_class("cover-status")
    copy.running_header(f"{name} · {_text(status[0]) if status else ''}".strip(" ·"))
    properties = copy.doc.core_properties
    properties.title = _text(root.find(".//title"))
    properties.author = name
    properties.subject = "Capacity self-assessment and shared-cost plan for the years after the grant"
    properties.keywords = "career pathways, sustainability, shared-cost plan, capacity"
    properties.language = "en-US"
    body = root.find("body")
    for element in body if body is not None else []:
        copy.block(element, copy.doc)
    out = io.BytesIO()
    copy.doc.save(out)
    return out.getvalue()


def render_docx_file(
    analysis: PlanAnalysis, output: Path, comparison: Comparison | None = None, paper: Paper = "letter"
) -> None:
    """Build the whole Word copy, then write it atomically: a value it cannot hold is a clean ``file: where: what``
    (:class:`PlannerFileError`) and no file, never a traceback or half a file."""
    try:
        data = build_docx(analysis, comparison=comparison, paper=paper)
    except WordCopyError as exc:
        raise PlannerFileError(str(output), exc.where, exc.what) from None
    atomic_write(output, data)
