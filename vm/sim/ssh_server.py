"""The simulated router's SSH server: its listening port and the life of its sessions.

`SshServer` accepts connections on asyncio's loop and hands each socket to a paramiko
`Transport`, which runs the SSH protocol in its own thread with a
`vm.sim.ssh.session.DeviceSession` deciding logins and channels. The server answers as
RouterOS does (``SSH-2.0-ROSSSH``), with one ephemeral ECDSA host key per server unless it
is given one. `drop_sessions` cuts every connection at once, as a reboot does; `close`
also stops listening and waits for every thread the sessions started.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import threading
from typing import TYPE_CHECKING, Any

import paramiko

from tikjobs.vm.sim.ssh.session import DeviceSession
from tikjobs.vm.sim.ssh.threads import SessionThreads

if TYPE_CHECKING:
    from tikjobs.vm.sim.device import Device

__all__ = ["SshServer"]

logger = logging.getLogger(__name__)

SERVER_VERSION = "SSH-2.0-ROSSSH"
"""The identification string RouterOS's SSH server sends."""

TRANSPORT_LOGGER = f"{__name__}.transport"
"""Where paramiko logs the sessions' protocol events (a client's reset is logged as an error)."""

THREAD_JOIN_TIMEOUT = 5.0
"""How long `SshServer.close` waits for session threads to end."""

_BACKLOG = 128


class SshServer:
    """An SSH and SFTP server for one simulated device.

    ``port=0`` picks a free port; after `start` the bound port is in `port`.
    """

    def __init__(
        self,
        device: Device,
        host: str = "127.0.0.1",
        port: int = 0,
        host_key: paramiko.PKey | None = None,
    ) -> None:
        self.device = device
        self.host = host
        self.port = port
        self.host_key: Any = host_key if host_key is not None else paramiko.ECDSAKey.generate()
        self._listener: socket.socket | None = None
        self._accepting: asyncio.Task[None] | None = None
        self._sessions: dict[Any, DeviceSession] = {}
        self._sessions_lock = threading.Lock()
        self._threads = SessionThreads()

    async def start(self) -> None:
        """Bind the listening socket and start accepting connections."""
        if self._listener is not None:
            raise RuntimeError("the SSH server is already started")
        listener = socket.create_server((self.host, self.port), backlog=_BACKLOG)
        listener.setblocking(False)
        self._listener = listener
        self.port = listener.getsockname()[1]
        self._accepting = asyncio.get_running_loop().create_task(self._accept(listener))

    def drop_sessions(self) -> None:
        """Cut every open SSH connection, as a reboot does. The server keeps listening."""
        with self._sessions_lock:
            sessions, self._sessions = self._sessions, {}
        for transport, session in sessions.items():
            session.hang_up()
            transport.close()

    async def close(self) -> None:
        """Stop listening, drop every session and wait for their threads to end."""
        if self._accepting is not None:
            self._accepting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._accepting
            self._accepting = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        self.drop_sessions()
        left = await asyncio.to_thread(self._threads.join, THREAD_JOIN_TIMEOUT)
        if left:
            logger.warning("ssh session threads still running after close: %s", left)

    async def _accept(self, listener: socket.socket) -> None:
        loop = asyncio.get_running_loop()
        while True:
            try:
                connection, address = await loop.sock_accept(listener)
            except OSError as error:
                logger.warning("ssh accept failed: %s", error)
                await asyncio.sleep(0.1)
                continue
            self._serve(connection, f"{address[0]}")

    def _serve(self, connection: socket.socket, peer: str) -> None:
        """Run the SSH protocol on an accepted connection in a paramiko transport thread."""
        try:
            connection.setblocking(True)
            # Replies are small packets; with Nagle each would wait for the client's ACK.
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            transport = paramiko.Transport(connection)
        except (OSError, paramiko.SSHException) as error:
            logger.debug("ssh connection from %s lost at once: %s", peer, error)
            connection.close()
            return
        transport.local_version = SERVER_VERSION
        transport.set_log_channel(TRANSPORT_LOGGER)
        transport.add_server_key(self.host_key)
        transport.name = f"ssh transport {peer}"
        session = DeviceSession(self.device, peer, self._threads)
        self._threads.add(transport)
        transport.start_server(event=threading.Event(), server=session)
        with self._sessions_lock:
            self._sessions = {t: s for t, s in self._sessions.items() if t.is_alive()}
            self._sessions[transport] = session
