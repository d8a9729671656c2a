"""The SSH server: password login, SFTP over the device's files, exec and shell consoles.

Every test drives a real paramiko client against a real `SshServer` on a free loopback
port. Clients block, so they run in worker threads while the server runs on the loop.
"""

from __future__ import annotations

import asyncio
import os
import socket
import stat
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import paramiko
import pytest

from tests.support.waiting import eventually_blocking
from tikjobs.vm.sim.command import Command
from tikjobs.vm.sim.device import Device, RunOutcome
from tikjobs.vm.sim.model import RouterModel
from tikjobs.vm.sim.ssh_server import SshServer

pytestmark = [
    pytest.mark.anyio,
    # A server thread that dies with an exception fails the test that caused it.
    pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning"),
]

T = TypeVar("T")
TIMEOUT = 5.0
USERS = {"admin": "", "ops": "s3cret"}


@pytest.fixture
def device() -> Iterator[Device]:
    device = Device(RouterModel(users=USERS))
    device.start()
    yield device
    device.close()


@pytest.fixture
async def server(device: Device) -> AsyncIterator[SshServer]:
    server = SshServer(device)
    await server.start()
    yield server
    await server.close()


async def in_thread(function: Callable[..., T], *args: Any) -> T:
    """Run a blocking client call off the loop the server accepts on."""
    return await asyncio.to_thread(function, *args)


def connect(server: SshServer, user: str = "admin", password: str = "") -> paramiko.SSHClient:
    client = paramiko.SSHClient()
    client.get_host_keys().add(
        f"[{server.host}]:{server.port}", server.host_key.get_name(), server.host_key
    )
    client.connect(
        server.host,
        server.port,
        user,
        password,
        look_for_keys=False,
        allow_agent=False,
        timeout=TIMEOUT,
        banner_timeout=TIMEOUT,
        auth_timeout=TIMEOUT,
    )
    return client


def execute(client: paramiko.SSHClient, command: str) -> tuple[str, str, int]:
    """Run a command over an exec channel: stdout, stderr and exit status."""
    _, stdout, stderr = client.exec_command(command, timeout=TIMEOUT)
    out, err = stdout.read().decode(), stderr.read().decode()
    assert stdout.channel.status_event.wait(TIMEOUT)
    return out, err, stdout.channel.exit_status


def log_messages(device: Device) -> list[str]:
    return [row["message"] for row in device.model.execute(Command(("log",), "print")).rows]


# -- login ----------------------------------------------------------------------------


async def test_device_user_logs_in_with_password_and_the_login_is_logged(
    server: SshServer, device: Device
) -> None:
    client = await in_thread(connect, server, "ops", "s3cret")
    with client:
        transport = client.get_transport()
        assert transport.is_authenticated()
        assert transport.remote_version == "SSH-2.0-ROSSSH"
    assert "user ops logged in from 127.0.0.1 via ssh" in log_messages(device)


@pytest.mark.parametrize(("user", "password"), [("ops", "wrong"), ("ops", ""), ("nobody", "")])
async def test_wrong_password_or_unknown_user_is_refused(
    server: SshServer, device: Device, user: str, password: str
) -> None:
    with pytest.raises(paramiko.AuthenticationException):
        await in_thread(connect, server, user, password)
    assert f"login failure for user {user} from 127.0.0.1 via ssh" in log_messages(device)


async def test_a_user_whose_group_lacks_the_ssh_policy_is_refused(
    server: SshServer, device: Device
) -> None:
    device.model.execute(
        Command(("user", "group"), "add", {"name": "no-ssh", "policy": "read,api"})
    )
    device.model.execute(
        Command(("user",), "add", {"name": "viewer", "group": "no-ssh", "password": "v-pw"})
    )

    with pytest.raises(paramiko.AuthenticationException):
        await in_thread(connect, server, "viewer", "v-pw")
    assert "login failure for user viewer from 127.0.0.1 via ssh" in log_messages(device)


def open_sftp(server: SshServer, user: str, password: str) -> list[str]:
    with connect(server, user, password) as client, client.open_sftp() as sftp:
        return sftp.listdir("/")


async def test_a_user_whose_group_lacks_the_ftp_policy_logs_in_but_gets_no_sftp(
    server: SshServer, device: Device
) -> None:
    device.model.execute(
        Command(("user", "group"), "add", {"name": "no-ftp", "policy": "read,ssh"})
    )
    device.model.execute(
        Command(("user",), "add", {"name": "viewer", "group": "no-ftp", "password": "v-pw"})
    )

    with pytest.raises(paramiko.SSHException, match="Channel closed"):
        await in_thread(open_sftp, server, "viewer", "v-pw")
    assert "user viewer logged in from 127.0.0.1 via ssh" in log_messages(device)

    device.model.execute(
        Command(("user", "group"), "set", {"numbers": "no-ftp", "policy": "read,ssh,ftp"})
    )
    assert isinstance(await in_thread(open_sftp, server, "viewer", "v-pw"), list)


# -- SFTP -----------------------------------------------------------------------------


def sftp_round_trip(server: SshServer, data: bytes) -> dict[str, Any]:
    with connect(server) as client, client.open_sftp() as sftp:
        sftp.putfo(_Reader(data), "/upload.bin")
        listing = sorted(sftp.listdir("/"))
        size = sftp.stat("upload.bin").st_size
        back = _download(sftp, "/upload.bin")
        sftp.remove("/upload.bin")
        after = sftp.listdir("/")
    return {"listing": listing, "size": size, "back": back, "after": after}


class _Reader:
    def __init__(self, data: bytes) -> None:
        self._data, self._at = data, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._data) if size < 0 else self._at + size
        chunk, self._at = self._data[self._at : end], min(end, len(self._data))
        return chunk


def _download(sftp: paramiko.SFTPClient, path: str) -> bytes:
    with sftp.open(path, "rb") as remote:
        return bytes(remote.read())


async def test_sftp_uploads_lists_stats_downloads_and_removes_device_files(
    server: SshServer, device: Device
) -> None:
    data = os.urandom(300_000)
    seen = await in_thread(sftp_round_trip, server, data)
    assert "upload.bin" in seen["listing"]
    assert seen["size"] == len(data)
    assert seen["back"] == data
    assert "upload.bin" not in seen["after"]
    assert all(info.name != "upload.bin" for info in device.model.list_files())


async def test_uploaded_file_is_in_the_device_store(server: SshServer, device: Device) -> None:
    def upload() -> None:
        with connect(server) as client, client.open_sftp() as sftp:
            sftp.putfo(_Reader(b"/system identity set name=lab\n"), "setup.rsc")

    await in_thread(upload)
    assert device.model.read_file("setup.rsc") == b"/system identity set name=lab\n"


async def test_a_file_written_or_removed_over_sftp_is_on_the_devices_disk_at_once(
    tmp_path: Path,
) -> None:
    state = tmp_path / "router.state"
    # A ticker that never runs: only the SFTP change itself can have saved the state.
    device = Device(RouterModel(users=USERS), state_file=state, tick=3600)
    device.start()
    server = SshServer(device)
    await server.start()

    def on_disk() -> set[str]:
        copy = RouterModel()
        copy.restore(state.read_bytes())
        return {info.name for info in copy.list_files()}

    def upload() -> None:
        with connect(server) as client, client.open_sftp() as sftp:
            sftp.putfo(_Reader(b"kept\n"), "kept.txt")

    def remove() -> None:
        with connect(server) as client, client.open_sftp() as sftp:
            sftp.remove("kept.txt")

    try:
        await in_thread(upload)
        written = on_disk()
        await in_thread(remove)
        removed = on_disk()
    finally:
        await server.close()
        device.close()
    assert "kept.txt" in written
    assert "kept.txt" not in removed


async def test_export_written_by_the_device_downloads_over_sftp(
    server: SshServer, device: Device
) -> None:
    device.model.execute(Command((), "export", {"file": "x"}))

    def download() -> tuple[list[str], bytes]:
        with connect(server) as client, client.open_sftp() as sftp:
            return sftp.listdir("/"), _download(sftp, "/x.rsc")

    listing, content = await in_thread(download)
    assert "x.rsc" in listing
    text = content.decode()
    assert text.startswith("# ")
    assert "by RouterOS" in text.splitlines()[0]


async def test_relative_absolute_and_dotted_paths_name_the_same_file(
    server: SshServer, device: Device
) -> None:
    device.model.write_file("notes.txt", b"hello")

    def read_all() -> list[bytes]:
        with connect(server) as client, client.open_sftp() as sftp:
            return [
                _download(sftp, path) for path in ("notes.txt", "/notes.txt", "/./a/../notes.txt")
            ]

    assert await in_thread(read_all) == [b"hello"] * 3


async def test_folders_list_their_files(server: SshServer, device: Device) -> None:
    device.model.write_file("pub/readme.txt", b"read me")

    def browse() -> tuple[bool, list[str], bytes]:
        with connect(server) as client, client.open_sftp() as sftp:
            entries = {entry.filename: entry for entry in sftp.listdir_attr("/")}
            return (
                stat.S_ISDIR(entries["pub"].st_mode or 0),
                sftp.listdir("/pub"),
                _download(sftp, "pub/readme.txt"),
            )

    is_folder, inside, content = await in_thread(browse)
    assert is_folder
    assert inside == ["readme.txt"]
    assert content == b"read me"


async def test_missing_files_are_reported_as_missing(server: SshServer) -> None:
    def probe(action: Callable[[paramiko.SFTPClient], object]) -> None:
        with connect(server) as client, client.open_sftp() as sftp:
            action(sftp)

    for action in (
        lambda sftp: sftp.stat("/nothing.rsc"),
        lambda sftp: sftp.remove("/nothing.rsc"),
        lambda sftp: sftp.open("/nothing.rsc", "rb"),
        lambda sftp: sftp.listdir("/no-folder"),
        lambda sftp: sftp.open("/no-folder/x.rsc", "wb"),
    ):
        with pytest.raises(FileNotFoundError):
            await in_thread(probe, action)


async def test_rename_moves_a_file(server: SshServer, device: Device) -> None:
    device.model.write_file("old.rsc", b":put moved\n")

    def rename() -> list[str]:
        with connect(server) as client, client.open_sftp() as sftp:
            sftp.rename("/old.rsc", "/new.rsc")
            return list(sftp.listdir("/"))

    listing = await in_thread(rename)
    assert "new.rsc" in listing
    assert "old.rsc" not in listing
    assert device.model.read_file("new.rsc") == b":put moved\n"


# -- exec and shell ---------------------------------------------------------------------


async def test_exec_returns_put_output_and_exit_status_zero(server: SshServer) -> None:
    def run() -> tuple[str, str, int]:
        with connect(server) as client:
            return execute(client, ":put hello")

    assert await in_thread(run) == ("hello\n", "", 0)


async def test_exec_with_a_syntax_error_fails_with_the_message_on_stderr(
    server: SshServer,
) -> None:
    def run() -> tuple[str, str, int]:
        with connect(server) as client:
            return execute(client, ":put (")

    out, err, status = await in_thread(run)
    assert status == 1
    assert out == ""
    assert err.startswith("syntax error (line 1 column ")


async def test_exec_changes_the_configuration_and_counts_the_run(
    server: SshServer, device: Device
) -> None:
    def run() -> tuple[str, str, int]:
        with connect(server) as client:
            return execute(
                client, "/ip address add address=10.9.9.1/24 interface=ether1 comment=m1"
            )

    assert await in_thread(run) == ("", "", 0)
    rows = device.model.execute(Command(("ip", "address"), "print")).rows
    assert [row["address"] for row in rows if row.get("comment") == "m1"] == ["10.9.9.1/24"]
    assert device.execution_count("comment=m1") == 1


async def test_exec_of_a_failing_script_reports_its_error(server: SshServer) -> None:
    def run() -> tuple[str, str, int]:
        with connect(server) as client:
            return execute(client, ':if (true) do={ :error "refused by policy" }')

    assert await in_thread(run) == ("", "refused by policy\n", 1)


@pytest.mark.parametrize(
    ("script", "message"),
    [
        (":log info first; /foo bar", "bad command name foo (line 1 column 19)"),
        (":log info first\n/ip adress", "bad command name adress (line 2 column 5)"),
    ],
)
async def test_exec_of_an_unknown_command_runs_nothing_and_names_it(
    server: SshServer, device: Device, script: str, message: str
) -> None:
    def run() -> tuple[str, str, int]:
        with connect(server) as client:
            return execute(client, script)

    assert await in_thread(run) == ("", message + "\n", 1)
    assert "first" not in log_messages(device)


async def test_exec_of_a_script_that_fails_part_way_keeps_what_it_wrote(
    server: SshServer,
) -> None:
    def run() -> tuple[str, str, int]:
        with connect(server) as client:
            return execute(client, ':put "a"; :error "x"')

    assert await in_thread(run) == ("a\n", "x\n", 1)


async def test_exec_shows_what_a_script_it_runs_writes(server: SshServer, device: Device) -> None:
    device.execute(Command(("system", "script"), "add", {"name": "greet", "source": ":put hi"}))

    def run() -> tuple[str, str, int]:
        with connect(server) as client:
            return execute(client, ":put before; /system script run greet; :put after")

    assert await in_thread(run) == ("before\nhi\nafter\n", "", 0)


def first_output_then(client: paramiko.SSHClient, leave: Callable[[Any], None]) -> str:
    """Start a long exec, read what it writes first, then leave as ``leave`` does."""
    channel = client.get_transport().open_session(timeout=TIMEOUT)
    channel.settimeout(TIMEOUT)
    channel.exec_command(":put first; :delay 30s; :put late")
    first = bytes(channel.recv(100)).decode()
    leave(channel)
    return first


@pytest.mark.parametrize(
    "leave",
    [
        pytest.param(lambda channel: channel.close(), id="closing-the-channel"),
        pytest.param(lambda channel: channel.get_transport().sock.close(), id="dropping-tcp"),
    ],
)
async def test_a_client_that_leaves_stops_its_running_script(
    server: SshServer, device: Device, leave: Callable[[Any], None]
) -> None:
    client = await in_thread(connect, server)
    with client:
        first = await in_thread(first_output_then, client, leave)
        assert first == "first\n", "output is sent as the script writes it"
        await in_thread(
            eventually_blocking,
            lambda: device.runs[-1].outcome is RunOutcome.INTERRUPTED,
            "the script was interrupted",
        )
    assert device.runs[-1].output == "first\n"


async def test_many_sessions_run_scripts_in_parallel(server: SshServer) -> None:
    def session(number: int) -> tuple[str, str, int]:
        with connect(server) as client:
            return execute(client, f":put {number}")

    def all_sessions() -> list[tuple[str, str, int]]:
        with ThreadPoolExecutor(max_workers=20) as pool:
            return list(pool.map(session, range(40)))

    results = await in_thread(all_sessions)
    assert results == [(f"{number}\n", "", 0) for number in range(40)]


def read_until(channel: paramiko.Channel, marker: bytes, pending: bytearray) -> str:
    """Read a shell channel up to and including ``marker``; keep what follows in ``pending``."""
    channel.settimeout(TIMEOUT)
    while marker not in pending:
        chunk = channel.recv(4096)
        if not chunk:
            raise AssertionError(f"channel closed before {marker!r}: {bytes(pending)!r}")
        pending.extend(chunk)
    end = pending.index(marker) + len(marker)
    text = bytes(pending[:end]).decode()
    del pending[:end]
    return text


async def test_shell_prompts_runs_each_line_and_quits(server: SshServer) -> None:
    def session() -> tuple[str, str, str, bool]:
        with connect(server) as client:
            channel = client.invoke_shell()
            seen = bytearray()
            banner = read_until(channel, b"] > ", seen)
            channel.sendall(b":put hi\r")
            answer = read_until(channel, b"] > ", seen)
            channel.sendall(b"/quit\r")
            farewell = read_until(channel, b"interrupted\r\n", seen)
            closed = channel.recv(100) == b""
            return banner, answer, farewell, closed

    banner, answer, farewell, closed = await in_thread(session)
    assert banner == "[admin@MikroTik] > "
    assert answer == ":put hi\r\nhi\r\n[admin@MikroTik] > "
    assert farewell.endswith("interrupted\r\n")
    assert closed


# -- life cycle -------------------------------------------------------------------------


async def test_drop_sessions_disconnects_clients_and_keeps_listening(server: SshServer) -> None:
    client = await in_thread(connect, server)
    with client:
        transport = client.get_transport()
        server.drop_sessions()
        await in_thread(
            eventually_blocking, lambda: not transport.is_active(), "the session was dropped"
        )
    again = await in_thread(connect, server)
    with again:
        assert again.get_transport().is_authenticated()


async def test_dropping_sessions_interrupts_their_running_scripts(
    server: SshServer, device: Device
) -> None:
    client = await in_thread(connect, server)
    with client:
        running = asyncio.ensure_future(in_thread(execute, client, ":delay 30s; :put late"))
        await in_thread(
            eventually_blocking,
            lambda: any("late" in run.source for run in device.runs),
            "the late script started",
        )
        server.drop_sessions()
        await in_thread(
            eventually_blocking,
            lambda: all(run.outcome is RunOutcome.INTERRUPTED for run in device.runs),
            "every script was interrupted",
        )
        out, _, status = await running
    assert "late" not in out
    assert status == -1, "a dropped session sends no exit status"


def server_threads(before: set[threading.Thread]) -> list[threading.Thread]:
    """Threads started since ``before`` that are not a client's transport."""
    return [
        thread
        for thread in threading.enumerate()
        if thread not in before
        and not (isinstance(thread, paramiko.Transport) and not thread.server_mode)
        and not thread.name.startswith("asyncio_")
    ]


async def test_close_drops_sessions_stops_listening_and_leaves_no_thread(device: Device) -> None:
    before = set(threading.enumerate())
    server = SshServer(device)
    await server.start()

    def open_sessions() -> list[paramiko.SSHClient]:
        shell_client, sftp_client, exec_client = connect(server), connect(server), connect(server)
        shell_client.invoke_shell().recv(100)
        sftp_client.open_sftp().listdir("/")
        assert execute(exec_client, ":put ok")[2] == 0
        return [shell_client, sftp_client, exec_client]

    clients = await in_thread(open_sessions)
    assert server_threads(before)
    await server.close()
    assert server_threads(before) == []
    for client in clients:
        await in_thread(
            eventually_blocking,
            lambda c=client: not c.get_transport().is_active(),
            "the client's session ended",
        )
        client.close()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((server.host, server.port), 1).close()


async def test_server_listens_again_on_the_same_port_after_close(server: SshServer) -> None:
    port = server.port
    await server.close()
    await server.start()
    assert server.port == port
    client = await in_thread(connect, server)
    with client:
        assert await in_thread(execute, client, ":put back") == ("back\n", "", 0)
