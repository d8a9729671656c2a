"""Script values: the types `:typeof` names, how words become typed values, and their
string forms.

RouterOS types every value. A bare word in a script or a value the device answers is
tried, in order, as an internal id (``*1A``), a number, an IPv4 address or prefix, a
time, an IPv6 address or prefix and a boolean; anything else stays a string. Python
carries them as::

    str   str            num  int (64-bit signed)   bool  bool
    id    ItemId         ip   IPv4Address           ip-prefix  IPv4Interface
    ip6   IPv6Address    ip6-prefix IPv6Interface   time  Duration
    array RosArray       code Code                  nil / nothing  Empty members

Prefixes keep their host part (``10.0.0.1/24`` prints as written), because that is
what ``/ip address get ... address`` gives back.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from ipaddress import IPv4Address, IPv4Interface, IPv6Address, IPv6Interface
from typing import TYPE_CHECKING, Final, TypeAlias

if TYPE_CHECKING:
    from tikjobs.vm.sim.script.nodes import Block

INT64_MIN: Final = -(2**63)
INT64_MAX: Final = 2**63 - 1

NANOSECONDS: Final = {
    "w": 7 * 86400 * 10**9,
    "d": 86400 * 10**9,
    "h": 3600 * 10**9,
    "m": 60 * 10**9,
    "s": 10**9,
    "ms": 10**6,
    "us": 10**3,
    "ns": 1,
}


class Empty(enum.Enum):
    """The two ways a value can be absent: a declared variable with no value (``nil``)
    and no value at all (``nothing``: undeclared names, missing keys, ``:nothing``)."""

    NIL = "nil"
    NOTHING = "nothing"


NIL: Final = Empty.NIL
NOTHING: Final = Empty.NOTHING


@dataclass(frozen=True, order=True)
class ItemId:
    """An internal item id such as ``*1A``."""

    number: int

    def __str__(self) -> str:
        return f"*{self.number:X}"


@dataclass(frozen=True, order=True)
class Duration:
    """A RouterOS time value, kept in nanoseconds."""

    nanoseconds: int

    @property
    def seconds(self) -> float:
        return self.nanoseconds / 10**9

    def __str__(self) -> str:
        ns = abs(self.nanoseconds)
        sign = "-" if self.nanoseconds < 0 else ""
        weeks, ns = divmod(ns, NANOSECONDS["w"])
        days, ns = divmod(ns, NANOSECONDS["d"])
        hours, ns = divmod(ns, NANOSECONDS["h"])
        minutes, ns = divmod(ns, NANOSECONDS["m"])
        seconds, ns = divmod(ns, NANOSECONDS["s"])
        text = sign + (f"{weeks}w" if weeks else "") + (f"{days}d" if days else "")
        text += f"{hours:02d}:{minutes:02d}:{seconds:02d}"
        if ns:
            fraction = f"{ns:09d}"
            while fraction.endswith("000"):
                fraction = fraction[:-3]
            text += "." + fraction
        return text


@dataclass
class Code:
    """A function value: the body of a ``do={...}`` or what ``:parse`` compiled."""

    body: Block
    source: str = ""

    def __str__(self) -> str:
        return self.source


@dataclass
class RosArray:
    """A RouterOS array: positional elements first, then keyed elements sorted by key."""

    items: list[Value] = field(default_factory=list)
    keyed: dict[str, Value] = field(default_factory=dict)

    @classmethod
    def of(cls, values: Iterable[Value]) -> RosArray:
        return cls(list(values))

    def __len__(self) -> int:
        return len(self.items) + len(self.keyed)

    def entries(self) -> Iterator[tuple[Value, Value]]:
        """Key and value of every element, in the order RouterOS iterates them."""
        for index, value in enumerate(self.items):
            yield index, value
        for key in sorted(self.keyed):
            yield key, self.keyed[key]

    def values(self) -> list[Value]:
        return [value for _, value in self.entries()]

    def get(self, key: Value) -> Value:
        index = _index(key)
        if index is not None and 0 <= index < len(self.items):
            return self.items[index]
        return self.keyed.get(to_str(key), NOTHING)

    def put(self, key: Value, value: Value) -> None:
        index = _index(key)
        if index is not None and 0 <= index < len(self.items):
            self.items[index] = value
        elif index is not None and index == len(self.items):
            self.items.append(value)
        else:
            self.keyed[to_str(key)] = value

    def copy(self) -> RosArray:
        return RosArray(list(self.items), dict(self.keyed))


def _index(key: Value) -> int | None:
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key
    if isinstance(key, str) and key.isdigit():
        return int(key)
    return None


Value: TypeAlias = (
    str
    | int
    | bool
    | ItemId
    | IPv4Address
    | IPv4Interface
    | IPv6Address
    | IPv6Interface
    | Duration
    | RosArray
    | Code
    | Empty
)

_ID = re.compile(r"\*[0-9A-Fa-f]{1,16}")
_NUMBER = re.compile(r"-?[0-9]+|0x[0-9A-Fa-f]+")
_IPV4 = re.compile(r"(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:/(\d{1,2}))?")
_UNIT_TIME = re.compile(r"(-?)((?:\d+(?:w|d|h|ms|us|ns|m|s))+)")
_UNIT_PART = re.compile(r"(\d+)(w|d|h|ms|us|ns|m|s)")
_CLOCK_TIME = re.compile(
    r"(-?)(?:(\d+)w)?(?:(\d+)d)?(\d+):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?"
)


def parse_number(word: str) -> int | None:
    """A decimal or ``0x`` hexadecimal number in the 64-bit range, else None."""
    if not _NUMBER.fullmatch(word):
        return None
    number = int(word, 16) if word.startswith("0x") else int(word)
    return number if INT64_MIN <= number <= INT64_MAX else None


def parse_time(word: str) -> Duration | None:
    """``1w2d3h4m5s6ms``, ``01:02:03.5`` or ``1d00:00:10``, else None."""
    match = _UNIT_TIME.fullmatch(word)
    if match:
        total = sum(int(count) * NANOSECONDS[unit] for count, unit in _UNIT_PART.findall(match[2]))
        return Duration(-total if match[1] else total)
    match = _CLOCK_TIME.fullmatch(word)
    if match:
        sign, weeks, days, hours, minutes, seconds, fraction = match.groups()
        if int(minutes) > 59 or int(seconds or 0) > 59:
            return None
        total = (
            int(weeks or 0) * NANOSECONDS["w"]
            + int(days or 0) * NANOSECONDS["d"]
            + int(hours) * NANOSECONDS["h"]
            + int(minutes) * NANOSECONDS["m"]
            + int(seconds or 0) * NANOSECONDS["s"]
            + int((fraction or "0").ljust(9, "0"))
        )
        return Duration(-total if sign else total)
    return None


def parse_ip(word: str) -> IPv4Address | IPv4Interface | None:
    """An IPv4 address or prefix (``10.0.0.1``, ``10.0.0.0/24``), else None."""
    match = _IPV4.fullmatch(word)
    if not match or any(int(octet) > 255 for octet in match.groups()[:4]):
        return None
    if match[5] is None:
        return IPv4Address(word)
    if int(match[5]) > 32:
        return None
    return IPv4Interface(word)


def parse_ip6(word: str) -> IPv6Address | IPv6Interface | None:
    """An IPv6 address or prefix, else None."""
    if ":" not in word:
        return None
    try:
        return IPv6Interface(word) if "/" in word else IPv6Address(word)
    except ValueError:
        return None


def parse_literal(word: str) -> Value:
    """The typed value of a bare word, as the console reads it."""
    if _ID.fullmatch(word):
        return ItemId(int(word[1:], 16))
    number = parse_number(word)
    if number is not None:
        return number
    for parse in (parse_ip, parse_time, parse_ip6):
        value = parse(word)
        if value is not None:
            return value
    if word in ("true", "false"):
        return word == "true"
    return word


def type_name(value: Value) -> str:
    """What ``:typeof`` answers for the value."""
    if isinstance(value, Empty):
        return value.value
    if isinstance(value, bool):
        return "bool"
    names: dict[type, str] = {
        str: "str",
        int: "num",
        ItemId: "id",
        IPv4Address: "ip",
        IPv4Interface: "ip-prefix",
        IPv6Address: "ip6",
        IPv6Interface: "ip6-prefix",
        Duration: "time",
        RosArray: "array",
        Code: "code",
    }
    return names[type(value)]


def to_str(value: Value) -> str:
    """The string form ``:put`` and ``:tostr`` give."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Empty):
        return ""
    if isinstance(value, IPv4Interface | IPv6Interface):
        return value.with_prefixlen
    if isinstance(value, RosArray):
        return ";".join(
            f"{key}={to_str(item)}" if isinstance(key, str) else to_str(item)
            for key, item in value.entries()
        )
    return str(value)


def to_num(value: Value) -> int | Empty:
    """``:tonum``: a number, or nil when the value has none."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip()
        number = parse_number(text)
        if number is None and text.startswith("+"):
            number = parse_number(text[1:])
        return NIL if number is None else number
    if isinstance(value, ItemId):
        return value.number
    if isinstance(value, Duration):
        return value.nanoseconds // 10**9
    if isinstance(value, IPv4Address):
        return int(value)
    return NIL


def to_bool(value: Value) -> bool | Empty:
    """``:tobool``: a boolean, or nil when the value has none."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    if isinstance(value, str):
        return {"true": True, "yes": True, "false": False, "no": False}.get(value, NIL)
    return NIL


def to_time(value: Value) -> Duration | Empty:
    """``:totime``: a time (a bare number counts seconds), or nil."""
    if isinstance(value, Duration):
        return value
    if isinstance(value, bool):
        return NIL
    if isinstance(value, int):
        return Duration(value * 10**9)
    if isinstance(value, str):
        number = parse_number(value)
        if number is not None:
            return Duration(number * 10**9)
        return parse_time(value) or NIL
    return NIL


def to_ip(value: Value) -> IPv4Address | IPv4Interface | Empty:
    """``:toip``: an IPv4 address (or prefix), or nil."""
    if isinstance(value, IPv4Address | IPv4Interface):
        return value
    if isinstance(value, str):
        return parse_ip(value) or NIL
    return NIL


def to_ip6(value: Value) -> IPv6Address | IPv6Interface | Empty:
    """``:toip6``: an IPv6 address (or prefix), or nil."""
    if isinstance(value, IPv6Address | IPv6Interface):
        return value
    if isinstance(value, str):
        return parse_ip6(value) or NIL
    return NIL


def to_id(value: Value) -> ItemId | Empty:
    """``:toid``: an internal id, or nil."""
    if isinstance(value, ItemId):
        return value
    if isinstance(value, bool):
        return NIL
    if isinstance(value, int):
        return ItemId(value)
    if isinstance(value, str) and _ID.fullmatch(value):
        return ItemId(int(value[1:], 16))
    return NIL


def to_array(value: Value) -> RosArray:
    """``:toarray``: arrays stay, strings split at commas, nothing becomes empty."""
    if isinstance(value, RosArray):
        return value
    if isinstance(value, Empty):
        return RosArray()
    if isinstance(value, str):
        return RosArray.of(value.split(",")) if value else RosArray()
    return RosArray.of([value])


def typed(text: str) -> Value:
    """A value as the device answered it (always a string on the wire), typed the way
    ``get`` and ``print as-value`` hand it to a script: a comma list of typed words
    (``8.8.8.8,1.1.1.1``) becomes an array."""
    if "," in text:
        parts = [parse_literal(part) for part in text.split(",")]
        if all(not isinstance(part, str) for part in parts):
            return RosArray.of(parts)
    return parse_literal(text)
