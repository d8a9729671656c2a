"""What the console's live pages wait on: a signal raised whenever a job changes.

`JobFeed.changed` is one of the engine's observers (a job submitted, or its status
changed); `JobFeed.wait` returns when that happened after the version a stream last saw,
or after ``timeout`` seconds, so a stream also notices changes made by another emulator
sharing the database. `close` ends every stream at once, before the server waits for its
connections to finish.
"""

from __future__ import annotations

import asyncio
import contextlib

from tikjobs.emulator.store import JobRecord


class JobFeed:
    """A change counter that streams wait on."""

    def __init__(self) -> None:
        self.version = 0
        self.closed = False
        self._waiters: set[asyncio.Event] = set()

    def changed(self, _job: JobRecord | None = None) -> None:
        self.version += 1
        for waiter in self._waiters:
            waiter.set()

    def close(self) -> None:
        self.closed = True
        self.changed()

    async def wait(self, seen: int, timeout: float) -> int:  # noqa: ASYNC109 - a poll period
        """The version once it is past ``seen``, or after ``timeout`` seconds."""
        if self.version != seen or self.closed:
            return self.version
        waiter = asyncio.Event()
        self._waiters.add(waiter)
        try:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout):
                    await waiter.wait()
        finally:
            self._waiters.discard(waiter)
        return self.version
