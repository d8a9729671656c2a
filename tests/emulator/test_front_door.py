"""The hot routes' front door on a real server: what it passes on to FastAPI is observed
once, and a bug behind it is a logged 500 like anywhere else in the API; and the bodies
it reads itself are the models FastAPI would have made of them."""

from __future__ import annotations

import json
import logging
from typing import Any, NoReturn
from uuid import RFC_4122, UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st
from prometheus_client.parser import text_string_to_metric_families
from pydantic import BaseModel, ValidationError

from tests.emulator.api_harness import SEED_JOB, EmulatorThread, refused
from tikjobs.contracts.api import PLAIN_HTTP_NOTIFY_URL, AsynchronousRequest, SynchronousRequest
from tikjobs.emulator.api import jobs, synchronous

SYNC_ROUTE = "/api/synchronous/{router_id}"


def requests_counted(emulator: EmulatorThread, route: str, status: str) -> float:
    with emulator.admin() as admin:
        exposition = admin.get("/metrics").text
    for family in text_string_to_metric_families(exposition):
        for sample in family.samples:
            if sample.name == "tikjobs_http_requests_total" and sample.labels == {
                "route": route,
                "method": "POST",
                "status": status,
            }:
                return sample.value
    return 0.0


def test_a_request_passed_on_to_fastapi_is_counted_once_with_one_request_id(
    emulator: EmulatorThread,
) -> None:
    """A body the route's model refuses goes through FastAPI's own route (422)."""
    account = emulator.account()
    before = requests_counted(emulator, SYNC_ROUTE, "422")
    with emulator.client(account.api_key) as client:
        answer = client.post(f"/api/synchronous/{account.router_id}", json={"command": 5})

    assert refused(answer, 422)["errors"].keys() == {"command"}
    assert len(answer.headers.get_list("X-Request-ID")) == 1
    assert requests_counted(emulator, SYNC_ROUTE, "422") == before + 1


def test_every_answer_has_its_own_request_id_a_random_uuid(emulator: EmulatorThread) -> None:
    account = emulator.account()
    with emulator.client(account.api_key) as client:
        answers = [client.get(f"/api/routers/{account.router_id}/jobs") for _ in range(20)]
    ids = [UUID(answer.headers["X-Request-ID"]) for answer in answers]
    assert len(set(ids)) == len(ids)
    assert {(found.version, found.variant) for found in ids} == {(4, RFC_4122)}
    assert [str(found) for found in ids] == [answer.headers["X-Request-ID"] for answer in answers]


def _bug(*args: Any, **kwargs: Any) -> NoReturn:
    raise ZeroDivisionError("secret detail")


def test_a_bug_behind_a_hot_route_is_a_logged_bare_500(
    emulator: EmulatorThread, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    account = emulator.account()
    monkeypatch.setattr(synchronous, "run_command", _bug)
    monkeypatch.setattr(jobs, "job_page", _bug)
    with (
        caplog.at_level(logging.ERROR, logger="tikjobs.emulator.api"),
        emulator.client(account.api_key) as client,
    ):
        call = client.post(f"/api/synchronous/{account.router_id}", json={"command": "/x/print"})
        listed = client.get(f"/api/routers/{account.router_id}/jobs?limit=5")
        submitted = client.post(f"/api/asynchronous/{account.router_id}", json=SEED_JOB)

    for answer in (call, listed):
        assert refused(answer, 500)["code"] == "internal_error"
        assert "secret detail" not in answer.text
        assert answer.headers["X-Request-ID"]
    failures = [record for record in caplog.records if record.exc_info]
    assert len(failures) == 2
    assert submitted.status_code == 200, "the other hot route is untouched"
    assert requests_counted(emulator, SYNC_ROUTE, "500") == 1


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(),
    st.text(max_size=12),
    st.sampled_from(("true", "no", "1", "30", "30.0", "3e1", " 30", "/ip/arp/print", "=a=b", "?x")),
    st.sampled_from(("https://a.example/x", "http://a.example/", ":log info x", "\u00e9")),
)
_VALID = {
    SynchronousRequest: {"command": "/ip/arp/print"},
    AsynchronousRequest: {"description": "d", "script": ":log info x"},
}


@given(
    st.sampled_from(list(_VALID)).flatmap(
        lambda model: st.tuples(
            st.just(model),
            st.dictionaries(
                st.sampled_from(list(model.model_fields)),
                st.one_of(_SCALARS, st.lists(_SCALARS, max_size=3)),
                max_size=2,
            ),
        )
    ),
    st.booleans(),
    st.booleans(),
)
def test_a_body_pydantic_reads_itself_is_the_model_fastapi_would_make(
    case: tuple[type[BaseModel], dict[str, Any]], compact: bool, plain_http: bool
) -> None:
    """The front door lets pydantic read a body's JSON; FastAPI parses it with json.loads
    first. Whatever the first accepts, the second makes the same model of."""
    model, changes = case
    body = json.dumps(
        {**_VALID[model], **changes}, separators=(",", ":") if compact else None
    ).encode()
    token = PLAIN_HTTP_NOTIFY_URL.set(plain_http)
    try:
        try:
            read = model.model_validate_json(body)
        except ValidationError:
            return
        assert read == model.model_validate(json.loads(body))
    finally:
        PLAIN_HTTP_NOTIFY_URL.reset(token)
