"""The named steps of a job's path through the cloud, the agent and the router.

How this works
--------------
A job goes through the same steps on every run. Each side calls `crash_point` with the
step's name and the job's idempotency key when it has just done that step and before it
does the next one::

    cloud   offer sent                 the JobOffer frame left on the router's tunnel
    agent   offer received             the offer arrived, before it is queued
    agent   loaded reported            the ``loaded`` report left, its ack not yet in
    cloud   loaded accepted            ``loaded`` stored with its notification, ack not sent
    agent   loaded acknowledged        the cloud accepted ``loaded``; nothing touched the router
    agent   backup taken               backup and export fetched over SFTP, not uploaded
    cloud   backup stored              an uploaded file is stored, its ack not sent
    agent   backup uploaded            the cloud acknowledged every file of the backup
    agent   running reported           the ``running`` report left, its ack not yet in
    cloud   running accepted           ``running`` stored with its notification, ack not sent
    agent   rollback armed             safe apply: configuration saved, restore entry added
    agent   started noted              "started" is on disk in the ledger; the script not sent
    router  marker written             the wrapped script's first line made the marker
    router  script finished            the finish line is about to mark it finished
    agent   script answered            the router answered the run (or the hand-over)
    agent   change confirmed           safe apply: fresh login and check passed, entry removed
    agent   rollback decided           safe apply: the decision to roll back is on disk
    router  restore fired              safe apply: the router loaded the saved backup
    agent   restore seen               safe apply: "restored" is on disk; not yet verified
    agent   outcome noted              the outcome is on disk in the ledger, not reported
    agent   outcome reported           the terminal report left, its ack not yet in
    cloud   outcome accepted           the terminal status stored with its notification
    agent   outcome acknowledged       the cloud acknowledged the terminal report
    cloud   notification delivered     the receiver answered 2xx; not yet recorded

`crash_point` does nothing: it is the place where a crash-point test stops a process at
exactly that step (``tests/crash`` replaces it in the processes it starts, by a bootstrap
given on their command line). Nothing in the installed package turns it on; no setting,
flag or environment variable reaches it. The router's steps happen inside the router
(RouterOS runs the script, the scheduler loads the backup); the simulator's tests see
them from its commands. The ``safe apply`` steps are taken only by jobs with
``rollback_after``; a job whose change is kept never takes the rollback's three.
"""

from __future__ import annotations

import enum


class Side(enum.Enum):
    """Who takes a step."""

    CLOUD = "cloud"
    AGENT = "agent"
    ROUTER = "router"


class Step(enum.Enum):
    """One named step of a job's path; the value is how it is printed."""

    OFFER_SENT = "offer sent"
    OFFER_RECEIVED = "offer received"
    LOADED_REPORTED = "loaded reported"
    LOADED_ACCEPTED = "loaded accepted"
    LOADED_ACKNOWLEDGED = "loaded acknowledged"
    BACKUP_TAKEN = "backup taken"
    BACKUP_STORED = "backup stored"
    BACKUP_UPLOADED = "backup uploaded"
    RUNNING_REPORTED = "running reported"
    RUNNING_ACCEPTED = "running accepted"
    ROLLBACK_ARMED = "rollback armed"
    STARTED_NOTED = "started noted"
    MARKER_WRITTEN = "marker written"
    SCRIPT_FINISHED = "script finished"
    SCRIPT_ANSWERED = "script answered"
    CHANGE_CONFIRMED = "change confirmed"
    ROLLBACK_DECIDED = "rollback decided"
    RESTORE_FIRED = "restore fired"
    RESTORE_SEEN = "restore seen"
    OUTCOME_NOTED = "outcome noted"
    OUTCOME_REPORTED = "outcome reported"
    OUTCOME_ACCEPTED = "outcome accepted"
    OUTCOME_ACKNOWLEDGED = "outcome acknowledged"
    NOTIFICATION_DELIVERED = "notification delivered"

    @property
    def side(self) -> Side:
        return _SIDES[self]

    @property
    def needs_backup(self) -> bool:
        """Taken only by jobs with ``make_backup``."""
        return self in {Step.BACKUP_TAKEN, Step.BACKUP_STORED, Step.BACKUP_UPLOADED}

    @property
    def needs_acknowledgement(self) -> bool:
        """Taken only by jobs with ``needs_acknowledgement`` (the others are handed over
        without a ``running`` report)."""
        return self in {Step.RUNNING_REPORTED, Step.RUNNING_ACCEPTED}

    @property
    def needs_rollback(self) -> bool:
        """Taken only by safe-apply jobs (``rollback_after``)."""
        return self in SAFE_APPLY_STEPS

    @property
    def keeps_change(self) -> bool:
        """Taken only by a safe-apply job whose change is kept."""
        return self is Step.CHANGE_CONFIRMED

    @property
    def rolls_back(self) -> bool:
        """Taken only by a safe-apply job whose change is not kept."""
        return self in {Step.ROLLBACK_DECIDED, Step.RESTORE_FIRED, Step.RESTORE_SEEN}


SAFE_APPLY_STEPS = frozenset(
    {
        Step.ROLLBACK_ARMED,
        Step.CHANGE_CONFIRMED,
        Step.ROLLBACK_DECIDED,
        Step.RESTORE_FIRED,
        Step.RESTORE_SEEN,
    }
)


_CLOUD = {
    Step.OFFER_SENT,
    Step.LOADED_ACCEPTED,
    Step.BACKUP_STORED,
    Step.RUNNING_ACCEPTED,
    Step.OUTCOME_ACCEPTED,
    Step.NOTIFICATION_DELIVERED,
}
_ROUTER = {Step.MARKER_WRITTEN, Step.SCRIPT_FINISHED, Step.RESTORE_FIRED}
_SIDES = {
    step: Side.CLOUD if step in _CLOUD else Side.ROUTER if step in _ROUTER else Side.AGENT
    for step in Step
}


def crash_point(step: Step, key: str) -> None:
    """The job with idempotency key ``key`` has just taken ``step``; does nothing."""
