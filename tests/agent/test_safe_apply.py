"""Safe apply on the simulator: a benign job is confirmed over a fresh login, kept, and
leaves no scheduler entry or saved file behind; the API refuses what it must."""

from __future__ import annotations

import pytest

from tests.agent.harness import AgentRun, Cloud, RegisteredRouter
from tikjobs.vm.sim.router import SimulatedRouter

pytestmark = pytest.mark.anyio

WINDOW = 30


def configuration(router: SimulatedRouter) -> list[str]:
    """The router's export, its ``# <date> by RouterOS`` line left out."""
    text = router.device.run_script("/export", origin="console")
    return [
        line
        for line in text.replace("\r\n", "\n").split("\n")
        if not (line.startswith("# ") and " by RouterOS " in line)
    ]


def scheduler_names(router: SimulatedRouter) -> list[str]:
    return [row.get("name", "") for row in router.model.items("system/scheduler")]


def tikjobs_files(router: SimulatedRouter, key: str) -> list[str]:
    return [info.name for info in router.model.list_files() if key in info.name]


async def test_a_benign_job_is_kept_and_leaves_no_entry_or_file_behind(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    before = configuration(router)
    key = await cloud.submit(
        registered.router_id,
        "/ip address add address=10.9.9.1/24 interface=ether3\n:put added",
        rollback_after=WINDOW,
        rollback_check=':return ([:len [/ip address find address="10.9.9.1/24"]] = 1)',
    )

    job = await cloud.wait_for_end(registered.router_id, key)

    assert job["status"] == "completed", job
    assert job["output"] == "added\r\n"
    assert job["rolled_back"] is False
    assert job["rollback_after"] == WINDOW
    after = configuration(router)
    added = [line for line in after if line not in before]
    assert [line for line in before if line not in after] == []
    assert len(added) == 3, added
    assert "10.9.9.1/24" in added[0], added
    assert added[1:] == ["/system script", f'add comment="tikjobs: finished" name=tikjobs-{key}']
    assert scheduler_names(router) == []
    assert tikjobs_files(router, key) == []
    saved = {item["name"]: item["kind"] for item in job["backup"]}
    assert saved == {f"tikjobs-{key}-safe.backup": "backup", f"tikjobs-{key}-safe.rsc": "export"}
    export = await cloud.api(
        "GET", f"/api/routers/{registered.router_id}/backups/tikjobs-{key}-safe.rsc"
    )
    assert "10.9.9.1" not in export.text, "the export was saved before the script ran"
    assert router.execution_count(f'add name="tikjobs-{key}"') == 1
    assert router.execution_count(f"load name=tikjobs-{key}-safe.backup") == 0


async def test_a_window_out_of_bounds_or_a_check_without_one_is_refused_naming_the_field(
    cloud: Cloud, registered: RegisteredRouter
) -> None:
    base = {
        "description": "safe apply",
        "script": ":put 1",
        "make_backup": False,
        "express_execute": False,
        "needs_acknowledgement": True,
    }
    for extra, field in (
        ({"rollback_after": 10}, "rollback_after"),
        ({"rollback_after": 3601}, "rollback_after"),
        ({"rollback_after": "60"}, "rollback_after"),
        ({"rollback_check": ":return true"}, "rollback_check"),
    ):
        response = await cloud.api(
            "POST", f"/api/asynchronous/{registered.router_id}", json={**base, **extra}
        )
        assert response.status_code in (400, 422), response.text
        assert field in response.json()["errors"], response.json()
