"""The RouterOS script grammar: console lines, ``:`` commands, values and expressions,
read into the tree of `vm.sim.script.nodes`.

How this works
--------------
A script is a list of command lines ended by ``;`` or a line break. A line is one of:

* ``:name args`` — a command of the scripting language (``:put``, ``:if`` ...); the
  colon may be left out where the word is not also a command of the current menu;
* ``/ip address add address=10.0.0.1/24`` — a menu command on an absolute path (path
  words are separated by blanks or ``/``); ``add ...`` on its own is relative to the
  current menu, and a line holding only a path (``/ip address``) makes that the current
  menu for the following lines of the same block, as ``/export`` files rely on;
* ``$f args`` — a call of a function value; ``{ ... }`` — a block (a scope).

A word from `VERBS` ends the path, and so does a word followed by arguments; a line of
path words alone changes the menu. Given the device's menu tree (``knows``, see
`vm.sim.command.Console.knows`), every path word and command is checked as it is read,
so a misspelled menu is ``bad command name adress (line 1 column 5)`` before anything
runs, as on a router.

Arguments are values: quoted strings with ``$`` interpolation, ``$var``, ``[ ... ]``,
``( expression )``, ``{ array }`` and bare words typed as RouterOS types them; pieces
written without blanks between them are concatenated. ``where`` starts a condition over
item properties that runs to the end of the command.

The whole script is parsed before anything runs, so a syntax error anywhere stops it
before its first command, as on a router.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, Protocol, cast

from tikjobs.vm.exceptions import ScriptError
from tikjobs.vm.sim.script.expressions import ExpressionGrammar
from tikjobs.vm.sim.script.lexer import NAME_CHARS, WORD_STOPS, Scanner
from tikjobs.vm.sim.script.nodes import (
    Arguments,
    ArrayLiteral,
    Block,
    Builtin,
    Call,
    CodeLiteral,
    Evaluate,
    Expr,
    Juxtaposition,
    Literal,
    MenuCommand,
    Position,
    Statement,
    Substitution,
    Text,
    Variable,
)
from tikjobs.vm.sim.script.values import parse_literal
from tikjobs.vm.sim.tree import Found

# Most positional arguments each ``:`` command takes (more is "expected end of command").
BUILTINS: Final = {
    "put": 1, "log": 2, "local": 2, "global": 2, "set": 2, "if": 1, "do": 1, "while": 1,
    "for": 1, "foreach": 1, "error": 1, "delay": 1, "return": 1, "len": 1, "tostr": 1,
    "tonum": 1, "tobool": 1, "toid": 1, "toip": 1, "toip6": 1, "totime": 1, "toarray": 1,
    "typeof": 1, "pick": 3, "find": 3, "nothing": 0, "parse": 1, "execute": 2, "beep": 0,
    "onerror": 2, "jobname": 0, "rndnum": 0, "serialize": 1, "deserialize": 1,
    "convert": 1, "retry": 1, "tolf": 1, "tocrlf": 1, "rndstr": 0, "timestamp": 0,
    "tonsec": 1, "resolve": 1, "time": 1, "grep": 2, "break": 0, "continue": 0, "exit": 0,
    "lock": 0, "range": 0, "quit": 0, "undo": 0, "redo": 0, "password": 0,
    "recursive-print": 0,
}  # fmt: skip
CODE_ARGUMENTS: Final = frozenset({"do", "else", "on-error"})
# Which unnamed argument of a ``:`` command is code: ``:do { }``, ``:onerror e { }``.
CODE_POSITIONS: Final = {"do": 0, "onerror": 1, "retry": 0, "execute": 0, "time": 0}
CODE_NAMES: Final = {
    "onerror": frozenset({"in"}),
    "execute": frozenset({"script"}),
    "time": frozenset({"command"}),
    "grep": frozenset({"script"}),
    "retry": frozenset({"command"}),
    "do": frozenset({"command"}),
}
# Named arguments RouterOS also reads without ``=`` (``:foreach x in $list do {``,
# ``} else {``, ``} while ($i < 5)``), as its ``:parse`` shows.
SPACED_NAMES: Final = {
    "foreach": frozenset({"in", "do"}),
    "for": frozenset({"from", "to", "step", "do"}),
    "do": frozenset({"while", "on-error", "if"}),
    "if": frozenset({"do", "else"}),
    "while": frozenset({"do"}),
    "onerror": frozenset({"in", "do"}),
    "retry": frozenset({"delay", "max", "on-error"}),
}
# Words that end a menu path: the commands menus have.
VERBS: Final = frozenset(
    {
        "add", "set", "remove", "print", "get", "find", "enable", "disable", "unset",
        "comment", "edit", "move", "export", "import", "reset", "reset-counters",
        "reset-counters-all", "reset-configuration", "run", "save", "load", "info",
        "warning", "error", "debug", "reboot", "shutdown", "monitor", "upgrade", "install",
        "check-for-updates", "download", "flush", "release", "renew", "make-static",
        "cancel", "execute", "ping", "fetch", "send", "quit", "password", "blink",
    }
)  # fmt: skip
# Words that are a menu command rather than the ``:`` command of that name off the root.
MENU_FIRST: Final = frozenset({"find", "set", "execute", "error"})

API_NAMES: Final = frozenset({".id", ".proplist", ".query", ".tag", ".about", ".nextid"})
"""Argument names that start with a dot of their own."""
PATH_CHARS: Final = NAME_CHARS | frozenset("-")
ARG_NAME_CHARS: Final = NAME_CHARS | frozenset("-.")
QUOTED_STOPS: Final = frozenset('"\\$')
"""Where a run of plain characters inside double quotes ends: an escape, a ``$``."""


Knows = Callable[[tuple[str, ...]], bool]
"""Whether a path of words names a menu or a command of the device."""


class Names(Protocol):
    """The device's command tree as the console reads names: menus, commands and
    arguments by their full names or a unique prefix (see `vm.sim.tree.Tree`)."""

    def knows(self, path: tuple[str, ...]) -> bool: ...

    def resolve(self, path: tuple[str, ...], word: str) -> Found | list[str] | None: ...

    def argument(self, path: tuple[str, ...], verb: str, word: str) -> str | list[str] | None: ...


# Commands whose named arguments are item properties rather than the command's own.
FREE_ARGUMENTS: Final = frozenset({"find"})


def parse(source: str, knows: Knows | Names | None = None) -> Block:
    """The tree of a whole script; raises `ScriptError` at the first syntax error.

    With ``knows``, a menu or command the device does not have is a syntax error too;
    with `Names` (a console), abbreviated menus, commands and arguments are read as the
    console completes them, and an argument the command lacks is a syntax error.
    """
    return Parser(source, knows).script()


class Parser(ExpressionGrammar):
    """Recursive descent over a `Scanner`, tracking the current menu path."""

    def __init__(self, source: str, knows: Knows | Names | None = None) -> None:
        self.scan = Scanner(source)
        self.names: Names | None = None
        self.knows: Knows | None
        if knows is not None and hasattr(knows, "resolve"):
            self.names = cast(Names, knows)
            self.knows = self.names.knows
        else:
            self.knows = knows
        self.path: tuple[str, ...] = ()
        self.depth = 0

    # Command lines ---------------------------------------------------------------------

    def script(self) -> Block:
        start = self.scan.position()
        statements = self.statements("")
        return Block(statements, start)

    def statements(self, closing: str) -> list[Statement]:
        """Command lines up to ``closing`` (or the end of the source when empty)."""
        with self.nested():
            return self._statements(closing)

    def _statements(self, closing: str) -> list[Statement]:
        scan = self.scan
        saved_path = self.path
        found: list[Statement] = []
        while True:
            scan.skip_blank_lines()
            if scan.peek() == ";":
                scan.advance()
                continue
            if scan.at_end():
                if closing == "}":
                    raise scan.error("expected closing brace")
                if closing:
                    raise scan.error("syntax error")
                break
            if scan.peek() == closing:
                break
            if scan.peek() in ")]}":
                raise scan.error("syntax error")
            statement = self.statement()
            if statement is not None:
                found.append(statement)
            scan.skip_blanks()
            if scan.peek() in (";", "\n"):
                scan.advance()
            elif scan.peek() and scan.peek() in ")]}" and scan.peek() != closing:
                raise scan.error("syntax error")
            elif not (scan.at_end() or scan.peek() == closing):
                raise scan.error("expected end of command")
        self.path = saved_path
        return found

    def statement(self) -> Statement | None:
        scan = self.scan
        pos = scan.position()
        char = scan.peek()
        if char == "{":
            scan.advance()
            body = self.statements("}")
            scan.advance()
            return Block(body, pos)
        if char == ":":
            scan.advance()
            name_pos = scan.pos
            name = scan.read_while(PATH_CHARS)
            if not name:
                raise scan.error("expected command name")
            return self.builtin(name, pos, name_pos)
        if char == "/":
            scan.advance()
            return self.menu_command((), pos)
        if char == "$":
            function = self.variable()
            return Call(function, self.arguments(allow_where=False), pos)
        if char in "[(":
            value = self.value()
            scan.skip_blanks()
            if scan.at_command_end():
                return Evaluate(value, pos)
            return Call(value, self.arguments(allow_where=False), pos)
        if scan.startswith(".."):
            return self.menu_command(self.path, pos)
        word = self.peek_word(PATH_CHARS)
        if not word:
            raise scan.error("syntax error")
        if word in BUILTINS and not (self.path and word in MENU_FIRST):
            name_pos = scan.pos
            scan.advance(len(word))
            return self.builtin(word, pos, name_pos)
        return self.menu_command(self.path, pos)

    def builtin(self, name: str, pos: Position, name_pos: int) -> Builtin:
        if name not in BUILTINS:
            raise self.scan.error(f"bad command name {name}", name_pos)
        args = self.arguments(
            allow_where=False,
            code_at=CODE_POSITIONS.get(name),
            limit=BUILTINS[name],
            code_names=CODE_ARGUMENTS | CODE_NAMES.get(name, frozenset()),
            spaced=SPACED_NAMES.get(name, frozenset()),
        )
        return Builtin(name, args, pos)

    def menu_command(self, base: tuple[str, ...], pos: Position) -> Statement | None:
        """A command on a menu path, a block on a menu, or None when the line only
        changes the menu."""
        scan = self.scan
        path = list(base)
        # Where each path word was written on this line (None: it came from ``base``).
        spots: list[Position | None] = [None] * len(path)
        verb = ""
        verb_offset = scan.pos
        placed: dict[str, Position] = {}
        while True:
            scan.skip_blanks()
            if scan.peek() == "/":
                scan.advance()
                continue
            if scan.startswith("..") and (not scan.peek(2) or scan.peek(2) not in PATH_CHARS):
                scan.advance(2)
                if path:
                    path.pop()
                    spots.pop()
                continue
            offset = scan.pos
            word = scan.read_while(PATH_CHARS)
            if not word:
                break
            if not self.at_word_end():
                scan.pos = offset
                break
            verb_offset = offset
            if self.names is not None:
                found = self.names.resolve(tuple(path), word)
                if not isinstance(found, Found):
                    raise scan.error(f"bad command name {word}", offset)
                placed.setdefault(found.name, scan.position(offset))
                if found.kind == "cmd":
                    verb = found.name
                    break
                path.append(found.name)
                spots.append(scan.position(offset))
                continue
            placed.setdefault(word, scan.position(offset))
            if word in VERBS:
                verb = word
                break
            path.append(word)
            spots.append(scan.position(offset))
        if not verb and self.names is not None:
            scan.skip_blanks()
            if scan.at_command_end():
                self.path = tuple(path)
                return None
            if scan.peek() == "{":
                return self._menu_block(tuple(path), pos)
            raise scan.error("expected end of command")
        if not verb:
            scan.skip_blanks()
            if scan.at_command_end():
                self._check(path, spots)
                self.path = tuple(path)
                return None
            if scan.peek() == "{":
                self._check(path, spots)
                return self._menu_block(tuple(path), pos)
            if len(path) <= len(base) or not path:
                raise scan.error("syntax error")
            verb = path.pop()
            spots.pop()
        self._check([*path, verb], [*spots, scan.position(verb_offset)])
        saved = self.path
        self.path = tuple(path)
        try:
            # ``source={ ... }``, ``on-event={ ... }``, ``/execute { ... }``: braces
            # after a menu command hold code, handed on as its text.
            check = None
            if self.names is not None and verb not in FREE_ARGUMENTS:
                check = self._argument_name(self.names, tuple(path), verb)
            args = self.arguments(allow_where=True, code_names=None, check=check)
        finally:
            self.path = saved
        return MenuCommand(tuple(path), verb, args, pos, scan.position(verb_offset), placed)

    def _argument_name(
        self, names: Names, path: tuple[str, ...], verb: str
    ) -> Callable[[str, int], str]:
        """What checks a named argument of this command: its full name, or ``expected
        end of command`` where it was written when the command has no such argument."""

        def check(word: str, offset: int) -> str:
            found = names.argument(path, verb, word)
            if isinstance(found, str):
                return found
            raise self.scan.error("expected end of command", offset)

        return check

    def _check(self, words: list[str], spots: list[Position | None]) -> None:
        """Refuse the first word of a path the device does not know, where it was written."""
        if self.knows is None:
            return
        for end in range(1, len(words) + 1):
            if not self.knows(tuple(words[:end])):
                where = spots[end - 1] or self.scan.position()
                raise ScriptError(
                    f"bad command name {words[end - 1]} ({where})",
                    line=where.line,
                    column=where.column,
                )

    def _menu_block(self, path: tuple[str, ...], pos: Position) -> Block:
        """``/system/scheduler { ... }``: a block whose commands run on that menu."""
        saved = self.path
        self.path = path
        try:
            self.scan.advance()
            body = self.statements("}")
            self.scan.advance()
        finally:
            self.path = saved
        return Block(body, pos)

    def arguments(
        self,
        *,
        allow_where: bool,
        code_at: int | None = None,
        limit: int | None = None,
        code_names: frozenset[str] | None = CODE_ARGUMENTS,
        check: Callable[[str, int], str] | None = None,
        spaced: frozenset[str] = frozenset(),
    ) -> Arguments:
        """Arguments up to the end of the command. Braces hold code in the named
        arguments ``code_names`` and the unnamed one at ``code_at``; with
        ``code_names`` None, in every argument (a menu command's)."""
        scan = self.scan
        args = Arguments()
        while True:
            scan.skip_blanks()
            if scan.at_command_end():
                return args
            offset = scan.pos
            name = scan.read_while(ARG_NAME_CHARS)
            if name and scan.peek() == "=":
                name = self._full_name(name, args)
                if check is not None:
                    name = check(name, offset)
                scan.advance()
                while scan.startswith("\\\n"):
                    # ``/export`` wraps a long line right after ``name=``.
                    scan.skip_blanks()
                self._value_follows()  # ``name= value``: blanks before a value are dropped
                if scan.peek() in WORD_STOPS - {'"', "$", "[", "(", "{"} or not scan.peek():
                    args.named[name] = Literal("", scan.position())
                else:
                    args.named[name] = self.value(code=code_names is None or name in code_names)
                continue
            if name in spaced and self._value_follows():
                args.named[name] = self.value(code=code_names is not None and name in code_names)
                continue
            if allow_where and name == "where" and scan.peek() in (" ", "\t", "\\"):
                args.where = self.condition()
                scan.skip_blanks()
                if not scan.at_command_end():
                    raise scan.error("expected end of command")
                return args
            scan.pos = offset
            if limit is not None and len(args.positional) >= limit:
                raise scan.error("expected end of command")
            code = code_names is None or code_at == len(args.positional)
            args.positional.append(self.value(code=code))

    def _value_follows(self) -> bool:
        """Whether blanks and then a value follow (consumed up to the value when so);
        a ``name=`` after the blanks is the next argument, not a value."""
        scan = self.scan
        offset = scan.pos
        if not scan.skip_blanks() or scan.at_command_end():
            scan.pos = offset
            return False
        if scan.peek() not in ('"', "$", "[", "(", "{"):
            word = self.peek_word(ARG_NAME_CHARS)
            if not word or scan.peek(len(word)) == "=" or scan.peek() == "#":
                scan.pos = offset
                return False
        return True

    @staticmethod
    def _full_name(name: str, args: Arguments) -> str:
        """``.role`` after ``local.address=`` is ``local.role``: ``/export`` writes the
        shared prefix of a group of arguments once."""
        if not name.startswith(".") or name in API_NAMES:
            return name
        for earlier in reversed(args.named):
            prefix = earlier.partition(".")[0]
            if prefix and "." in earlier:
                return prefix + name
        return name

    # Values ------------------------------------------------------------------------------

    def value(self, *, code: bool = False) -> Expr:
        """One argument value: pieces without blanks between them, concatenated."""
        scan = self.scan
        pos = scan.position()
        parts: list[Expr] = []
        while True:
            char = scan.peek()
            if char == '"':
                parts.append(self.text())
            elif char == "$":
                parts.append(self.variable())
            elif char == "[":
                parts.append(self.substitution())
            elif char == "(":
                parts.append(self.group())
            elif char == "{":
                parts.append(self.code() if code else self.array())
            elif char and char not in WORD_STOPS and not scan.startswith("\\\n"):
                word_pos = scan.position()
                word = scan.read_bare()
                parts.append(Literal(parse_literal(word), word_pos, word))
            else:
                break
        if not parts:
            raise scan.error("syntax error")
        return parts[0] if len(parts) == 1 else Juxtaposition(parts, pos)

    def text(self) -> Text:
        scan = self.scan
        start = scan.pos
        pos = scan.position()
        scan.advance()
        parts: list[str | Expr] = []
        chars: list[str] = []
        while True:
            char = scan.peek()
            if not char:
                raise scan.error("syntax error", start)
            if char == '"':
                scan.advance()
                break
            if char == "\\":
                chars.append(scan.read_escape())
            elif char == "$" and scan.peek(1) and scan.peek(1) in NAME_CHARS | {"[", "("}:
                if chars:
                    parts.append("".join(chars))
                    chars = []
                if scan.peek(1) == "[":
                    scan.advance()
                    parts.append(self.substitution())
                elif scan.peek(1) == "(":
                    scan.advance()
                    parts.append(self.group())
                else:
                    parts.append(self.variable())
            else:
                chars.append(scan.read_bare(QUOTED_STOPS) or scan.advance())
        if chars:
            parts.append("".join(chars))
        return Text(parts, pos)

    def variable(self) -> Variable:
        scan = self.scan
        pos = scan.position()
        scan.advance()
        if scan.peek() == '"':
            name_text = self.text()
            if any(not isinstance(part, str) for part in name_text.parts):
                raise scan.error("expected variable name")
            return Variable("".join(str(part) for part in name_text.parts), pos)
        name = scan.read_name()
        if not name:
            raise scan.error("expected variable name")
        return Variable(name, pos)

    def substitution(self) -> Substitution:
        scan = self.scan
        pos = scan.position()
        scan.advance()
        body = self.statements("]")
        scan.advance()
        return Substitution(Block(body, pos), pos)

    def code(self) -> CodeLiteral:
        scan = self.scan
        pos = scan.position()
        start = scan.pos
        scan.advance()
        body = self.statements("}")
        scan.advance()
        return CodeLiteral(Block(body, pos), scan.text[start + 1 : scan.pos - 1], pos)

    def array(self) -> ArrayLiteral:
        with self.nested():
            return self._array()

    def _array(self) -> ArrayLiteral:
        scan = self.scan
        pos = scan.position()
        scan.advance()
        entries: list[tuple[str | None, Expr]] = []
        while True:
            scan.skip_blank_lines()
            char = scan.peek()
            if char == "}":
                scan.advance()
                return ArrayLiteral(entries, pos)
            if char == ";":
                scan.advance()
                continue
            if not char:
                raise scan.error("expected closing brace")
            entries.append(self._array_entry())
            scan.skip_blanks()
            if scan.peek() not in (";", "}", "\n"):
                raise scan.error("syntax error")

    def _array_entry(self) -> tuple[str | None, Expr]:
        scan = self.scan
        offset = scan.pos
        key: str | None = None
        if scan.peek() == '"':
            quoted = self.text()
            if scan.peek() == "=" and all(isinstance(part, str) for part in quoted.parts):
                key = "".join(str(part) for part in quoted.parts)
        else:
            name = scan.read_while(ARG_NAME_CHARS)
            if name and scan.peek() == "=":
                key = name
        if key is None:
            scan.pos = offset
            return None, self.value()
        scan.advance()
        while scan.startswith("\\\n"):
            scan.skip_blanks()
        self._value_follows()  # ``{0= "NULL"}``
        return key, self.value()
