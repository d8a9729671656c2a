"""The /_emulator controls on a real server: the admin token, customers, keys, routers,
triggered polls, the delivery log, fault rules and reset."""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID, uuid4

import pytest

from tests.emulator.api_harness import (
    ADMIN_TOKEN,
    SEED_JOB,
    UNKNOWN_ID,
    EmulatorThread,
    ok,
    refused,
)
from tests.emulator.tunnel_agent import ScriptedAgent
from tests.support.waiting import eventually
from tikjobs.contracts.tunnel import JobOffer
from tikjobs.emulator.notifications.signing import new_secret, secret_key
from tikjobs.sink import NotificationSink, SinkCertificate


@pytest.fixture(scope="module")
def emulator_settings(sink_trusted: dict[str, Any]) -> dict[str, Any]:
    """The emulator trusts the test sink's certificate on 127.0.0.1."""
    return {**sink_trusted, "default_poll_interval": 45.0}


def new_customer(emulator: EmulatorThread, **body: Any) -> dict[str, Any]:
    with emulator.admin() as admin:
        data: dict[str, Any] = ok(admin.post("/_emulator/customers", json=body))
    return data


# -- the admin token -----------------------------------------------------------------------

CONTROLS = [
    ("POST", "/_emulator/customers"),
    ("POST", f"/_emulator/customers/{UNKNOWN_ID}/keys"),
    ("POST", "/_emulator/routers"),
    ("POST", f"/_emulator/routers/{UNKNOWN_ID}/poll"),
    ("POST", f"/_emulator/routers/{UNKNOWN_ID}/enrollment-codes"),
    ("POST", "/_emulator/reset"),
    ("GET", "/_emulator/notifications"),
    ("GET", "/_emulator/faults"),
    ("PUT", "/_emulator/faults"),
    ("DELETE", "/_emulator/faults"),
]


BODIES = {
    "an empty object": {"json": {}},
    "a body that is not JSON": {"content": b"{", "headers": {"Content-Type": "application/json"}},
}


@pytest.mark.parametrize("sent", BODIES)
@pytest.mark.parametrize(("method", "path"), CONTROLS)
def test_every_control_needs_the_admin_token(
    emulator: EmulatorThread, method: str, path: str, sent: str
) -> None:
    """Whatever the body, the token is checked first: a caller without it learns nothing
    of what the control would have made of the body."""
    body = BODIES[sent]
    headers = body.get("headers", {})
    content = {key: value for key, value in body.items() if key != "headers"}
    with emulator.client() as client:
        missing = client.request(method, path, headers=headers, **content)
        wrong_header = client.request(
            method, path, headers={**headers, "X-Emulator-Admin-Token": "guess"}, **content
        )
        wrong_bearer = client.request(
            method, path, headers={**headers, "Authorization": "Bearer guess"}, **content
        )
    assert refused(missing, 401)["code"] == "not_authenticated"
    assert missing.headers["WWW-Authenticate"].startswith("Bearer")
    assert refused(wrong_header, 403)["code"] == "forbidden"
    assert refused(wrong_bearer, 403)["code"] == "forbidden"


def test_the_admin_header_opens_the_controls_beside_an_api_key(emulator: EmulatorThread) -> None:
    """One client for both APIs: its Authorization carries the customer's key, and the
    controls read X-Emulator-Admin-Token first."""
    account = emulator.account()
    with emulator.client(account.api_key) as client:
        ok(client.get("/_emulator/faults", headers={"X-Emulator-Admin-Token": ADMIN_TOKEN}))
        ok(client.get("/api/routers"))


def test_an_api_key_does_not_open_the_controls(emulator: EmulatorThread) -> None:
    account = emulator.account()
    with emulator.client(account.api_key) as client:
        refused(client.get("/_emulator/faults"), 403)


def test_the_admin_token_works_as_a_bearer_token(emulator: EmulatorThread) -> None:
    with emulator.client() as client:
        response = client.get(
            "/_emulator/faults", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}
        )
    ok(response)


# -- customers, keys, routers ----------------------------------------------------------------


def test_a_new_customer_gets_a_standard_webhooks_secret(emulator: EmulatorThread) -> None:
    customer = new_customer(emulator)
    UUID(customer["customer_id"])
    assert customer["webhook_secret"].startswith("whsec_")
    assert len(secret_key(customer["webhook_secret"])) >= 24


def test_a_given_webhook_secret_is_kept(emulator: EmulatorThread) -> None:
    secret = new_secret()
    assert new_customer(emulator, name="acme", webhook_secret=secret)["webhook_secret"] == secret


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"webhook_secret": "not-a-whsec-secret"}, "webhook_secret"),
        ({"webhook_secret": "whsec_!!!not-base64!!!"}, "webhook_secret"),
        ({"name": ""}, "name"),
        ({"name": "n" * 101}, "name"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_customer_fields_are_422(
    emulator: EmulatorThread, body: dict[str, Any], field: str
) -> None:
    with emulator.admin() as admin:
        answer = refused(admin.post("/_emulator/customers", json=body), 422)
    assert list(answer["errors"]) == [field]


@pytest.mark.parametrize(
    "secret",
    [
        "whsec_eA==",
        "whsec_AAAA",
        "whsec_" + "A" * 43 + "=",
        "whsec_eA=",
        "whsec_eA",
        "whsec_====",
        "whsec_!!!not-base64!!!",
        "WHSEC_eA==",
        "whsec_ eA==",
    ],
)
def test_the_documented_webhook_secret_pattern_is_what_the_emulator_takes(
    emulator: EmulatorThread, secret: str
) -> None:
    """A client that checks a secret against /openapi.json before sending it is never
    refused for it, and never sends one the emulator refuses."""
    with emulator.admin() as admin:
        document = admin.get("/openapi.json").json()
        answer = admin.post("/_emulator/customers", json={"webhook_secret": secret})
    schema = document["components"]["schemas"]["CustomerCreate"]["properties"]["webhook_secret"]
    [text] = [option for option in schema["anyOf"] if option.get("type") == "string"]
    documented = re.fullmatch(text["pattern"], secret) is not None
    assert (answer.status_code == 200) == documented, answer.text


def test_an_issued_key_names_its_customer_and_works(emulator: EmulatorThread) -> None:
    customer = new_customer(emulator)
    with emulator.admin() as admin:
        issued = ok(admin.post(f"/_emulator/customers/{customer['customer_id']}/keys"))
    token_id, customer_id, secret = issued["api_key"].split(":")
    assert (token_id, customer_id) == (issued["token_id"], customer["customer_id"])
    assert len(secret) == 62
    with emulator.client(issued["api_key"]) as client:
        assert ok(client.get("/api/routers")) == []


def test_keys_and_routers_for_an_unknown_customer_are_404(emulator: EmulatorThread) -> None:
    with emulator.admin() as admin:
        key = refused(admin.post(f"/_emulator/customers/{uuid4()}/keys"), 404)
        router = refused(admin.post("/_emulator/routers", json={"customer_id": str(uuid4())}), 404)
    assert key["code"] == router["code"] == "customer_not_found"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"rate_limit": 0}, "rate_limit"),
        ({"rate_limit": "many"}, "rate_limit"),
        ({"rate_limit": "60"}, "rate_limit"),
        ({"rate_limit": True}, "rate_limit"),
        ({"rate_limit": 60.5}, "rate_limit"),
    ],
)
def test_bad_key_fields_are_422(emulator: EmulatorThread, body: dict[str, Any], field: str) -> None:
    customer = new_customer(emulator)
    with emulator.admin() as admin:
        answer = refused(
            admin.post(f"/_emulator/customers/{customer['customer_id']}/keys", json=body), 422
        )
    assert list(answer["errors"]) == [field]


@pytest.mark.parametrize(
    ("poll_interval", "accepted"),
    [
        (0, False),
        (-1, False),
        (0.0009, False),
        (0.001, True),
        (86400, True),
        (86401, False),
        ("5", False),
        (True, False),
    ],
)
def test_a_routers_poll_interval_has_limits(
    emulator: EmulatorThread, poll_interval: float, accepted: bool
) -> None:
    customer = new_customer(emulator)
    body = {"customer_id": customer["customer_id"], "poll_interval": poll_interval}
    with emulator.admin() as admin:
        response = admin.post("/_emulator/routers", json=body)
    if accepted:
        assert ok(response)["poll_interval"] == poll_interval
    else:
        assert list(refused(response, 422)["errors"]) == ["poll_interval"]


@pytest.mark.anyio
async def test_a_registered_router_takes_its_agent_with_the_answered_token(
    emulator: EmulatorThread,
) -> None:
    account = emulator.account()
    agent = ScriptedAgent(emulator.tunnel_url, account.tunnel_token)
    try:
        welcome = await agent.connect()
    finally:
        await agent.close()
    assert welcome.router_id == str(account.router_id)
    assert welcome.poll_interval == emulator.settings.default_poll_interval


# -- triggered polls -----------------------------------------------------------------------


@pytest.mark.anyio
async def test_a_triggered_poll_offers_the_waiting_job(emulator: EmulatorThread) -> None:
    account = emulator.account()
    agent = ScriptedAgent(emulator.tunnel_url, account.tunnel_token)
    try:
        await agent.connect()
        async with emulator.async_client(account.api_key) as client:
            ok(await client.post(f"/api/asynchronous/{account.router_id}", json=SEED_JOB))
        with emulator.admin() as admin:
            triggered = ok(admin.post(f"/_emulator/routers/{account.router_id}/poll"))
        offer = await agent.expect(JobOffer)
    finally:
        await agent.close()
    assert triggered == {"router_id": str(account.router_id), "online": True}
    assert offer.script == SEED_JOB["script"]


def test_a_poll_of_an_offline_router_says_so(emulator: EmulatorThread) -> None:
    account = emulator.account()
    with emulator.admin() as admin:
        triggered = ok(admin.post(f"/_emulator/routers/{account.router_id}/poll"))
        missing = refused(admin.post(f"/_emulator/routers/{uuid4()}/poll"), 404)
    assert triggered["online"] is False
    assert missing["code"] == "router_not_found"


# -- the delivery log ------------------------------------------------------------------------


@pytest.mark.anyio
async def test_the_delivery_log_shows_each_attempt_with_its_payload(
    emulator: EmulatorThread, certificate: SinkCertificate
) -> None:
    account = emulator.account()
    async with NotificationSink(None, certificate) as sink:
        sink.answer([503])
        async with emulator.async_client(account.api_key) as client:
            ok(
                await client.post(
                    f"/api/asynchronous/{account.router_id}",
                    json={**SEED_JOB, "notify_url": sink.url},
                )
            )
            job = ok(await client.get(f"/api/routers/{account.router_id}/jobs"))[0]
            ok(await client.delete(f"/api/routers/{account.router_id}/jobs/{job['id']}"))
        await sink.wait_for(lambda got: len(got) >= 1)
        log = await eventually_logged(emulator, job["id"])

    first = log[0]
    assert first["job_id"] == job["id"]
    assert first["customer_id"] == str(account.customer_id)
    assert first["status"] == "deleted"
    assert first["attempt"] == 1
    assert (first["http_status"], first["delivered"]) == (503, False)
    assert first["payload"]["status"] == "deleted"
    assert first["payload"]["job_id"] == job["id"]
    with emulator.admin() as admin:
        other = ok(admin.get("/_emulator/notifications", params={"customer_id": str(uuid4())}))
    assert other == []


def test_the_delivery_log_refuses_bad_filters(emulator: EmulatorThread) -> None:
    with emulator.admin() as admin:
        assert list(refused(admin.get("/_emulator/notifications?job_id=7"), 422)["errors"]) == [
            "job_id"
        ]
        assert "limit" in refused(admin.get("/_emulator/notifications?limit=0"), 422)["errors"]


# -- faults ------------------------------------------------------------------------------


def test_fault_rules_are_set_read_and_cleared(emulator: EmulatorThread) -> None:
    quiet = {
        "sync": {"latency": 0.0, "failure_rate": 0.0},
        "notification": {"latency": 0.0, "failure_rate": 0.0},
    }
    with emulator.admin() as admin:
        assert ok(admin.get("/_emulator/faults")) == quiet
        put = ok(admin.put("/_emulator/faults", json={"notification": {"failure_rate": 0.5}}))
        read = ok(admin.get("/_emulator/faults"))
        cleared = ok(admin.delete("/_emulator/faults"))
    assert put == read == {**quiet, "notification": {"latency": 0.0, "failure_rate": 0.5}}
    assert cleared == quiet


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"sync": {"failure_rate": 1.5}}, "sync.failure_rate"),
        ({"sync": {"failure_rate": -0.1}}, "sync.failure_rate"),
        ({"notification": {"latency": -1}}, "notification.latency"),
        ({"notification": {"latency": 301}}, "notification.latency"),
        ({"sync": {"jitter": 1}}, "sync.jitter"),
        ({"disk": {}}, "disk"),
        ({"notification": {"failure_rate": False}}, "notification.failure_rate"),
        ({"sync": {"failure_rate": True}}, "sync.failure_rate"),
        ({"sync": {"latency": "2"}}, "sync.latency"),
    ],
)
def test_bad_fault_rules_are_422_and_change_nothing(
    emulator: EmulatorThread, body: dict[str, Any], field: str
) -> None:
    with emulator.admin() as admin:
        answer = refused(admin.put("/_emulator/faults", json=body), 422)
        after = ok(admin.get("/_emulator/faults"))
    assert list(answer["errors"]) == [field]
    assert after["sync"]["failure_rate"] == 0.0


@pytest.mark.parametrize(
    ("body", "field", "reason"),
    [
        ({"sinc": {}}, "sinc", "unknown field (did you mean sync?)"),
        ({"sync": {"latancy": 1}}, "sync.latancy", "unknown field (did you mean latency?)"),
        (
            {"notification": {"failure_rat": 0.5}},
            "notification.failure_rat",
            "unknown field (did you mean failure_rate?)",
        ),
        ({"sync": {"jitter": 1}}, "sync.jitter", "unknown field"),
    ],
)
def test_a_misspelt_fault_rule_field_is_named_with_the_field_meant(
    emulator: EmulatorThread, body: dict[str, Any], field: str, reason: str
) -> None:
    with emulator.admin() as admin:
        answer = refused(admin.put("/_emulator/faults", json=body), 422)
    assert answer["errors"] == {field: [reason]}


@pytest.mark.anyio
async def test_failed_deliveries_from_a_fault_are_retried_in_the_log(
    emulator: EmulatorThread, certificate: SinkCertificate
) -> None:
    account = emulator.account()
    with emulator.admin() as admin:
        ok(admin.put("/_emulator/faults", json={"notification": {"failure_rate": 1}}))
    try:
        async with NotificationSink(None, certificate) as sink:
            async with emulator.async_client(account.api_key) as client:
                ok(
                    await client.post(
                        f"/api/asynchronous/{account.router_id}",
                        json={**SEED_JOB, "notify_url": sink.url},
                    )
                )
                job = ok(await client.get(f"/api/routers/{account.router_id}/jobs"))[0]
                ok(await client.delete(f"/api/routers/{account.router_id}/jobs/{job['id']}"))
            log = await eventually_logged(emulator, job["id"])
            received = list(sink.received)
    finally:
        with emulator.admin() as admin:
            ok(admin.delete("/_emulator/faults"))
    assert received == []
    assert log[0]["delivered"] is False
    assert "injected" in log[0]["error"]


async def eventually_logged(emulator: EmulatorThread, job_id: str) -> list[dict[str, Any]]:
    log: list[dict[str, Any]] = []

    async def logged() -> bool:
        with emulator.admin() as admin:
            log[:] = ok(admin.get("/_emulator/notifications", params={"job_id": job_id}))
        return bool(log)

    await eventually(logged, f"a delivery attempt logged for job {job_id}", every=0.05)
    return log


# -- reset -----------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_reset_forgets_everything_and_closes_tunnels(emulator: EmulatorThread) -> None:
    account = emulator.account()
    with emulator.client(account.api_key) as client:  # the key and router were in use
        assert ok(client.get(f"/api/routers/{account.router_id}"))["online"] is False
    agent = ScriptedAgent(emulator.tunnel_url, account.tunnel_token)
    try:
        await agent.connect()
        with emulator.client(account.api_key) as client:  # online shows at once
            assert ok(client.get(f"/api/routers/{account.router_id}"))["online"] is True
        with emulator.admin() as admin:
            ok(admin.put("/_emulator/faults", json={"sync": {"latency": 1}}))
            assert ok(admin.post("/_emulator/reset")) == {"reset": True}
            faults = ok(admin.get("/_emulator/faults"))
        close_code = await agent.closed_with()
    finally:
        await agent.close()

    assert close_code is not None
    assert faults["sync"]["latency"] == 0.0
    with emulator.client(account.api_key) as client:
        refused(client.get("/api/routers"), 401)
        refused(client.get(f"/api/routers/{account.router_id}"), 401)
    reopened = ScriptedAgent(emulator.tunnel_url, account.tunnel_token)
    try:
        await reopened.open()
        refused_code = await reopened.closed_with()
    finally:
        await reopened.close()
    assert refused_code == 1008
    fresh = emulator.account()
    with emulator.client(fresh.api_key) as client:
        listed = ok(client.get("/api/routers"))
    assert [router["id"] for router in listed] == [str(fresh.router_id)]
