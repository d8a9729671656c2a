"""The benchmark's notification receiver: the throwaway sink, noting when each job ended.

How this works
--------------
A job's ``notify_url`` must be ``https://`` (`contracts.api.AsynchronousRequest`), and
the emulator reaches a loopback receiver only when told to: it is started with
``--notify-allow-host 127.0.0.1`` and ``--notify-ca-bundle`` naming the throwaway
certificate `tikjobs.sink.SinkCertificate` writes. `JobEndings` runs the one throwaway
sink, `tikjobs.sink.NotificationSink`, in the benchmark's own event loop and stamps each
notification with ``time.perf_counter()`` as it arrives. `JobEndings.ended` is a future
for a job's terminal notification, looked up by the idempotency key the submission
answered; it may be asked for before or after the notification arrives.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

from tikjobs.sink import NotificationSink, ReceivedNotification, SinkCertificate

TERMINAL = frozenset({"completed", "failed", "deleted"})


@dataclass(frozen=True)
class Ending:
    """A job's terminal notification: its status and when it arrived (perf_counter)."""

    status: str
    arrived: float
    payload: dict[str, Any]


class JobEndings:
    """The notification sink on 127.0.0.1, noting when each job's end was notified."""

    def __init__(self, certificate: SinkCertificate) -> None:
        self.sink = NotificationSink(None, certificate, on_arrival=self._note)
        self._endings: dict[str, asyncio.Future[Ending]] = {}
        self.received = 0

    @property
    def url(self) -> str:
        return self.sink.url

    def ended(self, idempotency_key: str) -> asyncio.Future[Ending]:
        """The job's terminal notification, now or once it arrives."""
        future = self._endings.get(idempotency_key)
        if future is None:
            future = self._endings[idempotency_key] = asyncio.get_running_loop().create_future()
        return future

    async def __aenter__(self) -> Self:
        await self.sink.__aenter__()
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self.sink.__aexit__(kind, error, trace)

    def _note(self, notification: ReceivedNotification) -> None:
        arrived = time.perf_counter()
        self.received += 1
        payload = notification.payload
        if not isinstance(payload, dict):
            return
        status, key = payload.get("status"), payload.get("idempotency_key")
        if status in TERMINAL and isinstance(key, str):
            future = self.ended(key)
            if not future.done():
                future.set_result(Ending(status, arrived, payload))
