"""The qemu-system-x86_64 command line for a CHR, built as data, and the host facts it
depends on (usable KVM, free local ports).

How this works
--------------
`qemu_command` turns a `MachineSpec` into an argument list and does nothing else, so
every choice can be read and tested without QEMU: the overlay as the only disk, the
memory, KVM (``-accel kvm -cpu host``) when /dev/kvm can be opened for reading and
writing and TCG otherwise, no display with the serial console written to a log file,
no monitor, and one user-mode network card whose host forwards bind 127.0.0.1 only::

    hostfwd=tcp:127.0.0.1:<api>-:8728       RouterOS API
    hostfwd=tcp:127.0.0.1:<api-ssl>-:8729   RouterOS API-SSL
    hostfwd=tcp:127.0.0.1:<ssh>-:22         SSH / SFTP

QEMU's user network hands the guest 10.0.2.15 by DHCP, which the CHR's ether1 asks for
on its first boot.
"""

from __future__ import annotations

import contextlib
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

QEMU_SYSTEM = "qemu-system-x86_64"
KVM_DEVICE = Path("/dev/kvm")
GUEST_API, GUEST_API_SSL, GUEST_SSH = 8728, 8729, 22
DEFAULT_MEMORY_MB = 256
"""RouterOS CHR asks for 128 MiB at least; 256 MiB leaves room for backups and exports."""

Accelerator = Literal["kvm", "tcg"]


@dataclass(frozen=True)
class Forwards:
    """The local ports that reach the guest's API, API-SSL and SSH."""

    api: int
    api_ssl: int
    ssh: int
    host: str = "127.0.0.1"

    def rules(self) -> list[str]:
        return [
            f"hostfwd=tcp:{self.host}:{self.api}-:{GUEST_API}",
            f"hostfwd=tcp:{self.host}:{self.api_ssl}-:{GUEST_API_SSL}",
            f"hostfwd=tcp:{self.host}:{self.ssh}-:{GUEST_SSH}",
        ]


@dataclass(frozen=True)
class MachineSpec:
    """Everything the VM's command line depends on."""

    disk: Path
    console_log: Path
    forwards: Forwards
    accelerator: Accelerator
    memory_mb: int = DEFAULT_MEMORY_MB
    cpus: int = 1
    qemu: str = QEMU_SYSTEM


def qemu_command(spec: MachineSpec) -> list[str]:
    """The qemu-system-x86_64 argument list for ``spec``."""
    acceleration = ["-accel", "tcg"]
    if spec.accelerator == "kvm":
        acceleration = ["-accel", "kvm", "-cpu", "host"]
    network = ",".join(["user", "id=wan", *spec.forwards.rules()])
    return [
        spec.qemu,
        "-name", "tikjobs-chr",
        "-machine", "pc",
        *acceleration,
        "-m", str(spec.memory_mb),
        "-smp", str(spec.cpus),
        "-drive", f"file={_escaped(spec.disk)},format=qcow2,if=ide,cache=unsafe",
        "-netdev", network,
        "-device", "e1000,netdev=wan",
        "-nographic",
        "-serial", f"file:{_escaped(spec.console_log)}",
        "-monitor", "none",
    ]  # fmt: skip


def kvm_usable(device: Path = KVM_DEVICE) -> bool:
    """Whether this process may use KVM: the device opens for reading and writing."""
    try:
        descriptor = os.open(device, os.O_RDWR | os.O_CLOEXEC)
    except OSError:
        return False
    os.close(descriptor)
    return True


def choose_accelerator(device: Path = KVM_DEVICE) -> Accelerator:
    return "kvm" if kvm_usable(device) else "tcg"


def free_ports(count: int, host: str = "127.0.0.1") -> list[int]:
    """``count`` distinct local TCP ports that were free a moment ago."""
    with contextlib.ExitStack() as stack:
        ports = []
        for _ in range(count):
            probe = stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
            probe.bind((host, 0))
            ports.append(probe.getsockname()[1])
        return ports


def free_forwards(host: str = "127.0.0.1") -> Forwards:
    api, api_ssl, ssh = free_ports(3, host)
    return Forwards(api=api, api_ssl=api_ssl, ssh=ssh, host=host)


def _escaped(path: Path) -> str:
    """A path as a QEMU option value (a comma is written twice)."""
    return str(path).replace(",", ",,")
