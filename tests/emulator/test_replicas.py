"""Several emulators on one PostgreSQL database: any replica serves any router.

Three ``tikjobs emulator`` processes share one database; each of three simulated
routers has its agent connected to a different replica. Through every replica, for every
router: a synchronous call answers the router's rows (and a RouterOS trap the same 400),
and an express job runs at once although the routers check in only once an hour.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.emulator.replica_harness import Cluster
from tests.support.waiting import eventually

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
