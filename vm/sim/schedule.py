"""What the device does by the clock: ``/system/scheduler`` items and its state file.

Both run on the ticker thread the devices share (`vm.sim.ticker`), never on an event loop.

The scheduler reads the ``/system/scheduler`` menu on every tick and keeps a `Plan` per
enabled item, by the device's clock: ``start-time=startup`` items run right after every
boot and then every ``interval``; timed items run at ``start-date`` + ``start-time`` and
then every ``interval`` (once, when the interval is zero). Editing an item's timing plans
it afresh; ``next-run`` shows the plan. ``on-event`` names a ``/system/script`` item or
is itself the script source, as in RouterOS. Every run is a background job.

The state file holds the model's snapshot. It is written atomically (a temporary file,
then a rename) whenever the model changed, checked at most once per ``interval``, and
on demand; loading it at start lets a device survive a restart like a router survives
a reboot.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tikjobs.vm.exceptions import NoSuchItem, RouterOSError, VmError
from tikjobs.vm.sim.command import Row
from tikjobs.vm.sim.menus import parse_duration

if TYPE_CHECKING:
    from tikjobs.vm.sim.device import Device
    from tikjobs.vm.sim.model import RouterModel

logger = logging.getLogger(__name__)

SCHEDULER = "system/scheduler"
SIGNATURE = ("interval", "start-time", "start-date")


@dataclass(frozen=True)
class Plan:
    """When an item runs: ``first`` (device clock, seconds) and then every ``interval``."""

    first: float | None
    interval: int


def plan(row: Row, now: float, booted_at: float, *, startup: bool) -> Plan | None:
    """The plan of one enabled item, seen for the first time at ``now``.

    ``start-time=startup`` items run right after boot (``startup``) and then every
    interval after boot; timed items run at ``start-date`` + ``start-time`` and then
    every interval, never catching up on runs missed before they were seen.
    """
    interval = parse_duration(row.get("interval", "")) or 0
    start_time = row.get("start-time", "startup")
    if start_time == "startup":
        if startup:
            return Plan(now, interval)
        if interval <= 0:
            return None
        return Plan(booted_at + interval * (1 + int((now - booted_at) // interval)), interval)
    anchor = _anchor(row.get("start-date"), start_time, now)
    if anchor is None:
        return None
    if interval <= 0:
        return Plan(anchor, 0) if anchor >= now else None
    if anchor < now:
        anchor += interval * math.ceil((now - anchor) / interval)
    return Plan(anchor, interval)


def _anchor(date_text: str | None, time_text: str, now: float) -> float | None:
    try:
        clock = datetime.strptime(time_text, "%H:%M:%S").time()
        if date_text:
            form = "%Y-%m-%d" if "-" in date_text else "%b/%d/%Y"
            day = datetime.strptime(date_text.title(), form).date()
        else:
            day = datetime.fromtimestamp(now, UTC).date()
    except ValueError:
        return None
    return datetime.combine(day, clock, UTC).timestamp()


class Scheduler:
    """Fires ``/system/scheduler`` items when they are due by the device's clock."""

    def __init__(self, device: Device) -> None:
        self._device = device
        self._plans: dict[str, tuple[tuple[str, ...], Plan | None]] = {}
        self._startup_pending = False
        self._booted_at = 0.0
        self._lock = threading.Lock()

    def booted(self) -> None:
        """Forget every plan and run the startup items on the next tick. Until that tick
        plans them afresh, no item shows a ``next-run`` (a value kept from before the
        reboot would promise a run the new plan may not make)."""
        with self._lock:
            self._plans.clear()
            self._startup_pending = True
            self._booted_at = self._device.model.now().timestamp()
        for row in self._device.model.items(SCHEDULER):
            if row.get("next-run"):
                self._show_next_run(row.get(".id", ""), None)

    def tick(self) -> None:
        """Run every item that is due now."""
        model = self._device.model
        if not self._plans and not model.has_items(SCHEDULER):
            with self._lock:  # nothing scheduled: a boot's startup items are none
                self._startup_pending = False
            return
        rows = model.items(SCHEDULER)
        now = model.now().timestamp()
        due: list[Row] = []
        next_runs: dict[str, float | None] = {}
        with self._lock:
            startup, self._startup_pending = self._startup_pending, False
            seen = set()
            for row in rows:
                item = row.get(".id", "")
                seen.add(item)
                if row.get("disabled") == "true":
                    self._plans.pop(item, None)
                    continue
                signature = tuple(row.get(k, "") for k in SIGNATURE)
                known = self._plans.get(item)
                if known is None or known[0] != signature:
                    known = (signature, plan(row, now, self._booted_at, startup=startup))
                    next_runs[item] = known[1].first if known[1] is not None else None
                current = known[1]
                if current is not None and current.first is not None and now >= current.first:
                    due.append(row)
                    following = current.first + current.interval if current.interval else None
                    if following is not None and following <= now:
                        following = now + current.interval
                    current = Plan(following, current.interval)
                    next_runs[item] = following
                self._plans[item] = (signature, current)
            for item in set(self._plans) - seen:
                del self._plans[item]
        for item, when in next_runs.items():
            self._show_next_run(item, when)
        for row in due:
            self._fire(row)

    def _show_next_run(self, item: str, when: float | None) -> None:
        text = "" if when is None else f"{datetime.fromtimestamp(when, UTC):%Y-%m-%d %H:%M:%S}"
        try:
            self._device.model.update_item(SCHEDULER, item, {"next-run": text})
        except NoSuchItem:
            pass

    def _fire(self, row: Row) -> None:
        device = self._device
        event = row.get("on-event", "")
        name = row.get("name")
        try:
            device.model.count_run(SCHEDULER, row[".id"])
            try:
                script = device.script_item(event) if event else None
            except NoSuchItem:
                script = None
            if script is not None:
                device.model.count_run("system/script", script[".id"])
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
    """The model's snapshot on disk, saved atomically after every change (and by the
    device's ticker for changes made outside commands, such as a clock that moves)."""

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
        """Write the snapshot if it differs from what the file holds; `VmError` when the
        file cannot be written."""
        with self._lock:
            self._changed = False
            self._checked = time.monotonic()
            data = self._model.snapshot()
            if data == self._saved:
                return
            temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with open(temporary, "wb") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(temporary, self.path)
            except OSError as error:
                raise VmError(
                    f"cannot write state file {self.path}: {error.strerror or error}"
                ) from None
            self._saved = data
