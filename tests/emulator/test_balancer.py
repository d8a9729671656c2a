"""HAProxy from the distribution in front of two replicas on one PostgreSQL database: an
agent's tunnel goes through it (WebSocket upgrade), clients' calls are spread over both
replicas, and when one is killed HAProxy's /healthz check leaves it and everything goes
on through the other."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.emulator.replica_harness import Cluster
from tests.support.programs import require_programs
from tests.support.waiting import eventually
from tikjobs.balancer import Haproxy, free_port, haproxy_config

pytestmark = [
    pytest.mark.anyio,
    # above the 90 s the recovery may take, so that a failure says what never happened
    pytest.mark.timeout(150),
]


async def test_haproxy_serves_a_router_through_either_replica_and_leaves_a_dead_one(
    postgres_url: str, tmp_path: Path
) -> None:
    require_programs("haproxy", install="haproxy")
    cluster = Cluster(postgres_url, tmp_path)
    balancer: Haproxy | None = None
    try:
        await cluster.start(2)
        config = tmp_path / "haproxy.cfg"
        port = free_port("127.0.0.1")
        config.write_text(
            haproxy_config("127.0.0.1", port, [replica.url for replica in cluster.replicas])
        )
        balancer = await Haproxy(config, "127.0.0.1", port).start()
        router = await cluster.add_router([balancer.url])
        async with httpx.AsyncClient(
            base_url=balancer.url,
            headers={"Authorization": f"Bearer {cluster.api_key}"},
            timeout=5,
        ) as client:

            async def answers_in_a_row(count: int) -> bool:
                for _ in range(count):
                    try:
                        answer = await client.post(
                            f"/api/synchronous/{router.router_id}",
                            json={"command": "/system/identity/print"},
                        )
                    except httpx.TransportError:
                        return False  # a connection open to the killed replica, or slow
                    if answer.status_code != 200:
                        return False
                    assert answer.json()["data"] == [{"name": router.name}]
                return True

            await eventually(lambda: answers_in_a_row(6), "six calls in a row through HAProxy")
            cluster.replicas[0].kill()
            await eventually(
                lambda: answers_in_a_row(6),
                "six calls in a row through HAProxy after a replica was killed",
                # the agent notices a tunnel that died silently after 3 heartbeats (45 s)
                wait=90,
            )
            health = await client.get("/healthz")
            assert health.status_code == 200
    except Exception:
        if balancer is not None:
            print(f"HAProxy's output:\n{balancer.output()}")
        raise
    finally:
        if balancer is not None:
            await balancer.stop()
        await cluster.close()
