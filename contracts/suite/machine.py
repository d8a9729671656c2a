"""The lifecycle state machine: random submits, deletes and check-ins against a dict model.

How this works
--------------
`JobLifecycle` is a hypothesis `RuleBasedStateMachine` whose rules act on the server —
submit a job (express or not, needing acknowledgement or not, a script that succeeds or
fails), delete one of its jobs, make the router check in (with the emulator's admin
token) — and whose model is a dict: idempotency key -> the status the job must have.
The agent acknowledges on its own; the model knows how each job ends (``completed``,
or ``failed`` for a failing script that needs acknowledgement).

A check-in drains the router's queue: every pending job runs, in submission order. An
express submission and the ``poll`` rule check in, so after them every pending job of
the model must end. The router may also check in on its own schedule, so after any step
the model's pending jobs are either all still pending or all ended. After every step
the invariant waits (within the target's bound) until the job list is in such a state,
failing at once when a job has ended otherwise than the model's (no status leaves a
final one, so no wait could settle it), then requires the list to equal the model: every
job present with its status, its submitted fields and timestamps that fit the status.
Rules are synchronous (plain httpx).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, ClassVar, Final

from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from tikjobs.contracts.lifecycle import TERMINAL
from tikjobs.contracts.suite import checks
from tikjobs.contracts.suite.exceptions import ContractViolation
from tikjobs.contracts.suite.jobs import agrees, refused_as_started
from tikjobs.contracts.suite.run import Jobs, Run, pauses
from tikjobs.contracts.suite.strategies import (
    FAILING_SCRIPT,
    descriptions,
    harmless_script,
    submission,
)

STEPS: Final = 10
ENDED: Final = frozenset(status.value for status in TERMINAL)


@dataclass
class Expected:
    """What the model knows of one job."""

    body: dict[str, Any]
    job_id: str
    status: str
    ending: str
    """How the job ends once the router runs it."""


class JobLifecycle(RuleBasedStateMachine):
    """The job lifecycle against the model; ``run`` is set on a subclass per suite run."""

    run: ClassVar[Run]

    def __init__(self) -> None:
        super().__init__()
        self.model: dict[str, Expected] = {}
        self.draining = False

    # -- rules --------------------------------------------------------------------------

    @initialize(
        description=descriptions(),
        express=st.booleans(),
        needs_ack=st.booleans(),
        fails=st.booleans(),
    )
    def first_job(self, description: str, express: bool, needs_ack: bool, fails: bool) -> None:
        self.submit(description, express, needs_ack, fails)

    @rule(
        description=descriptions(),
        express=st.booleans(),
        needs_ack=st.booleans(),
        fails=st.booleans(),
    )
    def submit(self, description: str, express: bool, needs_ack: bool, fails: bool) -> None:
        script = FAILING_SCRIPT if fails else harmless_script(30, "lifecycle")
        body = submission(description, script, express=express, needs_ack=needs_ack)
        key = self.run.submitted(body)["idempotency_key"]
        job = self.run.jobs([key])[key]
        ending = "failed" if fails and needs_ack else "completed"
        self.model[key] = Expected(body, job["id"], "pending", ending)
        self.draining = self.draining or express

    @precondition(lambda self: any(job.status != "deleted" for job in self.model.values()))
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        live = sorted(key for key, job in self.model.items() if job.status != "deleted")
        key = data.draw(st.sampled_from(live), label="job")
        expected = self.model[key]
        answer = self.run.api.delete(expected.job_id)
        if expected.status == "pending":
            if 200 <= answer.status < 300:
                expected.status = "deleted"
                return
            now = self.run.jobs([key])[key]["status"]
            if refused_as_started(answer) and now != "pending":
                return
            raise ContractViolation(f"deleting pending job {key} answered {answer.brief()}")
        if not refused_as_started(answer):
            raise ContractViolation(
                f"deleting {expected.status} job {key} should be 409 job_already_started: "
                f"{answer.brief()}"
            )

    @precondition(lambda self: self.run.can_poll)
    @rule()
    def poll(self) -> None:
        self.run.api.poll()
        self.draining = True

    def teardown(self) -> None:
        for expected in self.model.values():
            if expected.status == "pending":
                self.run.api.delete(expected.job_id)

    # -- the model ----------------------------------------------------------------------

    def _pending(self) -> list[str]:
        return [key for key, job in self.model.items() if job.status == "pending"]

    def _drained(self, jobs: Jobs) -> bool:
        return all(jobs[key]["status"] == self.model[key].ending for key in self._pending())

    def _settled(self, jobs: Jobs) -> bool:
        if any(
            jobs[key]["status"] != job.status
            for key, job in self.model.items()
            if job.status != "pending"
        ):
            return False
        if self._drained(jobs):
            return True
        return not self.draining and all(
            jobs[key]["status"] == "pending" for key in self._pending()
        )

    def _differences(self, jobs: Jobs) -> dict[str, str]:
        return {
            key: f"{jobs[key]['status']} (model: {job.status}, ends {job.ending})"
            for key, job in self.model.items()
            if jobs[key]["status"] != job.status
        }

    def _ended_otherwise(self, jobs: Jobs) -> dict[str, str]:
        """Jobs that ended on the server with another final status than the model's."""
        return {
            key: f"{jobs[key]['status']} (model: {job.status}, ends {job.ending})"
            for key, job in self.model.items()
            if jobs[key]["status"] in ENDED
            and jobs[key]["status"] != (job.ending if job.status == "pending" else job.status)
        }

    @invariant()
    def job_list_equals_model(self) -> None:
        if not self.model:
            return
        sleep = pauses()
        deadline = time.monotonic() + self.run.target.wait
        while True:
            jobs = self.run.jobs(list(self.model))
            if self._settled(jobs):
                break
            ended = self._ended_otherwise(jobs)
            if ended:
                raise ContractViolation(
                    f"jobs ended otherwise than the lifecycle allows the model: {ended}"
                )
            if time.monotonic() > deadline:
                raise ContractViolation(
                    "the job list never came to what the lifecycle allows: "
                    f"{self._differences(jobs)}"
                )
            sleep()
        if self._drained(jobs):
            for key in self._pending():
                self.model[key].status = self.model[key].ending
            self.draining = False
        wrong = self._differences(jobs)
        if wrong:
            raise ContractViolation(f"the job list differs from the model: {wrong}")
        for key, expected in self.model.items():
            agrees(jobs[key], expected.body, f"job {key} in the list")
            checks.stamps_fit_status(jobs[key], f"job {key}")


def lifecycle_machine(run: Run) -> None:
    """Random submits, deletes and check-ins: after every step the job list equals a
    dict model of the lifecycle."""
    machine = type("JobLifecycle", (JobLifecycle,), {"run": run})
    examples = max(3, run.target.max_examples)
    run_state_machine_as_test(machine, settings=run.settings(examples, stateful_step_count=STEPS))
