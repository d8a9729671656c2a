"""Safe-apply jobs in the crash tests: a second account on the router to read it and move
its clock while a job has locked the agent's account out, and the agent's ledger read
from its state directory, as an operator at the site could.

A safe-apply job's restore fires by the router's clock, ``WINDOW`` seconds after it was
armed. To keep a test short, `restore_when_due` moves the router's clock past the window
once the restore is due, instead of waiting the window out.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from dataclasses import dataclass
from typing import Any

import librouteros

from tests.crash.cluster import PASSWORD, READY, Cluster, RouterUnderTest, side_effect_script
from tikjobs.agent import markers, safe_apply

OPERATOR = "operator"
OPERATOR_PASSWORD = "operator-secret"
WINDOW = 30
"""The jobs' ``rollback_after``: the shortest the API takes."""
AGAIN = 3.0
"""Seconds after moving the clock before `restore_when_due` moves it again."""


def benign_script(key: str) -> str:
    """A safe-apply job's script that leaves the router reachable."""
    return side_effect_script(key)


def lockout_script(key: str) -> str:
    """A safe-apply job's script that locks the agent out: it removes the agent's user."""
    return side_effect_script(key) + "\n/user remove [find name=admin]"


@dataclass(frozen=True)
class RouterView:
    """What the router holds of one key, read through the operator's account."""

    entry_id: str | None
    """The ``.id`` of the key's restore entry in ``/system/scheduler``, if it is there."""
    planned: bool
    """... and the router's scheduler has planned it (``next-run`` is set)."""
    marker: str | None
    effects: int
    files: tuple[str, ...]
    """Files on the router's disk named after the key."""
    users: tuple[str, ...]

    @property
    def armed(self) -> bool:
        return self.entry_id is not None


def _connect(router: RouterUnderTest, user: str, password: str) -> Any:
    deadline = time.monotonic() + READY
    while True:
        try:
            return librouteros.connect("127.0.0.1", user, password, port=router.api_port, timeout=5)
        except (OSError, librouteros.exceptions.LibRouterosError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


async def add_operator(router: RouterUnderTest) -> None:
    """Give the router a second full account (before any job, so every saved backup
    holds it), unless it has one."""

    def add() -> None:
        api = _connect(router, "admin", PASSWORD)
        try:
            users = api.path("user")
            if not any(row.get("name") == OPERATOR for row in users):
                users.add(name=OPERATOR, group="full", password=OPERATOR_PASSWORD)
        finally:
            api.close()

    await asyncio.to_thread(add)


async def look(router: RouterUnderTest, key: str) -> RouterView:
    """What the router shows of the job, read again when the router drops the session
    part way (a restore reboots it)."""
    deadline = time.monotonic() + READY
    while True:
        try:
            return await asyncio.to_thread(_look, router, key)
        except (OSError, librouteros.exceptions.LibRouterosError):
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.05)


def _look(router: RouterUnderTest, key: str) -> RouterView:
    api = _connect(router, OPERATOR, OPERATOR_PASSWORD)
    try:
        entries = [
            row
            for row in api.path("system", "scheduler")
            if row.get("name") == safe_apply.scheduler_name(key)
        ]
        marker = next(
            (
                markers.state_of(row.get("comment")).value
                for row in api.path("system", "script")
                if row.get("name") == markers.marker_name(key)
            ),
            None,
        )
        rules = api.path("ip", "firewall", "filter")
        effects = sum(1 for row in rules if row.get("comment") == key)
        files = tuple(str(row["name"]) for row in api.path("file") if key in str(row.get("name")))
        users = tuple(str(row["name"]) for row in api.path("user"))
    finally:
        api.close()
    return RouterView(
        entry_id=str(entries[0][".id"]) if entries else None,
        planned=any(row.get("next-run") for row in entries),
        marker=marker,
        effects=effects,
        files=files,
        users=users,
    )


async def move_clock(router: RouterUnderTest, seconds: int) -> None:
    """Set the router's clock ``seconds`` later, as the operator."""

    def move() -> None:
        api = _connect(router, OPERATOR, OPERATOR_PASSWORD)
        try:
            clock = next(iter(api.path("system", "clock")))
            date, at = safe_apply.later(str(clock["date"]), str(clock["time"]), seconds)
            tuple(api.path("system", "clock")("set", date=date, time=at))
        finally:
            api.close()

    await asyncio.to_thread(move)


def ledger_entry(cluster: Cluster, key: str) -> dict[str, Any]:
    """The key's last line in the agent's ledgers ({} when it has none)."""
    entry: dict[str, Any] = {}
    for path in sorted((cluster.workdir / "agent").glob("*/ledger-*.jsonl")):
        for line in path.read_text().splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and record.get("key") == key:
                entry = record
    return entry


async def restore_when_due(cluster: Cluster, router: RouterUnderTest, key: str) -> None:
    """Whenever the job's restore is due and the router planned it, move the router's
    clock past the window: the window ends early, as if the agent had been away for all
    of it. Due: the agent's ledger says it rolls the job back, or the job's script has
    locked the agent out (its marker is there, the agent's user is not). Runs until
    cancelled: an agent that starts the job again arms a new entry."""
    moved = -math.inf
    while True:
        view = await look(router, key)
        locked_out = view.marker is not None and "admin" not in view.users
        due = locked_out or bool(ledger_entry(cluster, key).get("rollback"))
        # Once more if the entry is still there a while later: a router killed right
        # after the move may come back with its clock as it was before.
        if view.armed and view.planned and due and time.monotonic() - moved > AGAIN:
            moved = time.monotonic()
            await move_clock(router, WINDOW + 1)
        await asyncio.sleep(0.05)
