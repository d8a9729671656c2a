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

The frames are plain frozen dataclasses, and this module is the one definition of their
format for both ends: it needs no validation library, so the agent runs without one,
and reads and writes JSON with orjson, a few times faster than the standard library's
on every frame both ends handle. `parse_agent_frame` and `parse_cloud_frame` check a message
against the dataclasses' own type hints (`_record`, with one reader per field made at
import): a JSON object whose ``type`` names a frame of that direction, every required
field present, no unknown field, every value of its declared type. A bad message is a
`FrameError` naming each field at fault, such as
``job_report.status: Input should be 'loaded', 'running', 'completed' or 'failed'``.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterable
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from datetime import datetime
from enum import Enum
from itertools import chain
from typing import (
    TYPE_CHECKING,
    Any,
    Final,
    Literal,
    NamedTuple,
    TypeVar,
    Union,
    get_args,
    get_origin,
    get_type_hints,
)

import orjson

from tikjobs.contracts.lifecycle import REPORTABLE
from tikjobs.contracts.status import JobStatus
from tikjobs.contracts.timestamps import format_timestamp

PROTOCOL_VERSION = 1
MAX_FRAME_BYTES = 64 * 1024 * 1024


if TYPE_CHECKING:
    ReportedStatus = JobStatus
else:
    ReportedStatus = Literal[REPORTABLE]
    """The statuses a `JobReport` may carry: the lifecycle's `REPORTABLE`, as a literal so
    a frame with any other status is refused with the accepted ones named."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RouterFacts:
    """What the agent learnt about its router when it connected."""

    identity: str | None = None
    software_version: str | None = None
    board_name: str | None = None
    model: str | None = None
    serial_number: str | None = None
    uptime: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Hello:
    type: Literal["hello"] = "hello"
    protocol: int = PROTOCOL_VERSION
    agent_version: str
    router: RouterFacts
    online: bool = True
    """Whether the agent reaches its router."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Welcome:
    type: Literal["welcome"] = "welcome"
    router_id: str
    poll_interval: float
    """Seconds between the router's check-ins."""
    heartbeat_interval: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Poll:
    type: Literal["poll"] = "poll"


@dataclass(frozen=True, slots=True, kw_only=True)
class JobOffer:
    """A job for the router. Offered again, unchanged, until the agent reports an end."""

    type: Literal["job_offer"] = "job_offer"
    job_id: str
    idempotency_key: str
    token: str
    description: str
    script: str
    make_backup: bool
    needs_acknowledgement: bool
    timeout: float
    """Seconds the script may run before the job fails."""
    rollback_after: int | None = None
    """Safe apply: seconds before the router restores itself."""
    rollback_check: str | None = None
    """Safe apply: a script that must return true to keep the change."""


@dataclass(frozen=True, slots=True, kw_only=True)
class JobReport:
    type: Literal["job_report"] = "job_report"
    job_id: str
    idempotency_key: str
    status: ReportedStatus
    at: datetime
    output: str | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportAck:
    type: Literal["report_ack"] = "report_ack"
    job_id: str
    status: JobStatus
    accepted: bool
    """False when the report was refused (see reason)."""
    reason: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SyncRequest:
    type: Literal["sync_request"] = "sync_request"
    request_id: str
    command: str
    words: list[str] = field(default_factory=list)
    timeout: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Trap:
    """A RouterOS ``!trap``: its message and, when sent, its category."""

    message: str
    category: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SyncResult:
    """The answer to a `SyncRequest`: rows, or the router's traps, or an agent error."""

    type: Literal["sync_result"] = "sync_result"
    request_id: str
    rows: list[dict[str, str]] = field(default_factory=list)
    ret: str | None = None
    traps: list[Trap] = field(default_factory=list)
    error: str | None = None
    """The agent could not run the command (router unreachable)."""
    timed_out: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class SyncCancel:
    type: Literal["sync_cancel"] = "sync_cancel"
    request_id: str


@dataclass(frozen=True, slots=True, kw_only=True)
class BackupUpload:
    type: Literal["backup_upload"] = "backup_upload"
    job_id: str
    kind: Literal["backup", "export"]
    name: str
    content_b64: str
    sha256: str


@dataclass(frozen=True, slots=True, kw_only=True)
class BackupAck:
    type: Literal["backup_ack"] = "backup_ack"
    job_id: str
    name: str
    accepted: bool
    reason: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Heartbeat:
    type: Literal["heartbeat"] = "heartbeat"


@dataclass(frozen=True, slots=True, kw_only=True)
class TunnelError:
    type: Literal["error"] = "error"
    code: str
    message: str


AgentFrame = Hello | Poll | JobReport | SyncResult | BackupUpload | Heartbeat
CloudFrame = (
    Welcome | JobOffer | SyncRequest | SyncCancel | ReportAck | BackupAck | Heartbeat | TunnelError
)
Frame = AgentFrame | CloudFrame

Value = TypeVar("Value")

OPEN: Final = frozenset({RouterFacts, Trap})
"""Records that ignore fields they do not know (what the router said may grow); a frame
with an unknown field is refused."""


class FrameError(ValueError):
    """A tunnel message that is not a valid frame for its direction."""


def _tags(frames: Any) -> dict[str, type[Any]]:
    return {kind.__dataclass_fields__["type"].default: kind for kind in get_args(frames)}


_AGENT_TAGS: Final = _tags(AgentFrame)
_CLOUD_TAGS: Final = _tags(CloudFrame)


def parse_agent_frame(message: str | bytes) -> AgentFrame:
    """A frame an agent sent; `FrameError` says what is wrong with a bad one."""
    frame: AgentFrame = _parse(message, _AGENT_TAGS)
    return frame


def parse_cloud_frame(message: str | bytes) -> CloudFrame:
    """A frame the cloud sent; `FrameError` says what is wrong with a bad one."""
    frame: CloudFrame = _parse(message, _CLOUD_TAGS)
    return frame


def dump_frame(frame: Frame) -> str:
    """The JSON text message for a frame."""
    return orjson.dumps(frame, default=_unusual, option=orjson.OPT_PASSTHROUGH_DATETIME).decode()


def _unusual(value: Any) -> Any:
    """What orjson does not write itself (a frame's timestamps, in the seed's format),
    as `as_data` writes it."""
    if isinstance(value, datetime):
        return format_timestamp(value)
    raise TypeError(f"{type(value).__name__} is not part of a frame")


def as_data(record: Any) -> dict[str, Any]:
    """A frame or record as JSON data: nested records as objects, statuses as their
    names, timestamps as the seed writes them."""
    data: dict[str, Any] = _plain(record)
    return data


def from_data(kind: type[Value], data: Any) -> Value:
    """A frame or record of ``kind`` from JSON data already decoded; `FrameError` says
    what is wrong."""
    problems: list[str] = []
    record = _record(data, kind, "", problems)
    if problems:
        raise FrameError("; ".join(problems[:5]))
    return record  # type: ignore[no-any-return]


def _parse(message: str | bytes, tags: dict[str, type[Any]]) -> Any:
    try:
        data = orjson.loads(message)
    except ValueError as error:
        raise FrameError(f"frame: Invalid JSON: {error}") from None
    if not isinstance(data, dict):
        raise FrameError("frame: Input should be a JSON object")
    tag = data.get("type")
    if not isinstance(tag, str) or tag not in tags:
        expected = ", ".join(repr(name) for name in tags)
        if tag is None:
            raise FrameError(f"type: Field required (one of {expected})")
        raise FrameError(f"type: {tag!r} does not match any of the expected tags: {expected}")
    problems: list[str] = []
    frame = _record(data, tags[tag], tag, problems)
    if problems:
        raise FrameError("; ".join(problems[:5]))
    return frame


Reader = Callable[[Any, str, object, list[str]], Any]
"""Reads one value found at ``where`` under ``name``: the value as the record keeps it,
or None with a problem added that names ``where.name`` (worked out only then)."""


class _Shape(NamedTuple):
    """How one record is read: its fields in order (name, required, reader), the names it
    knows, and whether it ignores names it does not know."""

    fields: tuple[tuple[str, bool, Reader], ...]
    known: frozenset[str]
    open: bool


_KINDS: Final = (RouterFacts, Trap, *get_args(Frame))
"""Every record a frame is or holds."""
_RECORDS: Final[dict[type[Any], _Shape]] = {}
"""Each record's `_Shape`, made once at import from the dataclass's type hints."""
_ATOMS: Final = frozenset({str, int, float, bool, type(None)})
"""Types `_plain` answers as they are."""
_FIELD_NAMES: Final[dict[type[Any], tuple[str, ...]]] = {}


def _record(data: Any, kind: type[Any], where: str, problems: list[str]) -> Any:
    if not isinstance(data, dict):
        problems.append(f"{where or kind.__name__}: Input should be a JSON object")
        return None
    shape = _RECORDS[kind]
    values: dict[str, Any] = {}
    before = len(problems)
    for name, required, read in shape.fields:
        if name in data:
            values[name] = read(data[name], where, name, problems)
        elif required:
            problems.append(f"{_at(where, name)}: Field required")
    if len(data) > len(values) and not shape.open:
        for name in sorted(data.keys() - shape.known):
            problems.append(f"{_at(where, name)}: Extra inputs are not permitted")
    return kind(**values) if len(problems) == before else None


def _at(where: str, name: object) -> str:
    return f"{where}.{name}" if where else str(name)


def _reader(hint: Any) -> Reader:
    """The reader for values of type ``hint``, worked out once per field at import."""
    origin, arguments = get_origin(hint), get_args(hint)
    if origin is Union or origin is types.UnionType:
        [inner] = [option for option in arguments if option is not type(None)]
        return _optional(_reader(inner), nullable=type(None) in arguments)
    if origin is Literal:
        return _literal(arguments)
    if origin is list:
        return _list(*arguments)
    if origin is dict:
        return _dict(arguments[1])
    if hint in _KINDS:
        return _nested(hint)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _enum(hint)
    if hint is str:
        return _text
    check = _SCALARS.get(hint)
    if check is None:
        raise TypeError(f"no reader for {hint!r}")
    return _scalar(check)


def _text(value: Any, where: str, name: object, problems: list[str]) -> Any:
    if isinstance(value, str):
        return value
    problems.append(f"{_at(where, name)}: Input should be a valid string")
    return None


def _scalar(check: Callable[[Any], Any]) -> Reader:
    def read(value: Any, where: str, name: object, problems: list[str]) -> Any:
        try:
            return check(value)
        except (TypeError, ValueError) as error:
            problems.append(f"{_at(where, name)}: {error}")
            return None

    return read


def _optional(inner: Reader, *, nullable: bool) -> Reader:
    def read(value: Any, where: str, name: object, problems: list[str]) -> Any:
        if value is None and nullable:
            return None
        return inner(value, where, name, problems)

    return read


def _literal(choices: tuple[Any, ...]) -> Reader:
    def read(value: Any, where: str, name: object, problems: list[str]) -> Any:
        for choice in choices:
            if isinstance(value, str) and value == choice:
                return choice
        problems.append(f"{_at(where, name)}: Input should be {_either(choices)}")
        return None

    return read


def _list(item: Any) -> Reader:
    read_item = _reader(item)
    text_rows = get_origin(item) is dict and get_args(item)[1] is str

    def read(value: Any, where: str, name: object, problems: list[str]) -> Any:
        if not isinstance(value, list):
            problems.append(f"{_at(where, name)}: Input should be a valid list")
            return None
        if item is str and _all_text(value):
            return list(value)
        if text_rows and _all_text_rows(value):
            return list(map(dict, value))
        inside = _at(where, name)
        return [read_item(entry, inside, index, problems) for index, entry in enumerate(value)]

    return read


_JUST_STR: Final = frozenset({str})
_JUST_DICT: Final = frozenset({dict})


def _all_text(values: Iterable[Any]) -> bool:
    """Whether every value is a str, checked by types in bulk: a reader that finds it so
    copies the values as they are, and reads them one by one (naming what is wrong)
    only otherwise."""
    return set(map(type, values)) <= _JUST_STR


def _all_text_rows(value: list[Any]) -> bool:
    """Whether every entry is a dict of text values, as a router's rows are: checked in
    bulk, which costs a sync call's rows half of reading each row on its own."""
    return set(map(type, value)) <= _JUST_DICT and _all_text(
        chain.from_iterable(map(dict.values, value))
    )


def _dict(item: Any) -> Reader:
    read_item = _reader(item)

    def read(value: Any, where: str, name: object, problems: list[str]) -> Any:
        if not isinstance(value, dict):
            problems.append(f"{_at(where, name)}: Input should be a valid dictionary")
            return None
        if item is str and _all_text(value.values()):
            return dict(value)
        inside = _at(where, name)
        return {key: read_item(entry, inside, key, problems) for key, entry in value.items()}

    return read


def _nested(kind: type[Any]) -> Reader:
    def read(value: Any, where: str, name: object, problems: list[str]) -> Any:
        return _record(value, kind, _at(where, name), problems)

    return read


def _enum(kind: type[Enum]) -> Reader:
    def read(value: Any, where: str, name: object, problems: list[str]) -> Any:
        try:
            return kind(value)
        except ValueError:
            choices = tuple(member.value for member in kind)
            problems.append(f"{_at(where, name)}: Input should be {_either(choices)}")
            return None

    return read


def _either(choices: tuple[Any, ...]) -> str:
    names = [repr(str(choice)) for choice in choices]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("Input should be a valid boolean")
    return value


def _integer(value: Any) -> int:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("Input should be a valid integer")
    return value


def _number(value: Any) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise TypeError("Input should be a valid number")
    return float(value)


def _moment(value: Any) -> datetime:
    if not isinstance(value, str):
        raise TypeError("Input should be a valid datetime string")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"Input should be a valid datetime, not {value!r}") from None
    if moment.tzinfo is None:
        raise ValueError("Input should have timezone info")
    return moment


_SCALARS: Final[dict[Any, Any]] = {
    bool: _boolean,
    int: _integer,
    float: _number,
    datetime: _moment,
}


def _shape(kind: type[Any]) -> _Shape:
    hints = get_type_hints(kind)
    return _Shape(
        fields=tuple(
            (
                spec.name,
                spec.default is MISSING and spec.default_factory is MISSING,
                _reader(hints[spec.name]),
            )
            for spec in fields(kind)
        ),
        known=frozenset(hints),
        open=kind in OPEN,
    )


_RECORDS.update({kind: _shape(kind) for kind in _KINDS})


def _plain(value: Any) -> Any:
    kind = type(value)
    if kind in _ATOMS:
        return value
    if kind is dict:  # a row: its values are strings, taken as they are
        return {key: item if type(item) in _ATOMS else _plain(item) for key, item in value.items()}
    if kind is list:
        return [item if type(item) in _ATOMS else _plain(item) for item in value]
    names = _FIELD_NAMES.get(kind)
    if names is None and is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES[kind] = tuple(spec.name for spec in fields(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return format_timestamp(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value
