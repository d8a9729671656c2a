"""The agent's link to the cloud: one outbound WebSocket per router, kept up for good.

How this works
--------------
`CloudTunnel.run` connects to the cloud's ``/tunnel`` with the router's token, sends
`Hello` (the router's facts) and waits for `Welcome`; from then on every frame the
cloud sends is dispatched through a table from frame type to handler, and a `Heartbeat`
goes out every ``heartbeat_interval`` the Welcome named. A tunnel silent for three
heartbeat intervals is taken as dead and dropped at once (a dead link would not carry
a closing handshake either). Whenever the tunnel ends (the cloud closed it, the
network failed, a `TunnelError`), the agent waits a jittered, exponentially growing
delay (`Backoff`) and connects again; a tunnel that got as far as Welcome resets the
delay. Given several URLs (replicas of one cloud), each reconnect goes to the next
one in turn: a replica that died is left for the next after one failed attempt, and
the router's jobs and sync calls are served through whichever replica the agent reaches.

Handlers run on the reading task, so they only hand work on (queue a job, start a
call); `on_up` runs after each Welcome before any frame is read, so reports still owed
go out first. websockets, OSError and TimeoutError become `CloudUnreachable` here; a
`TunnelError` from the cloud becomes `CloudRefused`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import ssl
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import WebSocketException

from tikjobs.agent.cloud_tls import PIN_MISMATCH, PinnedConnections
from tikjobs.agent.exceptions import CloudError, CloudRefused, CloudUnreachable, describe
from tikjobs.contracts.silence import SILENCE_HEARTBEATS, Silence
from tikjobs.contracts.tunnel import (
    MAX_FRAME_BYTES,
    FrameError,
    Heartbeat,
    Hello,
    TunnelError,
    Welcome,
    dump_frame,
    parse_cloud_frame,
)
from tikjobs.logs import router_id_var

log = logging.getLogger(__name__)

WELCOME_TIMEOUT = 10.0
_NETWORK_FAILURES = (WebSocketException, OSError, TimeoutError)

FrameHandler = Callable[[Any], Awaitable[None]]


class Backoff:
    """Delays between reconnects: doubling from ``minimum`` up to ``maximum``, each one
    jittered to between half and all of its value so that many agents spread out."""

    def __init__(
        self, minimum: float, maximum: float, *, rng: Callable[[], float] = random.random
    ) -> None:
        self.minimum = minimum
        self.maximum = max(minimum, maximum)
        self.attempt = 0
        self._rng = rng

    def next(self) -> float:
        ceiling = min(self.maximum, self.minimum * 2.0**self.attempt)
        self.attempt = min(self.attempt + 1, 64)
        return ceiling * (0.5 + self._rng() / 2)

    def reset(self) -> None:
        self.attempt = 0


def tunnel_url(cloud: str) -> str:
    """The WebSocket URL of the cloud's tunnel: ``https://x`` -> ``wss://x/tunnel``."""
    parts = urlsplit(cloud.strip())
    scheme = {"http": "ws", "https": "wss", "ws": "ws", "wss": "wss"}.get(parts.scheme.lower())
    if scheme is None or not parts.netloc:
        raise ValueError(f"{cloud!r} is not an http(s):// or ws(s):// URL")
    path = parts.path.rstrip("/")
    if not path.endswith("/tunnel"):
        path += "/tunnel"
    return urlunsplit((scheme, parts.netloc, path, parts.query, ""))


class CloudTunnel:
    """The tunnel of one router; `run` keeps it up until cancelled."""

    def __init__(
        self,
        url: str | Sequence[str],
        token: str,
        *,
        hello: Callable[[], Awaitable[Hello]],
        handlers: Mapping[type[Any], FrameHandler],
        on_up: Callable[[Welcome], Awaitable[None]],
        on_down: Callable[[], None],
        backoff: Backoff,
        label: str = "",
        tls: ssl.SSLContext | None = None,
        pin: str | None = None,
    ) -> None:
        self.urls = (url,) if isinstance(url, str) else tuple(url)
        if not self.urls:
            raise ValueError("a tunnel needs at least one cloud URL")
        self._current = 0
        self._token = token
        self._hello = hello
        self._handlers = handlers
        self._on_up = on_up
        self._on_down = on_down
        self.backoff = backoff
        self.label = label or self.urls[0]
        self.welcome: Welcome | None = None
        self.up = asyncio.Event()
        self._socket: ClientConnection | None = None
        self.on_reconnect: Callable[[], None] | None = None
        """Called each time the tunnel is tried again after it went down or failed."""
        self._tls = tls
        self._pin = pin

    def __repr__(self) -> str:
        return f"CloudTunnel({self.url!r}, up={self.up.is_set()})"

    @property
    def url(self) -> str:
        """The cloud URL the tunnel connects (or is connected) to."""
        return self.urls[self._current]

    async def run(self) -> None:
        """Connect, serve, reconnect after a pause; forever (until cancelled)."""
        while True:
            try:
                await self._session()
            except CloudRefused as error:
                log.error("%s: the cloud refused the tunnel: %s", self.label, error)
            except CloudError as error:
                log.warning("%s: tunnel down: %s", self.label, error)
            delay = self.backoff.next()
            if self.on_reconnect is not None:
                self.on_reconnect()
            self._current = (self._current + 1) % len(self.urls)
            log.info("%s: reconnecting to %s in %.1f s", self.label, self.url, delay)
            await asyncio.sleep(delay)

    async def send(self, frame: Any) -> None:
        """Send one frame on the live tunnel; `CloudUnreachable` when there is none."""
        socket = self._socket
        if socket is None:
            raise CloudUnreachable("the tunnel is not connected")
        text = dump_frame(frame)
        try:
            # Frames never interleave: websockets writes a whole message before it yields.
            await socket.send(text)
        except _NETWORK_FAILURES as error:
            raise CloudUnreachable(f"sending failed: {describe(error)}") from None

    async def drop(self) -> None:
        """Close the live tunnel (a new one is made after the usual pause)."""
        socket = self._socket
        if socket is not None:
            with contextlib.suppress(*_NETWORK_FAILURES):
                await socket.close()

    async def _session(self) -> None:
        secure = self.url.startswith("wss:")
        pinned = PinnedConnections(self._pin) if self._pin and secure else None
        options: dict[str, Any] = {"ssl": self._tls} if secure and self._tls else {}
        if pinned is not None:
            options["create_connection"] = pinned
        try:
            socket = await connect(
                self.url,
                additional_headers={"Authorization": f"Bearer {self._token}"},
                max_size=MAX_FRAME_BYTES + 4096,
                open_timeout=WELCOME_TIMEOUT,
                ping_interval=None,
                **options,
            )
        except _NETWORK_FAILURES as error:
            if pinned is not None and pinned.refused:
                raise CloudRefused("certificate_pin", PIN_MISMATCH) from None
            raise CloudUnreachable(f"cannot connect to {self.url}: {describe(error)}") from None
        silent = asyncio.Event()
        try:
            welcome = await self._handshake(socket)
            self.welcome = welcome
            self._socket = socket
            self.up.set()
            self.backoff.reset()
            router_id_var.set(welcome.router_id)
            log.info("%s: tunnel up as router %s", self.label, welcome.router_id)
            await self._on_up(welcome)
            heartbeat = asyncio.get_running_loop().create_task(self._beat(welcome))
            try:
                await self._read(socket, welcome.heartbeat_interval * SILENCE_HEARTBEATS, silent)
            finally:
                heartbeat.cancel()
                await asyncio.gather(heartbeat, return_exceptions=True)
        finally:
            was_up = self._socket is socket
            self._socket = None
            self.up.clear()
            if was_up:
                self._on_down()
            if silent.is_set():
                socket.transport.abort()  # a dead link carries no closing handshake either
            # asyncio.timeout, not wait_for: on Python 3.11 wait_for swallows a cancellation
            # that arrives as the close completes, and the agent would then never stop
            with contextlib.suppress(*_NETWORK_FAILURES):
                async with asyncio.timeout(2):
                    await socket.close()

    async def _handshake(self, socket: ClientConnection) -> Welcome:
        try:
            await socket.send(dump_frame(await self._hello()))
            async with asyncio.timeout(WELCOME_TIMEOUT):
                frame = parse_cloud_frame(await socket.recv())
        except FrameError as error:
            raise CloudUnreachable(f"the cloud's answer to hello is not a frame: {error}") from None
        except _NETWORK_FAILURES as error:
            raise CloudUnreachable(f"no welcome: {describe(error)}") from None
        if isinstance(frame, TunnelError):
            raise CloudRefused(frame.code, frame.message)
        if not isinstance(frame, Welcome):
            raise CloudUnreachable(f"the cloud answered hello with {frame.type}")
        return frame

    async def _read(self, socket: ClientConnection, silence: float, silent: asyncio.Event) -> None:
        with Silence(silence) as watch:
            while True:
                try:
                    message = await watch.receive(socket.recv())
                except TimeoutError:
                    silent.set()
                    raise CloudUnreachable(
                        f"nothing heard from the cloud for {silence:g} s"
                    ) from None
                except _NETWORK_FAILURES as error:
                    raise CloudUnreachable(f"the tunnel closed: {describe(error)}") from None
                try:
                    frame = parse_cloud_frame(message)
                except FrameError as error:
                    log.warning(
                        "%s: ignoring a frame this agent does not know: %s", self.label, error
                    )
                    continue
                if isinstance(frame, TunnelError):
                    raise CloudRefused(frame.code, frame.message)
                handler = self._handlers.get(type(frame))
                if handler is None:
                    log.debug("%s: no handler for %s", self.label, frame.type)
                    continue
                await handler(frame)

    async def _beat(self, welcome: Welcome) -> None:
        while True:
            await asyncio.sleep(welcome.heartbeat_interval)
            try:
                await self.send(Heartbeat())
            except CloudUnreachable:
                return
