"""The console's jobs: the orchestration log (live), one job's page, submitting and deleting.

- ``GET /console/jobs`` lists the viewer's jobs newest first, filtered by router, status
  and text; ``GET /console/jobs/stream`` (same filters) is a Server-Sent Events stream
  that sends the table's rows again whenever they change, so the page updates without a
  reload (htmx's SSE extension swaps them in; without JavaScript the page is a plain,
  current table).
- ``GET /console/jobs/{job_id}`` shows the timeline, script, output or error, backups
  and every notification delivery attempt; another customer's job is "not found".
- ``GET/POST /console/routers/{router_id}/submit`` submits a job from a form with the
  seed's fields, validated by the API's own model (the same limits, errors per field);
  ``POST /console/jobs/{job_id}/delete`` deletes a pending one through the engine.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import AsyncIterator
from typing import Annotated, Any
from urllib.parse import parse_qs
from uuid import UUID, uuid4

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import RedirectResponse, StreamingResponse
from pydantic import ValidationError

from tikjobs.contracts.api import PLAIN_HTTP_NOTIFY_URL, AsynchronousRequest, JobStatus
from tikjobs.emulator.api.deps import Services, services_of
from tikjobs.emulator.console.render import ConsoleRoute, page, render
from tikjobs.emulator.console.session import (
    CSRF_FIELD,
    Viewer,
    check_csrf,
    current_viewer,
)
from tikjobs.emulator.console.views import job_statuses, parse_uuid, timeline
from tikjobs.emulator.exceptions import JobNotFound, RouterNotFound
from tikjobs.emulator.store import JobRecord, NewJob, RouterRecord
from tikjobs.logs import request_id_var

router = APIRouter(prefix="/console", route_class=ConsoleRoute, include_in_schema=False)

PAGE = 50
STREAM_POLL = 2.0
"""Seconds a stream waits for a change signal before it reads the jobs again anyway."""

Text = Annotated[str, Query(max_length=200)]


async def form_of(request: Request) -> dict[str, str]:
    """An ``application/x-www-form-urlencoded`` body, its CSRF token checked."""
    fields = {
        name: values[-1]
        for name, values in parse_qs(
            (await request.body()).decode("utf-8", errors="replace"), keep_blank_values=True
        ).items()
    }
    check_csrf(request, fields.get(CSRF_FIELD))
    return fields


async def visible_router(services: Services, viewer: Viewer, router_id: UUID) -> RouterRecord:
    """The router when the viewer may see it; else "not found", as the API answers."""
    record = await services.store.get_router(router_id)
    if record is None or not viewer.sees_router(record):
        raise RouterNotFound(f"router {router_id} not found")
    return record


async def visible_job(services: Services, viewer: Viewer, job_id: UUID) -> JobRecord:
    record = await services.store.get_job(job_id)
    if record is None or not viewer.sees(record.customer_id):
        raise JobNotFound(f"job {job_id} not found")
    return record


async def _routers_by_id(services: Services, viewer: Viewer) -> dict[UUID, RouterRecord]:
    return {r.id: r for r in await services.store.list_routers(viewer.customer_id)}


async def _jobs_table(
    services: Services, viewer: Viewer, router_id: str, status: str, text: str
) -> tuple[str, int]:
    """The rows of the jobs table for these filters, and how many jobs matched."""
    chosen = JobStatus(status) if status in job_statuses() else None
    found = await services.store.search_jobs(
        customer_id=viewer.customer_id,
        router_id=parse_uuid(router_id),
        status=chosen,
        text=text.strip() or None,
        limit=PAGE,
    )
    routers = await _routers_by_id(services, viewer)
    rows = render("job_rows.html", jobs=found.jobs, routers=routers, viewer=viewer)
    return rows, found.total


@router.get("/jobs")
async def jobs_page(
    request: Request,
    router_id: Annotated[str, Query(alias="router", max_length=64)] = "",
    status: Annotated[str, Query(max_length=20)] = "",
    q: Text = "",
) -> Response:
    viewer = await current_viewer(request)
    services = services_of(request)
    rows, total = await _jobs_table(services, viewer, router_id, status, q)
    query = request.url.query
    return page(
        request,
        viewer,
        "jobs.html",
        rows=rows,
        total=total,
        shown=min(total, PAGE),
        routers=await _routers_by_id(services, viewer),
        statuses=job_statuses(),
        chosen_router=router_id,
        chosen_status=status,
        text=q,
        stream=f"/console/jobs/stream?{query}" if query else "/console/jobs/stream",
    )


@router.get("/jobs/stream")
async def jobs_stream(
    request: Request,
    router_id: Annotated[str, Query(alias="router", max_length=64)] = "",
    status: Annotated[str, Query(max_length=20)] = "",
    q: Text = "",
) -> Response:
    """The jobs table's rows as Server-Sent Events (event ``jobs``), sent again each time
    they change; a comment every few seconds keeps the connection open."""
    viewer = await current_viewer(request)
    services = services_of(request)
    feed = request.app.state.console_feed

    async def events() -> AsyncIterator[str]:
        sent, seen = None, -1
        yield "retry: 1000\n\n"
        while not feed.closed:
            seen = feed.version
            rows, _ = await _jobs_table(services, viewer, router_id, status, q)
            if rows != sent:
                sent = rows
                data = "".join(f"data: {line}\n" for line in rows.splitlines() or [""])
                yield f"event: jobs\n{data}\n"
            else:
                yield ": unchanged\n\n"
            await feed.wait(seen, STREAM_POLL)

    return StreamingResponse(
        events(),
        media_type="text/event-stream",
        headers={"X-Accel-Buffering": "no"},
    )


@router.get("/jobs/{job_id}")
async def job_page(request: Request, job_id: UUID) -> Response:
    viewer = await current_viewer(request)
    services = services_of(request)
    job = await visible_job(services, viewer, job_id)
    owner = await services.store.get_router(job.router_id)
    backups = await services.store.list_backups(job_id=job.id)
    deliveries = await services.store.list_deliveries(job_id=job.id, limit=500)
    notifications = {n.id: n for n in await services.store.list_notifications(job_id=job.id)}
    return page(
        request,
        viewer,
        "job.html",
        job=job,
        router=owner,
        steps=timeline(job, services.clock()),
        backups=backups,
        deliveries=deliveries,
        notifications=notifications,
        live=job.status not in (JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.DELETED),
    )


@router.post("/jobs/{job_id}/delete")
async def delete_job(request: Request, job_id: UUID) -> Response:
    viewer = await current_viewer(request)
    await form_of(request)
    services = services_of(request)
    job = await visible_job(services, viewer, job_id)
    if job.status is not JobStatus.DELETED:
        await services.engine.delete_job(job.id)
    return RedirectResponse(f"/console/jobs/{job.id}", status_code=303)


SUBMIT_FIELDS = ("description", "script", "notify_url", "rollback_after", "rollback_check")
SUBMIT_FLAGS = ("make_backup", "express_execute", "needs_acknowledgement")
OPTIONAL_FIELDS = ("notify_url", "rollback_after", "rollback_check")


def _submitted(fields: dict[str, str]) -> dict[str, Any]:
    """The form's values as the API's request body: checkboxes are booleans, an empty
    optional field is none, and rollback_after is a number when it is written as one
    (anything else stays text, which the API's model refuses naming the field)."""
    body: dict[str, Any] = {name: fields.get(name, "") for name in SUBMIT_FIELDS}
    body.update({flag: flag in fields for flag in SUBMIT_FLAGS})
    for name in OPTIONAL_FIELDS:
        if not body[name].strip():
            body[name] = None
    window = body["rollback_after"]
    if window is not None and re.fullmatch(r"\s*[+-]?\d{1,9}\s*", window):
        body["rollback_after"] = int(window)
    return body


def _errors_by_field(error: ValidationError) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for item in error.errors():
        name = str(item["loc"][0]) if item["loc"] else "form"
        errors.setdefault(name, []).append(str(item["msg"]).removeprefix("Value error, "))
    return errors


@router.get("/routers/{router_id}/submit")
async def submit_form(request: Request, router_id: UUID) -> Response:
    viewer = await current_viewer(request)
    owned = await visible_router(services_of(request), viewer, router_id)
    return page(request, viewer, "submit.html", router=owned, values={}, errors={})


@router.post("/routers/{router_id}/submit")
async def submit_job(request: Request, router_id: UUID) -> Response:
    """Validate the form with the API's model, store the job and start it as the API
    does; on a refusal the form comes back with each field's reasons (422)."""
    viewer = await current_viewer(request)
    fields = await form_of(request)
    services = services_of(request)
    owned = await visible_router(services, viewer, router_id)
    body = _submitted(fields)
    allow_http = PLAIN_HTTP_NOTIFY_URL.set(services.settings.notify_allow_http)
    try:
        payload = AsynchronousRequest.model_validate(body)
    except ValidationError as error:
        return page(
            request,
            viewer,
            "submit.html",
            status_code=422,
            router=owned,
            values=body,
            errors=_errors_by_field(error),
        )
    finally:
        PLAIN_HTTP_NOTIFY_URL.reset(allow_http)
    current = request_id_var.get()
    job = NewJob(
        id=uuid4(),
        router_id=owned.id,
        customer_id=owned.customer_id,
        request_id=UUID(current) if current else uuid4(),
        idempotency_key=uuid4(),
        token=secrets.token_hex(16),
        description=payload.description,
        script=payload.script,
        make_backup=payload.make_backup,
        express_execute=payload.express_execute,
        needs_acknowledgement=payload.needs_acknowledgement,
        notify_url=payload.notify_url,
        created_at=services.clock(),
        rollback_after=payload.rollback_after,
        rollback_check=payload.rollback_check,
    )
    record = await services.store.create_job(job)
    await services.engine.job_submitted(record)
    return RedirectResponse(f"/console/jobs/{record.id}", status_code=303)
