"""The SQLite store's enrollment codes: issue one for a router, trade one for a token.

Codes are kept by `contracts.enrollment.hash_code`, never in clear. Trading a code
checks, in the one transaction that marks it used and gives the router its new
tunnel-token hash, that it exists, was not used and has not expired; so of two agents
racing with one code exactly one gets a token.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from uuid import UUID

from tikjobs.emulator.exceptions import (
    EnrollmentCodeExpired,
    EnrollmentCodeUnknown,
    EnrollmentCodeUsed,
    RouterNotFound,
)
from tikjobs.emulator.store import rows
from tikjobs.emulator.store.base import EnrollmentCodeRecord, RouterRecord
from tikjobs.emulator.store.sqlite.queries import check_router


def create_enrollment_code(
    connection: sqlite3.Connection,
    code_hash: str,
    router_id: UUID,
    at: datetime,
    expires_at: datetime,
) -> EnrollmentCodeRecord:
    check_router(connection, router_id)
    connection.execute(
        "INSERT INTO enrollment_codes (code_hash, router_id, created_at, expires_at)"
        " VALUES (?, ?, ?, ?)",
        (code_hash, str(router_id), rows.moment(at), rows.moment(expires_at)),
    )
    return EnrollmentCodeRecord(code_hash, router_id, at, expires_at, None)


def redeem_enrollment_code(
    connection: sqlite3.Connection, code_hash: str, at: datetime, token_hash: str
) -> RouterRecord:
    row = rows.fetch_one(
        connection, "SELECT * FROM enrollment_codes WHERE code_hash = ?", code_hash
    )
    if row is None:
        raise EnrollmentCodeUnknown("no router has this enrollment code; check it was typed right")
    if row["used_at"] is not None:
        raise EnrollmentCodeUsed(
            f"this enrollment code was used at {row['used_at']}; issue a new one for the router"
        )
    if row["expires_at"] <= rows.moment(at):
        raise EnrollmentCodeExpired(
            f"this enrollment code expired at {row['expires_at']}; issue a new one"
        )
    connection.execute(
        "UPDATE enrollment_codes SET used_at = ? WHERE code_hash = ?", (rows.moment(at), code_hash)
    )
    connection.execute(
        "UPDATE routers SET token_hash = ? WHERE id = ?", (token_hash, row["router_id"])
    )
    found = rows.fetch_one(connection, "SELECT * FROM routers WHERE id = ?", row["router_id"])
    if found is None:
        raise RouterNotFound(f"no router {row['router_id']}")
    return rows.router(found)
