"""The PostgreSQL store: `Store` over a pool of async psycopg connections.

How this works
--------------
`PostgresStore.open` connects once to bring the schema up to date under a session-level
advisory lock (`emulator.store.postgres.schema.SCHEMA_LOCK`), so any number of
emulators may open one database at the same moment and each migration is applied once;
then it opens a small connection pool. Every operation borrows one connection and runs
its SQL (`emulator.store.postgres.queries`, `emulator.store.postgres.outbox`): a change
in one transaction that has committed when the method returns and rolls back whole on
any error, a read statement by statement, as SQLite's reads run. A pooled connection
is not checked before use (that costs a round trip on every call); instead an operation
whose connection turns out to be dead before it did anything (a read, or a transaction
whose ``BEGIN`` failed) runs once more on a fresh connection, so a restarted server
costs no failed request and no write is ever sent twice (the pool's idle connections
are checked then, once). A server
configured with ``synchronous_commit = off`` is overridden for the store's sessions: an
answered write is on disk. psycopg's and the pool's errors are translated here into
`emulator.exceptions.StoreError`.

The `Store` methods are a table in the class: each names the function of the dialect's
SQL modules that implements it and whether it runs as a read or as one transaction
(`_reads`, `_writes`). A method takes that function's parameters (names, types,
defaults) through a `ParamSpec`, so ``mypy --strict`` checks every one against the
`Store` protocol; the SQL modules carry the protocol's defaults for that reason.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

import psycopg
from psycopg.errors import UndefinedTable
from psycopg.rows import DictRow, dict_row
from psycopg_pool import AsyncConnectionPool

from tikjobs.emulator.exceptions import StoreError
from tikjobs.emulator.store.base import Store
from tikjobs.emulator.store.location import PostgresUrl
from tikjobs.emulator.store.migrations import Migration, pending
from tikjobs.emulator.store.postgres import enrollment, outbox, overview, queries, replicas
from tikjobs.emulator.store.postgres.connection import Connection, fetch_one
from tikjobs.emulator.store.postgres.schema import LOCK_SPACE, MIGRATIONS, SCHEMA_LOCK

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


def _reads(
    operation: Operation[P, T],
) -> Callable[Concatenate[PostgresStore, P], Coroutine[Any, Any, T]]:
    """The `Store` method that runs ``operation`` as a read."""

    async def method(store: PostgresStore, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return await store._read(operation, *args, **kwargs)

    return method


def _writes(
    operation: Operation[P, T],
) -> Callable[Concatenate[PostgresStore, P], Coroutine[Any, Any, T]]:
    """The `Store` method that runs ``operation`` as one transaction."""

    async def method(store: PostgresStore, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return await store._write(operation, *args, **kwargs)

    return method


class _DeadBeforeWork(Exception):
    """A pooled connection was dead before the operation could change anything."""

    def __init__(self, error: psycopg.OperationalError) -> None:
        super().__init__(str(error))
        self.error = error


class PostgresStore:
    """`Store` over one PostgreSQL database (or schema); create it with `PostgresStore.open`."""

    def __init__(self, pool: AsyncConnectionPool[Connection], url: PostgresUrl) -> None:
        self._pool = pool
        self._closed = False
        self.url = url
        self.on_commit: Callable[[float], None] | None = None
        """Called with the seconds each write's transaction took, commit included."""

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
            try:
                return await self._attempt(transaction, operation, *args, **kwargs)
            except _DeadBeforeWork:
                # The server dropped connections: replace the pool's dead ones, then retry.
                await self._pool.check()
            try:
                return await self._attempt(transaction, operation, *args, **kwargs)
            except _DeadBeforeWork as dead:
                raise dead.error from None
        except psycopg.Error as error:
            raise StoreError(f"database error: {error}") from error

    async def _attempt(
        self,
        transaction: bool,
        operation: Operation[P, T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """``operation`` once; `_DeadBeforeWork` when the connection was found dead
        before anything could have changed (a read, or before ``BEGIN`` succeeded)."""
        began_work = False
        async with self._pool.connection() as connection:
            try:
                if not transaction:
                    return await operation(connection, *args, **kwargs)
                began = time.perf_counter()
                async with connection.transaction():
                    began_work = True
                    result = await operation(connection, *args, **kwargs)
            except psycopg.OperationalError as error:
                if began_work or not connection.broken:
                    raise
                raise _DeadBeforeWork(error) from error
        if self.on_commit is not None:
            self.on_commit(time.perf_counter() - began)
        return result

    # -- lifecycle --------------------------------------------------------------------

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        await self._pool.close()

    # -- the Store's methods: each one read or one transaction of the dialect's SQL --

    reset = _writes(queries.reset)
    create_customer = _writes(queries.create_customer)
    get_customer = _reads(queries.get_customer)
    create_api_key = _writes(queries.create_api_key)
    get_api_key = _reads(queries.get_api_key)
    create_router = _writes(queries.create_router)
    get_router = _reads(queries.get_router)
    find_router_by_token_hash = _reads(queries.find_router_by_token_hash)
    create_enrollment_code = _writes(enrollment.create_enrollment_code)
    redeem_enrollment_code = _writes(enrollment.redeem_enrollment_code)
    list_routers = _reads(queries.list_routers)
    update_router_facts = _writes(queries.update_router_facts)
    set_router_online = _writes(queries.set_router_online)
    touch_routers = _writes(queries.touch_routers)
    set_poll_interval = _writes(queries.set_poll_interval)
    mark_all_routers_offline = _writes(queries.mark_all_routers_offline)
    create_job = _writes(queries.create_job)
    submit_job = _writes(queries.submit_job)
    get_job = _reads(queries.get_job)
    job_listing = _reads(queries.job_listing)
    unfinished_jobs = _reads(queries.unfinished_jobs)
    search_jobs = _reads(overview.search_jobs)
    job_counts = _reads(overview.job_counts)
    transition = _writes(queries.transition)
    mark_job_offered = _writes(queries.mark_job_offered)
    begin_idempotent = _writes(queries.begin_idempotent)
    finish_idempotent = _writes(queries.finish_idempotent)
    release_idempotent = _writes(queries.release_idempotent)
    release_in_flight_idempotency = _writes(queries.release_in_flight_idempotency)
    purge_idempotency = _writes(queries.purge_idempotency)
    claim_due_notifications = _writes(outbox.claim_due_notifications)
    record_delivery_attempt = _writes(outbox.record_delivery_attempt)
    record_and_claim = _writes(outbox.record_and_claim)
    extend_claims = _writes(outbox.extend_claims)
    get_notification = _reads(outbox.get_notification)
    list_notifications = _reads(outbox.list_notifications)
    list_deliveries = _reads(outbox.list_deliveries)
    outbox_counts = _reads(overview.outbox_counts)
    undelivered_notifications = _reads(overview.undelivered_notifications)
    redeliver_notification = _writes(overview.redeliver_notification)
    add_backup = _writes(queries.add_backup)
    list_backups = _reads(queries.list_backups)
    read_backup = _reads(queries.read_backup)

    # -- replicas sharing this database (`emulator.replicas`); not part of `Store` ----

    register_replica = _writes(replicas.register_replica)
    advertise_replica = _writes(replicas.advertise_replica)
    renew_replica = _writes(replicas.renew_replica)
    sweep_dead_replicas = _writes(replicas.sweep_dead_replicas)
    retire_replica = _writes(replicas.retire_replica)
    hold_tunnel = _writes(replicas.hold_tunnel)
    release_tunnel = _writes(replicas.release_tunnel)
    tunnel_holder = _reads(replicas.tunnel_holder)


if TYPE_CHECKING:
    _implements: type[Store] = PostgresStore
