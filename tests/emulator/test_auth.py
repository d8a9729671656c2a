"""API keys on a real server: every missing, malformed or wrong key is 401 with
WWW-Authenticate, keys see only their customer's routers, secrets are stored hashed, and
the per-key rate limit answers 429 with Retry-After."""

from __future__ import annotations

import string
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.emulator.api_harness import (
    SEED_JOB,
    UNKNOWN_ID,
    Account,
    EmulatorThread,
    ok,
    refused,
    settings_for,
)
from tikjobs.emulator.auth import (
    SECRET_LENGTH,
    RateLimiter,
    hash_secret,
    issue_key,
    parse_key,
)
from tikjobs.emulator.exceptions import NotAuthenticated, RateLimited


@pytest.fixture(scope="module")
def account(emulator: EmulatorThread) -> Account:
    return emulator.account()


def routers_with(emulator: EmulatorThread, authorization: str | None) -> tuple[int, dict[str, str]]:
    headers = {} if authorization is None else {"Authorization": authorization}
    with emulator.client() as client:
        response = client.get("/api/routers", headers=headers)
    if response.status_code == 401:
        refused(response, 401)
    return response.status_code, dict(response.headers)


def test_no_key_is_401_with_a_bearer_challenge(emulator: EmulatorThread) -> None:
    status, headers = routers_with(emulator, None)
    assert status == 401
    assert headers["www-authenticate"].startswith("Bearer")


def malformed_keys(account: Account) -> list[str]:
    token_id, customer_id, secret = account.api_key.split(":")
    return [
        "",
        "Bearer",
        "Bearer  :",
        f"Basic {account.api_key}",
        account.api_key,
        f"Bearer {token_id}:{customer_id}",
        f"Bearer {token_id}:{customer_id}:{secret}:extra",
        f"Bearer not-a-uuid:{customer_id}:{secret}",
        f"Bearer {token_id}:{customer_id}:{secret[:-1]}",
        f"Bearer {token_id}:{customer_id}:{secret}x",
        f"Bearer {token_id}:{customer_id}:{secret[:-1]}-",
        f"Bearer {token_id}:{customer_id}:{'a' * SECRET_LENGTH}",
        f"Bearer {uuid4()}:{customer_id}:{secret}",
        f"Bearer {token_id}:{uuid4()}:{secret}",
    ]


def test_every_malformed_or_wrong_key_is_401(emulator: EmulatorThread, account: Account) -> None:
    for authorization in malformed_keys(account):
        status, headers = routers_with(emulator, authorization)
        assert status == 401, authorization
        assert headers["www-authenticate"].startswith("Bearer"), authorization


def test_another_customers_id_in_the_key_is_401(emulator: EmulatorThread) -> None:
    mine, theirs = emulator.account(), emulator.account()
    token_id, _, secret = mine.api_key.split(":")
    status, _ = routers_with(emulator, f"Bearer {token_id}:{theirs.customer_id}:{secret}")
    assert status == 401


def test_the_scheme_is_case_insensitive(emulator: EmulatorThread, account: Account) -> None:
    assert routers_with(emulator, f"bearer {account.api_key}")[0] == 200
    assert routers_with(emulator, f"BEARER {account.api_key}")[0] == 200


@given(
    authorization=st.text(
        alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=200
    )
)
@settings(max_examples=60)
def test_any_garbage_credential_is_401_never_a_crash(
    emulator: EmulatorThread, authorization: str
) -> None:
    status, _ = routers_with(emulator, authorization.strip() or None)
    assert status == 401


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/routers"),
        ("GET", "/api/routers/{router}"),
        ("GET", "/api/routers/{router}/jobs"),
        ("GET", f"/api/routers/{{router}}/jobs/{UNKNOWN_ID}"),
        ("DELETE", f"/api/routers/{{router}}/jobs/{UNKNOWN_ID}"),
        ("POST", "/api/asynchronous/{router}"),
        ("POST", "/api/synchronous/{router}"),
    ],
)
def test_every_public_route_needs_a_key(
    emulator: EmulatorThread, account: Account, method: str, path: str
) -> None:
    with emulator.client() as client:
        response = client.request(
            method, path.format(router=account.router_id), json={"command": "/x"}
        )
    assert refused(response, 401)["code"] == "not_authenticated"


def test_the_key_is_checked_before_the_body_is_read(
    emulator: EmulatorThread, account: Account
) -> None:
    with emulator.client() as client:
        response = client.post(
            f"/api/asynchronous/{account.router_id}",
            content=b"{not json",
            headers={"Content-Type": "application/json"},
        )
    assert refused(response, 401)["code"] == "not_authenticated"


def test_requests_with_bad_bodies_count_against_the_rate_limit(emulator: EmulatorThread) -> None:
    account = emulator.account(rate_limit=2)
    with emulator.client(account.api_key) as client:
        answers = [
            client.post(
                f"/api/synchronous/{account.router_id}",
                content=b"{",
                headers={"Content-Type": "application/json"},
            ).status_code
            for _ in range(3)
        ]
    assert answers == [400, 400, 429]


# -- tenancy -----------------------------------------------------------------------------


def test_a_key_lists_only_its_customers_routers(emulator: EmulatorThread) -> None:
    mine, theirs = emulator.account(routers=2), emulator.account(routers=1)
    with emulator.client(mine.api_key) as client:
        listed = ok(client.get("/api/routers"))
        other = client.get(f"/api/routers/{theirs.router_id}")
    assert [UUID(router["id"]) for router in listed] == list(mine.routers)
    assert refused(other, 404)["code"] == "router_not_found"


def test_another_customers_router_looks_exactly_like_a_missing_one(
    emulator: EmulatorThread,
) -> None:
    mine, theirs = emulator.account(), emulator.account()
    with emulator.client(mine.api_key) as client:
        foreign = client.post(f"/api/asynchronous/{theirs.router_id}", json=SEED_JOB)
        missing = client.post(f"/api/asynchronous/{uuid4()}", json=SEED_JOB)
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json()["code"] == missing.json()["code"]


# -- secrets at rest ----------------------------------------------------------------------


def test_the_secret_is_not_stored_anywhere_in_the_database(emulator: EmulatorThread) -> None:
    account = emulator.account()
    secret = account.api_key.rsplit(":", 1)[1]
    with emulator.client(account.api_key) as client:
        ok(client.get("/api/routers"))
    database = emulator.settings.db_path
    files = [database, database.with_name(database.name + "-wal")]
    stored = b"".join(path.read_bytes() for path in files if path.exists())
    assert secret.encode() not in stored
    assert account.tunnel_token.encode() not in stored
    assert hash_secret(secret).encode() in stored


def test_an_issued_key_parses_back_and_matches_only_its_hash() -> None:
    customer_id = uuid4()
    issued = issue_key(customer_id)
    secret = issued.api_key.rsplit(":", 1)[1]
    presented = parse_key(issued.api_key)
    assert (presented.token_id, presented.customer_id) == (issued.token_id, customer_id)
    assert len(secret) == SECRET_LENGTH
    assert set(secret) <= set(string.ascii_letters + string.digits)
    assert presented.secret_hash == hash_secret(secret)
    assert presented.matches(issued.secret_hash)
    assert not presented.matches(hash_secret(secret[::-1]))
    other = parse_key(f"{issued.token_id}:{customer_id}:{secret[::-1]}")
    assert not other.matches(issued.secret_hash)


def test_a_key_written_to_a_log_shows_neither_its_secret_nor_its_digest() -> None:
    issued = issue_key(uuid4())
    presented = parse_key(issued.api_key)
    secret = issued.api_key.rsplit(":", 1)[1]
    for shown in (repr(issued), str(issued), repr(presented), str(presented)):
        assert secret not in shown
        assert issued.secret_hash not in shown
        assert str(issued.token_id) in shown


@given(text=st.text(max_size=200))
def test_parse_key_accepts_only_the_documented_shape(text: str) -> None:
    try:
        parse_key(text)
    except NotAuthenticated:
        return
    token_id, customer_id, secret = text.split(":")
    UUID(token_id)
    UUID(customer_id)
    assert len(secret) == SECRET_LENGTH
    assert secret.isascii()
    assert secret.isalnum()


# -- the rate limit ------------------------------------------------------------------------


def test_a_key_over_its_rate_limit_is_429_with_retry_after(emulator: EmulatorThread) -> None:
    limited, free = emulator.account(rate_limit=3), emulator.account()
    with emulator.client(limited.api_key) as client:
        answers = [client.get("/api/routers") for _ in range(4)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    over = refused(answers[-1], 429)
    assert over["code"] == "rate_limited"
    retry_after = int(answers[-1].headers["Retry-After"])
    assert 1 <= retry_after <= 60
    assert over["details"]["retry_after"] == retry_after
    with emulator.client(free.api_key) as client:
        assert all(client.get("/api/routers").status_code == 200 for _ in range(5))


def test_without_a_limit_a_key_is_never_throttled(emulator: EmulatorThread) -> None:
    account = emulator.account()
    with emulator.client(account.api_key) as client:
        assert all(client.get("/api/routers").status_code == 200 for _ in range(70))


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_bucket_refills_at_the_per_minute_rate() -> None:
    clock = Clock()
    limiter = RateLimiter(clock)
    key = uuid4()
    limiter.check(key, 2)
    limiter.check(key, 2)
    with pytest.raises(RateLimited) as refused_at_once:
        limiter.check(key, 2)
    assert refused_at_once.value.retry_after == 30

    clock.now += 29.0
    with pytest.raises(RateLimited) as still_refused:
        limiter.check(key, 2)
    assert still_refused.value.retry_after == 1

    clock.now += 1.0
    limiter.check(key, 2)
    limiter.check(uuid4(), 2)


def test_no_limit_means_no_bucket() -> None:
    limiter = RateLimiter(Clock())
    key = uuid4()
    for _ in range(1000):
        limiter.check(key, None)


def test_the_emulators_rate_limit_applies_to_keys_without_their_own(tmp_path: Path) -> None:
    with EmulatorThread(settings_for(tmp_path, rate_limit=2)) as emulator:
        default, own = emulator.account(), emulator.account(rate_limit=5)
        with emulator.client(default.api_key) as client:
            limited = [client.get("/api/routers").status_code for _ in range(3)]
        with emulator.client(own.api_key) as client:
            generous = [client.get("/api/routers").status_code for _ in range(5)]
    assert limited == [200, 200, 429]
    assert generous == [200] * 5
