"""What only the PostgreSQL store must get right: several emulators on one database.

Two stores on one schema claim the outbox at once and never hand out a notification
twice; two reports of one job at once pass the lifecycle once; two processes opening a
fresh database at once both start, each migration applied once; a reset gives way to a
transaction instead of deadlocking with it; connections the server dropped are replaced
unnoticed; what a process committed survives ``kill -9``; the whole emulator serves
jobs from PostgreSQL across a restart; and ``tikjobs emulator`` names a database it
cannot use before it starts. The shared behaviour of both stores is in
``test_store.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from pathlib import Path
from uuid import UUID

import psycopg
import pytest

from tests.emulator.api_harness import SEED_JOB, EmulatorThread, ok, settings_for
from tests.emulator.postgres_harness import PostgresServer, PostgresUnavailable, unavailable
from tests.support.builders import T0, add_tenant, new_job
from tikjobs.contracts.api import JobStatus
from tikjobs.emulator import serve
from tikjobs.emulator.exceptions import IllegalTransition, StoreError
from tikjobs.emulator.settings import Settings
from tikjobs.emulator.store import NotificationRecord, NotificationState
from tikjobs.emulator.store.open import open_store
from tikjobs.emulator.store.postgres import PostgresStore
from tikjobs.emulator.store.sqlite import MIGRATIONS

WAIT = 30.0
"""Bound on a helper process starting (imports included) or answering, on a busy machine."""


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


@asynccontextmanager
async def two_stores(url: str) -> AsyncIterator[tuple[PostgresStore, PostgresStore]]:
    """Two stores on one database, as two emulators would have them."""
    first = await PostgresStore.open(url)
    try:
        second = await PostgresStore.open(url)
        try:
            yield first, second
        finally:
            await second.close()
    finally:
        await first.close()


async def tenant(store: PostgresStore) -> tuple[UUID, UUID]:
    owner = await add_tenant(store)
    return owner.customer_id, owner.router_id


async def submit(store: PostgresStore, customer_id: UUID, router_id: UUID) -> UUID:
    return (await store.create_job(new_job(customer_id, router_id))).id


# -- two emulators on one database ------------------------------------------------------


@pytest.mark.anyio
async def test_two_stores_claiming_at_once_never_hand_out_a_notification_twice(
    postgres_url: str,
) -> None:
    async with two_stores(postgres_url) as (first, second):
        customer_id, router_id = await tenant(first)
        for _ in range(20):
            job_id = await submit(first, customer_id, router_id)
            for step, status in enumerate((JobStatus.LOADED, JobStatus.RUNNING)):
                await first.transition(job_id, status, at(step))
            await second.transition(job_id, JobStatus.COMPLETED, at(2))
        queued = await first.list_notifications()
        handed_out: list[NotificationRecord] = []

        async def deliver(store: PostgresStore) -> None:
            deadline = asyncio.get_running_loop().time() + WAIT
            while asyncio.get_running_loop().time() < deadline:
                claimed = await store.claim_due_notifications(at(100), limit=3, lease=600)
                handed_out.extend(claimed)
                for notification in claimed:
                    await store.record_delivery_attempt(
                        notification.id, at(101), 204, None, True, None
                    )
                if not claimed and all(
                    item.state is NotificationState.DELIVERED
                    for item in await store.list_notifications()
                ):
                    return

        await asyncio.gather(*(deliver(store) for store in (first, second, first, second)))
        log = await first.list_deliveries(limit=len(queued) * 2)

    assert len(queued) == 60
    assert sorted(item.id for item in handed_out) == sorted(item.id for item in queued)
    assert [delivery.attempt for delivery in log] == [1] * len(queued)
    by_job: dict[UUID, list[int]] = {}
    for delivery in log:
        by_job.setdefault(delivery.job_id, []).append(delivery.seq_id)
    assert all(seq_ids == sorted(seq_ids) for seq_ids in by_job.values())


@pytest.mark.anyio
async def test_two_reports_of_one_job_at_once_change_it_once(postgres_url: str) -> None:
    async with two_stores(postgres_url) as (first, second):
        customer_id, router_id = await tenant(first)
        jobs = [await submit(first, customer_id, router_id) for _ in range(8)]
        outcomes = await asyncio.gather(
            *(
                store.transition(job_id, JobStatus.LOADED, at(1))
                for job_id in jobs
                for store in (first, second)
            ),
            return_exceptions=True,
        )
        notifications = await second.list_notifications()

    refused = [outcome for outcome in outcomes if isinstance(outcome, IllegalTransition)]
    assert len(refused) == len(jobs)
    assert len(outcomes) - len(refused) == len(jobs)
    assert sorted(item.job_id for item in notifications) == sorted(jobs)


@pytest.mark.anyio
async def test_connections_the_server_dropped_are_replaced_without_a_failed_call(
    postgres_url: str,
) -> None:
    store = await PostgresStore.open(postgres_url)
    try:
        customer_id, router_id = await tenant(store)
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            dropped = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                " AND application_name = 'tikjobs-emulator'"
            ).fetchone()
        job_id = await submit(store, customer_id, router_id)
        assert await store.get_job(job_id) is not None
    finally:
        await store.close()
    assert dropped is not None
    assert dropped[0] >= 1


# -- processes -------------------------------------------------------------------------

OPEN_ON_CUE = """
import asyncio, sys
from tikjobs.emulator.store.postgres import PostgresStore

async def main(url):
    print("ready", flush=True)
    sys.stdin.readline()
    store = await PostgresStore.open(url)
    print(await store.schema_version(), flush=True)
    await store.close()

asyncio.run(main(sys.argv[1]))
"""

WRITE_THEN_WAIT = """
import asyncio, json, sys
from datetime import UTC, datetime
from uuid import uuid4
from tikjobs.contracts.api import JobStatus
from tikjobs.emulator.store import NewJob, hash_token
from tikjobs.emulator.store.postgres import PostgresStore

async def main(url):
    now = datetime(2024, 5, 28, 8, 5, 28, tzinfo=UTC)
    store = await PostgresStore.open(url)
    customer = await store.create_customer(uuid4(), "acme", "whsec_eA==", now)
    router = await store.create_router(uuid4(), customer.id, hash_token("t"), now)
    job = await store.create_job(NewJob(
        id=uuid4(), router_id=router.id, customer_id=customer.id, request_id=uuid4(),
        idempotency_key=uuid4(), token="t", description="d", script=":log info x",
        make_backup=True, express_execute=False, needs_acknowledgement=True,
        notify_url="https://example.com/notify", created_at=now))
    loaded = await store.transition(job.id, JobStatus.LOADED, now)
    backup = await store.add_backup(
        uuid4(), router.id, job.id, "before.backup", "backup", b"\\x00state\\xff", now)
    print(json.dumps({"job": str(job.id), "seq_id": loaded.notification.seq_id,
                      "backup": str(backup.id)}), flush=True)
    sys.stdin.readline()

asyncio.run(main(sys.argv[1]))
"""


async def python(script: str, *arguments: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        script,
        *arguments,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def line_from(process: asyncio.subprocess.Process) -> str:
    assert process.stdout is not None
    line = await asyncio.wait_for(process.stdout.readline(), WAIT)
    if not line:
        assert process.stderr is not None
        failure = await asyncio.wait_for(process.stderr.read(), WAIT)
        raise AssertionError(f"the helper process ended early: {failure.decode()}")
    return line.decode().strip()


@pytest.mark.anyio
async def test_two_processes_opening_a_fresh_database_at_once_migrate_it_once(
    postgres_url: str,
) -> None:
    processes = [await python(OPEN_ON_CUE, postgres_url) for _ in range(2)]
    try:
        assert [await line_from(process) for process in processes] == ["ready", "ready"]
        for process in processes:
            assert process.stdin is not None
            process.stdin.write(b"go\n")
            await process.stdin.drain()
        versions = [await line_from(process) for process in processes]
        codes = [await asyncio.wait_for(process.wait(), WAIT) for process in processes]
    finally:
        for process in processes:
            if process.returncode is None:
                process.kill()
                await process.wait()

    latest = MIGRATIONS[-1].number
    assert versions == [str(latest), str(latest)]
    assert codes == [0, 0]
    with psycopg.connect(postgres_url) as connection:
        applied = connection.execute(
            "SELECT version FROM schema_migrations ORDER BY version"
        ).fetchall()
    assert [row[0] for row in applied] == [migration.number for migration in MIGRATIONS]


@pytest.mark.anyio
async def test_what_a_killed_process_committed_survives(postgres_url: str) -> None:
    process = await python(WRITE_THEN_WAIT, postgres_url)
    try:
        written = json.loads(await line_from(process))
    finally:
        process.kill()
        await asyncio.wait_for(process.wait(), WAIT)

    store = await PostgresStore.open(postgres_url)
    try:
        job = await store.get_job(UUID(written["job"]))
        queued = await store.list_notifications()
        content = await store.read_backup(UUID(written["backup"]))
        assert job is not None
        later = await store.transition(job.id, JobStatus.RUNNING, at(5))
    finally:
        await store.close()
    assert job.status is JobStatus.LOADED
    assert job.started_at == T0
    assert [(item.job_id, item.seq_id) for item in queued] == [(job.id, written["seq_id"])]
    assert content == b"\x00state\xff"
    assert later.notification is not None
    assert later.notification.seq_id > written["seq_id"]


# -- the whole emulator -----------------------------------------------------------------


def test_the_emulator_serves_jobs_from_postgresql_across_a_restart(
    postgres_url: str, tmp_path: Path
) -> None:
    settings = settings_for(tmp_path, db_path=postgres_url)
    assert str(settings.db_path).startswith("postgresql://")
    with EmulatorThread(settings) as emulator:
        account = emulator.account()
        with emulator.client(account.api_key) as client:
            headers = {"Idempotency-Key": "order-1"}
            submitted = client.post(
                f"/api/asynchronous/{account.router_id}", json=SEED_JOB, headers=headers
            )
            answer = ok(submitted)
            listed = ok(client.get(f"/api/routers/{account.router_id}/jobs"))
    assert [(job["idempotency_key"], job["status"]) for job in listed] == [
        (answer["idempotency_key"], "pending")
    ]
    assert listed[0]["description"] == SEED_JOB["description"]

    with EmulatorThread(settings) as emulator, emulator.client(account.api_key) as client:
        again = ok(client.get(f"/api/routers/{account.router_id}/jobs"))
        replay = client.post(
            f"/api/asynchronous/{account.router_id}", json=SEED_JOB, headers=headers
        )
    assert again == listed
    assert replay.content == submitted.content


@pytest.mark.anyio
async def test_the_settings_choose_the_store(postgres_url: str, tmp_path: Path) -> None:
    on_postgres = await open_store(Settings(db_path=postgres_url, development=True).db_path)
    on_sqlite = await open_store(Settings(db_path=tmp_path / "x.db", development=True).db_path)
    try:
        assert isinstance(on_postgres, PostgresStore)
        assert await on_postgres.list_routers() == []
        assert (tmp_path / "x.db").exists()
    finally:
        await on_postgres.close()
        await on_sqlite.close()


# -- servers that cannot be used ---------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.anyio
async def test_an_unreachable_server_is_a_store_error_without_the_password() -> None:
    url = f"postgresql://postgres:hunter2@127.0.0.1:{closed_port()}/tikjobs"
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL") as refused:
        await PostgresStore.open(url)
    assert "hunter2" not in str(refused.value)
    assert "127.0.0.1" in str(refused.value)


def test_tikjobs_emulator_names_a_missing_database_before_it_starts(
    postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = postgres_url.split("?")[0].rsplit("/", 1)[0] + "/tikjobs_no_such_database"
    parser = argparse.ArgumentParser()
    serve.add_arguments(parser)
    arguments = ["--admin-token", "missing-database-token", "--port", "0", "--db", missing]
    assert serve.run(parser.parse_args(arguments)) == 2
    error = capsys.readouterr().err
    assert 'database "tikjobs_no_such_database" does not exist' in error
    assert "Traceback" not in error


def test_a_missing_server_fails_the_tests_in_ci_and_skips_them_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(PostgresUnavailable) as missing:
        PostgresServer.reach([f"postgresql://postgres@127.0.0.1:{closed_port()}/postgres"])
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="required when CI is set"):
        unavailable(str(missing.value))
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="not reachable"):
        unavailable(str(missing.value))


@pytest.mark.anyio
async def test_a_reset_gives_way_to_a_transaction_that_waits_for_it(postgres_url: str) -> None:
    store = await PostgresStore.open(postgres_url)
    try:
        await tenant(store)
        other = await psycopg.AsyncConnection.connect(postgres_url)
        watcher = await psycopg.AsyncConnection.connect(postgres_url, autocommit=True)
        try:
            await other.execute("UPDATE api_keys SET rate_limit = 1")
            resetting = asyncio.create_task(store.reset())
            await until_a_lock_is_awaited_on("api_keys", watcher)
            # The reset holds the tables before api_keys and waits for this transaction,
            # which now waits for one of them: without giving way, a deadlock.
            await asyncio.wait_for(other.execute("SELECT count(*) FROM routers"), WAIT)
            await other.commit()
            await asyncio.wait_for(resetting, WAIT)
        finally:
            await other.close()
            await watcher.close()
        assert await store.list_routers() == []
    finally:
        await store.close()


async def until_a_lock_is_awaited_on(table: str, watcher: psycopg.AsyncConnection) -> None:
    deadline = asyncio.get_running_loop().time() + WAIT
    while asyncio.get_running_loop().time() < deadline:
        cursor = await watcher.execute(
            "SELECT count(*) FROM pg_locks WHERE relation = to_regclass(%s) AND NOT granted",
            (table,),
        )
        row = await cursor.fetchone()
        if row is not None and row[0] > 0:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"nothing came to wait for {table}")
