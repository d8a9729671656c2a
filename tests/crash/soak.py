"""``make soak``: thousands of jobs on several routers while the agent, the emulator and
the routers are killed with ``kill -9`` at random moments, for a set time; then every
job's end is checked against its router and its notifications, and the counts printed.

``python -m tests.crash.soak [--seconds 300] [--routers 4] [--crash-every 4] [--seed N]``

While it runs, each router's queue is kept a few jobs deep with random flags
(needs_acknowledgement, make_backup, express_execute); every few seconds one part,
chosen at random, is killed at a random moment and started again at once. When the time
is up the crashes stop and every job must end within `BOUND` seconds; then, per job:
``terminal``, ``once`` (the script's effect at most once on the router), ``marker`` (the
effect and the marker agree), ``status`` (completed exactly when the script finished; a
job without acknowledgement is completed once handed over, and may have lost its run
to a router killed right after the hand-over), ``notified`` (every status notified once,
walking the lifecycle to the end; a notification the emulator had claimed when it was
killed waits out its lease, so the sink is given until `NOTIFIED` seconds after the last
restart, as the crash matrix gives it). Exit status 1 when any job broke one; the first
few such jobs are printed with what the router, the cloud and the sink had of them.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tests.crash.cells import NOTIFIED, TERMINAL, notified_to_the_end
from tests.crash.cluster import Cluster, Part, RouterUnderTest, side_effect_script

BOUND = 30.0
"""Seconds after the last crash within which every job must have ended."""
DEPTH = 3
"""Jobs kept waiting in each router's queue."""
SHOWN = 10
"""Broken jobs printed in full."""


@dataclass
class Submitted:
    key: str
    router: RouterUnderTest
    needs_ack: bool
    make_backup: bool
    express: bool


@dataclass
class Soak:
    cluster: Cluster
    rng: random.Random
    jobs: list[Submitted] = field(default_factory=list)
    crashes: Counter[str] = field(default_factory=Counter)
    router_crashes: list[float] = field(default_factory=list)
    """Wall-clock times of router kills."""
    counts: Counter[str] = field(default_factory=Counter)
    last_restart: float = 0.0
    """Monotonic time the last killed part was serving again."""
    last_part: Part | None = None
    """The last part killed."""
    notifications: str = ""
    """When the sink had every ended job's notifications, after the last restart."""
    broken_jobs: list[str] = field(default_factory=list)
    """What the router, the cloud and the sink had of each job that broke an invariant."""

    async def feed(self, router: RouterUnderTest, until: float) -> None:
        """Keep the router's queue `DEPTH` jobs deep until ``until``."""
        while time.monotonic() < until:
            waiting = await self._unfinished(router)
            for _ in range(max(DEPTH - waiting, 0)):
                job = Submitted(
                    str(uuid.uuid4()),
                    router,
                    needs_ack=self.rng.random() < 0.7,
                    make_backup=self.rng.random() < 0.2,
                    express=self.rng.random() < 0.7,
                )
                self.jobs.append(job)
                # A quarter of the scripts take a moment, so kills also land mid-run.
                slow = ":delay 200ms\n" if self.rng.random() < 0.25 else ""
                await self.cluster.submit(
                    router, job.key, slow + side_effect_script(job.key),
                    needs_ack=job.needs_ack, make_backup=job.make_backup, express=job.express,
                )  # fmt: skip
            await asyncio.sleep(0.05)

    async def _unfinished(self, router: RouterUnderTest) -> int:
        total = 0
        for status in ("pending", "loaded", "running"):
            response = await self.cluster.api(
                "GET", f"/api/routers/{router.router_id}/jobs?status={status}&limit=1"
            )
            total += int(response.headers.get("x-total-count", "0"))
        return total

    async def crash(self, until: float, every: float) -> None:
        """Kill a random part at a random moment, about every ``every`` seconds."""
        while True:
            await asyncio.sleep(self.rng.uniform(0.5 * every, 1.5 * every))
            if time.monotonic() >= until:
                return
            part = self.rng.choice(list(Part))
            self.crashes[part.value] += 1
            if part is Part.ROUTER:
                self.router_crashes.append(time.time())
            await self.cluster.kill(part)
            self.last_restart, self.last_part = await self.cluster.start(part), part

    async def check(self) -> float:
        """Wait for every job to end (within `BOUND`), then count each invariant; answers
        how long the last job took to end after the last crash."""
        began = time.monotonic()
        jobs: dict[str, dict[str, Any]] = {}
        while True:
            jobs = await self._all_jobs()
            if all(jobs.get(job.key, {}).get("status") in TERMINAL for job in self.jobs):
                break
            if time.monotonic() - began > BOUND:
                break
            await asyncio.sleep(0.2)
        settled = time.monotonic() - began
        self.notifications = await self._notifications_settle(jobs)
        records = {
            router.router_id: await asyncio.to_thread(self.cluster.router_record, router)
            for router in self.cluster.routers
        }
        notified = self.cluster.notified_by_job()
        for job in self.jobs:
            found = jobs.get(job.key)
            sent = [] if found is None else notified.get(str(found["id"]), [])
            self._count(job, found, records[job.router.router_id], sent)
        return settled

    async def _notifications_settle(self, jobs: dict[str, dict[str, Any]]) -> str:
        """Wait until the sink has every ended job's notifications, or until `NOTIFIED`
        seconds after the last restart (2 s from now at least, for those on their way);
        answers which, and when."""
        ended = time.monotonic()
        deadline = max(self.last_restart + NOTIFIED, ended + 2.0)
        while True:
            notified = self.cluster.notified_by_job()
            complete = all(
                notified_to_the_end(notified.get(str(found["id"]), []), found["status"])
                for job in self.jobs
                if (found := jobs.get(job.key)) is not None and found["status"] in TERMINAL
            )
            if complete or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.1)
        now = time.monotonic()
        when = f"{now - ended:.1f} s after every job had ended"
        if self.last_part is not None:
            when = (
                f"{now - self.last_restart:.1f} s after the last restart"
                f" ({self.last_part.value}), {when}"
            )
        if complete:
            return f"every notification arrived {when}"
        return f"notifications still missing {when}"

    def _count(
        self,
        job: Submitted,
        found: dict[str, Any] | None,
        record: tuple[dict[str, str], Counter[str]],
        notified: list[dict[str, Any]],
    ) -> None:
        states, effects = record
        self.counts["jobs"] += 1
        status = None if found is None else found["status"]
        self.counts[f"status {status}"] += 1
        broken: list[str] = []
        if status not in TERMINAL:
            broken.append("terminal")
        marker, effect = states.get(job.key), effects[job.key]
        if effect > 1:
            broken.append("once")
        if (effect and marker is None) or (marker == "finished" and not effect):
            broken.append("marker")
        if status in TERMINAL and found is not None:
            if not self._status_agrees(job, found, marker, effect):
                broken.append("status")
            if not notified_to_the_end(notified, found["status"]):
                broken.append("notified")
        if effect:
            self.counts["ran on the router"] += 1
        for name in broken:
            self.counts[f"BROKEN {name}"] += 1
        if not broken:
            self.counts["all invariants hold"] += 1
        elif len(self.broken_jobs) < SHOWN:
            self.broken_jobs.append(
                f"{job.key} on {job.router.router_id} ({', '.join(broken)}):"
                f" needs_ack={job.needs_ack} make_backup={job.make_backup}"
                f" express={job.express}; cloud: {found}; router: marker {marker},"
                f" effect x{effect}; notified: {[item['status'] for item in notified]}"
            )

    def _status_agrees(
        self, job: Submitted, found: dict[str, Any], marker: str | None, effect: int
    ) -> bool:
        status = found["status"]
        if job.needs_ack:
            return (status == "completed") == (marker == "finished" and effect == 1)
        if status == "failed":
            return marker is None and effect == 0
        if marker is not None:
            return True
        # Handed over, then the router was killed before the run saved anything.
        start = _moment(found.get("started_at"))
        end = _moment(found.get("completed_at"))
        lost = any(start - 2 <= at <= end + 5 for at in self.router_crashes)
        if lost:
            self.counts["handed over, lost to a router kill"] += 1
        return lost

    async def _all_jobs(self) -> dict[str, dict[str, Any]]:
        jobs: dict[str, dict[str, Any]] = {}
        for router in self.cluster.routers:
            offset = 0
            while True:
                response = await self.cluster.api(
                    "GET", f"/api/routers/{router.router_id}/jobs?limit=500&offset={offset}"
                )
                page = response.json()["data"]
                for item in page:
                    jobs[item["idempotency_key"]] = item
                if len(page) < 500:
                    break
                offset += 500
        return jobs


def _moment(text: object) -> float:
    return datetime.fromisoformat(str(text)).timestamp() if text else 0.0


async def soak(seconds: float, routers: int, every: float, seed: int) -> int:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="tikjobs-soak-") as workdir:
        async with Cluster(
            Path(workdir), routers=routers, agent_options={"keep-markers": "1000000"}
        ) as cluster:
            run = Soak(cluster, rng)
            began = time.monotonic()
            until = began + seconds
            await asyncio.gather(
                run.crash(until, every), *(run.feed(router, until) for router in cluster.routers)
            )
            settled = await run.check()
            elapsed = time.monotonic() - began
    print(f"soak: {seconds:g} s of load, {routers} routers, seed {seed}, {elapsed:.0f} s in all")
    print("crashes: " + ", ".join(f"{part} {count}" for part, count in sorted(run.crashes.items())))
    print(f"every job ended {settled:.1f} s after the last crash (bound {BOUND:g} s)")
    print(f"{run.notifications} (bound {NOTIFIED:g} s)")
    for name, count in sorted(run.counts.items()):
        print(f"  {name:<40} {count}")
    for described in run.broken_jobs:
        print(f"broken: {described}")
    broken = sum(count for name, count in run.counts.items() if name.startswith("BROKEN"))
    return 1 if broken else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="soak")
    parser.add_argument("--seconds", type=float, default=300.0)
    parser.add_argument("--routers", type=int, default=4)
    parser.add_argument("--crash-every", type=float, default=4.0)
    parser.add_argument("--seed", type=int, default=random.SystemRandom().randrange(10**6))
    args = parser.parse_args(argv)
    return asyncio.run(soak(args.seconds, args.routers, args.crash_every, args.seed))


if __name__ == "__main__":
    sys.exit(main())
