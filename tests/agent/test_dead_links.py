"""Tunnels that stop carrying bytes without closing (a NAT box that dropped its state, a
dead uplink), and slow ones that must not be mistaken for them: the agent and the cloud
talk through a proxy in the test that can go silent or hold every frame.

The bound: each side sends or answers a heartbeat every ``heartbeat_interval`` (the
cloud's setting, told to the agent in Welcome) and takes a tunnel silent for three
intervals as dead. Here the interval is 0.6 s. The cloud, the agent, the router and the
proxy share this test's event loop, so a pause of the whole process (a busy CI machine)
looks like silence to both ends; at 0.3 s, a pause of 0.6 s dropped the slow tunnel.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.agent.harness import (
    Cloud,
    RegisteredRouter,
    agent_settings,
    eventually,
    running_agent,
    running_cloud,
)
from tests.agent.proxies import TcpProxy, proxy_to
from tikjobs.vm.sim.router import SimulatedRouter

pytestmark = pytest.mark.anyio

HEARTBEAT = 0.6


@pytest.fixture
async def beating_cloud(tmp_path: Path) -> AsyncIterator[Cloud]:
    async with running_cloud(tmp_path / "beats.db", heartbeat_interval=HEARTBEAT) as running:
        yield running


@pytest.fixture
async def proxy(beating_cloud: Cloud) -> AsyncIterator[TcpProxy]:
    host, port = beating_cloud.url.removeprefix("http://").split(":")
    async with proxy_to(host, int(port)) as running:
        yield running


async def test_a_silent_tunnel_is_declared_dead_on_both_sides_and_the_agent_reconnects(
    beating_cloud: Cloud, proxy: TcpProxy, router: SimulatedRouter, state_dir: Path
) -> None:
    registered = await beating_cloud.register_router()
    settings = agent_settings(
        beating_cloud, registered, router, state_dir, cloud=f"http://127.0.0.1:{proxy.port}"
    )
    async with running_agent(settings) as run:
        assert await beating_cloud.online(registered.router_id)
        assert proxy.connections == 1
        first_tunnel = run.agent.tunnel if run.agent else None

        proxy.stall()
        await eventually(
            lambda: _offline(beating_cloud, registered), "the cloud marked the router offline"
        )
        await eventually(lambda: _reconnected(proxy), "the agent opened a new tunnel")
        await eventually(lambda: beating_cloud.online(registered.router_id), "back online")
        key = await beating_cloud.submit(registered.router_id, ':put "after the stall"')
        job = await beating_cloud.wait_for_end(registered.router_id, key)

    assert first_tunnel is not None
    assert job["status"] == "completed"
    assert job["output"].splitlines() == ["after the stall"]


async def test_a_slow_link_within_the_bound_is_not_declared_dead(
    beating_cloud: Cloud, proxy: TcpProxy, router: SimulatedRouter, state_dir: Path
) -> None:
    registered = await beating_cloud.register_router()
    settings = agent_settings(
        beating_cloud, registered, router, state_dir, cloud=f"http://127.0.0.1:{proxy.port}"
    )
    async with running_agent(settings):
        proxy.delay = HEARTBEAT * 1.5
        key = await beating_cloud.submit(registered.router_id, ':delay 3s\n:put "slowly"')
        # Each frame takes 0.9 s each way: the job's own frames alone take about 5 s.
        job = await beating_cloud.wait_for_end(registered.router_id, key, wait=45.0)
        online = await beating_cloud.online(registered.router_id)

    assert job["status"] == "completed"
    assert job["output"].splitlines() == ["slowly"]
    assert online
    assert proxy.connections == 1, "the slow tunnel was dropped and made again"


async def _offline(cloud: Cloud, registered: RegisteredRouter) -> bool:
    return not await cloud.online(registered.router_id)


async def _reconnected(proxy: TcpProxy) -> bool:
    return proxy.connections >= 2
