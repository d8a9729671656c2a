"""Console lines on menus turned into device `Command`\\ s, and their answers into values.

A menu command in a script (``/ip address add ...``, ``set [find ...] name=wan``,
``[/system identity get name]``) becomes one or more `vm.sim.command.Command` for
`Console.execute`. This module owns that translation:

* unnamed arguments get the names the console gives them (`UNNAMED`): the item a
  command acts on is ``numbers`` (an id, a list of ids, a name or a console number),
  ``/log info "x"`` is ``message``, ``/system script run x`` is ``number`` ...;
* ``find`` and ``print`` read the menu's rows and select them here, so ``where``
  conditions may use everything the script language has (``~``, ``in``, ``and`` ...);
* ``print`` writes a table (`vm.sim.script.render`), ``as-value`` answers an array of
  items, ``count-only`` a number; ``get`` answers a typed value or the whole item;
* values the device answers are strings and become typed values (`values.typed`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final

from tikjobs.vm.exceptions import MissingProperty, ScriptError, UnknownParameter
from tikjobs.vm.sim.command import Command, Console, Reply, Row
from tikjobs.vm.sim.script.operators import equal
from tikjobs.vm.sim.script.render import render
from tikjobs.vm.sim.script.values import (
    NOTHING,
    Code,
    Empty,
    ItemId,
    RosArray,
    Value,
    parse_literal,
    to_str,
    typed,
)

# The names of unnamed arguments, by verb, in order.
UNNAMED: Final[dict[str, tuple[str, ...]]] = {
    "set": ("numbers",),
    "remove": ("numbers",),
    "enable": ("numbers",),
    "disable": ("numbers",),
    "unset": ("numbers", "value-name"),
    "comment": ("numbers", "comment"),
    "move": ("numbers", "destination"),
    "edit": ("numbers", "value-name"),
    "reset-counters": ("numbers",),
    "get": ("numbers", "value-name"),
    "run": ("number",),
    "info": ("message",),
    "warning": ("message",),
    "error": ("message",),
    "debug": ("message",),
    "import": ("file-name",),
    "execute": ("script",),
    "ping": ("address",),
    "fetch": ("url",),
    "sign": ("number",),
}
REFERENCES: Final = frozenset({"numbers", "number", "destination", "from"})
PRINT_FLAGS: Final = frozenset(
    {"as-value", "count-only", "detail", "terse", "brief", "without-paging", "value-list",
     "show-ids", "stats"}
)  # fmt: skip
TEXT_PROPERTIES: Final = frozenset({"comment", "name", "source", "default-name", "message"})
TOOL_FLAGS: Final = frozenset({"as-value", "without-paging", "once", "detail"})
FLAG: Final = re.compile(r"[a-z][a-z0-9-]*")
"""A bare word that may name a flag argument, written without a value."""
EXPORT_FLAGS: Final = frozenset({"compact", "verbose", "terse", "show-sensitive", "hide-sensitive"})

Where = Callable[[Row], bool]


@dataclass
class Invocation:
    """One menu command with its arguments evaluated.

    ``for_value`` is true inside ``[ ... ]``, where the command's value is used and a
    ``count-only`` print answers instead of writing.
    """

    path: tuple[str, ...]
    verb: str
    positional: list[Value] = field(default_factory=list)
    named: dict[str, Value] = field(default_factory=dict)
    where: Where | None = None
    for_value: bool = False


def argument_text(value: Value) -> str:
    """An argument as the console passes it on: lists comma-separated."""
    if isinstance(value, RosArray):
        return ",".join(to_str(item) for item in value.values())
    if isinstance(value, Code):
        return value.source
    return to_str(value)


def item_reference(value: Value) -> str | None:
    """An item reference as text (``*1,*2``, ``ether1``, ``0``); None names no item."""
    if isinstance(value, RosArray):
        return ",".join(to_str(item) for item in value.values()) or None
    if isinstance(value, Empty):
        return None
    return to_str(value)


def item_value(row: Row) -> RosArray:
    """A printed row as a script sees it: a key array of typed values."""
    return RosArray(keyed={name: typed_property(name, text) for name, text in row.items()})


def typed_property(name: str, text: str) -> Value:
    """A property the device printed, typed; names and free text stay strings."""
    if name in TEXT_PROPERTIES:
        return text
    return typed(text)


def _plain_text(name: str, value: Value) -> bool:
    """Whether a ``find`` filter compares a text property with a string as it stands."""
    return name in TEXT_PROPERTIES and type(value) is str


def _property_test(name: str, value: Value) -> Where:
    """Whether a printed row's property ``=`` the value a script's ``find`` gave for it.

    A ``find`` over many items types each distinct text once: a text property against a
    string is a plain comparison, and any other answer is kept per text (many items
    share a ``list=`` or an ``interface=``)."""
    absent = equal(NOTHING, value)
    if _plain_text(name, value):
        return lambda row: row[name] == value if name in row else absent
    answers: dict[str, bool] = {}

    def test(row: Row) -> bool:
        text = row.get(name)
        if text is None:
            return absent
        answer = answers.get(text)
        if answer is None:
            answer = answers[text] = equal(typed_property(name, text), value)
        return answer

    return test


def _narrowing(filters: dict[str, Value]) -> tuple[str, ...]:
    """A print query that reads only the items a ``find``'s plain text filter can match
    (``name="x"`` on a menu keyed by name is looked up, not searched), or none."""
    for name, value in filters.items():
        if value and _plain_text(name, value):
            return (f"?{name}={value}",)
    return ()


class MenuConsole:
    """Runs menu commands of a script against a `Console`."""

    def __init__(self, console: Console, write: Callable[[str], None]) -> None:
        self.console = console
        self.write = write
        self._verbs: dict[str, Callable[[Invocation], Value]] = {
            "find": self._find,
            "print": self._print,
            "get": self._get,
            "export": self._export,
            "ping": self._tool,
            "fetch": self._tool,
            "check-for-updates": self._tool,
        }

    def run(self, call: Invocation) -> Value:
        """Carry out a menu command and answer its value."""
        handler = self._verbs.get(call.verb, self._generic)
        return handler(call)

    # -- reading ---------------------------------------------------------------------

    def rows(
        self,
        path: tuple[str, ...],
        attrs: dict[str, str] | None = None,
        query: tuple[str, ...] = (),
    ) -> list[Row]:
        return self.console.execute(Command(path, "print", attrs or {}, query=query)).rows

    def _selected(self, call: Invocation, rows: list[Row], filters: dict[str, Value]) -> list[Row]:
        tests = [_property_test(name, value) for name, value in filters.items()]
        return [
            row
            for row in rows
            if all(test(row) for test in tests) and (call.where is None or call.where(row))
        ]

    def _find(self, call: Invocation) -> Value:
        if call.positional:
            raise ScriptError("expected end of command")
        rows = self._selected(call, self.rows(call.path, query=_narrowing(call.named)), call.named)
        return RosArray.of(
            ItemId(int(row[".id"][1:], 16)) for row in rows if row.get(".id", "").startswith("*")
        )

    def _print(self, call: Invocation) -> Value:
        flags = set(call.named) & PRINT_FLAGS
        for value in call.positional:
            word = to_str(value)
            if word not in PRINT_FLAGS:
                raise ScriptError("expected end of command")
            flags.add(word)
        attrs: dict[str, str] = {}
        if "from" in call.named:
            reference = item_reference(call.named["from"])
            if reference is None:
                return RosArray() if "as-value" in flags else NOTHING
            attrs["from"] = reference
        rows = self._selected(call, self.rows(call.path, attrs), {})
        proplist = call.named.get("proplist")
        if proplist is not None:
            wanted = argument_text(proplist).split(",")
            rows = [{k: row[k] for k in (".id", *wanted) if k in row} for row in rows]
        if "count-only" in flags:
            if not call.for_value and "as-value" not in flags:
                self.write(f"{len(rows)}\n")
            return len(rows)
        if "as-value" in flags:
            return RosArray.of(item_value(row) for row in rows)
        style = "detail" if "detail" in flags else "terse" if "terse" in flags else "table"
        self.write(render(rows, style))
        return NOTHING

    def _get(self, call: Invocation) -> Value:
        attrs = self._attributes(call)
        if "numbers" in attrs and "value-name" not in attrs and not call.named:
            only = call.positional[0]
            if isinstance(only, str) and not isinstance(parse_literal(only), int):
                try:
                    reply = self.console.execute(Command(call.path, "get", {"value-name": only}))
                except MissingProperty:
                    pass
                else:
                    return _property(only, reply)
        if "value-name" not in attrs:
            rows = self.rows(call.path, {"from": attrs["numbers"]} if "numbers" in attrs else {})
            return item_value(rows[0]) if rows else NOTHING
        reply = self.console.execute(Command(call.path, "get", attrs))
        return _property(attrs["value-name"], reply)

    def _export(self, call: Invocation) -> Value:
        attrs = {name: argument_text(value) for name, value in call.named.items()}
        for value in call.positional:
            word = to_str(value)
            if word not in EXPORT_FLAGS:
                raise ScriptError("expected end of command")
            attrs[word] = ""
        reply = self.console.execute(Command(call.path, "export", attrs))
        if reply.ret:
            self.write(reply.ret if reply.ret.endswith("\n") else reply.ret + "\n")
        return NOTHING

    # -- tools ---------------------------------------------------------------------------

    def _tool(self, call: Invocation) -> Value:
        """``/ping``, ``/tool fetch``: the table is written unless the value is used;
        with ``as-value`` the value is the last row as an array, else a ping's value is
        the number of replies."""
        flags = {to_str(v) for v in call.positional if to_str(v) in TOOL_FLAGS}
        positional = [v for v in call.positional if to_str(v) not in TOOL_FLAGS]
        flags |= set(call.named) & TOOL_FLAGS
        named = {k: v for k, v in call.named.items() if k not in TOOL_FLAGS}
        plain = Invocation(call.path, call.verb, positional, named, call.where, call.for_value)
        rows = self.console.execute(Command(call.path, call.verb, self._attributes(plain))).rows
        if "as-value" in flags:
            return item_value(rows[-1]) if rows else NOTHING
        if not call.for_value and rows:
            self.write(render(rows, "detail" if call.verb != "ping" else "table"))
        if call.verb == "ping":
            return int(rows[-1]["received"]) if rows else 0
        return NOTHING

    # -- everything else ---------------------------------------------------------------

    def _generic(self, call: Invocation) -> Value:
        attrs = self._attributes(call)
        if any(name in REFERENCES and not attrs[name] for name in attrs):
            return NOTHING
        try:
            reply = self.console.execute(Command(call.path, call.verb, attrs))
        except UnknownParameter as error:
            flags = {
                name for name, value in attrs.items() if value == "" and name not in call.named
            }
            if error.message.removeprefix("unknown parameter ") in flags:
                raise ScriptError("expected end of command") from None
            raise
        if reply.ret is not None:
            return typed(reply.ret)
        if reply.rows and not call.for_value:
            self.write(render(reply.rows))
        return NOTHING

    def _attributes(self, call: Invocation) -> dict[str, str]:
        """The command's attributes: unnamed arguments named, references as text, and
        a bare word past the unnamed ones a flag (``/routing table add fib name=x``)."""
        names = UNNAMED.get(call.verb, ())
        extra = call.positional[len(names) :]
        if not all(isinstance(word, str) and FLAG.fullmatch(word) for word in extra):
            raise ScriptError("expected end of command")
        attrs: dict[str, str] = {str(word): "" for word in extra}
        pairs: Sequence[tuple[str, Value]] = [
            *zip(names, call.positional, strict=False),
            *call.named.items(),
        ]
        for name, value in pairs:
            if name in REFERENCES:
                attrs[name] = item_reference(value) or ""
            else:
                attrs[name] = argument_text(value)
        return attrs


def _property(name: str, reply: Reply) -> Value:
    if reply.ret is None:
        return NOTHING
    return typed_property(name, reply.ret)
