"""The PostgreSQL store: `Store` over a pool of async psycopg connections.

How this works
--------------
`PostgresStore.open` connects once to bring the schema up to date under a session-level
advisory lock (`emulator.store.postgres.schema.SCHEMA_LOCK`), so any number of
emulators may open one database at the same moment and each migration is applied once;
then it opens a small connection pool. Every operation borrows one connection and runs
its SQL (`emulator.store.postgres.queries`, `emulator.store.postgres.outbox`): a change
in one transaction that has committed when the method returns and rolls back whole on
any error, a read statement by statement, as SQLite's reads run. Connections are
checked before each use, so a restarted server costs no failed request, and a server
configured with ``synchronous_commit = off`` is overridden for the store's sessions: an
answered write is on disk. psycopg's and the pool's errors are translated here into
`emulator.exceptions.StoreError`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar
from uuid import UUID

import psycopg
from psycopg.errors import UndefinedTable
from psycopg.rows import DictRow, dict_row
from psycopg_pool import AsyncConnectionPool

from contracts.api import JobStatus
from contracts.tunnel import RouterFacts
from emulator.exceptions import StoreError
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
from emulator.store.location import PostgresUrl
from emulator.store.migrations import Migration, pending
from emulator.store.postgres import outbox, queries
from emulator.store.postgres.connection import Connection, fetch_one
from emulator.store.postgres.schema import LOCK_SPACE, MIGRATIONS, SCHEMA_LOCK

P = ParamSpec("P")
T = TypeVar("T")

Operation = Callable[Concatenate[Connection, P], Awaitable[T]]

CONNECT_TIMEOUT = 10
"""Seconds to wait for the server when no ``connect_timeout`` is in the URL."""
WAIT_FOR_CONNECTION = 15.0
"""Seconds an operation waits for a free (or re-established) pooled connection."""


async def _migrate(connection: Connection, migrations: Sequence[Migration]) -> int:
    """Apply what ``migrations`` has beyond the database's version; answers the version.

    An up-to-date database is only read. Otherwise the schema lock is taken and the
    version read again, so of two emulators starting at once one migrates and the
    other finds the work done.
    """
    current = await _version(connection)
    if not pending(migrations, current):
        return current
    await connection.execute("SELECT pg_advisory_lock(%s, %s)", (LOCK_SPACE, SCHEMA_LOCK))
    try:
        await connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version integer PRIMARY KEY, summary text NOT NULL,"
            " applied_at timestamptz NOT NULL)"
        )
        current = await _version(connection)
        for migration in pending(migrations, current):
            async with connection.transaction():
                for statement in migration.statements:
                    await connection.execute(statement)
                await connection.execute(
                    "INSERT INTO schema_migrations (version, summary, applied_at)"
                    " VALUES (%s, %s, %s)",
                    (migration.number, migration.summary, datetime.now(UTC)),
                )
            current = migration.number
        return current
    finally:
        await connection.execute("SELECT pg_advisory_unlock(%s, %s)", (LOCK_SPACE, SCHEMA_LOCK))


async def _version(connection: Connection) -> int:
    """The highest migration applied; 0 for a database the store has never opened."""
    try:
        row = await fetch_one(connection, "SELECT max(version) AS version FROM schema_migrations")
    except UndefinedTable:
        return 0
    return 0 if row is None or row["version"] is None else int(row["version"])


async def _durable_commits(connection: Connection) -> None:
    """Make this session's commits wait for the disk even where the server says not to."""
    await connection.execute(
        "SELECT set_config('synchronous_commit', 'on', false)"
        " WHERE current_setting('synchronous_commit') = 'off'"
    )


class PostgresStore:
    """`Store` over one PostgreSQL database (or schema); create it with `PostgresStore.open`."""

    def __init__(self, pool: AsyncConnectionPool[Connection], url: PostgresUrl) -> None:
        self._pool = pool
        self._closed = False
        self.url = url

    @classmethod
    async def open(
        cls,
        url: PostgresUrl | str,
        migrations: Sequence[Migration] = MIGRATIONS,
        *,
        max_connections: int = 8,
    ) -> PostgresStore:
        """Connect to the database at ``url``, bring its schema up to date, open the pool.

        `SchemaTooNew` when the database was written by a newer emulator; `StoreError`
        when the server cannot be reached or refuses.
        """
        location = url if isinstance(url, PostgresUrl) else PostgresUrl.parse(url)
        conninfo = location.conninfo(connect_timeout=CONNECT_TIMEOUT)
        try:
            connection = await psycopg.AsyncConnection.connect(
                conninfo, autocommit=True, row_factory=dict_row
            )
        except psycopg.Error as error:
            raise StoreError(f"cannot connect to PostgreSQL at {location}: {error}") from error
        try:
            async with connection:
                await _durable_commits(connection)
                await _migrate(connection, migrations)
        except psycopg.Error as error:
            raise StoreError(f"cannot prepare the database at {location}: {error}") from error
        pool: AsyncConnectionPool[Connection] = AsyncConnectionPool(
            conninfo,
            connection_class=psycopg.AsyncConnection[DictRow],
            kwargs={"autocommit": True, "row_factory": dict_row},
            min_size=1,
            max_size=max_connections,
            open=False,
            configure=_durable_commits,
            check=AsyncConnectionPool.check_connection,
            timeout=WAIT_FOR_CONNECTION,
            name="tikjobs-store",
        )
        try:
            await pool.open(wait=True, timeout=WAIT_FOR_CONNECTION)
        except psycopg.Error as error:
            await pool.close()
            raise StoreError(f"cannot connect to PostgreSQL at {location}: {error}") from error
        return cls(pool, location)

    async def schema_version(self) -> int:
        """The highest migration applied to this database."""
        return await self._read(_version)

    async def _read(self, operation: Operation[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``operation`` on a pooled connection, each statement committed by itself."""
        return await self._on_connection(False, operation, *args, **kwargs)

    async def _write(self, operation: Operation[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``operation`` in one transaction on a pooled connection, committed on return."""
        return await self._on_connection(True, operation, *args, **kwargs)

    async def _on_connection(
        self,
        transaction: bool,
        operation: Operation[P, T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        if self._closed:
            raise StoreError("the store is closed")
        try:
            async with self._pool.connection() as connection:
                if not transaction:
                    return await operation(connection, *args, **kwargs)
                async with connection.transaction():
                    return await operation(connection, *args, **kwargs)
        except psycopg.Error as error:
            raise StoreError(f"database error: {error}") from error

    # -- lifecycle --------------------------------------------------------------------

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        await self._pool.close()

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


if TYPE_CHECKING:
    _implements: type[Store] = PostgresStore
