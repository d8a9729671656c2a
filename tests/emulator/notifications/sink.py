"""A real notification receiver for tests: HTTP(S) on 127.0.0.1, port 0, scripted answers.

`NotificationSink` listens with asyncio and parses HTTP/1.1 with h11. It records every
request it receives (method, target, headers, body) and answers each one with the next
scripted answer (200 once the script runs out): a status code, or `HANG` to leave the
request unanswered until the client gives up; scripts may be kept per path.
Its TLS certificate is the product's `tikjobs.sink.SinkCertificate`.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

import h11

HANG: Final = -1
"""An answer that never comes: the sink keeps the request open until the client leaves."""


@dataclass(frozen=True)
class Received:
    """One request as the sink saw it."""

    method: str
    target: str
    headers: dict[str, str]
    body: bytes


class NotificationSink:
    """An HTTP(S) server on 127.0.0.1 that records requests and answers from a script."""

    def __init__(self, ssl_context: ssl.SSLContext | None = None) -> None:
        self._ssl = ssl_context
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.Task[None]] = set()
        self._scripts: dict[str | None, deque[int]] = {}
        self._arrived = asyncio.Condition()
        self.received: list[Received] = []

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the sink is not started")
        return int(self._server.sockets[0].getsockname()[1])

    def url(self, host: str = "127.0.0.1", path: str = "/notify") -> str:
        scheme = "https" if self._ssl is not None else "http"
        return f"{scheme}://{host}:{self.port}{path}"

    def answer(self, answers: Iterable[int], path: str | None = None) -> None:
        """Queue answers (status codes or `HANG`) for the next requests to ``path``
        (to any path without a script of its own when ``path`` is ``None``)."""
        self._scripts.setdefault(path, deque()).extend(answers)

    def _next_answer(self, target: str) -> int:
        path = target.split("?", 1)[0]
        script = self._scripts.get(path) or self._scripts.get(None)
        return script.popleft() if script else 200

    async def wait_for(self, count: int, timeout: float = 10.0) -> list[Received]:  # noqa: ASYNC109
        """The received requests once there are at least ``count``; fails after ``timeout``."""
        async with asyncio.timeout(timeout), self._arrived:
            await self._arrived.wait_for(lambda: len(self.received) >= count)
        return list(self.received)

    async def __aenter__(self) -> NotificationSink:
        # A client that keeps an idle pooled connection never answers the TLS close, so
        # closing waits only briefly for it instead of asyncio's default 30 s.
        self._server = await asyncio.start_server(
            self._accept,
            "127.0.0.1",
            0,
            ssl=self._ssl,
            ssl_shutdown_timeout=0.2 if self._ssl is not None else None,
        )
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._connections):
            task.cancel()
        await asyncio.gather(*self._connections, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._connections.add(task)
        try:
            await self._serve(reader, writer)
        except (ConnectionError, ssl.SSLError, h11.ProtocolError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()
            if task is not None:
                self._connections.discard(task)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connection = h11.Connection(h11.SERVER)
        while True:
            request: h11.Request | None = None
            body = bytearray()
            while True:
                event = connection.next_event()
                if event is h11.NEED_DATA:
                    data = await reader.read(65536)
                    connection.receive_data(data)
                    if not data and request is None:
                        return
                    continue
                if isinstance(event, h11.Request):
                    request = event
                elif isinstance(event, h11.Data):
                    body += event.data
                elif isinstance(event, h11.EndOfMessage):
                    break
                elif isinstance(event, h11.ConnectionClosed):
                    return
            if request is None:
                return
            await self._record(request, bytes(body))
            status = self._next_answer(request.target.decode())
            if status == HANG:
                while await reader.read(65536):
                    pass
                return
            writer.write(
                connection.send(h11.Response(status_code=status, headers=[("content-length", "2")]))
                or b""
            )
            writer.write(connection.send(h11.Data(data=b"ok")) or b"")
            writer.write(connection.send(h11.EndOfMessage()) or b"")
            await writer.drain()
            if connection.our_state is not h11.DONE or connection.their_state is not h11.DONE:
                return
            connection.start_next_cycle()

    async def _record(self, request: h11.Request, body: bytes) -> None:
        headers = {name.decode().lower(): value.decode() for name, value in request.headers}
        received = Received(request.method.decode(), request.target.decode(), headers, body)
        async with self._arrived:
            self.received.append(received)
            self._arrived.notify_all()
