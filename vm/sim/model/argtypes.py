"""Value kinds for the arguments of menus built from the command tree.

RouterOS describes an argument's value in the tree's ``desc`` (``"time interval"``,
``"0..4294967295"``, ``"A.B.C.D    (IP address)"``, ``"accept|drop[,Action*]"``); many
arguments carry no description but the console offers a fixed set of words for them
(``yes``/``no``, ``accept``/``drop``/...). `kind_for` turns what the tree says into a
`vm.sim.menus.Kind` that refuses a bad value with RouterOS's message and writes an
accepted one as RouterOS prints it (intervals as ``1d2h``). Anything the tree does not
pin down stays free text: a value a router might take is never refused here.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import Final

from tikjobs.vm.exceptions import InvalidValue
from tikjobs.vm.sim.menus import BOOL, TEXT, Int, Kind, Lookup, Mac

_RANGE = re.compile(r"(-?\d+)\.\.(-?\d+)")
_ENUM = re.compile(r"([A-Za-z0-9_.+/-]+(?:\|[A-Za-z0-9_.+/-]+)+)(\[,\w+\*\])?")
_INTERVAL = re.compile(r"(?:(\S*)\.\.(\S*)\s+)?\(time interval\)|time interval")

# Arguments the tree gives no range for, with the range RouterOS enforces.
PORTS: Final = frozenset({"port", "src-port", "dst-port"})
"""Arguments that take port numbers: one, ``a-b`` ranges or comma-separated lists."""
NAMED_RANGES: Final = {
    "vlan-id": (1, 4095),
    "mtu": (0, 65535),
    "l2mtu": (0, 65535),
    "distance": (1, 255),
}
# Arguments whose console completions are examples, not the only values a router takes.
OPEN_ENUMS: Final = frozenset(
    {
        "chain", "jump-target", "incoming-filter", "outgoing-filter", "protocol",
        "ip-protocol", "ipv6-next-header", "mac-protocol", "header-stack", "label", "code",
        "ether-type", "routing-table", "routing-mark", "table", "vrf", "interface",
        "in-interface", "out-interface", "list", "interface-list", "in-interface-list",
        "out-interface-list", "bridge", "profile", "group", "user", "address-pool", "pool",
        "server", "certificate", "copy-from", "numbers", "number", "master-interface",
        "comment", "name", "dhcp-option-set", "connection-mark", "packet-mark",
        "new-connection-mark", "new-packet-mark", "new-routing-mark", "address-list",
        "src-address-list", "dst-address-list", "parent", "queue", "packet-marks",
        "target", "local-address", "remote-address", "dns-name", "country", "channel",
        "key-size", "baud-rate", "cache-entries", "ntp-server", "servers", "auth-key",
        "subject-alt-name", "ipsec-policy",
    }
)  # fmt: skip
OBJECT_WORDS: Final = frozenset(
    {"ether1", "main", "default", "lo", "admin", "full", "read", "write", "default-encryption"}
)
"""Completion values that are the items of the router the tree was taken from; an
argument offering both ``all`` and ``none`` names interface lists, which users add to."""


def _number(text: str) -> int | None:
    try:
        return int(text.strip(), 0)
    except ValueError:
        return None


@dataclass(frozen=True)
class Choices(Kind):
    """One of a set of words, or (``many``) a comma-separated list of them; ``!`` in
    front negates a firewall matcher and is kept."""

    values: frozenset[str]
    many: bool = False

    def parse(self, prop: str, value: str, lookup: Lookup) -> str:
        parts = value.split(",") if self.many else [value]
        for part in parts:
            word = part[1:] if part.startswith("!") else part
            if word not in self.values and word.partition(":")[0] not in self.values:
                raise InvalidValue(f"input does not match any value of {prop}")
        return value


_UNITS: Final = (("w", 604800000), ("d", 86400000), ("h", 3600000), ("m", 60000), ("s", 1000))
_PART = re.compile(r"(\d+(?:\.\d+)?)(ms|us|w|d|h|m|s)?")
_SCALE: Final = dict(_UNITS) | {"ms": 1, "us": 0}


def parse_interval(text: str) -> int | None:
    """``1d2h``, ``90``, ``500ms``, ``00:01:30.5`` or ``2d 00:01:30`` in milliseconds."""
    text = text.strip()
    if not text:
        return None
    total = 0
    if " " in text:
        head, _, text = text.partition(" ")
        days = parse_interval(head)
        if days is None:
            return None
        total = days
    if ":" in text:
        pieces = text.split(":")
        if len(pieces) not in (2, 3):
            return None
        try:
            numbers = [float(piece) for piece in pieces]
        except ValueError:
            return None
        if len(numbers) == 2:
            numbers.insert(0, 0.0)
        hours, minutes, seconds = numbers
        return total + round(((hours * 60 + minutes) * 60 + seconds) * 1000)
    position = 0
    while position < len(text):
        match = _PART.match(text, position)
        if match is None or match.end() == position:
            return None
        total += round(float(match.group(1)) * _SCALE[match.group(2) or "s"])
        position = match.end()
    return total


def format_interval(millis: int) -> str:
    """Milliseconds as RouterOS 7 prints an interval: ``1w2d3h``, ``1s500ms``, ``0s``."""
    if millis <= 0:
        return "0s"
    parts = []
    for unit, size in _UNITS:
        count, millis = divmod(millis, size)
        if count:
            parts.append(f"{count}{unit}")
    if millis:
        parts.append(f"{millis}ms")
    return "".join(parts)


@dataclass(frozen=True)
class Interval(Kind):
    """A time interval within ``low..high`` (milliseconds; None: unbounded); ``words``
    are accepted as they are (``auto``, ``none``, ``disabled``)."""

    low: int | None = None
    high: int | None = None
    low_text: str = ""
    high_text: str = ""
    words: frozenset[str] = frozenset()

    def parse(self, prop: str, value: str, lookup: Lookup) -> str:
        if value in self.words:
            return value
        millis = parse_interval(value)
        if millis is None:
            raise InvalidValue(f"invalid value for argument {prop}")
        if (self.low is not None and millis < self.low) or (
            self.high is not None and millis > self.high
        ):
            raise InvalidValue(f"value of {prop} out of range ({self.low_text}..{self.high_text})")
        return format_interval(millis)


@dataclass(frozen=True)
class Ports(Kind):
    """Ports in ``0..65535``: one, a ``low-high`` range, or a comma-separated list of
    them (``!`` in front negates a firewall matcher); out of range is RouterOS's
    ``value of port out of range (0..65535)``."""

    def parse(self, prop: str, value: str, lookup: Lookup) -> str:
        for part in value.removeprefix("!").split(","):
            for number in part.split("-", 1):
                if not number.strip().isdigit():
                    raise InvalidValue(f"invalid value for argument {prop}")
                if int(number) > 65535:
                    raise InvalidValue(f"value of {prop} out of range (0..65535)")
        return value


@dataclass(frozen=True)
class Range(Kind):
    """A whole number within a range, or one of ``words`` (``auto``, ``unlimited``)."""

    low: int
    high: int
    words: frozenset[str] = frozenset()

    def parse(self, prop: str, value: str, lookup: Lookup) -> str:
        if value in self.words:
            return value
        return Int(self.low, self.high).parse(prop, value, lookup)


def _ipv6(text: str) -> bool:
    """An IPv6 address or prefix: the tree describes some arguments by their IPv4 form
    only (``/snmp src-address`` is ``::`` on a fresh router)."""
    try:
        ipaddress.IPv6Network(text, strict=False)
    except ValueError:
        return False
    return True


def _ipv4(text: str) -> bool:
    try:
        ipaddress.IPv4Address(text)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Addresses(Kind):
    """IPv4 values in the shapes an argument takes: ``address`` and ``prefix`` (an
    address or ``A.B.C.D/M``: the tree says "IP address" for arguments that also take a
    prefix, such as ``/ip dhcp-server network address``), ``range`` (those or ``A-B``);
    comma-separated lists of them; ``words`` as they are."""

    shape: str
    words: frozenset[str] = frozenset()

    def parse(self, prop: str, value: str, lookup: Lookup) -> str:
        if value in self.words or value == "":
            return value
        for part in value.split(","):
            if not self._fits(part.strip().removeprefix("!")):
                raise InvalidValue(f"invalid value for argument {prop}")
        return value

    def _fits(self, text: str) -> bool:
        if _ipv4(text) or _ipv6(text):
            return True
        if "/" in text:
            try:
                ipaddress.IPv4Network(text, strict=False)
            except ValueError:
                return False
            return True
        if self.shape == "range" and "-" in text:
            low, _, high = text.partition("-")
            return _ipv4(low) and _ipv4(high)
        return False


@dataclass(frozen=True)
class Ipv6Prefix(Kind):
    """An IPv6 prefix or address (or a comma-separated list); IPv4 too, as the tree
    gives only the IPv6 form of arguments that take both (``/ip ipsec policy``)."""

    def parse(self, prop: str, value: str, lookup: Lookup) -> str:
        for part in value.split(","):
            try:
                ipaddress.ip_network(part.strip().removeprefix("!"), strict=False)
            except ValueError:
                raise InvalidValue(f"invalid value for argument {prop}") from None
        return value


def _words(desc: str) -> frozenset[str]:
    """Words a description allows besides its main shape (``none | A.B.C.D``)."""
    head = desc.split("    (")[0]
    return frozenset(p.strip() for p in head.split("|")[:-1] if re.fullmatch(r"[a-z-]+", p.strip()))


def kind_for(name: str, desc: str, offered: tuple[str, ...] | None) -> Kind:
    """The kind of an argument from its description and console completions."""
    if desc.endswith("(time interval)") or desc == "time interval":
        return _interval(desc, offered)
    if desc.endswith("(IP address)"):
        return Addresses("address", _words(desc))
    if desc.endswith("(IP prefix)"):
        return Addresses("prefix")
    if desc.endswith("(IP address range)"):
        return Addresses("range")
    if desc.endswith("(MAC address)"):
        return Mac()
    if desc.endswith("(IPv6 prefix)"):
        return Ipv6Prefix()
    bounds = _RANGE.fullmatch(desc.strip())
    if bounds is not None:
        return Range(int(bounds[1]), int(bounds[2]))
    listed = _ENUM.fullmatch(desc.strip())
    if listed is not None and name not in OPEN_ENUMS:
        return Choices(frozenset(listed[1].split("|")), many=listed[2] is not None)
    if desc:
        return TEXT
    words = frozenset(offered or ())
    if words == {"yes", "no"}:
        return BOOL
    if words & {"yes", "no"}:
        words |= {"yes", "no"}
    if name in PORTS:
        return Ports()
    if name in NAMED_RANGES:
        low, high = NAMED_RANGES[name]
        return Range(low, high, words)
    if (
        len(words) >= 2
        and name not in OPEN_ENUMS
        and not words & OBJECT_WORDS
        and not {"all", "none"} <= words
        and not any(word[:1].isdigit() or word.startswith('"') for word in words)
    ):
        return Choices(words | {""} if "" in words else words)
    return TEXT


def _interval(desc: str, offered: tuple[str, ...] | None) -> Kind:
    words = frozenset(offered or ())
    match = re.match(r"(\S*)\.\.(\S*)\s", desc)
    if match is None:
        return Interval(words=words)
    low_text, high_text = match[1], match[2]
    return Interval(
        parse_interval(low_text) if low_text else None,
        parse_interval(high_text) if high_text else None,
        low_text,
        high_text,
        words,
    )
