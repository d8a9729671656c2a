"""The job engine through a real tunnel: order, poll and express, acknowledgement, timeouts,
deletion and restarts, with a scripted agent on a uvicorn server on 127.0.0.1."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.emulator.tunnel_agent import WAIT, Cloud, ScriptedAgent, agent_for, running_cloud
from tests.support.waiting import eventually
from tikjobs.contracts.api import JobStatus, Notification
from tikjobs.contracts.lifecycle import is_path
from tikjobs.contracts.tunnel import Heartbeat, JobOffer, Poll
from tikjobs.emulator.exceptions import JobAlreadyStarted
from tikjobs.emulator.store import JobRecord

pytestmark = pytest.mark.anyio

NOTIFY = "https://127.0.0.1:9/notify"
"""A notify_url the delivery guard refuses at once: nothing leaves the machine."""


@pytest.fixture
async def cloud(tmp_path: Path) -> AsyncIterator[Cloud]:
    async with running_cloud(tmp_path / "tikjobs.db") as running:
        yield running


async def nothing_offered(agent: ScriptedAgent) -> None:
    """A heartbeat round trip: the answer must come before any offer (none is due)."""
    await agent.send(Heartbeat())
    await agent.expect(Heartbeat)


async def test_a_job_waits_for_the_routers_poll(cloud: Cloud) -> None:
    tenant = await cloud.tenant()
    router_id, token = next(iter(tenant.routers.items()))
    async with agent_for(cloud, token) as agent:
        await agent.connect()
        job = await cloud.submit(tenant, router_id)
        await nothing_offered(agent)
        assert (await cloud.job(job.id)).status is JobStatus.PENDING

        await agent.send(Poll())
        offer = await agent.expect(JobOffer)

    assert offer.job_id == str(job.id)
    assert offer.idempotency_key == str(job.idempotency_key)
    assert offer.script == job.script
    assert offer.needs_acknowledgement


async def test_an_express_job_is_offered_at_once(cloud: Cloud) -> None:
    tenant = await cloud.tenant()
    router_id, token = next(iter(tenant.routers.items()))
    async with agent_for(cloud, token) as agent:
        await agent.connect()
        job = await cloud.submit(tenant, router_id, express=True)
        offer = await agent.expect(JobOffer)
    assert offer.job_id == str(job.id)


async def test_an_express_job_stored_while_the_next_job_is_looked_up_is_offered_at_once(
    cloud: Cloud, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The router's job ends and the engine reads its next one; an express job is stored
    just after that read began. The read answers no job, and the express job is still
    offered at once, not at the router's next poll."""
    tenant = await cloud.tenant(poll_interval=3600.0)
    router_id, token = next(iter(tenant.routers.items()))
    stored = cloud.store.unfinished_jobs
    read, answer = asyncio.Event(), asyncio.Event()
    holding = False

    async def held_read(*args: Any, **kwargs: Any) -> list[JobRecord]:
        found = await stored(*args, **kwargs)
        if holding and kwargs.get("limit") == 1:
            read.set()
            await answer.wait()
        return found

    async with agent_for(cloud, token) as agent:
        await agent.connect()
        first = await cloud.submit(tenant, router_id, express=True)
        offer = await agent.expect(JobOffer)
        assert offer.job_id == str(first.id)
        await agent.report(offer, JobStatus.LOADED)
        await agent.report(offer, JobStatus.RUNNING)
        monkeypatch.setattr(cloud.store, "unfinished_jobs", held_read)
        holding = True
        await agent.report(offer, JobStatus.COMPLETED)
        await asyncio.wait_for(read.wait(), WAIT)
        second = await cloud.submit(tenant, router_id, express=True)
        holding = False
        answer.set()
        offer = await agent.expect(JobOffer)

    assert offer.job_id == str(second.id)


async def test_an_express_job_for_an_offline_router_is_offered_when_it_connects(
    cloud: Cloud,
) -> None:
    tenant = await cloud.tenant()
    router_id, token = next(iter(tenant.routers.items()))
    job = await cloud.submit(tenant, router_id, express=True)
    async with agent_for(cloud, token) as agent:
        await agent.connect()
        offer = await agent.expect(JobOffer)
    assert offer.job_id == str(job.id)


async def test_a_router_runs_its_jobs_one_at_a_time_in_submission_order(cloud: Cloud) -> None:
    tenant = await cloud.tenant()
    router_id, token = next(iter(tenant.routers.items()))
    jobs = [await cloud.submit(tenant, router_id, script=f":put {n}") for n in range(3)]
    async with agent_for(cloud, token) as agent:
        await agent.connect()
        await agent.send(Poll())
        seen = []
        for _ in jobs:
            offer = await agent.expect(JobOffer)
            seen.append(offer.job_id)
            await agent.report(offer, JobStatus.LOADED)
            await agent.report(offer, JobStatus.RUNNING)
            await nothing_offered(agent)
            ack = await agent.report(offer, JobStatus.COMPLETED, output=offer.script)
            assert ack.accepted
        await nothing_offered(agent)

    assert seen == [str(job.id) for job in jobs]
    for job in jobs:
        done = await cloud.job(job.id)
        assert done.status is JobStatus.COMPLETED
        assert done.output == job.script


async def test_routers_run_their_jobs_side_by_side(cloud: Cloud) -> None:
    tenant = await cloud.tenant(routers=2)
    (first_id, first_token), (second_id, second_token) = tenant.routers.items()
    first_job = await cloud.submit(tenant, first_id, express=True)
    second_job = await cloud.submit(tenant, second_id, express=True)
    async with agent_for(cloud, first_token) as first, agent_for(cloud, second_token) as second:
        await first.connect()
        await second.connect()
        first_offer = await first.expect(JobOffer)
        await first.report(first_offer, JobStatus.LOADED)
        second_offer = await second.expect(JobOffer)
        await second.run(second_offer)
        assert (await cloud.job(first_job.id)).status is JobStatus.LOADED
        await first.run(first_offer)

    assert first_offer.job_id == str(first_job.id)
    assert second_offer.job_id == str(second_job.id)
    assert (await cloud.job(second_job.id)).status is JobStatus.COMPLETED


async def test_without_acknowledgement_a_job_completes_when_the_router_has_it(
    cloud: Cloud,
) -> None:
    tenant = await cloud.tenant()
    router_id, token = next(iter(tenant.routers.items()))
    job = await cloud.submit(tenant, router_id, express=True, needs_ack=False, notify_url=NOTIFY)
    async with agent_for(cloud, token) as agent:
        await agent.connect()
        offer = await agent.expect(JobOffer)
        assert not offer.needs_acknowledgement
        ack = await agent.report(offer, JobStatus.LOADED)
        assert ack.accepted
        assert ack.status is JobStatus.LOADED
        handed = await agent.report(offer, JobStatus.COMPLETED, output="not kept")
        assert handed.accepted
        assert handed.status is JobStatus.COMPLETED
        late = await agent.report(offer, JobStatus.FAILED, error="reboot interrupted the script")

    assert late.accepted
    assert late.status is JobStatus.COMPLETED
    done = await cloud.job(job.id)
    assert done.status is JobStatus.COMPLETED
    assert done.error is None
    assert done.output is None
    assert done.started_at is not None
    statuses = [
        Notification.model_validate_json(item.payload).status
        for item in await cloud.store.list_notifications(job_id=job.id)
    ]
    assert statuses == [JobStatus.LOADED, JobStatus.COMPLETED]


async def test_with_acknowledgement_the_agents_report_decides(cloud: Cloud) -> None:
    tenant = await cloud.tenant()
    router_id, token = next(iter(tenant.routers.items()))
    job = await cloud.submit(tenant, router_id, express=True, notify_url=NOTIFY)
    async with agent_for(cloud, token) as agent:
        await agent.connect()
        offer = await agent.expect(JobOffer)
        assert (await agent.report(offer, JobStatus.LOADED)).status is JobStatus.LOADED
        assert (await agent.report(offer, JobStatus.RUNNING)).status is JobStatus.RUNNING
        assert (await cloud.job(job.id)).status is JobStatus.RUNNING
        ack = await agent.report(offer, JobStatus.FAILED, error="syntax error (line 1 column 6)")

    assert ack.accepted
    failed = await cloud.job(job.id)
    assert failed.status is JobStatus.FAILED
    assert failed.error == "syntax error (line 1 column 6)"
    statuses = [
        Notification.model_validate_json(item.payload).status
        for item in await cloud.store.list_notifications(job_id=job.id)
    ]
    assert statuses == [JobStatus.LOADED, JobStatus.RUNNING, JobStatus.FAILED]
    assert is_path(statuses)


async def test_a_repeated_report_is_acknowledged_once_and_an_illegal_one_refused(
    cloud: Cloud,
) -> None:
    tenant = await cloud.tenant()
    router_id, token = next(iter(tenant.routers.items()))
    job = await cloud.submit(tenant, router_id, express=True, notify_url=NOTIFY)
    async with agent_for(cloud, token) as agent:
        await agent.connect()
        offer = await agent.expect(JobOffer)
        await agent.run(offer)
        again = await agent.report(offer, JobStatus.COMPLETED, output="done")
        backwards = await agent.report(offer, JobStatus.RUNNING)

    assert again.accepted
    assert not backwards.accepted
    assert backwards.reason is not None
    assert "completed" in backwards.reason
    assert len(await cloud.store.list_notifications(job_id=job.id)) == 3


async def test_a_job_the_agent_had_is_offered_again_after_a_reconnect(cloud: Cloud) -> None:
    tenant = await cloud.tenant()
    router_id, token = next(iter(tenant.routers.items()))
    job = await cloud.submit(tenant, router_id, express=True)
    async with agent_for(cloud, token) as agent:
        await agent.connect()
        first = await agent.expect(JobOffer)
        await agent.report(first, JobStatus.LOADED)
        await agent.report(first, JobStatus.RUNNING)
    async with agent_for(cloud, token) as agent:
        await agent.connect()
        again = await agent.expect(JobOffer)
        await agent.report(again, JobStatus.COMPLETED, output="ran once")

    assert again == first
    assert (await cloud.job(job.id)).status is JobStatus.COMPLETED


async def test_a_taken_job_that_outlives_its_timeout_fails(tmp_path: Path) -> None:
    async with running_cloud(tmp_path / "t.db", job_timeout=0.2) as cloud:
        tenant = await cloud.tenant()
        router_id, token = next(iter(tenant.routers.items()))
        job = await cloud.submit(tenant, router_id, express=True)
        async with agent_for(cloud, token) as agent:
            await agent.connect()
            offer = await agent.expect(JobOffer)
            assert offer.timeout == 0.2
            await agent.report(offer, JobStatus.LOADED)
            failed = await cloud.wait_for_status(job.id, JobStatus.FAILED)
            late = await agent.report(offer, JobStatus.COMPLETED)

    assert failed.error == "timed out after 0.2 s"
    assert not late.accepted


async def test_a_pending_job_on_an_offline_router_times_out(tmp_path: Path) -> None:
    async with running_cloud(tmp_path / "t.db", pending_timeout=0.2) as cloud:
        tenant = await cloud.tenant()
        router_id = next(iter(tenant.routers))
        job = await cloud.submit(tenant, router_id, notify_url=NOTIFY)
        failed = await cloud.wait_for_status(job.id, JobStatus.FAILED)

    assert failed.error == "timed out after 0.2 s waiting for the router"
    assert failed.started_at is None


async def test_a_pending_job_is_deleted_and_a_started_one_is_not(cloud: Cloud) -> None:
    tenant = await cloud.tenant()
    router_id, token = next(iter(tenant.routers.items()))
    started = await cloud.submit(tenant, router_id)
    waiting = await cloud.submit(tenant, router_id, notify_url=NOTIFY)
    async with agent_for(cloud, token) as agent:
        await agent.connect()
        await agent.send(Poll())
        offer = await agent.expect(JobOffer)
        await agent.report(offer, JobStatus.LOADED)

        deleted = await cloud.engine.delete_job(waiting.id)
        with pytest.raises(JobAlreadyStarted) as refused:
            await cloud.engine.delete_job(started.id)
        await agent.report(offer, JobStatus.COMPLETED)
        await nothing_offered(agent)

    assert deleted.status is JobStatus.DELETED
    assert deleted.deleted_at is not None
    assert refused.value.code == "job_already_started"
    assert (await cloud.engine.delete_job(waiting.id)).status is JobStatus.DELETED
    statuses = [n.status for n in await cloud.store.list_notifications(job_id=waiting.id)]
    assert statuses == [JobStatus.DELETED]


async def test_jobs_survive_a_restart_and_still_run(tmp_path: Path) -> None:
    path = tmp_path / "tikjobs.db"
    async with running_cloud(path) as cloud:
        tenant = await cloud.tenant()
        router_id, token = next(iter(tenant.routers.items()))
        taken = await cloud.submit(tenant, router_id, express=True)
        waiting = await cloud.submit(tenant, router_id)
        async with agent_for(cloud, token) as agent:
            await agent.connect()
            offer = await agent.expect(JobOffer)
            await agent.report(offer, JobStatus.LOADED)

    async with running_cloud(path) as cloud:
        assert not (await cloud.router(router_id)).online
        async with agent_for(cloud, token) as agent:
            await agent.connect()
            again = await agent.expect(JobOffer)
            await agent.report(again, JobStatus.RUNNING)
            await agent.report(again, JobStatus.COMPLETED)
            await agent.send(Poll())
            following = await agent.expect(JobOffer)
            await agent.run(following)

    assert again.job_id == str(taken.id)
    assert again.idempotency_key == offer.idempotency_key
    assert following.job_id == str(waiting.id)


async def test_an_unacknowledged_job_the_agent_took_is_offered_again_until_handed_over(
    tmp_path: Path,
) -> None:
    """The agent may have stopped between taking the job and handing it to the router:
    the job is not completed on its behalf, but offered again when a tunnel comes up."""
    path = tmp_path / "tikjobs.db"
    async with running_cloud(path) as cloud:
        tenant = await cloud.tenant()
        router_id, token = next(iter(tenant.routers.items()))
        job = await cloud.submit(tenant, router_id, needs_ack=False)
        await cloud.store.transition(job.id, JobStatus.LOADED, job.created_at)

    async with running_cloud(path) as cloud:
        assert (await cloud.job(job.id)).status is JobStatus.LOADED
        async with agent_for(cloud, token) as agent:
            await agent.connect()
            offer = await agent.expect(JobOffer)
            assert offer.job_id == str(job.id)
            ack = await agent.report(offer, JobStatus.COMPLETED)
        ended = await cloud.job(job.id)

    assert ack.accepted
    assert ended.status is JobStatus.COMPLETED


async def test_a_triggered_poll_offers_the_waiting_job(cloud: Cloud) -> None:
    tenant = await cloud.tenant()
    router_id, token = next(iter(tenant.routers.items()))
    job = await cloud.submit(tenant, router_id)
    assert not await cloud.engine.trigger_poll(router_id)
    async with agent_for(cloud, token) as agent:
        await agent.connect()
        await nothing_offered(agent)
        assert await cloud.engine.trigger_poll(router_id)
        offer = await agent.expect(JobOffer)

    assert offer.job_id == str(job.id)

    async def offline() -> bool:
        return not (await cloud.router(router_id)).online

    await eventually(offline, "the router went offline")
