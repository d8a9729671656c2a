"""The delivery worker against the real SQLite store and real sinks on 127.0.0.1.

Every test queues notifications the way the engine does (job transitions in the store),
runs a `DeliveryWorker` with a shrunken retry schedule, and looks at what the sink
received and what the delivery log says.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID

import pytest

from tests.support.builders import add_tenant, new_job
from tests.support.waiting import eventually
from tikjobs.contracts.api import JobStatus
from tikjobs.contracts.controls import FaultRule, Faults
from tikjobs.emulator.exceptions import SignatureInvalid
from tikjobs.emulator.faults import FaultRules
from tikjobs.emulator.notifications.delivery import LEASE, DeliveryOptions, DeliveryWorker
from tikjobs.emulator.notifications.schedule import RetrySchedule
from tikjobs.emulator.notifications.signing import new_secret, verify
from tikjobs.emulator.notifications.ssrf import AddressPolicy
from tikjobs.emulator.settings import Settings
from tikjobs.emulator.store import NotificationState, Store
from tikjobs.emulator.store.sqlite import SqliteStore
from tikjobs.sink import HANG, NotificationSink, ReceivedNotification

pytestmark = pytest.mark.anyio

FAST = RetrySchedule(scale=0.001)
"""The Standard Webhooks schedule a thousand times faster: 5 ms, 300 ms, 1.8 s, ..."""


@dataclass
class Tenant:
    """A customer with one router, and the store they live in."""

    store: SqliteStore
    customer_id: UUID
    router_id: UUID
    secret: str

    async def job(self, notify_url: str) -> UUID:
        job = new_job(
            self.customer_id, self.router_id, notify_url=notify_url, created_at=datetime.now(UTC)
        )
        return (await self.store.create_job(job)).id

    async def advance(self, job_id: UUID, *statuses: JobStatus) -> None:
        for status in statuses:
            await self.store.transition(job_id, status, datetime.now(UTC))


async def open_tenant(db: Path) -> Tenant:
    store = await SqliteStore.open(db)
    secret = new_secret()
    owner = await add_tenant(store, at=datetime.now(UTC), secret=secret)
    return Tenant(store, owner.customer_id, owner.router_id, secret)


@pytest.fixture
async def tenant(tmp_path: Path) -> AsyncIterator[Tenant]:
    tenant = await open_tenant(tmp_path / "tikjobs.db")
    yield tenant
    await tenant.store.close()


def options(ca_bundle: Path | None = None, **changes: object) -> DeliveryOptions:
    settings: dict[str, object] = {
        "policy": AddressPolicy.from_allow_hosts(["127.0.0.1"]),
        "ca_bundle": ca_bundle,
        "schedule": FAST,
        "timeout": 5.0,
        "poll_interval": 0.2,
    }
    settings.update(changes)
    return DeliveryOptions(**settings)  # type: ignore[arg-type]


def settled(store: Store, job_id: UUID, count: int) -> Callable[[], Awaitable[bool]]:
    """A check: the job has ``count`` notifications and none is pending any more."""

    async def check() -> bool:
        entries = await store.list_notifications(job_id=job_id)
        return len(entries) == count and all(
            entry.state is not NotificationState.PENDING for entry in entries
        )

    return check


def statuses(received: list[ReceivedNotification], path: str = "/notify") -> list[str]:
    return [json.loads(item.body)["status"] for item in received if item.target == path]


async def test_notifications_arrive_signed_with_the_customer_secret(
    tenant: Tenant, https_sink: NotificationSink, ca_bundle: Path
) -> None:
    job_id = await tenant.job(https_sink.url)
    async with DeliveryWorker(tenant.store, options(ca_bundle)) as worker:
        await tenant.advance(job_id, JobStatus.LOADED, JobStatus.RUNNING, JobStatus.COMPLETED)
        worker.wake()
        received = await https_sink.wait_for(lambda got: len(got) >= 3)
        await eventually(settled(tenant.store, job_id, 3), "the notifications settled")

    entries = await tenant.store.list_notifications(job_id=job_id)
    assert statuses(received) == ["loaded", "running", "completed"]
    for item, entry in zip(received, entries, strict=True):
        assert item.method == "POST"
        assert item.headers["content-type"] == "application/json"
        assert item.body == entry.payload.encode()
        assert verify(tenant.secret, item.headers, item.body) == str(entry.id)
        with pytest.raises(SignatureInvalid):
            verify(new_secret(), item.headers, item.body)
    seq_ids = [json.loads(item.body)["seq_id"] for item in received]
    assert seq_ids == sorted(seq_ids)
    assert len(set(seq_ids)) == 3
    assert all(entry.state is NotificationState.DELIVERED for entry in entries)


async def test_failed_attempts_are_retried_until_success(
    tenant: Tenant, https_sink: NotificationSink, ca_bundle: Path
) -> None:
    https_sink.answer([500, HANG, 200])
    job_id = await tenant.job(https_sink.url)
    async with DeliveryWorker(tenant.store, options(ca_bundle, timeout=0.5)) as worker:
        await tenant.advance(job_id, JobStatus.LOADED)
        worker.wake()
        received = await https_sink.wait_for(lambda got: len(got) >= 3)
        await eventually(settled(tenant.store, job_id, 1), "the notifications settled")

    [entry] = await tenant.store.list_notifications(job_id=job_id)
    assert entry.state is NotificationState.DELIVERED
    assert {item.headers["webhook-id"] for item in received} == {str(entry.id)}
    for item in received:
        verify(tenant.secret, item.headers, item.body)
    log = await tenant.store.list_deliveries(job_id=job_id)
    assert [(attempt.attempt, attempt.status_code, attempt.delivered) for attempt in log] == [
        (1, 500, False),
        (2, None, False),
        (3, 200, True),
    ]
    assert log[0].error == "HTTP 500"
    assert log[1].error is not None
    assert log[1].error.startswith("timeout")
    assert all(attempt.duration is not None for attempt in log)


async def test_a_jobs_later_notification_waits_for_its_earlier_retry(
    tenant: Tenant, https_sink: NotificationSink, ca_bundle: Path
) -> None:
    https_sink.answer([500], path="/slow")
    slow_job = await tenant.job(https_sink.url_for(path="/slow"))
    other_job = await tenant.job(https_sink.url_for(path="/other"))
    schedule = RetrySchedule(delays=(0.0, 1.0))
    async with DeliveryWorker(tenant.store, options(ca_bundle, schedule=schedule)) as worker:
        await tenant.advance(slow_job, JobStatus.LOADED, JobStatus.RUNNING)
        await tenant.advance(other_job, JobStatus.LOADED)
        worker.wake()
        received = await https_sink.wait_for(lambda got: len(got) >= 4)
        await eventually(settled(tenant.store, slow_job, 2), "the notifications settled")

    assert statuses(received, "/slow") == ["loaded", "loaded", "running"]
    assert statuses(received, "/other") == ["loaded"]
    targets = [item.target for item in received]
    assert targets.index("/other") < targets.index("/slow", 1)


async def test_receivers_that_hang_hold_only_their_own_slots(
    tenant: Tenant, https_sink: NotificationSink, ca_bundle: Path
) -> None:
    https_sink.answer([HANG] * 3, path="/hung")
    hung = [await tenant.job(https_sink.url_for(path="/hung")) for _ in range(3)]
    other_job = await tenant.job(https_sink.url_for(path="/other"))
    worker_options = options(ca_bundle, concurrency=4, timeout=30.0, stop_grace=0.0)
    async with DeliveryWorker(tenant.store, worker_options) as worker:
        for job_id in hung:
            await tenant.advance(job_id, JobStatus.LOADED)
        worker.wake()
        await https_sink.wait_for(lambda got: len(got) >= 3)
        await tenant.advance(other_job, JobStatus.LOADED)
        worker.wake()
        received = await https_sink.wait_for(lambda got: len(got) >= 4, timeout=5.0)

    assert statuses(received, "/hung") == ["loaded"] * 3
    assert statuses(received, "/other") == ["loaded"]


async def test_a_burst_larger_than_the_slots_is_delivered_without_waiting_for_the_poll(
    tenant: Tenant, https_sink: NotificationSink, ca_bundle: Path
) -> None:
    # As the engine does: each change claims its notification when it can and hands it
    # to the worker; a change whose earlier notification is pending leaves it for the
    # commit that records that one. Two slots for twenty jobs' three notifications.
    jobs = [await tenant.job(https_sink.url) for _ in range(20)]
    worker_options = options(ca_bundle, concurrency=2, poll_interval=60.0)
    async with DeliveryWorker(tenant.store, worker_options) as worker:
        for status in (JobStatus.LOADED, JobStatus.RUNNING, JobStatus.COMPLETED):
            for job_id in jobs:
                result = await tenant.store.transition(
                    job_id, status, datetime.now(UTC), lease=LEASE
                )
                if result.claimed and result.notification is not None:
                    worker.wake(result.notification)
        received = await https_sink.wait_for(lambda got: len(got) >= 60, timeout=20.0)

    assert len(received) == 60
    for job_id in jobs:
        entries = await tenant.store.list_notifications(job_id=job_id)
        assert [entry.state for entry in entries] == [NotificationState.DELIVERED] * 3


def test_the_emulator_defaults_to_64_deliveries_at_once_and_takes_another_number() -> None:
    assert DeliveryOptions.from_settings(Settings(development=True)).concurrency == 64
    chosen = DeliveryOptions.from_settings(Settings(development=True, notify_concurrency=3))
    assert chosen.concurrency == 3
    with pytest.raises(ValueError, match="notify_concurrency"):
        Settings(development=True, notify_concurrency=0)


async def test_a_notification_is_abandoned_after_the_last_attempt(
    tenant: Tenant, https_sink: NotificationSink, ca_bundle: Path
) -> None:
    https_sink.answer([500, 502, 503])
    job_id = await tenant.job(https_sink.url)
    schedule = RetrySchedule(delays=(0.0, 0.01, 0.01))
    async with DeliveryWorker(tenant.store, options(ca_bundle, schedule=schedule)) as worker:
        await tenant.advance(job_id, JobStatus.LOADED, JobStatus.RUNNING)
        worker.wake()
        received = await https_sink.wait_for(lambda got: len(got) >= 4)
        await eventually(settled(tenant.store, job_id, 2), "the notifications settled")

    loaded, running = await tenant.store.list_notifications(job_id=job_id)
    assert loaded.state is NotificationState.ABANDONED
    assert loaded.attempts == 3
    assert loaded.last_error == "HTTP 503; abandoned after 3 attempts"
    assert running.state is NotificationState.DELIVERED
    assert statuses(received) == ["loaded", "loaded", "loaded", "running"]


async def test_410_gone_stops_the_retries(
    tenant: Tenant, https_sink: NotificationSink, ca_bundle: Path
) -> None:
    https_sink.answer([410])
    job_id = await tenant.job(https_sink.url)
    async with DeliveryWorker(tenant.store, options(ca_bundle)) as worker:
        await tenant.advance(job_id, JobStatus.LOADED)
        worker.wake()
        await eventually(settled(tenant.store, job_id, 1), "the notifications settled")

    [entry] = await tenant.store.list_notifications(job_id=job_id)
    assert entry.state is NotificationState.ABANDONED
    assert entry.attempts == 1
    assert entry.last_error is not None
    assert entry.last_error.startswith("gone")
    assert len(https_sink.received) == 1


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("127.0.0.1", "refused: 127.0.0.1 is loopback"),
        ("10.20.30.40", "refused: 10.20.30.40 is private"),
        ("169.254.169.254", "refused: 169.254.169.254 is link-local"),
        ("100.64.1.1", "refused: 100.64.1.1 is shared address space (CGNAT)"),
        ("[::1]", "refused: ::1 is loopback"),
        ("[::ffff:127.0.0.1]", "refused: ::ffff:127.0.0.1 is loopback (IPv4 127.0.0.1 inside)"),
        ("localhost", "(resolved from localhost)"),
    ],
)
async def test_private_destinations_are_refused_once_and_abandoned(
    tenant: Tenant, https_sink: NotificationSink, ca_bundle: Path, host: str, reason: str
) -> None:
    job_id = await tenant.job(https_sink.url_for(host))
    guarded = options(ca_bundle, policy=AddressPolicy())
    async with DeliveryWorker(tenant.store, guarded) as worker:
        await tenant.advance(job_id, JobStatus.LOADED)
        worker.wake()
        await eventually(settled(tenant.store, job_id, 1), "the notifications settled")

    [entry] = await tenant.store.list_notifications(job_id=job_id)
    assert entry.state is NotificationState.ABANDONED
    assert entry.attempts == 1
    assert entry.last_error is not None
    assert entry.last_error.startswith("refused: ")
    assert reason in entry.last_error
    assert https_sink.received == []


async def test_plain_http_needs_the_flag(tenant: Tenant, http_sink: NotificationSink) -> None:
    refused_job = await tenant.job(http_sink.url_for(path="/refused"))
    async with DeliveryWorker(tenant.store, options()) as worker:
        await tenant.advance(refused_job, JobStatus.LOADED)
        worker.wake()
        await eventually(settled(tenant.store, refused_job, 1), "the notifications settled")
    [refused] = await tenant.store.list_notifications(job_id=refused_job)
    assert refused.state is NotificationState.ABANDONED
    assert refused.last_error == "refused: plain http to 127.0.0.1 needs the allow-plain-http flag"

    allowed_job = await tenant.job(http_sink.url_for(path="/allowed"))
    policy = AddressPolicy.from_allow_hosts(["127.0.0.1"], allow_plain_http=True)
    async with DeliveryWorker(tenant.store, options(policy=policy)) as worker:
        await tenant.advance(allowed_job, JobStatus.LOADED)
        worker.wake()
        await eventually(settled(tenant.store, allowed_job, 1), "the notifications settled")
    [allowed] = await tenant.store.list_notifications(job_id=allowed_job)
    assert allowed.state is NotificationState.DELIVERED
    assert [item.target for item in http_sink.received] == ["/allowed"]


async def test_a_restarted_worker_delivers_what_the_last_one_left(
    tmp_path: Path, https_sink: NotificationSink, ca_bundle: Path
) -> None:
    db = tmp_path / "tikjobs.db"
    tenant = await open_tenant(db)
    https_sink.answer([HANG], path="/interrupted")
    interrupted_job = await tenant.job(https_sink.url_for(path="/interrupted"))
    waiting_job = await tenant.job(https_sink.url_for(path="/waiting"))
    first = DeliveryWorker(tenant.store, options(ca_bundle, stop_grace=0.0))
    await first.start()
    await tenant.advance(interrupted_job, JobStatus.LOADED)
    first.wake()
    await https_sink.wait_for(lambda got: len(got) >= 1)
    await first.stop()
    await tenant.advance(waiting_job, JobStatus.LOADED, JobStatus.RUNNING)
    await tenant.store.close()

    reopened = await SqliteStore.open(db)
    try:
        async with DeliveryWorker(reopened, options(ca_bundle)):
            received = await https_sink.wait_for(lambda got: len(got) >= 4)
            await eventually(settled(reopened, waiting_job, 2), "the notifications settled")
            await eventually(settled(reopened, interrupted_job, 1), "the notifications settled")
        log = await reopened.list_deliveries(job_id=interrupted_job)
    finally:
        await reopened.close()

    assert statuses(received, "/interrupted") == ["loaded", "loaded"]
    assert statuses(received, "/waiting") == ["loaded", "running"]
    assert [(item.attempt, item.delivered) for item in log] == [(1, False), (2, True)]
    assert log[0].error is not None
    assert log[0].error.startswith("interrupted")
    ids = {item.headers["webhook-id"] for item in received if item.target == "/interrupted"}
    assert len(ids) == 1


async def test_notification_faults_fail_attempts_until_cleared(
    tenant: Tenant, https_sink: NotificationSink, ca_bundle: Path
) -> None:
    faults = FaultRules()
    faults.replace(Faults(notification=FaultRule(failure_rate=1.0)))
    job_id = await tenant.job(https_sink.url)
    schedule = RetrySchedule(delays=(0.0, 0.01, 0.01, 0.01, 0.01, 0.01))
    worker = DeliveryWorker(tenant.store, options(ca_bundle, schedule=schedule), faults=faults)
    async with worker:
        await tenant.advance(job_id, JobStatus.LOADED)
        worker.wake()

        async def failed_twice() -> bool:
            return len(await tenant.store.list_deliveries(job_id=job_id)) >= 2

        await eventually(failed_twice, "two delivery attempts failed")
        faults.clear()
        await eventually(settled(tenant.store, job_id, 1), "the notifications settled")

    log = await tenant.store.list_deliveries(job_id=job_id)
    assert log[0].error == "injected fault: delivery failed"
    assert log[-1].delivered
    assert len(https_sink.received) == 1


async def test_stop_leaves_no_tasks_behind(
    tenant: Tenant, https_sink: NotificationSink, ca_bundle: Path
) -> None:
    https_sink.answer([HANG])
    job_id = await tenant.job(https_sink.url)
    worker = DeliveryWorker(tenant.store, options(ca_bundle, stop_grace=0.0))
    await worker.start()
    await tenant.advance(job_id, JobStatus.LOADED)
    worker.wake()
    await https_sink.wait_for(lambda got: len(got) >= 1)
    await worker.stop()

    assert not worker.running
    names = {task.get_name() for task in asyncio.all_tasks()}
    assert not any(name.startswith("notification") for name in names)


def test_options_follow_the_emulator_settings(ca_bundle: Path) -> None:
    settings = Settings(
        development=True,
        notify_allow_hosts=["127.0.0.1", "sink.test"],
        notify_allow_http=True,
        notify_ca_bundle=ca_bundle,
        notify_retry_scale=0.001,
        notify_timeout=3.0,
    )
    chosen = DeliveryOptions.from_settings(settings)
    assert chosen.policy.name_allowed("sink.test")
    assert chosen.policy.name_allowed("127.0.0.1")
    assert chosen.policy.allow_plain_http
    assert chosen.ca_bundle == ca_bundle
    assert chosen.schedule.delay_after(1) == pytest.approx(0.005)
    assert chosen.timeout == 3.0


def test_a_bad_allow_host_in_the_settings_is_named() -> None:
    settings = Settings(development=True, notify_allow_hosts=["https://sink.test/"])
    with pytest.raises(ValueError, match=r"'https://sink\.test/' is neither"):
        DeliveryOptions.from_settings(settings)
