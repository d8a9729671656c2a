"""Upgrading the agent mid-job: this agent opens a ledger written by the previous one
(format version 1, entry lines without a header), with a job whose script was sent and
one whose outcome was never acknowledged, and ends both truthfully without running
anything again. A ledger from a newer agent is refused and left as it is."""

from __future__ import annotations

import json
from pathlib import Path

import librouteros
import pytest

from tests.agent.harness import Cloud, RegisteredRouter, agent_settings, running_agent
from tikjobs.agent.exceptions import LedgerError
from tikjobs.agent.ledger import Ledger
from tikjobs.agent.runtime import ledger_path
from tikjobs.vm.sim.router import SimulatedRouter

pytestmark = pytest.mark.anyio


def version_1_line(key: str, job_id: str, **fields: object) -> str:
    """An entry as the version 1 agent wrote it (agent/ledger.py before the header)."""
    record = {
        "key": key,
        "job_id": job_id,
        "needs_acknowledgement": True,
        "offered_at": "2026-12-01T10:00:00+00:00",
        "started": False,
        "statuses": [],
        "output": None,
        "error": None,
        "reported": False,
        "pruned": False,
    }
    record.update(fields)
    return json.dumps(record, separators=(",", ":"), ensure_ascii=False)


def version_1_wrap(script: str, key: str) -> str:
    """The wrapped script the version 1 agent sent."""
    name = f"tikjobs-{key}"
    return (
        f'/system script add name="{name}" source="" comment="tikjobs: started"\n'
        f"{script}\n"
        f'/system script set [find name="{name}"] comment="tikjobs: finished"'
    )


async def test_an_upgraded_agent_ends_the_old_agents_jobs_without_running_them_again(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, state_dir: Path
) -> None:
    sent = await cloud.submit(registered.router_id, ':put "ran under version 1"')
    owed = await cloud.submit(registered.router_id, ':put "also under version 1"')
    sent_job = await cloud.job(registered.router_id, sent)
    owed_job = await cloud.job(registered.router_id, owed)
    api = await librouteros.async_connect(
        router.host, router.user, router.password, port=router.api_port
    )
    try:
        for key in (sent, owed):
            wrapped = version_1_wrap(':put "v1"', key)
            async for _ in api("/execute", script=wrapped, **{"as-string": ""}):
                pass
    finally:
        await api.close()
    settings = agent_settings(cloud, registered, router, state_dir)
    ledger = ledger_path(settings)
    ledger.parent.mkdir(parents=True)
    ledger.write_text(
        version_1_line(sent, sent_job["id"], started=True)
        + "\n"
        + version_1_line(
            owed_job["idempotency_key"],
            owed_job["id"],
            started=True,
            statuses=["loaded", "running", "completed"],
            output="v1 output",
        )
        + "\n"
    )

    async with running_agent(settings):
        sent_end = await cloud.wait_for_end(registered.router_id, sent)
        owed_end = await cloud.wait_for_end(registered.router_id, owed)

    assert sent_end["status"] == "completed"
    assert owed_end["status"] == "completed"
    assert owed_end["output"] == "v1 output"
    assert router.execution_count(sent) == 1
    assert router.execution_count(owed) == 1
    header, *entries = ledger.read_text().splitlines()
    assert json.loads(header) == {"format": "tikjobs-ledger", "version": 2}
    assert {json.loads(line)["key"] for line in entries} == {sent, owed}


async def test_a_ledger_from_a_newer_agent_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    text = '{"format":"tikjobs-ledger","version":3}\n' + version_1_line("k", "j") + "\n"
    path.write_text(text)

    with pytest.raises(LedgerError, match="format version 3, written by a newer agent"):
        Ledger.open(path)

    assert path.read_text() == text
    assert not path.with_name(path.name + ".new").exists()
