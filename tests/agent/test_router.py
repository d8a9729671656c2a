"""The agent's API connections against a simulated router: facts, strings kept as sent,
TLS, refused logins, logging in again after a drop, timeouts and fatal answers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import librouteros
import pytest

from tikjobs.agent.config import RouterSettings, validate
from tikjobs.agent.exceptions import LoginRefused, RouterTimeout, RouterUnreachable
from tikjobs.agent.router import RouterConnection, RouterPool, read_facts
from tikjobs.vm.sim.router import SimulatedRouter

pytestmark = pytest.mark.anyio

SLOT_WAIT = 5.0
"""Seconds a pooled command may wait for its slot before the test calls it leaked."""


def settings_for(router: SimulatedRouter, **overrides: Any) -> RouterSettings:
    values: dict[str, Any] = {
        "cloud": "http://127.0.0.1:1",
        "router_token": "unused",
        "router": router.host,
        "api_port": router.api_port,
        "user": router.user,
        "password": router.password,
        "connect_timeout": 3.0,
    }
    values.update(overrides)
    return validate(values)


async def test_facts_describe_the_router(router: SimulatedRouter) -> None:
    pool = RouterPool(settings_for(router), 2)

    facts = await read_facts(pool, 5.0)
    await pool.close()

    assert facts.identity == "branch-1"
    assert facts.software_version == "7.16"
    assert facts.board_name == "CHR"
    assert facts.uptime


async def test_values_stay_the_strings_the_router_sent(router: SimulatedRouter) -> None:
    pool = RouterPool(settings_for(router), 1)

    answer = await pool.run("/interface/print", ["?name=ether1"])
    added = await pool.run("/ip/address/add", ["=address=10.3.3.1/24", "=interface=ether2"])
    await pool.close()

    [ether1] = answer.rows
    assert ether1["mtu"] == "1500"
    assert ether1["disabled"] == "false"
    assert added.ret is not None
    assert added.ret.startswith("*")


async def test_a_wrong_password_is_refused_with_the_routers_words(router: SimulatedRouter) -> None:
    with pytest.raises(LoginRefused, match=r"invalid user name or password \(6\)"):
        await RouterConnection.open(settings_for(router, password="wrong"))


async def test_a_cancellation_the_login_loses_still_stops_the_caller(
    router: SimulatedRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """librouteros logs in under ``asyncio.wait_for``, which on Python 3.11 can lose a
    cancellation that arrives as the login completes. The task asked to stop must stop,
    and the session it would have been handed is closed."""
    connect = librouteros.async_connect
    started = asyncio.Event()
    logins: list[asyncio.Future[librouteros.AsyncApi]] = []

    async def losing(*args: Any, **kwargs: Any) -> librouteros.AsyncApi:
        login = asyncio.ensure_future(connect(*args, **kwargs))
        logins.append(login)
        started.set()
        try:
            return await asyncio.shield(login)
        except asyncio.CancelledError:
            return await login  # the cancellation is lost, as wait_for can lose it

    monkeypatch.setattr(librouteros, "async_connect", losing)
    opening = asyncio.create_task(RouterConnection.open(settings_for(router)))
    await started.wait()
    opening.cancel()

    with pytest.raises(asyncio.CancelledError):
        await opening
    [login] = logins
    assert login.result().protocol.transport.writer.is_closing()


async def test_nothing_listening_is_unreachable(router: SimulatedRouter) -> None:
    settings = settings_for(router)
    await router.close()

    with pytest.raises(RouterUnreachable, match="cannot reach the API"):
        await RouterConnection.open(settings)


async def test_a_pool_gets_its_slot_back_from_a_login_that_failed_and_a_command_that_timed_out(
    router: SimulatedRouter,
) -> None:
    """One slot: a leaked one would leave the next command waiting forever."""
    router.faults.never_answer("/ip/route/print")
    pool = RouterPool(settings_for(router, password="wrong"), 1)
    for _ in range(2):
        with pytest.raises(LoginRefused):
            await asyncio.wait_for(pool.run("/system/identity/print"), SLOT_WAIT)
    pool = RouterPool(settings_for(router), 1)
    for _ in range(2):
        with pytest.raises(RouterTimeout):
            await asyncio.wait_for(pool.run("/ip/route/print", timeout=0.2), SLOT_WAIT)
    answer = await asyncio.wait_for(pool.run("/system/identity/print"), SLOT_WAIT)
    await pool.close()

    assert answer.rows == [{"name": "branch-1"}]


async def test_the_pool_logs_in_again_after_the_router_dropped_its_sessions(
    router: SimulatedRouter,
) -> None:
    pool = RouterPool(settings_for(router), 1)
    await pool.run("/system/identity/print")

    router.api.drop_sessions()
    answer = await pool.run("/system/identity/print")
    router.api.drop_sessions()
    async with pool.answered_connection("/system/identity/print") as (connection, checked):
        again = await connection.command("/system/identity/print")
    await pool.close()

    assert answer.rows == [{"name": "branch-1"}]
    assert checked.rows == [{"name": "branch-1"}]
    assert again.rows == [{"name": "branch-1"}]


async def test_a_command_without_an_answer_times_out_and_closes_its_connection(
    router: SimulatedRouter,
) -> None:
    router.faults.never_answer("/ip/route/print")
    connection = await RouterConnection.open(settings_for(router))

    with pytest.raises(RouterTimeout, match="no answer within"):
        await connection.command("/ip/route/print", timeout=0.3)

    assert connection.closed
    with pytest.raises(RouterUnreachable, match="closed"):
        await connection.command("/system/identity/print")


async def test_a_fatal_answer_ends_the_connection(router: SimulatedRouter) -> None:
    connection = await RouterConnection.open(settings_for(router))

    with pytest.raises(RouterUnreachable, match="session terminated on request"):
        await connection.command("/quit")

    assert connection.closed


# -- TLS: the simulator's own api-ssl port and its self-signed certificate -----------


@pytest.fixture
async def tls_router() -> AsyncIterator[SimulatedRouter]:
    async with SimulatedRouter(identity="branch-1", api_ssl_port=0) as simulated:
        yield simulated


def write_certificate(router: SimulatedRouter, directory: Path) -> Path:
    """The router's api-ssl certificate as a CA file a client can trust."""
    assert router.api_ssl_certificate is not None
    cert = directory / "router.pem"
    cert.write_bytes(router.api_ssl_certificate)
    return cert


async def test_tls_with_the_routers_certificate_works(
    tls_router: SimulatedRouter, tmp_path: Path
) -> None:
    cert = write_certificate(tls_router, tmp_path)
    port = tls_router.api_ssl_port
    pool = RouterPool(settings_for(tls_router, tls=True, api_port=port, tls_ca_file=cert), 1)
    facts = await read_facts(pool, 5.0)
    await pool.close()

    assert facts.identity == "branch-1"


async def test_tls_refuses_an_unknown_certificate_unless_told_not_to_check(
    tls_router: SimulatedRouter,
) -> None:
    port = tls_router.api_ssl_port
    with pytest.raises(RouterUnreachable, match=r"CERTIFICATE_VERIFY_FAILED|certificate"):
        await RouterConnection.open(settings_for(tls_router, tls=True, api_port=port))
    unchecked = await RouterConnection.open(
        settings_for(tls_router, tls=True, api_port=port, tls_verify=False)
    )
    answer = await unchecked.command("/system/identity/print")
    await unchecked.close()

    assert answer.rows == [{"name": "branch-1"}]
