"""A client of the whole system for end-to-end tests: public API, controls and sink over HTTP.

`SystemClient` is built from the description ``tikjobs up --print-json`` prints (or
`tikjobs.system.System.describe`), so the same tests drive a system in this process or in
another one. Every wait polls with a bounded deadline.
"""

from __future__ import annotations

import ssl
from types import TracebackType
from typing import Any

import httpx

from tests.support.waiting import eventually
from tikjobs.contracts.api import JobStatus
from tikjobs.contracts.lifecycle import TERMINAL, is_path

WAIT = 20.0
"""Upper bound for anything a test waits for; reached only when the behaviour is broken."""
ENDED = frozenset({"completed", "failed", "deleted"})


class SystemClient:
    """The public API as the system's customer, its controls as the operator, and its sink."""

    def __init__(self, description: dict[str, Any]) -> None:
        self.description = description
        self.router_ids: list[str] = [router["router_id"] for router in description["routers"]]
        self.sink_url: str = description["notify_sink_url"]
        self.http = httpx.AsyncClient(
            base_url=description["base_url"],
            headers={"Authorization": f"Bearer {description['api_key']}"},
            timeout=WAIT,
        )
        self.sink = httpx.AsyncClient(
            verify=ssl.create_default_context(cafile=description["notify_sink_ca"]), timeout=WAIT
        )

    async def __aenter__(self) -> SystemClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.http.aclose()
        await self.sink.aclose()

    # -- the synchronous API ------------------------------------------------------------

    async def call(
        self, router_id: str, command: str, parameters: str | list[str] | None = None
    ) -> httpx.Response:
        body: dict[str, Any] = {"command": command}
        if parameters is not None:
            body["parameters"] = parameters
        return await self.http.post(f"/api/synchronous/{router_id}", json=body)

    async def rows(
        self, router_id: str, command: str, parameters: str | list[str] | None = None
    ) -> list[dict[str, str]]:
        response = await self.call(router_id, command, parameters)
        assert response.status_code == 200, response.text
        rows: list[dict[str, str]] = response.json()["data"]
        return rows

    # -- jobs ---------------------------------------------------------------------------

    async def submit(
        self,
        router_id: str,
        script: str,
        *,
        express: bool = True,
        needs_ack: bool = True,
        make_backup: bool = False,
        notify: bool = True,
        description: str = "end-to-end test",
    ) -> dict[str, Any]:
        """Submit a job; answers the seed's submit result."""
        body: dict[str, Any] = {
            "description": description,
            "script": script,
            "make_backup": make_backup,
            "express_execute": express,
            "needs_acknowledgement": needs_ack,
        }
        if notify:
            body["notify_url"] = self.sink_url
        response = await self.http.post(f"/api/asynchronous/{router_id}", json=body)
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()["data"]
        return result

    async def job(self, router_id: str, key: str) -> dict[str, Any]:
        """The detail of the router's job with idempotency key ``key``."""
        listing = await self.http.get(f"/api/routers/{router_id}/jobs")
        assert listing.status_code == 200, listing.text
        matching = [job for job in listing.json()["data"] if job["idempotency_key"] == key]
        assert matching, f"no job with key {key}"
        detail = await self.http.get(f"/api/routers/{router_id}/jobs/{matching[0]['id']}")
        assert detail.status_code == 200, detail.text
        job: dict[str, Any] = detail.json()["data"]
        return job

    async def wait_for_status(
        self, router_id: str, key: str, statuses: frozenset[str] = ENDED
    ) -> dict[str, Any]:
        """The job once its status is one of ``statuses`` (by default: it ended)."""
        seen: dict[str, Any] = {}

        async def reached() -> bool:
            seen.update(await self.job(router_id, key))
            return seen["status"] in statuses

        await eventually(reached, f"job {key} became one of {sorted(statuses)}", WAIT)
        return seen

    # -- the controls -------------------------------------------------------------------

    async def poll(self, router_id: str) -> bool:
        """Make the router check in now; answers whether its agent was there."""
        response = await self.http.post(
            f"/_emulator/routers/{router_id}/poll",
            headers={"Authorization": f"Bearer {self.description['admin_token']}"},
        )
        assert response.status_code == 200, response.text
        return bool(response.json()["data"]["online"])

    # -- the sink -----------------------------------------------------------------------

    async def notifications(self, job_id: str | None = None) -> list[dict[str, Any]]:
        """What the sink received (for one job), oldest first, read over HTTPS."""
        params = {"job_id": job_id} if job_id is not None else {}
        response = await self.sink.get(self.sink_url, params=params)
        assert response.status_code == 200, response.text
        received: list[dict[str, Any]] = response.json()
        return received

    async def notified_until(self, job_id: str, status: str) -> list[dict[str, Any]]:
        """The job's notifications once one reports ``status``."""
        received: list[dict[str, Any]] = []

        async def arrived() -> bool:
            received[:] = await self.notifications(job_id)
            return any(item["payload"]["status"] == status for item in received)

        await eventually(arrived, f"a {status} notification for job {job_id}", WAIT)
        return received


def statuses_of(notifications: list[dict[str, Any]]) -> list[str]:
    return [item["payload"]["status"] for item in notifications]


def assert_reported_once(notifications: list[dict[str, Any]], final: str) -> None:
    """The notifications walk the job lifecycle to ``final``, each once, signed, in order."""
    statuses = statuses_of(notifications)
    assert is_path(JobStatus(status) for status in statuses), statuses
    assert statuses[-1] == final, statuses
    assert sum(JobStatus(status) in TERMINAL for status in statuses) == 1, statuses
    assert all(item["signature_valid"] for item in notifications), notifications
    seq_ids = [item["payload"]["seq_id"] for item in notifications]
    assert seq_ids == sorted(set(seq_ids)), seq_ids
