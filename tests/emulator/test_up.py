"""``tikjobs up`` as a real process, driven over HTTP as a newcomer or a script would: the
seed's three examples, a failing script, a job with a backup, deleting a pending job, a
job that waits for its router's check-in while an express one does not, the printed curl
lines pasted into a shell, and Ctrl-C stopping everything with status 0."""

from __future__ import annotations

import hashlib
import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.emulator.system_client import (
    WAIT,
    SystemClient,
    assert_reported_once,
    statuses_of,
)
from tikjobs import cli

pytestmark = pytest.mark.anyio

TIKJOBS = str(Path(sys.executable).parent / "tikjobs")
SEED_ARP_FIELDS = {
    "id",
    "address",
    "mac_address",
    "interface",
    "published",
    "invalid",
    "DHCP",
    "dynamic",
    "complete",
    "disabled",
}


def clean_environment() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if not key.startswith("TIKJOBS_")}


class Up:
    """A running ``tikjobs up`` process; its standard output is read line by line."""

    def __init__(self, *arguments: str, stderr: Path) -> None:
        self.stderr_path = stderr
        with stderr.open("wb") as errors:
            self.process = subprocess.Popen(  # noqa: S603 - the project's own console script
                [TIKJOBS, "up", "--port", "0", *arguments],
                stdout=subprocess.PIPE,
                stderr=errors,
                text=True,
                env=clean_environment(),
            )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def line_where(self, check: Callable[[str], bool]) -> str:
        """The next line of output for which ``check`` holds."""
        while True:
            try:
                line = self.lines.get(timeout=WAIT)
            except queue.Empty:
                raise AssertionError(f"no such line within {WAIT} s; saw {self.seen}") from None
            if line is None:
                raise AssertionError(f"tikjobs up ended: {self.stderr_path.read_text()}")
            self.seen.append(line)
            if check(line):
                return line

    def description(self) -> dict[str, Any]:
        first = self.line_where(lambda line: True)
        described: dict[str, Any] = json.loads(first)
        return described

    def interrupt(self) -> int:
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(WAIT)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(WAIT)
        self._reader.join(WAIT)
        if self.process.stdout is not None:
            self.process.stdout.close()


@pytest.fixture(scope="module")
def up(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One ``tikjobs up --print-json`` for the module: four routers that check in only when
    told to, so each test has a router of its own and jobs wait unless express."""
    stderr = tmp_path_factory.mktemp("up") / "stderr.txt"
    running = Up("--print-json", "--routers", "4", "--poll-interval", "3600", stderr=stderr)
    try:
        yield running.description()
        assert running.interrupt() == 0, stderr.read_text()
    finally:
        running.close()


@pytest.fixture
async def client(up: dict[str, Any]) -> AsyncIterator[SystemClient]:
    async with SystemClient(up) as running:
        yield running


async def test_the_seeds_synchronous_examples(client: SystemClient) -> None:
    router_id = client.router_ids[0]

    arp = await client.rows(router_id, "/ip/arp/print")
    executed = await client.rows(
        router_id,
        "/execute",
        "=script=/ip address add address=192.168.99.1/24 interface=ether1 disabled=no",
    )
    addresses = await client.rows(router_id, "/ip/address/print")

    assert arp
    assert all(set(row) == SEED_ARP_FIELDS for row in arp)
    assert all(isinstance(value, str) for row in arp for value in row.values())
    assert all(row["id"].startswith("*") for row in arp)
    assert {row["dynamic"] for row in arp} <= {"true", "false"}
    assert [row["ret"].startswith("*") for row in executed] == [True]
    [added] = [row for row in addresses if row["address"] == "192.168.99.1/24"]
    assert added["interface"] == "ether1"
    assert added["disabled"] == "false"


async def test_the_seeds_asynchronous_example_waits_for_the_check_in_then_logs_and_notifies(
    client: SystemClient,
) -> None:
    router_id, other_router = client.router_ids[1], client.router_ids[2]
    submitted = await client.submit(router_id, ":log info test", express=False, needs_ack=False)
    key = submitted["idempotency_key"]
    express = await client.submit(other_router, ':put "at once"', express=True)

    express_job = await client.wait_for_status(other_router, express["idempotency_key"])
    waiting = await client.job(router_id, key)
    assert await client.poll(router_id)
    job = await client.wait_for_status(router_id, key)
    notifications = await client.notified_until(job["id"], "completed")
    log = await client.rows(router_id, "/log/print")

    assert submitted["target"] == router_id
    assert submitted["notify_url"] == client.sink_url
    assert express_job["status"] == "completed"
    assert waiting["status"] == "pending"
    assert job["status"] == "completed"
    assert statuses_of(notifications) == ["loaded", "completed"]
    assert_reported_once(notifications, "completed")
    assert all(item["headers"]["webhook-signature"].startswith("v1,") for item in notifications)
    assert notifications[0]["payload"]["needs_acknowledgement"] is False
    assert [row for row in log if row["message"] == "test" and "info" in row["topics"]]


async def test_a_failing_script_fails_with_the_routers_message(client: SystemClient) -> None:
    router_id = client.router_ids[2]
    submitted = await client.submit(
        router_id, ':put "first"\n/ip address add address=10.66.0.1/24 interface=nowhere'
    )

    job = await client.wait_for_status(router_id, submitted["idempotency_key"])
    notifications = await client.notified_until(job["id"], "failed")

    assert job["status"] == "failed"
    assert job["error"].splitlines()[-1] == "input does not match any value of interface"
    assert statuses_of(notifications) == ["loaded", "running", "failed"]
    assert_reported_once(notifications, "failed")
    assert notifications[-1]["payload"]["failed_at"] is not None


async def test_a_job_with_a_backup_leaves_a_downloadable_backup_and_export(
    client: SystemClient,
) -> None:
    router_id = client.router_ids[2]
    submitted = await client.submit(
        router_id, "/ip address add address=10.77.0.1/24 interface=ether2", make_backup=True
    )

    job = await client.wait_for_status(router_id, submitted["idempotency_key"])
    listed = (await client.http.get(f"/api/routers/{router_id}/backups")).json()["data"]
    files = {item["kind"]: item for item in job["backup"]}
    export = await client.http.get(f"/api/routers/{router_id}/backups/{files['export']['name']}")
    backup = await client.http.get(f"/api/routers/{router_id}/backups/{files['backup']['name']}")

    assert job["status"] == "completed"
    assert job["make_backup"] is True
    assert set(files) == {"backup", "export"}
    assert {item["name"] for item in listed} >= {item["name"] for item in job["backup"]}
    assert export.status_code == backup.status_code == 200
    assert re.match(r"^# .* by RouterOS ", export.text)
    assert "10.77.0.1/24" not in export.text
    assert hashlib.sha256(backup.content).hexdigest() == files["backup"]["sha256"]
    assert backup.headers["etag"] == f'"{files["backup"]["sha256"]}"'
    assert len(backup.content) == files["backup"]["size"]


async def test_a_pending_job_deleted_never_runs_and_its_deletion_is_notified(
    client: SystemClient,
) -> None:
    router_id = client.router_ids[3]
    submitted = await client.submit(router_id, ":log info deleted-job-ran", express=False)
    pending = await client.job(router_id, submitted["idempotency_key"])

    deleted = await client.http.delete(f"/api/routers/{router_id}/jobs/{pending['id']}")
    notifications = await client.notified_until(pending["id"], "deleted")
    assert await client.poll(router_id)
    after = await client.submit(router_id, ':put "after"')
    later = await client.wait_for_status(router_id, after["idempotency_key"])
    log = await client.rows(router_id, "/log/print")

    assert pending["status"] == "pending"
    assert deleted.status_code == 200, deleted.text
    assert deleted.json()["data"]["status"] == "deleted"
    assert statuses_of(notifications) == ["deleted"]
    assert_reported_once(notifications, "deleted")
    assert later["status"] == "completed"
    assert (await client.job(router_id, submitted["idempotency_key"]))["status"] == "deleted"
    assert not [row for row in log if row["message"] == "deleted-job-ran"]


# -- its own processes -------------------------------------------------------------------


def children_of(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def _refused(url: str) -> bool:
    host, port = url.split("//", 1)[1].split("/", 1)[0].rsplit(":", 1)
    try:
        socket.create_connection((host, int(port)), timeout=2.0).close()
    except OSError:
        return True
    return False


def test_ctrl_c_stops_everything_with_status_0(tmp_path: Path) -> None:
    running = Up("--print-json", "--routers", "1", stderr=tmp_path / "stderr.txt")
    try:
        described = running.description()
        children = children_of(running.process.pid)
        status = running.interrupt()
    finally:
        running.close()

    assert status == 0
    assert not [pid for pid in children if Path(f"/proc/{pid}").exists()]
    urls = [described["base_url"], described["notify_sink_url"]]
    urls += [f"http://{r['api_host']}:{r['api_port']}" for r in described["routers"]]
    assert all(_refused(url) for url in urls)
    assert not Path(described["notify_sink_ca"]).parent.exists()


@pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl")
def test_the_printed_curl_lines_work_when_pasted_and_notifications_are_printed(
    tmp_path: Path,
) -> None:
    running = Up("--routers", "1", "--poll-interval", "0.5", stderr=tmp_path / "stderr.txt")
    try:
        running.line_where(lambda line: line.startswith("Try it on"))
        running.line_where(lambda line: line == "Notifications:")
        seen = running.seen
        try_it = next(i for i, line in enumerate(seen) if line.startswith("Try it on"))
        script = "\n".join(seen[try_it + 1 : seen.index("Notifications:")])
        pasted = subprocess.run(  # noqa: S603 - bash running what tikjobs up printed
            ["/bin/bash", "-c", f"set -e\n{script}"],
            capture_output=True,
            text=True,
            timeout=WAIT,
            check=False,
        )
        loaded = running.line_where(lambda line: "loaded: job" in line)
        completed = running.line_where(lambda line: "completed: job" in line)
        [console] = [line.split()[1] for line in seen if line.startswith("  console ")]
        sign_in = httpx.get(console, follow_redirects=True, timeout=WAIT)
        status = running.interrupt()
    finally:
        running.close()

    assert sign_in.status_code == 200
    assert '<form method="post" action="/console/sign-in">' in sign_in.text
    assert pasted.returncode == 0, pasted.stderr
    answers = [json.loads(line) for line in pasted.stdout.splitlines()]
    arp, executed, addresses, submitted, jobs, _sink = answers
    assert arp["status"] == executed["status"] == addresses["status"] == "success"
    assert set(arp["data"][0]) == SEED_ARP_FIELDS
    assert "192.168.99.1/24" in [row["address"] for row in addresses["data"]]
    assert submitted["data"]["idempotency_key"] == jobs["data"][0]["idempotency_key"]
    assert "(signature valid)" in loaded
    assert "(signature valid)" in completed
    assert status == 0


def test_a_port_in_use_ends_it_with_a_clear_message(tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = subprocess.run(  # noqa: S603 - the project's own console script
            [TIKJOBS, "up", "--port", str(port), "--routers", "1"],
            capture_output=True,
            text=True,
            timeout=WAIT,
            env=clean_environment(),
            check=False,
        )

    assert result.returncode == 1
    assert f"tikjobs up: cannot listen on 127.0.0.1:{port}" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--routers", "0"], "argument --routers: 0 is not between 1 and 200"),
        (["--port", "70000"], "argument --port: 70000 is not a TCP port"),
        (["--poll-interval", "0"], "argument --poll-interval: 0 is not a positive number"),
        (["--db", "/no/such/directory/x.db"], "the directory of --db does not exist"),
    ],
)
def test_unusable_arguments_are_refused(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status: int | str | None
    try:
        status = cli.main(["up", *arguments])
    except SystemExit as exit_:
        status = exit_.code

    assert status == 2
    assert message in capsys.readouterr().err
