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

The end of the path is found without a menu tree: a word from `VERBS` ends it, and so
does a word followed by arguments; a line of path words alone changes the menu.

Arguments are values: quoted strings with ``$`` interpolation, ``$var``, ``[ ... ]``,
``( expression )``, ``{ array }`` and bare words typed as RouterOS types them; pieces
written without blanks between them are concatenated. ``where`` starts a condition over
item properties that runs to the end of the command.

The whole script is parsed before anything runs, so a syntax error anywhere stops it
before its first command, as on a router.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from vm.exceptions import ScriptError
from vm.sim.script.lexer import NAME_CHARS, WORD_STOPS, Scanner
from vm.sim.script.nodes import (
    Arguments,
    ArrayLiteral,
    Binary,
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
    Property,
    Statement,
    Substitution,
    Text,
    Unary,
    Variable,
)
from vm.sim.script.values import NOTHING, parse_ip, parse_ip6, parse_literal

# Most positional arguments each ``:`` command takes (more is "expected end of command").
BUILTINS: Final = {
    "put": 1, "log": 2, "local": 2, "global": 2, "set": 2, "if": 1, "do": 1, "while": 1,
    "for": 1, "foreach": 1, "error": 1, "delay": 1, "return": 1, "len": 1, "tostr": 1,
    "tonum": 1, "tobool": 1, "toid": 1, "toip": 1, "toip6": 1, "totime": 1, "toarray": 1,
    "typeof": 1, "pick": 3, "find": 3, "nothing": 0, "parse": 1, "execute": 1, "beep": 0,
    "onerror": 1, "jobname": 0, "rndnum": 0,
}  # fmt: skip
CODE_ARGUMENTS: Final = frozenset({"do", "else", "on-error"})
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

PATH_CHARS: Final = NAME_CHARS | frozenset("-")
ARG_NAME_CHARS: Final = NAME_CHARS | frozenset("-.")
OPERAND_CHARS: Final = NAME_CHARS | frozenset(".:")
PROPERTY_CHARS: Final = NAME_CHARS | frozenset("-.")
HEX: Final = frozenset("0123456789abcdefABCDEF")

# Infix operators by binding strength, loosest first.
LEVELS: Final = (
    (",",),
    ("||", "or"),
    ("&&", "and"),
    ("|",),
    ("^",),
    ("&",),
    ("=", "!=", "<", ">", "<=", ">=", "~", "in"),
    (".",),
    ("<<", ">>"),
    ("+", "-"),
    ("*", "/", "%"),
)
SYMBOLS: Final = (
    "->", "<<", ">>", "<=", ">=", "!=", "&&", "||",
    "=", "<", ">", "+", "-", "*", "/", "%", "&", "|", "^", "~", ".", ",",
)  # fmt: skip
WORD_OPERATORS: Final = ("and", "or", "in")
COMPARISONS: Final = ("!=", "<=", ">=", "=", "<", ">", "~")


def parse(source: str) -> Block:
    """The tree of a whole script; raises `ScriptError` at the first syntax error."""
    return Parser(source).script()


class Parser:
    """Recursive descent over a `Scanner`, tracking the current menu path."""

    def __init__(self, source: str) -> None:
        self.scan = Scanner(source)
        self.path: tuple[str, ...] = ()

    # Command lines ---------------------------------------------------------------------

    def script(self) -> Block:
        start = self.scan.position()
        statements = self.statements("")
        return Block(statements, start)

    def statements(self, closing: str) -> list[Statement]:
        """Command lines up to ``closing`` (or the end of the source when empty)."""
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
            return Evaluate(self.value(), pos)
        if scan.startswith(".."):
            return self.menu_command(self.path, pos)
        word = self._peek_word(PATH_CHARS)
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
            allow_where=False, code_first=name == "do", limit=BUILTINS[name], onerror=name
        )
        return Builtin(name, args, pos)

    def menu_command(self, base: tuple[str, ...], pos: Position) -> MenuCommand | None:
        """A command on a menu path, or None when the line only changes the menu."""
        scan = self.scan
        path = list(base)
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
                continue
            offset = scan.pos
            word = scan.read_while(PATH_CHARS)
            if not word:
                break
            if not self._at_word_end():
                scan.pos = offset
                break
            verb_offset = offset
            placed.setdefault(word, scan.position(offset))
            if word in VERBS:
                verb = word
                break
            path.append(word)
        if not verb:
            scan.skip_blanks()
            if scan.at_command_end():
                self.path = tuple(path)
                return None
            if len(path) <= len(base) or not path:
                raise scan.error("syntax error")
            verb = path.pop()
        saved = self.path
        self.path = tuple(path)
        try:
            args = self.arguments(allow_where=True)
        finally:
            self.path = saved
        return MenuCommand(tuple(path), verb, args, pos, scan.position(verb_offset), placed)

    def arguments(
        self,
        *,
        allow_where: bool,
        code_first: bool = False,
        limit: int | None = None,
        onerror: str = "",
    ) -> Arguments:
        scan = self.scan
        args = Arguments()
        code_names = CODE_ARGUMENTS | ({"in"} if onerror == "onerror" else set())
        while True:
            scan.skip_blanks()
            if scan.at_command_end():
                return args
            offset = scan.pos
            name = scan.read_while(ARG_NAME_CHARS)
            if name and scan.peek() == "=":
                scan.advance()
                if scan.peek() in WORD_STOPS - {'"', "$", "[", "(", "{"} or not scan.peek():
                    args.named[name] = Literal("", scan.position())
                else:
                    args.named[name] = self.value(code=name in code_names)
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
            args.positional.append(self.value(code=code_first and not args.positional))

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
                chars.append(scan.advance())
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
        return key, self.value()

    # Expressions ---------------------------------------------------------------------------

    def group(self) -> Expr:
        """``( expression )``; an empty group is nothing."""
        scan = self.scan
        pos = scan.position()
        scan.advance()
        scan.skip_blank_lines()
        if scan.peek() == ")":
            scan.advance()
            return Literal(NOTHING, pos)
        expr = self.expression(0)
        scan.skip_blank_lines()
        if scan.peek() != ")":
            raise scan.error("syntax error")
        scan.advance()
        return expr

    def expression(self, level: int) -> Expr:
        if level == len(LEVELS):
            return self.unary()
        left = self.expression(level + 1)
        while True:
            self.scan.skip_blank_lines()
            op_pos = self.scan.position()
            op = self._operator(LEVELS[level])
            if op is None:
                return left
            right = self.expression(level + 1)
            left = Binary(op, left, right, op_pos)

    def unary(self) -> Expr:
        scan = self.scan
        scan.skip_blank_lines()
        pos = scan.position()
        char = scan.peek()
        if char == "-" or char == "~" or (char == "!" and scan.peek(1) != "="):
            scan.advance()
            return Unary(char, self.unary(), pos)
        if self._peek_word(NAME_CHARS) == "not":
            scan.advance(3)
            return Unary("!", self.unary(), pos)
        expr = self.primary()
        while True:
            scan.skip_blanks()
            if not scan.startswith("->"):
                return expr
            arrow = scan.position()
            scan.advance(2)
            scan.skip_blanks()
            expr = Binary("->", expr, self.primary(), arrow)

    def primary(self) -> Expr:
        scan = self.scan
        char = scan.peek()
        pos = scan.position()
        if char == "(":
            return self.group()
        if char == '"':
            return self.text()
        if char == "$":
            return self.variable()
        if char == "[":
            return self.substitution()
        if char == "{":
            return self.array()
        if char == "*" and scan.peek(1) in HEX and scan.peek(1):
            scan.advance()
            return Literal(parse_literal("*" + scan.read_while(HEX)), pos)
        word = scan.read_while(OPERAND_CHARS)
        if word.endswith(".") and not word.endswith(".."):
            word = word[:-1]
            scan.pos -= 1
        if not word:
            raise scan.error("syntax error")
        if scan.peek() == "/" and (parse_ip(word) or parse_ip6(word)):
            length = self._prefix_length()
            if length:
                word += "/" + length
        return Literal(parse_literal(word), pos)

    def _prefix_length(self) -> str:
        scan = self.scan
        offset = 1
        while scan.peek(offset).isdigit():
            offset += 1
        after = scan.peek(offset)
        if offset == 1 or (after and after in OPERAND_CHARS):
            return ""
        scan.advance(offset)
        return scan.text[scan.pos - offset + 1 : scan.pos]

    def _operator(self, allowed: tuple[str, ...]) -> str | None:
        """The operator at the cursor when it is one of ``allowed`` (consumed)."""
        scan = self.scan
        for word in WORD_OPERATORS:
            if word in allowed and self._peek_word(NAME_CHARS) == word:
                scan.advance(len(word))
                return word
        for symbol in SYMBOLS:
            if scan.startswith(symbol):
                if symbol in allowed:
                    scan.advance(len(symbol))
                    return symbol
                return None
        return None

    # Conditions after ``where`` ----------------------------------------------------------

    def condition(self) -> Expr:
        """``where`` conditions: bare words name item properties, joined by
        ``and``/``or``/``not`` (a blank between two conditions also means ``and``)."""
        return self._joined(("||", "or"), lambda: self._joined(("&&", "and"), self._negation))

    def _joined(self, ops: tuple[str, ...], operand: Callable[[], Expr]) -> Expr:
        scan = self.scan
        left = operand()
        while True:
            scan.skip_blanks()
            pos = scan.position()
            op = self._operator(ops)
            if op is None:
                if "and" not in ops or scan.at_command_end() or self._at_word("or"):
                    return left
                if scan.startswith("||"):
                    return left
                op = "and"
            scan.skip_blanks()
            left = Binary("&&" if op in ("and", "&&") else "||", left, operand(), pos)

    def _negation(self) -> Expr:
        scan = self.scan
        scan.skip_blanks()
        pos = scan.position()
        if scan.peek() == "!" and scan.peek(1) != "=":
            scan.advance()
            return Unary("!", self._negation(), pos)
        if self._at_word("not"):
            scan.advance(3)
            return Unary("!", self._negation(), pos)
        return self._comparison()

    def _comparison(self) -> Expr:
        scan = self.scan
        scan.skip_blanks()
        pos = scan.position()
        if scan.peek() == "(":
            scan.advance()
            inner = self.condition()
            scan.skip_blank_lines()
            scan.expect(")")
            return inner
        name = scan.read_while(PROPERTY_CHARS)
        left: Expr = Property(name, pos) if name else self.primary()
        scan.skip_blanks()
        op_pos = scan.position()
        op = next((op for op in COMPARISONS if scan.startswith(op)), None)
        if op is None and self._at_word("in"):
            op = "in"
        if op is None:
            return left
        scan.advance(len(op))
        scan.skip_blanks()
        return Binary(op, left, self.value(), op_pos)

    # Small helpers -----------------------------------------------------------------------

    def _peek_word(self, chars: frozenset[str]) -> str:
        scan = self.scan
        end = scan.pos
        while end < len(scan.text) and scan.text[end] in chars:
            end += 1
        return scan.text[scan.pos : end]

    def _at_word_end(self) -> bool:
        """At a blank, a terminator, a bracket, ``/`` or a line join: a path word ends."""
        char = self.scan.peek()
        return not char or char in WORD_STOPS or char == "/" or self.scan.startswith("\\\n")

    def _at_word(self, word: str) -> bool:
        return self._peek_word(NAME_CHARS) == word


def syntax_error(message: str, pos: Position) -> ScriptError:
    """A `ScriptError` at a known position, worded as the parser words its own."""
    return ScriptError(f"{message} ({pos})", line=pos.line, column=pos.column)
