"""The SQL of the notification outbox and its delivery log, for the SQLite store.

A status change queues its notification here in the transaction of the change
(`enqueue_notification`, called by `emulator.store.sqlite.queries.transition`); the delivery
worker claims due ones and records every attempt. ``seq_id`` comes from the
``sequences`` table, so it keeps rising across resets.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime, timedelta
from uuid import UUID

from tikjobs.emulator.store import rows, rules
from tikjobs.emulator.store.base import (
    DeliveryRecord,
    JobRecord,
    NotificationRecord,
    NotificationState,
)

Row = sqlite3.Row


def _next_seq_id(connection: sqlite3.Connection) -> int:
    row = rows.fetch_one(
        connection, "UPDATE sequences SET value = value + 1 WHERE name = 'seq_id' RETURNING value"
    )
    assert row is not None  # noqa: S101 - the row is created by the first migration
    return int(row[0])


def enqueue_notification(
    connection: sqlite3.Connection, job: JobRecord, at: datetime, lease: float | None = None
) -> tuple[NotificationRecord, bool]:
    """Queue the job's notification; with ``lease``, claim it at once for that long when
    no earlier notification of the job is pending (True: claimed)."""
    assert job.notify_url is not None  # noqa: S101 - checked by the caller
    claimed = lease is not None and not _pending_for(connection, job.id)
    next_attempt_at = at + timedelta(seconds=lease) if lease is not None and claimed else at
    seq_id = _next_seq_id(connection)
    payload = rules.notification_payload(job, seq_id)
    row = rows.fetch_one(
        connection,
        "INSERT INTO notifications (seq_id, job_id, customer_id, router_id, url, status,"
        " payload, state, attempts, next_attempt_at, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) RETURNING *",
        seq_id,
        str(job.id),
        str(job.customer_id),
        str(job.router_id),
        job.notify_url,
        job.status.value,
        payload,
        NotificationState.PENDING.value,
        rows.moment(next_attempt_at),
        rows.moment(at),
    )
    assert row is not None  # noqa: S101 - an INSERT ... RETURNING answers its row
    return rows.notification(row), claimed


def _pending_for(connection: sqlite3.Connection, job_id: UUID) -> bool:
    """Whether a notification of the job waits for delivery (it goes first)."""
    row = rows.fetch_one(
        connection,
        "SELECT 1 FROM notifications WHERE job_id = ? AND state = ? LIMIT 1",
        str(job_id),
        NotificationState.PENDING.value,
    )
    return row is not None


def claim_due_notifications(
    connection: sqlite3.Connection, now: datetime, limit: int, lease: float = 60.0
) -> list[NotificationRecord]:
    if limit <= 0:
        return []
    found = rows.fetch_all(
        connection,
        "UPDATE notifications SET next_attempt_at = ? WHERE id IN ("
        " SELECT n.id FROM notifications AS n WHERE n.state = ? AND n.next_attempt_at <= ?"
        " AND NOT EXISTS (SELECT 1 FROM notifications AS e WHERE e.job_id = n.job_id"
        " AND e.state = ? AND e.seq_id < n.seq_id)"
        " ORDER BY n.seq_id LIMIT ?) RETURNING *",
        rows.moment(now + timedelta(seconds=lease)),
        NotificationState.PENDING.value,
        rows.moment(now),
        NotificationState.PENDING.value,
        limit,
    )
    claimed = [rows.notification(row) for row in found]
    return sorted(claimed, key=lambda notification: notification.seq_id)


def extend_claims(
    connection: sqlite3.Connection, claims: list[tuple[int, int]], until: datetime
) -> None:
    connection.executemany(
        "UPDATE notifications SET next_attempt_at = ? WHERE id = ? AND attempts = ? AND state = ?",
        [
            (rows.moment(until), notification_id, attempts, NotificationState.PENDING.value)
            for notification_id, attempts in claims
        ],
    )


def record_delivery_attempt(
    connection: sqlite3.Connection,
    notification_id: int,
    at: datetime,
    status_code: int | None,
    error: str | None,
    delivered: bool,
    next_attempt_at: datetime | None,
    duration: float | None = None,
) -> NotificationRecord:
    state, next_at, delivered_at = rules.delivery_outcome(delivered, at, next_attempt_at)
    row = rows.fetch_one(
        connection,
        "UPDATE notifications SET attempts = attempts + 1, state = ?, next_attempt_at = ?,"
        " delivered_at = ?, last_error = ? WHERE id = ? RETURNING *",
        state.value,
        rows.moment_or_none(next_at),
        rows.moment_or_none(delivered_at),
        error,
        notification_id,
    )
    if row is None:
        raise ValueError(f"no notification {notification_id}")
    updated = rows.notification(row)
    connection.execute(
        "INSERT INTO deliveries"
        " (notification_id, attempt, at, status_code, error, delivered, duration)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            notification_id,
            updated.attempts,
            rows.moment(at),
            status_code,
            error,
            int(delivered),
            duration,
        ),
    )
    return updated


def record_and_claim(
    connection: sqlite3.Connection,
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
    recorded = record_delivery_attempt(
        connection, notification_id, at, status_code, error, delivered, next_attempt_at, duration
    )
    return recorded, claim_due_notifications(connection, now, limit, lease)


def get_notification(
    connection: sqlite3.Connection, notification_id: int
) -> NotificationRecord | None:
    row = rows.fetch_one(connection, "SELECT * FROM notifications WHERE id = ?", notification_id)
    return None if row is None else rows.notification(row)


def list_notifications(
    connection: sqlite3.Connection, job_id: UUID | None = None, customer_id: UUID | None = None
) -> list[NotificationRecord]:
    where, params = _filters(job_id=job_id, customer_id=customer_id)
    found = rows.fetch_all(
        connection,
        f"SELECT * FROM notifications WHERE {where} ORDER BY seq_id",  # noqa: S608
        *params,
    )
    return [rows.notification(row) for row in found]


def list_deliveries(
    connection: sqlite3.Connection,
    customer_id: UUID | None = None,
    job_id: UUID | None = None,
    limit: int = 100,
) -> list[DeliveryRecord]:
    where, params = _filters(job_id=job_id, customer_id=customer_id, table="n")
    found = rows.fetch_all(
        connection,
        "SELECT * FROM (SELECT d.id, d.notification_id, n.seq_id, n.job_id, n.customer_id,"  # noqa: S608 - fixed filters
        " n.url, d.attempt, d.at, d.status_code, d.error, d.delivered, d.duration"
        " FROM deliveries AS d JOIN notifications AS n ON n.id = d.notification_id"
        f" WHERE {where} ORDER BY d.id DESC LIMIT ?) ORDER BY id",
        *params,
        max(limit, 0),
    )
    return [rows.delivery(row) for row in found]


def _filters(
    *, job_id: UUID | None, customer_id: UUID | None, table: str = ""
) -> tuple[str, Sequence[str]]:
    prefix = f"{table}." if table else ""
    clauses, params = ["1 = 1"], []
    if job_id is not None:
        clauses.append(f"{prefix}job_id = ?")
        params.append(str(job_id))
    if customer_id is not None:
        clauses.append(f"{prefix}customer_id = ?")
        params.append(str(customer_id))
    return " AND ".join(clauses), params
