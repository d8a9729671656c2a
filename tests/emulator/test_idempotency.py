"""The Idempotency-Key rules on a real server: replays create nothing, another body is 422,
a first request still in flight is 409, and keys are per customer."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4, uuid5

import httpx
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
from tests.support.builders import add_customer
from tikjobs.contracts.api import AsynchronousRequest
from tikjobs.emulator import idempotency, main
from tikjobs.emulator.exceptions import IdempotencyKeyInFlight, IdempotencyKeyReused, InvalidRequest
from tikjobs.emulator.store import IdempotencyOutcome
from tikjobs.emulator.store.sqlite import SqliteStore

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"


def submit(
    emulator: EmulatorThread,
    account: Account,
    key: str | None,
    body: dict[str, Any] = SEED_JOB,
    router_id: UUID | None = None,
) -> httpx.Response:
    headers = {} if key is None else {HEADER: key.encode("latin-1")}
    with emulator.client(account.api_key) as client:
        return client.post(
            f"/api/asynchronous/{router_id or account.router_id}", json=body, headers=headers
        )


def jobs_of(emulator: EmulatorThread, account: Account, router_id: UUID | None = None) -> Any:
    with emulator.client(account.api_key) as client:
        return ok(client.get(f"/api/routers/{router_id or account.router_id}/jobs"))


def test_the_same_key_and_body_answer_the_first_answer_and_create_nothing(
    emulator: EmulatorThread,
) -> None:
    account = emulator.account()
    key = str(uuid4())
    first = submit(emulator, account, key)
    again = [submit(emulator, account, key) for _ in range(3)]

    ok(first)
    assert all(response.content == first.content for response in again)
    assert all(response.headers["Idempotent-Replayed"] == "true" for response in again)
    assert "Idempotent-Replayed" not in first.headers
    assert len(jobs_of(emulator, account)) == 1


def test_key_order_and_spacing_of_the_body_do_not_matter(emulator: EmulatorThread) -> None:
    account = emulator.account()
    key = str(uuid4())
    first = submit(emulator, account, key)
    reordered = dict(reversed(list(SEED_JOB.items())))
    again = submit(emulator, account, key, reordered)
    assert again.content == first.content
    assert len(jobs_of(emulator, account)) == 1


@pytest.mark.parametrize(
    "change",
    [
        {"description": "another description"},
        {"script": ":log info other"},
        {"make_backup": True},
        {"express_execute": True},
        {"needs_acknowledgement": True},
        {"notify_url": "https://example.com/other"},
        {"notify_url": None},
    ],
)
def test_the_same_key_with_another_body_is_422(
    emulator: EmulatorThread, change: dict[str, Any]
) -> None:
    account = emulator.account()
    key = str(uuid4())
    ok(submit(emulator, account, key))
    answer = refused(submit(emulator, account, key, {**SEED_JOB, **change}), 422)
    assert answer["code"] == "idempotency_key_reused"
    assert HEADER in answer["errors"]
    assert len(jobs_of(emulator, account)) == 1


def test_the_same_key_for_another_router_is_422(emulator: EmulatorThread) -> None:
    account = emulator.account(routers=2)
    first, second = account.routers
    key = str(uuid4())
    ok(submit(emulator, account, key, router_id=first))
    refused(submit(emulator, account, key, router_id=second), 422)
    assert jobs_of(emulator, account, second) == []


def test_a_uuid_key_is_the_jobs_idempotency_key(emulator: EmulatorThread) -> None:
    account = emulator.account()
    key = uuid4()
    data = ok(submit(emulator, account, str(key).upper()))
    assert data["idempotency_key"] == str(key)
    replay = submit(emulator, account, "{" + str(key) + "}")
    assert replay.headers["Idempotent-Replayed"] == "true"


def test_another_key_names_a_uuid5_of_customer_and_key(emulator: EmulatorThread) -> None:
    account = emulator.account()
    data = ok(submit(emulator, account, "order-42/step 1"))
    expected = uuid5(idempotency.KEY_NAMESPACE, f"{account.customer_id}:order-42/step 1")
    assert data["idempotency_key"] == str(expected)


def test_keys_belong_to_one_customer(emulator: EmulatorThread) -> None:
    alice, bob = emulator.account(), emulator.account()
    first = ok(submit(emulator, alice, "shared-key"))
    second = submit(emulator, bob, "shared-key")
    assert "Idempotent-Replayed" not in second.headers
    assert ok(second)["idempotency_key"] != first["idempotency_key"]
    assert len(jobs_of(emulator, bob)) == 1


def test_without_a_key_every_request_is_a_new_job(emulator: EmulatorThread) -> None:
    account = emulator.account()
    answers = [ok(submit(emulator, account, None)) for _ in range(3)]
    assert len({answer["idempotency_key"] for answer in answers}) == 3
    assert len(jobs_of(emulator, account)) == 3


@given(
    key=st.text(
        alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=255
    )
)
@settings(max_examples=25)
def test_any_printable_key_up_to_255_characters_is_accepted(
    emulator: EmulatorThread, key: str
) -> None:
    account = emulator.account()
    ok(submit(emulator, account, key))


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("k" * 256, "must be 1 to 255 characters"),
        ("", "must be 1 to 255 characters"),
        ("tab\tinside", "must be printable ASCII without leading or trailing spaces"),
        (b"cl\xe9".decode("latin-1"), "must be printable ASCII without leading or trailing spaces"),
    ],
)
def test_an_unusable_key_is_422_naming_the_header(
    emulator: EmulatorThread, key: str, reason: str
) -> None:
    account = emulator.account()
    answer = refused(submit(emulator, account, key), 422)
    assert answer["errors"] == {HEADER: [reason]}
    assert jobs_of(emulator, account) == []


def test_a_key_of_255_characters_is_the_longest(emulator: EmulatorThread) -> None:
    account = emulator.account()
    ok(submit(emulator, account, "k" * 255))
    refused(submit(emulator, account, "k" * 256), 422)


# -- a first request still in flight --------------------------------------------------------


def fingerprint(router_id: UUID, body: dict[str, Any]) -> str:
    return idempotency.request_hash(router_id, AsynchronousRequest(**body).model_dump(mode="json"))


@pytest.mark.anyio
async def test_a_key_whose_first_request_is_in_flight_is_409_until_it_is_done(
    emulator: EmulatorThread,
) -> None:
    account = emulator.account()
    key = str(uuid4())
    store = await SqliteStore.open(emulator.settings.db_path)
    try:
        claimed = await store.begin_idempotent(
            account.customer_id, key, fingerprint(account.router_id, SEED_JOB), datetime.now(UTC)
        )
        assert claimed is None
        in_flight = refused(submit(emulator, account, key), 409)
        assert in_flight["code"] == "idempotency_key_in_flight"
        assert list(in_flight["errors"]) == [HEADER]
        assert jobs_of(emulator, account) == []

        await store.release_idempotent(account.customer_id, key)
    finally:
        await store.close()
    ok(submit(emulator, account, key))
    assert len(jobs_of(emulator, account)) == 1


@pytest.mark.anyio
async def test_concurrent_requests_with_one_key_create_one_job(emulator: EmulatorThread) -> None:
    account = emulator.account()
    key = str(uuid4())
    start = asyncio.Event()
    limits = httpx.Limits(max_connections=16)

    async def post(client: httpx.AsyncClient) -> httpx.Response:
        await start.wait()
        return await client.post(
            f"/api/asynchronous/{account.router_id}", json=SEED_JOB, headers={HEADER: key}
        )

    async with httpx.AsyncClient(
        base_url=emulator.url,
        headers={"Authorization": f"Bearer {account.api_key}"},
        timeout=10.0,
        limits=limits,
    ) as client:
        sending = [asyncio.create_task(post(client)) for _ in range(16)]
        await asyncio.sleep(0)
        start.set()
        answers = await asyncio.gather(*sending)

    first = [
        answer for answer in answers if answer.status_code == 200 and REPLAYED not in answer.headers
    ]
    replays = [answer for answer in answers if answer.headers.get(REPLAYED) == "true"]
    in_flight = [answer for answer in answers if answer.status_code == 409]
    assert len(first) == 1
    assert len(first) + len(replays) + len(in_flight) == len(answers)
    assert all(answer.content == first[0].content for answer in replays)
    assert all(answer.json()["code"] == "idempotency_key_in_flight" for answer in in_flight)
    assert [job["idempotency_key"] for job in jobs_of(emulator, account)] == [key]
    retried = submit(emulator, account, key)
    assert retried.content == first[0].content
    assert retried.headers[REPLAYED] == "true"


@pytest.mark.anyio
async def test_concurrent_requests_with_one_key_and_other_bodies_create_one_job(
    emulator: EmulatorThread,
) -> None:
    account = emulator.account()
    key = str(uuid4())
    bodies = [{**SEED_JOB, "description": f"body {n}"} for n in range(8)]
    async with emulator.async_client(account.api_key) as client:
        answers = await asyncio.gather(
            *(
                client.post(
                    f"/api/asynchronous/{account.router_id}", json=body, headers={HEADER: key}
                )
                for body in bodies
            )
        )
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses.count(200) == 1
    assert set(statuses) <= {200, 409, 422}
    [job] = jobs_of(emulator, account)
    winner = next(answer for answer in answers if answer.status_code == 200)
    assert ok(winner)["idempotency_key"] == job["idempotency_key"]


# -- how long keys are kept ------------------------------------------------------------------


@pytest.mark.anyio
async def test_answers_older_than_a_day_are_purged_while_the_emulator_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(main, "IDEMPOTENCY_PURGE_PERIOD", 0.05)
    with EmulatorThread(settings_for(tmp_path)) as emulator:
        account = emulator.account()
        now = datetime.now(UTC)
        stale = '{"status":"success","data":"answered 25 hours ago"}'
        recent = '{"status":"success","data":"answered 23 hours ago"}'
        store = await SqliteStore.open(emulator.settings.db_path)
        try:
            for key, age, answer in (("day-old", 25, stale), ("recent", 23, recent)):
                await store.begin_idempotent(
                    account.customer_id,
                    key,
                    fingerprint(account.router_id, SEED_JOB),
                    now - timedelta(hours=age),
                )
                await store.finish_idempotent(
                    IdempotencyOutcome(account.customer_id, key, 200, answer)
                )
        finally:
            await store.close()

        deadline = time.monotonic() + 10.0
        while (answer := submit(emulator, account, "day-old")).text == stale:
            assert time.monotonic() < deadline, "the day-old answer was never purged"
            await asyncio.sleep(0.05)
        kept = submit(emulator, account, "recent")

    assert "Idempotent-Replayed" not in answer.headers
    created = ok(answer)
    assert created["target"] == str(account.router_id)
    assert kept.text == recent
    assert kept.headers["Idempotent-Replayed"] == "true"


# -- the rules without the server ------------------------------------------------------------


@pytest.mark.anyio
async def test_claim_judges_an_existing_record(tmp_path: Any) -> None:
    store = await SqliteStore.open(tmp_path / "keys.db")
    customer = await add_customer(store, at=datetime.now(UTC))
    key = idempotency.client_key(customer.id, "key-1")
    now = datetime.now(UTC)
    try:
        assert await idempotency.claim(store, customer.id, key, "hash-a", now) is None
        with pytest.raises(IdempotencyKeyInFlight):
            await idempotency.claim(store, customer.id, key, "hash-a", now)
        with pytest.raises(IdempotencyKeyReused):
            await idempotency.claim(store, customer.id, key, "hash-b", now)
    finally:
        await store.close()


def test_request_hash_ignores_key_order_but_not_values() -> None:
    router_id = uuid4()
    assert idempotency.request_hash(router_id, {"a": 1, "b": 2}) == idempotency.request_hash(
        router_id, {"b": 2, "a": 1}
    )
    assert idempotency.request_hash(router_id, {"a": 1}) != idempotency.request_hash(
        router_id, {"a": 2}
    )
    assert idempotency.request_hash(router_id, {"a": 1}) != idempotency.request_hash(
        uuid4(), {"a": 1}
    )


@given(header=st.text(max_size=300))
def test_client_key_accepts_exactly_the_documented_keys(header: str) -> None:
    documented = (
        1 <= len(header) <= 255
        and all(0x20 <= ord(char) <= 0x7E for char in header)
        and header == header.strip()
    )
    refusal: InvalidRequest | None = None
    try:
        idempotency.client_key(uuid4(), header)
    except InvalidRequest as error:
        refusal = error
    assert (refusal is None) == documented
    if refusal is not None:
        assert list(refusal.errors) == [HEADER]
