"""The whole system as real processes, for crash-point tests: ``tikjobs emulator``,
``tikjobs sim`` and ``tikjobs agent``, each started through `tests.crash.bootstrap` so a
test can freeze it at a named step, ``kill -9`` any of them and start it again on the
same ports and state; and an HTTPS notification sink in the test's own process.

`Cluster` is an async context manager. Parts (`Part`) are killed with ``SIGKILL`` and
restarted by `Cluster.kill` and `Cluster.start`; a router's "reboot" is a ``kill -9`` of
its simulator process (a power cut: what the device had saved of its state survives,
its running scripts do not) and a start on the same ``--state-dir`` and ports.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import json
import os
import random
import signal
import socket
import sys
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import librouteros

from tikjobs.agent import markers
from tikjobs.contracts.steps import Step
from tikjobs.emulator.notifications import signing
from tikjobs.sink import NotificationSink, ReceivedNotification, SinkCertificate

ROOT = Path(__file__).resolve().parents[2]
ADMIN_TOKEN = "crash-tests-admin-token-7f1d9a"
PASSWORD = "crash-secret"
READY = 30.0
"""Seconds a process has to come up; reached only when something is broken."""

AGENT_OPTIONS = {
    "connect-timeout": "3",
    "backup-timeout": "10",
    "router-check-interval": "0.5",
    "reconnect-min": "0.05",
    "reconnect-max": "0.5",
}
"""The agent's quick settings: how fast it notices a router or a cloud that came back."""
EMULATOR_OPTIONS = {"job-timeout": "300", "notify-retry-scale": "0.01"}
POLL_INTERVAL = 0.5
HEARTBEAT = "1"
LAUNCH_WITHOUT = (
    "import runpy, sys; sys.modules.update(dict.fromkeys({names!r}));"
    " runpy.run_module('tests.crash.bootstrap', run_name='__main__', alter_sys=True)"
)
"""``python -c`` code that runs `tests.crash.bootstrap` with the named modules unimportable:
a ``None`` in ``sys.modules`` fails their import and makes ``importlib.util.find_spec``
answer None, just as when they are not installed."""


class Part(enum.Enum):
    """A part of the system a test can crash."""

    AGENT = "agent"
    EMULATOR = "emulator"
    ROUTER = "router"


@dataclass
class Process:
    """One part's process: how to start it, and the running one."""

    name: str
    arguments: list[str]
    ready_line: str
    log: Path
    environment: dict[str, str] = field(default_factory=dict)
    process: asyncio.subprocess.Process | None = None

    @property
    def pid(self) -> int | None:
        return None if self.process is None else self.process.pid


@dataclass(frozen=True)
class Reached:
    """A process froze at a step."""

    pid: int
    step: Step
    key: str


@dataclass
class RouterUnderTest:
    router_id: str
    tunnel_token: str
    api_port: int
    ssh_port: int


class Cluster:
    """Emulator, simulated routers and one agent process for them, plus a sink."""

    def __init__(
        self,
        workdir: Path,
        *,
        routers: int = 1,
        database: str | None = None,
        agent_options: dict[str, str] | None = None,
        without: Sequence[str] = (),
    ) -> None:
        """``without``: modules every process starts unable to import, as on a platform
        that has no wheel for them (`LAUNCH_WITHOUT`)."""
        self.workdir = workdir
        self.without = tuple(without)
        self.agent_options = {**AGENT_OPTIONS, **(agent_options or {})}
        self.database = database or str(workdir / "tikjobs.db")
        self.router_count = routers
        self.plan = workdir / "plan.json"
        self.reached = workdir / "reached.jsonl"
        self._reached_read = 0
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.api_port, self.ssh_port = _free_port_run(routers), _free_port_run(routers)
        self.routers: list[RouterUnderTest] = []
        self.processes: dict[Part, Process] = {}
        self.api_key = ""
        self.webhook_secret = signing.new_secret()
        self.sink: NotificationSink | None = None
        self.http = httpx.AsyncClient(base_url=self.base_url, timeout=15.0)
        self._stack = contextlib.AsyncExitStack()

    # -- life cycle ---------------------------------------------------------------------

    async def __aenter__(self) -> Cluster:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.disarm()
        certificate = SinkCertificate.create(self.workdir)
        self.sink = await self._stack.enter_async_context(
            NotificationSink(self.webhook_secret, certificate)
        )
        self.processes[Part.EMULATOR] = Process(
            "emulator",
            [
                "emulator", "--host", "127.0.0.1", "--port", str(self.port),
                "--db", self.database, "--admin-token", ADMIN_TOKEN,
                "--notify-allow-host", "127.0.0.1",
                "--notify-ca-bundle", str(certificate.cert_path),
                "--log-level", "warning",
                *_flags(EMULATOR_OPTIONS),
            ],
            "tikjobs emulator listening on",
            self.workdir / "emulator.log",
            {"TIKJOBS_HEARTBEAT_INTERVAL": HEARTBEAT},
        )  # fmt: skip
        self.processes[Part.ROUTER] = Process(
            "sim",
            [
                "sim", "--api-port", str(self.api_port), "--ssh-port", str(self.ssh_port),
                "--password", PASSWORD, "--count", str(self.router_count),
                "--state-dir", str(self.workdir / "routers"),
            ],
            "sim listening",
            self.workdir / "sim.log",
        )  # fmt: skip
        await self.start(Part.EMULATOR)
        await self.start(Part.ROUTER)
        await self._set_up()
        self.processes[Part.AGENT] = Process(
            "agent",
            [
                "agent",
                "--config",
                str(self._agent_config()),
                "--insecure",
                "--log-level",
                "warning",
            ],
            "tikjobs agent serving",
            self.workdir / "agent.log",
        )
        await self.start(Part.AGENT)
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        for part in (Part.AGENT, Part.ROUTER, Part.EMULATOR):
            await self.kill(part)
        await self.http.aclose()
        await self._stack.aclose()

    async def start(self, part: Part, *, online: bool = True) -> float:
        """Start the part's process and wait until it serves (the agent, unless told
        ``online=False``: every router online again in the cloud); answers the monotonic
        time it said it was serving."""
        entry = self.processes[part]
        offset = entry.log.stat().st_size if entry.log.exists() else 0
        log = entry.log.open("ab")
        environment = {**os.environ, "PYTHONUNBUFFERED": "1", **entry.environment}
        launch = (
            ["-c", LAUNCH_WITHOUT.format(names=self.without)]
            if self.without
            else ["-m", "tests.crash.bootstrap"]
        )
        entry.process = await asyncio.create_subprocess_exec(
            sys.executable, *launch, str(self.plan), str(self.reached), *entry.arguments,
            cwd=ROOT, stdout=log, stderr=log, env=environment, start_new_session=True,
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + READY
        while entry.ready_line.encode() not in _tail(entry.log, offset):
            if entry.process.returncode is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{entry.name} did not start: {_tail(entry.log, offset)!r}")
            await asyncio.sleep(0.01)
        serving = time.monotonic()
        if online and (part is Part.AGENT or (part is Part.EMULATOR and self.routers)):
            await self.wait_online()
        return serving

    async def kill(self, part: Part) -> None:
        """``kill -9`` the part's process and reap it."""
        entry = self.processes.get(part)
        if entry is None or entry.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            entry.process.send_signal(signal.SIGKILL)
        await entry.process.wait()
        entry.process = None

    def part_of(self, pid: int) -> Part | None:
        for part, entry in self.processes.items():
            if entry.pid == pid:
                return part
        return None

    def resume(self, pid: int) -> None:
        """Let a frozen process go on (``SIGCONT``), if it still lives."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGCONT)

    # -- crash plans --------------------------------------------------------------------

    def arm(self, step: Step, key: str) -> str:
        """Freeze whichever process takes ``step`` for the job ``key``; answers the nonce."""
        nonce = uuid.uuid4().hex
        self._write_plan({"step": step.value, "key": key, "nonce": nonce})
        return nonce

    def disarm(self) -> None:
        self._write_plan(None)

    def _write_plan(self, plan: dict[str, str] | None) -> None:
        temporary = self.plan.with_suffix(".tmp")
        temporary.write_text(json.dumps(plan))
        os.replace(temporary, self.plan)

    async def wait_reached(self, nonce: str, timeout: float) -> Reached | None:  # noqa: ASYNC109
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self._new_reached():
                if line["nonce"] == nonce:
                    return Reached(line["pid"], Step(line["step"]), line["key"])
            await asyncio.sleep(0.01)
        return None

    def _new_reached(self) -> list[dict[str, Any]]:
        if not self.reached.exists():
            return []
        with self.reached.open("rb") as handle:
            handle.seek(self._reached_read)
            data = handle.read()
        complete = data[: data.rfind(b"\n") + 1]
        self._reached_read += len(complete)
        return [json.loads(line) for line in complete.splitlines() if line.strip()]

    # -- the cloud ----------------------------------------------------------------------

    async def _admin(self, path: str, body: dict[str, Any]) -> Any:
        response = await self.http.post(
            path, json=body, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}
        )
        response.raise_for_status()
        return response.json()["data"]

    async def _set_up(self) -> None:
        customer = await self._admin(
            "/_emulator/customers", {"name": "crash tests", "webhook_secret": self.webhook_secret}
        )
        key = await self._admin(f"/_emulator/customers/{customer['customer_id']}/keys", {})
        self.api_key = key["api_key"]
        for index in range(self.router_count):
            registered = await self._admin(
                "/_emulator/routers",
                {"customer_id": customer["customer_id"], "poll_interval": POLL_INTERVAL},
            )
            self.routers.append(
                RouterUnderTest(
                    registered["router_id"],
                    registered["tunnel_token"],
                    self.api_port + index,
                    self.ssh_port + index,
                )
            )

    def _agent_config(self) -> Path:
        lines = [
            f'cloud = "{self.base_url}"',
            'user = "admin"',
            f'password = "{PASSWORD}"',
            *(f"{name.replace('-', '_')} = {value}" for name, value in self.agent_options.items()),
        ]
        for index, router in enumerate(self.routers):
            lines += [
                "",
                "[[routers]]",
                f'name = "router-{index + 1}"',
                'router = "127.0.0.1"',
                f'router_token = "{router.tunnel_token}"',
                f"api_port = {router.api_port}",
                f"ssh_port = {router.ssh_port}",
                f'state_dir = "{self.workdir / "agent" / str(index + 1)}"',
            ]
        path = self.workdir / "agent.toml"
        path.write_text("\n".join(lines) + "\n")
        return path

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}

    async def api(self, method: str, path: str, **options: Any) -> httpx.Response:
        """A public API call, retried while the emulator is down (a client would retry)."""
        deadline = time.monotonic() + READY
        headers = {**self.headers, **options.pop("headers", {})}
        while True:
            try:
                return await self.http.request(method, path, headers=headers, **options)
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.05)

    async def submit(
        self,
        router: RouterUnderTest,
        key: str,
        script: str,
        *,
        needs_ack: bool,
        make_backup: bool,
        express: bool,
        **extensions: Any,
    ) -> None:
        body = {
            "description": "crash test",
            "script": script,
            "make_backup": make_backup,
            "express_execute": express,
            "needs_acknowledgement": needs_ack,
            "notify_url": self.sink_url,
            **extensions,
        }
        deadline = time.monotonic() + READY
        while True:
            response = await self.api(
                "POST",
                f"/api/asynchronous/{router.router_id}",
                json=body,
                headers={"Idempotency-Key": key},
            )
            # 409: the same request is still in flight (the emulator died during it).
            if response.status_code != 409 or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.1)
        response.raise_for_status()

    @property
    def sink_url(self) -> str:
        assert self.sink is not None
        return self.sink.url

    async def job(self, router: RouterUnderTest, key: str) -> dict[str, Any] | None:
        """The job whose idempotency key is ``key`` (among the router's newest)."""
        response = await self.api("GET", f"/api/routers/{router.router_id}/jobs?limit=20")
        response.raise_for_status()
        for job in response.json()["data"]:
            if job["idempotency_key"] == key:
                detail = await self.api("GET", f"/api/routers/{router.router_id}/jobs/{job['id']}")
                detail.raise_for_status()
                found: dict[str, Any] = detail.json()["data"]
                return found
        return None

    async def wait_online(self) -> None:
        deadline = time.monotonic() + READY
        while True:
            states = []
            for router in self.routers:
                response = await self.api("GET", f"/api/routers/{router.router_id}")
                states.append(response.status_code == 200 and response.json()["data"]["online"])
            if all(states):
                return
            if time.monotonic() > deadline:
                raise RuntimeError("the routers did not come online in the cloud")
            await asyncio.sleep(0.05)

    def notified(self, job_id: str) -> list[dict[str, Any]]:
        """The job's notifications the sink received, once each, in ``seq_id`` order."""
        return _once_each_in_order(
            item for item in self._job_notifications() if item.payload["job_id"] == job_id
        )

    def notified_by_job(self) -> dict[str, list[dict[str, Any]]]:
        """Every job's notifications the sink received, once each, in ``seq_id`` order."""
        by_job: dict[str, list[ReceivedNotification]] = {}
        for item in self._job_notifications():
            by_job.setdefault(item.payload["job_id"], []).append(item)
        return {job_id: _once_each_in_order(items) for job_id, items in by_job.items()}

    def _job_notifications(self) -> Iterator[ReceivedNotification]:
        assert self.sink is not None
        for item in self.sink.received:
            if isinstance(item.payload, dict) and isinstance(item.payload.get("job_id"), str):
                yield item

    # -- the router ---------------------------------------------------------------------

    async def router_facts(self, router: RouterUnderTest, key: str) -> tuple[str | None, int]:
        """The key's marker state on the router (None: no marker) and how many times the
        job's side effect (a firewall rule commented with the key) is there."""
        return await asyncio.to_thread(self._router_facts, router, key)

    def _router_facts(self, router: RouterUnderTest, key: str) -> tuple[str | None, int]:
        states, effects = self.router_record(router)
        return states.get(key), effects[key]

    def router_record(self, router: RouterUnderTest) -> tuple[dict[str, str], Counter[str]]:
        """Every job marker on the router (key -> state) and how many times each key's
        side effect is there."""
        deadline = time.monotonic() + READY
        while True:
            try:
                api = librouteros.connect(
                    "127.0.0.1", "admin", PASSWORD, port=router.api_port, timeout=5
                )
                break
            except (OSError, librouteros.exceptions.LibRouterosError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        try:
            states = {
                key: markers.state_of(row.get("comment")).value
                for row in api.path("system", "script")
                if (key := markers.key_of(str(row.get("name", "")))) is not None
            }
            effects = Counter(
                str(row["comment"])
                for row in api.path("ip", "firewall", "filter")
                if row.get("comment")
            )
        finally:
            api.close()
        return states, effects


def side_effect_script(key: str) -> str:
    """A job script whose one effect can be counted on the router."""
    return f'/ip firewall filter add chain=forward action=accept comment="{key}"'


def _flags(options: dict[str, str]) -> list[str]:
    return [item for name, value in options.items() for item in (f"--{name}", value)]


def _tail(path: Path, offset: int) -> bytes:
    try:
        with path.open("rb") as handle:
            handle.seek(offset)
            return handle.read()
    except FileNotFoundError:
        return b""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _free_port_run(count: int) -> int:
    """The first of ``count`` consecutive free ports."""
    if count == 1:
        return _free_port()
    for _ in range(200):
        base = random.randint(20000, 60000 - count)
        try:
            for port in range(base, base + count):
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", port))
        except OSError:
            continue
        return base
    raise RuntimeError(f"no {count} consecutive free ports")


@contextlib.asynccontextmanager
async def running_cluster(workdir: Path, **options: Any) -> AsyncIterator[Cluster]:
    async with Cluster(workdir, **options) as cluster:
        yield cluster


def _once_each_in_order(items: Iterable[ReceivedNotification]) -> list[dict[str, Any]]:
    """The payloads of ``items``, each ``webhook-id`` once (a delivery made again counts
    once), in ``seq_id`` order."""
    seen: dict[str, dict[str, Any]] = {}
    for item in items:
        seen.setdefault(item.webhook_id, item.payload)
    return sorted(seen.values(), key=lambda payload: int(payload["seq_id"]))
