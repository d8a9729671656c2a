"""The least two extra hops can cost: a TCP relay that forwards bytes and does nothing else.

How this works
--------------
``python -m bench.relay HOST PORT`` listens on 127.0.0.1, on a port of the system's
choosing, on uvloop's event loop where it is installed, and prints ``relay listening on
127.0.0.1:N`` once it accepts. Each connection it accepts gets a connection of its own
to HOST:PORT; whatever either end sends leaves by the other at once, unread and
unchanged. What the near end sends before the far end has answered the connect, its end
of input included, is kept and passed on first. When either end closes or fails, the
other is closed once what it still has to send has gone. When one end cannot take more
(its write buffer is full), the other is not read until it can.

`bench.system` chains two of them in front of the simulator, the same number of hops a
synchronous call takes through the emulator and the agent, so that librouteros through
them shows what two processes in the path cost on this machine when they do no work.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from typing import cast

from tikjobs.loops import fast_loop_factory

LISTENING = "relay listening on 127.0.0.1:{port}"


class _End(asyncio.Protocol):
    """One end of a relayed connection: what it receives leaves by `other`."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.other: _End | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass

    @property
    def _peer(self) -> asyncio.Transport | None:
        """The other end's transport, once it exists and is connected."""
        return None if self.other is None else self.other.transport

    def data_received(self, data: bytes) -> None:
        if (peer := self._peer) is not None:
            peer.write(data)

    def eof_received(self) -> bool | None:
        self._close_other()
        return None

    def connection_lost(self, error: Exception | None) -> None:
        self._close_other()

    def pause_writing(self) -> None:
        if (peer := self._peer) is not None:
            peer.pause_reading()

    def resume_writing(self) -> None:
        if (peer := self._peer) is not None:
            peer.resume_reading()

    def _close_other(self) -> None:
        if (peer := self._peer) is not None:
            peer.close()


class _Near(_End):
    """The accepted end: what it receives before its far end is connected waits here."""

    def __init__(self, host: str, port: int, pending: set[asyncio.Task[None]]) -> None:
        super().__init__()
        self._target = (host, port)
        self._pending = pending
        self._early: list[bytes] = []
        self._ended_early = False

    def data_received(self, data: bytes) -> None:
        if self.other is None:
            self._early.append(data)
        else:
            super().data_received(data)

    def eof_received(self) -> bool | None:
        if self.other is None:
            self._ended_early = True
            return True  # kept open until what it sent has gone on
        return super().eof_received()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        task = asyncio.get_running_loop().create_task(self._connect())
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _connect(self) -> None:
        assert self.transport is not None
        far = _End()
        try:
            await asyncio.get_running_loop().create_connection(lambda: far, *self._target)
        except OSError:
            self.transport.close()
            return
        if self.transport.is_closing():
            assert far.transport is not None
            far.transport.close()
            return
        self.other, far.other = far, self
        assert far.transport is not None
        far.transport.write(b"".join(self._early))
        self._early.clear()
        if self._ended_early:
            far.transport.close()


async def serve(host: str, port: int) -> None:
    loop = asyncio.get_running_loop()
    stopped = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stopped.set)
    pending: set[asyncio.Task[None]] = set()
    server = await loop.create_server(
        lambda: _Near(host, port, pending), "127.0.0.1", 0, backlog=1024
    )
    print(LISTENING.format(port=server.sockets[0].getsockname()[1]), flush=True)
    async with server:
        await stopped.wait()


def main() -> None:
    if len(sys.argv) != 3 or not sys.argv[2].isdigit():
        sys.exit("usage: python -m bench.relay HOST PORT")
    with asyncio.Runner(loop_factory=fast_loop_factory()) as runner:
        runner.run(serve(sys.argv[1], int(sys.argv[2])))


if __name__ == "__main__":
    main()
