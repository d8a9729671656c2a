"""The suite's HTTP side: the public API as a client sees it, and the notification sink.

`Api` sends the seed's requests with one API key (or another, for tenancy checks) and
answers `Answer`s: the status, the parsed JSON (``None`` when the body is not JSON) and
the text. A ``429`` is waited out (its ``Retry-After``, within the run's wait) and sent
again, so a rate-limited real account slows the suite down instead of failing it.
`Inbox` reads what a notification sink received. Every transport error becomes a
`contracts.suite.exceptions.SuiteError`.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import httpx

from tikjobs.contracts.suite.exceptions import ServerUnreachable, SinkUnreadable
from tikjobs.contracts.suite.target import Target

USER_AGENT: Final = "tikjobs-contract"
REQUEST_TIMEOUT: Final = 30.0
RETRY_AFTER_MAX: Final = 60.0
JOB_PAGES_MAX: Final = 10


@dataclass(frozen=True)
class Answer:
    """One HTTP answer: status, parsed JSON body (or ``None``), text and headers."""

    method: str
    path: str
    status: int
    document: Any
    text: str
    headers: Mapping[str, str]

    @property
    def request(self) -> str:
        return f"{self.method} {self.path}"

    def brief(self, limit: int = 300) -> str:
        """The status and the start of the body, for a violation message."""
        text = self.text if len(self.text) <= limit else self.text[:limit] + "..."
        return f"HTTP {self.status} {text}"


def _parsed(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _retry_after(response: httpx.Response) -> float:
    try:
        return min(max(float(response.headers.get("retry-after", "1")), 0.1), RETRY_AFTER_MAX)
    except ValueError:
        return 1.0


class Api:
    """The public API of ``target`` as one customer uses it."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.router_id = target.router_id
        self._http = httpx.Client(
            base_url=target.base_url.rstrip("/"),
            timeout=REQUEST_TIMEOUT,
            headers={"User-Agent": USER_AGENT},
        )

    def close(self) -> None:
        self._http.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        anonymous: bool = False,
        headers: Mapping[str, str] | None = None,
        **options: Any,
    ) -> Answer:
        """Send a request with the target's key (``token`` instead, none if ``anonymous``)."""
        sent = dict(headers or {})
        if not anonymous:
            sent["Authorization"] = f"Bearer {token or self.target.token}"
        deadline = time.monotonic() + self.target.wait
        while True:
            try:
                response = self._http.request(method, path, headers=sent, **options)
            except httpx.HTTPError as error:
                raise ServerUnreachable(f"{method} {path}: {error!r}") from None
            if response.status_code != 429 or time.monotonic() > deadline:
                return Answer(
                    method,
                    path,
                    response.status_code,
                    _parsed(response),
                    response.text,
                    dict(response.headers),
                )
            time.sleep(_retry_after(response))

    # -- the seed's requests ------------------------------------------------------------

    def submit(
        self,
        body: Mapping[str, Any] | bytes,
        *,
        key: str | None = None,
        token: str | None = None,
        router_id: str | None = None,
    ) -> Answer:
        """``POST /api/asynchronous/{router_id}`` with a JSON body (or raw bytes)."""
        headers = {"Content-Type": "application/json"}
        if key is not None:
            headers["Idempotency-Key"] = key
        path = f"/api/asynchronous/{router_id or self.router_id}"
        if isinstance(body, bytes):
            return self.request("POST", path, token=token, headers=headers, content=body)
        return self.request("POST", path, token=token, headers=headers, json=dict(body))

    def sync(
        self,
        command: str,
        parameters: str | None = None,
        *,
        token: str | None = None,
        router_id: str | None = None,
    ) -> Answer:
        """``POST /api/synchronous/{router_id}``."""
        body: dict[str, str] = {"command": command}
        if parameters is not None:
            body["parameters"] = parameters
        path = f"/api/synchronous/{router_id or self.router_id}"
        return self.request("POST", path, token=token, json=body)

    def jobs(self, *, token: str | None = None, url: str | None = None) -> Answer:
        """``GET /api/routers/{router_id}/jobs`` (or the page ``url`` points at)."""
        return self.request("GET", url or f"/api/routers/{self.router_id}/jobs", token=token)

    def delete(self, job_id: str, *, token: str | None = None) -> Answer:
        """``DELETE /api/routers/{router_id}/jobs/{job_id}``."""
        return self.request("DELETE", f"/api/routers/{self.router_id}/jobs/{job_id}", token=token)

    def routers(self, *, token: str | None = None) -> Answer:
        """``GET /api/routers``."""
        return self.request("GET", "/api/routers", token=token)

    def poll(self) -> bool:
        """Make the router check in now (the emulator's control); False without an admin
        token or when the server has no such control."""
        if self.target.admin_token is None:
            return False
        try:
            response = self._http.post(
                f"/_emulator/routers/{self.router_id}/poll",
                headers={"Authorization": f"Bearer {self.target.admin_token}"},
            )
        except httpx.HTTPError as error:
            raise ServerUnreachable(f"POST /_emulator/routers/.../poll: {error!r}") from None
        return response.status_code == 200

    def job_pages(self) -> list[Answer]:
        """The job list's pages, newest first, following ``Link: rel="next"``."""
        pages = [self.jobs()]
        while len(pages) < JOB_PAGES_MAX:
            following = _next_link(pages[-1].headers.get("link", ""))
            if following is None or pages[-1].status != 200:
                break
            pages.append(self.jobs(url=following))
        return pages


def _next_link(header: str) -> str | None:
    for part in header.split(","):
        if 'rel="next"' in part and "<" in part and ">" in part:
            return part[part.index("<") + 1 : part.index(">")]
    return None


class Inbox:
    """What a notification sink received, read from its URL (see `Target.notify_sink`)."""

    def __init__(self, url: str, ca_file: Path | None = None) -> None:
        self.url = url
        self._http = httpx.Client(
            timeout=REQUEST_TIMEOUT,
            verify=ssl.create_default_context(cafile=ca_file) if ca_file is not None else True,
            headers={"User-Agent": USER_AGENT},
        )

    def close(self) -> None:
        self._http.close()

    def received(self, job_id: str) -> list[dict[str, Any]]:
        """The notification bodies received for ``job_id``, in arrival order."""
        try:
            response = self._http.get(self.url, params={"job_id": job_id})
        except httpx.HTTPError as error:
            raise SinkUnreadable(f"GET {self.url}: {error!r}") from None
        listing = _parsed(response)
        if response.status_code != 200 or not isinstance(listing, list):
            raise SinkUnreadable(
                f"GET {self.url} should answer a JSON list; got HTTP {response.status_code}"
            )
        bodies = [
            item["payload"] if isinstance(item, dict) and "payload" in item else item
            for item in listing
        ]
        return [body for body in bodies if isinstance(body, dict) and body.get("job_id") == job_id]
