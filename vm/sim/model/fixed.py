"""What a fresh RouterOS 7 CHR holds in menus the tree alone cannot tell.

`ITEMS` are the items a fresh CHR lists in menus built from the tree (``/ip service``
with its eight services and their ports, ``/interface list`` with ``all`` ... ``static``,
``/ppp profile``, ``/snmp community`` ...). Items with ``builtin`` true cannot be removed
and are never exported; the others are exported as ``set <name> ...`` when changed.
`SETTINGS` are the values settings menus (``/snmp``, ``/system ntp client``,
``/ip settings`` ...) print on a fresh CHR. Values are written as the model stores them
(``true``/``false`` for yes/no).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

T, F = "true", "false"


def _service(name: str, port: str, disabled: str = F, tls: bool = False) -> dict[str, str]:
    item = {"name": name, "port": port, "address": "", "vrf": "main", "max-sessions": "20"}
    if tls:
        item |= {"certificate": "none", "tls-version": "any"}
    return item | {"disabled": disabled}


def _builtin(name: str, comment: str) -> dict[str, str]:
    return {"name": name, "builtin": T, "comment": comment}


ITEMS: Final[Mapping[str, tuple[Mapping[str, str], ...]]] = {
    "ip/service": (
        _service("telnet", "23"),
        _service("ftp", "21"),
        _service("www", "80"),
        _service("ssh", "22"),
        _service("www-ssl", "443", T, tls=True),
        _service("api", "8728"),
        _service("winbox", "8291"),
        _service("api-ssl", "8729", tls=True),
    ),
    "interface/list": (
        _builtin("all", "contains all interfaces"),
        _builtin("none", "contains no interfaces"),
        _builtin("dynamic", "contains dynamic interfaces"),
        _builtin("static", "contains static interfaces"),
    ),
    "ppp/profile": (
        {"name": "default", "builtin": T, "use-encryption": "default", "only-one": "default"},
        {"name": "default-encryption", "builtin": T, "use-encryption": "yes"},
    ),
    "snmp/community": (
        {
            "name": "public",
            "addresses": "::/0",
            "security": "none",
            "read-access": T,
            "write-access": F,
            "authentication-protocol": "MD5",
            "encryption-protocol": "DES",
            "disabled": F,
        },
    ),
    "system/logging": tuple(
        {"topics": topic, "action": action, "prefix": "", "default": T, "disabled": F}
        for topic, action in (
            ("info", "memory"),
            ("error", "memory"),
            ("warning", "memory"),
            ("critical", "echo"),
        )
    ),
    "system/logging/action": (
        {"name": "memory", "builtin": T, "target": "memory"},
        {"name": "disk", "builtin": T, "target": "disk"},
        {"name": "echo", "builtin": T, "target": "echo"},
        {"name": "remote", "builtin": T, "target": "remote"},
    ),
    "ip/ipsec/profile": ({"name": "default", "builtin": T},),
    "ip/ipsec/proposal": ({"name": "default", "builtin": T},),
    "ip/ipsec/policy/group": ({"name": "default", "builtin": T},),
    "ip/hotspot/profile": ({"name": "default", "builtin": T},),
    "ip/hotspot/user/profile": ({"name": "default", "builtin": T},),
    "queue/type": tuple(
        {"name": name, "kind": kind, "builtin": T}
        for name, kind in (
            ("default", "pfifo"),
            ("ethernet-default", "pfifo"),
            ("wireless-default", "sfq"),
            ("synchronous-default", "red"),
            ("hotspot-default", "sfq"),
            ("pcq-upload-default", "pcq"),
            ("pcq-download-default", "pcq"),
            ("only-hardware-queue", "none"),
            ("multi-queue-ethernet-default", "mq-pfifo"),
            ("default-small", "pfifo"),
        )
    ),
    "port": (
        {
            "name": "serial0",
            "baud-rate": "115200",
            "data-bits": "8",
            "parity": "none",
            "stop-bits": "1",
            "flow-control": "none",
        },
    ),
    "routing/bgp/template": ({"name": "default", "disabled": F},),
    "ip/firewall/service-port": tuple(
        {"name": name, "disabled": F}
        for name in ("ftp", "tftp", "irc", "h323", "sip", "pptp", "rtsp", "udplite", "dccp")
    ),
}

SETTINGS: Final[Mapping[str, Mapping[str, str]]] = {
    "snmp": {"enabled": F, "contact": "", "location": "", "engine-id-suffix": "",
             "trap-target": "", "trap-community": "public", "trap-version": "1",
             "trap-generators": "temp-exception", "src-address": "::", "vrf": "main"},
    "system/ntp/client": {"enabled": F, "mode": "unicast", "servers": "", "vrf": "main"},
    "system/ntp/server": {"enabled": F, "broadcast": F, "multicast": F, "manycast": F,
                          "use-local-clock": F, "local-clock-stratum": "5", "vrf": "main"},
    "ip/settings": {"ip-forward": T, "send-redirects": T, "accept-source-route": F,
                    "accept-redirects": F, "secure-redirects": T, "rp-filter": "no",
                    "tcp-syncookies": F, "arp-timeout": "30s", "icmp-rate-limit": "10",
                    "icmp-rate-mask": "0x1818", "route-cache": T, "allow-fast-path": T,
                    "tcp-timestamps": "random-offset"},
    "ipv6/settings": {"disable-ipv6": F, "forward": T,
                      "accept-redirects": "yes-if-forwarding-disabled",
                      "accept-router-advertisements": "yes-if-forwarding-disabled"},
    "ip/cloud": {"ddns-enabled": "no", "ddns-update-interval": "none", "update-time": T,
                 "back-to-home-vpn": "revoked-and-disabled", "public-address": "",
                 "public-address-ipv6": "", "dns-name": "", "status": ""},
    "ip/ssh": {"strong-crypto": F, "allow-none-crypto": F, "always-allow-password-login": F,
               "forwarding-enabled": "no", "host-key-size": "2048", "host-key-type": "rsa"},
    "ip/upnp": {"enabled": F, "allow-disable-external-interface": F, "show-dummy-rule": T},
    "ip/proxy": {"enabled": F, "port": "8080", "max-cache-size": "unlimited"},
    "ip/socks": {"enabled": F, "port": "1080", "version": "4", "max-connections": "200"},
    "ip/neighbor/discovery-settings": {"discover-interface-list": "!dynamic",
                                       "protocol": "cdp,lldp,mndp"},
    "tool/mac-server": {"allowed-interface-list": "all"},
    "tool/mac-server/mac-winbox": {"allowed-interface-list": "all"},
    "tool/mac-server/ping": {"enabled": T},
    "tool/romon": {"enabled": F, "id": "00:00:00:00:00:00"},
    "tool/bandwidth-server": {"enabled": T, "authenticate": T, "allocate-udp-ports-from": "2000",
                              "max-sessions": "100"},
    "system/note": {"show-at-login": T, "note": ""},
    "system/package/update": {"channel": "stable", "installed-version": "",
                              "latest-version": "", "status": ""},
    "user/settings": {"minimum-password-length": "0", "minimum-categories": "0"},
    "certificate/settings": {"crl-download": F, "crl-use": F, "crl-store": "ram"},
    "ip/firewall/connection/tracking": {"enabled": "auto", "tcp-established-timeout": "1d",
                                        "udp-timeout": "30s", "udp-stream-timeout": "3m"},
}  # fmt: skip

DEFAULTS: Final[Mapping[str, Mapping[str, str]]] = {
    "interface/wireguard": {"mtu": "1420"},
    "interface/vlan": {"mtu": "1500"},
    "queue/simple": {"max-limit": "0/0", "limit-at": "0/0", "priority": "8/8",
                     "queue": "default-small/default-small"},
    "ip/dhcp-server": {"lease-time": "30m"},
    "certificate": {name: "" for name in ("fingerprint", "serial-number", "invalid-before",
                    "invalid-after", "private-key", "ca", "issuer")},
}  # fmt: skip
"""Defaults of properties of table menus (what a new item has unless given)."""
