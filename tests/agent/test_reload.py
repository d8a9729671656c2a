"""SIGHUP to a real ``tikjobs agent`` process: a router added to the file is served, one
removed finishes its job in hand and is let go, and a file that is not valid is refused
with the line at fault while the routers being served keep being served."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.agent.harness import WAIT, Cloud, RegisteredRouter, eventually
from tikjobs.vm.sim.device import RunOutcome
from tikjobs.vm.sim.router import SimulatedRouter

pytestmark = pytest.mark.anyio


def table(name: str, router: SimulatedRouter, registered: RegisteredRouter) -> str:
    return (
        f'[[routers]]\nname = "{name}"\nrouter = "{router.host}"\n'
        f"api_port = {router.api_port}\nssh_port = {router.ssh_port}\n"
        f'password = "{router.password}"\nrouter_token = "{registered.tunnel_token}"\n\n'
    )


def write_settings(path: Path, cloud: Cloud, state: Path, *tables: str) -> None:
    common = (
        f'cloud = "{cloud.url}"\ninsecure = true\nstate_dir = "{state}"\n'
        "router_check_interval = 0.5\nreconnect_min = 0.05\nreconnect_max = 0.5\n\n"
    )
    path.write_text(common + "".join(tables))


async def offline(cloud: Cloud, registered: RegisteredRouter) -> bool:
    return not await cloud.online(registered.router_id)


async def running(router: SimulatedRouter, key: str) -> bool:
    return any(
        key in run.source and run.outcome is RunOutcome.RUNNING for run in router.device.runs
    )


@pytest.fixture
async def routers() -> AsyncIterator[tuple[SimulatedRouter, SimulatedRouter]]:
    async with (
        SimulatedRouter(identity="east", password="east-pw") as east,
        SimulatedRouter(identity="west", password="west-pw") as west,
    ):
        yield east, west


async def test_sighup_serves_added_routers_drains_removed_ones_and_refuses_a_bad_file(
    cloud: Cloud, routers: tuple[SimulatedRouter, SimulatedRouter], tmp_path: Path
) -> None:
    east, west = routers
    east_id, west_id = await cloud.register_router(), await cloud.register_router()
    file, state, log = tmp_path / "agent.toml", tmp_path / "state", tmp_path / "agent.log"
    write_settings(file, cloud, state, table("east", east, east_id))
    with log.open("wb") as log_handle:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tikjobs.cli", "agent", "--config", str(file),
            "--log-level", "info", stdout=asyncio.subprocess.PIPE, stderr=log_handle,
        )  # fmt: skip
        try:
            assert process.stdout is not None
            await asyncio.wait_for(process.stdout.readline(), WAIT)
            await eventually(lambda: cloud.online(east_id.router_id), "east is served")
            key = await cloud.submit(east_id.router_id, ':delay 2s\n:put "drained"')
            await eventually(lambda: running(east, key), "east's job started")

            write_settings(file, cloud, state, table("west", west, west_id))
            process.send_signal(signal.SIGHUP)
            await eventually(lambda: cloud.online(west_id.router_id), "west is served")
            east_job = await cloud.wait_for_end(east_id.router_id, key)
            await eventually(lambda: offline(cloud, east_id), "east was let go")

            good = file.read_text()
            bad = good.replace('name = "west"', 'name = "west"\napi_port 8728')
            file.write_text(bad)
            at_fault = bad.splitlines().index("api_port 8728") + 1
            process.send_signal(signal.SIGHUP)
            await eventually(lambda: _logged(log, "reload refused"), "the bad file was refused")
            after = await cloud.submit(west_id.router_id, ':put "still served"')
            west_job = await cloud.wait_for_end(west_id.router_id, after)
        finally:
            process.send_signal(signal.SIGTERM)
            status = await asyncio.wait_for(process.wait(), WAIT)

    assert east_job["status"] == "completed"
    assert east_job["output"].splitlines() == ["drained"]
    assert east.execution_count(key) == 1
    assert west_job["output"].splitlines() == ["still served"]
    [refusal] = [line for line in log.read_text().splitlines() if "reload refused" in line]
    assert f"at line {at_fault}, column" in refusal, refusal
    assert "reloaded: serving 1 router(s); stopped: east; started: west" in log.read_text()
    assert status == 0


async def _logged(log: Path, text: str) -> bool:
    return text in await asyncio.to_thread(log.read_text)
