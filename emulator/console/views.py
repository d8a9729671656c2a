"""What the console's pages show, computed from the store's records: a job's timeline, a
side-by-side diff of two exports, routers with their queues, failing endpoints."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from tikjobs.contracts.api import JobStatus
from tikjobs.contracts.lifecycle import TERMINAL
from tikjobs.emulator.api.backups import DATE_HEADER
from tikjobs.emulator.store import JobCount, JobRecord, NotificationRecord, RouterRecord


@dataclass(frozen=True)
class Step:
    """One state of a job's timeline: when it was reached and how long it lasted."""

    status: str
    at: datetime | None
    lasted: float | None
    reached: bool


def timeline(job: JobRecord, now: datetime) -> list[Step]:
    """pending → loaded → running → completed/failed (or pending → deleted), each with the
    moment it was reached and the time spent in it (until now for the current one)."""
    ended_as = job.status if job.status in TERMINAL else JobStatus.COMPLETED
    ended_at = {
        JobStatus.COMPLETED: job.completed_at,
        JobStatus.FAILED: job.failed_at,
        JobStatus.DELETED: job.deleted_at,
    }[ended_as]
    if ended_as is JobStatus.DELETED:
        path = [("pending", job.created_at), ("deleted", ended_at)]
    else:
        path = [
            ("pending", job.created_at),
            ("loaded", job.started_at),
            ("running", job.running_at),
            (ended_as.value, ended_at),
        ]
    steps = []
    reached = [(index, at) for index, (_, at) in enumerate(path) if at is not None]
    for index, (name, at) in enumerate(path):
        later = [moment for position, moment in reached if position > index]
        if at is None:
            lasted = None
        elif later:
            lasted = (later[0] - at).total_seconds()
        elif job.status.value == name and job.status not in TERMINAL:
            lasted = (now - at).total_seconds()
        else:
            lasted = None
        steps.append(Step(name, at, lasted, at is not None))
    return steps


@dataclass(frozen=True)
class DiffRow:
    """One row of a side-by-side diff; a side is empty where the other added a line."""

    left_number: int | None
    left: str | None
    right_number: int | None
    right: str | None
    kind: str
    """``same``, ``removed``, ``added`` or ``changed``."""


def export_lines(content: bytes) -> list[str]:
    """An export's lines for comparison, without its ``# date by RouterOS`` header."""
    text = content.decode("utf-8", errors="replace").replace("\r\n", "\n")
    return [line for line in text.splitlines() if not DATE_HEADER.match(line)]


def side_by_side(before: Sequence[str], after: Sequence[str]) -> list[DiffRow]:
    """The rows of a side-by-side comparison of two exports' lines."""
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(
                DiffRow(a1 + i + 1, before[a1 + i], b1 + i + 1, after[b1 + i], "same")
                for i in range(a2 - a1)
            )
            continue
        span = max(a2 - a1, b2 - b1)
        for i in range(span):
            left = a1 + i if a1 + i < a2 else None
            right = b1 + i if b1 + i < b2 else None
            kind = (
                "changed"
                if left is not None and right is not None
                else ("removed" if left is not None else "added")
            )
            rows.append(
                DiffRow(
                    None if left is None else left + 1,
                    None if left is None else before[left],
                    None if right is None else right + 1,
                    None if right is None else after[right],
                    kind,
                )
            )
    return rows


@dataclass
class RouterRow:
    """A router as the routers page lists it."""

    record: RouterRecord
    queued: int = 0
    jobs: int = 0

    @property
    def name(self) -> str:
        return self.record.identity or str(self.record.id)


def router_rows(routers: Sequence[RouterRecord], counts: Sequence[JobCount]) -> list[RouterRow]:
    """Routers with how many unfinished jobs (pending, loaded, running) each has queued."""
    rows = {router.id: RouterRow(router) for router in routers}
    for count in counts:
        row = rows.get(count.router_id)
        if row is None:
            continue
        row.jobs += count.count
        if count.status not in TERMINAL:
            row.queued += count.count
    return list(rows.values())


ROUTER_SORTS: dict[str, Callable[[RouterRow], Any]] = {
    "identity": lambda row: (row.name.lower(), str(row.record.id)),
    "id": lambda row: str(row.record.id),
    "online": lambda row: (not row.record.online, row.name.lower()),
    "last_seen": lambda row: -(row.record.last_seen.timestamp() if row.record.last_seen else 0),
    "version": lambda row: row.record.software_version or "",
    "board": lambda row: row.record.board_name or "",
    "queued": lambda row: (-row.queued, row.name.lower()),
}


def filter_routers(rows: list[RouterRow], text: str, sort: str) -> list[RouterRow]:
    """Routers whose identity, id, version or board contains ``text``, sorted by ``sort``."""
    needle = text.strip().lower()
    if needle:
        rows = [
            row
            for row in rows
            if any(
                needle in (value or "").lower()
                for value in (
                    row.record.identity,
                    str(row.record.id),
                    row.record.software_version,
                    row.record.board_name,
                    row.record.model,
                )
            )
        ]
    return sorted(rows, key=ROUTER_SORTS.get(sort, ROUTER_SORTS["identity"]))


@dataclass
class Endpoint:
    """A notify_url whose notifications failed: how many wait, how many were given up."""

    url: str
    retrying: int = 0
    abandoned: int = 0
    last_error: str | None = None
    notifications: list[NotificationRecord] = field(default_factory=list)


def failing_endpoints(notifications: Sequence[NotificationRecord]) -> list[Endpoint]:
    """The undelivered notifications grouped by URL, the most failing first."""
    endpoints: dict[str, Endpoint] = {}
    for notification in notifications:
        endpoint = endpoints.setdefault(notification.url, Endpoint(notification.url))
        if notification.state.value == "abandoned":
            endpoint.abandoned += 1
        else:
            endpoint.retrying += 1
        endpoint.last_error = endpoint.last_error or notification.last_error
        endpoint.notifications.append(notification)
    return sorted(endpoints.values(), key=lambda e: -(e.retrying + e.abandoned))


def job_statuses() -> list[str]:
    return [status.value for status in JobStatus]


def parse_uuid(text: str | None) -> UUID | None:
    if not text:
        return None
    try:
        return UUID(text)
    except ValueError:
        return None
