"""Exception handlers: every error the API answers is an `ErrorBody` with the right status.

How this works
--------------
- An `EmulatorError` carries its own HTTP status and ``code``; a handler adds what the
  client needs to act on it: ``WWW-Authenticate: Bearer`` on 401, ``Retry-After`` on 429,
  the field errors of an `InvalidRequest`, the RouterOS message and category of a trap.
- A request FastAPI could not validate answers 422 naming each field and reason
  (``{"errors": {"description": ["String should have at most 100 characters"]}}``); a
  body that is not JSON at all answers 400 saying where parsing stopped.
- Starlette's own HTTP errors (no such path, method not allowed) keep their status.
- Anything else is a bug: it is logged with its traceback and answers a bare 500
  `ErrorBody`; bad input never gets there.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from contracts.api import ErrorBody
from emulator.exceptions import (
    EmulatorError,
    InvalidRequest,
    NotAuthenticated,
    RateLimited,
    RouterTrap,
)

log = logging.getLogger("emulator.api")

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


def _invalid_request(error: EmulatorError) -> _Extras:
    assert isinstance(error, InvalidRequest)  # noqa: S101 - dispatched on this class
    return {}, error.errors, None


def _router_trap(error: EmulatorError) -> _Extras:
    assert isinstance(error, RouterTrap)  # noqa: S101 - dispatched on this class
    traps = [trap.model_dump() for trap in error.traps]
    details = {"category": error.category, "traps": traps}
    return {}, {"command": [trap.message for trap in error.traps]}, details


_EXTRAS: dict[type[EmulatorError], Callable[[EmulatorError], _Extras]] = {
    NotAuthenticated: _not_authenticated,
    RateLimited: _rate_limited,
    InvalidRequest: _invalid_request,
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
    if error.status_code >= 500:
        log.error("%s %s failed: %s", request.method, request.url.path, error, exc_info=error)
    headers, errors, details = _extras_for(error)
    message = error.message or error.code.replace("_", " ")
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


def _reason(item: Mapping[str, Any]) -> str:
    message = str(item.get("msg", "invalid"))
    return message.removeprefix("Value error, ")


async def _validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)  # noqa: S101 - registered for this class
    items = list(error.errors())
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
        errors.setdefault(field_name(item["loc"]), []).append(_reason(item))
    summary = "; ".join(
        f"{field}: {', '.join(reasons)}"
        for field, reasons in list(errors.items())[:_SUMMARY_FIELDS]
    )
    return error_response(422, f"invalid request: {summary}", code="invalid_request", errors=errors)


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)  # noqa: S101 - registered for this class
    message = error.detail if isinstance(error.detail, str) else "request refused"
    if error.status_code == 404 and message == "Not Found":
        message = f"no such endpoint: {request.method} {request.url.path}"
    code = message.lower().replace(" ", "_") if error.status_code != 404 else "not_found"
    return error_response(error.status_code, message, code=code[:64], headers=error.headers or None)


async def _unexpected_error(request: Request, error: Exception) -> JSONResponse:
    log.error("%s %s failed unexpectedly", request.method, request.url.path, exc_info=error)
    return error_response(500, "internal error", code="internal_error")


def install_error_handlers(app: FastAPI) -> None:
    """Make every error ``app`` answers an `ErrorBody`."""
    app.add_exception_handler(EmulatorError, _emulator_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)


_STATUS_TEXT = {
    400: "The request body is not JSON, or the router refused the command (`router_trap`).",
    401: "No API key, a malformed one, or one that is not valid.",
    403: "A credential that does not open this control.",
    404: "No such router or job for this customer.",
    409: "The request clashes with the current state.",
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
