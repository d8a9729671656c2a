"""Jobs end to end: submitted through the public API, run by the agent on a simulated
router, reported back; each run counted on the router."""

from __future__ import annotations

import pytest

from tests.agent.harness import AgentRun, Cloud, RegisteredRouter
from vm.sim.router import SimulatedRouter

pytestmark = pytest.mark.anyio


async def test_a_job_runs_once_and_completes_with_its_output(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    key = await cloud.submit(registered.router_id, ':log info "from a job"\n:put "hello"')

    job = await cloud.wait_for_end(registered.router_id, key)

    assert job["status"] == "completed"
    assert job["output"].splitlines() == ["hello"]
    assert job["error"] is None
    assert router.execution_count(key) == 1
    messages = [row.get("message") for row in router.model.items("log")]
    assert "from a job" in messages


async def test_a_failing_script_fails_with_the_routers_message_at_its_own_line(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    key = await cloud.submit(registered.router_id, ':put "one"\n:put "two"\n:foo')

    job = await cloud.wait_for_end(registered.router_id, key)

    assert job["status"] == "failed"
    assert job["error"] == "bad command name foo (line 3 column 2)"
    assert router.execution_count(key) == 1
