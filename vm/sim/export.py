"""``/export``: the configuration written as a RouterOS console script.

The output reads like a real router's: a ``# <date> by RouterOS <version>`` line, then
one section per menu (``/ip address``) with an ``add`` line per static item (properties
in alphabetical order, only those that differ from the default, plus the required ones
and the item's name), ``set [ find default-name=ether1 ] ...`` for changed ports, and
``set ...`` for changed settings. Dynamic items and read-only values are left out, so a
script interpreter can run the export on a fresh device to rebuild the configuration.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from tikjobs.vm.sim.menus import FALSE, TRUE, Bool, Menu

Values = dict[str, str]

_PLAIN = re.compile(r"[A-Za-z0-9._:/,*+@%-]+")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "$": "\\$", "?": "\\?", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def quote(value: str) -> str:
    """A value as the console writes it: bare when safe, else quoted and escaped."""
    if _PLAIN.fullmatch(value):
        return value
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20:
            out.append(f"\\{ord(char):02X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def header(stamp: datetime, version: str, system_id: str | None = None) -> list[str]:
    """The comment lines an export starts with."""
    lines = [f"# {stamp:%Y-%m-%d %H:%M:%S} by RouterOS {version}"]
    if system_id:
        lines.append(f"# system id = {system_id}")
    return lines


def _console_value(menu: Menu, name: str, value: str) -> str:
    if isinstance(menu.by_name[name].kind, Bool):
        value = "yes" if value == TRUE else "no" if value == FALSE else value
    return quote(value)


@dataclass(frozen=True)
class Style:
    """How ``/export`` writes: ``verbose`` writes every value, defaults included;
    ``terse`` puts the menu path on every line; ``show_sensitive`` writes secrets
    (private keys, passwords of `SENSITIVE` arguments), which are left out otherwise."""

    verbose: bool = False
    terse: bool = False
    show_sensitive: bool = False


COMPACT = Style()
SENSITIVE: Final = frozenset(
    {"private-key", "password", "secret", "preshared-key", "passphrase", "authentication-key",
     "auth-key", "key", "psk", "wpa-pre-shared-key", "wpa2-pre-shared-key"}
)  # fmt: skip
"""Arguments ``/export`` hides unless ``show-sensitive`` is given."""


def _arguments(
    menu: Menu,
    values: Values,
    *,
    always: Sequence[str],
    same: Values | None = None,
    style: Style = COMPACT,
) -> list[str]:
    args = []
    for name in sorted(menu.by_name):
        prop = menu.by_name[name]
        value = values.get(name)
        if value is None or prop.read_only or prop.write_only or not prop.export:
            continue
        if name in SENSITIVE and not style.show_sensitive:
            continue
        baseline = same[name] if same is not None and name in same else prop.default
        if value == baseline and name not in always and not style.verbose:
            continue
        args.append(f"{name}={_console_value(menu, name, value)}")
    return args


def section(menu: Menu, items: Iterable[Values], style: Style = COMPACT) -> list[str]:
    """The lines of one menu's section; empty when nothing differs from the defaults."""
    lines: list[str] = []
    key = menu.key or "name"
    fresh = {item[key]: item for item in menu.fixed if key in item}
    for values in items:
        if TRUE in (values.get("dynamic"), values.get("builtin"), values.get("default")):
            continue
        original = fresh.get(values.get(key, ""))
        if original is not None:
            args = _arguments(menu, values, always=(), same=dict(original), style=style)
            if args:
                lines.append(f"set {quote(values[key])} " + " ".join(args))
            continue
        if menu.settings:
            args = _arguments(menu, values, always=(), style=style)
            if args:
                lines.append("set " + " ".join(args))
        elif menu.export_match is not None:
            match = values.get(menu.export_match)
            args = _arguments(menu, values, always=(), same={"name": match or ""}, style=style)
            if args and match is not None:
                lines.append(f"set [ find {menu.export_match}={quote(match)} ] " + " ".join(args))
        else:
            always = (*menu.required, *menu.export_always, *((menu.key,) if menu.key else ()))
            args = _arguments(menu, values, always=always, style=style)
            lines.append(" ".join(["add", *args]))
    if style.terse:
        return [f"{menu.section} {line}" for line in lines]
    return [menu.section, *lines] if lines else []


def render_export(
    sections: Iterable[tuple[Menu, Iterable[Values]]],
    *,
    stamp: datetime,
    version: str,
    system_id: str | None = None,
    style: Style = COMPACT,
) -> str:
    """The whole export text, ending with a newline."""
    lines = header(stamp, version, system_id)
    for menu, items in sections:
        lines.extend(section(menu, items, style))
    return "\n".join(lines) + "\n"
