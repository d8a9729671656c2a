"""The agent end to end against every router available: jobs submitted through the
emulator's public API, run by a real agent on the ``routeros`` target, reported back.

These are the agent's own paths (marker, ``/execute as-string``, errors placed at the
job's lines, backups over SFTP) on the simulator here and on a real CHR under
``make test-chr``. The routers are shared by the session; every job has its own key,
and its marker stays on the router as the agent leaves it. ``routeros`` comes first in
each test's arguments, so a target that is not there is skipped before a cloud starts.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import librouteros
import pytest

from tests.agent.harness import (
    AgentRun,
    Cloud,
    RegisteredRouter,
    agent_settings,
    running_agent,
    running_cloud,
)
from tikjobs.vm.chr.target import RouterTarget

pytestmark = pytest.mark.anyio


@pytest.fixture
async def cloud(tmp_path: Path) -> AsyncIterator[Cloud]:
    async with running_cloud(tmp_path / "tikjobs.db") as running:
        yield running


@pytest.fixture
async def registered(cloud: Cloud) -> RegisteredRouter:
    return await cloud.register_router()


@pytest.fixture
async def agent(
    cloud: Cloud, registered: RegisteredRouter, routeros: RouterTarget, tmp_path: Path
) -> AsyncIterator[AgentRun]:
    settings = agent_settings(
        cloud,
        registered,
        routeros,  # type: ignore[arg-type]  # the facts the harness reads
        tmp_path / "state",
        connect_timeout=10.0,
        backup_timeout=60.0,
    )
    async with running_agent(settings) as run:
        yield run


def scripts_named(target: RouterTarget, name: str) -> list[dict[str, str]]:
    api = librouteros.connect(
        target.host, target.user, target.password, port=target.api_port, timeout=10
    )
    try:
        return list(
            api.rawCmd("/system/script/print", "=.proplist=.id,name,comment", f"?name={name}")
        )
    finally:
        api.close()


async def test_a_job_completes_with_its_output_and_leaves_a_finished_marker(
    routeros: RouterTarget, cloud: Cloud, registered: RegisteredRouter, agent: AgentRun
) -> None:
    key = await cloud.submit(registered.router_id, ':put "hello"\n:put "from a job"')

    job = await cloud.wait_for_end(registered.router_id, key, wait=120)

    assert job["status"] == "completed"
    assert job["output"] == "hello\r\nfrom a job\r\n"
    assert job["error"] is None
    [marker] = scripts_named(routeros, f"tikjobs-{key}")
    assert marker["comment"] == "tikjobs: finished"


async def test_a_failing_script_fails_with_the_routers_words_at_the_jobs_own_line(
    routeros: RouterTarget, cloud: Cloud, registered: RegisteredRouter, agent: AgentRun
) -> None:
    key = await cloud.submit(registered.router_id, ':put "one"\n:put "two"\n:foo')

    job = await cloud.wait_for_end(registered.router_id, key, wait=120)

    assert job["status"] == "failed"
    assert job["error"] == "bad command name foo (line 3 column 2)"
    assert scripts_named(routeros, f"tikjobs-{key}") == []


async def test_a_job_with_a_backup_uploads_backup_and_export(
    routeros: RouterTarget, cloud: Cloud, registered: RegisteredRouter, agent: AgentRun
) -> None:
    comment = f"tikjobs-test-{uuid.uuid4().hex[:10]}"
    key = await cloud.submit(registered.router_id, f':log info "{comment}"', make_backup=True)

    job = await cloud.wait_for_end(registered.router_id, key, wait=180)

    assert job["status"] == "completed"
    names = {item["name"]: item for item in job["backup"]}
    assert set(names) == {f"tikjobs-{key}.backup", f"tikjobs-{key}.rsc"}
    export = await cloud.api(
        "GET", f"/api/routers/{registered.router_id}/backups/tikjobs-{key}.rsc"
    )
    assert export.status_code == 200
    assert "by RouterOS" in export.text.splitlines()[0]
    assert hashlib.sha256(export.content).hexdigest() == names[f"tikjobs-{key}.rsc"]["sha256"]


def names_under(target: RouterTarget, menu: str, prefix: str) -> list[str]:
    api = librouteros.connect(
        target.host, target.user, target.password, port=target.api_port, timeout=10
    )
    try:
        rows = api.rawCmd(f"{menu}/print", "=.proplist=name")
        return [row["name"] for row in rows if row.get("name", "").startswith(prefix)]
    finally:
        api.close()


async def test_a_safe_apply_job_that_keeps_access_is_confirmed_and_disarmed(
    routeros: RouterTarget, cloud: Cloud, registered: RegisteredRouter, agent: AgentRun
) -> None:
    comment = f"tikjobs-test-{uuid.uuid4().hex[:10]}"
    key = await cloud.submit(
        registered.router_id,
        f'/system script add name="{comment}" source=":put kept"\n:put armed',
        rollback_after=30,
        rollback_check=f':return ([:len [/system script find name="{comment}"]] = 1)',
    )

    job = await cloud.wait_for_end(registered.router_id, key, wait=240)

    assert job["status"] == "completed", job
    assert job["output"] == "armed\r\n"
    assert job["rolled_back"] is False
    assert {item["name"] for item in job["backup"]} == {
        f"tikjobs-{key}-safe.backup",
        f"tikjobs-{key}-safe.rsc",
    }
    assert [row["name"] for row in scripts_named(routeros, comment)] == [comment]
    assert names_under(routeros, "/system/scheduler", f"tikjobs-{key}") == []
    assert names_under(routeros, "/file", f"tikjobs-{key}") == []
