"""``/_emulator/...``: the emulator's controls (LocalStack style), behind the admin token.

Create customers and API keys, register routers and issue their enrollment codes, reset
all state, trigger a router's check-in, read the notification delivery log, and set the
fault rules for synchronous calls and notification deliveries. The admin token comes as
``Authorization: Bearer <token>`` or ``X-Emulator-Admin-Token``; none is 401, a wrong one
403. When both headers come, ``X-Emulator-Admin-Token`` is the one read, so a client whose
``Authorization`` carries a customer's API key can use the controls too. Secrets (the API
key, the tunnel token, enrollment codes) are answered once and stored only hashed.
"""

from __future__ import annotations

import json
from typing import Annotated
from uuid import UUID, uuid4

from fastapi import APIRouter, Body, Query

from tikjobs.contracts.api import Envelope
from tikjobs.contracts.controls import (
    ApiKeyCreate,
    ApiKeyIssued,
    Customer,
    CustomerCreate,
    Delivery,
    Faults,
    PollTriggered,
    ResetDone,
    RouterCreate,
    RouterRegistered,
)
from tikjobs.contracts.enrollment import EnrollmentCodeCreate, EnrollmentCodeIssued
from tikjobs.emulator import enrollment
from tikjobs.emulator.api.deps import (
    AdminAccess,
    AdminRoute,
    EngineDep,
    FaultsDep,
    ServicesDep,
    StoreDep,
)
from tikjobs.emulator.api.errors import documented
from tikjobs.emulator.auth import issue_key, new_tunnel_token
from tikjobs.emulator.exceptions import InvalidRequest, RouterNotFound, WebhookSecretInvalid
from tikjobs.emulator.notifications import signing
from tikjobs.emulator.store import DeliveryRecord, NotificationRecord, hash_token

router = APIRouter(
    prefix="/_emulator",
    tags=["emulator controls"],
    dependencies=[AdminAccess],
    route_class=AdminRoute,
    responses=documented(401, 403, 422),
)

DELIVERY_LOG_MAX = 1000


@router.post("/customers", response_model=Envelope[Customer], summary="Create a customer")
async def create_customer(
    services: ServicesDep, request: Annotated[CustomerCreate | None, Body()] = None
) -> Envelope[Customer]:
    """A new customer with its webhook secret (generated unless given)."""
    request = request or CustomerCreate()
    secret = request.webhook_secret or signing.new_secret()
    try:
        signing.secret_key(secret)
    except WebhookSecretInvalid as error:
        raise InvalidRequest(
            f"invalid webhook_secret: {error.message}", {"webhook_secret": [error.message]}
        ) from None
    customer_id = uuid4()
    record = await services.store.create_customer(
        customer_id, request.name or str(customer_id), secret, services.clock()
    )
    return Envelope(data=Customer(customer_id=record.id, name=request.name, webhook_secret=secret))


@router.post(
    "/customers/{customer_id}/keys",
    response_model=Envelope[ApiKeyIssued],
    summary="Issue an API key for a customer",
    responses=documented(404),
)
async def create_api_key(
    customer_id: UUID,
    services: ServicesDep,
    request: Annotated[ApiKeyCreate | None, Body()] = None,
) -> Envelope[ApiKeyIssued]:
    """A new API key; the full key is in this answer only."""
    request = request or ApiKeyCreate()
    issued = issue_key(customer_id)
    record = await services.store.create_api_key(
        issued.token_id,
        customer_id,
        issued.secret_hash,
        services.clock(),
        rate_limit=request.rate_limit,
    )
    return Envelope(
        data=ApiKeyIssued(
            token_id=record.token_id,
            customer_id=record.customer_id,
            api_key=issued.api_key,
            rate_limit=record.rate_limit,
        )
    )


@router.post(
    "/routers",
    response_model=Envelope[RouterRegistered],
    summary="Register a router for a customer",
    responses=documented(404),
)
async def register_router(
    request: RouterCreate, services: ServicesDep
) -> Envelope[RouterRegistered]:
    """A new router, offline until an agent connects with the answered tunnel token."""
    token = new_tunnel_token()
    poll_interval = request.poll_interval or services.settings.default_poll_interval
    record = await services.store.create_router(
        uuid4(), request.customer_id, hash_token(token), services.clock(), poll_interval
    )
    return Envelope(
        data=RouterRegistered(
            router_id=record.id,
            customer_id=record.customer_id,
            tunnel_token=token,
            poll_interval=record.poll_interval,
        )
    )


@router.post(
    "/routers/{router_id}/poll",
    response_model=Envelope[PollTriggered],
    summary="Make a router check in now",
    responses=documented(404),
)
async def trigger_poll(
    router_id: UUID, store: StoreDep, engine: EngineDep
) -> Envelope[PollTriggered]:
    """The router's agent is asked to check in at once; ``online`` says whether it could be."""
    if await store.get_router(router_id) is None:
        raise RouterNotFound(f"router {router_id} not found")
    online = await engine.trigger_poll(router_id)
    return Envelope(data=PollTriggered(router_id=router_id, online=online))


@router.post(
    "/routers/{router_id}/enrollment-codes",
    response_model=Envelope[EnrollmentCodeIssued],
    summary="Issue a one-time enrollment code for a router",
    responses=documented(404),
)
async def issue_enrollment_code(
    router_id: UUID,
    services: ServicesDep,
    request: Annotated[EnrollmentCodeCreate | None, Body()] = None,
) -> Envelope[EnrollmentCodeIssued]:
    """What ``POST /api/routers/{router_id}/enrollment-codes`` answers a customer."""
    request = request or EnrollmentCodeCreate()
    issued = await enrollment.issue_code(
        services.store, router_id, services.clock(), request.ttl_seconds
    )
    return Envelope(data=issued)


@router.post("/reset", response_model=Envelope[ResetDone], summary="Forget everything")
async def reset(services: ServicesDep, engine: EngineDep) -> Envelope[ResetDone]:
    """Every customer, key, router, job, notification and delivery is gone; faults cleared."""
    await engine.reset()
    services.lookups.forget()
    services.faults.clear()
    services.rate_limiter.clear()
    return Envelope(data=ResetDone())


def _delivery_view(record: DeliveryRecord, notification: NotificationRecord | None) -> Delivery:
    payload = json.loads(notification.payload) if notification is not None else {}
    return Delivery(
        notification_id=str(record.notification_id),
        job_id=record.job_id,
        customer_id=record.customer_id,
        url=record.url,
        seq_id=record.seq_id,
        status=notification.status.value if notification is not None else "",
        attempt=record.attempt,
        at=record.at,
        http_status=record.status_code,
        delivered=record.delivered,
        error=record.error,
        duration=record.duration,
        payload=payload,
    )


@router.get(
    "/notifications",
    response_model=Envelope[list[Delivery]],
    summary="The notification delivery log",
)
async def delivery_log(
    store: StoreDep,
    customer_id: UUID | None = None,
    job_id: UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=DELIVERY_LOG_MAX)] = 100,
) -> Envelope[list[Delivery]]:
    """Every delivery attempt, in the order they were made, with the payload sent."""
    deliveries = await store.list_deliveries(customer_id=customer_id, job_id=job_id, limit=limit)
    notifications = {
        record.id: record
        for record in await store.list_notifications(job_id=job_id, customer_id=customer_id)
    }
    return Envelope(
        data=[
            _delivery_view(record, notifications.get(record.notification_id))
            for record in deliveries
        ]
    )


@router.get("/faults", response_model=Envelope[Faults], summary="The fault rules in force")
async def get_faults(faults: FaultsDep) -> Envelope[Faults]:
    """Latency and failure rate for synchronous calls and notification deliveries."""
    return Envelope(data=faults.current)


@router.put("/faults", response_model=Envelope[Faults], summary="Set the fault rules")
async def put_faults(rules: Faults, faults: FaultsDep) -> Envelope[Faults]:
    """Replace the rules; a kind left out gets no faults."""
    faults.replace(rules)
    return Envelope(data=faults.current)


@router.delete("/faults", response_model=Envelope[Faults], summary="Clear the fault rules")
async def clear_faults(faults: FaultsDep) -> Envelope[Faults]:
    """No latency and no failures any more."""
    faults.clear()
    return Envelope(data=faults.current)
