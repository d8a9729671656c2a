"""The front door of several emulator replicas: HAProxy's configuration, and HAProxy run.

How this works
--------------
`haproxy_config` writes the configuration docs/replicas.md explains: one HTTP frontend,
one backend of every replica, round-robin, each replica checked with ``GET /healthz``
every second and left after two failures (its database is gone, or it is); until then a
connection it refuses is tried on another replica (a request already sent never is). HAProxy
passes WebSocket upgrades (the agents' ``/tunnel``) through in HTTP mode; ``timeout
tunnel`` keeps an upgraded connection open between the agent's heartbeats.
`Haproxy` runs the distribution's ``haproxy`` binary in the foreground on such a
configuration, for ``tikjobs up --replicas N`` and the tests; what HAProxy prints (its
warnings, a server going down or up) goes to a log file beside the configuration.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import socket
from pathlib import Path
from urllib.parse import urlsplit

from tikjobs.emulator.exceptions import SystemFailed

START_WAIT = 10.0
"""Seconds HAProxy may take to listen."""


def haproxy_binary() -> str | None:
    """The installed ``haproxy``, if any (Debian puts it in /usr/sbin)."""
    return shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/usr/local/sbin")


def haproxy_config(host: str, port: int, replicas: list[str]) -> str:
    """HAProxy's configuration for clients and agents on ``host:port`` in front of the
    replicas at the URLs ``replicas``."""
    servers = []
    for number, url in enumerate(replicas, start=1):
        parts = urlsplit(url)
        address = f"{parts.hostname}:{parts.port}"
        servers.append(f"    server replica-{number} {address} check inter 1s fall 2 rise 1")
    return "\n".join(
        [
            "global",
            "    maxconn 4096",
            "",
            "defaults",
            "    mode http",
            "    option http-server-close",
            "    timeout connect 2s",
            "    timeout client 60s",
            "    timeout server 60s",
            "    # an upgraded WebSocket (an agent's tunnel) stays open between heartbeats",
            "    timeout tunnel 1h",
            "    # a replica that refuses the connection (it died) is left for another at once;",
            "    # a request already sent is never sent twice",
            "    retries 3",
            "    option redispatch 1",
            "    retry-on conn-failure",
            "",
            "frontend tikjobs",
            f"    bind {host}:{port}",
            "    default_backend replicas",
            "",
            "backend replicas",
            "    balance roundrobin",
            "    option httpchk GET /healthz",
            "    http-check expect status 200",
            *servers,
            "",
        ]
    )


def free_port(host: str) -> int:
    """A TCP port free on ``host`` now (HAProxy cannot pick one itself and say which)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


class Haproxy:
    """HAProxy in the foreground on a configuration file; `start`, then `stop`."""

    def __init__(self, config: Path, host: str, port: int) -> None:
        self.config = config
        self.host = host
        self.port = port
        self.log_path = config.with_suffix(".log")
        """Where HAProxy's standard output and error go."""
        self.process: asyncio.subprocess.Process | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def start(self) -> Haproxy:
        binary = haproxy_binary()
        if binary is None:
            raise SystemFailed("haproxy is not installed")
        checked = await asyncio.create_subprocess_exec(
            binary, "-c", "-q", "-f", str(self.config), stderr=asyncio.subprocess.PIPE
        )
        _, problems = await checked.communicate()
        if checked.returncode != 0:
            raise SystemFailed(f"haproxy refused its configuration: {problems.decode().strip()}")
        with self.log_path.open("wb") as log:
            self.process = await asyncio.create_subprocess_exec(
                binary, "-db", "-f", str(self.config), stdout=log, stderr=log
            )
        loop = asyncio.get_running_loop()
        deadline = loop.time() + START_WAIT
        while True:
            if self.process.returncode is not None:
                raise SystemFailed(
                    f"haproxy stopped as it started ({self.process.returncode}): {self.output()}"
                )
            try:
                _, writer = await asyncio.open_connection(self.host, self.port)
            except OSError:
                if loop.time() > deadline:
                    raise SystemFailed(
                        f"haproxy did not listen on {self.url}: {self.output()}"
                    ) from None
                await asyncio.sleep(0.05)
                continue
            writer.close()
            return self

    def output(self) -> str:
        """What HAProxy has printed so far."""
        try:
            return self.log_path.read_text(errors="replace").strip()
        except FileNotFoundError:
            return ""

    async def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            process.terminate()
        try:
            async with asyncio.timeout(5):
                await process.wait()
        except TimeoutError:
            process.kill()
            await process.wait()
