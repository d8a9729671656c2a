"""The emulator's control API (``/_emulator/...``): its request and response models.

These are not part of MikroCloud's public API; they are how a test suite, ``tikjobs up``
or an operator sets the emulator up (customers, API keys, routers), resets it, triggers
a router's check-in, reads the notification delivery log and injects faults. Every
answer uses the same ``{"status": "success", "data": ...}`` envelope as the public API.
"""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from tikjobs.contracts.api import Timestamp, json_integer, json_number

POLL_INTERVAL_MIN = 0.001
"""Shortest router check-in period the emulator accepts (seconds); tests go this low."""
RATE_LIMIT_MAX = 1_000_000
"""The highest per-key rate limit, in requests per minute."""
_BASE64 = r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)"
"""Padded base64 of at least one byte."""
WEBHOOK_SECRET_PATTERN = f"^whsec_{_BASE64}$"
"""A webhook secret as the emulator takes one, for the document: ``whsec_`` and padded
base64 of at least one byte (the emulator checks it and says what is wrong)."""


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CustomerCreate(_Request):
    """``POST /_emulator/customers``: a new customer (a MikroCloud team)."""

    name: str | None = Field(default=None, min_length=1, max_length=100)
    webhook_secret: (
        Annotated[str, Field(json_schema_extra={"pattern": WEBHOOK_SECRET_PATTERN})] | None
    ) = Field(
        default=None,
        min_length=8,
        max_length=200,
        description=(
            "Secret notifications are signed with: `whsec_` and base64 bytes, as Standard"
            " Webhooks writes it; generated when absent."
        ),
    )


class Customer(BaseModel):
    """A customer as created: its id and the secret that signs its notifications."""

    customer_id: UUID
    name: str | None
    webhook_secret: str


class ApiKeyCreate(_Request):
    """``POST /_emulator/customers/{customer_id}/keys``: a new API key for the customer."""

    rate_limit: (
        Annotated[int, Field(ge=1, le=RATE_LIMIT_MAX), BeforeValidator(json_integer)] | None
    ) = Field(default=None, description="Requests per minute for this key; none: the default.")


class ApiKeyIssued(BaseModel):
    """A new API key. ``api_key`` is shown only here; the emulator keeps only its hash."""

    token_id: UUID
    customer_id: UUID
    api_key: str = Field(description="`<token_id>:<customer_id>:<secret>`, for the Bearer header.")
    rate_limit: int | None


class RouterCreate(_Request):
    """``POST /_emulator/routers``: register a router for a customer."""

    customer_id: UUID
    poll_interval: (
        Annotated[float, Field(ge=POLL_INTERVAL_MIN, le=86400), BeforeValidator(json_number)] | None
    ) = Field(
        default=None,
        description="Seconds between the router's check-ins; none: the emulator's default.",
    )


class RouterRegistered(BaseModel):
    """A registered router. ``tunnel_token`` is shown only here; the agent connects with it."""

    router_id: UUID
    customer_id: UUID
    tunnel_token: str
    poll_interval: float


class PollTriggered(BaseModel):
    """``POST /_emulator/routers/{router_id}/poll``: whether an agent was there to ask."""

    router_id: UUID
    online: bool


class ResetDone(BaseModel):
    """``POST /_emulator/reset``: every customer, key, router, job and delivery is gone."""

    reset: bool = True


class Delivery(BaseModel):
    """One attempt to deliver a notification, as the delivery log keeps it."""

    notification_id: str
    job_id: UUID
    customer_id: UUID
    url: str
    seq_id: int
    status: str = Field(description="The job status the notification reported.")
    attempt: int
    at: Timestamp
    http_status: int | None
    delivered: bool
    error: str | None
    duration: float | None = Field(description="Seconds the attempt took.")
    payload: dict[str, Any]


class FaultRule(BaseModel):
    """Latency added to, and the share of failures among, one kind of call."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    latency: Annotated[float, BeforeValidator(json_number)] = Field(
        default=0.0, ge=0, le=300, description="Seconds added to each call."
    )
    failure_rate: Annotated[float, BeforeValidator(json_number)] = Field(
        default=0.0, ge=0, le=1, description="Share of calls that fail (0 none, 1 all)."
    )


class Faults(BaseModel):
    """``/_emulator/faults``: the rules for synchronous calls and notification deliveries."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sync: FaultRule = Field(default_factory=FaultRule)
    notification: FaultRule = Field(default_factory=FaultRule)
