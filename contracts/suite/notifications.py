"""The notifications property: what a sink receives for each job tells its lifecycle.

Jobs are submitted with the sink as notify_url; some run (express, or when the suite
makes the router check in), some are deleted while pending. Once every job has ended,
the sink must hold, for each job and in the order they arrived, notifications whose
statuses walk the lifecycle (`contracts.lifecycle.is_path`) to the job's final status,
whose seq_id strictly increases, whose fields agree with the job, and — for a job that
needs no acknowledgement — no ``running``. A notification delivered twice (same seq_id)
counts once, as Standard Webhooks receivers deduplicate.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Final

from hypothesis import given
from hypothesis import strategies as st

from tikjobs.contracts.api import JobStatus
from tikjobs.contracts.lifecycle import is_path
from tikjobs.contracts.suite import checks
from tikjobs.contracts.suite.exceptions import ContractViolation, SuiteError
from tikjobs.contracts.suite.jobs import agrees, same_id
from tikjobs.contracts.suite.run import Run
from tikjobs.contracts.suite.strategies import (
    FAILING_SCRIPT,
    descriptions,
    harmless_script,
    submission,
)

AGREEING: Final = ("started_at", "completed_at", "failed_at", "deleted_at", "status")
"""Fields the last notification of a job shares with the job as the list shows it."""


@dataclass(frozen=True)
class Plan:
    """One job of an example: how it is submitted and whether it is deleted at once."""

    description: str
    express: bool
    needs_ack: bool
    fails: bool
    delete: bool

    def body(self, sink: str) -> dict[str, Any]:
        script = FAILING_SCRIPT if self.fails else harmless_script(40, "notifications")
        return submission(
            self.description,
            script,
            express=self.express,
            needs_ack=self.needs_ack,
            notify_url=sink,
        )


def _plans(can_poll: bool) -> st.SearchStrategy[Plan]:
    def plan(description: str, express: bool, needs_ack: bool, fails: bool, delete: bool) -> Plan:
        stays_pending = not express and not can_poll
        return Plan(
            description, express, needs_ack, fails, (delete or stays_pending) and not express
        )

    return st.builds(
        plan, descriptions(), st.booleans(), st.booleans(), st.booleans(), st.booleans()
    )


def distinct(received: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Notifications in arrival order, each seq_id once."""
    seen: set[Any] = set()
    kept = []
    for body in received:
        if body.get("seq_id") not in seen:
            seen.add(body.get("seq_id"))
            kept.append(body)
    return kept


def check_job_notifications(
    run: Run, job: dict[str, Any], body: dict[str, Any], received: list[dict[str, Any]]
) -> None:
    """One job's notifications against the lifecycle and the job."""
    what = f"the notifications of job {job['id']}"
    for item in received:
        checks.fields(item, checks.NOTIFICATION, f"a notification of job {job['id']}")
        checks.stamps_fit_status(item, f"a {item['status']} notification of job {job['id']}")
        agrees(item, body, f"a notification of job {job['id']}")
        if not (
            same_id(item["job_id"], job["id"]) and same_id(item["router_id"], run.api.router_id)
        ):
            raise ContractViolation(f"{what}: job_id or router_id does not match: {item!r:.300}")
        if not same_id(item["idempotency_key"], job["idempotency_key"]):
            raise ContractViolation(
                f"{what}: idempotency_key {item['idempotency_key']} is not the job's"
            )
    statuses = [item["status"] for item in received]
    if not is_path(JobStatus(status) for status in statuses):
        raise ContractViolation(
            f"{what} arrived as {statuses}: not a path of the lifecycle "
            "(pending -> loaded -> running -> completed | failed; pending -> deleted)"
        )
    numbers = [item["seq_id"] for item in received]
    if any(later <= earlier for earlier, later in itertools.pairwise(numbers)):
        raise ContractViolation(f"{what} arrived with seq_id {numbers}: not strictly increasing")
    last = received[-1]
    for name in AGREEING:
        if last[name] != job[name]:
            raise ContractViolation(
                f"{what}: the last one says {name}={last[name]!r}, the job list {job[name]!r}"
            )
    if not job["needs_acknowledgement"] and "running" in statuses:
        raise ContractViolation(
            f"{what} arrived as {statuses}: a job without acknowledgement never runs"
        )


def notifications_follow_lifecycle(run: Run) -> None:
    """Each job's notifications walk the lifecycle in order, seq_id strictly increases,
    and every payload agrees with its job."""
    sink = run.target.notify_sink
    if sink is None:
        raise SuiteError("no notification sink")

    @run.settings()
    @given(plans=st.lists(_plans(run.can_poll), min_size=1, max_size=3))
    def check(plans: list[Plan]) -> None:
        bodies: dict[str, dict[str, Any]] = {}
        for plan in plans:
            body = plan.body(sink)
            key = run.submitted(body)["idempotency_key"]
            bodies[key] = body
            if plan.delete:
                run.api.delete(run.jobs([key])[key]["id"])
        if any(not plan.express and not plan.delete for plan in plans):
            run.api.poll()
        jobs = run.ended(list(bodies))
        customers: set[str] = set()
        numbers: list[int] = []
        for key, job in jobs.items():
            received = distinct(run.notified(job["id"], job["status"]))
            check_job_notifications(run, job, bodies[key], received)
            customers.update(item["customer_id"] for item in received)
            numbers.extend(item["seq_id"] for item in received)
        if len(customers) != 1:
            raise ContractViolation(f"one customer's notifications name customers {customers}")
        if len(set(numbers)) != len(numbers):
            raise ContractViolation(f"different notifications share a seq_id: {sorted(numbers)}")

    check()
