"""One SSH connection to the device: password login and the channels it may open.

Paramiko runs each connection in its own transport thread and asks a
`paramiko.ServerInterface` what to allow. `DeviceSession` answers from the device: its
users log in with their passwords (logged as RouterOS logs them), and a ``session``
channel may run an exec script or a shell (`vm.sim.ssh.terminal`) or the ``sftp``
subsystem over the device's files (`vm.sim.ssh.sftp`). Every channel is served by a
worker thread registered with the server's `SessionThreads`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import paramiko

from tikjobs.vm.sim.ssh.sftp import DeviceFileSystem
from tikjobs.vm.sim.ssh.terminal import Channel, ConsoleLink, Shell, serve_exec
from tikjobs.vm.sim.ssh.threads import SessionThreads

if TYPE_CHECKING:
    from tikjobs.vm.sim.device import Device

# Answers to paramiko (it ships no type information).
AUTH_FAILED: Final[int] = paramiko.AUTH_FAILED
AUTH_SUCCESSFUL: Final[int] = paramiko.AUTH_SUCCESSFUL
OPEN_FAILED_ADMINISTRATIVELY_PROHIBITED: Final[int] = (
    paramiko.OPEN_FAILED_ADMINISTRATIVELY_PROHIBITED
)
OPEN_SUCCEEDED: Final[int] = paramiko.OPEN_SUCCEEDED


class DeviceSession(paramiko.ServerInterface):  # type: ignore[misc]
    """What one SSH client may do on the device, decided as paramiko asks."""

    def __init__(self, device: Device, peer: str, threads: SessionThreads) -> None:
        self._device = device
        self._peer = peer
        self._threads = threads
        self._terminals: set[int] = set()
        self.link = ConsoleLink(device, threads)
        self.user: str | None = None

    def hang_up(self) -> None:
        """Interrupt the scripts this connection runs (it is being dropped)."""
        self.link.hang_up()

    # -- login --------------------------------------------------------------------------

    def get_allowed_auths(self, username: str) -> str:
        return "password"

    def check_auth_password(self, username: str, password: str) -> int:
        model = self._device.model
        ok = model.check_password(username, password) and model.may_log_in(username, "ssh")
        if not self._device.is_up:
            return AUTH_FAILED  # going down; see `ApiSession.login`
        if ok:
            self.user = username
            model.note_login(username, self._peer, "ssh")
            return AUTH_SUCCESSFUL
        model.log(
            "system,error,critical", f"login failure for user {username} from {self._peer} via ssh"
        )
        return AUTH_FAILED

    # -- channels -----------------------------------------------------------------------

    def check_channel_request(self, kind: str, chanid: int) -> int:
        if kind == "session":
            return OPEN_SUCCEEDED
        return OPEN_FAILED_ADMINISTRATIVELY_PROHIBITED

    def check_channel_pty_request(
        self,
        channel: Channel,
        term: bytes,
        width: int,
        height: int,
        pixelwidth: int,
        pixelheight: int,
        modes: bytes,
    ) -> bool:
        self._terminals.add(channel.get_id())
        return True

    def check_channel_window_change_request(
        self, channel: Channel, width: int, height: int, pixelwidth: int, pixelheight: int
    ) -> bool:
        return True

    def check_channel_env_request(self, channel: Channel, name: bytes, value: bytes) -> bool:
        return True

    def check_channel_exec_request(self, channel: Channel, command: bytes) -> bool:
        self._threads.start(
            f"ssh exec {self._peer}", lambda: serve_exec(self.link, channel, command)
        )
        return True

    def check_channel_shell_request(self, channel: Channel) -> bool:
        terminal = channel.get_id() in self._terminals
        shell = Shell(self.link, channel, self.user or "", terminal=terminal)
        self._threads.start(f"ssh shell {self._peer}", shell.serve)
        return True

    def check_channel_subsystem_request(self, channel: Channel, name: str) -> bool:
        if name != "sftp":
            return False
        if not self._device.model.may_log_in(self.user or "", "ftp"):
            # RouterOS lets a user without the ftp policy log in over SSH but closes the
            # channel that asks for SFTP.
            return False
        handler = paramiko.SFTPServer(
            channel, name, self, DeviceFileSystem, self._device.model, self._device.persist
        )
        handler.name = f"ssh sftp {self._peer}"
        handler.daemon = True
        self._threads.add(handler)
        handler.start()
        return True
