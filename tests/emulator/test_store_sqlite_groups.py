"""The SQLite store's grouped commits: writes made at once are kept or refused each on
its own, and each is on disk, as another connection sees it, when its call returns. A
read sees every write made before it, committed or still waiting for its group."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest

from tests.support.builders import T0, add_tenant, new_job
from tikjobs.contracts.api import JobStatus
from tikjobs.emulator.exceptions import AlreadyExists, IllegalTransition
from tikjobs.emulator.store import JobRecord, NewJob
from tikjobs.emulator.store.sqlite import SqliteStore

pytestmark = pytest.mark.anyio

CONCURRENT = 40


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SqliteStore]:
    opened = await SqliteStore.open(tmp_path / "tikjobs.db")
    yield opened
    await opened.close()


async def owner(store: SqliteStore) -> tuple[UUID, UUID]:
    tenant = await add_tenant(store)
    return tenant.customer_id, tenant.router_id


def express_job(customer_id: UUID, router_id: UUID, job_id: UUID | None = None) -> NewJob:
    return new_job(customer_id, router_id, id=job_id or uuid4(), express_execute=True)


def statuses_on_disk(path: str) -> dict[str, str]:
    with sqlite3.connect(path) as outside:
        return dict(outside.execute("SELECT id, status FROM jobs").fetchall())


async def test_writes_made_at_once_are_all_kept_and_on_disk(store: SqliteStore) -> None:
    customer_id, router_id = await owner(store)

    jobs = await asyncio.gather(
        *(store.create_job(express_job(customer_id, router_id)) for _ in range(CONCURRENT))
    )
    seen = statuses_on_disk(store.path)

    assert len({job.id for job in jobs}) == CONCURRENT
    assert all(seen.get(str(job.id)) == "pending" for job in jobs)
    listed = await store.job_listing(router_id, limit=CONCURRENT + 1)
    assert {job["id"] for job in listed.jobs} == {str(job.id) for job in jobs}


async def test_a_refused_write_leaves_the_writes_beside_it_kept(store: SqliteStore) -> None:
    customer_id, router_id = await owner(store)
    taken = await store.create_job(express_job(customer_id, router_id))
    pending = [await store.create_job(express_job(customer_id, router_id)) for _ in range(4)]

    outcomes = await asyncio.gather(
        store.transition(pending[0].id, JobStatus.LOADED, T0 + timedelta(seconds=1)),
        store.create_job(express_job(customer_id, router_id, job_id=taken.id)),
        store.transition(pending[1].id, JobStatus.COMPLETED, T0 + timedelta(seconds=1)),
        store.transition(pending[2].id, JobStatus.LOADED, T0 + timedelta(seconds=1)),
        store.create_job(express_job(customer_id, router_id)),
        return_exceptions=True,
    )

    assert isinstance(outcomes[1], AlreadyExists)
    assert isinstance(outcomes[2], IllegalTransition)
    created = outcomes[4]
    assert isinstance(created, JobRecord)
    seen = statuses_on_disk(store.path)
    assert seen[str(pending[0].id)] == "loaded"
    assert seen[str(pending[1].id)] == "pending"
    assert seen[str(pending[2].id)] == "loaded"
    assert seen[str(created.id)] == "pending"
    assert len(await store.list_notifications(job_id=pending[1].id)) == 0
    assert len(await store.list_notifications(job_id=pending[0].id)) == 1


async def test_each_change_of_a_group_is_notified_in_order(store: SqliteStore) -> None:
    customer_id, router_id = await owner(store)
    jobs = [await store.create_job(express_job(customer_id, router_id)) for _ in range(CONCURRENT)]

    results = await asyncio.gather(
        *(store.transition(job.id, JobStatus.LOADED, T0) for job in jobs)
    )

    seq_ids = [result.notification.seq_id for result in results if result.notification]
    assert len(seq_ids) == CONCURRENT
    assert seq_ids == sorted(seq_ids)
    assert len(set(seq_ids)) == CONCURRENT


async def test_a_read_sees_the_writes_still_waiting_for_their_commit(store: SqliteStore) -> None:
    customer_id, router_id = await owner(store)
    jobs = [express_job(customer_id, router_id) for _ in range(CONCURRENT)]

    writes = [asyncio.ensure_future(store.create_job(job)) for job in jobs]
    await asyncio.sleep(0)  # every write is queued; their group is still to commit
    found = await asyncio.gather(*(store.get_job(job.id) for job in jobs))
    head = await store.unfinished_jobs(router_id, limit=1)
    await asyncio.gather(*writes)

    assert [job.id if job else None for job in found] == [job.id for job in jobs]
    assert [job.id for job in head] == [jobs[0].id]


class BusyOnce(sqlite3.Connection):
    """A connection that answers its first statement as SQLite does while another
    process holds the database's lock."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.busy = True

    def execute(self, *args: Any, **kwargs: Any) -> sqlite3.Cursor:
        if self.busy:
            self.busy = False
            error = sqlite3.OperationalError("database is locked")
            error.sqlite_errorcode = sqlite3.SQLITE_BUSY
            raise error
        return super().execute(*args, **kwargs)


async def test_a_read_that_finds_the_database_locked_is_answered_not_refused(
    store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    customer_id, router_id = await owner(store)
    job = await store.create_job(express_job(customer_id, router_id))
    locked = sqlite3.connect(store.path, factory=BusyOnce, isolation_level=None)
    assert isinstance(locked, BusyOnce)
    locked.row_factory = sqlite3.Row
    monkeypatch.setattr(store, "_on_loop", locked)

    found = await store.get_job(job.id)
    again = await store.get_job(job.id)
    locked.close()

    assert not locked.busy
    assert found == job
    assert again == job
