"""A lean HTTP/1.1 client for the benchmarks: one keep-alive connection on raw asyncio streams.

How this works
--------------
`LeanHttp` opens one TCP connection and sends each request as bytes built with a few
string joins (method, path, Host, Content-Length, the caller's headers, the body); it
reads the answer's status line and headers up to the blank line, then exactly
``Content-Length`` bytes. That is all the emulator's answers need (uvicorn sends
``Content-Length`` on every JSON answer). There is no pooling, no redirects, no
decompression: per request it costs a small fraction of what httpx does, so a benchmark
that uses it measures the server, not its own client. A connection the server closed
is opened again once and the request sent again, which only read-only or idempotent
requests may do (the callers' requests are: reads, synchronous prints and submissions
with an Idempotency-Key).
"""

from __future__ import annotations

import asyncio
import json
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlsplit


class LeanHttp:
    """One keep-alive HTTP/1.1 connection to ``base_url``; one request at a time."""

    def __init__(self, base_url: str, headers: dict[str, str] | None = None) -> None:
        parts = urlsplit(base_url)
        self.base_url = base_url
        self._host = parts.hostname or "127.0.0.1"
        self._port = parts.port or 80
        self._fixed = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self.reconnects = 0

    async def __aenter__(self) -> Self:
        await self._open()
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def port(self) -> int:
        """The server's port."""
        return self._port

    @property
    def local_port(self) -> int:
        """The port of this end of the connection; `ConnectionError` when it is not open."""
        if self._writer is None:
            raise ConnectionError(f"no connection to {self.base_url} is open")
        port: int = self._writer.get_extra_info("sockname")[1]
        return port

    async def _open(self) -> None:
        self._reader, self._writer = await asyncio.open_connection(self._host, self._port)

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            try:
                await self._writer.wait_closed()
            except ConnectionError:
                pass
            self._writer = self._reader = None

    async def request(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        """The answer's status and body."""
        extra = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: {self._host}\r\n{self._fixed}{extra}"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        message = head.encode() + body
        for attempt in (1, 2):
            if self._writer is None:
                await self._open()
            try:
                return await self._exchange(message)
            except (ConnectionError, asyncio.IncompleteReadError):
                await self.close()
                if attempt == 2:
                    raise
                self.reconnects += 1
        raise AssertionError("unreachable")

    async def _exchange(self, message: bytes) -> tuple[int, bytes]:
        assert self._reader is not None
        assert self._writer is not None
        self._writer.write(message)
        head = await self._reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        length = 0
        closing = False
        for line in lines[1:]:
            name, _, value = line.partition(":")
            lowered = name.strip().lower()
            if lowered == "content-length":
                length = int(value)
            elif lowered == "connection" and value.strip().lower() == "close":
                closing = True
        body = await self._reader.readexactly(length) if length else b""
        if closing:
            await self.close()
        return status, body

    async def post_json(
        self, path: str, payload: Any, headers: dict[str, str] | None = None
    ) -> Any:
        """POST ``payload`` as JSON; the answer's ``data``, or `RuntimeError` unless 200."""
        status, body = await self.request("POST", path, json.dumps(payload).encode(), headers)
        if status != 200:
            raise RuntimeError(f"POST {path} answered {status}: {body[:300]!r}")
        return json.loads(body)["data"]

    async def get_json(self, path: str) -> Any:
        """GET ``path``; the answer's ``data``, or `RuntimeError` unless 200."""
        status, body = await self.request("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}: {body[:300]!r}")
        return json.loads(body)["data"]
