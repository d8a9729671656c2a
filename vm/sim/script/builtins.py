"""The ``:`` commands of the scripting language: output and logging, variables, control
flow, conversions and string/array functions, one handler each in `COMMANDS`.

A handler gets the interpreter, the parsed command, the current scope and whether the
command's value is used (inside ``[ ]``), and answers the command's value.
"""

from __future__ import annotations

import random
import string
import time
from collections.abc import Callable
from ipaddress import IPv4Address, IPv6Address
from typing import Final

from tikjobs.vm.exceptions import Interrupted, RouterOSError, ScriptError
from tikjobs.vm.sim.command import Command
from tikjobs.vm.sim.script.console import argument_text
from tikjobs.vm.sim.script.formats import convert, deserialize, serialize, to_crlf, to_lf
from tikjobs.vm.sim.script.interpreter import (
    Handler,
    Interpreter,
    RaisedError,
    Returned,
    Scope,
    clone,
)
from tikjobs.vm.sim.script.nodes import Binary, Builtin, Expr, Variable
from tikjobs.vm.sim.script.operators import equal, truth
from tikjobs.vm.sim.script.parser import parse
from tikjobs.vm.sim.script.values import (
    NIL,
    NOTHING,
    Code,
    Duration,
    Empty,
    RosArray,
    Value,
    to_array,
    to_bool,
    to_id,
    to_ip,
    to_ip6,
    to_num,
    to_str,
    to_time,
    type_name,
    typed,
)

LOG_LEVELS: Final = ("info", "warning", "error", "debug")

COMMANDS: dict[str, Handler] = {}


def command(name: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        COMMANDS[name] = handler
        return handler

    return register


def _arg(interp: Interpreter, cmd: Builtin, scope: Scope, index: int) -> Value | None:
    """The ``index``-th unnamed argument's value, or None when not given."""
    positional = cmd.args.positional
    return interp.evaluate(positional[index], scope) if index < len(positional) else None


def _option(interp: Interpreter, cmd: Builtin, scope: Scope, name: str) -> Value | None:
    expr = cmd.args.named.get(name)
    return None if expr is None else interp.evaluate(expr, scope)


def _given(interp: Interpreter, cmd: Builtin, scope: Scope, index: int, name: str) -> Value:
    """The ``index``-th unnamed argument's value, else the one named ``name``, else
    nothing (``:log info "x"`` and ``:log info message="x"`` say the same)."""
    value = _arg(interp, cmd, scope, index)
    if value is None:
        value = _option(interp, cmd, scope, name)
    return NOTHING if value is None else value


def _name(interp: Interpreter, cmd: Builtin, scope: Scope) -> str:
    value = _arg(interp, cmd, scope, 0)
    if value is None or not to_str(value):
        raise ScriptError("expected variable name")
    return to_str(value)


def _number(value: Value | None, argument: str) -> int:
    number = to_num(NOTHING if value is None else value)
    if isinstance(number, Empty):
        raise ScriptError(f"invalid value for argument {argument}")
    return number


# -- output ------------------------------------------------------------------------------


@command("put")
def _put(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    value = _arg(interp, cmd, scope, 0)
    interp.write(("" if value is None else to_str(value)) + "\n")
    return NOTHING


@command("log")
def _log(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    level = to_str(_arg(interp, cmd, scope, 0) or "")
    if level not in LOG_LEVELS:
        raise ScriptError(f"bad command name {level or 'log'}")
    message = _given(interp, cmd, scope, 1, "message")
    interp.console.execute(Command(("log",), level, {"message": argument_text(message)}))
    return NOTHING


@command("error")
def _error(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    message = _arg(interp, cmd, scope, 0)
    raise RaisedError(to_str(NOTHING if message is None else message))


@command("delay")
def _delay(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    value = _arg(interp, cmd, scope, 0)
    time = to_time(NOTHING if value is None else value)
    if isinstance(time, Empty):
        raise ScriptError("invalid value for argument time")
    interp.console.sleep(max(time.seconds, 0.0))
    return NOTHING


@command("jobname")
def _jobname(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    """The name of the script running (``/system script run x`` is ``x``); a console
    that knows no name (``/execute``, a test console) answers an empty string."""
    return str(getattr(interp.console, "job_name", ""))


@command("beep")
def _nothing_to_do(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    return NOTHING


@command("nothing")
def _nothing(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    return NOTHING


# -- variables -------------------------------------------------------------------------


def _initial(interp: Interpreter, cmd: Builtin, scope: Scope) -> Value | None:
    code = cmd.args.named.get("do")
    if code is not None:
        return interp.evaluate(code, scope)
    return _arg(interp, cmd, scope, 1)


@command("local")
def _local(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    name = _name(interp, cmd, scope)
    value = _initial(interp, cmd, scope)
    scope.names[name] = NIL if value is None else clone(value)
    return NOTHING


@command("global")
def _global(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    name = _name(interp, cmd, scope)
    interp.declare_global(name, scope, _initial(interp, cmd, scope))
    return NOTHING


def _array_at(interp: Interpreter, expr: Expr, scope: Scope) -> RosArray:
    """The array ``:set ($a->"x"->"y") v`` writes into: missing levels (and an empty
    variable) become new arrays, as RouterOS creates them."""
    if isinstance(expr, Binary) and expr.op == "->":
        parent = _array_at(interp, expr.left, scope)
        key = interp.evaluate(expr.right, scope)
        inner = parent.get(key)
        if isinstance(inner, Empty):
            inner = RosArray()
            parent.put(key, inner)
    else:
        inner = interp.evaluate(expr, scope)
        if isinstance(inner, Empty) and isinstance(expr, Variable):
            interp.assign(expr.name, scope, RosArray())
            inner = interp.evaluate(expr, scope)
    if not isinstance(inner, RosArray):
        raise ScriptError("expected array")
    return inner


@command("set")
def _set(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    target = cmd.args.positional[0] if cmd.args.positional else None
    value = _initial(interp, cmd, scope)
    new: Value = NOTHING if value is None else value
    if isinstance(target, Binary) and target.op == "->":
        container = _array_at(interp, target.left, scope)
        container.put(interp.evaluate(target.right, scope), new)
        return NOTHING
    if isinstance(target, Variable):
        interp.assign(target.name, scope, new)
    else:
        interp.assign(_name(interp, cmd, scope), scope, new)
    return NOTHING


# -- control flow ------------------------------------------------------------------------


@command("if")
def _if(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    condition = _arg(interp, cmd, scope, 0)
    branch = "do" if condition is not None and truth(condition) else "else"
    return interp.run_body(cmd.args.named.get(branch), scope)


@command("do")
def _do(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    body = cmd.args.positional[0] if cmd.args.positional else cmd.args.named.get("command")
    loop = cmd.args.named.get("while")
    if loop is not None:
        while True:
            interp.tick()
            if not interp.loop_body(body, scope):
                return NOTHING
            if not truth(interp.evaluate(loop, scope)):
                return NOTHING
    handler = cmd.args.named.get("on-error")
    if handler is None:
        return interp.run_body(body, scope)
    try:
        return interp.run_body(body, scope)
    except Interrupted:
        raise
    except RouterOSError:
        return interp.run_body(handler, scope)


@command("retry")
def _retry(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    """``:retry { } delay=1s max=3 on-error={ }``: run the body until it succeeds."""
    body = cmd.args.positional[0] if cmd.args.positional else cmd.args.named.get("command")
    delay = _option(interp, cmd, scope, "delay")
    pause = to_time(NOTHING if delay is None else delay)
    attempts = _number(_option(interp, cmd, scope, "max") or 3, "max")
    for attempt in range(1, max(attempts, 1) + 1):
        try:
            return interp.run_body(body, scope)
        except Interrupted:
            raise
        except RouterOSError:
            if attempt >= attempts:
                handler = cmd.args.named.get("on-error")
                if handler is None:
                    raise
                return interp.run_body(handler, scope)
            interp.console.sleep(pause.seconds if isinstance(pause, Duration) else 1.0)
    return NOTHING


@command("onerror")
def _onerror(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    given = cmd.args.named.get("error")
    if given is not None:  # ``:onerror error=e in={ } do={ }``
        name = to_str(interp.evaluate(given, scope))
        if not name:
            raise ScriptError("expected variable name")
    else:
        name = _name(interp, cmd, scope)
    body = cmd.args.positional[1] if len(cmd.args.positional) > 1 else cmd.args.named.get("in")
    try:
        interp.run_body(body, scope)
    except Interrupted:
        raise
    except RouterOSError as error:
        inner = Scope(scope)
        inner.names[name] = error.message
        interp.run_body(cmd.args.named.get("do"), inner)
        return True
    return False


@command("while")
def _while(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    condition = cmd.args.positional[0] if cmd.args.positional else None
    while condition is not None and truth(interp.evaluate(condition, scope)):
        interp.tick()
        if not interp.loop_body(cmd.args.named.get("do"), scope):
            break
    return NOTHING


@command("for")
def _for(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    name = _name(interp, cmd, scope)
    start = _number(_option(interp, cmd, scope, "from"), "from")
    end = _number(_option(interp, cmd, scope, "to"), "to")
    given = _option(interp, cmd, scope, "step")
    step = _number(given, "step") if given is not None else (1 if start <= end else -1)
    if step == 0:
        raise ScriptError("invalid value for argument step")
    body = cmd.args.named.get("do")
    number = start
    while (number <= end) if step > 0 else (number >= end):
        interp.tick()
        inner = Scope(scope)
        inner.names[name] = number
        if not interp.loop_body(body, inner):
            break
        number += step
    return NOTHING


@command("foreach")
def _foreach(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    names = _name(interp, cmd, scope).split(",")
    items = _option(interp, cmd, scope, "in")
    if items is None or isinstance(items, Empty):
        return NOTHING
    pairs = list(items.entries()) if isinstance(items, RosArray) else [(0, items)]
    body = cmd.args.named.get("do")
    for key, value in pairs:
        interp.tick()
        inner = Scope(scope)
        if len(names) > 1:
            inner.names[names[0]] = key
            inner.names[names[1]] = value
        else:
            inner.names[names[0]] = value
        if not interp.loop_body(body, inner):
            break
    return NOTHING


@command("return")
def _return(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    value = _arg(interp, cmd, scope, 0)
    raise Returned(NOTHING if value is None else value)


@command("execute")
def _execute(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    attrs = {"script": argument_text(_given(interp, cmd, scope, 0, "script"))}
    flag = _arg(interp, cmd, scope, 1)
    if flag is not None:
        if to_str(flag) != "as-string":
            raise ScriptError("expected end of command")
        attrs["as-string"] = ""
    for name in ("file", "as-string"):
        option = _option(interp, cmd, scope, name)
        if option is not None:
            attrs[name] = argument_text(option)
    reply = interp.console.execute(Command((), "execute", attrs))
    return NOTHING if reply.ret is None else typed(reply.ret)


@command("parse")
def _parse(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    source = to_str(_arg(interp, cmd, scope, 0) or "")
    return Code(parse(source, interp.console), source)


# -- conversions and functions -----------------------------------------------------------


def _converter(convert: Callable[[Value], Value]) -> Handler:
    def handler(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
        value = _arg(interp, cmd, scope, 0)
        return convert(NOTHING if value is None else value)

    return handler


COMMANDS.update(
    {
        "tostr": _converter(to_str),
        "tonum": _converter(to_num),
        "tobool": _converter(to_bool),
        "toid": _converter(to_id),
        "toip": _converter(to_ip),
        "toip6": _converter(to_ip6),
        "totime": _converter(to_time),
        "toarray": _converter(to_array),
        "typeof": _converter(type_name),
        "tolf": _converter(lambda value: to_lf(to_str(value))),
        "tocrlf": _converter(lambda value: to_crlf(to_str(value))),
    }
)


@command("tonsec")
def _tonsec(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    value = _arg(interp, cmd, scope, 0)
    duration = to_time(NOTHING if value is None else value)
    return NIL if isinstance(duration, Empty) else duration.nanoseconds


@command("timestamp")
def _timestamp(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    """The time since the Unix epoch, as RouterOS 7.12 and later answer it."""
    return Duration(time.time_ns())


@command("convert")
def _convert(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    value = _arg(interp, cmd, scope, 0)
    options = {
        name: to_str(_option(interp, cmd, scope, name) or default)
        for name, default in (("from", "raw"), ("to", "raw"), ("transform", ""))
    }
    return convert(
        NOTHING if value is None else value,
        options["from"],
        options["to"],
        options["transform"],
    )


@command("serialize")
def _serialize(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    target = to_str(_option(interp, cmd, scope, "to") or "")
    options = argument_text(_option(interp, cmd, scope, "options") or "")
    return serialize(_given(interp, cmd, scope, 0, "value"), target, options)


@command("deserialize")
def _deserialize(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    source = to_str(_option(interp, cmd, scope, "from") or "")
    options = argument_text(_option(interp, cmd, scope, "options") or "")
    return deserialize(to_str(_given(interp, cmd, scope, 0, "value")), source, options)


@command("resolve")
def _resolve(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    """``:resolve``: the simulated router has no DNS; addresses and localhost resolve."""
    name = _arg(interp, cmd, scope, 0)
    if name is None:
        name = _option(interp, cmd, scope, "domain-name") or ""
    address = to_ip(name) if not isinstance(name, IPv6Address) else name
    if not isinstance(address, Empty):
        return address
    if to_str(name) == "localhost":
        return IPv4Address("127.0.0.1")
    raise RouterOSError("failure: dns name does not exist", 4)


@command("rndstr")
def _rndstr(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    length = _number(_option(interp, cmd, scope, "length") or 16, "length")
    alphabet = to_str(_option(interp, cmd, scope, "from") or "") or (
        string.ascii_letters + string.digits
    )
    return "".join(random.choice(alphabet) for _ in range(max(length, 0)))  # noqa: S311


@command("len")
def _len(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    value = _arg(interp, cmd, scope, 0)
    if value is None or isinstance(value, Empty):
        return 0
    return len(value) if isinstance(value, RosArray) else len(to_str(value))


@command("pick")
def _pick(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    value = _arg(interp, cmd, scope, 0)
    start = max(_number(_arg(interp, cmd, scope, 1), "begin"), 0)
    end_value = _arg(interp, cmd, scope, 2)
    if value is None or isinstance(value, Empty):
        return NOTHING
    if isinstance(value, RosArray):
        items = value.values()
        if end_value is None:
            return items[start] if start < len(items) else NOTHING
        return RosArray.of(items[start : max(_number(end_value, "end"), start)])
    text = to_str(value)
    end = start + 1 if end_value is None else _number(end_value, "end")
    return text[start:end] if end > start else ""


@command("find")
def _find(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    haystack = _arg(interp, cmd, scope, 0)
    needle = _arg(interp, cmd, scope, 1)
    after = _arg(interp, cmd, scope, 2)
    start = -1 if after is None else _number(after, "start")
    if haystack is None or needle is None:
        return NIL
    if isinstance(haystack, RosArray):
        for index, item in enumerate(haystack.values()):
            if index > start and equal(item, needle):
                return index
        return NIL
    position = to_str(haystack).find(to_str(needle), max(start + 1, 0))
    return NIL if position < 0 else position


@command("rndnum")
def _rndnum(interp: Interpreter, cmd: Builtin, scope: Scope, for_value: bool) -> Value:
    low = _number(_option(interp, cmd, scope, "from"), "from")
    high = _number(_option(interp, cmd, scope, "to"), "to")
    return random.randint(min(low, high), max(low, high))  # noqa: S311 - not for secrets
