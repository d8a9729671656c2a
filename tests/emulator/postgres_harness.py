"""A throwaway PostgreSQL database for the store tests, and the stores a test runs against.

`PostgresServer.reach` finds the server on 127.0.0.1:5432 (or the one
``TIKJOBS_TEST_POSTGRES`` names) as user ``postgres`` or the current user. A test
session creates one uniquely named database there (`ScratchDatabase`) and drops it at
the end; every test gets its own schema in it (`ScratchDatabase.fresh_url`), so tests
never see each other's rows and a new schema costs milliseconds. `unavailable` turns a
missing server into a failure when ``CI`` is set (CI must run these tests) and into a
skip with the reason otherwise.

`StoreBackend` is where one test's store lives — an SQLite file or a PostgreSQL schema
— and opens it, with all migrations or only the first few; `FreshStores` gives one
to each example of a hypothesis state machine.
"""

from __future__ import annotations

import getpass
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NoReturn
from urllib.parse import quote
from uuid import UUID, uuid4

import psycopg
import pytest
from psycopg import sql

from tikjobs.emulator.store.postgres import MIGRATIONS as POSTGRES_MIGRATIONS
from tikjobs.emulator.store.postgres import PostgresStore
from tikjobs.emulator.store.sqlite import MIGRATIONS as SQLITE_MIGRATIONS
from tikjobs.emulator.store.sqlite import SqliteStore

HOST, PORT = "127.0.0.1", 5432
CONNECT_TIMEOUT = 3
SERVER_VARIABLE = "TIKJOBS_TEST_POSTGRES"
"""A URL of the server's maintenance database, when it is not 127.0.0.1:5432."""


class PostgresUnavailable(Exception):
    """No PostgreSQL server answered; the message says what was tried and why it failed."""


def unavailable(reason: str) -> NoReturn:
    """Fail when ``CI`` is set (CI runs the PostgreSQL tests), skip with ``reason`` otherwise."""
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL is required when CI is set: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL is not reachable ({reason}); with CI set this fails instead")


@dataclass(frozen=True)
class PostgresServer:
    """A reachable server, as a maintenance URL that may create and drop databases."""

    admin_url: str

    @classmethod
    def reach(cls, candidates: list[str] | None = None) -> PostgresServer:
        """The first candidate URL that connects; `PostgresUnavailable` when none does."""
        if candidates is None:
            given = os.environ.get(SERVER_VARIABLE)
            users = dict.fromkeys(["postgres", getpass.getuser()])
            candidates = (
                [given] if given else [f"postgresql://{u}@{HOST}:{PORT}/postgres" for u in users]
            )
        failures = []
        for url in candidates:
            try:
                with psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT, autocommit=True):
                    return cls(url)
            except psycopg.Error as error:
                failures.append(f"{url}: {str(error).strip()}")
        raise PostgresUnavailable("; ".join(failures))

    def url_of(self, database: str, schema: str | None = None) -> str:
        """The URL of ``database`` on this server, optionally with ``schema`` first in the
        search path (so a store's tables go there)."""
        base = self.admin_url.rsplit("/", 1)[0].split("?", 1)[0]
        url = f"{base}/{database}"
        if schema is not None:
            url += "?options=" + quote(f"-csearch_path={schema}", safe="")
        return url

    def run(self, statement: sql.Composable, database: str | None = None) -> None:
        url = self.admin_url if database is None else self.url_of(database)
        with psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT, autocommit=True) as connection:
            connection.execute(statement)


@dataclass(frozen=True)
class ScratchDatabase:
    """A database created for one test session; each test takes a fresh schema in it."""

    server: PostgresServer
    name: str

    @classmethod
    def create(cls, server: PostgresServer) -> ScratchDatabase:
        name = f"tikjobs_test_{os.getpid()}_{uuid4().hex[:8]}"
        server.run(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return cls(server, name)

    def drop(self) -> None:
        self.server.run(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.name))
        )

    def fresh_schema(self) -> str:
        schema = f"s_{uuid4().hex[:12]}"
        self.server.run(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)), self.name)
        return schema

    def drop_schema(self, schema: str) -> None:
        self.server.run(
            sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)), self.name
        )

    def url(self, schema: str) -> str:
        return self.server.url_of(self.name, schema)


AnyStore = SqliteStore | PostgresStore


@dataclass(frozen=True)
class StoreBackend:
    """Where a test's store lives: an SQLite file or a PostgreSQL URL (with its schema)."""

    kind: Literal["sqlite", "postgres"]
    location: str

    async def open(self, migrations: int | None = None) -> AnyStore:
        """The store, opened with every migration or with the first ``migrations`` only."""
        if self.kind == "sqlite":
            return await SqliteStore.open(self.location, SQLITE_MIGRATIONS[:migrations])
        return await PostgresStore.open(self.location, POSTGRES_MIGRATIONS[:migrations])

    def status_seen_from_outside(self, job_id: UUID) -> str | None:
        """A job's status read over a connection of its own, not the store's."""
        if self.kind == "sqlite":
            outside = sqlite3.connect(self.location)
            try:
                row = outside.execute(
                    "SELECT status FROM jobs WHERE id = ?", (str(job_id),)
                ).fetchone()
            finally:
                outside.close()
        else:
            with psycopg.connect(self.location, connect_timeout=CONNECT_TIMEOUT) as outside:
                row = outside.execute("SELECT status FROM jobs WHERE id = %s", (job_id,)).fetchone()
        return None if row is None else str(row[0])

    def plan(self, query: str, *params: object) -> str:
        """How the database would run ``query`` (``?`` placeholders), as its planner says,
        with the statistics of what the store holds now."""
        if self.kind == "sqlite":
            outside = sqlite3.connect(self.location)
            try:
                outside.execute("ANALYZE")
                found = outside.execute(f"EXPLAIN QUERY PLAN {query}", params).fetchall()
            finally:
                outside.close()
            return "\n".join(str(row[-1]) for row in found)
        with psycopg.connect(self.location, connect_timeout=CONNECT_TIMEOUT) as outside:
            outside.execute("ANALYZE jobs")
            statement = "EXPLAIN " + query.replace("?", "%s")
            found = outside.execute(statement, params).fetchall()  # type: ignore[call-overload]
        return "\n".join(str(row[0]) for row in found)


def sqlite_backend(directory: Path) -> StoreBackend:
    return StoreBackend("sqlite", str(directory / "tikjobs.db"))


@dataclass(frozen=True)
class FreshStores:
    """Store locations for the examples of a state machine, each with the way to remove it:
    a new SQLite file every time, or the one PostgreSQL schema ``url`` names (a store
    opened there is emptied with `Store.reset` before the example starts)."""

    kind: Literal["sqlite", "postgres"]
    url: str | None = None

    def new(self) -> tuple[StoreBackend, Callable[[], None]]:
        if self.kind == "sqlite":
            directory = Path(tempfile.mkdtemp(prefix="tikjobs-store-"))
            return sqlite_backend(directory), lambda: shutil.rmtree(directory, ignore_errors=True)
        assert self.url is not None
        return StoreBackend("postgres", self.url), lambda: None
