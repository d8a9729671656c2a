"""``/_replica/...``: what one replica asks of the replica holding a router's tunnel.

Only replicas sharing a PostgreSQL database call these (`emulator.replicas`), with the
holder's secret from the database as bearer token: without it 401, with another 403;
on an emulator that is not a replica (SQLite) 404. They are left out of the OpenAPI
document: clients never call them.

- ``POST /_replica/sync/{router_id}`` runs a sync call on this replica's tunnel of the
  router and answers ``{"outcome": "result", "result": <SyncResult>}``, or ``offline`` /
  ``timeout`` with the message, for the caller to judge as its own tunnel's answer.
- ``POST /_replica/wake/{router_id}?poll=0|1`` offers the router's due job now (an
  express job was submitted elsewhere) or, with ``poll=1``, checks the router in;
  answers ``{"held": bool}``, whether this replica holds the router's tunnel.
"""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Header
from pydantic import BaseModel, Field

from tikjobs.contracts.tunnel import as_data
from tikjobs.emulator.api.deps import ServicesDep
from tikjobs.emulator.auth import bearer_token
from tikjobs.emulator.exceptions import (
    Forbidden,
    NotAuthenticated,
    NotFound,
    RouterOffline,
    RouterTimeout,
)

router = APIRouter(prefix="/_replica", include_in_schema=False)


async def _peer(
    services: ServicesDep, authorization: Annotated[str | None, Header()] = None
) -> None:
    peers = services.links.peers
    if peers is None:
        raise NotFound("this emulator is not one of several replicas")
    token = bearer_token(authorization)
    if token is None:
        raise NotAuthenticated("a replica's secret is required")
    if not peers.authorised(token):
        raise Forbidden("not this replica's secret")


PeerOnly = Depends(_peer)


class ForwardedSync(BaseModel):
    command: str = Field(min_length=1, max_length=1024)
    words: list[str] = Field(max_length=256)
    timeout: float = Field(gt=0, le=3600)


@router.post("/sync/{router_id}", dependencies=[PeerOnly])
async def forwarded_sync(
    router_id: UUID, call: ForwardedSync, services: ServicesDep
) -> dict[str, Any]:
    try:
        result = await services.links.exchange_here(
            router_id, call.command, call.words, call.timeout
        )
    except RouterTimeout as error:
        return {"outcome": "timeout", "message": error.message}
    except RouterOffline as error:
        return {"outcome": "offline", "message": error.message}
    return {"outcome": "result", "result": as_data(result)}


@router.post("/wake/{router_id}", dependencies=[PeerOnly])
async def wake(router_id: UUID, services: ServicesDep, poll: int = 0) -> dict[str, bool]:
    return {"held": await services.engine.wake_here(router_id, poll=bool(poll))}
