"""The SQL of the SQLite store: synchronous functions over one connection, one per operation.

`emulator.store.sqlite.store` runs every function here on its single database thread, inside a
transaction for those that write; nothing here knows about asyncio. Each function takes
the connection first and answers the store's records (`emulator.store.base`), built by
`emulator.store.rows`.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Mapping
from datetime import datetime
from uuid import UUID

from tikjobs.contracts.api import JobStatus
from tikjobs.contracts.tunnel import RouterFacts
from tikjobs.emulator.exceptions import (
    AlreadyExists,
    BackupNotFound,
    CustomerNotFound,
    JobNotFound,
    RouterNotFound,
)
from tikjobs.emulator.store import rows, rules
from tikjobs.emulator.store.base import (
    DEFAULT_POLL_INTERVAL,
    ApiKeyRecord,
    BackupKind,
    BackupRecord,
    CustomerRecord,
    IdempotencyOutcome,
    IdempotencyRecord,
    IdempotencyState,
    JobListing,
    JobRecord,
    NewJob,
    RouterRecord,
    TransitionResult,
)
from tikjobs.emulator.store.sqlite import outbox

Row = sqlite3.Row


# -- everything -----------------------------------------------------------------------


def reset(connection: sqlite3.Connection) -> None:
    for table in rules.STATE_TABLES:
        connection.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names


# -- customers and keys ---------------------------------------------------------------


def create_customer(
    connection: sqlite3.Connection, customer_id: UUID, name: str, webhook_secret: str, at: datetime
) -> CustomerRecord:
    try:
        connection.execute(
            "INSERT INTO customers (id, name, webhook_secret, created_at) VALUES (?, ?, ?, ?)",
            (str(customer_id), name, webhook_secret, rows.moment(at)),
        )
    except sqlite3.IntegrityError:
        raise AlreadyExists(f"customer {customer_id} already exists") from None
    return _require_customer(connection, customer_id)


def get_customer(connection: sqlite3.Connection, customer_id: UUID) -> CustomerRecord | None:
    row = rows.fetch_one(connection, "SELECT * FROM customers WHERE id = ?", str(customer_id))
    return None if row is None else rows.customer(row)


def _require_customer(connection: sqlite3.Connection, customer_id: UUID) -> CustomerRecord:
    customer = get_customer(connection, customer_id)
    if customer is None:
        raise CustomerNotFound(f"no customer {customer_id}")
    return customer


def create_api_key(
    connection: sqlite3.Connection,
    token_id: UUID,
    customer_id: UUID,
    secret_hash: str,
    at: datetime,
    rate_limit: int | None = None,
) -> ApiKeyRecord:
    _require_customer(connection, customer_id)
    try:
        connection.execute(
            "INSERT INTO api_keys (token_id, customer_id, secret_hash, rate_limit, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (str(token_id), str(customer_id), secret_hash, rate_limit, rows.moment(at)),
        )
    except sqlite3.IntegrityError:
        raise AlreadyExists(f"API key {token_id} already exists") from None
    key = get_api_key(connection, token_id)
    assert key is not None  # noqa: S101 - inserted just above in this transaction
    return key


def get_api_key(connection: sqlite3.Connection, token_id: UUID) -> ApiKeyRecord | None:
    row = rows.fetch_one(connection, "SELECT * FROM api_keys WHERE token_id = ?", str(token_id))
    return None if row is None else rows.api_key(row)


# -- routers --------------------------------------------------------------------------


def create_router(
    connection: sqlite3.Connection,
    router_id: UUID,
    customer_id: UUID,
    token_hash: str,
    at: datetime,
    poll_interval: float = DEFAULT_POLL_INTERVAL,
) -> RouterRecord:
    _require_customer(connection, customer_id)
    try:
        connection.execute(
            "INSERT INTO routers (id, customer_id, token_hash, poll_interval, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (str(router_id), str(customer_id), token_hash, poll_interval, rows.moment(at)),
        )
    except sqlite3.IntegrityError:
        raise AlreadyExists(f"router {router_id} (or its token) already exists") from None
    return _require_router(connection, router_id)


def get_router(connection: sqlite3.Connection, router_id: UUID) -> RouterRecord | None:
    row = rows.fetch_one(connection, "SELECT * FROM routers WHERE id = ?", str(router_id))
    return None if row is None else rows.router(row)


def _require_router(connection: sqlite3.Connection, router_id: UUID) -> RouterRecord:
    router = get_router(connection, router_id)
    if router is None:
        raise RouterNotFound(f"no router {router_id}")
    return router


def check_router(connection: sqlite3.Connection, router_id: UUID) -> None:
    """`RouterNotFound` unless the router exists (its record is not read)."""
    if rows.fetch_one(connection, "SELECT 1 FROM routers WHERE id = ?", str(router_id)) is None:
        raise RouterNotFound(f"no router {router_id}")


def find_router_by_token_hash(
    connection: sqlite3.Connection, token_hash: str
) -> RouterRecord | None:
    row = rows.fetch_one(connection, "SELECT * FROM routers WHERE token_hash = ?", token_hash)
    return None if row is None else rows.router(row)


def list_routers(
    connection: sqlite3.Connection, customer_id: UUID | None = None
) -> list[RouterRecord]:
    if customer_id is None:
        found = rows.fetch_all(connection, "SELECT * FROM routers ORDER BY created_at, rowid")
    else:
        found = rows.fetch_all(
            connection,
            "SELECT * FROM routers WHERE customer_id = ? ORDER BY created_at, rowid",
            str(customer_id),
        )
    return [rows.router(row) for row in found]


def update_router_facts(
    connection: sqlite3.Connection, router_id: UUID, facts: RouterFacts
) -> RouterRecord:
    cursor = connection.execute(
        "UPDATE routers SET identity = ?, serial_number = ?, software_version = ?,"
        " model = ?, board_name = ?, uptime = ? WHERE id = ?",
        (
            facts.identity,
            facts.serial_number,
            facts.software_version,
            facts.model,
            facts.board_name,
            facts.uptime,
            str(router_id),
        ),
    )
    if cursor.rowcount == 0:
        raise RouterNotFound(f"no router {router_id}")
    return _require_router(connection, router_id)


def set_router_online(
    connection: sqlite3.Connection, router_id: UUID, online: bool, at: datetime
) -> None:
    cursor = connection.execute(
        "UPDATE routers SET online = ?, last_seen = ? WHERE id = ?",
        (int(online), rows.moment(at), str(router_id)),
    )
    if cursor.rowcount == 0:
        raise RouterNotFound(f"no router {router_id}")


def touch_routers(connection: sqlite3.Connection, moments: Mapping[UUID, datetime]) -> None:
    connection.executemany(
        "UPDATE routers SET last_seen = ?1 WHERE id = ?2 AND (last_seen IS NULL OR last_seen < ?1)",
        [(rows.moment(at), str(router_id)) for router_id, at in moments.items()],
    )


def set_poll_interval(
    connection: sqlite3.Connection, router_id: UUID, seconds: float
) -> RouterRecord:
    rules.check_poll_interval(seconds)
    cursor = connection.execute(
        "UPDATE routers SET poll_interval = ? WHERE id = ?", (seconds, str(router_id))
    )
    if cursor.rowcount == 0:
        raise RouterNotFound(f"no router {router_id}")
    return _require_router(connection, router_id)


def mark_all_routers_offline(connection: sqlite3.Connection) -> None:
    connection.execute("UPDATE routers SET online = 0 WHERE online != 0")


# -- jobs -----------------------------------------------------------------------------


def create_job(
    connection: sqlite3.Connection, job: NewJob, idempotency: IdempotencyOutcome | None = None
) -> JobRecord:
    check_router(connection, job.router_id)
    try:
        cursor = connection.execute(
            "INSERT INTO jobs (id, router_id, customer_id, request_id, idempotency_key, token,"
            " description, script, make_backup, express_execute, needs_acknowledgement,"
            " notify_url, created_at, timeout, status, rollback_after, rollback_check)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                str(job.id),
                str(job.router_id),
                str(job.customer_id),
                str(job.request_id),
                str(job.idempotency_key),
                job.token,
                job.description,
                job.script,
                int(job.make_backup),
                int(job.express_execute),
                int(job.needs_acknowledgement),
                job.notify_url,
                rows.moment(job.created_at),
                job.timeout,
                JobStatus.PENDING.value,
                job.rollback_after,
                job.rollback_check,
            ),
        )
    except sqlite3.IntegrityError:
        raise AlreadyExists(f"job {job.id} already exists") from None
    if idempotency is not None:
        finish_idempotent(connection, idempotency)
    if cursor.lastrowid is None:  # pragma: no cover - an INSERT into a rowid table sets it
        return _require_job(connection, job.id)
    return _as_inserted(job, cursor.lastrowid)


def _as_inserted(job: NewJob, position: int) -> JobRecord:
    """The record of ``job`` as `create_job` just stored it (what reading its row back
    would answer, without the read)."""
    return JobRecord(
        id=job.id,
        router_id=job.router_id,
        customer_id=job.customer_id,
        request_id=job.request_id,
        idempotency_key=job.idempotency_key,
        token=job.token,
        description=job.description,
        script=job.script,
        make_backup=bool(job.make_backup),
        express_execute=bool(job.express_execute),
        needs_acknowledgement=bool(job.needs_acknowledgement),
        notify_url=job.notify_url,
        created_at=rows.read_required_moment(rows.moment(job.created_at)),
        timeout=None if job.timeout is None else float(job.timeout),
        status=JobStatus.PENDING,
        position=position,
        rollback_after=job.rollback_after,
        rollback_check=job.rollback_check,
    )


def submit_job(
    connection: sqlite3.Connection,
    job: NewJob,
    idempotency: IdempotencyOutcome | None = None,
    request_hash: str = "",
) -> JobRecord | IdempotencyRecord:
    if idempotency is None:
        return create_job(connection, job)
    # The claim is written already answered: the job is stored in the same transaction,
    # so no one can see the claim before the job.
    claimed = connection.execute(
        "INSERT INTO idempotency"
        " (customer_id, key, request_hash, state, created_at, status_code, response)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (customer_id, key) DO NOTHING",
        (
            str(idempotency.customer_id),
            idempotency.key,
            request_hash,
            IdempotencyState.DONE.value,
            rows.moment(job.created_at),
            idempotency.status_code,
            idempotency.response,
        ),
    )
    if claimed.rowcount == 0:
        taken = rows.fetch_one(
            connection,
            "SELECT * FROM idempotency WHERE customer_id = ? AND key = ?",
            str(idempotency.customer_id),
            idempotency.key,
        )
        if taken is not None:
            return rows.idempotency(taken)
    return create_job(connection, job)


def get_job(connection: sqlite3.Connection, job_id: UUID) -> JobRecord | None:
    row = rows.fetch_one(connection, "SELECT * FROM jobs WHERE id = ?", str(job_id))
    return None if row is None else rows.job(row)


def _require_job(connection: sqlite3.Connection, job_id: UUID) -> JobRecord:
    job = get_job(connection, job_id)
    if job is None:
        raise JobNotFound(f"no job {job_id}")
    return job


_LISTED = ", ".join(rows.LISTED_JOB_COLUMNS)


def job_listing(
    connection: sqlite3.Connection,
    router_id: UUID,
    status: JobStatus | None = None,
    limit: int = 50,
    offset: int = 0,
) -> JobListing:
    where, params = "router_id = ?", [str(router_id)]
    if status is not None:
        where, params = where + " AND status = ?", [*params, status.value]
    total_row = rows.fetch_one(
        connection,
        f"SELECT coalesce(sum(total), 0) FROM router_job_counts WHERE {where}",  # noqa: S608
        *params,
    )
    found = rows.fetch_all(
        connection,
        f"SELECT {_LISTED} FROM jobs WHERE {where} ORDER BY position DESC LIMIT ? OFFSET ?",  # noqa: S608
        *params,
        max(limit, 0),
        max(offset, 0),
    )
    total = 0 if total_row is None else int(total_row[0])
    return JobListing(jobs=[rows.listed_job(row) for row in found], total=total)


def unfinished_jobs(
    connection: sqlite3.Connection, router_id: UUID | None = None, limit: int | None = None
) -> list[JobRecord]:
    sql = f"SELECT * FROM jobs WHERE {rules.UNFINISHED_SQL}"  # noqa: S608 - constants
    params: list[str | int] = []
    if router_id is not None:
        sql += " AND router_id = ?"
        params.append(str(router_id))
    sql += " ORDER BY position"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [rows.job(row) for row in rows.fetch_all(connection, sql, *params)]


def transition(
    connection: sqlite3.Connection,
    job_id: UUID,
    new_status: JobStatus,
    at: datetime,
    output: str | None = None,
    error: str | None = None,
    lease: float | None = None,
) -> TransitionResult:
    current = connection.execute("SELECT status FROM jobs WHERE id = ?", (str(job_id),)).fetchone()
    if current is None:
        raise JobNotFound(f"no job {job_id}")
    rules.check_transition(job_id, JobStatus(current[0]), new_status)
    stamp = rules.STAMP_FOR[new_status]
    row = rows.fetch_one(
        connection,
        f"UPDATE jobs SET status = ?, {stamp} = ?,"  # noqa: S608 - column from a fixed table
        " output = coalesce(?, output), error = coalesce(?, error) WHERE id = ? RETURNING *",
        new_status.value,
        rows.moment(at),
        output,
        error,
        str(job_id),
    )
    assert row is not None  # noqa: S101 - read just above in this transaction
    job = rows.job(row)
    if job.notify_url is None:
        return TransitionResult(job=job)
    notification, claimed = outbox.enqueue_notification(connection, job, at, lease)
    return TransitionResult(job=job, notification=notification, claimed=claimed)


def mark_job_offered(connection: sqlite3.Connection, job_id: UUID, at: datetime) -> None:
    cursor = connection.execute(
        "UPDATE jobs SET offered_at = ? WHERE id = ?", (rows.moment(at), str(job_id))
    )
    if cursor.rowcount == 0:
        raise JobNotFound(f"no job {job_id}")


# -- idempotency ----------------------------------------------------------------------


def begin_idempotent(
    connection: sqlite3.Connection, customer_id: UUID, key: str, request_hash: str, at: datetime
) -> IdempotencyRecord | None:
    row = rows.fetch_one(
        connection,
        "SELECT * FROM idempotency WHERE customer_id = ? AND key = ?",
        str(customer_id),
        key,
    )
    if row is not None:
        return rows.idempotency(row)
    connection.execute(
        "INSERT INTO idempotency (customer_id, key, request_hash, state, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (str(customer_id), key, request_hash, IdempotencyState.IN_FLIGHT.value, rows.moment(at)),
    )
    return None


def finish_idempotent(connection: sqlite3.Connection, outcome: IdempotencyOutcome) -> None:
    cursor = connection.execute(
        "UPDATE idempotency SET state = ?, status_code = ?, response = ?"
        " WHERE customer_id = ? AND key = ?",
        (
            IdempotencyState.DONE.value,
            outcome.status_code,
            outcome.response,
            str(outcome.customer_id),
            outcome.key,
        ),
    )
    if cursor.rowcount == 0:
        raise ValueError(f"idempotency key {outcome.key!r} was never begun")


def release_idempotent(connection: sqlite3.Connection, customer_id: UUID, key: str) -> None:
    connection.execute(
        "DELETE FROM idempotency WHERE customer_id = ? AND key = ? AND state = ?",
        (str(customer_id), key, IdempotencyState.IN_FLIGHT.value),
    )


def release_in_flight_idempotency(connection: sqlite3.Connection) -> int:
    cursor = connection.execute(
        "DELETE FROM idempotency WHERE state = ?", (IdempotencyState.IN_FLIGHT.value,)
    )
    return cursor.rowcount


def purge_idempotency(connection: sqlite3.Connection, older_than: datetime) -> int:
    cursor = connection.execute(
        "DELETE FROM idempotency WHERE created_at < ?", (rows.moment(older_than),)
    )
    return cursor.rowcount


# -- backups --------------------------------------------------------------------------


def add_backup(
    connection: sqlite3.Connection,
    backup_id: UUID,
    router_id: UUID,
    job_id: UUID | None,
    name: str,
    kind: BackupKind,
    content: bytes,
    at: datetime,
) -> BackupRecord:
    check_router(connection, router_id)
    try:
        connection.execute(
            "INSERT INTO backups (id, router_id, job_id, name, kind, size, sha256, content,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                str(backup_id),
                str(router_id),
                None if job_id is None else str(job_id),
                name,
                kind,
                len(content),
                hashlib.sha256(content).hexdigest(),
                content,
                rows.moment(at),
            ),
        )
    except sqlite3.IntegrityError:
        raise AlreadyExists(f"backup {backup_id} already exists") from None
    row = rows.fetch_one(connection, "SELECT * FROM backups WHERE id = ?", str(backup_id))
    assert row is not None  # noqa: S101 - inserted just above
    return rows.backup(row)


def list_backups(
    connection: sqlite3.Connection, router_id: UUID | None = None, job_id: UUID | None = None
) -> list[BackupRecord]:
    clauses, params = ["1 = 1"], []
    if router_id is not None:
        clauses.append("router_id = ?")
        params.append(str(router_id))
    if job_id is not None:
        clauses.append("job_id = ?")
        params.append(str(job_id))
    found = rows.fetch_all(
        connection,
        "SELECT id, router_id, job_id, name, kind, size, sha256, created_at FROM backups"  # noqa: S608 - fixed filters
        f" WHERE {' AND '.join(clauses)} ORDER BY created_at, rowid",
        *params,
    )
    return [rows.backup(row) for row in found]


def read_backup(connection: sqlite3.Connection, backup_id: UUID) -> bytes:
    row = rows.fetch_one(connection, "SELECT content FROM backups WHERE id = ?", str(backup_id))
    if row is None:
        raise BackupNotFound(f"no backup {backup_id}")
    return bytes(row[0])
