"""The emulator's web app: `build_app` wires settings, store, engine, tunnel and routes.

How this works
--------------
`build_app(settings)` returns a FastAPI app whose lifespan opens the store (SQLite or
PostgreSQL, as ``settings.db_path`` says), forgets idempotency keys a crash left in
flight, starts the job engine (which marks every router offline and reloads unfinished
jobs), the notification worker and a task that drops idempotency records older than
their retention; on shutdown it stops them in reverse order and closes the store.
Routes find all of it through `emulator.api.deps.Services` on ``app.state``.

The public API (``/api/...``), the agents' tunnel (``/tunnel``) and the controls
(``/_emulator/...``) are mounted here; `/openapi.json` and `/docs` are generated from
the `contracts` models the routes use, so the document cannot drift from the server.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI

from tikjobs.emulator.api import (
    admin,
    asynchronous,
    backups,
    enrollment,
    health,
    jobs,
    replica,
    routers,
    synchronous,
    tunnel,
)
from tikjobs.emulator.api import metrics as metrics_api
from tikjobs.emulator.api.body_limit import BodyLimit
from tikjobs.emulator.api.deps import Services
from tikjobs.emulator.api.errors import document_unreadable_bodies, install_error_handlers
from tikjobs.emulator.api.front import EmulatorApp, HotRoutes
from tikjobs.emulator.auth import RateLimiter
from tikjobs.emulator.clock import utc_now
from tikjobs.emulator.console import install_console
from tikjobs.emulator.engine import Engine
from tikjobs.emulator.exceptions import EmulatorError
from tikjobs.emulator.faults import FaultRules
from tikjobs.emulator.links import RouterLinks
from tikjobs.emulator.lookups import Lookups
from tikjobs.emulator.metrics import EmulatorMetrics, ObservedRequests
from tikjobs.emulator.notifications.delivery import (
    LEASE,
    DeliveryOptions,
    DeliveryWorker,
    payload_body,
)
from tikjobs.emulator.settings import Settings
from tikjobs.emulator.store.base import Store
from tikjobs.emulator.store.open import open_store
from tikjobs.emulator.store.sqlite import SqliteStore
from tikjobs.exposition import MetricsEndpoint

if TYPE_CHECKING:
    from tikjobs.emulator.replicas import Peers

log = logging.getLogger("tikjobs.emulator")

IDEMPOTENCY_PURGE_PERIOD = 3600.0
METRICS_REFRESH = 5.0

DESCRIPTION = """\
A self-hostable implementation of the MikroCloud job API for MikroTik routers.

* `POST /api/synchronous/{router_id}` runs one RouterOS API command through the router's
  agent and answers its rows.
* `POST /api/asynchronous/{router_id}` submits a script as a job; `GET
  /api/routers/{router_id}/jobs` lists jobs; a pending job can be deleted.
* Every answer is `{"status": "success", "data": ...}`; every error is
  `{"status": "error", "message": ..., "errors": {field: [reasons]}}`.
* Authenticate with `Authorization: Bearer <token_id>:<customer_id>:<secret>`.
* `/_emulator/...` are the emulator's own controls (admin token).
"""


async def _purge_idempotency(services: Services) -> None:
    """Drop idempotency records older than their retention, once an hour."""
    retention = timedelta(seconds=services.settings.idempotency_ttl)
    while True:
        try:
            await services.store.purge_idempotency(services.clock() - retention)
        except EmulatorError:
            log.exception("could not purge old idempotency records")
        await asyncio.sleep(IDEMPOTENCY_PURGE_PERIOD)


@contextlib.asynccontextmanager
async def running(
    settings: Settings,
    faults: FaultRules,
    metrics: EmulatorMetrics | None = None,
    *,
    notification_body: Callable[[str], bytes] = payload_body,
) -> AsyncIterator[Services]:
    """The emulator's services, started; stopped and closed on exit; ``metrics`` observe
    them when given."""
    store = await open_store(settings.db_path)
    peers = await _peers(store)
    try:
        await store.release_in_flight_idempotency()
        links = RouterLinks()
        links.peers = peers
        if peers is not None:

            async def reconnect_all() -> None:
                await links.close_all(1012, "this replica lost its lease; reconnect")

            peers.on_taken_for_dead = reconnect_all
        notifier = DeliveryWorker(
            store,
            DeliveryOptions.from_settings(settings),
            faults=faults,
            clock=utc_now,
            body=notification_body,
        )
        engine = Engine(
            store,
            links,
            job_timeout=settings.job_timeout,
            pending_timeout=settings.pending_timeout,
            heartbeat_interval=settings.heartbeat_interval,
            clock=utc_now,
            on_notification=notifier.wake,
            notification_lease=LEASE,
        )
        services = Services(
            settings=settings,
            store=store,
            engine=engine,
            links=links,
            faults=faults,
            rate_limiter=RateLimiter(),
            lookups=Lookups(store),
            notifier=notifier,
            metrics=metrics,
        )
        if metrics is not None:
            _observe(services, metrics)
        await engine.start()
        try:
            await notifier.start()
            purger = asyncio.create_task(_purge_idempotency(services), name="tikjobs-idempotency")
            try:
                async with _metrics_endpoint(services):
                    yield services
            finally:
                purger.cancel()
                await asyncio.gather(purger, return_exceptions=True)
                await notifier.stop()
        finally:
            await engine.stop()
    finally:
        if peers is not None:
            await peers.stop()
        await store.close()


async def _peers(store: Store) -> Peers | None:
    """On PostgreSQL, this emulator as one of the replicas sharing the database
    (registered, its lease kept); on SQLite, None: one process holds every tunnel."""
    if isinstance(store, SqliteStore):
        return None
    from tikjobs.emulator.replicas import Peers
    from tikjobs.emulator.store.postgres import PostgresStore

    if not isinstance(store, PostgresStore):
        return None
    peers = Peers(store)
    try:
        await peers.start()
    except EmulatorError:
        await store.close()
        raise
    return peers


@contextlib.asynccontextmanager
async def _metrics_endpoint(services: Services) -> AsyncIterator[None]:
    """With ``metrics_port`` set: ``/metrics`` on its own address, without the admin
    token, its stored-state gauges read every `METRICS_REFRESH` seconds."""
    metrics, settings = services.metrics, services.settings
    if metrics is None or settings.metrics_port is None:
        yield
        return

    async def refresh() -> None:
        while True:
            try:
                await metrics.refresh(services.store, services.links)
            except EmulatorError:
                log.exception("could not read the metrics' stored state")
            await asyncio.sleep(METRICS_REFRESH)

    await metrics.refresh(services.store, services.links)
    endpoint = MetricsEndpoint.start(metrics.registry, settings.metrics_host, settings.metrics_port)
    metrics.endpoint_url = endpoint.url
    log.info("metrics at %s", endpoint.url)
    refresher = asyncio.create_task(refresh(), name="tikjobs-metrics")
    try:
        yield
    finally:
        refresher.cancel()
        await asyncio.gather(refresher, return_exceptions=True)
        await asyncio.to_thread(endpoint.close)


def _observe(services: Services, metrics: EmulatorMetrics) -> None:
    """Feed ``metrics`` from the services' observer hooks."""
    services.engine.observers.append(metrics.job_changed)
    services.links.on_sync = metrics.sync_call
    if services.notifier is not None:
        services.notifier.on_attempt = metrics.delivery_attempt
    store: Any = services.store
    if hasattr(store, "on_commit"):
        store.on_commit = metrics.store_commit


def build_app(
    settings: Settings,
    *,
    faults: FaultRules | None = None,
    notification_body: Callable[[str], bytes] = payload_body,
) -> FastAPI:
    """The emulator as an ASGI app; nothing starts until its lifespan runs.

    ``notification_body`` turns a notification's stored payload into the body it is
    posted with (`emulator.notifications.delivery.payload_body`: the payload itself).
    """
    fault_rules = faults or FaultRules()
    metrics = EmulatorMetrics()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with running(
            settings, fault_rules, metrics, notification_body=notification_body
        ) as services:
            services.engine.observers.append(feed.changed)
            app.state.services = services
            yield

    app = EmulatorApp(
        title="tikjobs emulator",
        summary="The MikroCloud job API, self-hosted.",
        description=DESCRIPTION,
        version=_version(),
        lifespan=lifespan,
        **_without_fastapi_telemetry(),
    )
    install_error_handlers(app)
    app.add_middleware(HotRoutes)
    app.add_middleware(BodyLimit)
    app.add_middleware(ObservedRequests, metrics=metrics)
    app.front = ObservedRequests(BodyLimit(HotRoutes(app.stack)), metrics=metrics)
    for module in (
        synchronous,
        asynchronous,
        routers,
        jobs,
        backups,
        admin,
        tunnel,
        replica,
        health,
    ):
        app.include_router(module.router)
    app.include_router(enrollment.keyed)
    app.include_router(enrollment.router)
    app.include_router(metrics_api.router, include_in_schema=False)
    document_unreadable_bodies(app)
    app.state.metrics = metrics
    feed = install_console(app)
    return app


def _without_fastapi_telemetry() -> dict[str, Any]:
    """FastAPI's own OpenTelemetry hooks turned off, where this FastAPI has them: the
    emulator exports its own Prometheus metrics, and FastAPI looks for a configured
    tracer, meter and logger on every request (6 us each time, ~2% of a request)."""
    if "telemetry" not in inspect.signature(FastAPI.__init__).parameters:
        return {}
    return {"telemetry": {"tracing": False, "metrics": False, "logs": False}}


def _version() -> str:
    try:
        return version("tikjobs")
    except PackageNotFoundError:
        return "0+unknown"
