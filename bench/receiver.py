"""The benchmarks' notification receiver: a lean HTTPS server in a process of its own.

How this works
--------------
``python -m bench.receiver CERT KEY`` listens on 127.0.0.1, on a port of the system's
choosing, with TLS (the throwaway certificate the emulator is told to trust, see
`bench.sink`), on uvloop's event loop where it is installed. Its first line on standard
output is its URL. Every request is parsed by httptools and answered ``204`` at once on
its kept-alive connection; a request that is not HTTP closes its connection. For each
terminal notification (``completed``, ``failed``, ``deleted``) it writes one line: the
moment it arrived, ``time.perf_counter()`` (the monotonic clock, which every process of
the machine reads alike), a space, and the notification's JSON on one line.

It checks no signature and keeps nothing: the product's sink (`tikjobs.sink`) does that
for people and tests. This one exists so that noting when each job ended costs the
machine the least CPU it can, beside the processes being measured: the product's sink,
Starlette under uvicorn on the benchmark's own asyncio loop, cost the benchmark process
about 0.9 ms of CPU per job in the fleet counted by notification (three notifications a
job), a quarter of what the emulator spent.
"""

from __future__ import annotations

import asyncio
import json
import ssl
import sys
import time
from typing import Any, cast

import httptools

from tikjobs.loops import fast_loop_factory

TERMINAL = frozenset({"completed", "failed", "deleted"})
ANSWER = b"HTTP/1.1 204 No Content\r\n\r\n"


class _Connection(asyncio.Protocol):
    """One kept-alive connection: each request answered 204 as soon as it is whole."""

    def __init__(self, output: Any) -> None:
        self._output = output
        self._parser = httptools.HttpRequestParser(self)
        self._body: list[bytes] = []
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass

    def data_received(self, data: bytes) -> None:
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError:
            if self._transport is not None:
                self._transport.close()

    def on_message_begin(self) -> None:
        self._body = []

    def on_body(self, body: bytes) -> None:
        self._body.append(body)

    def on_message_complete(self) -> None:
        arrived = time.perf_counter()
        if self._transport is not None:
            self._transport.write(ANSWER)
        note(self._output, arrived, b"".join(self._body))


def note(output: Any, arrived: float, body: bytes) -> None:
    """Write the line for a terminal notification; anything else is answered only."""
    try:
        payload = json.loads(body)
    except ValueError:
        return
    if isinstance(payload, dict) and payload.get("status") in TERMINAL:
        output.write(f"{arrived!r} {json.dumps(payload)}\n".encode())
        output.flush()


async def serve(cert: str, key: str) -> None:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    output = sys.stdout.buffer
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: _Connection(output), "127.0.0.1", 0, ssl=context, backlog=1024
    )
    port = server.sockets[0].getsockname()[1]
    output.write(f"https://127.0.0.1:{port}/notify\n".encode())
    output.flush()
    async with server:
        await server.serve_forever()


def main() -> None:
    with asyncio.Runner(loop_factory=fast_loop_factory()) as runner:
        runner.run(serve(sys.argv[1], sys.argv[2]))


if __name__ == "__main__":
    main()
