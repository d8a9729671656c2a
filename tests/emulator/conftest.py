"""Fixtures for the emulator's tests: one running emulator per API test module (trusting
the test notification sink where a module asks), and the stores (SQLite file, PostgreSQL
schema) the store tests run against."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.emulator.api_harness import EmulatorThread, settings_for
from tests.emulator.postgres_harness import (
    PostgresServer,
    PostgresUnavailable,
    ScratchDatabase,
    StoreBackend,
    sqlite_backend,
    unavailable,
)
from tikjobs.sink import SinkCertificate


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> SinkCertificate:
    """A self-signed certificate for the test notification sinks on 127.0.0.1."""
    return SinkCertificate.create(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="module")
def sink_trusted(certificate: SinkCertificate) -> dict[str, Any]:
    """Settings under which the emulator delivers to the test sinks on 127.0.0.1 over
    HTTPS, trusting their certificate."""
    return {"notify_ca_bundle": certificate.cert_path, "notify_allow_hosts": ["127.0.0.1"]}


@pytest.fixture(scope="module")
def emulator_settings() -> dict[str, Any]:
    """Settings a module's emulator takes beyond the test defaults; a module overrides
    this fixture to change them."""
    return {}


@pytest.fixture(scope="module")
def emulator(
    tmp_path_factory: pytest.TempPathFactory, emulator_settings: dict[str, Any]
) -> Iterator[EmulatorThread]:
    """The emulator on 127.0.0.1 (shared by a module's tests; each test makes its own
    accounts, so tests never see each other's routers or jobs)."""
    settings = settings_for(tmp_path_factory.mktemp("emulator"), **emulator_settings)
    with EmulatorThread(settings) as running:
        yield running


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[ScratchDatabase]:
    """A database of its own on the local PostgreSQL for this test session, dropped after.
    Without a server: a failure when ``CI`` is set, a skip otherwise."""
    try:
        server = PostgresServer.reach()
    except PostgresUnavailable as error:
        unavailable(str(error))
    database = ScratchDatabase.create(server)
    try:
        yield database
    finally:
        database.drop()


@pytest.fixture
def postgres_url(postgres_database: ScratchDatabase) -> Iterator[str]:
    """The URL of a fresh, empty schema in the session's database, dropped after the test."""
    schema = postgres_database.fresh_schema()
    try:
        yield postgres_database.url(schema)
    finally:
        postgres_database.drop_schema(schema)


@pytest.fixture(params=["sqlite", "postgres"])
def store_backend(request: pytest.FixtureRequest, tmp_path: Path) -> StoreBackend:
    """Where the test's store lives: each test runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return sqlite_backend(tmp_path)
    return StoreBackend("postgres", request.getfixturevalue("postgres_url"))
