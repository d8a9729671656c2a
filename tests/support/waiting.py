"""Waiting for something a test expects to happen: poll it, and fail saying what never did.

`eventually` awaits an async check from a test's event loop; `eventually_blocking` polls
a plain check from synchronous code (the simulator's threads, subprocesses). Both give up
after ``wait`` seconds, a bound that only a broken behaviour ever reaches.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

WAIT = 15.0
"""Seconds a test waits for anything by default; reached only when the behaviour is broken."""
EVERY = 0.02
"""Seconds between two looks."""


async def eventually(
    check: Callable[[], Awaitable[bool]], what: str, wait: float = WAIT, every: float = EVERY
) -> None:
    """Await ``check`` until it holds; `AssertionError` naming ``what`` after ``wait`` s."""
    deadline = time.monotonic() + wait
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        await asyncio.sleep(every)


def eventually_blocking(
    check: Callable[[], bool], what: str, wait: float = WAIT, every: float = EVERY
) -> None:
    """Call ``check`` until it holds; `AssertionError` naming ``what`` after ``wait`` s."""
    deadline = time.monotonic() + wait
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(every)
