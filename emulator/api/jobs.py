"""``/api/routers/{router_id}/jobs``: list a router's jobs, read one, delete a pending one.

The list keeps the seed's envelope ``{"status": "success", "data": [...]}``, newest
submission first (jobs submitted within the same second keep their submission order).
Pagination travels in headers so the envelope stays as documented: ``?limit=`` (1..500,
default 100) and ``?offset=`` (0..2^31-1) choose the page; ``X-Total-Count`` says how
many jobs match, and ``Link`` carries ``rel="next"`` / ``rel="prev"`` URLs.
``?status=`` keeps one status (any `JobStatus` value).

Deleting a ``pending`` job makes it ``deleted`` (and notifies ``notify_url``); deleting
it again answers the deleted job unchanged; deleting a job the router has taken
answers 409 ``job_already_started``.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qsl, urlencode
from uuid import UUID

import orjson
from fastapi import APIRouter, Query, Request, Response

from tikjobs.contracts.api import ROLLED_BACK, BackupFile, Envelope, Job, JobDetail, JobStatus
from tikjobs.emulator.api.deps import KeyedRoute, RouterCall, RouterContext
from tikjobs.emulator.api.errors import documented
from tikjobs.emulator.exceptions import JobNotFound
from tikjobs.emulator.store import BackupRecord, JobRecord, RouterRecord, Store

router = APIRouter(prefix="/api/routers/{router_id}/jobs", tags=["jobs"], route_class=KeyedRoute)

PAGE_DEFAULT = 100
PAGE_MAX = 500
OFFSET_MAX = 2**31 - 1
"""The largest ``?offset=``: past any real list, and within every store's integers."""
TOTAL_HEADER = "X-Total-Count"


def job_view(record: JobRecord) -> Job:
    """A stored job as the list shows it (the seed's job object)."""
    return Job(
        id=record.id,
        token=record.token,
        idempotency_key=record.idempotency_key,
        description=record.description,
        express_execute=record.express_execute,
        needs_acknowledgement=record.needs_acknowledgement,
        make_backup=record.make_backup,
        started_at=record.started_at,
        completed_at=record.completed_at,
        failed_at=record.failed_at,
        deleted_at=record.deleted_at,
        status=record.status,
    )


def backup_view(record: BackupRecord) -> BackupFile:
    """A stored backup as a job's detail lists it."""
    return BackupFile(
        name=record.name,
        kind=record.kind,
        size=record.size,
        sha256=record.sha256,
        created_at=record.created_at,
        job_id=record.job_id,
    )


def job_detail_view(record: JobRecord, backups: list[BackupRecord]) -> JobDetail:
    """A stored job with its script, outcome and backups."""
    return JobDetail(
        **job_view(record).model_dump(),
        router_id=record.router_id,
        request_id=record.request_id,
        script=record.script,
        notify_url=record.notify_url,
        created_at=record.created_at,
        output=record.output,
        error=record.error,
        backup=[backup_view(backup) for backup in backups],
        rollback_after=record.rollback_after,
        rolled_back=record.status is JobStatus.FAILED
        and (record.error or "").startswith(ROLLED_BACK),
    )


async def router_job(store: Store, owned: RouterRecord, job_id: UUID) -> JobRecord:
    """The router's job ``job_id``; a job of another router (or none) is 404."""
    record = await store.get_job(job_id)
    if record is None or record.router_id != owned.id:
        raise JobNotFound(f"job {job_id} not found on router {owned.id}")
    return record


_PAGING = ("offset", "limit")


def page_links(request: Request, offset: int, limit: int, total: int) -> str:
    """The ``Link`` header of a page: ``next`` and ``prev``, each the request's own URL
    with its other parameters kept and ``offset`` and ``limit`` set at its end (what
    Starlette's ``URL.include_query_params`` writes, without its multidict and its second
    URL parse, which were a job list's largest cost after the store)."""
    if offset + limit >= total and offset <= 0:
        return ""
    base, _, query = str(request.url).partition("?")
    kept = [pair for pair in parse_qsl(query, keep_blank_values=True) if pair[0] not in _PAGING]

    def page(at: int) -> str:
        return f"{base}?{urlencode([*kept, ('offset', str(at)), ('limit', str(limit))])}"

    links = []
    if offset + limit < total:
        links.append(f'<{page(offset + limit)}>; rel="next"')
    if offset > 0:
        links.append(f'<{page(max(0, offset - limit))}>; rel="prev"')
    return ", ".join(links)


@router.get(
    "",
    response_model=Envelope[list[Job]],
    summary="List a router's jobs",
    responses=documented(401, 404, 422, 429),
)
async def list_jobs(
    call: RouterCall,
    request: Request,
    status: Annotated[JobStatus | None, Query(description="Only jobs in this status.")] = None,
    limit: Annotated[int, Query(ge=1, le=PAGE_MAX, description="Jobs per page.")] = PAGE_DEFAULT,
    offset: Annotated[
        int, Query(ge=0, le=OFFSET_MAX, description="Jobs to skip (newest first).")
    ] = 0,
) -> Response:
    """The router's jobs, newest first; totals and page links are in the headers."""
    return await job_page(call, request, status, limit, offset)


async def job_page(
    call: RouterContext, request: Request, status: JobStatus | None, limit: int, offset: int
) -> Response:
    """One page of the router's job list with the headers that go with it (the total and
    the page links); the route above and `emulator.api.front` answer with it. The body
    is written from the store's `JobListing` as it stands: what `Envelope[list[Job]]`
    would write, without building a model per job."""
    listing = await call.store.job_listing(
        call.router.id, status=status, limit=limit, offset=offset
    )
    headers = {TOTAL_HEADER: str(listing.total)}
    links = page_links(request, offset, limit, listing.total)
    if links:
        headers["Link"] = links
    body = orjson.dumps({"status": "success", "data": listing.jobs})
    return Response(body, media_type="application/json", headers=headers)


@router.get(
    "/{job_id}",
    response_model=Envelope[JobDetail],
    summary="One job with its script, output or error, and backups",
    responses=documented(401, 404, 422, 429),
)
async def get_job(call: RouterCall, job_id: UUID) -> Envelope[JobDetail]:
    """One job of the router, with what it ran and what came of it."""
    record = await router_job(call.store, call.router, job_id)
    backups = await call.store.list_backups(job_id=record.id)
    return Envelope(data=job_detail_view(record, backups))


@router.delete(
    "/{job_id}",
    response_model=Envelope[Job],
    summary="Delete a pending job",
    responses=documented(401, 404, 409, 422, 429),
)
async def delete_job(call: RouterCall, job_id: UUID) -> Envelope[Job]:
    """A pending job becomes ``deleted``; a started one is 409 ``job_already_started``."""
    record = await router_job(call.store, call.router, job_id)
    if record.status is not JobStatus.DELETED:
        record = await call.engine.delete_job(record.id)
    return Envelope(data=job_view(record))
