"""The API-SSL port: librouteros, sync and async, over TLS with the router's own certificate."""

from __future__ import annotations

import socket
import ssl
from collections.abc import AsyncIterator, Iterator

import librouteros
import pytest
from librouteros.exceptions import ConnectionClosed, LibRouterosError

from tikjobs.vm.sim.router import RouterThread, SimulatedRouter

TIMEOUT = 10


def trusting(certificate: bytes | None) -> ssl.SSLContext:
    """A client context that checks the server against the router's certificate."""
    assert certificate is not None
    return ssl.create_default_context(cadata=certificate.decode())


def unchecked() -> ssl.SSLContext:
    """A client context that takes any certificate, as RouterOS tooling mostly does."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def connect_tls(router: RouterThread, context: ssl.SSLContext) -> librouteros.Api:
    """A librouteros session over the router's API-SSL port."""
    return librouteros.connect(
        router.host,
        "admin",
        "pw",
        port=router.api_ssl_port,
        timeout=TIMEOUT,
        ssl_wrapper=lambda sock: context.wrap_socket(sock, server_hostname=router.host),
    )


@pytest.fixture(scope="module")
def served() -> Iterator[RouterThread]:
    with SimulatedRouter.start_in_thread(password="pw", api_ssl_port=0) as router:
        yield router


def test_sync_librouteros_logs_in_and_works_over_tls(served: RouterThread) -> None:
    api = connect_tls(served, trusting(served.api_ssl_certificate))
    try:
        assert next(iter(api.path("system", "identity")))["name"] == "MikroTik"
        new_id = api.path("ip", "address").add(address="10.77.0.1/24", interface="ether2")
        assert new_id in {row[".id"] for row in api.path("ip", "address")}
    finally:
        api.close()


def test_plain_api_and_tls_ports_serve_the_same_device(served: RouterThread) -> None:
    assert served.api_ssl_port not in (None, served.api_port)
    api = connect_tls(served, unchecked())
    try:
        api.path("system", "identity").update(name="over-tls")
    finally:
        api.close()
    plain = librouteros.connect(served.host, "admin", "pw", port=served.api_port, timeout=TIMEOUT)
    try:
        assert next(iter(plain.path("system", "identity")))["name"] == "over-tls"
        plain.path("system", "identity").update(name="MikroTik")
    finally:
        plain.close()


def test_a_plain_client_on_the_tls_port_is_refused_not_left_hanging(
    served: RouterThread,
) -> None:
    with pytest.raises((LibRouterosError, ConnectionError, OSError)):
        librouteros.connect(served.host, "admin", "pw", port=served.api_ssl_port, timeout=TIMEOUT)


def test_the_certificate_names_the_router_address(served: RouterThread) -> None:
    context = trusting(served.api_ssl_certificate)
    assert served.api_ssl_port is not None
    with (
        socket.create_connection((served.host, served.api_ssl_port), TIMEOUT) as raw,
        context.wrap_socket(raw, server_hostname=served.host) as wrapped,
    ):
        assert wrapped.version() in ("TLSv1.2", "TLSv1.3")
    with (
        socket.create_connection((served.host, served.api_ssl_port), TIMEOUT) as raw,
        pytest.raises(ssl.SSLCertVerificationError),
    ):
        ssl.create_default_context().wrap_socket(raw, server_hostname=served.host)


def test_a_reboot_closes_tls_sessions_and_the_port_comes_back(served: RouterThread) -> None:
    api = connect_tls(served, unchecked())
    served.reboot(delay=0)
    with pytest.raises((ConnectionClosed, ConnectionError, OSError)):
        list(api.path("interface"))
    api.close()
    again = connect_tls(served, unchecked())
    try:
        assert next(iter(again.path("system", "identity")))["name"] == "MikroTik"
    finally:
        again.close()


@pytest.fixture
async def router() -> AsyncIterator[SimulatedRouter]:
    async with SimulatedRouter(password="pw", api_ssl_port=0) as router:
        yield router


@pytest.mark.anyio
async def test_async_librouteros_logs_in_and_works_over_tls(router: SimulatedRouter) -> None:
    assert router.api_ssl_port is not None
    api = await librouteros.async_connect(
        router.host,
        "admin",
        "pw",
        port=router.api_ssl_port,
        ssl_wrapper=trusting(router.api_ssl_certificate),
    )
    try:
        rows = [row async for row in api.path("system", "identity")]
        assert rows[0]["name"] == "MikroTik"
    finally:
        await api.close()


@pytest.mark.anyio
async def test_api_ssl_is_off_unless_asked_for() -> None:
    async with SimulatedRouter() as router:
        assert router.api_ssl_port is None
        assert router.api_ssl_certificate is None
