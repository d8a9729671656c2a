"""The job lifecycle: the one table of legal status changes.

How this works
--------------
A job starts ``pending``. The router takes it (``loaded``), starts it (``running``) and
ends it (``completed`` or ``failed``). A pending job may be deleted, or fail without ever
being taken (its timeout ran out). A job that does not need acknowledgement is
``completed`` straight from ``loaded``; a job may also fail from ``loaded`` (the backup
before it failed, or the router lost it before it started). Terminal statuses never
change again. Every status change in the emulator goes through `advance`; the contract
suite checks notification sequences with `is_path`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from tikjobs.contracts.api import JobStatus

TRANSITIONS: Final[Mapping[JobStatus, frozenset[JobStatus]]] = {
    JobStatus.PENDING: frozenset({JobStatus.LOADED, JobStatus.DELETED, JobStatus.FAILED}),
    JobStatus.LOADED: frozenset({JobStatus.RUNNING, JobStatus.COMPLETED, JobStatus.FAILED}),
    JobStatus.RUNNING: frozenset({JobStatus.COMPLETED, JobStatus.FAILED}),
    JobStatus.COMPLETED: frozenset(),
    JobStatus.FAILED: frozenset(),
    JobStatus.DELETED: frozenset(),
}

TERMINAL: Final = frozenset(status for status, moves in TRANSITIONS.items() if not moves)
STARTED: Final = frozenset({JobStatus.LOADED, JobStatus.RUNNING}) | TERMINAL - {JobStatus.DELETED}


class IllegalTransition(ValueError):
    """A status change the lifecycle does not allow."""

    def __init__(self, current: JobStatus, requested: JobStatus) -> None:
        super().__init__(f"a {current.value} job cannot become {requested.value}")
        self.current = current
        self.requested = requested


def can_advance(current: JobStatus, requested: JobStatus) -> bool:
    """Whether ``current -> requested`` is a legal change."""
    return requested in TRANSITIONS[current]


def advance(current: JobStatus, requested: JobStatus) -> JobStatus:
    """The new status, or `IllegalTransition` when the change is not allowed."""
    if not can_advance(current, requested):
        raise IllegalTransition(current, requested)
    return requested


def is_path(statuses: Iterable[JobStatus], start: JobStatus = JobStatus.PENDING) -> bool:
    """Whether a sequence of statuses (as notified) is a walk through the lifecycle."""
    current = start
    for status in statuses:
        if not can_advance(current, status):
            return False
        current = status
    return True
