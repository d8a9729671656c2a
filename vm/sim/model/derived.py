"""What the device works out from its configuration after every change.

Interface flags (``running``, ``slave``, a bridge's MAC), the validity of addresses and
bridge ports, connected routes (dynamic, ``DAC``) for every enabled address on a running
interface, whether static routes are reachable, and the ARP neighbours simulated on the
configured networks: the route gateways on an uplink, the two top hosts (where a DHCP
server hands out its first leases) on a network without one.

Dynamic items are reconciled, not rebuilt: an entry that is still wanted keeps its id,
one that is no longer wanted goes, a new one gets the next id.
"""

from __future__ import annotations

import hashlib
import ipaddress
from collections.abc import Callable, Hashable, Mapping

from tikjobs.vm.sim.menus import FALSE, TRUE
from tikjobs.vm.sim.model.store import Table, Values

OUIS = ("50:32:37", "DC:A6:32", "B8:27:EB", "F0:9F:C2", "3C:22:FB")
"""Vendor prefixes the simulated neighbours' MAC addresses start with."""

LAN_NEIGHBOURS = 2

INPUTS = frozenset({"interface", "interface/bridge/port", "ip/address", "ip/route", "ip/arp"})
"""The tables whose changes can change what `refresh` works out."""


def neighbour_mac(address: str) -> str:
    """A stable, vendor-looking MAC address for a simulated neighbour."""
    digest = hashlib.sha256(address.encode()).digest()
    oui = OUIS[digest[0] % len(OUIS)]
    return oui + "".join(f":{byte:02X}" for byte in digest[1:4])


def _flag(value: bool) -> str:
    return TRUE if value else FALSE


def reconcile(
    table: Table,
    desired: Mapping[Hashable, Values],
    key_of: Callable[[Values], Hashable],
    *,
    dynamic_base: int = 0,
) -> None:
    """Make the table's dynamic items exactly ``desired`` (keyed by ``key_of``)."""
    seen: set[Hashable] = set()
    for number, values in list(table.items.items()):
        if values.get("dynamic") != TRUE:
            continue
        key = key_of(values)
        wanted = desired.get(key)
        if wanted is None or key in seen:
            table.remove(number)
        else:
            seen.add(key)
            if values != wanted:
                table.put(number, dict(wanted))
    for key, wanted in desired.items():
        if key not in seen:
            table.insert(dict(wanted), dynamic_base=dynamic_base)


def _interfaces(tables: Mapping[str, Table]) -> dict[str, Values]:
    interfaces = tables["interface"]
    ports = [
        port
        for port in tables["interface/bridge/port"].items.values()
        if port.get("disabled") != TRUE
    ]
    by_name = {values["name"]: values for values in interfaces.items.values() if "name" in values}
    enslaved = {port.get("interface") for port in ports}
    for values in interfaces.items.values():
        values["running"] = _flag(values.get("disabled") != TRUE)
        if values.get("type") == "ether":
            values["slave"] = _flag(values.get("name") in enslaved)
    for values in interfaces.items.values():
        if values.get("type") != "bridge":
            continue
        mac = values.get("admin-mac") if values.get("auto-mac") == FALSE else None
        if mac is None:
            members = [
                port.get("interface") for port in ports if port.get("bridge") == values.get("name")
            ]
            macs = [by_name[m].get("mac-address") for m in members if m in by_name]
            mac = next((m for m in macs if m), None)
        values["mac-address"] = mac or neighbour_mac("bridge:" + values.get("name", ""))
    for port in tables["interface/bridge/port"].items.values():
        member = by_name.get(port.get("interface", ""))
        bridge = by_name.get(port.get("bridge", ""))
        usable = (
            member is not None
            and bridge is not None
            and bridge.get("type") == "bridge"
            and member.get("running") == TRUE
            and bridge.get("running") == TRUE
        )
        port["inactive"] = _flag(not usable and port.get("disabled") != TRUE)
    return by_name


def refresh(tables: Mapping[str, Table], route_id_base: int) -> None:
    """Bring every derived value and dynamic entry in line with the configuration."""
    by_name = _interfaces(tables)
    running = {name for name, values in by_name.items() if values.get("running") == TRUE}
    connected: dict[Hashable, Values] = {}
    networks: list[tuple[ipaddress.IPv4Network, str, ipaddress.IPv4Address]] = []
    for values in tables["ip/address"].items.values():
        interface = values.get("interface", "")
        valid = interface in by_name
        values["invalid"] = _flag(not valid)
        if valid:
            values["actual-interface"] = interface
        else:
            values.pop("actual-interface", None)
        if not valid or values.get("disabled") == TRUE or interface not in running:
            continue
        address = ipaddress.IPv4Interface(values["address"])
        network = address.network
        networks.append((network, interface, address.ip))
        connected[(str(network), interface)] = {
            "dst-address": str(network),
            "routing-table": "main",
            "gateway": interface,
            "immediate-gw": interface,
            "distance": "0",
            "scope": "10",
            "target-scope": "5",
            "suppress-hw-offload": FALSE,
            "local-address": f"{address.ip}%{interface}",
            "dynamic": TRUE,
            "inactive": FALSE,
            "active": TRUE,
            "static": FALSE,
            "connect": TRUE,
            "disabled": FALSE,
        }
    routes = tables["ip/route"]
    reconcile(
        routes,
        connected,
        lambda v: (v.get("dst-address"), v.get("gateway")),
        dynamic_base=route_id_base,
    )
    gateways = _static_routes(routes, networks, running)
    _neighbours(tables["ip/arp"], networks, gateways, set(by_name))


def _static_routes(
    routes: Table,
    networks: list[tuple[ipaddress.IPv4Network, str, ipaddress.IPv4Address]],
    running: set[str],
) -> set[ipaddress.IPv4Address]:
    """Mark static routes active or inactive; answer the gateways they reach."""
    reached: set[ipaddress.IPv4Address] = set()
    for values in routes.items.values():
        if values.get("dynamic") == TRUE:
            continue
        gateway = values.get("gateway")
        via: str | None = None
        if gateway is not None:
            try:
                ip = ipaddress.IPv4Address(gateway)
            except ValueError:
                via = gateway if gateway in running else None
                hop = via
            else:
                via = next((iface for net, iface, _ in networks if ip in net), None)
                hop = f"{gateway}%{via}" if via else None
                if via is not None and values.get("disabled") != TRUE:
                    reached.add(ip)
        enabled = values.get("disabled") != TRUE
        values["active"] = _flag(enabled and via is not None)
        values["inactive"] = _flag(enabled and via is None)
        if via is not None:
            values["immediate-gw"] = hop or ""
        else:
            values.pop("immediate-gw", None)
    return reached


def _neighbours(
    arp: Table,
    networks: list[tuple[ipaddress.IPv4Network, str, ipaddress.IPv4Address]],
    gateways: set[ipaddress.IPv4Address],
    interfaces: set[str],
) -> None:
    static: set[str] = set()
    for values in arp.items.values():
        if values.get("dynamic") == TRUE:
            continue
        static.add(values.get("address", ""))
        values["invalid"] = _flag(values.get("interface") not in interfaces)
        values["complete"] = _flag("mac-address" in values)
    own = {ip for _, _, ip in networks}
    desired: dict[Hashable, Values] = {}
    for network, interface, _ in networks:
        if network.num_addresses < 4:
            continue
        hosts = [gw for gw in sorted(gateways) if gw in network and gw not in own]
        if not hosts:
            candidate = network.broadcast_address - 1
            while len(hosts) < LAN_NEIGHBOURS and candidate > network.network_address:
                if candidate not in own:
                    hosts.append(candidate)
                candidate -= 1
        for host in hosts:
            address = str(host)
            if address in static or (address, interface) in desired:
                continue
            desired[(address, interface)] = {
                "address": address,
                "mac-address": neighbour_mac(address),
                "interface": interface,
                "published": FALSE,
                "invalid": FALSE,
                "DHCP": FALSE,
                "dynamic": TRUE,
                "complete": TRUE,
                "disabled": FALSE,
            }
    reconcile(arp, desired, lambda v: (v.get("address"), v.get("interface")))
