"""The clock that drives every simulated device of a process: one thread for all of them.

How this works
--------------
A device's scheduler and state file are looked at every ``interval`` seconds (0.1 by
default), whether or not anything is scheduled. One thread per device did that with ten
wake-ups a second each: a simulator serving a fleet of 100 routers woke 1,000 times a
second, and each wake-up took the interpreter's lock from the event loop that serves the
routers' API sessions.

`Ticker` keeps every started device with the moment its next tick is due, sleeps until
the earliest one, and runs each device that is due, one after the other, outside its own
lock (a device's tick takes the device's locks). Those moments fall on the beats of each
interval's own clock (the multiples of the interval), so the devices that share an
interval are due together: a fleet of 100 wakes the thread ten times a second, not a
thousand. A tick only looks: the scheduler starts each due script in a thread of its
own, so a long script never holds up the other devices. `Ticker.remove` returns once the
device's tick in progress, if any, has ended, so a device that is closed is never ticked
again. The thread starts with the first device and ends with the last.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Hashable

logger = logging.getLogger(__name__)


class Ticker:
    """Calls each registered device's tick at its own interval, from one thread."""

    def __init__(self, name: str = "device-ticker") -> None:
        self._name = name
        self._changed = threading.Condition()
        self._due: dict[Hashable, tuple[float, float, Callable[[], None]]] = {}
        """Per device: when its next tick is due (monotonic), its interval, its tick."""
        self._ticking: Hashable | None = None
        self._thread: threading.Thread | None = None

    def add(self, device: Hashable, interval: float, tick: Callable[[], None]) -> None:
        """Tick ``device`` every ``interval`` seconds from now on, until `remove`."""
        if not interval > 0:
            raise ValueError("a tick interval is a positive number of seconds")
        with self._changed:
            self._due[device] = (_next_beat(interval), interval, tick)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
            self._changed.notify_all()

    def remove(self, device: Hashable) -> None:
        """Tick ``device`` no more; returns once its tick in progress has ended."""
        with self._changed:
            self._due.pop(device, None)
            own_thread = self._thread is threading.current_thread()
            while self._ticking is device and not own_thread:
                self._changed.wait()
            self._changed.notify_all()

    def __contains__(self, device: Hashable) -> bool:
        with self._changed:
            return device in self._due

    def _run(self) -> None:
        while True:
            with self._changed:
                due = self._wait_for_due()
                if due is None:
                    self._thread = None
                    return
            for device in due:
                with self._changed:
                    entry = self._due.get(device)
                    if entry is None:
                        continue  # removed while the others ticked
                    self._ticking = device
                try:
                    entry[2]()
                except Exception:
                    logger.exception("device ticker failed")
                finally:
                    with self._changed:
                        self._ticking = None
                        if device in self._due:
                            self._due[device] = (_next_beat(entry[1]), entry[1], entry[2])
                        self._changed.notify_all()

    def _wait_for_due(self) -> list[Hashable] | None:
        """(Holding the condition.) The devices due now, once there are any; None once
        no device is left."""
        while self._due:
            now = time.monotonic()
            due = [device for device, (at, _, _) in self._due.items() if at <= now]
            if due:
                return due
            self._changed.wait(min(at for at, _, _ in self._due.values()) - now)
        return None


def _next_beat(interval: float) -> float:
    """The first multiple of ``interval`` after now, on the monotonic clock."""
    return (math.floor(time.monotonic() / interval) + 1) * interval


TICKER = Ticker()
"""The ticker of every device of this process."""
