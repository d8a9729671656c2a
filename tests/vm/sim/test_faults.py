"""Faults: the rules themselves, and what a client of the simulated router sees."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import librouteros
import pytest

from tests.vm.sim.raw_api import RawApi
from tikjobs.vm.sim.faults import Faults
from tikjobs.vm.sim.router import SimulatedRouter


def test_latency_takes_the_largest_matching_pattern() -> None:
    faults = Faults()
    faults.add_latency("/ip/*", 0.5)
    faults.add_latency("/ip/address/print", 2.0)
    assert faults.latency_for("/ip/address/print") == 2.0
    assert faults.latency_for("/ip/route/print") == 0.5
    assert faults.latency_for("/interface/print") == 0.0


def test_silence_drop_and_clear() -> None:
    faults = Faults()
    faults.never_answer("/system/*")
    faults.drop_after(3)
    assert faults.is_silent("/system/identity/print")
    assert not faults.is_silent("/interface/print")
    assert not faults.must_drop(2)
    assert faults.must_drop(3)
    faults.clear()
    assert not faults.is_silent("/system/identity/print")
    assert not faults.must_drop(100)
    assert not faults.active


@pytest.mark.parametrize("call", [lambda f: f.add_latency("/x", -1), lambda f: f.drop_after(0)])
def test_nonsense_settings_are_refused(call: object) -> None:
    assert callable(call)
    with pytest.raises(ValueError, match=r"latency|sentence"):
        call(Faults())


@pytest.fixture
async def router() -> AsyncIterator[SimulatedRouter]:
    async with SimulatedRouter() as router:
        yield router


@pytest.fixture
async def api(router: SimulatedRouter) -> AsyncIterator[RawApi]:
    client = await RawApi.logged_in(router.host, router.api_port, "admin", "")
    yield client
    await client.close()


@pytest.mark.anyio
async def test_a_delayed_command_is_answered_after_the_others(
    router: SimulatedRouter, api: RawApi
) -> None:
    router.faults.add_latency("/system/identity/*", 30)
    await api.send("/system/identity/print", ".tag=slow")
    assert (await api.talk("/interface/print", "?name=ether1", ".tag=fast"))[-1] == (
        "!done",
        ".tag=fast",
    )
    await api.send("/cancel", "=tag=slow")
    replies = await api.read_until_done("slow")
    assert replies[0] == ("!trap", "=category=2", "=message=interrupted", ".tag=slow")


@pytest.mark.anyio
async def test_a_short_latency_still_answers(router: SimulatedRouter) -> None:
    router.faults.add_latency("/system/identity/print", 0.05)
    api = await librouteros.async_connect(router.host, "admin", "", port=router.api_port)
    try:
        assert [row async for row in api.path("system", "identity")] == [{"name": "MikroTik"}]
    finally:
        await api.close()


@pytest.mark.anyio
async def test_a_silent_command_never_answers_until_cancelled(
    router: SimulatedRouter, api: RawApi
) -> None:
    router.faults.never_answer("/ip/route/print")
    await api.send("/ip/route/print")
    await api.send("/cancel", ".tag=c")
    assert [await api.read() for _ in range(3)] == [
        ("!trap", "=category=2", "=message=interrupted"),
        ("!done", ".tag=c"),
        ("!done",),
    ]
    router.faults.clear()
    assert (await api.talk("/ip/route/print"))[-1] == ("!done",)


@pytest.mark.anyio
async def test_a_silent_command_holds_back_later_untagged_ones(
    router: SimulatedRouter, api: RawApi
) -> None:
    router.faults.never_answer("/ip/route/print")
    await api.send("/ip/route/print")
    await api.send("/system/identity/print")
    with pytest.raises(TimeoutError):
        await api.read(within=0.3)


@pytest.mark.anyio
async def test_connections_drop_after_n_sentences(router: SimulatedRouter) -> None:
    router.faults.drop_after(3)
    async with await RawApi.logged_in(router.host, router.api_port, "admin", "") as client:
        await client.send("/interface/print")
        received = await client.read_until_closed()
        assert [s[0] for s in received] == ["!re", "!re"]
    router.faults.drop_after(None)
    async with await RawApi.logged_in(router.host, router.api_port, "admin", "") as client:
        assert (await client.talk("/interface/print"))[-1] == ("!done",)


@pytest.mark.anyio
async def test_a_dropped_connection_is_connection_closed_for_librouteros(
    router: SimulatedRouter,
) -> None:
    router.faults.drop_after(2)
    api = await librouteros.async_connect(router.host, "admin", "", port=router.api_port)
    try:
        with pytest.raises((librouteros.exceptions.ConnectionClosed, ConnectionError)):
            [row async for row in api.path("interface")]
    finally:
        await api.close()


@pytest.mark.anyio
async def test_the_reboot_delay_keeps_ports_closed_until_power_on(router: SimulatedRouter) -> None:
    router.faults.reboot_delay = 30
    async with await RawApi.logged_in(router.host, router.api_port, "admin", "") as client:
        await client.send("/system/reboot")
        assert await client.closed_by_server()
    with pytest.raises(ConnectionRefusedError):
        await RawApi.connect(router.host, router.api_port)
    assert not router.is_serving
    router.device.power_on()
    await asyncio.wait_for(router.wait_until_serving(), 10)
    async with await RawApi.logged_in(router.host, router.api_port, "admin", "") as client:
        assert (await client.talk("/system/identity/print"))[-1] == ("!done",)
