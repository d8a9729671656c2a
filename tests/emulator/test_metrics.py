"""``GET /metrics``: the admin token guards it, and what an operator's dashboards read
from it moves as the system works: requests by route template, jobs through their states,
synchronous calls, notification deliveries, tunnels, queues and store commits."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.emulator.api_harness import ADMIN_TOKEN, EmulatorThread, settings_for
from tests.emulator.system_client import SystemClient
from tikjobs.system import System

pytestmark = pytest.mark.anyio


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample of an exposition, by name and labels."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return found


def value(
    found: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str
) -> float:
    return found.get((name, frozenset(labels.items())), 0.0)


@pytest.fixture
async def system() -> AsyncIterator[System]:
    async with System(routers=1, poll_interval=0.2) as running:
        yield running


async def scrape(system: System) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    async with httpx.AsyncClient(base_url=system.base_url) as http:
        answer = await http.get(
            "/metrics", headers={"Authorization": f"Bearer {system.admin_token}"}
        )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain")
    return samples(answer.text)


async def test_metrics_need_the_admin_token(system: System) -> None:
    async with httpx.AsyncClient(base_url=system.base_url) as http:
        assert (await http.get("/metrics")).status_code == 401
        wrong = await http.get("/metrics", headers={"Authorization": "Bearer not-the-token"})
        assert wrong.status_code == 403
        as_customer = await http.get(
            "/metrics", headers={"Authorization": f"Bearer {system.api_key}"}
        )
        assert as_customer.status_code == 403


async def test_a_job_and_a_call_move_the_metrics(system: System) -> None:
    router_id = system.routers[0].router_id
    async with SystemClient(system.describe()) as client:
        before = await scrape(system)
        submitted = await client.http.post(
            f"/api/asynchronous/{router_id}",
            json={
                "description": "metrics",
                "script": ":log info metrics",
                "make_backup": True,
                "express_execute": True,
                "needs_acknowledgement": True,
                "notify_url": client.sink_url,
            },
        )
        assert submitted.status_code == 200
        request_id = submitted.json()["data"]["request_id"]
        assert submitted.headers["X-Request-ID"] == request_id
        key = submitted.json()["data"]["idempotency_key"]
        job = await client.wait_for_status(router_id, key)
        assert job["status"] == "completed"
        assert job["request_id"] == request_id
        assert await client.rows(router_id, "/system/identity/print")
        trap = await client.call(router_id, "/no/such/menu/print")
        assert trap.status_code == 400
        await client.notified_until(job["id"], "completed")
        after = await scrape(system)

    route = "/api/asynchronous/{router_id}"
    assert (
        value(after, "tikjobs_http_requests_total", route=route, method="POST", status="200") == 1
    )
    assert (
        value(after, "tikjobs_http_request_duration_seconds_count", route=route, method="POST") == 1
    )
    jobs_route = "/api/routers/{router_id}/jobs"
    assert (
        value(after, "tikjobs_http_requests_total", route=jobs_route, method="GET", status="200")
        >= 1
    )
    assert (
        value(after, "tikjobs_jobs_submitted_total")
        == value(before, "tikjobs_jobs_submitted_total") + 1
    )
    for status in ("loaded", "running", "completed"):
        assert value(after, "tikjobs_job_transitions_total", status=status) == 1
    for state in ("pending", "loaded", "running"):
        assert value(after, "tikjobs_job_state_duration_seconds_count", state=state) == 1
    assert value(after, "tikjobs_jobs", status="completed") == 1
    assert value(after, "tikjobs_router_queue_depth", router_id=router_id) == 0
    assert value(after, "tikjobs_router_online", router_id=router_id) == 1
    assert value(after, "tikjobs_tunnels_connected") == 1
    assert value(after, "tikjobs_sync_calls_total", outcome="ok") == 1
    assert value(after, "tikjobs_sync_calls_total", outcome="trap") == 1
    assert value(after, "tikjobs_sync_call_duration_seconds_count") == 2
    assert value(after, "tikjobs_notification_deliveries_total", outcome="delivered") == 3
    assert value(after, "tikjobs_notification_backlog", state="retrying") == 0
    assert value(after, "tikjobs_store_commit_duration_seconds_count") > value(
        before, "tikjobs_store_commit_duration_seconds_count"
    )


async def test_a_pending_job_shows_in_its_routers_queue(system: System) -> None:
    router_id = system.routers[0].router_id
    async with SystemClient(system.describe()) as client:
        await client.submit(router_id, ":log info later", express=False, notify=False)
        await client.submit(router_id, ":log info later", express=False, notify=False)
        before_poll = await scrape(system)
    assert value(before_poll, "tikjobs_router_queue_depth", router_id=router_id) >= 1
    assert value(before_poll, "tikjobs_jobs_submitted_total") == 2


def test_two_emulators_in_one_process_keep_their_own_metrics(tmp_path: Path) -> None:
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with (
        EmulatorThread(settings_for(tmp_path / "a")) as first,
        EmulatorThread(settings_for(tmp_path / "b")) as second,
    ):
        for _ in range(3):
            assert httpx.get(f"{first.url}/api/routers").status_code == 401
        first_seen = samples(httpx.get(f"{first.url}/metrics", headers=admin).text)
        second_seen = samples(httpx.get(f"{second.url}/metrics", headers=admin).text)
    labels = {"route": "/api/routers", "method": "GET", "status": "401"}
    assert value(first_seen, "tikjobs_http_requests_total", **labels) == 3
    assert value(second_seen, "tikjobs_http_requests_total", **labels) == 0


def test_a_separate_metrics_port_serves_without_the_token(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = settings_for(tmp_path, metrics_port=port)
    with EmulatorThread(settings) as emulator:
        assert httpx.get(f"{emulator.url}/metrics").status_code == 401
        with emulator.admin() as admin:
            admin.post("/_emulator/customers", json={"name": "acme"})
        endpoint = httpx.get(f"{emulator.url}/openapi.json")
        assert endpoint.status_code == 200
        seen = samples(httpx.get(f"http://127.0.0.1:{port}/metrics").text)
    assert (
        value(
            seen,
            "tikjobs_http_requests_total",
            route="/_emulator/customers",
            method="POST",
            status="200",
        )
        == 1
    )
    assert ("tikjobs_tunnels_connected", frozenset()) in seen


def test_a_postgresql_emulator_times_its_commits_too(postgres_url: str, tmp_path: Path) -> None:
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    with EmulatorThread(settings_for(tmp_path, db_path=postgres_url)) as emulator:
        with emulator.admin() as controls:
            customer = controls.post("/_emulator/customers", json={"name": "acme"})
            assert customer.status_code == 200
        seen = samples(httpx.get(f"{emulator.url}/metrics", headers=admin).text)
    assert value(seen, "tikjobs_store_commit_duration_seconds_count") >= 1
    assert value(seen, "tikjobs_jobs", status="pending") == 0
