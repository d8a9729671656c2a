"""``tikjobs sim``: run simulated RouterOS devices until stopped.

Prints one line per device, ``sim listening api=HOST:PORT ssh=HOST:PORT`` (followed
by ``api-ssl=HOST:PORT`` when API-SSL is on), once its ports listen, then serves until
SIGINT or SIGTERM and exits with status 0. Port 0 picks free ports; with ``--count N``
each device takes the next port after the given base (or a free one when the base is 0).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from pathlib import Path

from tikjobs.heap import freeze_startup_objects
from tikjobs.loops import fast_loop_factory
from tikjobs.vm.exceptions import VmError
from tikjobs.vm.sim.faults import Faults
from tikjobs.vm.sim.router import SimulatedRouter
from tikjobs.vm.sim.tree import PACKAGES

EPILOG = """\
Each device prints one line once its ports listen, then all serve until SIGINT or
SIGTERM (exit status 0):

  sim listening api=HOST:PORT ssh=HOST:PORT [api-ssl=HOST:PORT]

examples:
  tikjobs sim --api-port 0 --ssh-port 0          any free ports
  tikjobs sim --count 3 --state-dir ./routers    three devices that keep their state
  tikjobs sim --api-ssl-port 8729 --routeros-version 7.18
  tikjobs sim --latency '/ip/address/*=2' --drop-after 50
"""

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    ports = parser.add_argument_group(
        "ports", "0 picks a free port; with --count N each device takes the next port up"
    )
    ports.add_argument(
        "--api-port", type=_port, default=8728, metavar="PORT",
        help="RouterOS API port (default: 8728)",
    )  # fmt: skip
    ports.add_argument(
        "--api-ssl-port", type=_port, default=None, metavar="PORT",
        help="also serve API-SSL there: TLS with a self-signed certificate made at start"
        " (default: off)",
    )  # fmt: skip
    ports.add_argument(
        "--ssh-port", type=_port, default=2222, metavar="PORT",
        help="SSH and SFTP port (default: 2222)",
    )  # fmt: skip
    ports.add_argument(
        "--host", default="127.0.0.1", metavar="ADDRESS",
        help="address to listen on (default: 127.0.0.1)",
    )  # fmt: skip
    device = parser.add_argument_group("device")
    device.add_argument(
        "--user", default="admin", metavar="NAME", help="the device's user (default: admin)"
    )
    device.add_argument(
        "--password", default="", metavar="PASSWORD", help="that user's password (default: empty)"
    )
    device.add_argument(
        "--identity", default="MikroTik", metavar="NAME",
        help="the device's identity (default: MikroTik; NAME-1, NAME-2 ... with --count)",
    )  # fmt: skip
    device.add_argument(
        "--routeros-version", default="7.16", metavar="VERSION",
        help="RouterOS version to emulate (default: 7.16): its menus, commands and"
        " arguments come from the command tree of 7.16, 7.18.2, 7.20.8 or 7.24 (another 7.x"
        " plays the newest older one; 6.x keeps the hand-written menus only); before 6.43"
        " the API takes only the challenge login, from 7.18 empty prints answer !empty",
    )  # fmt: skip
    device.add_argument(
        "--packages", default="base", choices=PACKAGES,
        help="which packages the device has: base (routeros.npk, as a fresh CHR) or extra"
        " (every x86 package: wifi, container, user-manager ...) (default: base)",
    )  # fmt: skip
    device.add_argument(
        "--count",
        type=_positive,
        default=1,
        metavar="N",
        help="how many devices to run (default: 1)",
    )
    device.add_argument(
        "--state-dir", type=Path, metavar="DIR",
        help="keep each device's configuration and files in DIR/device-N.state (its SSH"
        " host key beside it), so it survives restarts as a router survives a reboot",
    )  # fmt: skip
    faults = parser.add_argument_group("faults", "for testing the clients of the devices")
    faults.add_argument(
        "--latency", action="append", default=[], metavar="PATTERN=SECONDS",
        help="delay API commands matching a glob such as '/ip/address/*' (repeatable)",
    )  # fmt: skip
    faults.add_argument(
        "--never-answer", action="append", default=[], metavar="PATTERN",
        help="leave API commands matching a glob unanswered (repeatable)",
    )  # fmt: skip
    faults.add_argument(
        "--drop-after", type=_positive, metavar="N",
        help="close each API connection after it has sent N sentences",
    )  # fmt: skip
    faults.add_argument(
        "--reboot-delay", type=float, default=None, metavar="SECONDS",
        help="how long the ports refuse connections during a reboot (default: 0.5)",
    )  # fmt: skip
    parser.add_argument(
        "--log-level", default="WARNING", type=str.upper, choices=LOG_LEVELS, metavar="LEVEL",
        help="what to log on stderr: DEBUG, INFO, WARNING, ERROR or CRITICAL (default: WARNING)",
    )  # fmt: skip


def run(args: argparse.Namespace) -> int:
    try:
        faults = _faults(args)
    except ValueError as error:
        print(f"tikjobs sim: {error}", file=sys.stderr)
        return 2
    logging.basicConfig(level=args.log_level, stream=sys.stderr)
    try:
        with asyncio.Runner(loop_factory=fast_loop_factory()) as runner:
            return runner.run(_serve(args, faults))
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
                packages=args.packages,
                user=args.user,
                password=args.password,
                api_port=_nth(args.api_port, index),
                ssh_port=_nth(args.ssh_port, index),
                api_ssl_port=None if args.api_ssl_port is None else _nth(args.api_ssl_port, index),
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
            print(_announcement(router), flush=True)
        freeze_startup_objects()
        await stop.wait()
    finally:
        for router in started:
            with contextlib.suppress(Exception):
                await router.close()
    return 0


def _announcement(router: SimulatedRouter) -> str:
    line = f"sim listening api={router.host}:{router.api_port} ssh={router.host}:{router.ssh_port}"
    if router.api_ssl_port is not None:
        line += f" api-ssl={router.host}:{router.api_ssl_port}"
    return line


def _nth(base: int, index: int) -> int:
    """The port of the ``index``-th device: the base port counted up, or any free one."""
    return base + index if base else 0


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
