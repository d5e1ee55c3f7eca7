"""Draw our own SVG charts as PNG for the Word copy, with Pillow (already installed with WeasyPrint).

Word needs a bitmap beside (or instead of) SVG. The charts in :mod:`planner.report.charts` use a small, fixed
subset of SVG Tiny (rect, line, circle, polygon and text with a few presentation attributes), so drawing that
subset here costs a few milliseconds and no new dependency: cairosvg would need the cairo library on every
Windows machine, and Qt's SVG renderer must not be imported outside the app (DESIGN.md section 3).
Anything outside the subset (the watermark's paths) is skipped.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from functools import cache

from PIL import Image, ImageDraw, ImageFont

SVG = "{http://www.w3.org/2000/svg}"
FontType = ImageFont.FreeTypeFont | ImageFont.ImageFont


@cache
def _font(size: int, bold: bool) -> FontType:
    names = (
        ("DejaVuSans-Bold.ttf", "arialbd.ttf", "Arial Bold.ttf")
        if bold
        else ("DejaVuSans.ttf", "arial.ttf", "Arial.ttf")
    )
    for name in names:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _colour(value: str | None, opacity: str | None = None) -> tuple[int, int, int, int] | None:
    if not value or value == "none" or not value.startswith("#") or len(value) != 7:
        return None
    alpha = round(255 * float(opacity)) if opacity else 255
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16), alpha


def _f(element: ET.Element, name: str, default: float = 0.0) -> float:
    return float(element.get(name, default))


def svg_to_png(svg: bytes | str, scale: float = 2.0) -> bytes:
    root = ET.fromstring(svg)
    width, height = _f(root, "width"), _f(root, "height")
    image = Image.new("RGBA", (round(width * scale), round(height * scale)), (255, 255, 255, 255))
    draw = ImageDraw.Draw(image, "RGBA")

    def s(value: float) -> float:
        return value * scale

    for element in root.iter():
        tag = element.tag.removeprefix(SVG)
        fill = _colour(element.get("fill"), element.get("fill-opacity"))
        stroke = _colour(element.get("stroke"))
        line_width = max(1, round(s(_f(element, "stroke-width", 1))))
        if tag == "rect":
            x, y = s(_f(element, "x")), s(_f(element, "y"))
            box = (x, y, x + s(_f(element, "width")), y + s(_f(element, "height")))
            draw.rectangle(box, fill=fill, outline=stroke, width=line_width if stroke else 0)
        elif tag == "line":
            points = [(s(_f(element, "x1")), s(_f(element, "y1"))), (s(_f(element, "x2")), s(_f(element, "y2")))]
            draw.line(points, fill=stroke or (0, 0, 0, 255), width=line_width)
        elif tag == "circle":
            cx, cy, r = s(_f(element, "cx")), s(_f(element, "cy")), s(_f(element, "r"))
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill, outline=stroke)
        elif tag == "polygon":
            pairs = [p.split(",") for p in element.get("points", "").split()]
            draw.polygon([(s(float(a)), s(float(b))) for a, b in pairs], fill=fill, outline=stroke)
        elif tag == "text" and element.text:
            font = _font(round(s(_f(element, "font-size", 12))), element.get("font-weight") == "bold")
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[element.get("text-anchor", "start")]
            draw.text(
                (s(_f(element, "x")), s(_f(element, "y"))),
                element.text,
                fill=fill or (0, 0, 0, 255),
                font=font,
                anchor=anchor,
            )
    out = io.BytesIO()
    image.convert("RGB").save(out, format="PNG", optimize=False)
    return out.getvalue()
