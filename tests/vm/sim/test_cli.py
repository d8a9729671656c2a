"""``tikjobs sim`` as a real process: it announces its ports, serves, and stops cleanly."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import librouteros
import pytest

LINE = re.compile(r"sim listening api=(?P<host>[\d.]+):(?P<api>\d+) ssh=[\d.]+:(?P<ssh>\d+)")
TIMEOUT = 30


def start(*arguments: str) -> subprocess.Popen[str]:
    return subprocess.Popen(  # noqa: S603 - the test's own interpreter and fixed arguments
        [sys.executable, "-m", "emulator.cli", "sim", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def announced(process: subprocess.Popen[str], count: int = 1) -> list[re.Match[str]]:
    assert process.stdout is not None
    lines = []
    for _ in range(count):
        line = process.stdout.readline()
        match = LINE.fullmatch(line.strip())
        if match is None:
            process.kill()
            _, errors = process.communicate(timeout=TIMEOUT)
            raise AssertionError(f"unexpected output {line!r}; stderr: {errors}")
        lines.append(match)
    return lines


def stop(process: subprocess.Popen[str], signum: int = signal.SIGTERM) -> int:
    process.send_signal(signum)
    return process.wait(TIMEOUT)


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=TIMEOUT)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_sim_serves_until_signalled(processes: list[subprocess.Popen[str]], signum: int) -> None:
    process = start(
        "--api-port", "0", "--ssh-port", "0", "--password", "pw", "--identity", "edge-1"
    )
    processes.append(process)
    (match,) = announced(process)
    api = librouteros.connect(match["host"], "admin", "pw", port=int(match["api"]), timeout=10)
    assert next(iter(api.path("system", "identity")))["name"] == "edge-1"
    api.close()
    assert stop(process, signum) == 0


def test_count_starts_several_devices_on_distinct_ports(
    processes: list[subprocess.Popen[str]],
) -> None:
    process = start("--api-port", "0", "--ssh-port", "0", "--count", "3")
    processes.append(process)
    matches = announced(process, 3)
    ports = {int(m["api"]) for m in matches} | {int(m["ssh"]) for m in matches}
    assert len(ports) == 6
    for match in matches:
        api = librouteros.connect(match["host"], "admin", "", port=int(match["api"]), timeout=10)
        assert list(api.path("system", "identity"))
        api.close()
    assert stop(process) == 0


def test_state_dir_keeps_a_device_across_restarts(
    processes: list[subprocess.Popen[str]], tmp_path: Path
) -> None:
    process = start("--api-port", "0", "--ssh-port", "0", "--state-dir", str(tmp_path))
    processes.append(process)
    (match,) = announced(process)
    api = librouteros.connect(match["host"], "admin", "", port=int(match["api"]), timeout=10)
    api.path("ip", "address").add(address="10.123.0.1/24", interface="ether2")
    api.close()
    assert stop(process) == 0
    again = start("--api-port", "0", "--ssh-port", "0", "--state-dir", str(tmp_path))
    processes.append(again)
    (match,) = announced(again)
    api = librouteros.connect(match["host"], "admin", "", port=int(match["api"]), timeout=10)
    assert "10.123.0.1/24" in {row["address"] for row in api.path("ip", "address")}
    api.close()
    assert stop(again) == 0


def test_bad_flags_are_refused_with_a_message() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "emulator.cli", "sim", "--latency", "no-seconds"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 2
    assert "--latency wants PATTERN=SECONDS" in result.stderr


def test_a_port_in_use_is_a_clear_error(processes: list[subprocess.Popen[str]]) -> None:
    first = start("--api-port", "0", "--ssh-port", "0")
    processes.append(first)
    (match,) = announced(first)
    second = start("--api-port", match["api"], "--ssh-port", "0")
    processes.append(second)
    _, errors = second.communicate(timeout=TIMEOUT)
    assert second.returncode == 1
    assert "cannot listen" in errors
    assert stop(first) == 0
