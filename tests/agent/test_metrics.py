"""``tikjobs agent --metrics-port``: a real agent process serves Prometheus metrics of its
router commands, ledger fsyncs, tunnel and reconnects, and ``--log-format json`` makes
every line it logs one JSON object that names the router."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.agent.harness import WAIT, Cloud, RegisteredRouter, agent_settings
from tests.support.waiting import eventually
from tikjobs.agent.metrics import AgentMetrics
from tikjobs.agent.runtime import RouterAgent
from tikjobs.vm.sim.router import SimulatedRouter

pytestmark = pytest.mark.anyio


def scrape(url: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    found = {}
    for family in text_string_to_metric_families(httpx.get(url, timeout=WAIT).text):
        for sample in family.samples:
            found[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return found


async def test_the_agent_serves_metrics_and_logs_json(
    cloud: Cloud,
    registered: RegisteredRouter,
    state_dir: Path,
    tmp_path: Path,
) -> None:
    async with SimulatedRouter(identity="branch-1", password="metrics-pw-4417") as router:
        await _run(cloud, registered, router, state_dir, tmp_path)


async def _run(
    cloud: Cloud,
    registered: RegisteredRouter,
    router: SimulatedRouter,
    state_dir: Path,
    tmp_path: Path,
) -> None:
    environment = {
        **os.environ,
        "TIKJOBS_AGENT_ROUTER_TOKEN": registered.tunnel_token,
        "TIKJOBS_AGENT_PASSWORD": router.password,
    }
    log_file = tmp_path / "agent.log"
    with log_file.open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tikjobs.cli", "agent", "--name", "branch-1",
            "--cloud", cloud.url, "--router", router.host,
            "--api-port", str(router.api_port), "--ssh-port", str(router.ssh_port),
            "--user", router.user, "--state-dir", str(state_dir),
            "--metrics-port", "0", "--log-format", "json", "--log-level", "debug", "--insecure",
            env=environment, stdout=asyncio.subprocess.PIPE, stderr=log,
        )  # fmt: skip
        try:
            assert process.stdout is not None
            first = (await asyncio.wait_for(process.stdout.readline(), WAIT)).decode().strip()
            assert first.startswith("tikjobs agent metrics at http://127.0.0.1:")
            url = first.rsplit(" ", 1)[-1]
            await eventually(lambda: cloud.online(registered.router_id), "the agent connected")
            key = await cloud.submit(registered.router_id, ':put "metered"', make_backup=True)
            job = await cloud.wait_for_end(registered.router_id, key)
            seen = await asyncio.to_thread(scrape, url)
        finally:
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), WAIT)

    assert job["status"] == "completed"
    mine = {"router": "branch-1"}
    ok = {**mine, "outcome": "ok"}
    assert seen[("tikjobs_agent_router_commands_total", frozenset(ok.items()))] > 3
    count = ("tikjobs_agent_router_command_duration_seconds_count", frozenset(mine.items()))
    assert seen[count] >= seen[("tikjobs_agent_router_commands_total", frozenset(ok.items()))]
    fsyncs = ("tikjobs_agent_ledger_fsync_duration_seconds_count", frozenset(mine.items()))
    assert seen[fsyncs] >= 2
    assert seen[("tikjobs_agent_tunnel_up", frozenset(mine.items()))] == 1
    assert seen[("tikjobs_agent_tunnel_reconnects_total", frozenset(mine.items()))] == 0

    lines = [json.loads(line) for line in log_file.read_text().splitlines()]
    assert lines
    assert all({"time", "level", "message"} <= line.keys() for line in lines)
    assert any(line["level"] == "debug" for line in lines)
    assert any(line.get("router_id") == registered.router_id for line in lines)
    logged = log_file.read_text()
    assert router.password not in logged
    assert registered.tunnel_token not in logged


async def test_a_dropped_tunnel_counts_one_reconnect(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, state_dir: Path
) -> None:
    metrics = AgentMetrics()
    settings = agent_settings(cloud, registered, router, state_dir, name="branch-7")
    agent = RouterAgent(settings, metrics)
    task = asyncio.get_running_loop().create_task(agent.run())
    label = {"router": "branch-7"}

    def sample(name: str) -> float | None:
        return metrics.registry.get_sample_value(name, label)

    try:
        await eventually(lambda: _true(agent.tunnel.up.is_set()), "the tunnel came up")
        assert sample("tikjobs_agent_tunnel_up") == 1
        assert sample("tikjobs_agent_tunnel_reconnects_total") == 0
        await agent.tunnel.drop()
        await eventually(
            lambda: _true(sample("tikjobs_agent_tunnel_reconnects_total") == 1),
            "the reconnect was counted",
        )
        await eventually(
            lambda: _true(sample("tikjobs_agent_tunnel_up") == 1 and agent.tunnel.up.is_set()),
            "the tunnel came back",
        )
        await eventually(lambda: cloud.online(registered.router_id), "the router is online again")
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _true(value: bool) -> bool:
    return value
