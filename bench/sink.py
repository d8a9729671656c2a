"""The benchmark's notification receiver, seen from the benchmark: when each job ended.

How this works
--------------
A job's ``notify_url`` must be ``https://`` (`contracts.api.AsynchronousRequest`), and
the emulator reaches a loopback receiver only when told to: it is started with
``--notify-allow-host 127.0.0.1`` and ``--notify-ca-bundle`` naming the throwaway
certificate `tikjobs.sink.SinkCertificate` writes. `JobEndings` starts the lean receiver
`bench.receiver` as a process of its own with that certificate, takes its URL from its
first line, and reads one line per terminal notification: the moment it arrived
(``time.perf_counter()``, the machine's monotonic clock, which this process reads alike)
and its JSON. `JobEndings.ended` is a future for a job's terminal notification, looked
up by the idempotency key the submission answered; it may be asked for before or after
the notification arrives.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

from bench.processes import CHILD_SETUP, STOP_WAIT, bench_command, bench_environment
from tikjobs.sink import SinkCertificate

START_WAIT = 30.0
"""Seconds the receiver has to say where it listens."""


@dataclass(frozen=True)
class Ending:
    """A job's terminal notification: its status and when it arrived (perf_counter)."""

    status: str
    arrived: float
    payload: dict[str, Any]


class JobEndings:
    """The notification receiver on 127.0.0.1, noting when each job's end was notified."""

    def __init__(self, certificate: SinkCertificate) -> None:
        self._certificate = certificate
        self._endings: dict[str, asyncio.Future[Ending]] = {}
        self._process: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task[None] | None = None
        self._gone: RuntimeError | None = None
        self.url = ""
        self.received = 0
        """Terminal notifications received."""

    def ended(self, idempotency_key: str) -> asyncio.Future[Ending]:
        """The job's terminal notification, now or once it arrives; `RuntimeError` once
        the receiver has stopped without it."""
        future = self._endings.get(idempotency_key)
        if future is None:
            future = self._endings[idempotency_key] = asyncio.get_running_loop().create_future()
            if self._gone is not None:
                future.set_exception(self._gone)
        return future

    @property
    def pid(self) -> int:
        """The receiver's process id (while entered)."""
        assert self._process is not None
        return self._process.pid

    async def __aenter__(self) -> Self:
        certificate = self._certificate
        self._process = await asyncio.create_subprocess_exec(
            *bench_command("receiver", str(certificate.cert_path), str(certificate.key_path)),
            stdout=asyncio.subprocess.PIPE,
            env={**os.environ, **bench_environment()},
            preexec_fn=CHILD_SETUP,
        )
        assert self._process.stdout is not None
        try:
            first = await asyncio.wait_for(self._process.stdout.readline(), START_WAIT)
        except BaseException:
            await self._stop()
            raise
        if not first.startswith(b"https://"):
            await self._stop()
            raise RuntimeError(f"the notification receiver did not start: {first[:200]!r}")
        self.url = first.decode().strip()
        self._reader = asyncio.create_task(self._read(self._process.stdout))
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self._stop()

    async def _read(self, lines: asyncio.StreamReader) -> None:
        try:
            async for line in lines:
                arrived, _, body = line.partition(b" ")
                payload = json.loads(body)
                self.received += 1
                future = self.ended(payload["idempotency_key"])
                if not future.done():
                    future.set_result(Ending(payload["status"], float(arrived), payload))
            why = "it stopped"
        except (ValueError, KeyError) as error:
            why = f"it wrote a line that is not an ending ({error})"
        # Nothing more will arrive: whoever waits for an ending hears why at once.
        self._gone = RuntimeError(f"the notification receiver is gone: {why}")
        for future in self._endings.values():
            if not future.done():
                future.set_exception(self._gone)

    async def _stop(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
            self._reader = None
        process, self._process = self._process, None
        if process is None or process.returncode is not None:
            return
        process.terminate()
        try:
            await asyncio.wait_for(process.wait(), STOP_WAIT)
        except TimeoutError:
            process.kill()
            await process.wait()
