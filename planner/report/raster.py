"""Draw our own SVG charts as PNG for the Word copy, with Pillow (already installed with WeasyPrint).

Word needs a bitmap beside (or instead of) SVG. The charts in :mod:`planner.report.charts` use a small, fixed
subset of SVG Tiny (rect, line, circle, polygon and text with a few presentation attributes), so drawing that
subset here costs a few milliseconds and no new dependency: cairosvg would need the cairo library on every
Windows machine, and Qt's SVG renderer must not be imported outside the app (docs/architecture.md,
"Layers"). Anything outside the subset (the watermark's paths) is skipped.

Text is drawn from the glyph outlines of DejaVu Sans read with fontTools (installed with WeasyPrint), filled by
Pillow's core drawing at four times the size and scaled down for smooth edges. Pillow's own text drawing would
load its FreeType and HarfBuzz copies, 2.6 MB more in the one-folder app, which is at its size budget.
"""

from __future__ import annotations

import io
import sys
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from typing import Any

from fontTools.pens.basePen import BasePen  # type: ignore[import-untyped]
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from PIL import Image, ImageChops, ImageDraw

SVG = "{http://www.w3.org/2000/svg}"
SUPERSAMPLE = 4
Point = tuple[float, float]


def _font_folders() -> list[Path]:
    """Where DejaVu Sans is: the frozen app's own copy first (packaging/planner.spec), then the usual places."""
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
    return folders


@cache
def _font(bold: bool) -> Any | None:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in _font_folders():
        if (folder / name).is_file():
            return TTFont(str(folder / name), lazy=True)
    return None


class _Outline(BasePen):  # type: ignore[misc]
    """A glyph's contours as polygons: curves flattened into short straight segments."""

    STEPS = 6

    def __init__(self, glyph_set: Any) -> None:
        super().__init__(glyph_set)
        self.contours: list[list[Point]] = []

    def _moveTo(self, pt: Point) -> None:
        self.contours.append([pt])

    def _lineTo(self, pt: Point) -> None:
        self.contours[-1].append(pt)

    def _curveToOne(self, p1: Point, p2: Point, p3: Point) -> None:
        x0, y0 = self.contours[-1][-1]
        for n in range(1, self.STEPS + 1):
            t = n / self.STEPS
            u = 1 - t
            self.contours[-1].append(
                (
                    u**3 * x0 + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * y0 + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
                )
            )

    def _qCurveToOne(self, p1: Point, p2: Point) -> None:
        x0, y0 = self.contours[-1][-1]
        for n in range(1, self.STEPS + 1):
            t = n / self.STEPS
            u = 1 - t
            self.contours[-1].append(
                (u * u * x0 + 2 * u * t * p1[0] + t * t * p2[0], u * u * y0 + 2 * u * t * p1[1] + t * t * p2[1])
            )

    def _closePath(self) -> None:
        pass


def _draw_text(
    image: Image.Image,
    x: float,
    y: float,
    text: str,
    size: float,
    anchor: str,
    fill: tuple[int, int, int, int],
    bold: bool,
) -> None:
    """Fill ``text`` with its baseline at ``y``, starting, centred or ending at ``x`` (the SVG's text-anchor)."""
    font = _font(bold) or _font(False)
    if font is None:  # no DejaVu Sans anywhere: leave the label out rather than fail the whole export
        return
    glyph_set, cmap = font.getGlyphSet(), font.getBestCmap()
    scale = size / font["head"].unitsPerEm
    names = [cmap.get(ord(ch), ".notdef") for ch in text]
    width = sum(glyph_set[name].width for name in names) * scale
    start = x - (width / 2 if anchor == "middle" else width if anchor == "end" else 0)
    ascent, descent = font["hhea"].ascent * scale, -font["hhea"].descent * scale
    box_w, box_h = max(1, round(width) + 2), max(1, round(ascent + descent) + 2)
    # Even-odd fill by XOR of each contour: counters (the holes in o, a, 8) stay open on coloured backgrounds.
    big = (box_w * SUPERSAMPLE, box_h * SUPERSAMPLE)
    mask = Image.new("1", big, 0)
    pen_x = 0.0
    for name in names:
        glyph = glyph_set[name]
        outline = _Outline(glyph_set)
        glyph.draw(outline)
        for contour in outline.contours:
            if len(contour) < 3:
                continue
            layer = Image.new("1", big, 0)
            points = [
                ((pen_x + gx * scale + 1) * SUPERSAMPLE, (ascent - gy * scale + 1) * SUPERSAMPLE) for gx, gy in contour
            ]
            ImageDraw.Draw(layer).polygon(points, fill=1)
            mask = ImageChops.logical_xor(mask, layer)
        pen_x += glyph.width * scale
    alpha = mask.convert("L").resize((box_w, box_h), Image.Resampling.BOX)
    colour = Image.new("RGBA", (box_w, box_h), (*fill[:3], 255))
    image.paste(colour, (round(start) - 1, round(y - ascent) - 1), alpha)


def _colour(value: str | None, opacity: str | None = None) -> tuple[int, int, int, int] | None:
    if not value or value == "none" or not value.startswith("#") or len(value) != 7:
        return None
    alpha = round(255 * float(opacity)) if opacity else 255
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16), alpha


def _f(element: ET.Element, name: str, default: float = 0.0) -> float:
    return float(element.get(name, default))


class ChartDrawingError(ValueError):
    """A chart's SVG could not be read or drawn; the message says why in plain words."""


def svg_to_png(svg: bytes | str, scale: float = 2.0) -> bytes:
    """The chart as a PNG, or :class:`ChartDrawingError` (never a half-drawn picture or a parser's traceback)."""
    try:
        return _draw(svg, scale)
    except ET.ParseError as exc:
        raise ChartDrawingError(f"the chart's drawing is not well-formed ({exc})") from None
    except (ValueError, TypeError) as exc:
        raise ChartDrawingError(f"the chart's drawing has a value that cannot be drawn ({exc})") from None


def _draw(svg: bytes | str, scale: float) -> bytes:
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
            _draw_text(
                image,
                s(_f(element, "x")),
                s(_f(element, "y")),
                element.text,
                s(_f(element, "font-size", 12)),
                element.get("text-anchor", "start"),
                fill or (0, 0, 0, 255),
                element.get("font-weight") == "bold",
            )
    out = io.BytesIO()
    image.convert("RGB").save(out, format="PNG", optimize=False)
    return out.getvalue()
