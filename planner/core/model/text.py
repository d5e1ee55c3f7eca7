"""Text at the door: one rule for every text field the planner reads, and one way to print a name on a terminal.

**The rule for files.** XML 1.0, which the Word copy, the workbook and the printed plan's charts are written in,
cannot carry most control characters (U+0000 to U+001F except tab, line feed and carriage return), lone surrogate
halves (U+D800 to U+DFFF) nor U+FFFE and U+FFFF. A file that held one anywhere would make a Word copy nothing
opens or drop a chart from the PDF. Every text field of every file the planner reads (plans, respondent forms,
rubrics, upgrade maps, the reference lists, workbooks) and every field in the app replaces each such character
with U+FFFD, the replacement character "\N{REPLACEMENT CHARACTER}".

Replacing, not refusing, because such a character is invisible: a plan or a team member's form that holds one
(pasted from a word processor, written by a script or by an older version) must still open, so that the person can
see the mark and fix the text in the app; a refusal would leave them a file only a text editor could repair. The
mark is visible everywhere the text appears, is itself valid XML, and is never replaced again, so a plan exported
to a workbook and imported back is unchanged. ``planner validate`` lists each replacement as a note.

**Terminal output.** :func:`printable` shows a name from a received file on a terminal with its control
characters escaped (``\\x1b``), so a sender cannot clear the screen, recolour the output or set the window title of
whoever runs a command.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import BeforeValidator

REPLACEMENT = "\ufffd"

# What XML 1.0 cannot carry (its Char production): C0 controls but tab, LF and CR; surrogate halves; U+FFFE, U+FFFF.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 cannot carry replaced by U+FFFD (unchanged when there is none)."""
    return NOT_IN_XML.sub(REPLACEMENT, text) if NOT_IN_XML.search(text) else text


def code_point(character: str) -> str:
    """``U+000B``: how a message names a character that cannot be shown."""
    return f"U+{ord(character):04X}"


def illegal_characters(text: str) -> list[str]:
    """The distinct characters of ``text`` that XML cannot carry, as ``U+000B`` names, in order of first use."""
    return list(dict.fromkeys(code_point(c) for c in NOT_IN_XML.findall(text)))


def _xml_text_value(value: Any) -> Any:
    return xml_text(value) if isinstance(value, str) else value


# The annotation every text field of a file model carries (``Annotated[str, XML_TEXT]``); a test checks that none
# is missing, so a new field cannot let these characters in. It runs before pydantic's own string check, which
# would otherwise refuse a lone surrogate half with a message nobody can act on.
XML_TEXT = BeforeValidator(_xml_text_value)
XmlText = Annotated[str, XML_TEXT]


def replaced_characters(raw: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """``(where, "U+000B, U+0001")`` for each string in parsed JSON or TOML data (keys included) that the rule
    changes; ``where`` reads like a pydantic location (``partners[0].name``), for ``planner validate``'s notes."""
    if isinstance(raw, str):
        found = illegal_characters(raw)
        if found:
            yield where or "(top level)", ", ".join(found)
    elif isinstance(raw, dict):
        for key, value in raw.items():
            inside = f"{where}.{key}" if where else str(key)
            if isinstance(key, str) and illegal_characters(key):
                yield inside, ", ".join(illegal_characters(key))
            yield from replaced_characters(value, inside)
    elif isinstance(raw, list):
        for index, value in enumerate(raw):
            yield from replaced_characters(value, f"{where}[{index}]")


# What a terminal acts on: C0 controls (ESC starts colour, title and screen-clearing sequences; BEL rings), DEL, C1
# controls (U+009B is a one-character ESC [), and the bidirectional controls that reorder what is shown around them
# (a name could make the rest of a line read backwards). Line separators are escaped too: they would split a row.
_NOT_PRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match[str]) -> str:
    value = ord(match.group())
    return f"\\x{value:02x}" if value <= 0xFF else f"\\u{value:04x}"


def printable(text: str) -> str:
    """``text`` made inert for a terminal: controls, DEL and bidi controls shown as ``\\x1b`` / ``\\u202e`` escapes
    (a backslash itself is left alone; a tab or newline in a name is escaped too, so a table row stays one row)."""
    return _NOT_PRINTABLE.sub(_escaped, text) if _NOT_PRINTABLE.search(text) else text


_NOT_PRINTABLE_IN_JSON = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def printable_json(text: str) -> str:
    """JSON text made inert for a terminal: the same characters as :func:`printable`, as JSON escapes (``\\u001b``),
    so it parses to the same data; its own line breaks (indentation) stay."""
    return _NOT_PRINTABLE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
