"""Jobs on RouterOS 6, which has no ``/execute =as-string=``, and scripts that end with a
top-level ``:return``: run end to end on a simulated router, each run counted."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.agent.harness import (
    AgentRun,
    Cloud,
    RegisteredRouter,
    agent_settings,
    running_agent,
    running_cloud,
)
from tests.agent.test_jobs import marker_rows
from tikjobs.agent.script_run import has_as_string
from tikjobs.vm.sim.device import RunOutcome
from tikjobs.vm.sim.router import SimulatedRouter

pytestmark = pytest.mark.anyio


@pytest.fixture
async def router6() -> AsyncIterator[SimulatedRouter]:
    async with SimulatedRouter(identity="old-branch", routeros_version="6.49.10") as simulated:
        yield simulated


@pytest.fixture
async def agent6(
    cloud: Cloud, registered: RegisteredRouter, router6: SimulatedRouter, state_dir: Path
) -> AsyncIterator[AgentRun]:
    async with running_agent(agent_settings(cloud, registered, router6, state_dir)) as run:
        yield run


def _files(router: SimulatedRouter) -> list[str]:
    return [row.get("name", "") for row in router.model.items("file")]


async def test_a_job_on_routeros_6_completes_once_with_its_output(
    cloud: Cloud, registered: RegisteredRouter, router6: SimulatedRouter, agent6: AgentRun
) -> None:
    key = await cloud.submit(registered.router_id, ':log info "from v6"\n:put "hello"\n:put 42')

    job = await cloud.wait_for_end(registered.router_id, key)

    assert job["status"] == "completed"
    assert job["output"].splitlines() == ["hello", "42"]
    assert router6.execution_count(key) == 1
    assert "from v6" in [row.get("message") for row in router6.model.items("log")]
    assert not [name for name in _files(router6) if key in name], "the output file is left"


async def test_a_failing_script_on_routeros_6_fails_with_its_message_and_output(
    cloud: Cloud, registered: RegisteredRouter, router6: SimulatedRouter, agent6: AgentRun
) -> None:
    key = await cloud.submit(
        registered.router_id,
        ':put "first"\n/ip address add address=10.1.1.1/24 interface=nope\n:put "never"',
    )

    job = await cloud.wait_for_end(registered.router_id, key)

    assert job["status"] == "failed"
    assert job["error"] == "input does not match any value of interface"
    assert job["output"] == "first"
    assert router6.execution_count(key) == 1


async def test_a_syntax_error_on_routeros_6_runs_nothing_and_names_the_place(
    cloud: Cloud, registered: RegisteredRouter, router6: SimulatedRouter, agent6: AgentRun
) -> None:
    key = await cloud.submit(
        registered.router_id, "/ip address add address=10.9.9.1/24 interface=ether2\n:put (1+"
    )

    job = await cloud.wait_for_end(registered.router_id, key)

    assert job["status"] == "failed"
    assert job["error"] == "syntax error (line 2 column 9)"
    assert "10.9.9.1/24" not in [row.get("address") for row in router6.model.items("ip/address")]
    assert not marker_rows(router6, key)


async def test_an_offer_of_a_routeros_6_job_again_never_reruns_it(
    cloud: Cloud, registered: RegisteredRouter, router6: SimulatedRouter, agent6: AgentRun
) -> None:
    key = await cloud.submit(registered.router_id, ':put "once"')
    await cloud.wait_for_end(registered.router_id, key)

    await agent6.kill()
    await agent6.start()
    await cloud.api("POST", f"/api/synchronous/{registered.router_id}", json={"command": "/"})
    again = await cloud.job(registered.router_id, key)

    assert again["status"] == "completed"
    assert router6.execution_count(key) == 1


@pytest.fixture
async def hasty_cloud(tmp_path: Path) -> AsyncIterator[Cloud]:
    async with running_cloud(tmp_path / "hasty.db", job_timeout=1.0) as running:
        yield running


async def test_a_routeros_6_script_that_outlives_its_timeout_is_stopped_and_fails(
    hasty_cloud: Cloud, router6: SimulatedRouter, state_dir: Path
) -> None:
    registered = await hasty_cloud.register_router()
    async with running_agent(agent_settings(hasty_cloud, registered, router6, state_dir)):
        key = await hasty_cloud.submit(registered.router_id, ':delay 5s\n:put "late"')
        job = await hasty_cloud.wait_for_end(registered.router_id, key)
        after = await hasty_cloud.submit(registered.router_id, ':put "next"')
        next_job = await hasty_cloud.wait_for_end(registered.router_id, after)

    assert job["status"] == "failed"
    assert job["error"] == "interrupted: outcome unknown"
    assert router6.execution_count(key) == 1
    assert [run.outcome for run in router6.device.runs if key in run.source] == [
        RunOutcome.INTERRUPTED
    ]
    assert not router6.device.jobs
    assert next_job["status"] == "completed"
    assert next_job["output"].splitlines() == ["next"]


@pytest.mark.parametrize("version", ["7.16", "6.49.10"])
async def test_a_script_ending_with_a_top_level_return_completes(
    cloud: Cloud, registered: RegisteredRouter, state_dir: Path, version: str
) -> None:
    async with (
        SimulatedRouter(routeros_version=version) as router,
        running_agent(agent_settings(cloud, registered, router, state_dir)),
    ):
        key = await cloud.submit(
            registered.router_id, ':put "before"\n:if (true) do={ :put "inside" }\n:return 5'
        )
        early = await cloud.submit(
            registered.router_id, ':put "kept"\n:return ""\n:log info "after return"'
        )
        job = await cloud.wait_for_end(registered.router_id, key)
        stopped = await cloud.wait_for_end(registered.router_id, early)

        assert job["status"] == "completed"
        assert job["output"].splitlines() == ["before", "inside"]
        assert stopped["status"] == "completed"
        assert stopped["output"].splitlines() == ["kept"]
        assert "after return" not in [row.get("message") for row in router.model.items("log")]
        assert router.execution_count(key) == 1


def test_only_routeros_7_and_unknown_versions_take_as_string() -> None:
    assert has_as_string("7.16")
    assert has_as_string("7.1beta4")
    assert has_as_string(None)
    assert not has_as_string("6.49.10")
    assert not has_as_string("6.43")


async def test_safe_apply_on_routeros_6_is_refused_and_runs_nothing(
    cloud: Cloud, registered: RegisteredRouter, router6: SimulatedRouter, agent6: AgentRun
) -> None:
    key = await cloud.submit(registered.router_id, ":put 1", rollback_after=60)

    job = await cloud.wait_for_end(registered.router_id, key)

    assert job["status"] == "failed"
    assert job["error"].startswith("safe apply (rollback_after) needs RouterOS 7"), job["error"]
    assert job["rolled_back"] is False
    assert router6.execution_count(key) == 0
    assert router6.model.items("system/scheduler") == []
