"""The agent's tunnel: backoff, URLs, facts on hello, the router's reachability, refused
tokens, a silent cloud and a cloud that restarts."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from websockets.asyncio.server import ServerConnection, serve

from tests.agent.harness import (
    AgentRun,
    Cloud,
    RegisteredRouter,
    agent_settings,
    running_agent,
    running_cloud,
)
from tests.support.waiting import eventually
from tikjobs.agent.tunnel import Backoff, tunnel_url
from tikjobs.contracts.tunnel import Welcome, dump_frame
from tikjobs.vm.sim.router import SimulatedRouter


@given(
    st.floats(0.01, 5),
    st.floats(0.01, 60),
    st.lists(st.floats(0, 1, exclude_max=True), min_size=1, max_size=40),
)
def test_backoff_doubles_up_to_its_ceiling_with_jitter(
    minimum: float, maximum: float, draws: list[float]
) -> None:
    values = iter(draws)
    backoff = Backoff(minimum, maximum, rng=lambda: next(values))
    ceiling = backoff.maximum

    delays = [backoff.next() for _ in draws]

    for attempt, delay in enumerate(delays):
        expected = min(ceiling, minimum * 2**attempt)
        assert expected / 2 - 1e-9 <= delay <= expected + 1e-9
    backoff.reset()
    assert backoff.attempt == 0


@pytest.mark.parametrize(
    ("cloud", "url"),
    [
        ("http://127.0.0.1:8080", "ws://127.0.0.1:8080/tunnel"),
        ("https://cloud.example.net/", "wss://cloud.example.net/tunnel"),
        ("https://cloud.example.net/base", "wss://cloud.example.net/base/tunnel"),
        ("wss://cloud.example.net/tunnel", "wss://cloud.example.net/tunnel"),
    ],
)
def test_the_tunnel_url_follows_the_cloud_url(cloud: str, url: str) -> None:
    assert tunnel_url(cloud) == url


@pytest.mark.anyio
async def test_hello_carries_the_routers_facts(
    cloud: Cloud, registered: RegisteredRouter, agent: AgentRun
) -> None:
    response = await cloud.api("GET", f"/api/routers/{registered.router_id}")

    router = response.json()["data"]
    assert router["online"] is True
    assert router["identity"] == "branch-1"
    assert router["software_version"] == "7.16"
    assert router["board_name"] == "CHR"


@pytest.mark.anyio
async def test_the_cloud_learns_when_the_router_goes_away_and_comes_back(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    router.device.shutdown()
    await eventually(
        lambda: _offline(cloud, registered.router_id), "the router was reported offline"
    )

    router.device.power_on()
    await eventually(lambda: cloud.online(registered.router_id), "the router was reported back")
    key = await cloud.submit(registered.router_id, ':put "after"')
    job = await cloud.wait_for_end(registered.router_id, key)

    assert job["status"] == "completed"


@pytest.mark.anyio
async def test_a_refused_token_is_retried_with_growing_pauses(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, state_dir: Path
) -> None:
    settings = agent_settings(
        cloud, RegisteredRouter(registered.router_id, "not-a-token"), router, state_dir
    )
    run = AgentRun(settings)
    agent = await run.start(wait=False)
    try:
        await eventually(lambda: _attempts(agent.tunnel.backoff, 3), "several refused attempts")
        assert not agent.tunnel.up.is_set()
        assert not await cloud.online(registered.router_id)
    finally:
        await run.kill()


@contextlib.asynccontextmanager
async def silent_cloud(heartbeat: float) -> AsyncIterator[tuple[str, list[int]]]:
    """A tunnel endpoint that welcomes every agent and then says nothing at all."""
    connections: list[int] = []

    async def welcome_then_silence(socket: ServerConnection) -> None:
        connections.append(1)
        await socket.recv()
        welcome = Welcome(router_id="r", poll_interval=3600, heartbeat_interval=heartbeat)
        await socket.send(dump_frame(welcome))
        with contextlib.suppress(Exception):
            while True:
                await socket.recv()

    async with serve(welcome_then_silence, "127.0.0.1", 0) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        yield f"http://127.0.0.1:{port}", connections


@pytest.mark.anyio
async def test_a_silent_cloud_is_left_and_reconnected(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, state_dir: Path
) -> None:
    async with silent_cloud(heartbeat=0.1) as (url, connections):
        settings = agent_settings(cloud, registered, router, state_dir, cloud=url)
        async with running_agent(settings):
            await eventually(lambda: _at_least(connections, 3), "the agent reconnected")


@pytest.mark.anyio
async def test_the_agent_comes_back_to_a_restarted_cloud(
    tmp_path: Path, router: SimulatedRouter, state_dir: Path
) -> None:
    db = tmp_path / "cloud.db"
    async with running_cloud(db) as first:
        registered = await first.register_router()
        port = int(first.url.rsplit(":", 1)[1])
        customer, api_key = first.customer_id, first.api_key
        settings = agent_settings(first, registered, router, state_dir)
        run = AgentRun(settings)
        await run.start()
    try:
        assert run.agent is not None
        await eventually(lambda: _down(run), "the agent saw the cloud go")
        async with running_cloud(db, port=port, setup=False) as second:
            second.customer_id, second.api_key = customer, api_key
            await eventually(lambda: _up(run), "the agent reconnected")
            key = await second.submit(registered.router_id, ':put "again"')
            job = await second.wait_for_end(registered.router_id, key)
    finally:
        await run.kill()

    assert job["status"] == "completed"


async def _offline(cloud: Cloud, router_id: str) -> bool:
    return not await cloud.online(router_id)


async def _attempts(backoff: Backoff, count: int) -> bool:
    return backoff.attempt >= count


async def _at_least(connections: list[int], count: int) -> bool:
    return len(connections) >= count


async def _down(run: AgentRun) -> bool:
    return run.agent is not None and not run.agent.tunnel.up.is_set()


async def _up(run: AgentRun) -> bool:
    return run.agent is not None and run.agent.tunnel.up.is_set()
