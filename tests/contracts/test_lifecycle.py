"""The lifecycle table pinned by hand from the seed, and what the tunnel derives from it.

The expected table below is written out from the seed ("Executing Jobs"), not computed
from the product's table: a job is posted ``pending``, the router takes it (``loaded``),
runs it (``running``) and it ends ``completed`` or ``failed``; a client may delete a job
the router has not taken; with ``needs_acknowledgement`` false the job is completed as
soon as the router has it. A change to the product's table fails here until this file
says the same.
"""

from __future__ import annotations

import json

import pytest

from tikjobs.contracts.api import JobStatus
from tikjobs.contracts.lifecycle import (
    CAUSED_BY,
    TERMINAL,
    TRANSITIONS,
    is_path,
    report_events,
)
from tikjobs.contracts.tunnel import FrameError, JobReport, parse_agent_frame

EXPECTED: dict[tuple[str, str], str] = {
    # The router's agent reports what the router did with a pending job.
    ("pending", "load"): "loaded",
    ("pending", "fail"): "failed",  # the backup before the script failed
    # The client deletes a job the router has not taken.
    ("pending", "delete"): "deleted",
    # The router never came for it.
    ("pending", "wait_timeout"): "failed",
    # The router has it: it runs, ends, or fails before it runs.
    ("loaded", "run"): "running",
    ("loaded", "complete"): "completed",
    ("loaded", "fail"): "failed",
    ("loaded", "run_timeout"): "failed",
    # needs_acknowledgement=false: "marked as completed immediately".
    ("loaded", "hand_over"): "completed",
    ("running", "complete"): "completed",
    ("running", "fail"): "failed",
    ("running", "run_timeout"): "failed",
}

EXPECTED_CAUSES: dict[str, str] = {
    "load": "agent",
    "run": "agent",
    "complete": "agent",
    "fail": "agent",
    "delete": "client",
    "wait_timeout": "engine",
    "run_timeout": "engine",
    "hand_over": "engine",
}


def test_the_table_is_the_seeds_lifecycle() -> None:
    table = {(old.value, event.value): new.value for (old, event), new in TRANSITIONS.items()}
    assert table == EXPECTED


def test_each_event_has_the_cause_the_seed_gives_it() -> None:
    assert {event.value: actor.value for event, actor in CAUSED_BY.items()} == EXPECTED_CAUSES


def test_completed_failed_and_deleted_are_final() -> None:
    assert {status.value for status in TERMINAL} == {"completed", "failed", "deleted"}
    for status in TERMINAL:
        for later in JobStatus:
            assert not is_path([later], start=status)


def _report_frame(status: str) -> str:
    return json.dumps(
        {
            "type": "job_report",
            "job_id": "00000000-0000-0000-0000-000000000001",
            "idempotency_key": "00000000-0000-0000-0000-000000000004",
            "status": status,
            "at": "2024-05-28T06:14:19+00:00",
        }
    )


@pytest.mark.parametrize("status", ["loaded", "running", "completed", "failed"])
def test_an_agent_reports_what_the_router_did(status: str) -> None:
    frame = parse_agent_frame(_report_frame(status))
    assert isinstance(frame, JobReport)
    assert frame.status.value == status


@pytest.mark.parametrize("status", ["pending", "deleted"])
def test_an_agent_cannot_report_what_only_the_cloud_decides(status: str) -> None:
    with pytest.raises(FrameError, match=r"job_report\.status") as refused:
        parse_agent_frame(_report_frame(status))
    assert "'loaded'" in str(refused.value)


@pytest.mark.parametrize(
    ("reported", "current", "events"),
    [
        ("loaded", "pending", ["load"]),
        ("completed", "loaded", ["hand_over"]),
        ("completed", "pending", ["load", "hand_over"]),
        ("failed", "pending", ["fail"]),
        ("failed", "loaded", ["fail"]),
        ("running", "loaded", ["hand_over"]),
        ("running", "completed", ["hand_over"]),
        ("failed", "completed", ["hand_over"]),
        ("completed", "completed", []),
    ],
)
def test_a_job_without_acknowledgement_completes_once_the_router_has_its_script(
    reported: str, current: str, events: list[str]
) -> None:
    caused = report_events(JobStatus(reported), JobStatus(current), needs_acknowledgement=False)
    assert [event.value for event in caused] == events


@pytest.mark.parametrize(
    ("reported", "current", "events"),
    [
        ("loaded", "pending", ["load"]),
        ("running", "loaded", ["run"]),
        ("completed", "running", ["complete"]),
        ("failed", "running", ["fail"]),
        ("running", "running", []),
    ],
)
def test_a_job_with_acknowledgement_follows_each_report(
    reported: str, current: str, events: list[str]
) -> None:
    caused = report_events(JobStatus(reported), JobStatus(current), needs_acknowledgement=True)
    assert [event.value for event in caused] == events
