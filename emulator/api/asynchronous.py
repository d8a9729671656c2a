"""``POST /api/asynchronous/{router_id}``: submit a script as a job.

The body is validated as `contracts.api.AsynchronousRequest` (the seed's limits: a
description of 1..100 characters, a script of 1..2000, three required booleans, an
optional ``https://`` notify_url; a plain ``http://`` one too when the emulator was
started with ``--notify-allow-http``, for receivers on allow-listed hosts, see
`SubmitRoute`). The answer is 200 with the seed's
`contracts.api.SubmitResult`; the job is stored ``pending`` before the answer is sent.
The ``Idempotency-Key`` header follows `emulator.idempotency`: a repeated request
answers the first answer again, byte for byte, and creates nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Header, Request, Response

from tikjobs.contracts.api import PLAIN_HTTP_NOTIFY_URL, AsynchronousRequest, Envelope, SubmitResult
from tikjobs.emulator import idempotency
from tikjobs.emulator.api.deps import KeyedRoute, RouterCall, services_of
from tikjobs.emulator.api.errors import documented
from tikjobs.emulator.ids import new_id, new_token_hex
from tikjobs.emulator.store import IdempotencyOutcome, JobRecord, NewJob
from tikjobs.logs import request_id_var


class SubmitRoute(KeyedRoute):
    """A keyed route whose body may carry a plain ``http://`` notify_url when the emulator
    allows plain http (delivery still reaches only allow-listed hosts)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def submit(request: Request) -> Response:
            allowed = services_of(request).settings.notify_allow_http
            token = PLAIN_HTTP_NOTIFY_URL.set(allowed)
            try:
                return await handler(request)
            finally:
                PLAIN_HTTP_NOTIFY_URL.reset(token)

        return submit


def _request_id() -> UUID:
    """The id the request is answered under (``X-Request-ID``), which the job keeps."""
    current = request_id_var.get()
    return UUID(current) if current is not None else new_id()


router = APIRouter(prefix="/api/asynchronous", tags=["asynchronous"], route_class=SubmitRoute)

JSON = "application/json"
SubmitEnvelope = Envelope[SubmitResult]
"""Parametrised once: ``Envelope[...]`` builds (and caches) a class on every subscript."""


@router.post(
    "/{router_id}",
    response_model=Envelope[SubmitResult],
    summary="Submit a script to run as a job",
    responses=documented(401, 404, 409, 422, 429),
)
async def submit_job(
    payload: AsynchronousRequest,
    call: RouterCall,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias=idempotency.HEADER,
            json_schema_extra=idempotency.HEADER_SCHEMA,
            description=(
                "Makes the request safe to repeat: 1..255 printable characters; the same "
                "key with the same body answers the first answer and creates nothing."
            ),
        ),
    ] = None,
) -> Response:
    """Store the job ``pending`` and answer its ids; the router runs it at its next poll
    (at once with ``express_execute``)."""
    owned, caller = call.router, call.caller
    now = call.services.clock()
    key = idempotency.client_key(caller.customer_id, idempotency_key)
    job = NewJob(
        id=new_id(),
        router_id=owned.id,
        customer_id=caller.customer_id,
        request_id=_request_id(),
        idempotency_key=key.job_key,
        token=new_token_hex(16),
        description=payload.description,
        script=payload.script,
        make_backup=payload.make_backup,
        express_execute=payload.express_execute,
        needs_acknowledgement=payload.needs_acknowledgement,
        notify_url=payload.notify_url,
        created_at=now,
        rollback_after=payload.rollback_after,
        rollback_check=payload.rollback_check,
    )
    result = SubmitResult(
        idempotency_key=job.idempotency_key,
        request_id=job.request_id,
        target=job.router_id,
        notify_url=job.notify_url,
        date=now,
    )
    body = SubmitEnvelope(data=result).model_dump_json()
    if not key.given:
        record = await call.store.create_job(job)
    else:
        # The claim, the job and the answer to repeat: one transaction, one commit.
        fingerprint = idempotency.request_hash(owned.id, payload.model_dump(mode="json"))
        outcome = IdempotencyOutcome(caller.customer_id, key.key, status_code=200, response=body)
        stored = await call.store.submit_job(job, outcome, fingerprint)
        if not isinstance(stored, JobRecord):
            replay = idempotency.judge(stored, key, fingerprint)
            return Response(
                replay.body,
                status_code=replay.status_code,
                media_type=JSON,
                headers={idempotency.REPLAYED_HEADER: "true"},
            )
        record = stored
    await call.engine.job_submitted(record)
    return Response(body, status_code=200, media_type=JSON)
