"""The request body limit: no HTTP request body larger than `MAX_BODY_BYTES` is read.

How this works
--------------
`BodyLimit` is an ASGI middleware around the whole app. A request whose
``Content-Length`` already says it is too large is answered 413 at once, before a byte of
its body is read (and before its API key is looked up). A body that arrives without a
length (chunked) is counted as it streams in; the chunk that crosses the limit raises
`BodyTooLarge`, which ends the route's body read and answers the same 413. Either way the
answer is an `ErrorBody` naming ``body`` and the limit. WebSocket frames have their own
limit (`contracts.tunnel.MAX_FRAME_BYTES`) and pass through untouched.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tikjobs.emulator.api.errors import error_response
from tikjobs.emulator.exceptions import BodyTooLarge

MAX_BODY_BYTES = 1024 * 1024
"""The largest request body accepted: far above any valid request (a job's script is at
most 2000 characters), far below what would strain the server."""


_LIMITED = "tikjobs.body_limit"
"""Scope key `BodyLimit` sets: a body is counted once, however many times the middleware
wraps the request."""


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413, reading at most that much."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or _LIMITED in scope:
            await self.app(scope, receive, send)
            return
        scope[_LIMITED] = True
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            error = BodyTooLarge(self.max_bytes)
            response = error_response(
                error.status_code,
                error.message,
                code=error.code,
                errors=error.errors,
                headers={"Connection": "close"},
            )
            await response(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, counted, send)


def _content_length(scope: Scope) -> int | None:
    value = Headers(scope=scope).get("content-length")
    if value is None or not value.strip().isdigit():
        return None
    return int(value)
