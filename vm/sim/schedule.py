"""What the device does by the clock: ``/system/scheduler`` items and its state file.

Both run on the device's ticker thread (`vm.sim.device.Device`), never on an event loop.

The scheduler reads the ``/system/scheduler`` menu on every tick. An enabled item with an
``interval`` runs its ``on-event`` every interval, the first time one interval after the
item was first seen or the device booted; an item with ``start-time=startup`` also runs
once right after every boot. ``on-event`` names a ``/system/script`` item or is itself
the script source, as in RouterOS. Every run is a background job.

The state file holds the model's snapshot. It is written atomically (a temporary file,
then a rename) whenever the model changed, checked at most once per ``interval``, and
on demand; loading it at start lets a device survive a restart like a router survives
a reboot.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from vm.exceptions import NoSuchItem, RouterOSError, VmError
from vm.sim.command import Row
from vm.sim.menus import parse_duration

if TYPE_CHECKING:
    from vm.sim.device import Device
    from vm.sim.model import RouterModel

logger = logging.getLogger(__name__)

SCHEDULER = "system/scheduler"


class Scheduler:
    """Fires ``/system/scheduler`` items when they are due."""

    def __init__(self, device: Device) -> None:
        self._device = device
        self._due: dict[str, float] = {}
        self._startup_pending = False
        self._lock = threading.Lock()

    def booted(self) -> None:
        """Forget every due time and run the startup items on the next tick."""
        with self._lock:
            self._due.clear()
            self._startup_pending = True

    def tick(self, now: float) -> None:
        """Run every item that is due at ``now`` (a `time.monotonic` reading)."""
        rows = self._device.model.items(SCHEDULER)
        due_rows: list[Row] = []
        with self._lock:
            startup, self._startup_pending = self._startup_pending, False
            seen = set()
            for row in rows:
                item = row.get(".id", "")
                seen.add(item)
                if row.get("disabled") == "true":
                    self._due.pop(item, None)
                    continue
                if startup and row.get("start-time") == "startup":
                    due_rows.append(row)
                interval = parse_duration(row.get("interval", "")) or 0
                if interval <= 0:
                    continue
                due = self._due.get(item)
                if due is None:
                    self._due[item] = now + interval
                elif now >= due:
                    self._due[item] = max(due + interval, now)
                    due_rows.append(row)
            for item in set(self._due) - seen:
                del self._due[item]
        for row in due_rows:
            self._fire(row)

    def _fire(self, row: Row) -> None:
        device = self._device
        event = row.get("on-event", "")
        name = row.get("name")
        try:
            device.count_run(SCHEDULER, row[".id"])
            try:
                script = device.script_item(event) if event else None
            except NoSuchItem:
                script = None
            if script is not None:
                device.count_run("system/script", script[".id"])
                device.start_job(
                    script.get("source", ""),
                    origin="scheduler",
                    kind="script",
                    name=script.get("name"),
                )
            else:
                device.start_job(event, origin="scheduler", kind="script", name=name)
        except RouterOSError as error:
            logger.info("scheduler item %s did not start: %s", name, error.message)


class StateFile:
    """The model's snapshot on disk, saved atomically when it changes."""

    def __init__(self, path: Path, model: RouterModel, *, interval: float = 1.0) -> None:
        self.path = path
        self._model = model
        self._interval = interval
        self._saved: bytes | None = None
        self._changed = False
        self._checked = 0.0
        self._lock = threading.Lock()

    def load(self) -> bool:
        """Restore the model from the file; False when there is no file yet."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return False
        except OSError as error:
            raise VmError(f"cannot read state file {self.path}: {error.strerror}") from None
        try:
            self._model.restore(data)
        except Exception as error:
            raise VmError(f"state file {self.path} is not a device snapshot: {error}") from None
        self._saved = data
        return True

    def mark_changed(self) -> None:
        self._changed = True

    def save_if_changed(self) -> None:
        """Save when a change was reported, or when the last check is old enough."""
        now = time.monotonic()
        if self._changed or now - self._checked >= self._interval:
            self.save()

    def save(self) -> None:
        """Write the snapshot if it differs from what the file holds."""
        with self._lock:
            self._changed = False
            self._checked = time.monotonic()
            data = self._model.snapshot()
            if data == self._saved:
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            with open(temporary, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.path)
            self._saved = data
