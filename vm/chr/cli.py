"""``tikjobs chr``: boot a real RouterOS CHR, print how to reach it, tear it down on exit.

``--image PATH`` boots the image under QEMU on a throwaway overlay; ``--docker-image
NAME`` runs a CHR container image with testcontainers instead. Once a ``/login``
succeeds (and the admin password is set, with ``--admin-password``) one line goes to
stdout, ``chr ready kind=chr api=HOST:PORT api-ssl=HOST:PORT ssh=HOST:PORT user=U
password=P`` (or the same facts as one JSON object with ``--print-json``), and the
router runs until SIGINT or SIGTERM; then it is stopped and its overlay removed, and
the exit status is 0.

Exit status 2: bad options or no such image file. Exit status 1: qemu or Docker
missing, a file that is no bootable disk, a router that never answered, or one that
stopped while in use; the message says which.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import time
from pathlib import Path
from types import FrameType

from tikjobs.vm.chr.container import DEFAULT_BOOT_TIMEOUT as CONTAINER_BOOT_TIMEOUT
from tikjobs.vm.chr.container import ChrContainer
from tikjobs.vm.chr.machine import DEFAULT_BOOT_TIMEOUT, MIN_MEMORY_MB, ChrMachine
from tikjobs.vm.chr.qemu import DEFAULT_MEMORY_MB
from tikjobs.vm.chr.target import RouterTarget, RouterUnderTest
from tikjobs.vm.exceptions import ChrError, ImageNotFound

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
WATCH_INTERVAL = 0.5
"""Seconds between two looks at whether the router still runs."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--image", type=Path, metavar="PATH",
        help="CHR disk image (.img, .vdi, .vmdk or .qcow2); it is never modified",
    )  # fmt: skip
    parser.add_argument(
        "--docker-image", metavar="NAME",
        help="run this CHR container image with testcontainers instead of QEMU",
    )  # fmt: skip
    parser.add_argument(
        "--boot-timeout", type=_positive_seconds, default=None, metavar="S",
        help=f"seconds to wait for a /login (default {DEFAULT_BOOT_TIMEOUT:g},"
        f" {CONTAINER_BOOT_TIMEOUT:g} for a container)",
    )  # fmt: skip
    parser.add_argument(
        "--admin-password", metavar="P", help="set this password for the user once booted"
    )
    parser.add_argument(
        "--memory", type=_memory, default=DEFAULT_MEMORY_MB, metavar="MB",
        help=f"the VM's memory (default {DEFAULT_MEMORY_MB})",
    )  # fmt: skip
    parser.add_argument(
        "--print-json", action="store_true", help="print the connection facts as one JSON line"
    )
    parser.add_argument("--user", default="admin", help="the user to log in as")
    parser.add_argument(
        "--password", default="", help="that user's current password (a fresh CHR: empty)"
    )
    parser.add_argument("--qemu", metavar="PATH", help="the qemu-system-x86_64 to run")
    parser.add_argument("--qemu-img", metavar="PATH", help="the qemu-img to run")
    parser.add_argument(
        "--accelerator", choices=("kvm", "tcg"),
        help="force KVM or TCG (default: KVM when /dev/kvm is usable)",
    )  # fmt: skip
    parser.add_argument("--log-level", default="WARNING", help="logging level (stderr)")


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=args.log_level.upper(), stream=sys.stderr)
    if (args.image is None) == (args.docker_image is None):
        print("tikjobs chr: give either --image PATH or --docker-image NAME", file=sys.stderr)
        return 2
    router = _router(args)
    previous = {signum: signal.signal(signum, _interrupt) for signum in STOP_SIGNALS}
    try:
        target = router.start()
        _announce(target, as_json=args.print_json)
        while (reason := router.stopped()) is None:
            time.sleep(WATCH_INTERVAL)
        print(f"tikjobs chr: the router stopped: {reason}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    except ImageNotFound as error:
        print(f"tikjobs chr: {error}", file=sys.stderr)
        return 2
    except ChrError as error:
        print(f"tikjobs chr: {error}", file=sys.stderr)
        return 1
    finally:
        for signum in STOP_SIGNALS:
            signal.signal(signum, signal.SIG_IGN)
        router.close()
        for signum, handler in previous.items():
            if handler is not None:
                signal.signal(signum, handler)


def _router(args: argparse.Namespace) -> RouterUnderTest:
    if args.docker_image is not None:
        return ChrContainer(
            args.docker_image,
            boot_timeout=args.boot_timeout or CONTAINER_BOOT_TIMEOUT,
            user=args.user,
            password=args.password,
            admin_password=args.admin_password,
        )
    return ChrMachine(
        args.image,
        boot_timeout=args.boot_timeout or DEFAULT_BOOT_TIMEOUT,
        memory_mb=args.memory,
        user=args.user,
        password=args.password,
        admin_password=args.admin_password,
        qemu=args.qemu,
        qemu_img=args.qemu_img,
        accelerator=args.accelerator,
    )


def _announce(target: RouterTarget, *, as_json: bool) -> None:
    line = target.to_json() if as_json else "chr ready " + " ".join(target.lines())
    print(line, flush=True)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _positive_seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not seconds > 0:
        raise argparse.ArgumentTypeError(f"{text} must be more than 0 seconds")
    return seconds


def _memory(text: str) -> int:
    try:
        megabytes = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of MB") from None
    if megabytes < MIN_MEMORY_MB:
        raise argparse.ArgumentTypeError(f"a CHR needs at least {MIN_MEMORY_MB} MB")
    return megabytes
