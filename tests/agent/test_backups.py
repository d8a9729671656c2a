"""Backups before jobs: made on the router, fetched over SFTP, uploaded, listed, downloaded
and diffed through the public API, and gone from the router's flash afterwards."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.agent.harness import (
    AgentRun,
    Cloud,
    RegisteredRouter,
    agent_settings,
    running_agent,
)
from tikjobs.vm.sim.router import SimulatedRouter

pytestmark = pytest.mark.anyio


def file_names(router: SimulatedRouter) -> list[str]:
    return [info.name for info in router.model.list_files()]


async def test_a_job_with_a_backup_uploads_backup_and_export_and_cleans_the_router(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    key = await cloud.submit(
        registered.router_id,
        "/ip address add address=10.7.7.1/24 interface=ether3",
        make_backup=True,
    )

    job = await cloud.wait_for_end(registered.router_id, key)

    assert job["status"] == "completed"
    names = {item["name"]: item for item in job["backup"]}
    assert set(names) == {f"tikjobs-{key}.backup", f"tikjobs-{key}.rsc"}
    assert names[f"tikjobs-{key}.backup"]["kind"] == "backup"
    assert names[f"tikjobs-{key}.rsc"]["kind"] == "export"
    export = await cloud.api(
        "GET", f"/api/routers/{registered.router_id}/backups/tikjobs-{key}.rsc"
    )
    assert export.status_code == 200
    assert "by RouterOS" in export.text.splitlines()[0]
    assert "10.7.7.1/24" not in export.text, "the export was taken before the script ran"
    assert hashlib.sha256(export.content).hexdigest() == names[f"tikjobs-{key}.rsc"]["sha256"]
    binary = await cloud.api(
        "GET", f"/api/routers/{registered.router_id}/backups/tikjobs-{key}.backup"
    )
    assert hashlib.sha256(binary.content).hexdigest() == names[f"tikjobs-{key}.backup"]["sha256"]
    assert not [name for name in file_names(router) if name.startswith(f"tikjobs-{key}")]
    assert router.execution_count(key) == 1


async def test_the_diff_of_two_exports_shows_what_changed_and_ignores_their_dates(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    first = await cloud.submit(
        registered.router_id,
        "/ip address add address=10.8.8.1/24 interface=ether4",
        make_backup=True,
    )
    await cloud.wait_for_end(registered.router_id, first)
    second = await cloud.submit(
        registered.router_id, "/system clock set date=2030-01-02", make_backup=True
    )
    await cloud.wait_for_end(registered.router_id, second)
    third = await cloud.submit(registered.router_id, ':put "still nothing"', make_backup=True)
    await cloud.wait_for_end(registered.router_id, third)
    base = f"/api/routers/{registered.router_id}/backups"

    changed = await cloud.api("GET", f"{base}/tikjobs-{first}.rsc/diff/tikjobs-{second}.rsc")
    same = await cloud.api("GET", f"{base}/tikjobs-{second}.rsc/diff/tikjobs-{third}.rsc")
    itself = await cloud.api("GET", f"{base}/tikjobs-{third}.rsc/diff/tikjobs-{third}.rsc")
    listing = await cloud.api("GET", base)

    assert itself.status_code == 200
    assert itself.text == ""
    assert changed.status_code == 200
    added = [line for line in changed.text.splitlines() if line.startswith("+")]
    assert any("10.8.8.1/24" in line for line in added)
    assert not any("by RouterOS" in line for line in changed.text.splitlines())
    assert same.status_code == 200
    second_export = await cloud.api("GET", f"{base}/tikjobs-{second}.rsc")
    third_export = await cloud.api("GET", f"{base}/tikjobs-{third}.rsc")
    assert second_export.text.splitlines()[0] != third_export.text.splitlines()[0]
    edits = [
        line
        for line in same.text.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert edits == [f'+add comment="tikjobs: finished" name=tikjobs-{second}']
    listed = [item["name"] for item in listing.json()["data"]]
    assert len(listed) == 6
    assert set(listed[:2]) == {f"tikjobs-{third}.backup", f"tikjobs-{third}.rsc"}


async def test_backups_api_refuses_what_it_cannot_answer(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    key = await cloud.submit(registered.router_id, ':put "x"', make_backup=True)
    await cloud.wait_for_end(registered.router_id, key)
    base = f"/api/routers/{registered.router_id}/backups"

    missing = await cloud.api("GET", f"{base}/nothing.rsc")
    binary = await cloud.api("GET", f"{base}/tikjobs-{key}.backup/diff/tikjobs-{key}.rsc")
    other_router = await cloud.api(
        "GET", "/api/routers/00000000-0000-0000-0000-000000000000/backups"
    )

    assert missing.status_code == 404
    assert missing.json()["status"] == "error"
    assert binary.status_code == 422
    assert "name" in binary.json()["errors"]
    assert other_router.status_code == 404


async def test_a_failed_backup_fails_the_job_and_the_script_never_runs(
    cloud: Cloud,
    registered: RegisteredRouter,
    router: SimulatedRouter,
    state_dir: Path,
) -> None:
    router.faults.never_answer("/system/backup/save")
    settings = agent_settings(cloud, registered, router, state_dir, backup_timeout=1.0)
    async with running_agent(settings):
        key = await cloud.submit(registered.router_id, ':put "never"', make_backup=True)
        job = await cloud.wait_for_end(registered.router_id, key)
        router.faults.clear()
        after = await cloud.submit(registered.router_id, ':put "next"')
        next_job = await cloud.wait_for_end(registered.router_id, after)

    assert job["status"] == "failed"
    assert job["error"].startswith("backup failed: ")
    assert job["started_at"] is not None
    assert router.execution_count(key) == 0
    assert next_job["status"] == "completed"


async def test_backups_stay_on_the_router_when_asked(
    cloud: Cloud,
    registered: RegisteredRouter,
    router: SimulatedRouter,
    state_dir: Path,
) -> None:
    settings = agent_settings(cloud, registered, router, state_dir, keep_backups_on_router=True)
    async with running_agent(settings):
        key = await cloud.submit(registered.router_id, ':put "kept"', make_backup=True)
        job = await cloud.wait_for_end(registered.router_id, key)

    assert job["status"] == "completed"
    names = file_names(router)
    assert f"tikjobs-{key}.backup" in names
    assert f"tikjobs-{key}.rsc" in names
