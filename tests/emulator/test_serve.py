"""``tikjobs emulator`` as a real subprocess: it prints its URL and answers, keeps what it
answered 2xx for across a kill, refuses unsafe or unusable settings with a clear message,
and stops cleanly on Ctrl-C (status 130, as shells report an interrupt)."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from pydantic import ValidationError

from tests.emulator.api_harness import SEED_JOB, ok
from tests.emulator.tunnel_agent import ScriptedAgent
from tikjobs.contracts.api import JobStatus, Notification
from tikjobs.contracts.tunnel import JobOffer, Poll
from tikjobs.emulator import serve
from tikjobs.emulator.notifications.signing import verify
from tikjobs.emulator.settings import DEFAULT_ADMIN_TOKEN, Settings
from tikjobs.sink import NotificationSink, SinkCertificate

TIKJOBS = str(Path(sys.executable).parent / "tikjobs")
TOKEN = "serve-test-admin-token"
WAIT = 20.0
"""Bound on a subprocess starting or stopping (imports included) on a busy machine."""


def clean_environment(**extra: str) -> dict[str, str]:
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("TIKJOBS_")
    }
    environment.update(extra)
    return environment


class Emulator:
    """A running ``tikjobs emulator`` process and what it printed."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def url(self) -> str:
        """The URL from the ``listening on`` line."""
        while True:
            line = self.lines.get(timeout=WAIT)
            if line is None:
                raise AssertionError(f"exited before listening: {self.stop_output()}")
            if "listening on" in line:
                return line.rsplit(" ", 1)[1].strip()

    def interrupt(self) -> int:
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(WAIT)

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(WAIT)

    def stop_output(self) -> str:
        if self.process.poll() is None:
            self.process.kill()
        _, stderr = self.process.communicate(timeout=WAIT)
        return stderr


@contextmanager
def tikjobs_emulator(*arguments: str, env: dict[str, str] | None = None) -> Iterator[Emulator]:
    process = subprocess.Popen(  # noqa: S603 - the project's own console script
        [TIKJOBS, "emulator", "--port", "0", "--log-level", "warning", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env or clean_environment(),
    )
    running = Emulator(process)
    try:
        yield running
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(WAIT)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def run_to_exit(
    *arguments: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - the project's own console script
        [TIKJOBS, "emulator", *arguments],
        capture_output=True,
        text=True,
        timeout=WAIT,
        env=env or clean_environment(),
        check=False,
    )


def admin_headers(token: str = TOKEN) -> dict[str, str]:
    return {"X-Emulator-Admin-Token": token}


def set_up_account(client: httpx.Client) -> tuple[str, str]:
    """A customer with a key and a router; answers (api key, router id)."""
    customer = ok(client.post("/_emulator/customers", headers=admin_headers()))
    key = ok(
        client.post(f"/_emulator/customers/{customer['customer_id']}/keys", headers=admin_headers())
    )
    router = ok(
        client.post(
            "/_emulator/routers",
            json={"customer_id": customer["customer_id"]},
            headers=admin_headers(),
        )
    )
    return key["api_key"], router["router_id"]


def test_it_prints_its_url_answers_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    database = tmp_path / "tikjobs.db"
    with tikjobs_emulator("--db", str(database), "--admin-token", TOKEN) as emulator:
        url = emulator.url()
        assert url.startswith("http://127.0.0.1:")
        with httpx.Client(base_url=url, timeout=WAIT) as client:
            assert client.get("/openapi.json").status_code == 200
            api_key, _ = set_up_account(client)
            assert ok(client.get("/api/routers", headers={"Authorization": f"Bearer {api_key}"}))
        assert emulator.interrupt() == 130
        assert "Traceback" not in emulator.stop_output()
    assert database.exists()


def test_a_request_cut_short_does_not_keep_it_from_stopping(tmp_path: Path) -> None:
    arguments = ["--db", str(tmp_path / "tikjobs.db"), "--admin-token", TOKEN]
    with tikjobs_emulator(*arguments, "--shutdown-grace", "1") as emulator:
        url = urlsplit(emulator.url())
        assert url.hostname is not None
        assert url.port is not None
        with socket.create_connection((url.hostname, url.port), timeout=WAIT) as stalled:
            stalled.sendall(
                b"POST /_emulator/customers HTTP/1.1\r\nHost: emulator\r\n"
                + f"X-Emulator-Admin-Token: {TOKEN}\r\n".encode()
                + b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                + b'{"name": "the rest never comes'
            )
            with httpx.Client(base_url=url.geturl(), timeout=WAIT) as client:
                assert client.get("/openapi.json").status_code == 200

            assert emulator.interrupt() == 130
            answer = stalled.makefile("rb").read()

    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 503 ")
    assert json.loads(body)["code"] == "shutting_down"


@pytest.mark.parametrize("access_log", [False, True])
def test_requests_are_logged_a_line_each_only_with_access_log(
    tmp_path: Path, access_log: bool
) -> None:
    arguments = ["--db", str(tmp_path / "tikjobs.db"), "--admin-token", TOKEN]
    arguments += ["--log-level", "info", *(["--access-log"] if access_log else [])]
    with tikjobs_emulator(*arguments) as emulator:
        url = emulator.url()
        with httpx.Client(base_url=url, timeout=WAIT) as client:
            for _ in range(3):
                assert client.get("/openapi.json").status_code == 200
        assert emulator.interrupt() == 130
        printed = emulator.stop_output()
        while (line := emulator.lines.get(timeout=WAIT)) is not None:
            printed += line
    assert printed.count('"GET /openapi.json HTTP/1.1" 200') == (3 if access_log else 0)


def test_what_was_answered_survives_a_kill(tmp_path: Path) -> None:
    database = tmp_path / "tikjobs.db"
    arguments = ("--db", str(database), "--admin-token", TOKEN)
    with tikjobs_emulator(*arguments) as emulator:
        with httpx.Client(base_url=emulator.url(), timeout=WAIT) as client:
            api_key, router_id = set_up_account(client)
            auth = {"Authorization": f"Bearer {api_key}", "Idempotency-Key": "order-1"}
            first = client.post(f"/api/asynchronous/{router_id}", json=SEED_JOB, headers=auth)
            ok(first)
        emulator.kill()

    with tikjobs_emulator(*arguments) as emulator:
        with httpx.Client(base_url=emulator.url(), timeout=WAIT) as client:
            jobs = ok(client.get(f"/api/routers/{router_id}/jobs", headers=auth))
            replay = client.post(f"/api/asynchronous/{router_id}", json=SEED_JOB, headers=auth)
    assert [job["status"] for job in jobs] == ["pending"]
    assert replay.content == first.content
    assert replay.headers["Idempotent-Replayed"] == "true"


def test_without_an_admin_token_it_refuses_to_start(tmp_path: Path) -> None:
    result = run_to_exit("--port", "0", "--db", str(tmp_path / "x.db"))
    assert result.returncode == 2
    assert "admin_token" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.db").exists()


def test_development_mode_accepts_the_default_token(tmp_path: Path) -> None:
    with tikjobs_emulator("--db", str(tmp_path / "x.db"), "--dev") as emulator:
        url = emulator.url()
        with httpx.Client(base_url=url, timeout=WAIT) as client:
            ok(client.get("/_emulator/faults", headers=admin_headers(DEFAULT_ADMIN_TOKEN)))


def test_the_environment_supplies_settings(tmp_path: Path) -> None:
    environment = clean_environment(
        TIKJOBS_ADMIN_TOKEN="token-from-the-environment",
        TIKJOBS_DB_PATH=str(tmp_path / "from-env.db"),
    )
    with tikjobs_emulator(env=environment) as emulator:
        url = emulator.url()
        with httpx.Client(base_url=url, timeout=WAIT) as client:
            ok(client.get("/_emulator/faults", headers=admin_headers("token-from-the-environment")))
    assert (tmp_path / "from-env.db").exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--db", "/nonexistent-directory/x.db"), "directory of --db does not exist"),
        (("--poll-interval", "0"), "default_poll_interval"),
        (("--rate-limit", "0"), "rate_limit"),
        (("--port", "70000"), "port"),
    ],
)
def test_unusable_settings_are_refused_clearly(
    tmp_path: Path, arguments: tuple[str, ...], message: str
) -> None:
    base = ("--admin-token", TOKEN, "--db", str(tmp_path / "x.db"))
    result = run_to_exit(*base, *arguments)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_port_in_use_is_reported(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = run_to_exit("--admin-token", TOKEN, "--db", str(tmp_path / "x.db"), "--port", port)
    assert result.returncode != 0
    assert "could not start" in result.stderr


# -- arguments to settings, without a process ------------------------------------------------


def parse(*arguments: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    serve.add_arguments(parser)
    return parser.parse_args(arguments)


def settings_of(*arguments: str, **environment: str) -> Settings:
    with pytest.MonkeyPatch.context() as patch:
        for key in list(os.environ):
            if key.startswith("TIKJOBS_"):
                patch.delenv(key)
        for key, value in environment.items():
            patch.setenv(key, value)
        return serve.settings_from(parse("--admin-token", TOKEN, *arguments))


def test_rate_limit_without_a_number_is_the_documented_60_per_minute() -> None:
    assert settings_of().rate_limit is None
    assert settings_of("--rate-limit").rate_limit == 60
    assert settings_of("--rate-limit", "5").rate_limit == 5


def test_arguments_win_over_the_environment(tmp_path: Path) -> None:
    settings = settings_of("--port", "9999", TIKJOBS_PORT="8888", TIKJOBS_HOST="127.0.0.2")
    assert (settings.host, settings.port) == ("127.0.0.2", 9999)


def test_notification_options_reach_the_settings(tmp_path: Path) -> None:
    settings = settings_of(
        "--notify-allow-host",
        "127.0.0.1",
        "--notify-allow-host",
        "sink.test",
        "--notify-allow-http",
        "--notify-retry-scale",
        "0.001",
        "--notify-concurrency",
        "64",
    )
    assert settings.notify_allow_hosts == ["127.0.0.1", "sink.test"]
    assert settings.notify_concurrency == 64
    assert settings.notify_allow_http is True
    assert settings.notify_retry_scale == 0.001


@pytest.mark.parametrize("token", ["", "   ", DEFAULT_ADMIN_TOKEN, "changeme", "admin"])
def test_weak_admin_tokens_are_refused_outside_development(token: str) -> None:
    with pytest.raises(ValidationError, match="admin_token"):
        Settings(admin_token=token)


def test_an_empty_token_is_refused_even_in_development() -> None:
    with pytest.raises(ValidationError, match="admin_token"):
        Settings(admin_token="", development=True)


def test_idempotency_keys_are_kept_at_least_a_day() -> None:
    with pytest.raises(ValidationError, match="idempotency_ttl"):
        Settings(admin_token=TOKEN, idempotency_ttl=3600)
    assert Settings(admin_token=TOKEN).idempotency_ttl >= 24 * 3600


def test_settings_are_not_shown_with_the_secret() -> None:
    settings: Any = Settings(admin_token=TOKEN)
    assert TOKEN not in repr(settings)


# -- a kill with jobs and notifications pending ------------------------------------------------


async def set_up_customer(client: httpx.AsyncClient) -> tuple[str, str, str, str]:
    """A customer with a key and a router; answers (api key, router id, tunnel token,
    webhook secret)."""
    headers = admin_headers()
    customer = ok(await client.post("/_emulator/customers", headers=headers))
    key = ok(
        await client.post(f"/_emulator/customers/{customer['customer_id']}/keys", headers=headers)
    )
    body = {"customer_id": customer["customer_id"]}
    router = ok(await client.post("/_emulator/routers", json=body, headers=headers))
    return key["api_key"], router["router_id"], router["tunnel_token"], customer["webhook_secret"]


async def failed_attempts(client: httpx.AsyncClient) -> dict[str, int]:
    """Failed delivery attempts per notification URL path, from the delivery log."""
    log = ok(await client.get("/_emulator/notifications", headers=admin_headers()))
    failed: dict[str, int] = {}
    for entry in log:
        assert not entry["delivered"], entry
        path = urlsplit(entry["url"]).path
        failed[path] = failed.get(path, 0) + 1
    return failed


@pytest.mark.anyio
async def test_pending_jobs_and_notifications_outlive_a_kill(tmp_path: Path) -> None:
    """Kill -9 with a job running, a deletion notified but refused once by the receiver,
    and a job waiting for its poll; restarted on the same database, every notification is
    delivered in order and both jobs run to their end."""
    certificate = SinkCertificate.create(tmp_path)
    arguments = (
        "--db",
        str(tmp_path / "tikjobs.db"),
        "--admin-token",
        TOKEN,
        "--notify-ca-bundle",
        str(certificate.cert_path),
        "--notify-allow-host",
        "127.0.0.1",
        "--notify-retry-scale",
        "0.2",
    )
    async with NotificationSink(None, certificate) as sink:
        sink.answer([503], path="/running")
        sink.answer([503], path="/deleted")
        with tikjobs_emulator(*arguments) as first:
            url = await asyncio.to_thread(first.url)
            async with httpx.AsyncClient(base_url=url, timeout=WAIT) as client:
                api_key, router_id, token, secret = await set_up_customer(client)
                auth = {"Authorization": f"Bearer {api_key}"}

                async def submit(path: str, express: bool) -> str:
                    body = {
                        **SEED_JOB,
                        "description": path.strip("/"),
                        "express_execute": express,
                        "needs_acknowledgement": True,
                        "notify_url": sink.url_for(path=path),
                    }
                    submitted = await client.post(
                        f"/api/asynchronous/{router_id}", json=body, headers=auth
                    )
                    ok(submitted)
                    jobs = ok(await client.get(f"/api/routers/{router_id}/jobs", headers=auth))
                    return str(jobs[0]["id"])

                agent = ScriptedAgent(url.replace("http://", "ws://") + "/tunnel", token)
                try:
                    await agent.connect()
                    running_id = await submit("/running", express=True)
                    offer = await agent.expect(JobOffer)
                    await agent.report(offer, JobStatus.LOADED)
                    await agent.report(offer, JobStatus.RUNNING)
                finally:
                    await agent.close()
                deleted_id = await submit("/deleted", express=False)
                deleted = await client.delete(
                    f"/api/routers/{router_id}/jobs/{deleted_id}", headers=auth
                )
                ok(deleted)
                waiting_id = await submit("/waiting", express=False)

                deadline = time.monotonic() + WAIT
                while (failed := await failed_attempts(client)) != {"/running": 1, "/deleted": 1}:
                    assert time.monotonic() < deadline, failed
                    await asyncio.sleep(0.02)
            first.kill()
        before_restart = len(sink.received)

        with tikjobs_emulator(*arguments) as second:
            url = await asyncio.to_thread(second.url)
            agent = ScriptedAgent(url.replace("http://", "ws://") + "/tunnel", token)
            try:
                await agent.connect()
                again = await agent.expect(JobOffer)
                await agent.report(again, JobStatus.COMPLETED, output="finished after the kill")
                await agent.send(Poll())
                polled = await agent.expect(JobOffer)
                await agent.run(polled)
            finally:
                await agent.close()
            received = await sink.wait_for(lambda got: len(got) >= before_restart + 7)
            async with httpx.AsyncClient(base_url=url, timeout=WAIT) as client:
                jobs = ok(await client.get(f"/api/routers/{router_id}/jobs", headers=auth))

    assert before_restart == 2
    assert (again.job_id, again.idempotency_key) == (offer.job_id, offer.idempotency_key)
    assert polled.job_id == waiting_id
    assert {job["id"]: job["status"] for job in jobs} == {
        running_id: "completed",
        deleted_id: "deleted",
        waiting_id: "completed",
    }
    by_path: dict[str, list[Notification]] = {}
    for item in received:
        verify(secret, item.headers, item.body)
        by_path.setdefault(item.target, []).append(Notification.model_validate_json(item.body))
    statuses = {path: [n.status.value for n in sent] for path, sent in by_path.items()}
    assert statuses == {
        "/running": ["loaded", "loaded", "running", "completed"],
        "/deleted": ["deleted", "deleted"],
        "/waiting": ["loaded", "running", "completed"],
    }
    assert len({n.seq_id for sent in by_path.values() for n in sent}) == 7
    for sent in by_path.values():
        seq_ids = [n.seq_id for n in sent]
        assert seq_ids == sorted(seq_ids)


def test_the_rate_limit_option_limits_each_key(tmp_path: Path) -> None:
    arguments = ("--db", str(tmp_path / "x.db"), "--admin-token", TOKEN, "--rate-limit", "3")
    with (
        tikjobs_emulator(*arguments) as emulator,
        httpx.Client(base_url=emulator.url(), timeout=WAIT) as client,
    ):
        limited, _ = set_up_account(client)
        other, _ = set_up_account(client)
        answers = [
            client.get("/api/routers", headers={"Authorization": f"Bearer {limited}"})
            for _ in range(4)
        ]
        unaffected = client.get("/api/routers", headers={"Authorization": f"Bearer {other}"})
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert int(answers[-1].headers["Retry-After"]) >= 1
    assert answers[-1].json()["code"] == "rate_limited"
    assert unaffected.status_code == 200
