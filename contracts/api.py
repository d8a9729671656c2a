"""The public HTTP API's request and response models, in the seed's exact shapes.

The emulator serves these models and generates its OpenAPI document from them; the
contract suite and integrators' tests read responses with them. Field names, types and
formats follow the MikroCloud "Executing Jobs" documentation:

- ids are UUIDs; timestamps are UTC in the form ``2024-05-28T08:05:28+00:00``; an absent
  timestamp is ``null``;
- every success is ``{"status": "success", "data": ...}``; every error is
  ``{"status": "error", "message": ..., "errors": {field: [reasons]}}``.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from datetime import datetime
from typing import Annotated, Any, Generic, Literal, TypeVar
from uuid import UUID

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StrictBool,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError

from tikjobs.contracts.status import ROLLED_BACK as ROLLED_BACK
from tikjobs.contracts.status import JobStatus as JobStatus
from tikjobs.contracts.timestamps import TIMESTAMP_PATTERN, format_timestamp

DESCRIPTION_MAX = 100
SCRIPT_MAX = 2000
ROLLBACK_MIN = 30
ROLLBACK_MAX = 3600
"""Bounds of ``rollback_after`` (seconds), the safe-apply extension."""
ROLLBACK_CHECK_MAX = 512
WORDS_MAX = 256
"""The most API words one synchronous call may send after its command."""
PARAMETERS_LENGTH_MAX = 64 * 1024
"""The most characters a synchronous call's ``parameters`` may hold, all words together."""
API_WORD_START = r"=[A-Za-z0-9._-]+=|\?"
"""How an API word a synchronous call sends begins: ``=name=`` (then the value) or ``?``
(a query word)."""
API_WORD_PATTERN = rf"^(?!=\.tag=)(?:{API_WORD_START})"
"""An API word a synchronous call may send, for the document: it begins as
`API_WORD_START` says and is not ``=.tag=`` (the tunnel tags each call itself)."""

Timestamp = Annotated[
    datetime,
    PlainSerializer(format_timestamp, return_type=str),
    WithJsonSchema(
        {"type": "string", "format": "date-time", "pattern": TIMESTAMP_PATTERN},
        mode="serialization",
    ),
]
"""A timestamp in the API's models: UTC, whole seconds, ``+00:00`` (`contracts.timestamps`)."""


WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""Python's whitespace (`str.isspace`, what `str.strip` removes) as a regex class body;
spelt out because JSON Schema's ``\\s`` (ECMAScript's) is another set."""
_NOT_BLANK_SCHEMA: dict[str, Any] = {"pattern": f"[^{WHITESPACE}]"}
"""How the OpenAPI document says `_not_blank`: at least one character that is not a space."""


def json_integer(value: Any) -> Any:
    """A JSON integer (``120`` or ``120.0``), never a string or a boolean: a request field's
    ``BeforeValidator``, since pydantic's own ``int`` also takes ``"120"`` and ``true``."""
    if isinstance(value, (str, bool)):
        raise ValueError("Input should be a valid integer")
    return value


def json_number(value: Any) -> Any:
    """A JSON number, never a string or a boolean: a request field's ``BeforeValidator``,
    since pydantic's own ``float`` also takes ``"2"`` and ``false``."""
    if isinstance(value, (str, bool)):
        raise ValueError("Input should be a valid number")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


COMMAND_PATTERN = f"^/[^{WHITESPACE}/][^{WHITESPACE}]*$"
"""A RouterOS API command word: ``/``, then a menu path with no whitespace (Python's,
spelt out, so that the document and the emulator agree: see `WHITESPACE`)."""


_COMMAND = re.compile(COMMAND_PATTERN)


def _command_word(value: str) -> str:
    if not _COMMAND.fullmatch(value):
        raise ValueError("must be / and a menu path with no whitespace, e.g. /ip/arp/print")
    return value


def _unicode_text(value: str) -> str:
    """``value`` when UTF-8 can carry it. JSON's ``\\ud83d`` escape alone is half a
    character: pydantic refuses it where a field has limits of its own, and the union of
    ``parameters`` would otherwise let it through to a router it cannot be sent to."""
    if not value.isascii():
        try:
            value.encode()
        except UnicodeEncodeError:
            raise PydanticCustomError("string_unicode", _NOT_UNICODE) from None
    return value


_NOT_UNICODE = "Input should be a valid string, unable to parse raw data as a unicode string"
"""pydantic's own words for a string that is not Unicode text."""


HTTPS_URL_PATTERN = r"^https://[!-\x22$-.0-9:-\x3e\x41-~]+(?:[/?#][!-~]*)?$"
"""An https URL in printable ASCII: a host part without ``/ ? # @``, then the rest."""


PLAIN_HTTP_NOTIFY_URL: ContextVar[bool] = ContextVar("plain_http_notify_url", default=False)
"""Set by a server that also takes a plain ``http://`` notify_url while it validates a
request (the emulator started with ``--notify-allow-http``, for local receivers); the
seed's rule, ``https://`` only, holds everywhere else."""


def _https_url(value: str) -> str:
    if PLAIN_HTTP_NOTIFY_URL.get() and value.startswith("http://"):
        if not re.fullmatch(HTTPS_URL_PATTERN, "https://" + value.removeprefix("http://")):
            raise ValueError("must be an https:// or http:// URL")
        return value
    if not re.fullmatch(HTTPS_URL_PATTERN, value):
        raise ValueError("must be an https:// URL")
    return value


class SynchronousRequest(BaseModel):
    """``POST /api/synchronous/{router_id}``: one RouterOS API command, run at once."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"command": "/ip/arp/print"}]}
    )

    command: Annotated[
        str,
        Field(min_length=2, max_length=512, json_schema_extra={"pattern": COMMAND_PATTERN}),
        AfterValidator(_command_word),
    ] = Field(description="The RouterOS API command word, e.g. `/ip/arp/print`.")
    parameters: (
        Annotated[
            str,
            Field(json_schema_extra={"maxLength": PARAMETERS_LENGTH_MAX}),
            AfterValidator(_unicode_text),
        ]
        | Annotated[
            list[
                Annotated[
                    str,
                    Field(json_schema_extra={"pattern": API_WORD_PATTERN}),
                    AfterValidator(_unicode_text),
                ]
            ],
            Field(json_schema_extra={"maxItems": WORDS_MAX}),
        ]
        | None
    ) = Field(
        default=None,
        description=(
            "API words for the command: one string (`=script=/ip address add ...`, "
            "`=.proplist=address ?interface=bridge`) or a list of words. Each word begins"
            f" `=name=` or `?`; `=.tag=` is the tunnel's own. At most {WORDS_MAX} words and"
            f" {PARAMETERS_LENGTH_MAX:,} characters in all."
        ),
    )


class AsynchronousRequest(BaseModel):
    """``POST /api/asynchronous/{router_id}``: a script to run as a job. A field it does
    not know is refused, not ignored: a misspelt ``rollback_after`` would otherwise run
    the script with no way back."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "allOf": [
                {
                    "not": {
                        "required": ["rollback_check"],
                        "properties": {"rollback_after": {"type": "null"}},
                        "anyOf": [
                            {"not": {"required": ["rollback_after"]}},
                            {"properties": {"rollback_after": {"type": "null"}}},
                        ],
                    }
                },
                {
                    "not": {
                        "required": ["rollback_after", "needs_acknowledgement"],
                        "properties": {
                            "rollback_after": {"type": "integer"},
                            "needs_acknowledgement": {"const": False},
                        },
                    }
                },
            ],
            "examples": [
                {
                    "description": "Log test message",
                    "script": ":log info test",
                    "make_backup": False,
                    "express_execute": False,
                    "needs_acknowledgement": False,
                    "notify_url": "https://example.com/notify",
                }
            ],
        },
    )

    description: Annotated[
        str,
        Field(min_length=1, max_length=DESCRIPTION_MAX, json_schema_extra=_NOT_BLANK_SCHEMA),
        AfterValidator(_not_blank),
    ]
    script: Annotated[
        str,
        Field(min_length=1, max_length=SCRIPT_MAX, json_schema_extra=_NOT_BLANK_SCHEMA),
        AfterValidator(_not_blank),
    ]
    make_backup: StrictBool
    express_execute: StrictBool
    needs_acknowledgement: StrictBool
    notify_url: (
        Annotated[
            str,
            Field(max_length=2048, json_schema_extra={"pattern": HTTPS_URL_PATTERN}),
            AfterValidator(_https_url),
        ]
        | None
    ) = None
    rollback_after: (
        Annotated[int, Field(ge=ROLLBACK_MIN, le=ROLLBACK_MAX), BeforeValidator(json_integer)]
        | None
    ) = Field(
        default=None,
        description=(
            "Extension (not in the seed): safe apply, RouterOS 7 only. Before the script, "
            "the router saves its configuration and arms a scheduler entry that restores it "
            "this many seconds later; the agent removes the entry only when a fresh API "
            "login (and `rollback_check`) succeeds after the script. Otherwise the router "
            "restores the saved configuration and reboots, and the job fails with "
            "`rolled back: <reason>`."
        ),
    )
    rollback_check: (
        Annotated[
            str,
            Field(min_length=1, max_length=ROLLBACK_CHECK_MAX, json_schema_extra=_NOT_BLANK_SCHEMA),
            AfterValidator(_not_blank),
        ]
        | None
    ) = Field(
        default=None,
        description=(
            "Extension (not in the seed), with `rollback_after` only: a RouterOS script run "
            "over a fresh API login after the job's script, e.g. "
            "`:return ([:len [/ip route find dst-address=0.0.0.0/0 active]] > 0)`; it must "
            "return `true` for the change to be kept."
        ),
    )

    @field_validator("rollback_after")
    @classmethod
    def _window_needs_acknowledgement(cls, value: int | None, info: ValidationInfo) -> int | None:
        if value is not None and info.data.get("needs_acknowledgement") is False:
            raise ValueError(
                "rollback_after needs needs_acknowledgement=true: a job that completes when "
                "the router takes it is not watched after its script, so nothing would confirm "
                "or roll it back"
            )
        return value

    @field_validator("rollback_check")
    @classmethod
    def _check_needs_window(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and info.data.get("rollback_after") is None:
            raise ValueError("rollback_check needs rollback_after")
        return value


class SubmitResult(BaseModel):
    """What ``POST /api/asynchronous/{router_id}`` answers."""

    idempotency_key: UUID
    request_id: UUID
    target: UUID
    notify_url: str | None
    date: Timestamp


class Job(BaseModel):
    """A job as ``GET /api/routers/{router_id}/jobs`` lists it."""

    id: UUID
    token: str
    idempotency_key: UUID
    description: str
    express_execute: bool
    needs_acknowledgement: bool
    make_backup: bool
    started_at: Timestamp | None
    completed_at: Timestamp | None
    failed_at: Timestamp | None
    deleted_at: Timestamp | None
    status: JobStatus


class BackupFile(BaseModel):
    """A file taken from a router before a job ran: a binary backup or an export."""

    name: str
    kind: Literal["backup", "export"]
    size: int
    sha256: str
    created_at: Timestamp
    job_id: UUID | None


class JobDetail(Job):
    """One job with what it ran and what came of it."""

    router_id: UUID
    request_id: UUID
    script: str
    notify_url: str | None
    created_at: Timestamp
    output: str | None = Field(description="What the router printed, once the job ended.")
    error: str | None = Field(description="Why the job failed, in the router's words.")
    backup: list[BackupFile] = Field(
        default_factory=list, description="The backup and export taken before the script."
    )
    rollback_after: int | None = Field(
        default=None,
        description="Extension (not in the seed): the safe-apply window asked for, if any.",
    )
    rolled_back: bool = Field(
        default=False,
        description=(
            "Extension (not in the seed): the router restored the configuration saved "
            "before the script; `error` says why (`rolled back: <reason>`)."
        ),
    )


class Router(BaseModel):
    """A router of the customer, as ``GET /api/routers`` lists it."""

    id: UUID
    identity: str | None
    serial_number: str | None
    software_version: str | None
    model: str | None
    board_name: str | None
    uptime: str | None
    online: bool
    last_seen: Timestamp | None


class Notification(BaseModel):
    """The payload posted to ``notify_url`` on each status change of a job."""

    job_id: UUID
    customer_id: UUID
    description: str
    router_id: UUID
    idempotency_key: UUID
    express_execute: bool
    needs_acknowledgement: bool
    make_backup: bool
    seq_id: int
    started_at: Timestamp | None
    completed_at: Timestamp | None
    failed_at: Timestamp | None
    deleted_at: Timestamp | None
    status: JobStatus


SyncRow = dict[str, str]

DataT = TypeVar("DataT")


class Envelope(BaseModel, Generic[DataT]):
    """Every successful answer: ``{"status": "success", "data": ...}``."""

    status: Literal["success"] = "success"
    data: DataT


class ErrorBody(BaseModel):
    """Every error answer; ``errors`` names each offending field with its reasons."""

    status: Literal["error"] = "error"
    message: str
    code: str | None = None
    errors: dict[str, list[str]] = Field(default_factory=dict)
    details: dict[str, Any] | None = None


def normalise_key(key: str) -> str:
    """A RouterOS property name as the synchronous API answers it.

    The leading dot of API-internal names goes and dashes become underscores:
    ``.id`` -> ``id``, ``mac-address`` -> ``mac_address``; case is kept (``DHCP``).
    """
    return key.lstrip(".").replace("-", "_")


def normalise_row(row: dict[str, str]) -> SyncRow:
    """A RouterOS reply row with every key normalised and every value kept as sent."""
    known = _NORMALISED.get
    return {known(key) or _normalised(key): value for key, value in row.items()}


_NORMALISED: dict[str, str] = {}
"""The keys `normalise_row` has normalised: RouterOS has a few thousand property names,
and every row of a print repeats the same ones. Forgotten all at once past
`_NORMALISED_MAX`, so rows with ever new keys cannot make it grow without end."""
_NORMALISED_MAX = 8192


def _normalised(key: str) -> str:
    if len(_NORMALISED) >= _NORMALISED_MAX:
        _NORMALISED.clear()
    normalised = _NORMALISED[key] = normalise_key(key)
    return normalised
