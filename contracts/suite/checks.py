"""The seed's shapes as checks: envelopes, errors, and the fields of every object it shows.

Each object the seed documents is a table of field name -> `Kind` (a UUID, a timestamp
in the seed's form ``2024-05-28T08:05:28+00:00`` or null, a status value ...). `fields`
checks an object against its table and raises `ContractViolation` naming the first
field that is missing or malformed. Unknown extra fields are allowed: a server may say
more than the seed, never less or otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Final
from uuid import UUID

from tikjobs.contracts.api import JobStatus, normalise_key
from tikjobs.contracts.suite.client import Answer
from tikjobs.contracts.suite.exceptions import ContractViolation
from tikjobs.contracts.timestamps import TIMESTAMP_PATTERN

Kind = Callable[[Any], str | None]
"""A field's rule: ``None`` when the value fits, else what is wrong with it."""

_MOMENT: Final = re.compile(TIMESTAMP_PATTERN)
STATUSES: Final = frozenset(status.value for status in JobStatus)


def uuid(value: Any) -> str | None:
    if not isinstance(value, str):
        return f"should be a UUID string, not {type(value).__name__}"
    try:
        UUID(value)
    except ValueError:
        return f"{value!r} is not a UUID"
    return None


def text(value: Any) -> str | None:
    return None if isinstance(value, str) else f"should be a string, not {value!r}"


def text_or_null(value: Any) -> str | None:
    return None if value is None else text(value)


def boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else f"should be true or false, not {value!r}"


def integer(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return None
    return f"should be an integer, not {value!r}"


def moment(value: Any) -> str | None:
    if isinstance(value, str) and _MOMENT.match(value):
        return None
    return f"{value!r} is not a timestamp like 2024-05-28T08:05:28+00:00"


def moment_or_null(value: Any) -> str | None:
    return None if value is None else moment(value)


def status(value: Any) -> str | None:
    return None if value in STATUSES else f"{value!r} is not one of {sorted(STATUSES)}"


SUBMIT_RESULT: Final[Mapping[str, Kind]] = {
    "idempotency_key": uuid,
    "request_id": uuid,
    "target": uuid,
    "notify_url": text_or_null,
    "date": moment,
}
JOB: Final[Mapping[str, Kind]] = {
    "id": uuid,
    "token": text,
    "idempotency_key": uuid,
    "description": text,
    "express_execute": boolean,
    "needs_acknowledgement": boolean,
    "make_backup": boolean,
    "started_at": moment_or_null,
    "completed_at": moment_or_null,
    "failed_at": moment_or_null,
    "deleted_at": moment_or_null,
    "status": status,
}
NOTIFICATION: Final[Mapping[str, Kind]] = {
    "job_id": uuid,
    "customer_id": uuid,
    "description": text,
    "router_id": uuid,
    "idempotency_key": uuid,
    "express_execute": boolean,
    "needs_acknowledgement": boolean,
    "make_backup": boolean,
    "seq_id": integer,
    "started_at": moment_or_null,
    "completed_at": moment_or_null,
    "failed_at": moment_or_null,
    "deleted_at": moment_or_null,
    "status": status,
}
ROUTER: Final[Mapping[str, Kind]] = {"id": uuid}

STAMPS: Final[Mapping[str, str]] = {
    "completed": "completed_at",
    "failed": "failed_at",
    "deleted": "deleted_at",
}
"""The timestamp each ending sets."""
STARTED: Final = frozenset({"loaded", "running", "completed"})
"""Statuses that mean the router took the job (a job may fail without being taken)."""
TERMINAL: Final = frozenset({"completed", "failed", "deleted"})


def fields(document: Any, table: Mapping[str, Kind], what: str) -> dict[str, Any]:
    """``document`` as an object with every field of ``table`` in its kind."""
    if not isinstance(document, dict):
        raise ContractViolation(f"{what} should be a JSON object, not {document!r:.200}")
    for name, kind in table.items():
        if name not in document:
            raise ContractViolation(f"{what} has no {name!r} field: {document!r:.300}")
        problem = kind(document[name])
        if problem is not None:
            raise ContractViolation(f"{what}: {name} {problem}")
    return document


def success(answer: Answer, what: str) -> Any:
    """The ``data`` of a 200 ``{"status": "success", "data": ...}`` answer."""
    if answer.status != 200:
        raise ContractViolation(f"{answer.request} ({what}) should succeed: {answer.brief()}")
    document = answer.document
    if not isinstance(document, dict) or document.get("status") != "success":
        raise ContractViolation(
            f'{answer.request} ({what}) should answer {{"status": "success", "data": ...}}: '
            f"{answer.brief()}"
        )
    if "data" not in document:
        raise ContractViolation(f"{answer.request} ({what}) answered no data: {answer.brief()}")
    return document["data"]


def refusal(answer: Answer, what: str) -> dict[str, Any]:
    """A 4xx error answer with a message (and ``"status": "error"`` if it has a status)."""
    if answer.status >= 500:
        raise ContractViolation(f"{what}: a server error instead of a refusal: {answer.brief()}")
    if not 400 <= answer.status < 500:
        raise ContractViolation(f"{what} should be refused with a 4xx: {answer.brief()}")
    document = answer.document
    if not isinstance(document, dict):
        raise ContractViolation(f"{what}: the refusal is not a JSON object: {answer.brief()}")
    message = document.get("message")
    if not isinstance(message, str) or not message.strip():
        raise ContractViolation(f"{what}: the refusal has no message: {answer.brief()}")
    if "status" in document and document["status"] != "error":
        raise ContractViolation(f'{what}: a refusal should say "status": "error": {answer.brief()}')
    return document


def names_field(body: Mapping[str, Any], field: str) -> bool:
    """Whether an error body names ``field`` (in ``errors`` or in its message)."""
    errors = body.get("errors")
    if isinstance(errors, dict) and any(
        key == field or key.split(".")[-1] == field or key.startswith(f"{field}.") for key in errors
    ):
        return True
    return field in str(body.get("message", ""))


def refused_naming(answer: Answer, field: str, what: str) -> None:
    """A 4xx that names ``field``; `ContractViolation` otherwise."""
    body = refusal(answer, what)
    if not names_field(body, field):
        raise ContractViolation(f"{what}: the refusal does not name {field!r}: {answer.brief()}")


def stamps_fit_status(job: Mapping[str, Any], what: str) -> None:
    """The timestamps a job (or notification) carries agree with its status."""
    current = job["status"]
    if current in STARTED and job["started_at"] is None:
        raise ContractViolation(f"{what} is {current} but has no started_at")
    if current in ("pending", "deleted") and job["started_at"] is not None:
        raise ContractViolation(f"{what} is {current} but has a started_at")
    for ending, stamp in STAMPS.items():
        if (current == ending) != (job[stamp] is not None):
            have = "has" if job[stamp] is not None else "has no"
            raise ContractViolation(f"{what} is {current} and {have} {stamp}")


def normalised_row(row: Any, what: str) -> dict[str, str]:
    """A synchronous answer's row: an object of string values under normalised keys."""
    if not isinstance(row, dict):
        raise ContractViolation(f"{what}: a row should be a JSON object, not {row!r:.200}")
    for key, value in row.items():
        if not key or normalise_key(key) != key:
            raise ContractViolation(
                f"{what}: key {key!r} is not normalised as the seed shows "
                f"(.id -> id, mac-address -> mac_address)"
            )
        if not isinstance(value, str):
            raise ContractViolation(
                f"{what}: {key} should be a string as RouterOS sent it, not {value!r}"
            )
    return row
