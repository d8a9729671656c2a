"""Enrollment codes: issued by a customer or the controls, traded once for the router's
tunnel token, refused when used, expired or unknown; kept hashed in SQLite and in
PostgreSQL, and brought in by a migration."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from tests.emulator.api_harness import EmulatorThread, ok, refused
from tests.emulator.postgres_harness import AnyStore, StoreBackend
from tests.emulator.tunnel_agent import ScriptedAgent
from tests.support.builders import add_customer, add_router
from tikjobs.contracts.enrollment import hash_code, new_code, normalize_code
from tikjobs.emulator.exceptions import (
    EnrollmentCodeExpired,
    EnrollmentCodeUnknown,
    EnrollmentCodeUsed,
    RouterNotFound,
)
from tikjobs.emulator.store import hash_token

T0 = datetime(2026, 5, 28, 8, 5, 28, tzinfo=UTC)


@pytest.fixture
async def store(store_backend: StoreBackend) -> AsyncIterator[AnyStore]:
    opened = await store_backend.open()
    yield opened
    await opened.close()


@pytest.mark.anyio
async def test_a_code_is_traded_once_for_the_routers_new_token(store: AnyStore) -> None:
    customer = await add_customer(store, at=T0)
    router, _ = await add_router(store, customer.id, at=T0, token="old")
    code = new_code()
    await store.create_enrollment_code(hash_code(code), router.id, T0, T0 + timedelta(hours=1))

    enrolled = await store.redeem_enrollment_code(
        hash_code(code.lower()), T0 + timedelta(minutes=5), hash_token("new")
    )

    assert enrolled.id == router.id
    assert await store.find_router_by_token_hash(hash_token("new")) == enrolled
    assert await store.find_router_by_token_hash(hash_token("old")) is None
    with pytest.raises(EnrollmentCodeUsed):
        await store.redeem_enrollment_code(hash_code(code), T0, hash_token("third"))
    assert await store.find_router_by_token_hash(hash_token("new")) == enrolled


@pytest.mark.anyio
async def test_expired_and_unknown_codes_are_refused_and_change_nothing(
    store: AnyStore,
) -> None:
    customer = await add_customer(store, at=T0)
    router, _ = await add_router(store, customer.id, at=T0, token="old")
    code = new_code()
    await store.create_enrollment_code(hash_code(code), router.id, T0, T0 + timedelta(hours=1))

    with pytest.raises(EnrollmentCodeExpired):
        await store.redeem_enrollment_code(hash_code(code), T0 + timedelta(hours=1), "x")
    with pytest.raises(EnrollmentCodeUnknown):
        await store.redeem_enrollment_code(hash_code(new_code()), T0, "y")
    with pytest.raises(RouterNotFound):
        await store.create_enrollment_code(hash_code(new_code()), uuid4(), T0, T0)
    assert await store.find_router_by_token_hash(hash_token("old")) == router


@pytest.mark.anyio
async def test_a_database_without_enrollment_codes_is_migrated(
    store_backend: StoreBackend,
) -> None:
    old = await store_backend.open(migrations=3)
    customer = await add_customer(old, at=T0)
    router, _ = await add_router(old, customer.id, at=T0, token="t")
    await old.close()

    store = await store_backend.open()
    try:
        code = new_code()
        await store.create_enrollment_code(hash_code(code), router.id, T0, T0 + timedelta(days=1))
        enrolled = await store.redeem_enrollment_code(hash_code(code), T0, hash_token("n"))
        assert enrolled.id == router.id
        await store.reset()
        assert await store.get_router(router.id) is None
    finally:
        await store.close()


def test_codes_read_over_the_phone_are_the_same_code() -> None:
    code = new_code()
    assert len(code) == 19
    assert normalize_code(code.lower().replace("-", " ")) == code.replace("-", "")
    assert normalize_code("k7qm-2xwd-9htr-c4pa") == "K7QM2XWD9HTRC4PA"
    assert normalize_code("O1IL") == "0111"


@pytest.mark.anyio
async def test_a_customer_code_is_traded_for_a_token_that_opens_the_tunnel(
    emulator: EmulatorThread,
) -> None:
    account = emulator.account()
    with emulator.client(account.api_key) as client:
        issued = ok(client.post(f"/api/routers/{account.router_id}/enrollment-codes", json={}))
    with emulator.client() as anyone:
        enrolled = ok(anyone.post("/agent/enroll", json={"code": issued["code"]}))
        again = refused(anyone.post("/agent/enroll", json={"code": issued["code"]}), 409)
        unknown = refused(anyone.post("/agent/enroll", json={"code": new_code()}), 404)

    assert enrolled["router_id"] == str(account.router_id)
    assert enrolled["tunnel_token"] != account.tunnel_token
    assert again["code"] == "enrollment_code_used"
    assert "errors" in again
    assert list(again["errors"]) == ["code"]
    assert unknown["code"] == "enrollment_code_unknown"
    agent = ScriptedAgent(emulator.tunnel_url, enrolled["tunnel_token"])
    try:
        welcome = await agent.connect()
    finally:
        await agent.close()
    assert welcome.router_id == str(account.router_id)


def test_codes_of_another_customers_router_are_not_issued(emulator: EmulatorThread) -> None:
    mine, theirs = emulator.account(), emulator.account()
    with emulator.client(mine.api_key) as client:
        answer = client.post(f"/api/routers/{theirs.router_id}/enrollment-codes", json={})
    refused(answer, 404)


def test_the_controls_issue_codes_that_expire(emulator: EmulatorThread) -> None:
    account = emulator.account()
    with emulator.admin() as admin:
        issued = ok(
            admin.post(
                f"/_emulator/routers/{account.router_id}/enrollment-codes",
                json={"ttl_seconds": 60},
            )
        )
        too_long = refused(
            admin.post(
                f"/_emulator/routers/{account.router_id}/enrollment-codes",
                json={"ttl_seconds": 10**9},
            ),
            422,
        )
    expires = datetime.fromisoformat(issued["expires_at"])
    assert timedelta(seconds=0) < expires - datetime.now(UTC) <= timedelta(seconds=61)
    assert "ttl_seconds" in too_long["errors"]


@pytest.mark.parametrize("ttl", ["60", True, 60.5, 0])
def test_a_code_lifetime_that_is_not_a_positive_whole_number_is_422(
    emulator: EmulatorThread, ttl: object
) -> None:
    account = emulator.account()
    with emulator.client(account.api_key) as client:
        answer = refused(
            client.post(
                f"/api/routers/{account.router_id}/enrollment-codes", json={"ttl_seconds": ttl}
            ),
            422,
        )
    assert list(answer["errors"]) == ["ttl_seconds"]
