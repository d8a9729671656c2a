"""/api/routers/{router_id}/jobs on a real server: the list (order, status filter,
pagination), one job's detail, and deletion — pending, started, notified — with a scripted
agent on the tunnel and an HTTPS notification sink."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any
from uuid import UUID, uuid4

import pytest

from tests.emulator.api_harness import (
    SEED_JOB,
    Account,
    EmulatorThread,
    ok,
    refused,
)
from tests.emulator.tunnel_agent import ScriptedAgent
from tikjobs.contracts.api import JobStatus, Notification
from tikjobs.contracts.tunnel import BackupAck, BackupUpload, Heartbeat, JobOffer, Poll
from tikjobs.emulator.notifications.signing import verify
from tikjobs.sink import NotificationSink, SinkCertificate

TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$")
JOB_KEYS = {
    "id",
    "token",
    "idempotency_key",
    "description",
    "express_execute",
    "needs_acknowledgement",
    "make_backup",
    "started_at",
    "completed_at",
    "failed_at",
    "deleted_at",
    "status",
}


@pytest.fixture(scope="module")
def emulator_settings(sink_trusted: dict[str, Any]) -> dict[str, Any]:
    """The emulator trusts the test sink's certificate on 127.0.0.1."""
    return sink_trusted


def submit(emulator: EmulatorThread, account: Account, **changes: Any) -> dict[str, Any]:
    with emulator.client(account.api_key) as client:
        data: dict[str, Any] = ok(
            client.post(f"/api/asynchronous/{account.router_id}", json={**SEED_JOB, **changes})
        )
    return data


def listed(emulator: EmulatorThread, account: Account, **params: Any) -> Any:
    with emulator.client(account.api_key) as client:
        return client.get(f"/api/routers/{account.router_id}/jobs", params=params)


def job_id_of(emulator: EmulatorThread, account: Account, idempotency_key: str) -> str:
    jobs = ok(listed(emulator, account))
    return str(next(job["id"] for job in jobs if job["idempotency_key"] == idempotency_key))


# -- the list ------------------------------------------------------------------------------


def test_jobs_are_listed_newest_first_in_the_seed_shape(emulator: EmulatorThread) -> None:
    account = emulator.account()
    for n in range(3):
        submit(emulator, account, description=f"job {n}")
    jobs = ok(listed(emulator, account))
    assert [job["description"] for job in jobs] == ["job 2", "job 1", "job 0"]
    assert all(set(job) == JOB_KEYS for job in jobs)


def test_an_empty_list_is_an_empty_data_array(emulator: EmulatorThread) -> None:
    account = emulator.account()
    response = listed(emulator, account)
    assert response.json() == {"status": "success", "data": []}
    assert response.headers["X-Total-Count"] == "0"


def test_pages_carry_totals_and_links_in_headers(emulator: EmulatorThread) -> None:
    account = emulator.account()
    for n in range(7):
        submit(emulator, account, description=f"job {n}")

    first = listed(emulator, account, limit=3)
    assert [job["description"] for job in ok(first)] == ["job 6", "job 5", "job 4"]
    assert first.headers["X-Total-Count"] == "7"
    assert 'rel="next"' in first.headers["Link"]
    assert 'rel="prev"' not in first.headers["Link"]

    next_url = first.links["next"]["url"]
    with emulator.client(account.api_key) as client:
        second = client.get(next_url)
    assert [job["description"] for job in ok(second)] == ["job 3", "job 2", "job 1"]
    assert {"next", "prev"} <= set(second.links)

    last = listed(emulator, account, limit=3, offset=6)
    assert [job["description"] for job in ok(last)] == ["job 0"]
    assert set(last.links) == {"prev"}
    assert ok(listed(emulator, account, limit=3, offset=7)) == []


@pytest.mark.parametrize("query", ["", "?limit=2", "?status=pending&offset=1", "?offset=0"])
def test_a_plain_list_query_answers_exactly_what_the_full_route_answers(
    emulator: EmulatorThread, query: str
) -> None:
    account = emulator.account()
    for n in range(4):
        submit(emulator, account, description=f"job {n}")
    path = f"/api/routers/{account.router_id}/jobs"
    with emulator.client(account.api_key) as client:
        plain = client.get(path + query)
        # A parameter the list does not know sends the request through FastAPI's route,
        # which ignores it.
        full = client.get(path + (query + "&" if query else "?") + "unknown=1")

    assert plain.status_code == full.status_code == 200
    assert plain.content == full.content
    assert plain.headers["content-type"] == full.headers["content-type"]
    assert plain.headers["X-Total-Count"] == full.headers["X-Total-Count"]
    assert set(plain.links) == set(full.links)


def test_a_list_without_a_key_or_of_another_customers_router_is_refused(
    emulator: EmulatorThread,
) -> None:
    account, other = emulator.account(), emulator.account()
    path = f"/api/routers/{other.router_id}/jobs?limit=5"
    with emulator.client(account.api_key) as client:
        foreign = client.get(path)
    with emulator.client(None) as client:
        anonymous = client.get(path)

    assert refused(foreign, 404)["code"] == "router_not_found"
    assert anonymous.status_code == 401


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 501}, "limit"),
        ({"limit": -1}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"status": "done"}, "status"),
        ({"status": ""}, "status"),
    ],
)
def test_bad_list_parameters_are_422_naming_them(
    emulator: EmulatorThread, params: dict[str, Any], field: str
) -> None:
    account = emulator.account()
    assert list(refused(listed(emulator, account, **params), 422)["errors"]) == [field]


@pytest.mark.parametrize("limit", [1, 500])
def test_limits_at_the_edges_are_accepted(emulator: EmulatorThread, limit: int) -> None:
    account = emulator.account()
    submit(emulator, account)
    assert len(ok(listed(emulator, account, limit=limit))) == 1


def test_the_status_filter_keeps_one_status(emulator: EmulatorThread) -> None:
    account = emulator.account()
    keys = [submit(emulator, account, description=f"job {n}")["idempotency_key"] for n in range(3)]
    doomed = job_id_of(emulator, account, keys[1])
    with emulator.client(account.api_key) as client:
        ok(client.delete(f"/api/routers/{account.router_id}/jobs/{doomed}"))

    deleted = ok(listed(emulator, account, status="deleted"))
    pending = ok(listed(emulator, account, status="pending"))
    assert [job["id"] for job in deleted] == [doomed]
    assert [job["description"] for job in pending] == ["job 2", "job 0"]
    assert ok(listed(emulator, account, status="completed")) == []
    assert listed(emulator, account, status="pending").headers["X-Total-Count"] == "2"


# -- one job -------------------------------------------------------------------------------


def test_a_jobs_detail_adds_script_outcome_and_backups(emulator: EmulatorThread) -> None:
    account = emulator.account()
    submitted = submit(emulator, account)
    job_id = job_id_of(emulator, account, submitted["idempotency_key"])
    with emulator.client(account.api_key) as client:
        detail = ok(client.get(f"/api/routers/{account.router_id}/jobs/{job_id}"))

    assert JOB_KEYS <= set(detail)
    assert detail["script"] == SEED_JOB["script"]
    assert detail["router_id"] == str(account.router_id)
    assert detail["request_id"] == submitted["request_id"]
    assert detail["notify_url"] == SEED_JOB["notify_url"]
    assert detail["created_at"] == submitted["date"]
    assert (detail["output"], detail["error"], detail["backup"]) == (None, None, [])


def test_a_job_is_found_only_under_its_own_router(emulator: EmulatorThread) -> None:
    account = emulator.account(routers=2)
    first, second = account.routers
    with emulator.client(account.api_key) as client:
        ok(client.post(f"/api/asynchronous/{first}", json=SEED_JOB))
        job_id = ok(client.get(f"/api/routers/{first}/jobs"))[0]["id"]
        answer = refused(client.get(f"/api/routers/{second}/jobs/{job_id}"), 404)
        refused(client.delete(f"/api/routers/{second}/jobs/{job_id}"), 404)
    assert answer["code"] == "job_not_found"


def test_another_customers_jobs_are_404(emulator: EmulatorThread) -> None:
    mine, theirs = emulator.account(), emulator.account()
    job_id = job_id_of(emulator, theirs, submit(emulator, theirs)["idempotency_key"])
    with emulator.client(mine.api_key) as client:
        refused(client.get(f"/api/routers/{theirs.router_id}/jobs"), 404)
        refused(client.get(f"/api/routers/{theirs.router_id}/jobs/{job_id}"), 404)
        refused(client.delete(f"/api/routers/{theirs.router_id}/jobs/{job_id}"), 404)
    assert ok(listed(emulator, theirs))[0]["status"] == "pending"


def test_unknown_and_malformed_job_ids(emulator: EmulatorThread) -> None:
    account = emulator.account()
    with emulator.client(account.api_key) as client:
        refused(client.get(f"/api/routers/{account.router_id}/jobs/{uuid4()}"), 404)
        malformed = refused(client.get(f"/api/routers/{account.router_id}/jobs/42"), 422)
    assert list(malformed["errors"]) == ["job_id"]


# -- deletion ------------------------------------------------------------------------------


def test_deleting_a_pending_job_answers_it_deleted_and_is_idempotent(
    emulator: EmulatorThread,
) -> None:
    account = emulator.account()
    job_id = job_id_of(emulator, account, submit(emulator, account)["idempotency_key"])
    url = f"/api/routers/{account.router_id}/jobs/{job_id}"
    with emulator.client(account.api_key) as client:
        deleted = ok(client.delete(url))
        again = ok(client.delete(url))
        stored = ok(client.get(url))

    assert deleted["status"] == "deleted"
    assert deleted["deleted_at"] is not None
    assert again == deleted
    assert stored["status"] == "deleted"
    assert stored["deleted_at"] == deleted["deleted_at"]


@pytest.mark.anyio
@pytest.mark.parametrize("reached", [JobStatus.LOADED, JobStatus.RUNNING, JobStatus.COMPLETED])
async def test_a_started_job_cannot_be_deleted(
    emulator: EmulatorThread, reached: JobStatus
) -> None:
    account = emulator.account()
    agent = ScriptedAgent(emulator.tunnel_url, account.tunnel_token)
    try:
        await agent.connect()
        submit(emulator, account, express_execute=True, needs_acknowledgement=True)
        offer = await agent.expect(JobOffer)
        for status in (JobStatus.LOADED, JobStatus.RUNNING, JobStatus.COMPLETED):
            await agent.report(
                offer, status, output="done" if status is JobStatus.COMPLETED else None
            )
            if status is reached:
                break
        async with emulator.async_client(account.api_key) as client:
            url = f"/api/routers/{account.router_id}/jobs/{offer.job_id}"
            answer = refused(await client.delete(url), 409)
            after = ok(await client.get(url))
    finally:
        await agent.close()

    assert answer["code"] == "job_already_started"
    assert list(answer["errors"]) == ["job_id"]
    assert after["status"] == reached.value
    if reached is JobStatus.COMPLETED:
        assert after["output"] == "done"
        assert after["completed_at"] is not None


@pytest.mark.anyio
async def test_deleting_a_job_notifies_its_url_signed(
    emulator: EmulatorThread, certificate: SinkCertificate
) -> None:
    account = emulator.account()
    async with NotificationSink(None, certificate) as sink:
        submitted = submit(emulator, account, notify_url=sink.url)
        job_id = job_id_of(emulator, account, submitted["idempotency_key"])
        async with emulator.async_client(account.api_key) as client:
            ok(await client.delete(f"/api/routers/{account.router_id}/jobs/{job_id}"))
        [received] = await sink.wait_for(lambda got: len(got) >= 1)

    payload = Notification.model_validate_json(received.body)
    assert payload.status is JobStatus.DELETED
    assert str(payload.job_id) == job_id
    assert payload.customer_id == account.customer_id
    assert payload.router_id == account.router_id
    assert str(payload.idempotency_key) == submitted["idempotency_key"]
    assert payload.deleted_at is not None
    verify(account.webhook_secret, received.headers, received.body)
    assert set(json.loads(received.body)) == set(Notification.model_fields)


def test_the_list_of_a_router_id_that_is_not_a_uuid_is_422(emulator: EmulatorThread) -> None:
    account = emulator.account()
    with emulator.client(account.api_key) as client:
        answer = refused(client.get("/api/routers/not-a-uuid/jobs"), 422)
    assert list(answer["errors"]) == ["router_id"]


def test_job_ids_are_uuids(emulator: EmulatorThread) -> None:
    account = emulator.account()
    submit(emulator, account)
    for job in ok(listed(emulator, account)):
        UUID(job["id"])
        UUID(job["idempotency_key"])


# -- pages of jobs submitted within the same second -------------------------------------------


def test_jobs_of_the_same_second_are_paged_in_submission_order(emulator: EmulatorThread) -> None:
    account = emulator.account()
    count = 25
    for n in range(count):
        submit(emulator, account, description=f"job {n}")

    seen: list[dict[str, Any]] = []
    response = listed(emulator, account, limit=4)
    with emulator.client(account.api_key) as client:
        while True:
            seen += ok(response)
            assert response.headers["X-Total-Count"] == str(count)
            if "next" not in response.links:
                break
            response = client.get(response.links["next"]["url"])
        created = [
            ok(client.get(f"/api/routers/{account.router_id}/jobs/{job['id']}"))["created_at"]
            for job in seen
        ]

    assert [job["description"] for job in seen] == [f"job {n}" for n in reversed(range(count))]
    assert len(set(created)) < count, "25 submissions spread over 25 seconds"


# -- a job's backups -------------------------------------------------------------------------


def upload(job_id: str, kind: str, name: str, content: bytes) -> BackupUpload:
    return BackupUpload(
        job_id=job_id,
        kind=kind,  # type: ignore[arg-type]
        name=name,
        content_b64=base64.b64encode(content).decode(),
        sha256=hashlib.sha256(content).hexdigest(),
    )


@pytest.mark.anyio
async def test_a_jobs_detail_lists_the_backup_and_export_taken_before_it(
    emulator: EmulatorThread,
) -> None:
    account = emulator.account()
    files = {
        "before.backup": ("backup", b"\x88\xac\xa1\xb1binary backup"),
        "before.rsc": ("export", b"# 2024-05-28 08:05:28 by RouterOS 7.16\n/ip address\n"),
    }
    agent = ScriptedAgent(emulator.tunnel_url, account.tunnel_token)
    try:
        await agent.connect()
        submit(
            emulator, account, express_execute=True, needs_acknowledgement=True, make_backup=True
        )
        offer = await agent.expect(JobOffer)
        assert offer.make_backup
        for name, (kind, content) in files.items():
            await agent.send(upload(offer.job_id, kind, name, content))
            assert (await agent.expect(BackupAck)).accepted
        await agent.run(offer, output="script output")
        submit(emulator, account, description="a later job")
        async with emulator.async_client(account.api_key) as client:
            router = f"/api/routers/{account.router_id}"
            detail = ok(await client.get(f"{router}/jobs/{offer.job_id}"))
            later_id = ok(await client.get(f"{router}/jobs"))[0]["id"]
            later = ok(await client.get(f"{router}/jobs/{later_id}"))
            downloads = {name: await client.get(f"{router}/backups/{name}") for name in files}
    finally:
        await agent.close()

    assert detail["status"] == "completed"
    assert detail["output"] == "script output"
    assert detail["make_backup"] is True
    listed_backups = {entry["name"]: entry for entry in detail["backup"]}
    assert set(listed_backups) == set(files)
    for name, (kind, content) in files.items():
        entry = listed_backups[name]
        assert entry["kind"] == kind
        assert entry["size"] == len(content)
        assert entry["sha256"] == hashlib.sha256(content).hexdigest()
        assert entry["job_id"] == offer.job_id
        assert TIMESTAMP.match(entry["created_at"])
        assert downloads[name].content == content
        assert downloads[name].headers["ETag"] == f'"{entry["sha256"]}"'
    assert later["backup"] == []


# -- when a job is offered: the router's poll, or at once when express ------------------------


async def nothing_offered(agent: ScriptedAgent) -> None:
    """A heartbeat round trip: its answer comes before any offer, and none is due."""
    await agent.send(Heartbeat())
    await agent.expect(Heartbeat)


@pytest.mark.anyio
async def test_a_job_waits_for_the_routers_poll_and_an_express_job_does_not(
    emulator: EmulatorThread,
) -> None:
    account = emulator.account()
    agent = ScriptedAgent(emulator.tunnel_url, account.tunnel_token)
    try:
        welcome = await agent.connect()
        waiting = submit(emulator, account, description="waits for the poll")
        await nothing_offered(agent)
        async with emulator.async_client(account.api_key) as client:
            jobs = ok(await client.get(f"/api/routers/{account.router_id}/jobs"))
        await agent.send(Poll())
        polled = await agent.expect(JobOffer)
        await agent.run(polled)

        express = submit(emulator, account, description="express", express_execute=True)
        at_once = await agent.expect(JobOffer)
        await agent.run(at_once)
    finally:
        await agent.close()

    assert welcome.poll_interval == 30.0
    assert [job["status"] for job in jobs] == ["pending"]
    assert polled.idempotency_key == waiting["idempotency_key"]
    assert at_once.idempotency_key == express["idempotency_key"]
