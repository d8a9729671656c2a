"""The benchmark's side of the public API: a customer that calls, submits and retries safely.

How this works
--------------
`Customer` holds up to ``connections`` keep-alive connections of the lean client
(`bench.lean.LeanHttp`), opened as needed, so the benchmark's own CPU per request stays
far below the server's. A synchronous ``print`` is read-only, and every job is submitted
with its own ``Idempotency-Key`` (a UUID, which the emulator keeps as the job's
idempotency key), so both may be sent again when the connection fails before an answer
or while the first attempt is still in flight (409): the emulator answers a repeated
submission with the first answer and creates nothing. `Customer.retries` counts those
second attempts, so a benchmark can say how many of its samples include one. Any other
answer but 200 is an error: the benchmark measures work that succeeded, never failures.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from types import TracebackType
from typing import Any, Self

from bench.lean import LeanHttp

ATTEMPTS = 3
RETRY_PAUSE = 0.05


class Customer:
    """The public API as one customer's client sees it."""

    def __init__(self, base_url: str, api_key: str, *, connections: int = 10) -> None:
        self._base_url = base_url
        self._headers = {"Authorization": f"Bearer {api_key}"}
        self._idle: list[LeanHttp] = []
        self._slots = asyncio.Semaphore(connections)
        self.retries = 0

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for connection in self._idle:
            await connection.close()
        self._idle.clear()

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[LeanHttp]:
        async with self._slots:
            connection = self._idle.pop() if self._idle else LeanHttp(self._base_url, self._headers)
            try:
                yield connection
            finally:
                self._idle.append(connection)

    async def _post(self, path: str, body: dict[str, Any], **headers: str) -> Any:
        encoded = json.dumps(body).encode()
        for attempt in range(1, ATTEMPTS + 1):
            try:
                async with self._connection() as http:
                    status, answer = await http.request("POST", path, encoded, headers)
            except (ConnectionError, asyncio.IncompleteReadError):
                if attempt == ATTEMPTS:
                    raise
            else:
                if status == 200:
                    return json.loads(answer)["data"]
                if status != 409 or attempt == ATTEMPTS:
                    raise RuntimeError(f"POST {path} answered {status}: {answer[:300]!r}")
            self.retries += 1
            await asyncio.sleep(RETRY_PAUSE)
        raise AssertionError("unreachable")

    async def _get(self, path: str) -> Any:
        async with self._connection() as http:
            return await http.get_json(path)

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
        routers: list[dict[str, Any]] = await self._get("/api/routers")
        return routers

    async def newest_jobs(self, router_id: str, count: int) -> list[dict[str, Any]]:
        """The router's ``count`` most recently submitted jobs, as the job list shows them."""
        jobs: list[dict[str, Any]] = await self._get(f"/api/routers/{router_id}/jobs?limit={count}")
        return jobs
