"""POST /api/asynchronous/{router_id} on a real uvicorn: the seed's example, every limit of
the request body at and around its edge, and the answers to bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.emulator.api_harness import (
    SEED_JOB,
    Account,
    EmulatorThread,
    ok,
    refused,
    settings_for,
)
from tikjobs.contracts.api import DESCRIPTION_MAX, SCRIPT_MAX
from tikjobs.emulator.notifications.signing import verify
from tikjobs.sink import NotificationSink

TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$")
BOOLEANS = ("make_backup", "express_execute", "needs_acknowledgement")


@pytest.fixture(scope="module")
def account(emulator: EmulatorThread) -> Account:
    return emulator.account()


def submit(emulator: EmulatorThread, account: Account, body: Any, **options: Any) -> Any:
    with emulator.client(account.api_key) as client:
        return client.post(f"/api/asynchronous/{account.router_id}", json=body, **options)


def job_count(emulator: EmulatorThread, account: Account) -> int:
    with emulator.client(account.api_key) as client:
        response = client.get(f"/api/routers/{account.router_id}/jobs")
    ok(response)
    return int(response.headers["X-Total-Count"])


def test_the_seed_example_is_accepted_in_the_seed_shape(
    emulator: EmulatorThread, account: Account
) -> None:
    response = submit(emulator, account, SEED_JOB)
    data = ok(response)

    assert set(data) == {"idempotency_key", "request_id", "target", "notify_url", "date"}
    assert data["target"] == str(account.router_id)
    assert data["notify_url"] == SEED_JOB["notify_url"]
    assert TIMESTAMP.match(data["date"])
    UUID(data["idempotency_key"])
    UUID(data["request_id"])


def test_a_submitted_job_is_listed_pending_with_what_was_submitted(
    emulator: EmulatorThread,
) -> None:
    account = emulator.account()
    data = ok(submit(emulator, account, SEED_JOB))
    with emulator.client(account.api_key) as client:
        jobs = ok(client.get(f"/api/routers/{account.router_id}/jobs"))

    assert len(jobs) == 1
    job = jobs[0]
    assert job["status"] == "pending"
    assert job["idempotency_key"] == data["idempotency_key"]
    assert job["description"] == SEED_JOB["description"]
    assert (job["express_execute"], job["needs_acknowledgement"], job["make_backup"]) == (
        False,
        False,
        False,
    )
    assert job["started_at"] is job["completed_at"] is job["failed_at"] is job["deleted_at"]
    assert job["started_at"] is None


def test_notify_url_may_be_left_out(emulator: EmulatorThread, account: Account) -> None:
    body = {key: value for key, value in SEED_JOB.items() if key != "notify_url"}
    assert ok(submit(emulator, account, body))["notify_url"] is None


# -- the body's limits, at and around each edge -------------------------------------------

TEXT = st.characters(codec="utf-8", exclude_categories=("Cs", "Z", "Cc"))


@given(
    length=st.sampled_from([0, 1, 2, DESCRIPTION_MAX - 1, DESCRIPTION_MAX, DESCRIPTION_MAX + 1])
    | st.integers(0, 3 * DESCRIPTION_MAX),
    char=TEXT,
)
@settings(max_examples=40)
def test_description_is_1_to_100_characters(
    emulator: EmulatorThread, account: Account, length: int, char: str
) -> None:
    response = submit(emulator, account, {**SEED_JOB, "description": char * length})
    if 1 <= length <= DESCRIPTION_MAX:
        ok(response)
    else:
        body = refused(response, 422)
        assert list(body["errors"]) == ["description"]


@given(
    length=st.sampled_from([0, 1, SCRIPT_MAX - 1, SCRIPT_MAX, SCRIPT_MAX + 1])
    | st.integers(0, 2 * SCRIPT_MAX),
)
@settings(max_examples=30)
def test_script_is_1_to_2000_characters(
    emulator: EmulatorThread, account: Account, length: int
) -> None:
    response = submit(emulator, account, {**SEED_JOB, "script": ("x" * length)})
    if 1 <= length <= SCRIPT_MAX:
        ok(response)
    else:
        body = refused(response, 422)
        assert list(body["errors"]) == ["script"]


@pytest.mark.parametrize("field", ["description", "script"])
@pytest.mark.parametrize("blank", [" ", "\t\n", " " * 100])
def test_blank_text_is_refused(
    emulator: EmulatorThread, account: Account, field: str, blank: str
) -> None:
    body = refused(submit(emulator, account, {**SEED_JOB, field: blank}), 422)
    assert body["errors"][field] == ["must not be blank"]


@pytest.mark.parametrize("field", ["description", "script", *BOOLEANS])
def test_each_required_field_is_named_when_missing(
    emulator: EmulatorThread, account: Account, field: str
) -> None:
    body = {key: value for key, value in SEED_JOB.items() if key != field}
    answer = refused(submit(emulator, account, body), 422)
    assert answer["errors"] == {field: ["Field required"]}


@given(
    field=st.sampled_from(BOOLEANS),
    value=st.one_of(
        st.none(),
        st.sampled_from(["true", "false", "yes", "0", "1", ""]),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.lists(st.booleans(), max_size=2),
        st.dictionaries(st.text(max_size=3), st.booleans(), max_size=2),
    ),
)
@settings(max_examples=40)
def test_booleans_must_be_json_booleans(
    emulator: EmulatorThread, account: Account, field: str, value: Any
) -> None:
    answer = refused(submit(emulator, account, {**SEED_JOB, field: value}), 422)
    assert list(answer["errors"]) == [field]


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/notify",
        "example.com/notify",
        "https://",
        "https:///path",
        "ftp://example.com",
        "https://exa mple.com/",
        "not a url",
        "",
        "https://user@example.com/",
    ],
)
def test_notify_url_must_be_an_https_url(
    emulator: EmulatorThread, account: Account, url: str
) -> None:
    answer = refused(submit(emulator, account, {**SEED_JOB, "notify_url": url}), 422)
    assert list(answer["errors"]) == ["notify_url"]


@given(
    url=st.one_of(
        st.text(max_size=40),
        st.builds(lambda rest: "http://" + rest, st.text(max_size=20)),
    ).filter(lambda url: not url.startswith("https://"))
)
@settings(max_examples=30)
def test_no_url_without_https_is_accepted(
    emulator: EmulatorThread, account: Account, url: str
) -> None:
    refused(submit(emulator, account, {**SEED_JOB, "notify_url": url}), 422)


def test_rejected_requests_create_no_job(emulator: EmulatorThread) -> None:
    account = emulator.account()
    for bad in (
        {**SEED_JOB, "description": ""},
        {**SEED_JOB, "script": "x" * (SCRIPT_MAX + 1)},
        {**SEED_JOB, "make_backup": "false"},
        {**SEED_JOB, "notify_url": "http://example.com"},
    ):
        refused(submit(emulator, account, bad), 422)
    assert job_count(emulator, account) == 0


def test_several_refused_fields_are_all_named(emulator: EmulatorThread, account: Account) -> None:
    bad = {"description": "", "script": "", "make_backup": 1, "notify_url": "http://x"}
    answer = refused(submit(emulator, account, bad), 422)
    assert set(answer["errors"]) == {
        "description",
        "script",
        "make_backup",
        "express_execute",
        "needs_acknowledgement",
        "notify_url",
    }
    assert answer["code"] == "invalid_request"


# -- malformed bodies ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw", [b"{", b'{"description": "x",}', b"not json", b"\xff\xfe", b'{"a": 1} trailing']
)
def test_a_body_that_is_not_json_is_400(
    emulator: EmulatorThread, account: Account, raw: bytes
) -> None:
    with emulator.client(account.api_key) as client:
        response = client.post(
            f"/api/asynchronous/{account.router_id}",
            content=raw,
            headers={"Content-Type": "application/json"},
        )
    answer = refused(response, 400)
    assert "JSON" in answer["message"] or "body" in answer["message"]


@pytest.mark.parametrize("body", [[], "text", 42, None, [SEED_JOB]])
def test_a_json_body_that_is_not_an_object_is_422(
    emulator: EmulatorThread, account: Account, body: Any
) -> None:
    answer = refused(submit(emulator, account, body), 422)
    assert answer["errors"]


def test_an_empty_body_is_422(emulator: EmulatorThread, account: Account) -> None:
    with emulator.client(account.api_key) as client:
        response = client.post(f"/api/asynchronous/{account.router_id}")
    assert "body" in refused(response, 422)["errors"]


def is_json_media_type(content_type: str) -> bool:
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind == "application/json" or (
        kind.startswith("application/") and kind.endswith("+json")
    )


@given(
    content_type=st.sampled_from(
        [
            "text/plain",
            "text/json",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/octet-stream",
            "application/jsonx",
            "json",
        ]
    )
    | st.from_regex(r"\A[a-z]{1,12}/[a-z0-9.+-]{1,20}\Z").filter(
        lambda kind: not is_json_media_type(kind)
    )
)
@settings(max_examples=25)
def test_a_json_body_sent_as_another_content_type_is_415_naming_the_header(
    emulator: EmulatorThread, content_type: str
) -> None:
    account = emulator.account()
    with emulator.client(account.api_key) as client:
        response = client.post(
            f"/api/asynchronous/{account.router_id}",
            content=json.dumps(SEED_JOB).encode(),
            headers={"Content-Type": content_type},
        )
    answer = refused(response, 415)
    assert answer["code"] == "unsupported_media_type"
    assert answer["errors"] == {"Content-Type": ["must be application/json"]}
    assert job_count(emulator, account) == 0


def test_a_json_body_without_a_content_type_is_415(emulator: EmulatorThread) -> None:
    account = emulator.account()
    with emulator.client(account.api_key) as client:
        response = client.post(
            f"/api/asynchronous/{account.router_id}", content=json.dumps(SEED_JOB).encode()
        )
    assert "no Content-Type" in refused(response, 415)["message"]
    assert job_count(emulator, account) == 0


@pytest.mark.parametrize(
    "content_type",
    ["application/json; charset=utf-8", "APPLICATION/JSON", "application/vnd.api+json"],
)
def test_every_json_media_type_is_read(
    emulator: EmulatorThread, account: Account, content_type: str
) -> None:
    with emulator.client(account.api_key) as client:
        response = client.post(
            f"/api/asynchronous/{account.router_id}",
            content=json.dumps(SEED_JOB).encode(),
            headers={"Content-Type": content_type},
        )
    ok(response)


# -- which router -------------------------------------------------------------------------


def test_an_unknown_router_is_404(emulator: EmulatorThread, account: Account) -> None:
    with emulator.client(account.api_key) as client:
        response = client.post(f"/api/asynchronous/{uuid4()}", json=SEED_JOB)
    assert refused(response, 404)["code"] == "router_not_found"


def test_another_customers_router_is_404_and_gets_no_job(emulator: EmulatorThread) -> None:
    mine, theirs = emulator.account(), emulator.account()
    with emulator.client(mine.api_key) as client:
        response = client.post(f"/api/asynchronous/{theirs.router_id}", json=SEED_JOB)
    refused(response, 404)
    assert job_count(emulator, theirs) == 0


def test_a_router_id_that_is_not_a_uuid_is_422(emulator: EmulatorThread, account: Account) -> None:
    with emulator.client(account.api_key) as client:
        response = client.post("/api/asynchronous/router-1", json=SEED_JOB)
    assert list(refused(response, 422)["errors"]) == ["router_id"]


# -- plain http, when the emulator is started to allow it ------------------------------------


@pytest.mark.anyio
async def test_with_the_allow_http_flag_a_plain_http_notify_url_is_taken_and_notified(
    tmp_path: Path,
) -> None:
    settings = settings_for(tmp_path, notify_allow_http=True, notify_allow_hosts=["127.0.0.1"])
    async with NotificationSink(None, None) as sink:
        with EmulatorThread(settings) as emulator:
            account = emulator.account()
            async with emulator.async_client(account.api_key) as client:
                url = f"/api/asynchronous/{account.router_id}"
                notify_url = sink.url
                taken = await client.post(url, json={**SEED_JOB, "notify_url": notify_url})
                refused_urls = [
                    await client.post(url, json={**SEED_JOB, "notify_url": bad})
                    for bad in ("ftp://127.0.0.1/x", "http://", "http://a b/", "127.0.0.1/x")
                ]
                router = f"/api/routers/{account.router_id}"
                job_id = ok(await client.get(f"{router}/jobs"))[0]["id"]
                ok(await client.delete(f"{router}/jobs/{job_id}"))
            [received] = await sink.wait_for(lambda got: len(got) >= 1)

    assert notify_url.startswith("http://127.0.0.1:")
    assert ok(taken)["notify_url"] == notify_url
    for answer in refused_urls:
        assert list(refused(answer, 422)["errors"]) == ["notify_url"]
    assert json.loads(received.body)["status"] == "deleted"
    verify(account.webhook_secret, received.headers, received.body)


def test_without_the_flag_plain_http_stays_refused(
    emulator: EmulatorThread, account: Account
) -> None:
    answer = refused(
        submit(emulator, account, {**SEED_JOB, "notify_url": "http://127.0.0.1/x"}), 422
    )
    assert answer["errors"] == {"notify_url": ["must be an https:// URL"]}
