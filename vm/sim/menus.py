"""The menu engine's vocabulary: menus, properties, value kinds and uniqueness rules.

How this works
--------------
A RouterOS menu (``/ip/address``, ``/interface/bridge`` ...) is a `Menu`: a table entry
that lists its `Prop` properties in print order, which of them are required, read-only
or write-only, the uniqueness rules with their error texts, and which commands it takes.
Nothing here knows about a particular menu; the catalog (``vm.sim.model.catalog``)
holds the entries and the model runs the generic commands over them.

A property's `Kind` turns what a client typed into the canonical string RouterOS stores
and prints (``yes`` -> ``true``, ``10.0.0.1`` -> ``10.0.0.1/32``), or raises
`vm.exceptions.InvalidValue` with RouterOS's wording. Kinds that refer to other items
(an interface name, a bridge) ask a `Lookup`, which the model provides.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from tikjobs.vm.exceptions import InvalidValue

TRUE = "true"
FALSE = "false"


class Lookup(Protocol):
    """What a value kind may ask the device: the key values of another menu's items."""

    def names(self, menu: str) -> set[str]: ...


class Kind:
    """How a property's input is checked and written; the base accepts any text."""

    def parse(self, prop: str, value: str, lookup: Lookup) -> str:
        return value


@dataclass(frozen=True)
class Text(Kind):
    """Free text, optionally limited to a pattern (names, comments, scripts)."""

    pattern: str | None = None

    def parse(self, prop: str, value: str, lookup: Lookup) -> str:
        if self.pattern is not None and not re.fullmatch(self.pattern, value):
            raise InvalidValue(f"invalid value for argument {prop}")
        return value


@dataclass(frozen=True)
class Bool(Kind):
    """``yes``/``no``/``true``/``false`` in, ``true``/``false`` out."""

    def parse(self, prop: str, value: str, lookup: Lookup) -> str:
        word = value.strip().lower()
        if word in ("yes", "true"):
            return TRUE
        if word in ("no", "false"):
            return FALSE
        raise InvalidValue(f"input does not match any value of {prop}")


@dataclass(frozen=True)
class Int(Kind):
    """A whole number within a range."""

    low: int = 0
    high: int = 4294967295

    def parse(self, prop: str, value: str, lookup: Lookup) -> str:
        try:
            number = int(value.strip(), 0)
        except ValueError:
            raise InvalidValue(f"invalid value for argument {prop}") from None
        if not self.low <= number <= self.high:
            raise InvalidValue(f"value of {prop} out of range ({self.low}..{self.high})")
        return str(number)


@dataclass(frozen=True)
class Choice(Kind):
    """One of a fixed set of words (an action, a group)."""

    values: tuple[str, ...]

    def parse(self, prop: str, value: str, lookup: Lookup) -> str:
        if value not in self.values:
            raise InvalidValue(f"input does not match any value of {prop}")
        return value


@dataclass(frozen=True)
class Reference(Kind):
    """The key of an item of another menu (an interface, a bridge).

    ``extra`` lists words accepted besides the names (``all``, ``none``).
    """

    menu: str
    extra: tuple[str, ...] = ()

    def parse(self, prop: str, value: str, lookup: Lookup) -> str:
        if value in self.extra or value in lookup.names(self.menu):
            return value
        raise InvalidValue(f"input does not match any value of {prop}")


@dataclass(frozen=True)
class References(Kind):
    """A comma-separated list of keys of another menu's items, or empty."""

    menu: str

    def parse(self, prop: str, value: str, lookup: Lookup) -> str:
        names = [part for part in value.split(",") if part]
        known = lookup.names(self.menu)
        for name in names:
            if name not in known:
                raise InvalidValue(f"input does not match any value of {prop}")
        return ",".join(names)


def _ipv4(text: str) -> ipaddress.IPv4Address | None:
    try:
        return ipaddress.IPv4Address(text)
    except ValueError:
        return None


def _interface(text: str, *, strict: bool) -> ipaddress.IPv4Interface | None:
    try:
        if strict:
            return ipaddress.IPv4Interface(ipaddress.IPv4Network(text, strict=False).exploded)
        return ipaddress.IPv4Interface(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class Address(Kind):
    """An interface address: ``10.0.0.1/24`` (a bare address means ``/32``)."""

    def parse(self, prop: str, value: str, lookup: Lookup) -> str:
        iface = _interface(value.strip(), strict=False)
        if iface is None:
            raise InvalidValue(f"invalid value for argument {prop}")
        return f"{iface.ip}/{iface.network.prefixlen}"


@dataclass(frozen=True)
class Network(Kind):
    """A network prefix, written with its network address: ``192.168.88.0/24``."""

    def parse(self, prop: str, value: str, lookup: Lookup) -> str:
        try:
            net = ipaddress.IPv4Network(value.strip(), strict=False)
        except ValueError:
            raise InvalidValue(f"invalid value for argument {prop}") from None
        return str(net)


@dataclass(frozen=True)
class Ip(Kind):
    """A single IPv4 address, or empty (none)."""

    def parse(self, prop: str, value: str, lookup: Lookup) -> str:
        if not value.strip():
            return ""
        address = _ipv4(value.strip())
        if address is None:
            raise InvalidValue(f"invalid value for argument {prop}")
        return str(address)


@dataclass(frozen=True)
class IpList(Kind):
    """A comma-separated list of IPv4 addresses (DNS servers), or empty."""

    def parse(self, prop: str, value: str, lookup: Lookup) -> str:
        parts = [part.strip() for part in value.split(",") if part.strip()]
        for part in parts:
            if _ipv4(part) is None:
                raise InvalidValue(f"invalid value for argument {prop}")
        return ",".join(parts)


_HOST = re.compile(
    r"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*"
)


@dataclass(frozen=True)
class ListAddress(Kind):
    """An address-list or firewall matcher: address, prefix, range or DNS name.

    A ``/32`` prefix is written as the bare address, as RouterOS prints it. A firewall
    matcher (no names) may be negated: ``!192.168.0.0/16``.
    """

    allow_names: bool = True

    def parse(self, prop: str, value: str, lookup: Lookup) -> str:
        text = value.strip()
        if text.startswith("!") and not self.allow_names:
            return "!" + self.parse(prop, text[1:], lookup)
        if _ipv4(text) is not None:
            return text
        if "/" in text:
            try:
                net = ipaddress.IPv4Network(text, strict=False)
            except ValueError:
                raise InvalidValue(f"invalid value for argument {prop}") from None
            return str(net.network_address) if net.prefixlen == 32 else str(net)
        if "-" in text:
            low, _, high = text.partition("-")
            first, last = _ipv4(low.strip()), _ipv4(high.strip())
            if first is not None and last is not None and first <= last:
                return f"{first}-{last}"
        if self.allow_names and _HOST.fullmatch(text) and not text.replace(".", "").isdigit():
            return text
        raise InvalidValue(f"invalid value for argument {prop}")


@dataclass(frozen=True)
class Gateway(Kind):
    """A route gateway: an IPv4 address or an interface name, optionally ``@`` the
    routing table or VRF to resolve it in (``10.0.0.1@CE1``)."""

    def parse(self, prop: str, value: str, lookup: Lookup) -> str:
        text = value.strip()
        hop = text.split("@", 1)[0]
        if _ipv4(hop) is not None or hop in lookup.names("interface"):
            return text
        raise InvalidValue(f"invalid value for argument {prop}")


_MAC = re.compile(r"[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}")


@dataclass(frozen=True)
class Mac(Kind):
    """A MAC address, written upper-case with colons."""

    def parse(self, prop: str, value: str, lookup: Lookup) -> str:
        text = value.strip()
        if not _MAC.fullmatch(text):
            raise InvalidValue(f"invalid value for argument {prop}")
        return text.replace("-", ":").upper()


_UNITS = (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60), ("s", 1))
_UNIT_SECONDS = dict(_UNITS) | {"ms": 0}
_DURATION_PART = re.compile(r"(\d+)(ms|w|d|h|m|s)?")


def format_duration(seconds: int) -> str:
    """Seconds as RouterOS 7 prints an interval: ``1w2d3h4m5s``, zero as ``0s``."""
    if seconds <= 0:
        return "0s"
    parts = []
    for unit, size in _UNITS:
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts)


def parse_duration(text: str) -> int | None:
    """``1d2h``, ``90``, ``00:01:30`` or ``2d 00:01:30`` as whole seconds; None if not one."""
    text = text.strip()
    if not text:
        return None
    days = 0
    if " " in text:
        head, _, text = text.partition(" ")
        head_seconds = parse_duration(head)
        if head_seconds is None:
            return None
        days = head_seconds
    if ":" in text:
        pieces = text.split(":")
        if len(pieces) not in (2, 3) or not all(p.isdigit() for p in pieces):
            return None
        numbers = [int(p) for p in pieces]
        if len(numbers) == 2:
            numbers.insert(0, 0)
        hours, minutes, secs = numbers
        return days + hours * 3600 + minutes * 60 + secs
    total, position = 0, 0
    while position < len(text):
        match = _DURATION_PART.match(text, position)
        if match is None or match.end() == position:
            return None
        total += int(match.group(1)) * _UNIT_SECONDS[match.group(2) or "s"]
        position = match.end()
    return days + total


@dataclass(frozen=True)
class Duration(Kind):
    """A time interval, written the way RouterOS 7 prints it."""

    def parse(self, prop: str, value: str, lookup: Lookup) -> str:
        seconds = parse_duration(value)
        if seconds is None:
            raise InvalidValue(f"invalid value for argument {prop}")
        return format_duration(seconds)


TEXT = Text()
BOOL = Bool()


@dataclass(frozen=True)
class Prop:
    """One property of a menu.

    ``default`` is the value of a new item (None: absent until set, and then not
    printed). ``read_only`` properties are computed by the device; ``write_only`` ones
    (passwords) are never printed or exported. ``export`` False keeps a writable
    property out of ``/export``.
    """

    name: str
    default: str | None = None
    kind: Kind = TEXT
    read_only: bool = False
    write_only: bool = False
    export: bool = True


@dataclass(frozen=True)
class Unique:
    """No two items may share these properties' values; ``message`` is the trap text."""

    props: tuple[str, ...]
    message: str


def verbs(words: str) -> frozenset[str]:
    """A menu's commands, written as one space-separated string."""
    return frozenset(words.split())


LIST_VERBS = verbs("print getall add set remove enable disable unset comment get find export")
SETTINGS_VERBS = verbs("print getall set get export unset")
READ_VERBS = verbs("print getall get find")

Derive = Callable[[dict[str, str], Mapping[str, str]], None]
"""Fills computed properties of an item from its values and the attributes given."""


@dataclass(frozen=True)
class Menu:
    """A RouterOS menu as data.

    ``path`` is the API path (``ip/address``). ``table`` names the storage the items
    live in (menus that are views of one table share item ids, as ``/interface`` and
    ``/interface/bridge`` do); ``scope`` selects the table's items this menu shows and
    is written into items it adds. ``key`` is the property that names an item where a
    client may name instead of giving an ``.id``. ``settings`` menus hold one unnamed
    item (``/system/identity``). ``ordered`` menus keep rule order (``place-before``,
    ``move``). ``export_match`` is the property ``/export`` finds built-in items by
    (``set [ find default-name=ether1 ] ...``); ``export_always`` lists properties
    written even at their default. ``derive`` fills computed properties from the written ones (the
    network of an address). ``auto_name`` names items added without a name
    (``bridge1``); items that have the ``permanent`` property cannot be removed
    (ethernet ports); dynamic items count ids from ``dynamic_id_base``. ``noun`` is how
    the change log names an item. ``fixed`` holds the items a fresh router has in the
    menu (``/ip service``): ``/export`` writes what changed in them as ``set <key> ...``,
    and those with ``builtin`` true can be neither removed nor exported.
    """

    path: str
    props: tuple[Prop, ...]
    verbs: frozenset[str] = LIST_VERBS
    required: tuple[str, ...] = ()
    unique: tuple[Unique, ...] = ()
    table: str = ""
    scope: Mapping[str, str] = field(default_factory=dict)
    key: str | None = None
    settings: bool = False
    ordered: bool = False
    export_section: str | None = None
    export_match: str | None = None
    export_always: tuple[str, ...] = ()
    derive: Derive | None = None
    auto_name: str | None = None
    permanent: str | None = None
    dynamic_id_base: int = 0
    noun: str = "item"
    fixed: tuple[Mapping[str, str], ...] = ()

    def __post_init__(self) -> None:
        if not self.table:
            object.__setattr__(self, "table", self.path)
        by_name = {prop.name: prop for prop in self.props}
        object.__setattr__(self, "by_name", by_name)
        printed = tuple(prop.name for prop in self.props if not prop.write_only)
        object.__setattr__(self, "printed", printed)
        object.__setattr__(self, "words", tuple(self.path.split("/")))

    by_name: Mapping[str, Prop] = field(init=False, repr=False, compare=False)
    printed: tuple[str, ...] = field(init=False, repr=False, compare=False)
    words: tuple[str, ...] = field(init=False, repr=False, compare=False)
    """The path as words: ``("ip", "address")``."""

    @property
    def section(self) -> str:
        """The console path of the menu: ``/ip address``."""
        return self.export_section or "/" + self.path.replace("/", " ")


def flag(name: str, default: str = FALSE) -> Prop:
    """A read-only true/false flag (``dynamic``, ``invalid``, ``running``)."""
    return Prop(name, default, BOOL, read_only=True)


DISABLED = Prop("disabled", FALSE, BOOL)
COMMENT = Prop("comment")
