"""What the agent owes the cloud: job reports and backup uploads, sent until acknowledged.

How this works
--------------
`ReportOutbox` keeps every `JobReport` the cloud has not acknowledged, in the order they
were made. While a tunnel is up each is sent once; on every new tunnel all of them are
sent again (the cloud acknowledges a report it already has without changing anything).
The cloud answers the reports of one tunnel in order, one `ReportAck` each, so an ack
settles the oldest report of its job still waiting on this tunnel. An ack settles a
report whether or not the cloud accepted it: a refused report (the job already ended
another way, or a ``loaded`` sent again for a job already running) would be refused
again.

`BackupUploads` does the same for `BackupUpload` frames, matched to `BackupAck` by job
and file name; the uploader waits for its ack.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from tikjobs.agent.exceptions import CloudUnreachable
from tikjobs.contracts.lifecycle import TERMINAL
from tikjobs.contracts.tunnel import BackupAck, BackupUpload, JobReport, ReportAck

log = logging.getLogger(__name__)

Send = Callable[[JobReport | BackupUpload], Awaitable[None]]


@dataclass
class _Pending:
    report: JobReport
    done: asyncio.Future[ReportAck] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )


class ReportOutbox:
    """Job reports waiting for the cloud's `ReportAck`."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self._pending: list[_Pending] = []
        self._in_flight: deque[_Pending] = deque()
        self._connected = False
        self._order = asyncio.Lock()

    def __len__(self) -> int:
        return len(self._pending)

    def holds(self, job_id: str) -> bool:
        """Whether a report of this job is still waiting for its ack."""
        return any(item.report.job_id == job_id for item in self._pending)

    async def put(self, report: JobReport) -> asyncio.Future[ReportAck]:
        """Queue a report (sent now if a tunnel is up); the future settles with its ack."""
        item = _Pending(report)
        async with self._order:
            self._pending.append(item)
            if self._connected:
                await self._transmit(item)
        return item.done

    async def connected(self) -> None:
        """A new tunnel is up: send every waiting report again, in order."""
        async with self._order:
            self._connected = True
            self._in_flight.clear()
            for item in list(self._pending):
                if not self._connected:
                    return
                await self._transmit(item)

    def disconnected(self) -> None:
        self._connected = False
        self._in_flight.clear()

    def acknowledge(self, ack: ReportAck) -> None:
        """Settle the oldest report of the ack's job sent on this tunnel."""
        for item in self._in_flight:
            if item.report.job_id == ack.job_id:
                self._in_flight.remove(item)
                if item in self._pending:
                    self._pending.remove(item)
                if not ack.accepted and item.report.status in TERMINAL:
                    log.warning(
                        "the cloud refused the %s report of job %s (%s): %s",
                        item.report.status.value,
                        ack.job_id,
                        ack.status.value,
                        ack.reason,
                    )
                if not item.done.done():
                    item.done.set_result(ack)
                return
        log.debug("an acknowledgement for job %s matched no report", ack.job_id)

    async def _transmit(self, item: _Pending) -> None:
        self._in_flight.append(item)
        try:
            await self._send(item.report)
        except CloudUnreachable:
            self.disconnected()


class BackupUploads:
    """Backup uploads waiting for the cloud's `BackupAck`."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self._waiting: dict[tuple[str, str], tuple[BackupUpload, asyncio.Future[BackupAck]]] = {}
        self._connected = False

    async def upload(self, frame: BackupUpload) -> BackupAck:
        """Send a file and wait (across reconnects) for the cloud's answer about it."""
        key = (frame.job_id, frame.name)
        future: asyncio.Future[BackupAck] = asyncio.get_running_loop().create_future()
        self._waiting[key] = (frame, future)
        try:
            if self._connected:
                await self._transmit(frame)
            return await future
        finally:
            self._waiting.pop(key, None)

    async def connected(self) -> None:
        self._connected = True
        for frame, _ in list(self._waiting.values()):
            if not self._connected:
                return
            await self._transmit(frame)

    def disconnected(self) -> None:
        self._connected = False

    def acknowledge(self, ack: BackupAck) -> None:
        waiting = self._waiting.get((ack.job_id, ack.name))
        if waiting is not None and not waiting[1].done():
            waiting[1].set_result(ack)

    async def _transmit(self, frame: BackupUpload) -> None:
        try:
            await self._send(frame)
        except CloudUnreachable:
            self._connected = False
