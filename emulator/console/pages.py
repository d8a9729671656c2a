"""The console's other pages: signing in and out, routers, a router's page with a
synchronous read, backups and their diff, notifications, and the operator's controls.

Every page reads through the same store and services the API uses, within the viewer's
tenancy (`emulator.console.session`); every form posts a CSRF token.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import RedirectResponse

from tikjobs.emulator.api.backups import safe_filename
from tikjobs.emulator.api.deps import services_of
from tikjobs.emulator.api.synchronous import answer_rows, command_words
from tikjobs.emulator.console.jobs import form_of, visible_router
from tikjobs.emulator.console.render import ConsoleRoute, page
from tikjobs.emulator.console.session import (
    Viewer,
    current_viewer,
    sign_in,
    sign_out,
    viewer_for,
)
from tikjobs.emulator.console.views import (
    ROUTER_SORTS,
    export_lines,
    failing_endpoints,
    filter_routers,
    router_rows,
    side_by_side,
)
from tikjobs.emulator.exceptions import (
    BackupNotFound,
    EmulatorError,
    Forbidden,
    InvalidRequest,
    NotificationNotFound,
)
from tikjobs.emulator.store import BackupRecord, RouterRecord, Store

router = APIRouter(prefix="/console", route_class=ConsoleRoute, include_in_schema=False)

READ_VERBS = ("print", "getall")
"""The commands the console's read form runs: reads only, never a change."""


def _safe_next(target: str) -> str:
    """Where to go after signing in: a console path, never another site."""
    if target.startswith("/console") and not target.startswith("//"):
        return target
    return "/console/routers"


@router.get("")
async def index() -> Response:
    return RedirectResponse("/console/routers", status_code=303)


@router.get("/sign-in")
async def sign_in_page(
    request: Request, next_page: Annotated[str, Query(alias="next", max_length=500)] = ""
) -> Response:
    return page(request, None, "sign_in.html", next_page=_safe_next(next_page), error=None)


@router.post("/sign-in")
async def sign_in_post(request: Request) -> Response:
    """Check the API key or admin token; keep it in the session cookie when it is valid."""
    fields = await form_of(request)
    credential = fields.get("credential", "")
    viewer = await viewer_for(credential, services_of(request))
    target = _safe_next(fields.get("next", ""))
    if viewer is None:
        return page(
            request,
            None,
            "sign_in.html",
            status_code=401,
            next_page=target,
            error="That is neither a valid API key nor the admin token.",
        )
    response = RedirectResponse(target, status_code=303)
    sign_in(request, response, credential)
    return response


@router.post("/sign-out")
async def sign_out_post(request: Request) -> Response:
    await form_of(request)
    response = RedirectResponse("/console/sign-in", status_code=303)
    sign_out(request, response)
    return response


@router.get("/routers")
async def routers_page(
    request: Request,
    q: Annotated[str, Query(max_length=200)] = "",
    sort: Annotated[str, Query(max_length=20)] = "identity",
) -> Response:
    viewer = await current_viewer(request)
    store = services_of(request).store
    rows = router_rows(
        await store.list_routers(viewer.customer_id), await store.job_counts(viewer.customer_id)
    )
    return page(
        request,
        viewer,
        "routers.html",
        rows=filter_routers(rows, q, sort),
        text=q,
        sort=sort if sort in ROUTER_SORTS else "identity",
        sorts=list(ROUTER_SORTS),
    )


async def _router_page(
    request: Request,
    viewer: Viewer,
    owned: RouterRecord,
    *,
    command: str = "/ip/address/print",
    parameters: str = "",
    rows: list[dict[str, str]] | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    store = services_of(request).store
    jobs = await store.search_jobs(router_id=owned.id, limit=20)
    backups = list(reversed(await store.list_backups(router_id=owned.id)))
    columns = list(dict.fromkeys(key for row in rows or [] for key in row))
    return page(
        request,
        viewer,
        "router.html",
        status_code=status_code,
        router=owned,
        jobs=jobs,
        backups=backups,
        exports=[backup for backup in backups if backup.kind == "export"],
        command=command,
        parameters=parameters,
        rows=rows,
        columns=columns,
        error=error,
        polled=request.query_params.get("polled"),
    )


@router.get("/routers/{router_id}")
async def router_page(request: Request, router_id: UUID) -> Response:
    viewer = await current_viewer(request)
    owned = await visible_router(services_of(request), viewer, router_id)
    return await _router_page(request, viewer, owned)


@router.post("/routers/{router_id}/read")
async def router_read(request: Request, router_id: UUID) -> Response:
    """Run one read command on the router now (through its agent) and show the rows;
    the router's refusal, an offline router or a timeout is shown instead."""
    viewer = await current_viewer(request)
    fields = await form_of(request)
    services = services_of(request)
    owned = await visible_router(services, viewer, router_id)
    command = fields.get("command", "").strip()
    parameters = fields.get("parameters", "")
    try:
        if not command.startswith("/") or command.rsplit("/", 1)[-1] not in READ_VERBS:
            raise InvalidRequest(
                "the console runs reads only: a command ending in /print or /getall",
                {"command": ["must end in /print or /getall"]},
            )
        words = command_words(parameters)
        result = await services.links.call_sync(
            owned.id, command, words, services.settings.sync_timeout
        )
    except EmulatorError as refused:
        return await _router_page(
            request,
            viewer,
            owned,
            command=command,
            parameters=parameters,
            error=refused.message,
            status_code=refused.status_code,
        )
    rows = [{key: str(value) for key, value in row.items()} for row in answer_rows(result)]
    return await _router_page(
        request, viewer, owned, command=command, parameters=parameters, rows=rows
    )


@router.post("/routers/{router_id}/poll")
async def router_poll(request: Request, router_id: UUID) -> Response:
    """The operator's control: make the router check in now."""
    viewer = await current_viewer(request)
    await form_of(request)
    if not viewer.is_admin:
        raise Forbidden("only the operator (admin token) can make a router check in")
    services = services_of(request)
    owned = await visible_router(services, viewer, router_id)
    online = await services.engine.trigger_poll(owned.id)
    answer = "yes" if online else "offline"
    return RedirectResponse(f"/console/routers/{owned.id}?polled={answer}", status_code=303)


async def _backup(store: Store, owned: RouterRecord, name: str) -> BackupRecord:
    matching = [b for b in await store.list_backups(router_id=owned.id) if b.name == name]
    if not matching:
        raise BackupNotFound(f"router {owned.id} has no backup named {name!r}")
    return max(matching, key=lambda record: record.created_at)


@router.get("/routers/{router_id}/backups/{name}")
async def backup_download(request: Request, router_id: UUID, name: str) -> Response:
    viewer = await current_viewer(request)
    store = services_of(request).store
    owned = await visible_router(services_of(request), viewer, router_id)
    record = await _backup(store, owned, name)
    media_type = (
        "text/plain; charset=utf-8" if record.kind == "export" else "application/octet-stream"
    )
    return Response(
        await store.read_backup(record.id),
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{safe_filename(record.name)}"'},
    )


@router.get("/routers/{router_id}/diff")
async def backup_diff(
    request: Request,
    router_id: UUID,
    before: Annotated[str, Query(min_length=1, max_length=255)],
    after: Annotated[str, Query(min_length=1, max_length=255)],
) -> Response:
    """Two exports side by side, added and removed lines marked, the date line ignored."""
    viewer = await current_viewer(request)
    store = services_of(request).store
    owned = await visible_router(services_of(request), viewer, router_id)
    first, second = await _backup(store, owned, before), await _backup(store, owned, after)
    for record, field in ((first, "before"), (second, "after")):
        if record.kind != "export":
            reason = f"{record.name!r} is a binary backup; only exports (.rsc) can be compared"
            raise InvalidRequest(reason, {field: [reason]})
    rows = side_by_side(
        export_lines(await store.read_backup(first.id)),
        export_lines(await store.read_backup(second.id)),
    )
    return page(
        request,
        viewer,
        "diff.html",
        router=owned,
        before=first,
        after=second,
        rows=rows,
        added=sum(1 for row in rows if row.kind in ("added", "changed")),
        removed=sum(1 for row in rows if row.kind in ("removed", "changed")),
    )


@router.get("/notifications")
async def notifications_page(request: Request) -> Response:
    viewer = await current_viewer(request)
    services = services_of(request)
    failing = await services.store.undelivered_notifications(viewer.customer_id)
    return page(
        request,
        viewer,
        "notifications.html",
        endpoints=failing_endpoints(failing),
        backlog=[n for n in failing if n.state.value == "pending"],
        abandoned=[n for n in failing if n.state.value == "abandoned"],
        outbox=await services.store.outbox_counts() if viewer.is_admin else None,
    )


@router.post("/notifications/{notification_id}/redeliver")
async def redeliver(request: Request, notification_id: int) -> Response:
    """Deliver one notification again, now."""
    viewer = await current_viewer(request)
    await form_of(request)
    services = services_of(request)
    notification = await services.store.get_notification(notification_id)
    if notification is None or not viewer.sees(notification.customer_id):
        raise NotificationNotFound(f"notification {notification_id} not found")
    await services.store.redeliver_notification(notification.id, services.clock())
    if services.notifier is not None:
        services.notifier.wake()
    return RedirectResponse(f"/console/jobs/{notification.job_id}", status_code=303)


@router.get("/controls")
async def controls_page(request: Request) -> Response:
    viewer = await current_viewer(request)
    if not viewer.is_admin:
        raise Forbidden("the emulator's controls need the admin token")
    return page(request, viewer, "controls.html", faults=services_of(request).faults.current)


@router.post("/controls/faults/clear")
async def clear_faults(request: Request) -> Response:
    viewer = await current_viewer(request)
    await form_of(request)
    if not viewer.is_admin:
        raise Forbidden("the emulator's controls need the admin token")
    services_of(request).faults.clear()
    return RedirectResponse("/console/controls", status_code=303)
