"""How every ``tikjobs`` command logs: plain lines or one JSON object per line.

How this works
--------------
``tikjobs <command> --log-format json`` installs `JsonFormatter` on the root logger
before the command runs, so every line any part writes (the emulator, uvicorn, the
agent, the simulator) is one JSON object: ``time`` (UTC, ISO 8601), ``level``,
``logger``, ``message``, and ``request_id``, ``job_id`` and ``router_id`` when the line
belongs to one. Those ids come from context variables that the code handling a request,
a job or a router sets with `log_context` (each asyncio task sees its own), or from a
record's ``extra``. ``request_id`` is the one the emulator answers in ``X-Request-ID``
(and, for a submitted job, in the body).

Secrets are never logged on purpose: the libraries that would log them word for word at
debug level (`QUIET_LIBRARIES`) are held at INFO; as a further line of defence the
formatter masks anything shaped like a bearer credential, an ``Authorization`` value or
a ``password=``/``token=`` pair before a line is written.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import sys
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, TextIO

LOG_FORMATS = ("text", "json")

request_id_var: ContextVar[str | None] = ContextVar("tikjobs_request_id", default=None)
job_id_var: ContextVar[str | None] = ContextVar("tikjobs_job_id", default=None)
router_id_var: ContextVar[str | None] = ContextVar("tikjobs_router_id", default=None)

_CONTEXT: tuple[tuple[str, ContextVar[str | None]], ...] = (
    ("request_id", request_id_var),
    ("job_id", job_id_var),
    ("router_id", router_id_var),
)

_SECRET_SHAPES = (
    re.compile(r"(?i)(bearer\s+)[^\s\"',]+"),
    re.compile(r"(?i)(authorization[\"']?\s*[:=]\s*[\"']?)[^\"',]+"),
    re.compile(r"(?i)((?:password|passwd|secret|token)[\"']?\s*[=:]\s*[\"']?)[^\s\"',&]+"),
)
MASK = "[redacted]"

QUIET_LIBRARIES = ("httpcore", "httpx", "websockets", "librouteros", "paramiko")
"""Libraries whose debug lines carry credentials word for word (request and response
headers, the RouterOS login, the tunnel's Authorization header): never below INFO."""

_state = {"json": False}


def mask_secrets(text: str) -> str:
    """``text`` with credential-shaped values replaced by ``[redacted]``."""
    for shape in _SECRET_SHAPES:
        text = shape.sub(lambda match: match.group(1) + MASK, text)
    return text


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message and the known ids."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": mask_secrets(record.getMessage()),
        }
        for name, var in _CONTEXT:
            value = getattr(record, name, None) or var.get()
            if value is not None:
                line[name] = str(value)
        if record.exc_info:
            line["exception"] = mask_secrets(self.formatException(record.exc_info))
        return json.dumps(line, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """The plain format, with the same masking as the JSON one."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_secrets(super().format(record))


def configure(
    log_format: str, level: str | int = logging.INFO, stream: TextIO | None = None
) -> None:
    """Send every logger's records to ``stream`` (stderr) in ``log_format``, at ``level``."""
    handler = logging.StreamHandler(stream or sys.stderr)
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(TextFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper() if isinstance(level, str) else level)
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(max(logging.INFO, root.level))
    _state["json"] = log_format == "json"


def configure_state_reset() -> None:
    """Forget that JSON was chosen (the caller put its own logging back)."""
    _state["json"] = False


def json_enabled() -> bool:
    """Whether `configure` chose JSON lines (uvicorn then keeps its own formatting off)."""
    return _state["json"]


@contextlib.contextmanager
def log_context(
    *, request_id: object = None, job_id: object = None, router_id: object = None
) -> Iterator[None]:
    """Tag every line logged inside the block with the given ids."""
    tokens = []
    for var, value in (
        (request_id_var, request_id),
        (job_id_var, job_id),
        (router_id_var, router_id),
    ):
        if value is not None:
            tokens.append((var, var.set(str(value))))
    try:
        yield
    finally:
        for var, token in reversed(tokens):
            var.reset(token)
