"""The PostgreSQL store's enrollment codes: issue one for a router, trade one for a token.

The same rules as `emulator.store.sqlite.enrollment`; the code's row is locked (``FOR UPDATE``)
while it is checked and marked used, so of several emulators trading one code at once
exactly one succeeds.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from psycopg.errors import ForeignKeyViolation

from tikjobs.emulator.exceptions import (
    EnrollmentCodeExpired,
    EnrollmentCodeUnknown,
    EnrollmentCodeUsed,
    RouterNotFound,
)
from tikjobs.emulator.store import rows, rules
from tikjobs.emulator.store.base import EnrollmentCodeRecord, RouterRecord
from tikjobs.emulator.store.postgres.connection import Connection, fetch_one


async def create_enrollment_code(
    connection: Connection,
    code_hash: str,
    router_id: UUID,
    at: datetime,
    expires_at: datetime,
) -> EnrollmentCodeRecord:
    try:
        await connection.execute(
            "INSERT INTO enrollment_codes (code_hash, router_id, created_at, expires_at)"
            " VALUES (%s, %s, %s, %s)",
            (code_hash, router_id, rules.utc(at), rules.utc(expires_at)),
        )
    except ForeignKeyViolation:
        raise RouterNotFound(f"no router {router_id}") from None
    return EnrollmentCodeRecord(code_hash, router_id, at, expires_at, None)


async def redeem_enrollment_code(
    connection: Connection, code_hash: str, at: datetime, token_hash: str
) -> RouterRecord:
    row = await fetch_one(
        connection, "SELECT * FROM enrollment_codes WHERE code_hash = %s FOR UPDATE", code_hash
    )
    if row is None:
        raise EnrollmentCodeUnknown("no router has this enrollment code; check it was typed right")
    if row["used_at"] is not None:
        raise EnrollmentCodeUsed(
            f"this enrollment code was used at {row['used_at'].isoformat()}; "
            "issue a new one for the router"
        )
    if row["expires_at"] <= rules.utc(at):
        raise EnrollmentCodeExpired(
            f"this enrollment code expired at {row['expires_at'].isoformat()}; issue a new one"
        )
    await connection.execute(
        "UPDATE enrollment_codes SET used_at = %s WHERE code_hash = %s", (rules.utc(at), code_hash)
    )
    found = await fetch_one(
        connection,
        "UPDATE routers SET token_hash = %s WHERE id = %s RETURNING *",
        token_hash,
        row["router_id"],
    )
    if found is None:
        raise RouterNotFound(f"no router {row['router_id']}")
    return rows.router(found)
