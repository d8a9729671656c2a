"""A TCP proxy for the agent's tests, standing between the agent and the cloud: it can
terminate TLS (a cloud behind HTTPS), stop forwarding without closing anything (a NAT box
that dropped its state, a dead uplink), or hold every chunk for a while (a slow link).

Both directions are pumped by their own tasks; a held chunk keeps its order. `stall`
silences the connections open now (new ones flow), ``delay`` holds every chunk from then
on.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass


@dataclass
class _Link:
    stalled: bool = False


class TcpProxy:
    """Forwards 127.0.0.1:<port> to ``target``; `start`, then `close`."""

    def __init__(
        self, target_host: str, target_port: int, *, tls: ssl.SSLContext | None = None
    ) -> None:
        self.target = (target_host, target_port)
        self.tls = tls
        self.delay = 0.0
        self.from_clients = bytearray()
        """Every byte a client sent through the proxy (after TLS, when it terminates it)."""
        self.connections = 0
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._writers: list[asyncio.StreamWriter] = []
        self._open: list[_Link] = []

    @property
    def port(self) -> int:
        assert self._server is not None
        port: int = self._server.sockets[0].getsockname()[1]
        return port

    async def start(self) -> TcpProxy:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0, ssl=self.tls)
        return self

    def stall(self) -> None:
        """The connections open now stop carrying bytes, without closing."""
        for link in self._open:
            link.stalled = True

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
        for writer in self._writers:
            writer.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _serve(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            server_r, server_w = await asyncio.open_connection(*self.target)
        except OSError:
            client_w.close()
            return
        self._writers += [client_w, server_w]
        link = _Link()
        self._open.append(link)
        for source, sink, upstream in (
            (client_r, server_w, True),
            (server_r, client_w, False),
        ):
            pump = self._pump(source, sink, upstream, link)
            task = asyncio.get_running_loop().create_task(pump)
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _pump(
        self, source: asyncio.StreamReader, sink: asyncio.StreamWriter, upstream: bool, link: _Link
    ) -> None:
        held: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()
        sender = asyncio.get_running_loop().create_task(self._send_held(held, sink, link))
        try:
            while data := await source.read(65536):
                if link.stalled:
                    continue
                if upstream:
                    self.from_clients.extend(data)
                held.put_nowait((time.monotonic() + self.delay, data))
            if not link.stalled:
                await held.join()
                with contextlib.suppress(OSError):
                    if sink.can_write_eof():
                        sink.write_eof()
                    else:
                        sink.close()
        except (OSError, asyncio.IncompleteReadError):
            pass
        finally:
            sender.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sender

    async def _send_held(
        self, held: asyncio.Queue[tuple[float, bytes]], sink: asyncio.StreamWriter, link: _Link
    ) -> None:
        while True:
            due, data = await held.get()
            await asyncio.sleep(max(due - time.monotonic(), 0))
            if not link.stalled:
                try:
                    sink.write(data)
                    await sink.drain()
                except OSError:
                    pass
            held.task_done()


@contextlib.asynccontextmanager
async def proxy_to(
    host: str, port: int, *, tls: ssl.SSLContext | None = None
) -> AsyncIterator[TcpProxy]:
    proxy = await TcpProxy(host, port, tls=tls).start()
    try:
        yield proxy
    finally:
        await proxy.close()
