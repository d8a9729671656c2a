"""The tunnel's silence rule, kept by both ends: a peer silent too long is taken as gone.

How this works
--------------
Each end reads the tunnel in one loop, one message after another. Had every read its own
``asyncio.timeout``, each frame would cost a timer set and cancelled, and the task and
loop looked up again. A `Silence` keeps one timer for the whole loop instead: `receive`
notes when a wait begins and ends (one clock read each), and the timer, when it fires,
either finds the current wait older than ``limit`` (and cancels the reading task, which
`receive` turns into `TimeoutError`, as ``asyncio.timeout`` would) or sets itself again
for the moment the current wait, or the next one, could first be too old.

Only waiting counts: while the reader handles a frame it has received, the peer is not
silent, so the timer never cancels the reader's own work.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from types import TracebackType
from typing import Self, TypeVar

SILENCE_HEARTBEATS = 3
"""A tunnel silent for this many heartbeat intervals is taken as dead (both ends)."""

Message = TypeVar("Message")


class Silence:
    """``TimeoutError`` from `receive` once a wait has lasted ``limit`` seconds.

    Made and used inside the one task that reads; `close` (or leaving the ``with``
    block) stops the timer."""

    def __init__(self, limit: float) -> None:
        self.limit = limit
        self._loop = asyncio.get_running_loop()
        task = asyncio.current_task()
        if task is None:
            raise RuntimeError("a Silence watches a task, and none is running")
        self._task = task
        self._waiting_since: float | None = None
        self._expired = False
        self._timer = self._loop.call_at(self._loop.time() + limit, self._check)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._timer.cancel()

    async def receive(self, message: Awaitable[Message]) -> Message:
        """``message`` awaited, or `TimeoutError` if it takes ``limit`` seconds."""
        self._waiting_since = self._loop.time()
        try:
            return await message
        except asyncio.CancelledError:
            if self._expired and self._task.uncancel() == 0:
                raise TimeoutError(f"nothing heard for {self.limit:g} s") from None
            raise
        finally:
            self._waiting_since = None

    def _check(self) -> None:
        now = self._loop.time()
        since = self._waiting_since
        if since is not None and now - since >= self.limit:
            self._expired = True
            self._task.cancel()
            return
        due = now + self.limit if since is None else since + self.limit
        self._timer = self._loop.call_at(due, self._check)
