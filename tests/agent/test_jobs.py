"""Jobs end to end: submitted through the public API, run by the agent on a simulated
router, reported back; each run counted on the router."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.agent.harness import (
    AgentRun,
    Cloud,
    RegisteredRouter,
    agent_settings,
    running_agent,
    running_cloud,
)
from tests.agent.proxies import proxy_to
from tests.support.waiting import WAIT, eventually
from tikjobs.agent import jobs as jobs_module
from tikjobs.agent.jobs import JobRunner
from tikjobs.contracts.status import JobStatus
from tikjobs.contracts.tunnel import BackupUpload, JobOffer, JobReport
from tikjobs.vm.sim.command import Command
from tikjobs.vm.sim.device import RunOutcome
from tikjobs.vm.sim.router import SimulatedRouter

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


def _words_the_router_runs(router: SimulatedRouter, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The command words the router's device runs from now on, in order."""
    seen: list[str] = []
    execute = router.device.execute

    def noting(command: Command, **options: Any) -> Any:
        seen.append(command.word)
        return execute(command, **options)

    monkeypatch.setattr(router.device, "execute", noting)
    return seen


async def test_a_job_that_ran_through_is_told_from_its_answer_without_reading_the_marker_again(
    cloud: Cloud,
    registered: RegisteredRouter,
    router: SimulatedRouter,
    agent: AgentRun,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen = _words_the_router_runs(router, monkeypatch)
    key = await cloud.submit(registered.router_id, ':put "hello"')

    job = await cloud.wait_for_end(registered.router_id, key)

    assert (job["status"], job["output"].splitlines()) == ("completed", ["hello"])
    run = seen.index("/execute")
    assert seen[:run] == ["/system/script/print"], "the marker is read once before the run"
    assert seen[-1] == "/system/script/set", "nothing is read after the finish line"
    marker = [row for row in router.model.items("system/script") if key in row.get("name", "")]
    assert [row.get("comment") for row in marker] == ["tikjobs: finished"]


async def test_a_slow_answer_to_loaded_gives_the_early_read_connection_back_and_reads_again(
    cloud: Cloud,
    registered: RegisteredRouter,
    router: SimulatedRouter,
    state_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The marker is read while the cloud answers ``loaded``; an answer slower than the
    agent holds a connection for gives it back, and the marker is read afresh before the
    script. With one router session, a connection kept would leave the next read waiting
    for ever."""
    monkeypatch.setattr(jobs_module, "EARLY_MARKER_WAIT", 0.05)
    seen = _words_the_router_runs(router, monkeypatch)
    host, port = cloud.url.removeprefix("http://").split(":")
    async with proxy_to(host, int(port)) as proxy:
        settings = agent_settings(
            cloud,
            registered,
            router,
            state_dir,
            cloud=f"http://127.0.0.1:{proxy.port}",
            pool_size=1,
        )
        async with running_agent(settings):
            assert await cloud.online(registered.router_id)
            proxy.delay = 0.2
            keys = [await cloud.submit(registered.router_id, f':put "run {n}"') for n in range(2)]
            ended = [await cloud.wait_for_end(registered.router_id, key) for key in keys]

    assert [(job["status"], job["output"].strip()) for job in ended] == [
        ("completed", "run 0"),
        ("completed", "run 1"),
    ]
    assert [router.execution_count(key) for key in keys] == [1, 1]
    scripted = [word for word in seen if word == "/execute" or word.startswith("/system/script")]
    first_run = scripted[: scripted.index("/execute")]
    assert first_run == ["/system/script/print"] * 2, "read early, then again before the run"


async def test_a_failing_script_fails_with_the_routers_message_at_its_own_line(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    key = await cloud.submit(registered.router_id, ':put "one"\n:put "two"\n:foo')

    job = await cloud.wait_for_end(registered.router_id, key)

    assert job["status"] == "failed"
    assert job["error"] == "bad command name foo (line 3 column 2)"
    assert router.execution_count(key) == 1


async def test_a_runtime_failure_keeps_what_the_script_printed_apart_from_the_error(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    key = await cloud.submit(
        registered.router_id,
        ':put "first"\n/ip address add address=10.1.1.1/24 interface=nope\n:put "never"',
    )

    job = await cloud.wait_for_end(registered.router_id, key)

    assert job["status"] == "failed"
    assert job["error"] == "input does not match any value of interface"
    assert job["output"] == "first"
    assert router.execution_count(key) == 1


async def test_a_syntax_error_anywhere_runs_nothing_and_names_the_place(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    key = await cloud.submit(
        registered.router_id, "/ip address add address=10.9.9.1/24 interface=ether2\n:put (1+"
    )

    job = await cloud.wait_for_end(registered.router_id, key)

    assert job["status"] == "failed"
    assert job["error"] == "syntax error (line 2 column 9)"
    addresses = [row.get("address") for row in router.model.items("ip/address")]
    assert "10.9.9.1/24" not in addresses
    assert not marker_rows(router, key)


async def test_a_hand_over_that_reboots_the_router_completes_and_the_agent_keeps_going(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    key = await cloud.submit(registered.router_id, "/system reboot", needs_ack=False)

    job = await cloud.wait_for_end(registered.router_id, key)
    await eventually(lambda: _interrupted(router, key), "the reboot stopped the script")
    after = await cloud.submit(registered.router_id, ':put "back"')
    later = await cloud.wait_for_end(registered.router_id, after)

    assert job["status"] == "completed"
    assert job["error"] is None
    assert router.execution_count(key) == 1
    assert later["status"] == "completed"
    assert later["output"].splitlines() == ["back"]


async def test_an_offer_of_a_finished_key_is_answered_from_the_ledger_without_a_run(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    key = await cloud.submit(registered.router_id, ':put "once"')
    job = await cloud.wait_for_end(registered.router_id, key)

    await runner(agent).handle(offer_of(job))
    await runner(agent).handle(offer_of(job))

    assert router.execution_count(key) == 1
    assert (await cloud.job(registered.router_id, key))["status"] == "completed"


async def test_an_agent_that_lost_its_ledger_trusts_the_routers_marker(
    cloud: Cloud,
    registered: RegisteredRouter,
    router: SimulatedRouter,
    agent: AgentRun,
    tmp_path: Path,
) -> None:
    key = await cloud.submit(registered.router_id, ':put "once"')
    job = await cloud.wait_for_end(registered.router_id, key)
    await agent.kill()
    fresh = agent_settings(cloud, registered, router, tmp_path / "empty-state")

    async with running_agent(fresh) as second:
        await runner(second).handle(offer_of(job))

    assert router.execution_count(key) == 1
    assert (await cloud.job(registered.router_id, key))["status"] == "completed"


async def test_a_killed_agent_restarted_reports_the_truth_and_never_reruns(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    key = await cloud.submit(registered.router_id, ':put "start"\n:delay 3s\n:put "end"')
    await eventually(lambda: _running(router, key), "the script started on the router")

    await agent.kill()
    await agent.start()
    job = await cloud.wait_for_end(registered.router_id, key)

    assert router.execution_count(key) == 1
    assert_true_status(job, router, key)


async def test_a_router_reboot_mid_job_is_reported_and_never_rerun(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    key = await cloud.submit(registered.router_id, ':put "start"\n:delay 3s\n:put "end"')
    await eventually(lambda: _running(router, key), "the script started on the router")

    await router.reboot(wait=False)
    job = await cloud.wait_for_end(registered.router_id, key)

    assert job["status"] == "failed"
    assert job["error"] == "interrupted: outcome unknown"
    assert router.execution_count(key) == 1
    assert_true_status(job, router, key)


async def test_a_tunnel_drop_mid_job_delivers_the_outcome_after_reconnecting(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    key = await cloud.submit(registered.router_id, ':delay 1s\n:put "survived"')
    await eventually(lambda: _running(router, key), "the script started on the router")
    assert agent.agent is not None

    await agent.agent.tunnel.drop()
    job = await cloud.wait_for_end(registered.router_id, key)

    assert job["status"] == "completed"
    assert job["output"].splitlines() == ["survived"]
    assert router.execution_count(key) == 1


async def test_jobs_run_one_after_another_in_submission_order(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    keys = [
        await cloud.submit(
            registered.router_id, f':global order\n:set order ($order . "{n}")\n:put $order'
        )
        for n in range(4)
    ]

    jobs = [await cloud.wait_for_end(registered.router_id, key) for key in keys]

    assert [job["status"] for job in jobs] == ["completed"] * 4
    assert jobs[-1]["output"].splitlines() == ["0123"]
    assert all(router.execution_count(key) == 1 for key in keys)


def marker_rows(router: SimulatedRouter, key: str) -> list[dict[str, str]]:
    return [
        row for row in router.model.items("system/script") if row.get("name") == f"tikjobs-{key}"
    ]


def offer_of(job: dict[str, Any]) -> JobOffer:
    return JobOffer(
        job_id=job["id"],
        idempotency_key=job["idempotency_key"],
        token=job["token"],
        description=job["description"],
        script=job["script"],
        make_backup=job["make_backup"],
        needs_acknowledgement=job["needs_acknowledgement"],
        timeout=30.0,
    )


def assert_true_status(job: dict[str, Any], router: SimulatedRouter, key: str) -> None:
    """The job's status matches how its run really ended on the router."""
    runs = [run for run in router.device.runs if key in run.source]
    assert len(runs) == 1
    if runs[0].outcome is RunOutcome.COMPLETED:
        assert job["status"] == "completed"
    else:
        assert job["status"] == "failed"


async def _running(router: SimulatedRouter, key: str) -> bool:
    return any(
        key in run.source and run.outcome is RunOutcome.RUNNING for run in router.device.runs
    )


async def _interrupted(router: SimulatedRouter, key: str) -> bool:
    return any(
        key in run.source and run.outcome is RunOutcome.INTERRUPTED for run in router.device.runs
    )


def runner(run: AgentRun) -> JobRunner:
    assert run.agent is not None
    assert run.agent.runner is not None
    return run.agent.runner


async def test_old_markers_are_pruned_once_their_outcome_is_acknowledged(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, state_dir: Path
) -> None:
    settings = agent_settings(cloud, registered, router, state_dir, keep_markers=1)
    async with running_agent(settings):
        keys = []
        for n in range(3):
            keys.append(await cloud.submit(registered.router_id, f":put {n}"))
            await cloud.wait_for_end(registered.router_id, keys[-1])
        await eventually(
            lambda: _no_marker(router, keys[0]), "the oldest finished marker was removed"
        )
        fourth = await cloud.submit(registered.router_id, ":put 3")
        await cloud.wait_for_end(registered.router_id, fourth)
        await eventually(lambda: _no_marker(router, keys[1]), "the next oldest went too")

    assert marker_rows(router, fourth)
    assert all(router.execution_count(key) == 1 for key in [*keys, fourth])


@pytest.fixture
async def hasty_cloud(tmp_path: Path) -> AsyncIterator[Cloud]:
    async with running_cloud(tmp_path / "hasty.db", job_timeout=1.0) as running:
        yield running


async def test_a_script_that_outlives_its_timeout_is_stopped_and_fails(
    hasty_cloud: Cloud, router: SimulatedRouter, state_dir: Path
) -> None:
    registered = await hasty_cloud.register_router()
    async with running_agent(agent_settings(hasty_cloud, registered, router, state_dir)):
        key = await hasty_cloud.submit(registered.router_id, ':delay 5s\n:put "late"')
        job = await hasty_cloud.wait_for_end(registered.router_id, key)
        await eventually(lambda: _interrupted(router, key), "the router stopped the script")
        after = await hasty_cloud.submit(registered.router_id, ':put "next"')
        next_job = await hasty_cloud.wait_for_end(registered.router_id, after)

    assert job["status"] == "failed"
    assert "timed out" in job["error"] or job["error"] == "interrupted: outcome unknown"
    assert router.execution_count(key) == 1
    assert next_job["status"] == "completed"


async def _no_marker(router: SimulatedRouter, key: str) -> bool:
    return not marker_rows(router, key)


async def test_a_job_deleted_before_the_router_took_it_never_runs(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    # Nothing touches the router before the agent reports "loaded": holding that report
    # at the agent's outbox leaves the offered job pending for the client to delete it.
    assert agent.agent is not None
    outbox = agent.agent.outbox
    send = outbox._send
    offered, deleted_first = asyncio.Event(), asyncio.Event()

    async def held(frame: JobReport | BackupUpload) -> None:
        if isinstance(frame, JobReport) and frame.status is JobStatus.LOADED:
            offered.set()
            await deleted_first.wait()
        await send(frame)

    outbox._send = held
    doomed = await cloud.submit(registered.router_id, ':log info "deleted job ran"')
    await asyncio.wait_for(offered.wait(), WAIT)
    job = await cloud.job(registered.router_id, doomed)
    deleted = await cloud.api("DELETE", f"/api/routers/{registered.router_id}/jobs/{job['id']}")
    assert deleted.status_code == 200, deleted.text
    deleted_first.set()

    after = await cloud.submit(registered.router_id, ":put next")
    assert (await cloud.wait_for_end(registered.router_id, after))["status"] == "completed"

    assert router.execution_count(doomed) == 0
    assert (await cloud.job(registered.router_id, doomed))["status"] == "deleted"
    messages = [row.get("message") for row in router.model.items("log")]
    assert "deleted job ran" not in messages
