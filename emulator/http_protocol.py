"""The emulator's HTTP/1.1 connection: uvicorn's httptools protocol, writing each answer
whose length is known in one piece.

How this works
--------------
uvicorn writes a response's head (status line and headers) to the socket when the app
sends ``http.response.start`` and the body when it sends ``http.response.body``: two
writes, so two TCP segments, and a client that is waiting wakes up for the head, then
again for the body. `OneWriteHttpProtocol` gives each request's response cycle a
`HeldHead` in front of the connection's transport. When the first thing the cycle writes
is a head that declares a ``content-length``, the head waits there and goes out with the
first body write (or when the transport is closed); everything else passes straight
through. A streamed answer (chunked, such as the console's live feed) has no length in
its head, so its head leaves at once, as before; a ``100 Continue`` carries no length
either. Only the moment of the write changes, never the bytes.

`http_protocol` names the protocol `emulator.serve` gives uvicorn: this one when
httptools is installed (the ``emulator`` extra), uvicorn's own choice (h11) otherwise.
"""

from __future__ import annotations

import asyncio
import importlib.util
from typing import Any

_CONTENT_LENGTH = b"\r\ncontent-length:"
_HEAD_END = b"\r\n\r\n"


class HeldHead:
    """A response cycle's view of the connection's transport: the head of a response
    with a known length waits for the body's first write and leaves with it."""

    def __init__(self, transport: asyncio.Transport) -> None:
        self._transport = transport
        self._head: bytes | None = None
        self._head_seen = False

    def write(self, data: bytes) -> None:
        if self._head is not None:
            data, self._head = self._head + data, None
        elif not self._head_seen and _is_head(data):
            self._head_seen = True
            if _CONTENT_LENGTH in data.lower():
                self._head = data
                return
        self._transport.write(data)

    def close(self) -> None:
        self._flush()
        self._transport.close()

    def write_eof(self) -> None:
        self._flush()
        self._transport.write_eof()

    def get_write_buffer_size(self) -> int:
        return self._transport.get_write_buffer_size() + len(self._head or b"")

    def _flush(self) -> None:
        if self._head is not None:
            head, self._head = self._head, None
            self._transport.write(head)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


def _is_head(data: bytes) -> bool:
    """Whether ``data`` is a whole response head other than an informational (1xx) one."""
    return data.startswith(b"HTTP/1.") and data.endswith(_HEAD_END) and data[9:10] != b"1"


HAS_HTTPTOOLS = importlib.util.find_spec("httptools") is not None


def http_protocol() -> type[asyncio.Protocol] | str:
    """The HTTP protocol for uvicorn's ``http`` setting."""
    return OneWriteHttpProtocol if HAS_HTTPTOOLS else "auto"


if HAS_HTTPTOOLS:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class OneWriteHttpProtocol(HttpToolsProtocol):
        """uvicorn's httptools protocol, each response cycle writing through a
        `HeldHead`."""

        def on_headers_complete(self) -> None:
            cycle = self.cycle
            super().on_headers_complete()
            if self.cycle is not cycle and self.cycle is not None:
                self.cycle.transport = HeldHead(self.transport)  # type: ignore[assignment]
