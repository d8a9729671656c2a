"""Many connected agents on one emulator: its memory per tunnel, and a synchronous call to
any of them while every tunnel keeps its heartbeats.

How this works
--------------
`run` starts ``tikjobs emulator`` (SQLite, heartbeats every `HEARTBEAT` seconds) as a
process, registers `TUNNELS` routers for one customer through the controls, and opens one
tunnel per router from this process: a thin agent (`ThinAgent`, the ``websockets``
client) that says Hello, waits for Welcome, answers every `SyncRequest` with one row and
sends a Heartbeat every interval (the emulator drops a tunnel silent for a few). Tunnels
are spread over several loopback source addresses (127.0.0.2, 127.0.0.3 ...) so the
ephemeral ports of one address never run out. When a process's limit on open files
stops it earlier, the benchmark reports how many tunnels it reached.

Figures: the emulator's resident memory per tunnel (``VmRSS`` with every tunnel up, less
``VmRSS`` before the first, divided by the tunnels), and the p50/p99 latency of
synchronous calls (the lean HTTP client, one at a time) to routers picked at random
among all connected, measured while the heartbeats go on; the baseline of the latency
is the same call to the same emulator with one tunnel connected, and of the memory the
emulator's own resident memory before any tunnel.

The calls are spread over `SAMPLING` seconds, two heartbeat intervals, so that whatever
the emulator does now and then (a garbage collection, a burst of writes) is sampled in
proportion to how often it happens, not missed by a burst of calls between two such
moments. This process is the other end of every tunnel and the client too, so it must
not be what the calls wait for: heartbeats leave in small groups spread over the
interval, its own tunnels' objects are set aside from its garbage collector once they are
up, and the notes give the share of a core it used and how late its event loop ran (a
timer due every `LAG_TICK` seconds) while the calls were made.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import random
import re
import resource
import secrets
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from bench.lean import LeanHttp
from bench.measure import Figure, Result, percentile
from bench.processes import Processes, ServerProcess
from tikjobs.heap import freeze_startup_objects

TUNNELS = int(os.environ.get("TIKJOBS_BENCH_TUNNELS", "10000"))
"""Tunnels to open (``TIKJOBS_BENCH_TUNNELS`` sets another number for a quick look)."""
HEARTBEAT = 15.0
"""The emulator's heartbeat interval (its default)."""
CONNECTING = 200
"""Tunnels being opened at once."""
REGISTERING = 32
SOURCES = 8
"""Loopback source addresses the tunnels are spread over."""
SAMPLES = 300
SAMPLING = 2 * HEARTBEAT
"""Seconds the samples of one latency figure are spread over."""
LAG_TICK = 0.01
"""Seconds between the ticks that measure how late this process's event loop runs."""
HEARTBEAT_GROUP = 10
"""Heartbeats sent back to back before the sender waits for the next group's moment."""
SYNC_COMMAND = "/system/resource/print"
EMULATOR_LISTENING = re.compile(r"tikjobs emulator listening on (http://\S+)")
ROW = {"uptime": "1d", "cpu-load": "1", "version": "7.16 (stable)"}


def _rss_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    match = re.search(r"^VmRSS:\s+(\d+) kB$", status, re.MULTILINE)
    if match is None:
        raise RuntimeError("no VmRSS in the process status (has it exited?)")
    return int(match.group(1)) / 1024


class ThinAgent:
    """One router's tunnel as the emulator sees an agent: Hello, answers, heartbeats."""

    def __init__(self, websocket: ClientConnection, token: str) -> None:
        self.websocket = websocket
        self.token = token
        self.answered = 0

    @property
    def up(self) -> bool:
        return self.websocket.close_code is None

    @classmethod
    async def open(cls, url: str, token: str, source: str) -> ThinAgent:
        websocket = await connect(
            url,
            additional_headers={"Authorization": f"Bearer {token}"},
            local_addr=(source, 0),
            open_timeout=60,
            ping_interval=None,
            max_queue=4,
        )
        hello = {
            "type": "hello",
            "protocol": 1,
            "agent_version": "bench",
            "router": {"identity": "bench", "software_version": "7.16"},
            "online": True,
        }
        await websocket.send(json.dumps(hello))
        welcome = json.loads(await websocket.recv())
        if welcome.get("type") != "welcome":
            raise RuntimeError(f"the emulator answered Hello with {welcome}")
        return cls(websocket, token)

    async def serve(self) -> None:
        """Answer synchronous requests until the tunnel closes."""
        async for message in self.websocket:
            frame = json.loads(message)
            if frame.get("type") == "sync_request":
                answer = {"type": "sync_result", "request_id": frame["request_id"], "rows": [ROW]}
                await self.websocket.send(json.dumps(answer))
                self.answered += 1

    async def heartbeat(self) -> None:
        await self.websocket.send('{"type":"heartbeat"}')


async def _register(base_url: str, admin_token: str, count: int) -> tuple[str, list[Any]]:
    admin = {"Authorization": f"Bearer {admin_token}"}
    async with LeanHttp(base_url, admin) as http:
        customer = await http.post_json("/_emulator/customers", {"name": "bench"})
        key = await http.post_json(f"/_emulator/customers/{customer['customer_id']}/keys", {})
    routers: list[Any] = []
    remaining = iter(range(count))

    async def registrar() -> None:
        async with LeanHttp(base_url, admin) as http:
            for _ in remaining:
                routers.append(
                    await http.post_json(
                        "/_emulator/routers", {"customer_id": customer["customer_id"]}
                    )
                )

    await asyncio.gather(*(registrar() for _ in range(REGISTERING)))
    return key["api_key"], routers


async def _open_all(
    url: str, routers: list[Any], agents: list[ThinAgent], serving: list[asyncio.Task[None]]
) -> str | None:
    """Open a tunnel per router into ``agents`` (each served at once); what stopped the
    opening early, if anything."""
    stopped: str | None = None
    pending = iter(enumerate(routers))

    async def opener() -> None:
        nonlocal stopped
        for index, router in pending:
            if stopped is not None:
                return
            source = f"127.0.0.{2 + index % SOURCES}"
            try:
                agent = await ThinAgent.open(url, router["tunnel_token"], source)
            except OSError as error:
                stopped = f"{error.strerror or error}"
                return
            agents.append(agent)
            serving.append(asyncio.create_task(agent.serve()))

    await asyncio.gather(*(opener() for _ in range(CONNECTING)))
    return stopped


async def _heartbeats(agents: list[ThinAgent]) -> None:
    """Every agent sends a Heartbeat twice per interval, spread over it in groups of
    `HEARTBEAT_GROUP`; agents joining meanwhile are included from the next round."""
    while True:
        started = time.monotonic()
        current = list(agents)
        for index, agent in enumerate(current):
            try:
                await agent.heartbeat()
            except ConnectionClosed:
                continue  # a closed tunnel is counted at the end
            if index % HEARTBEAT_GROUP == HEARTBEAT_GROUP - 1:
                due = started + HEARTBEAT / 2 * (index + 1) / len(current)
                await asyncio.sleep(max(0.0, due - time.monotonic()))
        await asyncio.sleep(max(0.0, started + HEARTBEAT / 2 - time.monotonic()))


@dataclass
class Sampled:
    """Latencies of calls spread over `SAMPLING`, and what the calling process did
    meanwhile: the share of a core it used, and how late its event loop's ticks ran."""

    latencies: list[float] = field(default_factory=list)
    cpu_share: float = 0.0
    lags: list[float] = field(default_factory=list)

    def note(self) -> str:
        return (
            f"{self.cpu_share:.0%} of a core, its loop late by p99"
            f" {percentile(self.lags, 0.99) * 1000:.1f} ms, at most"
            f" {max(self.lags) * 1000:.0f} ms"
        )


async def _ticks(lags: list[float]) -> None:
    while True:
        started = time.perf_counter()
        await asyncio.sleep(LAG_TICK)
        lags.append(time.perf_counter() - started - LAG_TICK)


async def _latencies(base_url: str, api_key: str, router_ids: list[str]) -> Sampled:
    sampled = Sampled()
    body = json.dumps({"command": SYNC_COMMAND}).encode()
    ticking = asyncio.create_task(_ticks(sampled.lags))
    cpu = time.process_time()
    started_all = time.monotonic()
    try:
        async with LeanHttp(base_url, {"Authorization": f"Bearer {api_key}"}) as http:
            for index in range(SAMPLES):
                router_id = random.choice(router_ids)
                started = time.perf_counter()
                status, answer = await http.request("POST", f"/api/synchronous/{router_id}", body)
                sampled.latencies.append(time.perf_counter() - started)
                if status != 200:
                    raise RuntimeError(f"a synchronous call answered {status}: {answer[:200]!r}")
                due = started_all + SAMPLING * (index + 1) / SAMPLES
                await asyncio.sleep(max(0.0, due - time.monotonic()))
    finally:
        ticking.cancel()
    sampled.cpu_share = (time.process_time() - cpu) / (time.monotonic() - started_all)
    return sampled


async def _measure(directory: Path, processes: Processes) -> list[Result]:
    admin_token = secrets.token_urlsafe(24)
    emulator: ServerProcess = processes.tikjobs(
        "emulator",
        "emulator", "--host", "127.0.0.1", "--port", "0",
        "--db", str(directory / "tikjobs.db"), "--log-level", "warning",
        environment={
            "TIKJOBS_ADMIN_TOKEN": admin_token,
            "TIKJOBS_HEARTBEAT_INTERVAL": str(HEARTBEAT),
        },
    )  # fmt: skip
    [listening] = await emulator.announced(EMULATOR_LISTENING)
    base_url = listening[1]
    tunnel_url = base_url.replace("http://", "ws://", 1) + "/tunnel"
    api_key, routers = await _register(base_url, admin_token, TUNNELS)

    first = await ThinAgent.open(tunnel_url, routers[0]["tunnel_token"], "127.0.0.2")
    agents = [first]
    serving = [asyncio.create_task(first.serve())]
    beating = asyncio.create_task(_heartbeats(agents))
    try:
        await asyncio.sleep(1.0)
        alone = await _latencies(base_url, api_key, [routers[0]["router_id"]])
        rss_before = _rss_mib(emulator.pid)
        own_before = _rss_mib(os.getpid())
        began = time.monotonic()
        stopped = await _open_all(tunnel_url, routers[1:], agents, serving)
        connecting = time.monotonic() - began
        # The tunnels live as long as the benchmark: walking their objects in every
        # collection of this process's oldest generation would make the calls wait.
        freeze_startup_objects()
        # Sample across more than one heartbeat interval, so the emulator keeps every
        # tunnel alive (it drops silent ones) while the calls are measured.
        await asyncio.sleep(HEARTBEAT)
        by_token = {router["tunnel_token"]: router["router_id"] for router in routers}
        up = [by_token[agent.token] for agent in agents if agent.up]
        many = await _latencies(base_url, api_key, up)
        rss_after = _rss_mib(emulator.pid)
        own_after = _rss_mib(os.getpid())
        alive = sum(1 for agent in agents if agent.up)
    finally:
        gc.unfreeze()
        beating.cancel()
        for agent in agents:
            agent.websocket.transport.abort()
        for task in serving:
            task.cancel()
        await asyncio.gather(beating, *serving, return_exceptions=True)

    reached = len(agents)
    per_tunnel = (rss_after - rss_before) * 1024 / max(reached - 1, 1)
    client_per_tunnel = (own_after - own_before) * 1024 / max(reached - 1, 1)
    limit = f"; stopped at {reached} by: {stopped}" if stopped else ""
    notes = (
        f"{reached:,} tunnels opened in {connecting:.0f} s over {SOURCES} loopback source"
        f" addresses, {alive:,} still up after the calls; every agent sends a heartbeat"
        f" every {HEARTBEAT / 2:g} s (the emulator's interval: {HEARTBEAT:g} s){limit}"
    )
    p99_many = percentile(many.latencies, 0.99) * 1000
    return [
        Result(
            name="connected agents held by one emulator",
            subject="tikjobs emulator (SQLite)",
            figure=Figure(alive, "tunnels"),
            baseline="the tunnels asked for",
            baseline_figure=Figure(TUNNELS, "tunnels"),
            notes=notes,
            target="10,000",
            met=alive >= 10_000,
        ),
        Result(
            name="emulator memory per connected agent",
            subject="tikjobs emulator (SQLite)",
            figure=Figure(per_tunnel, "KiB", better="lower"),
            baseline="the other end of each tunnel: a websockets client in the benchmark",
            baseline_figure=Figure(client_per_tunnel, "KiB", better="lower"),
            notes=f"emulator VmRSS {rss_after:.0f} MiB with {reached:,} tunnels,"
            f" {rss_before:.0f} MiB with one; reported, no target",
        ),
        *[
            Result(
                name=f"synchronous call to any of {reached:,} connected agents, {label}",
                subject="emulator + tunnel + a thin agent answering at once",
                figure=Figure(percentile(many.latencies, fraction) * 1000, "ms", better="lower"),
                baseline="the same call with one agent connected",
                baseline_figure=Figure(
                    percentile(alone.latencies, fraction) * 1000, "ms", better="lower"
                ),
                notes=f"{SAMPLES} calls one at a time, spread over {SAMPLING:g} s each, to"
                f" routers picked at random, during the heartbeats; this process (the"
                f" client and every tunnel's far end) used {many.note()} (with one tunnel:"
                f" {alone.note()})",
                target="< 50 ms" if label == "p99" else "",
                met=p99_many < 50 if label == "p99" else None,
            )
            for label, fraction in (("p50", 0.5), ("p99", 0.99))
        ],
    ]


BUDGET = 1200.0
"""Seconds the whole benchmark may take before it gives up."""


async def _run() -> list[Result]:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    try:
        with (
            tempfile.TemporaryDirectory(prefix="tikjobs-tunnels-") as name,
            Processes(Path(name)) as processes,
        ):
            async with asyncio.timeout(BUDGET):
                return await _measure(Path(name), processes)
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def run() -> list[Result]:
    return asyncio.run(_run())
