"""The busiest public routes, answered without FastAPI's request machinery.

How this works
--------------
``POST /api/asynchronous/{router_id}``, ``POST /api/synchronous/{router_id}`` and the job
list a client polls for status, ``GET /api/routers/{router_id}/jobs``, carry almost all
of the API's traffic, and FastAPI's routing, dependency resolution, validation and
exception plumbing cost each of them more CPU than the emulator's own work.

`EmulatorApp` is the emulator's FastAPI app with a front door: a request for one of those
paths enters `EmulatorApp.front` (the app's own request-id and metrics middleware, its
body limit, then `HotRoutes`) instead of FastAPI's middleware stack, whose error,
telemetry and body-size layers each wrapped the request and every message it sent. The
stack holds the same three middlewares, `HotRoutes` innermost, and each acts once per
request: a request the front door passes on meets them again and they let it through. A
middleware added to the app later closes the front door (it must see every request), and
the hot routes are then served from inside the stack.

`HotRoutes` serves those requests when they are ordinary, in the order the FastAPI route
would meet its checks. The two POSTs:

1. the API key, before the body is read (`deps.authenticate`: 401, 429);
2. the body: read whole, declared JSON, and read and validated by the route's own model
   (`pydantic.BaseModel.model_validate_json`), to the model FastAPI would make;
3. the path's router, which must be the caller's (404);
4. the route's own function (`asynchronous.submit_job`, `synchronous.run_command`).

An `EmulatorError` from any step is answered by the app's own handler
(`errors.emulator_error_response`), so the body, status and headers are the ones the
FastAPI route answers; any other exception is a bug, logged and answered 500 as the app
answers one (`errors.unexpected_error_response`). Anything out of the ordinary goes to
the FastAPI app instead, with the body read so far handed on unchanged: a path that is
not a canonical UUID, a body that is empty, not declared JSON, not JSON, or fails
validation (so 400, 415 and 422 are FastAPI's own answers), a client that went away
mid-body, a root path, or dependency overrides. The caller authenticated in step 1 rides
along in the request's state, so the FastAPI route does not spend a second request of
the key's rate limit. The routes stay declared in FastAPI, so the OpenAPI document does
not change.

The agents' tunnel, a WebSocket to ``/tunnel``, also enters through the front door, straight
to its `api.tunnel.TunnelSession`: FastAPI's routing, its dependency resolution and the
middleware stack would otherwise stay wrapped around the tunnel, and keep their frames
alive, for as long as it is up. With 10,000 tunnels that was a third of the emulator's
memory for them (39 KiB a tunnel, 25 KiB without) and as large a share of the objects its
garbage collector walks. None of the stack's layers does anything for a WebSocket, so
nothing else changes; with dependency overrides, or once the front door is closed, the
tunnel goes through FastAPI's own route as before.

The job list is served when its query is plain: ``status``, ``limit`` and ``offset``
each at most once, digits within the bounds, a known status, nothing else. Its key is
checked (401, 429), then its router (404), and the page is the route's own answer,
`jobs.job_page`. Any other query goes to FastAPI, which answers it (422 included).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl
from uuid import UUID

from fastapi import FastAPI
from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket

from tikjobs.contracts.api import (
    PLAIN_HTTP_NOTIFY_URL,
    AsynchronousRequest,
    JobStatus,
    SynchronousRequest,
)
from tikjobs.emulator.api import asynchronous, jobs, synchronous
from tikjobs.emulator.api.deps import (
    Caller,
    RouterContext,
    Services,
    authenticate_key,
    owned_router,
)
from tikjobs.emulator.api.errors import (
    emulator_error_response,
    routes_in,
    unexpected_error_response,
)
from tikjobs.emulator.api.tunnel import TunnelSession
from tikjobs.emulator.exceptions import EmulatorError
from tikjobs.emulator.idempotency import HEADER as IDEMPOTENCY_HEADER

_CANONICAL_UUID = re.compile(r"[0-9A-Fa-f]{8}-(?:[0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12}")
_JOB_LIST = re.compile(r"/api/routers/([0-9A-Fa-f]{8}-(?:[0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12})/jobs")
_JOB_LIST_TEMPLATE = jobs.router.prefix
_DIGITS = re.compile(r"[0-9]{1,10}")
_STATUSES = {status.value: status for status in JobStatus}
_IDEMPOTENCY = IDEMPOTENCY_HEADER.lower().encode("latin-1")


async def _submit(payload: Any, call: RouterContext, headers: dict[bytes, bytes]) -> Response:
    key = headers.get(_IDEMPOTENCY)
    return await asynchronous.submit_job(
        payload, call, None if key is None else key.decode("latin-1")
    )


async def _run(payload: Any, call: RouterContext, headers: dict[bytes, bytes]) -> Response:
    return await synchronous.run_command(payload, call)


@dataclass(frozen=True)
class _Hot:
    """One hot route: its path prefix, FastAPI template, body model and function."""

    prefix: str
    template: str
    model: type[BaseModel]
    answer: Callable[[Any, RouterContext, dict[bytes, bytes]], Awaitable[Response]]
    plain_http_notify_url: bool = False


_HOT = (
    _Hot(
        asynchronous.router.prefix + "/",
        asynchronous.router.prefix + "/{router_id}",
        AsynchronousRequest,
        _submit,
        plain_http_notify_url=True,
    ),
    _Hot(
        synchronous.router.prefix + "/",
        synchronous.router.prefix + "/{router_id}",
        SynchronousRequest,
        _run,
    ),
)


def _first_headers(scope: Scope) -> dict[bytes, bytes]:
    """Each header's first value by lowercase name (Starlette's ``Headers.get``)."""
    headers: dict[bytes, bytes] = {}
    for name, value in scope["headers"]:
        headers.setdefault(name.lower(), value)
    return headers


def _declared_json(content_type: bytes | None) -> bool:
    """Plainly ``application/json`` (parameters allowed): what FastAPI parses as JSON.
    Anything less plain goes to FastAPI, which decides for itself."""
    if content_type is None:
        return False
    kind = content_type.split(b";", 1)[0].strip().lower()
    return kind == b"application/json"


_FRONT_PATHS = (*(hot.prefix for hot in _HOT), _JOB_LIST_TEMPLATE.split("{", 1)[0])
"""Paths that enter by the front door: the hot routes' and, under ``/api/routers/``, the
few others that share the job list's prefix (passed on at once)."""
_TUNNEL_PATH = "/tunnel"
"""The agents' tunnel, which the front door hands to its session."""


_TRIED = "tikjobs.hot_routes"
"""Scope key `HotRoutes` sets: a request it passed on is not tried again further in."""


class EmulatorApp(FastAPI):
    """The emulator's FastAPI app, with a front door for the hot routes' requests: when
    `front` is set, a request whose path may be one of theirs goes to it, not to the
    middleware stack (see the module docstring).

    A middleware added to the app must see every request, so adding one closes the front
    door: every request then goes through the stack, where `HotRoutes` is innermost."""

    front: ASGIApp | None = None

    def add_middleware(self, middleware_class: Any, *args: Any, **kwargs: Any) -> None:
        super().add_middleware(middleware_class, *args, **kwargs)
        self.front = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        front = self.front
        if front is not None and not self.root_path:
            if scope["type"] == "http" and scope["path"].startswith(_FRONT_PATHS):
                scope["app"] = self
                await front(scope, receive, send)
                return
            if (
                scope["type"] == "websocket"
                and scope["path"] == _TUNNEL_PATH
                and not self.dependency_overrides
            ):
                scope["app"] = self
                await self.tunnel(scope, receive, send)
                return
        await self.stack(scope, receive, send)

    async def tunnel(self, scope: Scope, receive: Receive, send: Send) -> None:
        """An agent's tunnel, served by its session with nothing around it."""
        services: Services = self.state.services
        await TunnelSession(WebSocket(scope, receive, send), services.engine).run()

    async def stack(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The request through FastAPI's middleware stack and routes."""
        await super().__call__(scope, receive, send)


class HotRoutes:
    """Serve the hot routes' ordinary requests directly; pass everything else on."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._routes: dict[tuple[str, str], BaseRoute | None] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        owner = scope.get("app")
        if (
            scope["type"] != "http"
            or _TRIED in scope
            or not isinstance(owner, FastAPI)
            or owner.dependency_overrides
            or scope.get("root_path")
        ):
            await self.app(scope, receive, send)
            return
        scope[_TRIED] = True
        if scope["method"] == "GET":
            await self._list(owner, scope, receive, send)
            return
        path: str = scope["path"]
        hot = next((hot for hot in _HOT if path.startswith(hot.prefix)), None)
        if (
            scope["method"] != "POST"
            or hot is None
            or not _CANONICAL_UUID.fullmatch(path, len(hot.prefix))
        ):
            await self.app(scope, receive, send)
            return
        route = self._route(owner, hot.template, "POST")
        if route is None:
            await self.app(scope, receive, send)
            return
        scope["route"] = route
        router_id = UUID(path[len(hot.prefix) :])
        try:
            outcome = await self._answer(hot, owner.state.services, router_id, scope, receive)
        except Exception as error:
            outcome = await _failure(Request(scope), error)
        if isinstance(outcome, Response):
            await outcome(scope, receive, send)
        else:
            await self.app(scope, _replaying(outcome, receive), send)

    async def _list(self, owner: FastAPI, scope: Scope, receive: Receive, send: Send) -> None:
        """A job list with a plain query, served; any other GET passed on."""
        matched = _JOB_LIST.fullmatch(scope["path"])
        query = None if matched is None else _page_query(scope["query_string"])
        route = None if query is None else self._route(owner, _JOB_LIST_TEMPLATE, "GET")
        if matched is None or query is None or route is None:
            await self.app(scope, receive, send)
            return
        scope["route"] = route
        services: Services = owner.state.services
        request = Request(scope)
        try:
            caller = await _authenticated(scope, _first_headers(scope), services)
            call = await _router_call(services, caller, UUID(matched[1]))
            response = await jobs.job_page(call, request, *query)
        except Exception as error:
            response = await _failure(request, error)
        await response(scope, receive, send)

    def _route(self, owner: FastAPI, template: str, method: str) -> BaseRoute | None:
        if (template, method) not in self._routes:
            self._routes[template, method] = next(
                (
                    route
                    for route in routes_in(owner.routes)
                    if getattr(route, "path", None) == template
                    and method in (getattr(route, "methods", None) or ())
                ),
                None,
            )
        return self._routes[template, method]

    async def _answer(
        self, hot: _Hot, services: Services, router_id: UUID, scope: Scope, receive: Receive
    ) -> Response | list[Message]:
        """The answer, or the messages received for the FastAPI route to answer."""
        headers = _first_headers(scope)
        caller = await _authenticated(scope, headers, services)
        received, body, whole = await _read_body(receive)
        payload = None
        if whole and body and _declared_json(headers.get(b"content-type")):
            payload = _validated(hot, services, body)
        if payload is None:
            return received
        call = await _router_call(services, caller, router_id)
        return await hot.answer(payload, call, headers)


def _page_query(query_string: bytes) -> tuple[JobStatus | None, int, int] | None:
    """``?status=``, ``?limit=`` and ``?offset=`` of a plain job-list query; None for
    anything else, which FastAPI answers (a value out of bounds is its 422)."""
    try:
        pairs = parse_qsl(query_string.decode("ascii"), keep_blank_values=True)
    except UnicodeDecodeError:
        return None
    given: dict[str, str] = {}
    for name, value in pairs:
        if name not in ("status", "limit", "offset") or name in given:
            return None
        given[name] = value
    status = _STATUSES.get(given["status"]) if "status" in given else None
    numbers = [given.get(name) for name in ("limit", "offset")]
    if ("status" in given and status is None) or any(
        text is not None and not _DIGITS.fullmatch(text) for text in numbers
    ):
        return None
    limit = jobs.PAGE_DEFAULT if numbers[0] is None else int(numbers[0])
    offset = 0 if numbers[1] is None else int(numbers[1])
    if not (1 <= limit <= jobs.PAGE_MAX and 0 <= offset <= jobs.OFFSET_MAX):
        return None
    return status, limit, offset


async def _authenticated(scope: Scope, headers: dict[bytes, bytes], services: Services) -> Caller:
    """The caller behind the request's API key (401, 429), kept in the request's state
    so the FastAPI route, if it answers after all, does not spend the key's rate again."""
    authorization = headers.get(b"authorization")
    caller = await authenticate_key(
        None if authorization is None else authorization.decode("latin-1"), services
    )
    scope.setdefault("state", {})["caller"] = caller
    return caller


async def _failure(request: Request, error: Exception) -> Response:
    """The answer to a step that failed, as the app's handlers give it: the emulator's
    own errors with their status, anything else a logged bare 500."""
    if isinstance(error, EmulatorError):
        return await emulator_error_response(request, error)
    return await unexpected_error_response(request, error)


async def _router_call(services: Services, caller: Caller, router_id: UUID) -> RouterContext:
    return RouterContext(services, caller, await owned_router(services, caller, router_id))


def _validated(hot: _Hot, services: Services, body: bytes) -> BaseModel | None:
    """The body as the route's model, or None for FastAPI to answer what is wrong.

    pydantic reads the JSON itself, in half the time of `json.loads` and then validating
    the objects it made. A body it accepts is the model ``json.loads`` and validating would
    have made. One it refuses goes to FastAPI, which parses it with ``json.loads`` and
    answers: JSON that only ``json.loads`` reads (UTF-16, a lone surrogate) still gets its
    answer there."""
    allowed = hot.plain_http_notify_url and services.settings.notify_allow_http
    token = PLAIN_HTTP_NOTIFY_URL.set(allowed)
    try:
        return hot.model.model_validate_json(body)
    except ValidationError:
        return None
    finally:
        PLAIN_HTTP_NOTIFY_URL.reset(token)


async def _read_body(receive: Receive) -> tuple[list[Message], bytes, bool]:
    """The messages received, the body they carry, and whether it is whole (a message
    other than a body chunk ends the read early)."""
    received: list[Message] = []
    chunks: list[bytes] = []
    while True:
        message = await receive()
        received.append(message)
        if message["type"] != "http.request":
            return received, b"".join(chunks), False
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return received, b"".join(chunks), True


def _replaying(received: list[Message], receive: Receive) -> Receive:
    """``receive`` that first hands out ``received`` again."""
    pending = list(received)

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replay
