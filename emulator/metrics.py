"""The emulator's Prometheus metrics: one registry per app, fed by the services' observers.

How this works
--------------
`EmulatorMetrics` owns a `CollectorRegistry` of its own (several emulators in one
process never collide) and the metrics below. Counters and histograms are fed as things
happen, through the observer hooks the services offer: `ObservedRequests` (every HTTP
request by route template, method and status, with its latency, and the ``X-Request-ID``
it answers), `Engine.observers` (submissions, status changes and the time a job spent in
the state it left), `RouterLinks.on_sync` (synchronous calls by outcome),
`DeliveryWorker.on_attempt` (notification attempts) and the store's ``on_commit``
(seconds per committed transaction). Gauges that describe stored state (jobs by status,
each router's queue depth and whether it is online, the outbox backlog) and the tunnels
connected are read when scraped (`EmulatorMetrics.render`), so they hold after a restart
and across emulators sharing one PostgreSQL database.

``GET /metrics`` is not public: it takes the admin token, or it is served without one on
a separate bind address (``--metrics-host``/``--metrics-port``) that only the scraper
reaches.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import datetime
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from tikjobs.contracts.api import JobStatus
from tikjobs.contracts.lifecycle import TERMINAL
from tikjobs.emulator.api.errors import error_response
from tikjobs.emulator.ids import new_id_text
from tikjobs.emulator.links import RouterLinks
from tikjobs.emulator.store import JobRecord, Store
from tikjobs.logs import request_id_var

log = logging.getLogger(__name__)

CONTENT_TYPE = CONTENT_TYPE_LATEST
REQUEST_ID_HEADER = "X-Request-ID"

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
JOB_BUCKETS = (0.05, 0.1, 0.5, 1.0, 5.0, 15.0, 30.0, 60.0, 300.0, 900.0, 3600.0, 6 * 3600.0)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def _seconds(later: datetime | None, earlier: datetime | None) -> float | None:
    if later is None or earlier is None:
        return None
    return max(0.0, (later - earlier).total_seconds())


def time_in_left_state(job: JobRecord) -> tuple[str, float] | None:
    """The state a job just left by reaching its current status, and how long it was in
    it, from the job's own timestamps; ``None`` for a job that has not moved yet."""
    if job.status is JobStatus.LOADED:
        seconds = _seconds(job.started_at, job.created_at)
        return None if seconds is None else ("pending", seconds)
    if job.status is JobStatus.RUNNING:
        seconds = _seconds(job.running_at, job.started_at)
        return None if seconds is None else ("loaded", seconds)
    if job.status is JobStatus.DELETED:
        seconds = _seconds(job.deleted_at, job.created_at)
        return None if seconds is None else ("pending", seconds)
    if job.status in TERMINAL:
        ended = job.completed_at or job.failed_at
        if job.running_at is not None:
            left, since = "running", job.running_at
        elif job.started_at is not None:
            left, since = "loaded", job.started_at
        else:
            left, since = "pending", job.created_at
        seconds = _seconds(ended, since)
        return None if seconds is None else (left, seconds)
    return None


class EmulatorMetrics:
    """Every metric of one emulator, in its own registry."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter(
            "tikjobs_http_requests_total",
            "HTTP requests answered, by route template, method and status.",
            ["route", "method", "status"],
            registry=r,
        )
        self.request_seconds = Histogram(
            "tikjobs_http_request_duration_seconds",
            "Seconds from a request's arrival to the end of its answer, by route template.",
            ["route", "method"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.jobs_submitted = Counter("tikjobs_jobs_submitted_total", "Jobs submitted.", registry=r)
        self.job_transitions = Counter(
            "tikjobs_job_transitions_total",
            "Job status changes, by the status reached.",
            ["status"],
            registry=r,
        )
        self.job_state_seconds = Histogram(
            "tikjobs_job_state_duration_seconds",
            "Seconds jobs spent in a state before leaving it, by that state.",
            ["state"],
            buckets=JOB_BUCKETS,
            registry=r,
        )
        self.jobs = Gauge(
            "tikjobs_jobs", "Stored jobs, by status (read when scraped).", ["status"], registry=r
        )
        self.queue_depth = Gauge(
            "tikjobs_router_queue_depth",
            "Unfinished jobs (pending, loaded, running) per router (read when scraped).",
            ["router_id"],
            registry=r,
        )
        self.router_online = Gauge(
            "tikjobs_router_online",
            "1 when the router's agent is connected and reaches it, else 0.",
            ["router_id"],
            registry=r,
        )
        self.tunnels = Gauge(
            "tikjobs_tunnels_connected", "Agent tunnels connected to this emulator.", registry=r
        )
        self.sync_calls = Counter(
            "tikjobs_sync_calls_total",
            "Synchronous RouterOS calls, by outcome (ok, trap, offline, timeout).",
            ["outcome"],
            registry=r,
        )
        self.sync_seconds = Histogram(
            "tikjobs_sync_call_duration_seconds",
            "Seconds a synchronous call took through the tunnel.",
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.deliveries = Counter(
            "tikjobs_notification_deliveries_total",
            "Notification delivery attempts, by outcome (delivered, failed).",
            ["outcome"],
            registry=r,
        )
        self.delivery_failures = Counter(
            "tikjobs_notification_delivery_failures_total",
            "Notification delivery attempts that did not deliver.",
            registry=r,
        )
        self.delivery_seconds = Histogram(
            "tikjobs_notification_delivery_duration_seconds",
            "Seconds one delivery attempt took.",
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.backlog = Gauge(
            "tikjobs_notification_backlog",
            "Undelivered notifications: pending (not tried yet), retrying, abandoned.",
            ["state"],
            registry=r,
        )
        self.commit_seconds = Histogram(
            "tikjobs_store_commit_duration_seconds",
            "Seconds each store transaction took, commit (fsync) included.",
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self._transition_children = {
            status: self.job_transitions.labels(status.value) for status in JobStatus
        }
        self._sync_children = {
            outcome: self.sync_calls.labels(outcome)
            for outcome in ("ok", "trap", "offline", "timeout")
        }
        self._delivered = self.deliveries.labels("delivered")
        self._failed = self.deliveries.labels("failed")
        self._request_children: dict[tuple[str, str, int], tuple[Counter, Histogram]] = {}
        self.endpoint_url: str | None = None
        """Where the separate metrics endpoint listens, when one was started."""

    # -- observers ----------------------------------------------------------------------

    def job_changed(self, job: JobRecord) -> None:
        """`Engine.observers`: a job was submitted or changed status."""
        if job.status is JobStatus.PENDING:
            self.jobs_submitted.inc()
            return
        self._transition_children[job.status].inc()
        left = time_in_left_state(job)
        if left is not None:
            self.job_state_seconds.labels(left[0]).observe(left[1])

    def sync_call(self, outcome: str, seconds: float) -> None:
        """`RouterLinks.on_sync`."""
        child = self._sync_children.get(outcome) or self.sync_calls.labels(outcome)
        child.inc()
        self.sync_seconds.observe(seconds)

    def delivery_attempt(self, delivered: bool, seconds: float) -> None:
        """`DeliveryWorker.on_attempt`."""
        if delivered:
            self._delivered.inc()
        else:
            self._failed.inc()
            self.delivery_failures.inc()
        self.delivery_seconds.observe(seconds)

    def store_commit(self, seconds: float) -> None:
        """The store's ``on_commit``."""
        self.commit_seconds.observe(seconds)

    def request(self, route: str, method: str, status: int, seconds: float) -> None:
        """`ObservedRequests`: one request answered."""
        key = (route, method, status)
        children = self._request_children.get(key)
        if children is None:
            children = (
                self.requests.labels(route, method, str(status)),
                self.request_seconds.labels(route, method),
            )
            self._request_children[key] = children
        children[0].inc()
        children[1].observe(seconds)

    # -- scraping -----------------------------------------------------------------------

    async def render(self, store: Store, links: RouterLinks) -> bytes:
        """The text exposition, with the stored state read now."""
        await self.refresh(store, links)
        return generate_latest(self.registry)

    async def refresh(self, store: Store, links: RouterLinks) -> None:
        """Read the stored state the gauges show (jobs, queues, routers, outbox)."""
        counts = await store.job_counts()
        routers = await store.list_routers()
        outbox = await store.outbox_counts()
        by_status = dict.fromkeys(JobStatus, 0)
        depth = {router.id: 0 for router in routers}
        for count in counts:
            by_status[count.status] += count.count
            if count.status not in TERMINAL:
                depth[count.router_id] = depth.get(count.router_id, 0) + count.count
        for status, number in by_status.items():
            self.jobs.labels(status.value).set(number)
        self.queue_depth.clear()
        for router_id, number in depth.items():
            self.queue_depth.labels(str(router_id)).set(number)
        self.router_online.clear()
        for router in routers:
            self.router_online.labels(str(router.id)).set(1 if router.online else 0)
        self.tunnels.set(len(links.online()))
        self.backlog.labels("pending").set(outbox.pending)
        self.backlog.labels("retrying").set(outbox.retrying)
        self.backlog.labels("abandoned").set(outbox.abandoned)


_OBSERVED = "tikjobs.observed"
"""Scope key `ObservedRequests` sets: a request is observed once, however many times the
middleware wraps it (`emulator.api.front.EmulatorApp`'s front door and the app's stack)."""


class ObservedRequests:
    """ASGI middleware: a request id for every HTTP request (answered in
    ``X-Request-ID``, and on every log line written while it is handled), and the
    request's count and latency by route template."""

    def __init__(self, app: ASGIApp, metrics: EmulatorMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or _OBSERVED in scope:
            await self.app(scope, receive, send)
            return
        scope[_OBSERVED] = True
        began = time.perf_counter()
        request_id = new_id_text()
        token = request_id_var.set(request_id)
        header = (b"x-request-id", request_id.encode())
        status = 500

        started = False

        async def answer(message: Message) -> None:
            nonlocal status, started
            if message["type"] == "http.response.start":
                status, started = message["status"], True
                message["headers"] = [*message.get("headers", ()), header]
            await send(message)

        try:
            await self.app(scope, receive, answer)
        except asyncio.CancelledError:
            # The server cuts off what is still in progress once its shutdown grace is
            # over (`Settings.shutdown_grace`): say so, rather than the 500 it would send.
            if not started:
                await error_response(
                    503,
                    "the emulator is stopping; send the request again",
                    code="shutting_down",
                    headers={"Connection": "close"},
                )(scope, receive, answer)
            raise
        finally:
            took = time.perf_counter() - began
            route = scope.get("route")
            template = getattr(route, "path", None) or _mount_of(scope)
            self.metrics.request(template, scope["method"], status, took)
            if log.isEnabledFor(logging.DEBUG):
                log.debug(
                    "%s %s answered %d in %.1f ms", scope["method"], template, status, took * 1000
                )
            request_id_var.reset(token)


def _mount_of(scope: Scope) -> str:
    root = scope.get("root_path") or ""
    app_root = scope.get("app_root_path")
    if isinstance(app_root, str) and root != app_root and root:
        return root + "/{path}"
    return "unmatched"
