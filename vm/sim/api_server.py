"""The RouterOS API server of the simulated router: sessions, login, tags, cancel and faults.

How this works
--------------
`ApiServer` listens with asyncio streams; each connection is an `ApiSession`. The
session feeds received bytes to the sans-I/O `vm.sim.protocol.Decoder` and handles each
sentence through a table keyed by its login state and command word::

    state      /login         /quit   /cancel   any other command
    LOGIN      log in         quit    refuse    refuse (``not logged in``)
    READY      log in again   quit    cancel    run on the device

Quick commands (menu prints, adds, sets) run inline on the loop, so a print costs one
decode, one model call and one encode. Commands that may block (scripts) or that a fault
delays run as tasks, their device call in a worker thread; tagged ones run side by side,
untagged ones one after another as RouterOS answers them. ``/cancel`` interrupts them:
the cancelled command answers ``!trap`` (category 2, ``interrupted``) and ``!done``, and
its script is told to stop at its next step.

A login needs an enabled user, its password and a group with the ``api`` policy;
RouterOS refuses each lack alike, ``invalid user name or password (6)`` (``cannot log
in`` to a pre-6.43 challenge login), and logs ``login failure for user U from A via
api``.

Bytes that are not API words close that connection only; the server keeps serving the
others. Faults (`vm.sim.faults.Faults`) add latency, silence commands and drop
connections after a number of sentences. Given a TLS context, the same server is the
API-SSL port (`vm.sim.tls`).
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import secrets
import ssl
import threading
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from tikjobs.vm.exceptions import Interrupted, ProtocolError, RouterOSError
from tikjobs.vm.sim.access import api_refusal
from tikjobs.vm.sim.command import (
    Command,
    Reply,
    encode_fatal,
    encode_reply,
    encode_trap,
)
from tikjobs.vm.sim.device import Device
from tikjobs.vm.sim.faults import Faults
from tikjobs.vm.sim.protocol import Decoder, encode_sentence

logger = logging.getLogger(__name__)

READ_CHUNK = 64 * 1024
PLAIN_LOGIN_SINCE = (6, 43)
EMPTY_REPLY_SINCE = (7, 18)
EMPTY_REPLY_VERBS = frozenset({"print", "getall"})
QUIT_REASON = "session terminated on request"
WORKER_THREADS = 64


class SessionState(enum.Enum):
    """Where a session stands: before or after a successful ``/login``."""

    LOGIN = "login"
    READY = "ready"


class NotLoggedIn(RouterOSError):
    """A command sent before ``/login`` succeeded."""

    def __init__(self) -> None:
        super().__init__("not logged in")


class LoginFailed(RouterOSError):
    """Wrong user name or password (RouterOS words it by version)."""


def _tag_of(sentence: Sequence[str]) -> str | None:
    for word in sentence[1:]:
        if word.startswith(".tag="):
            return word[len(".tag=") :]
    return None


@dataclass
class RunningCommand:
    """A command that is being answered in a task, so it can be cancelled."""

    command: Command
    cancel: threading.Event = field(default_factory=threading.Event)
    task: asyncio.Task[None] | None = None
    answered: bool = False


SentenceHandler = Callable[["ApiSession", Command], Awaitable[None]]


class ApiSession:
    """One client connection."""

    def __init__(
        self,
        server: ApiServer,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
    ) -> None:
        self.server = server
        self.device = server.device
        self.faults = server.faults
        self.reader = reader
        self.writer = writer
        peer = writer.get_extra_info("peername")
        self.address = str(peer[0]) if isinstance(peer, tuple) else str(peer)
        self.peer = f"{peer[0]}:{peer[1]}" if isinstance(peer, tuple) else str(peer)
        self.state = SessionState.LOGIN
        self.user: str | None = None
        self.decoder = Decoder()
        self.sent = 0
        self.closed = False
        self._challenge: bytes | None = None
        self._running: list[RunningCommand] = []
        self._untagged_tail: asyncio.Task[None] | None = None
        version = self.device.version_info
        self._challenge_login = version < PLAIN_LOGIN_SINCE
        self._offer_challenge = version < (7,)
        self._empty_marker = version >= EMPTY_REPLY_SINCE

    # -- the connection ------------------------------------------------------------

    async def serve(self) -> None:
        """Read and answer sentences until the peer leaves or the session closes."""
        try:
            while not self.closed:
                data = await self.reader.read(READ_CHUNK)
                if not data:
                    break
                self.decoder.feed(data)
                for sentence in self.decoder:
                    await self.handle(sentence)
                    if self.closed:
                        break
        except ProtocolError as error:
            logger.warning("closing API connection from %s: %s", self.peer, error)
        except (ConnectionError, OSError) as error:
            logger.debug("API connection from %s lost: %s", self.peer, error)
        finally:
            self.close()

    def close(self) -> None:
        """Drop the connection and stop everything it still runs."""
        if self.closed:
            return
        self.closed = True
        for running in list(self._running):
            running.answered = True
            running.cancel.set()
            if running.task is not None:
                running.task.cancel()
        self._running.clear()
        self.writer.close()

    def send(self, sentences: Sequence[Sequence[str]]) -> None:
        """Write whole sentences; a drop fault may close the connection part way."""
        if self.closed:
            return
        if self.faults.drop_after_sentences is None:
            self.writer.write(b"".join(encode_sentence(words) for words in sentences))
            self.sent += len(sentences)
            return
        for words in sentences:
            if self.closed:
                return
            self.writer.write(encode_sentence(words))
            self.sent += 1
            if self.faults.must_drop(self.sent):
                logger.info(
                    "dropping API connection from %s after %d sentences", self.peer, self.sent
                )
                self.close()
                return

    async def flush(self) -> None:
        if self.closed:
            return
        try:
            await self.writer.drain()
        except (ConnectionError, OSError):
            self.close()

    # -- dispatch --------------------------------------------------------------------

    async def handle(self, sentence: Sequence[str]) -> None:
        if not sentence:
            return
        try:
            command = Command.from_sentence(sentence)
        except RouterOSError as error:
            self.send(encode_trap(error, _tag_of(sentence)))
            await self.flush()
            return
        handlers = HANDLERS[self.state]
        handler = handlers.get(sentence[0], DEFAULT_HANDLERS[self.state])
        await handler(self, command)

    async def refuse(self, command: Command) -> None:
        self.send(encode_trap(NotLoggedIn(), command.tag))
        await self.flush()

    async def quit(self, command: Command) -> None:
        self.send([encode_fatal(QUIT_REASON)])
        await self.flush()
        self.close()

    # -- login -----------------------------------------------------------------------

    async def login(self, command: Command) -> None:
        attrs = command.attrs
        name, password, response = attrs.get("name"), attrs.get("password"), attrs.get("response")
        if name is None and password is None and response is None and self._offer_challenge:
            self._challenge = secrets.token_bytes(16)
            self.send(encode_reply(Reply(ret=self._challenge.hex()), command.tag))
            await self.flush()
            return
        if response is not None and self._challenge is not None:
            ok = self.device.check_challenge(name or "", self._challenge, response)
        elif password is not None and not self._challenge_login:
            ok = self.device.model.check_password(name or "", password)
        else:
            ok = False
        ok = ok and self.device.model.may_log_in(name or "", "api")
        if not self.device.is_up:
            # Going down: checked after the password, since a backup loaded on the way
            # down changes the users only once the device is no longer up.
            self.close()
            return
        if not ok:
            self.device.login_failed(name or "", via="api", address=self.address)
            message = (
                "cannot log in" if self._challenge_login else "invalid user name or password (6)"
            )
            self.send(encode_trap(LoginFailed(message), command.tag))
        else:
            self.state = SessionState.READY
            self.user = name
            self.device.logged_in(name or "", via="api", address=self.address)
            self.send(encode_reply(Reply(), command.tag))
        await self.flush()

    # -- commands --------------------------------------------------------------------

    async def run(self, command: Command) -> None:
        word = command.word
        delayed = self.faults.active and (
            self.faults.is_silent(word) or self.faults.latency_for(word) > 0
        )
        queued = command.tag is None and not _idle(self._untagged_tail)
        if not (delayed or queued or self.device.may_block(command)):
            self.send(self._answer(command, self._outcome(command)))
            await self.flush()
            return
        running = RunningCommand(command)
        previous = self._untagged_tail if command.tag is None else None
        running.task = asyncio.create_task(self._run_later(running, previous))
        self._running.append(running)
        if command.tag is None:
            self._untagged_tail = running.task

    def _outcome(
        self, command: Command, cancel: threading.Event | None = None
    ) -> Reply | RouterOSError:
        """The device's answer, or the error to trap with; never raises."""
        try:
            return self.device.execute(command, cancel=cancel, user=self.user)
        except RouterOSError as error:
            return error
        except Exception:
            logger.exception("the device failed to answer %s", command.word)
            return RouterOSError("failure: internal error", 4)

    def _answer(self, command: Command, outcome: Reply | RouterOSError) -> list[list[str]]:
        if isinstance(outcome, RouterOSError):
            return encode_trap(outcome, command.tag)
        marker = self._empty_marker and command.verb in EMPTY_REPLY_VERBS
        return encode_reply(outcome, command.tag, empty_marker=marker)

    async def _run_later(
        self, running: RunningCommand, previous: asyncio.Task[None] | None
    ) -> None:
        command = running.command
        try:
            if previous is not None:
                await asyncio.wait([previous])
            latency = self.faults.latency_for(command.word)
            if latency > 0:
                await asyncio.sleep(latency)
            if self.faults.is_silent(command.word):
                await asyncio.Event().wait()
            loop = asyncio.get_running_loop()
            outcome = await loop.run_in_executor(
                self.server.executor, self._outcome, command, running.cancel
            )
        except asyncio.CancelledError:
            return
        finally:
            if running in self._running:
                self._running.remove(running)
        if not running.answered:
            running.answered = True
            self.send(self._answer(command, outcome))
            await self.flush()

    async def cancel(self, command: Command) -> None:
        target = command.attrs.get("tag")
        victims = [
            r
            for r in self._running
            if not r.answered and (target is None or r.command.tag == target)
        ]
        for running in victims:
            running.answered = True
            running.cancel.set()
            if running.task is not None:
                running.task.cancel()
            self.send([encode_trap(Interrupted(), running.command.tag)[0]])
        self.send(encode_reply(Reply(), command.tag))
        for running in victims:
            self.send(
                [["!done", *([f".tag={running.command.tag}"] if running.command.tag else [])]]
            )
        await self.flush()


def _idle(task: asyncio.Task[None] | None) -> bool:
    return task is None or task.done()


HANDLERS: dict[SessionState, dict[str, SentenceHandler]] = {
    SessionState.LOGIN: {"/login": ApiSession.login, "/quit": ApiSession.quit},
    SessionState.READY: {
        "/login": ApiSession.login,
        "/quit": ApiSession.quit,
        "/cancel": ApiSession.cancel,
    },
}
DEFAULT_HANDLERS: dict[SessionState, SentenceHandler] = {
    SessionState.LOGIN: ApiSession.refuse,
    SessionState.READY: ApiSession.run,
}


class ApiServer:
    """The API port of one simulated device, or its API-SSL port when given ``tls``.

    ``port=0`` picks a free port; after `start` the bound port is in `port`, and a
    later `start` (after a reboot's `stop_listening`) binds the same port again.
    """

    def __init__(
        self,
        device: Device,
        host: str = "127.0.0.1",
        port: int = 0,
        faults: Faults | None = None,
        *,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.device = device
        self.host = host
        self.port = port
        self.faults = faults if faults is not None else device.faults
        self.tls = tls
        self.executor = ThreadPoolExecutor(WORKER_THREADS, thread_name_prefix="api-command")
        self._server: asyncio.Server | None = None
        self._sessions: set[ApiSession] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def listening(self) -> bool:
        return self._server is not None

    @property
    def session_count(self) -> int:
        return len(self._sessions)

    async def start(self) -> None:
        """Listen for connections."""
        if self._server is not None:
            return
        self._server = await asyncio.start_server(
            self._accept, self.host, self.port, limit=READ_CHUNK, backlog=512, ssl=self.tls
        )
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop_listening(self) -> None:
        """Refuse new connections; open sessions stay."""
        server, self._server = self._server, None
        if server is not None:
            server.close()
            with contextlib.suppress(Exception):
                async with asyncio.timeout(1):  # wait_for could swallow a cancellation
                    await server.wait_closed()

    def drop_sessions(self) -> None:
        """Cut every open connection, as a reboot does."""
        for session in list(self._sessions):
            session.close()

    async def close(self) -> None:
        """Stop listening, drop every session and wait for their tasks to end."""
        server, self._server = self._server, None
        if server is not None:
            server.close()
        self.drop_sessions()
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=5)
        if server is not None:
            with contextlib.suppress(Exception):
                async with asyncio.timeout(1):  # wait_for could swallow a cancellation
                    await server.wait_closed()
        self.executor.shutdown(wait=False, cancel_futures=True)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        peer = writer.get_extra_info("peername")
        address = str(peer[0]) if isinstance(peer, tuple) else str(peer)
        refusal = api_refusal(self.device.model, address, tls=self.tls is not None)
        if refusal is not None:
            # RouterOS never answers such a connection: the port is closed or filtered.
            logger.info("API connection from %s refused: %s", address, refusal)
            writer.transport.abort()
            return
        session = ApiSession(self, reader, writer)
        self._sessions.add(session)
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        try:
            await session.serve()
        finally:
            self._sessions.discard(session)
            if task is not None:
                self._tasks.discard(task)
            with contextlib.suppress(Exception):
                await writer.wait_closed()
