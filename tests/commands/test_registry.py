"""The commands' registry: one declaration per command, choices computed when the parser is built."""

from __future__ import annotations

import argparse

import pytest

from planner.commands import COMMANDS, GROUPS, build_parser
from planner.commands.registry import REGISTRY, Command, arg, command


def test_a_name_cannot_be_registered_twice() -> None:
    with pytest.raises(ValueError, match="'score' is registered twice"):
        command("score", "another score")(lambda _args: 0)
    assert REGISTRY["score"].help == "print a document's capacity scores and funding gap"


def test_choices_given_as_a_function_are_computed_when_the_parser_is_built() -> None:
    asked: list[str] = []

    def sizes() -> list[str]:
        asked.append("asked")
        return ["s", "m"]

    declared = Command("try", "a command", (arg("--size", choices=sizes),), lambda _args: 0)
    assert asked == []
    parser = argparse.ArgumentParser()
    declared.add_to(parser.add_subparsers())
    assert asked == ["asked"]
    assert parser.parse_args(["try", "--size", "m"]).size == "m"
    with pytest.raises(SystemExit):
        parser.parse_args(["try", "--size", "xl"])


def test_every_registered_command_belongs_to_a_group_and_is_listed_once() -> None:
    assert sorted(c.name for c in COMMANDS) == sorted(REGISTRY)
    assert {c.handler.__module__ for c in COMMANDS} == {g.__name__ for g in GROUPS}


def test_the_respondent_form_offers_every_sector() -> None:
    from planner.core.model.document import Sector

    args = build_parser().parse_args(["respondent-form", "plan.json", "--name", "A", "--sector", "k12", "-o", "x"])
    assert args.sector == "k12"
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    sector = next(a for a in sub.choices["respondent-form"]._actions if a.dest == "sector")
    assert list(sector.choices or []) == [s.value for s in Sector]
