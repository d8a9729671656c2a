"""Several emulators on one PostgreSQL database: any replica serves any router.

Three ``tikjobs emulator`` processes share one database; each of three simulated
routers has its agent connected to a different replica. Through every replica, for every
router: a synchronous call answers the router's rows (and a RouterOS trap the same 400),
and an express job runs at once although the routers check in only once an hour.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import psycopg
import pytest

from tests.emulator.replica_harness import Cluster, ClusterRouter
from tests.support.builders import add_router, add_tenant
from tests.support.waiting import eventually
from tikjobs.emulator.clock import utc_now
from tikjobs.emulator.notifications import signing
from tikjobs.emulator.replicas import Peers
from tikjobs.emulator.store.postgres import PostgresStore
from tikjobs.sink import NotificationSink, ReceivedNotification, SinkCertificate

pytestmark = pytest.mark.anyio

REPLICAS = 3


@pytest.fixture
async def cluster(postgres_url: str, tmp_path: Path) -> AsyncIterator[Cluster]:
    running = Cluster(postgres_url, tmp_path)
    try:
        await running.start(REPLICAS)
        for number in range(REPLICAS):
            await running.add_router([running.replicas[number].url])
        yield running
    finally:
        await running.close()


async def _all_online(cluster: Cluster) -> None:
    async with cluster.client(0) as client:

        async def online() -> bool:
            listed = (await client.get("/api/routers")).json()["data"]
            return sum(1 for router in listed if router["online"]) == len(cluster.routers)

        await eventually(online, "every router online")


async def test_every_replica_answers_sync_calls_for_every_router(cluster: Cluster) -> None:
    await _all_online(cluster)
    traps: set[str] = set()
    for number in range(REPLICAS):
        async with cluster.client(number) as client:
            for router in cluster.routers:
                answer = await client.post(
                    f"/api/synchronous/{router.router_id}",
                    json={"command": "/system/identity/print"},
                )
                assert answer.status_code == 200, (number, router.name, answer.text)
                assert answer.json()["data"] == [{"name": router.name}]
                trap = await client.post(
                    f"/api/synchronous/{router.router_id}",
                    json={"command": "/ip/address/add", "parameters": "=address=not-an-address"},
                )
                assert trap.status_code == 400, (number, router.name, trap.text)
                traps.add(str(trap.json()["errors"]["command"]))
    assert len(traps) == 1, f"every replica answers the same trap: {traps}"


async def test_every_replica_answers_503_for_a_router_no_agent_serves(cluster: Cluster) -> None:
    router_id = await cluster.register_router()
    answers = set()
    for number in range(REPLICAS):
        async with cluster.client(number) as client:
            answer = await client.post(
                f"/api/synchronous/{router_id}", json={"command": "/system/identity/print"}
            )
            assert answer.status_code == 503, answer.text
            answers.add(answer.text)
    assert len(answers) == 1, answers


async def test_a_router_that_never_answers_is_the_same_504_through_every_replica(
    postgres_url: str, tmp_path: Path
) -> None:
    """A call through replica B for a router whose tunnel replica A holds, where the router
    never answers, times out as through A: the same 504, and the next call works."""
    cluster = Cluster(postgres_url, tmp_path)
    try:
        await cluster.start(2, "--sync-timeout", "2")
        router = await cluster.add_router([cluster.replicas[0].url])
        await _all_online(cluster)
        router.simulator.faults.never_answer("/system/clock/print")
        bodies = set()
        for number in range(2):
            async with cluster.client(number) as client:
                answer = await client.post(
                    f"/api/synchronous/{router.router_id}", json={"command": "/system/clock/print"}
                )
                assert answer.status_code == 504, (number, answer.text)
                assert answer.json()["code"] == "router_timeout"
                bodies.add(answer.text)
                after = await client.post(
                    f"/api/synchronous/{router.router_id}",
                    json={"command": "/system/identity/print"},
                )
                assert after.status_code == 200, (number, after.text)
                assert after.json()["data"] == [{"name": router.name}]
        assert len(bodies) == 1, bodies
    finally:
        await cluster.close()


async def test_express_jobs_submitted_through_any_replica_run_at_once(cluster: Cluster) -> None:
    await _all_online(cluster)
    submitted: list[tuple[int, str, str]] = []
    for number in range(REPLICAS):
        async with cluster.client(number) as client:
            for router in cluster.routers:
                answer = await client.post(
                    f"/api/asynchronous/{router.router_id}",
                    json={
                        "description": f"through replica {number}",
                        "script": f':put "replica {number}"',
                        "make_backup": False,
                        "express_execute": True,
                        "needs_acknowledgement": True,
                    },
                )
                assert answer.status_code == 200, answer.text
                key = answer.json()["data"]["idempotency_key"]
                submitted.append((number, router.router_id, key))
    async with cluster.client(0) as client:
        for number, router_id, key in submitted:

            async def completed(router_id: str = router_id, key: str = key) -> bool:
                jobs = (await client.get(f"/api/routers/{router_id}/jobs")).json()["data"]
                [job] = [job for job in jobs if job["idempotency_key"] == key]
                return bool(job["status"] == "completed")

            await eventually(completed, f"job {key} through replica {number} completed")


async def test_a_replica_killed_under_load_loses_nothing(
    postgres_url: str, tmp_path: Path, certificate: SinkCertificate
) -> None:
    """Jobs and sync calls flow through all three replicas while one is killed with
    SIGKILL: every accepted job completes and ran once, the killed replica's routers come
    back through another one, and every job's notifications arrive (duplicates, which
    the Standard Webhooks contract allows, are counted and reported)."""
    secret = signing.new_secret()
    async with NotificationSink(secret, certificate) as sink:
        cluster = Cluster(postgres_url, tmp_path, webhook_secret=secret)
        try:
            await cluster.start(
                REPLICAS,
                "--notify-ca-bundle",
                str(certificate.cert_path),
                "--notify-allow-host",
                "127.0.0.1",
                "--notify-retry-scale",
                "0.01",
            )
            urls = [replica.url for replica in cluster.replicas]
            for number in range(REPLICAS):
                await cluster.add_router(urls[number:] + urls[:number])
            await _all_online(cluster)
            load = _Load(cluster, sink.url)
            running = [asyncio.create_task(load.submit()), asyncio.create_task(load.call())]
            await eventually(lambda: _at_least(load.accepted, 12), "jobs accepted before the kill")
            cluster.replicas[0].kill()
            killed_at = len(load.accepted)
            await eventually(
                lambda: _at_least(load.accepted, killed_at + 12), "jobs accepted after the kill"
            )
            load.stop.set()
            await asyncio.gather(*running)

            survivors = range(1, REPLICAS)
            for number in survivors:
                async with cluster.client(number) as client:
                    for router in cluster.routers:
                        await eventually(
                            lambda client=client, router=router: _identity_answers(client, router),
                            f"{router.name} answers sync calls through replica {number}",
                        )
            async with cluster.client(1) as client:
                for router in cluster.routers:
                    keys = {key for key, owner in load.accepted.items() if owner == router}
                    await eventually(
                        lambda client=client, router=router, keys=keys: _completed(
                            client, router, keys
                        ),
                        f"every job accepted for {router.name} completed",
                    )
                    runs = await _runs(client, router)
                    assert runs == Counter({load.marks[key]: 1 for key in keys}), router.name
                ids = await _job_ids(client, cluster, load)
            notified = await sink.wait_for(lambda got: _all_notified(got, ids), timeout=60)
            deliveries = Counter(
                (item.job_id, item.status) for item in notified if item.job_id in ids
            )
            duplicates = sum(count - 1 for count in deliveries.values())
            print(
                f"\n{len(load.accepted)} jobs accepted, {load.refused} submits refused while "
                f"a replica was down; sync calls: {dict(load.sync_outcomes)}; "
                f"{sum(deliveries.values())} notifications, {duplicates} duplicates"
            )
            assert all(item.signature_valid for item in notified)
        finally:
            await cluster.close()


class _Load:
    """Express jobs with notifications and sync calls, round-robin over the replicas."""

    def __init__(self, cluster: Cluster, notify_url: str) -> None:
        self.cluster = cluster
        self.notify_url = notify_url
        self.stop = asyncio.Event()
        self.accepted: dict[str, ClusterRouter] = {}
        self.marks: dict[str, str] = {}
        self.refused = 0
        self.sync_outcomes: Counter[str] = Counter()

    async def submit(self) -> None:
        clients = [self.cluster.client(number) for number in range(REPLICAS)]
        count = 0
        try:
            while not self.stop.is_set():
                count += 1
                router = self.cluster.routers[count % len(self.cluster.routers)]
                mark = f"job-{count}"
                try:
                    answer = await clients[count % REPLICAS].post(
                        f"/api/asynchronous/{router.router_id}",
                        json={
                            "description": mark,
                            "script": "/ip firewall address-list add list=runs"
                            f" address=10.0.{count // 250}.{count % 250 + 1} comment={mark}",
                            "make_backup": False,
                            "express_execute": True,
                            "needs_acknowledgement": True,
                            "notify_url": self.notify_url,
                        },
                    )
                except httpx.HTTPError:
                    self.refused += 1
                    continue
                assert answer.status_code == 200, answer.text
                key = answer.json()["data"]["idempotency_key"]
                self.accepted[key] = router
                self.marks[key] = mark
                await asyncio.sleep(0.05)
        finally:
            for client in clients:
                await client.aclose()

    async def call(self) -> None:
        clients = [self.cluster.client(number) for number in range(REPLICAS)]
        count = 0
        try:
            while not self.stop.is_set():
                count += 1
                router = self.cluster.routers[count % len(self.cluster.routers)]
                try:
                    answer = await clients[count % REPLICAS].post(
                        f"/api/synchronous/{router.router_id}",
                        json={"command": "/system/identity/print"},
                    )
                except httpx.HTTPError:
                    self.sync_outcomes["replica down"] += 1
                    continue
                self.sync_outcomes[str(answer.status_code)] += 1
                if answer.status_code == 200:
                    assert answer.json()["data"] == [{"name": router.name}]
                else:
                    assert answer.status_code == 503, answer.text
                await asyncio.sleep(0.02)
        finally:
            for client in clients:
                await client.aclose()


async def _at_least(accepted: dict[str, ClusterRouter], count: int) -> bool:
    return len(accepted) >= count


async def _identity_answers(client: httpx.AsyncClient, router: ClusterRouter) -> bool:
    answer = await client.post(
        f"/api/synchronous/{router.router_id}", json={"command": "/system/identity/print"}
    )
    return answer.status_code == 200 and answer.json()["data"] == [{"name": router.name}]


async def _completed(client: httpx.AsyncClient, router: ClusterRouter, keys: set[str]) -> bool:
    jobs = (await client.get(f"/api/routers/{router.router_id}/jobs")).json()["data"]
    statuses = {job["idempotency_key"]: job["status"] for job in jobs}
    assert not [key for key in keys if statuses.get(key) == "failed"], statuses
    return all(statuses.get(key) == "completed" for key in keys)


async def _runs(client: httpx.AsyncClient, router: ClusterRouter) -> Counter[str]:
    answer = await client.post(
        f"/api/synchronous/{router.router_id}",
        json={"command": "/ip/firewall/address-list/print"},
    )
    assert answer.status_code == 200, answer.text
    return Counter(row["comment"] for row in answer.json()["data"] if row.get("list") == "runs")


async def _job_ids(client: httpx.AsyncClient, cluster: Cluster, load: _Load) -> set[str]:
    ids: set[str] = set()
    for router in cluster.routers:
        jobs = (await client.get(f"/api/routers/{router.router_id}/jobs")).json()["data"]
        ids.update(job["id"] for job in jobs if job["idempotency_key"] in load.accepted)
    assert len(ids) == len(load.accepted)
    return ids


def _all_notified(received: list[ReceivedNotification], ids: set[str]) -> bool:
    completed = {item.job_id for item in received if item.status == "completed"}
    return ids <= completed


async def test_a_replica_taken_for_dead_lets_its_routers_go_and_closes_its_tunnels(
    postgres_url: str,
) -> None:
    """A replica that stopped renewing (a long pause) is swept by another: its routers go
    offline and lose their holder; when it runs again it registers anew and closes its
    tunnels, so their agents reconnect and are recorded again."""
    first = await PostgresStore.open(postgres_url)
    second = await PostgresStore.open(postgres_url)
    paused = Peers(first, lease=30.0, renew_every=0.05)
    sweeper = Peers(second, lease=30.0, renew_every=3600.0)
    closed = asyncio.Event()

    async def close_tunnels() -> None:
        closed.set()

    paused.on_taken_for_dead = close_tunnels
    try:
        owner = await add_tenant(first)
        await paused.start()
        await sweeper.start()
        await paused.advertise("http://127.0.0.1:9")
        await paused.hold(owner.router_id)
        await first.set_router_online(owner.router_id, True, utc_now())
        holder = await second.tunnel_holder(owner.router_id)
        assert holder is not None
        assert holder.replica_id == paused.replica_id

        async def swept() -> bool:
            # the paused replica renews every 50 ms: one renewal may land between its
            # lease running out and the sweep, so the lease runs out again
            with psycopg.connect(postgres_url, autocommit=True) as admin:
                admin.execute(
                    "UPDATE replicas SET expires_at = now() - interval '1 second' WHERE id = %s",
                    (paused.replica_id,),
                )
            return await second.sweep_dead_replicas() == 1

        await eventually(swept, "the paused replica swept")
        assert await second.tunnel_holder(owner.router_id) is None
        router = await second.get_router(owner.router_id)
        assert router is not None
        assert not router.online
        await asyncio.wait_for(closed.wait(), 10)
    finally:
        await paused.stop()
        await sweeper.stop()
        await first.close()
        await second.close()


async def test_a_router_whose_holder_s_lease_ran_out_is_not_listed_online(
    postgres_url: str,
) -> None:
    """Before any replica has swept a dead one, its routers are already shown offline: a
    router counts as online only while the replica holding its tunnel holds a live lease."""
    store = await PostgresStore.open(postgres_url)
    dead, alive = Peers(store, renew_every=3600.0), Peers(store, renew_every=3600.0)
    try:
        owner = await add_tenant(store)
        other = await add_router(store, owner.customer_id)
        await dead.start()
        await alive.start()
        await dead.hold(owner.router_id)
        await alive.hold(other[0].id)
        for router_id in (owner.router_id, other[0].id):
            await store.set_router_online(router_id, True, utc_now())
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute(
                "UPDATE replicas SET expires_at = now() - interval '1 second' WHERE id = %s",
                (dead.replica_id,),
            )
        listed = {router.id: router.online for router in await store.list_routers()}
        assert listed == {owner.router_id: False, other[0].id: True}
        one = await store.get_router(owner.router_id)
        assert one is not None
        assert not one.online
    finally:
        await dead.stop()
        await alive.stop()
        await store.close()
