"""The benchmarks' TCP relay (`bench.relay`): bytes through it arrive unchanged, in both
directions, and a closed end closes the other."""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import librouteros
import pytest

from bench.processes import bench_command, bench_environment
from tikjobs.vm.chr.target import RouterTarget

pytestmark = pytest.mark.anyio

WAIT = 10.0
"""Seconds any step may take before the test fails instead of hanging."""


@asynccontextmanager
async def relay_to(host: str, port: int) -> AsyncIterator[int]:
    """A ``python -m bench.relay HOST PORT`` process; its listening port."""
    process = await asyncio.create_subprocess_exec(
        *bench_command("relay", host, str(port)),
        stdout=asyncio.subprocess.PIPE,
        env={**os.environ, **bench_environment()},
    )
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), WAIT)).decode()
        assert line.startswith("relay listening on 127.0.0.1:"), line
        yield int(line.rsplit(":", 1)[1])
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), WAIT)


async def test_librouteros_through_two_relays_gets_the_routers_own_answers(
    routeros_sim: RouterTarget,
) -> None:
    async with (
        relay_to(routeros_sim.host, routeros_sim.api_port) as far,
        relay_to("127.0.0.1", far) as near,
    ):
        sessions = [
            await librouteros.async_connect(
                host=host, port=port, username=routeros_sim.user, password=routeros_sim.password
            )
            for host, port in ((routeros_sim.host, routeros_sim.api_port), ("127.0.0.1", near))
        ]
        try:
            directly, relayed = [
                [row async for row in api.rawCmd("/interface/print")] for api in sessions
            ]
        finally:
            await asyncio.gather(*(api.close() for api in sessions))
    assert relayed == directly
    assert any(row.get("name") == "ether1" for row in relayed)


async def test_what_is_sent_at_once_comes_back_whole_through_an_echo() -> None:
    async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    payload = os.urandom(4 * 1024 * 1024)
    async with server, relay_to("127.0.0.1", server.sockets[0].getsockname()[1]) as port:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(payload)  # before the relay can have reached the echo server
        reading = asyncio.create_task(reader.readexactly(len(payload)))
        await asyncio.wait_for(writer.drain(), WAIT)
        assert await asyncio.wait_for(reading, WAIT) == payload
        writer.write_eof()
        assert await asyncio.wait_for(reader.read(), WAIT) == b""
        writer.close()


async def test_a_client_that_closes_closes_the_far_connection() -> None:
    closed = asyncio.Event()

    async def far(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        assert await reader.read() == b"last words"
        closed.set()
        writer.close()

    server = await asyncio.start_server(far, "127.0.0.1", 0)
    async with server, relay_to("127.0.0.1", server.sockets[0].getsockname()[1]) as port:
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"last words")
        writer.close()
        await asyncio.wait_for(closed.wait(), WAIT)


async def test_what_a_client_sent_before_the_far_end_answered_still_arrives() -> None:
    """The far end's accept queue is full, so the relay's connect waits for the kernel's
    next SYN (a second or so): the client's words and its close arrive before it."""
    loop = asyncio.get_running_loop()
    with socket.socket() as far, socket.socket() as blocker:
        far.bind(("127.0.0.1", 0))
        far.listen(0)  # one connection fills the queue
        far.setblocking(False)
        blocker.connect(far.getsockname())
        async with relay_to("127.0.0.1", far.getsockname()[1]) as port:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"last words")
            writer.close()
            await writer.wait_closed()
            queued, _ = await loop.sock_accept(far)  # room again for the relay's retry
            queued.close()
            relayed, _ = await asyncio.wait_for(loop.sock_accept(far), WAIT)
            with relayed:
                received = b""
                while chunk := await asyncio.wait_for(loop.sock_recv(relayed, 1024), WAIT):
                    received += chunk
    assert received == b"last words"


async def test_a_far_end_that_refuses_closes_the_clients_connection() -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        refusing = unused.getsockname()[1]  # nothing listens there once it is closed
    async with relay_to("127.0.0.1", refusing) as port:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        assert await asyncio.wait_for(reader.read(), WAIT) == b""
        writer.close()
