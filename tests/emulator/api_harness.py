"""The whole emulator on a real uvicorn, in a thread, and the accounts tests act as.

`EmulatorThread` runs `emulator.serve.serving` (the same app and server as ``tikjobs
emulator``) on 127.0.0.1 port 0 in a thread with its own event loop, so sync tests
(hypothesis included) use plain `httpx.Client` and async tests run a tunnel agent in
their own loop against it. `Account` is a customer set up through the ``/_emulator``
controls: its API key and its routers with their tunnel tokens.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from uuid import UUID

import httpx

from tikjobs.emulator.serve import serving
from tikjobs.emulator.settings import Settings

ADMIN_TOKEN = "test-admin-token-3b1f9c"
UNKNOWN_ID = "6f1c2b9e-8d4a-4f3e-9b7c-2a5d8e1f0c34"
"""An id no record has, for paths that name a missing customer, router or job; fixed, so
that every collection of the tests that put it in their parameters names them alike."""
WAIT = 10.0
"""Upper bound for starting and stopping; reached only when something is broken."""

SEED_JOB = {
    "description": "Log test message",
    "script": ":log info test",
    "make_backup": False,
    "express_execute": False,
    "needs_acknowledgement": False,
    "notify_url": "https://example.com/notify",
}
"""The seed's example request body."""


class EmulatorThread:
    """``tikjobs emulator`` in a background thread; a context manager."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.url = ""
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="emulator", daemon=True)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._failure: BaseException | None = None
        self._shared: httpx.Client | None = None

    @property
    def tunnel_url(self) -> str:
        return self.url.replace("http://", "ws://", 1) + "/tunnel"

    def __enter__(self) -> EmulatorThread:
        self._thread.start()
        if not self._ready.wait(WAIT) or not self.url:
            raise RuntimeError(f"the emulator did not start: {self._failure!r}")
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._shared is not None:
            self._shared.close()
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(WAIT)
        if self._thread.is_alive():
            raise RuntimeError("the emulator did not stop")

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as failure:  # reported by __enter__
            self._failure = failure
        finally:
            self._ready.set()

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        async with serving(self.settings) as url:
            self.url = url
            self._ready.set()
            await self._stop.wait()

    def admin(self) -> Client:
        """A client carrying the admin token."""
        return Client(self._http(), {"X-Emulator-Admin-Token": ADMIN_TOKEN})

    def client(self, api_key: str | None = None) -> Client:
        """A client of the public API, with ``api_key`` as its Bearer credential."""
        headers = {} if api_key is None else {"Authorization": f"Bearer {api_key}"}
        return Client(self._http(), headers)

    def _http(self) -> httpx.Client:
        # One connection pool per emulator: a new httpx.Client costs a TLS context.
        if self._shared is None:
            self._shared = httpx.Client(base_url=self.url, timeout=WAIT)
        return self._shared

    def async_client(self, api_key: str) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            base_url=self.url, headers={"Authorization": f"Bearer {api_key}"}, timeout=WAIT
        )

    def account(
        self,
        routers: int = 1,
        *,
        rate_limit: int | None = None,
        poll_interval: float | None = None,
    ) -> Account:
        """A new customer with one API key and ``routers`` registered routers."""
        with self.admin() as admin:
            customer = ok(admin.post("/_emulator/customers", json={"name": "acme"}))
            key = ok(
                admin.post(
                    f"/_emulator/customers/{customer['customer_id']}/keys",
                    json={"rate_limit": rate_limit},
                )
            )
            account = Account(
                customer_id=UUID(customer["customer_id"]),
                api_key=key["api_key"],
                webhook_secret=customer["webhook_secret"],
            )
            for _ in range(routers):
                body: dict[str, Any] = {"customer_id": customer["customer_id"]}
                if poll_interval is not None:
                    body["poll_interval"] = poll_interval
                router = ok(admin.post("/_emulator/routers", json=body))
                account.routers[UUID(router["router_id"])] = router["tunnel_token"]
        return account


class Client:
    """Requests through the emulator's shared connection pool with fixed headers."""

    def __init__(self, http: httpx.Client, headers: dict[str, str]) -> None:
        self._http = http
        self.headers = headers

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None

    def request(self, method: str, url: str, **options: Any) -> httpx.Response:
        headers = {**self.headers, **options.pop("headers", {})}
        return self._http.request(method, url, headers=headers, **options)

    def get(self, url: str, **options: Any) -> httpx.Response:
        return self.request("GET", url, **options)

    def post(self, url: str, **options: Any) -> httpx.Response:
        return self.request("POST", url, **options)

    def put(self, url: str, **options: Any) -> httpx.Response:
        return self.request("PUT", url, **options)

    def delete(self, url: str, **options: Any) -> httpx.Response:
        return self.request("DELETE", url, **options)


@dataclass
class Account:
    """A customer set up through the controls."""

    customer_id: UUID
    api_key: str
    webhook_secret: str
    routers: dict[UUID, str] = field(default_factory=dict)
    """Router id -> tunnel token."""

    @property
    def router_id(self) -> UUID:
        """The first router."""
        return next(iter(self.routers))

    @property
    def tunnel_token(self) -> str:
        """The first router's tunnel token."""
        return self.routers[self.router_id]


def ok(response: httpx.Response) -> Any:
    """The ``data`` of a success envelope; fails the test on anything else."""
    assert response.status_code == 200, (response.status_code, response.text)
    body = response.json()
    assert body["status"] == "success", body
    return body["data"]


def refused(response: httpx.Response, status_code: int) -> dict[str, Any]:
    """An error answer with ``status_code``, checked to be an ErrorBody."""
    assert response.status_code == status_code, (response.status_code, response.text)
    body: dict[str, Any] = response.json()
    assert body["status"] == "error", body
    assert isinstance(body["message"], str)
    assert body["message"]
    assert isinstance(body.get("errors", {}), dict)
    return body


def settings_for(tmp_path: Any, **overrides: Any) -> Settings:
    """Settings for a test emulator: a fresh database, the test admin token."""
    options: dict[str, Any] = {
        "host": "127.0.0.1",
        "port": 0,
        "db_path": tmp_path / "tikjobs.db",
        "admin_token": ADMIN_TOKEN,
        "sync_timeout": 2.0,
    }
    options.update(overrides)
    return Settings(**options)
