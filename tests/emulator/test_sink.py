"""The notification sink of ``tikjobs up`` as a real HTTPS server on loopback: it keeps each
delivery with its headers, says whether its Standard Webhooks signature verified, and lists
them oldest first."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tikjobs.emulator.notifications import signing
from tikjobs.sink import BODY_LIMIT, NotificationSink, ReceivedNotification, SinkCertificate

pytestmark = pytest.mark.anyio

SECRET = signing.new_secret()


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> SinkCertificate:
    return SinkCertificate.create(tmp_path_factory.mktemp("sink"))


@pytest.fixture
async def sink(certificate: SinkCertificate) -> AsyncIterator[NotificationSink]:
    async with NotificationSink(SECRET, certificate) as running:
        yield running


@pytest.fixture
async def client(certificate: SinkCertificate) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(verify=certificate.client_context(), timeout=10.0) as running:
        yield running


def payload(job_id: str, status: str, seq_id: int) -> dict[str, Any]:
    return {"job_id": job_id, "status": status, "seq_id": seq_id}


async def deliver(
    client: httpx.AsyncClient,
    sink: NotificationSink,
    body: dict[str, Any],
    *,
    message_id: str = "1",
    secret: str = SECRET,
) -> httpx.Response:
    """POST ``body`` to the sink signed with ``secret``, as the emulator delivers."""
    content = json.dumps(body).encode()
    headers = signing.signed_headers(secret, message_id, int(time.time()), content)
    return await client.post(
        sink.url, content=content, headers={**headers, "content-type": "application/json"}
    )


async def test_signed_deliveries_are_listed_oldest_first_with_their_headers(
    sink: NotificationSink, client: httpx.AsyncClient
) -> None:
    first = await deliver(client, sink, payload("job-a", "loaded", 1), message_id="1")
    second = await deliver(client, sink, payload("job-a", "completed", 2), message_id="2")

    listed = (await client.get(sink.url)).json()

    assert first.status_code == second.status_code == 204
    assert [item["payload"]["status"] for item in listed] == ["loaded", "completed"]
    assert [item["webhook_id"] for item in listed] == ["1", "2"]
    assert all(item["signature_valid"] for item in listed)
    assert all(item["signature_error"] is None for item in listed)
    headers = listed[0]["headers"]
    assert headers["webhook-id"] == "1"
    assert headers["webhook-signature"].startswith("v1,")
    assert headers["content-type"] == "application/json"


async def test_a_delivery_that_does_not_verify_is_kept_and_says_why(
    sink: NotificationSink, client: httpx.AsyncClient
) -> None:
    other_secret = await deliver(
        client, sink, payload("job-b", "loaded", 1), secret=signing.new_secret()
    )
    unsigned = await client.post(sink.url, json=payload("job-b", "running", 2))

    listed = (await client.get(sink.url)).json()

    assert other_secret.status_code == unsigned.status_code == 204
    assert [item["signature_valid"] for item in listed] == [False, False]
    assert listed[0]["signature_error"] == "no webhook-signature matches the secret"
    assert "missing webhook-id" in listed[1]["signature_error"]


async def test_a_tampered_body_does_not_verify(
    sink: NotificationSink, client: httpx.AsyncClient
) -> None:
    signed = json.dumps(payload("job-c", "completed", 1)).encode()
    headers = signing.signed_headers(SECRET, "7", int(time.time()), signed)
    tampered = signed.replace(b"completed", b"failed")

    await client.post(sink.url, content=tampered, headers=headers)

    [kept] = sink.received
    assert kept.signature_valid is False
    assert kept.status == "failed"


async def test_one_jobs_deliveries_can_be_read_and_all_can_be_forgotten(
    sink: NotificationSink, client: httpx.AsyncClient
) -> None:
    await deliver(client, sink, payload("job-d", "loaded", 1), message_id="1")
    await deliver(client, sink, payload("job-e", "loaded", 2), message_id="2")
    await deliver(client, sink, payload("job-d", "completed", 3), message_id="3")

    only_d = (await client.get(sink.url, params={"job_id": "job-d"})).json()
    forgotten = await client.delete(sink.url)
    after = (await client.get(sink.url)).json()

    assert [item["payload"]["seq_id"] for item in only_d] == [1, 3]
    assert forgotten.status_code == 204
    assert after == []


async def test_a_body_that_is_not_json_is_kept_as_text_and_an_oversized_one_is_refused(
    sink: NotificationSink, client: httpx.AsyncClient
) -> None:
    text = await client.post(sink.url, content=b"plain words")
    oversized = await client.post(sink.url, content=b"x" * (BODY_LIMIT + 1))

    listed = (await client.get(sink.url)).json()

    assert text.status_code == 204
    assert oversized.status_code == 413
    assert [item["payload"] for item in listed] == ["plain words"]


async def test_waiting_for_deliveries_returns_once_they_arrived(
    sink: NotificationSink, client: httpx.AsyncClient
) -> None:
    arrived: list[ReceivedNotification] = []
    sink_with_callback = NotificationSink(SECRET, sink.certificate, on_arrival=arrived.append)
    async with sink_with_callback as watched:
        await deliver(client, watched, payload("job-f", "loaded", 1))
        kept = await watched.wait_for(lambda received: len(received) >= 1, timeout=10.0)

    assert [item.job_id for item in kept] == ["job-f"]
    assert [item.status for item in arrived] == ["loaded"]


async def test_only_clients_that_trust_its_certificate_reach_it(sink: NotificationSink) -> None:
    async with httpx.AsyncClient(timeout=10.0) as untrusting:
        with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
            await untrusting.get(sink.url)


def test_the_key_file_is_readable_by_its_owner_only(certificate: SinkCertificate) -> None:
    assert certificate.key_path.stat().st_mode & 0o077 == 0
