"""The SQL of the notification outbox and its delivery log, for the PostgreSQL store.

A status change queues its notification here in the transaction of the change
(`enqueue_notification`, called by `emulator.store.postgres.queries.transition`).
``seq_id`` is drawn from the ``notification_seq_id`` sequence with no lock beyond the
job's row: `transition` holds the job ``FOR NO KEY UPDATE`` until commit, so a job's
next change (and its ``seq_id``) is drawn only after its previous notification is
committed. Notifications of one job therefore become visible in ``seq_id`` order, which
is the order that matters (a job's notifications are delivered one after another);
notifications of different jobs may commit out of ``seq_id`` order, and nothing waits on
that. There is no database-wide lock on this path: any number of replicas queue
notifications side by side.

Claims are one statement: the due notifications, each with no earlier pending one of
the same job, are locked with ``FOR UPDATE SKIP LOCKED`` and their next attempt moved
past the lease. Two deliverers claiming at once (two emulators on one database) skip
each other's rows, and a row another claim has just leased no longer qualifies once
PostgreSQL rechecks it, so no notification is handed out twice within a lease.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID

from psycopg import sql

from tikjobs.emulator.store import rows, rules
from tikjobs.emulator.store.base import (
    DeliveryRecord,
    JobRecord,
    NotificationRecord,
    NotificationState,
)
from tikjobs.emulator.store.postgres.connection import (
    Connection,
    execute,
    fetch_all,
    fetch_one,
    where,
)


async def enqueue_notification(
    connection: Connection, job: JobRecord, at: datetime, lease: float | None = None
) -> tuple[NotificationRecord, bool]:
    """Queue the job's notification; with ``lease``, claim it at once for that long when
    no earlier notification of the job is pending (True: claimed). The caller holds the
    job's row lock, so no other notification of the job is queued meanwhile."""
    assert job.notify_url is not None  # noqa: S101 - checked by the caller
    claimed = lease is not None and not await _pending_for(connection, job.id)
    drawn = await fetch_one(connection, "SELECT nextval('notification_seq_id') AS seq_id")
    assert drawn is not None  # noqa: S101 - nextval answers one row
    seq_id = int(drawn["seq_id"])
    moment = rules.utc(at)
    row = await fetch_one(
        connection,
        "INSERT INTO notifications (seq_id, job_id, customer_id, router_id, url, status,"
        " payload, state, attempts, next_attempt_at, created_at)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, 0, %s, %s) RETURNING *",
        seq_id,
        job.id,
        job.customer_id,
        job.router_id,
        job.notify_url,
        job.status.value,
        rules.notification_payload(job, seq_id),
        NotificationState.PENDING.value,
        moment + timedelta(seconds=lease) if lease is not None and claimed else moment,
        moment,
    )
    assert row is not None  # noqa: S101 - INSERT ... RETURNING answers the row
    return rows.notification(row), claimed


async def _pending_for(connection: Connection, job_id: UUID) -> bool:
    """Whether a notification of the job waits for delivery (it goes first)."""
    row = await fetch_one(
        connection,
        "SELECT 1 AS pending FROM notifications WHERE job_id = %s AND state = %s LIMIT 1",
        job_id,
        NotificationState.PENDING.value,
    )
    return row is not None


async def claim_due_notifications(
    connection: Connection, now: datetime, limit: int, lease: float = 60.0
) -> list[NotificationRecord]:
    moment = rules.utc(now)
    pending = NotificationState.PENDING.value
    found = await fetch_all(
        connection,
        "WITH due AS ("
        " SELECT n.id FROM notifications AS n"
        " WHERE n.state = %s AND n.next_attempt_at <= %s"
        " AND NOT EXISTS (SELECT 1 FROM notifications AS e WHERE e.job_id = n.job_id"
        " AND e.state = %s AND e.seq_id < n.seq_id)"
        " ORDER BY n.seq_id LIMIT %s FOR UPDATE OF n SKIP LOCKED)"
        " UPDATE notifications AS n SET next_attempt_at = %s FROM due"
        " WHERE n.id = due.id RETURNING n.*",
        pending,
        moment,
        pending,
        max(limit, 0),
        moment + timedelta(seconds=lease),
    )
    claimed = [rows.notification(row) for row in found]
    return sorted(claimed, key=lambda notification: notification.seq_id)


async def extend_claims(
    connection: Connection, claims: list[tuple[int, int]], until: datetime
) -> None:
    for notification_id, attempts in claims:
        await execute(
            connection,
            "UPDATE notifications SET next_attempt_at = %s"
            " WHERE id = %s AND attempts = %s AND state = %s",
            rules.utc(until),
            notification_id,
            attempts,
            NotificationState.PENDING.value,
        )


async def record_delivery_attempt(
    connection: Connection,
    notification_id: int,
    at: datetime,
    status_code: int | None,
    error: str | None,
    delivered: bool,
    next_attempt_at: datetime | None,
    duration: float | None = None,
) -> NotificationRecord:
    state, next_at, delivered_at = rules.delivery_outcome(delivered, at, next_attempt_at)
    row = await fetch_one(
        connection,
        "UPDATE notifications SET attempts = attempts + 1, state = %s, next_attempt_at = %s,"
        " delivered_at = %s, last_error = %s WHERE id = %s RETURNING *",
        state.value,
        next_at,
        delivered_at,
        error,
        notification_id,
    )
    if row is None:
        raise ValueError(f"no notification {notification_id}")
    updated = rows.notification(row)
    await connection.execute(
        "INSERT INTO deliveries"
        " (notification_id, attempt, at, status_code, error, delivered, duration)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s)",
        (notification_id, updated.attempts, rules.utc(at), status_code, error, delivered, duration),
    )
    return updated


async def record_and_claim(
    connection: Connection,
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
    recorded = await record_delivery_attempt(
        connection, notification_id, at, status_code, error, delivered, next_attempt_at, duration
    )
    return recorded, await claim_due_notifications(connection, now, limit, lease)


async def get_notification(
    connection: Connection, notification_id: int
) -> NotificationRecord | None:
    row = await fetch_one(connection, "SELECT * FROM notifications WHERE id = %s", notification_id)
    return None if row is None else rows.notification(row)


async def list_notifications(
    connection: Connection, job_id: UUID | None = None, customer_id: UUID | None = None
) -> list[NotificationRecord]:
    clause, params = where(job_id=job_id, customer_id=customer_id)
    found = await fetch_all(
        connection,
        sql.SQL("SELECT * FROM notifications WHERE {} ORDER BY seq_id").format(clause),
        *params,
    )
    return [rows.notification(row) for row in found]


async def list_deliveries(
    connection: Connection,
    customer_id: UUID | None = None,
    job_id: UUID | None = None,
    limit: int = 100,
) -> list[DeliveryRecord]:
    clause, params = where(n__job_id=job_id, n__customer_id=customer_id)
    found = await fetch_all(
        connection,
        sql.SQL(
            "SELECT * FROM (SELECT d.id, d.notification_id, n.seq_id, n.job_id,"
            " n.customer_id, n.url, d.attempt, d.at, d.status_code, d.error, d.delivered,"
            " d.duration FROM deliveries AS d JOIN notifications AS n"
            " ON n.id = d.notification_id WHERE {} ORDER BY d.id DESC LIMIT %s) AS latest"
            " ORDER BY id"
        ).format(clause),
        *params,
        max(limit, 0),
    )
    return [rows.delivery(row) for row in found]
