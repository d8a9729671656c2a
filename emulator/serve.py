"""``tikjobs emulator``: run the MikroCloud-compatible job API on uvicorn.

``tikjobs emulator --host 127.0.0.1 --port 8080 --db ./tikjobs.db --admin-token T``
serves the API and prints ``tikjobs emulator listening on http://127.0.0.1:8080`` once
it answers (``--port 0`` picks a free port and prints the one chosen). Every option
also reads from the environment (``TIKJOBS_ADMIN_TOKEN``, ``TIKJOBS_DB_PATH`` ...; see
`emulator.settings.Settings`); arguments win. `serving` runs the same server inside an
existing event loop, for tests and for ``tikjobs up``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import socket
import sys
from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import uvicorn
import uvicorn.config
from pydantic import ValidationError

from tikjobs.contracts.tunnel import MAX_FRAME_BYTES
from tikjobs.emulator.exceptions import EmulatorError
from tikjobs.emulator.http_protocol import http_protocol
from tikjobs.emulator.settings import DOCUMENTED_RATE_LIMIT, Settings
from tikjobs.emulator.store.location import PostgresUrl
from tikjobs.heap import freeze_startup_objects, space_out_collections
from tikjobs.logs import json_enabled

if TYPE_CHECKING:
    from starlette.types import ASGIApp

LOG_LEVELS = ("critical", "error", "warning", "info", "debug")
STACK: Final[Mapping[str, Any]] = MappingProxyType(
    {
        "loop": "auto",
        "http": http_protocol(),
        "lifespan": "on",
        "ws": "websockets-sansio",
        "ws_max_size": MAX_FRAME_BYTES + 1024,
        # Tunnel frames are small JSON; compressing each cost both ends CPU per frame.
        "ws_per_message_deflate": False,
        # The tunnel's heartbeats and its silence rule find a dead agent; WebSocket pings
        # would add a frame each way on every tunnel every 20 s.
        "ws_ping_interval": None,
        "proxy_headers": False,
        "server_header": False,
    }
)
"""The uvicorn settings of the emulator's stack (`server_for`): its loop, HTTP and
WebSocket protocols and what they do per request and per frame. `bench.bare_tunnel`
serves its bare cloud on them too, so the two stay the same stack."""
AppFactory: TypeAlias = "Callable[[Settings], ASGIApp]"
"""Makes the app to serve from the settings; `emulator.main.build_app` unless given."""


class EmulatorServer(uvicorn.Server):
    """A uvicorn server that knows its URL once it listens, and says so."""

    def __init__(
        self, config: uvicorn.Config, announce: Callable[[str], None] | None = None
    ) -> None:
        super().__init__(config)
        self.url: str | None = None
        self.listening = asyncio.Event()
        self._announce = announce

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if not self.started:
            return
        host, port = self.servers[0].sockets[0].getsockname()[:2]
        shown = f"[{host}]" if ":" in host else host
        self.url = f"http://{shown}:{port}"
        await self._advertise(self.url)
        if self._announce is not None:
            self._announce(self.url)
        self.listening.set()

    async def _advertise(self, url: str) -> None:
        """Among replicas sharing PostgreSQL, tell the others where this one answers."""
        app: Any = self.config.app
        services: Any = getattr(getattr(app, "state", None), "services", None)
        peers = None if services is None else services.links.peers
        if peers is not None:
            from tikjobs.emulator.replicas import advertised_url

            await peers.advertise(advertised_url(url, services.settings.advertise_url))

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """End the console's live streams first: uvicorn waits for open responses."""
        app: Any = self.config.app
        feed = getattr(getattr(app, "state", None), "console_feed", None)
        if feed is not None:
            feed.close()
        await super().shutdown(sockets)


def server_for(
    settings: Settings,
    *,
    log_level: str = "warning",
    access_log: bool = False,
    announce: Callable[[str], None] | None = None,
    app_factory: AppFactory | None = None,
) -> EmulatorServer:
    """An uvicorn server for the emulator built from ``settings`` (not started).

    uvicorn runs on uvloop with the httptools parser when they are installed (the
    ``emulator`` extra), otherwise on plain asyncio with h11; with httptools, an answer of
    known length leaves in one write (`emulator.http_protocol`). One line per request is
    logged only with ``access_log``: at a thousand requests a second the line costs more
    than many a request's own work.
    """
    from tikjobs.emulator.main import build_app

    config = uvicorn.Config(
        (app_factory or build_app)(settings),
        host=settings.host,
        port=settings.port,
        log_level=log_level,
        access_log=access_log,
        log_config=None if json_enabled() else uvicorn.config.LOGGING_CONFIG,
        # A client that never finishes its request (a body cut short, a tunnel that never
        # answers the close) would otherwise keep the emulator from stopping at all.
        timeout_graceful_shutdown=settings.shutdown_grace,
        **STACK,
    )
    return EmulatorServer(config, announce=announce)


@contextlib.asynccontextmanager
async def serving(
    settings: Settings, *, log_level: str = "warning", app_factory: AppFactory | None = None
) -> AsyncIterator[str]:
    """Run the emulator in this event loop; yields its URL once it answers."""
    server = server_for(settings, log_level=log_level, app_factory=app_factory)
    task = asyncio.create_task(server.serve())
    listening = asyncio.create_task(server.listening.wait())
    try:
        await asyncio.wait({task, listening}, return_when=asyncio.FIRST_COMPLETED)
        if server.url is None:
            with contextlib.suppress(SystemExit):
                await task
            raise RuntimeError("the emulator did not start; see its log")
        yield server.url
    finally:
        listening.cancel()
        server.should_exit = True
        with contextlib.suppress(SystemExit):
            await task


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``tikjobs emulator`` options; unset ones fall back to the environment."""
    parser.add_argument("--host", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="TCP port; 0 picks a free one (default 8080)")
    parser.add_argument(
        "--db",
        dest="db_path",
        metavar="PATH_OR_URL",
        help="SQLite file (default ./tikjobs.db) or postgresql://user@host:5432/dbname",
    )
    parser.add_argument("--admin-token", help="token for the /_emulator controls")
    parser.add_argument(
        "--dev",
        dest="development",
        action="store_const",
        const=True,
        help="development mode: the default admin token is accepted",
    )
    parser.add_argument(
        "--poll-interval",
        type=float,
        dest="default_poll_interval",
        metavar="SECONDS",
        help="routers' check-in interval unless set per router (default 30)",
    )
    parser.add_argument("--job-timeout", type=float, metavar="SECONDS", help="default 600")
    parser.add_argument("--sync-timeout", type=float, metavar="SECONDS", help="default 30")
    parser.add_argument(
        "--shutdown-grace",
        type=int,
        metavar="SECONDS",
        help="time the requests in progress have to end once asked to stop (default 10)",
    )
    parser.add_argument(
        "--rate-limit",
        type=int,
        nargs="?",
        const=DOCUMENTED_RATE_LIMIT,
        metavar="PER_MINUTE",
        help=f"limit requests per API key (without a number: {DOCUMENTED_RATE_LIMIT}/min)",
    )
    parser.add_argument(
        "--notify-allow-host",
        action="append",
        dest="notify_allow_hosts",
        metavar="HOST",
        help="let notifications reach this host although it is private (repeatable)",
    )
    parser.add_argument(
        "--notify-allow-http",
        action="store_const",
        const=True,
        help="allow plain http:// notifications to allow-listed hosts",
    )
    parser.add_argument("--notify-ca-bundle", type=Path, help="CA bundle for notifications")
    parser.add_argument(
        "--notify-retry-scale",
        type=float,
        metavar="FACTOR",
        help="shrink the notification retry schedule (1 = real timing)",
    )
    parser.add_argument(
        "--notify-concurrency",
        type=int,
        metavar="N",
        help="notification deliveries in flight at once (default 64)",
    )
    parser.add_argument(
        "--metrics-host", help="address of the metrics endpoint (default 127.0.0.1)"
    )
    parser.add_argument(
        "--metrics-port",
        type=int,
        help="serve /metrics without the admin token on this port (0 picks one)",
    )
    parser.add_argument(
        "--advertise-url",
        metavar="URL",
        help="where the other replicas on the same PostgreSQL reach this one "
        "(default: the address it listens on)",
    )
    parser.add_argument("--log-level", choices=LOG_LEVELS, default="info")
    parser.add_argument(
        "--access-log",
        action="store_true",
        help="log one line per HTTP request (off by default: it costs more than a request)",
    )


_SETTING_NAMES = (
    "host",
    "port",
    "db_path",
    "admin_token",
    "development",
    "default_poll_interval",
    "job_timeout",
    "sync_timeout",
    "shutdown_grace",
    "rate_limit",
    "notify_allow_hosts",
    "notify_allow_http",
    "notify_ca_bundle",
    "notify_retry_scale",
    "notify_concurrency",
    "metrics_host",
    "metrics_port",
    "advertise_url",
)


def settings_from(args: argparse.Namespace) -> Settings:
    """Settings from the arguments given, the environment filling in the rest."""
    overrides: dict[str, Any] = {
        name: getattr(args, name)
        for name in _SETTING_NAMES
        if getattr(args, name, None) is not None
    }
    return Settings(**overrides)


def _describe(error: ValidationError) -> str:
    lines = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"])
        message = str(item["msg"]).removeprefix("Value error, ")
        lines.append(f"  {where}: {message}" if where else f"  {message}")
    return "\n".join(lines)


def _check_database(path: Path | PostgresUrl) -> str | None:
    if isinstance(path, PostgresUrl):
        return _reach_postgres(path)
    parent = path.expanduser().resolve().parent
    if not parent.is_dir():
        return f"the directory of --db does not exist: {parent}"
    if path.exists() and path.is_dir():
        return f"--db names a directory, not a file: {path}"
    return None


def _reach_postgres(url: PostgresUrl) -> str | None:
    """Why the PostgreSQL database cannot be used (unreachable, missing, too new), if so;
    opening it also brings its schema up to date before the server starts."""
    from tikjobs.emulator.store.postgres import PostgresStore

    async def probe() -> None:
        await (await PostgresStore.open(url)).close()

    try:
        asyncio.run(probe())
    except EmulatorError as error:
        return str(error)
    return None


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted; answers the exit status (2 for bad settings)."""
    try:
        settings = settings_from(args)
    except ValidationError as error:
        print(f"tikjobs emulator: invalid settings:\n{_describe(error)}", file=sys.stderr)
        return 2
    problem = _check_database(settings.db_path)
    if problem is not None:
        print(f"tikjobs emulator: {problem}", file=sys.stderr)
        return 2
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")

    def announce(url: str) -> None:
        print(f"tikjobs emulator listening on {url}", flush=True)
        print(f"  API docs: {url}/docs   database: {settings.db_path}", flush=True)
        app: Any = server.config.app
        exposed = getattr(app.state.metrics, "endpoint_url", None)
        metrics = exposed or f"{url}/metrics (admin token)"
        print(f"  console: {url}/console   metrics: {metrics}", flush=True)
        freeze_startup_objects()
        space_out_collections()

    server = server_for(
        settings, log_level=args.log_level, access_log=args.access_log, announce=announce
    )
    try:
        server.run()
    except SystemExit as exit_:
        print("tikjobs emulator: could not start (see the log above)", file=sys.stderr)
        return exit_.code if isinstance(exit_.code, int) else 1
    except KeyboardInterrupt:
        return 130
    return 0
