"""A long-running tikjobs process sets the objects it made while starting aside from the
garbage collector.

How this works
--------------
CPython's collector walks every container object the process holds when it collects its
oldest generation. A server's start leaves hundreds of thousands of them that live as
long as the process (modules, FastAPI's routes and pydantic's schemas, RouterOS command
trees), so each such collection took the emulator about 60 ms, during which it answered
nothing. `freeze_startup_objects` collects once and then freezes what is left
(`gc.freeze`): the collector ignores those objects from then on and walks only what the
process made since. The emulator, the agent and the simulator call it once they are
serving; an object that was alive then is never collected, which is what it would have
been anyway.
"""

from __future__ import annotations

import gc


def freeze_startup_objects() -> None:
    """Collect, then set every object still alive aside from later collections."""
    gc.collect()
    gc.freeze()
