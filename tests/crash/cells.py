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
"""

from __future__ import annotations

import asyncio
import itertools
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from tests.crash.cluster import (
    AGENT_OPTIONS,
    POLL_INTERVAL,
    Cluster,
    Part,
    RouterUnderTest,
    side_effect_script,
)
from tikjobs.contracts.api import JobStatus
from tikjobs.contracts.lifecycle import is_path
from tikjobs.contracts.steps import Step
from tikjobs.emulator.notifications.delivery import LEASE

BOUND = float(AGENT_OPTIONS["reconnect-max"]) + POLL_INTERVAL + 5.0
"""Seconds after the crashed part is back (serving again) within which every job must
have ended: the README's promise, ``reconnect_max`` + the poll interval + 5 s."""
NOTIFIED = LEASE + 5.0
"""Seconds after the part is back within which every notification must have arrived: a
notification an emulator had claimed when it was killed waits out its lease."""
REACH = 15.0
"""Seconds a job has to reach the planned step."""
INVARIANTS = ("terminal", "once", "marker", "status", "queue", "notified")
TERMINAL = {"completed", "failed"}


@dataclass(frozen=True)
class Cell:
    step: Step
    part: Part
    needs_ack: bool
    make_backup: bool
    express: bool

    @property
    def applies(self) -> bool:
        """Whether a job with these flags takes the step at all."""
        if self.step.needs_backup and not self.make_backup:
            return False
        return not (self.step.needs_acknowledgement and not self.needs_ack)

    @property
    def flags(self) -> str:
        return "".join(
            letter if on else "-"
            for letter, on in (("A", self.needs_ack), ("B", self.make_backup), ("X", self.express))
        )


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
    parts: Iterable[Part] = tuple(Part), steps: Iterable[Step] = tuple(Step)
) -> Iterator[Cell]:
    for step, part in itertools.product(steps, parts):
        for needs_ack, make_backup, express in itertools.product((True, False), repeat=3):
            yield Cell(step, part, needs_ack, make_backup, express)


async def run_cell(
    cluster: Cluster, cell: Cell, router: RouterUnderTest | None = None
) -> CellResult:
    if not cell.applies:
        return CellResult(cell, "n/a")
    router = router or cluster.routers[0]
    key, behind = str(uuid.uuid4()), str(uuid.uuid4())
    nonce = cluster.arm(cell.step, key)
    await cluster.submit(
        router, key, side_effect_script(key),
        needs_ack=cell.needs_ack, make_backup=cell.make_backup, express=cell.express,
    )  # fmt: skip
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
    back = await cluster.start(cell.part)
    await following
    return await _settled(cluster, cell, router, key, behind, back, None)


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
    job = await _ended(cluster, router, key, back)
    seconds = time.monotonic() - back
    following = await _ended(cluster, router, behind, back)
    if job is None or job["status"] not in TERMINAL:
        broken.append("terminal")
    if following is None or following["status"] not in TERMINAL:
        broken.append("queue")
    state, effects = await cluster.router_facts(router, key)
    if effects > 1:
        broken.append("once")
    if (effects and state is None) or (state == "finished" and not effects):
        broken.append("marker")
    status = None if job is None else job["status"]
    if not _status_agrees(cell, status, state, effects):
        broken.append("status")
    for ended in (job, following):
        if (
            ended is not None
            and ended["status"] in TERMINAL
            and not await _notified(cluster, ended, back)
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


async def _ended(
    cluster: Cluster, router: RouterUnderTest, key: str, back: float
) -> dict[str, object] | None:
    job = None
    while time.monotonic() - back < BOUND:
        job = await cluster.job(router, key)
        if job is not None and job["status"] in TERMINAL:
            return job
        await asyncio.sleep(0.05)
    return job


async def _notified(cluster: Cluster, job: dict[str, object], back: float) -> bool:
    while True:
        statuses = [JobStatus(item["status"]) for item in cluster.notified(str(job["id"]))]
        if statuses and statuses[-1].value == job["status"] and is_path(statuses):
            return True
        if time.monotonic() - back > NOTIFIED:
            return False
        await asyncio.sleep(0.05)


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
