"""Each property catches the emulator breaking the contract in the corresponding way.

Each case starts a local MikroCloud whose emulator breaks rules on purpose
(`tests.contracts.breakage`) and checks the property that guards each rule: it must fail, with
a violation that says what was wrong (one of the ``|``-separated phrases). Together with
`test_suite`, where every property holds for the unbroken emulator, this shows the
properties are neither vacuous nor blind.
"""

from __future__ import annotations

from typing import Final

import pytest

from tests.contracts.breakage import Breakage, broken_emulator
from tikjobs.contracts.local import POLL_INTERVAL, local_cloud
from tikjobs.contracts.suite import Verdict, run_suite

EXAMPLES = 5
WAIT = 10.0

GROUPS: list[list[tuple[Breakage, str, str]]] = [
    [
        (Breakage.LONG_DESCRIPTION, "description_length", "description of 101 characters"),
        (Breakage.LONG_SCRIPT, "script_length", "script of 2001 characters"),
        (Breakage.LOOSE_BOOLEANS, "required_booleans", "should be refused"),
        (Breakage.PLAIN_HTTP_NOTIFY_URL, "notify_url_https", "notify_url="),
        (Breakage.SERVER_ERROR_ON_BAD_BODY, "bad_bodies_refused", "a server error instead"),
    ],
    [
        (Breakage.CONFLICT_UNCODED, "deletion", "should be 409 job_already_started"),
        (Breakage.TENANCY_LEAK, "tenancy", "another customer's key"),
        (Breakage.NOTIFICATION_ORDER, "notifications_follow_lifecycle", "not strictly increasing"),
        (Breakage.SYNC_VALUES_TYPED, "synchronous_reads", "should be a string"),
    ],
    [
        (Breakage.ACKNOWLEDGEMENT_IGNORED, "unacknowledged_jobs", "needs_acknowledgement"),
        (Breakage.SYNC_KEYS_RAW, "synchronous_reads", "is not normalised"),
    ],
    [(Breakage.TIMESTAMP_FORMAT, "answers_are_seed_shaped", "is not a timestamp like")],
    [(Breakage.IDEMPOTENCY_IGNORED, "idempotent_replay", "Idempotency-Key")],
    [(Breakage.IDEMPOTENCY_BODY_IGNORED, "idempotency_key_reuse", "should be refused with 422")],
    [
        (Breakage.JOB_LIST_STALE, "job_list", "does not show the job"),
        (Breakage.JOB_LIST_STALE, "lifecycle_machine", "does not show the job"),
    ],
    [
        (Breakage.DELETION_LOST, "deletion", "deleting a pending job"),
        (Breakage.DELETION_LOST, "lifecycle_machine", "job_already_started|model: deleted"),
    ],
]
"""Cases run on one emulator together only when each breakage touches no other case's
property, so each property still fails for its own breakage alone."""
PROMPT_CHECK_IN: Final = frozenset({Breakage.DELETION_LOST})
"""Breakages shown sooner when the router checks in often: a job deleted in vain ends
(and the lifecycle machine sees it end otherwise than deleted) at the next check-in."""
PROMPT_POLL_INTERVAL: Final = 0.5


def test_every_breakage_is_caught_by_some_case() -> None:
    assert {breakage for group in GROUPS for breakage, _, _ in group} == set(Breakage)


@pytest.mark.parametrize(
    "group", GROUPS, ids=["+".join(sorted({b.value for b, _, _ in g})) for g in GROUPS]
)
def test_each_property_fails_when_the_emulator_breaks_its_rule(
    group: list[tuple[Breakage, str, str]],
) -> None:
    breakage = sorted({breakage for breakage, _, _ in group})
    poll_interval = PROMPT_POLL_INTERVAL if PROMPT_CHECK_IN & set(breakage) else POLL_INTERVAL
    with local_cloud(emulator_app=broken_emulator(breakage), poll_interval=poll_interval) as cloud:
        target = cloud.target(max_examples=EXAMPLES, wait=WAIT)
        outcomes = run_suite(target, only=[name for _, name, _ in group])

    by_name = {outcome.name: outcome for outcome in outcomes}
    for broken, name, said in group:
        outcome = by_name[name]
        assert outcome.verdict is Verdict.FAILED, (broken, outcome)
        assert any(phrase in outcome.detail for phrase in said.split("|")), outcome.detail
