"""One run of the suite against a target: its clients, its hypothesis settings, its jobs.

Every property gets the same `Run`. It submits jobs and remembers their idempotency
keys, finds them again in the job list (across its pages), waits — polling with a
growing interval, within the target's bound — until they reach the statuses a property
expects, and at the end deletes whatever it left pending, so a real account is left as
it was found (apart from finished jobs and log lines).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Mapping
from typing import Any, Final
from uuid import uuid4

from hypothesis import HealthCheck, Phase, Verbosity, settings
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from tikjobs.contracts.suite import checks
from tikjobs.contracts.suite.client import Api, Inbox
from tikjobs.contracts.suite.exceptions import ContractViolation, SuiteError
from tikjobs.contracts.suite.target import Target

FIRST_PAUSE: Final = 0.02
LONGEST_PAUSE: Final = 1.0

Jobs = dict[str, dict[str, Any]]
"""Jobs of the list by idempotency key."""


def pauses() -> Callable[[], None]:
    """A sleep that grows from 20 ms to 1 s, for polling a remote state."""
    pause = FIRST_PAUSE

    def sleep() -> None:
        nonlocal pause
        time.sleep(pause)
        pause = min(pause * 1.5, LONGEST_PAUSE)

    return sleep


class Run:
    """The clients and the bookkeeping one run of the suite shares between properties."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.api = Api(target)
        self.inbox = (
            Inbox(target.notify_sink, target.notify_sink_ca)
            if target.notify_sink is not None
            else None
        )
        self.tag = uuid4().hex[:8]
        self.made: list[str] = []

    def close(self) -> None:
        self.api.close()
        if self.inbox is not None:
            self.inbox.close()

    @property
    def can_poll(self) -> bool:
        """Whether the suite can make the router check in (the emulator's admin token)."""
        return self.target.admin_token is not None

    @staticmethod
    def fresh_key() -> str:
        """An Idempotency-Key no request used before: keys live on the server for a day
        or more, so a drawn value could clash with an earlier example or run."""
        return str(uuid4())

    def express_values(self) -> SearchStrategy[bool]:
        """express_execute values for jobs that must run: either, when the suite can make
        the router check in; otherwise only express jobs run without waiting."""
        return st.booleans() if self.can_poll else st.just(True)

    def settings(self, examples: int | None = None, **overrides: Any) -> settings:
        """Hypothesis settings for a property: bounded, quiet, no example database."""
        phases = [Phase.explicit, Phase.reuse, Phase.generate]
        if self.target.shrink:
            phases.append(Phase.shrink)
        return settings(
            max_examples=examples or self.target.max_examples,
            deadline=None,
            database=None,
            phases=phases,
            suppress_health_check=list(HealthCheck),
            verbosity=Verbosity.quiet,
            report_multiple_bugs=False,
            print_blob=False,
            **overrides,
        )

    # -- jobs ---------------------------------------------------------------------------

    def submitted(
        self, body: Mapping[str, Any], *, key: str | None = None, what: str = "a valid job"
    ) -> dict[str, Any]:
        """Submit a valid job; its answer, checked to be the seed's submit answer."""
        answer = self.api.submit(body, key=key)
        result = checks.fields(
            checks.success(answer, what), checks.SUBMIT_RESULT, "the submit answer"
        )
        self.made.append(result["idempotency_key"])
        return result

    def listed(self, keys: Collection[str], *, every_page: bool = False) -> list[dict[str, Any]]:
        """Every job of the list with one of these idempotency keys (newest first);
        pages are read until each key was seen, or all of them with ``every_page``."""
        wanted = set(keys)
        seen: list[dict[str, Any]] = []
        for page in self.api.job_pages():
            listing = checks.success(page, "the job list")
            if not isinstance(listing, list):
                raise ContractViolation(f"the job list should be a JSON list: {page.brief()}")
            seen.extend(
                job
                for job in listing
                if isinstance(job, dict) and job.get("idempotency_key") in wanted
            )
            if not every_page and wanted <= {job["idempotency_key"] for job in seen}:
                break
        return seen

    def find_jobs(self, keys: Collection[str]) -> Jobs:
        """The jobs with these idempotency keys that the job list shows."""
        found: Jobs = {}
        for job in self.listed(keys):
            found.setdefault(job["idempotency_key"], job)
        return found

    def jobs(self, keys: Collection[str]) -> Jobs:
        """The jobs with these keys, each checked to be a well-formed job of the list."""
        found = self.find_jobs(keys)
        for key in keys:
            if key not in found:
                raise ContractViolation(f"the job list does not show the job submitted as {key}")
            checks.fields(found[key], checks.JOB, f"job {key} in the list")
        return found

    def wait_for(self, keys: Collection[str], done: Callable[[Jobs], bool], what: str) -> Jobs:
        """The jobs once ``done`` holds for them; a violation after the target's wait."""
        deadline = time.monotonic() + self.target.wait
        sleep = pauses()
        while True:
            jobs = self.jobs(keys)
            if done(jobs):
                return jobs
            if time.monotonic() > deadline:
                shown = {key: job["status"] for key, job in jobs.items()}
                raise ContractViolation(
                    f"{what} within {self.target.wait:g} s; the jobs are {shown}"
                )
            sleep()

    def ended(self, keys: Collection[str]) -> Jobs:
        """The jobs once each is completed, failed or deleted."""
        return self.wait_for(
            keys,
            lambda jobs: all(job["status"] in checks.TERMINAL for job in jobs.values()),
            "the jobs did not end",
        )

    def started(self, keys: Collection[str]) -> Jobs:
        """The jobs once the router has taken each of them."""
        return self.wait_for(
            keys,
            lambda jobs: all(job["status"] != "pending" for job in jobs.values()),
            "the router did not take the jobs",
        )

    def notified(self, job_id: str, final: str) -> list[dict[str, Any]]:
        """The notifications the sink received for a job, once one reports ``final``."""
        if self.inbox is None:
            raise SuiteError("no notification sink to read")
        deadline = time.monotonic() + self.target.wait
        sleep = pauses()
        while True:
            received = self.inbox.received(job_id)
            if any(body.get("status") == final for body in received):
                return received
            if time.monotonic() > deadline:
                shown = [body.get("status") for body in received]
                raise ContractViolation(
                    f"no {final} notification for job {job_id} arrived within "
                    f"{self.target.wait:g} s; the sink has {shown}"
                )
            sleep()

    def clean_up(self) -> None:
        """Delete the jobs this run made that are still pending."""
        made, self.made = self.made, []
        for key, job in self.find_jobs(made).items():
            if job.get("status") == "pending" and isinstance(job.get("id"), str):
                self.api.delete(job["id"])
            elif job.get("status") in ("loaded", "running"):
                self.made.append(key)
