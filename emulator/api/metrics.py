"""``GET /metrics``: the emulator's Prometheus metrics, for the admin token only.

A scraper without the admin token can be given its own bind address instead
(``tikjobs emulator --metrics-port``, see `emulator.serve`), which serves this text
without authentication and nothing else.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from tikjobs.emulator.api.deps import AdminAccess, services_of
from tikjobs.emulator.api.errors import documented
from tikjobs.emulator.metrics import CONTENT_TYPE

router = APIRouter(tags=["metrics"])


async def exposition(request: Request) -> Response:
    """The metrics of the emulator serving ``request`` (its app's registry)."""
    services = services_of(request)
    if services.metrics is None:
        return Response("metrics are off\n", status_code=404, media_type="text/plain")
    body = await services.metrics.render(services.store, services.links)
    return Response(body, media_type=CONTENT_TYPE)


@router.get(
    "/metrics",
    response_class=Response,
    summary="Prometheus metrics (admin token)",
    dependencies=[AdminAccess],
    responses={
        **documented(401, 403),
        200: {"description": "Prometheus text format.", "content": {"text/plain": {}}},
    },
)
async def metrics(request: Request) -> Response:
    """Requests, jobs, tunnels, synchronous calls, notifications and store commits."""
    return await exposition(request)
