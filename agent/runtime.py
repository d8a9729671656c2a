"""One router's agent put together: tunnel, router connections, jobs, calls and ledger.

How this works
--------------
`RouterAgent.run` opens the router's ledger, queues the outcomes the cloud has not yet
acknowledged, and runs four tasks until cancelled:

- the tunnel (`agent.tunnel.CloudTunnel`), whose frames go through `handlers`;
- the job worker, taking offers one at a time from a queue (an offer of a key already
  queued or running is dropped: one job at a time per router, each key once in hand);
- the router watch, which reads the router's facts every ``router_check_interval`` and
  tells the cloud (a new `Hello`) when the router goes away or comes back, so the cloud
  offers jobs only while the agent reaches it;
- the check-in, a `Poll` every ``poll_interval`` the Welcome named, as a router's
  scheduler polls MikroCloud.

`run_agents` serves several routers from one process.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tikjobs.agent.cloud_tls import client_context
from tikjobs.agent.config import RouterSettings, plain_cloud
from tikjobs.agent.exceptions import CloudUnreachable, LoginRefused, RouterError
from tikjobs.agent.jobs import JobRunner
from tikjobs.agent.ledger import Ledger
from tikjobs.agent.reports import BackupUploads, ReportOutbox
from tikjobs.agent.router import RouterPool, raise_if_cancelled, read_facts
from tikjobs.agent.sync import SyncCalls
from tikjobs.agent.tunnel import Backoff, CloudTunnel, FrameHandler, tunnel_url
from tikjobs.contracts import steps
from tikjobs.contracts.steps import Step
from tikjobs.contracts.tunnel import (
    BackupAck,
    Heartbeat,
    Hello,
    JobOffer,
    Poll,
    ReportAck,
    RouterFacts,
    SyncCancel,
    SyncRequest,
    Welcome,
)

if TYPE_CHECKING:
    from tikjobs.agent.metrics import AgentMetrics

log = logging.getLogger(__name__)


def agent_version() -> str:
    try:
        return version("tikjobs")
    except PackageNotFoundError:
        return "0+unknown"


def ledger_path(settings: RouterSettings) -> Path:
    """The router's ledger file: named after its tunnel token, which names the router."""
    digest = hashlib.sha256(settings.router_token.get_secret_value().encode()).hexdigest()
    return settings.state_dir / f"ledger-{digest[:16]}.jsonl"


class RouterAgent:
    """The agent of one router; `run` serves it until cancelled."""

    def __init__(self, settings: RouterSettings, metrics: AgentMetrics | None = None) -> None:
        self.settings = settings
        self.metrics = metrics
        self.calls_pool = RouterPool(settings, settings.pool_size)
        self.jobs_pool = RouterPool(settings, 1)
        self.facts = RouterFacts()
        self.router_online: bool | None = None
        self.offers: asyncio.Queue[JobOffer] = asyncio.Queue()
        self._in_hand: set[str] = set()
        self.tunnel = CloudTunnel(
            [tunnel_url(cloud) for cloud in settings.clouds],
            settings.router_token.get_secret_value(),
            hello=self._hello,
            handlers=self.handlers(),
            on_up=self._tunnel_up,
            on_down=self._tunnel_down,
            backoff=Backoff(settings.reconnect_min, settings.reconnect_max),
            label=settings.label,
            tls=None
            if all(plain_cloud(cloud) for cloud in settings.clouds)
            else client_context(settings.cloud_ca, settings.cloud_pin),
            pin=settings.cloud_pin,
        )
        self.outbox = ReportOutbox(self.tunnel.send)
        self.uploads = BackupUploads(self.tunnel.send)
        self.calls = SyncCalls(
            self.calls_pool, self.tunnel.send, answer_max=settings.sync_answer_max
        )
        self.runner: JobRunner | None = None
        self.draining = False
        self._idle = asyncio.Event()
        self._idle.set()
        self._tunnel_observer: Callable[[bool], None] | None = None
        if metrics is not None:
            label = settings.label
            self.calls_pool.on_command = self.jobs_pool.on_command = metrics.command_observer(label)
            self.tunnel.on_reconnect = metrics.reconnect_observer(label)
            self._tunnel_observer = metrics.tunnel_observer(label)

    def __repr__(self) -> str:
        return f"RouterAgent({self.settings.label!r})"

    def handlers(self) -> dict[type[Any], FrameHandler]:
        """The cloud's frames and what the agent does with each."""
        return {
            JobOffer: self._on_offer,
            SyncRequest: self._on_sync_request,
            SyncCancel: self._on_sync_cancel,
            ReportAck: self._on_report_ack,
            BackupAck: self._on_backup_ack,
            Heartbeat: self._on_heartbeat,
            Welcome: self._on_welcome,
        }

    async def run(self) -> None:
        ledger = await asyncio.to_thread(Ledger.open, ledger_path(self.settings))
        if self.metrics is not None:
            ledger.on_fsync = self.metrics.fsync_observer(self.settings.label)
        try:
            runner = self.runner = JobRunner(
                self.settings,
                self.jobs_pool,
                ledger,
                self.outbox,
                self.uploads,
                self.router_back,
                lambda: self.facts,
            )
            await runner.resend_unreported()
            async with asyncio.TaskGroup() as tasks:
                tasks.create_task(self.tunnel.run(), name=f"{self.settings.label} tunnel")
                tasks.create_task(self._work_jobs(runner), name=f"{self.settings.label} jobs")
                tasks.create_task(self._watch_router(), name=f"{self.settings.label} watch")
                tasks.create_task(self._check_in(), name=f"{self.settings.label} check-in")
        finally:
            await self.calls.close()
            await self.calls_pool.close()
            await self.jobs_pool.close()
            await ledger.close()

    # -- the tunnel ---------------------------------------------------------------------

    async def _hello(self) -> Hello:
        if self.router_online is None:
            await self._check_router()
        return Hello(
            agent_version=agent_version(), router=self.facts, online=bool(self.router_online)
        )

    async def _tunnel_up(self, welcome: Welcome) -> None:
        if self._tunnel_observer is not None:
            self._tunnel_observer(True)
        await self.outbox.connected()
        await self.uploads.connected()

    def _tunnel_down(self) -> None:
        if self._tunnel_observer is not None:
            self._tunnel_observer(False)
        self.outbox.disconnected()
        self.uploads.disconnected()

    async def _on_offer(self, offer: JobOffer) -> None:
        steps.crash_point(Step.OFFER_RECEIVED, offer.idempotency_key)
        if self.draining or offer.idempotency_key in self._in_hand:
            return
        self._in_hand.add(offer.idempotency_key)
        self.offers.put_nowait(offer)

    async def _on_sync_request(self, request: SyncRequest) -> None:
        self.calls.start(request)

    async def _on_sync_cancel(self, cancel: SyncCancel) -> None:
        self.calls.cancel(cancel.request_id)

    async def _on_report_ack(self, ack: ReportAck) -> None:
        self.outbox.acknowledge(ack)

    async def _on_backup_ack(self, ack: BackupAck) -> None:
        self.uploads.acknowledge(ack)

    async def _on_heartbeat(self, heartbeat: Heartbeat) -> None:
        return None

    async def _on_welcome(self, welcome: Welcome) -> None:
        self.tunnel.welcome = welcome

    # -- jobs ---------------------------------------------------------------------------

    async def _work_jobs(self, runner: JobRunner) -> None:
        while True:
            offer = await self.offers.get()
            self._idle.clear()
            try:
                await runner.handle(offer)
            finally:
                self._in_hand.discard(offer.idempotency_key)
                if self.offers.empty():
                    self._idle.set()
            # A library may have lost the request to stop (`router.cancel_requested`).
            raise_if_cancelled()
            await runner.prune()

    async def drain(self) -> None:
        """Take no new job and drop the offers queued (the cloud offers them again);
        answers once the job in hand, if any, has ended."""
        self.draining = True
        while not self.offers.empty():
            self._in_hand.discard(self.offers.get_nowait().idempotency_key)
        await self._idle.wait()

    async def _check_in(self) -> None:
        while True:
            await self.tunnel.up.wait()
            welcome = self.tunnel.welcome
            await asyncio.sleep(welcome.poll_interval if welcome else 1.0)
            if not self.tunnel.up.is_set():
                continue
            try:
                await self.tunnel.send(Poll())
            except CloudUnreachable:
                continue

    # -- the router ---------------------------------------------------------------------

    async def _check_router(self) -> bool:
        """Read the router's facts; answers whether it answered."""
        try:
            self.facts = await read_facts(self.calls_pool, self.settings.connect_timeout)
        except LoginRefused as error:
            log.error("%s: %s", self.settings.label, error)
            online = False
        except RouterError as error:
            log.debug("%s: the router is not answering: %s", self.settings.label, error)
            online = False
        else:
            online = True
        changed = self.router_online is not None and online != self.router_online
        self.router_online = online
        if changed:
            log.info(
                "%s: the router is %s", self.settings.label, "back" if online else "not answering"
            )
            try:
                await self.tunnel.send(
                    Hello(agent_version=agent_version(), router=self.facts, online=online)
                )
            except CloudUnreachable:
                pass
        return online

    async def _watch_router(self) -> None:
        backoff = Backoff(self.settings.reconnect_min, self.settings.reconnect_max)
        while True:
            if await self._check_router():
                backoff.reset()
                await asyncio.sleep(self.settings.router_check_interval)
            else:
                await asyncio.sleep(backoff.next())

    async def router_back(self, deadline: float) -> bool:
        """Wait until the router answers again or the monotonic ``deadline`` passes."""
        backoff = Backoff(self.settings.reconnect_min, self.settings.reconnect_max)
        while time.monotonic() < deadline:
            if await self._check_router():
                return True
            await asyncio.sleep(min(backoff.next(), max(deadline - time.monotonic(), 0)))
        return False


async def run_agents(
    routers: Sequence[RouterSettings], metrics: AgentMetrics | None = None
) -> None:
    """Serve every router from this process until cancelled; ``metrics`` observe them."""
    async with asyncio.TaskGroup() as tasks:
        for settings in routers:
            agent = RouterAgent(settings, metrics)
            tasks.create_task(agent.run(), name=f"agent {settings.label}")
