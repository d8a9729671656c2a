"""Errors raised by the emulator: storage, the job engine, the agents' tunnel and the API.

    EmulatorError
     ├── NotFound                 (404) no such thing, or not the caller's to see
     │    ├── CustomerNotFound
     │    ├── RouterNotFound
     │    ├── JobNotFound
     │    ├── BackupNotFound
     │    └── EnrollmentCodeUnknown  no router has this enrollment code
     ├── Conflict                 (409) the request clashes with the current state
     │    ├── AlreadyExists       an id or key that is already taken
     │    ├── JobAlreadyStarted   a started job cannot be deleted (``job_already_started``)
     │    ├── IllegalTransition   a status change the job lifecycle does not allow
     │    ├── IdempotencyKeyInFlight  the first request with this key is still being handled
     │    └── EnrollmentCodeUsed  the enrollment code was traded for a token already
     ├── EnrollmentCodeExpired    (410) the enrollment code's time is up
     ├── NotAuthenticated         (401) no API key or admin token, a malformed or a wrong one
     ├── Forbidden                (403) a credential that does not open this control
     ├── RequestRefused           (4xx) a request refused as sent; ``errors`` names each field
     │    ├── InvalidRequest      (422) a field the API refuses
     │    │    └── IdempotencyKeyReused  an Idempotency-Key sent again with another request
     │    ├── BodyTooLarge        (413) a request body over the emulator's limit
     │    └── UnsupportedMediaType  (415) a request body that is not sent as JSON
     ├── RateLimited              (429) the key's requests per minute are spent
     ├── RouterUnavailable        the router cannot answer a synchronous call
     │    ├── RouterOffline       (503) no agent connected, or the agent lost its router
     │    └── RouterTimeout       (504) no answer in time; the command was cancelled
     ├── RouterTrap               (400) RouterOS refused the command with ``!trap``
     ├── StoreError               (500) the database failed or is not usable
     │    └── SchemaTooNew        the database was written by a newer emulator
     ├── NotificationError        a job notification could not be signed or delivered
     │    ├── WebhookSecretInvalid  a webhook secret not in the ``whsec_<base64>`` form
     │    ├── SignatureInvalid      a delivery whose Standard Webhooks headers do not verify
     │    └── DeliveryRefused       the notify_url may not be reached (SSRF guard, scheme)
     └── SystemFailed             a part of the whole system (``tikjobs up``) failed to start

Every class carries the HTTP ``status_code`` and the machine-readable ``code`` the API
answers for it, and, where one request field is to blame, that ``field`` (the answer's
``errors`` names it with the message as the reason), so the exception handlers translate
any of them without a table of their own. Third-party errors (sqlite3, httpx, httpcore,
websockets, OSError) are translated into these where the emulator calls them; the layers
above see only this tree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from tikjobs.contracts.api import JobStatus
from tikjobs.contracts.lifecycle import Event
from tikjobs.contracts.tunnel import Trap


class EmulatorError(Exception):
    """Base of every error the emulator raises on purpose."""

    status_code: ClassVar[int] = 500
    code: ClassVar[str] = "internal_error"
    field: ClassVar[str | None] = None

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message


class NotFound(EmulatorError):
    """Something the caller named does not exist (or belongs to another customer)."""

    status_code = 404
    code = "not_found"


class CustomerNotFound(NotFound):
    code = "customer_not_found"
    field = "customer_id"


class RouterNotFound(NotFound):
    code = "router_not_found"
    field = "router_id"


class JobNotFound(NotFound):
    code = "job_not_found"
    field = "job_id"


class BackupNotFound(NotFound):
    code = "backup_not_found"


class EnrollmentCodeUnknown(NotFound):
    code = "enrollment_code_unknown"
    field = "code"


class NotificationNotFound(NotFound):
    code = "notification_not_found"


class Conflict(EmulatorError):
    """The request is well formed but clashes with what is stored."""

    status_code = 409
    code = "conflict"


class AlreadyExists(Conflict):
    code = "already_exists"


class JobAlreadyStarted(Conflict):
    """Deleting a job the router has already taken."""

    code = "job_already_started"
    field = "job_id"

    def __init__(self, job_id: object, status: JobStatus) -> None:
        super().__init__(f"job {job_id} has already started (status {status.value})")
        self.job_id = job_id
        self.status = status


class IllegalTransition(Conflict):
    """A status change that `contracts.lifecycle.TRANSITIONS` does not allow: no event moves
    a job from ``current`` to ``requested``, or ``event`` (when known) does not apply to
    a ``current`` job."""

    code = "illegal_transition"

    def __init__(
        self,
        job_id: object,
        current: JobStatus,
        requested: JobStatus,
        event: Event | None = None,
    ) -> None:
        super().__init__(f"job {job_id}: a {current.value} job cannot become {requested.value}")
        self.job_id = job_id
        self.current = current
        self.requested = requested
        self.event = event


class IdempotencyKeyInFlight(Conflict):
    """A request repeats an Idempotency-Key whose first request has not been answered yet."""

    code = "idempotency_key_in_flight"
    field = "Idempotency-Key"


class EnrollmentCodeUsed(Conflict):
    """An enrollment code works once; this one has been traded for a token already."""

    code = "enrollment_code_used"
    field = "code"


class EnrollmentCodeExpired(EmulatorError):
    """An enrollment code past its expiry; the customer issues a new one."""

    status_code = 410
    code = "enrollment_code_expired"
    field = "code"


class NotAuthenticated(EmulatorError):
    """No credential, a malformed one, or one the emulator does not know."""

    status_code = 401
    code = "not_authenticated"
    field = "Authorization"


class Forbidden(EmulatorError):
    """A credential that is understood but does not open what was asked for."""

    status_code = 403
    code = "forbidden"


class RequestRefused(EmulatorError):
    """A request refused as it was sent; ``errors`` maps each offending field to its reasons.

    The subclasses say how: a field's value (422), the body's size (413) or its media
    type (415).
    """

    status_code = 422
    code = "invalid_request"

    def __init__(self, message: str, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or {}


class InvalidRequest(RequestRefused):
    """A request with a field the API refuses; ``errors`` names each one with its reasons."""

    status_code = 422
    code = "invalid_request"


class IdempotencyKeyReused(InvalidRequest):
    """An Idempotency-Key already used for a request with another body or target."""

    code = "idempotency_key_reused"


class BodyTooLarge(RequestRefused):
    """A request body larger than the emulator reads (`emulator.api.body_limit`)."""

    status_code = 413
    code = "body_too_large"

    def __init__(self, limit: int) -> None:
        reason = f"must be at most {limit} bytes"
        super().__init__(f"the request body is too large: it {reason}", {"body": [reason]})
        self.limit = limit


class UnsupportedMediaType(RequestRefused):
    """A request body sent with a ``Content-Type`` other than JSON."""

    status_code = 415
    code = "unsupported_media_type"

    def __init__(self, content_type: str | None) -> None:
        sent = f"Content-Type {content_type!r}" if content_type else "no Content-Type"
        super().__init__(
            f"the request body must be JSON sent as Content-Type: application/json; "
            f"it came with {sent}",
            {"Content-Type": ["must be application/json"]},
        )


class RateLimited(EmulatorError):
    """The API key has spent its requests for now; retry after ``retry_after`` seconds."""

    status_code = 429
    code = "rate_limited"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class RouterUnavailable(EmulatorError):
    """The router could not answer a synchronous call."""

    status_code = 503
    code = "router_unavailable"


class RouterOffline(RouterUnavailable):
    """No agent is connected for the router, the tunnel dropped, or the agent lost it."""

    status_code = 503
    code = "router_offline"


class RouterTimeout(RouterUnavailable):
    """The router did not answer within the timeout; the call was cancelled on the router."""

    status_code = 504
    code = "router_timeout"


class RouterTrap(EmulatorError):
    """RouterOS answered ``!trap``; ``traps`` holds each message with its category."""

    status_code = 400
    code = "router_trap"

    def __init__(self, traps: Sequence[Trap]) -> None:
        super().__init__("; ".join(trap.message for trap in traps) or "command failed")
        self.traps = tuple(traps)

    @property
    def category(self) -> int | None:
        """The category of the first trap, as RouterOS sent it."""
        return self.traps[0].category if self.traps else None


class StoreError(EmulatorError):
    """The database failed (disk, locking, corruption) or cannot be used."""

    status_code = 500
    code = "store_error"


class SchemaTooNew(StoreError):
    """The database carries migrations this emulator does not know."""

    code = "schema_too_new"


class NotificationError(EmulatorError):
    """A job notification could not be signed, verified or delivered."""


class WebhookSecretInvalid(NotificationError):
    """A webhook signing secret that is not ``whsec_`` followed by base64 bytes."""


class SignatureInvalid(NotificationError):
    """Headers and body that do not carry a valid Standard Webhooks signature."""


class DeliveryRefused(NotificationError):
    """A notify_url the emulator refuses to contact; ``reason`` says why.

    Raised before any byte is sent: the address resolves to (or is) a loopback, private,
    link-local, shared or otherwise non-public address that is not allow-listed, or the
    scheme is plain ``http`` without the explicit flag. A refused delivery is never retried.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SystemFailed(EmulatorError):
    """A part of the whole system (`tikjobs.system.System`) did not start, or stopped."""

    code = "system_failed"
