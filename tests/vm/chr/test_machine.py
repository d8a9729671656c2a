"""`ChrMachine` with stand-ins for QEMU that run for real: a VM that boots and answers
/login, one that never boots, QEMU failing under KVM or on a taken port; and every run
leaves no process, overlay or log behind."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

import librouteros
import pytest

from tests.support.programs import require_programs
from tests.support.waiting import eventually_blocking
from tests.vm.chr.fakes import (
    alive,
    assert_all_ended,
    boot_disk,
    fake_qemu,
    fake_qemu_img,
    processes_mentioning,
    runs,
    started,
)
from tikjobs.vm.chr.machine import ChrMachine
from tikjobs.vm.exceptions import BootFailed, ImageNotFound, NotBootable, QemuNotFound

QUICK_STOP = 0.5
"""Seconds a fake that ignores SIGTERM gets before its group is killed."""


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The directory the harness makes its temporary directories in; it must be empty
    again, and no process may mention it, once a test is over."""
    directory = tmp_path / "tmp"
    directory.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(directory))
    yield directory
    assert list(directory.iterdir()) == []
    eventually_blocking(
        lambda: not processes_mentioning(str(directory)), "every qemu process ended"
    )
    assert_all_ended(tmp_path / "bin")


@pytest.fixture
def disk(tmp_path: Path) -> Path:
    return boot_disk(tmp_path / "chr.img")


def machine(tmp_path: Path, disk: Path, part: str, **options: object) -> ChrMachine:
    bin_dir = tmp_path / "bin"
    values: dict[str, object] = {
        "qemu": str(fake_qemu(bin_dir, part)),
        "qemu_img": str(fake_qemu_img(bin_dir)),
        "accelerator": "tcg",
        "boot_timeout": 15.0,
        "stop_timeout": QUICK_STOP,
    }
    values.update(options)
    return ChrMachine(disk, **values)  # type: ignore[arg-type]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_router_that_boots_is_ready_once_a_login_succeeds(
    tmp_path: Path, disk: Path, scratch: Path
) -> None:
    before = digest(disk)
    with machine(tmp_path, disk, "router") as chr_vm:
        target = chr_vm.target
        assert target is not None
        api = librouteros.connect(
            target.host, target.user, target.password, port=target.api_port, timeout=5
        )
        [identity] = api.path("system", "identity")
        api.close()
        workdir = chr_vm.workdir
        assert workdir is not None
        assert (workdir / "overlay.qcow2").exists()
        assert "MikroTik Login:" in chr_vm.console_tail()

    assert identity["name"] == "MikroTik"
    assert (target.kind, target.host, target.user, target.password) == (
        "chr", "127.0.0.1", "admin", "",
    )  # fmt: skip
    assert len({target.api_port, target.api_ssl_port, target.ssh_port}) == 3
    assert not workdir.exists()
    assert digest(disk) == before


def test_the_admin_password_is_set_and_logs_in(tmp_path: Path, disk: Path, scratch: Path) -> None:
    with machine(tmp_path, disk, "router", admin_password="s3cret-pw") as chr_vm:
        target = chr_vm.target
        assert target is not None
        librouteros.connect("127.0.0.1", "admin", "s3cret-pw", port=target.api_port).close()
        with pytest.raises(librouteros.exceptions.TrapError, match="invalid user name"):
            librouteros.connect("127.0.0.1", "admin", "", port=target.api_port)

    assert target.password == "s3cret-pw"


def test_a_vm_that_never_answers_fails_with_its_console_and_its_group_is_killed(
    tmp_path: Path, disk: Path, scratch: Path
) -> None:
    chr_vm = machine(tmp_path, disk, "hung", boot_timeout=1.5)

    with pytest.raises(BootFailed, match=r"did not answer /login .* within 1.5 s") as failure:
        chr_vm.start()

    assert "no operating system found" in str(failure.value)
    assert "no operating system found" in failure.value.console
    leader, child = started(tmp_path / "bin")
    assert not alive(leader)
    eventually_blocking(lambda: not alive(child), "the child qemu left behind was killed")
    assert chr_vm.process is None
    assert chr_vm.workdir is None


def test_qemu_failing_under_kvm_is_started_again_under_tcg(
    tmp_path: Path, disk: Path, scratch: Path
) -> None:
    with machine(tmp_path, disk, "no-kvm", accelerator=None, kvm_device=Path("/dev/null")):
        pass

    assert runs(tmp_path / "bin") == ["kvm", "tcg"]


def test_kvm_forced_by_the_user_is_not_swapped_for_tcg(
    tmp_path: Path, disk: Path, scratch: Path
) -> None:
    with pytest.raises(BootFailed, match=r"qemu was killed by signal 6: .*failed to set MSR"):
        machine(tmp_path, disk, "no-kvm", accelerator="kvm").start()

    assert runs(tmp_path / "bin") == ["kvm"]


def test_a_forwarded_port_taken_meanwhile_gets_new_ports(
    tmp_path: Path, disk: Path, scratch: Path
) -> None:
    with machine(tmp_path, disk, "port-taken") as chr_vm:
        assert chr_vm.target is not None

    assert runs(tmp_path / "bin") == ["tcg", "tcg"]


def test_qemu_exiting_at_once_fails_with_its_own_words(
    tmp_path: Path, disk: Path, scratch: Path
) -> None:
    with pytest.raises(
        BootFailed, match=r"qemu exited with status 1: .*Could not open backing file"
    ):
        machine(tmp_path, disk, "crash").start()


def test_a_missing_image_fails_before_qemu_is_looked_for(tmp_path: Path, scratch: Path) -> None:
    chr_vm = ChrMachine(tmp_path / "chr-7.16.img", qemu=str(tmp_path / "no-qemu"))

    with pytest.raises(ImageNotFound, match=r"chr-7\.16\.img: no such file"):
        chr_vm.start()


def test_no_qemu_on_the_machine_is_said_plainly(tmp_path: Path, disk: Path, scratch: Path) -> None:
    with pytest.raises(QemuNotFound, match=r"no-qemu is not installed or not on PATH"):
        ChrMachine(disk, qemu=str(tmp_path / "no-qemu")).start()


def test_a_file_that_is_no_disk_is_refused_before_anything_starts(
    tmp_path: Path, scratch: Path
) -> None:
    notes = tmp_path / "notes.img"
    notes.write_text("not a disk\n" * 100)
    bin_dir = tmp_path / "bin"
    chr_vm = ChrMachine(
        notes, qemu=str(fake_qemu(bin_dir, "router")), qemu_img=str(fake_qemu_img(bin_dir))
    )

    with pytest.raises(NotBootable, match="not a bootable disk image"):
        chr_vm.start()

    assert runs(bin_dir) == []


def test_a_vm_that_stops_while_in_use_says_so_and_closes_twice_harmlessly(
    tmp_path: Path, disk: Path, scratch: Path
) -> None:
    chr_vm = machine(tmp_path, disk, "router")
    chr_vm.start()
    assert chr_vm.stopped() is None
    assert chr_vm.process is not None
    chr_vm.process.kill()
    chr_vm.process.wait(10)

    stopped = chr_vm.stopped()
    chr_vm.close()
    chr_vm.close()

    assert (stopped or "").startswith("qemu was killed by signal 9")
    assert chr_vm.stopped() == "qemu is not running"


def test_real_qemu_boots_a_disk_that_is_no_routeros_and_leaves_nothing(
    disk: Path, scratch: Path
) -> None:
    require_programs("qemu-system-x86_64", "qemu-img", install="qemu-system-x86 qemu-utils")
    before = digest(disk)
    chr_vm = ChrMachine(disk, boot_timeout=20.0, stop_timeout=5.0)

    with pytest.raises(BootFailed, match="did not answer /login") as failure:
        chr_vm.start()

    assert "tikjobs test disk: no RouterOS here" in failure.value.console
    assert digest(disk) == before
