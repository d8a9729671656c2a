"""Menus built from the command tree for every menu no hand-written model covers.

A menu whose tree has ``add`` becomes a table of items; one with ``set`` but no ``add``
and no ``numbers`` argument is a settings record (``/snmp``, ``/ip dns``); one with
``set`` and ``numbers`` but no ``add`` is a table of the items a fresh router has
(``/ip service``); one with only ``print`` is a read-only table. Its properties are the
arguments of ``add`` and ``set``, each with the kind `argtypes.kind_for` reads from the
tree. Interface types (``/interface vlan``, ``/interface wireguard`` ...) store their
items in the ``interface`` table, so ``/interface print`` lists them and other menus may
name them. The verbs a menu takes are the tree's commands that the menu engine answers;
the tree's other commands are refused as not simulated (see the router model).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator, Mapping
from typing import Final

from tikjobs.vm.sim.menus import COMMENT, DISABLED, FALSE, Menu, Prop, verbs
from tikjobs.vm.sim.model import catalog, fixed
from tikjobs.vm.sim.model.argtypes import kind_for
from tikjobs.vm.sim.tree import Tree, completions

ENGINE_VERBS: Final = verbs(
    "print add set remove enable disable unset comment get find move export reset-counters"
)
"""The tree commands a generated menu answers with the generic menu engine."""
NOT_PROPERTIES: Final = frozenset(
    {"numbers", "number", "copy-from", "place-before", ".id", "value-name", "where"}
)
INTERFACE_TYPES: Final = {
    "6to4": "6to4-tunnel", "bonding": "bond", "eoip": "eoip-tunnel",
    "eoipv6": "eoipv6-tunnel", "gre": "gre-tunnel", "gre6": "gre6-tunnel",
    "ipip": "ipip-tunnel", "ipipv6": "ipipv6-tunnel", "l2tp-client": "l2tp-out",
    "l2tp-ether": "l2tp-ether", "macsec": "macsec", "macvlan": "macvlan", "mesh": "mesh",
    "ovpn-client": "ovpn-out", "pppoe-client": "pppoe-out", "pptp-client": "pptp-out",
    "sstp-client": "sstp-out", "veth": "veth", "vlan": "vlan", "vpls": "vpls",
    "vrrp": "vrrp", "vxlan": "vxlan", "wifi": "wifi", "wireguard": "wg",
    "ppp-client": "ppp-out", "lte": "lte", "wireless": "wlan",
}  # fmt: skip
"""``/interface/<menu>`` menus whose items are interfaces, with their ``type``."""
SKIPPED: Final = frozenset({"system/script/environment", "system/script/job", "environment"})
"""Menus the device runtime answers itself."""
EXPORT_FIRST: Final = (
    "interface/bridge", "interface/ethernet", "interface/vlan", "interface/list",
    "interface/wireguard", "ip/pool", "ip/dhcp-server", "ppp/profile",
)  # fmt: skip
"""Sections ``/export`` writes ahead of the tree's order, as RouterOS does, so that
items come after what they name (pools before DHCP servers)."""


def _properties(tree: Tree, path: tuple[str, ...], commands: tuple[str, ...]) -> list[Prop]:
    offered = completions()
    props: dict[str, Prop] = {}
    for command in ("add", "set"):
        if command not in commands:
            continue
        for name in tree.arguments(path, command):
            if name in NOT_PROPERTIES or name in props:
                continue
            if name == "disabled":
                props[name] = DISABLED
            elif name == "comment":
                props[name] = COMMENT
            else:
                desc = tree.desc(path, command, name)
                kind = kind_for(name, desc, offered.get((*path, command, name)))
                props[name] = Prop(name, kind=kind)
    if "disabled" not in props and "disable" in commands:
        # Switched by enable/disable only: ``add`` takes no ``disabled``, so ``/export``
        # may not write it.
        props["disabled"] = dataclasses.replace(DISABLED, export=False)
    return list(props.values())


def _with_defaults(props: list[Prop], defaults: Mapping[str, str]) -> list[Prop]:
    """Props carrying a fresh router's default values, and read-only props for the
    values a fresh item shows that no command sets (``name`` of ``/ip service``)."""
    out = []
    for prop in props:
        default = defaults.get(prop.name, prop.default)
        out.append(dataclasses.replace(prop, default=default))
    known = {prop.name for prop in props}
    for name in defaults:
        if name not in known:
            out.append(Prop(name, defaults[name], read_only=True))
    return out


@functools.cache
def menus(tree: Tree) -> tuple[Menu, ...]:
    """Every menu a device playing ``tree`` has: the hand-written ones (`catalog`),
    each given the tree's arguments it does not model itself, then `build`'s."""
    return (*(_augment(tree, menu) for menu in catalog.MENUS), *build(tree))


def _augment(tree: Tree, menu: Menu) -> Menu:
    """A hand-written menu with the tree's other arguments of ``add`` and ``set`` as
    plain properties (kinds read from the tree), so every real argument is taken."""
    path = tuple(menu.path.split("/"))
    if tree.node(path) is None:
        return menu
    known = set(menu.by_name)
    extra = [
        prop
        for prop in _properties(tree, path, tree.commands(path))
        if prop.name not in known and prop.name not in NOT_PROPERTIES
    ]
    return dataclasses.replace(menu, props=(*menu.props, *extra)) if extra else menu


@functools.cache
def build(tree: Tree) -> tuple[Menu, ...]:
    """A `Menu` for every menu of the tree that takes ``print``, ``add`` or ``set`` and
    has no hand-written model (`catalog.BY_PATH`), in the tree's order; built once per
    tree and shared by every device playing it."""
    return tuple(_build(tree, catalog.BY_PATH))


def _build(tree: Tree, hand: Mapping[str, Menu]) -> Iterator[Menu]:
    for path in tree.menus():
        joined = "/".join(path)
        if joined in hand or joined in SKIPPED:
            continue
        commands = tree.commands(path)
        if not {"print", "add", "set"} & set(commands):
            continue
        yield _menu(tree, path, joined, commands)


def _menu(tree: Tree, path: tuple[str, ...], joined: str, commands: tuple[str, ...]) -> Menu:
    props = _properties(tree, path, commands)
    takes = (ENGINE_VERBS & set(commands)) | ({"getall"} if "print" in commands else set())
    settings = (
        "set" in commands and "add" not in commands and "numbers" not in tree.arguments(path, "set")
    )
    names = {prop.name for prop in props}
    if settings:
        props = _with_defaults(props, fixed.SETTINGS.get(joined, {}))
        return Menu(joined, tuple(props), verbs=frozenset(takes), settings=True, noun=path[-1])
    items = fixed.ITEMS.get(joined, ())
    shown: dict[str, str] = {}
    for item in items:
        shown.update(dict.fromkeys(item, ""))
    if "disabled" in names:
        shown["disabled"] = FALSE
    defaults = {name: "" for name in shown if name not in names}
    props = _with_defaults(props, {**defaults, **fixed.DEFAULTS.get(joined, {})})
    props = [
        dataclasses.replace(p, default=FALSE) if p.name == "disabled" else _plain_default(p)
        for p in props
    ]
    props.sort(key=lambda p: p.name != "name")
    key = "name" if "name" in {p.name for p in props} else None
    table, scope, auto_name = joined, {}, None
    if len(path) == 2 and path[0] == "interface" and path[1] in INTERFACE_TYPES and "add" in takes:
        kind = INTERFACE_TYPES[path[1]]
        props = [_interface_default(p, joined) for p in props]
        table, scope = "interface", {"type": kind}
        auto_name = kind if kind.endswith(("-tunnel", "-out")) else path[1]
    return Menu(
        joined,
        tuple(props),
        verbs=frozenset(takes),
        table=table,
        scope=scope,
        key=key,
        ordered="move" in takes,
        auto_name=auto_name,
        fixed=items,
        noun=path[-1],
    )


def _interface_default(prop: Prop, path: str) -> Prop:
    """An interface type's property with the interface table's default (``mtu`` 1500)
    unless the type has its own."""
    base = catalog.INTERFACE_MENU.by_name.get(prop.name)
    if prop.default is not None or base is None or base.default is None or base.read_only:
        return prop
    return dataclasses.replace(prop, default=base.default)


def _plain_default(prop: Prop) -> Prop:
    """Generated table props have no default: a value shows once it was given, or when
    the fresh router's item holds it."""
    if prop.default == "" and prop.read_only:
        return dataclasses.replace(prop, default=None)
    return prop


@functools.cache
def export_order(tree: Tree) -> list[Menu]:
    """The menus ``/export`` writes, in order: the ones others refer to first
    (`EXPORT_FIRST`, then every interface type), then the tree's order."""
    chosen = [m for m in menus(tree) if m.path not in catalog.NOT_EXPORTED]
    tree_rank = {"/".join(path): index for index, path in enumerate(tree.paths)}
    first = {path: index for index, path in enumerate(EXPORT_FIRST)}

    def rank(menu: Menu) -> tuple[int, int]:
        if menu.path in first:
            return (0, first[menu.path])
        group = 1 if menu.table == "interface" else 2
        return (group, tree_rank.get(menu.path, len(tree_rank)))

    return sorted(chosen, key=rank)
