"""The SQL of the PostgreSQL store's overviews: job searches and counts, and the outbox's
state; the same answers as `emulator.store.sqlite.overview` gives for SQLite."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from psycopg import sql

from tikjobs.contracts.api import JobStatus
from tikjobs.emulator.exceptions import NotificationNotFound
from tikjobs.emulator.store import rows, rules
from tikjobs.emulator.store.base import (
    JobCount,
    JobPage,
    NotificationRecord,
    NotificationState,
    OutboxCounts,
)
from tikjobs.emulator.store.postgres.connection import Connection, fetch_all, fetch_one, where


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


async def search_jobs(
    connection: Connection,
    customer_id: UUID | None = None,
    router_id: UUID | None = None,
    status: JobStatus | None = None,
    text: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> JobPage:
    clause, params = where(
        customer_id=customer_id,
        router_id=router_id,
        status=None if status is None else status.value,
    )
    if text:
        clause = sql.SQL(
            "{} AND (lower(id::text) LIKE %s OR lower(description) LIKE %s"
            " OR lower(script) LIKE %s)"
        ).format(clause)
        params.extend([_like(text)] * 3)
    if text:
        total_row = await fetch_one(
            connection,
            sql.SQL("SELECT count(*) AS total FROM jobs WHERE {}").format(clause),
            *params,
        )
    else:
        # Without text, from the counts the jobs' changes keep (counting the jobs
        # themselves walks every one of them).
        kept, kept_params = where(
            r__customer_id=customer_id,
            c__router_id=router_id,
            c__status=None if status is None else status.value,
        )
        total_row = await fetch_one(
            connection,
            sql.SQL(
                "SELECT coalesce(sum(c.total), 0) AS total FROM router_job_counts AS c"
                " JOIN routers AS r ON r.id = c.router_id WHERE {}"
            ).format(kept),
            *kept_params,
        )
    found = await fetch_all(
        connection,
        sql.SQL("SELECT * FROM jobs WHERE {} ORDER BY position DESC LIMIT %s OFFSET %s").format(
            clause
        ),
        *params,
        max(limit, 0),
        max(offset, 0),
    )
    total = 0 if total_row is None else int(total_row["total"])
    return JobPage(jobs=[rows.job(row) for row in found], total=total)


async def job_counts(connection: Connection, customer_id: UUID | None = None) -> list[JobCount]:
    """Each router's jobs by status, as the counts the jobs' changes keep (a customer's
    jobs are the jobs on its routers); a status without jobs is left out."""
    clause, params = where(r__customer_id=customer_id)
    found = await fetch_all(
        connection,
        sql.SQL(
            "SELECT c.router_id, c.status, c.total FROM router_job_counts AS c"
            " JOIN routers AS r ON r.id = c.router_id WHERE {} AND c.total > 0"
        ).format(clause),
        *params,
    )
    return [
        JobCount(rows.read_uuid(row["router_id"]), JobStatus(row["status"]), int(row["total"]))
        for row in found
    ]


async def outbox_counts(connection: Connection) -> OutboxCounts:
    row = await fetch_one(
        connection,
        "SELECT count(*) FILTER (WHERE state = %s AND attempts = 0) AS pending,"
        " count(*) FILTER (WHERE state = %s AND attempts > 0) AS retrying,"
        " count(*) FILTER (WHERE state = %s) AS abandoned"
        " FROM notifications WHERE state != %s",
        NotificationState.PENDING.value,
        NotificationState.PENDING.value,
        NotificationState.ABANDONED.value,
        NotificationState.DELIVERED.value,
    )
    assert row is not None  # noqa: S101 - an aggregate answers one row
    return OutboxCounts(
        pending=int(row["pending"]), retrying=int(row["retrying"]), abandoned=int(row["abandoned"])
    )


async def undelivered_notifications(
    connection: Connection, customer_id: UUID | None = None, limit: int = 200
) -> list[NotificationRecord]:
    clause, params = where(customer_id=customer_id)
    found = await fetch_all(
        connection,
        sql.SQL(
            "SELECT * FROM notifications WHERE state != %s AND attempts > 0 AND {}"
            " ORDER BY seq_id DESC LIMIT %s"
        ).format(clause),
        NotificationState.DELIVERED.value,
        *params,
        limit,
    )
    return [rows.notification(row) for row in found]


async def redeliver_notification(
    connection: Connection, notification_id: int, at: datetime
) -> NotificationRecord:
    row = await fetch_one(
        connection,
        "UPDATE notifications SET state = %s, next_attempt_at = %s, delivered_at = NULL"
        " WHERE id = %s RETURNING *",
        NotificationState.PENDING.value,
        rules.utc(at),
        notification_id,
    )
    if row is None:
        raise NotificationNotFound(f"notification {notification_id} not found")
    return rows.notification(row)
