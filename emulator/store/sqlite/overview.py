"""The SQL of the SQLite store's overviews: job searches and counts, and the outbox's state.

These serve the operator console and the metrics: the orchestration log across routers,
how many jobs wait where, and which notifications keep failing, with "deliver again".
Like `emulator.store.sqlite.queries`, every function runs on the store's thread.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from uuid import UUID

from tikjobs.contracts.api import JobStatus
from tikjobs.emulator.exceptions import NotificationNotFound
from tikjobs.emulator.store import rows
from tikjobs.emulator.store.base import (
    JobCount,
    JobPage,
    NotificationRecord,
    NotificationState,
    OutboxCounts,
)
from tikjobs.emulator.store.sqlite import outbox


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _equal(*columns: tuple[str, object | None]) -> tuple[list[str], list[str]]:
    """``column = ?`` for each (column, value) whose value is not None (``1 = 1`` first,
    so the list is never empty), and the values to bind as text."""
    clauses, params = ["1 = 1"], []
    for column, value in columns:
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(str(value))
    return clauses, params


_KEPT_COUNTS = "router_job_counts AS c JOIN routers AS r ON r.id = c.router_id"
"""The counts the jobs' changes keep, each with its router (for the router's customer)."""


def search_jobs(
    connection: sqlite3.Connection,
    customer_id: UUID | None = None,
    router_id: UUID | None = None,
    status: JobStatus | None = None,
    text: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> JobPage:
    clauses, params = _equal(
        ("customer_id", customer_id),
        ("router_id", router_id),
        ("status", None if status is None else status.value),
    )
    if text:
        clauses.append(
            "(lower(id) LIKE ? ESCAPE '\\' OR lower(description) LIKE ? ESCAPE '\\'"
            " OR lower(script) LIKE ? ESCAPE '\\')"
        )
        params.extend([_like(text)] * 3)
    where = " AND ".join(clauses)
    if text:
        total_row = rows.fetch_one(connection, f"SELECT count(*) FROM jobs WHERE {where}", *params)  # noqa: S608 - fixed clauses
    else:
        total_row = _kept_total(connection, customer_id, router_id, status)
    found = rows.fetch_all(
        connection,
        f"SELECT * FROM jobs WHERE {where} ORDER BY position DESC LIMIT ? OFFSET ?",  # noqa: S608 - fixed clauses
        *params,
        max(limit, 0),
        max(offset, 0),
    )
    total = 0 if total_row is None else int(total_row[0])
    return JobPage(jobs=[rows.job(row) for row in found], total=total)


def _kept_total(
    connection: sqlite3.Connection,
    customer_id: UUID | None,
    router_id: UUID | None,
    status: JobStatus | None,
) -> sqlite3.Row | None:
    """How many jobs match filters without text, from the counts the jobs' changes keep
    (counting the jobs themselves walks every one of them)."""
    clauses, params = _equal(
        ("r.customer_id", customer_id),
        ("c.router_id", router_id),
        ("c.status", None if status is None else status.value),
    )
    return rows.fetch_one(
        connection,
        f"SELECT coalesce(sum(c.total), 0) FROM {_KEPT_COUNTS} WHERE {' AND '.join(clauses)}",  # noqa: S608 - fixed clauses
        *params,
    )


def job_counts(connection: sqlite3.Connection, customer_id: UUID | None = None) -> list[JobCount]:
    """Each router's jobs by status, as the counts the jobs' changes keep (a customer's
    jobs are the jobs on its routers); a status without jobs is left out."""
    clauses, params = _equal(("r.customer_id", customer_id))
    found = rows.fetch_all(
        connection,
        f"SELECT c.router_id, c.status, c.total FROM {_KEPT_COUNTS}"  # noqa: S608 - fixed clauses
        f" WHERE {' AND '.join(clauses)} AND c.total > 0",
        *params,
    )
    return [
        JobCount(rows.read_uuid(row["router_id"]), JobStatus(row["status"]), int(row["total"]))
        for row in found
    ]


def outbox_counts(connection: sqlite3.Connection) -> OutboxCounts:
    row = rows.fetch_one(
        connection,
        "SELECT"
        " coalesce(sum(CASE WHEN state = ? AND attempts = 0 THEN 1 ELSE 0 END), 0),"
        " coalesce(sum(CASE WHEN state = ? AND attempts > 0 THEN 1 ELSE 0 END), 0),"
        " coalesce(sum(CASE WHEN state = ? THEN 1 ELSE 0 END), 0)"
        " FROM notifications WHERE state != ?",
        NotificationState.PENDING.value,
        NotificationState.PENDING.value,
        NotificationState.ABANDONED.value,
        NotificationState.DELIVERED.value,
    )
    assert row is not None  # noqa: S101 - an aggregate answers one row
    return OutboxCounts(pending=int(row[0]), retrying=int(row[1]), abandoned=int(row[2]))


def undelivered_notifications(
    connection: sqlite3.Connection, customer_id: UUID | None = None, limit: int = 200
) -> list[NotificationRecord]:
    sql = "SELECT * FROM notifications WHERE state != ? AND attempts > 0"
    params: list[object] = [NotificationState.DELIVERED.value]
    if customer_id is not None:
        sql += " AND customer_id = ?"
        params.append(str(customer_id))
    found = rows.fetch_all(connection, sql + " ORDER BY seq_id DESC LIMIT ?", *params, limit)
    return [rows.notification(row) for row in found]


def redeliver_notification(
    connection: sqlite3.Connection, notification_id: int, at: datetime
) -> NotificationRecord:
    changed = connection.execute(
        "UPDATE notifications SET state = ?, next_attempt_at = ?, delivered_at = NULL WHERE id = ?",
        (NotificationState.PENDING.value, rows.moment(at), notification_id),
    ).rowcount
    if not changed:
        raise NotificationNotFound(f"notification {notification_id} not found")
    notification = outbox.get_notification(connection, notification_id)
    assert notification is not None  # noqa: S101 - updated just above
    return notification
