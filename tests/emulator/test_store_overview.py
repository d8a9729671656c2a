"""Both stores' overviews, on real databases: the orchestration log across routers, the
job counts behind queue depths, and the outbox's failing notifications with "deliver
again". Every test runs on an SQLite file and on a fresh PostgreSQL schema."""

from __future__ import annotations

from collections.abc import AsyncIterator
from uuid import uuid4

import pytest

from tests.emulator.postgres_harness import AnyStore, StoreBackend
from tests.emulator.test_store import Tenant, at, new_tenant
from tikjobs.contracts.api import JobStatus
from tikjobs.emulator.exceptions import NotificationNotFound
from tikjobs.emulator.store import JobCount, NotificationState, OutboxCounts, hash_token

pytestmark = pytest.mark.anyio


@pytest.fixture
async def store(store_backend: StoreBackend) -> AsyncIterator[AnyStore]:
    opened = await store_backend.open()
    yield opened
    await opened.close()


async def test_search_spans_a_customers_routers_newest_first(store: AnyStore) -> None:
    acme, other = await new_tenant(store), await new_tenant(store)
    second_router = (
        await store.create_router(uuid4(), acme.customer_id, hash_token("second"), at(0))
    ).id
    backup_job = await acme.job(description="Nightly backup", script=":log info backup")
    on_second = await acme.job(router_id=second_router, description="Add 100%_addr")
    await other.job(description="Nightly backup of another customer")
    await store.transition(backup_job.id, JobStatus.LOADED, at(1))

    mine = await store.search_jobs(customer_id=acme.customer_id)
    assert [job.id for job in mine.jobs] == [on_second.id, backup_job.id]
    assert mine.total == 2
    assert (await store.search_jobs()).total == 3
    assert [j.id for j in (await store.search_jobs(acme.customer_id, text="NIGHTLY")).jobs] == [
        backup_job.id
    ]
    assert [j.id for j in (await store.search_jobs(acme.customer_id, text="100%_")).jobs] == [
        on_second.id
    ]
    assert (await store.search_jobs(acme.customer_id, text="10%")).total == 0
    by_id = await store.search_jobs(acme.customer_id, text=str(backup_job.id)[:8])
    assert [job.id for job in by_id.jobs] == [backup_job.id]
    loaded = await store.search_jobs(acme.customer_id, status=JobStatus.LOADED)
    assert ([job.id for job in loaded.jobs], loaded.total) == ([backup_job.id], 1)
    only_second = await store.search_jobs(acme.customer_id, router_id=second_router)
    assert ([job.id for job in only_second.jobs], only_second.total) == ([on_second.id], 1)
    assert (await store.search_jobs(acme.customer_id, router_id=other.router_id)).total == 0
    assert (await store.search_jobs(status=JobStatus.PENDING)).total == 2
    page = await store.search_jobs(acme.customer_id, limit=1, offset=1)
    assert ([job.id for job in page.jobs], page.total) == ([backup_job.id], 2)


async def test_job_counts_per_router_and_status(tenant_pair: tuple[Tenant, Tenant]) -> None:
    acme, other = tenant_pair
    store = acme.store
    first, second = await acme.job(), await acme.job()
    await other.job()
    await store.transition(first.id, JobStatus.LOADED, at(1))
    await store.transition(first.id, JobStatus.COMPLETED, at(2))
    assert second.status is JobStatus.PENDING

    counts = set(await store.job_counts(acme.customer_id))
    assert counts == {
        JobCount(acme.router_id, JobStatus.COMPLETED, 1),
        JobCount(acme.router_id, JobStatus.PENDING, 1),
    }
    everyone = await store.job_counts()
    assert JobCount(other.router_id, JobStatus.PENDING, 1) in everyone


async def test_failing_notifications_are_listed_and_delivered_again(
    tenant_pair: tuple[Tenant, Tenant],
) -> None:
    acme, other = tenant_pair
    store = acme.store
    job, theirs = await acme.job(), await other.job()
    retrying = (await store.transition(job.id, JobStatus.LOADED, at(1))).notification
    untried = (await store.transition(theirs.id, JobStatus.DELETED, at(1))).notification
    assert retrying
    assert untried
    await store.claim_due_notifications(at(2), limit=10)
    await store.record_delivery_attempt(retrying.id, at(2), 500, "HTTP 500", False, at(60))
    assert await store.outbox_counts() == OutboxCounts(pending=1, retrying=1, abandoned=0)

    failing = await store.undelivered_notifications(acme.customer_id)
    assert [(n.id, n.last_error) for n in failing] == [(retrying.id, "HTTP 500")]
    assert await store.undelivered_notifications(other.customer_id) == []

    await store.record_delivery_attempt(retrying.id, at(60), 500, "HTTP 500", False, None)
    assert await store.outbox_counts() == OutboxCounts(pending=1, retrying=0, abandoned=1)
    again = await store.redeliver_notification(retrying.id, at(100))
    assert again.state is NotificationState.PENDING
    assert again.attempts == 2
    claimed = await store.claim_due_notifications(at(100), limit=10)
    assert retrying.id in [item.id for item in claimed]
    with pytest.raises(NotificationNotFound):
        await store.redeliver_notification(10**9, at(100))


@pytest.fixture
async def tenant_pair(store: AnyStore) -> tuple[Tenant, Tenant]:
    return await new_tenant(store), await new_tenant(store)
