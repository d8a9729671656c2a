"""The benchmarks' notification receiver (`bench.receiver`, read by `bench.sink`): it
answers every delivery at once over HTTPS on one kept-alive connection, and a job's end
reaches the benchmark with the moment it arrived."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import ssl
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from bench.receiver import ANSWER
from bench.sink import JobEndings
from tikjobs.sink import SinkCertificate

pytestmark = pytest.mark.anyio


@dataclass(frozen=True)
class Tls:
    """The receiver's throwaway certificate, and a client context that trusts it."""

    certificate: SinkCertificate
    trusted: ssl.SSLContext


@pytest.fixture
def tls(tmp_path: Path) -> Tls:
    certificate = SinkCertificate.create(tmp_path)
    return Tls(certificate, ssl.create_default_context(cafile=str(certificate.cert_path)))


def notification(key: str, status: str) -> bytes:
    return json.dumps({"idempotency_key": key, "status": status, "seq_id": 1}).encode()


async def connect(
    endings: JobEndings, trusted: ssl.SSLContext
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A TLS connection of its own to the receiver, for bytes no HTTP client would send."""
    port = urlsplit(endings.url).port
    assert port is not None
    return await asyncio.open_connection(
        "127.0.0.1", port, ssl=trusted, server_hostname="127.0.0.1"
    )


async def test_a_jobs_end_arrives_with_its_moment_and_the_rest_are_only_answered(
    tls: Tls,
) -> None:
    async with (
        JobEndings(tls.certificate) as endings,
        httpx.AsyncClient(verify=tls.trusted) as client,
    ):
        assert endings.url.startswith("https://127.0.0.1:")
        before = time.perf_counter()
        answers = [
            await client.post(endings.url, content=notification("k-1", status))
            for status in ("loaded", "running", "completed")
        ]
        failed = await client.post(endings.url, content=notification("k-2", "failed"))
        ending = await asyncio.wait_for(endings.ended("k-1"), 10)
        other = await asyncio.wait_for(endings.ended("k-2"), 10)

    assert [answer.status_code for answer in answers] == [204, 204, 204]
    assert failed.status_code == 204
    assert ending.status == "completed"
    assert ending.payload["idempotency_key"] == "k-1"
    assert before < ending.arrived < time.perf_counter()
    assert other.status == "failed"
    assert endings.received == 2


async def test_bytes_that_are_not_http_close_only_their_connection(tls: Tls) -> None:
    async with JobEndings(tls.certificate) as endings:
        reader, writer = await connect(endings, tls.trusted)
        writer.write(b"\x00\x01 not a request\r\n\r\n")
        assert await asyncio.wait_for(reader.read(), 10) == b""
        writer.close()
        async with httpx.AsyncClient(verify=tls.trusted) as client:
            answer = await client.post(endings.url, content=notification("k-3", "completed"))
        assert answer.status_code == 204
        assert (await asyncio.wait_for(endings.ended("k-3"), 10)).status == "completed"


async def test_deliveries_on_one_connection_are_answered_one_after_the_other(
    tls: Tls,
) -> None:
    async with JobEndings(tls.certificate) as endings:
        reader, writer = await connect(endings, tls.trusted)
        for key in ("k-4", "k-5"):
            body = notification(key, "completed")
            writer.write(
                b"POST /notify HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + f"Content-Length: {len(body)}\r\n\r\n".encode()
                + body
            )
        answers = await asyncio.wait_for(reader.readexactly(2 * len(ANSWER)), 10)
        ended = [await asyncio.wait_for(endings.ended(key), 10) for key in ("k-4", "k-5")]
        writer.close()

    assert answers == ANSWER * 2
    assert [ending.payload["idempotency_key"] for ending in ended] == ["k-4", "k-5"]


async def test_a_receiver_that_stops_fails_whoever_waits_for_an_ending(tls: Tls) -> None:
    async with JobEndings(tls.certificate) as endings:
        waiting = endings.ended("k-6")
        os.kill(endings.pid, signal.SIGKILL)

        with pytest.raises(RuntimeError, match="notification receiver is gone"):
            await asyncio.wait_for(waiting, 10)
        with pytest.raises(RuntimeError, match="notification receiver is gone"):
            await asyncio.wait_for(endings.ended("k-7"), 10)
