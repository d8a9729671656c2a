"""Enrollment over the public API: a customer issues a router's one-time code
(``POST /api/routers/{router_id}/enrollment-codes``), an agent on site trades it for the
router's tunnel token (``POST /agent/enroll``, where the code is the credential)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body

from tikjobs.contracts.api import Envelope
from tikjobs.contracts.enrollment import (
    Enrollment,
    EnrollmentCodeCreate,
    EnrollmentCodeIssued,
    EnrollmentRequest,
)
from tikjobs.emulator import enrollment
from tikjobs.emulator.api.deps import KeyedRoute, RouterCall, ServicesDep
from tikjobs.emulator.api.errors import documented

router = APIRouter(tags=["enrollment"])
keyed = APIRouter(prefix="/api/routers", tags=["enrollment"], route_class=KeyedRoute)


@keyed.post(
    "/{router_id}/enrollment-codes",
    response_model=Envelope[EnrollmentCodeIssued],
    summary="Issue a one-time enrollment code for a router",
    responses=documented(401, 404, 422, 429),
)
async def issue_enrollment_code(
    call: RouterCall, request: Annotated[EnrollmentCodeCreate | None, Body()] = None
) -> Envelope[EnrollmentCodeIssued]:
    """A code the router's agent trades once, before it expires, for the router's tunnel
    token (``tikjobs agent enroll --code ...``). The code is shown only here."""
    request = request or EnrollmentCodeCreate()
    issued = await enrollment.issue_code(
        call.store, call.router.id, call.services.clock(), request.ttl_seconds
    )
    return Envelope(data=issued)


@router.post(
    "/agent/enroll",
    response_model=Envelope[Enrollment],
    summary="Trade an enrollment code for the router's tunnel token",
    responses=documented(404, 409, 410, 422),
)
async def enroll(request: EnrollmentRequest, services: ServicesDep) -> Envelope[Enrollment]:
    """The router's new long-lived tunnel token; the code is used up, and a token the
    router had before stops working. An unknown code is 404, a used one 409, an expired
    one 410, each with ``errors.code`` saying so."""
    return Envelope(data=await enrollment.redeem(services.store, request.code, services.clock()))
