"""How console pages are rendered: the Jinja2 templates, their filters, and the route class
that turns a handler's outcome into a safe HTML answer.

`page` renders a template with what every page needs (the viewer, the CSRF token, the
current path). `ConsoleRoute` wraps each console handler: a visitor who is not signed in
is sent to the sign-in page, an error of the emulator (not found, refused, offline ...)
becomes an HTML page with its status and message instead of the API's JSON, and every
answer carries the security headers and, on a first visit, the CSRF cookie.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from jinja2 import Environment, PackageLoader, select_autoescape

from tikjobs.emulator.console.session import (
    NotSignedIn,
    Viewer,
    csrf_token,
    remember_csrf,
    secure,
)
from tikjobs.emulator.exceptions import EmulatorError


def moment(value: datetime | None) -> str:
    """A stored moment as the console shows it: ``2024-05-28 08:05:28 UTC``."""
    if value is None:
        return "—"
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def seconds(value: float | None) -> str:
    """A duration for people: ``12 ms``, ``3.4 s``, ``2 min 5 s``, ``1 h 3 min``."""
    if value is None:
        return "—"
    if value < 1:
        return f"{value * 1000:.0f} ms"
    if value < 60:
        return f"{value:.1f} s"
    if value < 3600:
        return f"{int(value // 60)} min {int(value % 60)} s"
    return f"{int(value // 3600)} h {int(value % 3600 // 60)} min"


def short(value: object) -> str:
    """The first eight characters of an id, as the tables show it."""
    return str(value)[:8]


templates = Environment(
    loader=PackageLoader("tikjobs.emulator.console", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
templates.filters.update(moment=moment, seconds=seconds, short=short, urlquote=quote)


def render(template: str, **context: Any) -> str:
    return templates.get_template(template).render(**context)


def page(
    request: Request,
    viewer: Viewer | None,
    template: str,
    *,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    """The page ``template`` for ``viewer``."""
    body = render(
        template,
        viewer=viewer,
        csrf=csrf_token(request),
        path=request.url.path,
        **context,
    )
    return HTMLResponse(body, status_code=status_code)


def _problem(request: Request, status_code: int, message: str) -> HTMLResponse:
    viewer = getattr(request.state, "viewer", None)
    return page(
        request,
        viewer,
        "problem.html",
        status_code=status_code,
        status=status_code,
        message=message,
    )


def _field_errors(error: RequestValidationError) -> str:
    parts = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"] if part not in ("query", "path", "body"))
        parts.append(f"{where}: {item['msg']}" if where else str(item["msg"]))
    return "; ".join(parts)


class ConsoleRoute(APIRoute):
    """A console page: HTML answers for errors, sign-in for strangers, safe headers always."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def console(request: Request) -> Response:
            try:
                response = await handler(request)
            except NotSignedIn:
                target = quote(request.url.path, safe="/")
                response = RedirectResponse(f"/console/sign-in?next={target}", status_code=303)
            except EmulatorError as error:
                response = _problem(request, error.status_code, error.message)
            except RequestValidationError as error:
                response = _problem(request, 422, _field_errors(error))
            remember_csrf(request, response)
            return secure(response)

        return console
