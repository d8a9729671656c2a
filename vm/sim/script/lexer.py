"""Characters of a RouterOS script: the cursor the parser reads with, blanks and line
joining, string escapes, and quoting a value back into script syntax.

How this works
--------------
RouterOS reads a word differently by where it stands (``a-b`` is one word in a command
line and three tokens inside ``( )``), so there is no separate token stream: the parser
drives a `Scanner` and asks for exactly what the grammar expects next. The scanner owns
the rules that hold everywhere:

* a backslash right before a line break joins the lines (it counts as a blank);
* blanks are spaces and tabs; ``;`` and line breaks end a command;
* escapes inside double quotes: ``\\" \\\\ \\n \\r \\t \\$ \\? \\_ \\a \\b \\f \\v`` and
  two hex digits (``\\4C``), and a backslash before a line break (blanks between
  them allowed) drops the break and the next line's indentation (how ``/export`` wraps
  long strings).

Errors carry RouterOS's wording and place: ``syntax error (line 1 column 6)``.
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from typing import Final

from tikjobs.vm.exceptions import ScriptError
from tikjobs.vm.sim.script.nodes import Position

BLANKS: Final = " \t"
NAME_CHARS: Final = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
WORD_STOPS: Final = frozenset(' \t\n;"$[](){}')
HEX_DIGITS: Final = frozenset("0123456789ABCDEF")

ESCAPES: Final = {
    '"': '"',
    "\\": "\\",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "$": "$",
    "?": "?",
    "_": " ",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
}
QUOTED: Final = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "$": "\\$"}


BLANK_RUN: Final = re.compile(r"(?:[ \t]|\\\n)*")
"""Blanks and backslash line joins (`Scanner.skip_blanks`)."""


@cache
def _run_of(chars: frozenset[str]) -> re.Pattern[str]:
    """A run of characters from ``chars`` (`Scanner.read_while`)."""
    return re.compile("[" + "".join(re.escape(char) for char in sorted(chars)) + "]*")


@cache
def _run_until(stops: frozenset[str]) -> re.Pattern[str]:
    """A run of characters up to one of ``stops`` or a backslash line join
    (`Scanner.read_bare`)."""
    others = "[^" + "".join(re.escape(char) for char in sorted(stops)) + "\\\\]"
    if "\\" in stops:
        return re.compile(others + "*")
    return re.compile(f"(?:{others}|\\\\(?!\n))*")


def normalize_newlines(source: str) -> str:
    """CR LF and lone CR line ends read as LF, as RouterOS accepts all three."""
    return source.replace("\r\n", "\n").replace("\r", "\n")


class Scanner:
    """A cursor over normalized script source."""

    def __init__(self, source: str) -> None:
        self.text = normalize_newlines(source)
        self.pos = 0
        self._line_starts = [0] + [found.end() for found in re.finditer("\n", self.text)]

    # Position and errors -------------------------------------------------------------

    def position(self, offset: int | None = None) -> Position:
        """Line and column (1-based) of an offset, by default the cursor's."""
        offset = self.pos if offset is None else offset
        line = max(bisect.bisect_right(self._line_starts, offset) - 1, 0)
        return Position(line + 1, offset - self._line_starts[line] + 1)

    def error(self, message: str, offset: int | None = None) -> ScriptError:
        """A `ScriptError` worded as RouterOS does: ``message (line L column C)``."""
        where = self.position(offset)
        return ScriptError(f"{message} ({where})", line=where.line, column=where.column)

    # Looking -------------------------------------------------------------------------

    def peek(self, offset: int = 0) -> str:
        """The character ``offset`` places ahead, or ``""`` past the end."""
        index = self.pos + offset
        return self.text[index] if index < len(self.text) else ""

    def startswith(self, text: str) -> bool:
        return self.text.startswith(text, self.pos)

    def at_end(self) -> bool:
        return self.pos >= len(self.text)

    def at_command_end(self) -> bool:
        """At ``;``, a line break, the end of the source or a closing bracket."""
        return self.peek() in ("", ";", "\n", "]", "}", ")")

    # Moving --------------------------------------------------------------------------

    def advance(self, count: int = 1) -> str:
        taken = self.text[self.pos : self.pos + count]
        self.pos += count
        return taken

    def expect(self, text: str, message: str = "syntax error") -> None:
        if not self.startswith(text):
            raise self.error(message)
        self.pos += len(text)

    def skip_blanks(self) -> bool:
        """Skip spaces, tabs and backslash line joins; True when anything was skipped."""
        return bool(self._take(BLANK_RUN))

    def skip_blank_lines(self) -> None:
        """Skip blanks, line breaks and comments (between commands and inside groups)."""
        while True:
            self.skip_blanks()
            char = self.peek()
            if char == "\n":
                self.pos += 1
            elif char == "#":
                self.skip_comment()
            else:
                return

    def skip_comment(self) -> None:
        end = self.text.find("\n", self.pos)
        self.pos = len(self.text) if end < 0 else end

    def read_name(self) -> str:
        """Letters, digits and ``_`` (a variable name); may be empty."""
        return self.read_while(NAME_CHARS)

    def read_while(self, chars: frozenset[str]) -> str:
        """A run of characters from ``chars``; may be empty."""
        return self._take(_run_of(chars))

    def read_bare(self, stops: frozenset[str] = WORD_STOPS) -> str:
        """An unquoted run of characters up to a blank, a terminator or a bracket."""
        return self._take(_run_until(stops))

    def _take(self, run: re.Pattern[str]) -> str:
        """What ``run`` matches at the cursor (it matches the empty string), moved past."""
        start = self.pos
        self.pos = run.match(self.text, start).end()  # type: ignore[union-attr]
        return self.text[start : self.pos]

    def read_escape(self) -> str:
        """The character(s) an escape inside double quotes stands for; the cursor is on
        the backslash. A backslash before a line break joins the lines."""
        start = self.pos
        self.pos += 1
        char = self.peek()
        if char in BLANKS and char:
            # Blanks between the backslash and the line break still join the lines.
            end = self.pos
            while self.text[end : end + 1] in (" ", "\t"):
                end += 1
            if self.text[end : end + 1] == "\n":
                self.pos = end
                char = "\n"
        if char == "\n":
            self.pos += 1
            while self.peek() in BLANKS and self.peek():
                self.pos += 1
            return ""
        if self._at_hex_pair():
            return self._read_hex_bytes()
        if char in ESCAPES:
            self.pos += 1
            return ESCAPES[char]
        raise self.error("syntax error", start)

    def _at_hex_pair(self) -> bool:
        first, second = self.peek(), self.peek(1)
        return bool(first and second) and first in HEX_DIGITS and second in HEX_DIGITS

    def _read_hex_bytes(self) -> str:
        """``\\XX`` escapes (capital hex) are bytes: a run of them decodes as UTF-8, so
        ``\\C3\\A4`` is one character; the cursor is just past the first backslash."""
        data = bytearray([int(self.advance(2), 16)])
        while data[-1] >= 0x80 and self.peek() == "\\":
            self.pos += 1
            if not self._at_hex_pair():
                self.pos -= 1
                break
            data.append(int(self.advance(2), 16))
        return data.decode("utf-8", errors="replace")


def quote(text: str) -> str:
    """A double-quoted script literal that reads back as ``text``."""
    out = ['"']
    for char in text:
        if char in QUOTED:
            out.append(QUOTED[char])
        elif char == "?":
            out.append("\\?")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\{ord(char):02X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)
