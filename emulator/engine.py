"""The job engine: which job each router gets when, and what the agents' reports do to jobs.

How this works
--------------
Each router has a queue: its unfinished jobs in submission order (the store's
``position``). Only the head of the queue is ever with the router, so a router runs one
job at a time in submission order while different routers run side by side.

*When the head is offered.* A router "checks in" when its agent sends a Poll frame (on
the ``poll_interval`` the Welcome told it), when `Engine.trigger_poll` is called, or when
an express job is submitted for it (an express job triggers an immediate check-in, as in
MikroCloud; if the router is offline, at its next connect). While checked in, the head
is offered and, as each job ends, the next one, until the queue is empty. A job that
went to an agent before (``offered_at``, or ``loaded``/``running``) is offered again,
unchanged and with the same idempotency key, whenever a tunnel for its router comes up:
the agent runs a key at most once. A Poll also repeats the offer of the head, as the
tunnel contract says ("offered again, unchanged, until the agent reports an end").

*What reports do.* Whatever changes a job's status is an event of the lifecycle table
(`contracts.lifecycle`): the table says which events a report causes and where each
leads, and the engine only carries them out. Every change goes through `Store.transition`
(the lifecycle check plus the notification, in one transaction), under the router's lock,
stamped with the cloud's clock when the report arrived. A report of the job's current
status is acknowledged without change; a report the lifecycle forbids is acknowledged
with ``accepted=false`` and the reason. A job with ``needs_acknowledgement=false`` is
``loaded`` when the agent takes it and handed over (``completed``) when the agent reports
that the router has its script; it is never ``running``, keeps no output or error, and
later reports for it are acknowledged and ignored. Until it is handed over it is the
router's like any other taken job: offered again on every new tunnel, so an agent that
stopped between the two reports hands it over when it comes back.

*Timeouts.* A job the router has taken fails with "timed out after N s" once it has been
``loaded``/``running`` longer than its timeout (the job's own or the engine's default);
a job still ``pending`` that long after submission (the router is offline, or its queue
is stuck) fails with "timed out after N s waiting for the router". One task keeps the
deadlines; every deadline is checked against the stored job when it comes due.

*What it remembers.* The engine keeps the latest record of each job it has with a router
(offered, or changed since), so a report is checked without a read; every change goes
through it, so the record is the store's. Among replicas, where another one may change a
job, it reads the store instead. That a pending job was offered reaches the store
(``offered_at``) only when the job is still pending `OFFER_NOTE_DELAY` later: a job the
router takes at once is never written twice. Losing that note (a crash) only means the
job waits for the router's next check-in, or its express check-in on connect.

*Restarts.* Nothing the engine needs lives only in memory: on `start` it marks every
router offline (no tunnel survives a restart) and rebuilds the deadlines from the store;
the agents' reconnects do the rest.

*Crash points.* Each step of a job's path on the cloud's side (offer sent, a report
accepted, a backup stored) calls `contracts.steps.crash_point`, a no-op outside the
crash-point tests.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import heapq
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from tikjobs.contracts import steps
from tikjobs.contracts.api import JobStatus
from tikjobs.contracts.lifecycle import (
    LEADS_TO,
    TERMINAL,
    Event,
    next_status,
    repeats,
    report_events,
)
from tikjobs.contracts.steps import Step
from tikjobs.contracts.tunnel import (
    BackupAck,
    BackupUpload,
    Hello,
    JobOffer,
    JobReport,
    ReportAck,
    Welcome,
)
from tikjobs.emulator.clock import utc_now
from tikjobs.emulator.exceptions import (
    EmulatorError,
    IllegalTransition,
    JobAlreadyStarted,
    JobNotFound,
    RouterOffline,
)
from tikjobs.emulator.links import RouterLink, RouterLinks
from tikjobs.emulator.store.base import (
    JobRecord,
    NotificationRecord,
    RouterRecord,
    Store,
    TransitionResult,
    hash_token,
)

log = logging.getLogger(__name__)

DEFAULT_JOB_TIMEOUT = 600.0
DEFAULT_PENDING_TIMEOUT = 24 * 60 * 60.0
ROLLBACK_REBOOT_ALLOWANCE = 600.0
"""Seconds a safe-apply job may take past its window: the restore's reboot and the check."""
DEFAULT_HEARTBEAT_INTERVAL = 15.0
OFFER_NOTE_DELAY = 0.5
"""Seconds after an offer before a job still pending is noted as offered in the store."""
LAST_SEEN_BATCH = 0.1
"""Seconds the routers' ``last_seen`` moments wait to be written together. At 10,000
tunnels, a whole second's moments (about 1,300) written at once held synchronous calls up
for 15 to 40 ms once a second; a tenth of a second's was too short a write to see."""
_LONGEST_SLEEP = 60.0

CLOSE_GOING_AWAY = 1001
CLOSE_SERVICE_RESTART = 1012


@dataclass(order=True, frozen=True)
class _Deadline:
    at: datetime
    job_id: UUID = field(compare=False)
    event: Event = field(compare=False)


@dataclass
class _Queue:
    """What the engine holds for one router between store reads."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    presence: asyncio.Lock = field(default_factory=asyncio.Lock)
    """Held while a tunnel of the router comes up or goes down, from its first presence
    write to its link's change: an old tunnel's offline write never lands after a new
    tunnel's online one."""
    checking_in: bool = False
    """The router checked in and its head job, once there is one, is offered. Set only
    under `lock` (see `Engine._check_in`); cleared when its queue is found empty or its
    tunnel ends."""
    reachable: bool = True


class Engine:
    """Runs jobs through the routers' agents; see the module docstring for the rules."""

    def __init__(
        self,
        store: Store,
        links: RouterLinks,
        *,
        job_timeout: float = DEFAULT_JOB_TIMEOUT,
        pending_timeout: float = DEFAULT_PENDING_TIMEOUT,
        heartbeat_interval: float = DEFAULT_HEARTBEAT_INTERVAL,
        clock: Callable[[], datetime] = utc_now,
        on_notification: Callable[[NotificationRecord | None], None] | None = None,
        notification_lease: float | None = None,
    ) -> None:
        """``on_notification`` is called after each status change that queued a
        notification: with the notification when the change claimed it for
        ``notification_lease`` seconds (the delivery worker's lease); without a lease,
        with None (the worker looks at the outbox)."""
        self.store = store
        self._on_notification = on_notification
        self._notification_lease = notification_lease if on_notification else None
        self.links = links
        self.job_timeout = job_timeout
        self.pending_timeout = pending_timeout
        self.heartbeat_interval = heartbeat_interval
        self._clock = clock
        self._queues: dict[UUID, _Queue] = {}
        self._deadlines: list[_Deadline] = []
        self._wake = asyncio.Event()
        self._timekeeper: asyncio.Task[None] | None = None
        self._background: set[asyncio.Task[None]] = set()
        self._jobs: dict[UUID, JobRecord] = {}
        """The latest record of each job a router has or was offered (until it ends)."""
        self._unnoted: dict[UUID, tuple[datetime, asyncio.TimerHandle]] = {}
        """Offers of pending jobs not yet in the store, and their notes' timers."""
        self._seen: dict[UUID, datetime] = {}
        """When each router was heard from, for ``last_seen``, since the last write."""
        self.observers: list[Callable[[JobRecord], None]] = []
        """Called with each job as it is submitted and after each of its status changes."""

    # -- running ----------------------------------------------------------------------

    async def start(self) -> None:
        """Reload what is in flight from the store and start keeping deadlines."""
        await self.store.mark_all_routers_offline()
        for job in await self.store.unfinished_jobs():
            self._schedule(job)
        self._timekeeper = asyncio.get_running_loop().create_task(
            self._keep_time(), name="tikjobs-engine-deadlines"
        )

    async def stop(self) -> None:
        """Close every tunnel and stop the engine's tasks; the store stays open."""
        await self.links.close_all(CLOSE_GOING_AWAY, "the emulator is stopping")
        unnoted, self._unnoted = self._unnoted, {}
        for _, timer in unnoted.values():
            timer.cancel()
        seen, self._seen = self._seen, {}
        await asyncio.gather(
            *(self.store.mark_job_offered(job_id, at) for job_id, (at, _) in unnoted.items()),
            *([self.store.touch_routers(seen)] if seen else []),
            return_exceptions=True,
        )
        tasks = [*self._background, *([self._timekeeper] if self._timekeeper else [])]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._timekeeper = None

    async def reset(self) -> None:
        """Forget everything: tunnels are closed, deadlines dropped, the store wiped."""
        await self.links.close_all(CLOSE_SERVICE_RESTART, "the emulator's state was reset")
        self._deadlines.clear()
        self._queues.clear()
        self._jobs.clear()
        self._seen.clear()
        for _, timer in self._unnoted.values():
            timer.cancel()
        self._unnoted.clear()
        await self.store.reset()

    # -- the API's side ---------------------------------------------------------------

    async def job_submitted(self, job: JobRecord) -> None:
        """A new job is stored: keep its deadline; an express job makes its router check
        in now (the offer itself is sent in the background)."""
        self._schedule(job)
        for observer in self.observers:
            observer(job)
        if not job.express_execute:
            return
        peers = self.links.peers
        if peers is not None and not self.links.is_online(job.router_id):
            # Another replica may hold the router's tunnel: it offers the job now.
            self._spawn(self._wake_elsewhere(job.router_id), f"announce {job.id}")
            return
        self._spawn(self._check_in(job.router_id, again=False), f"offer {job.id}")

    async def _wake_elsewhere(self, router_id: UUID) -> None:
        assert self.links.peers is not None  # noqa: S101 - checked by the caller
        await self.links.peers.wake(router_id, poll=False)

    async def wake_here(self, router_id: UUID, *, poll: bool) -> bool:
        """Another replica asks: offer the router's due job now (an express job was
        submitted there) or, with ``poll``, check the router in. False when this replica
        does not hold the router's tunnel."""
        if not self.links.is_online(router_id):
            return False
        await self._check_in(router_id, again=poll)
        return True

    async def delete_job(self, job_id: UUID) -> JobRecord:
        """A pending job becomes ``deleted`` (notified); a deleted one stays as it is.
        `JobAlreadyStarted` once the router took it; `JobNotFound`."""
        job = await self._require_job(job_id)
        queue = self._queue(job.router_id)
        async with queue.lock:
            job = await self._require_job(job_id)
            if repeats(job.status, Event.DELETE):
                return job
            try:
                result = await self._cause(job, Event.DELETE)
            except IllegalTransition:
                raise JobAlreadyStarted(job.id, job.status) from None
            self._forget_offer(result.job)
            await self._pump_locked(job.router_id, again=False)
        return result.job

    async def trigger_poll(self, router_id: UUID) -> bool:
        """Make the router check in now; False when no agent is connected for it (to
        this replica or, among replicas, to any)."""
        if not self.links.is_online(router_id):
            peers = self.links.peers
            return peers is not None and await peers.wake(router_id, poll=True)
        await self.poll(router_id)
        return True

    # -- the agents' side -------------------------------------------------------------

    async def router_for_token(self, token: str) -> RouterRecord | None:
        """The router a tunnel token belongs to."""
        return await self.store.find_router_by_token_hash(hash_token(token))

    async def connect(self, router: RouterRecord, hello: Hello, link: RouterLink) -> None:
        """An agent said Hello: keep its facts, answer Welcome, make the link the router's
        (closing an older one) and offer what the router had or must have now."""
        queue = self._queue(router.id)
        async with queue.presence:
            await self.store.update_router_facts(router.id, hello.router)
            if self.links.peers is not None:
                # Held before online is stored: a replica that held the tunnel before and
                # says goodbye late then finds it held elsewhere and leaves it online.
                await self.links.peers.hold(router.id)
            now = self._clock()
            # Online is stored before Welcome goes out, so an agent (or a client watching
            # GET /api/routers) that sees Welcome also sees the router online.
            await self.store.set_router_online(router.id, hello.online, now)
            await link.send(
                Welcome(
                    router_id=str(router.id),
                    poll_interval=router.poll_interval,
                    heartbeat_interval=self.heartbeat_interval,
                )
            )
            previous = self.links.attach(link)
            link.heard(now)
        if previous is not None:
            # Its disconnect finds it replaced and leaves the router online.
            await previous.close(CLOSE_GOING_AWAY, "replaced by a newer tunnel for this router")
        async with queue.lock:
            queue.reachable = hello.online
            jobs = await self.store.unfinished_jobs(router.id)
            if self.links.peers is not None:
                for job in jobs:
                    # Another replica may have kept these deadlines and stopped.
                    self._schedule(job)
            queue.checking_in = any(
                job.express_execute and job.status is JobStatus.PENDING for job in jobs
            )
            await self._pump_locked(router.id, again=False)

    async def hello_again(self, link: RouterLink, hello: Hello) -> None:
        """A later Hello on a live tunnel: new facts, and whether the agent now reaches
        its router (jobs are offered only while it does)."""
        await self.store.update_router_facts(link.router_id, hello.router)
        queue = self._queue(link.router_id)
        async with queue.presence:
            if self.links.get(link.router_id) is link:
                await self.store.set_router_online(link.router_id, hello.online, self._clock())
        async with queue.lock:
            queue.reachable = hello.online
            await self._pump_locked(link.router_id, again=False)

    async def disconnect(self, link: RouterLink) -> None:
        """A tunnel ended: its waiting calls fail; the router is offline unless a newer
        tunnel already replaced this one."""
        link.lose("the tunnel closed")
        queue = self._queue(link.router_id)
        async with queue.presence:
            if not self.links.detach(link):
                return
            queue.checking_in = False
            try:
                if self.links.peers is not None:
                    await self.links.peers.release(link.router_id)
                else:
                    await self.store.set_router_online(link.router_id, False, self._clock())
            except EmulatorError:
                log.exception("could not mark router %s offline", link.router_id)

    def heard(self, link: RouterLink) -> None:
        """A frame arrived on the link: ``last_seen`` moves (at most once a second).

        The moments of the routers heard from within `LAST_SEEN_BATCH` go to the store in
        one write: with thousands of tunnels, each heartbeat's own write cost more than
        the rest of handling it. ``last_seen`` is a note of presence, not an answer anyone
        was given, so a crash may lose the last moments of it."""
        now = self._clock()
        if link.heard(now):
            if not self._seen:
                self._spawn(self._write_seen(), "write last_seen")
            self._seen[link.router_id] = now

    async def _write_seen(self) -> None:
        await asyncio.sleep(LAST_SEEN_BATCH)
        seen, self._seen = self._seen, {}
        if seen:
            await self.store.touch_routers(seen)

    async def poll(self, router_id: UUID) -> None:
        """The router checks in: offer its head job (again, if it already has it)."""
        await self._check_in(router_id, again=True)

    async def report(self, link: RouterLink, report: JobReport) -> ReportAck:
        """Apply an agent's job report and answer `ReportAck` on the link (whether the
        report was kept, and the job's status); when the job has ended, the router's
        next job is offered after the acknowledgement."""
        async with self._queue(link.router_id).lock:
            ack = await self._apply_report(link.router_id, report)
            await link.send(ack)
            if ack.accepted and ack.status in TERMINAL:
                await self._pump_locked(link.router_id, again=False)
        return ack

    async def _apply_report(self, router_id: UUID, report: JobReport) -> ReportAck:
        job_id = _uuid(report.job_id)
        job = None if job_id is None else await self._job(job_id)
        if job is None or job.router_id != router_id:
            return _refused(report, report.status, "no such job for this router")
        if _uuid(report.idempotency_key) != job.idempotency_key:
            return _refused(report, job.status, "the idempotency key does not match the job")
        events = report_events(
            report.status, job.status, needs_acknowledgement=job.needs_acknowledgement
        )
        if not events:
            return ReportAck(job_id=report.job_id, status=job.status, accepted=True)
        if not job.needs_acknowledgement:
            return await self._report_unacknowledged(job, report, events)
        [event] = events
        try:
            result = await self._cause(job, event, output=report.output, error=report.error)
        except IllegalTransition as error:
            return _refused(report, job.status, error.message)
        self._after_change(result.job)
        steps.crash_point(_ACCEPTED[result.job.status], report.idempotency_key)
        return ReportAck(job_id=report.job_id, status=result.job.status, accepted=True)

    async def receive_backup(self, router_id: UUID, upload: BackupUpload) -> BackupAck:
        """Keep a file the agent took from the router before a job, once its checksum
        matches; a repeated upload of the same file is acknowledged again."""

        def refused(reason: str) -> BackupAck:
            return BackupAck(job_id=upload.job_id, name=upload.name, accepted=False, reason=reason)

        try:
            content = base64.b64decode(upload.content_b64, validate=True)
        except (binascii.Error, ValueError):
            return refused("content_b64 is not base64")
        if hashlib.sha256(content).hexdigest() != upload.sha256.lower():
            return refused("sha256 does not match the content")
        job_id = _uuid(upload.job_id)
        job = None if job_id is None else await self.store.get_job(job_id)
        if job is None or job.router_id != router_id:
            return refused("no such job for this router")
        stored = await self.store.list_backups(job_id=job.id)
        if not any(item.name == upload.name and item.sha256 == upload.sha256 for item in stored):
            await self.store.add_backup(
                uuid4(), router_id, job.id, upload.name, upload.kind, content, self._clock()
            )
            steps.crash_point(Step.BACKUP_STORED, str(job.idempotency_key))
        return BackupAck(job_id=upload.job_id, name=upload.name, accepted=True)

    # -- offering ---------------------------------------------------------------------

    async def _check_in(self, router_id: UUID, *, again: bool) -> None:
        """The router checks in (it polled, or an express job came): its head job is
        offered, the one it already has only ``again``.

        The router is marked checking in under its lock, never before it: an offer made
        meanwhile (its previous job ended) may have read the head list before the new
        job was stored, found it empty and cleared the mark, and the express job would
        then wait for the next poll."""
        queue = self._queue(router_id)
        async with queue.lock:
            queue.checking_in = True
            await self._pump_locked(router_id, again=again)

    async def _pump_locked(self, router_id: UUID, *, again: bool) -> None:
        """Offer the router's head job if it is due; the router's lock is held."""
        queue = self._queue(router_id)
        link = self.links.get(router_id)
        if link is None or not queue.reachable:
            return
        heads = await self.store.unfinished_jobs(router_id, limit=1)
        if not heads:
            queue.checking_in = False
            return
        head = heads[0]
        with_router = head.status is not JobStatus.PENDING or head.offered_at is not None
        if not (with_router or queue.checking_in):
            return
        if head.id in link.offered and not again:
            return
        await self._offer(link, head)

    async def _offer(self, link: RouterLink, job: JobRecord) -> None:
        offer = JobOffer(
            job_id=str(job.id),
            idempotency_key=str(job.idempotency_key),
            token=job.token,
            description=job.description,
            script=job.script,
            make_backup=job.make_backup,
            needs_acknowledgement=job.needs_acknowledgement,
            timeout=self._timeout_of(job),
            rollback_after=job.rollback_after,
            rollback_check=job.rollback_check,
        )
        try:
            await link.send(offer)
        except RouterOffline:
            return
        steps.crash_point(Step.OFFER_SENT, offer.idempotency_key)
        if self.links.peers is None:
            self._jobs[job.id] = job
        if job.id not in link.offered:
            link.offered.add(job.id)
            if job.status is JobStatus.PENDING and job.id not in self._unnoted:
                timer = asyncio.get_running_loop().call_later(
                    OFFER_NOTE_DELAY, self._note_offer, job.id
                )
                self._unnoted[job.id] = (self._clock(), timer)

    def _note_offer(self, job_id: UUID) -> None:
        """The offered job is still pending: its offer goes to the store."""
        noted = self._unnoted.pop(job_id, None)
        if noted is not None:
            self._spawn(self.store.mark_job_offered(job_id, noted[0]), f"note offer {job_id}")

    # -- reports ----------------------------------------------------------------------

    async def _report_unacknowledged(
        self, job: JobRecord, report: JobReport, events: tuple[Event, ...]
    ) -> ReportAck:
        """A report on a job that needs no acknowledgement: the router having it is all
        that counts (its ``events``); anything after that is acknowledged and ignored."""
        if repeats(job.status, events[0]):
            return ReportAck(
                job_id=report.job_id,
                status=job.status,
                accepted=True,
                reason="the job completed when the router had it; the report is ignored",
            )
        if next_status(job.status, events[0]) is None:
            return _refused(report, job.status, f"the job is already {job.status.value}")
        for event in events:
            error = report.error if event is Event.FAIL else None
            job = (await self._cause(job, event, error=error)).job
        self._after_change(job)
        steps.crash_point(_ACCEPTED[job.status], report.idempotency_key)
        return ReportAck(job_id=report.job_id, status=job.status, accepted=True)

    def _after_change(self, job: JobRecord) -> None:
        if job.status is JobStatus.LOADED:
            self._schedule(job)
        if job.status in TERMINAL:
            self._forget_offer(job)

    def _forget_offer(self, job: JobRecord) -> None:
        link = self.links.get(job.router_id)
        if link is not None:
            link.offered.discard(job.id)

    # -- deadlines --------------------------------------------------------------------

    def _timeout_of(self, job: JobRecord) -> float:
        return job.timeout if job.timeout is not None else self.job_timeout

    def _running_allowance(self, job: JobRecord) -> float:
        """How long a taken job may stay unfinished: its timeout, and with safe apply the
        rollback window and a restore's reboot on top."""
        if job.rollback_after is None:
            return self._timeout_of(job)
        return self._timeout_of(job) + job.rollback_after + ROLLBACK_REBOOT_ALLOWANCE

    def _schedule(self, job: JobRecord) -> None:
        """Keep the deadline of the timeout the job can run into in its status."""
        if next_status(job.status, Event.WAIT_TIMEOUT):
            at = job.created_at + timedelta(seconds=self.pending_timeout)
            deadline = _Deadline(at, job.id, Event.WAIT_TIMEOUT)
        elif next_status(job.status, Event.RUN_TIMEOUT) and job.started_at:
            at = job.started_at + timedelta(seconds=self._running_allowance(job))
            deadline = _Deadline(at, job.id, Event.RUN_TIMEOUT)
        else:
            return
        heapq.heappush(self._deadlines, deadline)
        self._wake.set()

    async def _keep_time(self) -> None:
        while True:
            self._wake.clear()
            now = self._clock()
            while self._deadlines and self._deadlines[0].at <= now:
                deadline = heapq.heappop(self._deadlines)
                try:
                    await self._expire(deadline)
                except EmulatorError:
                    log.exception("could not time out job %s", deadline.job_id)
            delay = _LONGEST_SLEEP
            if self._deadlines:
                delay = min(delay, (self._deadlines[0].at - self._clock()).total_seconds())
            if delay > 0:
                try:
                    async with asyncio.timeout(delay):
                        await self._wake.wait()
                except TimeoutError:
                    pass

    async def _expire(self, deadline: _Deadline) -> None:
        job = await self.store.get_job(deadline.job_id)
        if job is None:
            return
        async with self._queue(job.router_id).lock:
            job = await self._require_job(job.id)
            if next_status(job.status, deadline.event) is None:
                return
            if deadline.event is Event.WAIT_TIMEOUT:
                reason = f"timed out after {self.pending_timeout:g} s waiting for the router"
            else:
                reason = f"timed out after {self._running_allowance(job):g} s"
            result = await self._cause(job, deadline.event, error=reason)
            self._after_change(result.job)
            await self._pump_locked(job.router_id, again=False)

    # -- plumbing ---------------------------------------------------------------------

    async def _cause(
        self,
        job: JobRecord,
        event: Event,
        *,
        output: str | None = None,
        error: str | None = None,
    ) -> TransitionResult:
        """Carry out ``event`` on ``job`` as the lifecycle table says, stamped now;
        `IllegalTransition` when the table has no such move for the job's status."""
        new_status = next_status(job.status, event)
        if new_status is None:
            raise IllegalTransition(job.id, job.status, LEADS_TO[event], event)
        return await self._transition(job.id, new_status, self._clock(), output=output, error=error)

    async def _transition(
        self,
        job_id: UUID,
        status: JobStatus,
        at: datetime,
        *,
        output: str | None = None,
        error: str | None = None,
    ) -> TransitionResult:
        """Every status change the engine makes; wakes delivery when one was queued."""
        result = await self.store.transition(
            job_id, status, at, output=output, error=error, lease=self._notification_lease
        )
        noted = self._unnoted.pop(job_id, None)
        if noted is not None:
            noted[1].cancel()
        if status in TERMINAL or self.links.peers is not None:
            self._jobs.pop(job_id, None)
        else:
            self._jobs[job_id] = result.job
        if result.notification is not None and self._on_notification is not None:
            if result.claimed:
                self._on_notification(result.notification)
            elif self._notification_lease is None:
                self._on_notification(None)
            # else an earlier notification of the job is pending: the commit that
            # records its delivery claims this one.
        for observer in self.observers:
            observer(result.job)
        return result

    def _queue(self, router_id: UUID) -> _Queue:
        queue = self._queues.get(router_id)
        if queue is None:
            queue = self._queues[router_id] = _Queue()
        return queue

    async def _job(self, job_id: UUID) -> JobRecord | None:
        """The job as the store has it: remembered, or read."""
        job = self._jobs.get(job_id)
        return job if job is not None else await self.store.get_job(job_id)

    async def _require_job(self, job_id: UUID) -> JobRecord:
        job = await self.store.get_job(job_id)
        if job is None:
            raise JobNotFound(f"job {job_id} not found")
        return job

    def _spawn(self, work: Coroutine[Any, Any, None], what: str) -> None:
        task = asyncio.get_running_loop().create_task(work, name=f"tikjobs-engine: {what}")
        self._background.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._background.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("engine task %s failed", task.get_name(), exc_info=task.exception())


def _uuid(text: str) -> UUID | None:
    try:
        return UUID(text)
    except ValueError:
        return None


_ACCEPTED: dict[JobStatus, Step] = {
    JobStatus.LOADED: Step.LOADED_ACCEPTED,
    JobStatus.RUNNING: Step.RUNNING_ACCEPTED,
    JobStatus.COMPLETED: Step.OUTCOME_ACCEPTED,
    JobStatus.FAILED: Step.OUTCOME_ACCEPTED,
}


def _refused(report: JobReport, status: JobStatus, reason: str) -> ReportAck:
    return ReportAck(job_id=report.job_id, status=status, accepted=False, reason=reason)
