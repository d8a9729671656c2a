"""Exception handlers: every error the API answers is an `ErrorBody` with the right status.

How this works
--------------
- An `EmulatorError` carries its own HTTP status and ``code``; a handler adds what the
  client needs to act on it: ``WWW-Authenticate: Bearer`` on 401, ``Retry-After`` on 429,
  the field errors of a `RequestRefused`, the RouterOS message and category of a trap,
  and the one field to blame for the others (``router_id`` of an unknown router,
  ``Authorization`` of a refused key, ``Idempotency-Key`` of a request still in flight).
- A request FastAPI could not validate answers 422 naming each field and reason
  (``{"errors": {"description": ["String should have at most 100 characters"]}}``); a
  field the body's model does not have is named as sent, with the field of that model
  it was probably meant to be (``unknown field (did you mean parameters?)``), nested
  models included (``sync.jiter`` in the fault rules); a
  body that is not JSON at all answers 400 saying where parsing stopped, and a body sent
  with another ``Content-Type`` answers 415 naming the header.
- Starlette's own HTTP errors (no such path, method not allowed) keep their status; a
  405 names the methods the path takes, as its ``Allow`` header does.
- Anything else is a bug: it is logged with its traceback and answers a bare 500
  `ErrorBody`; bad input never gets there.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import BaseRoute

from tikjobs.contracts.api import ErrorBody
from tikjobs.contracts.tunnel import as_data
from tikjobs.emulator.exceptions import (
    EmulatorError,
    NotAuthenticated,
    RateLimited,
    RequestRefused,
    RouterTrap,
    RouterUnavailable,
    UnsupportedMediaType,
)
from tikjobs.spelling import meant

log = logging.getLogger("tikjobs.emulator.api")

_LOCATIONS = frozenset({"body", "query", "path", "header", "cookie"})
_SUMMARY_FIELDS = 5
_TYPE_TAGS = frozenset({"str", "int", "float", "bool", "bytes", "list", "dict", "none", "uuid"})
_TAG_SHAPE = re.compile(r"[\[(]")


def error_response(
    status_code: int,
    message: str,
    *,
    code: str | None = None,
    errors: Mapping[str, list[str]] | None = None,
    details: dict[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """An `ErrorBody` answer."""
    body = ErrorBody(message=message, code=code, errors=dict(errors or {}), details=details)
    return JSONResponse(
        body.model_dump(mode="json", exclude_none=True),
        status_code=status_code,
        headers=dict(headers or {}),
    )


_Extras = tuple[dict[str, str], dict[str, list[str]], dict[str, Any] | None]


def _not_authenticated(error: EmulatorError) -> _Extras:
    return {"WWW-Authenticate": 'Bearer realm="tikjobs"'}, {}, None


def _rate_limited(error: EmulatorError) -> _Extras:
    assert isinstance(error, RateLimited)  # noqa: S101 - dispatched on this class
    return {"Retry-After": str(error.retry_after)}, {}, {"retry_after": error.retry_after}


def _request_refused(error: EmulatorError) -> _Extras:
    assert isinstance(error, RequestRefused)  # noqa: S101 - dispatched on this class
    return {}, error.errors, None


def _router_trap(error: EmulatorError) -> _Extras:
    assert isinstance(error, RouterTrap)  # noqa: S101 - dispatched on this class
    traps = [as_data(trap) for trap in error.traps]
    details = {"category": error.category, "traps": traps}
    return {}, {"command": [trap.message for trap in error.traps]}, details


_EXTRAS: dict[type[EmulatorError], Callable[[EmulatorError], _Extras]] = {
    NotAuthenticated: _not_authenticated,
    RateLimited: _rate_limited,
    RequestRefused: _request_refused,
    RouterTrap: _router_trap,
}


def _extras_for(error: EmulatorError) -> _Extras:
    for cls in type(error).__mro__:
        handler = _EXTRAS.get(cls)
        if handler is not None:
            return handler(error)
    return {}, {}, None


async def _emulator_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, EmulatorError)  # noqa: S101 - registered for this class
    return await emulator_error_response(request, error)


async def emulator_error_response(request: Request, error: EmulatorError) -> JSONResponse:
    """The answer to ``error``, as the app's handler gives it."""
    if isinstance(error, RouterUnavailable):
        # An offline or slow router is the router's state, not the emulator's fault: one
        # line, no traceback, so an outage does not slow every answer down further.
        log.warning("%s %s: %s", request.method, request.url.path, error)
    elif error.status_code >= 500:
        log.error("%s %s failed: %s", request.method, request.url.path, error, exc_info=error)
    headers, errors, details = _extras_for(error)
    message = error.message or error.code.replace("_", " ")
    if not errors and error.field is not None:
        errors = {error.field: [message]}
    return error_response(
        error.status_code,
        message,
        code=error.code,
        errors=errors,
        details=details,
        headers=headers,
    )


def _is_union_tag(part: int | str) -> bool:
    """Whether a location part names a member of a union (``str``, ``list[str]``) rather
    than a field: pydantic puts those in the location when every member failed."""
    return isinstance(part, str) and (part in _TYPE_TAGS or bool(_TAG_SHAPE.search(part)))


def field_name(location: Sequence[int | str]) -> str:
    """The field a validation error points at: ``("body", "script")`` -> ``script``;
    union members are left out (``parameters.list[str].1`` -> ``parameters.1``)."""
    parts = [str(part) for part in location if not _is_union_tag(part)]
    if parts and parts[0] in _LOCATIONS:
        kind, parts = parts[0], parts[1:]
        if not parts:
            return kind
        if kind == "header":
            return "-".join(word.capitalize() for word in parts[0].split("-"))
    return ".".join(parts)


def _unknown_field_name(location: Sequence[int | str]) -> str:
    """A field the model does not have, named as sent (even when it looks like a union
    tag) under the field that holds it: ``("body", "sync", "jitter")`` -> ``sync.jitter``."""
    holder, name = field_name(location[:-1]), str(location[-1])
    return name if holder in _LOCATIONS else f"{holder}.{name}"


def _known_fields(request: Request, location: Sequence[int | str]) -> Sequence[str]:
    """The fields of the model that holds the body field at ``location`` (an unknown
    one), found from the matched route's body model; none when there is no such model."""
    body = getattr(request.scope.get("route"), "body_field", None)
    model = _model_in(getattr(getattr(body, "field_info", None), "annotation", None))
    for part in location[1:-1]:
        if model is None:
            return ()
        if isinstance(part, int) or _is_union_tag(part):
            continue  # an item of a list the model is already the item of, or a union member
        field = model.model_fields.get(part)
        model = None if field is None else _model_in(field.annotation)
    return sorted(model.model_fields) if model is not None else ()


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model an annotation holds: itself, the one model of an optional or union, or
    the items' model of a list; None when it holds no model or more than one."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = get_origin(annotation)
    if origin is Annotated:
        return _model_in(get_args(annotation)[0])
    if origin in (Union, UnionType, list, tuple, set, frozenset):
        models = {model for arg in get_args(annotation) if (model := _model_in(arg)) is not None}
        return models.pop() if len(models) == 1 else None
    return None


def _reason(item: Mapping[str, Any], known: Sequence[str] = ()) -> str:
    if item.get("type") == "extra_forbidden":
        return "unknown field" + meant(str(item["loc"][-1]), known)
    message = str(item.get("msg", "invalid"))
    return message.removeprefix("Value error, ")


def _sent_json(request: Request) -> bool:
    """Whether a request's body is declared JSON (``application/json`` or ``...+json``),
    the only bodies FastAPI parses; any other body reaches validation as raw bytes."""
    content_type = request.headers.get("content-type", "")
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind == "application/json" or (
        kind.startswith("application/") and kind.endswith("+json")
    )


def _has_body(request: Request) -> bool:
    length = request.headers.get("content-length", "0").strip()
    return "transfer-encoding" in request.headers or (length.isdigit() and int(length) > 0)


async def _validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)  # noqa: S101 - registered for this class
    items = list(error.errors())
    if (
        _has_body(request)
        and not _sent_json(request)
        and any(item["loc"][:1] == ("body",) for item in items)
    ):
        return await _emulator_error(
            request, UnsupportedMediaType(request.headers.get("content-type"))
        )
    for item in items:
        if item.get("type") == "json_invalid":
            problem = item.get("ctx", {}).get("error", "not JSON")
            position = item["loc"][-1] if len(item["loc"]) > 1 else None
            where = f" at position {position}" if isinstance(position, int) else ""
            message = f"the request body is not valid JSON: {problem}{where}"
            return error_response(
                400, message, code="malformed_json", errors={"body": [f"{problem}{where}"]}
            )
    errors: dict[str, list[str]] = {}
    for item in items:
        unknown = item.get("type") == "extra_forbidden" and len(item["loc"]) > 1
        name = _unknown_field_name(item["loc"]) if unknown else field_name(item["loc"])
        known = _known_fields(request, item["loc"]) if unknown else ()
        errors.setdefault(name, []).append(_reason(item, known))
    summary = "; ".join(
        f"{field}: {', '.join(reasons)}"
        for field, reasons in list(errors.items())[:_SUMMARY_FIELDS]
    )
    return error_response(422, f"invalid request: {summary}", code="invalid_request", errors=errors)


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)  # noqa: S101 - registered for this class
    cause = error.__cause__
    if isinstance(cause, EmulatorError):
        return await _emulator_error(request, cause)
    if error.status_code == 400 and isinstance(cause, RecursionError | ValueError):
        return _unparsable_body(cause)
    if error.status_code == 405:
        return _method_not_allowed(request, error)
    message = error.detail if isinstance(error.detail, str) else "request refused"
    if error.status_code == 404 and message == "Not Found":
        message = f"no such endpoint: {request.method} {request.url.path}"
    code = message.lower().replace(" ", "_") if error.status_code != 404 else "not_found"
    return error_response(error.status_code, message, code=code[:64], headers=error.headers or None)


def _unparsable_body(cause: RecursionError | ValueError) -> JSONResponse:
    """A body the JSON parser gave up on without a position: nested too deeply, not
    UTF-8, or a number with more digits than Python converts."""
    if isinstance(cause, RecursionError):
        problem = "nested too deeply"
    elif isinstance(cause, UnicodeDecodeError):
        problem = f"not UTF-8 text (byte {cause.start} cannot be decoded)"
    elif "integer string conversion" in str(cause):
        problem = "a number is too long"
    else:
        problem = "not readable as JSON"
    return error_response(
        400,
        f"the request body is not valid JSON: {problem}",
        code="malformed_json",
        errors={"body": [problem]},
    )


def routes_in(routes: Iterable[BaseRoute]) -> Iterator[BaseRoute]:
    """Every route, those of included routers too (FastAPI wraps each included router)."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from routes_in(included.routes)
        else:
            yield route


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route takes at this path. Starlette's own ``Allow`` names only
    the first route that matched the path (``GET`` where ``GET`` and ``DELETE`` are both
    served), so every route is asked."""
    path = request.scope["path"]
    allowed: list[str] = []
    for route in routes_in(request.app.routes):
        pattern, methods = getattr(route, "path_regex", None), getattr(route, "methods", None)
        if pattern is not None and methods and pattern.match(path):
            allowed += sorted(method for method in methods if method not in allowed)
    return allowed


def _method_not_allowed(request: Request, error: StarletteHTTPException) -> JSONResponse:
    allowed = _allowed_methods(request)
    listed = ", ".join(allowed)
    reason = f"must be {' or '.join(allowed)}" if allowed else "is not allowed here"
    return error_response(
        405,
        f"{request.method} is not allowed on {request.url.path}; allowed: {listed or 'none'}",
        code="method_not_allowed",
        errors={"method": [reason]},
        headers={**(error.headers or {}), "Allow": listed},
    )


async def unexpected_error_response(request: Request, error: Exception) -> JSONResponse:
    """A bug: logged with its traceback, answered as a bare 500 that tells nothing of it."""
    log.error("%s %s failed unexpectedly", request.method, request.url.path, exc_info=error)
    return error_response(500, "internal error", code="internal_error")


def install_error_handlers(app: FastAPI) -> None:
    """Make every error ``app`` answers an `ErrorBody`."""
    app.add_exception_handler(EmulatorError, _emulator_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, unexpected_error_response)


_STATUS_TEXT = {
    400: "The request body is not JSON, or the router refused the command (`router_trap`).",
    401: "No API key, a malformed one, or one that is not valid.",
    403: "A credential that does not open this control.",
    404: "No such router or job for this customer.",
    409: "The request clashes with the current state.",
    410: "The enrollment code has expired; issue a new one.",
    413: "The request body is larger than the emulator accepts; `errors.body` says the limit.",
    415: "The request body was not sent as `Content-Type: application/json`.",
    422: "A field was refused; `errors` names each field and its reasons.",
    429: "The API key's rate limit is spent; see `Retry-After`.",
    503: "The router has no connected agent.",
    504: "The router did not answer in time; the command was cancelled.",
}


def documented(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for a route's error answers, all `ErrorBody`."""
    return {
        status: {"model": ErrorBody, "description": _STATUS_TEXT[status]} for status in statuses
    }


_UNREADABLE_BODY_TEXT = {
    400: "The request body is not valid JSON.",
    413: _STATUS_TEXT[413],
    415: _STATUS_TEXT[415],
}


def document_unreadable_bodies(app: FastAPI) -> None:
    """Every route that reads a JSON body documents the answers to one it cannot read
    (not JSON 400, too large 413, not sent as JSON 415), which the error handlers and
    `BodyLimit` give on every such route; a route's own description of a status stays."""
    for route in routes_in(app.routes):
        if isinstance(route, APIRoute) and route.body_field is not None:
            answers = {str(status): answer for status, answer in route.responses.items()}
            for status, text in _UNREADABLE_BODY_TEXT.items():
                answers.setdefault(str(status), {"model": ErrorBody, "description": text})
            route.responses = dict(sorted(answers.items()))
