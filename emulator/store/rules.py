"""The rules every store applies the same way, whatever its SQL dialect.

The SQLite and the PostgreSQL stores differ in how they talk to their database, not in
what a status change, a notification or a delivery attempt means. What they share lives
here, as pure functions and tables: which moment a status stamps, whether the lifecycle
allows a change, the exact notification payload, what a delivery attempt leaves behind,
and the checks on values a caller passes in.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final
from uuid import UUID

from tikjobs.contracts.api import JobStatus, Notification
from tikjobs.contracts.lifecycle import can_become
from tikjobs.emulator.exceptions import IllegalTransition
from tikjobs.emulator.store.base import JobRecord, NotificationState

STATE_TABLES: Final[tuple[str, ...]] = (
    "deliveries",
    "notifications",
    "backups",
    "router_job_counts",
    "jobs",
    "idempotency",
    "enrollment_codes",
    "routers",
    "api_keys",
    "customers",
)
"""Every table `Store.reset` empties, dependants before what they depend on."""

UNFINISHED: Final[tuple[str, ...]] = (
    JobStatus.PENDING.value,
    JobStatus.LOADED.value,
    JobStatus.RUNNING.value,
)
"""The statuses of a job that has not ended yet."""

UNFINISHED_SQL: Final = "status IN ('pending', 'loaded', 'running')"
"""`UNFINISHED` as an SQL condition with the statuses written out: a query must carry the
very condition of the partial index of queued jobs (``jobs_queue``) for either database
to use it, which a bound parameter cannot show."""

STAMP_FOR: Final[dict[JobStatus, str]] = {
    JobStatus.LOADED: "started_at",
    JobStatus.RUNNING: "running_at",
    JobStatus.COMPLETED: "completed_at",
    JobStatus.FAILED: "failed_at",
    JobStatus.DELETED: "deleted_at",
}
"""The job column each status stamps with the moment of the change."""


def utc(value: datetime) -> datetime:
    """A moment as the stores keep it: timezone-aware, in UTC; a naive one is refused."""
    if value.tzinfo is None:
        raise ValueError("the store takes timezone-aware moments only")
    return value.astimezone(UTC)


def check_transition(job_id: UUID, status: JobStatus, new_status: JobStatus) -> None:
    """`IllegalTransition` unless some event of the lifecycle table moves the job from
    ``status`` on to ``new_status`` (the stores read only the status to check it)."""
    if not can_become(status, new_status):
        raise IllegalTransition(job_id, status, new_status)


def check_poll_interval(seconds: float) -> None:
    if not seconds > 0:
        raise ValueError("a poll interval is a positive number of seconds")


def notification_payload(job: JobRecord, seq_id: int) -> str:
    """The seed's notification for ``job`` as it is now, as the JSON text to post."""
    return Notification(
        job_id=job.id,
        customer_id=job.customer_id,
        description=job.description,
        router_id=job.router_id,
        idempotency_key=job.idempotency_key,
        express_execute=job.express_execute,
        needs_acknowledgement=job.needs_acknowledgement,
        make_backup=job.make_backup,
        seq_id=seq_id,
        started_at=job.started_at,
        completed_at=job.completed_at,
        failed_at=job.failed_at,
        deleted_at=job.deleted_at,
        status=job.status,
    ).model_dump_json()


def delivery_outcome(
    delivered: bool, at: datetime, next_attempt_at: datetime | None
) -> tuple[NotificationState, datetime | None, datetime | None]:
    """A notification's state, next attempt and delivery moment after an attempt at ``at``:
    delivered -> done; not delivered with a next attempt -> retried then; else abandoned."""
    if delivered:
        return NotificationState.DELIVERED, None, utc(at)
    if next_attempt_at is not None:
        return NotificationState.PENDING, utc(next_attempt_at), None
    return NotificationState.ABANDONED, None, None
