"""The configuration a freshly installed small router boots with.

ether1..etherN (the uplink is ether1, with 10.0.0.2/24 and a default route via
10.0.0.1), a bridge ``bridge`` holding ether2..etherN with RouterOS's default LAN address
192.168.88.1/24, the identity, the DNS server learnt on the uplink, the user groups and users.
"""

from __future__ import annotations

from collections.abc import Mapping

from tikjobs.vm.sim.menus import FALSE, Menu
from tikjobs.vm.sim.model.engine import SETTINGS_ID, MenuEngine

UPLINK_ADDRESS = "10.0.0.2/24"
UPLINK_GATEWAY = "10.0.0.1"
LAN_ADDRESS = "192.168.88.1/24"
BRIDGE = "bridge"

GROUPS = {
    "read": "local,telnet,ssh,reboot,read,test,winbox,password,web,sniff,sensitive,api,"
    "romon,rest-api",
    "write": "local,telnet,ssh,reboot,read,write,test,winbox,password,web,sniff,sensitive,"
    "api,romon,rest-api",
    "full": "local,telnet,ssh,ftp,reboot,read,write,policy,test,winbox,password,web,sniff,"
    "sensitive,api,romon,rest-api",
}


def interface_mac(index: int) -> str:
    """The MAC address QEMU gives a CHR's ``index``-th network card (1-based)."""
    return f"52:54:00:12:34:{0x55 + index:02X}"


def build(
    engine: MenuEngine,
    *,
    identity: str,
    interface_count: int,
    users: Mapping[str, str],
    defaults: bool = True,
) -> None:
    """Fill empty tables with the factory configuration (no change log, no hooks).

    Without ``defaults`` only what no reset removes is there (ports, identity, users),
    as after ``/system/reset-configuration no-defaults=yes``.
    """
    by_path = engine.by_path
    ethernet = by_path["interface/ethernet"]
    interfaces = engine.tables["interface"]
    for index in range(1, interface_count + 1):
        values = engine.defaults(ethernet)
        name = f"ether{index}"
        mac = interface_mac(index)
        values.update(
            {
                "name": name,
                "default-name": name,
                "l2mtu": "1514",
                "max-l2mtu": "65531",
                "mac-address": mac,
                "orig-mac-address": mac,
            }
        )
        interfaces.insert(values)
    complete(engine, set())
    engine.tables["system/identity"].items[SETTINGS_ID]["name"] = identity
    engine.tables["system/resource"].items[SETTINGS_ID] = {}
    for group, policy in GROUPS.items():
        engine.insert(by_path["user/group"], {"name": group, "policy": policy})
    for name, password in users.items():
        engine.insert(by_path["user"], {"name": name, "group": "full", "password": password})
    if not defaults:
        return
    _insert(engine, by_path["interface/bridge"], {"name": BRIDGE, "comment": "defconf"})
    for index in range(2, interface_count + 1):
        _insert(
            engine,
            by_path["interface/bridge/port"],
            {"bridge": BRIDGE, "interface": f"ether{index}", "comment": "defconf"},
        )
    lan = BRIDGE if interface_count >= 2 else "ether1"
    _insert(
        engine,
        by_path["ip/address"],
        {"address": LAN_ADDRESS, "interface": lan, "comment": "defconf"},
    )
    if interface_count >= 1:
        _insert(engine, by_path["ip/address"], {"address": UPLINK_ADDRESS, "interface": "ether1"})
        _insert(engine, by_path["ip/route"], {"gateway": UPLINK_GATEWAY})
    dns = engine.tables["ip/dns"].items[SETTINGS_ID]
    dns["dynamic-servers"] = UPLINK_GATEWAY
    for values in interfaces.items.values():
        values.setdefault("disabled", FALSE)


def _insert(engine: MenuEngine, menu: Menu, values: dict[str, str]) -> None:
    engine.insert(menu, engine.parse_values(menu, values))


def complete(engine: MenuEngine, present: set[str]) -> None:
    """Give every settings menu its record and every fixed-item menu a fresh router's
    items, unless its table is in ``present`` (restored from a snapshot that had it);
    a snapshot taken before a menu existed so gains the menu as a fresh router has it."""
    for menu in engine.by_path.values():
        if menu.table in present:
            continue
        table = engine.tables[menu.table]
        if menu.settings and SETTINGS_ID not in table.items:
            table.items[SETTINGS_ID] = engine.defaults(menu)
        for item in menu.fixed:
            table.insert({**engine.defaults(menu), **item})
