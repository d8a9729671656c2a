"""The whole simulated router: its SSH port follows the device through a reboot too."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import paramiko
import pytest

from tests.vm.sim.ports import refused
from tikjobs.vm.sim.router import SimulatedRouter

pytestmark = pytest.mark.anyio

TIMEOUT = 10.0


@pytest.fixture
async def router() -> AsyncIterator[SimulatedRouter]:
    async with SimulatedRouter(password="pw") as router:
        yield router


def ssh(router: SimulatedRouter) -> paramiko.SSHClient:
    client = paramiko.SSHClient()
    key = router.ssh.host_key
    client.get_host_keys().add(f"[{router.host}]:{router.ssh_port}", key.get_name(), key)
    client.connect(
        router.host,
        router.ssh_port,
        router.user,
        router.password,
        look_for_keys=False,
        allow_agent=False,
        timeout=TIMEOUT,
        banner_timeout=TIMEOUT,
        auth_timeout=TIMEOUT,
    )
    return client


def run(client: paramiko.SSHClient, script: str) -> str:
    _, stdout, _ = client.exec_command(script, timeout=TIMEOUT)
    return str(stdout.read().decode())


async def test_ssh_scripts_count_and_a_reboot_cuts_ssh_too(router: SimulatedRouter) -> None:
    client = await asyncio.to_thread(ssh, router)
    try:
        assert (await asyncio.to_thread(run, client, ':put "ssh-job-1"')).strip() == "ssh-job-1"
        assert router.execution_count("ssh-job-1") == 1
        long_run = asyncio.create_task(asyncio.to_thread(run, client, ":delay 30s; :put done"))
        await _until(lambda: any(r.source.startswith(":delay 30s") for r in router.device.runs))
        await router.reboot(delay=30, wait=False)
        assert "done" not in await asyncio.wait_for(long_run, TIMEOUT)
        assert router.device.runs[-1].outcome.value == "interrupted"
        assert await asyncio.to_thread(refused, router.host, router.ssh_port, TIMEOUT)
        assert await asyncio.to_thread(refused, router.host, router.api_port, TIMEOUT)
    finally:
        client.close()
    router.device.power_on()
    await asyncio.wait_for(router.wait_until_serving(), TIMEOUT)
    client = await asyncio.to_thread(ssh, router)
    try:
        assert (await asyncio.to_thread(run, client, ":put back")).strip() == "back"
    finally:
        client.close()


async def _until(condition: Callable[[], bool]) -> None:
    for _ in range(500):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not met in time")
