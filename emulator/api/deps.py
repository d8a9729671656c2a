"""The routes' dependencies: the running services and the authenticated caller, as aliases.

Routes declare what they need with ``Annotated`` aliases and never reach into
``app.state`` themselves. The public routes take one of two: ``CustomerCall`` (a
`CallerContext`: the services and the API key's caller) or ``RouterCall`` (a
`RouterContext`: those and the path's router, which must be the caller's). Each is a
single dependency, because FastAPI's bookkeeping for every dependency it resolves costs a
request more than what a small getter does. The controls and the tunnel use the
per-service aliases — ``StoreDep``, ``EngineDep``, ``LinksDep``, ``SettingsDep``,
``FaultsDep``, ``ServicesDep`` — and ``AdminAccess``. Every getter takes an
`HTTPConnection`, so the same aliases serve HTTP routes and the tunnel's WebSocket.
Public routers use `KeyedRoute`, which authenticates the API key before the request body
is even read.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import Depends, Header, Request, Response
from fastapi.routing import APIRoute
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from starlette.requests import HTTPConnection

from tikjobs.emulator.auth import PresentedKey, RateLimiter, bearer_credentials, parse_key
from tikjobs.emulator.clock import utc_now
from tikjobs.emulator.engine import Engine
from tikjobs.emulator.exceptions import Forbidden, NotAuthenticated, RouterNotFound
from tikjobs.emulator.faults import FaultRules
from tikjobs.emulator.links import RouterLinks
from tikjobs.emulator.lookups import Lookups
from tikjobs.emulator.metrics import EmulatorMetrics
from tikjobs.emulator.notifications.delivery import DeliveryWorker
from tikjobs.emulator.settings import Settings
from tikjobs.emulator.store import ApiKeyRecord, RouterRecord, Store

ADMIN_HEADER = "X-Emulator-Admin-Token"


@dataclass(frozen=True)
class Services:
    """Everything a running emulator is made of; one per app, built by the lifespan."""

    settings: Settings
    store: Store
    engine: Engine
    links: RouterLinks
    faults: FaultRules
    rate_limiter: RateLimiter
    lookups: Lookups
    notifier: DeliveryWorker | None = None
    clock: Callable[[], datetime] = utc_now
    metrics: EmulatorMetrics | None = None


@dataclass(frozen=True)
class Caller:
    """The customer an API key belongs to, and the key's token id."""

    customer_id: UUID
    token_id: UUID


def services_of(connection: HTTPConnection) -> Services:
    """The running services (set by `emulator.main.build_app`'s lifespan)."""
    services: Services = connection.app.state.services
    return services


# The dependencies below are coroutines on purpose: FastAPI runs a plain ``def``
# dependency in a worker thread, a hop that cost every request more than its work.


async def get_services(connection: HTTPConnection) -> Services:
    return services_of(connection)


ServicesDep = Annotated[Services, Depends(get_services)]


async def get_settings(services: ServicesDep) -> Settings:
    return services.settings


async def get_store(services: ServicesDep) -> Store:
    return services.store


async def get_engine(services: ServicesDep) -> Engine:
    return services.engine


async def get_links(services: ServicesDep) -> RouterLinks:
    return services.links


async def get_faults(services: ServicesDep) -> FaultRules:
    return services.faults


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
EngineDep = Annotated[Engine, Depends(get_engine)]
LinksDep = Annotated[RouterLinks, Depends(get_links)]
FaultsDep = Annotated[FaultRules, Depends(get_faults)]

api_key_scheme = HTTPBearer(
    auto_error=False,
    scheme_name="ApiKey",
    bearerFormat="<token_id>:<customer_id>:<secret>",
    description="An API key: `Authorization: Bearer <token_id>:<customer_id>:<secret>`.",
)


async def authenticate(connection: HTTPConnection, services: Services) -> Caller:
    """The caller behind a request's API key, its rate spent: or 401/429."""
    return await authenticate_key(connection.headers.get("authorization"), services)


async def authenticate_key(authorization: str | None, services: Services) -> Caller:
    """The caller behind an ``Authorization`` header's API key, its rate spent: or
    401/429."""
    record = await key_record(parse_key(bearer_credentials(authorization)), services)
    if record is None:
        raise NotAuthenticated("the API key is not valid")
    limit = record.rate_limit if record.rate_limit is not None else services.settings.rate_limit
    services.rate_limiter.check(record.token_id, limit)
    return Caller(customer_id=record.customer_id, token_id=record.token_id)


async def key_record(presented: PresentedKey, services: Services) -> ApiKeyRecord | None:
    """The stored key a presented one stands for, when it exists, is the presented
    customer's and its secret matches; otherwise None."""
    record = await services.lookups.api_key(presented.token_id)
    if (
        record is None
        or record.customer_id != presented.customer_id
        or not presented.matches(record.secret_hash)
    ):
        return None
    return record


class CheckedRoute(APIRoute):
    """A route whose credential is checked before the body is read, so a request without
    a good one is refused whatever it sent; `check` says what is checked, and keeps what
    it found in the request's state for the route's dependencies."""

    async def check(self, request: Request) -> None:
        raise NotImplementedError

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler, check = super().get_route_handler(), self.check

        async def checked(request: Request) -> Response:
            await check(request)
            return await handler(request)

        return checked


class KeyedRoute(CheckedRoute):
    """A public route: the API key is checked, and its rate spent, before the body is read,
    so a request without a valid key is 401 (and an exhausted one 429) whatever it sent."""

    async def check(self, request: Request) -> None:
        # `emulator.api.front.HotRoutes` may have authenticated the request already.
        if getattr(request.state, "caller", None) is None:
            request.state.caller = await authenticate(request, services_of(request))


@dataclass(frozen=True)
class CallerContext:
    """What a public route works with: the running services and the authenticated caller."""

    services: Services
    caller: Caller

    @property
    def store(self) -> Store:
        return self.services.store

    @property
    def engine(self) -> Engine:
        return self.services.engine


@dataclass(frozen=True)
class RouterContext(CallerContext):
    """A public route on one router: the services, the caller and the caller's router."""

    router: RouterRecord


ApiKeyScheme = Annotated[HTTPAuthorizationCredentials | None, Depends(api_key_scheme)]
"""Declares the API key in the OpenAPI document (`KeyedRoute` checks it)."""


async def _caller_of(connection: HTTPConnection, services: Services) -> Caller:
    """The caller (authenticated by `KeyedRoute`, or here)."""
    caller: Caller | None = getattr(connection.state, "caller", None)
    if caller is None:
        caller = await authenticate(connection, services)
    return caller


async def caller_context(connection: HTTPConnection, _scheme: ApiKeyScheme) -> CallerContext:
    """The services and the caller of a public route."""
    services = services_of(connection)
    return CallerContext(services, await _caller_of(connection, services))


async def router_context(
    router_id: UUID, connection: HTTPConnection, _scheme: ApiKeyScheme
) -> RouterContext:
    """The path's router when it belongs to the caller; any other router is 404."""
    services = services_of(connection)
    caller = await _caller_of(connection, services)
    return RouterContext(services, caller, await owned_router(services, caller, router_id))


async def owned_router(services: Services, caller: Caller, router_id: UUID) -> RouterRecord:
    """The router ``router_id`` when it belongs to ``caller``; any other router is 404."""
    router = await services.lookups.router(router_id)
    if router is None or router.customer_id != caller.customer_id:
        raise RouterNotFound(f"router {router_id} not found")
    return router


CustomerCall = Annotated[CallerContext, Depends(caller_context)]
RouterCall = Annotated[RouterContext, Depends(router_context)]

admin_bearer_scheme = HTTPBearer(
    auto_error=False,
    scheme_name="AdminToken",
    description="The emulator's admin token: `Authorization: Bearer <admin token>`.",
)
admin_header_scheme = APIKeyHeader(
    name=ADMIN_HEADER,
    auto_error=False,
    scheme_name="AdminTokenHeader",
    description=f"The emulator's admin token in `{ADMIN_HEADER}`.",
)


async def admin_access(
    request: Request,
    settings: SettingsDep,
    _bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(admin_bearer_scheme)],
    header: Annotated[str | None, Depends(admin_header_scheme)],
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> None:
    """Admit a request to a control or to ``/metrics``, as declared in the OpenAPI
    document, unless `AdminRoute` admitted it already, before the body was read."""
    if not getattr(request.state, "admitted", False):
        admit(header, authorization, settings)


def admit(header: str | None, authorization: str | None, settings: Settings) -> None:
    """Admit a control request by its ``X-Emulator-Admin-Token`` or ``Authorization``
    header: no token 401, a wrong one 403."""
    if header is not None:
        presented = header
    elif authorization is not None:
        presented = bearer_credentials(authorization)
    else:
        raise NotAuthenticated(
            f"the admin token is required: Authorization: Bearer <token> or {ADMIN_HEADER}"
        )
    expected = settings.admin_token.get_secret_value()
    if not hmac.compare_digest(presented.encode(), expected.encode()):
        raise Forbidden("the admin token is not valid")


AdminAccess = Depends(admin_access)


class AdminRoute(CheckedRoute):
    """A control route: the admin token is checked before the body is read, so a request
    without it is 401 (a wrong one 403) whatever it sent, as `KeyedRoute` does for an
    API key."""

    async def check(self, request: Request) -> None:
        headers, settings = request.headers, services_of(request).settings
        admit(headers.get(ADMIN_HEADER), headers.get("authorization"), settings)
        request.state.admitted = True  # `admin_access` need not check it again
