"""Run a ``tikjobs`` command with its crash points live, for the crash-point tests.

``python -m tests.crash.bootstrap PLAN REACHED <tikjobs arguments>`` replaces
`tikjobs.contracts.steps.crash_point` with `Stopper`, then runs ``tikjobs`` as the console
command does. For ``tikjobs sim`` it also watches the router's own steps: the
wrapped script's marker line (``marker written``), its finish line (``script
finished``) and a safe-apply job's restore (``restore fired``, once the saved backup is
loaded and the reboot begun), from the commands the simulated device executes.

PLAN is a JSON file the test rewrites as it goes: ``{"step": "running accepted", "key":
"<idempotency key>", "nonce": "..."}``. When this process takes that step for that key,
it appends one JSON line to REACHED (its pid, the step, the key, the nonce) and stops
itself with ``SIGSTOP``: the whole process freezes exactly at the step, and the test
decides what happens next (``kill -9`` of this process or another one, then ``SIGCONT``).
Each nonce fires once per process.

This module lives in the tests and is loaded only by them; the installed package has no
way to turn a crash point on.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from tikjobs.agent import markers, safe_apply
from tikjobs.contracts import steps
from tikjobs.contracts.steps import Step


class Stopper:
    """The crash-point hook of one process: freeze at the planned step."""

    def __init__(self, plan: Path, reached: Path) -> None:
        self.plan_path = plan
        self.reached_path = reached
        self._seen: tuple[int, int] | None = None
        self._plan: dict[str, str] | None = None
        self._fired: set[str] = set()
        self._lock = threading.Lock()

    def plan(self) -> dict[str, str] | None:
        try:
            stat = os.stat(self.plan_path)
        except FileNotFoundError:
            return None
        seen = (stat.st_ino, stat.st_mtime_ns)
        if seen != self._seen:
            self._seen = seen
            try:
                self._plan = json.loads(self.plan_path.read_text() or "null")
            except (OSError, ValueError):
                self._plan = None
        return self._plan

    def __call__(self, step: Step, key: str) -> None:
        with self._lock:
            plan = self.plan()
            if not plan or plan.get("step") != step.value or plan.get("key") != key:
                return
            nonce = plan["nonce"]
            if nonce in self._fired:
                return
            self._fired.add(nonce)
            line = {"pid": os.getpid(), "step": step.value, "key": key, "nonce": nonce}
            with open(self.reached_path, "a", encoding="utf-8") as reached:
                reached.write(json.dumps(line) + "\n")
        os.kill(os.getpid(), signal.SIGSTOP)


def watch_router_steps(stopper: Stopper) -> None:
    """Call the hook at the router's steps of a wrapped job script in the simulator."""
    from tikjobs.vm.sim.device import Device

    execute = Device.execute

    def watched(self: Device, command: Any, **options: Any) -> Any:
        if command.path == ("system", "script") and command.verb == "set":
            if command.attrs.get("comment") == markers.FINISHED:
                key = _marker_key(self, command.attrs.get("numbers", ""))
                if key is not None:
                    stopper(Step.SCRIPT_FINISHED, key)
        reply = execute(self, command, **options)
        if command.path == ("system", "script") and command.verb == "add":
            key = markers.key_of(command.attrs.get("name", ""))
            if key is not None:
                stopper(Step.MARKER_WRITTEN, key)
        if command.path == ("system", "backup") and command.verb == "load":
            key = _restored_key(command.attrs.get("name", ""))
            if key is not None:
                stopper(Step.RESTORE_FIRED, key)
        return reply

    Device.execute = watched  # type: ignore[method-assign]


def _restored_key(name: str) -> str | None:
    """The key whose saved backup ``name`` (``tikjobs-<key>-safe.backup``) is."""
    stem = name.removesuffix(".backup")
    if not stem.endswith(safe_apply.SAVED_SUFFIX):
        return None
    return markers.key_of(stem.removesuffix(safe_apply.SAVED_SUFFIX))


def _marker_key(device: Any, numbers: str) -> str | None:
    for row in device.model.items("system/script"):
        if row.get(".id") == numbers:
            return markers.key_of(row.get("name", ""))
    return None


def main(argv: list[str]) -> int:
    plan, reached, *command = argv
    stopper = Stopper(Path(plan), Path(reached))
    steps.crash_point = stopper
    if command and command[0] == "sim":
        watch_router_steps(stopper)
    from tikjobs.cli import main as tikjobs

    return tikjobs(command)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
