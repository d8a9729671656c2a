"""The notification client against receivers on loopback that answer as real servers
may: kept-alive or closing, chunked, informational first, too long, or not HTTP; each
with the answer parsed by httptools and by h11 (where httptools is not installed)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import pytest

from tikjobs.emulator.http_protocol import HAS_HTTPTOOLS
from tikjobs.emulator.notifications import poster as poster_module
from tikjobs.emulator.notifications.poster import Poster, PostFailed
from tikjobs.emulator.notifications.ssrf import AddressPolicy
from tikjobs.emulator.notifications.transport import RESPONSE_LIMIT

pytestmark = pytest.mark.anyio

Answer = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]
LOCAL = AddressPolicy.from_allow_hosts(["127.0.0.1"], allow_plain_http=True)


@pytest.fixture(autouse=True, params=["httptools", "h11"])
def answer_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test once with each parser of answers."""
    if request.param == "httptools":
        if not HAS_HTTPTOOLS:
            pytest.skip("httptools is not installed")
        monkeypatch.setattr(poster_module, "_ANSWERS", poster_module._HttptoolsAnswer)
    else:
        monkeypatch.setattr(poster_module, "_ANSWERS", poster_module._H11Answer)


class Receiver:
    """A TCP server on 127.0.0.1 that reads each request and answers with ``answer``."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.connections = 0
        self.requests: list[bytes] = []

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
                self.requests.append(head + await reader.readexactly(length))
                await self.answer(reader, writer)
                if writer.is_closing():
                    return
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


@asynccontextmanager
async def receiving(answer: Answer) -> AsyncIterator[tuple[Receiver, str]]:
    receiver = Receiver(answer)
    server = await asyncio.start_server(receiver.serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield receiver, f"http://127.0.0.1:{port}/hook"
    finally:
        server.close()
        await server.wait_closed()


def replying(*chunks: bytes, close: bool = False) -> Answer:
    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        for chunk in chunks:
            writer.write(chunk)
            await writer.drain()
        if close:
            writer.close()

    return answer


async def post_twice(url: str) -> tuple[int, int]:
    poster = Poster(LOCAL)
    try:
        first = await poster.post(url, {"Content-Type": "application/json"}, b'{"n":1}')
        second = await poster.post(url, {"Content-Type": "application/json"}, b'{"n":2}')
    finally:
        await poster.aclose()
    return first, second


async def test_a_kept_alive_receiver_gets_both_notifications_on_one_connection() -> None:
    answer = replying(b"HTTP/1.1 204 No Content\r\nServer: x\r\n\r\n")
    async with receiving(answer) as (receiver, url):
        assert await post_twice(url) == (204, 204)
    assert receiver.connections == 1
    assert [
        request.endswith(body)
        for request, body in zip(receiver.requests, (b'{"n":1}', b'{"n":2}'), strict=True)
    ] == [True, True]
    assert receiver.requests[0].startswith(b"POST /hook HTTP/1.1\r\nHost: 127.0.0.1:")


async def test_a_chunked_answer_split_across_packets_is_read_whole() -> None:
    answer = replying(
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
        b"5\r\nhello\r\n",
        b"0\r\n\r\n",
    )
    async with receiving(answer) as (receiver, url):
        assert await post_twice(url) == (200, 200)
    assert receiver.connections == 1


async def test_an_informational_answer_is_skipped_for_the_final_one() -> None:
    answer = replying(
        b"HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 202 Accepted\r\n"
        b"Content-Length: 2\r\n\r\nok"
    )
    async with receiving(answer) as (_, url):
        assert await post_twice(url) == (202, 202)


async def test_a_receiver_that_closes_after_its_answer_gets_a_new_connection() -> None:
    answer = replying(
        b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", close=True
    )
    async with receiving(answer) as (receiver, url):
        assert await post_twice(url) == (200, 200)
    assert receiver.connections == 2


async def test_an_answer_without_a_length_ends_when_the_receiver_closes() -> None:
    answer = replying(b"HTTP/1.1 200 OK\r\n\r\nthe body runs to the end", close=True)
    async with receiving(answer) as (receiver, url):
        assert await post_twice(url) == (200, 200)
    assert receiver.connections == 2


async def test_a_body_over_the_limit_ends_the_exchange_and_the_connection() -> None:
    body = b"x" * (RESPONSE_LIMIT + 1)
    answer = replying(b"HTTP/1.1 500 Oops\r\nContent-Length: %d\r\n\r\n" % len(body), body)
    async with receiving(answer) as (receiver, url):
        assert await post_twice(url) == (500, 500)
    assert receiver.connections == 2


async def test_an_answer_that_is_not_http_is_a_clear_failure() -> None:
    answer = replying(b"SSH-2.0-OpenSSH_9.6\r\n")
    async with receiving(answer) as (_, url):
        poster = Poster(LOCAL)
        with pytest.raises(PostFailed, match=r"not HTTP/1\.1"):
            await poster.post(url, {}, b"{}")
        await poster.aclose()


async def test_a_receiver_that_closes_without_answering_fails_the_post() -> None:
    answer = replying(close=True)
    async with receiving(answer) as (_, url):
        poster = Poster(LOCAL)
        with pytest.raises(PostFailed, match="closed the connection without answering"):
            await poster.post(url, {}, b"{}")
        await poster.aclose()
