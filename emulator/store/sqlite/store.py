"""The SQLite store: the embedded `Store`, one database file, a writer and a reader thread.

How this works
--------------
`SqliteStore.open` creates a single-thread executor and opens the connection on that
thread; every write afterwards runs there, one at a time, so the event loop never
waits on the disk and SQLite never sees two threads on one connection. Reads run on a
second thread with a connection of their own (WAL lets a reader go on while a group
commits, and sqlite3 lets go of the GIL while it works). A read sees every write queued
before it: the reader waits until those writes' groups are committed, as it would have
behind them on one thread. An in-memory database has one connection for both.

The database runs in WAL mode with ``synchronous=FULL``: a write has reached the disk
when its method returns, which is what lets the API answer 2xx only for durable state.

A short read (one row by its key, or a router's queue head) skips the hop to the reader
thread when nothing is waiting to be written: it runs at once on the event loop's own
thread, on a third connection that never waits for a lock (``busy_timeout`` 0). With no
write queued, every write its caller made is committed, so the read sees them all. The
hop there and the wake-up back cost more than such a read. When SQLite answers busy, the
read goes to the reader thread as any other; a read that may touch many rows always does,
so it can never hold up the event loop.

Writes are committed in groups: a write is queued, and the store thread takes every write
queued by the time it is free and runs them, in the order they came, in one ``BEGIN
IMMEDIATE`` transaction with one commit (one ``fsync``) for all. Each write runs inside its
own savepoint, so a write that fails rolls back whole and alone, and the others of its
group still commit; a write's method returns (or raises) only once its group's commit is
done. Under load the disk sees one commit per group instead of one per write; alone, a
write is a group of one. The SQL itself lives in `emulator.store.sqlite.queries`, the
schema in `emulator.store.sqlite.schema`. sqlite3 errors are translated here into
`emulator.exceptions.StoreError`.

The `Store` methods are a table in the class: each names the function of the dialect's
SQL modules that implements it and whether it runs as a read or as one transaction
(`_reads`, `_writes`). A method takes that function's parameters (names, types,
defaults) through a `ParamSpec`, so ``mypy --strict`` checks every one against the
`Store` protocol; the SQL modules carry the protocol's defaults for that reason.
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar
from uuid import UUID

from tikjobs.emulator.exceptions import EmulatorError, StoreError
from tikjobs.emulator.store import rows
from tikjobs.emulator.store.base import Store
from tikjobs.emulator.store.migrations import Migration, pending
from tikjobs.emulator.store.sqlite import enrollment, outbox, overview, queries
from tikjobs.emulator.store.sqlite.schema import MIGRATIONS

P = ParamSpec("P")
T = TypeVar("T")

Operation = Callable[Concatenate[sqlite3.Connection, P], T]

SHORT_LIMIT = 10
"""Rows a router's queue read may ask for and still run on the event loop's thread."""
BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
"""SQLite's primary codes for "someone else holds the lock" (the low byte of the extended
code it reports, such as ``SQLITE_BUSY_RECOVERY``)."""


def _connect(path: str, *, waits: bool = True) -> sqlite3.Connection:
    """A connection to ``path``. Unless it ``waits``, it answers busy at once instead of
    waiting for a lock, and it may be closed from a thread other than its own (the store
    keeps it to the event loop's thread itself)."""
    busy_timeout = 30.0 if waits else 0.0
    connection = sqlite3.connect(
        path, isolation_level=None, timeout=busy_timeout, check_same_thread=waits
    )
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
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


def _reads(
    operation: Operation[P, T], *, short: Callable[P, bool] | None = None
) -> Callable[Concatenate[SqliteStore, P], Coroutine[Any, Any, T]]:
    """The `Store` method that runs ``operation`` as a read. ``short`` tells from a call's
    arguments whether it reads a few rows by an index, so it may run on the event loop's
    thread (see above)."""

    async def method(store: SqliteStore, /, *args: P.args, **kwargs: P.kwargs) -> T:
        if short is not None and short(*args, **kwargs):
            return await store._short_read(operation, *args, **kwargs)
        return await store._read(operation, *args, **kwargs)

    return method


def _always(*args: Any, **kwargs: Any) -> bool:
    """Every call is a short read: one row by its primary or unique key."""
    return True


def _limited(router_id: UUID | None = None, limit: int | None = None) -> bool:
    """A router's queue read up to a small limit (the head, for an offer)."""
    return router_id is not None and limit is not None and limit <= SHORT_LIMIT


def _writes(
    operation: Operation[P, T],
) -> Callable[Concatenate[SqliteStore, P], Coroutine[Any, Any, T]]:
    """The `Store` method that runs ``operation`` as one transaction."""

    async def method(store: SqliteStore, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return await store._write(operation, *args, **kwargs)

    return method


@dataclass
class _Queued:
    """A write waiting for its group: the work, and where its caller waits."""

    work: Callable[[], Any]
    future: asyncio.Future[Any]
    loop: asyncio.AbstractEventLoop


@dataclass(frozen=True)
class _Outcome:
    value: Any = None
    error: BaseException | None = None


def _in_savepoint(connection: sqlite3.Connection, work: Callable[[], Any]) -> _Outcome:
    """Run one write of a group; its failure undoes only its own changes."""
    connection.execute("SAVEPOINT tikjobs_write")
    try:
        value = work()
    except Exception as error:
        if not connection.in_transaction:
            raise  # SQLite ended the whole transaction: the group fails together
        connection.execute("ROLLBACK TO tikjobs_write")
        connection.execute("RELEASE tikjobs_write")
        return _Outcome(error=error)
    connection.execute("RELEASE tikjobs_write")
    return _Outcome(value=value)


def _commit_together(
    connection: sqlite3.Connection, works: list[Callable[[], Any]]
) -> list[_Outcome]:
    """Run ``works`` in one transaction; when it cannot commit, every one of them fails."""
    try:
        connection.execute("BEGIN IMMEDIATE")
        outcomes = [_in_savepoint(connection, work) for work in works]
        connection.execute("COMMIT")
    except BaseException as error:
        if connection.in_transaction:
            try:
                connection.execute("ROLLBACK")
            except sqlite3.Error:
                pass
        return [_Outcome(error=error)] * len(works)
    return outcomes


def _settle(future: asyncio.Future[Any], outcome: _Outcome) -> None:
    if future.done():
        return
    error = outcome.error
    if error is None:
        future.set_result(outcome.value)
    elif isinstance(error, sqlite3.Error):
        store_error = _database_error(error)
        store_error.__cause__ = error
        future.set_exception(store_error)
    else:
        future.set_exception(error)


class SqliteStore:
    """`Store` over one SQLite database file; create it with `SqliteStore.open`."""

    def __init__(
        self,
        executor: ThreadPoolExecutor,
        connection: sqlite3.Connection,
        path: str,
        reader: tuple[ThreadPoolExecutor, sqlite3.Connection] | None = None,
        on_loop: sqlite3.Connection | None = None,
    ) -> None:
        self._executor = executor
        self._connection = connection
        self._reader_executor, self._reader = reader or (executor, connection)
        self._on_loop = on_loop
        """The short reads' connection, used only on ``self._loop_thread``."""
        self._loop_thread = threading.get_ident()
        self._closed = False
        self._queue: list[_Queued] = []
        self._group_due = False
        self._queue_lock = threading.Lock()
        self._queued_writes = 0
        self._settled_writes = 0
        self._settled = threading.Condition()
        self.path = path
        self.on_commit: Callable[[float], None] | None = None
        """Called on the store thread with the seconds each group's transaction took."""

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
        if _in_memory(location):
            return cls(executor, connection, location)
        reads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tikjobs-store-reads")
        try:
            reader = await _on(reads, partial(_connect, location))
            try:
                on_loop = _here(partial(_connect, location, waits=False))
            except BaseException:
                await _on(reads, reader.close)
                raise
        except BaseException:
            reads.shutdown(wait=False)
            await _on(executor, connection.close)
            executor.shutdown(wait=False)
            raise
        return cls(executor, connection, location, (reads, reader), on_loop)

    async def schema_version(self) -> int:
        """The highest migration applied to this database."""

        def read(connection: sqlite3.Connection) -> int:
            row = connection.execute("SELECT max(version) FROM schema_migrations").fetchone()
            return int(row[0] or 0)

        return await self._read(read)

    async def _read(self, operation: Operation[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        if self._closed:
            raise StoreError("the store is closed")
        read = partial(operation, self._reader, *args, **kwargs)
        if self._reader is self._connection:
            return await _on(self._executor, read)
        with self._queue_lock:
            queued = self._queued_writes
        return await _on(self._reader_executor, partial(self._after_writes, queued, read))

    async def _short_read(self, operation: Operation[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """A read of a few rows: on this thread at once when no write waits (see above)."""
        connection = self._on_loop
        # Both counters only grow, and a write made on this thread is counted before its
        # call returns: equal, they say every write made so far is committed.
        if (
            connection is not None
            and not self._closed
            and self._queued_writes == self._settled_writes
            and threading.get_ident() == self._loop_thread
        ):
            try:
                return operation(connection, *args, **kwargs)
            except sqlite3.Error as error:
                if getattr(error, "sqlite_errorcode", 0) & 0xFF not in BUSY:
                    raise _database_error(error) from error
        return await self._read(operation, *args, **kwargs)

    def _after_writes(self, queued: int, read: Callable[[], T]) -> T:
        """On the reader thread: ``read`` once the first ``queued`` writes are settled."""
        with self._settled:
            self._settled.wait_for(lambda: self._settled_writes >= queued)
        return read()

    async def _write(self, operation: Operation[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        if self._closed:
            raise StoreError("the store is closed")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        queued = _Queued(partial(operation, self._connection, *args, **kwargs), future, loop)
        with self._queue_lock:
            self._queue.append(queued)
            self._queued_writes += 1
            start = not self._group_due
            self._group_due = True
        if start:
            self._executor.submit(self._commit_group)
        return await future

    def _commit_group(self) -> None:
        """On the store thread: commit every write queued so far, and answer each caller."""
        with self._queue_lock:
            group, self._queue = self._queue, []
            self._group_due = False
        began = time.perf_counter()
        try:
            outcomes = _commit_together(self._connection, [queued.work for queued in group])
        finally:
            with self._settled:
                self._settled_writes += len(group)
                self._settled.notify_all()
        if self.on_commit is not None:
            self.on_commit(time.perf_counter() - began)
        for queued, outcome in zip(group, outcomes, strict=True):
            try:
                queued.loop.call_soon_threadsafe(_settle, queued.future, outcome)
            except RuntimeError:
                pass  # the caller's event loop is closed: nobody waits for this answer

    # -- lifecycle --------------------------------------------------------------------

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            if self._on_loop is not None:
                self._on_loop.close()
            if self._reader is not self._connection:
                with self._settled:  # no read waits on writes past the close
                    self._settled_writes = self._queued_writes = sys.maxsize
                    self._settled.notify_all()
                try:
                    await _on(self._reader_executor, self._reader.close)
                finally:
                    self._reader_executor.shutdown(wait=False)
            await _on(self._executor, self._connection.close)
        finally:
            self._executor.shutdown(wait=False)

    # -- the Store's methods: each one read or one transaction of the dialect's SQL --

    reset = _writes(queries.reset)
    create_customer = _writes(queries.create_customer)
    get_customer = _reads(queries.get_customer, short=_always)
    create_api_key = _writes(queries.create_api_key)
    get_api_key = _reads(queries.get_api_key, short=_always)
    create_router = _writes(queries.create_router)
    get_router = _reads(queries.get_router, short=_always)
    find_router_by_token_hash = _reads(queries.find_router_by_token_hash, short=_always)
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
    get_job = _reads(queries.get_job, short=_always)
    job_listing = _reads(queries.job_listing)
    unfinished_jobs = _reads(queries.unfinished_jobs, short=_limited)
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
    get_notification = _reads(outbox.get_notification, short=_always)
    list_notifications = _reads(outbox.list_notifications)
    list_deliveries = _reads(outbox.list_deliveries)
    outbox_counts = _reads(overview.outbox_counts)
    undelivered_notifications = _reads(overview.undelivered_notifications)
    redeliver_notification = _writes(overview.redeliver_notification)
    add_backup = _writes(queries.add_backup)
    list_backups = _reads(queries.list_backups)
    read_backup = _reads(queries.read_backup)


def _in_memory(location: str) -> bool:
    """Whether ``location`` names a database that lives in one connection's memory."""
    return location in ("", ":memory:") or "mode=memory" in location


def _database_error(error: sqlite3.Error) -> StoreError:
    """The `StoreError` a sqlite3 error is reported as."""
    return StoreError(f"database error: {error}")


def _here(call: Callable[[], T]) -> T:
    """Run ``call`` on this thread, translating sqlite3's errors as `_on` does."""
    try:
        return call()
    except sqlite3.Error as error:
        raise _database_error(error) from error


async def _on(executor: ThreadPoolExecutor, call: Callable[[], T]) -> T:
    """Run ``call`` on the store's thread, translating sqlite3's errors."""
    loop = asyncio.get_running_loop()
    try:
        return await loop.run_in_executor(executor, call)
    except EmulatorError:
        raise
    except sqlite3.Error as error:
        raise _database_error(error) from error


if TYPE_CHECKING:
    _implements: type[Store] = SqliteStore
