"""Synchronous calls through the public API, the tunnel and the agent to a simulated
router: rows as RouterOS sent them, traps, parallel calls and timeouts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.agent.harness import (
    AgentRun,
    Cloud,
    RegisteredRouter,
    agent_settings,
    running_agent,
    running_cloud,
)
from tests.support.waiting import eventually
from tikjobs.vm.sim.router import SimulatedRouter

pytestmark = pytest.mark.anyio


async def call(
    cloud: Cloud, registered: RegisteredRouter, command: str, parameters: Any = None
) -> httpx.Response:
    body: dict[str, Any] = {"command": command}
    if parameters is not None:
        body["parameters"] = parameters
    return await cloud.api("POST", f"/api/synchronous/{registered.router_id}", json=body)


async def test_rows_come_back_as_the_strings_routeros_sent(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    response = await call(cloud, registered, "/interface/print")

    assert response.status_code == 200, response.text
    rows = response.json()["data"]
    expected = router.model.items("interface")
    assert [row["name"] for row in rows] == [item["name"] for item in expected]
    ether1 = next(row for row in rows if row["name"] == "ether1")
    assert ether1["mtu"] == "1500"
    assert ether1["disabled"] == "false"
    assert ether1["running"] == "true"
    assert all(isinstance(value, str) for row in rows for value in row.values())


async def test_the_seeds_arp_listing_and_execute_examples(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    arp = await call(cloud, registered, "/ip/arp/print")
    added = await call(
        cloud,
        registered,
        "/execute",
        "=script=/ip address add address=192.168.77.1/24 interface=ether1 disabled=no",
    )

    assert arp.status_code == 200
    first = arp.json()["data"][0]
    assert first["id"].startswith("*")
    assert {"mac_address", "interface", "DHCP", "dynamic", "complete"} <= set(first)
    assert first["dynamic"] in {"true", "false"}
    assert added.status_code == 200, added.text
    await eventually(
        lambda: _has_address(router, "192.168.77.1/24"), "the address was added on the router"
    )


async def test_a_trap_answers_the_routers_message(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    words = ["=address=10.50.0.1/24", "=interface=ether2"]
    first = await call(cloud, registered, "/ip/address/add", words)
    again = await call(cloud, registered, "/ip/address/add", words)
    unknown = await call(cloud, registered, "/ip/nothing/print")

    assert first.status_code == 200
    assert first.json()["data"] == [{"ret": first.json()["data"][0]["ret"]}]
    assert again.status_code == 400
    assert "failure: already have such address" in again.text
    assert unknown.status_code == 400
    assert "no such command" in unknown.text


async def test_calls_run_in_parallel_on_several_connections(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    router.faults.add_latency("/system/resource/print", 0.5)
    most = 0

    async def count_sessions() -> None:
        nonlocal most
        while True:
            most = max(most, router.api.session_count)
            await asyncio.sleep(0.01)

    counter = asyncio.get_running_loop().create_task(count_sessions())
    try:
        answers = await asyncio.gather(
            *(call(cloud, registered, "/system/resource/print") for _ in range(8))
        )
    finally:
        counter.cancel()

    assert [answer.status_code for answer in answers] == [200] * 8
    assert all(answer.json()["data"][0]["board_name"] == "CHR" for answer in answers)
    pool_size = agent.settings.pool_size
    assert 2 <= most <= pool_size + 1, "several calls at once, within the pool's bound"


@pytest.fixture
async def impatient_cloud(tmp_path: Path) -> AsyncIterator[Cloud]:
    async with running_cloud(tmp_path / "impatient.db", sync_timeout=1.0) as running:
        yield running


async def test_a_call_without_an_answer_times_out_and_the_next_one_works(
    impatient_cloud: Cloud, router: SimulatedRouter, state_dir: Path
) -> None:
    registered = await impatient_cloud.register_router()
    router.faults.never_answer("/ip/route/print")
    settings = agent_settings(impatient_cloud, registered, router, state_dir)
    async with running_agent(settings):
        sessions_before = router.api.session_count
        stuck = await call(impatient_cloud, registered, "/ip/route/print")
        await eventually(
            lambda: _sessions_at_most(router, sessions_before),
            "the agent closed the stuck connection",
        )
        router.faults.clear()
        after = await call(impatient_cloud, registered, "/ip/route/print")

    assert stuck.status_code == 504
    assert after.status_code == 200
    assert after.json()["data"]


async def test_session_commands_are_refused(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, agent: AgentRun
) -> None:
    response = await call(cloud, registered, "/quit")
    still = await call(cloud, registered, "/system/identity/print")

    assert response.status_code == 400
    assert "/quit" in response.text
    assert still.json()["data"] == [{"name": "branch-1"}]


async def _has_address(router: SimulatedRouter, address: str) -> bool:
    return any(row.get("address") == address for row in router.model.items("ip/address"))


async def _sessions_at_most(router: SimulatedRouter, count: int) -> bool:
    return router.api.session_count <= count


@pytest.fixture
async def small_answers(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, state_dir: Path
) -> AsyncIterator[AgentRun]:
    """An agent whose synchronous answers may hold 1,024 characters (the least
    ``sync_answer_max`` takes), so a test can pass the bound."""
    settings = agent_settings(cloud, registered, router, state_dir, sync_answer_max=1024)
    async with running_agent(settings) as run:
        yield run


async def test_an_answer_past_its_limit_is_refused_and_a_narrower_call_works(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, small_answers: AgentRun
) -> None:
    whole = await call(cloud, registered, "/interface/print")
    narrow = await call(cloud, registered, "/interface/print", "=.proplist=name")

    assert whole.status_code == 400
    refusal = whole.json()
    assert refusal["code"] == "router_trap"
    assert "/interface/print: the answer passed 1,024 characters" in refusal["message"]
    assert "=.proplist=" in refusal["message"]
    assert refusal["details"]["category"] == 2
    assert narrow.status_code == 200, narrow.text
    names = [row["name"] for row in narrow.json()["data"]]
    assert names == [item["name"] for item in router.model.items("interface")]


async def test_a_return_value_past_the_limit_is_refused_too(
    cloud: Cloud, registered: RegisteredRouter, small_answers: AgentRun
) -> None:
    script = '=script=:put [:pick "{text}" 0 {count}]'
    text = "x" * 1200
    long = await call(
        cloud, registered, "/execute", [script.format(text=text, count=1200), "=as-string="]
    )
    short = await call(
        cloud, registered, "/execute", [script.format(text=text, count=10), "=as-string="]
    )

    assert long.status_code == 400
    assert "the answer passed 1,024 characters" in long.json()["message"]
    assert short.status_code == 200, short.text
    assert short.json()["data"] == [{"ret": "x" * 10 + "\r\n"}]
