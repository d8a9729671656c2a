"""``tikjobs agent``: run the router-side agent for one router, or for every router of a
settings file.

``tikjobs agent --cloud URL --router-token T --router HOST --api-port 8728 [--tls]
--user admin --password P --ssh-port 22 --state-dir DIR`` serves one router;
``--config FILE`` reads a TOML file that may list several (see `agent.config`). Every
option may also come from a ``TIKJOBS_AGENT_*`` environment variable; options win over
the environment, which wins over the file. Passwords and tokens are better given as files
(``--password-file``, ``--router-token-file``, read from ``$CREDENTIALS_DIRECTORY`` under
systemd's ``LoadCredential=``) or in the environment than on the command line, where
other users can see them: given there they work, with a warning. The cloud must be
``https://``/``wss://`` unless ``--insecure``.
It prints ``tikjobs agent serving N router(s)`` once running and stops cleanly on
SIGINT or SIGTERM. SIGHUP reads the settings again (`agent.fleet`): new routers are
served, removed ones finish their job in hand and are let go, and settings that cannot
be read or are not valid are refused (the log names the line at fault) while the
routers being served stay as they are. ``--metrics-port`` serves Prometheus metrics
(`agent.metrics`) on ``--metrics-host`` (127.0.0.1 unless told otherwise).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tikjobs.agent import config
from tikjobs.agent.exceptions import AgentError, ConfigError
from tikjobs.agent.fleet import Fleet
from tikjobs.heap import freeze_startup_objects
from tikjobs.loops import fast_loop_factory

if TYPE_CHECKING:
    from tikjobs.agent.metrics import AgentMetrics

log = logging.getLogger(__name__)

LOG_LEVELS = ("critical", "error", "warning", "info", "debug")
QUIET_LIBRARIES = ("librouteros", "websockets", "paramiko")

_OPTIONS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("--name", {"help": "a label for this router in logs"}),
    (
        "--cloud",
        {
            "action": "append",
            "help": "the cloud's URL, e.g. https://cloud.example.net; repeat it for replicas "
            "of one cloud: the agent connects to one and, when it is lost, to the next",
        },
    ),
    (
        "--insecure",
        {"action": argparse.BooleanOptionalAction, "help": "allow a plain http:// cloud"},
    ),
    ("--cloud-ca", {"type": Path, "help": "CA bundle for the cloud's certificate"}),
    ("--cloud-pin", {"help": "SHA-256 pin of the cloud's certificate or public key"}),
    ("--router-token", {"help": "the router's tunnel token (shown by ps: prefer a file)"}),
    ("--router-token-file", {"type": Path, "help": "file (or systemd credential) with the token"}),
    ("--router", {"help": "the router's address"}),
    ("--api-port", {"type": int, "help": "RouterOS API port (default 8728, 8729 with --tls)"}),
    ("--tls", {"action": argparse.BooleanOptionalAction, "help": "use the API over TLS"}),
    ("--tls-verify", {"action": argparse.BooleanOptionalAction, "help": "check the certificate"}),
    ("--tls-ca-file", {"type": Path, "help": "CA bundle for the router's certificate"}),
    ("--user", {"help": "RouterOS user (default admin)"}),
    ("--password", {"help": "RouterOS password (shown by ps: prefer a file)"}),
    ("--password-file", {"type": Path, "help": "file (or systemd credential) with the password"}),
    ("--ssh-port", {"type": int, "help": "the router's SSH port for SFTP (default 22)"}),
    ("--ssh-known-hosts", {"type": Path, "help": "known_hosts file for the router's SSH key"}),
    ("--state-dir", {"type": Path, "help": "where the ledger and known_hosts live"}),
    (
        "--keep-backups-on-router",
        {"action": argparse.BooleanOptionalAction, "help": "leave backup files on the router"},
    ),
    ("--keep-markers", {"type": int, "help": "finished job markers kept on the router"}),
    ("--pool-size", {"type": int, "help": "API connections for synchronous calls"}),
    (
        "--sync-answer-max",
        {
            "type": int,
            "help": "most characters a synchronous call's answer may hold (default "
            f"{config.SYNC_ANSWER_DEFAULT // 2**20} MiB, {config.SYNC_ANSWER_BOUNDS[0]:,} to "
            f"{config.SYNC_ANSWER_BOUNDS[1] // 2**20} MiB); past it the command is abandoned"
            " and the call refused",
        },
    ),
    ("--connect-timeout", {"type": float, "help": "seconds to connect and log in"}),
    ("--backup-timeout", {"type": float, "help": "seconds a backup may take"}),
    ("--router-check-interval", {"type": float, "help": "seconds between router checks"}),
    ("--reconnect-min", {"type": float, "help": "first reconnect delay in seconds"}),
    ("--reconnect-max", {"type": float, "help": "longest reconnect delay in seconds"}),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, help="TOML settings file (TIKJOBS_AGENT_CONFIG)")
    for flag, options in _OPTIONS:
        parser.add_argument(flag, default=None, **options)
    parser.add_argument(
        "--metrics-port",
        type=int,
        help="serve Prometheus metrics on this port (0 picks one; default: none)",
    )
    parser.add_argument(
        "--metrics-host", default="127.0.0.1", help="address of the metrics endpoint"
    )
    parser.add_argument("--log-level", choices=LOG_LEVELS, default="info")


def settings_from(
    args: argparse.Namespace, environ: Mapping[str, str] | None = None
) -> list[config.RouterSettings]:
    """The routers to serve, from the options, the environment and the file."""
    environ = os.environ if environ is None else environ
    file = args.config
    if file is None and environ.get(config.ENV_PREFIX + "CONFIG"):
        file = Path(environ[config.ENV_PREFIX + "CONFIG"])
    names = [flag[2:].replace("-", "_") for flag, _ in _OPTIONS]
    options = {name: getattr(args, name) for name in names}
    for flag in ("--router-token", "--password"):
        if options[flag[2:].replace("-", "_")] is not None:
            print(
                f"tikjobs agent: warning: {flag} on the command line is visible to every user "
                f"of this machine (ps); use {flag}-file, TIKJOBS_AGENT_"
                f"{flag[2:].replace('-', '_').upper()} or a systemd credential",
                file=sys.stderr,
            )
    return config.load(file=file, environ=environ, options=options)


def run(args: argparse.Namespace) -> int:
    try:
        routers = settings_from(args)
    except ConfigError as error:
        print(f"tikjobs agent: {error}", file=sys.stderr)
        return 2
    configure_logging(args.log_level)
    with asyncio.Runner(loop_factory=fast_loop_factory()) as runner:
        return runner.run(_serve(routers, args.metrics_host, args.metrics_port, args))


def configure_logging(level: str) -> None:
    """Log at ``level``; the libraries that would log secrets word for word (the API
    login, the tunnel's Authorization header) never go below INFO."""
    logging.basicConfig(
        level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(max(logging.INFO, logging.getLogger().level))


async def _serve(
    routers: list[config.RouterSettings],
    metrics_host: str,
    metrics_port: int | None,
    args: argparse.Namespace | None = None,
) -> int:
    metrics = endpoint = None
    if metrics_port is not None:
        # prometheus_client costs memory; imported only when metrics are asked for
        from tikjobs.agent.metrics import AgentMetrics
        from tikjobs.exposition import MetricsEndpoint

        metrics = AgentMetrics()
        try:
            endpoint = MetricsEndpoint.start(metrics.registry, metrics_host, metrics_port)
        except OSError as error:
            print(f"tikjobs agent: cannot serve metrics: {error}", file=sys.stderr)
            return 2
        print(f"tikjobs agent metrics at {endpoint.url}", flush=True)
    try:
        return await _serve_routers(routers, metrics, args)
    finally:
        if endpoint is not None:
            await asyncio.to_thread(endpoint.close)


async def _serve_routers(
    routers: list[config.RouterSettings],
    metrics: AgentMetrics | None,
    args: argparse.Namespace | None = None,
) -> int:
    fleet = Fleet(metrics)
    task = asyncio.get_running_loop().create_task(fleet.serve(routers))
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, task.cancel)
    if args is not None:
        reloads: set[asyncio.Task[None]] = set()

        def hangup() -> None:
            reload = loop.create_task(_reload(fleet, args))
            reloads.add(reload)
            reload.add_done_callback(reloads.discard)

        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signal.SIGHUP, hangup)
    log.debug("serving %d router(s) on %s", len(routers), type(loop).__module__)
    print(f"tikjobs agent serving {len(routers)} router(s)", flush=True)
    freeze_startup_objects()
    try:
        await task
    except asyncio.CancelledError:
        return 0
    except BaseExceptionGroup as group:
        matched, rest = group.split(AgentError)
        if rest is not None:
            raise
        for error in _leaves(matched):
            print(f"tikjobs agent: {error}", file=sys.stderr)
        return 1
    return 0


async def _reload(fleet: Fleet, args: argparse.Namespace) -> None:
    """SIGHUP: read the settings again and serve what they say; settings that cannot be
    read or are not valid are refused, and the routers being served stay as they are."""
    try:
        routers = settings_from(args)
    except ConfigError as error:
        log.error("reload refused, still serving the settings in force: %s", error)
        return
    stopped, started = await fleet.reload(routers)
    log.info(
        "reloaded: serving %d router(s); stopped: %s; started: %s",
        len(fleet.serving),
        ", ".join(stopped) or "none",
        ", ".join(started) or "none",
    )


def _leaves(group: BaseExceptionGroup[AgentError] | None) -> list[BaseException]:
    if group is None:
        return []
    found: list[BaseException] = []
    for error in group.exceptions:
        found.extend(_leaves(error) if isinstance(error, BaseExceptionGroup) else [error])
    return found
