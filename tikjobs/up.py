"""``tikjobs up``: the whole system in one command, for trying the API and for scripts.

``tikjobs up [--routers N] [--port 8080] [--db PATH] [--poll-interval S] [--print-json]``
(or ``--replicas N --db postgresql://...``: N emulators on one database, behind HAProxy
on ``--port`` when it is installed; docs/replicas.md)
runs an `tikjobs.system.System`: the emulator on SQLite, N simulated routers (default 2)
each served by its agent, and a notification sink, all on 127.0.0.1 in this one process.
It prints the base URL, an API key, the routers and ready-to-paste ``curl`` lines for
the seed's three examples, then every notification as it reaches the sink. Ctrl-C (or
SIGTERM) stops it all; the exit status is then 0.

The seed asks for an ``https://`` notify_url and the emulator keeps that rule, so the
sink speaks HTTPS with a throwaway certificate; the emulator started here trusts that
certificate and may notify 127.0.0.1, and nothing else private. ``curl --cacert <the
printed file>`` reads the sink.

``--print-json`` prints one JSON object as the first line of standard output (base URL,
API key, admin token, sink URL and certificate, customer, webhook secret, the routers
with their API and SSH ports and credentials) and nothing more there, so a script that
reads only that line never blocks the system; it keeps running until interrupted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import shlex
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Final

from tikjobs.emulator.exceptions import SystemFailed
from tikjobs.sink import ReceivedNotification
from tikjobs.system import DEFAULT_POLL_INTERVAL, DEFAULT_ROUTERS, System

LOG_LEVELS: Final = ("critical", "error", "warning", "info", "debug")
DEFAULT_PORT: Final = 8080
EXAMPLE_ADDRESS: Final = "192.168.99.1/24"


def _count(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 200:
        raise argparse.ArgumentTypeError(f"{value} is not between 1 and 200")
    return value


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a TCP port (0..65535)")
    return value


def _seconds(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number of seconds")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--routers", type=_count, default=DEFAULT_ROUTERS, help="simulated routers (default 2)"
    )
    parser.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        help=f"the API's port on 127.0.0.1; 0 picks a free one (default {DEFAULT_PORT})",
    )
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="SQLite file to keep (default: a temporary one, removed on exit), or a "
        "postgresql:// URL",
    )
    parser.add_argument(
        "--replicas",
        type=_count,
        default=1,
        help="emulators sharing the --db PostgreSQL database, behind HAProxy when it is "
        "installed (default 1)",
    )
    parser.add_argument(
        "--poll-interval",
        type=_seconds,
        default=DEFAULT_POLL_INTERVAL,
        metavar="SECONDS",
        help=f"how often routers check in for jobs (default {DEFAULT_POLL_INTERVAL:g}; "
        "MikroCloud's routers: 30)",
    )
    parser.add_argument(
        "--print-json",
        action="store_true",
        help="print one JSON line describing the system on standard output, nothing else",
    )
    parser.add_argument("--log-level", choices=LOG_LEVELS, default="warning")


def run(args: argparse.Namespace) -> int:
    """Run until Ctrl-C or SIGTERM (0), a part fails (1) or the arguments are unusable (2)."""
    postgres = args.db is not None and args.db.startswith(("postgresql://", "postgres://"))
    if args.db is not None and not postgres:
        args.db = Path(args.db)
        if not args.db.expanduser().resolve().parent.is_dir():
            print(f"tikjobs up: the directory of --db does not exist: {args.db}", file=sys.stderr)
            return 2
    if args.replicas > 1 and not postgres:
        print(
            "tikjobs up: several --replicas share one PostgreSQL database: "
            "give --db postgresql://...",
            file=sys.stderr,
        )
        return 2
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    try:
        return asyncio.run(_up(args))
    except KeyboardInterrupt:
        return 0


async def _up(args: argparse.Namespace) -> int:
    names: dict[str, str] = {}
    show: Callable[[ReceivedNotification], None] | None = None
    if not args.print_json:

        def show(received: ReceivedNotification) -> None:
            print(describe_notification(received, names), flush=True)

    system = System(
        routers=args.routers,
        port=args.port,
        db_path=args.db,
        replicas=args.replicas,
        poll_interval=args.poll_interval,
        on_notification=show,
        log_level=args.log_level,
    )
    try:
        async with system:
            names.update({router.router_id: router.name for router in system.routers})
            if args.print_json:
                print(json.dumps(system.describe()), flush=True)
            else:
                print(overview(system, args.poll_interval, args.db), flush=True)
            return await _serve(system)
    except SystemFailed as error:
        print(f"tikjobs up: {error}", file=sys.stderr)
        return 1


async def _serve(system: System) -> int:
    """Wait for Ctrl-C or SIGTERM (0) or a part of the system failing (1)."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    stopping = asyncio.create_task(stop.wait())
    watching = asyncio.create_task(system.watch())
    try:
        await asyncio.wait({stopping, watching}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (stopping, watching):
            task.cancel()
        await asyncio.gather(stopping, watching, return_exceptions=True)
    if not stop.is_set() and not watching.cancelled():
        error = watching.exception()
        print(f"tikjobs up: {error}; stopping", file=sys.stderr)
        return 1
    print("tikjobs up: stopping", file=sys.stderr, flush=True)
    return 0


def overview(system: System, poll_interval: float, db_path: Path | str | None) -> str:
    """What ``tikjobs up`` prints once everything runs: where things are and what to try."""
    first = system.routers[0]
    database = str(db_path) if db_path is not None else "temporary (gone on exit)"
    router_lines = [
        f"    {router.name}  {router.router_id}  API {router.api_host}:{router.api_port}  "
        f"SSH {router.api_host}:{router.ssh_port}  user {router.user}  "
        f"password {router.password}"
        for router in system.routers
    ]
    curl = "curl -s -w '\\n'"
    auth = '-H "Authorization: Bearer $KEY"'
    post = f"{curl} {auth} -H 'Content-Type: application/json' \\"
    arp = json.dumps({"command": "/ip/arp/print"})
    execute = json.dumps(
        {
            "command": "/execute",
            "parameters": f"=script=/ip address add address={EXAMPLE_ADDRESS} "
            "interface=ether1 disabled=no",
        }
    )
    addresses = json.dumps({"command": "/ip/address/print"})
    job = json.dumps(
        {
            "description": "Log test message",
            "script": ":log info test",
            "make_backup": False,
            "express_execute": False,
            "needs_acknowledgement": False,
            "notify_url": system.notify_sink_url,
        }
    )
    ca_file = shlex.quote(str(system.sink_ca_file))
    lines = [
        f"tikjobs up: the emulator, {len(system.routers)} simulated router(s) with their "
        "agents and a notification sink are running. Ctrl-C stops them.",
        "",
        f"  API          {system.base_url}   (docs: {system.base_url}/docs)",
        f"  console      {system.base_url}/console   (sign in with the API key or the admin token)",
        f"  API key      {system.api_key}",
        f"  admin token  {system.admin_token}   (for {system.base_url}/_emulator/...)",
        f"  notify sink  {system.notify_sink_url}   (certificate: {system.sink_ca_file})",
        f"  database     {database}",
        *(
            [
                f"  replicas     {'  '.join(system.replica_urls)}"
                + ("   (behind HAProxy at the API's URL)" if system.balancer else "")
            ]
            if len(system.replica_urls) > 1
            else []
        ),
        f"  routers      (checking in every {poll_interval:g} s)",
        *router_lines,
        "",
        f"Try it on {first.name} (paste into a shell):",
        "",
        f"  TIKJOBS={system.base_url}",
        f"  KEY={system.api_key}",
        f"  ROUTER={first.router_id}",
        "",
        "  # the seed's synchronous example: the router's ARP table",
        f"  {post}",
        f"    -d '{arp}' \"$TIKJOBS/api/synchronous/$ROUTER\"",
        "",
        f"  # add {EXAMPLE_ADDRESS} to ether1 through /execute, then list the addresses",
        f"  {post}",
        f"    -d '{execute}' \"$TIKJOBS/api/synchronous/$ROUTER\"",
        f"  {post}",
        f"    -d '{addresses}' \"$TIKJOBS/api/synchronous/$ROUTER\"",
        "",
        "  # the seed's asynchronous example: a job that logs 'test' at the next check-in;",
        "  # its notifications reach the sink and are printed below",
        f"  {post}",
        f"    -d '{job}' \"$TIKJOBS/api/asynchronous/$ROUTER\"",
        "",
        "  # the router's jobs, and the notifications the sink received",
        f'  {curl} {auth} "$TIKJOBS/api/routers/$ROUTER/jobs"',
        f"  {curl} --cacert {ca_file} {system.notify_sink_url}",
        "",
        "Notifications:",
    ]
    return "\n".join(lines)


def describe_notification(received: ReceivedNotification, names: dict[str, str]) -> str:
    """One notification as ``tikjobs up`` prints it: a summary line and the payload."""
    payload = received.payload
    router_id = payload.get("router_id") if isinstance(payload, dict) else None
    router = names.get(router_id, router_id) if isinstance(router_id, str) else "?"
    signature = "signature valid" if received.signature_valid else received.signature_error
    summary = (
        f"  {received.received_at:%H:%M:%S} {received.status or '?'}: job {received.job_id} "
        f"on {router} ({signature})"
    )
    return f"{summary}\n    {json.dumps(payload)}"
