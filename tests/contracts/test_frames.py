"""Tunnel frames: every frame survives its own JSON, and a bad one is refused with the
field at fault named."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tikjobs.contracts.status import JobStatus
from tikjobs.contracts.tunnel import (
    FrameError,
    Hello,
    JobOffer,
    JobReport,
    RouterFacts,
    SyncRequest,
    SyncResult,
    Trap,
    as_data,
    dump_frame,
    parse_agent_frame,
    parse_cloud_frame,
)

AGENT_FRAMES = [
    Hello(agent_version="1.2.3", router=RouterFacts(identity="edge-1", software_version="7.15")),
    JobReport(
        job_id="j",
        idempotency_key="k",
        status=JobStatus.COMPLETED,
        at=datetime(2026, 12, 3, 16, 0, 0, tzinfo=UTC),
        output="done",
    ),
    SyncResult(
        request_id="r",
        rows=[{".id": "*1", "address": "10.0.0.1/24"}],
        ret="*2",
        traps=[Trap(message="no such item", category=2)],
    ),
    SyncResult(request_id="r", timed_out=True),
]
CLOUD_FRAMES = [
    SyncRequest(request_id="r", command="/ip/address/print", words=["?disabled=no"], timeout=5.0),
    JobOffer(
        job_id="j",
        idempotency_key="k",
        token="t",
        description="d",
        script=":log info x",
        make_backup=False,
        needs_acknowledgement=True,
        timeout=30.0,
        rollback_after=60,
    ),
]


@pytest.mark.parametrize("frame", AGENT_FRAMES, ids=lambda frame: type(frame).__name__)
def test_an_agent_frame_reads_back_as_itself(frame: object) -> None:
    assert parse_agent_frame(dump_frame(frame)) == frame  # type: ignore[arg-type]


@pytest.mark.parametrize("frame", CLOUD_FRAMES, ids=lambda frame: type(frame).__name__)
def test_a_cloud_frame_reads_back_as_itself(frame: object) -> None:
    assert parse_cloud_frame(dump_frame(frame)) == frame  # type: ignore[arg-type]


def _sync_result(**changes: object) -> str:
    data = json.loads(dump_frame(AGENT_FRAMES[2]))
    data.update(changes)
    return json.dumps({name: value for name, value in data.items() if value is not ...})


@pytest.mark.parametrize(
    ("message", "problem"),
    [
        ("not json", "frame: Invalid JSON"),
        ("[1, 2]", "frame: Input should be a JSON object"),
        ('{"type": "sync_request"}', "type: 'sync_request' does not match any of the expected"),
        (_sync_result(request_id=...), "sync_result.request_id: Field required"),
        (_sync_result(colour="red"), "sync_result.colour: Extra inputs are not permitted"),
        (_sync_result(rows={"a": "b"}), "sync_result.rows: Input should be a valid list"),
        (_sync_result(rows=[{"a": 1}]), "sync_result.rows.0.a: Input should be a valid string"),
        (
            _sync_result(rows=[{"a": "x"}, {"b": None}]),
            "sync_result.rows.1.b: Input should be a valid string",
        ),
        (_sync_result(rows=[{"a": "x"}, 5]), "sync_result.rows.1: Input should be a valid dict"),
        (
            _sync_result(traps=[{"message": "m", "category": "two"}]),
            "sync_result.traps.0.category: Input should be a valid integer",
        ),
        (_sync_result(traps=[{}]), "sync_result.traps.0.message: Field required"),
        (_sync_result(timed_out="yes"), "sync_result.timed_out: Input should be a valid boolean"),
        (_sync_result(ret=7), "sync_result.ret: Input should be a valid string"),
    ],
)
def test_a_bad_agent_frame_names_the_field_at_fault(message: str, problem: str) -> None:
    with pytest.raises(FrameError) as refused:
        parse_agent_frame(message)
    assert str(refused.value).startswith(problem)


def test_a_report_of_a_status_an_agent_may_not_report_names_the_ones_it_may() -> None:
    frame = json.loads(dump_frame(AGENT_FRAMES[1]))
    frame["status"] = "queued"
    with pytest.raises(FrameError) as refused:
        parse_agent_frame(json.dumps(frame))
    assert str(refused.value) == (
        "job_report.status: Input should be 'loaded', 'running', 'completed' or 'failed'"
    )


def test_every_problem_of_a_frame_is_named_at_once() -> None:
    with pytest.raises(FrameError) as refused:
        parse_agent_frame(_sync_result(request_id=..., timed_out=1, colour="red"))
    assert str(refused.value) == (
        "sync_result.request_id: Field required; "
        "sync_result.timed_out: Input should be a valid boolean; "
        "sync_result.colour: Extra inputs are not permitted"
    )


JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def damaged_frames(draw: st.DrawFn) -> Any:
    """Any JSON value, or a real frame with up to three of its fields given any JSON."""
    if draw(st.booleans()):
        return draw(JSON_VALUE)
    frame: dict[str, Any] = as_data(draw(st.sampled_from(AGENT_FRAMES + CLOUD_FRAMES)))
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(sorted(frame.keys() - {"type"}) or ["type"]))
        frame[name] = draw(JSON_VALUE)
    return frame


@given(message=damaged_frames())
def test_any_message_is_a_frame_or_a_frame_error(message: Any) -> None:
    """A peer that sends anything at all gets a tunnel closed with a reason, never a
    failure of the reader: the parsers answer a frame or a `FrameError` naming a field."""
    text = json.dumps(message)
    for parse in (parse_agent_frame, parse_cloud_frame):
        refusal = ""
        try:
            parse(text)
        except FrameError as error:
            refusal = str(error) or "(no reason)"
        assert refusal != "(no reason)"
