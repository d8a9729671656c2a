"""The SQLite store: the embedded `Store`, one database file, one dedicated thread.

How this works
--------------
`SqliteStore.open` creates a single-thread executor and opens the connection on that
thread; every operation afterwards runs there, one at a time, so the event loop never
waits on the disk and SQLite never sees two threads. The database runs in WAL mode with
``synchronous=FULL``: a write has reached the disk when its method returns, which is what
lets the API answer 2xx only for durable state. Writes run in ``BEGIN IMMEDIATE``
transactions and roll back whole on any error. The SQL itself lives in
`emulator.store.queries`, the schema in `emulator.store.migrations`. sqlite3 errors are
translated here into `emulator.exceptions.StoreError`.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar
from uuid import UUID

from contracts.api import JobStatus
from contracts.tunnel import RouterFacts
from emulator.exceptions import EmulatorError, StoreError
from emulator.store import outbox, queries, rows
from emulator.store.base import (
    DEFAULT_POLL_INTERVAL,
    ApiKeyRecord,
    BackupKind,
    BackupRecord,
    CustomerRecord,
    DeliveryRecord,
    IdempotencyOutcome,
    IdempotencyRecord,
    JobPage,
    JobRecord,
    NewJob,
    NotificationRecord,
    RouterRecord,
    Store,
    TransitionResult,
)
from emulator.store.migrations import MIGRATIONS, Migration, pending

P = ParamSpec("P")
T = TypeVar("T")

Operation = Callable[Concatenate[sqlite3.Connection, P], T]


def _connect(path: str) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None, timeout=30.0)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA busy_timeout = 30000")
    return connection


def _migrate(connection: sqlite3.Connection, migrations: Sequence[Migration]) -> int:
    connection.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, summary TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    row = connection.execute("SELECT max(version) FROM schema_migrations").fetchone()
    current = int(row[0] or 0)
    for migration in pending(migrations, current):
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in migration.statements:
                connection.execute(statement)
            connection.execute(
                "INSERT INTO schema_migrations (version, summary, applied_at) VALUES (?, ?, ?)",
                (migration.number, migration.summary, rows.moment(datetime.now(UTC))),
            )
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        current = migration.number
    return current


class SqliteStore:
    """`Store` over one SQLite database file; create it with `SqliteStore.open`."""

    def __init__(
        self, executor: ThreadPoolExecutor, connection: sqlite3.Connection, path: str
    ) -> None:
        self._executor = executor
        self._connection = connection
        self._closed = False
        self.path = path

    @classmethod
    async def open(
        cls, path: str | Path, migrations: Sequence[Migration] = MIGRATIONS
    ) -> SqliteStore:
        """Open (or create) the database at ``path`` and bring its schema up to date.

        `SchemaTooNew` when the file was written by a newer emulator; `StoreError` when
        it cannot be opened.
        """
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tikjobs-store")
        location = str(path)

        def prepare() -> sqlite3.Connection:
            connection = _connect(location)
            try:
                _migrate(connection, migrations)
            except BaseException:
                connection.close()
                raise
            return connection

        try:
            connection = await _on(executor, prepare)
        except BaseException:
            executor.shutdown(wait=False)
            raise
        return cls(executor, connection, location)

    async def schema_version(self) -> int:
        """The highest migration applied to this database."""

        def read(connection: sqlite3.Connection) -> int:
            row = connection.execute("SELECT max(version) FROM schema_migrations").fetchone()
            return int(row[0] or 0)

        return await self._read(read)

    async def _read(self, operation: Operation[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        if self._closed:
            raise StoreError("the store is closed")
        return await _on(self._executor, partial(operation, self._connection, *args, **kwargs))

    async def _write(self, operation: Operation[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        if self._closed:
            raise StoreError("the store is closed")
        connection = self._connection

        def in_transaction() -> T:
            connection.execute("BEGIN IMMEDIATE")
            try:
                result = operation(connection, *args, **kwargs)
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
            return result

        return await _on(self._executor, in_transaction)

    # -- lifecycle --------------------------------------------------------------------

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            await _on(self._executor, self._connection.close)
        finally:
            self._executor.shutdown(wait=False)

    async def reset(self) -> None:
        await self._write(queries.reset)

    # -- customers and API keys ------------------------------------------------------

    async def create_customer(
        self, customer_id: UUID, name: str, webhook_secret: str, at: datetime
    ) -> CustomerRecord:
        return await self._write(queries.create_customer, customer_id, name, webhook_secret, at)

    async def get_customer(self, customer_id: UUID) -> CustomerRecord | None:
        return await self._read(queries.get_customer, customer_id)

    async def create_api_key(
        self,
        token_id: UUID,
        customer_id: UUID,
        secret_hash: str,
        at: datetime,
        rate_limit: int | None = None,
    ) -> ApiKeyRecord:
        return await self._write(
            queries.create_api_key, token_id, customer_id, secret_hash, at, rate_limit
        )

    async def get_api_key(self, token_id: UUID) -> ApiKeyRecord | None:
        return await self._read(queries.get_api_key, token_id)

    # -- routers -----------------------------------------------------------------------

    async def create_router(
        self,
        router_id: UUID,
        customer_id: UUID,
        token_hash: str,
        at: datetime,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
    ) -> RouterRecord:
        return await self._write(
            queries.create_router, router_id, customer_id, token_hash, at, poll_interval
        )

    async def get_router(self, router_id: UUID) -> RouterRecord | None:
        return await self._read(queries.get_router, router_id)

    async def find_router_by_token_hash(self, token_hash: str) -> RouterRecord | None:
        return await self._read(queries.find_router_by_token_hash, token_hash)

    async def list_routers(self, customer_id: UUID | None = None) -> list[RouterRecord]:
        return await self._read(queries.list_routers, customer_id)

    async def update_router_facts(self, router_id: UUID, facts: RouterFacts) -> RouterRecord:
        return await self._write(queries.update_router_facts, router_id, facts)

    async def set_router_online(self, router_id: UUID, online: bool, at: datetime) -> None:
        await self._write(queries.set_router_online, router_id, online, at)

    async def touch_router(self, router_id: UUID, at: datetime) -> None:
        await self._write(queries.touch_router, router_id, at)

    async def set_poll_interval(self, router_id: UUID, seconds: float) -> RouterRecord:
        return await self._write(queries.set_poll_interval, router_id, seconds)

    async def mark_all_routers_offline(self) -> None:
        await self._write(queries.mark_all_routers_offline)

    # -- jobs --------------------------------------------------------------------------

    async def create_job(
        self, job: NewJob, idempotency: IdempotencyOutcome | None = None
    ) -> JobRecord:
        return await self._write(queries.create_job, job, idempotency)

    async def get_job(self, job_id: UUID) -> JobRecord | None:
        return await self._read(queries.get_job, job_id)

    async def list_jobs(
        self,
        router_id: UUID,
        status: JobStatus | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> JobPage:
        return await self._read(queries.list_jobs, router_id, status, limit, offset)

    async def unfinished_jobs(self, router_id: UUID | None = None) -> list[JobRecord]:
        return await self._read(queries.unfinished_jobs, router_id)

    async def transition(
        self,
        job_id: UUID,
        new_status: JobStatus,
        at: datetime,
        output: str | None = None,
        error: str | None = None,
    ) -> TransitionResult:
        return await self._write(queries.transition, job_id, new_status, at, output, error)

    async def mark_job_offered(self, job_id: UUID, at: datetime) -> None:
        await self._write(queries.mark_job_offered, job_id, at)

    # -- idempotency -------------------------------------------------------------------

    async def begin_idempotent(
        self, customer_id: UUID, key: str, request_hash: str, at: datetime
    ) -> IdempotencyRecord | None:
        return await self._write(queries.begin_idempotent, customer_id, key, request_hash, at)

    async def finish_idempotent(self, outcome: IdempotencyOutcome) -> None:
        await self._write(queries.finish_idempotent, outcome)

    async def release_idempotent(self, customer_id: UUID, key: str) -> None:
        await self._write(queries.release_idempotent, customer_id, key)

    async def release_in_flight_idempotency(self) -> int:
        return await self._write(queries.release_in_flight_idempotency)

    async def purge_idempotency(self, older_than: datetime) -> int:
        return await self._write(queries.purge_idempotency, older_than)

    # -- notification outbox and delivery log -----------------------------------------

    async def claim_due_notifications(
        self, now: datetime, limit: int, lease: float = 60.0
    ) -> list[NotificationRecord]:
        return await self._write(outbox.claim_due_notifications, now, limit, lease)

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
        return await self._write(
            outbox.record_delivery_attempt,
            notification_id,
            at,
            status_code,
            error,
            delivered,
            next_attempt_at,
            duration,
        )

    async def get_notification(self, notification_id: int) -> NotificationRecord | None:
        return await self._read(outbox.get_notification, notification_id)

    async def list_notifications(
        self, job_id: UUID | None = None, customer_id: UUID | None = None
    ) -> list[NotificationRecord]:
        return await self._read(outbox.list_notifications, job_id, customer_id)

    async def list_deliveries(
        self,
        customer_id: UUID | None = None,
        job_id: UUID | None = None,
        limit: int = 100,
    ) -> list[DeliveryRecord]:
        return await self._read(outbox.list_deliveries, customer_id, job_id, limit)

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
        return await self._write(
            queries.add_backup, backup_id, router_id, job_id, name, kind, content, at
        )

    async def list_backups(
        self, router_id: UUID | None = None, job_id: UUID | None = None
    ) -> list[BackupRecord]:
        return await self._read(queries.list_backups, router_id, job_id)

    async def read_backup(self, backup_id: UUID) -> bytes:
        return await self._read(queries.read_backup, backup_id)


async def _on(executor: ThreadPoolExecutor, call: Callable[[], T]) -> T:
    """Run ``call`` on the store's thread, translating sqlite3's errors."""
    loop = asyncio.get_running_loop()
    try:
        return await loop.run_in_executor(executor, call)
    except EmulatorError:
        raise
    except sqlite3.Error as error:
        raise StoreError(f"database error: {error}") from error


if TYPE_CHECKING:
    _implements: type[Store] = SqliteStore
