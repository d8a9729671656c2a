"""Where a platform has no wheel for uvloop or httptools, the emulator, the simulator and
the agent run on asyncio's own loop and uvicorn's h11 parser: the whole system, started
as real processes with neither importable, answers a synchronous call, runs an express
job to its completed notification, and refuses bad input as it does with them."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.crash.cluster import Cluster, running_cluster
from tests.support.waiting import eventually

pytestmark = [
    pytest.mark.anyio,
    pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads /proc/PID/maps"),
]

SPEEDUPS = ("uvloop", "httptools")


def loaded_speedups(cluster: Cluster) -> dict[str, list[str]]:
    """For each process, the speed-up libraries mapped into its memory."""
    found = {}
    for part, process in cluster.processes.items():
        assert process.pid is not None
        maps = Path(f"/proc/{process.pid}/maps").read_text()
        found[part.value] = [name for name in SPEEDUPS if f"/{name}/" in maps]
    return found


async def test_the_whole_system_runs_on_asyncio_and_h11_alone(tmp_path: Path) -> None:
    async with running_cluster(tmp_path, without=SPEEDUPS) as cluster:
        router = cluster.routers[0]
        identity = await cluster.api(
            "POST",
            f"/api/synchronous/{router.router_id}",
            json={"command": "/system/identity/print"},
        )
        refused = await cluster.api(
            "POST",
            f"/api/synchronous/{router.router_id}",
            json={"command": "/ip/address/add", "parameters": ["=address=300.1.1.1/24"]},
        )
        key = str(uuid.uuid4())
        await cluster.submit(
            router, key, ':put "on asyncio"', needs_ack=True, make_backup=False, express=True
        )

        async def completed() -> dict[str, Any] | None:
            job = await cluster.job(router, key)
            return job if job is not None and job["status"] == "completed" else None

        job = await eventually(completed, f"job {key} completed")
        notified = await eventually(
            lambda: _statuses(cluster, job["id"]), "the completed notification"
        )
        speedups = loaded_speedups(cluster)

    assert speedups == {"emulator": [], "router": [], "agent": []}
    assert identity.status_code == 200
    assert identity.json()["data"] == [{"name": "MikroTik"}]
    assert refused.status_code == 400
    assert refused.json()["message"] == "invalid value for argument address"
    assert job["output"].splitlines() == ["on asyncio"]
    assert notified == ["loaded", "running", "completed"]


async def _statuses(cluster: Cluster, job_id: str) -> list[str] | None:
    statuses = [item["status"] for item in cluster.notified(job_id)]
    return statuses if statuses and statuses[-1] == "completed" else None
