"""The notification client: one POST at a time per kept-alive HTTP/1.1 connection, guarded.

How this works
--------------
`Poster.post` sends one notification and answers the receiver's status code. Connections
are kept per (scheme, host, port) and reused while the receiver keeps them open. A
connection is guarded as `emulator.notifications.ssrf` describes: the scheme is checked
(`AddressPolicy.check_scheme`), the host resolved, every address it resolves to checked
against the `AddressPolicy` before connecting, and the address actually connected to
(the socket's peer) checked again. ``https`` verifies the receiver's certificate for the
host name against `transport.trusted_context`. The request is written as bytes; the
answer is parsed with httptools (the C parser uvicorn uses), or with h11 where httptools
is not installed, and at most `transport.RESPONSE_LIMIT` bytes of its body are read. A
kept-alive connection the receiver closed in the meantime is noticed when the request
fails before any answer arrives, and the request is sent once more on a new connection
(a notification may be delivered more than once; its ``webhook-id`` lets the receiver
tell).

Errors: `DeliveryRefused` for what the policy refuses; `PostFailed` (with the reason)
for connection, TLS and protocol failures; `TimeoutError` from the caller's own timeout.
This replaces httpx on the delivery path: per notification httpx with httpcore and
anyio's TLS stream cost about 1.3 ms of CPU, this about a quarter of that; parsing the
answer with h11 instead of httptools was a further 8% of the emulator's CPU when every
job notified.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

import h11

from tikjobs.emulator.exceptions import DeliveryRefused
from tikjobs.emulator.http_protocol import HAS_HTTPTOOLS
from tikjobs.emulator.notifications.ssrf import AddressPolicy, IPAddress, literal_address
from tikjobs.emulator.notifications.transport import RESPONSE_LIMIT, trusted_context

if HAS_HTTPTOOLS:
    import httptools

Endpoint = tuple[str, str, int]
"""Scheme, host and port."""


class PostFailed(Exception):
    """The notification could not be sent or its answer read; ``str`` says why."""


@dataclass
class _Connection:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter

    def usable(self) -> bool:
        return not (self.reader.at_eof() or self.writer.is_closing())

    def close(self) -> None:
        self.writer.transport.abort()


class Poster:
    """POSTs notifications over guarded, kept-alive HTTP/1.1 connections."""

    def __init__(
        self,
        policy: AddressPolicy,
        *,
        ca_bundle: Path | None = None,
        max_idle_per_endpoint: int = 8,
    ) -> None:
        self._policy = policy
        self._context = trusted_context(ca_bundle)
        self._idle: dict[Endpoint, list[_Connection]] = {}
        self._max_idle = max_idle_per_endpoint

    async def post(self, url: str, headers: dict[str, str], body: bytes) -> int:
        """Send ``body`` to ``url``; the receiver's status code."""
        parts = urlsplit(url)
        scheme, host = parts.scheme.lower(), parts.hostname
        if not host:
            raise DeliveryRefused(f"refused: invalid notify_url: {url!r}")
        self._policy.check_scheme(scheme, host)
        if scheme not in ("http", "https"):
            raise DeliveryRefused(f"refused: the {scheme!r} scheme is not http(s)")
        try:
            port = parts.port or (443 if scheme == "https" else 80)
        except ValueError:
            raise DeliveryRefused(f"refused: invalid port in notify_url {url!r}") from None
        endpoint = (scheme, host, port)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        default_port = port == (443 if scheme == "https" else 80)
        authority = host if default_port else f"{host}:{port}"
        if ":" in host and not default_port:
            authority = f"[{host}]:{port}"
        head = [f"POST {target} HTTP/1.1", f"Host: {authority}"]
        head += [f"{name}: {value}" for name, value in headers.items()]
        head.append(f"Content-Length: {len(body)}")
        message = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body
        while True:
            connection, reused = await self._connection(endpoint)
            try:
                status, keep = await _exchange(connection, message)
            except _ClosedBeforeAnswer as closed:
                connection.close()
                if reused:
                    continue  # the receiver had closed the kept connection: once more
                raise PostFailed(str(closed)) from None
            except BaseException:
                connection.close()
                raise
            if keep:
                self._keep(endpoint, connection)
            else:
                connection.close()
            return status

    async def aclose(self) -> None:
        for connections in self._idle.values():
            for connection in connections:
                connection.close()
        self._idle.clear()

    def _keep(self, endpoint: Endpoint, connection: _Connection) -> None:
        idle = self._idle.setdefault(endpoint, [])
        if len(idle) < self._max_idle:
            idle.append(connection)
        else:
            connection.close()

    async def _connection(self, endpoint: Endpoint) -> tuple[_Connection, bool]:
        idle = self._idle.get(endpoint, [])
        while idle:
            connection = idle.pop()
            if connection.usable():
                return connection, True
            connection.close()
        return await self._connect(endpoint), False

    async def _connect(self, endpoint: Endpoint) -> _Connection:
        scheme, host, port = endpoint
        plain = scheme == "http"
        addresses = await _resolve(host, port)
        for address in addresses:
            self._policy.check_connection(host, address, plain=plain)
        failure: OSError | None = None
        for address in addresses:
            try:
                reader, writer = await asyncio.open_connection(
                    str(address),
                    port,
                    ssl=None if plain else self._context,
                    server_hostname=None if plain else host,
                )
            except ssl.SSLError as error:
                raise PostFailed(f"TLS with {host} failed: {error}") from None
            except OSError as error:
                failure = error
                continue
            connection = _Connection(reader, writer)
            try:
                self._check_peer(host, address, writer, plain=plain)
            except DeliveryRefused:
                connection.close()
                raise
            return connection
        raise PostFailed(f"cannot connect to {host}:{port}: {failure}")

    def _check_peer(
        self, host: str, expected: IPAddress, writer: asyncio.StreamWriter, *, plain: bool
    ) -> None:
        peer = writer.get_extra_info("peername")
        if not isinstance(peer, tuple) or not peer:
            raise DeliveryRefused(f"refused: cannot tell which address {host} connected to")
        connected = ipaddress.ip_address(str(peer[0]))
        if connected != expected:
            raise DeliveryRefused(
                f"refused: connected to {connected} instead of the checked {expected}"
            )
        self._policy.check_connection(host, connected, plain=plain)


class _ClosedBeforeAnswer(Exception):
    pass


class _Answer(Protocol):
    """A receiver's answer, read as its bytes arrive."""

    status: int | None
    """The status of the answer being read (an informational one until the next)."""
    received: int
    """Bytes of its body so far."""
    keep: bool
    """Whether the connection may carry the next request (known once the answer is whole)."""

    def feed(self, data: bytes) -> bool:
        """Read ``data``; True once the answer is whole (or the receiver switched
        protocols); `PostFailed` if it is not HTTP/1.1."""
        ...

    def close(self) -> None:
        """Let go of the parser."""
        ...


def _not_http(error: Exception) -> PostFailed:
    return PostFailed(f"the receiver's answer is not HTTP/1.1: {error}")


class _HttptoolsAnswer:
    """The answer as httptools parses it (it calls the ``on_`` methods)."""

    def __init__(self) -> None:
        self.parser = httptools.HttpResponseParser(self)
        self.status: int | None = None
        self.complete = False
        self.keep = False
        self.received = 0

    def on_headers_complete(self) -> None:
        self.status = self.parser.get_status_code()

    def on_body(self, body: bytes) -> None:
        self.received += len(body)

    def on_message_complete(self) -> None:
        if self.status is not None and self.status >= 200:
            self.complete = True
            self.keep = self.parser.should_keep_alive()

    def feed(self, data: bytes) -> bool:
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            return True
        except httptools.HttpParserError as error:
            raise _not_http(error) from None
        return self.complete

    def close(self) -> None:
        del self.parser  # the parser refers to the answer: no cycle left behind


_STATUS_LINE = b"HTTP/"


class _H11Answer:
    """The answer as h11 parses it. h11 reads an answer only after the request it
    answers, so it is told one was sent: a POST of no body (what the answer's framing
    depends on is the method; the request's own bytes went out already)."""

    def __init__(self) -> None:
        self.connection = h11.Connection(h11.CLIENT)
        self.connection.send(
            h11.Request(method="POST", target="/", headers=[("Host", "-"), ("Content-Length", "0")])
        )
        self.connection.send(h11.EndOfMessage())
        self.status: int | None = None
        self.keep = False
        self.received = 0
        self._start = b""

    def feed(self, data: bytes) -> bool:
        if len(self._start) < len(_STATUS_LINE):
            # h11 looks at a head only once it is whole; an answer that is not HTTP may
            # never end one, so its first bytes are checked as they come.
            self._start = (self._start + data)[: len(_STATUS_LINE)]
            if not _STATUS_LINE.startswith(self._start):
                raise _not_http(ValueError(f"it begins {self._start!r}"))
        self.connection.receive_data(data)
        while True:
            try:
                event = self.connection.next_event()
            except h11.RemoteProtocolError as error:
                raise _not_http(error) from None
            if event is h11.NEED_DATA:
                return False
            if isinstance(event, h11.InformationalResponse | h11.Response):
                self.status = event.status_code
            elif isinstance(event, h11.Data):
                self.received += len(event.data)
            elif isinstance(event, h11.EndOfMessage):
                self.keep = self.connection.their_state is h11.DONE
                return True

    def close(self) -> None:
        """Nothing to let go of."""


_ANSWERS: type[_HttptoolsAnswer] | type[_H11Answer] = (
    _HttptoolsAnswer if HAS_HTTPTOOLS else _H11Answer
)
"""The parser of answers: httptools where it is installed, h11 otherwise."""


async def _exchange(connection: _Connection, message: bytes) -> tuple[int, bool]:
    """Send the request and read the answer: its status, and whether to keep the
    connection. Informational (1xx) answers are skipped; a body is counted, not kept,
    and one longer than `RESPONSE_LIMIT` ends the exchange with the connection; a
    receiver that closes once its status is sent has answered."""
    try:
        connection.writer.write(message)
        await connection.writer.drain()
    except (OSError, ssl.SSLError) as error:
        raise _ClosedBeforeAnswer(f"connection error: {error}") from None
    answer = _ANSWERS()
    try:
        return await _read_answer(connection, answer)
    finally:
        answer.close()


async def _read_answer(connection: _Connection, answer: _Answer) -> tuple[int, bool]:
    while True:
        try:
            data = await connection.reader.read(65536)
        except (OSError, ssl.SSLError) as error:
            if answer.status is None:
                raise _ClosedBeforeAnswer(f"connection error: {error}") from None
            raise PostFailed(f"connection error: {error}") from None
        if not data:
            if answer.status is None:
                raise _ClosedBeforeAnswer("the receiver closed the connection without answering")
            return answer.status, False
        ended = answer.feed(data)
        if answer.received > RESPONSE_LIMIT:
            return _status(answer.status), False
        if ended:
            return _status(answer.status), answer.keep


def _status(status: int | None) -> int:
    if status is None:
        raise PostFailed("the receiver sent no status")
    return status


async def _resolve(host: str, port: int) -> list[IPAddress]:
    literal = literal_address(host)
    if literal is not None:
        return [literal]
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
        )
    except OSError as error:
        raise PostFailed(f"cannot resolve {host}: {error}") from None
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]))
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise PostFailed(f"{host} resolves to no address")
    return addresses
