"""One crash-point cell: a job frozen at a named step, one part killed with ``kill -9``
and started again, then the invariants checked; and the matrix of every cell.

A cell is (step, crashed part, needs_acknowledgement, make_backup, express_execute).
`run_cell` submits the job (a script whose one effect, a firewall rule commented with the
job's key, can be counted on the router) and a second job behind it on the same router,
freezes whichever process takes the step for the first job, kills the part, lets the
frozen process go on, starts the part again and checks:

- ``terminal``: the job ends completed or failed within `BOUND` seconds of the part
  being back (never at the job timeout, which is far longer);
- ``once``: the script ran at most once (the effect is there at most once);
- ``marker``: the router's marker and the effect agree (an effect means a marker; a
  finished marker means the effect);
- ``status``: the status agrees with the router: completed when the script finished,
  failed when it did not (a job without acknowledgement is completed once it is handed
  over, and failed only when nothing ran);
- ``queue``: the job behind it ends too, within the bound;
- ``notified``: the sink received, once each, a notification for every status of both
  jobs, walking the lifecycle and ending in the terminal status.

Safe-apply cells (``rollback_after``, needs_acknowledgement and express_execute on) run a
script that leaves the router reachable (``K``: its change is kept) or one that also
locks the agent out (``L``: it removes the agent's user; the restore gives it back). The
router's clock is moved past the window once the agent decided to roll back or the job
locked it out (`tests.crash.safe`), and a rollback's restore and reboot get
`RESTORE_ALLOWANCE` on top of the bound. On top of the above, ``status`` holds a job
reported rolled back to a router with the marker saying so and the effect gone, and:

- ``clean``: once the job ended, no restore entry is armed and no saved file is left.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from tests.crash import safe
from tests.crash.cluster import (
    AGENT_OPTIONS,
    POLL_INTERVAL,
    Cluster,
    Part,
    RouterUnderTest,
    side_effect_script,
)
from tikjobs.contracts.api import ROLLED_BACK, JobStatus
from tikjobs.contracts.lifecycle import is_path
from tikjobs.contracts.steps import Step
from tikjobs.emulator.notifications.delivery import LEASE

BOUND = float(AGENT_OPTIONS["reconnect-max"]) + POLL_INTERVAL + 5.0
"""Seconds after the crashed part is back (serving again) within which every job must
have ended: the README's promise, ``reconnect_max`` + the poll interval + 5 s."""
NOTIFIED = LEASE + 5.0
"""Seconds after the part is back within which every notification must have arrived: a
notification an emulator had claimed when it was killed waits out its lease."""
RESTORE_ALLOWANCE = 10.0
"""Seconds a safe-apply cell's bound adds for a restore: the backup load, the reboot, the
agent's polls of the router coming back, the comparison of the exports."""
REACH = 15.0
"""Seconds a job has to reach the planned step."""
INVARIANTS = ("terminal", "once", "marker", "status", "queue", "notified", "clean")
TERMINAL = {"completed", "failed"}
KEPT, LOCKED_OUT = "kept", "locked out"
"""A safe-apply cell's script: its change is kept, or it locks the agent out."""
SAFE_CELL_STEPS = (
    Step.ROLLBACK_ARMED,
    Step.STARTED_NOTED,
    Step.MARKER_WRITTEN,
    Step.SCRIPT_ANSWERED,
    Step.CHANGE_CONFIRMED,
    Step.ROLLBACK_DECIDED,
    Step.RESTORE_FIRED,
    Step.RESTORE_SEEN,
    Step.OUTCOME_NOTED,
    Step.OUTCOME_REPORTED,
)
"""The steps a safe-apply cell crashes at: its own, and the script's around them."""
AFTER_THE_RESTORE = frozenset(
    {Step.RESTORE_FIRED, Step.RESTORE_SEEN, Step.OUTCOME_NOTED, Step.OUTCOME_REPORTED}
)


@dataclass(frozen=True)
class Cell:
    step: Step
    part: Part
    needs_ack: bool
    make_backup: bool
    express: bool
    safe: str | None = None
    """Safe apply: `KEPT` or `LOCKED_OUT`; None for a job without ``rollback_after``."""

    @property
    def applies(self) -> bool:
        """Whether a job with these flags takes the step at all."""
        if self.step.needs_backup and not self.make_backup:
            return False
        if self.step.needs_rollback and self.safe is None:
            return False
        if self.step.rolls_back and self.safe == KEPT:
            return False
        if self.step.keeps_change and self.safe == LOCKED_OUT:
            return False
        return not (self.step.needs_acknowledgement and not self.needs_ack)

    @property
    def flags(self) -> str:
        base = "".join(
            letter if on else "-"
            for letter, on in (("A", self.needs_ack), ("B", self.make_backup), ("X", self.express))
        )
        return base + {None: "", KEPT: "K", LOCKED_OUT: "L"}[self.safe]


@dataclass
class CellResult:
    cell: Cell
    outcome: str
    """``ok``, ``n/a`` (the job never takes the step), ``unreached`` or the broken invariants."""
    status: str | None = None
    error: str | None = None
    seconds: float | None = None
    """From the part being back to the job's end."""
    broken: list[str] = field(default_factory=list)
    marker: str | None = None
    effects: int = 0


def every_cell(
    parts: Iterable[Part] = tuple(Part),
    steps: Iterable[Step] = tuple(Step),
    *,
    safe: bool = True,
) -> Iterator[Cell]:
    """Every cell of the steps and parts: each flag set for a step any job takes, then
    (unless ``safe`` is false) a kept and a locked-out safe-apply job for `SAFE_CELL_STEPS`."""
    for step, part in itertools.product(steps, parts):
        if not step.needs_rollback:
            for needs_ack, make_backup, express in itertools.product((True, False), repeat=3):
                yield Cell(step, part, needs_ack, make_backup, express)
        if safe and step in SAFE_CELL_STEPS:
            for script in (KEPT, LOCKED_OUT):
                yield Cell(step, part, needs_ack=True, make_backup=False, express=True, safe=script)


async def run_cell(
    cluster: Cluster, cell: Cell, router: RouterUnderTest | None = None
) -> CellResult:
    if not cell.applies:
        return CellResult(cell, "n/a")
    router = router or cluster.routers[0]
    key, behind = str(uuid.uuid4()), str(uuid.uuid4())
    if cell.safe is None:
        script, extensions = side_effect_script(key), {}
    else:
        await safe.add_operator(router)
        script = safe.lockout_script(key) if cell.safe == LOCKED_OUT else safe.benign_script(key)
        extensions = {"rollback_after": safe.WINDOW}
    nonce = cluster.arm(cell.step, key)
    await cluster.submit(
        router, key, script,
        needs_ack=cell.needs_ack, make_backup=cell.make_backup, express=cell.express,
        **extensions,
    )  # fmt: skip
    # The window is cut short (the clock moved) before the crash only for the steps
    # that come after the restore: a clock moved just before a router is killed can pass
    # the deadline while the router is down, and RouterOS runs no one-time entry it
    # missed (docs/safe-apply.md).
    early = cell.safe is not None and cell.step in AFTER_THE_RESTORE
    restoring = asyncio.create_task(safe.restore_when_due(cluster, router, key)) if early else None
    try:
        return await _crash(cluster, cell, router, key, behind, nonce, restoring)
    finally:
        if restoring is not None:
            restoring.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await restoring


async def _crash(
    cluster: Cluster,
    cell: Cell,
    router: RouterUnderTest,
    key: str,
    behind: str,
    nonce: str,
    restoring: asyncio.Task[None] | None,
) -> CellResult:
    # The job behind it is submitted while the step may already have frozen the emulator.
    following = asyncio.create_task(
        cluster.submit(
            router, behind, side_effect_script(behind),
            needs_ack=True, make_backup=False, express=cell.express,
        )
    )  # fmt: skip
    reached = await cluster.wait_reached(nonce, REACH)
    cluster.disarm()
    if reached is None:
        await following
        return await _settled(cluster, cell, router, key, behind, time.monotonic(), "unreached")
    await cluster.kill(cell.part)
    if cluster.part_of(reached.pid) is not None:
        cluster.resume(reached.pid)
    # A locked-out router is offline in the cloud until its restore: nothing to wait for.
    back = await cluster.start(cell.part, online=cell.safe != LOCKED_OUT)
    await following
    if cell.safe is None or restoring is not None:
        return await _settled(cluster, cell, router, key, behind, back, None)
    restoring = asyncio.create_task(safe.restore_when_due(cluster, router, key))
    try:
        return await _settled(cluster, cell, router, key, behind, back, None)
    finally:
        restoring.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await restoring


async def _settled(
    cluster: Cluster,
    cell: Cell,
    router: RouterUnderTest,
    key: str,
    behind: str,
    back: float,
    outcome: str | None,
) -> CellResult:
    broken: list[str] = []
    bound = BOUND + (RESTORE_ALLOWANCE if cell.safe is not None else 0.0)
    job = await ended_within(cluster, router, key, back, bound)
    seconds = time.monotonic() - back
    following = await ended_within(cluster, router, behind, back, bound)
    if job is None or job["status"] not in TERMINAL:
        broken.append("terminal")
    if following is None or following["status"] not in TERMINAL:
        broken.append("queue")
    view = await safe.look(router, key) if cell.safe is not None else None
    if view is None:
        state, effects = await cluster.router_facts(router, key)
    else:
        state, effects = view.marker, view.effects
    if effects > 1:
        broken.append("once")
    if (effects and state is None) or (state == "finished" and not effects):
        broken.append("marker")
    status = None if job is None else job["status"]
    error = None if job is None else job.get("error")
    if not _status_agrees(cell, status, state, effects) or (
        str(error or "").startswith(ROLLED_BACK) and (state, effects) != ("rolled back", 0)
    ):
        broken.append("status")
    if view is not None and status in TERMINAL and (view.armed or view.files):
        broken.append("clean")
    for ended in (job, following):
        if (
            ended is not None
            and ended["status"] in TERMINAL
            and not await notified_within(cluster, ended, back)
        ):
            broken.append("notified")
            break
    result = CellResult(
        cell,
        outcome or (", ".join(broken) if broken else "ok"),
        status=status,
        error=None if job is None else job.get("error"),
        seconds=seconds,
        broken=broken,
        marker=state,
        effects=effects,
    )
    return result


def _status_agrees(cell: Cell, status: str | None, marker: str | None, effects: int) -> bool:
    if status not in TERMINAL:
        return True  # already counted as not terminal
    if cell.needs_ack:
        finished = marker == "finished" and effects == 1
        return (status == "completed") == finished
    if status == "failed":
        return marker is None and effects == 0
    # Completed: handed over. A router that lost power right after taking it may have lost
    # the run with everything it had not yet saved; that is what handed over means.
    return marker is not None or cell.part is Part.ROUTER


async def ended_within(
    cluster: Cluster, router: RouterUnderTest, key: str, back: float, bound: float
) -> dict[str, object] | None:
    """The job of ``key`` once it has ended, or as it was ``bound`` seconds after
    ``back`` (None: not found)."""
    job = None
    while time.monotonic() - back < bound:
        job = await cluster.job(router, key)
        if job is not None and job["status"] in TERMINAL:
            return job
        await asyncio.sleep(0.05)
    return job


async def notified_within(cluster: Cluster, job: dict[str, object], back: float) -> bool:
    """Whether the sink had the ended job's notifications to the end within `NOTIFIED`
    seconds of ``back``."""
    while not notified_to_the_end(cluster.notified(str(job["id"])), job["status"]):
        if time.monotonic() - back > NOTIFIED:
            return False
        await asyncio.sleep(0.05)
    return True


def notified_to_the_end(notified: list[dict[str, Any]], status: object) -> bool:
    """Whether ``notified`` (a job's notifications, once each, in order) walk the
    lifecycle to ``status``, the job's final one."""
    statuses = [JobStatus(item["status"]) for item in notified]
    return bool(statuses) and statuses[-1].value == status and is_path(statuses)


# -- the matrix -----------------------------------------------------------------------------


def matrix_table(results: list[CellResult]) -> str:
    """Each cell's outcome: one line per step and part, one column per flag set."""
    flag_sets = sorted({result.cell.flags for result in results}, reverse=True)
    rows: dict[tuple[Step, Part], dict[str, str]] = {}
    for result in results:
        rows.setdefault((result.cell.step, result.cell.part), {})[result.cell.flags] = _short(
            result
        )
    width = max(len(_short(result)) for result in results) if results else 2
    width = max(width, 4)
    head = f"{'step':<24} {'crashed':<9} " + " ".join(f"{flags:<{width}}" for flags in flag_sets)
    lines = [head, "-" * len(head)]
    for (step, part), outcomes in rows.items():
        cells = " ".join(f"{outcomes.get(flags, ''):<{width}}" for flags in flag_sets)
        lines.append(f"{step.side.value + ': ' + step.value:<24.24} {part.value:<9} {cells}")
    lines.append("")
    lines.append(
        "flags: A = needs_acknowledgement, B = make_backup, X = express_execute ('-': false)"
    )
    lines.append(summary(results))
    return "\n".join(line.rstrip() for line in lines)


def _short(result: CellResult) -> str:
    if result.outcome in ("ok", "n/a"):
        return result.outcome
    if result.outcome == "unreached":
        return "unreached"
    return "FAIL:" + "+".join(result.broken)


def summary(results: list[CellResult]) -> str:
    counts = Counter(_short(result) for result in results)
    ran = [result for result in results if result.outcome != "n/a"]
    worst = max((result.seconds or 0.0 for result in ran), default=0.0)
    parts = ", ".join(f"{name}: {count}" for name, count in sorted(counts.items()))
    return f"cells: {len(results)} ({parts}); slowest end after the part came back: {worst:.1f} s"
