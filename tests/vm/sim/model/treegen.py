"""Values and items built from a menu's properties, for tests that walk the tree."""

from __future__ import annotations

from hypothesis import strategies as st

from tikjobs.vm.sim.menus import Bool, Duration, Int, Kind, Mac, Menu, Prop
from tikjobs.vm.sim.model.argtypes import (
    Addresses,
    Choices,
    Interval,
    Ipv6Prefix,
    Range,
    format_interval,
)

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


def values(prop: Prop) -> st.SearchStrategy[str] | None:
    """Every kind of value the property takes, as a hypothesis strategy (None: the
    kind is not one the tree gives)."""
    kind: Kind = prop.kind
    if isinstance(kind, Bool):
        return st.sampled_from(["yes", "no"])
    if isinstance(kind, Range | Int):
        return st.integers(kind.low, min(kind.high, kind.low + 100_000)).map(str)
    if isinstance(kind, Interval):
        low = kind.low or 0
        high = min(kind.high if kind.high is not None else 10**10, low + 10**10)
        return st.integers(low, high).map(format_interval)
    if isinstance(kind, Addresses):
        return st.ip_addresses(v=4).map(str)
    if isinstance(kind, Ipv6Prefix):
        return st.sampled_from(["2001:db8::/64", "fd00::/8"])
    if isinstance(kind, Mac):
        return st.integers(0, 2**40).map(lambda n: ":".join(f"{b:02X}" for b in n.to_bytes(6)))
    if isinstance(kind, Choices):
        words = sorted(kind.values - {""})
        if kind.many:
            return st.lists(st.sampled_from(words), min_size=1, max_size=3, unique=True).map(
                ",".join
            )
        return st.sampled_from(words)
    if type(kind).__name__ in ("Text", "Kind"):
        return TEXT
    return None


TEXT = st.text(alphabet=st.sampled_from('abcXYZ019 -_.:"$?\\'), min_size=1, max_size=12).filter(
    lambda text: text.strip() == text
)
"""Free text, with the characters ``/export`` must quote or escape."""
