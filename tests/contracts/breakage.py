"""Deliberate contract violations: an emulator that is wrong on purpose, one way at a time.

How this works
--------------
The contract suite (`tikjobs.contracts.suite`) claims that each of its properties catches
a server that breaks the contract in the corresponding way. `test_breakage` proves the
claim by serving an emulator that `broken_emulator` makes, breaking one `Breakage` (or a
few that touch different properties), and expecting exactly that property to fail.
Nothing here is part of the product: the emulator has no switch, setting or environment
variable that breaks it; these tests wrap the app that `build_app` makes, as any ASGI
app can be wrapped.

Most breakages are applied at the HTTP boundary by `BreakageMiddleware`, which rewrites a
request before the emulator sees it or an answer before the client does.
`Breakage.TENANCY_LEAK` replaces the router dependency through FastAPI's
``dependency_overrides`` with one that never checks the owner, and
`Breakage.NOTIFICATION_ORDER` hands the delivery worker a body maker that counts seq_id
down; `Breakage.IDEMPOTENCY_BODY_IGNORED` the middleware keeps itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Mapping
from datetime import datetime
from enum import StrEnum
from functools import partial
from typing import Any, Final
from uuid import UUID

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tikjobs.emulator.api.deps import CustomerCall, RouterContext, router_context
from tikjobs.emulator.exceptions import RouterNotFound
from tikjobs.emulator.main import build_app
from tikjobs.emulator.settings import Settings


class Breakage(StrEnum):
    """One way the emulator can be told to break the contract."""

    LONG_DESCRIPTION = "long_description"
    """Descriptions over 100 characters are cut to 100 and accepted."""
    LONG_SCRIPT = "long_script"
    """Scripts over 2000 characters are cut to 2000 and accepted."""
    LOOSE_BOOLEANS = "loose_booleans"
    """A missing required boolean counts as false; any other value is read as truthy."""
    PLAIN_HTTP_NOTIFY_URL = "plain_http_notify_url"
    """A notify_url that is not https:// is replaced by an https one and accepted."""
    SERVER_ERROR_ON_BAD_BODY = "server_error_on_bad_body"
    """A JSON body that is not an object answers 500."""
    TIMESTAMP_FORMAT = "timestamp_format"
    """Timestamps are answered with microseconds and ``Z`` instead of ``+00:00``."""
    IDEMPOTENCY_IGNORED = "idempotency_ignored"
    """The Idempotency-Key header is dropped: every repeat creates a new job."""
    IDEMPOTENCY_BODY_IGNORED = "idempotency_body_ignored"
    """A key sent again with another body answers the first answer instead of 422."""
    JOB_LIST_STALE = "job_list_stale"
    """The job list leaves out the newest job."""
    ACKNOWLEDGEMENT_IGNORED = "acknowledgement_ignored"
    """``needs_acknowledgement: false`` is stored as true: the job waits for its report."""
    DELETION_LOST = "deletion_lost"
    """Deleting a job answers the job as it is and deletes nothing."""
    CONFLICT_UNCODED = "conflict_uncoded"
    """A 409 answers the code ``conflict`` instead of what clashed (``job_already_started``)."""
    TENANCY_LEAK = "tenancy_leak"
    """Any customer's key reaches any router."""
    SYNC_VALUES_TYPED = "sync_values_typed"
    """Synchronous rows carry booleans and numbers (as librouteros reads them), not strings."""
    SYNC_KEYS_RAW = "sync_keys_raw"
    """Synchronous rows keep RouterOS's own keys (``.id``, ``mac-address``)."""
    NOTIFICATION_ORDER = "notification_order"
    """Notifications carry a seq_id that counts down instead of up."""


_SUBMIT: Final = re.compile(r"^/api/asynchronous/[^/]+/?$")
_SYNC: Final = re.compile(r"^/api/synchronous/[^/]+/?$")
_JOB_LIST: Final = re.compile(r"^/api/routers/[^/]+/jobs/?$")
_JOB: Final = re.compile(r"^/api/routers/[^/]+/jobs/[^/]+/?$")
_SEED_MOMENT: Final = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$")
_MOMENT_KEYS: Final = frozenset(
    {"date", "started_at", "completed_at", "failed_at", "deleted_at", "created_at", "last_seen"}
)
_REQUIRED_BOOLEANS: Final = ("make_backup", "express_execute", "needs_acknowledgement")
_IDEMPOTENCY_HEADER: Final = b"idempotency-key"
_COUNTDOWN_FROM: Final = 2**53
DESCRIPTION_LIMIT: Final = 100
SCRIPT_LIMIT: Final = 2000

Json = Any


def _rewrite_submission(breakage: Collection[Breakage], body: dict[str, Json]) -> None:
    """Change a job submission in place the way the broken emulator misreads it."""
    if Breakage.LONG_DESCRIPTION in breakage and isinstance(body.get("description"), str):
        body["description"] = body["description"][:DESCRIPTION_LIMIT]
    if Breakage.LONG_SCRIPT in breakage and isinstance(body.get("script"), str):
        body["script"] = body["script"][:SCRIPT_LIMIT]
    if Breakage.LOOSE_BOOLEANS in breakage:
        for name in _REQUIRED_BOOLEANS:
            body[name] = bool(body.get(name, False))
    notify_url = body.get("notify_url")
    if Breakage.PLAIN_HTTP_NOTIFY_URL in breakage and notify_url is not None:
        if not (isinstance(notify_url, str) and notify_url.startswith("https://")):
            body["notify_url"] = "https://example.com/notify"
    if Breakage.ACKNOWLEDGEMENT_IGNORED in breakage and body.get("needs_acknowledgement") is False:
        body["needs_acknowledgement"] = True


def _seed_moment_broken(value: str) -> str:
    moment = datetime.fromisoformat(value)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _break_moments(value: Json) -> Json:
    if isinstance(value, dict):
        return {
            key: _seed_moment_broken(item)
            if key in _MOMENT_KEYS and isinstance(item, str) and _SEED_MOMENT.match(item)
            else _break_moments(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_break_moments(item) for item in value]
    return value


def _typed(value: Json) -> Json:
    if value in ("true", "yes"):
        return True
    if value in ("false", "no"):
        return False
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return value


def _raw_key(key: str) -> str:
    return ".id" if key == "id" else key.replace("_", "-")


def _rewrite_sync_rows(breakage: Collection[Breakage], answer: Json) -> Json:
    rows = answer.get("data") if isinstance(answer, dict) else None
    if not isinstance(rows, list):
        return answer
    if Breakage.SYNC_VALUES_TYPED in breakage:
        rows = [
            {k: _typed(v) for k, v in row.items()} if isinstance(row, dict) else row for row in rows
        ]
    if Breakage.SYNC_KEYS_RAW in breakage:
        rows = [
            {_raw_key(k): v for k, v in row.items()} if isinstance(row, dict) else row
            for row in rows
        ]
    return {**answer, "data": rows}


def _rewrite_answer(
    breakage: Collection[Breakage], method: str, path: str, status: int, answer: Json
) -> Json:
    """The answer as the broken emulator would give it."""
    if Breakage.TIMESTAMP_FORMAT in breakage:
        answer = _break_moments(answer)
    if not isinstance(answer, dict):
        return answer
    if Breakage.JOB_LIST_STALE in breakage and method == "GET" and _JOB_LIST.match(path):
        if status == 200 and isinstance(answer.get("data"), list):
            answer = {**answer, "data": answer["data"][1:]}
    if Breakage.CONFLICT_UNCODED in breakage and status == 409:
        answer = {**answer, "code": "conflict", "message": "conflict"}
    if method == "POST" and _SYNC.match(path) and status == 200:
        answer = _rewrite_sync_rows(breakage, answer)
    return answer


def countdown_body(payload: str) -> bytes:
    """A notification's body with a seq_id that counts down (`Breakage.NOTIFICATION_ORDER`)."""
    document = json.loads(payload)
    document["seq_id"] = _COUNTDOWN_FROM - int(document["seq_id"])
    return json.dumps(document).encode()


async def any_router(router_id: UUID, context: CustomerCall) -> RouterContext:
    """The path's router whoever owns it (`Breakage.TENANCY_LEAK`), in place of
    `tikjobs.emulator.api.deps.router_context`."""
    router = await context.services.lookups.router(router_id)
    if router is None:
        raise RouterNotFound(f"router {router_id} not found")
    return RouterContext(context.services, context.caller, router)


def broken_app(breakage: Collection[Breakage], settings: Settings) -> FastAPI:
    """The emulator's app from ``settings``, breaking the contract in each way named."""
    broken = frozenset(breakage)
    if Breakage.NOTIFICATION_ORDER in broken:
        app = build_app(settings, notification_body=countdown_body)
    else:
        app = build_app(settings)
    if Breakage.TENANCY_LEAK in broken:
        app.dependency_overrides[router_context] = any_router
    if broken - {Breakage.TENANCY_LEAK, Breakage.NOTIFICATION_ORDER}:
        app.add_middleware(BreakageMiddleware, breakage=broken)
    return app


def broken_emulator(breakage: Collection[Breakage | str]) -> Callable[[Settings], FastAPI]:
    """An app factory (for `tikjobs.system.System` and `local_cloud`) of emulators that
    break the contract in each way named."""
    return partial(broken_app, frozenset(Breakage(item) for item in breakage))


async def _read_body(receive: Receive) -> tuple[bytes, list[Message]]:
    body = bytearray()
    messages: list[Message] = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return bytes(body), messages
        body += message.get("body", b"")
        if not message.get("more_body", False):
            return bytes(body), messages


def _replaying(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive


def _json_or_none(body: bytes) -> tuple[bool, Json]:
    try:
        return True, json.loads(body)
    except ValueError:
        return False, None


class BreakageMiddleware:
    """An ASGI middleware that applies the HTTP-level breakages named in ``breakage``."""

    def __init__(self, app: ASGIApp, breakage: Collection[Breakage]) -> None:
        self.app = app
        self.breakage = frozenset(breakage)
        self._first_bodies: dict[tuple[bytes, str, bytes], bytes] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        method: str = scope["method"]
        if method == "DELETE" and _JOB.match(path) and Breakage.DELETION_LOST in self.breakage:
            scope = {**scope, "method": "GET"}
        if method == "POST" and _SUBMIT.match(path):
            scope, receive, refused = await self._submission(scope, receive)
            if refused:
                await _answer_server_error(send)
                return
        await self.app(scope, receive, self._answering(send, scope["method"], path))

    async def _submission(self, scope: Scope, receive: Receive) -> tuple[Scope, Receive, bool]:
        body, _ = await _read_body(receive)
        parsed, document = _json_or_none(body)
        if parsed and not isinstance(document, dict):
            return scope, _replaying(body), Breakage.SERVER_ERROR_ON_BAD_BODY in self.breakage
        if isinstance(document, dict):
            _rewrite_submission(self.breakage, document)
            body = json.dumps(document).encode()
        headers: list[tuple[bytes, bytes]] = list(scope["headers"])
        key = dict(headers).get(_IDEMPOTENCY_HEADER)
        if Breakage.IDEMPOTENCY_IGNORED in self.breakage:
            headers = [(name, value) for name, value in headers if name != _IDEMPOTENCY_HEADER]
        elif Breakage.IDEMPOTENCY_BODY_IGNORED in self.breakage and key is not None:
            owner = dict(headers).get(b"authorization", b"")
            body = self._first_bodies.setdefault((owner, scope["path"], key), body)
        headers = [(name, value) for name, value in headers if name != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
        return {**scope, "headers": headers}, _replaying(body), False

    def _answering(self, send: Send, method: str, path: str) -> Send:
        start: Message | None = None
        chunks = bytearray()

        async def answer(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            chunks.extend(message.get("body", b""))
            if message.get("more_body", False):
                return
            await _send_rewritten(send, start, bytes(chunks), self._rewrite(method, path, start))

        return answer

    def _rewrite(self, method: str, path: str, start: Message) -> Callable[[Json], Json]:
        status = int(start["status"])
        return lambda answer: _rewrite_answer(self.breakage, method, path, status, answer)


async def _send_rewritten(
    send: Send, start: Message, body: bytes, rewrite: Callable[[Json], Json]
) -> None:
    headers: Mapping[bytes, bytes] = dict(start.get("headers", []))
    if headers.get(b"content-type", b"").startswith(b"application/json"):
        parsed, document = _json_or_none(body)
        if parsed:
            body = json.dumps(rewrite(document)).encode()
    fixed = [(name, value) for name, value in start.get("headers", []) if name != b"content-length"]
    fixed.append((b"content-length", str(len(body)).encode()))
    await send({**start, "headers": fixed})
    await send({"type": "http.response.body", "body": body, "more_body": False})


async def _answer_server_error(send: Send) -> None:
    body = json.dumps({"status": "error", "message": "internal error"}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 500,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body, "more_body": False})
