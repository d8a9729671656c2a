"""The whole system on loopback in one process: emulator, simulated routers, agents and a sink.

How this works
--------------
`System` is an async context manager; entering it

1. makes a working directory (removed on exit) for the SQLite database (unless
   ``db_path`` is given), the sink's certificate and one state directory per agent;
2. starts the notification sink (`tikjobs.sink`, HTTPS on 127.0.0.1) that checks
   signatures with a fresh webhook secret;
3. starts the emulator (`emulator.serve.serving`, the app ``tikjobs emulator`` runs) on
   SQLite with a random admin token; it trusts the sink's certificate and lets
   notifications reach 127.0.0.1 and nothing else private. The public API keeps its
   rule that a notify_url is ``https://``;
4. through the ``/_emulator`` controls, creates a customer with that webhook secret,
   issues it an API key and registers one router per simulated router;
5. starts the simulated routers (`vm.sim.router.SimulatedRouter`) and a
   `agent.runtime.RouterAgent` for each, and returns once the public API lists every
   router online.

Given routers that already run instead of a count (``System(routers=[RouterTarget
...])``: a CHR, a router elsewhere on loopback), step 5 starts no simulator: each agent
talks to its router, which the system never starts, stops or reboots.

Leaving stops the agents, the routers it started, the emulator and the sink, in that
order, and removes the working directory. Every port is 0 (a free one) unless ``port`` names the
emulator's. `SystemThread` runs a `System` on its own thread and event loop, for
synchronous code such as hypothesis state machines.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import shutil
import socket
import tempfile
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Final

import httpx
from pydantic import ValidationError

from tikjobs.agent.config import RouterSettings, validate
from tikjobs.agent.exceptions import ConfigError
from tikjobs.agent.runtime import RouterAgent
from tikjobs.balancer import Haproxy, free_port, haproxy_binary, haproxy_config
from tikjobs.emulator.exceptions import SystemFailed
from tikjobs.emulator.notifications import signing
from tikjobs.emulator.serve import AppFactory, serving
from tikjobs.emulator.settings import Settings
from tikjobs.sink import Arrival, NotificationSink, ReceivedNotification, SinkCertificate
from tikjobs.vm.chr.target import RouterTarget
from tikjobs.vm.exceptions import VmError
from tikjobs.vm.sim.router import SimulatedRouter
from tikjobs.vm.threads import LoopThread

log = logging.getLogger(__name__)

LOOPBACK: Final = "127.0.0.1"
DEFAULT_ROUTERS: Final = 2
DEFAULT_POLL_INTERVAL: Final = 5.0
"""Seconds between the routers' check-ins (MikroCloud's routers poll every 30 s)."""
READY_TIMEOUT: Final = 30.0
AGENT_DEFAULTS: Final[Mapping[str, Any]] = {
    "connect_timeout": 5.0,
    "router_check_interval": 2.0,
    "reconnect_min": 0.1,
    "reconnect_max": 2.0,
}
"""Agent settings that suit a router on the same machine: quick to notice a reboot."""


class SystemRouter:
    """One router of the system, its registration and its agent.

    ``target`` says how to reach the router; ``simulator`` is the running
    `SimulatedRouter` (its device, faults, reboot) when the system started one, and
    raises `SystemFailed` for a router given to the system. ``agent`` is the agent
    serving it right now (``None`` while stopped). `stop_agent` and `start_agent` take
    the agent away and bring a fresh one back on the same state directory, as a
    restarted agent process would.
    """

    def __init__(
        self,
        name: str,
        router_id: str,
        tunnel_token: str,
        router: SimulatedRouter | RouterTarget,
        agent_settings: RouterSettings,
        online: Callable[[str], Awaitable[bool]],
        on_agent_stopped: Callable[[SystemRouter, BaseException | None], None],
    ) -> None:
        self.name = name
        self.router_id = router_id
        self.tunnel_token = tunnel_token
        self._router = router
        self.agent_settings = agent_settings
        self.agent: RouterAgent | None = None
        self._online = online
        self._on_agent_stopped = on_agent_stopped
        self._task: asyncio.Task[None] | None = None

    def __repr__(self) -> str:
        return f"SystemRouter({self.name!r}, {self.router_id})"

    @property
    def target(self) -> RouterTarget:
        """How to reach the router: host, ports, user and password."""
        router = self._router
        return router if isinstance(router, RouterTarget) else _facts_of(router)

    @property
    def simulator(self) -> SimulatedRouter:
        """The simulated router the system started for this one."""
        if isinstance(self._router, RouterTarget):
            raise SystemFailed(
                f"{self.name} is a {self._router.kind} router given to the system, not a simulator"
            )
        return self._router

    @property
    def api_host(self) -> str:
        return self.target.host

    @property
    def api_port(self) -> int:
        return self.target.api_port

    @property
    def ssh_port(self) -> int:
        return self.target.ssh_port

    @property
    def user(self) -> str:
        return self.target.user

    @property
    def password(self) -> str:
        return self.target.password

    @property
    def state_dir(self) -> Path:
        """Where the agent keeps its ledger and the router's SSH host key."""
        return self.agent_settings.state_dir

    def describe(self) -> dict[str, Any]:
        """The router as ``tikjobs up --print-json`` shows it."""
        return {
            "router_id": self.router_id,
            "name": self.name,
            "api_host": self.api_host,
            "api_port": self.api_port,
            "ssh_port": self.ssh_port,
            "user": self.user,
            "password": self.password,
        }

    async def start_agent(self, ready_timeout: float = READY_TIMEOUT) -> RouterAgent:
        """Run a fresh agent; returns once the public API shows the router online."""
        if self._task is not None:
            raise SystemFailed(f"the agent of {self.name} is already running")
        agent = self.agent = RouterAgent(self.agent_settings)
        task = self._task = asyncio.create_task(agent.run(), name=f"tikjobs agent {self.name}")
        task.add_done_callback(self._agent_ended)
        deadline = time.monotonic() + ready_timeout
        while not (agent.tunnel.up.is_set() and await self._online(self.router_id)):
            if task.done():
                cause = "" if task.cancelled() else f": {task.exception()}"
                raise SystemFailed(f"the agent of {self.name} stopped while starting{cause}")
            if time.monotonic() > deadline:
                raise SystemFailed(
                    f"the agent of {self.name} did not bring the router online "
                    f"within {ready_timeout:g} s"
                )
            await asyncio.sleep(0.05)
        return agent

    async def stop_agent(self) -> None:
        """Stop the agent at once, whatever it is doing (its state directory stays)."""
        task, self._task = self._task, None
        if task is None:
            return
        task.remove_done_callback(self._agent_ended)
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            current = asyncio.current_task()
            if current is not None and current.cancelling():
                raise
        except Exception as error:
            log.warning("the agent of %s failed as it stopped: %s", self.name, error)
        finally:
            self.agent = None

    def _agent_ended(self, task: asyncio.Task[None]) -> None:
        if self._task is not task:
            return
        self._task = None
        error = None if task.cancelled() else task.exception()
        self._on_agent_stopped(self, error)


class System:
    """Emulator, simulated routers with their agents, and a notification sink; see the
    module docstring. Use ``async with System(routers=2) as system: ...``.

    After entering: ``base_url`` is the emulator's URL, ``api_key`` the customer's key for
    ``Authorization: Bearer``, ``admin_token`` the token of the ``/_emulator`` controls,
    ``customer_id`` and ``webhook_secret`` the customer's, ``notify_sink_url`` the sink
    (give it as notify_url), ``sink_ca_file`` the certificate to trust when reading it,
    ``sink`` the sink itself (``received``, ``wait_for``), ``routers`` the routers.
    """

    def __init__(
        self,
        routers: int | Sequence[RouterTarget] = DEFAULT_ROUTERS,
        *,
        port: int = 0,
        db_path: Path | str | None = None,
        replicas: int = 1,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        emulator_options: Mapping[str, Any] | None = None,
        emulator_app: AppFactory | None = None,
        agent_options: Mapping[str, Any] | None = None,
        on_notification: Arrival | None = None,
        log_level: str = "warning",
        ready_timeout: float = READY_TIMEOUT,
    ) -> None:
        """``routers`` is how many simulated routers to start, or the routers that run
        already (the system starts an agent for each, and never starts or stops them);
        ``emulator_options`` are further `emulator.settings.Settings` values,
        ``emulator_app`` makes the emulator's app from them (`emulator.main.build_app`),
        ``agent_options`` further `agent.config.RouterSettings` values (for every agent);
        ``on_notification`` is called with each notification the sink receives.

        ``replicas`` above 1 runs that many emulators on the PostgreSQL database
        ``db_path`` names (a ``postgresql://`` URL), with HAProxy in front of them when it
        is installed (``base_url`` is then HAProxy's); each router's agent is given every
        replica, its own first, so routers spread over them and fail over."""
        given = tuple(routers) if not isinstance(routers, int) else ()
        count = routers if isinstance(routers, int) else len(given)
        if count < 1:
            raise ValueError(f"a system needs at least one router, not {count}")
        self._router_count = count
        self._given = given
        self._port = port
        self._db_path = db_path
        if replicas < 1:
            raise ValueError(f"a system needs at least one emulator, not {replicas}")
        if replicas > 1 and not str(db_path or "").startswith(("postgresql://", "postgres://")):
            raise ValueError(
                "several replicas share one PostgreSQL database: give a postgresql:// URL"
            )
        self._replicas = replicas
        self.replica_urls: list[str] = []
        self.balancer: Haproxy | None = None
        self._poll_interval = poll_interval
        self._emulator_options = dict(emulator_options or {})
        self._emulator_app = emulator_app
        self._agent_options = {**AGENT_DEFAULTS, **(agent_options or {})}
        self._on_notification = on_notification
        self._log_level = log_level
        self._ready_timeout = ready_timeout
        self._stack = contextlib.AsyncExitStack()
        self._failures: asyncio.Queue[SystemFailed] = asyncio.Queue()
        self._http: httpx.AsyncClient | None = None
        self._sink: NotificationSink | None = None
        self.workdir: Path | None = None
        self.base_url = ""
        self.api_key = ""
        # Hex, not URL-safe base64: a token that began with "-" would be read as an option
        # when passed on as `--admin-token TOKEN` (tikjobs contract, tikjobs emulator).
        self.admin_token = secrets.token_hex(24)
        self.customer_id = ""
        self.webhook_secret = signing.new_secret()
        self.routers: list[SystemRouter] = []

    # -- what a client needs ------------------------------------------------------------

    @property
    def sink(self) -> NotificationSink:
        if self._sink is None:
            raise SystemFailed("the system is not running")
        return self._sink

    @property
    def notify_sink_url(self) -> str:
        return self.sink.url

    @property
    def sink_ca_file(self) -> Path:
        """The sink's certificate: the CA bundle to trust when reading its URL."""
        certificate = self.sink.certificate
        if certificate is None:
            raise SystemFailed("the notification sink was started without TLS")
        return certificate.cert_path

    @property
    def notifications(self) -> list[ReceivedNotification]:
        """Every notification the sink received, oldest first."""
        return self.sink.received

    def describe(self) -> dict[str, Any]:
        """Everything a script needs, as ``tikjobs up --print-json`` prints it."""
        return {
            "base_url": self.base_url,
            "api_key": self.api_key,
            "admin_token": self.admin_token,
            "customer_id": self.customer_id,
            "webhook_secret": self.webhook_secret,
            "notify_sink_url": self.notify_sink_url,
            "notify_sink_ca": str(self.sink_ca_file),
            "routers": [router.describe() for router in self.routers],
            "replicas": list(self.replica_urls),
        }

    async def watch(self) -> None:
        """Wait until an agent stops on its own; raises `SystemFailed` saying which."""
        raise await self._failures.get()

    # -- starting and stopping ----------------------------------------------------------

    async def __aenter__(self) -> System:
        try:
            await self._start()
        except BaseException:
            await self._stack.aclose()
            raise
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self._stack.aclose()

    async def _start(self) -> None:
        if self._port:
            _check_port_free(LOOPBACK, self._port)
        workdir = self.workdir = Path(tempfile.mkdtemp(prefix="tikjobs-up-"))
        self._stack.callback(shutil.rmtree, workdir, ignore_errors=True)
        certificate = SinkCertificate.create(workdir)
        self._sink = await self._stack.enter_async_context(
            NotificationSink(self.webhook_secret, certificate, on_arrival=self._on_notification)
        )
        settings = self._emulator_settings(workdir, certificate)
        front_door = self._replicas > 1 and haproxy_binary() is not None
        for number in range(self._replicas):
            own = (
                settings
                if number == 0 and not front_door
                else settings.model_copy(update={"port": 0})
            )
            try:
                self.replica_urls.append(
                    await self._stack.enter_async_context(
                        serving(own, log_level=self._log_level, app_factory=self._emulator_app)
                    )
                )
            except RuntimeError as error:
                raise SystemFailed(f"the emulator did not start: {error}") from None
        self.base_url = self.replica_urls[0]
        if front_door:
            port = self._port or free_port(LOOPBACK)
            config = workdir / "haproxy.cfg"
            config.write_text(haproxy_config(LOOPBACK, port, self.replica_urls))
            self.balancer = await Haproxy(config, LOOPBACK, port).start()
            self._stack.push_async_callback(self.balancer.stop)
            self.base_url = self.balancer.url
        self._http = await self._stack.enter_async_context(
            httpx.AsyncClient(base_url=self.base_url, timeout=10.0)
        )
        await self._set_up_customer()
        for number in range(1, self._router_count + 1):
            self.routers.append(await self._start_router(number, workdir))
        self._stack.push_async_callback(self._stop_agents)
        await asyncio.gather(*(router.start_agent(self._ready_timeout) for router in self.routers))

    def _emulator_settings(self, workdir: Path, certificate: SinkCertificate) -> Settings:
        values: dict[str, Any] = {
            "host": LOOPBACK,
            "port": self._port,
            "db_path": self._db_path or workdir / "tikjobs.db",
            "admin_token": self.admin_token,
            "default_poll_interval": self._poll_interval,
            "notify_allow_hosts": [LOOPBACK],
            "notify_ca_bundle": certificate.cert_path,
            **self._emulator_options,
        }
        try:
            return Settings(**values)
        except ValidationError as error:
            reasons = "; ".join(
                f"{'.'.join(map(str, item['loc']))}: {item['msg']}" for item in error.errors()
            )
            raise SystemFailed(f"unusable emulator settings: {reasons}") from None

    @property
    def _client(self) -> httpx.AsyncClient:
        if self._http is None:
            raise SystemFailed("the system is not running")
        return self._http

    async def _admin(self, path: str, body: Mapping[str, Any]) -> Any:
        try:
            response = await self._client.post(
                path, json=dict(body), headers={"Authorization": f"Bearer {self.admin_token}"}
            )
        except httpx.HTTPError as error:
            raise SystemFailed(f"the emulator did not answer {path}: {error}") from None
        if response.status_code != 200:
            raise SystemFailed(f"the emulator refused {path}: {response.text}")
        return response.json()["data"]

    async def _set_up_customer(self) -> None:
        customer = await self._admin(
            "/_emulator/customers", {"name": "tikjobs up", "webhook_secret": self.webhook_secret}
        )
        self.customer_id = customer["customer_id"]
        key = await self._admin(f"/_emulator/customers/{self.customer_id}/keys", {})
        self.api_key = key["api_key"]

    async def _start_router(self, number: int, workdir: Path) -> SystemRouter:
        name = f"router-{number}"
        registered = await self._admin(
            "/_emulator/routers",
            {"customer_id": self.customer_id, "poll_interval": self._poll_interval},
        )
        router: SimulatedRouter | RouterTarget
        if self._given:
            router = facts = self._given[number - 1]
        else:
            router = await self._start_simulator(name)
            facts = _facts_of(router)
        try:
            settings = validate(
                {
                    "name": name,
                    "cloud": self._clouds_of(number),
                    "router_token": registered["tunnel_token"],
                    "router": facts.host,
                    "api_port": facts.api_port,
                    "ssh_port": facts.ssh_port,
                    "user": facts.user,
                    "password": facts.password,
                    "state_dir": workdir / "agents" / name,
                    **self._agent_options,
                }
            )
        except ConfigError as error:
            raise SystemFailed(f"unusable agent settings: {error}") from None
        return SystemRouter(
            name,
            registered["router_id"],
            registered["tunnel_token"],
            router,
            settings,
            self._online,
            self._agent_stopped,
        )

    def _clouds_of(self, number: int) -> str | list[str]:
        """The cloud URLs of a router's agent: the emulator, or every replica with the
        router's own (by turn) first."""
        if len(self.replica_urls) < 2:
            return self.base_url
        first = (number - 1) % len(self.replica_urls)
        return self.replica_urls[first:] + self.replica_urls[:first]

    async def _start_simulator(self, name: str) -> SimulatedRouter:
        simulator = SimulatedRouter(identity=name, password=secrets.token_urlsafe(9), host=LOOPBACK)
        try:
            await simulator.start()
        except VmError as error:
            raise SystemFailed(f"{name} did not start: {error}") from None
        self._stack.push_async_callback(simulator.close)
        return simulator

    async def _online(self, router_id: str) -> bool:
        try:
            response = await self._client.get(
                f"/api/routers/{router_id}", headers={"Authorization": f"Bearer {self.api_key}"}
            )
        except httpx.HTTPError:
            return False
        return response.status_code == 200 and bool(response.json()["data"]["online"])

    def _agent_stopped(self, router: SystemRouter, error: BaseException | None) -> None:
        reason = f": {error}" if error is not None else ""
        log.error("the agent of %s stopped%s", router.name, reason)
        self._failures.put_nowait(SystemFailed(f"the agent of {router.name} stopped{reason}"))

    async def _stop_agents(self) -> None:
        await asyncio.gather(*(router.stop_agent() for router in self.routers))


def _facts_of(simulator: SimulatedRouter) -> RouterTarget:
    """A started simulator's connection facts."""
    return RouterTarget(
        kind="sim",
        host=simulator.host,
        api_port=simulator.api_port,
        ssh_port=simulator.ssh_port,
        user=simulator.user,
        password=simulator.password,
        api_ssl_port=simulator.api_ssl_port,
    )


def _check_port_free(host: str, port: int) -> None:
    """Refuse a port something else listens on, with a message that says so."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))
    except OSError as error:
        raise SystemFailed(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    finally:
        probe.close()


class SystemThread(LoopThread[System]):
    """A `System` served from its own thread and event loop, for synchronous code.

    ``with SystemThread(System(routers=1)) as system:`` starts it and stops it; its
    attributes are the system's (``base_url``, ``api_key``, ``routers`` ...); `call` runs
    a coroutine (``router.stop_agent()``, ``router.simulator.reboot()`` ...) on its loop.
    """

    def __init__(self, system: System) -> None:
        super().__init__(
            system,
            name="tikjobs-system",
            subject="the system",
            failure=SystemFailed,
            start_timeout=READY_TIMEOUT + 10.0,
            stop_timeout=READY_TIMEOUT,
        )

    @property
    def system(self) -> System:
        return self.served
