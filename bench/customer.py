"""The benchmark's side of the public API: a customer that calls, submits and retries safely.

How this works
--------------
`Customer` wraps one httpx client. A synchronous ``print`` is read-only, and every job
is submitted with its own ``Idempotency-Key`` (a UUID, which the emulator keeps as the
job's idempotency key), so both may be sent again when the connection fails before an
answer (`httpx.TransportError`) or while the first attempt is still in flight (409):
the emulator answers a repeated submission with the first answer and creates nothing.
`Customer.retries` counts those second attempts, so a benchmark can say how many of its
samples include one. Any other answer but 200 is an error: the benchmark measures work
that succeeded, never failures.
"""

from __future__ import annotations

import asyncio
import uuid
from types import TracebackType
from typing import Any, Self

import httpx

ATTEMPTS = 3
RETRY_PAUSE = 0.05
KEEPALIVE_EXPIRY = 2.0
"""Seconds an idle connection is kept: below uvicorn's 5 s, so the server never closes
one as the client reuses it."""


class Customer:
    """The public API as one customer's client sees it."""

    def __init__(self, base_url: str, api_key: str, *, connections: int = 10) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Bearer {api_key}"},
            timeout=30.0,
            limits=httpx.Limits(
                max_connections=connections,
                max_keepalive_connections=connections,
                keepalive_expiry=KEEPALIVE_EXPIRY,
            ),
        )
        self.retries = 0

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self._http.aclose()

    async def _post(self, path: str, body: dict[str, Any], **headers: str) -> Any:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                response = await self._http.post(path, json=body, headers=headers)
            except httpx.TransportError:
                if attempt == ATTEMPTS:
                    raise
            else:
                if response.status_code == 200:
                    return response.json()["data"]
                if response.status_code != 409 or attempt == ATTEMPTS:
                    raise RuntimeError(
                        f"POST {path} answered {response.status_code}: {response.text}"
                    )
            self.retries += 1
            await asyncio.sleep(RETRY_PAUSE)
        raise AssertionError("unreachable")

    async def call(self, router_id: str, command: str) -> list[dict[str, str]]:
        """A synchronous command's rows; an answer without rows is an error."""
        rows: list[dict[str, str]] = await self._post(
            f"/api/synchronous/{router_id}", {"command": command}
        )
        if not rows:
            raise RuntimeError(f"{command} answered no rows")
        return rows

    async def submit(self, router_id: str, script: str, notify_url: str | None) -> str:
        """An express job; answers its idempotency key."""
        key = str(uuid.uuid4())
        body: dict[str, Any] = {
            "description": "tikjobs bench",
            "script": script,
            "make_backup": False,
            "express_execute": True,
            "needs_acknowledgement": True,
        }
        if notify_url is not None:
            body["notify_url"] = notify_url
        data = await self._post(f"/api/asynchronous/{router_id}", body, **{"Idempotency-Key": key})
        if data["idempotency_key"] != key:
            raise RuntimeError(f"the job was given key {data['idempotency_key']}, not {key}")
        return key

    async def routers(self) -> list[dict[str, Any]]:
        """The customer's routers as ``GET /api/routers`` lists them."""
        response = await self._http.get("/api/routers")
        response.raise_for_status()
        routers: list[dict[str, Any]] = response.json()["data"]
        return routers

    async def newest_jobs(self, router_id: str, count: int) -> list[dict[str, Any]]:
        """The router's ``count`` most recently submitted jobs, as the job list shows them."""
        response = await self._http.get(f"/api/routers/{router_id}/jobs", params={"limit": count})
        response.raise_for_status()
        jobs: list[dict[str, Any]] = response.json()["data"]
        return jobs
