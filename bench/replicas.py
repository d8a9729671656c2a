"""Replicas on one PostgreSQL database: ``python -m bench.replicas`` writes its section of
BENCHMARKS.md.

What it measures, on this machine with every process on it:

- submits/s with 1, 2 and 3 emulator processes on one PostgreSQL database, beside one
  on SQLite: one wrk per replica (32 keep-alive connections in all, each request its
  own Idempotency-Key), non-express jobs for a router without agent, 4 s;
- express jobs/s: three simulated routers, their agents (in this process) spread over
  the replicas, `EXPRESS_JOBS` express jobs submitted round-robin through every replica
  at once, counted when every one is ``completed``;
- a sync call's latency through the replica holding the router's tunnel and through
  another one, alternating, `SYNC_SAMPLES` each;
- how long a killed replica's router takes to be served again: SIGKILL the replica its
  agent is connected to, then call the router through another replica every 20 ms
  until it answers; `KILLS` times.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import os
import platform
import re
import secrets
import signal
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg

from bench import load
from bench.measure import percentile
from tikjobs.agent.config import validate
from tikjobs.agent.runtime import RouterAgent
from tikjobs.emulator.notifications import signing
from tikjobs.vm.sim.router import SimulatedRouter

SERVER = "postgresql://postgres@127.0.0.1:5432"
CONNECTIONS = 32
SECONDS = 4.0
EXPRESS_JOBS = 90
SYNC_SAMPLES = 200
KILLS = 3
SECTION = "## Replicas on one PostgreSQL database"


@dataclass
class Replica:
    process: asyncio.subprocess.Process
    url: str

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.process.send_signal(signal.SIGKILL)

    async def stop(self) -> None:
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.terminate()
            await self.process.wait()


async def start_replica(database: str, admin_token: str) -> Replica:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tikjobs", "emulator", "--port", "0", "--db", database,
        f"--admin-token={admin_token}", "--log-level", "warning",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    assert process.stdout is not None
    async with asyncio.timeout(60):
        while line := (await process.stdout.readline()).decode():
            if "listening on " in line:
                return Replica(process, line.split("listening on ", 1)[1].strip())
    raise RuntimeError("a replica did not start")


@dataclass
class Setup:
    replicas: list[Replica]
    admin_token: str
    workdir: Path = Path()
    api_key: str = ""
    customer_id: str = ""
    routers: list[dict[str, Any]] = field(default_factory=list)
    tasks: list[asyncio.Task[None]] = field(default_factory=list)
    simulators: list[SimulatedRouter] = field(default_factory=list)

    async def admin(self, path: str, body: dict[str, Any]) -> Any:
        async with httpx.AsyncClient(base_url=self.replicas[0].url, timeout=30) as client:
            answer = await client.post(
                path, json=body, headers={"Authorization": f"Bearer {self.admin_token}"}
            )
            answer.raise_for_status()
            return answer.json()["data"]

    async def add_router(self, clouds: Sequence[str] | None, workdir: Path) -> dict[str, Any]:
        router: dict[str, Any] = await self.admin(
            "/_emulator/routers", {"customer_id": self.customer_id, "poll_interval": 3600}
        )
        self.routers.append(router)
        if clouds is None:
            return router
        simulator = SimulatedRouter(identity=f"r{len(self.routers)}", host="127.0.0.1")
        await simulator.start()
        self.simulators.append(simulator)
        settings = validate(
            {
                "name": f"r{len(self.routers)}", "cloud": list(clouds), "insecure": True,
                "router_token": router["tunnel_token"], "router": simulator.host,
                "api_port": simulator.api_port, "ssh_port": simulator.ssh_port,
                "user": simulator.user, "password": simulator.password,
                "state_dir": workdir / f"agent-{len(self.routers)}",
            }
        )  # fmt: skip
        agent = RouterAgent(settings)
        self.tasks.append(asyncio.create_task(agent.run()))
        router["agent"] = agent
        return router

    def client(self, replica: Replica) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            base_url=replica.url, headers={"Authorization": f"Bearer {self.api_key}"}, timeout=60
        )


@contextlib.asynccontextmanager
async def running(replicas: int, postgres: bool) -> AsyncIterator[Setup]:
    name = f"tikjobs_bench_{secrets.token_hex(4)}"
    workdir = Path(tempfile.mkdtemp(prefix="tikjobs-bench-replicas-"))
    if postgres:
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        database = f"{SERVER}/{name}"
    else:
        database = str(workdir / "tikjobs.db")
    token = secrets.token_urlsafe(16)
    started: list[Replica] = []
    setup = Setup(started, token)
    try:
        for _ in range(replicas):
            started.append(await start_replica(database, token))
        customer = await setup.admin(
            "/_emulator/customers", {"name": "bench", "webhook_secret": signing.new_secret()}
        )
        setup.customer_id = customer["customer_id"]
        key = await setup.admin(f"/_emulator/customers/{setup.customer_id}/keys", {})
        setup.api_key = key["api_key"]
        setup.workdir = workdir
        yield setup
    finally:
        for task in setup.tasks:
            task.cancel()
        await asyncio.gather(*setup.tasks, return_exceptions=True)
        for simulator in setup.simulators:
            await simulator.close()
        await asyncio.gather(*(replica.stop() for replica in started))
        if postgres:
            with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def submits_per_second(replicas: int, postgres: bool) -> float:
    async with running(replicas, postgres) as setup:
        router = await setup.add_router(None, Path())
        body = (
            '{"description": "bench", "script": ":put x", "make_backup": false,'
            ' "express_execute": false, "needs_acknowledgement": true}'
        )
        runs = await asyncio.gather(
            *(
                load.drive(
                    f"{replica.url}/api/asynchronous/{router['router_id']}",
                    body=body,
                    headers={"Authorization": f"Bearer {setup.api_key}"},
                    connections=max(CONNECTIONS // replicas, 1),
                    seconds=SECONDS,
                    servers={},
                    unique_key=True,
                )
                for replica in setup.replicas
            )
        )
        return sum(run.rate for run in runs)


async def express_per_second(replicas: int, postgres: bool) -> float:
    async with running(replicas, postgres) as setup:
        workdir = setup.workdir
        urls = [replica.url for replica in setup.replicas]
        for number in range(3):
            first = number % len(urls)
            await setup.add_router(urls[first:] + urls[:first], workdir)
        for router in setup.routers:
            await router["agent"].tunnel.up.wait()
        clients = [setup.client(replica) for replica in setup.replicas]
        try:
            began = time.perf_counter()

            async def submit(number: int) -> None:
                router = setup.routers[number % len(setup.routers)]
                answer = await clients[number % len(clients)].post(
                    f"/api/asynchronous/{router['router_id']}",
                    json={"description": "bench", "script": ":put x", "make_backup": False,
                          "express_execute": True, "needs_acknowledgement": True},
                )  # fmt: skip
                answer.raise_for_status()

            await asyncio.gather(*(submit(number) for number in range(EXPRESS_JOBS)))
            while True:
                done = 0
                for router in setup.routers:
                    jobs = (await clients[0].get(f"/api/routers/{router['router_id']}/jobs")).json()
                    done += sum(1 for job in jobs["data"] if job["status"] == "completed")
                if done >= EXPRESS_JOBS:
                    return EXPRESS_JOBS / (time.perf_counter() - began)
                await asyncio.sleep(0.1)
        finally:
            for client in clients:
                await client.aclose()


async def sync_latencies() -> tuple[list[float], list[float]]:
    async with running(2, True) as setup:
        workdir = setup.workdir
        router = await setup.add_router([setup.replicas[0].url], workdir)
        await router["agent"].tunnel.up.wait()
        same, cross = setup.client(setup.replicas[0]), setup.client(setup.replicas[1])
        samples: dict[int, list[float]] = {0: [], 1: []}
        try:
            for number in range(2 * SYNC_SAMPLES + 20):
                client = (same, cross)[number % 2]
                began = time.perf_counter()
                answer = await client.post(
                    f"/api/synchronous/{router['router_id']}",
                    json={"command": "/system/resource/print"},
                )
                elapsed = time.perf_counter() - began
                if number >= 20:
                    answer.raise_for_status()
                    samples[number % 2].append(elapsed * 1000)
        finally:
            await same.aclose()
            await cross.aclose()
        return samples[0], samples[1]


async def recovery_seconds() -> list[float]:
    found = []
    for _ in range(KILLS):
        async with running(2, True) as setup:
            workdir = setup.workdir
            urls = [replica.url for replica in setup.replicas]
            router = await setup.add_router(urls, workdir)
            await router["agent"].tunnel.up.wait()
            async with setup.client(setup.replicas[1]) as other:
                setup.replicas[0].kill()
                began = time.perf_counter()
                while True:
                    answer = await other.post(
                        f"/api/synchronous/{router['router_id']}",
                        json={"command": "/system/identity/print"},
                    )
                    if answer.status_code == 200:
                        found.append(time.perf_counter() - began)
                        break
                    await asyncio.sleep(0.02)
    return found


async def measure() -> list[str]:
    rows = ["| figure | SQLite, 1 replica | PostgreSQL, 1 | PostgreSQL, 2 | PostgreSQL, 3 |"]
    rows.append("| --- | --- | --- | --- | --- |")
    submits = [await submits_per_second(1, False)]
    submits += [await submits_per_second(count, True) for count in (1, 2, 3)]
    rows.append("| submits/s | " + " | ".join(f"{value:,.0f}" for value in submits) + " |")
    express = [await express_per_second(1, False)]
    express += [await express_per_second(count, True) for count in (1, 2, 3)]
    rows.append("| express jobs/s | " + " | ".join(f"{value:,.1f}" for value in express) + " |")
    same, cross = await sync_latencies()
    recovery = await recovery_seconds()
    return [
        *rows,
        "",
        "| sync call /system/resource/print | p50 | p99 |",
        "| --- | --- | --- |",
        f"| through the replica holding the tunnel | {percentile(same, 0.5):.1f} ms "
        f"| {percentile(same, 0.99):.1f} ms |",
        f"| through another replica | {percentile(cross, 0.5):.1f} ms "
        f"| {percentile(cross, 0.99):.1f} ms |",
        "",
        "A killed replica's router answered again through another replica after "
        + ", ".join(f"{value:.2f} s" for value in recovery)
        + f" ({KILLS} kills; the agent's first reconnect waits 0.25-0.5 s of backoff).",
    ]


def write(lines: list[str], path: Path = Path("BENCHMARKS.md")) -> None:
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    head = (
        f"{SECTION}\n\nMeasured {now} on {platform.machine()}, Python "
        f"{platform.python_version()}, {os.cpu_count()} cores, by `python -m bench.replicas`"
        " (docs/replicas.md). Every replica, the PostgreSQL server, wrk, the simulated "
        "routers and their agents share the machine, so more replicas add processes, not "
        "cores. Submits: one wrk per replica, 32 keep-alive connections in all, 4 s, each "
        "request its own Idempotency-Key, non-express jobs. Express jobs: "
        f"{EXPRESS_JOBS} submitted at once round-robin through every replica for three "
        "routers spread over them, counted when all are completed.\n\n"
    )
    section = head + "\n".join(lines) + "\n"
    text = path.read_text()
    pattern = re.compile(re.escape(SECTION) + r"\n.*?(?=\n## |\Z)", re.S)
    text = (
        pattern.sub(lambda _: section.rstrip("\n"), text)
        if pattern.search(text)
        else (text.rstrip("\n") + "\n\n" + section)
    )
    path.write_text(text)


def main() -> None:
    lines = asyncio.run(measure())
    print("\n".join(lines))
    write(lines)


if __name__ == "__main__":
    main()
