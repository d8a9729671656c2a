"""The /tunnel endpoint on a real uvicorn: authentication, frame errors, replacement,
presence, synchronous calls and backup uploads, with a scripted agent."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import json
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from tests.emulator.tunnel_agent import (
    Cloud,
    ScriptedAgent,
    Tenant,
    agent_for,
    running_cloud,
)
from tests.support.waiting import WAIT, eventually
from tikjobs.contracts.api import JobStatus
from tikjobs.contracts.tunnel import (
    MAX_FRAME_BYTES,
    BackupAck,
    BackupUpload,
    Heartbeat,
    Hello,
    JobOffer,
    Poll,
    RouterFacts,
    SyncCancel,
    SyncRequest,
    SyncResult,
    Trap,
    TunnelError,
)
from tikjobs.emulator.api.deps import get_engine
from tikjobs.emulator.engine import Engine
from tikjobs.emulator.exceptions import RouterOffline, RouterTimeout, RouterTrap
from tikjobs.emulator.links import LAST_SEEN_RESOLUTION

pytestmark = pytest.mark.anyio


@pytest.fixture
async def cloud(tmp_path: Path) -> AsyncIterator[Cloud]:
    async with running_cloud(tmp_path / "tikjobs.db") as running:
        yield running


@pytest.fixture
async def tenant(cloud: Cloud) -> Tenant:
    return await cloud.tenant()


def only_router(tenant: Tenant) -> tuple[UUID, str]:
    return next(iter(tenant.routers.items()))


# -- authentication and handshake -------------------------------------------------------


@pytest.mark.parametrize("token", [None, "not-a-registered-token"])
async def test_a_missing_or_unknown_token_is_refused_with_1008(
    cloud: Cloud, token: str | None
) -> None:
    agent = ScriptedAgent(cloud.tunnel_url, token)
    await agent.open()
    error = await agent.expect(TunnelError)
    assert error.code == "unauthorized"
    assert await agent.closed_with() == 1008


async def test_hello_is_answered_with_welcome_and_the_facts_are_kept(
    cloud: Cloud, tenant: Tenant
) -> None:
    router_id, token = only_router(tenant)
    facts = RouterFacts(identity="edge-1", software_version="7.16", board_name="CHR")
    async with agent_for(cloud, token) as agent:
        welcome = await agent.connect(facts)
        router = await cloud.router(router_id)
        assert router.online
        assert router.last_seen is not None

    assert welcome.router_id == str(router_id)
    assert welcome.poll_interval == 30.0
    assert welcome.heartbeat_interval == cloud.engine.heartbeat_interval
    assert (router.identity, router.software_version, router.board_name) == (
        "edge-1",
        "7.16",
        "CHR",
    )


async def test_the_router_goes_offline_when_the_tunnel_closes(cloud: Cloud, tenant: Tenant) -> None:
    router_id, token = only_router(tenant)
    async with agent_for(cloud, token) as agent:
        await agent.connect()

    async def offline() -> bool:
        return not cloud.links.is_online(router_id) and not (await cloud.router(router_id)).online

    await eventually(offline, "the router is offline")


async def test_last_seen_follows_the_frames(cloud: Cloud, tenant: Tenant) -> None:
    router_id, token = only_router(tenant)
    async with agent_for(cloud, token) as agent:
        await agent.connect()
        first = (await cloud.router(router_id)).last_seen
        assert first is not None

        async def moved() -> bool:
            await agent.send(Heartbeat())
            await agent.expect(Heartbeat)
            seen = (await cloud.router(router_id)).last_seen
            return seen is not None and seen > first

        await eventually(moved, "last_seen moved on with later frames")


async def test_routers_heard_at_once_have_their_last_seen_written_together(
    cloud: Cloud, monkeypatch: pytest.MonkeyPatch
) -> None:
    tenant = await cloud.tenant(routers=3)
    writes: list[dict[UUID, datetime]] = []
    touch_routers = cloud.store.touch_routers

    async def recorded(moments: dict[UUID, datetime]) -> None:
        writes.append(dict(moments))
        await touch_routers(moments)

    monkeypatch.setattr(cloud.store, "touch_routers", recorded)
    async with contextlib.AsyncExitStack() as stack:
        agents = [
            await stack.enter_async_context(agent_for(cloud, token))
            for token in tenant.routers.values()
        ]
        for agent in agents:
            await agent.connect()
        connected = {
            router.id: router.last_seen or datetime.min.replace(tzinfo=UTC)
            for router in await cloud.store.list_routers()
        }
        await asyncio.sleep(LAST_SEEN_RESOLUTION.total_seconds())
        writes.clear()

        await asyncio.gather(*(agent.send(Heartbeat()) for agent in agents))
        for agent in agents:
            await agent.expect(Heartbeat)

        async def all_moved() -> bool:
            routers = await cloud.store.list_routers()
            return all(
                router.last_seen is not None and router.last_seen > connected[router.id]
                for router in routers
            )

        await eventually(all_moved, "every router's last_seen moved on with its heartbeat")
    assert max(len(moments) for moments in writes) > 1, writes


async def identity_through(cloud: Cloud, router_id: UUID, agent: ScriptedAgent, name: str) -> Any:
    """A synchronous call over the agent's tunnel, which the agent answers with ``name``."""
    call = asyncio.create_task(cloud.links.call_sync(router_id, "/system/identity/print", [], 5))
    request = await agent.expect(SyncRequest)
    await agent.send(SyncResult(request_id=request.request_id, rows=[{"name": name}]))
    return (await call).rows


async def test_with_dependency_overrides_the_tunnel_goes_through_fastapis_route(
    cloud: Cloud, tenant: Tenant
) -> None:
    """The front door hands ``/tunnel`` straight to its session, past FastAPI's
    dependencies; overrides (as in someone's own tests of the app) must still be
    honoured, so with them the tunnel goes through FastAPI's route and works the same."""
    router_id, token = only_router(tenant)
    resolved: list[Engine] = []

    async def engine() -> Engine:
        resolved.append(cloud.engine)
        return cloud.engine

    cloud.app.dependency_overrides[get_engine] = engine
    async with agent_for(cloud, token) as agent:
        welcome = await agent.connect()
        rows = await identity_through(cloud, router_id, agent, "edge-1")

    assert welcome.router_id == str(router_id)
    assert rows == [{"name": "edge-1"}]
    assert resolved == [cloud.engine]


async def test_the_first_frame_must_be_hello(cloud: Cloud, tenant: Tenant) -> None:
    _, token = only_router(tenant)
    agent = ScriptedAgent(cloud.tunnel_url, token)
    await agent.open()
    await agent.send(Poll())
    error = await agent.expect(TunnelError)
    assert error.code == "expected_hello"
    assert await agent.closed_with() == 1002


async def test_another_protocol_version_is_refused(cloud: Cloud, tenant: Tenant) -> None:
    _, token = only_router(tenant)
    agent = ScriptedAgent(cloud.tunnel_url, token)
    await agent.open()
    await agent.send(Hello(agent_version="future", protocol=99, router=RouterFacts()))
    error = await agent.expect(TunnelError)
    assert error.code == "unsupported_protocol"
    assert await agent.closed_with() == 1002


@pytest.mark.parametrize(
    "message",
    [
        "not json at all",
        b"\xff\xfe binary garbage",
        json.dumps({"type": "job_offer", "job_id": "x"}),
        json.dumps({"type": "poll", "unexpected": True}),
        json.dumps({"type": "sync_result"}),
        json.dumps([1, 2, 3]),
    ],
)
async def test_an_invalid_frame_ends_the_tunnel_with_a_reason(
    cloud: Cloud, tenant: Tenant, message: str | bytes
) -> None:
    router_id, token = only_router(tenant)
    async with agent_for(cloud, token) as agent:
        await agent.connect()
        await agent.send_raw(message)
        error = await agent.expect(TunnelError)
        assert error.code == "invalid_frame"
        assert await agent.closed_with() == 1002

    async with agent_for(cloud, token) as agent:
        welcome = await agent.connect()
    assert welcome.router_id == str(router_id)


async def test_a_frame_over_the_limit_is_refused(cloud: Cloud, tenant: Tenant) -> None:
    _, token = only_router(tenant)
    async with agent_for(cloud, token) as agent:
        await agent.connect()
        await agent.send_raw(b" " * (MAX_FRAME_BYTES + 1))
        error = await agent.expect(TunnelError)
        assert error.code == "frame_too_large"
        assert await agent.closed_with() == 1009


async def test_a_second_tunnel_replaces_the_first(cloud: Cloud, tenant: Tenant) -> None:
    router_id, token = only_router(tenant)
    job = await cloud.submit(tenant, router_id)
    async with agent_for(cloud, token) as old, agent_for(cloud, token) as new:
        await old.connect()
        await new.connect()
        replaced = await old.expect(TunnelError)
        assert await old.closed_with() == 1001
        await new.send(Poll())
        offer = await new.expect(JobOffer)
        assert (await cloud.router(router_id)).online

    assert "replaced" in replaced.message
    assert offer.job_id == str(job.id)


async def test_a_new_tunnel_that_comes_up_while_the_old_one_is_closing_stays_online(
    cloud: Cloud, tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An agent reconnects as its old tunnel closes: the old tunnel's offline write must
    not land after the new tunnel's online one (the router would show offline, with its
    agent connected, until the next reconnect)."""
    router_id, token = only_router(tenant)
    writing_offline = asyncio.Event()
    let_offline_land = asyncio.Event()
    set_online = cloud.store.set_router_online

    async def slow_offline(router: UUID, online: bool, at: datetime) -> None:
        if not online:
            writing_offline.set()
            await let_offline_land.wait()
        await set_online(router, online, at)

    monkeypatch.setattr(cloud.store, "set_router_online", slow_offline)
    async with agent_for(cloud, token) as old:
        await old.connect()
    await asyncio.wait_for(writing_offline.wait(), WAIT)
    async with agent_for(cloud, token) as new:
        connecting = asyncio.create_task(new.connect())
        await asyncio.sleep(0.2)
        let_offline_land.set()
        await asyncio.wait_for(connecting, WAIT)
        await asyncio.sleep(0.2)  # any write still on its way lands meanwhile

        assert cloud.links.is_online(router_id)
        assert (await cloud.router(router_id)).online, "the router shows offline"


async def test_a_silent_tunnel_is_closed(tmp_path: Path) -> None:
    async with running_cloud(tmp_path / "t.db", heartbeat_interval=0.05) as cloud:
        tenant = await cloud.tenant()
        _, token = only_router(tenant)
        async with agent_for(cloud, token) as agent:
            welcome = await agent.connect()
            error = await agent.expect(TunnelError)
            assert await agent.closed_with() == 1001

    assert welcome.heartbeat_interval == 0.05
    assert error.code == "heartbeat_timeout"


# -- synchronous calls ------------------------------------------------------------------


async def test_sync_calls_in_flight_are_matched_by_request_id(cloud: Cloud, tenant: Tenant) -> None:
    router_id, token = only_router(tenant)
    async with agent_for(cloud, token) as agent:
        await agent.connect()
        arp = asyncio.create_task(cloud.links.call_sync(router_id, "/ip/arp/print", [], 5))
        first = await agent.expect(SyncRequest)
        ident = asyncio.create_task(
            cloud.links.call_sync(router_id, "/system/identity/print", [], 5)
        )
        second = await agent.expect(SyncRequest)
        await agent.send(
            SyncResult(request_id=second.request_id, rows=[{"name": "edge-1"}], ret=None)
        )
        await agent.send(
            SyncResult(request_id=first.request_id, rows=[{".id": "*1", "address": "10.0.0.1"}])
        )
        identity, table = await asyncio.gather(ident, arp)

    assert first.command == "/ip/arp/print"
    assert second.command == "/system/identity/print"
    assert first.request_id != second.request_id
    assert identity.rows == [{"name": "edge-1"}]
    assert table.rows == [{".id": "*1", "address": "10.0.0.1"}]


async def test_a_trap_is_raised_with_its_message_and_category(cloud: Cloud, tenant: Tenant) -> None:
    router_id, token = only_router(tenant)
    async with agent_for(cloud, token) as agent:
        await agent.connect()
        call = asyncio.create_task(
            cloud.links.call_sync(
                router_id, "/ip/address/add", ["=address=1.1.1.1/24", "=interface=nope"], 5
            )
        )
        request = await agent.expect(SyncRequest)
        trap = Trap(message="input does not match any value of interface", category=1)
        await agent.send(SyncResult(request_id=request.request_id, traps=[trap]))
        with pytest.raises(RouterTrap) as refused:
            await call

    assert request.words == ["=address=1.1.1.1/24", "=interface=nope"]
    assert refused.value.message == "input does not match any value of interface"
    assert refused.value.category == 1


async def test_an_unanswered_call_times_out_and_is_cancelled_on_the_router(
    cloud: Cloud, tenant: Tenant
) -> None:
    router_id, token = only_router(tenant)
    async with agent_for(cloud, token) as agent:
        await agent.connect()
        call = asyncio.create_task(cloud.links.call_sync(router_id, "/tool/ping", [], 0.1))
        request = await agent.expect(SyncRequest)
        cancel = await agent.expect(SyncCancel)
        with pytest.raises(RouterTimeout):
            await call
        await agent.send(SyncResult(request_id=request.request_id, rows=[]))
        await agent.send(Heartbeat())
        await agent.expect(Heartbeat)

    assert cancel.request_id == request.request_id
    assert RouterTimeout.status_code == 504


async def test_calls_fail_as_offline_when_the_tunnel_drops_or_is_absent(
    cloud: Cloud, tenant: Tenant
) -> None:
    router_id, token = only_router(tenant)
    with pytest.raises(RouterOffline):
        await cloud.links.call_sync(router_id, "/ip/arp/print", [], 5)
    async with agent_for(cloud, token) as agent:
        await agent.connect()
        call = asyncio.create_task(cloud.links.call_sync(router_id, "/ip/arp/print", [], 5))
        await agent.expect(SyncRequest)
    with pytest.raises(RouterOffline):
        await call


async def test_an_agent_that_cannot_reach_its_router_answers_offline(
    cloud: Cloud, tenant: Tenant
) -> None:
    router_id, token = only_router(tenant)
    async with agent_for(cloud, token) as agent:
        await agent.connect()
        call = asyncio.create_task(cloud.links.call_sync(router_id, "/ip/arp/print", [], 5))
        request = await agent.expect(SyncRequest)
        await agent.send(SyncResult(request_id=request.request_id, error="connection refused"))
        with pytest.raises(RouterOffline, match="connection refused"):
            await call


# -- backups ----------------------------------------------------------------------------


async def test_a_backup_upload_is_kept_when_its_checksum_matches(
    cloud: Cloud, tenant: Tenant
) -> None:
    router_id, token = only_router(tenant)
    job = await cloud.submit(tenant, router_id, express=True)
    content = b"# 2024-05-28 by RouterOS 7.16\n/ip address\n"
    upload = BackupUpload(
        job_id=str(job.id),
        kind="export",
        name="before.rsc",
        content_b64=base64.b64encode(content).decode(),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    async with agent_for(cloud, token) as agent:
        await agent.connect()
        await agent.expect(JobOffer)
        await agent.send(upload)
        kept = await agent.expect(BackupAck)
        await agent.send(upload)
        again = await agent.expect(BackupAck)
        await agent.send(replace(upload, name="bad.rsc", sha256="0" * 64))
        corrupt = await agent.expect(BackupAck)
        await agent.send(replace(upload, job_id=str(router_id)))
        foreign = await agent.expect(BackupAck)

    assert kept.accepted
    assert again.accepted
    assert not corrupt.accepted
    assert corrupt.reason == "sha256 does not match the content"
    assert not foreign.accepted
    stored = await cloud.store.list_backups(job_id=job.id)
    assert [(b.name, b.kind, b.size) for b in stored] == [("before.rsc", "export", len(content))]
    assert await cloud.store.read_backup(stored[0].id) == content


async def test_a_report_for_another_routers_job_is_refused(cloud: Cloud) -> None:
    tenant = await cloud.tenant(routers=2)
    (first_id, first_token), (second_id, second_token) = tenant.routers.items()
    job = await cloud.submit(tenant, first_id, express=True)
    async with agent_for(cloud, first_token) as first, agent_for(cloud, second_token) as second:
        await first.connect()
        offer = await first.expect(JobOffer)
        await second.connect()
        ack = await second.report(offer, JobStatus.LOADED)

    assert not ack.accepted
    assert (await cloud.job(job.id)).status is JobStatus.PENDING
    assert second_id != first_id


async def test_a_caller_that_gives_up_cancels_the_call_on_the_router(
    cloud: Cloud, tenant: Tenant
) -> None:
    router_id, token = only_router(tenant)
    async with agent_for(cloud, token) as agent:
        await agent.connect()
        call = asyncio.create_task(cloud.links.call_sync(router_id, "/tool/torch", [], 5))
        request = await agent.expect(SyncRequest)
        call.cancel()
        cancel = await agent.expect(SyncCancel)
        with pytest.raises(asyncio.CancelledError):
            await call
    assert cancel.request_id == request.request_id


async def test_an_agent_without_its_router_gets_no_jobs(cloud: Cloud, tenant: Tenant) -> None:
    router_id, token = only_router(tenant)
    job = await cloud.submit(tenant, router_id, express=True)
    async with agent_for(cloud, token) as agent:
        await agent.connect(online=False)
        await agent.send(Poll())
        await agent.send(Heartbeat())
        await agent.expect(Heartbeat)
        assert not (await cloud.router(router_id)).online
        await agent.send(Hello(agent_version="test", router=RouterFacts(), online=True))
        offer = await agent.expect(JobOffer)
        assert (await cloud.router(router_id)).online
    assert offer.job_id == str(job.id)


async def test_a_reset_closes_every_tunnel_and_forgets_the_tokens(
    cloud: Cloud, tenant: Tenant
) -> None:
    _, token = only_router(tenant)
    async with agent_for(cloud, token) as agent:
        await agent.connect()
        await cloud.engine.reset()
        await agent.expect(TunnelError)
        assert await agent.closed_with() == 1012
    refused = ScriptedAgent(cloud.tunnel_url, token)
    await refused.open()
    assert (await refused.expect(TunnelError)).code == "unauthorized"
    assert await refused.closed_with() == 1008
