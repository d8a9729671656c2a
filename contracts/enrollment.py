"""Enrollment: the one-time code a customer issues for a router, and what an agent gets
for it.

How this works
--------------
A customer (``POST /api/routers/{router_id}/enrollment-codes``) or the emulator's
controls (``POST /_emulator/routers/{router_id}/enrollment-codes``) issue a code such as
``K7QM-2XWD-9HTR-C4PA``: 80 random bits in Crockford's base32, grouped for reading over
the phone. The cloud keeps only its SHA-256. On site, ``tikjobs agent enroll`` trades it
(``POST /agent/enroll``, no other credential) for the router's long-lived tunnel
token. A code works once and expires (24 hours unless asked otherwise); trading it gives
the router a new tunnel token, so a token issued before stops working.

`normalize_code` is the one place that says which spellings of a code are the same:
case, spaces and dashes do not matter, and the letters I, L and O read as 1, 1 and 0.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from tikjobs.contracts.api import Timestamp, json_integer

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base32: no I, L, O or U."""
CODE_CHARS = 16
DEFAULT_TTL = 24 * 60 * 60
MAX_TTL = 7 * 24 * 60 * 60
_SAME = str.maketrans({"I": "1", "L": "1", "O": "0"})


def new_code() -> str:
    """A fresh code, ``XXXX-XXXX-XXXX-XXXX``."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(CODE_CHARS))
    return "-".join(chars[index : index + 4] for index in range(0, CODE_CHARS, 4))


def normalize_code(code: str) -> str:
    """The code without case, spaces or dashes, look-alike letters read as digits."""
    return "".join(code.split()).replace("-", "").upper().translate(_SAME)


def hash_code(code: str) -> str:
    """The stored form of a code: SHA-256 (hex) of its normalized spelling."""
    return hashlib.sha256(normalize_code(code).encode()).hexdigest()


class EnrollmentCodeCreate(BaseModel):
    """Body of a request for an enrollment code (all optional)."""

    model_config = ConfigDict(extra="forbid")

    ttl_seconds: Annotated[int, BeforeValidator(json_integer)] = Field(
        default=DEFAULT_TTL, ge=1, le=MAX_TTL, description="Seconds until the code expires."
    )


class EnrollmentCodeIssued(BaseModel):
    """A new enrollment code; shown only here, stored hashed."""

    router_id: UUID
    code: str
    expires_at: Timestamp


class EnrollmentRequest(BaseModel):
    """``POST /agent/enroll``: an agent trades a code for its router's token."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=1, max_length=64, description="The enrollment code.")


class Enrollment(BaseModel):
    """The router's long-lived tunnel token, for the agent that enrolled."""

    router_id: UUID
    tunnel_token: str
    poll_interval: float
