"""The event loop the long-running commands (``tikjobs agent``, ``tikjobs sim``) run on:
uvloop's when it is installed (a dependency wherever it has a wheel), else asyncio's
own. Most of their CPU per request is the loop's; on uvloop a simulated router spent a
quarter less CPU per job, and the agent about as much less per synchronous call."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


def fast_loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """A loop factory for `asyncio.Runner`: uvloop's, or None (asyncio's default)."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop
