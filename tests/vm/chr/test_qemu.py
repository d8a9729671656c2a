"""The qemu-system-x86_64 command line as data: the overlay as the only disk, forwards
on loopback, KVM or TCG, the console in a log file; and the host facts it rests on."""

from __future__ import annotations

import socket
from pathlib import Path

from tikjobs.vm.chr.qemu import (
    Forwards,
    MachineSpec,
    choose_accelerator,
    free_forwards,
    free_ports,
    kvm_usable,
    qemu_command,
)


def spec(**changes: object) -> MachineSpec:
    values: dict[str, object] = {
        "disk": Path("/run/tikjobs-chr-x/overlay.qcow2"),
        "console_log": Path("/run/tikjobs-chr-x/console.log"),
        "forwards": Forwards(api=40001, api_ssl=40002, ssh=40003),
        "accelerator": "tcg",
    }
    values.update(changes)
    return MachineSpec(**values)  # type: ignore[arg-type]


def option(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def test_the_overlay_is_the_only_disk_and_opened_as_qcow2() -> None:
    command = qemu_command(spec())

    assert command.count("-drive") == 1
    assert option(command, "-drive").startswith(
        "file=/run/tikjobs-chr-x/overlay.qcow2,format=qcow2,"
    )
    assert "-hda" not in command
    assert "-snapshot" not in command


def test_api_api_ssl_and_ssh_are_forwarded_from_loopback_ports() -> None:
    command = qemu_command(spec())

    network = option(command, "-netdev").split(",")
    assert network[:2] == ["user", "id=wan"]
    assert network[2:] == [
        "hostfwd=tcp:127.0.0.1:40001-:8728",
        "hostfwd=tcp:127.0.0.1:40002-:8729",
        "hostfwd=tcp:127.0.0.1:40003-:22",
    ]
    assert option(command, "-device") == "e1000,netdev=wan"


def test_kvm_uses_the_host_cpu_and_tcg_emulates_one() -> None:
    kvm = qemu_command(spec(accelerator="kvm"))
    tcg = qemu_command(spec(accelerator="tcg"))

    assert option(kvm, "-accel") == "kvm"
    assert option(kvm, "-cpu") == "host"
    assert option(tcg, "-accel") == "tcg"
    assert "-cpu" not in tcg


def test_the_console_goes_to_a_log_file_and_nothing_to_a_screen() -> None:
    command = qemu_command(spec(memory_mb=512, qemu="/opt/qemu/bin/qemu-system-x86_64"))

    assert command[0] == "/opt/qemu/bin/qemu-system-x86_64"
    assert "-nographic" in command
    assert option(command, "-serial") == "file:/run/tikjobs-chr-x/console.log"
    assert option(command, "-monitor") == "none"
    assert option(command, "-m") == "512"


def test_commas_in_paths_are_escaped_as_qemu_reads_them() -> None:
    command = qemu_command(
        spec(disk=Path("/run/a,b/overlay.qcow2"), console_log=Path("/run/a,b/console.log"))
    )

    assert option(command, "-drive").startswith("file=/run/a,,b/overlay.qcow2,format=qcow2")
    assert option(command, "-serial") == "file:/run/a,,b/console.log"


def test_kvm_is_chosen_only_when_the_device_opens_for_reading_and_writing(
    tmp_path: Path,
) -> None:
    device = tmp_path / "kvm"
    device.write_bytes(b"")

    assert choose_accelerator(device) == "kvm"
    assert choose_accelerator(tmp_path / "missing") == "tcg"
    assert choose_accelerator(tmp_path) == "tcg"  # a directory never opens for writing
    assert not kvm_usable(tmp_path)


def test_free_ports_are_distinct_and_can_be_bound() -> None:
    ports = free_ports(3)
    forwards = free_forwards()

    assert len(set(ports)) == 3
    assert len({forwards.api, forwards.api_ssl, forwards.ssh}) == 3
    for port in ports:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", port))
