"""The expression grammar: what goes inside ``( )`` and after ``where``.

How this works
--------------
Inside parentheses a script is an expression: operands (numbers, addresses, times,
``$var``, ``"text"``, ``[ ... ]``, ``{ array }``, ``( ... )``) joined by infix
operators, read by precedence climbing over `PRECEDENCE` (loosest first: ``,``, ``||``,
``&&``, ``|``, ``^``, ``&``, comparisons, ``.``, shifts, ``+ -``, ``* / %``), with
prefix ``- ! ~ not any`` and postfix ``->`` binding tightest. A word in operand position is
typed as the console types it; ``10.0.0.0/24`` is a prefix, ``10/2`` a division.

After ``where`` the grammar is the condition language of ``find`` and ``print``: a bare
word on the left names an item property, the right side is a console value, and
conditions join with ``and``/``or``/``not`` (or just a blank, meaning ``and``).

Nesting is limited (`MAX_NESTING`), so a hostile script gets a syntax error rather than
exhausting the interpreter's stack.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Final

from tikjobs.vm.sim.script.lexer import NAME_CHARS, WORD_STOPS, Scanner
from tikjobs.vm.sim.script.nodes import (
    ArrayLiteral,
    Binary,
    Expr,
    Literal,
    Property,
    Substitution,
    Text,
    Unary,
    Variable,
)
from tikjobs.vm.sim.script.values import NOTHING, parse_ip, parse_ip6, parse_literal

MAX_NESTING: Final = 64
OPERAND_CHARS: Final = NAME_CHARS | frozenset(".:")
PROPERTY_CHARS: Final = NAME_CHARS | frozenset("-.")
HEX: Final = frozenset("0123456789abcdefABCDEF")

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
PRECEDENCE: Final = {op: level for level, ops in enumerate(LEVELS) for op in ops}
# Longest first, so ``<=`` is not read as ``<``.
SYMBOLS: Final = (
    "->", "<<", ">>", "<=", ">=", "!=", "&&", "||",
    "=", "<", ">", "+", "-", "*", "/", "%", "&", "|", "^", "~", ".", ",",
)  # fmt: skip
WORD_OPERATORS: Final = ("and", "or", "in")
COMPARISONS: Final = ("!=", "<=", ">=", "=", "<", ">", "~")


class ExpressionGrammar:
    """Expressions and ``where`` conditions; the console-line grammar (`Parser`)
    supplies the operands shared with command arguments."""

    scan: Scanner
    depth: int = 0

    # Operands the command-line grammar reads ----------------------------------------------

    def value(self, *, code: bool = False) -> Expr:
        raise NotImplementedError

    def text(self) -> Text:
        raise NotImplementedError

    def variable(self) -> Variable:
        raise NotImplementedError

    def substitution(self) -> Substitution:
        raise NotImplementedError

    def array(self) -> ArrayLiteral:
        raise NotImplementedError

    # Nesting ------------------------------------------------------------------------------

    @contextmanager
    def nested(self) -> Iterator[None]:
        """One level deeper into brackets, blocks or prefix operators."""
        self.depth += 1
        try:
            if self.depth > MAX_NESTING:
                raise self.scan.error("syntax error")
            yield
        finally:
            self.depth -= 1

    # Expressions --------------------------------------------------------------------------

    def group(self) -> Expr:
        """``( expression )``; an empty group is nothing."""
        scan = self.scan
        pos = scan.position()
        with self.nested():
            scan.advance()
            scan.skip_blank_lines()
            if scan.peek() == ")":
                scan.advance()
                return Literal(NOTHING, pos)
            expr = self.expression()
            scan.skip_blank_lines()
            if scan.peek() != ")":
                raise scan.error("syntax error")
            scan.advance()
            return expr

    def expression(self, lowest: int = 0) -> Expr:
        """Operands joined by operators binding at least as tightly as ``lowest``."""
        scan = self.scan
        left = self.unary()
        while True:
            scan.skip_blank_lines()
            pos = scan.position()
            op = self._infix()
            if op is None or PRECEDENCE[op] < lowest:
                return left
            scan.advance(len(op))
            left = Binary(op, left, self.expression(PRECEDENCE[op] + 1), pos)

    def unary(self) -> Expr:
        scan = self.scan
        scan.skip_blank_lines()
        pos = scan.position()
        char = scan.peek()
        prefix = ""
        if char in ("-", "~") or (char == "!" and scan.peek(1) != "="):
            prefix, width = char, 1
        elif self.peek_word(NAME_CHARS) == "not":
            prefix, width = "!", 3
        elif self.peek_word(NAME_CHARS) == "any" and scan.peek(3) in (" ", "\t", "(", "$", "["):
            prefix, width = "any", 3
        if prefix:
            with self.nested():
                scan.advance(width)
                return Unary(prefix, self.unary(), pos)
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
        if char == "*" and scan.peek(1) and scan.peek(1) in HEX:
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
        """The digits after ``/`` when they end the word (a prefix length), else ""."""
        scan = self.scan
        offset = 1
        while scan.peek(offset).isdigit():
            offset += 1
        after = scan.peek(offset)
        if offset == 1 or (after and after in OPERAND_CHARS):
            return ""
        scan.advance(offset)
        return scan.text[scan.pos - offset + 1 : scan.pos]

    def _infix(self) -> str | None:
        """The infix operator at the cursor (not consumed), if any."""
        word = self.peek_word(NAME_CHARS)
        if word in WORD_OPERATORS:
            return word
        for symbol in SYMBOLS:
            if self.scan.startswith(symbol):
                return None if symbol == "->" else symbol
        return None

    # Conditions after ``where`` -------------------------------------------------------------

    def condition(self) -> Expr:
        """A ``where`` condition, up to the end of the command."""
        return self._joined(("||", "or"), lambda: self._joined(("&&", "and"), self._negation))

    def _joined(self, ops: tuple[str, ...], operand: Callable[[], Expr]) -> Expr:
        scan = self.scan
        left = operand()
        while True:
            scan.skip_blanks()
            pos = scan.position()
            op = next((op for op in ops if self._at_operator(op)), None)
            if op is not None:
                scan.advance(len(op))
            elif "and" in ops and not (
                scan.at_command_end() or self.at_word("or") or scan.startswith("||")
            ):
                op = "and"
            else:
                return left
            scan.skip_blanks()
            left = Binary("&&" if op in ("and", "&&") else "||", left, operand(), pos)

    def _at_operator(self, op: str) -> bool:
        return self.at_word(op) if op.isalpha() else self.scan.startswith(op)

    def _negation(self) -> Expr:
        scan = self.scan
        scan.skip_blanks()
        pos = scan.position()
        width = 0
        if scan.peek() == "!" and scan.peek(1) != "=":
            width = 1
        elif self.at_word("not"):
            width = 3
        if width:
            with self.nested():
                scan.advance(width)
                return Unary("!", self._negation(), pos)
        return self._comparison()

    def _comparison(self) -> Expr:
        scan = self.scan
        scan.skip_blanks()
        pos = scan.position()
        if scan.peek() == "(":
            with self.nested():
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
        if op is None and self.at_word("in"):
            op = "in"
        if op is None:
            return Unary("?", left, pos) if isinstance(left, Property) else left
        scan.advance(len(op))
        scan.skip_blanks()
        return Binary(op, left, self.value(), op_pos)

    # Small helpers --------------------------------------------------------------------------

    def peek_word(self, chars: frozenset[str]) -> str:
        """The run of ``chars`` at the cursor (not consumed)."""
        scan = self.scan
        end = scan.pos
        while end < len(scan.text) and scan.text[end] in chars:
            end += 1
        return scan.text[scan.pos : end]

    def at_word(self, word: str) -> bool:
        return self.peek_word(NAME_CHARS) == word

    def at_word_end(self) -> bool:
        """At a blank, a terminator, a bracket, ``/`` or a line join: a path word ends."""
        char = self.scan.peek()
        return not char or char in WORD_STOPS or char == "/" or self.scan.startswith("\\\n")
