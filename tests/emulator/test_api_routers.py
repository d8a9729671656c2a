"""GET /api/routers and /api/routers/{router_id} on a real server: the seed's router
fields, filled from the agent's Hello, and presence following the tunnel."""

from __future__ import annotations

import re
from uuid import uuid4

import httpx
import pytest

from tests.emulator.api_harness import EmulatorThread, ok, refused
from tests.emulator.tunnel_agent import ScriptedAgent
from tests.support.waiting import eventually
from tikjobs.contracts.api import Router
from tikjobs.contracts.tunnel import RouterFacts

TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$")
FACTS = RouterFacts(
    identity="core-1",
    software_version="7.16",
    board_name="CHR",
    model="CHR",
    serial_number="ABC123",
    uptime="1d2h",
)


def test_a_new_router_is_offline_and_has_no_facts(emulator: EmulatorThread) -> None:
    account = emulator.account()
    with emulator.client(account.api_key) as client:
        [listed] = ok(client.get("/api/routers"))
        one = ok(client.get(f"/api/routers/{account.router_id}"))
    assert listed == one
    assert set(listed) == set(Router.model_fields)
    assert listed["id"] == str(account.router_id)
    assert listed["online"] is False
    assert listed["last_seen"] is None
    assert listed["identity"] is None


@pytest.mark.anyio
async def test_an_agents_hello_fills_the_router_and_the_tunnel_sets_presence(
    emulator: EmulatorThread,
) -> None:
    account = emulator.account()
    agent = ScriptedAgent(emulator.tunnel_url, account.tunnel_token)
    url = f"/api/routers/{account.router_id}"
    async with emulator.async_client(account.api_key) as client:
        try:
            await agent.connect(FACTS)
            online = ok(await client.get(url))
        finally:
            await agent.close()
        offline = await until_offline(client, url)

    assert online["online"] is True
    assert TIMESTAMP.match(online["last_seen"])
    assert (online["identity"], online["software_version"], online["board_name"]) == (
        "core-1",
        "7.16",
        "CHR",
    )
    assert (online["model"], online["serial_number"], online["uptime"]) == ("CHR", "ABC123", "1d2h")
    assert offline["online"] is False
    assert offline["identity"] == "core-1"
    assert TIMESTAMP.match(offline["last_seen"])


async def until_offline(client: httpx.AsyncClient, url: str) -> dict[str, object]:
    router: dict[str, object] = {}

    async def offline() -> bool:
        router.update(ok(await client.get(url)))
        return router["online"] is False

    await eventually(offline, "the router went offline after its tunnel closed")
    return router


def test_unknown_and_malformed_router_ids(emulator: EmulatorThread) -> None:
    account = emulator.account()
    with emulator.client(account.api_key) as client:
        missing = refused(client.get(f"/api/routers/{uuid4()}"), 404)
        malformed = refused(client.get("/api/routers/12"), 422)
    assert missing["code"] == "router_not_found"
    assert list(malformed["errors"]) == ["router_id"]


def test_unknown_paths_and_methods_answer_error_bodies(emulator: EmulatorThread) -> None:
    account = emulator.account()
    with emulator.client(account.api_key) as client:
        missing = refused(client.get("/api/nothing-here"), 404)
        wrong_method = client.put("/api/routers")
    assert "/api/nothing-here" in missing["message"]
    refused(wrong_method, 405)
    assert "GET" in wrong_method.headers["Allow"]
