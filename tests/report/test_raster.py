"""Our SVG charts as PNG for the Word copy, drawn with Pillow alone."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from planner.core.assessment.analysis import PlanAnalysis
from planner.report.charts import gap_chart
from planner.report.raster import ChartDrawingError, svg_to_png


def test_shapes_are_drawn_at_their_place_and_colour() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
        '<rect x="0" y="0" width="20" height="20" fill="#ff0000"/>'
        '<circle cx="30" cy="10" r="5" fill="#0000ff"/><rect x="36" y="0" width="4" height="4" fill="none"/></svg>'
    )
    image = Image.open(io.BytesIO(svg_to_png(svg, scale=1))).convert("RGB")
    assert image.size == (40, 20)
    assert image.getpixel((5, 10)) == (255, 0, 0)
    assert image.getpixel((30, 10)) == (0, 0, 255)
    assert image.getpixel((38, 2)) == (255, 255, 255)  # fill="none" leaves the white page


def test_a_real_chart_becomes_a_png_of_its_size_times_the_scale(demo_analysis: PlanAnalysis) -> None:
    svg = gap_chart(demo_analysis.funding.years)
    width, height = (float(v) for v in re.search(r'width="([\d.]+)" height="([\d.]+)"', svg).groups())  # type: ignore[union-attr]
    image = Image.open(io.BytesIO(svg_to_png(svg)))
    assert image.size == (round(width * 2), round(height * 2))
    assert (
        len(image.convert("L").getcolors(maxcolors=65536) or []) > 2
    )  # bars, text and axes were drawn, not a blank page


def test_word_charts_need_no_freetype(tmp_path: Path) -> None:
    """The app bundle leaves out Pillow's FreeType module (packaging/planner.spec): the charts must still draw."""
    import sys

    code = (
        "import sys; sys.modules['PIL._imagingft'] = None\n"
        "from planner.report.raster import svg_to_png\n"
        'svg = \'<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20"><text x="2" y="15" '
        'font-size="12" fill="#1f2933">$1,235</text></svg>\'\n'
        "png = svg_to_png(svg)\n"
        "from PIL import Image; import io\n"
        "image = Image.open(io.BytesIO(png)).convert('L')\n"
        "assert image.getextrema()[0] < 128, 'the label was not drawn'\n"
        "assert 'PIL._imagingft' not in sys.modules or sys.modules['PIL._imagingft'] is None\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path)


def test_a_chart_that_cannot_be_drawn_is_a_clean_error() -> None:
    with pytest.raises(ChartDrawingError, match="not well-formed"):
        svg_to_png('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>\x0b</text></svg>')
    with pytest.raises(ChartDrawingError, match="cannot be drawn"):
        svg_to_png('<svg xmlns="http://www.w3.org/2000/svg" width="wide" height="10"/>')
