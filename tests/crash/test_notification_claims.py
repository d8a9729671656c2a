"""A notification the emulator was delivering when it was killed (``kill -9``, real
processes): the job still ends as soon as the emulator is back; the delivery the dead
process had claimed is made again, under the same ``webhook-id``, once its lease runs
out, and the job's later notifications, held behind it, follow in order. The crash
matrix and ``make soak`` give notifications this long after a restart (`NOTIFIED`)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from tests.crash.cells import NOTIFIED, ended_within, notified_within
from tests.crash.cluster import Cluster, Part, side_effect_script
from tikjobs.sink import HANG

pytestmark = pytest.mark.anyio


async def test_a_delivery_cut_by_a_kill_is_made_again_and_the_rest_follow(
    tmp_path: Path,
) -> None:
    async with Cluster(tmp_path) as cluster:
        assert cluster.sink is not None
        router = cluster.routers[0]
        cluster.sink.answer([HANG])
        key = str(uuid.uuid4())
        await cluster.submit(
            router, key, side_effect_script(key), needs_ack=True, make_backup=False, express=True
        )
        first = await cluster.sink.wait_for(lambda received: bool(received), timeout=30.0)
        assert first[0].status == "loaded"

        await cluster.kill(Part.EMULATOR)
        back = await cluster.start(Part.EMULATOR)

        job = await ended_within(cluster, router, key, back, NOTIFIED)
        assert job is not None
        assert job["status"] == "completed", job
        assert await notified_within(cluster, job, back), cluster.notified(str(job["id"]))
        assert [item["status"] for item in cluster.notified(str(job["id"]))] == [
            "loaded",
            "running",
            "completed",
        ]

        loaded = [item for item in cluster.sink.received if item.status == "loaded"]
        assert len(loaded) == 2
        assert loaded[0].webhook_id == loaded[1].webhook_id
