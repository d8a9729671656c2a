"""The frames agents and the cloud exchange over the tunnel WebSocket.

How this works
--------------
An agent opens ``GET /tunnel`` as a WebSocket with ``Authorization: Bearer <router
token>`` and sends `Hello` with the router's facts; the cloud answers `Welcome` and from
then on either side may send any frame. Every frame is one JSON text message with a
``type`` field; `parse_frame` and `dump_frame` are the only way in and out.

Agent -> cloud: `Hello`, `Poll` (the router's scheduled check-in), `JobReport` (a status
change with output or error), `SyncResult` (answer to a `SyncRequest`, correlated by
``request_id``; many may be in flight), `BackupUpload`, `Heartbeat`.

Cloud -> agent: `Welcome`, `JobOffer`, `SyncRequest`, `SyncCancel`, `ReportAck` (the
report is stored; the agent may forget it), `BackupAck`, `Heartbeat`, `TunnelError`
(then the cloud closes the socket).

Reports are idempotent: the cloud acknowledges a report it already has without changing
anything, so an agent that lost the tunnel before a `ReportAck` simply sends it again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter
from pydantic import ValidationError as _ValidationError

from tikjobs.contracts.lifecycle import REPORTABLE
from tikjobs.contracts.status import JobStatus
from tikjobs.contracts.timestamps import Timestamp

PROTOCOL_VERSION = 1
MAX_FRAME_BYTES = 64 * 1024 * 1024


if TYPE_CHECKING:
    ReportedStatus = JobStatus
else:
    ReportedStatus = Literal[REPORTABLE]
    """The statuses a `JobReport` may carry: the lifecycle's `REPORTABLE`, as a literal so
    a frame with any other status is refused with the accepted ones named."""


class _Frame(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RouterFacts(BaseModel):
    """What the agent learnt about its router when it connected."""

    model_config = ConfigDict(frozen=True)

    identity: str | None = None
    software_version: str | None = None
    board_name: str | None = None
    model: str | None = None
    serial_number: str | None = None
    uptime: str | None = None


class Hello(_Frame):
    type: Literal["hello"] = "hello"
    protocol: int = PROTOCOL_VERSION
    agent_version: str
    router: RouterFacts
    online: bool = Field(default=True, description="Whether the agent reaches its router.")


class Welcome(_Frame):
    type: Literal["welcome"] = "welcome"
    router_id: str
    poll_interval: float = Field(description="Seconds between the router's check-ins.")
    heartbeat_interval: float


class Poll(_Frame):
    type: Literal["poll"] = "poll"


class JobOffer(_Frame):
    """A job for the router. Offered again, unchanged, until the agent reports an end."""

    type: Literal["job_offer"] = "job_offer"
    job_id: str
    idempotency_key: str
    token: str
    description: str
    script: str
    make_backup: bool
    needs_acknowledgement: bool
    timeout: float = Field(description="Seconds the script may run before the job fails.")
    rollback_after: int | None = Field(
        default=None, description="Safe apply: seconds before the router restores itself."
    )
    rollback_check: str | None = Field(
        default=None, description="Safe apply: a script that must return true to keep the change."
    )


class JobReport(_Frame):
    type: Literal["job_report"] = "job_report"
    job_id: str
    idempotency_key: str
    status: ReportedStatus
    at: Timestamp
    output: str | None = None
    error: str | None = None


class ReportAck(_Frame):
    type: Literal["report_ack"] = "report_ack"
    job_id: str
    status: JobStatus
    accepted: bool = Field(description="False when the report was refused (see reason).")
    reason: str | None = None


class SyncRequest(_Frame):
    type: Literal["sync_request"] = "sync_request"
    request_id: str
    command: str
    words: list[str] = Field(default_factory=list)
    timeout: float


class Trap(BaseModel):
    """A RouterOS ``!trap``: its message and, when sent, its category."""

    model_config = ConfigDict(frozen=True)

    message: str
    category: int | None = None


class SyncResult(_Frame):
    """The answer to a `SyncRequest`: rows, or the router's traps, or an agent error."""

    type: Literal["sync_result"] = "sync_result"
    request_id: str
    rows: list[dict[str, str]] = Field(default_factory=list)
    ret: str | None = None
    traps: list[Trap] = Field(default_factory=list)
    error: str | None = Field(
        default=None, description="The agent could not run the command (router unreachable)."
    )
    timed_out: bool = False


class SyncCancel(_Frame):
    type: Literal["sync_cancel"] = "sync_cancel"
    request_id: str


class BackupUpload(_Frame):
    type: Literal["backup_upload"] = "backup_upload"
    job_id: str
    kind: Literal["backup", "export"]
    name: str
    content_b64: str
    sha256: str


class BackupAck(_Frame):
    type: Literal["backup_ack"] = "backup_ack"
    job_id: str
    name: str
    accepted: bool
    reason: str | None = None


class Heartbeat(_Frame):
    type: Literal["heartbeat"] = "heartbeat"


class TunnelError(_Frame):
    type: Literal["error"] = "error"
    code: str
    message: str


AgentFrame = Annotated[
    Hello | Poll | JobReport | SyncResult | BackupUpload | Heartbeat,
    Field(discriminator="type"),
]
CloudFrame = Annotated[
    Welcome | JobOffer | SyncRequest | SyncCancel | ReportAck | BackupAck | Heartbeat | TunnelError,
    Field(discriminator="type"),
]
Frame = Annotated[
    Hello
    | Welcome
    | Poll
    | JobOffer
    | JobReport
    | ReportAck
    | SyncRequest
    | SyncResult
    | SyncCancel
    | BackupUpload
    | BackupAck
    | Heartbeat
    | TunnelError,
    Field(discriminator="type"),
]

_agent_frames: TypeAdapter[AgentFrame] = TypeAdapter(AgentFrame)
_cloud_frames: TypeAdapter[CloudFrame] = TypeAdapter(CloudFrame)


class FrameError(ValueError):
    """A tunnel message that is not a valid frame for its direction."""


def parse_agent_frame(message: str | bytes) -> AgentFrame:
    """A frame an agent sent; `FrameError` says what is wrong with a bad one."""
    try:
        return _agent_frames.validate_json(message)
    except _ValidationError as error:
        raise FrameError(_describe(error)) from None


def parse_cloud_frame(message: str | bytes) -> CloudFrame:
    """A frame the cloud sent; `FrameError` says what is wrong with a bad one."""
    try:
        return _cloud_frames.validate_json(message)
    except _ValidationError as error:
        raise FrameError(_describe(error)) from None


def dump_frame(frame: _Frame) -> str:
    """The JSON text message for a frame."""
    return frame.model_dump_json()


def _describe(error: _ValidationError) -> str:
    parts = []
    for item in error.errors()[:5]:
        where = ".".join(str(part) for part in item["loc"]) or "frame"
        parts.append(f"{where}: {item['msg']}")
    return "; ".join(parts)
