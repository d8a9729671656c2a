"""The agents' tunnel: the ``/tunnel`` WebSocket endpoint and its frame dispatch.

How this works
--------------
An agent connects with ``Authorization: Bearer <router tunnel token>``. The endpoint
accepts the socket, and a missing or unknown token is answered with a `TunnelError`
(``unauthorized``) and close code 1008 (policy violation). The first frame must be
`Hello`; the engine stores the router's facts, answers `Welcome` and makes this tunnel the
router's link (a second tunnel for the same router replaces the first). From then on
every frame goes through `_HANDLERS`, a table from frame type to handler; a handler's
answer, if any, is sent back on the link.

Anything malformed ends the tunnel with a `TunnelError` that says why, never a crash:
a message that is not a valid agent frame (1002, ``invalid_frame``), a message larger
than `contracts.tunnel.MAX_FRAME_BYTES` (1009, ``frame_too_large``), a first frame that
is not Hello or speaks another protocol version (1002), and silence longer than three
heartbeat intervals (1001, ``heartbeat_timeout``). WebSocket library errors are
translated into `RouterOffline` where the link sends or closes.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, WebSocket
from starlette.websockets import WebSocketDisconnect

from tikjobs.contracts.silence import SILENCE_HEARTBEATS, Silence
from tikjobs.contracts.tunnel import (
    MAX_FRAME_BYTES,
    PROTOCOL_VERSION,
    BackupUpload,
    CloudFrame,
    FrameError,
    Heartbeat,
    Hello,
    JobReport,
    Poll,
    SyncResult,
    TunnelError,
    dump_frame,
    parse_agent_frame,
)
from tikjobs.emulator.api.deps import EngineDep
from tikjobs.emulator.auth import bearer_token
from tikjobs.emulator.engine import Engine
from tikjobs.emulator.exceptions import EmulatorError, RouterOffline
from tikjobs.emulator.links import RouterLink
from tikjobs.emulator.store.base import RouterRecord
from tikjobs.logs import router_id_var

log = logging.getLogger(__name__)

router = APIRouter(tags=["tunnel"])

CLOSE_GOING_AWAY = 1001
CLOSE_PROTOCOL_ERROR = 1002
CLOSE_POLICY_VIOLATION = 1008
CLOSE_TOO_BIG = 1009
CLOSE_INTERNAL_ERROR = 1011

HELLO_TIMEOUT = 10.0
"""Seconds an agent has, once connected, to say Hello."""

_SEND_FAILURES = (WebSocketDisconnect, RuntimeError, OSError)


class _TunnelEnded(Exception):
    """The tunnel is over (closed by either side); nothing more is to be sent."""


@router.websocket("/tunnel")
async def tunnel(websocket: WebSocket, engine: EngineDep) -> None:
    """An agent's tunnel: Hello, Welcome, then frames both ways until either side closes."""
    await TunnelSession(websocket, engine).run()


class TunnelSession:
    """One agent connection, from the handshake to the close."""

    def __init__(self, websocket: WebSocket, engine: Engine) -> None:
        self.websocket = websocket
        self.engine = engine

    async def run(self) -> None:
        token = bearer_token(self.websocket.headers.get("authorization"))
        router_record = None if token is None else await self.engine.router_for_token(token)
        await self.websocket.accept()
        if router_record is None:
            await self._end(
                CLOSE_POLICY_VIOLATION, "unauthorized", "missing or invalid router tunnel token"
            )
            return
        try:
            hello = await self._hello()
        except _TunnelEnded:
            return
        await self._serve(router_record, hello)

    async def _hello(self) -> Hello:
        with Silence(HELLO_TIMEOUT) as silence:
            frame = await self._next_frame(silence)
        if not isinstance(frame, Hello):
            await self._end(CLOSE_PROTOCOL_ERROR, "expected_hello", "the first frame must be hello")
            raise _TunnelEnded
        if frame.protocol != PROTOCOL_VERSION:
            await self._end(
                CLOSE_PROTOCOL_ERROR,
                "unsupported_protocol",
                f"this cloud speaks tunnel protocol {PROTOCOL_VERSION}, not {frame.protocol}",
            )
            raise _TunnelEnded
        return frame

    async def _serve(self, router_record: RouterRecord, hello: Hello) -> None:
        router_id_var.set(str(router_record.id))
        link = RouterLink(router_record.id, self._send_text, self._close_link)
        silence = Silence(self.engine.heartbeat_interval * SILENCE_HEARTBEATS)
        try:
            await self.engine.connect(router_record, hello, link)
            while True:
                frame = await self._next_frame(silence)
                self.engine.heard(link)
                handler = _HANDLERS.get(type(frame))
                if handler is None:
                    await self._end(
                        CLOSE_PROTOCOL_ERROR,
                        "unsupported_frame",
                        f"this cloud does not handle {type(frame).__name__} frames",
                    )
                    return
                reply = await handler(self.engine, link, frame)
                if reply is not None:
                    await link.send(reply)
        except (_TunnelEnded, RouterOffline):
            pass
        except EmulatorError as error:
            log.exception("tunnel of router %s failed", router_record.id)
            await self._end(CLOSE_INTERNAL_ERROR, error.code, error.message)
        finally:
            silence.close()
            await self.engine.disconnect(link)

    async def _next_frame(self, silence: Silence) -> Any:
        """The next agent frame; ends the tunnel (and raises `_TunnelEnded`) on close,
        silence, or a message that is not a valid frame."""
        try:
            message = await silence.receive(self.websocket.receive())
        except TimeoutError:
            await self._end(
                CLOSE_GOING_AWAY, "heartbeat_timeout", f"nothing heard for {silence.limit:g} s"
            )
            raise _TunnelEnded from None
        except _SEND_FAILURES:
            raise _TunnelEnded from None
        if message["type"] == "websocket.disconnect":
            raise _TunnelEnded
        data: str | bytes | None = message.get("text")
        if data is None:
            data = message.get("bytes")
        if data is None:
            await self._end(CLOSE_PROTOCOL_ERROR, "invalid_frame", "an empty message")
            raise _TunnelEnded
        if len(data) > MAX_FRAME_BYTES:
            await self._end(
                CLOSE_TOO_BIG, "frame_too_large", f"frames are limited to {MAX_FRAME_BYTES} bytes"
            )
            raise _TunnelEnded
        try:
            return parse_agent_frame(data)
        except FrameError as error:
            await self._end(CLOSE_PROTOCOL_ERROR, "invalid_frame", str(error))
            raise _TunnelEnded from None

    async def _send_text(self, text: str) -> None:
        try:
            await self.websocket.send_text(text)
        except _SEND_FAILURES as error:
            raise RouterOffline(f"the tunnel is closed: {error!r}") from None

    async def _close_link(self, code: int, reason: str) -> None:
        await self._end(code, "closed", reason)

    async def _end(self, code: int, error_code: str, message: str) -> None:
        """Send a `TunnelError` saying why, then close with ``code``; quiet if the socket
        is already gone."""
        try:
            await self.websocket.send_text(
                dump_frame(TunnelError(code=error_code, message=message))
            )
            await self.websocket.close(code=code, reason=_close_reason(message))
        except _SEND_FAILURES:
            log.debug("tunnel already closed before %s could be sent", error_code)


Handler = Callable[[Engine, RouterLink, Any], Awaitable[CloudFrame | None]]


async def _on_hello(engine: Engine, link: RouterLink, frame: Hello) -> None:
    await engine.hello_again(link, frame)


async def _on_poll(engine: Engine, link: RouterLink, frame: Poll) -> None:
    await engine.poll(link.router_id)


async def _on_job_report(engine: Engine, link: RouterLink, frame: JobReport) -> None:
    await engine.report(link, frame)


async def _on_sync_result(engine: Engine, link: RouterLink, frame: SyncResult) -> None:
    if not link.resolve(frame):
        log.debug("router %s answered sync %s after it ended", link.router_id, frame.request_id)


async def _on_backup_upload(engine: Engine, link: RouterLink, frame: BackupUpload) -> CloudFrame:
    return await engine.receive_backup(link.router_id, frame)


async def _on_heartbeat(engine: Engine, link: RouterLink, frame: Heartbeat) -> CloudFrame:
    return Heartbeat()


_HANDLERS: dict[type[Any], Handler] = {
    Hello: _on_hello,
    Poll: _on_poll,
    JobReport: _on_job_report,
    SyncResult: _on_sync_result,
    BackupUpload: _on_backup_upload,
    Heartbeat: _on_heartbeat,
}


def _close_reason(message: str) -> str:
    """A close reason within the WebSocket limit of 123 bytes."""
    encoded = message.encode()[:123]
    return encoded.decode(errors="ignore")
