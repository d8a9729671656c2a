"""The real system on loopback for the agent's tests: emulator, simulated router, agent.

`Cloud` is the emulator (`emulator.serve.serving`, the app ``tikjobs emulator`` runs)
under uvicorn on 127.0.0.1 port 0 with a temporary SQLite database; tests set up a
customer and routers through the ``/_emulator`` controls and use the public API with
httpx, as a client would. `AgentRun` runs a `RouterAgent` for a `SimulatedRouter` in a
task that a test can cancel (the agent is killed) and start again with the same state
directory.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tests.support.waiting import WAIT, eventually
from tikjobs.agent.config import RouterSettings, validate
from tikjobs.agent.runtime import RouterAgent
from tikjobs.emulator.serve import serving
from tikjobs.emulator.settings import Settings
from tikjobs.vm.sim.router import SimulatedRouter

ADMIN_TOKEN = "agent-tests-admin-token-5c2e"


@dataclass
class RegisteredRouter:
    router_id: str
    tunnel_token: str


class Cloud:
    """A running emulator and the customer the tests act as."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.http = httpx.AsyncClient(base_url=url, timeout=WAIT)
        self.api_key = ""
        self.customer_id = ""

    async def setup_customer(self) -> None:
        customer = await self.admin("POST", "/_emulator/customers", json={})
        self.customer_id = customer["customer_id"]
        key = await self.admin("POST", f"/_emulator/customers/{self.customer_id}/keys", json={})
        self.api_key = key["api_key"]

    async def admin(self, method: str, path: str, **options: Any) -> Any:
        response = await self.http.request(
            method, path, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}, **options
        )
        assert response.status_code == 200, response.text
        return response.json()["data"]

    async def api(self, method: str, path: str, **options: Any) -> httpx.Response:
        return await self.http.request(
            method, path, headers={"Authorization": f"Bearer {self.api_key}"}, **options
        )

    async def register_router(self, poll_interval: float = 0.2) -> RegisteredRouter:
        data = await self.admin(
            "POST",
            "/_emulator/routers",
            json={"customer_id": self.customer_id, "poll_interval": poll_interval},
        )
        return RegisteredRouter(data["router_id"], data["tunnel_token"])

    async def submit(
        self,
        router_id: str,
        script: str,
        *,
        make_backup: bool = False,
        express: bool = True,
        needs_ack: bool = True,
        **extensions: Any,
    ) -> str:
        """Submit a job (``extensions``: fields beyond the seed's, such as
        ``rollback_after``); answers its idempotency key."""
        response = await self.api(
            "POST",
            f"/api/asynchronous/{router_id}",
            json={
                "description": "agent test",
                "script": script,
                "make_backup": make_backup,
                "express_execute": express,
                "needs_acknowledgement": needs_ack,
                **extensions,
            },
        )
        assert response.status_code == 200, response.text
        key: str = response.json()["data"]["idempotency_key"]
        return key

    async def job(self, router_id: str, key: str) -> dict[str, Any]:
        """The job's detail (script, output, error, backups)."""
        listing = await self.api("GET", f"/api/routers/{router_id}/jobs")
        assert listing.status_code == 200, listing.text
        matching = [job for job in listing.json()["data"] if job["idempotency_key"] == key]
        assert matching, f"no job with key {key}"
        detail = await self.api("GET", f"/api/routers/{router_id}/jobs/{matching[0]['id']}")
        assert detail.status_code == 200, detail.text
        job: dict[str, Any] = detail.json()["data"]
        return job

    async def wait_for_end(self, router_id: str, key: str, wait: float = WAIT) -> dict[str, Any]:
        """The job once it is completed or failed."""
        ended: dict[str, Any] = {}

        async def over() -> bool:
            ended.update(await self.job(router_id, key))
            return ended["status"] in {"completed", "failed"}

        await eventually(over, f"job {key} ended", wait)
        return ended

    async def wait_for_status(self, router_id: str, key: str, status: str) -> dict[str, Any]:
        seen: dict[str, Any] = {}

        async def reached() -> bool:
            seen.update(await self.job(router_id, key))
            return seen["status"] == status

        await eventually(reached, f"job {key} became {status}")
        return seen

    async def online(self, router_id: str) -> bool:
        response = await self.api("GET", f"/api/routers/{router_id}")
        assert response.status_code == 200, response.text
        return bool(response.json()["data"]["online"])


@contextlib.asynccontextmanager
async def running_cloud(db: Path, *, setup: bool = True, **settings: Any) -> AsyncIterator[Cloud]:
    options: dict[str, Any] = {
        "host": "127.0.0.1",
        "port": 0,
        "db_path": db,
        "admin_token": ADMIN_TOKEN,
        "heartbeat_interval": 1.0,
        "job_timeout": 30.0,
        "sync_timeout": 5.0,
    }
    options.update(settings)
    async with serving(Settings(**options)) as url:
        cloud = Cloud(url)
        try:
            if setup:
                await cloud.setup_customer()
            yield cloud
        finally:
            await cloud.http.aclose()


def agent_settings(
    emulator: Cloud,
    registered: RegisteredRouter,
    router: SimulatedRouter,
    state_dir: Path,
    **overrides: Any,
) -> RouterSettings:
    values: dict[str, Any] = {
        "cloud": emulator.url,
        "router_token": registered.tunnel_token,
        "router": router.host,
        "api_port": router.api_port,
        "ssh_port": router.ssh_port,
        "user": router.user,
        "password": router.password,
        "state_dir": state_dir,
        "connect_timeout": 3.0,
        "backup_timeout": 10.0,
        "router_check_interval": 0.5,
        "reconnect_min": 0.05,
        "reconnect_max": 0.5,
    }
    values.update(overrides)
    return validate(values)


class AgentRun:
    """A `RouterAgent` running in a task; `kill` cancels it, `start` runs a fresh one."""

    def __init__(self, settings: RouterSettings) -> None:
        self.settings = settings
        self.agent: RouterAgent | None = None
        self.task: asyncio.Task[None] | None = None

    async def start(self, *, wait: bool = True) -> RouterAgent:
        """Run a fresh agent; with ``wait``, return once its tunnel is up."""
        agent = self.agent = RouterAgent(self.settings)
        self.task = asyncio.get_running_loop().create_task(agent.run())
        if wait:
            await eventually(self._tunnel_up, "the agent's tunnel came up")
        return agent

    async def _tunnel_up(self) -> bool:
        if self.task is not None and self.task.done():
            self.task.result()
        return self.agent is not None and self.agent.tunnel.up.is_set()

    async def kill(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(self.task, WAIT)
        self.task = None


@contextlib.asynccontextmanager
async def running_agent(settings: RouterSettings) -> AsyncIterator[AgentRun]:
    run = AgentRun(settings)
    await run.start()
    try:
        yield run
    finally:
        await run.kill()
