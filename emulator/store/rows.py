"""How the stores write values and read rows back as the store's records.

SQLite keeps moments as fixed-width ISO 8601 text in UTC, booleans as 0/1 and ids as
canonical UUID text; PostgreSQL keeps them as ``timestamptz``, ``boolean`` and ``uuid``.
Each function here turns one table's row (an `sqlite3.Row` or a PostgreSQL dict row)
into its record from `emulator.store.base`, reading either form, so both stores build
their records the same way. `fetch_one`/`fetch_all` run an SQLite query with its
parameters.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from functools import lru_cache
from typing import Any, Protocol, cast
from uuid import UUID

from tikjobs.contracts.api import Job, JobStatus
from tikjobs.contracts.timestamps import format_timestamp
from tikjobs.emulator.store.base import (
    ApiKeyRecord,
    BackupKind,
    BackupRecord,
    CustomerRecord,
    DeliveryRecord,
    IdempotencyRecord,
    IdempotencyState,
    JobRecord,
    NotificationRecord,
    NotificationState,
    RouterRecord,
)
from tikjobs.emulator.store.rules import utc


class Row(Protocol):
    """A row whose columns are read by name: `sqlite3.Row` or a psycopg dict row."""

    def __getitem__(self, column: str, /) -> Any: ...


def fetch_one(connection: sqlite3.Connection, sql: str, *params: Any) -> sqlite3.Row | None:
    """The first row ``sql`` answers, if any."""
    return cast(sqlite3.Row | None, connection.execute(sql, params).fetchone())


def fetch_all(connection: sqlite3.Connection, sql: str, *params: Any) -> list[sqlite3.Row]:
    """Every row ``sql`` answers."""
    return connection.execute(sql, params).fetchall()


# -- values ---------------------------------------------------------------------------

_STORED_WIDTH = len("2026-01-01T00:00:00.000000+00:00")
"""The length of a moment as `moment` writes it."""


def moment(value: datetime) -> str:
    """A timezone-aware moment as SQLite stores it: UTC, fixed width, sortable as text."""
    return utc(value).isoformat(timespec="microseconds")


def moment_or_none(value: datetime | None) -> str | None:
    return None if value is None else moment(value)


def read_moment(value: str | datetime | None) -> datetime | None:
    return None if value is None else read_required_moment(value)


def read_required_moment(value: str | datetime) -> datetime:
    """A stored moment (SQLite text or a PostgreSQL ``timestamptz``) in UTC."""
    return utc(value if isinstance(value, datetime) else datetime.fromisoformat(value))


def seed_moment(value: str | datetime | None) -> str | None:
    """A stored moment as the seed writes it (UTC, whole seconds, ``+00:00``), for an
    answer written straight from a row. SQLite's fixed-width text is cut to the second,
    which is what formatting the parsed moment gives; other text is parsed."""
    if value is None:
        return None
    if isinstance(value, str) and len(value) == _STORED_WIDTH and value.endswith("+00:00"):
        return value[:19] + "+00:00"
    return format_timestamp(read_required_moment(value))


def read_uuid(value: str | UUID) -> UUID:
    """A stored id (SQLite text or a PostgreSQL ``uuid``)."""
    return value if isinstance(value, UUID) else _parsed_uuid(value)


@lru_cache(maxsize=4096)
def _parsed_uuid(text: str) -> UUID:
    """The id that SQLite's text spells. The same ids come back row after row (a
    customer's, its routers', a job's and its notifications' while the job moves), and a
    lookup costs a fifteenth of parsing; a `UUID` cannot change, so one may be shared."""
    return UUID(text)


# -- rows to records ------------------------------------------------------------------


def customer(row: Row) -> CustomerRecord:
    return CustomerRecord(
        id=read_uuid(row["id"]),
        name=row["name"],
        webhook_secret=row["webhook_secret"],
        created_at=read_required_moment(row["created_at"]),
    )


def api_key(row: Row) -> ApiKeyRecord:
    return ApiKeyRecord(
        token_id=read_uuid(row["token_id"]),
        customer_id=read_uuid(row["customer_id"]),
        secret_hash=row["secret_hash"],
        rate_limit=row["rate_limit"],
        created_at=read_required_moment(row["created_at"]),
    )


def router(row: Row) -> RouterRecord:
    return RouterRecord(
        id=read_uuid(row["id"]),
        customer_id=read_uuid(row["customer_id"]),
        token_hash=row["token_hash"],
        poll_interval=row["poll_interval"],
        online=bool(row["online"]),
        last_seen=read_moment(row["last_seen"]),
        created_at=read_required_moment(row["created_at"]),
        identity=row["identity"],
        serial_number=row["serial_number"],
        software_version=row["software_version"],
        model=row["model"],
        board_name=row["board_name"],
        uptime=row["uptime"],
    )


def job(row: Row) -> JobRecord:
    return JobRecord(
        id=read_uuid(row["id"]),
        router_id=read_uuid(row["router_id"]),
        customer_id=read_uuid(row["customer_id"]),
        request_id=read_uuid(row["request_id"]),
        idempotency_key=read_uuid(row["idempotency_key"]),
        token=row["token"],
        description=row["description"],
        script=row["script"],
        make_backup=bool(row["make_backup"]),
        express_execute=bool(row["express_execute"]),
        needs_acknowledgement=bool(row["needs_acknowledgement"]),
        notify_url=row["notify_url"],
        created_at=read_required_moment(row["created_at"]),
        timeout=row["timeout"],
        status=JobStatus(row["status"]),
        position=row["position"],
        started_at=read_moment(row["started_at"]),
        running_at=read_moment(row["running_at"]),
        completed_at=read_moment(row["completed_at"]),
        failed_at=read_moment(row["failed_at"]),
        deleted_at=read_moment(row["deleted_at"]),
        offered_at=read_moment(row["offered_at"]),
        output=row["output"],
        error=row["error"],
        rollback_after=row["rollback_after"],
        rollback_check=row["rollback_check"],
    )


LISTED_JOB_COLUMNS = tuple(Job.model_fields)
"""The columns a job list reads, in the order of `contracts.api.Job`'s fields."""


def listed_job(row: Row) -> dict[str, Any]:
    """A row of `LISTED_JOB_COLUMNS` as the job list's JSON object (see `JobListing`)."""
    return {
        "id": str(row["id"]),
        "token": row["token"],
        "idempotency_key": str(row["idempotency_key"]),
        "description": row["description"],
        "express_execute": bool(row["express_execute"]),
        "needs_acknowledgement": bool(row["needs_acknowledgement"]),
        "make_backup": bool(row["make_backup"]),
        "started_at": seed_moment(row["started_at"]),
        "completed_at": seed_moment(row["completed_at"]),
        "failed_at": seed_moment(row["failed_at"]),
        "deleted_at": seed_moment(row["deleted_at"]),
        "status": str(row["status"]),
    }


def idempotency(row: Row) -> IdempotencyRecord:
    return IdempotencyRecord(
        customer_id=read_uuid(row["customer_id"]),
        key=row["key"],
        request_hash=row["request_hash"],
        state=IdempotencyState(row["state"]),
        created_at=read_required_moment(row["created_at"]),
        status_code=row["status_code"],
        response=row["response"],
    )


def notification(row: Row) -> NotificationRecord:
    return NotificationRecord(
        id=row["id"],
        seq_id=row["seq_id"],
        job_id=read_uuid(row["job_id"]),
        customer_id=read_uuid(row["customer_id"]),
        router_id=read_uuid(row["router_id"]),
        url=row["url"],
        status=JobStatus(row["status"]),
        payload=row["payload"],
        state=NotificationState(row["state"]),
        attempts=row["attempts"],
        next_attempt_at=read_moment(row["next_attempt_at"]),
        created_at=read_required_moment(row["created_at"]),
        delivered_at=read_moment(row["delivered_at"]),
        last_error=row["last_error"],
    )


def delivery(row: Row) -> DeliveryRecord:
    return DeliveryRecord(
        id=row["id"],
        notification_id=row["notification_id"],
        seq_id=row["seq_id"],
        job_id=read_uuid(row["job_id"]),
        customer_id=read_uuid(row["customer_id"]),
        url=row["url"],
        attempt=row["attempt"],
        at=read_required_moment(row["at"]),
        status_code=row["status_code"],
        error=row["error"],
        delivered=bool(row["delivered"]),
        duration=row["duration"],
    )


def backup(row: Row) -> BackupRecord:
    return BackupRecord(
        id=read_uuid(row["id"]),
        router_id=read_uuid(row["router_id"]),
        job_id=None if row["job_id"] is None else read_uuid(row["job_id"]),
        name=row["name"],
        kind=cast(BackupKind, row["kind"]),
        size=row["size"],
        sha256=row["sha256"],
        created_at=read_required_moment(row["created_at"]),
    )
