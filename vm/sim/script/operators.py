"""What the script operators do to each pair of types: arithmetic, comparison,
concatenation, bitwise, regular expressions, ``in`` and ``->``.

Numbers are 64-bit and wrap; ``/`` and ``%`` truncate toward zero as RouterOS (C) does.
Strings that read as a number, address or time take part in arithmetic as that type.
A combination RouterOS has no meaning for gives nothing, as on a router, except
division by zero and a broken regular expression, which stop the script.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from ipaddress import IPv4Address, IPv4Interface, IPv6Address, IPv6Interface
from typing import Final

from tikjobs.vm.exceptions import ScriptError
from tikjobs.vm.sim.script.values import (
    INT64_MIN,
    NOTHING,
    Duration,
    Empty,
    RosArray,
    Value,
    parse_literal,
    to_array,
    to_bool,
    to_str,
    type_name,
)

POSIX_CLASSES: Final = {
    "[:digit:]": "0-9",
    "[:alpha:]": "a-zA-Z",
    "[:alnum:]": "a-zA-Z0-9",
    "[:upper:]": "A-Z",
    "[:lower:]": "a-z",
    "[:space:]": r"\s",
    "[:blank:]": r" \t",
    "[:xdigit:]": "0-9A-Fa-f",
    "[:punct:]": r"!-/:-@\[-`{-~",
    "[:word:]": r"\w",
}


def wrap(number: int) -> int:
    """A number brought into the signed 64-bit range, as RouterOS's arithmetic wraps."""
    return (number - INT64_MIN) % 2**64 + INT64_MIN


def _operand(value: Value) -> Value:
    """A string that reads as a number, address or time counts as one in arithmetic."""
    return parse_literal(value) if isinstance(value, str) else value


def _num(value: Value) -> int | None:
    """The number a value is (booleans are not numbers), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _truncating_div(a: int, b: int) -> int:
    if b == 0:
        raise ScriptError("division by zero")
    quotient = abs(a) // abs(b)
    return quotient if (a < 0) == (b < 0) else -quotient


def _ip_plus(address: IPv4Address, number: int) -> IPv4Address:
    return IPv4Address((int(address) + number) % 2**32)


def add(a: Value, b: Value) -> Value:
    a, b = _operand(a), _operand(b)
    if isinstance(b, Empty) and not isinstance(a, Empty | RosArray):
        return a
    if isinstance(a, Empty) and not isinstance(b, RosArray):
        return b
    x, y = _num(a), _num(b)
    if x is not None and y is not None:
        return wrap(x + y)
    if isinstance(a, Duration) and isinstance(b, Duration):
        return Duration(a.nanoseconds + b.nanoseconds)
    if isinstance(a, IPv4Address) and y is not None:
        return _ip_plus(a, y)
    if x is not None and isinstance(b, IPv4Address):
        return _ip_plus(b, x)
    return NOTHING


def subtract(a: Value, b: Value) -> Value:
    a, b = _operand(a), _operand(b)
    x, y = _num(a), _num(b)
    if x is not None and y is not None:
        return wrap(x - y)
    if isinstance(a, Duration) and isinstance(b, Duration):
        return Duration(a.nanoseconds - b.nanoseconds)
    if isinstance(a, IPv4Address) and y is not None:
        return _ip_plus(a, -y)
    if isinstance(a, IPv4Address) and isinstance(b, IPv4Address):
        return int(a) - int(b)
    return NOTHING


def multiply(a: Value, b: Value) -> Value:
    a, b = _operand(a), _operand(b)
    x, y = _num(a), _num(b)
    if x is not None and y is not None:
        return wrap(x * y)
    if isinstance(a, Duration) and y is not None:
        return Duration(a.nanoseconds * y)
    if x is not None and isinstance(b, Duration):
        return Duration(b.nanoseconds * x)
    return NOTHING


def divide(a: Value, b: Value) -> Value:
    a, b = _operand(a), _operand(b)
    x, y = _num(a), _num(b)
    if x is not None and y is not None:
        return wrap(_truncating_div(x, y))
    if isinstance(a, Duration) and y is not None:
        return Duration(_truncating_div(a.nanoseconds, y))
    if isinstance(a, Duration) and isinstance(b, Duration):
        return _truncating_div(a.nanoseconds, b.nanoseconds)
    return NOTHING


def modulo(a: Value, b: Value) -> Value:
    x, y = _num(_operand(a)), _num(_operand(b))
    if x is not None and y is not None:
        return x - _truncating_div(x, y) * y
    return NOTHING


def _bitwise(op: Callable[[int, int], int]) -> Callable[[Value, Value], Value]:
    def apply(a: Value, b: Value) -> Value:
        a, b = _operand(a), _operand(b)
        x, y = _num(a), _num(b)
        if x is not None and y is not None:
            return wrap(op(x, y))
        if isinstance(a, IPv4Address) and isinstance(b, IPv4Address):
            return IPv4Address(op(int(a), int(b)) % 2**32)
        return NOTHING

    return apply


def _shift(left: bool) -> Callable[[Value, Value], Value]:
    def apply(a: Value, b: Value) -> Value:
        x, y = _num(_operand(a)), _num(_operand(b))
        if x is None or y is None or y < 0:
            return NOTHING
        count = min(y, 64)
        return wrap(x << count) if left else x >> count

    return apply


def equal(a: Value, b: Value) -> bool:
    """``=``: same type and value; a string equals what it reads as (``"5" = 5``)."""
    if type_name(a) == type_name(b):
        return a == b
    if isinstance(a, str) or isinstance(b, str):
        return to_str(a) == to_str(b)
    return False


def _ordered(a: Value, b: Value) -> tuple[object, object] | None:
    """Two values that can be put in order, as comparable Python values."""
    if type_name(a) != type_name(b):
        a, b = _operand(a), _operand(b)
    if isinstance(a, bool) or isinstance(b, bool):
        return None
    for kind in (int, Duration, IPv4Address, IPv6Address, str, IPv4Interface):
        if isinstance(a, kind) and isinstance(b, kind):
            return a, b
    return None


def _compare(test: Callable[[object, object], bool]) -> Callable[[Value, Value], Value]:
    def apply(a: Value, b: Value) -> Value:
        pair = _ordered(a, b)
        return False if pair is None else test(*pair)

    return apply


def _posix(pattern: str) -> str:
    for name, chars in POSIX_CLASSES.items():
        pattern = pattern.replace(name, chars)
    return pattern


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(_posix(pattern))
    except re.error:
        raise ScriptError(f"invalid regular expression: {pattern}") from None


def matches(a: Value, b: Value) -> bool:
    """``~``: whether the POSIX extended regular expression ``b`` matches within ``a``."""
    return _regex(to_str(b)).search(to_str(a)) is not None


def contains(a: Value, b: Value) -> bool:
    """``in``: an address in a prefix, a prefix inside a prefix, an element in an array."""
    a, b = _operand(a), _operand(b)
    if isinstance(b, IPv4Interface | IPv6Interface):
        if isinstance(a, IPv4Address | IPv6Address):
            return a.version == b.version and a in b.network
        if isinstance(a, IPv4Interface | IPv6Interface):
            return a.version == b.version and a.network.subnet_of(b.network)  # type: ignore[arg-type]
        return False
    if isinstance(b, RosArray):
        return any(equal(a, item) for item in b.values())
    return False


def concatenate(a: Value, b: Value) -> Value:
    """``.``: the string forms joined."""
    return to_str(a) + to_str(b)


def join_arrays(a: Value, b: Value) -> Value:
    """``,``: one array of both sides' elements."""
    left, right = to_array(a), to_array(b)
    joined = RosArray(left.items + right.items, {**left.keyed, **right.keyed})
    return joined


def element(a: Value, b: Value) -> Value:
    """``->``: the element of an array under a key or index; nothing when absent."""
    return a.get(b) if isinstance(a, RosArray) else NOTHING


def truth(value: Value) -> bool:
    """A value used as a condition: booleans, and what ``:tobool`` makes of the rest."""
    result = to_bool(value)
    if isinstance(result, Empty):
        return False
    return result


BINARY: Final[dict[str, Callable[[Value, Value], Value]]] = {
    "+": add,
    "-": subtract,
    "*": multiply,
    "/": divide,
    "%": modulo,
    "&": _bitwise(lambda x, y: x & y),
    "|": _bitwise(lambda x, y: x | y),
    "^": _bitwise(lambda x, y: x ^ y),
    "<<": _shift(left=True),
    ">>": _shift(left=False),
    "=": equal,
    "!=": lambda a, b: not equal(a, b),
    "<": _compare(lambda x, y: x < y),  # type: ignore[operator]
    ">": _compare(lambda x, y: x > y),  # type: ignore[operator]
    "<=": _compare(lambda x, y: x <= y),  # type: ignore[operator]
    ">=": _compare(lambda x, y: x >= y),  # type: ignore[operator]
    "~": matches,
    "in": contains,
    ".": concatenate,
    ",": join_arrays,
    "->": element,
}


def negate(value: Value) -> Value:
    value = _operand(value)
    number = _num(value)
    if number is not None:
        return wrap(-number)
    if isinstance(value, Duration):
        return Duration(-value.nanoseconds)
    return NOTHING


def invert(value: Value) -> Value:
    value = _operand(value)
    number = _num(value)
    if number is not None:
        return ~number
    if isinstance(value, IPv4Address):
        return IPv4Address(~int(value) % 2**32)
    return NOTHING


def is_set(value: Value) -> bool:
    """A property standing alone in a ``where`` condition: true when a boolean
    property is true or another property has a value."""
    if isinstance(value, bool):
        return value
    return not isinstance(value, Empty) and to_str(value) != ""


UNARY: Final[dict[str, Callable[[Value], Value]]] = {
    "-": negate,
    "!": lambda value: not truth(value),
    "~": invert,
    "?": is_set,
    "any": lambda value: not isinstance(value, Empty),
}
