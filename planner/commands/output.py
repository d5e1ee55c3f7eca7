"""Everything a command prints goes through :func:`say`: a name from a received file can clear a screen, recolour
the output or set the terminal's title (ESC and BEL sequences, one-character CSI, bidirectional overrides), so every
line is made inert with :func:`planner.core.model.text.printable` on its way out, errors included."""

from __future__ import annotations

import sys
from typing import Any


def say(text: object = "", *, error: bool = False, one_line: bool = False) -> None:
    """Print ``text`` line by line, each with its control characters shown as escapes (``\\x1b``); on stderr when
    ``error``. ``one_line``: a line break inside ``text`` (a file name can hold one) is escaped too."""
    from planner.core.model.text import printable  # loads pydantic: never on the launcher's path

    stream = sys.stderr if error else sys.stdout
    for line in [str(text)] if one_line else str(text).split("\n"):
        print(printable(line), file=stream)


def say_json(payload: Any) -> None:
    """Print ``payload`` as JSON; what a terminal would act on is written as a JSON escape (``\\u009b``), so the
    output stays valid JSON with the same meaning."""
    import json

    from planner.core.model.text import printable_json

    print(printable_json(json.dumps(payload, indent=2, ensure_ascii=False)))
