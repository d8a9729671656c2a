"""How the SQLite store writes values and reads rows back as the store's records.

Moments are fixed-width ISO 8601 text in UTC, booleans 0/1, ids canonical UUID text; each
function here turns one table's row into its record from `emulator.store.base`, and
`fetch_one`/`fetch_all` run a query with its parameters.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any, cast
from uuid import UUID

from contracts.api import JobStatus
from emulator.store.base import (
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

Row = sqlite3.Row


def fetch_one(connection: sqlite3.Connection, sql: str, *params: Any) -> Row | None:
    """The first row ``sql`` answers, if any."""
    return cast(Row | None, connection.execute(sql, params).fetchone())


def fetch_all(connection: sqlite3.Connection, sql: str, *params: Any) -> list[Row]:
    """Every row ``sql`` answers."""
    return connection.execute(sql, params).fetchall()


# -- values ---------------------------------------------------------------------------


def moment(value: datetime) -> str:
    """A timezone-aware moment as stored: UTC, fixed width, sortable as text."""
    if value.tzinfo is None:
        raise ValueError("the store takes timezone-aware moments only")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def moment_or_none(value: datetime | None) -> str | None:
    return None if value is None else moment(value)


def read_moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def read_required_moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


# -- rows to records ------------------------------------------------------------------


def customer(row: Row) -> CustomerRecord:
    return CustomerRecord(
        id=UUID(row["id"]),
        name=row["name"],
        webhook_secret=row["webhook_secret"],
        created_at=read_required_moment(row["created_at"]),
    )


def api_key(row: Row) -> ApiKeyRecord:
    return ApiKeyRecord(
        token_id=UUID(row["token_id"]),
        customer_id=UUID(row["customer_id"]),
        secret_hash=row["secret_hash"],
        rate_limit=row["rate_limit"],
        created_at=read_required_moment(row["created_at"]),
    )


def router(row: Row) -> RouterRecord:
    return RouterRecord(
        id=UUID(row["id"]),
        customer_id=UUID(row["customer_id"]),
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
        id=UUID(row["id"]),
        router_id=UUID(row["router_id"]),
        customer_id=UUID(row["customer_id"]),
        request_id=UUID(row["request_id"]),
        idempotency_key=UUID(row["idempotency_key"]),
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
    )


def idempotency(row: Row) -> IdempotencyRecord:
    return IdempotencyRecord(
        customer_id=UUID(row["customer_id"]),
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
        job_id=UUID(row["job_id"]),
        customer_id=UUID(row["customer_id"]),
        router_id=UUID(row["router_id"]),
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
        job_id=UUID(row["job_id"]),
        customer_id=UUID(row["customer_id"]),
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
        id=UUID(row["id"]),
        router_id=UUID(row["router_id"]),
        job_id=None if row["job_id"] is None else UUID(row["job_id"]),
        name=row["name"],
        kind=cast(BackupKind, row["kind"]),
        size=row["size"],
        sha256=row["sha256"],
        created_at=read_required_moment(row["created_at"]),
    )
