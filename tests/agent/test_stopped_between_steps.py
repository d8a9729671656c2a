"""An agent that stops between two steps of a job's path and comes back: the job ends in
the status that matches the router, the script ran at most once, and the queue behind it
moves on. The agent is stopped in its own process, at the step, by the step's crash
point (the tests in ``tests/crash`` do the same to real processes with ``kill -9``)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from tests.agent.harness import AgentRun, Cloud, RegisteredRouter
from tests.support.waiting import eventually
from tikjobs.contracts import steps
from tikjobs.contracts.steps import Step
from tikjobs.vm.sim.router import SimulatedRouter

pytestmark = pytest.mark.anyio


class StopAt:
    """Replaces `steps.crash_point`: the first time ``step`` is reached, the task that
    reached it ends there as a killed process's would (nothing after the step happens)."""

    def __init__(self, step: Step) -> None:
        self.step = step
        self.reached = False

    def __call__(self, step: Step, key: str) -> None:
        if step is self.step and not self.reached:
            self.reached = True
            raise asyncio.CancelledError


async def stopped(hook: StopAt) -> None:
    """Wait until the agent has stopped at the hook's step: the cloud may show the status
    that comes before the step while the agent is still on its way there."""

    async def reached() -> bool:
        return hook.reached

    await eventually(reached, f"the agent stopped at {hook.step.value}")


@pytest.fixture
def stop_at(monkeypatch: pytest.MonkeyPatch) -> Callable[[Step], StopAt]:
    def install(step: Step) -> StopAt:
        hook = StopAt(step)
        monkeypatch.setattr(steps, "crash_point", hook)
        return hook

    return install


async def test_a_job_running_in_the_cloud_that_never_started_runs_once_when_the_agent_is_back(
    cloud: Cloud,
    registered: RegisteredRouter,
    router: SimulatedRouter,
    agent: AgentRun,
    stop_at: Callable[[Step], StopAt],
) -> None:
    hook = stop_at(Step.RUNNING_REPORTED)
    key = await cloud.submit(registered.router_id, ':put "ran"')
    behind = await cloud.submit(registered.router_id, ':put "next"')
    await cloud.wait_for_status(registered.router_id, key, "running")
    assert hook.reached
    assert router.execution_count(key) == 0

    await agent.kill()
    await agent.start()
    job = await cloud.wait_for_end(registered.router_id, key)
    following = await cloud.wait_for_end(registered.router_id, behind)

    assert job["status"] == "completed"
    assert job["output"].splitlines() == ["ran"]
    assert router.execution_count(key) == 1
    assert following["status"] == "completed"


async def test_a_job_without_acknowledgement_the_agent_took_is_handed_over_when_it_is_back(
    cloud: Cloud,
    registered: RegisteredRouter,
    router: SimulatedRouter,
    agent: AgentRun,
    stop_at: Callable[[Step], StopAt],
) -> None:
    hook = stop_at(Step.LOADED_ACKNOWLEDGED)
    key = await cloud.submit(
        registered.router_id,
        "/ip address add address=10.9.9.1/32 interface=ether2",
        needs_ack=False,
    )
    await cloud.wait_for_status(registered.router_id, key, "loaded")
    await stopped(hook)

    await agent.kill()
    assert (await cloud.job(registered.router_id, key))["status"] == "loaded"
    await agent.start()
    job = await cloud.wait_for_end(registered.router_id, key)

    assert job["status"] == "completed"

    async def added() -> bool:
        rows = router.model.items("ip/address")
        return any(row.get("address") == "10.9.9.1/32" for row in rows)

    for _ in range(100):
        if await added():
            break
        await asyncio.sleep(0.05)
    assert await added()
    assert router.execution_count(key) == 1


async def test_a_job_whose_start_was_noted_but_never_sent_fails_and_is_not_run(
    cloud: Cloud,
    registered: RegisteredRouter,
    router: SimulatedRouter,
    agent: AgentRun,
    stop_at: Callable[[Step], StopAt],
) -> None:
    hook = stop_at(Step.STARTED_NOTED)
    key = await cloud.submit(registered.router_id, ':put "ran"')
    await cloud.wait_for_status(registered.router_id, key, "running")
    await stopped(hook)

    await agent.kill()
    await agent.start()
    job = await cloud.wait_for_end(registered.router_id, key)

    assert job["status"] == "failed"
    assert job["error"] == (
        "interrupted: the router never started the script; it was not run again"
    )
    assert router.execution_count(key) == 0
