"""Whether the router lets a new API connection in: ``/ip service`` and the input firewall.

How this works
--------------
`api_refusal` is asked for every connection the API (or API-SSL) port accepts, before a
word is read. A disabled ``api`` (``api-ssl``) service, or an ``available-from`` the
client's address is outside of, refuses it, as RouterOS closes the port. Then the
``/ip firewall filter`` rules of chain ``input`` are walked in order as for a new TCP
connection from the client to the service's port: the first rule that matches decides;
``drop``, ``reject`` and ``tarpit`` refuse, ``accept`` lets in, other actions pass on.
A rule matches on ``protocol``, ``dst-port``, ``src-address`` and ``connection-state``
(a new connection is ``new``); a rule with any other matcher (interfaces, lists, marks)
is not evaluated and never matches. Connections already open are never cut: a rule or a
disabled service only stops new ones (docs/chr.md says where RouterOS differs).
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Final

from tikjobs.vm.sim.command import Row

if TYPE_CHECKING:
    from tikjobs.vm.sim.model import RouterModel

REFUSING_ACTIONS: Final = frozenset({"drop", "reject", "tarpit"})
EVALUATED: Final = frozenset(
    {"protocol", "dst-port", "src-address", "connection-state", "chain", "action"}
)
"""The matchers this model evaluates; a rule with any other matcher never matches."""
NOT_MATCHERS: Final = frozenset(
    {
        ".id",
        "disabled",
        "comment",
        "log",
        "log-prefix",
        "dynamic",
        "invalid",
        "bytes",
        "packets",
        "reject-with",
        "place-before",
        ".nextid",
        ".dead",
    }
)


def api_refusal(model: RouterModel, address: str, *, tls: bool) -> str | None:
    """Why a new connection from ``address`` to the API service is refused; None if not."""
    name = "api-ssl" if tls else "api"
    services = _items(model, "ip/service")
    service = next((row for row in services if row.get("name") == name), None)
    if service is None:
        return None
    if service.get("disabled") == "true":
        return f"the {name} service is disabled"
    if not _in_any(address, service.get("address", "")):
        return f"{address} is not in the {name} service's available-from"
    port = service.get("port", "8729" if tls else "8728")
    for rule in _items(model, "ip/firewall/filter"):
        if rule.get("disabled") == "true" or rule.get("chain") != "input":
            continue
        if not _matches(rule, address, port):
            continue
        action = rule.get("action", "accept")
        if action in REFUSING_ACTIONS:
            return f"the input firewall {action}s it (rule {rule.get('.id')})"
        if action == "accept":
            return None
    return None


def _items(model: RouterModel, path: str) -> list[Row]:
    """A menu's rows; none when the version played has no such menu (6.x models fewer)."""
    try:
        return model.items(path)
    except KeyError:
        return []


def _matches(rule: Row, address: str, port: str) -> bool:
    matchers = {key for key, value in rule.items() if value != ""} - NOT_MATCHERS
    if matchers - EVALUATED:
        return False
    protocol = rule.get("protocol", "")
    if protocol and protocol not in ("tcp", "6"):
        return False
    ports = rule.get("dst-port", "")
    if ports and not _port_in(port, ports):
        return False
    if rule.get("src-address", "") and not _in_any(address, rule["src-address"]):
        return False
    states = rule.get("connection-state", "")
    return not states or "new" in states.split(",")


def _port_in(port: str, ports: str) -> bool:
    number = int(port)
    for part in ports.split(","):
        low, _, high = part.strip().partition("-")
        try:
            if int(low) <= number <= int(high or low):
                return True
        except ValueError:
            continue
    return False


def _in_any(address: str, networks: str) -> bool:
    """Whether ``address`` is in one of the comma-separated networks (none: everywhere)."""
    parts = [part.strip() for part in networks.split(",") if part.strip()]
    if not parts:
        return True
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for part in parts:
        try:
            if ip in ipaddress.ip_network(part.lstrip("!"), strict=False):
                return not part.startswith("!")
        except ValueError:
            continue
    return False
