"""Safe apply on the simulator: a job that cuts the router off from its management is
rolled back by the router itself; a benign one is kept and leaves nothing behind.

The restore's scheduler entry fires by the router's own clock; to keep the suite short,
these tests move that clock past the window from the router's console (as an operator
with a serial cable could) once the agent has decided, instead of waiting the 30 s."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import librouteros
import pytest

from tests.agent.harness import AgentRun, Cloud, RegisteredRouter
from tests.support.waiting import eventually
from tikjobs.agent.runtime import ledger_path
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


async def api_login_works(router: SimulatedRouter) -> bool:
    """A fresh librouteros login, in a thread (the simulator answers on this loop)."""
    return await asyncio.to_thread(_login_works, router)


def _login_works(router: SimulatedRouter) -> bool:
    try:
        api = librouteros.connect(
            router.host, router.user, router.password, port=router.api_port, timeout=3
        )
    except (OSError, librouteros.exceptions.LibRouterosError):
        return False
    api.close()
    return True


def ledger_entry(run: AgentRun, key: str) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    path: Path = ledger_path(run.settings)
    for line in path.read_text().splitlines():
        record = json.loads(line) if line.startswith("{") else {}
        if record.get("key") == key:
            entry = record
    return entry


async def restore_when_decided(router: SimulatedRouter, run: AgentRun, key: str) -> None:
    """Once the agent has decided to roll back, move the router's clock past the window."""

    async def decided() -> bool:
        return bool(ledger_entry(run, key).get("rollback"))

    async def planned() -> bool:
        # The scheduler plans an entry when it first sees it; a clock moved before that
        # would leave a one-time entry with its time already past, which never runs.
        rows = router.model.items("system/scheduler")
        return any(row.get("name", "").startswith(f"tikjobs-{key}") for row in rows) and all(
            row.get("next-run") for row in rows
        )

    await eventually(decided, f"the agent decided to roll {key} back")
    await eventually(planned, f"the router planned the restore of {key}")
    later = router.model.now() + timedelta(seconds=WINDOW + 1)
    router.device.run_script(
        f"/system clock set date={later:%Y-%m-%d} time={later:%H:%M:%S}", origin="console"
    )


async def cut_off_and_rolled_back(
    cloud: Cloud,
    registered: RegisteredRouter,
    router: SimulatedRouter,
    agent: AgentRun,
    script: str,
    **extensions: Any,
) -> dict[str, Any]:
    """Run ``script`` with safe apply, let the restore fire, and check what every rolled
    back job must show: the configuration as before, nothing left armed, run once."""
    before = configuration(router)
    key = await cloud.submit(registered.router_id, script, rollback_after=WINDOW, **extensions)
    await restore_when_decided(router, agent, key)

    job = await cloud.wait_for_end(registered.router_id, key)

    assert job["status"] == "failed", job
    assert job["rolled_back"] is True
    assert job["error"].startswith("rolled back: "), job["error"]
    assert "differs" not in job["error"]
    marker = ["/system script", f'add comment="tikjobs: rolled back" name=tikjobs-{key}']
    after = configuration(router)
    assert [line for line in after if line not in marker] == before, "restored as saved"
    assert all(line in after for line in marker), "the marker keeps the key from running again"
    assert not [name for name in scheduler_names(router) if name.startswith("tikjobs-")]
    assert router.execution_count(f'add name="tikjobs-{key}"') == 1, "the script ran once"
    assert router.execution_count(f"load name=tikjobs-{key}-safe.backup") == 1, "restored once"
    assert await api_login_works(router)
    saved = {item["name"] for item in job["backup"]}
    assert saved == {f"tikjobs-{key}-safe.backup", f"tikjobs-{key}-safe.rsc"}
    assert tikjobs_files(router, key) == []
    job["key"] = key
    return job


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


async def test_a_window_out_of_bounds_a_check_without_one_or_no_acknowledgement_is_refused(
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
        ({"rollback_after": 60, "needs_acknowledgement": False}, "rollback_after"),
    ):
        response = await cloud.api(
            "POST", f"/api/asynchronous/{registered.router_id}", json={**base, **extra}
        )
        assert response.status_code in (400, 422), response.text
        assert field in response.json()["errors"], response.json()


async def test_a_job_that_disables_the_api_is_rolled_back(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    job = await cut_off_and_rolled_back(
        cloud,
        registered,
        router,
        agent,
        "/ip address add address=10.9.8.1/24 interface=ether3\n/ip service disable api",
    )

    assert "fresh API login" in job["error"], job["error"]


async def test_a_job_whose_firewall_rule_drops_the_api_port_is_rolled_back(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    job = await cut_off_and_rolled_back(
        cloud,
        registered,
        router,
        agent,
        "/ip firewall filter add chain=input protocol=tcp dst-port=8728 action=drop",
    )

    assert "fresh API login" in job["error"], job["error"]


async def test_a_job_that_removes_the_agents_user_is_rolled_back(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    job = await cut_off_and_rolled_back(
        cloud,
        registered,
        router,
        agent,
        '/user add name=other group=full password="other-secret"\n'
        f"/user remove [find name={router.user}]",
    )

    assert "refused" in job["error"], job["error"]


async def test_a_job_whose_check_script_fails_is_rolled_back(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    job = await cut_off_and_rolled_back(
        cloud,
        registered,
        router,
        agent,
        "/ip route add dst-address=0.0.0.0/0 gateway=10.0.0.254 distance=1",
        rollback_check=":return false",
    )

    assert job["error"] == "rolled back: the check script did not return true (it said 'false')"


async def test_an_agent_stopped_mid_window_finishes_the_rollback_and_never_reruns(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    before = configuration(router)
    key = await cloud.submit(registered.router_id, "/ip service disable api", rollback_after=WINDOW)

    async def decided() -> bool:
        return bool(ledger_entry(agent, key).get("rollback"))

    await eventually(decided, f"the agent decided to roll {key} back")
    await agent.kill()
    await agent.start()
    await restore_when_decided(router, agent, key)
    job = await cloud.wait_for_end(registered.router_id, key)

    assert job["status"] == "failed", job
    assert job["rolled_back"] is True
    assert job["error"].startswith("rolled back: the router did not answer a fresh API login")
    marker = ["/system script", f'add comment="tikjobs: rolled back" name=tikjobs-{key}']
    assert [line for line in configuration(router) if line not in marker] == before
    assert router.execution_count(f'add name="tikjobs-{key}"') == 1, "the script ran once"
    assert router.execution_count(f"load name=tikjobs-{key}-safe.backup") == 1, "restored once"
