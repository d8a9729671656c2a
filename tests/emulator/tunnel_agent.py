"""A real emulator on loopback and a scripted agent for the engine and tunnel tests.

`Cloud` runs the app `emulator.main.build_app` makes under uvicorn on 127.0.0.1 port 0
(its own SQLite file, engine, links and tunnel); tests reach its store and engine
directly and submit jobs through the engine as the API does. `ScriptedAgent` is a
WebSocket client that speaks `contracts.tunnel` frames one at a time, so each test says
exactly what the agent does and sees.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from uuid import UUID, uuid4

import uvicorn
from fastapi import FastAPI
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from tests.support.builders import add_customer, add_router, new_job
from tests.support.waiting import eventually
from tikjobs.contracts.api import JobStatus
from tikjobs.contracts.tunnel import (
    MAX_FRAME_BYTES,
    CloudFrame,
    Hello,
    JobOffer,
    JobReport,
    ReportAck,
    RouterFacts,
    Welcome,
    dump_frame,
    parse_cloud_frame,
)
from tikjobs.emulator.api.deps import Services
from tikjobs.emulator.clock import utc_now
from tikjobs.emulator.engine import Engine
from tikjobs.emulator.links import RouterLinks
from tikjobs.emulator.main import build_app
from tikjobs.emulator.settings import Settings
from tikjobs.emulator.store import JobRecord, RouterRecord, Store

WAIT = 5.0
"""Upper bound for anything a test waits for; reached only when the behaviour is broken."""

FrameT = TypeVar("FrameT")


@dataclass
class Tenant:
    customer_id: UUID
    routers: dict[UUID, str] = field(default_factory=dict)
    """Router id -> its tunnel token."""


class Cloud:
    """A running emulator core: store, links, engine and the tunnel behind uvicorn."""

    def __init__(self, db_path: Path, **options: Any) -> None:
        self.db_path = db_path
        self.options = options
        self.app: FastAPI
        self.store: Store
        self.links: RouterLinks
        self.engine: Engine
        self.port = 0
        self._server: uvicorn.Server | None = None
        self._serving: asyncio.Task[None] | None = None

    @property
    def tunnel_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/tunnel"

    async def start(self) -> None:
        app = build_app(Settings(db_path=self.db_path, development=True, **self.options))
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=0,
            log_level="warning",
            lifespan="on",
            ws_max_size=MAX_FRAME_BYTES + 1024,
        )
        self._server = uvicorn.Server(config)
        self._serving = asyncio.get_running_loop().create_task(self._server.serve())
        deadline = time.monotonic() + WAIT
        while not self._server.started:
            if self._serving.done() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            await asyncio.sleep(0.01)
        self.port = self._server.servers[0].sockets[0].getsockname()[1]
        services: Services = app.state.services
        self.app = app
        self.store, self.links, self.engine = services.store, services.links, services.engine

    async def stop(self) -> None:
        if self._server is not None and self._serving is not None:
            self._server.should_exit = True
            await asyncio.wait_for(self._serving, WAIT)

    async def tenant(self, routers: int = 1, poll_interval: float = 30.0) -> Tenant:
        customer = await add_customer(self.store, at=utc_now())
        tenant = Tenant(customer.id)
        for _ in range(routers):
            router, token = await add_router(
                self.store, customer.id, at=utc_now(), poll_interval=poll_interval
            )
            tenant.routers[router.id] = token
        return tenant

    async def submit(
        self,
        tenant: Tenant,
        router_id: UUID,
        *,
        express: bool = False,
        needs_ack: bool = True,
        script: str = ":log info test",
        notify_url: str | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - the job's own timeout, stored
    ) -> JobRecord:
        job = await self.store.create_job(
            new_job(
                tenant.customer_id,
                router_id,
                token=uuid4().hex,
                description="a test job",
                script=script,
                express_execute=express,
                needs_acknowledgement=needs_ack,
                notify_url=notify_url,
                created_at=utc_now(),
                timeout=timeout,
            )
        )
        await self.engine.job_submitted(job)
        return job

    async def job(self, job_id: UUID) -> JobRecord:
        job = await self.store.get_job(job_id)
        assert job is not None
        return job

    async def router(self, router_id: UUID) -> RouterRecord:
        router = await self.store.get_router(router_id)
        assert router is not None
        return router

    async def wait_for_status(self, job_id: UUID, status: JobStatus) -> JobRecord:
        async def reached() -> bool:
            return (await self.job(job_id)).status is status

        await eventually(reached, f"job {job_id} became {status.value}")
        return await self.job(job_id)


@asynccontextmanager
async def running_cloud(db_path: Path, **options: Any) -> AsyncIterator[Cloud]:
    """The emulator as ``build_app`` makes it; ``options`` are `Settings` fields."""
    cloud = Cloud(db_path, **options)
    await cloud.start()
    try:
        yield cloud
    finally:
        await cloud.stop()


class ScriptedAgent:
    """A tunnel client whose every frame the test sends and reads explicitly."""

    def __init__(self, url: str, token: str | None) -> None:
        self.url = url
        self.token = token
        self.socket: ClientConnection | None = None

    async def open(self) -> None:
        headers = {} if self.token is None else {"Authorization": f"Bearer {self.token}"}
        self.socket = await asyncio.wait_for(
            connect(self.url, additional_headers=headers, max_size=None, open_timeout=WAIT),
            WAIT,
        )

    async def connect(self, facts: RouterFacts | None = None, online: bool = True) -> Welcome:
        """Open the tunnel and say Hello; answers the Welcome."""
        await self.open()
        await self.send(
            Hello(
                agent_version="test",
                router=facts or RouterFacts(identity="MikroTik", software_version="7.16"),
                online=online,
            )
        )
        return await self.expect(Welcome)

    async def send(self, frame: Any) -> None:
        await self.send_raw(dump_frame(frame))

    async def send_raw(self, message: str | bytes) -> None:
        assert self.socket is not None
        await self.socket.send(message)

    async def receive(self) -> CloudFrame:
        assert self.socket is not None
        message = await asyncio.wait_for(self.socket.recv(), WAIT)
        return parse_cloud_frame(message)

    async def expect(self, kind: type[FrameT]) -> FrameT:
        frame = await self.receive()
        assert isinstance(frame, kind), f"expected {kind.__name__}, got {frame!r}"
        return frame

    async def closed_with(self) -> int | None:
        """Read until the cloud closes; answers the close code."""
        assert self.socket is not None
        try:
            while True:
                await asyncio.wait_for(self.socket.recv(), WAIT)
        except ConnectionClosed as closed:
            return closed.rcvd.code if closed.rcvd is not None else None

    async def report(self, offer: JobOffer, status: JobStatus, **outcome: Any) -> ReportAck:
        await self.send(
            JobReport(
                job_id=offer.job_id,
                idempotency_key=offer.idempotency_key,
                status=status,
                at=utc_now(),
                **outcome,
            )
        )
        return await self.expect(ReportAck)

    async def run(self, offer: JobOffer, output: str = "done") -> ReportAck:
        """Report the whole run of an offered job: loaded, running, completed."""
        await self.report(offer, JobStatus.LOADED)
        await self.report(offer, JobStatus.RUNNING)
        return await self.report(offer, JobStatus.COMPLETED, output=output)

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()


@asynccontextmanager
async def agent_for(cloud: Cloud, token: str) -> AsyncIterator[ScriptedAgent]:
    agent = ScriptedAgent(cloud.tunnel_url, token)
    try:
        yield agent
    finally:
        await agent.close()
