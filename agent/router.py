"""The agent's API connections to its router: one logged-in session, a bounded pool, facts.

How this works
--------------
`RouterConnection` is one librouteros async session. librouteros logs in and owns the
socket (plain or TLS); a command is encoded by librouteros and written straight to its
socket, and the answer is read here: whatever the socket has is fed to the shared wire
decoder (`vm.sim.protocol.Decoder`) and taken back as whole sentences, so a sentence
costs a read or two rather than two per word, and values stay the strings RouterOS sent
(librouteros's own reader turns ``true`` into True and ``12`` into 12, and drops bytes
it cannot decode; here they become U+FFFD). A connection runs one command at a time
(librouteros has no tags). A command that outlives its time, is cancelled, or meets a
dropped socket closes its connection: RouterOS then abandons the command, and nothing
half-read is left behind for the next one.

`RouterPool` hands out at most ``size`` connections at once, reusing idle ones and
logging in afresh after a drop. `RouterPool.run` is one command on a pooled connection.

librouteros, OSError and TimeoutError are translated here into `agent.exceptions`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
import time
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field

import librouteros
from librouteros.exceptions import LibRouterosError, TrapError
from librouteros.protocol import encode_sentence

from tikjobs.agent.config import RouterSettings
from tikjobs.agent.exceptions import (
    AnswerTooLarge,
    LoginRefused,
    RouterTimeout,
    RouterTrapped,
    RouterUnreachable,
    describe,
)
from tikjobs.contracts.tunnel import RouterFacts, Trap
from tikjobs.vm.exceptions import ProtocolError
from tikjobs.vm.sim.protocol import Decoder, NeedData, Sentence

log = logging.getLogger(__name__)

MAX_SENTENCE = 64 * 1024 * 1024
"""The longest sentence (one row) the agent accepts from a router, in bytes."""
READ_CHUNK = 64 * 1024
"""Bytes asked of the socket at a time."""
PROBE_TIMEOUT = 5.0
"""Seconds a reused connection has to prove it still answers."""
READ_VERBS = frozenset({"print", "getall"})

Row = dict[str, str]
_FAILURES = (
    LibRouterosError,
    OSError,
    EOFError,
    asyncio.IncompleteReadError,
    UnicodeError,
    ProtocolError,
)


@dataclass
class Answer:
    """What the router answered to one command: rows, ``=ret=``, traps."""

    rows: list[Row] = field(default_factory=list)
    ret: str | None = None
    traps: list[Trap] = field(default_factory=list)

    def raise_traps(self) -> Answer:
        """This answer, or `RouterTrapped` when RouterOS refused the command."""
        if self.traps:
            raise RouterTrapped(self.traps)
        return self


def tls_context(settings: RouterSettings) -> ssl.SSLContext | None:
    """The TLS context for api-ssl, or None for the plain API."""
    if not settings.tls:
        return None
    context = ssl.create_default_context(
        cafile=str(settings.tls_ca_file) if settings.tls_ca_file else None
    )
    if not settings.tls_verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def cancel_requested() -> bool:
    """Whether the running task was asked to stop and has not stopped.

    librouteros connects and logs in under ``asyncio.wait_for``, which on Python 3.11 can
    lose a cancellation that arrives as what it waits for completes, or turn it into
    `TimeoutError`. The request still counts in the task's `asyncio.Task.cancelling`; a
    stopped agent whose job worker lost it went on waiting for the next job for good."""
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0


def raise_if_cancelled() -> None:
    """`asyncio.CancelledError` when the running task was asked to stop (see
    `cancel_requested`)."""
    if cancel_requested():
        raise asyncio.CancelledError


class RouterConnection:
    """One logged-in API session; `open` it, `command` one at a time, `close` it."""

    def __init__(self, api: librouteros.AsyncApi, settings: RouterSettings) -> None:
        self._api = api
        self._settings = settings
        self._decoder = Decoder(
            encoding=settings.encoding, max_sentence_bytes=MAX_SENTENCE, errors="replace"
        )
        self.closed = False
        self.used = False
        self.on_command: Callable[[str, float], None] | None = None

    @classmethod
    async def open(cls, settings: RouterSettings) -> RouterConnection:
        """Connect and log in. `RouterUnreachable`, `LoginRefused`."""
        where = f"{settings.router}:{settings.port}"
        try:
            api = await librouteros.async_connect(
                settings.router,
                settings.user,
                settings.password.get_secret_value(),
                port=settings.port,
                timeout=settings.connect_timeout,
                ssl_wrapper=tls_context(settings),
                encoding=settings.encoding,
            )
        except TrapError as error:
            raise_if_cancelled()
            raise LoginRefused(f"{where} refused the login: {error.message}") from None
        except (TimeoutError, *_FAILURES) as error:
            raise_if_cancelled()
            raise RouterUnreachable(f"cannot reach the API at {where}: {describe(error)}") from None
        api.protocol.timeout = None
        connection = cls(api, settings)
        if cancel_requested():
            await connection.close()
            raise asyncio.CancelledError
        return connection

    async def command(
        self,
        word: str,
        words: Sequence[str] = (),
        *,
        timeout: float | None = None,  # noqa: ASYNC109 - the connection is dropped at the limit
        limit: int | None = None,
    ) -> Answer:
        """Send one command and read its whole answer; traps are in the answer.

        `RouterTimeout` after ``timeout`` seconds, `AnswerTooLarge` once the text of the
        answer's rows (and its ``=ret=``) passes ``limit`` characters,
        `RouterUnreachable` when the connection drops; each closes the connection, as
        does a cancellation.
        """
        if self.closed:
            raise RouterUnreachable("the API connection is closed")
        began, outcome = time.perf_counter(), "ok"
        deadline = contextlib.nullcontext() if timeout is None else asyncio.timeout(timeout)
        try:
            async with deadline:
                await self._write_sentence(word, words)
                return await self._read_answer(limit)
        except AnswerTooLarge:
            outcome = "too_large"
            await self.close()
            raise
        except TimeoutError:
            outcome = "timeout"
            await self.close()
            raise RouterTimeout(f"{word}: no answer within {timeout:g} s") from None
        except _FAILURES as error:
            outcome = "unreachable"
            await self.close()
            raise RouterUnreachable(
                f"{word}: the API connection failed: {describe(error)}"
            ) from None
        except BaseException:
            outcome = "unreachable"
            await self.close()
            raise
        finally:
            if self.on_command is not None:
                self.on_command(outcome, time.perf_counter() - began)

    @property
    def alive(self) -> bool:
        """Whether the session still looks usable (the router has not closed it)."""
        transport = self._api.protocol.transport
        return not (self.closed or transport.reader.at_eof() or transport.writer.is_closing())

    async def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        writer = self._api.protocol.transport.writer
        writer.close()
        with contextlib.suppress(Exception):
            async with asyncio.timeout(1):
                await writer.wait_closed()

    async def _write_sentence(self, word: str, words: Sequence[str]) -> None:
        """The command on the wire: librouteros's encoding, written straight to the socket
        (its ``writeSentence`` formats a debug line per word even with debug logging off)."""
        writer = self._api.protocol.transport.writer
        writer.write(encode_sentence(word, *words, encoding=self._settings.encoding))
        await writer.drain()

    async def _read_answer(self, limit: int | None) -> Answer:
        answer = Answer()
        size = 0
        while True:
            sentence = await self._read_sentence()
            if not sentence:
                continue
            reply, attributes = sentence[0], _attributes(sentence[1:])
            if reply == "!re":
                if limit is not None:
                    size = _within(size + sum(map(len, sentence)), limit)
                answer.rows.append(attributes)
            elif reply == "!trap":
                category = attributes.get("category")
                answer.traps.append(
                    Trap(
                        message=attributes.get("message", ""),
                        category=int(category) if category and category.isdigit() else None,
                    )
                )
            elif reply == "!fatal":
                await self.close()
                reason = sentence[1] if len(sentence) > 1 else "no reason given"
                raise RouterUnreachable(f"the router ended the session: {reason}")
            elif reply == "!done":
                answer.ret = attributes.get("ret")
                if limit is not None and answer.ret is not None:
                    _within(size + len(answer.ret), limit)
                return answer

    async def _read_sentence(self) -> Sentence:
        decoder, reader = self._decoder, self._api.protocol.transport.reader
        while isinstance(sentence := decoder.next_sentence(), NeedData):
            data = await reader.read(READ_CHUNK)
            if not data:
                raise EOFError("the router closed the connection")
            decoder.feed(data)
        return sentence


def _within(size: int, limit: int) -> int:
    """``size``, or `AnswerTooLarge` when it is past ``limit`` characters."""
    if size > limit:
        raise AnswerTooLarge(f"the answer passed {limit:,} characters")
    return size


def _attributes(words: Sequence[str]) -> Row:
    row: Row = {}
    for word in words:
        if word.startswith("="):
            name, _, value = word[1:].partition("=")
            row[name] = value
    return row


class RouterPool:
    """At most ``size`` API connections to one router, logged in on demand.

    An idle connection may have been closed by the router meanwhile (a reboot drops every
    session) without the agent having noticed yet. Reads (``print``, ``getall``) that
    fail on a reused connection are sent once more on a fresh one; `answered_connection`
    proves a reused connection with a read before anything that must not be sent
    twice."""

    def __init__(self, settings: RouterSettings, size: int) -> None:
        self.settings = settings
        self._slots = asyncio.Semaphore(size)
        self._idle: list[RouterConnection] = []
        self.on_command: Callable[[str, float], None] | None = None
        """Called with each command's outcome (``ok``, ``timeout``, ``unreachable``) and
        seconds, on every connection of the pool."""

    @contextlib.asynccontextmanager
    async def connection(self, *, fresh: bool = False) -> AsyncIterator[RouterConnection]:
        """A logged-in connection for this task alone; waits while all are in use.
        ``fresh`` logs in anew instead of reusing an idle connection."""
        connection = await self._take(fresh=fresh)
        try:
            yield connection
        finally:
            self._give_back(connection)

    @contextlib.asynccontextmanager
    async def answered_connection(
        self,
        word: str,
        words: Sequence[str] = (),
        *,
        timeout: float | None = None,  # noqa: ASYNC109 - passed to the connection
    ) -> AsyncIterator[tuple[RouterConnection, Answer]]:
        """A connection that has just answered ``word`` (a read), and its answer: a
        reused connection that fails the read (within `PROBE_TIMEOUT`) is replaced by a
        fresh one, asked again, so the connection is known to answer."""
        async with self.connection() as connection:
            reused = connection.used
            try:
                answer = await connection.command(
                    word,
                    words,
                    timeout=min(PROBE_TIMEOUT, timeout or PROBE_TIMEOUT) if reused else timeout,
                )
            except (RouterUnreachable, RouterTimeout):
                if not reused:
                    raise
            else:
                yield connection, answer
                return
        async with self.connection(fresh=True) as connection:
            yield connection, await connection.command(word, words, timeout=timeout)

    async def run(
        self,
        word: str,
        words: Sequence[str] = (),
        *,
        timeout: float | None = None,  # noqa: ASYNC109 - passed to the connection
        limit: int | None = None,
    ) -> Answer:
        """One command on a pooled connection (``timeout`` and ``limit`` as
        `RouterConnection.command` takes them)."""
        # `_take` and `_give_back` rather than `connection()` on the way every call takes:
        # a generator-based context manager cost it about a tenth of the agent's CPU.
        connection = await self._take(fresh=False)
        reused = connection.used
        try:
            return await connection.command(word, words, timeout=timeout, limit=limit)
        except RouterUnreachable:
            if not (reused and word.rsplit("/", 1)[-1] in READ_VERBS):
                raise
        finally:
            self._give_back(connection)
        async with self.connection(fresh=True) as connection:
            return await connection.command(word, words, timeout=timeout, limit=limit)

    async def close(self) -> None:
        """Close every idle connection (busy ones close when their task ends)."""
        idle, self._idle = self._idle, []
        for connection in idle:
            await connection.close()

    async def _take(self, *, fresh: bool) -> RouterConnection:
        """A connection for the caller alone, a slot taken for it; `_give_back` it."""
        await self._slots.acquire()
        try:
            connection = None if fresh else await self._reuse()
            if connection is None:
                connection = await RouterConnection.open(self.settings)
        except BaseException:
            self._slots.release()
            raise
        connection.on_command = self.on_command
        return connection

    def _give_back(self, connection: RouterConnection) -> None:
        connection.used = True
        if not connection.closed:
            self._idle.append(connection)
        self._slots.release()

    async def _reuse(self) -> RouterConnection | None:
        while self._idle:
            candidate = self._idle.pop()
            if candidate.alive:
                return candidate
            await candidate.close()
        return None


async def read_facts(pool: RouterPool, timeout: float) -> RouterFacts:  # noqa: ASYNC109
    """Identity, RouterOS version, board, model, serial number and uptime."""
    resource = await _first_row(pool, "/system/resource/print", timeout)
    identity = await _first_row(pool, "/system/identity/print", timeout)
    try:
        board = await _first_row(pool, "/system/routerboard/print", timeout)
    except RouterTrapped:
        board = {}
    version = resource.get("version")
    return RouterFacts(
        identity=identity.get("name"),
        software_version=version.split(" ")[0] if version else None,
        board_name=resource.get("board-name"),
        model=board.get("model") or resource.get("board-name"),
        serial_number=board.get("serial-number"),
        uptime=resource.get("uptime"),
    )


async def _first_row(pool: RouterPool, word: str, timeout: float) -> Row:  # noqa: ASYNC109
    answer = (await pool.run(word, timeout=timeout)).raise_traps()
    return answer.rows[0] if answer.rows else {}
