"""Waiting for something a test expects to happen: poll it, and fail saying what never did.

`eventually` awaits an async check from a test's event loop; `eventually_blocking` polls
a plain check from synchronous code (the simulator's threads, subprocesses). Both answer
what the check found once it is truthy, and give up after ``wait`` seconds, a bound that
only a broken behaviour ever reaches.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")

WAIT = 15.0
"""Seconds a test waits for anything by default; reached only when the behaviour is broken."""
EVERY = 0.02
"""Seconds between two looks."""


async def eventually(
    check: Callable[[], Awaitable[T]], what: str, wait: float = WAIT, every: float = EVERY
) -> T:
    """Await ``check`` until it answers something truthy, and answer that;
    `AssertionError` naming ``what`` after ``wait`` seconds."""
    deadline = time.monotonic() + wait
    while not (found := await check()):
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        await asyncio.sleep(every)
    return found


def eventually_blocking(
    check: Callable[[], T], what: str, wait: float = WAIT, every: float = EVERY
) -> T:
    """Call ``check`` until it answers something truthy, and answer that;
    `AssertionError` naming ``what`` after ``wait`` seconds."""
    deadline = time.monotonic() + wait
    while not (found := check()):
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(every)
    return found
