"""The emulator's HTTP connection writes an answer of known length in one piece, and
still sends a streamed answer's head at once: a real emulator and a real uvicorn on
loopback, with the connection's writes recorded underneath `HeldHead`."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, StreamingResponse
from starlette.routing import Route

from tests.emulator.api_harness import EmulatorThread, settings_for
from tikjobs.emulator import http_protocol
from tikjobs.emulator.http_protocol import HeldHead

pytestmark = pytest.mark.skipif(
    not http_protocol.HAS_HTTPTOOLS, reason="httptools is not installed (uvicorn uses h11)"
)

WAIT = 10.0


class _Recorded:
    """A transport whose writes are kept, in order, as well as sent."""

    def __init__(self, transport: Any, writes: list[bytes]) -> None:
        self._transport = transport
        self._writes = writes

    def write(self, data: bytes) -> None:
        self._writes.append(bytes(data))
        self._transport.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """What every response cycle of a server started in this test wrote to its socket."""
    recorded: list[bytes] = []

    class RecordedHead(HeldHead):
        def __init__(self, transport: Any) -> None:
            super().__init__(_Recorded(transport, recorded))  # type: ignore[arg-type]

    monkeypatch.setattr(http_protocol, "HeldHead", RecordedHead)
    return recorded


def test_the_emulators_answers_leave_in_one_write_each(tmp_path: Path, writes: list[bytes]) -> None:
    with EmulatorThread(settings_for(tmp_path)) as emulator:
        with httpx.Client(base_url=emulator.url, timeout=WAIT) as client:
            health = client.get("/healthz")
            missing = client.post(
                "/api/synchronous/00000000-0000-4000-8000-000000000000",
                json={"command": "/system/resource/print"},
            )
    assert health.status_code == 200
    assert missing.status_code == 401
    assert missing.json()["status"] == "error"
    assert len(writes) == 2, writes
    for write, answer in zip(writes, (health, missing), strict=True):
        head, _, body = write.partition(b"\r\n\r\n")
        assert head.startswith(f"HTTP/1.1 {answer.status_code} ".encode())
        assert body == answer.content


def _streaming_app(first_chunk: asyncio.Event) -> Starlette:
    async def stream(request: Request) -> StreamingResponse:
        async def chunks() -> AsyncIterator[bytes]:
            await first_chunk.wait()
            yield b"data: first\n\n"

        return StreamingResponse(chunks(), media_type="text/event-stream")

    async def answer(request: Request) -> JSONResponse:
        return JSONResponse({"answer": 42})

    return Starlette(routes=[Route("/stream", stream), Route("/answer", answer)])


@contextlib.asynccontextmanager
async def _served(app: Starlette) -> AsyncIterator[str]:
    config = uvicorn.Config(
        app, host="127.0.0.1", port=0, http=http_protocol.http_protocol(), log_level="warning"
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        while not server.started:
            if task.done():
                await task
            await asyncio.sleep(0.01)
        host, port = server.servers[0].sockets[0].getsockname()[:2]
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, WAIT)


@pytest.mark.anyio
async def test_a_streamed_answer_sends_its_head_before_its_first_chunk(
    writes: list[bytes],
) -> None:
    first_chunk = asyncio.Event()
    async with (
        _served(_streaming_app(first_chunk)) as url,
        httpx.AsyncClient(base_url=url, timeout=WAIT) as client,
        # the head arrives while the body is still waiting for its first chunk
        client.stream("GET", "/stream") as response,
    ):
        assert response.headers["content-type"].startswith("text/event-stream")
        assert not first_chunk.is_set()
        first_chunk.set()
        assert await anext(response.aiter_bytes()) == b"data: first\n\n"
    assert writes[0].endswith(b"\r\n\r\n")
    assert b"transfer-encoding: chunked" in writes[0]


def _read_answers(connection: socket.socket, count: int) -> Iterator[tuple[bytes, bytes]]:
    """``count`` answers (head, body) read off a raw connection, by their content-length."""
    buffer = b""
    for _ in range(count):
        while b"\r\n\r\n" not in buffer:
            buffer += connection.recv(65536)
        head, _, buffer = buffer.partition(b"\r\n\r\n")
        length = next(
            int(line.split(b":", 1)[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        )
        while len(buffer) < length:
            buffer += connection.recv(65536)
        yield head, buffer[:length]
        buffer = buffer[length:]


@pytest.mark.anyio
async def test_pipelined_requests_get_their_answers_whole_and_in_order(
    writes: list[bytes],
) -> None:
    async with _served(_streaming_app(asyncio.Event())) as url:
        host, port = url.removeprefix("http://").split(":")
        request = f"GET /answer HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
        with socket.create_connection((host, int(port)), timeout=WAIT) as connection:
            connection.sendall(request * 3)
            answers = await asyncio.to_thread(lambda: list(_read_answers(connection, 3)))
    assert [body for _, body in answers] == [b'{"answer":42}'] * 3
    assert all(head.startswith(b"HTTP/1.1 200 OK") for head, _ in answers)
    assert len(writes) == 3


class _Transport:
    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        self.writes.append(data)

    def close(self) -> None:
        self.closed = True

    def get_write_buffer_size(self) -> int:
        return sum(map(len, self.writes))


HEAD = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-type: application/json\r\n\r\n"


def test_a_held_head_goes_out_before_the_connection_closes() -> None:
    transport = _Transport()
    held = HeldHead(transport)  # type: ignore[arg-type]
    held.write(HEAD)
    assert transport.writes == []
    assert held.get_write_buffer_size() == len(HEAD)
    held.close()
    assert transport.writes == [HEAD]
    assert transport.closed


def test_an_interim_answer_and_later_writes_pass_straight_through() -> None:
    transport = _Transport()
    held = HeldHead(transport)  # type: ignore[arg-type]
    held.write(b"HTTP/1.1 100 Continue\r\n\r\n")
    held.write(HEAD)
    held.write(b"{}")
    # only the first head is held: a body that looks like a head is written as it is
    held.write(HEAD)
    assert transport.writes == [b"HTTP/1.1 100 Continue\r\n\r\n", HEAD + b"{}", HEAD]
