"""A small writer for the parts of WordprocessingML (.docx) the plan needs, on the standard library alone.

Headings (real Word heading styles, so they show in the navigation pane), paragraphs, tables with a repeating
header row, page breaks and PNG pictures with alternative text. python-docx does this well, but it brings
lxml, about 11 MB of the 150 MB one-folder app (issue 15's budget) for a fixed, small set of elements; this
module is that set. Every piece of user text goes through :func:`_text`, which escapes it, so it shows literally,
and replaces what XML cannot hold (:mod:`planner.core.model.text`), so the file always opens.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from html import escape

from planner.core.model.text import xml_text

EMU_PER_INCH = 914400
TWIPS_PER_INCH = 1440

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _text(value: str) -> str:
    """A run's text: escaped, spaces kept, line breaks as Word line breaks."""
    lines = [
        f'<w:t xml:space="preserve">{escape(xml_text(line), quote=False)}</w:t>' for line in str(value).split("\n")
    ]
    return "<w:br/>".join(lines)


def _run(value: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f"<w:r>{props}{_text(value)}</w:r>"


def _png_size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])
    return width, height


class WordWriter:
    def __init__(self, title: str, author: str, language: str = "en-US") -> None:
        self.title, self.author, self.language = title, author, language
        self._body: list[str] = []
        self._images: list[bytes] = []

    def heading(self, text: str, level: int) -> None:
        style = "Title" if level == 0 else f"Heading{level}"
        self._body.append(f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{_run(text)}</w:p>')

    def paragraph(self, text: str, bold: bool = False) -> None:
        self._body.append(f"<w:p>{_run(text, bold)}</w:p>")

    def numbered(self, items: Sequence[str]) -> None:
        """A numbered list, numbered in the text so that it needs no numbering definitions."""
        for n, item in enumerate(items, 1):
            self._body.append(
                '<w:p><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr>' + _run(f"{n}.\t{item}") + "</w:p>"
            )

    def page_break(self) -> None:
        self._body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        numeric_from: int = 99,
        bold_last: bool = False,
        tall_rows: dict[int, float] | None = None,
    ) -> None:
        """A table whose first row repeats on every page and is marked as its header (read as such by screen
        readers); ``tall_rows`` maps a body row's index to its minimum height in inches (signature lines)."""
        tall_rows = tall_rows or {}
        grid = "".join("<w:gridCol/>" for _ in header)
        parts = [
            '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>'
            '<w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            f'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        ]
        all_rows = [list(header), *(list(r) for r in rows)]
        for index, row in enumerate(all_rows):
            is_header, body_index = index == 0, index - 1
            props = ["<w:cantSplit/>"]
            if is_header:
                props.append("<w:tblHeader/>")
            if body_index in tall_rows:
                props.append(f'<w:trHeight w:val="{round(tall_rows[body_index] * TWIPS_PER_INCH)}" w:hRule="atLeast"/>')
            cells = []
            for column, value in enumerate(row):
                align = '<w:pPr><w:jc w:val="right"/></w:pPr>' if column >= numeric_from else ""
                bold = is_header or (bold_last and index == len(all_rows) - 1)
                cells.append(f"<w:tc><w:tcPr/><w:p>{align}{_run(value, bold)}</w:p></w:tc>")
            parts.append(f"<w:tr><w:trPr>{''.join(props)}</w:trPr>{''.join(cells)}</w:tr>")
        parts.append("</w:tbl>")
        self._body.append("".join(parts))
        self._body.append("<w:p/>")  # Word needs a paragraph between two tables, or it joins them

    def picture(self, png: bytes, width_in: float, description: str) -> None:
        """A PNG at ``width_in`` inches wide, with ``description`` as its alternative text."""
        self._images.append(png)
        number = len(self._images)
        pixels_w, pixels_h = _png_size(png)
        cx = round(width_in * EMU_PER_INCH)
        cy = round(cx * pixels_h / pixels_w)
        alt = escape(xml_text(description))
        self._body.append(
            f'<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{number}" name="Chart {number}" descr="{alt}"/>'
            f'<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            f'<a:graphic><a:graphicData uri="{_PIC}"><pic:pic>'
            f'<pic:nvPicPr><pic:cNvPr id="{number}" name="chart{number}.png" descr="{alt}"/>'
            "<pic:cNvPicPr/></pic:nvPicPr>"
            f'<pic:blipFill><a:blip r:embed="rIdImage{number}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
            f"</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
        )

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
            package.writestr("[Content_Types].xml", self._content_types())
            package.writestr("_rels/.rels", self._package_rels())
            package.writestr("docProps/core.xml", self._core())
            package.writestr("docProps/app.xml", _APP)
            package.writestr("word/styles.xml", self._styles())
            package.writestr("word/_rels/document.xml.rels", self._document_rels())
            package.writestr("word/document.xml", self._document())
            for number, png in enumerate(self._images, 1):
                package.writestr(f"word/media/chart{number}.png", png)
        return out.getvalue()

    def _document(self) -> str:
        section = (
            '<w:sectPr><w:pgSz w:w="12240" w:h="15840"/>'
            '<w:pgMar w:top="1080" w:right="1080" w:bottom="1080" w:left="1080" w:header="720" w:footer="720" '
            'w:gutter="0"/></w:sectPr>'
        )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document xmlns:w="{_W}" xmlns:r="{_R}" xmlns:wp="{_WP}" xmlns:a="{_A}" xmlns:pic="{_PIC}">'
            f"<w:body>{''.join(self._body)}{section}</w:body></w:document>"
        )

    def _content_types(self) -> str:
        main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="png" ContentType="image/png"/>'
            f'<Override PartName="/word/document.xml" ContentType="{main}.document.main+xml"/>'
            f'<Override PartName="/word/styles.xml" ContentType="{main}.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" '
            'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            '<Override PartName="/docProps/app.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
            "</Types>"
        )

    def _package_rels(self) -> str:
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Relationships xmlns="{_PKG_RELS}">'
            f'<Relationship Id="rId1" Type="{_DOC_RELS}/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
            'core-properties" Target="docProps/core.xml"/>'
            f'<Relationship Id="rId3" Type="{_DOC_RELS}/extended-properties" Target="docProps/app.xml"/>'
            "</Relationships>"
        )

    def _document_rels(self) -> str:
        images = "".join(
            f'<Relationship Id="rIdImage{n}" Type="{_DOC_RELS}/image" Target="media/chart{n}.png"/>'
            for n in range(1, len(self._images) + 1)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Relationships xmlns="{_PKG_RELS}">'
            f'<Relationship Id="rIdStyles" Type="{_DOC_RELS}/styles" Target="styles.xml"/>{images}</Relationships>'
        )

    def _core(self) -> str:
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(xml_text(self.title))}</dc:title><dc:creator>{escape(xml_text(self.author))}</dc:creator>"
            f"<dc:language>{escape(self.language)}</dc:language>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>'
            "</cp:coreProperties>"
        )

    def _styles(self) -> str:
        def heading(level: int, size: int) -> str:
            return (
                f'<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/>'
                '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
                f'<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="{level - 1}"/>'
                f'</w:pPr><w:rPr><w:b/><w:color w:val="1B3A5C"/><w:sz w:val="{size}"/></w:rPr></w:style>'
            )

        border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="9AA5B1"/>'
        borders = "".join(border.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:styles xmlns:w="{_W}">'
            '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/>'
            f'<w:sz w:val="20"/><w:lang w:val="{escape(self.language)}"/></w:rPr></w:rPrDefault>'
            '<w:pPrDefault><w:pPr><w:spacing w:after="100"/></w:pPr></w:pPrDefault></w:docDefaults>'
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
            "</w:style>"
            '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>'
            '<w:qFormat/><w:rPr><w:b/><w:color w:val="1B3A5C"/><w:sz w:val="48"/></w:rPr></w:style>'
            + heading(1, 32)
            + heading(2, 26)
            + heading(3, 22)
            + '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
            f"<w:tblPr><w:tblBorders>{borders}</w:tblBorders>"
            '<w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>'
            "</w:tblPr></w:style></w:styles>"
        )


_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>Sustainability Planner</Application></Properties>"
)
