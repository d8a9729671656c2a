"""The storage interface of the emulator: the `Store` protocol and the records it returns.

How this works
--------------
Everything the emulator must remember lives behind `Store`: customers and their API keys,
routers with their tunnel tokens and enrollment codes, jobs, idempotency records, the
notification outbox with its delivery log, and backups. Every method is ``async`` and
every record is a frozen dataclass, so callers never see a connection, a cursor or an
SQL dialect; the SQLite store (`emulator.store.sqlite`) is the embedded default and the
PostgreSQL store (`emulator.store.postgres`) implements the same protocol.

Rules every implementation keeps:

- A method that changes state has committed durably when it returns, so anything the API
  answers 2xx for survives a crash.
- Every job status change goes through `Store.transition`, which applies
  `contracts.lifecycle.advance` and, in the same transaction, queues the job's
  notification (when the job has a ``notify_url``) with a globally increasing ``seq_id``.
- Moments are timezone-aware `datetime` values passed in by the caller (the store never
  reads the clock), so tests and the engine decide what "now" is.
- Secrets are stored hashed: API keys by the hash the caller computed, tunnel tokens by
  `hash_token`.
- Missing things raise the `emulator.exceptions.NotFound` subclasses from mutating
  methods; ``get_*`` methods answer ``None``.

What the job timestamps mean: ``started_at`` is when the router took the job (it became
``loaded``); ``running_at`` when the script started; ``completed_at``, ``failed_at`` and
``deleted_at`` when it ended that way; ``offered_at`` when the engine last offered it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal, Protocol
from uuid import UUID

from tikjobs.contracts.api import JobStatus
from tikjobs.contracts.tunnel import RouterFacts

DEFAULT_POLL_INTERVAL = 30.0
"""Seconds between a router's check-ins, as in the real service."""

IDEMPOTENCY_RETENTION_SECONDS = 24 * 60 * 60
"""Idempotency records are kept at least this long."""


def hash_token(token: str) -> str:
    """The stored form of a router tunnel token: its SHA-256, hex.

    Tunnel tokens are long random strings, so a plain digest is enough to keep them out
    of the database while still allowing a lookup by the token an agent presents.
    """
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class CustomerRecord:
    """A customer (MikroCloud's "team"): owns API keys and routers."""

    id: UUID
    name: str
    webhook_secret: str
    """The Standard Webhooks signing secret (``whsec_...``) for this customer's notifications."""
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ApiKeyRecord:
    """An API key; the secret itself is never stored, only ``secret_hash``."""

    token_id: UUID
    customer_id: UUID
    secret_hash: str
    rate_limit: int | None
    """Requests per minute, or ``None`` for no limit."""
    created_at: datetime


@dataclass(frozen=True, slots=True)
class RouterRecord:
    """A registered router, what its agent told us about it, and whether it is connected."""

    id: UUID
    customer_id: UUID
    token_hash: str
    poll_interval: float
    """Seconds between the router's check-ins (Poll frames)."""
    online: bool
    last_seen: datetime | None
    created_at: datetime
    identity: str | None = None
    serial_number: str | None = None
    software_version: str | None = None
    model: str | None = None
    board_name: str | None = None
    uptime: str | None = None


@dataclass(frozen=True, slots=True)
class EnrollmentCodeRecord:
    """A one-time enrollment code of a router, kept by its hash."""

    code_hash: str
    router_id: UUID
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None


@dataclass(frozen=True, slots=True)
class NewJob:
    """A job as the API submits it; ids are chosen by the caller so a response can name them."""

    id: UUID
    router_id: UUID
    customer_id: UUID
    request_id: UUID
    idempotency_key: UUID
    token: str
    description: str
    script: str
    make_backup: bool
    express_execute: bool
    needs_acknowledgement: bool
    notify_url: str | None
    created_at: datetime
    timeout: float | None = None
    """Seconds the script may run once the router took it; ``None`` for the engine's default."""
    rollback_after: int | None = None
    """Safe apply (an extension): seconds before the router restores its configuration."""
    rollback_check: str | None = None
    """Safe apply: a script that must return true over a fresh login to keep the change."""


@dataclass(frozen=True, slots=True)
class JobRecord:
    """A stored job with its current status, timestamps and outcome."""

    id: UUID
    router_id: UUID
    customer_id: UUID
    request_id: UUID
    idempotency_key: UUID
    token: str
    description: str
    script: str
    make_backup: bool
    express_execute: bool
    needs_acknowledgement: bool
    notify_url: str | None
    created_at: datetime
    timeout: float | None
    status: JobStatus
    position: int
    """Submission order: strictly increasing across all jobs of the store."""
    started_at: datetime | None = None
    running_at: datetime | None = None
    completed_at: datetime | None = None
    failed_at: datetime | None = None
    deleted_at: datetime | None = None
    offered_at: datetime | None = None
    output: str | None = None
    error: str | None = None
    rollback_after: int | None = None
    rollback_check: str | None = None


class IdempotencyState(StrEnum):
    IN_FLIGHT = "in_flight"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class IdempotencyRecord:
    """What a customer's ``Idempotency-Key`` has seen: the request's hash and, once done,
    the answer to repeat."""

    customer_id: UUID
    key: str
    request_hash: str
    state: IdempotencyState
    created_at: datetime
    status_code: int | None = None
    response: str | None = None
    """The response body (JSON text) to answer again for the same key and request."""


@dataclass(frozen=True, slots=True)
class IdempotencyOutcome:
    """The answer to remember for a key; passed to `Store.create_job` so the job and the
    finished idempotency record commit together."""

    customer_id: UUID
    key: str
    status_code: int
    response: str


class NotificationState(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    ABANDONED = "abandoned"


@dataclass(frozen=True, slots=True)
class NotificationRecord:
    """One queued notification of a job status change (the outbox row)."""

    id: int
    seq_id: int
    """The payload's ``seq_id``: strictly increasing over every notification ever queued."""
    job_id: UUID
    customer_id: UUID
    router_id: UUID
    url: str
    status: JobStatus
    payload: str
    """The `contracts.api.Notification` as JSON text, exactly the bytes to post."""
    state: NotificationState
    attempts: int
    next_attempt_at: datetime | None
    created_at: datetime
    delivered_at: datetime | None = None
    last_error: str | None = None


@dataclass(frozen=True, slots=True)
class DeliveryRecord:
    """One attempt to deliver a notification (the delivery log row)."""

    id: int
    notification_id: int
    seq_id: int
    job_id: UUID
    customer_id: UUID
    url: str
    attempt: int
    at: datetime
    status_code: int | None
    error: str | None
    delivered: bool
    duration: float | None = None
    """Seconds the attempt took, from its start to its answer or failure."""


BackupKind = Literal["backup", "export"]


@dataclass(frozen=True, slots=True)
class BackupRecord:
    """A file taken from a router (binary backup or ``.rsc`` export); content read apart."""

    id: UUID
    router_id: UUID
    job_id: UUID | None
    name: str
    kind: BackupKind
    size: int
    sha256: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class JobPage:
    """A page of a router's jobs, newest first, with the total that matched."""

    jobs: Sequence[JobRecord]
    total: int


@dataclass(frozen=True, slots=True)
class JobListing:
    """A page of a router's job list as the API answers it, newest first, with the total
    that matched: each job is already the list's JSON object (`contracts.api.Job`'s
    fields in its order, ids as text, moments as the seed writes them), read from the
    listed columns only. A client polling for status asks for this page many times a
    second; building a record and then a model for every row cost more than the
    query."""

    jobs: list[dict[str, Any]]
    total: int


@dataclass(frozen=True, slots=True)
class JobCount:
    """How many of one router's jobs are in one status."""

    router_id: UUID
    status: JobStatus
    count: int


@dataclass(frozen=True, slots=True)
class OutboxCounts:
    """The notification outbox at a glance: waiting for a first attempt, waiting for a
    retry after a failed one, and given up."""

    pending: int
    retrying: int
    abandoned: int


@dataclass(frozen=True, slots=True)
class TransitionResult:
    """A job after a status change and the notification it queued, if any."""

    job: JobRecord
    notification: NotificationRecord | None = field(default=None)
    claimed: bool = False
    """The notification was claimed for the caller's delivery worker as it was queued."""


class Store(Protocol):
    """Everything the emulator keeps, behind async methods; see the module docstring."""

    # -- lifecycle --------------------------------------------------------------------

    async def close(self) -> None:
        """Finish pending work and release the database; the store is unusable after."""
        ...

    async def reset(self) -> None:
        """Wipe all state (customers, keys, routers, jobs, outbox, log, backups,
        idempotency records). ``seq_id`` keeps increasing across resets."""
        ...

    # -- customers and API keys ------------------------------------------------------

    async def create_customer(
        self, customer_id: UUID, name: str, webhook_secret: str, at: datetime
    ) -> CustomerRecord:
        """Add a customer; `AlreadyExists` if the id is taken."""
        ...

    async def get_customer(self, customer_id: UUID) -> CustomerRecord | None: ...

    async def create_api_key(
        self,
        token_id: UUID,
        customer_id: UUID,
        secret_hash: str,
        at: datetime,
        rate_limit: int | None = None,
    ) -> ApiKeyRecord:
        """Add an API key for a customer; `CustomerNotFound`, `AlreadyExists`."""
        ...

    async def get_api_key(self, token_id: UUID) -> ApiKeyRecord | None: ...

    # -- routers -----------------------------------------------------------------------

    async def create_router(
        self,
        router_id: UUID,
        customer_id: UUID,
        token_hash: str,
        at: datetime,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
    ) -> RouterRecord:
        """Register a router (offline until its agent connects); ``token_hash`` is
        `hash_token` of its tunnel token. `CustomerNotFound`, `AlreadyExists`."""
        ...

    async def get_router(self, router_id: UUID) -> RouterRecord | None: ...

    async def find_router_by_token_hash(self, token_hash: str) -> RouterRecord | None:
        """The router whose tunnel token hashes to ``token_hash``."""
        ...

    async def create_enrollment_code(
        self, code_hash: str, router_id: UUID, at: datetime, expires_at: datetime
    ) -> EnrollmentCodeRecord:
        """Keep a router's new enrollment code (`contracts.enrollment.hash_code` of it).
        `RouterNotFound`."""
        ...

    async def redeem_enrollment_code(
        self, code_hash: str, at: datetime, token_hash: str
    ) -> RouterRecord:
        """Trade a code for the router's new tunnel token (``token_hash``), once:
        `EnrollmentCodeUnknown`, `EnrollmentCodeUsed`, `EnrollmentCodeExpired`."""
        ...

    async def list_routers(self, customer_id: UUID | None = None) -> list[RouterRecord]:
        """Routers in registration order, one customer's or all."""
        ...

    async def update_router_facts(self, router_id: UUID, facts: RouterFacts) -> RouterRecord:
        """Store what the agent's Hello said about the router. `RouterNotFound`."""
        ...

    async def set_router_online(self, router_id: UUID, online: bool, at: datetime) -> None:
        """Mark the router connected or not; ``at`` also becomes ``last_seen``."""
        ...

    async def touch_routers(self, moments: Mapping[UUID, datetime]) -> None:
        """Record when each router was last heard from (``last_seen``), in one
        transaction; a moment older than the stored one changes nothing."""
        ...

    async def set_poll_interval(self, router_id: UUID, seconds: float) -> RouterRecord:
        """Change the router's check-in interval. `RouterNotFound`."""
        ...

    async def mark_all_routers_offline(self) -> None:
        """Every router offline: used at start-up, when no tunnel can be open yet."""
        ...

    # -- jobs --------------------------------------------------------------------------

    async def create_job(
        self, job: NewJob, idempotency: IdempotencyOutcome | None = None
    ) -> JobRecord:
        """Store a new ``pending`` job at the end of the submission order; with
        ``idempotency`` the key's record becomes done with that answer in the same
        transaction. `RouterNotFound`, `AlreadyExists`."""
        ...

    async def submit_job(
        self, job: NewJob, idempotency: IdempotencyOutcome | None = None, request_hash: str = ""
    ) -> JobRecord | IdempotencyRecord:
        """A submission in one transaction: without ``idempotency`` as `create_job`; with
        it, the key is claimed for ``request_hash`` and, when it was new, the job and the
        key's answer are stored together and the job answered; when the key was taken,
        nothing is stored and its existing record is answered for the caller to judge
        (as `begin_idempotent`'s). A failure stores nothing and leaves the key free.
        `RouterNotFound`, `AlreadyExists`."""
        ...

    async def get_job(self, job_id: UUID) -> JobRecord | None: ...

    async def job_listing(
        self,
        router_id: UUID,
        status: JobStatus | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> JobListing:
        """One router's job list, newest submission first, optionally of one status
        (for records, `search_jobs` with the router)."""
        ...

    async def search_jobs(
        self,
        customer_id: UUID | None = None,
        router_id: UUID | None = None,
        status: JobStatus | None = None,
        text: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> JobPage:
        """Jobs of one customer (or all), newest submission first, optionally of one
        router and one status, and whose id, description or script contains ``text``
        (case-insensitive)."""
        ...

    async def job_counts(self, customer_id: UUID | None = None) -> list[JobCount]:
        """How many jobs each router has in each status (one customer's routers, or all)."""
        ...

    async def unfinished_jobs(
        self, router_id: UUID | None = None, limit: int | None = None
    ) -> list[JobRecord]:
        """Jobs not yet in a terminal status, in submission order (all routers, or one),
        the first ``limit`` of them when given (1: the router's queue head)."""
        ...

    async def transition(
        self,
        job_id: UUID,
        new_status: JobStatus,
        at: datetime,
        output: str | None = None,
        error: str | None = None,
        lease: float | None = None,
    ) -> TransitionResult:
        """Move a job to ``new_status`` as the lifecycle allows, set the matching
        timestamp (``loaded`` sets ``started_at``), keep ``output``/``error`` when given,
        and queue the notification in the same transaction when the job has a
        ``notify_url``. With ``lease``, a notification no earlier one of the job waits
        before is claimed in that transaction for ``lease`` seconds (``claimed``), so the
        caller's delivery worker posts it without a claim of its own; a store may leave it
        unclaimed. `JobNotFound`; `IllegalTransition` for a move the table forbids
        (nothing changes then)."""
        ...

    async def mark_job_offered(self, job_id: UUID, at: datetime) -> None:
        """Remember that the engine offered the job to the router's agent."""
        ...

    # -- idempotency -------------------------------------------------------------------

    async def begin_idempotent(
        self, customer_id: UUID, key: str, request_hash: str, at: datetime
    ) -> IdempotencyRecord | None:
        """Claim a key for a request: ``None`` when the key was new (it is now
        ``in_flight``), else the existing record, unchanged, for the caller to judge
        (another hash -> 422, in flight -> 409, done -> answer its response)."""
        ...

    async def finish_idempotent(self, outcome: IdempotencyOutcome) -> None:
        """Record the answer for a key claimed by `begin_idempotent`."""
        ...

    async def release_idempotent(self, customer_id: UUID, key: str) -> None:
        """Forget an in-flight key whose request failed, so it may be retried."""
        ...

    async def release_in_flight_idempotency(self) -> int:
        """Forget every in-flight key (used at start-up: nothing can be in flight then)."""
        ...

    async def purge_idempotency(self, older_than: datetime) -> int:
        """Drop records created before ``older_than``; answers how many went."""
        ...

    # -- notification outbox and delivery log -----------------------------------------

    async def claim_due_notifications(
        self, now: datetime, limit: int, lease: float = 60.0
    ) -> list[NotificationRecord]:
        """Pending notifications due at ``now``, oldest ``seq_id`` first, at most
        ``limit``. Each claimed one is not due again for ``lease`` seconds (so a deliverer
        that crashed mid-attempt has it retried). A job's later notification is never due
        while an earlier one of the same job is still pending."""
        ...

    async def extend_claims(self, claims: list[tuple[int, int]], until: datetime) -> None:
        """Keep claimed notifications (``(id, attempts)`` as claimed) from being due again
        before ``until``, unless an attempt was recorded for them since."""
        ...

    async def record_delivery_attempt(
        self,
        notification_id: int,
        at: datetime,
        status_code: int | None,
        error: str | None,
        delivered: bool,
        next_attempt_at: datetime | None,
        duration: float | None = None,
    ) -> NotificationRecord:
        """Log one attempt (``duration`` in seconds). Delivered -> done; not delivered
        with ``next_attempt_at`` -> retried then; not delivered without it -> abandoned
        (the job's next notification becomes due)."""
        ...

    async def record_and_claim(
        self,
        notification_id: int,
        at: datetime,
        status_code: int | None,
        error: str | None,
        delivered: bool,
        next_attempt_at: datetime | None,
        now: datetime,
        limit: int,
        lease: float = 60.0,
        duration: float | None = None,
    ) -> tuple[NotificationRecord, list[NotificationRecord]]:
        """`record_delivery_attempt`, then `claim_due_notifications` (as of ``now``) in the
        same transaction: a job's next notification, due once this one is delivered, is
        claimed in the same commit."""
        ...

    async def get_notification(self, notification_id: int) -> NotificationRecord | None: ...

    async def list_notifications(
        self, job_id: UUID | None = None, customer_id: UUID | None = None
    ) -> list[NotificationRecord]:
        """Queued notifications by ``seq_id``, optionally one job's or one customer's."""
        ...

    async def list_deliveries(
        self,
        customer_id: UUID | None = None,
        job_id: UUID | None = None,
        limit: int = 100,
    ) -> list[DeliveryRecord]:
        """The delivery log in the order attempts were made (at most ``limit``, latest)."""
        ...

    async def outbox_counts(self) -> OutboxCounts:
        """How many notifications wait for a first attempt, for a retry, or were abandoned."""
        ...

    async def undelivered_notifications(
        self, customer_id: UUID | None = None, limit: int = 200
    ) -> list[NotificationRecord]:
        """Notifications tried at least once and not delivered (waiting for a retry, or
        abandoned), latest ``seq_id`` first, at most ``limit``; one customer's or all."""
        ...

    async def redeliver_notification(
        self, notification_id: int, at: datetime
    ) -> NotificationRecord:
        """Make a notification due again at ``at`` (pending, whatever its state was), so
        the delivery worker sends it once more. `NotificationNotFound`."""
        ...

    # -- backups -----------------------------------------------------------------------

    async def add_backup(
        self,
        backup_id: UUID,
        router_id: UUID,
        job_id: UUID | None,
        name: str,
        kind: BackupKind,
        content: bytes,
        at: datetime,
    ) -> BackupRecord:
        """Keep a file taken from a router; its size and SHA-256 are computed here."""
        ...

    async def list_backups(
        self, router_id: UUID | None = None, job_id: UUID | None = None
    ) -> list[BackupRecord]:
        """Backups oldest first, of one router and/or one job."""
        ...

    async def read_backup(self, backup_id: UUID) -> bytes:
        """The content of a backup. `BackupNotFound`."""
        ...
