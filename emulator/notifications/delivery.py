"""The delivery worker: takes due notifications from the outbox and posts them, signed.

How this works
--------------
The outbox lives in the store: `Store.transition` queues a job's notification in the
same transaction as its status change, so a notification accepted there survives a
crash. Most entries never wait for a claim of their own: the transition that queues one
claims it in its own transaction when no earlier notification of the job is pending
(`Store.transition` with a ``lease``), and the engine hands it over through `wake`; the
commit that records an attempt claims what became due by it (the job's next
notification). `DeliveryWorker` runs one loop task for the rest. Each round it claims
due entries from the store (`Store.claim_due_notifications`, which never hands out a
job's later notification while an earlier one is pending, and leases what it hands
out), starts one attempt task per entry up to ``concurrency`` (claimed entries beyond
it wait their turn in memory, their leases renewed), and then sleeps until it is woken
(`wake` without an entry, or an attempt whose record may have left more due), its next
scheduled retry is due, or ``poll_interval`` passed.

One attempt: apply the notification fault rule (latency, injected failure), sign the
stored payload with the customer's secret (Standard Webhooks headers; ``webhook-id`` is
the outbox entry's id, the same on every retry), post it through the guarded transport
within ``timeout``, and record the attempt in the delivery log with its number, time,
HTTP status, error and duration. A 2xx delivers. A refusal (SSRF guard, scheme) or a
``410 Gone`` abandons at once; anything else is retried after the schedule's next wait,
or abandoned when the schedule is spent. Abandoned entries keep the reason as their
``last_error`` and free the job's next notification.

After a restart a new worker simply claims again: pending entries are due at once, and an
entry a crashed process had claimed is due when its lease runs out (`LEASE`, 10 s: the
worker renews the lease of each attempt while it runs, so a slow receiver keeps its claim
and a crashed emulator's claims are free again soon after). `stop` lets running
attempts finish for ``stop_grace`` seconds; an attempt still running then is cancelled
and logged as interrupted, due again at once for the next worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import json
import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Final, Self
from uuid import UUID

from tikjobs.contracts import steps
from tikjobs.contracts.steps import Step
from tikjobs.emulator.clock import utc_now
from tikjobs.emulator.exceptions import DeliveryRefused, EmulatorError, WebhookSecretInvalid
from tikjobs.emulator.faults import NO_FAULT, FaultRules, FaultTarget
from tikjobs.emulator.lookups import TTL, TimedCache
from tikjobs.emulator.notifications.poster import Poster, PostFailed
from tikjobs.emulator.notifications.schedule import RetrySchedule, Verdict, judge_status
from tikjobs.emulator.notifications.signing import signed_headers
from tikjobs.emulator.notifications.ssrf import AddressPolicy
from tikjobs.emulator.settings import Settings
from tikjobs.emulator.store.base import CustomerRecord, NotificationRecord, Store

logger = logging.getLogger(__name__)

USER_AGENT: Final = "tikjobs-emulator (notifications)"
LEASE: Final = 10.0
"""Seconds a claimed entry stays with this worker before another may claim it; the worker
renews the lease of every attempt still running each third of it, so only the claims of
a worker that stopped (or crashed) run out."""


def payload_body(payload: str) -> bytes:
    """The body a notification is posted (and signed) with: its stored payload."""
    return payload.encode()


@dataclass(frozen=True)
class DeliveryOptions:
    """How the worker delivers: where it may connect, what it trusts, how it paces."""

    policy: AddressPolicy = field(default_factory=AddressPolicy)
    ca_bundle: Path | None = None
    schedule: RetrySchedule = field(default_factory=RetrySchedule)
    timeout: float = 15.0
    """Seconds one attempt may take, connecting included (Standard Webhooks: 15-30 s)."""
    concurrency: int = 64
    """Attempts in flight at once, across all jobs and receivers. A burst of express jobs
    across 50 routers had its completed notifications arrive, at the median, about 0.9 s
    after the jobs completed with 8, 0.1 to 0.3 s with 32, and about 0.03 s with 64 (as
    with 96)."""
    poll_interval: float = 1.0
    """Seconds between looks at the outbox when nothing wakes the worker."""
    stop_grace: float = 5.0
    """Seconds `DeliveryWorker.stop` lets running attempts finish."""

    def __post_init__(self) -> None:
        if self.timeout <= 0 or self.poll_interval <= 0 or self.stop_grace < 0:
            raise ValueError("timeout and poll_interval must be positive, stop_grace >= 0")
        if self.concurrency < 1:
            raise ValueError("concurrency must be at least 1")

    @classmethod
    def from_settings(cls, settings: Settings) -> DeliveryOptions:
        """The options the emulator's settings ask for (``notify_*``)."""
        return cls(
            policy=AddressPolicy.from_allow_hosts(
                settings.notify_allow_hosts, allow_plain_http=settings.notify_allow_http
            ),
            ca_bundle=settings.notify_ca_bundle,
            schedule=RetrySchedule(scale=settings.notify_retry_scale),
            timeout=settings.notify_timeout,
            concurrency=settings.notify_concurrency,
        )


@dataclass(frozen=True)
class AttemptResult:
    """What one attempt came to, before it is recorded."""

    verdict: Verdict
    status_code: int | None = None
    error: str | None = None


class DeliveryWorker:
    """Delivers the outbox; `start` it with the app, `wake` it when something was queued."""

    def __init__(
        self,
        store: Store,
        options: DeliveryOptions | None = None,
        *,
        faults: FaultRules | None = None,
        clock: Callable[[], datetime] = utc_now,
        body: Callable[[str], bytes] = payload_body,
    ) -> None:
        """``body`` makes the posted body of a notification from its stored payload."""
        self._store = store
        self._body = body
        self._options = options or DeliveryOptions()
        self._faults = faults
        self._clock = clock
        self._wakeup = asyncio.Event()
        self._retries: list[datetime] = []
        self._attempts: dict[int, asyncio.Task[None]] = {}
        self._claimed: dict[int, int] = {}
        """Each claimed entry's id (attempted or waiting) and its ``attempts`` when it was
        claimed."""
        self._waiting: deque[NotificationRecord] = deque()
        """Claimed entries waiting for a free attempt slot."""
        self._renewer: asyncio.Task[None] | None = None
        self._loop_task: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping = False
        self._client: Poster | None = None
        # A customer's signing secret never changes; reading it per attempt cost a hop
        # to the store for each of a job's three notifications.
        self._customers: TimedCache[UUID, CustomerRecord] = TimedCache(store.get_customer, TTL)
        self.on_attempt: Callable[[bool, float], None] | None = None
        """Called after each recorded attempt: whether it delivered, and its seconds."""

    # -- lifecycle -----------------------------------------------------------------------

    async def start(self) -> None:
        """Begin delivering; pending entries left by an earlier run are picked up too."""
        if self._loop_task is not None:
            raise RuntimeError("the delivery worker is already running")
        self._client = Poster(
            self._options.policy,
            ca_bundle=self._options.ca_bundle,
            max_idle_per_endpoint=self._options.concurrency,
        )
        self._stopping = False
        self._loop = asyncio.get_running_loop()
        self._loop_task = asyncio.create_task(self._run(), name="notification-delivery")
        self._renewer = asyncio.create_task(self._renew_leases(), name="notification-leases")

    async def stop(self) -> None:
        """Stop claiming, let running attempts finish (``stop_grace``), cancel the rest.

        The loop ends after its current round, so nothing it claimed is left unattempted
        (a claimed entry would otherwise wait out its lease before the next worker).
        """
        loop_task, self._loop_task = self._loop_task, None
        if loop_task is None:
            return
        self._stopping = True
        self._wakeup.set()
        _, unfinished = await asyncio.wait({loop_task}, timeout=self._options.timeout)
        for task in unfinished:
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await loop_task
        running = list(self._attempts.values())
        if running:
            _, late = await asyncio.wait(running, timeout=self._options.stop_grace)
            for task in late:
                task.cancel()
            await asyncio.gather(*running, return_exceptions=True)
        if self._renewer is not None:
            self._renewer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._renewer
            self._renewer = None
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    def wake(self, claimed: NotificationRecord | None = None) -> None:
        """Look at the outbox now; call it after queueing a notification (any thread).
        ``claimed``: the entry was claimed for this worker as it was queued (see
        `LEASE`); it is attempted without a look at the outbox."""
        loop = self._loop
        try:
            current: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            current = None
        work = self._wakeup.set if claimed is None else partial(self._take, claimed)
        if loop is None or current is loop:
            work()
        elif not loop.is_closed():
            loop.call_soon_threadsafe(work)

    def _take(self, entry: NotificationRecord) -> None:
        """An entry claimed for this worker: attempt it now, or once a slot is free. A
        stopped worker leaves it to its lease (the next worker claims it after)."""
        if self._loop_task is None or self._stopping or entry.id in self._claimed:
            return
        if self._free() > 0:
            self._start([entry])
        else:
            self._waiting.append(entry)
            self._claimed[entry.id] = entry.attempts

    @property
    def running(self) -> bool:
        return self._loop_task is not None and not self._loop_task.done()

    # -- the loop ------------------------------------------------------------------------

    async def _run(self) -> None:
        while not self._stopping:
            self._wakeup.clear()
            try:
                await self._claim()
            except EmulatorError:
                logger.exception("cannot read the notification outbox; trying again")
            if not self._stopping:
                await self._sleep()

    async def _claim(self) -> None:
        free = self._free()
        if free <= 0:
            return
        now = self._clock()
        while self._retries and self._retries[0] <= now:
            heapq.heappop(self._retries)
        entries = await self._store.claim_due_notifications(now, free, lease=self._lease())
        self._start(entries)

    def _start(self, entries: list[NotificationRecord]) -> None:
        """An attempt task for each claimed entry not already being attempted."""
        for entry in entries:
            if entry.id in self._attempts:
                continue
            task = asyncio.create_task(self._deliver(entry), name=f"notification-{entry.id}")
            self._attempts[entry.id] = task
            self._claimed[entry.id] = entry.attempts
            task.add_done_callback(partial(self._finished, entry.id))

    def _free(self) -> int:
        """Attempt slots no running attempt and no waiting claimed entry takes."""
        return self._options.concurrency - len(self._attempts) - len(self._waiting)

    def _finished(self, entry_id: int, task: asyncio.Task[None]) -> None:
        self._attempts.pop(entry_id, None)
        self._claimed.pop(entry_id, None)
        if self._waiting and not self._stopping:
            self._start([self._waiting.popleft()])
        if task.cancelled() or task.exception() is not None:
            self._wakeup.set()

    async def _sleep(self) -> None:
        wait = self._options.poll_interval
        if self._retries:
            until_retry = (self._retries[0] - self._clock()).total_seconds()
            wait = min(wait, max(until_retry, 0.0))
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(wait):
                await self._wakeup.wait()

    def _lease(self) -> float:
        return LEASE

    async def _renew_leases(self) -> None:
        """Every third of the lease, extend the claim of every attempt still running."""
        while True:
            await asyncio.sleep(self._lease() / 3)
            claims = list(self._claimed.items())
            if not claims:
                continue
            until = self._clock() + timedelta(seconds=self._lease())
            try:
                await self._store.extend_claims(claims, until)
            except EmulatorError:
                logger.exception("cannot renew the leases of %d notifications", len(claims))

    # -- one attempt ---------------------------------------------------------------------

    async def _deliver(self, entry: NotificationRecord) -> None:
        number = entry.attempts + 1
        started_at = self._clock()
        began = time.monotonic()
        try:
            result = await self._attempt(entry)
        except asyncio.CancelledError:
            await self._record_interrupted(entry, started_at, time.monotonic() - began)
            raise
        duration = time.monotonic() - began
        if result.verdict is Verdict.DELIVERED:
            steps.crash_point(Step.NOTIFICATION_DELIVERED, _key_of(entry))
        next_attempt_at, error = self._next_step(result, number)
        # This attempt's slot is free once it is recorded: the same commit claims what
        # became due (the job's next notification, once this one is delivered), instead
        # of a claim of its own after it.
        free = 0 if self._stopping else self._free() + 1
        try:
            _, claimed = await self._store.record_and_claim(
                entry.id,
                started_at,
                result.status_code,
                error,
                result.verdict is Verdict.DELIVERED,
                next_attempt_at,
                self._clock(),
                free,
                lease=self._lease(),
                duration=duration,
            )
        except EmulatorError:
            logger.exception("cannot record attempt %d of notification %d", number, entry.id)
            self._wakeup.set()
            return
        if len(claimed) >= free:
            self._wakeup.set()  # more may be due than this commit could claim
        self._start(claimed)
        if self.on_attempt is not None:
            self.on_attempt(result.verdict is Verdict.DELIVERED, duration)
        if next_attempt_at is not None:
            heapq.heappush(self._retries, next_attempt_at)
        self._log(entry, number, result, error, next_attempt_at)

    def _next_step(self, result: AttemptResult, number: int) -> tuple[datetime | None, str | None]:
        """When to try again (``None``: never) and the error to record."""
        if result.verdict is not Verdict.RETRY:
            return None, result.error
        delay = self._options.schedule.delay_after(number)
        if delay is None:
            return None, f"{result.error}; abandoned after {number} attempts"
        return self._clock() + timedelta(seconds=delay), result.error

    async def _attempt(self, entry: NotificationRecord) -> AttemptResult:
        customer = await self._customers.get(entry.customer_id)
        if customer is None:
            return AttemptResult(Verdict.REFUSED, error="refused: the customer no longer exists")
        fault = self._faults.draw(FaultTarget.NOTIFICATION) if self._faults else NO_FAULT
        if fault.delay > 0:
            await asyncio.sleep(fault.delay)
        if fault.fail:
            return AttemptResult(Verdict.RETRY, error="injected fault: delivery failed")
        body = self._body(entry.payload)
        timestamp = int(self._clock().timestamp())
        try:
            headers = signed_headers(customer.webhook_secret, str(entry.id), timestamp, body)
        except WebhookSecretInvalid as error:
            return AttemptResult(Verdict.REFUSED, error=f"refused: cannot sign: {error}")
        headers |= {"content-type": "application/json", "user-agent": USER_AGENT}
        return await self._post(entry.url, headers, body)

    async def _post(self, url: str, headers: dict[str, str], body: bytes) -> AttemptResult:
        if self._client is None:
            raise RuntimeError("the delivery worker is not running")
        timeout = self._options.timeout
        try:
            async with asyncio.timeout(timeout):
                status = await self._client.post(url, headers, body)
        except DeliveryRefused as refused:
            return AttemptResult(Verdict.REFUSED, error=refused.reason)
        except TimeoutError:
            return AttemptResult(Verdict.RETRY, error=f"timeout: no answer within {timeout:g} s")
        except PostFailed as failure:
            return AttemptResult(Verdict.RETRY, error=f"connection error: {failure}")
        verdict = judge_status(status)
        if verdict is Verdict.DELIVERED:
            return AttemptResult(verdict, status)
        if verdict is Verdict.GONE:
            error = "gone: the receiver answered 410 and wants no more notifications"
            return AttemptResult(verdict, status, error)
        return AttemptResult(verdict, status, f"HTTP {status}")

    async def _record_interrupted(
        self, entry: NotificationRecord, started_at: datetime, duration: float
    ) -> None:
        """Log an attempt cut short by `stop`; the entry is due again at once."""
        with contextlib.suppress(EmulatorError, TimeoutError):
            async with asyncio.timeout(self._options.stop_grace + 1.0):
                await self._store.record_delivery_attempt(
                    entry.id,
                    started_at,
                    None,
                    "interrupted: the emulator stopped during the attempt",
                    False,
                    self._clock(),
                    duration=duration,
                )

    def _log(
        self,
        entry: NotificationRecord,
        number: int,
        result: AttemptResult,
        error: str | None,
        next_attempt_at: datetime | None,
    ) -> None:
        if result.verdict is Verdict.DELIVERED:
            logger.info(
                "notification %d (job %s, %s) delivered to %s on attempt %d",
                entry.id, entry.job_id, entry.status.value, entry.url, number,
            )  # fmt: skip
        elif next_attempt_at is not None:
            logger.info(
                "notification %d attempt %d to %s failed (%s); next attempt at %s",
                entry.id, number, entry.url, error, next_attempt_at.isoformat(),
            )  # fmt: skip
        else:
            logger.warning(
                "notification %d to %s abandoned after attempt %d: %s",
                entry.id, entry.url, number, error,
            )  # fmt: skip


def _key_of(entry: NotificationRecord) -> str:
    """The idempotency key of the job a notification is about (named in its payload)."""
    try:
        return str(json.loads(entry.payload).get("idempotency_key", ""))
    except (ValueError, AttributeError):
        return ""
