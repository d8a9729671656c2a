"""A whole simulated router for tests and the CLI: device, API, API-SSL and SSH ports together.

`SimulatedRouter` is an async context manager::

    async with SimulatedRouter(routeros_version="7.16") as router:
        api = await librouteros.async_connect(router.host, router.user, router.password,
                                              port=router.api_port)

It follows its device through reboots: when the device goes down, its ports stop
listening and every session drops; when it comes back, the same ports listen again.
`RouterThread` serves a router from its own thread and event loop, for synchronous
code (sync librouteros, hypothesis stateful tests).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
from pathlib import Path
from types import TracebackType
from typing import Any

import paramiko

from tikjobs.vm.exceptions import VmError
from tikjobs.vm.sim.api_server import ApiServer
from tikjobs.vm.sim.device import Device
from tikjobs.vm.sim.faults import Faults
from tikjobs.vm.sim.held_port import HeldPort
from tikjobs.vm.sim.model import RouterModel
from tikjobs.vm.sim.ssh_server import SshServer
from tikjobs.vm.sim.tls import ServerCertificate
from tikjobs.vm.threads import LoopThread

logger = logging.getLogger(__name__)

STOP_TIMEOUT = 10.0


class SimulatedRouter:
    """A simulated RouterOS device serving its API and SSH ports on ``host``.

    Ports 0 pick free ports; the bound ones are in `api_port` and `ssh_port` once the
    router has started. With ``api_ssl_port`` (0: any free) it also serves API-SSL, TLS
    with a self-signed certificate made at start (`api_ssl_certificate`, PEM).
    ``packages`` picks the command tree: ``base`` (routeros.npk, as a fresh CHR) or
    ``extra`` (every x86 package: wifi, container, user-manager ...).
    """

    def __init__(
        self,
        identity: str = "MikroTik",
        routeros_version: str = "7.16",
        user: str = "admin",
        password: str = "",
        api_port: int = 0,
        ssh_port: int = 0,
        host: str = "127.0.0.1",
        state_file: Path | str | None = None,
        *,
        interface_count: int = 5,
        faults: Faults | None = None,
        api_ssl_port: int | None = None,
        packages: str = "base",
    ) -> None:
        self.host = host
        self.user = user
        self.password = password
        self.faults = faults if faults is not None else Faults()
        self.model = RouterModel(
            identity=identity,
            version=routeros_version,
            interface_count=interface_count,
            users={user: password},
            packages=packages,
        )
        self.device = Device(self.model, faults=self.faults, state_file=state_file, owner=user)
        self.api = ApiServer(self.device, host, api_port)
        self.ssh = SshServer(self.device, host, ssh_port, host_key=_kept_host_key(state_file))
        self.api_ssl: ApiServer | None = None
        self.api_ssl_certificate: bytes | None = None
        if api_ssl_port is not None:
            certificate = ServerCertificate.generate(host)
            self.api_ssl_certificate = certificate.pem
            self.api_ssl = ApiServer(
                self.device, host, api_ssl_port, tls=certificate.server_context()
            )
        self._loop: asyncio.AbstractEventLoop | None = None
        self._power = asyncio.Lock()
        self._serving = asyncio.Event()
        self._went_down: concurrent.futures.Future[None] | None = None
        self._held: list[HeldPort] = []
        self._started = False

    @classmethod
    def start_in_thread(cls, **options: Any) -> RouterThread:
        """Start a router (same options) served from its own thread, for synchronous code."""
        return RouterThread(cls(**options)).start()

    @property
    def api_port(self) -> int:
        return self.api.port

    @property
    def ssh_port(self) -> int:
        return self.ssh.port

    @property
    def api_ssl_port(self) -> int | None:
        """The API-SSL port, or None when the router serves no API-SSL."""
        return self.api_ssl.port if self.api_ssl is not None else None

    @property
    def _api_servers(self) -> list[ApiServer]:
        return [self.api] if self.api_ssl is None else [self.api, self.api_ssl]

    @property
    def is_serving(self) -> bool:
        """Whether its ports listen (False while the device reboots)."""
        return self._serving.is_set()

    async def start(self) -> None:
        """Boot the device and open its ports."""
        self._loop = asyncio.get_running_loop()
        await asyncio.to_thread(self.device.start)
        try:
            for api in self._api_servers:
                await api.start()
            await self.ssh.start()
        except OSError as error:
            await self.close()
            raise VmError(f"cannot listen on {self.host}: {error.strerror or error}") from None
        self.device.add_listener(self)
        self._serving.set()
        self._started = True

    async def close(self) -> None:
        """Close the ports, stop the device and save its state file."""
        self.device.remove_listener(self)
        self._serving.clear()
        async with self._power:
            self._release_ports()
            for api in self._api_servers:
                await api.close()
            await self.ssh.close()
        await asyncio.to_thread(self.device.close)

    async def __aenter__(self) -> SimulatedRouter:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    async def reboot(self, delay: float | None = None, *, wait: bool = True) -> None:
        """Reboot the device: sessions drop, globals clear, ports refuse for ``delay``.

        Returns once the ports are closed, or, with ``wait``, once they listen again.
        """
        self.device.reboot(delay)
        went_down = self._went_down
        if went_down is not None:
            await asyncio.wrap_future(went_down)
        if wait:
            await self.wait_until_serving()

    async def wait_until_serving(self) -> None:
        """Wait until the device is up and its ports listen."""
        await self._serving.wait()

    def execution_count(self, marker: str) -> int:
        """How many script runs had ``marker`` in their source or as their name."""
        return self.device.execution_count(marker)

    # -- following the device (called from whichever thread reboots it) ------------

    def device_went_down(self) -> None:
        if self._loop is not None:
            self._went_down = asyncio.run_coroutine_threadsafe(self._close_ports(), self._loop)

    def device_came_up(self) -> None:
        if self._loop is not None:
            opened = asyncio.run_coroutine_threadsafe(self._open_ports(), self._loop)
            opened.add_done_callback(_log_failure)

    async def _close_ports(self) -> None:
        async with self._power:
            self._serving.clear()
            for api in self._api_servers:
                await api.stop_listening()
                api.drop_sessions()
            await self.ssh.close()
            ports = [api.port for api in self._api_servers] + [self.ssh.port]
            self._held = [HeldPort(self.host, port) for port in ports]

    async def _open_ports(self) -> None:
        async with self._power:
            if not self.device.is_up:
                return
            self._release_ports()
            for api in self._api_servers:
                await api.start()
            await self.ssh.start()
            self._serving.set()

    def _release_ports(self) -> None:
        for held in self._held:
            held.release()
        self._held = []


def _log_failure(opened: concurrent.futures.Future[None]) -> None:
    """A router that came up but cannot listen again says so (it stays unreachable)."""
    if not opened.cancelled() and (error := opened.exception()) is not None:
        logger.error("the router came up but cannot open its ports: %s", error)


class RouterThread(LoopThread[SimulatedRouter]):
    """A `SimulatedRouter` served from its own thread and event loop.

    For synchronous code; use it as a context manager or call `start` and `stop`.
    Its attributes are the router's (``api_port``, ``device``, ``faults`` ...).
    """

    def __init__(self, router: SimulatedRouter) -> None:
        super().__init__(
            router,
            name="simulated-router",
            subject="the simulated router",
            failure=VmError,
            start_timeout=STOP_TIMEOUT,
            stop_timeout=STOP_TIMEOUT,
        )

    @property
    def router(self) -> SimulatedRouter:
        return self.served

    def reboot(self, delay: float | None = None, *, wait: bool = True) -> None:
        """Reboot the router and, with ``wait``, block until it serves again."""
        self.call(self.router.reboot(delay, wait=wait))


def _kept_host_key(state_file: Path | str | None) -> paramiko.PKey | None:
    """The SSH host key kept beside the state file (made on first start), so a router that
    keeps its state keeps its key too, as a real one does across reboots; None (a fresh
    key each start) without a state file."""
    if state_file is None:
        return None
    path = Path(f"{state_file}.ssh-host-key")
    try:
        return paramiko.ECDSAKey.from_private_key_file(str(path))
    except FileNotFoundError:
        pass
    except (OSError, paramiko.SSHException) as error:
        raise VmError(f"cannot read the SSH host key {path}: {error}") from None
    key = paramiko.ECDSAKey.generate()
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        key.write_private_key_file(str(temporary))
        os.replace(temporary, path)
    except OSError as error:
        raise VmError(f"cannot write the SSH host key {path}: {error.strerror or error}") from None
    return key
