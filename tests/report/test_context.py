"""What the templates receive: core's results arranged for print, nothing recomputed."""

from __future__ import annotations

from datetime import UTC, datetime

from planner.core.assessment.analysis import PlanAnalysis, analyze
from planner.core.funding.decision import signature_rows
from planner.core.model.document import Document
from planner.core.model.rubric import Instrument
from planner.report.context import anonymous, band_groups, method_note, plan_context, signature_pairs
from tests.factories import team_document


def test_instruments_with_the_same_bands_share_one_table(instruments: tuple[Instrument, ...]) -> None:
    groups = band_groups(instruments)
    assert len(groups) == 1  # the bundled three use the same bands
    assert groups[0].titles == ", ".join(f"{i.title} {i.version}" for i in instruments)
    assert groups[0].bands == tuple(instruments[0].bands)


def test_signature_blocks_come_two_to_a_row(demo: Document) -> None:
    rows = signature_rows(demo)
    pairs = signature_pairs(rows)
    assert [slot for pair in pairs for slot in pair if slot is not False] == rows
    assert signature_pairs([]) == [(None, None)]  # two blank blocks to fill in by hand
    assert signature_pairs(rows[:3])[-1] == (rows[2], False)


def test_a_team_plan_is_anonymous_unless_the_lead_says_otherwise(
    demo: Document, instruments: tuple[Instrument, ...]
) -> None:
    team = team_document(demo)
    assert anonymous(analyze(team, instruments)) == team.profile.hide_small_sectors
    shown = team.model_copy(update={"profile": team.profile.model_copy(update={"hide_small_sectors": False})})
    assert not anonymous(analyze(shown, instruments))
    one = demo.model_copy(update={"respondents": demo.respondents[:1]})
    assert not anonymous(analyze(one, instruments))


def test_the_method_note_counts_respondents_by_sector(demo_analysis: PlanAnalysis) -> None:
    note = method_note(demo_analysis)
    assert note.respondents == len(demo_analysis.document.respondents) == sum(n for _s, n in note.by_sector)
    assert note.first_saved == demo_analysis.document.metadata.created


def test_the_context_passes_core_results_through(demo_analysis: PlanAnalysis) -> None:
    context = plan_context(demo_analysis, datetime(2026, 12, 1, tzinfo=UTC))
    assert context["capacity"] is demo_analysis.capacity and context["funding"] is demo_analysis.funding
    assert context["decision"].ask.rows  # the committee's ask, as core computed it
    assert context["status_line"] == "Draft for the committee's vote" and context["is_draft"]
