"""Safe apply through a ``kill -9`` of the agent while the rollback window is open, on real
processes (``tikjobs emulator``, ``tikjobs sim``, ``tikjobs agent``): the agent is frozen
right after the router answered the script, before it confirms, killed, and started
again. A job that left the router reachable is confirmed by the new agent; one that
locked the agent out is restored by the router and reported rolled back. Either way the
job ends once and its script ran once."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.crash import safe
from tests.crash.cluster import Cluster, Part, RouterUnderTest
from tests.support.waiting import eventually
from tikjobs.contracts.api import JobStatus
from tikjobs.contracts.lifecycle import is_path
from tikjobs.contracts.steps import Step

pytestmark = pytest.mark.anyio

TERMINAL = {"completed", "failed"}


@pytest.fixture
async def cluster(tmp_path: Path) -> AsyncIterator[Cluster]:
    async with Cluster(tmp_path) as running:
        await safe.add_operator(running.routers[0])
        yield running


async def frozen_after_the_script(
    cluster: Cluster, router: RouterUnderTest, script: str, key: str
) -> safe.RouterView:
    """Submit a safe-apply job, freeze the agent once the router answered its script,
    and answer what the router holds at that moment."""
    nonce = cluster.arm(Step.SCRIPT_ANSWERED, key)
    await cluster.submit(
        router, key, script, needs_ack=True, make_backup=False, express=True,
        rollback_after=safe.WINDOW,
    )  # fmt: skip
    reached = await cluster.wait_reached(nonce, 15.0)
    cluster.disarm()
    assert reached is not None, "the agent never got the router's answer to the script"
    assert cluster.part_of(reached.pid) is Part.AGENT
    return await safe.look(router, key)


async def ended(cluster: Cluster, router: RouterUnderTest, key: str) -> dict[str, Any]:
    async def terminal() -> dict[str, Any] | None:
        job = await cluster.job(router, key)
        return job if job is not None and job["status"] in TERMINAL else None

    return await eventually(terminal, f"job {key} ended", wait=60.0)


async def notified_once(cluster: Cluster, job: dict[str, Any]) -> list[str]:
    """The job's notified statuses, once the terminal one arrived."""

    async def arrived() -> list[str] | None:
        statuses = [item["status"] for item in cluster.notified(str(job["id"]))]
        return statuses if statuses and statuses[-1] == job["status"] else None

    return await eventually(arrived, f"the {job['status']} notification of {job['id']}")


async def test_an_agent_killed_in_the_window_confirms_a_benign_job_once(
    cluster: Cluster,
) -> None:
    router, key = cluster.routers[0], str(uuid.uuid4())

    frozen = await frozen_after_the_script(cluster, router, safe.benign_script(key), key)
    await cluster.kill(Part.AGENT)
    await cluster.start(Part.AGENT)
    job = await ended(cluster, router, key)

    assert (frozen.armed, frozen.marker, frozen.effects) == (True, "finished", 1)
    assert job["status"] == "completed", job
    assert job["rolled_back"] is False
    statuses = await notified_once(cluster, job)
    assert is_path([JobStatus(status) for status in statuses]), statuses
    assert statuses.count("completed") == 1, statuses
    after = await safe.look(router, key)
    assert after.effects == 1, "the script ran once and its change was kept"
    assert after.marker == "finished"
    assert not after.armed, "the restore was disarmed"
    assert after.files == (), "the saved files were taken off the router"
    assert {item["name"] for item in job["backup"]} == {
        f"tikjobs-{key}-safe.backup",
        f"tikjobs-{key}-safe.rsc",
    }


async def test_an_agent_killed_in_the_window_of_a_lockout_lets_the_restore_fire_once(
    cluster: Cluster,
) -> None:
    router, key = cluster.routers[0], str(uuid.uuid4())

    frozen = await frozen_after_the_script(cluster, router, safe.lockout_script(key), key)
    await cluster.kill(Part.AGENT)
    # The new agent cannot log in, so the cloud has the router offline until the restore
    # gives the agent's account back; the agent can only wait for it.
    await cluster.start(Part.AGENT, online=False)
    async with restoring(cluster, router, key):
        job = await ended(cluster, router, key)

    assert (frozen.armed, frozen.marker, frozen.effects) == (True, "finished", 1)
    assert "admin" not in frozen.users
    assert job["status"] == "failed", job
    assert job["rolled_back"] is True
    assert job["error"] == "rolled back: not confirmed within 30 s: the router restored itself"
    assert "differs" not in job["error"], job["error"]
    statuses = await notified_once(cluster, job)
    assert is_path([JobStatus(status) for status in statuses]), statuses
    assert statuses.count("failed") == 1, statuses
    after = await safe.look(router, key)
    assert after.effects == 0, "the restore took the one run's change away; no run since"
    assert after.marker == "rolled back", "the marker keeps the key from running again"
    assert "admin" in after.users, "the agent's account came back with the restore"
    assert not after.armed
    assert after.files == ()


@contextlib.asynccontextmanager
async def restoring(cluster: Cluster, router: RouterUnderTest, key: str) -> AsyncIterator[None]:
    mover = asyncio.create_task(safe.restore_when_due(cluster, router, key))
    try:
        yield
    finally:
        mover.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await mover


def lose_ledger(cluster: Cluster) -> None:
    """Delete the agent's ledgers, as a state directory lost with its disk."""
    for path in (cluster.workdir / "agent").glob("*/ledger-*"):
        path.unlink()


async def test_an_agent_that_lost_its_ledger_in_the_window_confirms_and_disarms(
    cluster: Cluster,
) -> None:
    router, key = cluster.routers[0], str(uuid.uuid4())

    frozen = await frozen_after_the_script(cluster, router, safe.benign_script(key), key)
    await cluster.kill(Part.AGENT)
    lose_ledger(cluster)
    await cluster.start(Part.AGENT)
    job = await ended(cluster, router, key)

    assert (frozen.armed, frozen.marker) == (True, "finished")
    assert job["status"] == "completed", job
    after = await safe.look(router, key)
    assert after.effects == 1
    assert not after.armed, "the router would otherwise restore itself after completed"
    assert after.files == ()


async def test_an_agent_that_lost_its_ledger_after_the_restore_never_runs_the_script_again(
    cluster: Cluster,
) -> None:
    router, key = cluster.routers[0], str(uuid.uuid4())
    nonce = cluster.arm(Step.ROLLBACK_DECIDED, key)
    await cluster.submit(
        router, key, safe.lockout_script(key), needs_ack=True, make_backup=False,
        express=True, rollback_after=safe.WINDOW,
    )  # fmt: skip
    assert await cluster.wait_reached(nonce, 15.0) is not None
    cluster.disarm()
    locked = await safe.look(router, key)
    await cluster.kill(Part.AGENT)

    async def restored() -> safe.RouterView | None:
        view = await safe.look(router, key)
        return None if view.armed else view

    async with restoring(cluster, router, key):
        fired = await eventually(restored, "the router restored its saved configuration")
    lose_ledger(cluster)
    await cluster.start(Part.AGENT)
    job = await ended(cluster, router, key)

    assert (locked.marker, locked.effects) == ("finished", 1)
    assert "admin" not in locked.users
    assert fired.marker is None, "the restore took the marker away"
    assert fired.files, "the saved files on the router's disk say the key ran"
    assert job["status"] == "failed", job
    assert job["rolled_back"] is True
    assert job["error"].startswith("rolled back: "), job["error"]
    after = await safe.look(router, key)
    assert after.effects == 0, "the script never ran again"
    assert after.marker == "rolled back"
    assert not after.armed
    assert after.files == ()
