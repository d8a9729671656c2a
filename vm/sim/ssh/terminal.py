"""Exec and shell channels: console scripts sent over SSH and what they print back.

An exec channel carries one script (``ssh admin@router ':put hello'``): its ``:put``
output goes to stdout as it is written and the exit status is 0; a script that fails
prints RouterOS's message (``syntax error (line 1 column 5)``) on stderr after what it
wrote and exits with status 1. A shell channel is the console: a ``[admin@MikroTik] > ``
prompt that runs each line it is given.

Both run in a worker thread per channel, never in the transport's thread, so a slow
script (``:delay``) cannot stall the connection; a watch per channel stops its scripts
once the channel closes or the client leaves.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import paramiko

from tikjobs.vm.exceptions import Interrupted, RouterOSError
from tikjobs.vm.sim.device_commands import error_text
from tikjobs.vm.sim.ssh.threads import SessionThreads

if TYPE_CHECKING:
    from tikjobs.vm.sim.device import Device

logger = logging.getLogger(__name__)

SUCCESS = 0
FAILURE = 1
WATCH_INTERVAL = 1.0
"""How often a channel watch looks whether its scripts were stopped some other way."""

_CR, _LF, _BACKSPACE, _DELETE, _CTRL_C, _CTRL_D = 0x0D, 0x0A, 0x08, 0x7F, 0x03, 0x04
_QUIT_WORDS = frozenset({"quit", "/quit"})
_CONNECTION_LOST = (OSError, EOFError, paramiko.SSHException)

Channel = Any
"""A `paramiko.Channel` (paramiko ships no type information)."""


@dataclass
class ConsoleLink:
    """What the consoles of one SSH connection share.

    Each console's scripts stop when its channel closes or the connection is dropped
    (`hang_up`); ``request_lock`` lets one global request at a time go out (paramiko
    tracks one).
    """

    device: Device
    threads: SessionThreads
    request_lock: threading.Lock = field(default_factory=threading.Lock)
    _stops: set[threading.Event] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _hung_up: bool = False

    def hang_up(self) -> None:
        """Interrupt every script of this connection (it is being dropped)."""
        with self._lock:
            self._hung_up = True
            stops = list(self._stops)
        for stop in stops:
            stop.set()

    def stop_for(self, channel: Channel) -> threading.Event:
        """The event that stops the scripts of ``channel``: set once the channel closes
        (the client closed it or left) or the connection is dropped."""
        stop = threading.Event()
        with self._lock:
            self._stops.add(stop)
            if self._hung_up:
                stop.set()
        self.threads.start(
            f"ssh channel watch {channel.get_id()}", lambda: self._watch(channel, stop)
        )
        return stop

    def _watch(self, channel: Channel, stop: threading.Event) -> None:
        """Set ``stop`` once ``channel`` closes. Paramiko sets a channel's ``status_event``
        when the channel is closed by either side or its transport ends; the watch also
        ends when ``stop`` is set some other way (a hang-up, a reboot)."""
        while not channel.status_event.wait(WATCH_INTERVAL):
            if stop.is_set():
                break
        else:
            stop.set()
        with self._lock:
            self._stops.discard(stop)

    def run(
        self, source: str, stop: threading.Event, write: Callable[[str], None]
    ) -> tuple[str, int]:
        """Run one script, its output going to ``write`` as the script writes it; answer
        what goes to stderr (its error, if it failed) and the exit status."""

        def out(text: str) -> None:
            if stop.is_set():
                raise Interrupted()
            try:
                write(text)
            except _CONNECTION_LOST:
                stop.set()
                raise Interrupted() from None

        try:
            self.device.run_script(source, origin="ssh", cancel=stop, write=out)
        except RouterOSError as error:
            return error_text(error) + "\n", FAILURE
        except Exception:
            logger.exception("script run over ssh failed unexpectedly")
            return "failure: internal error\n", FAILURE
        return "", SUCCESS

    def await_request_reply(self, channel: Channel) -> bool:
        """Wait until the client has been told that its exec or shell request succeeded.

        Paramiko sends that reply only after the request handler returns, so a fast
        script could close the channel first, and a paramiko client would then fail with
        "Channel closed". One keepalive round trip orders it: the transport thread reads
        the client's answer only after it has sent the reply. False when the connection
        is gone.
        """
        transport = channel.get_transport()
        with self.request_lock:
            transport.global_request("keepalive@openssh.com", wait=True)
        return bool(transport.is_active())


def serve_exec(link: ConsoleLink, channel: Channel, command: bytes) -> None:
    """Run the script of an exec request: its output goes to stdout as it is written,
    then its error (if any) to stderr, then the exit status."""
    try:
        if not link.await_request_reply(channel):
            return
        stop = link.stop_for(channel)
        try:
            source = command.decode("utf-8")
        except UnicodeDecodeError:
            stderr, status = "failure: command is not valid UTF-8\n", FAILURE
        else:
            stderr, status = link.run(
                source, stop, lambda text: channel.sendall(text.encode("utf-8"))
            )
        if stderr:
            channel.sendall_stderr(stderr.encode("utf-8"))
        channel.send_exit_status(status)
    except _CONNECTION_LOST:
        logger.debug("ssh client left before its exec finished")
    finally:
        _close(channel)


def _close(channel: Channel) -> None:
    """Close a channel whose client may already be gone (paramiko then raises)."""
    try:
        channel.close()
    except _CONNECTION_LOST:
        logger.debug("ssh channel closed after its connection ended")


class Shell:
    """The interactive console on a shell channel: prompt, line editing, one script a line.

    With a pseudo-terminal the shell echoes what is typed and ends lines with CR LF, as a
    terminal expects; without one it reads plain lines. ``quit``, ``/quit``, Ctrl-D on an
    empty line or the end of input end the session.
    """

    def __init__(self, link: ConsoleLink, channel: Channel, user: str, *, terminal: bool):
        self._link = link
        self._channel = channel
        self._user = user
        self._terminal = terminal
        self._line = bytearray()
        self._after_cr = False
        self._stop = threading.Event()

    def serve(self) -> None:
        """Run the console until the client quits or leaves."""
        try:
            if not self._link.await_request_reply(self._channel):
                return
            self._stop = self._link.stop_for(self._channel)
            self._write(self._prompt())
            while True:
                data = self._channel.recv(4096)
                if not data or not self._feed(data):
                    break
            self._channel.send_exit_status(SUCCESS)
        except _CONNECTION_LOST:
            logger.debug("ssh client left its shell")
        finally:
            _close(self._channel)

    def _feed(self, data: bytes) -> bool:
        """Take typed bytes; False once the session should end."""
        for byte in data:
            after_cr, self._after_cr = self._after_cr, byte == _CR
            if byte == _LF and after_cr:
                continue
            if byte in (_CR, _LF):
                self._echo("\n")
                line = self._line.decode("utf-8", errors="replace")
                self._line.clear()
                if not self._run_line(line):
                    return False
                self._write(self._prompt())
            elif byte in (_BACKSPACE, _DELETE):
                if self._line:
                    self._line.pop()
                    self._echo("\b \b")
            elif byte == _CTRL_C:
                self._line.clear()
                self._echo("\n")
                self._write(self._prompt())
            elif byte == _CTRL_D and not self._line:
                return False
            else:
                self._line.append(byte)
                if self._terminal:
                    self._channel.sendall(bytes([byte]))
        return True

    def _run_line(self, line: str) -> bool:
        """Run one console line; False when it asks to end the session."""
        if line.strip() in _QUIT_WORDS:
            self._write("interrupted\n")
            return False
        if line.strip():
            stderr, _ = self._link.run(line, self._stop, self._write)
            self._write(stderr)
        return True

    def _prompt(self) -> str:
        return f"[{self._user}@{self._link.device.model.identity}] > "

    def _echo(self, text: str) -> None:
        if self._terminal:
            self._write(text)

    def _write(self, text: str) -> None:
        if self._terminal:
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        if text:
            self._channel.sendall(text.encode("utf-8"))
