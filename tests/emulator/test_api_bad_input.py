"""Bad input on every public route, on a real server: ids that are not UUIDs, page
parameters of any shape, bodies that are huge, not JSON, not objects or sent as another
media type, wrong methods and unknown paths. Each answers an ErrorBody with its status,
the field and the reason; none answers 500 or reads a body without bound."""

from __future__ import annotations

import json
import socket
from typing import Any
from urllib.parse import quote, urlsplit
from uuid import UUID, uuid4

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.emulator.api_harness import (
    ADMIN_TOKEN,
    SEED_JOB,
    Account,
    EmulatorThread,
    ok,
    refused,
)
from tikjobs.contracts.api import JobStatus
from tikjobs.contracts.controls import RATE_LIMIT_MAX
from tikjobs.emulator.api.body_limit import MAX_BODY_BYTES
from tikjobs.emulator.api.jobs import OFFSET_MAX, PAGE_MAX

WAIT = 10.0
SYNC_BODY = {"command": "/ip/arp/print"}


@pytest.fixture(scope="module")
def account(emulator: EmulatorThread) -> Account:
    return emulator.account()


def job_count(emulator: EmulatorThread, account: Account) -> int:
    with emulator.client(account.api_key) as client:
        response = client.get(f"/api/routers/{account.router_id}/jobs")
    ok(response)
    return int(response.headers["X-Total-Count"])


# -- ids in the path that are not UUIDs ------------------------------------------------------

SEGMENT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="/\\"), min_size=1, max_size=60
).filter(lambda text: text not in {".", ".."})
"""A path segment of any text; a slash would name another route, dots are normalised."""


def requests_naming(router: str, job: str) -> list[tuple[str, str, Any]]:
    """(method, path, JSON body) for every public route with these path ids."""
    return [
        ("GET", f"/api/routers/{router}", None),
        ("GET", f"/api/routers/{router}/jobs", None),
        ("GET", f"/api/routers/{router}/jobs/{job}", None),
        ("DELETE", f"/api/routers/{router}/jobs/{job}", None),
        ("GET", f"/api/routers/{router}/backups", None),
        ("POST", f"/api/asynchronous/{router}", SEED_JOB),
        ("POST", f"/api/synchronous/{router}", SYNC_BODY),
    ]


def is_uuid(text: str) -> bool:
    try:
        UUID(text)
    except ValueError:
        return False
    return True


@given(text=SEGMENT)
@settings(max_examples=40)
def test_a_router_id_that_is_not_a_uuid_is_a_clear_422_on_every_route(
    emulator: EmulatorThread, account: Account, text: str
) -> None:
    segment = quote(text, safe="")
    with emulator.client(account.api_key) as client:
        for method, path, body in requests_naming(segment, str(uuid4())):
            response = client.request(method, path, json=body)
            if is_uuid(text):
                assert refused(response, 404)["code"] == "router_not_found", (method, path)
            else:
                answer = refused(response, 422)
                assert list(answer["errors"]) == ["router_id"], (method, path, answer)
                assert answer["errors"]["router_id"][0]


@given(text=SEGMENT)
@settings(max_examples=40)
def test_a_job_id_that_is_not_a_uuid_is_a_clear_422(
    emulator: EmulatorThread, account: Account, text: str
) -> None:
    segment = quote(text, safe="")
    with emulator.client(account.api_key) as client:
        for method in ("GET", "DELETE"):
            response = client.request(method, f"/api/routers/{account.router_id}/jobs/{segment}")
            if is_uuid(text):
                assert refused(response, 404)["code"] == "job_not_found"
            else:
                assert list(refused(response, 422)["errors"]) == ["job_id"]


# -- page parameters -------------------------------------------------------------------------


@given(
    name=st.sampled_from(["limit", "offset"]),
    value=st.integers(min_value=-(2**70), max_value=2**70)
    | st.sampled_from([-1, 0, 1, PAGE_MAX, PAGE_MAX + 1, OFFSET_MAX, OFFSET_MAX + 1, 2**63]),
)
@settings(max_examples=60)
def test_any_page_number_is_a_page_or_a_422_naming_it(
    emulator: EmulatorThread, account: Account, name: str, value: int
) -> None:
    with emulator.client(account.api_key) as client:
        response = client.get(f"/api/routers/{account.router_id}/jobs", params={name: str(value)})
    low, high = (1, PAGE_MAX) if name == "limit" else (0, OFFSET_MAX)
    if low <= value <= high:
        ok(response)
    else:
        assert list(refused(response, 422)["errors"]) == [name]


@given(name=st.sampled_from(["limit", "offset", "status"]), value=st.text(max_size=30))
@settings(max_examples=60)
def test_any_text_as_a_list_parameter_is_a_page_or_a_422_naming_it(
    emulator: EmulatorThread, account: Account, name: str, value: str
) -> None:
    with emulator.client(account.api_key) as client:
        response = client.get(f"/api/routers/{account.router_id}/jobs", params={name: value})
    if response.status_code == 200:
        if name == "status":
            assert value in {status.value for status in JobStatus}
        return
    assert list(refused(response, 422)["errors"]) == [name]
    if name == "status":
        assert value not in {status.value for status in JobStatus}


# -- bodies: size ----------------------------------------------------------------------------

BODY_ROUTES = [
    ("/api/asynchronous/{router}", "api"),
    ("/api/synchronous/{router}", "api"),
    ("/_emulator/customers", "admin"),
]


def headers_for(account: Account, who: str) -> dict[str, str]:
    if who == "admin":
        return {"X-Emulator-Admin-Token": ADMIN_TOKEN}
    return {"Authorization": f"Bearer {account.api_key}"}


@pytest.mark.parametrize(("template", "who"), BODY_ROUTES)
def test_a_10_mb_body_is_refused_with_413_naming_the_limit(
    emulator: EmulatorThread, account: Account, template: str, who: str
) -> None:
    path = template.format(router=account.router_id)
    body = b'{"description": "' + b"x" * (10 * 1024 * 1024) + b'"}'
    with httpx.Client(base_url=emulator.url, timeout=WAIT) as client:
        response = client.post(
            path,
            content=body,
            headers={**headers_for(account, who), "Content-Type": "application/json"},
        )
    answer = refused(response, 413)
    assert answer["code"] == "body_too_large"
    assert answer["errors"] == {"body": [f"must be at most {MAX_BODY_BYTES} bytes"]}


def test_a_body_at_the_limit_is_read_and_one_byte_more_is_not(
    emulator: EmulatorThread, account: Account
) -> None:
    document = json.dumps(SEED_JOB).encode()
    padded = b" " * (MAX_BODY_BYTES - len(document)) + document
    headers = {"Content-Type": "application/json"}
    with emulator.client(account.api_key) as client:
        path = f"/api/asynchronous/{account.router_id}"
        ok(client.post(path, content=padded, headers=headers))
        refused(client.post(path, content=b" " + padded, headers=headers), 413)


def raw_exchange(emulator: EmulatorThread, head: bytes, body_chunks: list[bytes]) -> bytes:
    """Send a request head and body chunks on a plain socket without ending the body;
    answers what the server wrote back before it closed or went quiet."""
    address = urlsplit(emulator.url)
    with socket.create_connection((address.hostname, address.port), timeout=WAIT) as sock:
        sock.sendall(head)
        for chunk in body_chunks:
            try:
                sock.sendall(chunk)
            except OSError:
                break
        answer = b""
        while b"\r\n\r\n" not in answer:
            data = sock.recv(65536)
            if not data:
                break
            answer += data
    return answer


def test_a_declared_huge_body_is_refused_before_any_of_it_is_read(
    emulator: EmulatorThread, account: Account
) -> None:
    head = (
        f"POST /api/asynchronous/{account.router_id} HTTP/1.1\r\n"
        f"Host: emulator\r\nAuthorization: Bearer {account.api_key}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {10 * 1024 * 1024}\r\n\r\n"
    ).encode()
    answer = raw_exchange(emulator, head, [])
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]


def test_a_chunked_body_is_cut_off_at_the_limit_not_read_to_its_end(
    emulator: EmulatorThread, account: Account
) -> None:
    head = (
        f"POST /api/asynchronous/{account.router_id} HTTP/1.1\r\n"
        f"Host: emulator\r\nAuthorization: Bearer {account.api_key}\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    ).encode()
    chunk = b"x" * 65536
    chunks = [b"%x\r\n%s\r\n" % (len(chunk), chunk)] * (2 * MAX_BODY_BYTES // len(chunk))
    answer = raw_exchange(emulator, head, chunks)
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]


def test_a_streamed_body_over_the_limit_answers_an_error_body(
    emulator: EmulatorThread, account: Account
) -> None:
    def stream() -> Any:
        for _ in range(2 * MAX_BODY_BYTES // 65536):
            yield b" " * 65536

    with httpx.Client(base_url=emulator.url, timeout=WAIT) as client:
        response = client.post(
            f"/api/asynchronous/{account.router_id}",
            content=stream(),
            headers={**headers_for(account, "api"), "Content-Type": "application/json"},
        )
    assert refused(response, 413)["errors"] == {"body": [f"must be at most {MAX_BODY_BYTES} bytes"]}


# -- bodies: shape ---------------------------------------------------------------------------

JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
NOT_OBJECTS = st.recursive(JSON_SCALARS, lambda inner: st.lists(inner, max_size=3), max_leaves=6)


@given(body=NOT_OBJECTS, template=st.sampled_from([t for t, who in BODY_ROUTES if who == "api"]))
@settings(max_examples=40)
def test_json_that_is_not_an_object_is_a_422_naming_the_body(
    emulator: EmulatorThread, account: Account, body: Any, template: str
) -> None:
    with emulator.client(account.api_key) as client:
        response = client.post(
            template.format(router=account.router_id),
            content=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
    answer = refused(response, 422)
    assert list(answer["errors"]) == ["body"]


SUBMIT_FIELDS = {"description", "script", "make_backup", "express_execute", "needs_acknowledgement"}
OPTIONAL_FIELDS = {"notify_url", "rollback_after", "rollback_check"}


@given(
    body=st.dictionaries(
        st.sampled_from([*SUBMIT_FIELDS, "notify_url"]) | st.text(max_size=8),
        st.recursive(JSON_SCALARS, lambda inner: st.lists(inner, max_size=2), max_leaves=4),
        max_size=7,
    )
)
@settings(max_examples=60)
def test_any_object_is_a_job_or_a_422_naming_known_fields(
    emulator: EmulatorThread, account: Account, body: dict[str, Any]
) -> None:
    with emulator.client(account.api_key) as client:
        response = client.post(f"/api/asynchronous/{account.router_id}", json=body)
    unknown = set(body) - SUBMIT_FIELDS - OPTIONAL_FIELDS
    if response.status_code == 200:
        assert SUBMIT_FIELDS <= set(body)
        assert not unknown
        return
    answer = refused(response, 422)
    assert answer["errors"]
    assert unknown <= set(answer["errors"]) <= {*SUBMIT_FIELDS, "notify_url", *unknown}


@pytest.mark.parametrize(
    ("template", "body", "field", "reason"),
    [
        (
            "/api/asynchronous/{router}",
            {**SEED_JOB, "needs_acknowledgement": True, "rollback_afer": 120},
            "rollback_afer",
            "unknown field (did you mean rollback_after?)",
        ),
        ("/api/asynchronous/{router}", {**SEED_JOB, "priority": 1}, "priority", "unknown field"),
        (
            "/api/synchronous/{router}",
            {"command": "/ip/arp/print", "parameter": "?interface=bridge"},
            "parameter",
            "unknown field (did you mean parameters?)",
        ),
    ],
)
def test_a_field_the_request_does_not_know_is_a_422_naming_it_and_nothing_runs(
    emulator: EmulatorThread,
    account: Account,
    template: str,
    body: dict[str, Any],
    field: str,
    reason: str,
) -> None:
    """A misspelt ``rollback_after`` must not become a job that runs with no way back."""
    before = job_count(emulator, account)
    with emulator.client(account.api_key) as client:
        response = client.post(template.format(router=account.router_id), json=body)
    answer = refused(response, 422)
    assert answer["errors"] == {field: [reason]}, answer
    assert field in answer["message"]
    assert job_count(emulator, account) == before


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"[" * 100_000, "nested too deeply"),
        (b'{"description": ' + b"9" * 5000 + b"}", "a number is too long"),
        (b'{"description": "caf\xe9"}', "not UTF-8 text (byte 20 cannot be decoded)"),
    ],
)
def test_json_the_parser_gives_up_on_is_a_400_naming_the_body(
    emulator: EmulatorThread, account: Account, raw: bytes, reason: str
) -> None:
    with emulator.client(account.api_key) as client:
        response = client.post(
            f"/api/asynchronous/{account.router_id}",
            content=raw,
            headers={"Content-Type": "application/json"},
        )
    answer = refused(response, 400)
    assert answer["code"] == "malformed_json"
    assert answer["errors"] == {"body": [reason]}


@pytest.mark.parametrize(("template", "who"), BODY_ROUTES)
@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_a_body_that_is_not_sent_as_json_is_415_on_every_route(
    emulator: EmulatorThread, account: Account, template: str, who: str, content_type: str | None
) -> None:
    headers = headers_for(account, who)
    if content_type is not None:
        headers["Content-Type"] = content_type
    with httpx.Client(base_url=emulator.url, timeout=WAIT) as client:
        response = client.post(
            template.format(router=account.router_id),
            content=json.dumps(SEED_JOB if who == "api" else {}).encode(),
            headers=headers,
        )
    answer = refused(response, 415)
    assert answer["errors"] == {"Content-Type": ["must be application/json"]}


def test_without_a_key_a_body_of_the_wrong_type_is_still_401(
    emulator: EmulatorThread, account: Account
) -> None:
    with emulator.client() as client:
        response = client.post(
            f"/api/asynchronous/{account.router_id}",
            content=b"description=x",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
    refused(response, 401)


# -- methods and paths -----------------------------------------------------------------------

ROUTES = {
    "/api/routers": {"GET"},
    "/api/routers/{router}": {"GET"},
    "/api/routers/{router}/jobs": {"GET"},
    "/api/routers/{router}/jobs/{job}": {"GET", "DELETE"},
    "/api/routers/{router}/backups": {"GET"},
    "/api/asynchronous/{router}": {"POST"},
    "/api/synchronous/{router}": {"POST"},
}
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


@pytest.mark.parametrize(
    ("template", "method"),
    [
        (template, method)
        for template, allowed in ROUTES.items()
        for method in METHODS
        if method not in allowed
    ],
)
def test_a_wrong_method_is_405_with_allow_and_the_methods_named(
    emulator: EmulatorThread, account: Account, template: str, method: str
) -> None:
    path = template.format(router=account.router_id, job=uuid4())
    with emulator.client(account.api_key) as client:
        response = client.request(method, path, json={})
    answer = refused(response, 405)
    allowed = ROUTES[template]
    assert set(response.headers["Allow"].split(", ")) == allowed
    assert answer["code"] == "method_not_allowed"
    assert list(answer["errors"]) == ["method"]
    assert all(name in answer["message"] for name in allowed)
    assert method in answer["message"]


@given(rest=st.lists(SEGMENT, min_size=1, max_size=3), method=st.sampled_from(METHODS))
@settings(max_examples=30)
def test_an_unknown_path_is_404_naming_it(
    emulator: EmulatorThread, account: Account, rest: list[str], method: str
) -> None:
    path = "/api/no-such-thing/" + "/".join(quote(part, safe="") for part in rest)
    with emulator.client(account.api_key) as client:
        response = client.request(method, path)
    answer = refused(response, 404)
    assert answer["code"] == "not_found"
    assert answer["message"].startswith(f"no such endpoint: {method} /api/no-such-thing/")


# -- admin numbers ---------------------------------------------------------------------------


@given(rate_limit=st.integers(min_value=-(2**70), max_value=2**70))
@settings(max_examples=30)
def test_any_rate_limit_for_a_key_is_kept_or_a_422_naming_it(
    emulator: EmulatorThread, account: Account, rate_limit: int
) -> None:
    with emulator.admin() as admin:
        response = admin.post(
            f"/_emulator/customers/{account.customer_id}/keys", json={"rate_limit": rate_limit}
        )
    if 1 <= rate_limit <= RATE_LIMIT_MAX:
        assert ok(response)["rate_limit"] == rate_limit
    else:
        assert list(refused(response, 422)["errors"]) == ["rate_limit"]


# -- headers and URLs at their limits --------------------------------------------------------

HEADER_BYTES = st.binary(max_size=300).filter(
    lambda raw: (
        all(byte == 0x09 or 0x20 <= byte <= 0x7E or byte >= 0x80 for byte in raw)
        and raw == raw.strip(b" \t")
    )
)
"""Any header value HTTP/1.1 can carry (h11 strips surrounding blanks, so none are sent)."""


@given(raw=HEADER_BYTES | st.sampled_from([b"k" * 255, b"k" * 256, b"k", b"a b"]))
@settings(max_examples=60)
def test_any_idempotency_key_is_taken_or_a_422_naming_the_header(
    emulator: EmulatorThread, account: Account, raw: bytes
) -> None:
    with emulator.client(account.api_key) as client:
        response = client.post(
            f"/api/asynchronous/{account.router_id}",
            json=SEED_JOB,
            headers={"Idempotency-Key": raw},
        )
    documented = 1 <= len(raw) <= 255 and all(0x20 <= byte <= 0x7E for byte in raw)
    if documented:
        ok(response)
    else:
        assert list(refused(response, 422)["errors"]) == ["Idempotency-Key"]


NOTIFY_PREFIX = "https://example.com/"


@given(
    length=st.sampled_from([len(NOTIFY_PREFIX) + 1, 2047, 2048, 2049])
    | st.integers(len(NOTIFY_PREFIX) + 1, 3000)
)
@settings(max_examples=30)
def test_a_notify_url_is_at_most_2048_characters(
    emulator: EmulatorThread, account: Account, length: int
) -> None:
    url = NOTIFY_PREFIX + "a" * (length - len(NOTIFY_PREFIX))
    with emulator.client(account.api_key) as client:
        response = client.post(
            f"/api/asynchronous/{account.router_id}", json={**SEED_JOB, "notify_url": url}
        )
    if length <= 2048:
        assert ok(response)["notify_url"] == url
    else:
        assert list(refused(response, 422)["errors"]) == ["notify_url"]


# -- the field to blame ----------------------------------------------------------------------


def test_refusals_name_the_field_to_blame(emulator: EmulatorThread, account: Account) -> None:
    router = f"/api/routers/{account.router_id}"
    with emulator.client() as client:
        no_key = client.get("/api/routers")
        wrong_last = "y" if account.api_key.endswith("x") else "x"
        wrong_key = client.get(
            "/api/routers", headers={"Authorization": f"Bearer {account.api_key[:-1]}{wrong_last}"}
        )
    with emulator.client(account.api_key) as client:
        no_router = client.get(f"/api/routers/{uuid4()}/jobs")
        no_job = client.delete(f"{router}/jobs/{uuid4()}")
    with emulator.admin() as admin:
        no_customer = admin.post(f"/_emulator/customers/{uuid4()}/keys", json={})

    for response, status, field in (
        (no_key, 401, "Authorization"),
        (wrong_key, 401, "Authorization"),
        (no_router, 404, "router_id"),
        (no_job, 404, "job_id"),
        (no_customer, 404, "customer_id"),
    ):
        answer = refused(response, status)
        assert answer["errors"] == {field: [answer["message"]]}, answer
