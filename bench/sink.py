"""The benchmark's notification receiver: HTTPS on 127.0.0.1, noting when each job ended.

How this works
--------------
A job's ``notify_url`` must be ``https://`` (`contracts.api.AsynchronousRequest`), and
the emulator reaches a loopback receiver only when told to: it is started with
``--notify-allow-host 127.0.0.1`` and ``--notify-ca-bundle`` naming the throwaway
certificate `tikjobs.sink.SinkCertificate` writes. `NotificationSink` listens in the
benchmark's own event loop, parses HTTP/1.1 with h11 (keeping connections alive, as the
emulator's pooled client expects), answers 200, and stamps each notification with
``time.perf_counter()`` on arrival. `NotificationSink.ended` is a future for a job's
terminal notification, looked up by the idempotency key the submission answered; it
may be asked for before or after the notification arrives.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import ssl
import time
from dataclasses import dataclass
from types import TracebackType
from typing import Self

import h11

from tikjobs.sink import SinkCertificate

TERMINAL = frozenset({"completed", "failed", "deleted"})


@dataclass(frozen=True)
class Ending:
    """A job's terminal notification: its status and when it arrived (perf_counter)."""

    status: str
    arrived: float
    payload: dict[str, object]


class NotificationSink:
    """An HTTPS receiver on 127.0.0.1 that notes when each job's end was notified."""

    def __init__(self, certificate: SinkCertificate) -> None:
        self._context = certificate.server_context()
        self._server: asyncio.Server | None = None
        self._connections: dict[asyncio.Task[None], asyncio.StreamWriter] = {}
        self._endings: dict[str, asyncio.Future[Ending]] = {}
        self.received = 0

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the sink is not started")
        port = self._server.sockets[0].getsockname()[1]
        return f"https://127.0.0.1:{port}/notify"

    def ended(self, idempotency_key: str) -> asyncio.Future[Ending]:
        """The job's terminal notification, now or once it arrives."""
        future = self._endings.get(idempotency_key)
        if future is None:
            future = self._endings[idempotency_key] = asyncio.get_running_loop().create_future()
        return future

    async def __aenter__(self) -> Self:
        self._server = await asyncio.start_server(
            self._accept, "127.0.0.1", 0, ssl=self._context, ssl_shutdown_timeout=0.2
        )
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._server is not None:
            self._server.close()
        for writer in list(self._connections.values()):
            writer.transport.abort()
        await asyncio.gather(*self._connections, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()

    def _note(self, body: bytes) -> None:
        arrived = time.perf_counter()
        self.received += 1
        payload = json.loads(body)
        status, key = payload.get("status"), payload.get("idempotency_key")
        if status in TERMINAL and isinstance(key, str):
            future = self.ended(key)
            if not future.done():
                future.set_result(Ending(status, arrived, payload))

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._connections[task] = writer
        try:
            await self._serve(reader, writer)
        except (ConnectionError, ssl.SSLError, h11.ProtocolError, ValueError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()
            if task is not None:
                self._connections.pop(task, None)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connection = h11.Connection(h11.SERVER)
        while True:
            body = bytearray()
            while True:
                event = connection.next_event()
                if event is h11.NEED_DATA:
                    connection.receive_data(await reader.read(65536))
                elif isinstance(event, h11.Data):
                    body += event.data
                elif isinstance(event, h11.EndOfMessage):
                    break
                elif isinstance(event, h11.ConnectionClosed):
                    return
            self._note(bytes(body))
            answer = h11.Response(status_code=200, headers=[("content-length", "2")])
            for message in (answer, h11.Data(data=b"ok"), h11.EndOfMessage()):
                writer.write(connection.send(message) or b"")
            await writer.drain()
            if connection.our_state is not h11.DONE or connection.their_state is not h11.DONE:
                return
            connection.start_next_cycle()
