"""Values and items built from a menu's properties, for tests that walk the tree."""

from __future__ import annotations

from tikjobs.vm.sim.menus import Bool, Duration, Int, Kind, Mac, Menu, Prop
from tikjobs.vm.sim.model.argtypes import Addresses, Choices, Interval, Ipv6Prefix, Range

SKIP = frozenset({"disabled", "comment", "dynamic"})
"""Left out: ``dynamic=yes`` items are state, which ``/export`` leaves out."""


def sample(prop: Prop, index: int = 1) -> str | None:
    """A value the property's kind accepts (None: no value known to be acceptable)."""
    kind: Kind = prop.kind
    if isinstance(kind, Bool):
        return "yes"
    if isinstance(kind, Range | Int):
        return str(min(max(kind.low, index), kind.high))
    if isinstance(kind, Interval):
        return kind.low_text if kind.low_text else "10s"
    if isinstance(kind, Duration):
        return "10s"
    if isinstance(kind, Addresses):
        return f"10.{index % 250}.0.1"
    if isinstance(kind, Ipv6Prefix):
        return "2001:db8::/64"
    if isinstance(kind, Mac):
        return f"02:00:00:00:00:{index % 256:02X}"
    if isinstance(kind, Choices):
        return sorted(kind.values - {""})[0]
    if type(kind).__name__ in ("Text", "Kind"):
        return f"x{index}"
    return None


def item(menu: Menu, index: int = 1) -> dict[str, str]:
    """Attributes for one ``add`` to a generated menu: every writable property."""
    attrs: dict[str, str] = {}
    for prop in menu.props:
        if prop.read_only or prop.name in SKIP:
            continue
        value = sample(prop, index)
        if value is not None:
            attrs[prop.name] = value
    return attrs
