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

The emulator also collects its youngest generation in larger rounds
(`space_out_collections`). Every object still alive when the youngest generation is
collected moves up a generation, and the oldest generation is collected whole once what
moved into it since the last time is a quarter of its size. Holding thousands of agents'
tunnels, the emulator always has objects that live for seconds (each tunnel's latest
frame, writes waiting for their group), so with CPython's default of a collection every
700 objects they moved up steadily: at 10,000 tunnels the oldest generation was collected
every 20 to 50 s, and each time the walk over every tunnel's objects held the emulator
for 1.0 to 1.8 s on a 2-core machine. Collecting the youngest generation every 20,000
objects instead, far fewer objects are alive at a collection: in the same test, once the
tunnels were up, neither older generation was collected again in 40 to 75 s of calls,
and the young collections took at most 20 ms (once, in one run, 99 ms).
"""

from __future__ import annotations

import gc


def freeze_startup_objects() -> None:
    """Collect, then set every object still alive aside from later collections."""
    gc.collect()
    gc.freeze()


YOUNG_ROUND = 20_000
"""Objects made (less those freed) between two collections of the youngest generation,
in place of CPython's 700."""


def space_out_collections() -> None:
    """Collect the youngest generation every `YOUNG_ROUND` objects; the older
    generations keep CPython's rules."""
    gc.set_threshold(YOUNG_ROUND, *gc.get_threshold()[1:])
