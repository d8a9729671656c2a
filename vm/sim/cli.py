"""``tikjobs sim``: run simulated RouterOS devices until stopped.

Prints one line per device, ``sim listening api=HOST:PORT ssh=HOST:PORT``, once its
ports listen, then serves until SIGINT or SIGTERM and exits with status 0. Port 0 picks
free ports; with ``--count N`` each device takes the next port after the given base
(or a free one when the base is 0).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from pathlib import Path

from vm.exceptions import VmError
from vm.sim.faults import Faults
from vm.sim.router import SimulatedRouter


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--api-port", type=_port, default=8728, help="API port (0: any free)")
    parser.add_argument("--ssh-port", type=_port, default=2222, help="SSH port (0: any free)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--user", default="admin", help="the device's user")
    parser.add_argument("--password", default="", help="that user's password")
    parser.add_argument("--identity", default="MikroTik", help="the device's identity")
    parser.add_argument(
        "--routeros-version",
        default="7.16",
        help="RouterOS version to emulate (6.x < 6.43: old login)",
    )
    parser.add_argument("--count", type=_positive, default=1, help="how many devices to run")
    parser.add_argument(
        "--state-dir", type=Path, help="keep each device's state here so it survives restarts"
    )
    parser.add_argument(
        "--latency",
        action="append",
        default=[],
        metavar="PATTERN=SECONDS",
        help="delay commands matching a glob such as '/ip/address/*' (repeatable)",
    )
    parser.add_argument(
        "--never-answer", action="append", default=[], metavar="PATTERN",
        help="leave commands matching a glob unanswered (repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--drop-after", type=_positive, metavar="N", help="close connections after N sentences"
    )
    parser.add_argument(
        "--reboot-delay", type=float, default=None, metavar="SECONDS",
        help="how long the ports refuse connections during a reboot",
    )  # fmt: skip
    parser.add_argument("--log-level", default="WARNING", help="logging level (stderr)")


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=args.log_level.upper(), stream=sys.stderr)
    try:
        faults = _faults(args)
    except ValueError as error:
        print(f"tikjobs sim: {error}", file=sys.stderr)
        return 2
    try:
        return asyncio.run(_serve(args, faults))
    except VmError as error:
        print(f"tikjobs sim: {error}", file=sys.stderr)
        return 1


def _routers(args: argparse.Namespace, faults: Faults) -> list[SimulatedRouter]:
    routers = []
    for index in range(args.count):
        state_file = None
        if args.state_dir is not None:
            state_file = args.state_dir / f"device-{index + 1}.state"
        identity = args.identity if args.count == 1 else f"{args.identity}-{index + 1}"
        routers.append(
            SimulatedRouter(
                identity=identity,
                routeros_version=args.routeros_version,
                user=args.user,
                password=args.password,
                api_port=args.api_port + index if args.api_port else 0,
                ssh_port=args.ssh_port + index if args.ssh_port else 0,
                host=args.host,
                state_file=state_file,
                faults=faults if args.count == 1 else _copy(faults),
            )
        )
    return routers


async def _serve(args: argparse.Namespace, faults: Faults) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    started: list[SimulatedRouter] = []
    try:
        for router in _routers(args, faults):
            await router.start()
            started.append(router)
            print(
                f"sim listening api={router.host}:{router.api_port}"
                f" ssh={router.host}:{router.ssh_port}",
                flush=True,
            )
        await stop.wait()
    finally:
        for router in started:
            with contextlib.suppress(Exception):
                await router.close()
    return 0


def _faults(args: argparse.Namespace) -> Faults:
    faults = Faults()
    for entry in args.latency:
        pattern, separator, seconds = entry.rpartition("=")
        if not separator or not pattern:
            raise ValueError(f"--latency wants PATTERN=SECONDS, not {entry!r}")
        try:
            faults.add_latency(pattern, float(seconds))
        except ValueError:
            raise ValueError(f"--latency wants PATTERN=SECONDS, not {entry!r}") from None
    for pattern in args.never_answer:
        faults.never_answer(pattern)
    faults.drop_after(args.drop_after)
    if args.reboot_delay is not None:
        if args.reboot_delay < 0:
            raise ValueError("--reboot-delay must not be negative")
        faults.reboot_delay = args.reboot_delay
    return faults


def _copy(faults: Faults) -> Faults:
    return Faults(
        latency=dict(faults.latency),
        silent=set(faults.silent),
        drop_after_sentences=faults.drop_after_sentences,
        reboot_delay=faults.reboot_delay,
    )


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (0..65535)")
    return port


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{number} must be at least 1")
    return number
