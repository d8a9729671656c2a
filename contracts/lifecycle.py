"""The job lifecycle: one table of (status, event) -> new status, and who causes each event.

How this works
--------------
A job starts ``pending``. Something happens to it: the router takes it, starts it, ends
it; the client deletes it; the cloud's clock runs out on it. Each of those is an `Event`,
and `CAUSED_BY` says who may cause it: the client (through the API), the agent (reporting
what the router did, over the tunnel) or the engine (on its own: a deadline, or the
no-acknowledgement rule applied to an agent's report). `TRANSITIONS` maps the job's
status and the event to the new status; a pair that is not in the table is an illegal
change. Every status change in the emulator goes through this table, and everything else
here is derived from it:

- `MOVES`: which statuses a status may become, whatever the event (the stores check it
  again in the transaction that writes the change);
- `TERMINAL`: statuses no event leaves;
- `REPORTABLE`: the statuses an agent may report (the targets of the agent's events),
  which the tunnel's `JobReport` frame accepts and nothing else;
- `report_events`: which events an agent's report causes, including the path of a job
  that does not need acknowledgement (loaded when the agent takes it, completed once the
  router has its script, and later reports ignored).

An event that finds the job already where it leads (a report of the current status, a
second delete) is a repeat: nothing changes and it is not an error (`repeats`). Checking
for the router (a poll, an express submission) offers a job but changes no status, so it
is not an event here. The contract suite's notification checks walk `is_path`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Final

from tikjobs.contracts.status import JobStatus


class Actor(StrEnum):
    """Who may cause an event."""

    CLIENT = "client"
    """The API's caller, with its API key."""
    AGENT = "agent"
    """The router's agent, reporting over the tunnel what the router did."""
    ENGINE = "engine"
    """The cloud itself: a deadline passed, or a rule that needs nobody's report."""


class Event(StrEnum):
    """Something that happens to a job."""

    LOAD = "load"
    """The router has the job (the agent reports ``loaded``)."""
    RUN = "run"
    """The router started the script (the agent reports ``running``)."""
    COMPLETE = "complete"
    """The script ended well (the agent reports ``completed``)."""
    FAIL = "fail"
    """The job failed on the router's side: the backup before it, the script, or the router
    lost it before it started (the agent reports ``failed``)."""
    DELETE = "delete"
    """The client deletes the job (``DELETE /api/routers/{router_id}/jobs/{job_id}``)."""
    WAIT_TIMEOUT = "wait_timeout"
    """The job waited for its router longer than the pending timeout."""
    RUN_TIMEOUT = "run_timeout"
    """The router has had the job longer than its timeout."""
    HAND_OVER = "hand_over"
    """A job that needs no acknowledgement is with the router: the agent reports that it
    handed the script over (or that the router has it), and the job is completed."""


CAUSED_BY: Final[Mapping[Event, Actor]] = {
    Event.LOAD: Actor.AGENT,
    Event.RUN: Actor.AGENT,
    Event.COMPLETE: Actor.AGENT,
    Event.FAIL: Actor.AGENT,
    Event.DELETE: Actor.CLIENT,
    Event.WAIT_TIMEOUT: Actor.ENGINE,
    Event.RUN_TIMEOUT: Actor.ENGINE,
    Event.HAND_OVER: Actor.ENGINE,
}

TRANSITIONS: Final[Mapping[tuple[JobStatus, Event], JobStatus]] = {
    (JobStatus.PENDING, Event.LOAD): JobStatus.LOADED,
    (JobStatus.PENDING, Event.FAIL): JobStatus.FAILED,
    (JobStatus.PENDING, Event.DELETE): JobStatus.DELETED,
    (JobStatus.PENDING, Event.WAIT_TIMEOUT): JobStatus.FAILED,
    (JobStatus.LOADED, Event.RUN): JobStatus.RUNNING,
    (JobStatus.LOADED, Event.COMPLETE): JobStatus.COMPLETED,
    (JobStatus.LOADED, Event.FAIL): JobStatus.FAILED,
    (JobStatus.LOADED, Event.RUN_TIMEOUT): JobStatus.FAILED,
    (JobStatus.LOADED, Event.HAND_OVER): JobStatus.COMPLETED,
    (JobStatus.RUNNING, Event.COMPLETE): JobStatus.COMPLETED,
    (JobStatus.RUNNING, Event.FAIL): JobStatus.FAILED,
    (JobStatus.RUNNING, Event.RUN_TIMEOUT): JobStatus.FAILED,
}
"""Every legal status change: the job's status and what happened -> its new status."""

LEADS_TO: Final[Mapping[Event, JobStatus]] = {
    event: status for (_, event), status in TRANSITIONS.items()
}
"""Where each event leads (one status per event, whatever the job's status was)."""

MOVES: Final[Mapping[JobStatus, frozenset[JobStatus]]] = {
    status: frozenset(new for (old, _), new in TRANSITIONS.items() if old is status)
    for status in JobStatus
}
"""Which statuses each status may become, by any event."""

TERMINAL: Final = frozenset(status for status, moves in MOVES.items() if not moves)
REPORTABLE: Final[tuple[JobStatus, ...]] = tuple(
    status
    for status in JobStatus
    if any(LEADS_TO[event] is status for event in CAUSED_BY if CAUSED_BY[event] is Actor.AGENT)
)
"""The statuses an agent may report, in the order `JobStatus` lists them."""

_REPORTED: Final[Mapping[JobStatus, Event]] = {
    LEADS_TO[event]: event for event, actor in CAUSED_BY.items() if actor is Actor.AGENT
}


def next_status(current: JobStatus, event: Event) -> JobStatus | None:
    """The status ``event`` moves a ``current`` job to; None when the table has no such move."""
    return TRANSITIONS.get((current, event))


def repeats(current: JobStatus, event: Event) -> bool:
    """Whether ``event`` finds the job already where it leads: nothing changes, no error."""
    return LEADS_TO[event] is current


def can_become(current: JobStatus, requested: JobStatus) -> bool:
    """Whether some event moves a ``current`` job to ``requested``."""
    return requested in MOVES[current]


def report_events(
    reported: JobStatus, current: JobStatus, *, needs_acknowledgement: bool
) -> tuple[Event, ...]:
    """The events, in order, an agent's report of ``reported`` causes on a ``current`` job.

    A report of the current status is a repeat and causes none. A job that needs
    acknowledgement follows the router's reports one by one. A job that does not is
    completed once the router has its script: ``loaded`` says the agent took it (not yet
    handed over: an agent that stops now hands it over when the job is offered again), a
    report of failure before the hand-over fails it, and any other report means the
    router has it, so it loads (when still pending) and is handed over; a report after
    that is a repeat of the hand-over.
    """
    if reported is current:
        return ()
    if needs_acknowledgement:
        return (_REPORTED[reported],)
    if current is JobStatus.PENDING and reported is JobStatus.LOADED:
        return (Event.LOAD,)
    if current in (JobStatus.PENDING, JobStatus.LOADED) and reported is JobStatus.FAILED:
        return (Event.FAIL,)
    if current is JobStatus.PENDING:
        return (Event.LOAD, Event.HAND_OVER)
    return (Event.HAND_OVER,)


def is_path(statuses: Iterable[JobStatus], start: JobStatus = JobStatus.PENDING) -> bool:
    """Whether a sequence of statuses (as notified) is a walk through the lifecycle."""
    current = start
    for status in statuses:
        if not can_become(current, status):
            return False
        current = status
    return True
