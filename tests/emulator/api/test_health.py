"""``GET /healthz`` answers 200 only while the emulator's database answers: a replica
whose PostgreSQL connection stalls answers 503, so a load balancer leaves it."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest

from tests.agent.proxies import TcpProxy
from tests.emulator.api_harness import EmulatorThread
from tests.emulator.replica_harness import Replica

pytestmark = pytest.mark.anyio


def test_an_emulator_on_sqlite_is_healthy(emulator: EmulatorThread) -> None:
    answer = httpx.get(f"{emulator.url}/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}


async def test_a_replica_whose_database_stalls_answers_503(postgres_url: str) -> None:
    parts = urlsplit(postgres_url)
    proxy = await TcpProxy(parts.hostname or "127.0.0.1", parts.port or 5432).start()
    user = f"{parts.username}@" if parts.username else ""
    through_proxy = urlunsplit(parts._replace(netloc=f"{user}127.0.0.1:{proxy.port}"))
    replica = await Replica.start(through_proxy, "health-check-admin-token")
    try:
        async with httpx.AsyncClient(base_url=replica.url, timeout=30) as client:
            healthy = await client.get("/healthz")
            assert healthy.status_code == 200, healthy.text
            proxy.stall()
            stalled = await client.get("/healthz")
            assert stalled.status_code == 503, stalled.text
            assert "did not answer" in stalled.json()["reason"]
    finally:
        replica.kill()
        await replica.process.wait()
        await proxy.close()
