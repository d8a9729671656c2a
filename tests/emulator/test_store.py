"""Both stores on real databases: records, lifecycle, outbox, migrations, durability.

Every test that takes ``store``, ``tenant`` or ``store_backend`` runs twice: on an SQLite
file and on a fresh schema of a local PostgreSQL (see `tests.emulator.postgres_harness`);
the PostgreSQL-only behaviour (two emulators on one database) is in
``test_store_postgres.py``.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from uuid import UUID, uuid4

import orjson
import pytest
from pydantic import TypeAdapter

from tests.emulator.postgres_harness import AnyStore, StoreBackend
from tests.support.builders import T0, add_tenant, new_job
from tikjobs.contracts.api import Envelope, Job, JobStatus, Notification
from tikjobs.contracts.lifecycle import is_path
from tikjobs.contracts.tunnel import RouterFacts
from tikjobs.emulator.api.jobs import job_view
from tikjobs.emulator.exceptions import (
    AlreadyExists,
    BackupNotFound,
    CustomerNotFound,
    IllegalTransition,
    JobNotFound,
    RouterNotFound,
    SchemaTooNew,
)
from tikjobs.emulator.store import (
    IdempotencyOutcome,
    IdempotencyRecord,
    IdempotencyState,
    JobRecord,
    NewJob,
    NotificationState,
    hash_token,
    rules,
)
from tikjobs.emulator.store.sqlite import MIGRATIONS, SqliteStore

pytestmark = pytest.mark.anyio


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


@dataclass
class Tenant:
    store: AnyStore
    customer_id: UUID
    router_id: UUID

    async def job(
        self, notify_url: str | None = "https://example.com/notify", **overrides: object
    ) -> JobRecord:
        job = new_job(self.customer_id, self.router_id, notify_url=notify_url, **overrides)
        return await self.store.create_job(job)


async def new_tenant(store: AnyStore) -> Tenant:
    owner = await add_tenant(store)
    return Tenant(store, owner.customer_id, owner.router_id)


@pytest.fixture
async def store(store_backend: StoreBackend) -> AsyncIterator[AnyStore]:
    opened = await store_backend.open()
    yield opened
    await opened.close()


@pytest.fixture
async def tenant(store: AnyStore) -> Tenant:
    return await new_tenant(store)


# -- customers, keys, routers -----------------------------------------------------------


async def test_customers_keys_and_routers_are_found_by_their_ids(store: AnyStore) -> None:
    customer = await store.create_customer(uuid4(), "acme", "whsec_eA==", T0)
    key = await store.create_api_key(uuid4(), customer.id, "hashed-secret", T0, rate_limit=60)
    router = await store.create_router(uuid4(), customer.id, hash_token("tunnel-token"), T0)

    assert await store.get_customer(customer.id) == customer
    assert customer.webhook_secret == "whsec_eA=="
    assert await store.get_api_key(key.token_id) == key
    assert key.secret_hash == "hashed-secret"
    assert key.rate_limit == 60
    assert await store.find_router_by_token_hash(hash_token("tunnel-token")) == router
    assert await store.find_router_by_token_hash(hash_token("another")) is None
    assert router.poll_interval == 30.0
    assert not router.online
    assert router.last_seen is None
    assert await store.list_routers(customer.id) == [router]
    assert await store.get_customer(uuid4()) is None


async def test_tunnel_tokens_are_not_stored_in_clear(tmp_path: Path) -> None:
    store = await SqliteStore.open(tmp_path / "t.db")
    customer = await store.create_customer(uuid4(), "acme", "whsec_eA==", T0)
    await store.create_router(uuid4(), customer.id, hash_token("clear-text-token-42"), T0)
    await store.close()
    assert b"clear-text-token-42" not in (tmp_path / "t.db").read_bytes()


async def test_ids_and_tokens_are_unique_and_owners_must_exist(tenant: Tenant) -> None:
    store = tenant.store
    with pytest.raises(AlreadyExists):
        await store.create_customer(tenant.customer_id, "again", "whsec_eA==", T0)
    with pytest.raises(CustomerNotFound):
        await store.create_api_key(uuid4(), uuid4(), "h", T0)
    with pytest.raises(CustomerNotFound):
        await store.create_router(uuid4(), uuid4(), "h", T0)
    router = await store.get_router(tenant.router_id)
    assert router is not None
    with pytest.raises(AlreadyExists):
        await store.create_router(uuid4(), tenant.customer_id, router.token_hash, T0)
    with pytest.raises(RouterNotFound):
        await store.update_router_facts(uuid4(), RouterFacts())


async def test_last_seen_of_many_routers_is_written_at_once(tenant: Tenant) -> None:
    store = tenant.store
    other = await store.create_router(uuid4(), tenant.customer_id, hash_token("other"), T0)
    unheard = await store.create_router(uuid4(), tenant.customer_id, hash_token("unheard"), T0)
    await store.touch_routers({tenant.router_id: at(7)})

    await store.touch_routers({tenant.router_id: at(4), other.id: at(6), uuid4(): at(6)})

    moments = {
        router.id: router.last_seen for router in await store.list_routers(tenant.customer_id)
    }
    assert moments == {tenant.router_id: at(7), other.id: at(6), unheard.id: None}


async def test_router_facts_presence_and_poll_interval(tenant: Tenant) -> None:
    store = tenant.store
    facts = RouterFacts(identity="edge-1", software_version="7.16", board_name="CHR")
    await store.update_router_facts(tenant.router_id, facts)
    await store.set_router_online(tenant.router_id, True, at(1))
    await store.touch_routers({tenant.router_id: at(5)})
    await store.touch_routers({tenant.router_id: at(3)})
    await store.set_poll_interval(tenant.router_id, 0.05)
    router = await store.get_router(tenant.router_id)
    assert router is not None
    assert (router.identity, router.software_version, router.board_name) == (
        "edge-1",
        "7.16",
        "CHR",
    )
    assert router.online
    assert router.last_seen == at(5)
    assert router.poll_interval == 0.05

    await store.mark_all_routers_offline()
    router = await store.get_router(tenant.router_id)
    assert router is not None
    assert not router.online


# -- jobs and the lifecycle -------------------------------------------------------------


async def test_jobs_list_newest_first_with_status_filter_and_pages(tenant: Tenant) -> None:
    jobs = [await tenant.job() for _ in range(5)]
    await tenant.store.transition(jobs[1].id, JobStatus.DELETED, at(1))

    page = await tenant.store.job_listing(tenant.router_id, limit=2, offset=1)
    assert [job["id"] for job in page.jobs] == [str(jobs[3].id), str(jobs[2].id)]
    assert page.total == 5
    deleted = await tenant.store.job_listing(tenant.router_id, status=JobStatus.DELETED)
    assert [job["id"] for job in deleted.jobs] == [str(jobs[1].id)]
    assert [job["status"] for job in deleted.jobs] == ["deleted"]
    assert deleted.total == 1
    assert [job.position for job in jobs] == sorted(job.position for job in jobs)
    assert [job.id for job in await tenant.store.unfinished_jobs(tenant.router_id)] == [
        jobs[0].id,
        jobs[2].id,
        jobs[3].id,
        jobs[4].id,
    ]
    await tenant.store.transition(jobs[0].id, JobStatus.DELETED, at(2))
    head = await tenant.store.unfinished_jobs(tenant.router_id, limit=1)
    assert [job.id for job in head] == [jobs[2].id]


async def test_the_head_of_a_queue_is_found_without_walking_the_routers_history(
    store_backend: StoreBackend, store: AnyStore
) -> None:
    tenant = await new_tenant(store)
    finished = [await tenant.job(notify_url=None) for _ in range(300)]
    for job in finished:
        await store.transition(job.id, JobStatus.DELETED, at(1))
    waiting = await tenant.job()

    head = await store.unfinished_jobs(tenant.router_id, limit=1)
    plan = store_backend.plan(
        f"SELECT * FROM jobs WHERE {rules.UNFINISHED_SQL} AND router_id = ?"  # noqa: S608
        " ORDER BY position LIMIT 1",
        str(tenant.router_id),
    )

    assert [job.id for job in head] == [waiting.id]
    assert "jobs_queue" in plan, plan


async def test_a_job_needs_a_known_router_and_a_new_id(tenant: Tenant) -> None:
    job = await tenant.job()
    with pytest.raises(AlreadyExists):
        await tenant.job(id=job.id)
    with pytest.raises(RouterNotFound):
        await tenant.job(router_id=uuid4())


async def test_transitions_stamp_the_moments_and_keep_the_outcome(tenant: Tenant) -> None:
    job = await tenant.job()
    store = tenant.store
    loaded = (await store.transition(job.id, JobStatus.LOADED, at(1))).job
    running = (await store.transition(job.id, JobStatus.RUNNING, at(2))).job
    done = (await store.transition(job.id, JobStatus.COMPLETED, at(3), output="ok\n")).job

    assert loaded.started_at == at(1)
    assert loaded.completed_at is None
    assert running.running_at == at(2)
    assert done.status is JobStatus.COMPLETED
    assert (done.started_at, done.completed_at, done.failed_at) == (at(1), at(3), None)
    assert done.output == "ok\n"
    assert done.error is None
    assert await store.get_job(job.id) == done


@pytest.mark.parametrize(
    ("path", "illegal"),
    [
        ((), JobStatus.RUNNING),
        ((), JobStatus.COMPLETED),
        ((JobStatus.LOADED,), JobStatus.DELETED),
        ((JobStatus.LOADED, JobStatus.RUNNING), JobStatus.LOADED),
        ((JobStatus.DELETED,), JobStatus.LOADED),
        ((JobStatus.LOADED, JobStatus.COMPLETED), JobStatus.FAILED),
    ],
)
async def test_an_illegal_change_is_refused_and_changes_nothing(
    tenant: Tenant, path: tuple[JobStatus, ...], illegal: JobStatus
) -> None:
    job = await tenant.job()
    for step, status in enumerate(path):
        await tenant.store.transition(job.id, status, at(step + 1))
    before = await tenant.store.get_job(job.id)
    queued = len(await tenant.store.list_notifications(job_id=job.id))

    with pytest.raises(IllegalTransition) as refused:
        await tenant.store.transition(job.id, illegal, at(10), error="nope")

    assert refused.value.requested is illegal
    assert refused.value.code == "illegal_transition"
    assert await tenant.store.get_job(job.id) == before
    assert len(await tenant.store.list_notifications(job_id=job.id)) == queued


async def test_a_change_of_an_unknown_job_is_job_not_found(store: AnyStore) -> None:
    with pytest.raises(JobNotFound):
        await store.transition(uuid4(), JobStatus.LOADED, T0)


async def test_every_change_queues_the_seed_payload_with_increasing_seq_ids(
    tenant: Tenant,
) -> None:
    first, second = await tenant.job(), await tenant.job()
    store = tenant.store
    await store.transition(first.id, JobStatus.LOADED, at(1))
    await store.transition(second.id, JobStatus.DELETED, at(2))
    await store.transition(first.id, JobStatus.RUNNING, at(3))
    await store.transition(first.id, JobStatus.FAILED, at(4), error="bad command")

    queued = await store.list_notifications()
    assert [item.seq_id for item in queued] == sorted({item.seq_id for item in queued})
    payloads = [Notification.model_validate_json(item.payload) for item in queued]
    assert [(p.job_id, p.status) for p in payloads] == [
        (first.id, JobStatus.LOADED),
        (second.id, JobStatus.DELETED),
        (first.id, JobStatus.RUNNING),
        (first.id, JobStatus.FAILED),
    ]
    assert all(item.seq_id == p.seq_id for item, p in zip(queued, payloads, strict=True))
    assert is_path(p.status for p in payloads if p.job_id == first.id)
    failed = json.loads(queued[-1].payload)
    assert failed["started_at"] == "2024-05-28T08:05:29+00:00"
    assert failed["failed_at"] == "2024-05-28T08:05:32+00:00"
    assert failed["completed_at"] is None
    assert failed["deleted_at"] is None
    assert failed["customer_id"] == str(tenant.customer_id)
    assert failed["router_id"] == str(tenant.router_id)
    assert queued[-1].url == "https://example.com/notify"


async def test_a_job_without_notify_url_queues_nothing(tenant: Tenant) -> None:
    job = await tenant.job(notify_url=None)
    result = await tenant.store.transition(job.id, JobStatus.DELETED, at(1))
    assert result.notification is None
    assert await tenant.store.list_notifications() == []


# -- the outbox -------------------------------------------------------------------------


async def test_a_jobs_later_notification_waits_for_the_earlier_one(tenant: Tenant) -> None:
    store = tenant.store
    first, other = await tenant.job(), await tenant.job()
    loaded = (await store.transition(first.id, JobStatus.LOADED, at(1))).notification
    running = (await store.transition(first.id, JobStatus.RUNNING, at(2))).notification
    deleted = (await store.transition(other.id, JobStatus.DELETED, at(3))).notification
    assert loaded
    assert running
    assert deleted

    claimed = await store.claim_due_notifications(at(5), limit=10)
    assert [item.id for item in claimed] == [loaded.id, deleted.id]
    assert await store.claim_due_notifications(at(6), limit=10) == []

    await store.record_delivery_attempt(loaded.id, at(7), 500, "HTTP 500", False, at(20))
    assert await store.claim_due_notifications(at(8), limit=10) == []
    assert [item.id for item in await store.claim_due_notifications(at(20), 10)] == [loaded.id]
    await store.record_delivery_attempt(loaded.id, at(21), 204, None, True, None)
    assert [item.id for item in await store.claim_due_notifications(at(22), 10)] == [running.id]


async def test_recording_a_delivery_claims_the_jobs_next_notification_with_it(
    tenant: Tenant,
) -> None:
    store = tenant.store
    job = await tenant.job()
    loaded = (await store.transition(job.id, JobStatus.LOADED, at(1))).notification
    running = (await store.transition(job.id, JobStatus.RUNNING, at(2))).notification
    assert loaded
    assert running
    assert [item.id for item in await store.claim_due_notifications(at(3), 10)] == [loaded.id]

    failed, none_due = await store.record_and_claim(
        loaded.id, at(4), 500, "HTTP 500", False, at(30), at(5), 10
    )
    assert failed.attempts == 1
    assert none_due == []  # the failed one is retried later; the next one waits for it
    delivered, claimed = await store.record_and_claim(
        loaded.id, at(31), 204, None, True, None, at(32), 10
    )
    assert delivered.state is NotificationState.DELIVERED
    assert [item.id for item in claimed] == [running.id]
    assert await store.claim_due_notifications(at(33), 10) == []  # it is leased already


async def test_an_abandoned_notification_lets_the_next_one_go(tenant: Tenant) -> None:
    store = tenant.store
    job = await tenant.job()
    loaded = (await store.transition(job.id, JobStatus.LOADED, at(1))).notification
    done = (await store.transition(job.id, JobStatus.COMPLETED, at(2))).notification
    assert loaded
    assert done
    await store.claim_due_notifications(at(3), limit=10)
    abandoned = await store.record_delivery_attempt(loaded.id, at(4), None, "refused", False, None)
    assert abandoned.state is NotificationState.ABANDONED
    assert abandoned.attempts == 1
    assert [item.id for item in await store.claim_due_notifications(at(5), 10)] == [done.id]


async def test_a_claim_lapses_so_a_crashed_delivery_is_retried(tenant: Tenant) -> None:
    store = tenant.store
    job = await tenant.job()
    queued = (await store.transition(job.id, JobStatus.DELETED, at(1))).notification
    assert queued
    assert len(await store.claim_due_notifications(at(2), 10, lease=30)) == 1
    assert await store.claim_due_notifications(at(31), 10) == []
    assert [item.id for item in await store.claim_due_notifications(at(32), 10)] == [queued.id]


async def test_the_delivery_log_records_every_attempt(tenant: Tenant) -> None:
    store = tenant.store
    job = await tenant.job()
    queued = (await store.transition(job.id, JobStatus.DELETED, at(1))).notification
    assert queued
    await store.record_delivery_attempt(queued.id, at(2), None, "timed out", False, at(7))
    final = await store.record_delivery_attempt(queued.id, at(7), 200, None, True, None)

    assert final.state is NotificationState.DELIVERED
    assert final.delivered_at == at(7)
    log = await store.list_deliveries(customer_id=tenant.customer_id)
    assert [(d.attempt, d.status_code, d.error, d.delivered) for d in log] == [
        (1, None, "timed out", False),
        (2, 200, None, True),
    ]
    assert {d.seq_id for d in log} == {queued.seq_id}
    assert log[0].job_id == job.id
    assert len(await store.list_deliveries(job_id=job.id, limit=1)) == 1
    assert await store.list_deliveries(customer_id=uuid4()) == []


# -- idempotency ------------------------------------------------------------------------


async def test_an_idempotency_key_is_claimed_once_and_answered_after(tenant: Tenant) -> None:
    store, customer = tenant.store, tenant.customer_id
    assert await store.begin_idempotent(customer, "key-1", "hash-a", at(0)) is None
    in_flight = await store.begin_idempotent(customer, "key-1", "hash-b", at(1))
    assert in_flight is not None
    assert in_flight.state is IdempotencyState.IN_FLIGHT
    assert in_flight.request_hash == "hash-a"

    job = await tenant.job()
    outcome = IdempotencyOutcome(customer, "key-1", 200, '{"status": "success"}')
    await store.finish_idempotent(outcome)
    done = await store.begin_idempotent(customer, "key-1", "hash-a", at(2))
    assert done is not None
    assert done.state is IdempotencyState.DONE
    assert (done.status_code, done.response) == (200, '{"status": "success"}')
    assert job.status is JobStatus.PENDING


async def test_a_job_and_its_idempotent_answer_commit_together(tenant: Tenant) -> None:
    store = tenant.store
    assert await store.begin_idempotent(tenant.customer_id, "k", "h", at(0)) is None
    job = new_job(tenant.customer_id, uuid4(), needs_acknowledgement=False, notify_url=None)
    outcome = IdempotencyOutcome(tenant.customer_id, "k", 200, "{}")
    with pytest.raises(RouterNotFound):
        await store.create_job(job, outcome)
    still = await store.begin_idempotent(tenant.customer_id, "k", "h", at(1))
    assert still is not None
    assert still.state is IdempotencyState.IN_FLIGHT

    await store.create_job(replace(job, router_id=tenant.router_id), outcome)
    done = await store.begin_idempotent(tenant.customer_id, "k", "h", at(2))
    assert done is not None
    assert done.state is IdempotencyState.DONE


async def test_a_submission_claims_its_key_and_stores_its_job_at_once(tenant: Tenant) -> None:
    store, customer = tenant.store, tenant.customer_id

    def submission(router_id: UUID) -> NewJob:
        return new_job(customer, router_id, notify_url=None)

    outcome = IdempotencyOutcome(customer, "k", 200, '{"first": true}')
    with pytest.raises(RouterNotFound):
        await store.submit_job(submission(uuid4()), outcome, "hash-a")
    assert await store.begin_idempotent(customer, "k", "probe", at(1)) is None  # still free
    await store.release_idempotent(customer, "k")

    first = submission(tenant.router_id)
    created = await store.submit_job(first, outcome, "hash-a")
    assert isinstance(created, JobRecord)
    assert created.id == first.id
    assert created.status is JobStatus.PENDING

    again = await store.submit_job(submission(tenant.router_id), outcome, "hash-b")
    assert isinstance(again, IdempotencyRecord)
    assert again.state is IdempotencyState.DONE
    assert (again.request_hash, again.response) == ("hash-a", '{"first": true}')
    page = await store.job_listing(tenant.router_id)
    assert [job["id"] for job in page.jobs] == [str(first.id)]


async def test_a_new_job_is_answered_as_it_reads_back(tenant: Tenant) -> None:
    store, customer = tenant.store, tenant.customer_id
    elsewhere = timezone(timedelta(hours=5, minutes=30))
    fields: dict[str, object] = {
        "created_at": datetime(2026, 3, 1, 17, 4, 5, 123456, tzinfo=elsewhere),
        "timeout": 30,
        "make_backup": True,
        "rollback_after": 60,
        "rollback_check": ":return true",
    }
    created = await store.create_job(new_job(customer, tenant.router_id, **fields))
    outcome = IdempotencyOutcome(customer, "read-back", 200, "{}")
    submitted = await store.submit_job(new_job(customer, tenant.router_id, **fields), outcome, "h")
    for answered in (created, submitted):
        assert isinstance(answered, JobRecord)
        assert answered == await store.get_job(answered.id)
        assert answered.created_at.utcoffset() == timedelta(0)


async def test_the_job_list_writes_each_job_as_the_job_model_does(tenant: Tenant) -> None:
    store = tenant.store
    quirky = 'qu"ote \\ back\nline \x01 ctl \u00e9t\u00e9 \U0001f600 </script>'
    made = [
        await tenant.job(description=quirky, make_backup=True),
        await tenant.job(express_execute=True, needs_acknowledgement=False),
        await tenant.job(description=""),
    ]
    offset_zone = timezone(timedelta(hours=-7))
    await store.transition(made[0].id, JobStatus.LOADED, at(1.25))
    await store.transition(made[0].id, JobStatus.RUNNING, at(2.5))
    await store.transition(made[0].id, JobStatus.COMPLETED, at(3.999999).astimezone(offset_zone))
    await store.transition(made[1].id, JobStatus.LOADED, at(4))
    await store.transition(made[1].id, JobStatus.FAILED, at(5.5))
    await store.transition(made[2].id, JobStatus.DELETED, at(6))

    listing = await store.job_listing(tenant.router_id)
    records = (await store.search_jobs(router_id=tenant.router_id)).jobs

    modelled = TypeAdapter(Envelope[list[Job]]).dump_json(
        Envelope(data=[job_view(record) for record in records])
    )
    assert orjson.dumps({"status": "success", "data": listing.jobs}) == modelled
    oldest = listing.jobs[2]
    assert (oldest["description"], oldest["status"]) == (quirky, "completed")
    assert oldest["completed_at"] == "2024-05-28T08:05:31+00:00"  # T0 + 3.999999 s, cut


async def test_idempotency_keys_are_released_and_purged(tenant: Tenant) -> None:
    store, customer = tenant.store, tenant.customer_id
    await store.begin_idempotent(customer, "old", "h", at(0))
    await store.begin_idempotent(customer, "new", "h", at(100))
    await store.release_idempotent(customer, "new")
    assert await store.begin_idempotent(customer, "new", "h2", at(101)) is None
    assert await store.purge_idempotency(at(50)) == 1
    assert await store.begin_idempotent(customer, "old", "h3", at(102)) is None
    assert await store.release_in_flight_idempotency() == 2


# -- backups ----------------------------------------------------------------------------


async def test_backups_keep_their_bytes_and_checksum(tenant: Tenant) -> None:
    job = await tenant.job()
    content = b"\x00binary backup\xff" * 100
    record = await tenant.store.add_backup(
        uuid4(), tenant.router_id, job.id, "before.backup", "backup", content, at(1)
    )
    assert record.size == len(content)
    assert record.sha256 == hashlib.sha256(content).hexdigest()
    assert await tenant.store.list_backups(job_id=job.id) == [record]
    assert await tenant.store.list_backups(router_id=uuid4()) == []
    assert await tenant.store.read_backup(record.id) == content
    with pytest.raises(BackupNotFound):
        await tenant.store.read_backup(uuid4())


# -- whole-store behaviour --------------------------------------------------------------


async def test_reset_forgets_everything_but_seq_ids_keep_rising(tenant: Tenant) -> None:
    store = tenant.store
    job = await tenant.job()
    first = (await store.transition(job.id, JobStatus.DELETED, at(1))).notification
    await store.reset()
    assert await store.list_routers() == []
    assert await store.get_job(job.id) is None
    assert await store.list_notifications() == []

    again = await new_tenant(store)
    later = (await store.transition((await again.job()).id, JobStatus.DELETED, at(2))).notification
    assert first
    assert later
    assert later.seq_id > first.seq_id


async def test_a_write_is_committed_when_the_call_returns(
    tenant: Tenant, store_backend: StoreBackend
) -> None:
    job = await tenant.job()
    await tenant.store.transition(job.id, JobStatus.LOADED, at(1))
    assert store_backend.status_seen_from_outside(job.id) == "loaded"


async def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    await (await SqliteStore.open(tmp_path / "tikjobs.db")).close()
    outside = sqlite3.connect(tmp_path / "tikjobs.db")
    try:
        journal = outside.execute("PRAGMA journal_mode").fetchone()
    finally:
        outside.close()
    assert journal == ("wal",)


async def test_state_survives_closing_and_reopening(store_backend: StoreBackend) -> None:
    store = await store_backend.open()
    tenant = await new_tenant(store)
    job = await tenant.job()
    await store.transition(job.id, JobStatus.LOADED, at(1))
    await store.close()

    reopened = await store_backend.open()
    try:
        survived = await reopened.get_job(job.id)
        assert survived is not None
        assert survived.status is JobStatus.LOADED
        assert len(await reopened.list_notifications(job_id=job.id)) == 1
        assert await reopened.schema_version() == MIGRATIONS[-1].number
    finally:
        await reopened.close()


async def test_an_older_database_is_migrated_when_opened(store_backend: StoreBackend) -> None:
    old = await store_backend.open(migrations=1)
    customer = await old.create_customer(uuid4(), "acme", "whsec_eA==", T0)
    router = await old.create_router(uuid4(), customer.id, hash_token("t"), T0)
    assert await old.schema_version() == 1
    await old.close()

    store = await store_backend.open()
    try:
        assert await store.schema_version() == MIGRATIONS[-1].number
        assert await store.get_router(router.id) == router
        job = await Tenant(store, customer.id, router.id).job()
        await store.mark_job_offered(job.id, at(1))
        offered = await store.get_job(job.id)
        assert offered is not None
        assert offered.offered_at == at(1)
    finally:
        await store.close()


async def _walk(store: AnyStore, job: JobRecord, *statuses: JobStatus) -> None:
    for step, status in enumerate(statuses, start=1):
        await store.transition(job.id, status, at(step))


async def _totals(store: AnyStore, router_id: UUID) -> dict[str, int]:
    """Each status's X-Total-Count, and the whole list's under ``all``."""
    totals = {"all": (await store.job_listing(router_id)).total}
    for status in JobStatus:
        totals[status.value] = (await store.job_listing(router_id, status=status)).total
    return totals


def _counted(jobs: list[JobRecord], finals: list[JobStatus]) -> dict[str, int]:
    totals = {status.value: finals.count(status) for status in JobStatus}
    return {"all": len(jobs), **totals}


async def test_list_totals_follow_every_change_of_every_job(tenant: Tenant) -> None:
    store = tenant.store
    other = await new_tenant(store)
    await other.job()
    walks = [
        (),
        (JobStatus.LOADED,),
        (JobStatus.LOADED, JobStatus.RUNNING),
        (JobStatus.LOADED, JobStatus.RUNNING, JobStatus.COMPLETED),
        (JobStatus.LOADED, JobStatus.FAILED),
        (JobStatus.DELETED,),
    ]
    jobs = [await tenant.job() for _ in walks]
    for job, walk in zip(jobs, walks, strict=True):
        await _walk(store, job, *walk)

    finals = [walk[-1] if walk else JobStatus.PENDING for walk in walks]
    assert await _totals(store, tenant.router_id) == _counted(jobs, finals)
    assert (await store.job_listing(other.router_id)).total == 1


async def test_an_older_database_gets_its_list_totals_counted_when_migrated(
    store_backend: StoreBackend,
) -> None:
    old = await store_backend.open(migrations=7)
    tenant = await new_tenant(old)
    jobs = [await tenant.job() for _ in range(3)]
    await _walk(old, jobs[0], JobStatus.LOADED, JobStatus.RUNNING, JobStatus.COMPLETED)
    await _walk(old, jobs[1], JobStatus.DELETED)
    await old.close()

    store = await store_backend.open()
    try:
        finals = [JobStatus.COMPLETED, JobStatus.DELETED, JobStatus.PENDING]
        assert await _totals(store, tenant.router_id) == _counted(jobs, finals)
        await Tenant(store, tenant.customer_id, tenant.router_id).job()
        assert (await store.job_listing(tenant.router_id, status=JobStatus.PENDING)).total == 2
    finally:
        await store.close()


async def test_a_database_from_a_newer_emulator_is_refused(store_backend: StoreBackend) -> None:
    await (await store_backend.open()).close()
    with pytest.raises(SchemaTooNew):
        await store_backend.open(migrations=1)


async def test_moments_without_a_time_zone_are_refused(tenant: Tenant) -> None:
    job = await tenant.job()
    with pytest.raises(ValueError, match="timezone"):
        await tenant.store.transition(job.id, JobStatus.LOADED, datetime(2024, 1, 1))
