"""``tikjobs agent`` as a real process: it serves a router, survives ``kill -9`` mid-job
without running the job twice, and stops cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from tests.agent.harness import WAIT, Cloud, RegisteredRouter, eventually
from vm.sim.device import RunOutcome
from vm.sim.router import SimulatedRouter

pytestmark = pytest.mark.anyio


async def start_agent(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, state_dir: Path
) -> asyncio.subprocess.Process:
    environment = {
        **os.environ,
        "TIKJOBS_AGENT_ROUTER_TOKEN": registered.tunnel_token,
        "TIKJOBS_AGENT_PASSWORD": router.password,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "emulator.cli", "agent",
        "--cloud", cloud.url, "--router", router.host,
        "--api-port", str(router.api_port), "--ssh-port", str(router.ssh_port),
        "--user", router.user, "--state-dir", str(state_dir),
        "--router-check-interval", "0.5", "--reconnect-min", "0.05", "--reconnect-max", "0.5",
        "--log-level", "warning",
        env=environment,
        stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None
    line = await asyncio.wait_for(process.stdout.readline(), WAIT)
    assert line.decode().strip() == "tikjobs agent serving 1 router(s)"
    await eventually(lambda: cloud.online(registered.router_id), "the agent connected")
    return process


async def test_kill_9_mid_job_and_restart_ends_the_job_truthfully_without_a_rerun(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, state_dir: Path
) -> None:
    process = await start_agent(cloud, registered, router, state_dir)
    key = await cloud.submit(registered.router_id, ':put "start"\n:delay 3s\n:put "end"')
    await eventually(lambda: _running(router, key), "the script started on the router")

    process.kill()
    await asyncio.wait_for(process.wait(), WAIT)
    restarted = await start_agent(cloud, registered, router, state_dir)
    try:
        job = await cloud.wait_for_end(registered.router_id, key)
    finally:
        restarted.send_signal(signal.SIGTERM)
        status = await asyncio.wait_for(restarted.wait(), WAIT)

    assert router.execution_count(key) == 1
    [run] = [run for run in router.device.runs if key in run.source]
    if run.outcome is RunOutcome.COMPLETED:
        assert job["status"] == "completed"
    else:
        assert job["status"] == "failed"
        assert job["error"] == "interrupted: outcome unknown"
    assert status == 0


async def _running(router: SimulatedRouter, key: str) -> bool:
    return any(
        key in run.source and run.outcome is RunOutcome.RUNNING for run in router.device.runs
    )
