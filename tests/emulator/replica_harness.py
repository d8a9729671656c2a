"""Several ``tikjobs emulator`` processes on one PostgreSQL database, with simulated routers
and real agents spread over them, for the replica tests.

`Replica` is one emulator process on 127.0.0.1 port 0 (its URL read from the line it
prints once it listens); it can be stopped or killed with SIGKILL. `Cluster` starts
replicas on one database, creates a customer and an API key through the first one,
and starts a simulated router and a `agent.runtime.RouterAgent` per router, each agent
given its own order of the replicas' URLs (its first is the replica it connects to).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tikjobs.agent.config import validate
from tikjobs.agent.runtime import RouterAgent
from tikjobs.emulator.notifications import signing
from tikjobs.vm.sim.router import SimulatedRouter

START_WAIT = 30.0
"""Seconds a replica may take to listen; reached only when it is broken."""


@dataclass
class Replica:
    """One emulator process."""

    process: asyncio.subprocess.Process
    url: str
    log: list[str] = field(default_factory=list)

    @classmethod
    async def start(cls, database_url: str, admin_token: str, *options: str) -> Replica:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tikjobs",
            "emulator",
            "--port",
            "0",
            "--db",
            database_url,
            f"--admin-token={admin_token}",
            "--log-level",
            "warning",
            *options,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        assert process.stdout is not None
        seen: list[str] = []
        async with asyncio.timeout(START_WAIT):
            while True:
                line = (await process.stdout.readline()).decode()
                if not line:
                    raise RuntimeError("the replica did not start:\n" + "".join(seen))
                seen.append(line)
                if "listening on " in line:
                    url = line.split("listening on ", 1)[1].strip()
                    break
        replica = cls(process, url, seen)
        replica._drain = asyncio.create_task(replica._read_rest())  # type: ignore[attr-defined]
        return replica

    async def _read_rest(self) -> None:
        assert self.process.stdout is not None
        while line := await self.process.stdout.readline():
            self.log.append(line.decode())

    def kill(self) -> None:
        """SIGKILL: no goodbye to agents or database."""
        with contextlib.suppress(ProcessLookupError):
            self.process.send_signal(signal.SIGKILL)

    async def stop(self) -> None:
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGTERM)
            try:
                async with asyncio.timeout(15):
                    await self.process.wait()
            except TimeoutError:
                self.kill()
                await self.process.wait()


@dataclass
class ClusterRouter:
    name: str
    router_id: str
    simulator: SimulatedRouter
    agent: RouterAgent
    task: asyncio.Task[None]
    clouds: list[str]


class Cluster:
    """Replicas on one database, and routers whose agents are spread over them."""

    def __init__(self, database_url: str, workdir: Path, webhook_secret: str | None = None) -> None:
        self.database_url = database_url
        self.webhook_secret = webhook_secret or signing.new_secret()
        self.workdir = workdir
        self.admin_token = secrets.token_urlsafe(16)
        self.replicas: list[Replica] = []
        self.routers: list[ClusterRouter] = []
        self.api_key = ""
        self.customer_id = ""

    async def start(self, replicas: int, *options: str) -> None:
        started = await asyncio.gather(
            *(Replica.start(self.database_url, self.admin_token, *options) for _ in range(replicas))
        )
        self.replicas.extend(started)
        first = self.replicas[0].url
        async with httpx.AsyncClient(base_url=first, headers=self._admin) as admin:
            customer = (
                await admin.post(
                    "/_emulator/customers",
                    json={"name": "replicas", "webhook_secret": self.webhook_secret},
                )
            ).json()["data"]
            self.customer_id = customer["customer_id"]
            key = await admin.post(f"/_emulator/customers/{self.customer_id}/keys", json={})
            self.api_key = key.json()["data"]["api_key"]

    @property
    def _admin(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.admin_token}"}

    def client(self, replica: int) -> httpx.AsyncClient:
        """A client of the public API through one replica."""
        return httpx.AsyncClient(
            base_url=self.replicas[replica].url,
            headers={"Authorization": f"Bearer {self.api_key}"},
            timeout=30,
        )

    async def register_router(self, poll_interval: float = 3600.0) -> str:
        """A router registered through the first replica, without agent; its id."""
        async with httpx.AsyncClient(base_url=self.replicas[0].url, headers=self._admin) as admin:
            registered = await admin.post(
                "/_emulator/routers",
                json={"customer_id": self.customer_id, "poll_interval": poll_interval},
            )
        router_id: str = registered.json()["data"]["router_id"]
        return router_id

    async def add_router(
        self, clouds: Sequence[str], poll_interval: float = 3600.0
    ) -> ClusterRouter:
        """A simulated router whose agent serves it to ``clouds`` (the first first)."""
        name = f"router-{len(self.routers) + 1}"
        async with httpx.AsyncClient(base_url=self.replicas[0].url, headers=self._admin) as admin:
            registered = (
                await admin.post(
                    "/_emulator/routers",
                    json={"customer_id": self.customer_id, "poll_interval": poll_interval},
                )
            ).json()["data"]
        simulator = SimulatedRouter(
            identity=name, password=secrets.token_urlsafe(9), host="127.0.0.1"
        )
        await simulator.start()
        settings: dict[str, Any] = {
            "name": name,
            "cloud": list(clouds) if len(clouds) > 1 else clouds[0],
            "insecure": True,
            "router_token": registered["tunnel_token"],
            "router": simulator.host,
            "api_port": simulator.api_port,
            "ssh_port": simulator.ssh_port,
            "user": simulator.user,
            "password": simulator.password,
            "state_dir": self.workdir / "agents" / name,
        }
        agent = RouterAgent(validate(settings))
        task = asyncio.create_task(agent.run(), name=f"agent {name}")
        router = ClusterRouter(name, registered["router_id"], simulator, agent, task, list(clouds))
        self.routers.append(router)
        return router

    async def close(self) -> None:
        for router in self.routers:
            router.task.cancel()
        await asyncio.gather(*(router.task for router in self.routers), return_exceptions=True)
        for router in self.routers:
            await router.simulator.close()
        await asyncio.gather(*(replica.stop() for replica in self.replicas))
