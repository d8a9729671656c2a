"""The stores' job lifecycle against a dict model, step by step, with hypothesis.

Each rule asks a real store — SQLite, then PostgreSQL — for something (a new job, a
status change, a reopen of the database, a reset) and the model says what must happen;
the invariants compare every job's status, timestamps and queued notifications with the
model after every step. The rules are synchronous: the machine owns one event loop and
drives the store's async methods on it. Each example starts from an empty store: a new
SQLite file, or the test's PostgreSQL schema emptied by a reset (a schema costs a
migration; a reset does not, and an incomplete reset breaks the invariants at once). The
model keeps its own list of legal moves, written from the seed, so a wrong lifecycle
table in the product fails here.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any, Literal, TypeVar
from uuid import UUID, uuid4

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from tests.emulator.postgres_harness import FreshStores
from tests.support.builders import T0, add_tenant, new_job
from tikjobs.contracts.api import JobStatus, Notification
from tikjobs.emulator.exceptions import IllegalTransition, JobNotFound

T = TypeVar("T")

STAMPS = {
    JobStatus.LOADED: "started_at",
    JobStatus.RUNNING: "running_at",
    JobStatus.COMPLETED: "completed_at",
    JobStatus.FAILED: "failed_at",
    JobStatus.DELETED: "deleted_at",
}

MOVES: dict[JobStatus, set[JobStatus]] = {
    JobStatus.PENDING: {JobStatus.LOADED, JobStatus.FAILED, JobStatus.DELETED},
    JobStatus.LOADED: {JobStatus.RUNNING, JobStatus.COMPLETED, JobStatus.FAILED},
    JobStatus.RUNNING: {JobStatus.COMPLETED, JobStatus.FAILED},
    JobStatus.COMPLETED: set(),
    JobStatus.FAILED: set(),
    JobStatus.DELETED: set(),
}
"""The model's lifecycle: the router takes a pending job, runs it, and it ends completed or
failed; a pending job may be deleted or fail before the router has it (its wait timed
out); a job that needs no acknowledgement completes straight from loaded; a loaded one
may fail before it runs. Nothing leaves completed, failed or deleted."""


def is_walk(statuses: list[JobStatus]) -> bool:
    """Whether each status may follow the one before it, starting from pending."""
    return all(new in MOVES[old] for old, new in pairwise([JobStatus.PENDING, *statuses]))


@dataclass
class ModelJob:
    """What the model knows about one job: its walk through the lifecycle."""

    notify: bool
    history: list[JobStatus] = field(default_factory=lambda: [JobStatus.PENDING])

    @property
    def status(self) -> JobStatus:
        return self.history[-1]


class LifecycleMachine(RuleBasedStateMachine):
    jobs = Bundle("jobs")

    def __init__(self, stores: FreshStores) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.backend, self.remove = stores.new()
        self.store = self.run(self.backend.open())
        self.run(self.store.reset())
        self.model: dict[UUID, ModelJob] = {}
        self.moment = T0
        self.customer_id, self.router_id = self.run(self._tenant())

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(work)

    def teardown(self) -> None:
        try:
            self.run(self.store.close())
        finally:
            self.loop.close()
            self.remove()

    def tick(self) -> datetime:
        self.moment += timedelta(seconds=1)
        return self.moment

    async def _tenant(self) -> tuple[UUID, UUID]:
        tenant = await add_tenant(self.store)
        return tenant.customer_id, tenant.router_id

    @rule(target=jobs, notify=st.booleans())
    def submit(self, notify: bool) -> UUID:
        job_id = uuid4()
        self.run(
            self.store.create_job(
                new_job(
                    self.customer_id,
                    self.router_id,
                    id=job_id,
                    notify_url="https://example.com/hook" if notify else None,
                    created_at=self.tick(),
                )
            )
        )
        self.model[job_id] = ModelJob(notify=notify)
        return job_id

    @rule(job_id=jobs, status=st.sampled_from(list(JobStatus)))
    def change(self, job_id: UUID, status: JobStatus) -> None:
        known = self.model.get(job_id)
        at = self.tick()
        try:
            result = self.run(self.store.transition(job_id, status, at, output="out"))
        except JobNotFound:
            assert known is None, "a job the model knows was not found"
            return
        except IllegalTransition as error:
            refused = error
        else:
            refused = None
        if refused is not None:
            assert known is not None
            assert status not in MOVES[known.status], f"{known.status} -> {status} refused"
            assert refused.current is known.status
            return
        assert known is not None, "a forgotten job changed"
        assert status in MOVES[known.status], f"{known.status} -> {status} allowed"
        known.history.append(status)
        assert result.job.status is status
        assert getattr(result.job, STAMPS[status]) == at
        assert (result.notification is not None) == known.notify

    @rule()
    def reopen(self) -> None:
        self.run(self.store.close())
        self.store = self.run(self.backend.open())

    @precondition(lambda self: len(self.model) > 3)
    @rule()
    def reset(self) -> None:
        self.run(self.store.reset())
        self.model.clear()
        self.customer_id, self.router_id = self.run(self._tenant())

    @invariant()
    def statuses_and_timestamps_follow_the_model(self) -> None:
        stored = self.run(self.store.unfinished_jobs())
        assert {job.id for job in stored} == {
            job_id for job_id, job in self.model.items() if MOVES[job.status]
        }
        page = self.run(self.store.search_jobs(router_id=self.router_id, limit=len(self.model) + 1))
        assert {job.id for job in page.jobs} == set(self.model)
        for job in page.jobs:
            known = self.model[job.id]
            assert job.status is known.status
            for status, stamp in STAMPS.items():
                assert (getattr(job, stamp) is not None) == (status in known.history), stamp

    @invariant()
    def notifications_replay_each_jobs_walk(self) -> None:
        queued = self.run(self.store.list_notifications())
        seq_ids = [item.seq_id for item in queued]
        assert seq_ids == sorted(set(seq_ids))
        walks: dict[UUID, list[JobStatus]] = {}
        for item in queued:
            payload = Notification.model_validate_json(item.payload)
            assert payload.seq_id == item.seq_id
            assert payload.status is item.status
            walks.setdefault(item.job_id, []).append(item.status)
        for job_id, known in self.model.items():
            expected = known.history[1:] if known.notify else []
            assert walks.get(job_id, []) == expected
            assert is_walk(expected)


EXAMPLES: dict[str, int] = {
    "sqlite": max(20, settings.default.max_examples // 4),
    "postgres": max(10, settings.default.max_examples // 10),
}
"""Walks per run. PostgreSQL answers over a socket, several times slower per step; its
walks check the same rules (shared with SQLite) through its own SQL, so fewer suffice."""


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_the_store_walks_every_job_through_the_lifecycle(
    kind: Literal["sqlite", "postgres"], request: pytest.FixtureRequest
) -> None:
    url = request.getfixturevalue("postgres_url") if kind == "postgres" else None
    stores = FreshStores(kind, url)
    run_state_machine_as_test(
        lambda: LifecycleMachine(stores),
        settings=settings(max_examples=EXAMPLES[kind], stateful_step_count=20),
    )
