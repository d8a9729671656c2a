"""The SQL of the PostgreSQL store: async functions over one connection, one per operation.

`emulator.store.postgres.store` runs each function here inside one transaction on a
pooled connection; every function takes the connection first and answers the store's
records, built by the shared `emulator.store.rows`. Values go to the server as bound
parameters (ids as ``uuid``, moments as ``timestamptz``); the few identifiers that vary
(a status's timestamp column, optional filters) are composed with `psycopg.sql`.

Rows that decide an order are locked for the rest of the transaction: a job's row while
its status changes (two reports of one job never both pass the lifecycle check), and a
router's row while a job is added to it (per router, submission order is commit order,
so the engine never sees a later job before an earlier one).
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Mapping
from datetime import datetime
from uuid import UUID

from psycopg import sql
from psycopg.errors import ForeignKeyViolation, LockNotAvailable, UniqueViolation
from psycopg.rows import DictRow

from tikjobs.contracts.api import JobStatus
from tikjobs.contracts.tunnel import RouterFacts
from tikjobs.emulator.exceptions import (
    AlreadyExists,
    BackupNotFound,
    CustomerNotFound,
    JobNotFound,
    RouterNotFound,
    StoreError,
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
from tikjobs.emulator.store.postgres import outbox
from tikjobs.emulator.store.postgres.connection import (
    Connection,
    execute,
    fetch_all,
    fetch_one,
    where,
)

# -- everything -----------------------------------------------------------------------

RESET_PATIENCE = 10.0
"""Seconds a reset keeps trying to take every table (waiting up to 200 ms for each)."""


async def reset(connection: Connection) -> None:
    """Empty every table at once, seen by no other transaction half done.

    The reset takes every table for itself first. Other transactions lock tables in
    orders of their own (a foreign key check locks the parent after the child), so
    rather than wait and risk a deadlock the reset waits briefly for each table, and on
    a timeout rolls back to before its first lock, releasing them all, and tries again.
    Rows are deleted rather than truncated: on the emulator's small tables that costs a
    fraction of rewriting every table's files.
    """
    tables = sql.SQL(", ").join(sql.Identifier(table) for table in rules.STATE_TABLES)
    await connection.execute("SET LOCAL lock_timeout = '200ms'")
    deadline = asyncio.get_running_loop().time() + RESET_PATIENCE
    while asyncio.get_running_loop().time() < deadline:
        try:
            async with connection.transaction():
                await connection.execute(
                    sql.SQL("LOCK TABLE {} IN ACCESS EXCLUSIVE MODE").format(tables)
                )
        except LockNotAvailable:
            await asyncio.sleep(0.05)
            continue
        for table in rules.STATE_TABLES:
            await connection.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier(table)))
        return
    raise StoreError("the database stayed too busy to reset; nothing was deleted")


# -- customers and keys ---------------------------------------------------------------


async def create_customer(
    connection: Connection, customer_id: UUID, name: str, webhook_secret: str, at: datetime
) -> CustomerRecord:
    try:
        row = await fetch_one(
            connection,
            "INSERT INTO customers (id, name, webhook_secret, created_at)"
            " VALUES (%s, %s, %s, %s) RETURNING *",
            customer_id,
            name,
            webhook_secret,
            rules.utc(at),
        )
    except UniqueViolation:
        raise AlreadyExists(f"customer {customer_id} already exists") from None
    assert row is not None  # noqa: S101 - INSERT ... RETURNING answers the row
    return rows.customer(row)


async def get_customer(connection: Connection, customer_id: UUID) -> CustomerRecord | None:
    row = await fetch_one(connection, "SELECT * FROM customers WHERE id = %s", customer_id)
    return None if row is None else rows.customer(row)


async def _require_customer(connection: Connection, customer_id: UUID) -> None:
    if await fetch_one(connection, "SELECT 1 FROM customers WHERE id = %s", customer_id) is None:
        raise CustomerNotFound(f"no customer {customer_id}")


async def create_api_key(
    connection: Connection,
    token_id: UUID,
    customer_id: UUID,
    secret_hash: str,
    at: datetime,
    rate_limit: int | None = None,
) -> ApiKeyRecord:
    await _require_customer(connection, customer_id)
    try:
        row = await fetch_one(
            connection,
            "INSERT INTO api_keys (token_id, customer_id, secret_hash, rate_limit, created_at)"
            " VALUES (%s, %s, %s, %s, %s) RETURNING *",
            token_id,
            customer_id,
            secret_hash,
            rate_limit,
            rules.utc(at),
        )
    except UniqueViolation:
        raise AlreadyExists(f"API key {token_id} already exists") from None
    except ForeignKeyViolation:
        raise CustomerNotFound(f"no customer {customer_id}") from None
    assert row is not None  # noqa: S101 - INSERT ... RETURNING answers the row
    return rows.api_key(row)


async def get_api_key(connection: Connection, token_id: UUID) -> ApiKeyRecord | None:
    row = await fetch_one(connection, "SELECT * FROM api_keys WHERE token_id = %s", token_id)
    return None if row is None else rows.api_key(row)


# -- routers --------------------------------------------------------------------------


async def create_router(
    connection: Connection,
    router_id: UUID,
    customer_id: UUID,
    token_hash: str,
    at: datetime,
    poll_interval: float = DEFAULT_POLL_INTERVAL,
) -> RouterRecord:
    await _require_customer(connection, customer_id)
    try:
        row = await fetch_one(
            connection,
            "INSERT INTO routers (id, customer_id, token_hash, poll_interval, created_at)"
            " VALUES (%s, %s, %s, %s, %s) RETURNING *",
            router_id,
            customer_id,
            token_hash,
            poll_interval,
            rules.utc(at),
        )
    except UniqueViolation:
        raise AlreadyExists(f"router {router_id} (or its token) already exists") from None
    except ForeignKeyViolation:
        raise CustomerNotFound(f"no customer {customer_id}") from None
    assert row is not None  # noqa: S101 - INSERT ... RETURNING answers the row
    return rows.router(row)


ROUTERS_AS_SEEN = (
    "SELECT routers.*, EXISTS (SELECT 1 FROM tunnel_holders AS h"
    " LEFT JOIN replicas AS r ON r.id = h.replica_id"
    " WHERE h.router_id = routers.id AND (r.id IS NULL OR r.expires_at <= now()))"
    " AS holder_dead FROM routers"
)
"""Routers with whether the replica recorded as holding its tunnel is dead (its lease ran
out, and no live replica has swept it yet)."""


def _router_as_seen(row: DictRow) -> RouterRecord:
    """A router as a client is told: not online once its tunnel's holder is dead, though
    the sweep that marks it offline has not run yet."""
    return rows.router({**row, "online": row["online"] and not row["holder_dead"]})


async def get_router(connection: Connection, router_id: UUID) -> RouterRecord | None:
    row = await fetch_one(connection, ROUTERS_AS_SEEN + " WHERE routers.id = %s", router_id)
    return None if row is None else _router_as_seen(row)


async def _lock_router(connection: Connection, router_id: UUID) -> None:
    """`RouterNotFound`, or the router's row locked until the transaction ends."""
    found = await fetch_one(
        connection, "SELECT 1 FROM routers WHERE id = %s FOR NO KEY UPDATE", router_id
    )
    if found is None:
        raise RouterNotFound(f"no router {router_id}")


async def find_router_by_token_hash(connection: Connection, token_hash: str) -> RouterRecord | None:
    row = await fetch_one(connection, "SELECT * FROM routers WHERE token_hash = %s", token_hash)
    return None if row is None else rows.router(row)


async def list_routers(
    connection: Connection, customer_id: UUID | None = None
) -> list[RouterRecord]:
    clause, params = where(customer_id=customer_id)
    found = await fetch_all(
        connection,
        sql.SQL(ROUTERS_AS_SEEN + " WHERE {} ORDER BY created_at, position").format(clause),
        *params,
    )
    return [_router_as_seen(row) for row in found]


async def update_router_facts(
    connection: Connection, router_id: UUID, facts: RouterFacts
) -> RouterRecord:
    row = await fetch_one(
        connection,
        "UPDATE routers SET identity = %s, serial_number = %s, software_version = %s,"
        " model = %s, board_name = %s, uptime = %s WHERE id = %s RETURNING *",
        facts.identity,
        facts.serial_number,
        facts.software_version,
        facts.model,
        facts.board_name,
        facts.uptime,
        router_id,
    )
    if row is None:
        raise RouterNotFound(f"no router {router_id}")
    return rows.router(row)


async def set_router_online(
    connection: Connection, router_id: UUID, online: bool, at: datetime
) -> None:
    changed = await execute(
        connection,
        "UPDATE routers SET online = %s, last_seen = %s WHERE id = %s",
        online,
        rules.utc(at),
        router_id,
    )
    if changed == 0:
        raise RouterNotFound(f"no router {router_id}")


async def touch_routers(connection: Connection, moments: Mapping[UUID, datetime]) -> None:
    async with connection.cursor() as cursor:
        await cursor.executemany(
            "UPDATE routers SET last_seen = %(at)s WHERE id = %(id)s"
            " AND (last_seen IS NULL OR last_seen < %(at)s)",
            [{"at": rules.utc(at), "id": router_id} for router_id, at in moments.items()],
        )


async def set_poll_interval(
    connection: Connection, router_id: UUID, seconds: float
) -> RouterRecord:
    rules.check_poll_interval(seconds)
    row = await fetch_one(
        connection,
        "UPDATE routers SET poll_interval = %s WHERE id = %s RETURNING *",
        seconds,
        router_id,
    )
    if row is None:
        raise RouterNotFound(f"no router {router_id}")
    return rows.router(row)


async def mark_all_routers_offline(connection: Connection) -> None:
    # Routers whose tunnel a live replica holds stay online: this emulator starting
    # ends no other replica's tunnel.
    await execute(
        connection,
        "UPDATE routers SET online = FALSE WHERE online AND NOT EXISTS ("
        " SELECT 1 FROM tunnel_holders AS h JOIN replicas AS r ON r.id = h.replica_id"
        " WHERE h.router_id = routers.id AND r.expires_at > now())",
    )


# -- jobs -----------------------------------------------------------------------------


async def create_job(
    connection: Connection, job: NewJob, idempotency: IdempotencyOutcome | None = None
) -> JobRecord:
    created_at = rules.utc(job.created_at)
    await _lock_router(connection, job.router_id)
    try:
        row = await fetch_one(
            connection,
            "INSERT INTO jobs (id, router_id, customer_id, request_id, idempotency_key,"
            " token, description, script, make_backup, express_execute,"
            " needs_acknowledgement, notify_url, created_at, timeout, status,"
            " rollback_after, rollback_check)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
            " RETURNING *",
            job.id,
            job.router_id,
            job.customer_id,
            job.request_id,
            job.idempotency_key,
            job.token,
            job.description,
            job.script,
            job.make_backup,
            job.express_execute,
            job.needs_acknowledgement,
            job.notify_url,
            created_at,
            job.timeout,
            JobStatus.PENDING.value,
            job.rollback_after,
            job.rollback_check,
        )
    except UniqueViolation:
        raise AlreadyExists(f"job {job.id} already exists") from None
    assert row is not None  # noqa: S101 - INSERT ... RETURNING answers the row
    if idempotency is not None:
        await finish_idempotent(connection, idempotency)
    return rows.job(row)


async def submit_job(
    connection: Connection,
    job: NewJob,
    idempotency: IdempotencyOutcome | None = None,
    request_hash: str = "",
) -> JobRecord | IdempotencyRecord:
    if idempotency is not None:
        # A concurrent first request with the same key holds its row until it commits:
        # this one waits for it, then answers its record.
        taken = await begin_idempotent(
            connection, idempotency.customer_id, idempotency.key, request_hash, job.created_at
        )
        if taken is not None:
            return taken
    return await create_job(connection, job, idempotency)


async def get_job(connection: Connection, job_id: UUID) -> JobRecord | None:
    row = await fetch_one(connection, "SELECT * FROM jobs WHERE id = %s", job_id)
    return None if row is None else rows.job(row)


_LISTED = sql.SQL(", ").join(map(sql.Identifier, rows.LISTED_JOB_COLUMNS))


async def job_listing(
    connection: Connection,
    router_id: UUID,
    status: JobStatus | None = None,
    limit: int = 50,
    offset: int = 0,
) -> JobListing:
    clause, params = where(router_id=router_id, status=None if status is None else status.value)
    total_row = await fetch_one(
        connection,
        sql.SQL("SELECT coalesce(sum(total), 0) AS total FROM router_job_counts WHERE {}").format(
            clause
        ),
        *params,
    )
    found = await fetch_all(
        connection,
        sql.SQL("SELECT {} FROM jobs WHERE {} ORDER BY position DESC LIMIT %s OFFSET %s").format(
            _LISTED, clause
        ),
        *params,
        max(limit, 0),
        max(offset, 0),
    )
    total = 0 if total_row is None else int(total_row["total"])
    return JobListing(jobs=[rows.listed_job(row) for row in found], total=total)


async def unfinished_jobs(
    connection: Connection, router_id: UUID | None = None, limit: int | None = None
) -> list[JobRecord]:
    clause, params = where(router_id=router_id)
    found = await fetch_all(
        connection,
        sql.SQL("SELECT * FROM jobs WHERE {} AND {} ORDER BY position LIMIT %s").format(
            sql.SQL(rules.UNFINISHED_SQL),
            clause,
        ),
        *params,
        limit,
    )
    return [rows.job(row) for row in found]


async def transition(
    connection: Connection,
    job_id: UUID,
    new_status: JobStatus,
    at: datetime,
    output: str | None = None,
    error: str | None = None,
    lease: float | None = None,
) -> TransitionResult:
    moment = rules.utc(at)
    row = await fetch_one(
        connection, "SELECT status FROM jobs WHERE id = %s FOR NO KEY UPDATE", job_id
    )
    if row is None:
        raise JobNotFound(f"no job {job_id}")
    rules.check_transition(job_id, JobStatus(row["status"]), new_status)
    changed = await fetch_one(
        connection,
        sql.SQL(
            "UPDATE jobs SET status = %s, {} = %s, output = coalesce(%s, output),"
            " error = coalesce(%s, error) WHERE id = %s RETURNING *"
        ).format(sql.Identifier(rules.STAMP_FOR[new_status])),
        new_status.value,
        moment,
        output,
        error,
        job_id,
    )
    assert changed is not None  # noqa: S101 - the row is locked by this transaction
    job = rows.job(changed)
    if job.notify_url is None:
        return TransitionResult(job=job)
    notification, claimed = await outbox.enqueue_notification(connection, job, moment, lease)
    return TransitionResult(job=job, notification=notification, claimed=claimed)


async def mark_job_offered(connection: Connection, job_id: UUID, at: datetime) -> None:
    changed = await execute(
        connection, "UPDATE jobs SET offered_at = %s WHERE id = %s", rules.utc(at), job_id
    )
    if changed == 0:
        raise JobNotFound(f"no job {job_id}")


# -- idempotency ----------------------------------------------------------------------


_CLAIM_ATTEMPTS = 5


async def begin_idempotent(
    connection: Connection, customer_id: UUID, key: str, request_hash: str, at: datetime
) -> IdempotencyRecord | None:
    moment = rules.utc(at)
    for _ in range(_CLAIM_ATTEMPTS):
        claimed = await fetch_one(
            connection,
            "INSERT INTO idempotency (customer_id, key, request_hash, state, created_at)"
            " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (customer_id, key) DO NOTHING"
            " RETURNING key",
            customer_id,
            key,
            request_hash,
            IdempotencyState.IN_FLIGHT.value,
            moment,
        )
        if claimed is not None:
            return None
        row = await fetch_one(
            connection,
            "SELECT * FROM idempotency WHERE customer_id = %s AND key = %s",
            customer_id,
            key,
        )
        if row is not None:
            return rows.idempotency(row)
        # The holder released the key between the two statements: claim it again.
    raise StoreError(f"idempotency key {key!r} kept changing hands; try again")


async def finish_idempotent(connection: Connection, outcome: IdempotencyOutcome) -> None:
    changed = await execute(
        connection,
        "UPDATE idempotency SET state = %s, status_code = %s, response = %s"
        " WHERE customer_id = %s AND key = %s",
        IdempotencyState.DONE.value,
        outcome.status_code,
        outcome.response,
        outcome.customer_id,
        outcome.key,
    )
    if changed == 0:
        raise ValueError(f"idempotency key {outcome.key!r} was never begun")


async def release_idempotent(connection: Connection, customer_id: UUID, key: str) -> None:
    await execute(
        connection,
        "DELETE FROM idempotency WHERE customer_id = %s AND key = %s AND state = %s",
        customer_id,
        key,
        IdempotencyState.IN_FLIGHT.value,
    )


async def release_in_flight_idempotency(connection: Connection) -> int:
    return await execute(
        connection, "DELETE FROM idempotency WHERE state = %s", IdempotencyState.IN_FLIGHT.value
    )


async def purge_idempotency(connection: Connection, older_than: datetime) -> int:
    return await execute(
        connection, "DELETE FROM idempotency WHERE created_at < %s", rules.utc(older_than)
    )


# -- backups --------------------------------------------------------------------------


async def add_backup(
    connection: Connection,
    backup_id: UUID,
    router_id: UUID,
    job_id: UUID | None,
    name: str,
    kind: BackupKind,
    content: bytes,
    at: datetime,
) -> BackupRecord:
    moment = rules.utc(at)
    if await get_router(connection, router_id) is None:
        raise RouterNotFound(f"no router {router_id}")
    try:
        row = await fetch_one(
            connection,
            "INSERT INTO backups (id, router_id, job_id, name, kind, size, sha256, content,"
            " created_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
            " RETURNING id, router_id, job_id, name, kind, size, sha256, created_at",
            backup_id,
            router_id,
            job_id,
            name,
            kind,
            len(content),
            hashlib.sha256(content).hexdigest(),
            content,
            moment,
        )
    except UniqueViolation:
        raise AlreadyExists(f"backup {backup_id} already exists") from None
    except ForeignKeyViolation:
        raise RouterNotFound(f"no router {router_id}") from None
    assert row is not None  # noqa: S101 - INSERT ... RETURNING answers the row
    return rows.backup(row)


async def list_backups(
    connection: Connection, router_id: UUID | None = None, job_id: UUID | None = None
) -> list[BackupRecord]:
    clause, params = where(router_id=router_id, job_id=job_id)
    found = await fetch_all(
        connection,
        sql.SQL(
            "SELECT id, router_id, job_id, name, kind, size, sha256, created_at"
            " FROM backups WHERE {} ORDER BY created_at, position"
        ).format(clause),
        *params,
    )
    return [rows.backup(row) for row in found]


async def read_backup(connection: Connection, backup_id: UUID) -> bytes:
    row = await fetch_one(connection, "SELECT content FROM backups WHERE id = %s", backup_id)
    if row is None:
        raise BackupNotFound(f"no backup {backup_id}")
    return bytes(row["content"])
