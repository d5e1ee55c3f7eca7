from __future__ import annotations

import base64
import contextlib
import io
import json
import re
import xml.etree.ElementTree as ET
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from planner.core.assessment.analysis import PlanAnalysis, analyze
from planner.core.model.cost_plan import CommitmentStatus
from planner.core.model.document import Adoption, Document, Rating
from planner.core.model.money import format_dollars, format_money
from planner.core.model.rubric import Instrument
from planner.report.render import BundledAssetFetcher, blank_html, html_to_pdf, plan_html, render_plan_file

pytestmark = pytest.mark.slow


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


@pytest.fixture(scope="module")
def demo_pdf(demo_analysis: PlanAnalysis) -> bytes:
    return html_to_pdf(plan_html(demo_analysis))


def test_every_section_and_number_is_in_the_pdf(demo_pdf: bytes, demo_analysis: PlanAnalysis) -> None:
    text = _text(demo_pdf)
    flat = re.sub(r"\s+", " ", text)
    for heading in [
        "Decision brief",
        "Capacity profile",
        "Shared-cost plan",
        "Action plan",
        "Appendix",
        "Adoption and sign-off",
        "Who pays from which fund",
        "If nothing is decided",
        "By when each board must act",
        "Decisions requested",
        "Top priorities",
        "Contents",
        "Risks to the plan",
        "If one partner withdraws",
    ]:
        assert heading in flat, heading
    assert "Alder Basin Career Pathways Alliance (demo)" in flat
    for year in demo_analysis.funding.years:
        assert format_dollars(year.gap) in flat
    for domain in demo_analysis.capacity.domains:
        assert domain.instrument.title in flat
        for criterion in domain.instrument.criteria:
            assert re.sub(r"\s+", " ", criterion.title) in flat, criterion.title
    assert re.search(r"Page 3 of \d+", flat)


def test_outline_and_metadata(demo_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(demo_pdf))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert {"Decision brief", "Capacity profile", "Shared-cost plan", "Action plan", "Appendix"} <= set(titles)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Sustainability plan: Alder Basin Career Pathways Alliance (demo)"
    assert meta.author == "Alder Basin Career Pathways Alliance (demo)"
    assert meta.subject


def test_a4_option(demo_analysis: PlanAnalysis) -> None:
    pdf = html_to_pdf(plan_html(demo_analysis, "a4"), "a4")
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_html_template_logic(demo_analysis: PlanAnalysis) -> None:
    html = plan_html(demo_analysis, generated=datetime(2026, 11, 22, tzinfo=UTC))
    assert "Respondents disagree by 2 levels" in html  # the dean and the lead differ on dual enrollment
    assert html.count('class="criterion"') == 43
    assert "November 22, 2026" in html
    # The three bundled instruments share their bands: one table, not three.
    assert html.count('class="compact bands"') == 1
    # How firm each partner's money is: the county office's committed total, from core.
    county = next(s for s in demo_analysis.funding.partners if s.label == "Alder Basin County Office of Education")
    assert format_money(county.by_status[CommitmentStatus.COMMITTED]) in html


CANARY = "CANARY-7f3a1b"

HOSTILE = [
    "<img src='file://{canary}'>",
    "<link rel=attachment href='file://{canary}'>",
    "<object data='file://{canary}'></object>",
    "<div style=\"background: url('file://{canary}')\">css</div>",
    "http://example.invalid/track.png",
    "{{{{ 7*7 }}}}",
    "W" * 2000,
    "</td></tr></table><h1>raw html</h1><script>alert(1)</script>",
]


def _hostile_document(demo: Document, canary: Path) -> Document:
    payload = " ".join(p.format(canary=canary) for p in HOSTILE)
    short = payload[:200]
    profile = demo.profile.model_copy(update={"consortium_name": short, "fiscal_agent": short, "region": short})
    partners = [
        p.model_copy(update={"name": short, "role": payload if n == 0 else short}) for n, p in enumerate(demo.partners)
    ]
    # Every kind of free-text field carries the payload; two criteria are enough for the rating texts.
    ratings = dict(demo.respondents[0].ratings)
    for key in list(ratings)[:2]:
        ratings[key] = Rating(level=ratings[key].level, evidence=payload, notes=payload)
    respondents = [demo.respondents[0].model_copy(update={"name": short, "ratings": ratings}), *demo.respondents[1:]]
    items = [i.model_copy(update={"name": short}) for i in demo.cost_items]
    commitments = [c.model_copy(update={"source": short}) for c in demo.commitments]
    actions = [a.model_copy(update={"action": short}) for a in demo.actions]
    members = [m.model_copy(update={"name": short, "title": short}) for m in demo.steering_committee]
    return demo.model_copy(
        update={
            "profile": profile,
            "partners": partners,
            "respondents": respondents,
            "cost_items": items,
            "commitments": commitments,
            "actions": actions,
            "steering_committee": members,
            "decisions": [payload[:1000]],
            # Issue 12's fields: the resolution text and who moved and seconded it.
            "adoption": Adoption(motion=payload, moved_by=short, seconded_by=short),
            # Issue 13: a scenario's name is printed as a heading, in its chart and in the chart's alternative text.
            "scenarios": [
                s.model_copy(update={"name": short if n == 0 else s.name}) for n, s in enumerate(demo.scenarios)
            ],
        }
    )


def test_hostile_text_is_shown_literally_and_fetches_nothing(
    tmp_path: Path, demo: Document, instruments: tuple[Instrument, ...]
) -> None:
    canary = tmp_path / "secret.txt"
    canary.write_text(CANARY, "utf-8")
    analysis = analyze(_hostile_document(demo, canary), instruments)
    html = plan_html(analysis)
    assert "<img src='file" not in html and "<script>" not in html and "<link rel=attachment" not in html
    assert "{{ 7*7 }}" in html and ">49<" not in html
    fetcher = BundledAssetFetcher()
    pdf = html_to_pdf(html, fetcher=fetcher)
    assert fetcher.refused == []  # escaped text never even becomes a URL
    # Only the stylesheet and our own charts and watermark (SVG as data: URIs).
    assert all(url.endswith("print.css") or url.startswith("data:image/svg+xml") for url in fetcher.served)
    assert CANARY.encode() not in pdf
    assert b"/EmbeddedFile" not in pdf and b"/FileAttachment" not in pdf
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        with contextlib.suppress(zlib.error):
            assert CANARY.encode() not in zlib.decompress(stream)
    flat = re.sub(r"\s+", "", _text(pdf))
    assert "<imgsrc='file://" in flat and "{{7*7}}" in flat and "W" * 300 in flat


def test_risks_to_the_plan(demo_pdf: bytes, demo_analysis: PlanAnalysis) -> None:
    """The stress test and each scenario marked for print, with core's figures; a scenario not marked is left out."""
    from planner.core.funding.scenarios import run_scenario, stress_test

    flat = re.sub(r"\s+", " ", _text(demo_pdf))
    risks = flat[flat.index("Risks to the plan A shared-cost plan") :]
    document, base = demo_analysis.document, demo_analysis.funding
    for row in stress_test(document, base).rows:
        assert f"{row.rank} {row.partner.name}" in risks
        assert f"{format_dollars(row.committed)} {format_dollars(row.gap_increase)}" in risks
    for row in stress_test(document, base).rows:
        for lost in row.keep_first_newly_lost:
            assert f"{lost.item.name}, from {lost.year_label}" in risks
    for scenario in document.scenarios:
        assert scenario.in_printed_plan
        result = run_scenario(document, scenario, base)
        assert f"If: {scenario.name}" in risks
        totals = f"Total {format_dollars(result.base_total_gap)} {format_dollars(result.total_gap)}"
        assert totals in risks
    # Defect: the tight budget (only bad news) printed a smaller FY 2029-30 gap than the base beside it.
    tight = risks[risks.index("If: Tight state budget") :]
    tight = tight[: tight.index("Loses funding first")]
    assert "\u2212$" not in tight and 'Gap, baseline "As planned"' in tight.replace("\u201c", '"').replace(
        "\u201d", '"'
    )
    quiet = document.model_copy(
        update={
            "scenarios": [document.scenarios[0], document.scenarios[1].model_copy(update={"in_printed_plan": False})]
        }
    )
    html = plan_html(analyze(quiet, demo_analysis.instruments))
    assert "If: Ridgeline" in html and "If: Tight state budget" not in html
    none = plan_html(analyze(document.model_copy(update={"scenarios": []}), demo_analysis.instruments))
    assert "No scenario is marked for print" in none


def test_fetcher_refuses_everything_but_the_whitelist(tmp_path: Path) -> None:
    canary = tmp_path / "secret.txt"
    canary.write_text(CANARY, "utf-8")
    fetcher = BundledAssetFetcher()
    html = (
        f"<p>x</p><img src='{canary.as_uri()}'><link rel=attachment href='{canary.as_uri()}'>"
        "<img src='http://example.invalid/a.png'><img src='/dev/urandom'>"
        "<img src='data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E'>"
    )
    pdf = html_to_pdf(html, fetcher=fetcher)
    assert canary.as_uri() in fetcher.refused
    assert "http://example.invalid/a.png" in fetcher.refused
    assert any("urandom" in url for url in fetcher.refused)
    assert CANARY.encode() not in pdf and b"/EmbeddedFile" not in pdf


def test_render_file_is_atomic_and_writes_html(tmp_path: Path, demo_analysis: PlanAnalysis) -> None:
    out = tmp_path / "plan.pdf"
    render_plan_file(demo_analysis, out, html_path=tmp_path / "plan.html")
    assert out.read_bytes().startswith(b"%PDF")
    assert "Decision brief" in (tmp_path / "plan.html").read_text("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.html", "plan.pdf"]


def test_blank_instrument(instruments: tuple[Instrument, ...]) -> None:
    text = re.sub(r"\s+", " ", _text(html_to_pdf(blank_html(instruments))))
    for instrument in instruments:
        for criterion in instrument.criteria:
            assert re.sub(r"\s+", " ", criterion.title) in text
    assert "Evidence and notes" in text


def _word_boxes(pdf: bytes, tmp_path: Path) -> list[tuple[int, float, float, str]]:
    """(page, xMax, page width, word) for every word, from poppler's ``pdftotext -bbox``."""
    import html as html_module
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed (.ci/setup installs it)")
    source, boxes = tmp_path / "plan.pdf", tmp_path / "boxes.html"
    source.write_bytes(pdf)
    subprocess.run(["pdftotext", "-bbox", str(source), str(boxes)], check=True)
    words: list[tuple[int, float, float, str]] = []
    page, width = 0, 0.0
    for line in boxes.read_text(encoding="utf-8").splitlines():
        if match := re.search(r'<page width="([\d.]+)"', line):
            page, width = page + 1, float(match.group(1))
        elif match := re.search(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*)</word>', line):
            words.append((page, float(match.group(1)), width, html_module.unescape(match.group(2))))
    return words


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_five_year_tables_with_large_amounts_stay_inside_the_page(
    paper: str, demo_analysis: PlanAnalysis, instruments: tuple[Instrument, ...], tmp_path: Path
) -> None:
    """Money columns once ran past the right margin and into each other ("$328,400.00$321,840.00")."""
    from decimal import Decimal

    demo = demo_analysis.document
    biggest = Decimal("9999999.99")
    items = [i.model_copy(update={"costs": {y: biggest for y in range(1, 6)}}) for i in demo.cost_items[:2]]
    document = demo.model_copy(
        update={
            "profile": demo.profile.model_copy(update={"horizon_years": 5}),
            "cost_items": items + demo.cost_items[2:],
            "commitments": [c.model_copy(update={"amount": biggest}) for c in demo.commitments],
        }
    )
    pdf = html_to_pdf(plan_html(analyze(document, instruments), paper), paper)  # type: ignore[arg-type]
    right_margin = 18 / 25.4 * 72
    words = _word_boxes(pdf, tmp_path)
    assert any(w[3] == format_money(biggest) for w in words)
    overflowing = [w for w in words if w[1] > w[2] - right_margin + 1]
    assert overflowing == []
    run_together = [w for w in words if re.search(r"\d\$", w[3])]
    assert run_together == []


def test_pdf_shows_current_against_target(demo_pdf: bytes, demo_analysis: PlanAnalysis) -> None:
    flat = re.sub(r"\s+", " ", _text(demo_pdf))
    assert "Where the team stands now against the level it aims to reach by the end of the plan" in flat
    # Brief: the first priority is read as current against target.
    assert "Access and outcomes by student group (Technical, now 1.00 → target 3)" in flat
    organizational = demo_analysis.capacity.domain("organizational")
    assert f"target mean {organizational.target_score:.2f} (5 of 15 criteria have a target)" in flat
    # The target's own descriptor is printed with the criterion, so the committee sees what it commits to.
    shared = organizational.criterion("org.shared_cost").criterion
    assert "Target 4 · Sustained" in flat or "TARGET 4 · SUSTAINED" in flat
    assert re.sub(r"\s+", " ", shared.levels[3]) in flat
    # Each next step prints the one sector that usually takes it, beside the step.
    assert "Break down this year's pathway enrollment by student group. — usually K-12 district" in flat
    assert "usually taken by" not in flat
    assert "Grant tier Mid-size grant (about $6 million)" in flat


def test_an_upgraded_plan_prints_its_retired_ratings(instruments: tuple[Instrument, ...]) -> None:
    from planner.core.storage.storage import load_document
    from planner.core.storage.upgrade import upgrade_to_current

    fixture = Path(__file__).parent.parent / "fixtures" / "demo_instruments_1_0.json"
    old = load_document(fixture)
    new = upgrade_to_current(old, instruments, "old.json").document
    flat = re.sub(r"\s+", " ", _text(html_to_pdf(plan_html(analyze(new, instruments)))))
    assert "Ratings of retired criteria" in flat
    squeezed = flat.replace(" ", "")  # a wrapped title loses nothing but spaces
    for entry in new.retired:
        assert entry.title.replace(" ", "") in squeezed
    assert "Almost everything runs on the grant; the college has started a Strong Workforce request." in flat


def test_a_1_0_plan_prints_on_its_own_instruments() -> None:
    from planner.core.model.rubric import bundled_instruments
    from planner.core.storage.instruments import resolve_instruments
    from planner.core.storage.storage import load_document

    old = load_document(Path(__file__).parent.parent / "fixtures" / "demo_instruments_1_0.json")
    chosen = resolve_instruments(old, list(bundled_instruments()), "old.json")
    html = plan_html(analyze(old, chosen))
    assert html.count('class="criterion"') == 24
    assert "Ratings of retired criteria" not in html and "Where the team stands now" not in html
    assert "Organizational capacity 1.0" in html and "Coordination staff beyond the grant" in html


def pages_and_figures(pdf: bytes) -> tuple[int, int]:
    """The PDF's page count and how many figures (charts) its structure tree holds."""
    reader = PdfReader(io.BytesIO(pdf))
    figures = 0
    root: Any = reader.trailer["/Root"]
    pending: list[Any] = [root["/StructTreeRoot"]]
    while pending:
        node = pending.pop().get_object()
        if not hasattr(node, "get"):
            continue
        figures += node.get("/S") == "/Figure"
        kids = node.get("/K")
        kids = kids.get_object() if kids is not None else []
        pending.extend(kids if isinstance(kids, list) else [kids])
    return len(reader.pages), figures


def test_a_scenario_name_with_a_control_character_keeps_every_chart(
    demo_pdf: bytes, demo_analysis: PlanAnalysis
) -> None:
    # Issue 24 point 4: a \x0b in a printed scenario's name made the Risks chart's SVG unreadable, WeasyPrint put
    # its alt text in its place and the plan lost a page, exit 0. Read from a file, the name holds U+FFFD instead.
    from planner.core.storage.storage import parse_document, serialize_document

    raw = json.loads(serialize_document(demo_analysis.document))
    raw["scenarios"][0]["name"] = "Ridge\x0bline withdraws"
    document = parse_document(json.dumps(raw).encode(), "plan.json")
    html = plan_html(analyze(document, demo_analysis.instruments))
    charts = html.count('src="data:image/svg+xml;base64,')
    pages, figures = pages_and_figures(demo_pdf)
    assert figures == charts
    assert pages_and_figures(html_to_pdf(html)) == (pages, figures)
    # Past the door (a document built in code), each chart's labels are made safe where the chart is drawn.
    scenario = demo_analysis.document.scenarios[0].model_copy(update={"name": "Ridge\x0bline withdraws"})
    unsafe = demo_analysis.document.model_copy(update={"scenarios": [scenario, *demo_analysis.document.scenarios[1:]]})
    for chart in re.findall(
        r'src="data:image/svg\+xml;base64,([^"]+)"', plan_html(analyze(unsafe, demo_analysis.instruments))
    ):
        ET.fromstring(base64.b64decode(chart))
