"""Every moment the emulator writes is in the seed's form, ``2024-05-28T08:05:28+00:00``:
in the submit answer, the job list and detail, backups, the router list, notification
payloads and the delivery log, whatever state the job ended in (each of them, with and
without a backup). A property over every string of every answer, on a real server with a
scripted agent and an HTTPS sink."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.emulator.api_harness import (
    SEED_JOB,
    Account,
    EmulatorThread,
    ok,
)
from tests.emulator.tunnel_agent import ScriptedAgent
from tikjobs.contracts.api import JobStatus
from tikjobs.contracts.tunnel import BackupAck, BackupUpload, JobOffer
from tikjobs.sink import NotificationSink, SinkCertificate

SEED_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$")
LOOKS_LIKE_A_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
MOMENT_KEYS = {
    "date",
    "started_at",
    "completed_at",
    "failed_at",
    "deleted_at",
    "created_at",
    "last_seen",
    "at",
}
RUN = (JobStatus.LOADED, JobStatus.RUNNING)
NOTIFIED = {
    JobStatus.PENDING: 0,
    JobStatus.LOADED: 1,
    JobStatus.RUNNING: 2,
    JobStatus.COMPLETED: 3,
    JobStatus.FAILED: 3,
    JobStatus.DELETED: 1,
}
"""Notifications a job sends on its way to each status (it needs acknowledgement)."""


@pytest.fixture(scope="module")
def emulator_settings(sink_trusted: dict[str, Any]) -> dict[str, Any]:
    """The emulator trusts the test sink's certificate on 127.0.0.1."""
    return sink_trusted


def moments(value: Any, where: str = "") -> Iterator[tuple[str, Any]]:
    """(where, value) for every value under a moment key and every string that looks
    like a date and time, anywhere in a JSON document."""
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{where}.{key}"
            if key in MOMENT_KEYS and not isinstance(item, dict | list):
                yield path, item
            else:
                yield from moments(item, path)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from moments(item, f"{where}[{index}]")
    elif isinstance(value, str) and LOOKS_LIKE_A_MOMENT.search(value):
        yield where, value


def export_upload(job_id: str) -> BackupUpload:
    content = b"# 2024-05-28 08:05:28 by RouterOS 7.16\n/ip address\n"
    return BackupUpload(
        job_id=job_id,
        kind="export",
        name="before.rsc",
        content_b64=base64.b64encode(content).decode(),
        sha256=hashlib.sha256(content).hexdigest(),
    )


async def every_answer(
    emulator: EmulatorThread, certificate: SinkCertificate, ending: JobStatus, backup: bool
) -> list[tuple[str, Any]]:
    """Take one job to ``ending`` and answer every document the emulator wrote about it."""
    account: Account = emulator.account()
    router = f"/api/routers/{account.router_id}"
    documents: list[tuple[str, Any]] = []
    agent = ScriptedAgent(emulator.tunnel_url, account.tunnel_token)
    async with NotificationSink(None, certificate) as sink:
        try:
            await agent.connect()
            async with emulator.async_client(account.api_key) as client:
                body = {
                    **SEED_JOB,
                    "notify_url": sink.url,
                    "needs_acknowledgement": True,
                    "make_backup": backup,
                    "express_execute": ending not in (JobStatus.PENDING, JobStatus.DELETED),
                }
                submitted = await client.post(f"/api/asynchronous/{account.router_id}", json=body)
                documents.append(("submit", ok(submitted)))
                job_id = ok(await client.get(f"{router}/jobs"))[0]["id"]
                if ending is JobStatus.DELETED:
                    documents.append(("delete", ok(await client.delete(f"{router}/jobs/{job_id}"))))
                elif ending is not JobStatus.PENDING:
                    offer = await agent.expect(JobOffer)
                    if backup:
                        await agent.send(export_upload(offer.job_id))
                        assert (await agent.expect(BackupAck)).accepted
                    for status in (*RUN, ending) if ending not in RUN else RUN:
                        await agent.report(
                            offer, status, error="boom" if status is JobStatus.FAILED else None
                        )
                        if status is ending:
                            break
                received = await sink.wait_for(lambda got: len(got) >= NOTIFIED[ending])
                for path in (
                    f"{router}/jobs",
                    f"{router}/jobs/{job_id}",
                    f"{router}/backups",
                    router,
                    "/api/routers",
                ):
                    documents.append((path, ok(await client.get(path))))
        finally:
            await agent.close()
    documents += [(f"notification {n}", json.loads(item.body)) for n, item in enumerate(received)]
    with emulator.admin() as admin:
        log = ok(admin.get("/_emulator/notifications", params={"job_id": job_id}))
    documents.append(("delivery log", log))
    return documents


@pytest.mark.parametrize("backup", [False, True])
@pytest.mark.parametrize("ending", list(NOTIFIED))
def test_every_moment_in_every_answer_is_in_the_seed_form(
    emulator: EmulatorThread, certificate: SinkCertificate, ending: JobStatus, backup: bool
) -> None:
    documents = asyncio.run(every_answer(emulator, certificate, ending, backup))
    found = [
        (name, where, value) for name, document in documents for where, value in moments(document)
    ]
    assert found
    for name, where, value in found:
        assert value is None or (isinstance(value, str) and SEED_MOMENT.match(value)), (
            name,
            where,
            value,
        )
    stamped = {(name, where.rsplit(".", 1)[-1]) for name, where, value in found if value}
    assert ("submit", "date") in stamped
    assert ("/api/routers", "last_seen") in stamped
    if ending is not JobStatus.PENDING:
        assert ("delivery log", "at") in stamped
    if backup and ending not in (JobStatus.PENDING, JobStatus.DELETED):
        assert (f"/api/routers/{_router(documents)}/backups", "created_at") in stamped


def _router(documents: list[tuple[str, Any]]) -> str:
    return str(dict(documents)["submit"]["target"])
