"""The SSRF guard: which addresses a notification may reach, checked where it connects.

How this works
--------------
A notify_url is customer input, so the emulator must not become a way to reach the
machines around it. The check is made on the address the socket actually connects to,
not on the name in the URL: the notification client (`emulator.notifications.poster`)
resolves the name itself, refuses the connection when any resolved address is forbidden
(`AddressPolicy.check_connection`), connects to the checked address only, and checks the
connected peer once more. TLS still runs against the name (SNI and certificate checks
use the URL's host, and the ``Host`` header is the URL's), so pinning the address
changes nothing a receiver sees.

Forbidden: loopback, private (RFC 1918, ``fc00::/7``), link-local (``169.254/16``,
``fe80::/10``), shared address space (CGNAT, ``100.64/10``), unspecified, multicast,
reserved, and everything else that is not globally routable (documentation and
benchmarking ranges, ...); an IPv6 address carrying an IPv4 address (IPv4-mapped
``::ffff:a.b.c.d``, NAT64 ``64:ff9b::/96``, 6to4 ``2002::/16``) is judged by the IPv4
address inside. A name that resolves to several addresses is refused when any of them is
forbidden, so a name cannot hide a private address behind a public one.

`AddressPolicy` opens chosen hosts for local testing: ``allow_hosts`` entries are names
(matched against the URL's host) or addresses/CIDRs (matched against the connected
address). Plain ``http://`` is refused unless the policy was built with
``allow_plain_http``, and even then only to allow-listed hosts.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from tikjobs.emulator.exceptions import DeliveryRefused

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_FORBIDDEN: Final[tuple[tuple[IPNetwork, str], ...]] = tuple(
    (ipaddress.ip_network(network), reason)
    for network, reason in (
        ("0.0.0.0/8", "unspecified"),
        ("127.0.0.0/8", "loopback"),
        ("10.0.0.0/8", "private"),
        ("172.16.0.0/12", "private"),
        ("192.168.0.0/16", "private"),
        ("100.64.0.0/10", "shared address space (CGNAT)"),
        ("169.254.0.0/16", "link-local"),
        ("224.0.0.0/4", "multicast"),
        ("240.0.0.0/4", "reserved"),
        ("::/128", "unspecified"),
        ("::1/128", "loopback"),
        ("fc00::/7", "private"),
        ("fe80::/10", "link-local"),
        ("fec0::/10", "site-local"),
        ("ff00::/8", "multicast"),
    )
)

_NAT64: Final = ipaddress.IPv6Network("64:ff9b::/96")
_LABEL: Final = re.compile(r"^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$")


def _is_host_name(name: str) -> bool:
    return 0 < len(name) <= 253 and all(_LABEL.match(label) for label in name.split("."))


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (mapped, NAT64, 6to4), if any."""
    if isinstance(address, ipaddress.IPv4Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address.sixtofour


def forbidden_reason(address: IPAddress) -> str | None:
    """Why a notification may not go to ``address`` (``"loopback"``...), or ``None``."""
    inner = _embedded_ipv4(address)
    if inner is not None:
        reason = forbidden_reason(inner)
        return None if reason is None else f"{reason} (IPv4 {inner} inside)"
    for network, reason in _FORBIDDEN:
        if address.version == network.version and address in network:
            return reason
    if address.is_reserved:
        return "reserved"
    if not address.is_global:
        return "not globally routable"
    return None


def display(address: IPAddress) -> str:
    """An address as people write it: IPv4-mapped IPv6 keeps its dotted IPv4 tail."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return f"::ffff:{address.ipv4_mapped}"
    return str(address)


def _normalise_name(host: str) -> str:
    return host.lower().rstrip(".")


def literal_address(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


@dataclass(frozen=True)
class AddressPolicy:
    """Which hosts are opened despite the guard, and whether plain http is allowed."""

    allow_names: frozenset[str] = frozenset()
    allow_networks: tuple[IPNetwork, ...] = ()
    allow_plain_http: bool = False

    @classmethod
    def from_allow_hosts(
        cls, entries: Iterable[str], *, allow_plain_http: bool = False
    ) -> AddressPolicy:
        """A policy from ``allow_hosts`` entries: host names, addresses or CIDRs.

        Raises ``ValueError`` naming the entry that is none of these.
        """
        names: set[str] = set()
        networks: list[IPNetwork] = []
        for raw in entries:
            entry = raw.strip()
            try:
                networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
                continue
            except ValueError:
                pass
            name = _normalise_name(entry)
            if not _is_host_name(name):
                raise ValueError(
                    f"allow_hosts entry {raw!r} is neither a host name nor an address or CIDR"
                )
            names.add(name)
        return cls(frozenset(names), tuple(networks), allow_plain_http)

    def name_allowed(self, host: str) -> bool:
        """Whether the URL host ``host`` is allow-listed by name (or as a literal address)."""
        literal = literal_address(host)
        if literal is not None:
            return self.address_allowed(literal)
        return _normalise_name(host) in self.allow_names

    def address_allowed(self, address: IPAddress) -> bool:
        """Whether ``address`` (or the IPv4 address it carries) is in an allowed network."""
        candidates = [address]
        inner = _embedded_ipv4(address)
        if inner is not None:
            candidates.append(inner)
        return any(
            candidate.version == network.version and candidate in network
            for candidate in candidates
            for network in self.allow_networks
        )

    def check_scheme(self, scheme: str, host: str) -> None:
        """Refuse a URL scheme the policy does not allow, before anything is resolved."""
        if scheme == "https":
            return
        if scheme != "http":
            raise DeliveryRefused(f"refused: the {scheme!r} scheme is not deliverable")
        if not self.allow_plain_http:
            raise DeliveryRefused(f"refused: plain http to {host} needs the allow-plain-http flag")

    def check_connection(self, host: str, address: IPAddress, *, plain: bool) -> None:
        """Refuse connecting to ``address`` for the URL host ``host``; silent when allowed."""
        listed = self.name_allowed(host) or self.address_allowed(address)
        if plain and not listed:
            raise DeliveryRefused(
                f"refused: plain http to {host} ({display(address)}) is not allow-listed"
            )
        if listed:
            return
        reason = forbidden_reason(address)
        if reason is None:
            return
        if literal_address(host) == address:
            raise DeliveryRefused(f"refused: {display(address)} is {reason}")
        raise DeliveryRefused(f"refused: {display(address)} is {reason} (resolved from {host})")
