"""Enrollment codes as a service: issue a router's one-time code, trade one for a token.

Routes (`emulator.api.enrollment`, the controls in `emulator.api.admin`) parse and
answer; the rules of a code live in `contracts.enrollment` and the store.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID

from tikjobs.contracts.enrollment import (
    Enrollment,
    EnrollmentCodeIssued,
    hash_code,
    new_code,
    normalize_code,
)
from tikjobs.emulator.auth import new_tunnel_token
from tikjobs.emulator.exceptions import EnrollmentCodeUnknown
from tikjobs.emulator.store import Store, hash_token


async def issue_code(
    store: Store, router_id: UUID, now: datetime, ttl_seconds: int
) -> EnrollmentCodeIssued:
    """A new code for the router, valid ``ttl_seconds``; only its hash is kept."""
    code = new_code()
    record = await store.create_enrollment_code(
        hash_code(code), router_id, now, now + timedelta(seconds=ttl_seconds)
    )
    return EnrollmentCodeIssued(router_id=router_id, code=code, expires_at=record.expires_at)


async def redeem(store: Store, code: str, now: datetime) -> Enrollment:
    """The router's new tunnel token for a valid code, which is then used up."""
    if not normalize_code(code):
        raise EnrollmentCodeUnknown("the enrollment code is empty")
    token = new_tunnel_token()
    router = await store.redeem_enrollment_code(hash_code(code), now, hash_token(token))
    return Enrollment(router_id=router.id, tunnel_token=token, poll_interval=router.poll_interval)
