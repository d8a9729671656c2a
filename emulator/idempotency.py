"""The ``Idempotency-Key`` rules of ``POST /api/asynchronous/{router_id}``.

How this works
--------------
A client may send ``Idempotency-Key: <key>``: 1 to 255 printable ASCII characters. The
key is the customer's: two customers never share a key. The job's ``idempotency_key``
(a UUID, as the seed shows) is the key itself when it is a UUID (in canonical form,
so ``{ABC...}`` and ``abc...`` are one key), otherwise ``uuid5`` of the customer and the
key, so the same key always names the same job. Without the header every request is new
and gets a fresh random key.

A request is identified by the SHA-256 of its target router and its validated body (in
a canonical JSON form: key order and whitespace do not matter). Then, following the
IETF Idempotency-Key draft and Stripe:

- a new key is claimed and the job is created in one transaction
  (`Store.submit_job`): the claim, the job and the answer to repeat are committed
  together, so a crash leaves either all or none;
- the same key and the same request again: the first answer is repeated byte for byte
  (with ``Idempotent-Replayed: true``) and nothing is created;
- the same key with another body or router: 422 ``idempotency_key_reused``;
- the same key while the first request is still being handled: 409
  ``idempotency_key_in_flight``;
- a request that fails before its job exists releases the key, so it may be retried.

Records are kept at least 24 hours (`emulator.settings.Settings.idempotency_ttl`).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from tikjobs.emulator.exceptions import IdempotencyKeyInFlight, IdempotencyKeyReused, InvalidRequest
from tikjobs.emulator.ids import new_id
from tikjobs.emulator.store import IdempotencyRecord, IdempotencyState, Store

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
KEY_MAX_LENGTH = 255
KEY_NAMESPACE = uuid5(NAMESPACE_URL, "urn:tikjobs:idempotency-key")
"""The uuid5 namespace for keys that are not UUIDs (fixed: derived ids must never change)."""

_PRINTABLE = re.compile(r"^[\x20-\x7e]+$")
HEADER_SCHEMA: dict[str, object] = {
    "minLength": 1,
    "maxLength": KEY_MAX_LENGTH,
    "pattern": r"^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$",
}
"""The rule of `client_key` as the OpenAPI document states it."""


@dataclass(frozen=True)
class ClientKey:
    """An Idempotency-Key as the emulator keeps it, and the job key it stands for."""

    key: str
    """The key the idempotency record is filed under (canonical for a UUID)."""
    job_key: UUID
    """The job's ``idempotency_key``."""
    given: bool
    """Whether the client sent the key (only then is the request deduplicated)."""


@dataclass(frozen=True)
class Replay:
    """The stored answer to repeat for a request already handled."""

    status_code: int
    body: str


def client_key(customer_id: UUID, header: str | None) -> ClientKey:
    """The key for a request; `InvalidRequest` names the header when it is unusable."""
    if header is None:
        fresh = new_id()
        return ClientKey(key=str(fresh), job_key=fresh, given=False)
    reasons = []
    if not 1 <= len(header) <= KEY_MAX_LENGTH:
        reasons.append(f"must be 1 to {KEY_MAX_LENGTH} characters")
    elif not _PRINTABLE.match(header) or header != header.strip():
        reasons.append("must be printable ASCII without leading or trailing spaces")
    if reasons:
        raise InvalidRequest(f"invalid {HEADER} header: {reasons[0]}", {HEADER: reasons})
    as_uuid = _as_uuid(header)
    if as_uuid is None:
        return ClientKey(
            key=header, job_key=uuid5(KEY_NAMESPACE, f"{customer_id}:{header}"), given=True
        )
    return ClientKey(key=str(as_uuid), job_key=as_uuid, given=True)


def _as_uuid(text: str) -> UUID | None:
    """``text`` as a UUID in any form `UUID` reads, or None. Most keys are no UUID, so
    their length rules them out before a `ValueError` would have to be raised."""
    digits = text.replace("urn:", "").replace("uuid:", "").strip("{}").replace("-", "")
    if len(digits) != 32:
        return None
    try:
        return UUID(text)
    except ValueError:
        return None


def request_hash(router_id: UUID, body: dict[str, Any]) -> str:
    """The fingerprint of a request: its target and its body, in canonical JSON."""
    canonical = json.dumps(
        {"router_id": str(router_id), "body": body},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


async def claim(
    store: Store, customer_id: UUID, key: ClientKey, fingerprint: str, at: datetime
) -> Replay | None:
    """Claim ``key`` for a request: ``None`` when it is new, a `Replay` when it was done.

    Raises `IdempotencyKeyReused` for another request under the key and
    `IdempotencyKeyInFlight` while the first request is still being handled.
    """
    record = await store.begin_idempotent(customer_id, key.key, fingerprint, at)
    return None if record is None else judge(record, key, fingerprint)


def judge(record: IdempotencyRecord, key: ClientKey, fingerprint: str) -> Replay:
    """What a request meets under a key already taken by ``record``: the first answer
    again (`Replay`), `IdempotencyKeyReused` for another request, or
    `IdempotencyKeyInFlight` while the first request is still being handled."""
    if record.request_hash != fingerprint:
        raise IdempotencyKeyReused(
            f"{HEADER} {key.key!r} was already used for another request",
            {HEADER: ["already used with a different request body or router"]},
        )
    if record.state is IdempotencyState.IN_FLIGHT or record.response is None:
        raise IdempotencyKeyInFlight(
            f"the first request with {HEADER} {key.key!r} is still being handled; retry later"
        )
    return Replay(status_code=record.status_code or 200, body=record.response)
