"""``tikjobs emulator`` keeps the contract whatever its environment says: the variable that
once broke it on purpose (``TIKJOBS_BREAKAGE``, naming every way it could break) has no
effect on a real process. Another customer's router stays 404, bad submissions are
refused, keys replay, the list and deletion tell the truth, a started job's deletion is
409 ``job_already_started`` and notifications count up."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any, Final

import httpx
import pytest

from tests.contracts.breakage import Breakage
from tests.emulator.api_harness import SEED_JOB, ok
from tests.emulator.test_serve import (
    TOKEN,
    WAIT,
    clean_environment,
    set_up_customer,
    tikjobs_emulator,
)
from tests.emulator.tunnel_agent import ScriptedAgent
from tikjobs.contracts.api import JobStatus, Notification
from tikjobs.contracts.tunnel import JobOffer
from tikjobs.sink import NotificationSink, SinkCertificate

SEED_MOMENT: Final = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$")


def refused(response: httpx.Response, status: int, field: str | None = None) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["status"] == "error", body
    if field is not None:
        assert field in body["errors"], body


@pytest.mark.anyio
async def test_the_old_breakage_variable_has_no_effect_on_a_real_emulator(tmp_path: Path) -> None:
    certificate = SinkCertificate.create(tmp_path)
    environment = clean_environment(TIKJOBS_BREAKAGE=json.dumps(sorted(Breakage)))
    arguments = ("--db", str(tmp_path / "tikjobs.db"), "--admin-token", TOKEN)
    arguments += ("--notify-ca-bundle", str(certificate.cert_path))
    arguments += ("--notify-allow-host", "127.0.0.1")
    async with NotificationSink(None, certificate) as sink:
        with tikjobs_emulator(*arguments, env=environment) as emulator:
            url = await asyncio.to_thread(emulator.url)
            async with httpx.AsyncClient(base_url=url, timeout=WAIT) as client:
                key, router_id, tunnel_token, _ = await set_up_customer(client)
                other_key, other_router_id, _, _ = await set_up_customer(client)
                auth = {"Authorization": f"Bearer {key}"}
                other = {"Authorization": f"Bearer {other_key}"}
                submit = f"/api/asynchronous/{router_id}"

                # tenancy_leak: another customer's router is not found, whatever the key
                for path in (f"/api/routers/{router_id}", f"/api/routers/{router_id}/jobs"):
                    refused(await client.get(path, headers=other), 404)
                refused(await client.post(submit, json=SEED_JOB, headers=other), 404)
                assert ok(await client.get(f"/api/routers/{other_router_id}", headers=other))

                # the submission's rules, each refused with the field named
                bad: list[tuple[dict[str, Any], str]] = [
                    ({**SEED_JOB, "description": "d" * 101}, "description"),
                    ({**SEED_JOB, "script": "s" * 2001}, "script"),
                    ({k: v for k, v in SEED_JOB.items() if k != "make_backup"}, "make_backup"),
                    ({**SEED_JOB, "notify_url": "http://example.com/notify"}, "notify_url"),
                ]
                for body, field in bad:
                    refused(await client.post(submit, json=body, headers=auth), 422, field)
                refused(await client.post(submit, json=[1, 2], headers=auth), 422)

                # idempotency, seed timestamps, the list and acknowledgement as submitted
                keyed = {**auth, "Idempotency-Key": "no-switches-1"}
                first = await client.post(submit, json=SEED_JOB, headers=keyed)
                again = await client.post(submit, json=SEED_JOB, headers=keyed)
                other_body = {**SEED_JOB, "description": "another body"}
                refused(await client.post(submit, json=other_body, headers=keyed), 422)
                assert SEED_MOMENT.match(ok(first)["date"])
                assert again.content == first.content
                listed = ok(await client.get(f"/api/routers/{router_id}/jobs", headers=auth))
                assert len(listed) == 1
                assert listed[0]["needs_acknowledgement"] is False

                # deletion deletes
                job_path = f"/api/routers/{router_id}/jobs/{listed[0]['id']}"
                assert ok(await client.delete(job_path, headers=auth))["status"] == "deleted"
                assert ok(await client.get(job_path, headers=auth))["status"] == "deleted"

                # a started job's deletion is coded; its notifications count up
                started_body = {
                    **SEED_JOB,
                    "express_execute": True,
                    "needs_acknowledgement": True,
                    "notify_url": sink.url,
                }
                ok(await client.post(submit, json=started_body, headers=auth))
                agent = ScriptedAgent(url.replace("http://", "ws://") + "/tunnel", tunnel_token)
                try:
                    await agent.connect()
                    offer = await agent.expect(JobOffer)
                    await agent.report(offer, JobStatus.LOADED)
                    started_path = f"/api/routers/{router_id}/jobs/{offer.job_id}"
                    conflict = await client.delete(started_path, headers=auth)
                    await agent.report(offer, JobStatus.RUNNING)
                    await agent.report(offer, JobStatus.COMPLETED, output="done")
                finally:
                    await agent.close()
                received = await sink.wait_for(lambda got: len(got) >= 3, timeout=WAIT)
        assert "Traceback" not in emulator.stop_output()

    refused(conflict, 409)
    assert conflict.json()["code"] == "job_already_started"
    sent = [Notification.model_validate_json(item.body) for item in received]
    assert [n.status for n in sent] == [JobStatus.LOADED, JobStatus.RUNNING, JobStatus.COMPLETED]
    assert [n.seq_id for n in sent] == sorted(n.seq_id for n in sent)
