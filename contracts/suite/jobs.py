"""Properties of jobs through the public API: answers, idempotency, the list, deletion,
tenancy, and jobs that need no acknowledgement.

Each property submits its own jobs (harmless scripts) and finds them again in the job
list by the idempotency key the submit answer gave; the run deletes what stays pending.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any, Final
from uuid import UUID

from hypothesis import example, given
from hypothesis import strategies as st

from tikjobs.contracts.suite import checks
from tikjobs.contracts.suite.client import Answer
from tikjobs.contracts.suite.exceptions import ContractViolation, SuiteError
from tikjobs.contracts.suite.run import Run
from tikjobs.contracts.suite.strategies import (
    FAILING_SCRIPT,
    descriptions,
    harmless_script,
    https_urls,
    submission,
    submissions,
)

COMPARED: Final = ("description", "express_execute", "needs_acknowledgement", "make_backup")
DELETE_ATTEMPTS: Final = 3


def same_id(left: Any, right: Any) -> bool:
    """Whether two values name the same UUID (in any spelling)."""
    try:
        return UUID(str(left)) == UUID(str(right))
    except ValueError:
        return False


def agrees(job: dict[str, Any], body: dict[str, Any], what: str) -> None:
    """The job carries the fields it was submitted with."""
    for name in COMPARED:
        if job[name] != body[name]:
            raise ContractViolation(f"{what}: {name} is {job[name]!r}, submitted {body[name]!r}")


def answers_are_seed_shaped(run: Run) -> None:
    """Every answer is the seed's envelope with its field names, types and formats: the
    submit answer, the job list, the router list, and a refusal."""
    anonymous = run.api.request("GET", f"/api/routers/{run.api.router_id}/jobs", anonymous=True)
    if anonymous.status != 401:
        raise ContractViolation(
            f"the job list without an API key should be 401: {anonymous.brief()}"
        )
    checks.refusal(anonymous, "the job list without an API key")
    notify_url = st.none() | https_urls(run.target.notify_sink)

    @run.settings()
    @given(
        body=submissions(express=st.just(False), notify_url=notify_url),
        keyed=st.booleans(),
    )
    def check(body: dict[str, Any], keyed: bool) -> None:
        key = run.fresh_key() if keyed else None
        result = run.submitted(body, key=key)
        if not same_id(result["target"], run.api.router_id):
            raise ContractViolation(f"the submit answer's target is {result['target']}")
        if result["notify_url"] != body.get("notify_url"):
            raise ContractViolation(
                f"the submit answer's notify_url is {result['notify_url']!r}, "
                f"submitted {body.get('notify_url')!r}"
            )
        if key is not None and not same_id(result["idempotency_key"], key):
            raise ContractViolation(
                f"the submit answer's idempotency_key is {result['idempotency_key']}, "
                f"the request's Idempotency-Key {key}"
            )
        listing = checks.success(run.api.jobs(), "the job list")
        if not isinstance(listing, list):
            raise ContractViolation(f"the job list's data should be a list: {listing!r:.200}")
        for job in listing:
            checks.fields(job, checks.JOB, "a job in the list")
            checks.stamps_fit_status(job, f"job {job['id']}")
        routers = checks.success(run.api.routers(), "the router list")
        if not isinstance(routers, list):
            raise ContractViolation(f"the router list's data should be a list: {routers!r:.200}")
        for router in routers:
            checks.fields(router, checks.ROUTER, "a router in the list")
        if not any(same_id(router["id"], run.api.router_id) for router in routers):
            raise ContractViolation(f"the router list does not show {run.api.router_id}")

    check()


def idempotent_replay(run: Run) -> None:
    """The same request with the same Idempotency-Key answers the first answer again and
    creates nothing new."""

    @run.settings()
    @given(body=submissions(express=st.just(False)))
    def check(body: dict[str, Any]) -> None:
        key = run.fresh_key()
        first = run.submitted(body, key=key)
        again = run.submitted(body, key=key, what="the same request with its Idempotency-Key")
        if again != first:
            raise ContractViolation(
                f"the same request with Idempotency-Key {key} answered {again}, "
                f"the first time {first}"
            )
        copies = run.listed([first["idempotency_key"]], every_page=True)
        if len(copies) != 1:
            raise ContractViolation(
                f"a request sent twice with Idempotency-Key {key} made {len(copies)} jobs"
            )

    check()


def _other(body: dict[str, Any], change: str) -> dict[str, Any]:
    other = dict(body)
    if change == "description":
        other["description"] = ("other " + body["description"])[:100]
        if other["description"] == body["description"]:
            other["description"] = "other"
    elif change == "script":
        other["script"] = harmless_script(len(body["script"]) + 1, "other")
    else:
        other[change] = not body[change]
    return other


def idempotency_key_reuse(run: Run) -> None:
    """An Idempotency-Key sent again with another body is refused with 422 and changes
    nothing."""

    @run.settings()
    @given(
        body=submissions(express=st.just(False)),
        change=st.sampled_from(["description", "script", "needs_acknowledgement"]),
    )
    def check(body: dict[str, Any], change: str) -> None:
        key = run.fresh_key()
        first = run.submitted(body, key=key)
        answer = run.api.submit(_other(body, change), key=key)
        what = f"Idempotency-Key {key} sent again with another {change}"
        if answer.status != 422:
            raise ContractViolation(f"{what} should be refused with 422: {answer.brief()}")
        checks.refusal(answer, what)
        copies = run.listed([first["idempotency_key"]], every_page=True)
        if len(copies) != 1 or copies[0]["description"] != body["description"]:
            raise ContractViolation(f"{what} changed the jobs under the key: {copies!r:.300}")

    check()


def job_list(run: Run) -> None:
    """The job list shows every submitted job once, with the fields it was submitted with
    and timestamps that agree with its status."""

    @run.settings()
    @given(bodies=st.lists(submissions(express=run.express_values()), min_size=1, max_size=4))
    def check(bodies: list[dict[str, Any]]) -> None:
        keys = [run.submitted(body)["idempotency_key"] for body in bodies]
        jobs = run.jobs(keys)
        for key, body in zip(keys, bodies, strict=True):
            agrees(jobs[key], body, f"job {key} in the list")
            checks.stamps_fit_status(jobs[key], f"job {key}")

    check()


def refused_as_started(answer: Answer) -> bool:
    """Whether an answer is the 409 ``job_already_started`` (as a code or in the message)."""
    document = answer.document if isinstance(answer.document, dict) else {}
    return answer.status == 409 and "job_already_started" in (
        str(document.get("code", "")),
        *[word.strip(".,:;()") for word in str(document.get("message", "")).split()],
    )


def _delete_pending(run: Run, body: dict[str, Any]) -> None:
    for _ in range(DELETE_ATTEMPTS):
        key = run.submitted(body)["idempotency_key"]
        job = run.jobs([key])[key]
        answer = run.api.delete(job["id"])
        after = run.jobs([key])[key]
        if answer.status == 409 and after["status"] != "pending":
            # The router took it first. A check-in takes each queued job as the one
            # before it ends, until it finds the queue empty; one that has not found it
            # empty yet (it took this job just as the previous example's express job
            # ended) would take the next attempt's job too. Once this one has ended,
            # the check-in is over.
            run.ended([key])
            continue
        what = "deleting a pending job"
        if not 200 <= answer.status < 300:
            raise ContractViolation(f"{what} should succeed: {answer.brief()}")
        data = answer.document.get("data") if isinstance(answer.document, dict) else None
        if isinstance(data, dict) and "status" in data and data["status"] != "deleted":
            raise ContractViolation(f"{what} answered a job that is {data['status']}")
        if after["status"] != "deleted" or after["started_at"] is not None:
            raise ContractViolation(f"{what}: the list then shows it {after['status']}")
        checks.stamps_fit_status(after, "the deleted job")
        return
    raise SuiteError("the router took every job before it could be deleted")


def _delete_started(run: Run, key: str) -> None:
    job = run.started([key])[key]
    answer = run.api.delete(job["id"])
    what = f"deleting a {job['status']} job"
    if not refused_as_started(answer):
        raise ContractViolation(f"{what} should be 409 job_already_started: {answer.brief()}")
    checks.refusal(answer, what)
    after = run.jobs([key])[key]
    if after["status"] == "deleted":
        raise ContractViolation(f"{what} was refused, yet the job is now deleted")


def deletion(run: Run) -> None:
    """Deleting a pending job makes it deleted; deleting a job the router took is 409
    ``job_already_started`` and changes nothing."""

    @run.settings()
    @given(description=descriptions(), needs_ack=st.booleans(), fails=st.booleans())
    def check(description: str, needs_ack: bool, fails: bool) -> None:
        script = FAILING_SCRIPT if fails else harmless_script(40, "deletion")
        _delete_pending(run, submission(description, script, needs_ack=needs_ack))
        body = submission(description, script, express=True, needs_ack=needs_ack)
        key = run.submitted(body)["idempotency_key"]
        try:
            _delete_started(run, key)
        except ContractViolation:
            # Hypothesis runs a failing example again to report it: the job must end
            # first here too, or the replay's pending jobs are taken behind it and the
            # violation turns into "the router took every job".
            with contextlib.suppress(SuiteError):
                run.ended([key])
            raise
        # The next example's pending job must not queue behind this one: a router checked
        # in for an express job takes every job queued behind it as each one ends.
        run.ended([key])

    check()


Operation = Callable[[Run, str, dict[str, Any]], Answer]

_FOREIGN: Final[dict[str, Operation]] = {
    "list its jobs": lambda run, token, job: run.api.jobs(token=token),
    "submit a job to it": lambda run, token, job: run.api.submit(
        submission(f"tenancy {run.tag}", harmless_script(30, "tenancy")), token=token
    ),
    "run a synchronous command on it": lambda run, token, job: run.api.sync(
        "/system/resource/print", token=token
    ),
    "delete its job": lambda run, token, job: run.api.delete(job["id"], token=token),
    "read the router": lambda run, token, job: run.api.request(
        "GET", f"/api/routers/{run.api.router_id}", token=token
    ),
}


def tenancy(run: Run) -> None:
    """Another customer's key can neither see the router nor act on it: 403 or 404, and
    nothing changes."""
    other = run.target.second_token
    if other is None:
        raise SuiteError("no second token")
    routers = run.api.routers(token=other)
    if routers.status in (401, 403):
        raise SuiteError(f"the second token is not accepted: {routers.brief()}")
    listed = checks.success(routers, "the router list with the second key")
    if any(
        isinstance(router, dict) and same_id(router.get("id"), run.api.router_id)
        for router in listed
    ):
        raise ContractViolation("another customer's key lists the router")
    key = run.submitted(submission("tikjobs contract tenancy", harmless_script(30)))[
        "idempotency_key"
    ]
    job = run.jobs([key])[key]

    @run.settings()
    @given(operation=st.sampled_from(sorted(_FOREIGN)))
    @example(operation="list its jobs")
    def check(operation: str) -> None:
        answer = _FOREIGN[operation](run, other, job)
        if answer.status not in (403, 404):
            raise ContractViolation(
                f"another customer's key could {operation}: {answer.brief()} (expected 403 or 404)"
            )
        checks.refusal(answer, f"another customer's key trying to {operation}")
        if run.jobs([key])[key]["status"] == "deleted":
            raise ContractViolation(f"trying to {operation} with another key deleted the job")
        if operation == "submit a job to it" and any(
            isinstance(item, dict) and item.get("description") == f"tenancy {run.tag}"
            for item in checks.success(run.api.jobs(), "the job list")
        ):
            raise ContractViolation("another customer's key made a job on the router")

    check()


def unacknowledged_jobs(run: Run) -> None:
    """A job with needs_acknowledgement=false is completed once the router has it, even
    when its script fails, and is never reported running."""
    sink = run.target.notify_sink

    @run.settings()
    @given(
        description=descriptions(),
        express=run.express_values(),
        fails=st.booleans(),
        notify=st.booleans() if sink is not None else st.just(False),
    )
    def check(description: str, express: bool, fails: bool, notify: bool) -> None:
        script = FAILING_SCRIPT if fails else harmless_script(40, "no acknowledgement")
        body = submission(
            description,
            script,
            express=express,
            needs_ack=False,
            notify_url=sink if notify else None,
        )
        key = run.submitted(body)["idempotency_key"]
        if not express:
            run.api.poll()
        job = run.ended([key])[key]
        what = f"a job without acknowledgement ({'failing' if fails else 'harmless'} script)"
        agrees(job, body, what)
        if job["status"] != "completed":
            raise ContractViolation(f"{what} should end completed, not {job['status']}")
        checks.stamps_fit_status(job, what)
        if notify:
            statuses = [item.get("status") for item in run.notified(job["id"], "completed")]
            if "running" in statuses:
                raise ContractViolation(f"{what} was notified {statuses}: it never runs")

    check()
