"""``tikjobs chr`` as a real process: it says which thing is missing or wrong, prints the
facts of a router that booted, and leaves nothing behind on Ctrl-C, SIGTERM or failure."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import librouteros
import pytest

from tests.support.waiting import eventually_blocking
from tests.vm.chr.fakes import (
    WAIT,
    assert_all_ended,
    boot_disk,
    fake_qemu,
    fake_qemu_img,
    processes_mentioning,
    started,
)
from tikjobs.vm.chr.container import docker_client
from tikjobs.vm.exceptions import DockerUnavailable

READY = "chr ready "


class Run:
    """One ``tikjobs chr`` process with its own TMPDIR and fake QEMU."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path / "tmp"
        self.tmp.mkdir()
        self.bin = tmp_path / "bin"
        self.disk = boot_disk(tmp_path / "chr.img")
        self.process: subprocess.Popen[str] | None = None

    def start(self, *arguments: str, part: str = "router") -> subprocess.Popen[str]:
        qemu, qemu_img = fake_qemu(self.bin, part), fake_qemu_img(self.bin)
        self.process = subprocess.Popen(  # noqa: S603 - the test's own interpreter
            [
                sys.executable, "-m", "tikjobs.cli", "chr",
                "--qemu", str(qemu), "--qemu-img", str(qemu_img), "--accelerator", "tcg",
                *arguments,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "TMPDIR": str(self.tmp)},
        )  # fmt: skip
        return self.process

    def ready_line(self) -> str:
        assert self.process is not None
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            _, errors = self.process.communicate(timeout=WAIT)
            raise AssertionError(f"no facts printed; stderr: {errors}")
        return line.strip()

    def finish(self, signum: int | None = None) -> tuple[int, str]:
        assert self.process is not None
        if signum is not None:
            self.process.send_signal(signum)
        _, errors = self.process.communicate(timeout=WAIT)
        return self.process.returncode, errors

    def assert_nothing_left(self) -> None:
        assert list(self.tmp.iterdir()) == []
        eventually_blocking(
            lambda: not processes_mentioning(str(self.tmp)), "every qemu process ended"
        )
        assert_all_ended(self.bin)


@pytest.fixture
def run(tmp_path: Path) -> Iterator[Run]:
    started = Run(tmp_path)
    yield started
    if started.process is not None and started.process.poll() is None:
        started.process.kill()
        started.process.communicate(timeout=WAIT)


def tikjobs_chr(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - the test's own interpreter
        [sys.executable, "-m", "tikjobs.cli", "chr", *arguments],
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=False,
    )


def facts(line: str) -> dict[str, str]:
    assert line.startswith(READY), line
    return dict(word.split("=", 1) for word in line[len(READY) :].split())


def test_a_booted_router_is_announced_and_ctrl_c_tears_it_down(run: Run) -> None:
    run.start("--image", str(run.disk), "--admin-password", "cli-pw")

    announced = facts(run.ready_line())
    host, port = announced["api"].split(":")
    api = librouteros.connect(host, "admin", "cli-pw", port=int(port), timeout=5)
    [identity] = api.path("system", "identity")
    api.close()
    status, _ = run.finish(signal.SIGINT)

    assert identity["name"] == "MikroTik"
    assert announced["kind"] == "chr"
    assert announced["user"] == "admin"
    assert announced["password"] == "cli-pw"
    assert announced["api-ssl"].startswith("127.0.0.1:")
    assert announced["ssh"].startswith("127.0.0.1:")
    assert status == 0
    run.assert_nothing_left()


def test_print_json_gives_the_facts_as_one_object_and_sigterm_stops_it(run: Run) -> None:
    run.start("--image", str(run.disk), "--print-json")

    announced = json.loads(run.ready_line())
    status, _ = run.finish(signal.SIGTERM)

    assert set(announced) == {
        "kind", "host", "api_port", "api_ssl_port", "ssh_port", "user", "password",
    }  # fmt: skip
    assert (announced["kind"], announced["host"], announced["password"]) == (
        "chr", "127.0.0.1", "",
    )  # fmt: skip
    assert status == 0
    run.assert_nothing_left()


def test_ctrl_c_while_booting_kills_the_vm_and_removes_its_overlay(run: Run) -> None:
    run.start("--image", str(run.disk), "--boot-timeout", "60", part="silent")
    eventually_blocking(lambda: len(started(run.bin)) == 2, "the fake qemu and its child started")

    status, _ = run.finish(signal.SIGINT)

    assert status == 0
    run.assert_nothing_left()


def test_a_router_that_never_answers_fails_with_its_console(run: Run) -> None:
    run.start("--image", str(run.disk), "--boot-timeout", "1", part="silent")

    status, errors = run.finish()

    assert status == 1
    assert "did not answer /login" in errors
    assert "last console lines:" in errors
    assert "no operating system found" in errors
    run.assert_nothing_left()


def test_a_router_that_stops_while_in_use_ends_the_command(run: Run) -> None:
    run.start("--image", str(run.disk))
    facts(run.ready_line())
    [qemu] = started(run.bin)
    os.kill(qemu, signal.SIGKILL)

    status, errors = run.finish()

    assert status == 1
    assert "the router stopped: qemu was killed by signal 9" in errors
    run.assert_nothing_left()


def test_a_missing_image_is_exit_status_2(tmp_path: Path) -> None:
    answer = tikjobs_chr("--image", str(tmp_path / "chr-7.16.img"))

    assert answer.returncode == 2
    assert answer.stderr.strip() == f"tikjobs chr: {tmp_path / 'chr-7.16.img'}: no such file"


def test_a_file_that_is_no_disk_is_exit_status_1(run: Run) -> None:
    notes = run.tmp.parent / "notes.img"
    notes.write_text("not a disk")

    run.start("--image", str(notes))
    status, errors = run.finish()

    assert status == 1
    assert "is not a bootable disk image" in errors


def test_no_qemu_is_exit_status_1_and_named(tmp_path: Path) -> None:
    disk = boot_disk(tmp_path / "chr.img")

    answer = tikjobs_chr("--image", str(disk), "--qemu", str(tmp_path / "qemu-system-x86_64"))

    assert answer.returncode == 1
    assert "qemu-system-x86_64 is not installed or not on PATH" in answer.stderr
    assert "apt-get install qemu-system-x86" in answer.stderr


def test_either_an_image_or_a_docker_image_is_needed(tmp_path: Path) -> None:
    neither = tikjobs_chr()
    both = tikjobs_chr("--image", str(tmp_path / "a.img"), "--docker-image", "chr:7.16")

    assert neither.returncode == both.returncode == 2
    assert "give either --image PATH or --docker-image NAME" in neither.stderr
    assert "give either --image PATH or --docker-image NAME" in both.stderr


def test_too_little_memory_or_a_bad_timeout_are_usage_errors(tmp_path: Path) -> None:
    memory = tikjobs_chr("--image", str(tmp_path / "a.img"), "--memory", "64")
    timeout = tikjobs_chr("--image", str(tmp_path / "a.img"), "--boot-timeout", "0")

    assert memory.returncode == timeout.returncode == 2
    assert "a CHR needs at least 128 MB" in memory.stderr
    assert "must be more than 0 seconds" in timeout.stderr


def test_a_docker_image_without_docker_says_what_is_missing() -> None:
    try:
        docker_client()
    except DockerUnavailable:
        pass
    else:
        pytest.skip("a Docker engine answers here")

    answer = tikjobs_chr("--docker-image", "evilfreelancer/docker-routeros", "--boot-timeout", "5")

    assert answer.returncode == 1
    assert (
        "testcontainers is not installed" in answer.stderr
        or "no Docker engine answers" in answer.stderr
    )
