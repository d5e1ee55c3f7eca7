"""The entry point opens the window before the document models or the batch commands' work are imported."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from planner import cli
from planner.commands import COMMANDS, NAMES, build_parser
from planner.exit_codes import EXIT_OK


def test_the_entry_point_imports_neither_the_models_nor_the_commands_work() -> None:
    watched = "('planner', 'pydantic', 'json', 'dataclasses')"
    code = f"import sys, planner.cli; print(sorted(m for m in sys.modules if m.startswith({watched})))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "planner.core" not in loaded and "pydantic" not in loaded and "planner.report" not in loaded
    # The registry's declarations are loaded (the launcher reads the names); what the commands use is not.
    assert "'planner.commands.registry'" in loaded
    assert "planner.commands.common" not in loaded and "planner.commands.tables" not in loaded
    assert "'json'" not in loaded and "'dataclasses'" not in loaded  # the declarations cost next to nothing


def test_the_parser_offers_exactly_the_registered_commands_in_order() -> None:
    subparsers = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert list(subparsers.choices) == list(NAMES)
    assert len(set(NAMES)) == len(NAMES) == 14


@pytest.mark.parametrize("name", NAMES)
def test_every_registered_command_answers_help(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([name, "--help"]) == EXIT_OK
    assert capsys.readouterr().out.startswith(f"usage: planner {name} ")


@pytest.mark.parametrize("name", NAMES)
def test_the_entry_point_dispatches_every_registered_name(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    command = next(c for c in COMMANDS if c.name == name)
    seen: list[str] = []
    # The handler the registry built the parser with is the one run: replace it on the parser's defaults.
    original = argparse.ArgumentParser.set_defaults

    def stand_in(args: argparse.Namespace) -> int:
        seen.append(args.command)
        return 7

    def record(parser: argparse.ArgumentParser, **kwargs: object) -> None:
        if kwargs.get("func") is command.handler:
            kwargs["func"] = stand_in
        original(parser, **kwargs)

    monkeypatch.setattr(argparse.ArgumentParser, "set_defaults", record)
    monkeypatch.setattr(cli, "launch_gui", lambda *_: pytest.fail("opened the window instead of the command"))
    argv = [name, *_required_arguments(name)]
    assert cli.main(argv) == 7
    assert seen == [name]


def _required_arguments(name: str) -> list[str]:
    """The least a command line must say for ``name`` to parse."""
    parser = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)).choices[name]
    argv: list[str] = []
    for action in parser._actions:
        if action.option_strings and action.required:
            value = action.choices[0] if action.choices else "x"
            argv += [action.option_strings[0], str(value)]
        elif not action.option_strings:
            argv.append("x")
    return argv
