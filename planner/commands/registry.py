"""The batch commands' registry: each command declares its name, help, arguments and handler in one place.

A group module (``plan``, ``report``, ...) declares its commands with :func:`command`. Declaring a command is
cheap on purpose: the launcher reads the registered names to tell a command from a file to open, and must not
pay for the document models while the window starts. So group modules import only the standard library at the
top; a handler imports what it needs (the models, the report, openpyxl) when it runs.
"""

from __future__ import annotations

import argparse

TYPE_CHECKING = False  # the launcher imports this module: no dataclasses, not even typing, at run time (~10 ms)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    Handler = Callable[[argparse.Namespace], int]


class Arg:
    """One ``add_argument`` call. A callable ``choices`` is called when the parser is built (it may import)."""

    __slots__ = ("flags", "options")

    def __init__(self, flags: tuple[str, ...], options: dict[str, Any]) -> None:
        self.flags = flags
        self.options = options

    def add_to(self, parser: argparse.ArgumentParser) -> None:
        options = dict(self.options)
        if callable(options.get("choices")):
            options["choices"] = options["choices"]()
        parser.add_argument(*self.flags, **options)


def arg(*flags: str, **options: Any) -> Arg:
    return Arg(flags, options)


class Command:
    """A batch command: ``planner NAME``, its one-line help, its arguments and the function that runs it."""

    __slots__ = ("arguments", "handler", "help", "name")

    def __init__(self, name: str, help: str, arguments: tuple[Arg, ...], handler: Handler) -> None:
        self.name = name
        self.help = help
        self.arguments = arguments
        self.handler = handler

    def add_to(self, subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
        parser = subparsers.add_parser(self.name, help=self.help)
        for argument in self.arguments:
            argument.add_to(parser)
        parser.set_defaults(func=self.handler)


REGISTRY: dict[str, Command] = {}  # planner.commands lists them by group, in the order of planner.commands.GROUPS


def command(name: str, help: str, *arguments: Arg) -> Callable[[Handler], Handler]:
    """Registers the decorated function as the handler of ``planner NAME``."""

    def register(handler: Handler) -> Handler:
        if name in REGISTRY:
            raise ValueError(f"command {name!r} is registered twice")
        REGISTRY[name] = Command(name, help, arguments, handler)
        return handler

    return register
