"""``GET /api/routers`` and ``GET /api/routers/{router_id}``: the customer's routers."""

from __future__ import annotations

from fastapi import APIRouter

from tikjobs.contracts.api import Envelope, Router
from tikjobs.emulator.api.deps import CustomerCall, KeyedRoute, RouterCall
from tikjobs.emulator.api.errors import documented
from tikjobs.emulator.exceptions import RouterNotFound
from tikjobs.emulator.store import RouterRecord

router = APIRouter(prefix="/api/routers", tags=["routers"], route_class=KeyedRoute)


def router_view(record: RouterRecord) -> Router:
    """A stored router as the API shows it."""
    return Router(
        id=record.id,
        identity=record.identity,
        serial_number=record.serial_number,
        software_version=record.software_version,
        model=record.model,
        board_name=record.board_name,
        uptime=record.uptime,
        online=record.online,
        last_seen=record.last_seen,
    )


@router.get(
    "",
    response_model=Envelope[list[Router]],
    summary="List the customer's routers",
    responses=documented(401, 429),
)
async def list_routers(call: CustomerCall) -> Envelope[list[Router]]:
    """Every router of the API key's customer, in registration order."""
    records = await call.store.list_routers(call.caller.customer_id)
    return Envelope(data=[router_view(record) for record in records])


@router.get(
    "/{router_id}",
    response_model=Envelope[Router],
    summary="One router",
    responses=documented(401, 404, 422, 429),
)
async def get_router(call: RouterCall) -> Envelope[Router]:
    """One router of the customer; another customer's router is 404."""
    current = await call.store.get_router(call.router.id)  # online and facts as of now
    if current is None:
        raise RouterNotFound(f"router {call.router.id} not found")
    return Envelope(data=router_view(current))
