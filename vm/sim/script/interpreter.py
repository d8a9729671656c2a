"""Running a parsed script: scopes and variables, expressions, function calls, menu
commands and errors.

How this works
--------------
`Interpreter.run` parses the whole script first (a syntax error runs nothing), then
walks the tree. Each ``{ }`` block and each body of ``:if``/``:do``/``:for`` ... is a
child `Scope`; a function body runs in a fresh scope that sees only its arguments
(``$1``, ``$2`` ..., named ones by name) and the globals it declares. ``:global`` puts a
marker in the scope, and the value lives in `Console.globals` so it outlives the run.

Menu commands go through `vm.sim.script.console.MenuConsole`. A `RouterOSError` a
command raises ends the script unchanged unless a ``:do { } on-error={ }`` catches it;
an unknown menu or command reads as RouterOS words it, ``bad command name x (line L
column C)``. `Interrupted` (a cancelled run, a reboot) is never caught by a script.
Loops call ``Console.sleep(0)`` now and then, so even a busy loop can be stopped.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Mapping
from typing import Final

from tikjobs.vm.exceptions import Interrupted, NoSuchCommand, ScriptError
from tikjobs.vm.sim.command import Console, Row
from tikjobs.vm.sim.script.console import Invocation, MenuConsole, typed_property
from tikjobs.vm.sim.script.nodes import (
    ArrayLiteral,
    Binary,
    Block,
    Builtin,
    Call,
    CodeLiteral,
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
from tikjobs.vm.sim.script.operators import BINARY, UNARY, truth
from tikjobs.vm.sim.script.parser import parse
from tikjobs.vm.sim.script.values import NIL, NOTHING, Code, RosArray, Value, to_str

MAX_DEPTH: Final = 50
TICK_EVERY: Final = 256
_UNKNOWN_WORD = re.compile(r"no such command or directory \((.*)\)")


class Declared(enum.Enum):
    """The mark ``:global name`` leaves in a scope: the value lives in the globals."""

    GLOBAL = "global"


class Scope:
    """Local variables of one block, chained to the enclosing block's scope."""

    def __init__(self, parent: Scope | None = None) -> None:
        self.parent = parent
        self.names: dict[str, Value | Declared] = {}

    def owner(self, name: str) -> Scope | None:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.names:
                return scope
            scope = scope.parent
        return None


class Returned(Exception):
    """``:return`` unwinding to the function call (or ending the script)."""

    def __init__(self, value: Value) -> None:
        super().__init__()
        self.value = value


def clone(value: Value) -> Value:
    """A value as stored by an assignment: arrays are copied, as RouterOS copies them."""
    if isinstance(value, RosArray):
        return RosArray(
            [clone(item) for item in value.items],
            {key: clone(item) for key, item in value.keyed.items()},
        )
    return value


class Break(Exception):
    """``:break``: leave the innermost loop."""


class Continue(Exception):
    """``:continue``: go on with the innermost loop's next round."""


class Exit(Exception):
    """``:exit``: end the whole script quietly."""


class RaisedError(ScriptError):
    """What ``:error`` raises: RouterOS shows its message alone, without a place."""


def located(error: ScriptError, pos: Position) -> ScriptError:
    """A script error given the place of the command that raised it, if it has none."""
    if error.line is not None or isinstance(error, RaisedError):
        return error
    return ScriptError(f"{error.message} ({pos})", line=pos.line, column=pos.column)


Handler = Callable[["Interpreter", Builtin, Scope, bool], Value]


Write = Callable[[str], None]


class Interpreter:
    """Runs scripts against one `Console`; `output` collects what they write.

    ``write``, when given, also receives each piece of output as it is written, so a
    caller can pass it on at once (an SSH channel) and keeps what a failed run wrote.
    """

    def __init__(
        self, console: Console, commands: Mapping[str, Handler], write: Write | None = None
    ) -> None:
        self.console = console
        self.commands = commands
        self.output: list[str] = []
        self._sink = write
        self.menus = MenuConsole(console, self.write)
        self._depth = 0
        self._ticks = 0

    def run(self, source: str) -> str:
        """Run a whole script and answer its output."""
        block = parse(source, self.console)
        try:
            self.statements(block.statements, Scope())
        except (Returned, Exit, Break, Continue):
            pass
        except RecursionError:
            raise ScriptError("call depth exceeded") from None
        return "".join(self.output)

    def write(self, text: str) -> None:
        self.output.append(text)
        if self._sink is not None:
            self._sink(text)

    def capture(self, body: Expr | None, scope: Scope) -> str:
        """Run a body and answer what it wrote instead of writing it."""
        saved = self.output, self._sink
        self.output, self._sink = [], None
        try:
            self.run_body(body, scope)
            return "".join(self.output)
        finally:
            self.output, self._sink = saved

    def tick(self) -> None:
        """Let the console stop a long loop (``sleep`` raises `Interrupted`)."""
        self._ticks += 1
        if self._ticks % TICK_EVERY == 0:
            self.console.sleep(0)

    # -- statements ----------------------------------------------------------------------

    def statements(
        self, statements: list[Statement], scope: Scope, *, value: bool = False
    ) -> Value:
        result: Value = NOTHING
        for statement in statements:
            result = self.execute(statement, scope, value)
        return result

    def execute(self, statement: Statement, scope: Scope, for_value: bool = False) -> Value:
        if isinstance(statement, Block):
            return self.statements(statement.statements, Scope(scope), value=for_value)
        if isinstance(statement, Builtin):
            try:
                return self.commands[statement.name](self, statement, scope, for_value)
            except ScriptError as error:
                raise located(error, statement.pos) from None
        if isinstance(statement, MenuCommand):
            return self.menu_command(statement, scope, for_value)
        if isinstance(statement, Call):
            function = self.evaluate(statement.function, scope)
            if not isinstance(function, Code):
                return function
            positional = [self.evaluate(arg, scope) for arg in statement.args.positional]
            named = {
                name: NOTHING if arg is None else self.evaluate(arg, scope)
                for name, arg in statement.args.named.items()
            }
            if isinstance(statement.function, Variable):
                named.setdefault("0", statement.function.name)
            return self.call(function, positional, named, statement.pos)
        return self.evaluate(statement.expr, scope)

    def run_body(self, body: Expr | None, scope: Scope) -> Value:
        """Run a ``do={...}``-style body in a child scope of ``scope``."""
        if body is None:
            return NOTHING
        if isinstance(body, CodeLiteral):
            return self.statements(body.body.statements, Scope(scope))
        code = self.evaluate(body, scope)
        if isinstance(code, Code):
            return self.statements(code.body.statements, Scope(scope))
        return code

    def loop_body(self, body: Expr | None, scope: Scope) -> bool:
        """One round of a loop's body; False when ``:break`` ends the loop."""
        try:
            self.run_body(body, scope)
        except Continue:
            pass
        except Break:
            return False
        return True

    def call(
        self, function: Code, positional: list[Value], named: dict[str, Value], pos: Position
    ) -> Value:
        """Call a function value: a fresh scope holding only its arguments."""
        scope = Scope()
        for number, value in enumerate(positional, start=1):
            scope.names[str(number)] = clone(value)
        for name, value in named.items():
            scope.names[name] = clone(value)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise ScriptError(f"call depth exceeded ({pos})", line=pos.line, column=pos.column)
            self.statements(function.body.statements, scope)
        except Returned as returned:
            return returned.value
        finally:
            self._depth -= 1
        return NOTHING

    def menu_command(self, command: MenuCommand, scope: Scope, for_value: bool) -> Value:
        args = command.args
        where: Callable[[Row], bool] | None = None
        condition = args.where
        if condition is not None:
            where = lambda row: truth(self.evaluate(condition, scope, row))  # noqa: E731
        call = Invocation(
            command.path,
            command.verb,
            [self.argument(arg, scope) for arg in args.positional],
            {name: self.argument(arg, scope) for name, arg in args.named.items()},
            where,
            for_value,
        )
        try:
            return self.menus.run(call)
        except Interrupted:
            raise
        except NoSuchCommand as error:
            match = _UNKNOWN_WORD.fullmatch(error.message)
            word = match[1] if match else command.verb
            pos = command.word_pos.get(word, command.verb_pos)
            raise ScriptError(
                f"bad command name {word} ({pos})", line=pos.line, column=pos.column
            ) from None
        except ScriptError as error:
            raise located(error, command.verb_pos) from None

    def argument(self, expr: Expr | None, scope: Scope) -> Value:
        """An argument of a command: a bare word stays as written."""
        if expr is None:
            return ""
        if isinstance(expr, Literal) and expr.text is not None:
            return expr.text
        return self.evaluate(expr, scope)

    # -- variables -----------------------------------------------------------------------

    def lookup(self, name: str, scope: Scope) -> Value:
        owner = scope.owner(name)
        if owner is None:
            return NOTHING
        value = owner.names[name]
        if isinstance(value, Declared):
            return self._global(name)
        return value

    def _global(self, name: str) -> Value:
        stored = self.console.globals.get(name, NOTHING)
        return stored  # type: ignore[return-value]

    def declare_global(self, name: str, scope: Scope, value: Value | None) -> None:
        scope.names[name] = Declared.GLOBAL
        if value is not None:
            self.console.globals[name] = clone(value)
        elif name not in self.console.globals:
            self.console.globals[name] = NIL

    def assign(self, name: str, scope: Scope, value: Value) -> None:
        """``:set``: the innermost declaration gets the value."""
        owner = scope.owner(name)
        if owner is None:
            if name in self.console.globals:
                self.console.globals[name] = clone(value)
            else:
                scope.names[name] = clone(value)
        elif isinstance(owner.names[name], Declared):
            self.console.globals[name] = clone(value)
        else:
            owner.names[name] = clone(value)

    # -- expressions ---------------------------------------------------------------------

    def evaluate(self, expr: Expr, scope: Scope, row: Row | None = None) -> Value:
        if isinstance(expr, Literal):
            return expr.value
        if isinstance(expr, Variable):
            return self.lookup(expr.name, scope)
        if isinstance(expr, Text):
            return "".join(
                part if isinstance(part, str) else to_str(self.evaluate(part, scope, row))
                for part in expr.parts
            )
        if isinstance(expr, Binary):
            return self._binary(expr, scope, row)
        if isinstance(expr, Unary):
            return UNARY[expr.op](self.evaluate(expr.operand, scope, row))
        if isinstance(expr, Substitution):
            return self.substitute(expr.body, scope)
        if isinstance(expr, Juxtaposition):
            return "".join(
                part.text
                if isinstance(part, Literal) and part.text is not None
                else to_str(self.evaluate(part, scope, row))
                for part in expr.parts
            )
        if isinstance(expr, ArrayLiteral):
            array = RosArray()
            for key, item in expr.entries:
                value = clone(self.evaluate(item, scope, row))
                if key is None:
                    array.items.append(value)
                else:
                    array.keyed[key] = value
            return array
        if isinstance(expr, Property):
            if row is None or expr.name not in row:
                return NOTHING
            return typed_property(expr.name, row[expr.name])
        return Code(expr.body, expr.source)

    def _binary(self, expr: Binary, scope: Scope, row: Row | None) -> Value:
        """Operators along the left spine (``a + b + c ...``) evaluated in a loop, so a
        long chain costs no stack."""
        spine: list[Binary] = []
        node: Expr = expr
        while isinstance(node, Binary):
            spine.append(node)
            node = node.left
        value = self.evaluate(node, scope, row)
        for step in reversed(spine):
            if step.op in ("&&", "and"):
                value = truth(value) and truth(self.evaluate(step.right, scope, row))
            elif step.op in ("||", "or"):
                value = truth(value) or truth(self.evaluate(step.right, scope, row))
            else:
                try:
                    value = BINARY[step.op](value, self.evaluate(step.right, scope, row))
                except ScriptError as error:
                    raise located(error, step.pos) from None
        return value

    def substitute(self, body: Block, scope: Scope) -> Value:
        """``[ ... ]``: run the commands and answer the last one's value."""
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise ScriptError("call depth exceeded")
            return self.statements(body.statements, Scope(scope), value=True)
        finally:
            self._depth -= 1
