"""The SSRF guard: forbidden ranges, the allow-list, and the notification client on loopback."""

from __future__ import annotations

import asyncio
import ipaddress
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tikjobs.emulator.exceptions import DeliveryRefused
from tikjobs.emulator.notifications.poster import Poster, PostFailed
from tikjobs.emulator.notifications.ssrf import AddressPolicy, forbidden_reason
from tikjobs.sink import NotificationSink

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.255.0.9", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.1.1", "private"),
        ("100.64.0.1", "shared address space (CGNAT)"),
        ("100.127.255.254", "shared address space (CGNAT)"),
        ("169.254.169.254", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        ("192.0.2.10", "not globally routable"),
        ("::", "unspecified"),
        ("::1", "loopback"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("fe80::1", "link-local"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback (IPv4 127.0.0.1 inside)"),
        ("::ffff:10.0.0.1", "private (IPv4 10.0.0.1 inside)"),
        ("64:ff9b::a9fe:a9fe", "link-local (IPv4 169.254.169.254 inside)"),
        ("2002:c0a8:0101::1", "private (IPv4 192.168.1.1 inside)"),
    ],
)
def test_forbidden_addresses_carry_their_reason(address: str, reason: str) -> None:
    assert forbidden_reason(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "8.8.8.8", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8"]
)
def test_public_addresses_are_allowed(address: str) -> None:
    assert forbidden_reason(ipaddress.ip_address(address)) is None


@given(st.ip_addresses(v=4))
def test_an_ipv4_address_and_its_mapped_form_get_the_same_verdict(
    address: ipaddress.IPv4Address,
) -> None:
    mapped = ipaddress.IPv6Address(f"::ffff:{address}")
    reason = forbidden_reason(address)
    mapped_reason = forbidden_reason(mapped)
    assert (reason is None) == (mapped_reason is None)
    if reason is not None:
        assert mapped_reason == f"{reason} (IPv4 {address} inside)"


@given(st.ip_addresses())
def test_only_globally_routable_addresses_are_allowed(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address,
) -> None:
    if forbidden_reason(address) is None:
        embedded = address.ipv4_mapped if isinstance(address, ipaddress.IPv6Address) else None
        assert (embedded or address).is_global


def test_allow_hosts_take_names_addresses_and_cidrs() -> None:
    policy = AddressPolicy.from_allow_hosts(["Sink.Example.", "127.0.0.1", "10.0.0.0/8", "::1"])
    assert policy.name_allowed("sink.example")
    assert policy.name_allowed("127.0.0.1")
    assert policy.name_allowed("[::1]")
    assert policy.address_allowed(ipaddress.ip_address("10.9.8.7"))
    assert policy.address_allowed(ipaddress.ip_address("::ffff:127.0.0.1"))
    assert not policy.name_allowed("other.example")
    assert not policy.address_allowed(ipaddress.ip_address("127.0.0.2"))


@pytest.mark.parametrize("entry", ["http://sink", "a b", "", "10.0.0.0/33", "-bad-.example"])
def test_bad_allow_hosts_entries_are_refused_by_name(entry: str) -> None:
    with pytest.raises(ValueError, match="allow_hosts entry"):
        AddressPolicy.from_allow_hosts([entry])


async def _post(poster: Poster, url: str) -> int:
    try:
        async with asyncio.timeout(5.0):
            return await poster.post(url, {"content-type": "application/json"}, b"{}")
    finally:
        await poster.aclose()


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("127.0.0.1", "refused: 127.0.0.1 is loopback"),
        ("10.0.0.1", "refused: 10.0.0.1 is private"),
        ("169.254.169.254", "refused: 169.254.169.254 is link-local"),
        ("100.64.0.1", "refused: 100.64.0.1 is shared address space (CGNAT)"),
        ("[::1]", "refused: ::1 is loopback"),
        ("[::ffff:127.0.0.1]", "refused: ::ffff:127.0.0.1 is loopback (IPv4 127.0.0.1 inside)"),
    ],
)
async def test_private_addresses_are_refused_before_connecting(
    https_sink: NotificationSink, ca_bundle: Path, host: str, reason: str
) -> None:
    transport = Poster(AddressPolicy(), ca_bundle=ca_bundle)
    with pytest.raises(DeliveryRefused) as refused:
        await _post(transport, https_sink.url_for(host))
    assert refused.value.reason == reason
    assert https_sink.received == []


async def test_a_name_resolving_to_loopback_is_refused(
    https_sink: NotificationSink, ca_bundle: Path
) -> None:
    transport = Poster(AddressPolicy(), ca_bundle=ca_bundle)
    with pytest.raises(DeliveryRefused, match=r"is loopback \(resolved from localhost\)"):
        await _post(transport, https_sink.url_for("localhost"))
    assert https_sink.received == []


async def test_an_allow_listed_address_is_reached_over_verified_tls(
    https_sink: NotificationSink, ca_bundle: Path
) -> None:
    transport = Poster(AddressPolicy.from_allow_hosts(["127.0.0.1"]), ca_bundle=ca_bundle)
    assert await _post(transport, https_sink.url) == 204
    [received] = https_sink.received
    assert received.body == b"{}"


async def test_a_pinned_connection_keeps_the_name_for_host_and_tls(
    https_sink: NotificationSink, ca_bundle: Path
) -> None:
    transport = Poster(AddressPolicy.from_allow_hosts(["localhost"]), ca_bundle=ca_bundle)
    assert await _post(transport, https_sink.url_for("localhost")) == 204
    assert https_sink.received[0].headers["host"] == f"localhost:{https_sink.port}"


async def test_an_untrusted_certificate_fails_the_connection(https_sink: NotificationSink) -> None:
    transport = Poster(AddressPolicy.from_allow_hosts(["127.0.0.1"]))
    with pytest.raises(PostFailed, match="CERTIFICATE_VERIFY_FAILED"):
        await _post(transport, https_sink.url)
    assert https_sink.received == []


async def test_plain_http_is_refused_without_the_flag(http_sink: NotificationSink) -> None:
    transport = Poster(AddressPolicy.from_allow_hosts(["127.0.0.1"]))
    with pytest.raises(DeliveryRefused, match="needs the allow-plain-http flag"):
        await _post(transport, http_sink.url)
    assert http_sink.received == []


async def test_plain_http_with_the_flag_reaches_only_allow_listed_hosts(
    http_sink: NotificationSink,
) -> None:
    listed = AddressPolicy.from_allow_hosts(["127.0.0.1"], allow_plain_http=True)
    assert await _post(Poster(listed), http_sink.url) == 204
    elsewhere = AddressPolicy.from_allow_hosts(["sink.example"], allow_plain_http=True)
    with pytest.raises(DeliveryRefused, match=r"127\.0\.0\.1 \(127\.0\.0\.1\) is not allow-listed"):
        await _post(Poster(elsewhere), http_sink.url)
    assert len(http_sink.received) == 1


async def test_other_schemes_are_refused() -> None:
    transport = Poster(AddressPolicy.from_allow_hosts(["127.0.0.1"]))
    with pytest.raises(DeliveryRefused, match="'ftp' scheme"):
        await _post(transport, "ftp://127.0.0.1/x")
