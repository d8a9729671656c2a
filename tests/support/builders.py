"""Customers, routers and jobs for the tests that talk to a store or an engine directly.

`add_tenant` stores a customer with one router; `new_job` is the seed's example job
("Log test message", ``:log info test``) for a router, with any field overridden.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from tikjobs.emulator.store import NewJob, RouterRecord, Store, hash_token
from tikjobs.emulator.store.base import DEFAULT_POLL_INTERVAL, CustomerRecord

T0 = datetime(2024, 5, 28, 8, 5, 28, tzinfo=UTC)
"""The seed's example moment (its asynchronous response's ``date``)."""
WEBHOOK_SECRET = "whsec_c2VjcmV0"
"""A webhook signing secret in the ``whsec_<base64>`` form."""


@dataclass(frozen=True)
class Tenant:
    """A stored customer with one router, and that router's tunnel token."""

    customer_id: UUID
    router_id: UUID
    router_token: str


async def add_customer(
    store: Store, *, at: datetime = T0, secret: str = WEBHOOK_SECRET
) -> CustomerRecord:
    """A new customer named ``acme``."""
    return await store.create_customer(uuid4(), "acme", secret, at)


async def add_router(
    store: Store,
    customer_id: UUID,
    *,
    at: datetime = T0,
    token: str | None = None,
    poll_interval: float = DEFAULT_POLL_INTERVAL,
) -> tuple[RouterRecord, str]:
    """A new router of the customer, and its tunnel token (random unless given)."""
    token = token if token is not None else uuid4().hex
    router = await store.create_router(
        uuid4(), customer_id, hash_token(token), at, poll_interval=poll_interval
    )
    return router, token


async def add_tenant(
    store: Store,
    *,
    at: datetime = T0,
    secret: str = WEBHOOK_SECRET,
    token: str | None = None,
) -> Tenant:
    """A new customer with one router."""
    customer = await add_customer(store, at=at, secret=secret)
    router, token = await add_router(store, customer.id, at=at, token=token)
    return Tenant(customer.id, router.id, token)


def new_job(customer_id: UUID, router_id: UUID, /, **overrides: Any) -> NewJob:
    """The seed's example job for the router, with ``overrides`` for any field."""
    fields: dict[str, Any] = {
        "id": uuid4(),
        "router_id": router_id,
        "customer_id": customer_id,
        "request_id": uuid4(),
        "idempotency_key": uuid4(),
        "token": "job-token",
        "description": "Log test message",
        "script": ":log info test",
        "make_backup": False,
        "express_execute": False,
        "needs_acknowledgement": True,
        "notify_url": "https://example.com/notify",
        "created_at": T0,
    }
    fields.update(overrides)
    return NewJob(**fields)
