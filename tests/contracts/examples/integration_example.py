"""An integrator's tests with the ``mikrocloud`` pytest plugin (the README's example)."""

import httpx
import pytest


def test_a_job_runs_on_the_router_and_is_notified(mikrocloud):
    # mikrocloud: emulator + simulated RouterOS + agent + notification sink, on free ports
    with mikrocloud.client() as api:  # httpx.Client with the customer's API key
        answer = api.post(
            f"/api/asynchronous/{mikrocloud.router_id}",
            json={
                "description": "Log test message",
                "script": ":log info test",
                "make_backup": False,
                "express_execute": True,
                "needs_acknowledgement": True,
                "notify_url": mikrocloud.notify_sink_url,
            },
        )
    assert answer.status_code == 200
    key = answer.json()["data"]["idempotency_key"]

    job = mikrocloud.wait_for_job(key)
    assert job["status"] == "completed"
    notified = mikrocloud.notifications(job["id"], until="completed")
    assert [body["status"] for body in notified] == ["loaded", "running", "completed"]


def test_the_router_answers_synchronous_reads(mikrocloud):
    response = httpx.post(
        f"{mikrocloud.base_url}/api/synchronous/{mikrocloud.router_id}",
        json={"command": "/interface/print", "parameters": "=.proplist=name,mac-address"},
        headers=mikrocloud.headers,
    )
    rows = response.json()["data"]
    assert rows[0].keys() == {"name", "mac_address"}


@pytest.mark.real_mikrocloud
def test_a_real_router_answers_the_arp_table(real_mikrocloud):
    # runs with --mikrocloud-url/--mikrocloud-token/--mikrocloud-router (or MIKROCLOUD_*)
    response = httpx.post(
        f"{real_mikrocloud.base_url}/api/synchronous/{real_mikrocloud.router_id}",
        json={"command": "/ip/arp/print"},
        headers={"Authorization": f"Bearer {real_mikrocloud.token}"},
    )
    assert response.json()["status"] == "success"
