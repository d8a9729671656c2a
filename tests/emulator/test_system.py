"""The whole system in one process (`tikjobs.system.System`): every router online and
answering as itself, a clean stop, clear refusals, and jobs that stay true under faults:
an agent stopped or killed (``kill -9`` of a real ``tikjobs agent``) and restarted, a
dropped tunnel, a rebooted router, an offer repeated. In every case the router ran the
job at most once, its final status is what happened there, and the sink received one
signed notification per status, in lifecycle order, ending in that status."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import sqlite3
import sys
import tempfile
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.emulator.system_client import WAIT, SystemClient, assert_reported_once, statuses_of
from tests.support.waiting import eventually
from tikjobs.contracts.cli import add_arguments as add_contract_arguments
from tikjobs.emulator.exceptions import SystemFailed
from tikjobs.system import System, SystemRouter, SystemThread
from tikjobs.vm.sim.device import RunOutcome

pytestmark = pytest.mark.anyio

SLOW_SCRIPT = ':put "start"\n:delay 2s\n:put "end"'
QUICK_AGENTS = {"router_check_interval": 0.3, "reconnect_min": 0.05, "reconnect_max": 0.3}
QUICK_EMULATOR = {"heartbeat_interval": 1.0, "job_timeout": 30.0}


@pytest.fixture
async def system() -> AsyncIterator[System]:
    system = System(
        routers=1,
        poll_interval=0.2,
        agent_options=QUICK_AGENTS,
        emulator_options=QUICK_EMULATOR,
    )
    async with system as running:
        yield running


@pytest.fixture
async def client(system: System) -> AsyncIterator[SystemClient]:
    async with SystemClient(system.describe()) as running:
        yield running


def run_of(router: SystemRouter, key: str) -> list[RunOutcome]:
    """How each of the router's runs of the job ``key`` went."""
    return [run.outcome for run in router.simulator.device.runs if key in run.source]


async def started(router: SystemRouter, key: str) -> None:
    async def running() -> bool:
        return RunOutcome.RUNNING in run_of(router, key)

    await eventually(running, f"job {key} started on {router.name}")


async def assert_true_outcome(
    client: SystemClient, router: SystemRouter, submitted: dict[str, Any]
) -> dict[str, Any]:
    """The job ran at most once, ended as it really did, and was reported once."""
    key = submitted["idempotency_key"]
    job = await client.wait_for_status(router.router_id, key)
    notifications = await client.notified_until(job["id"], job["status"])

    outcomes = run_of(router, key)
    assert router.simulator.execution_count(key) <= 1
    assert len(outcomes) <= 1
    really = "completed" if outcomes == [RunOutcome.COMPLETED] else "failed"
    assert job["status"] == really
    assert_reported_once(notifications, really)
    return job


# -- the system itself -------------------------------------------------------------------


async def test_every_router_is_online_and_answers_as_itself() -> None:
    async with System(routers=2) as system, SystemClient(system.describe()) as client:
        listed = (await client.http.get("/api/routers")).json()["data"]
        identities = [
            (await client.rows(router.router_id, "/system/identity/print"))[0]["name"]
            for router in system.routers
        ]
        described = system.describe()

    assert {router["id"]: router["online"] for router in listed} == {
        router.router_id: True for router in system.routers
    }
    assert identities == ["router-1", "router-2"]
    assert {"base_url", "api_key", "admin_token", "notify_sink_url", "routers"} <= set(described)
    assert [sorted(router) for router in described["routers"]] == [
        sorted(["router_id", "name", "api_host", "api_port", "ssh_port", "user", "password"])
    ] * 2
    ports = [(r["api_port"], r["ssh_port"]) for r in described["routers"]]
    assert len({port for pair in ports for port in pair}) == 4


def _refused(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=2.0).close()
    except OSError:
        return True
    return False


async def test_leaving_stops_every_part_and_removes_its_files() -> None:
    threads_before = {thread.ident for thread in threading.enumerate()}
    tasks_before = asyncio.all_tasks()
    async with System(routers=2) as system:
        workdir = system.workdir
        emulator_port = int(system.base_url.rsplit(":", 1)[1])
        sink_port = int(system.notify_sink_url.split(":")[2].split("/")[0])
        router_ports = [p for r in system.routers for p in (r.api_port, r.ssh_port)]

    assert workdir is not None
    assert not workdir.exists()
    assert all(_refused("127.0.0.1", port) for port in [emulator_port, sink_port, *router_ports])
    assert asyncio.all_tasks() - tasks_before == set()
    left = [
        thread.name
        for thread in threading.enumerate()
        if thread.ident not in threads_before
        and not thread.name.startswith(("asyncio_", "AnyIO worker"))
    ]
    assert left == []


async def test_a_port_in_use_is_refused_clearly_and_nothing_is_left() -> None:
    def workdirs() -> set[Path]:
        return set(Path(tempfile.gettempdir()).glob("tikjobs-up-*"))

    before = workdirs()
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        with pytest.raises(SystemFailed, match=f"cannot listen on 127.0.0.1:{port}"):
            async with System(routers=1, port=port):
                pass

    assert workdirs() - before == set()


async def test_a_database_path_keeps_the_jobs_after_the_system_stops(tmp_path: Path) -> None:
    database = tmp_path / "kept.db"
    async with System(routers=1, db_path=database) as system:
        async with SystemClient(system.describe()) as client:
            submitted = await client.submit(system.routers[0].router_id, ':put "kept"')
            await client.wait_for_status(system.routers[0].router_id, submitted["idempotency_key"])

    with sqlite3.connect(database) as connection:
        (count,) = connection.execute(
            "SELECT count(*) FROM jobs WHERE idempotency_key = ?",
            (submitted["idempotency_key"],),
        ).fetchone()
    connection.close()
    assert count == 1


async def test_an_agent_that_stops_on_its_own_is_reported_by_watch(system: System) -> None:
    router = system.routers[0]
    await router.stop_agent()
    state_dir = router.state_dir
    for child in state_dir.iterdir():
        child.unlink()
    state_dir.rmdir()
    state_dir.write_text("not a directory")

    with pytest.raises(SystemFailed, match="the agent of router-1 stopped"):
        await router.start_agent(ready_timeout=WAIT)
    with pytest.raises(SystemFailed, match="the agent of router-1 stopped"):
        await asyncio.wait_for(system.watch(), WAIT)


def test_a_system_on_its_own_thread_serves_synchronous_code() -> None:
    with SystemThread(System(routers=1)) as system:
        router = system.routers[0]
        headers = {"Authorization": f"Bearer {system.api_key}"}
        with httpx.Client(base_url=system.base_url, headers=headers, timeout=WAIT) as http:
            before = http.get(f"/api/routers/{router.router_id}").json()["data"]["online"]
            system.call(router.stop_agent())
            after = http.get(f"/api/routers/{router.router_id}").json()["data"]["online"]
            system.call(router.start_agent())
            again = http.get(f"/api/routers/{router.router_id}").json()["data"]["online"]

    assert (before, after, again) == (True, False, True)


# -- jobs under faults -------------------------------------------------------------------


async def test_a_job_stopped_with_its_agent_is_reported_truthfully_once(
    system: System, client: SystemClient
) -> None:
    router = system.routers[0]
    submitted = await client.submit(router.router_id, SLOW_SCRIPT)
    await started(router, submitted["idempotency_key"])

    await router.stop_agent()
    await router.start_agent()

    await assert_true_outcome(client, router, submitted)


async def test_a_tunnel_dropped_mid_job_loses_nothing(system: System, client: SystemClient) -> None:
    router = system.routers[0]
    submitted = await client.submit(router.router_id, ':delay 1s\n:put "survived"')
    await started(router, submitted["idempotency_key"])
    assert router.agent is not None

    await router.agent.tunnel.drop()

    job = await assert_true_outcome(client, router, submitted)
    assert job["status"] == "completed"
    assert job["output"].splitlines() == ["survived"]


async def test_a_router_rebooted_mid_job_fails_it_once_without_a_rerun(
    system: System, client: SystemClient
) -> None:
    router = system.routers[0]
    submitted = await client.submit(router.router_id, SLOW_SCRIPT)
    await started(router, submitted["idempotency_key"])

    await router.simulator.reboot(wait=False)

    job = await assert_true_outcome(client, router, submitted)
    assert job["status"] == "failed"
    assert job["error"] == "interrupted: outcome unknown"


async def test_a_job_offered_again_and_again_runs_once(
    system: System, client: SystemClient
) -> None:
    router = system.routers[0]
    submitted = await client.submit(router.router_id, SLOW_SCRIPT)
    key = submitted["idempotency_key"]
    await started(router, key)

    for _ in range(5):
        assert await client.poll(router.router_id)
    assert router.agent is not None
    await router.agent.tunnel.drop()

    job = await assert_true_outcome(client, router, submitted)
    assert job["status"] == "completed"
    assert router.simulator.execution_count(key) == 1


# -- a real agent process ----------------------------------------------------------------


async def start_agent_process(router: SystemRouter, cloud: str) -> asyncio.subprocess.Process:
    """``tikjobs agent`` serving ``router`` with its state directory, as a customer runs it."""
    environment = {
        **os.environ,
        "TIKJOBS_AGENT_ROUTER_TOKEN": router.tunnel_token,
        "TIKJOBS_AGENT_PASSWORD": router.password,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tikjobs.cli", "agent",
        "--cloud", cloud, "--insecure", "--router", router.api_host,
        "--api-port", str(router.api_port), "--ssh-port", str(router.ssh_port),
        "--user", router.user, "--state-dir", str(router.state_dir),
        "--router-check-interval", "0.3", "--reconnect-min", "0.05", "--reconnect-max", "0.3",
        "--log-level", "error",
        env=environment,
        stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None
    line = await asyncio.wait_for(process.stdout.readline(), WAIT)
    assert line.decode().strip() == "tikjobs agent serving 1 router(s)"
    return process


async def test_kill_9_of_a_real_agent_mid_job_then_a_restart_reports_the_truth_once(
    system: System, client: SystemClient
) -> None:
    router = system.routers[0]
    await router.stop_agent()
    first = await start_agent_process(router, system.base_url)
    try:
        submitted = await client.submit(router.router_id, SLOW_SCRIPT)
        await started(router, submitted["idempotency_key"])
        first.send_signal(signal.SIGKILL)
        await asyncio.wait_for(first.wait(), WAIT)

        second = await start_agent_process(router, system.base_url)
        try:
            job = await assert_true_outcome(client, router, submitted)
        finally:
            second.send_signal(signal.SIGTERM)
            stopped = await asyncio.wait_for(second.wait(), WAIT)
    finally:
        if first.returncode is None:
            first.kill()
            await first.wait()

    assert first.returncode == -signal.SIGKILL
    assert stopped == 0
    assert job["status"] in {"completed", "failed"}
    if job["status"] == "failed":
        assert job["error"] == "interrupted: outcome unknown"
    assert statuses_of(await client.notifications(job["id"]))[0] == "loaded"


def test_the_admin_token_it_prints_passes_as_an_option_value() -> None:
    """`tikjobs up` prints the admin token for `--admin-token TOKEN`; a token beginning
    with "-" would be taken for an option there (one URL-safe token in 64 did)."""
    parser = argparse.ArgumentParser(exit_on_error=False)
    add_contract_arguments(parser)
    for _ in range(500):
        token = System().admin_token
        assert parser.parse_args(["--admin-token", token]).admin_token == token
