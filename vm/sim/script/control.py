"""The ``:`` commands that steer a run: leaving loops and the script (``:break``,
``:continue``, ``:exit``), timing a body (``:time``), filtering what a body writes
(``:grep``), and the commands a script cannot use on the simulated router, which stop
it with a message saying so.
"""

from __future__ import annotations

import re
import time
from typing import Final, NoReturn

from tikjobs.vm.exceptions import ScriptError
from tikjobs.vm.sim.script.builtins import COMMANDS, command
from tikjobs.vm.sim.script.interpreter import Break, Continue, Exit, Interpreter, Scope
from tikjobs.vm.sim.script.nodes import Builtin
from tikjobs.vm.sim.script.values import NOTHING, Duration, RosArray, Value, to_bool, to_str

NOT_SIMULATED: Final = ("lock", "range", "quit", "undo", "redo", "password", "recursive-print")
"""Commands of the console tree the simulator does not model: they fail loudly."""


@command("break")
def _break(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> NoReturn:
    raise Break


@command("continue")
def _continue(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> NoReturn:
    raise Continue


@command("exit")
def _exit(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> NoReturn:
    raise Exit


@command("time")
def _time(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    """``:time { ... }``: how long the body took to run."""
    body = cmd.args.positional[0] if cmd.args.positional else cmd.args.named.get("command")
    started = time.perf_counter_ns()
    interp.run_body(body, scope)
    return Duration(time.perf_counter_ns() - started)


@command("grep")
def _grep(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    """``:grep pattern=x script={ ... }``: the lines the body writes that match the
    pattern (a POSIX extended regular expression), with ``before``/``after`` lines of
    context; ``as-array`` answers them instead of writing them."""

    def option(name: str) -> Value | None:
        expr = cmd.args.named.get(name)
        return None if expr is None else interp.evaluate(expr, scope)

    if "filename" in cmd.args.named:
        raise ScriptError(":grep filename= is not simulated")
    words = [to_str(interp.evaluate(expr, scope)) for expr in cmd.args.positional]
    as_array = "as-array" in words
    words = [word for word in words if word != "as-array"]
    if len(words) > 1:
        raise ScriptError("expected end of command")
    pattern = words[0] if words else to_str(option("pattern") or "")
    try:
        matcher = re.compile(pattern)
    except re.error:
        raise ScriptError(f"invalid regular expression: {pattern}") from None
    lines = interp.capture(cmd.args.named.get("script"), scope).splitlines()
    before = int(to_str(option("before") or 0) or 0)
    after = int(to_str(option("after") or 0) or 0)
    keep: set[int] = set()
    for index, line in enumerate(lines):
        if matcher.search(line):
            keep.update(range(max(index - before, 0), min(index + after + 1, len(lines))))
    chosen = [lines[index] for index in sorted(keep)]
    if "as-array" in cmd.args.named:
        as_array = to_bool(option("as-array") or "yes") is not False
    if as_array:
        return RosArray.of(chosen)
    for line in chosen:
        interp.write(line + "\n")
    return NOTHING


def _not_simulated(name: str) -> None:
    def handler(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> NoReturn:
        raise ScriptError(f":{name} is not simulated")

    COMMANDS[name] = handler


for _name in NOT_SIMULATED:
    _not_simulated(_name)
