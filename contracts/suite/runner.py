"""The suite's properties in order, and the runner that checks a target against them.

`PROPERTIES` lists every property with the extras it needs (`Need`); `run_suite` runs
them (or the chosen ones) one after the other on one `Run`, turns what each raised into
an `Outcome` — passed, failed (the contract is broken: the violation and the example
that shows it), skipped (an extra is missing), or error (the property could not be
checked, or the server answered something the suite could not read) — and cleans up
after each. `report_line` and `summary` format outcomes for
people.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Final

from tikjobs.contracts.suite import jobs, machine, notifications, synchronous, validation, writes
from tikjobs.contracts.suite.exceptions import ContractViolation, SuiteError
from tikjobs.contracts.suite.run import Run
from tikjobs.contracts.suite.target import Need, Target

Check = Callable[[Run], None]
NOTE_LIMIT: Final = 400


@dataclass(frozen=True)
class Property:
    """One promise of the contract and the check that tries to break it."""

    name: str
    check: Check
    needs: frozenset[Need] = frozenset()

    @property
    def title(self) -> str:
        """What the property promises: the first sentence of its check's docstring."""
        doc = " ".join((self.check.__doc__ or self.name).split())
        return doc


def _property(check: Check, *needs: Need) -> Property:
    return Property(check.__name__, check, frozenset(needs))


PROPERTIES: Final[tuple[Property, ...]] = (
    _property(jobs.answers_are_seed_shaped),
    _property(validation.description_length),
    _property(validation.script_length),
    _property(validation.required_booleans),
    _property(validation.notify_url_https),
    _property(validation.bad_bodies_refused),
    _property(jobs.idempotent_replay),
    _property(jobs.idempotency_key_reuse),
    _property(jobs.job_list),
    _property(jobs.deletion),
    _property(jobs.unacknowledged_jobs),
    _property(notifications.notifications_follow_lifecycle, Need.NOTIFY_SINK),
    _property(jobs.tenancy, Need.OTHER_CUSTOMER),
    _property(synchronous.synchronous_reads),
    _property(machine.lifecycle_machine),
    _property(writes.configuration_round_trip, Need.ALLOW_WRITES),
)
NAMES: Final = tuple(item.name for item in PROPERTIES)


class Verdict(Enum):
    PASSED = "PASS"
    FAILED = "FAIL"
    SKIPPED = "SKIP"
    ERROR = "ERROR"


@dataclass(frozen=True)
class Outcome:
    """What checking one property came to."""

    checked: Property
    verdict: Verdict
    detail: str = ""
    seconds: float = 0.0

    @property
    def name(self) -> str:
        return self.checked.name


def chosen(only: Collection[str] | None) -> list[Property]:
    """The properties named in ``only`` (all when ``None``), in the suite's order."""
    if only is None:
        return list(PROPERTIES)
    unknown = sorted(set(only) - set(NAMES))
    if unknown:
        raise ValueError(f"no such properties: {', '.join(unknown)}; known: {', '.join(NAMES)}")
    return [item for item in PROPERTIES if item.name in only]


def _noted(error: BaseException) -> str:
    notes = [
        note if len(note) <= NOTE_LIMIT else note[:NOTE_LIMIT] + "..."
        for note in getattr(error, "__notes__", [])
        if note.strip()
    ]
    return "\n".join([str(error), *notes])


def _unexpected(error: BaseException) -> str:
    return f"the suite could not read an answer: {type(error).__name__}: {_noted(error)}"


def check_property(run: Run, item: Property) -> Outcome:
    """Check one property on ``run``; never raises for what the server does."""
    missing = run.target.missing(item.needs)
    if missing:
        reason = "needs " + ", ".join(need.value for need in missing)
        return Outcome(item, Verdict.SKIPPED, reason)
    began = time.monotonic()
    try:
        try:
            item.check(run)
        finally:
            run.clean_up()
    except ContractViolation as violation:
        return Outcome(item, Verdict.FAILED, _noted(violation), time.monotonic() - began)
    except SuiteError as error:
        return Outcome(item, Verdict.ERROR, _noted(error), time.monotonic() - began)
    except ExceptionGroup as group:
        violations = group.subgroup(ContractViolation)
        if violations is None:
            return Outcome(item, Verdict.ERROR, _unexpected(group), time.monotonic() - began)
        first = violations.exceptions[0]
        detail = f"{_noted(first)}\n(it did not fail the same way when tried again)"
        return Outcome(item, Verdict.FAILED, detail, time.monotonic() - began)
    except Exception as error:
        return Outcome(item, Verdict.ERROR, _unexpected(error), time.monotonic() - began)
    return Outcome(item, Verdict.PASSED, "", time.monotonic() - began)


def run_suite(
    target: Target,
    *,
    only: Collection[str] | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Check ``target`` against the chosen properties; ``on_outcome`` sees each as it ends."""
    properties = chosen(only)
    run = Run(target)
    outcomes = []
    try:
        for item in properties:
            outcome = check_property(run, item)
            outcomes.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
    finally:
        run.close()
    return outcomes


def report_line(outcome: Outcome, width: int = max(map(len, NAMES))) -> str:
    """One property's outcome for people: verdict, name, what it promises, and why not."""
    took = f" ({outcome.seconds:.1f} s)" if outcome.verdict is not Verdict.SKIPPED else ""
    lines = [f"  {outcome.verdict.value:<5}  {outcome.name:<{width}}{took}".rstrip()]
    lines.append(f"         {outcome.checked.title}")
    lines.extend(f"         > {line}" for line in outcome.detail.splitlines() if line.strip())
    return "\n".join(lines)


def summary(outcomes: Iterable[Outcome]) -> str:
    """``15 properties: 12 passed, 1 failed, 2 skipped``."""
    listed = list(outcomes)
    counts = {verdict: sum(o.verdict is verdict for o in listed) for verdict in Verdict}
    words = {
        Verdict.PASSED: "passed",
        Verdict.FAILED: "failed",
        Verdict.SKIPPED: "skipped",
        Verdict.ERROR: "could not be checked",
    }
    parts = [f"{counts[verdict]} {words[verdict]}" for verdict in Verdict if counts[verdict]]
    return f"{len(listed)} properties: " + ", ".join(parts)


def succeeded(outcomes: Iterable[Outcome]) -> bool:
    """Whether no property failed or could not be checked."""
    return all(outcome.verdict in (Verdict.PASSED, Verdict.SKIPPED) for outcome in outcomes)
