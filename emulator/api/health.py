"""``GET /healthz``: whether this emulator can serve, for a load balancer's health check.

200 ``{"status": "ok"}`` when the emulator's database answers a read within
`HEALTH_TIMEOUT` seconds; 503 ``{"status": "unavailable", "reason": ...}`` otherwise, so
a load balancer in front of several replicas sends no client to a replica that lost its
database. It needs no credentials and says nothing more about the emulator.
"""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from tikjobs.emulator.api.deps import ServicesDep
from tikjobs.emulator.exceptions import EmulatorError

router = APIRouter(include_in_schema=False)

HEALTH_TIMEOUT = 2.0
"""Seconds the database has to answer the health check's read."""


@router.get("/healthz")
async def healthz(services: ServicesDep) -> JSONResponse:
    store: Any = services.store
    try:
        async with asyncio.timeout(HEALTH_TIMEOUT):
            await store.schema_version()
    except TimeoutError:
        reason = f"the database did not answer within {HEALTH_TIMEOUT:g} s"
        return JSONResponse({"status": "unavailable", "reason": reason}, status_code=503)
    except EmulatorError as error:
        reason = f"the database cannot be used: {error}"
        return JSONResponse({"status": "unavailable", "reason": reason}, status_code=503)
    return JSONResponse({"status": "ok"})
