"""The fleet of one agent process, in process: a router whose settings change on reload
is let go and served again under the new settings, its ledger handed over (one agent per
ledger at a time), and its jobs keep running once."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.agent.harness import Cloud, RegisteredRouter, agent_settings, eventually
from tikjobs.agent.fleet import Fleet
from tikjobs.vm.sim.router import SimulatedRouter

pytestmark = pytest.mark.anyio


async def test_a_router_whose_settings_change_is_served_again_under_the_new_ones(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, state_dir: Path
) -> None:
    before = agent_settings(cloud, registered, router, state_dir, name="site")
    after = agent_settings(cloud, registered, router, state_dir, name="site", keep_markers=7)
    fleet = Fleet()
    serving = asyncio.get_running_loop().create_task(fleet.serve([before]))
    try:
        await eventually(lambda: cloud.online(registered.router_id), "served")
        first = await cloud.submit(registered.router_id, ':put "before"')
        await cloud.wait_for_end(registered.router_id, first)

        stopped, started = await fleet.reload([after])
        await eventually(lambda: cloud.online(registered.router_id), "served again")
        second = await cloud.submit(registered.router_id, ':put "after"')
        job = await cloud.wait_for_end(registered.router_id, second)
        unchanged = await fleet.reload([after])
    finally:
        serving.cancel()
        await asyncio.gather(serving, return_exceptions=True)

    assert (stopped, started) == (["site"], ["site"])
    assert unchanged == ([], [])
    assert fleet.serving["site"].settings.keep_markers == 7
    assert job["output"].splitlines() == ["after"]
    assert router.execution_count(first) == 1
    assert router.execution_count(second) == 1
