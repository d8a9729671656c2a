"""``tikjobs sim`` as a real process: it announces its ports, serves, and stops cleanly."""

from __future__ import annotations

import re
import signal
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import librouteros
import paramiko
import pytest
from librouteros.exceptions import ConnectionClosed, LibRouterosError, MultiTrapError, TrapError

from tests.vm.sim.ports import refused
from tikjobs.cli import main as tikjobs

LINE = re.compile(
    r"sim listening api=(?P<host>[\d.]+):(?P<api>\d+) ssh=[\d.]+:(?P<ssh>\d+)"
    r"( api-ssl=[\d.]+:(?P<api_ssl>\d+))?"
)
TIMEOUT = 30
QUICK = 0.5
"""How long a client waits for an answer a fault holds back."""


def start(*arguments: str) -> subprocess.Popen[str]:
    return subprocess.Popen(  # noqa: S603 - the test's own interpreter and fixed arguments
        [sys.executable, "-m", "tikjobs.cli", "sim", *arguments],
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
    process = start("--api-port", "0", "--ssh-port", "0", "--api-ssl-port", "0", "--count", "3")
    processes.append(process)
    matches = announced(process, 3)
    ports = {int(m[kind]) for m in matches for kind in ("api", "ssh", "api_ssl")}
    assert len(ports) == 9
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


def test_a_change_answered_survives_a_power_cut(
    processes: list[subprocess.Popen[str]], tmp_path: Path
) -> None:
    process = start("--api-port", "0", "--ssh-port", "0", "--state-dir", str(tmp_path))
    processes.append(process)
    (match,) = announced(process)
    api = librouteros.connect(match["host"], "admin", "", port=int(match["api"]), timeout=10)
    api.path("ip", "address").add(address="10.124.0.1/24", interface="ether3")
    process.kill()
    process.wait(timeout=TIMEOUT)
    api.close()
    again = start("--api-port", "0", "--ssh-port", "0", "--state-dir", str(tmp_path))
    processes.append(again)
    (match,) = announced(again)
    api = librouteros.connect(match["host"], "admin", "", port=int(match["api"]), timeout=10)
    assert "10.124.0.1/24" in {row["address"] for row in api.path("ip", "address")}
    api.close()
    assert stop(again) == 0


def test_state_dir_keeps_the_ssh_host_key_across_restarts(
    processes: list[subprocess.Popen[str]], tmp_path: Path
) -> None:
    """A client that pinned the router's key (the agent's known_hosts) still trusts it
    after the router restarts, as after a real router's reboot."""
    keys = []
    for _ in range(2):
        process = start("--api-port", "0", "--ssh-port", "0", "--state-dir", str(tmp_path))
        processes.append(process)
        (match,) = announced(process)
        with socket.create_connection((match["host"], int(match["ssh"])), timeout=10) as sock:
            transport = paramiko.Transport(sock)
            try:
                transport.start_client(timeout=10)
                keys.append(transport.get_remote_server_key().asbytes())
            finally:
                transport.close()
        assert stop(process) == 0

    assert keys[0] == keys[1]


def test_bad_flags_are_refused_with_a_message() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tikjobs.cli", "sim", "--latency", "no-seconds"],
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


def unchecked_tls() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def test_device_flags_shape_what_clients_see(processes: list[subprocess.Popen[str]]) -> None:
    process = start(
        "--api-port", "0", "--ssh-port", "0", "--api-ssl-port", "0", "--host", "127.0.0.2",
        "--user", "ops", "--password", "pw", "--identity", "edge",
        "--routeros-version", "7.18.2",
    )  # fmt: skip
    processes.append(process)
    (match,) = announced(process)
    assert match["host"] == "127.0.0.2"
    api = librouteros.connect(
        "127.0.0.2",
        "ops",
        "pw",
        port=int(match["api_ssl"]),
        timeout=10,
        ssl_wrapper=unchecked_tls().wrap_socket,
    )
    assert next(iter(api.path("system", "identity")))["name"] == "edge"
    assert next(iter(api.path("system", "resource")))["version"] == "7.18.2 (stable)"
    api.close()
    with pytest.raises(TrapError, match="invalid user name or password"):
        librouteros.connect("127.0.0.2", "admin", "", port=int(match["api"]), timeout=10)
    assert stop(process) == 0


def test_latency_and_never_answer_hold_back_matching_commands(
    processes: list[subprocess.Popen[str]],
) -> None:
    process = start(
        "--api-port", "0", "--ssh-port", "0",
        "--latency", "/ip/address/*=60", "--never-answer", "/system/identity/*",
    )  # fmt: skip
    processes.append(process)
    (match,) = announced(process)
    for held_back in (("system", "identity"), ("ip", "address")):
        api = librouteros.connect(match["host"], "admin", "", port=int(match["api"]), timeout=10)
        assert len(list(api.path("interface"))) == 6, "ether1..ether5 and the bridge"
        api.protocol.transport.sock.settimeout(QUICK)
        with pytest.raises((TimeoutError, LibRouterosError)):
            list(api.path(*held_back))
        api.close()
    assert stop(process) == 0


def test_drop_after_closes_connections_and_log_level_shows_it(
    processes: list[subprocess.Popen[str]],
) -> None:
    process = start(
        "--api-port", "0", "--ssh-port", "0", "--drop-after", "3", "--log-level", "info"
    )
    processes.append(process)
    (match,) = announced(process)
    api = librouteros.connect(match["host"], "admin", "", port=int(match["api"]), timeout=10)
    assert next(iter(api.path("system", "identity")))["name"] == "MikroTik"
    with pytest.raises((ConnectionClosed, ConnectionError)):
        list(api.path("interface"))
    api.close()
    assert stop(process) == 0
    _, errors = process.communicate(timeout=TIMEOUT)
    assert "dropping API connection" in errors
    assert "after 3 sentences" in errors


def test_reboot_delay_keeps_the_ports_closed_while_the_device_reboots(
    processes: list[subprocess.Popen[str]],
) -> None:
    process = start("--api-port", "0", "--ssh-port", "0", "--reboot-delay", "120")
    processes.append(process)
    (match,) = announced(process)
    host, port = match["host"], int(match["api"])
    api = librouteros.connect(host, "admin", "", port=port, timeout=10)
    tuple(api("/system/reboot"))
    api.close()
    deadline = time.monotonic() + 10
    while not refused(host, port, QUICK):
        assert time.monotonic() < deadline, "the API port still listens after a reboot"
        time.sleep(0.05)
    # Three times the default reboot delay later the port is still closed.
    deadline = time.monotonic() + 1.5
    while time.monotonic() < deadline:
        assert refused(host, port, QUICK)
        time.sleep(0.1)
    assert stop(process) == 0


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--reboot-delay", "-1"], "--reboot-delay must not be negative"),
        (["--log-level", "loud"], "invalid choice: 'LOUD'"),
        (["--api-ssl-port", "70000"], "70000 is not a port number"),
        (["--drop-after", "0"], "0 must be at least 1"),
        (["--count", "many"], "'many' is not a whole number"),
        (["--never-answer"], "expected one argument"),
    ],
)
def test_bad_values_are_refused_with_a_message(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status: int | str | None
    try:
        status = tikjobs(["sim", *arguments])
    except SystemExit as exit:
        status = exit.code
    assert status == 2
    assert message in capsys.readouterr().err


def test_help_describes_every_flag_and_the_announcement() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tikjobs.cli", "sim", "--help"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0
    flags = set(re.findall(r"(--[a-z-]+)", result.stdout))
    assert flags >= {
        "--api-port", "--api-ssl-port", "--ssh-port", "--host", "--user", "--password",
        "--identity", "--routeros-version", "--count", "--state-dir", "--latency",
        "--never-answer", "--drop-after", "--reboot-delay", "--log-level",
    }  # fmt: skip
    assert "sim listening api=HOST:PORT ssh=HOST:PORT [api-ssl=HOST:PORT]" in result.stdout
    assert "(default: 8728)" in result.stdout


def test_the_version_and_package_flags_pick_the_command_tree() -> None:
    process = start("--api-port", "0", "--ssh-port", "0", "--routeros-version", "7.24",
                    "--packages", "extra")  # fmt: skip
    try:
        (line,) = announced(process)
        api = librouteros.connect(line["host"], "admin", "", port=int(line["api"]), timeout=10)
        try:
            assert list(api("/interface/wifi/print")) == []
            (resource,) = api("/system/resource/print")
            assert resource["version"] == "7.24 (stable)"
        finally:
            api.close()
    finally:
        assert stop(process) == 0
    base = start("--api-port", "0", "--ssh-port", "0")
    try:
        (line,) = announced(base)
        api = librouteros.connect(line["host"], "admin", "", port=int(line["api"]), timeout=10)
        try:
            with pytest.raises(
                MultiTrapError, match=r"no such command or directory \(user-manager\)"
            ):
                list(api("/user-manager/print"))
        finally:
            api.close()
    finally:
        assert stop(base) == 0


def test_an_unknown_package_set_is_refused_by_name() -> None:
    process = start("--packages", "all")
    _, errors = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 2
    assert "invalid choice: 'all' (choose from 'base', 'extra')" in errors
