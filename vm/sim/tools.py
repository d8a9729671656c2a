"""Commands that are more than data, answered as a CHR without internet answers them.

``/ping`` replies from the loopback, the device's own addresses and its ARP neighbours
and times out elsewhere; ``/tool fetch`` really fetches a loopback URL (so a test's own
HTTP server can serve a job) and fails as a router that cannot resolve or reach the
host; ``/system package update check-for-updates`` and ``/ip cloud force-update``
report the DNS failure a router without internet shows; ``/certificate sign`` signs at
once; ``/system reset-configuration`` resets and reboots. `TOOL_COMMANDS` maps each to
its handler, which `vm.sim.device_commands` adds to the runtime's own commands.
"""

from __future__ import annotations

import hashlib
import ipaddress
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, Final

from tikjobs.vm.exceptions import MissingProperty, NoSuchItem, RouterOSError
from tikjobs.vm.sim.command import Command, Reply, Row
from tikjobs.vm.sim.model.argtypes import format_interval, parse_interval

if TYPE_CHECKING:
    from tikjobs.vm.sim.device import Device

Handler = Callable[["Device", Command], Reply]

NO_DNS: Final = "could not resolve dns name"
FETCH_TIMEOUT: Final = 10.0
PING_COUNT: Final = 4
"""Pings sent when ``count`` is not given (a router would go on until stopped)."""
LOOPBACK_NAMES: Final = frozenset({"localhost", "localhost.localdomain"})


def _check(device: Device, command: Command, path: tuple[str, ...], verb: str) -> None:
    tree = device.model.tree
    if tree is None:
        return
    allowed = set(tree.arguments(path, verb)) | {".id"}
    for name in command.attrs:
        if name not in allowed:
            raise device.model.unknown_parameter(name)


def _is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _answering(device: Device, address: str) -> bool:
    """Whether ``address`` answers a ping: loopback, the device's own, a neighbour."""
    if _is_loopback(address):
        return True
    own = {row.get("address", "").split("/")[0] for row in device.model.items("ip/address")}
    neighbours = {row.get("address") for row in device.model.items("ip/arp")}
    return address in own or address in neighbours


def ping(device: Device, command: Command) -> Reply:
    """``/ping``: one row per packet and a running summary, as the API prints them."""
    _check(device, command, (), "ping")
    address = command.attrs.get("address")
    if not address:
        raise MissingProperty("missing value(s) of argument(s) address")
    try:
        ipaddress.ip_address(address)
    except ValueError:
        if not _is_loopback(address):
            raise RouterOSError(f"failure: {NO_DNS}", 4) from None
        address = "127.0.0.1"
    count = int(command.attrs.get("count", PING_COUNT) or PING_COUNT)
    size = command.attrs.get("size", "56")
    answers = _answering(device, address)
    rows: list[Row] = []
    for seq in range(count):
        sent, received = seq + 1, seq + 1 if answers else 0
        row = {"seq": str(seq), "host": address}
        if answers:
            row |= {"size": size, "ttl": "64", "time": "0ms"}
        else:
            row["status"] = "timeout"
        loss = 100 - received * 100 // sent
        row |= {"sent": str(sent), "received": str(received), "packet-loss": str(loss)}
        if answers:
            row |= {"min-rtt": "0ms", "avg-rtt": "0ms", "max-rtt": "0ms"}
        rows.append(row)
    return Reply(rows)


def fetch(device: Device, command: Command) -> Reply:
    """``/tool fetch``: a loopback URL is really fetched; any other host fails as a
    router without internet fails."""
    _check(device, command, ("tool",), "fetch")
    attrs = command.attrs
    url = attrs.get("url")
    if url is None:
        address = attrs.get("address") or attrs.get("host")
        if address is None:
            raise MissingProperty("missing value(s) of argument(s) url")
        mode = attrs.get("mode", "http")
        port = f":{attrs['port']}" if "port" in attrs else ""
        url = f"{mode}://{address}{port}/{attrs.get('src-path', '').lstrip('/')}"
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RouterOSError("failure: unsupported url scheme or no host", 4)
    if not _is_loopback(parts.hostname):
        try:
            ipaddress.ip_address(parts.hostname)
        except ValueError:
            raise RouterOSError(f"failure: {NO_DNS}", 4) from None
        raise RouterOSError("failure: connection timeout", 4)
    started = time.monotonic()
    data = _http(url, attrs)
    millis = round((time.monotonic() - started) * 1000)
    row = {
        "status": "finished",
        "downloaded": str(len(data) // 1024),
        "total": str(len(data) // 1024),
        "duration": format_interval(max(millis, 1000) // 1000 * 1000),
    }
    output = attrs.get("output", "file")
    if output == "user":
        row["data"] = data.decode("utf-8", errors="replace")
    elif output == "file":
        name = attrs.get("dst-path") or parts.path.rsplit("/", 1)[-1] or parts.hostname
        device.model.write_file(name, data)
    return Reply([row])


def _http(url: str, attrs: Mapping[str, str]) -> bytes:
    method = attrs.get("http-method", "get").upper()
    body = attrs.get("http-data")
    headers: dict[str, str] = {}
    for field in attrs.get("http-header-field", "").split(","):
        name, sep, value = field.partition(":")
        if sep:
            headers[name.strip()] = value.strip()
    # Only loopback http(s) URLs get here (checked by `fetch`).
    request = urllib.request.Request(  # noqa: S310
        url,
        data=None if body is None else body.encode(),
        method=method,
        headers=headers,
    )
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as answer:  # noqa: S310
            return bytes(answer.read())
    except urllib.error.HTTPError as error:
        where = urllib.parse.urlsplit(url).netloc
        raise RouterOSError(
            f"failure: closing connection: <{error.code} {error.reason}> {where} (4)", 4
        ) from None
    except (urllib.error.URLError, OSError) as error:
        reason = error.reason if isinstance(error, urllib.error.URLError) else error
        if isinstance(reason, ConnectionRefusedError):
            raise RouterOSError("failure: connection refused", 4) from None
        if isinstance(reason, TimeoutError):
            raise RouterOSError("failure: connection timeout", 4) from None
        raise RouterOSError(f"failure: {reason}", 4) from None


def check_for_updates(device: Device, command: Command) -> Reply:
    """What a router without internet shows: the channel, its version and the error."""
    _check(device, command, ("system", "package", "update"), "check-for-updates")
    row = {
        "channel": "stable",
        "installed-version": device.version,
        "status": f"ERROR: {NO_DNS}",
    }
    return Reply([row])


def cloud_force_update(device: Device, command: Command) -> Reply:
    """Accepted, as on a router; the update then fails in the background, as a router
    without internet reports in ``/ip cloud print``'s status."""
    _check(device, command, ("ip", "cloud"), "force-update")
    return Reply()


def certificate_sign(device: Device, command: Command) -> Reply:
    """Sign a certificate template at once: it gains a key, a fingerprint, a serial
    number and its validity; signed with ``ca=`` it names its issuer."""
    _check(device, command, ("certificate",), "sign")
    reference = command.attrs.get("number") or command.attrs.get(".id")
    if reference is None:
        raise MissingProperty("missing value(s) of argument(s) number")
    model = device.model
    rows = [r for r in model.items("certificate") if reference in (r.get(".id"), r.get("name"))]
    if not rows:
        raise NoSuchItem("no such item")
    row = rows[0]
    if row.get("fingerprint"):
        raise RouterOSError("failure: certificate is already signed", 4)
    issuer = command.attrs.get("ca")
    if issuer is not None and not any(r.get("name") == issuer for r in model.items("certificate")):
        raise RouterOSError("failure: no such CA certificate", 4)
    now = model.now()
    days = parse_interval(row.get("days-valid", "365") + "d") or 365 * 86400000
    after = now + timedelta(milliseconds=days)
    digest = hashlib.sha256(f"{model.system_id}/{row['.id']}/{now}".encode()).hexdigest()
    values = {
        "fingerprint": digest,
        "serial-number": digest[:16].upper(),
        "invalid-before": f"{now:%Y-%m-%d %H:%M:%S}",
        "invalid-after": f"{after:%Y-%m-%d %H:%M:%S}",
        "private-key": "true",
        "trusted": "true",
        "issuer": f"CN={issuer or row.get('common-name', '')}",
    }
    if "key-cert-sign" in row.get("key-usage", ""):
        values["ca"] = "true"
    if "name" in command.attrs:
        values["name"] = command.attrs["name"]
    model.update_item("certificate", row[".id"], values)
    return Reply()


def reset_configuration(device: Device, command: Command) -> Reply:
    """Reset to the factory configuration (without the defaults with ``no-defaults``),
    keeping the users with ``keep-users``, then reboot."""
    _check(device, command, ("system",), "reset-configuration")
    yes = ("yes", "true", "")
    no_defaults = command.attrs.get("no-defaults", "no").lower() in yes
    keep_users = command.attrs.get("keep-users", "no").lower() in yes
    model = device.model
    with model.lock:
        users = model.tables["user"] if keep_users else None
        model.reset(defaults=not no_defaults)
        if users is not None:
            model.tables["user"] = users
    device.reboot()
    return Reply()


TOOL_COMMANDS: Final[dict[tuple[tuple[str, ...], str], Handler]] = {
    ((), "ping"): ping,
    (("tool",), "fetch"): fetch,
    (("system", "package", "update"), "check-for-updates"): check_for_updates,
    (("ip", "cloud"), "force-update"): cloud_force_update,
    (("certificate",), "sign"): certificate_sign,
    (("system",), "reset-configuration"): reset_configuration,
}
"""The modelled commands, by menu path and command."""
