"""The syntax tree of a RouterOS script: expressions, `where` conditions and commands.

Every node carries the 1-based line and column where it starts, so a runtime error can
say where the failing command is, as RouterOS does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeAlias

from tikjobs.vm.sim.script.values import Value


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in the script source."""

    line: int
    column: int

    def __str__(self) -> str:
        return f"line {self.line} column {self.column}"


# Expressions -------------------------------------------------------------------------


@dataclass
class Literal:
    """A typed constant: a bare word (``10.0.0.1``, ``1s``, ``true``) or a number.

    ``text`` keeps a bare word as written, which is what a menu command is given
    (``name=01`` names ``01``, not the number 1).
    """

    value: Value
    pos: Position
    text: str | None = None


@dataclass
class Text:
    """A double-quoted string; parts are literal text or interpolated expressions."""

    parts: list[str | Expr]
    pos: Position


@dataclass
class Variable:
    """``$name`` or ``$"name"``."""

    name: str
    pos: Position


@dataclass
class Property:
    """A bare property name inside a ``where`` condition (``disabled``, ``address``)."""

    name: str
    pos: Position


@dataclass
class Juxtaposition:
    """Pieces written next to each other without blanks (``wan$n``), concatenated."""

    parts: list[Expr]
    pos: Position


@dataclass
class Substitution:
    """``[ ... ]``: the value the commands inside return."""

    body: Block
    pos: Position


@dataclass
class Unary:
    """``-x``, ``!x``, ``not x``, ``~x``."""

    op: str
    operand: Expr
    pos: Position


@dataclass
class Binary:
    """``left op right`` for every infix operator, including ``->`` and ``in``."""

    op: str
    left: Expr
    right: Expr
    pos: Position


@dataclass
class ArrayLiteral:
    """``{1;2;3}`` or ``{a=1;b=2}``; a ``None`` key is a positional element."""

    entries: list[tuple[str | None, Expr]]
    pos: Position


@dataclass
class CodeLiteral:
    """A ``do={...}`` body used as a value: a function."""

    body: Block
    source: str
    pos: Position


Expr: TypeAlias = (
    Literal
    | Text
    | Variable
    | Property
    | Juxtaposition
    | Substitution
    | Unary
    | Binary
    | ArrayLiteral
    | CodeLiteral
)

# Commands ----------------------------------------------------------------------------


@dataclass
class Arguments:
    """What follows a command name: unnamed values in order and ``name=value`` pairs.

    A named argument written without ``=`` (``count-only``) has the value ``None``.
    """

    positional: list[Expr] = field(default_factory=list)
    named: dict[str, Expr | None] = field(default_factory=dict)
    where: Expr | None = None


@dataclass
class Builtin:
    """A ``:command`` of the scripting language (``:put``, ``:if``, ``:foreach`` ...)."""

    name: str
    args: Arguments
    pos: Position


@dataclass
class MenuCommand:
    """A console command on a menu: ``/ip address add ...`` or a relative ``add ...``.

    ``path`` is absolute (relative commands are resolved while parsing);
    ``word_pos`` places the path words written on this line, for error messages.
    """

    path: tuple[str, ...]
    verb: str
    args: Arguments
    pos: Position
    verb_pos: Position
    word_pos: dict[str, Position] = field(default_factory=dict)


@dataclass
class Call:
    """``$function arg1 name=value``: calls a code value."""

    function: Expr
    args: Arguments
    pos: Position


@dataclass
class Evaluate:
    """An expression standing as a command (``[ ... ]`` at the start of a line)."""

    expr: Expr
    pos: Position


@dataclass
class Block:
    """Commands in order; a ``{ ... }`` block is also a scope for ``:local``."""

    statements: list[Statement]
    pos: Position


Statement: TypeAlias = Builtin | MenuCommand | Call | Evaluate | Block
