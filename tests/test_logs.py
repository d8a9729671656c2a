"""``--log-format json`` across the whole system: every line one JSON object with time,
level and message, tied to its request (the ``X-Request-ID`` the API answered), job and
router; and nothing a secret looks like in any of it, even at debug level through jobs
with backups, synchronous calls and a console sign-in."""

from __future__ import annotations

import io
import json
import logging
import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tikjobs import logs
from tikjobs.system import System, SystemThread

WAIT = 20.0


@pytest.fixture
def captured() -> io.StringIO:
    """Every log line of this process, as ``--log-format json --log-level debug`` writes
    them (``tests/conftest.py`` puts the logging set-up back after the test)."""
    stream = io.StringIO()
    logs.configure("json", "DEBUG", stream=stream)
    return stream


def _wait_for_end(api: httpx.Client, router_id: str, key: str) -> dict[str, object]:
    import time

    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        for job in api.get(f"/api/routers/{router_id}/jobs").json()["data"]:
            if job["idempotency_key"] == key and job["status"] in ("completed", "failed"):
                detail: dict[str, object] = api.get(
                    f"/api/routers/{router_id}/jobs/{job['id']}"
                ).json()["data"]
                return detail
        time.sleep(0.1)
    raise AssertionError(f"job {key} never ended")


def test_a_whole_system_logs_json_lines_without_a_secret(captured: io.StringIO) -> None:
    with SystemThread(System(routers=2, poll_interval=0.5, log_level="debug")) as system:
        secrets = {"API key": system.api_key, "admin token": system.admin_token}
        for router in system.routers:
            secrets[f"{router.name} password"] = router.password
            secrets[f"{router.name} tunnel token"] = router.tunnel_token
        headers = {"Authorization": f"Bearer {system.api_key}"}
        with httpx.Client(base_url=system.base_url, headers=headers, timeout=WAIT) as api:
            keys = {}
            for router in system.routers:
                answer = api.post(
                    f"/api/asynchronous/{router.router_id}",
                    json={
                        "description": "logged",
                        "script": ':put "logged"',
                        "make_backup": True,
                        "express_execute": True,
                        "needs_acknowledgement": True,
                        "notify_url": system.notify_sink_url,
                    },
                )
                assert answer.status_code == 200
                keys[router.router_id] = (
                    answer.json()["data"]["idempotency_key"],
                    answer.headers["X-Request-ID"],
                )
                sync = api.post(
                    f"/api/synchronous/{router.router_id}", json={"command": "/ip/address/print"}
                )
                assert sync.status_code == 200
            jobs = {rid: _wait_for_end(api, rid, key) for rid, (key, _) in keys.items()}
        with httpx.Client(base_url=system.base_url, timeout=WAIT) as browser:
            form = browser.get("/console/sign-in").text
            csrf = re.search(r'name="csrf" value="([^"]+)"', form)
            assert csrf is not None
            signed = browser.post(
                "/console/sign-in", data={"csrf": csrf[1], "credential": system.api_key}
            )
            assert signed.status_code == 303
            assert browser.get("/console/jobs").status_code == 200

    text = captured.getvalue()
    lines = [json.loads(line) for line in text.splitlines()]
    assert len(lines) > 20
    assert all({"time", "level", "logger", "message"} <= line.keys() for line in lines)
    assert {line["level"] for line in lines} >= {"debug", "info"}
    for what, secret in secrets.items():
        assert secret not in text, f"the {what} was logged"
    for router_id, (_, request_id) in keys.items():
        submitted = [line for line in lines if line.get("request_id") == request_id]
        assert any("POST /api/asynchronous/{router_id}" in line["message"] for line in submitted)
        assert jobs[router_id]["request_id"] == request_id
        assert any(line.get("router_id") == router_id for line in lines)
    job_ids = {str(job["id"]) for job in jobs.values()}
    assert job_ids <= {line.get("job_id") for line in lines}


def test_credentials_in_a_message_are_masked() -> None:
    record = logging.LogRecord(
        "tikjobs.test", logging.INFO, __file__, 1,
        "sent Authorization: Bearer abc:def:ghi with password=hunter2 and token: xyz", None, None,
    )  # fmt: skip
    line = json.loads(logs.JsonFormatter().format(record))
    for secret in ("abc:def:ghi", "hunter2", "xyz"):
        assert secret not in line["message"]
    assert line["message"].startswith("sent Authorization: ")
    assert logs.MASK in line["message"]
    masked = logs.mask_secrets("login password=hunter2 token: xyz done")
    assert masked == f"login password={logs.MASK} token: {logs.MASK} done"


@pytest.mark.parametrize("command", ["emulator", "sim"])
def test_a_command_started_with_log_format_json_writes_only_json_lines(
    command: str, tmp_path: Path
) -> None:
    arguments = {
        "emulator": ["--port", "0", "--db", str(tmp_path / "t.db"), "--admin-token", "a" * 32],
        "sim": ["--api-port", "0", "--ssh-port", "0"],
    }[command]
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "tikjobs.cli", command, *arguments,
         "--log-format", "json", "--log-level", "info"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert "listening" in first
    finally:
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=WAIT)
    lines = [json.loads(line) for line in errors.splitlines() if line.strip()]
    if command == "emulator":
        assert any("startup complete" in line["message"] for line in lines)
    assert all({"time", "level", "logger", "message"} <= line.keys() for line in lines)
