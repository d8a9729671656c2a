"""``tikjobs agent`` as a real process: it serves a router, survives ``kill -9`` mid-job
without running the job twice, and stops cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from tests.agent.harness import Cloud, RegisteredRouter
from tests.support.waiting import WAIT, eventually
from tikjobs.vm.sim.device import RunOutcome
from tikjobs.vm.sim.router import SimulatedRouter

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
        sys.executable, "-m", "tikjobs.cli", "agent",
        "--cloud", cloud.url, "--insecure", "--router", router.host,
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


async def test_one_process_serves_the_routers_of_its_file_and_never_logs_secrets(
    cloud: Cloud, tmp_path: Path
) -> None:
    async with (
        SimulatedRouter(identity="east", password="east-pw-51c9") as east,
        SimulatedRouter(identity="west", password="west-pw-77ad") as west,
    ):
        routers = {"east": east, "west": west}
        registered = {name: await cloud.register_router() for name in routers}
        tables = "".join(
            f'[[routers]]\nname = "{name}"\nrouter = "{router.host}"\n'
            f"api_port = {router.api_port}\nssh_port = {router.ssh_port}\n"
            f'password = "{router.password}"\n'
            f'router_token = "{registered[name].tunnel_token}"\n\n'
            for name, router in routers.items()
        )
        file = tmp_path / "agent.toml"
        file.write_text(
            f'cloud = "{cloud.url}"\ninsecure = true\nstate_dir = "{tmp_path / "state"}"\n'
            "router_check_interval = 0.5\nreconnect_min = 0.05\nreconnect_max = 0.5\n\n" + tables
        )
        log_file = tmp_path / "agent.log"
        with log_file.open("wb") as log:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "tikjobs.cli", "agent",
                "--config", str(file), "--log-level", "debug",
                stdout=asyncio.subprocess.PIPE, stderr=log,
            )  # fmt: skip
            try:
                assert process.stdout is not None
                line = await asyncio.wait_for(process.stdout.readline(), WAIT)
                assert line.decode().strip() == "tikjobs agent serving 2 router(s)"
                keys = {
                    name: await cloud.submit(registered[name].router_id, f':put "{name}"')
                    for name in routers
                }
                jobs = {
                    name: await cloud.wait_for_end(registered[name].router_id, keys[name])
                    for name in routers
                }
            finally:
                process.send_signal(signal.SIGTERM)
                await asyncio.wait_for(process.wait(), WAIT)

    assert {name: job["output"].splitlines() for name, job in jobs.items()} == {
        "east": ["east"],
        "west": ["west"],
    }
    logged = log_file.read_text()
    assert "DEBUG" in logged
    for name, router in routers.items():
        assert router.password not in logged
        assert registered[name].tunnel_token not in logged


def _loaded_libraries(pid: int) -> str:
    return Path(f"/proc/{pid}/maps").read_text()


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs /proc (Linux)")
async def test_the_sftp_stack_is_loaded_only_for_a_backup(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, state_dir: Path
) -> None:
    process = await start_agent(cloud, registered, router, state_dir)
    try:
        plain = await cloud.submit(registered.router_id, ':put "no backup"')
        assert (await cloud.wait_for_end(registered.router_id, plain))["status"] == "completed"
        before = _loaded_libraries(process.pid)
        backed_up = await cloud.submit(registered.router_id, ':put "backup"', make_backup=True)
        job = await cloud.wait_for_end(registered.router_id, backed_up)
        after = _loaded_libraries(process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), WAIT)
    assert job["status"] == "completed"
    # paramiko's native parts (PyNaCl's libsodium binding, bcrypt) come with it.
    assert "_sodium" not in before
    assert "_sodium" in after
    assert "cryptography" not in before  # no certificate pin: its checks are not loaded
