"""The console over plain HTTP: what it refuses and the headers it sends, checked on the
wire (the browser tests in ``test_browser.py`` show what a person sees)."""

from __future__ import annotations

import re
import socket
import time
import warnings
from contextlib import closing
from pathlib import Path

import httpx
import pytest

from tests.emulator.api_harness import settings_for
from tests.emulator.console.conftest import WAIT, Stranger
from tikjobs.emulator.console.session import CONTENT_SECURITY_POLICY
from tikjobs.emulator.main import build_app
from tikjobs.system import SystemThread


def signed_in(system: SystemThread, credential: str) -> tuple[httpx.Client, str]:
    """A client signed in with ``credential`` through the form, and its CSRF token."""
    client = httpx.Client(base_url=system.base_url, timeout=WAIT)
    form = client.get("/console/sign-in")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert csrf is not None
    answer = client.post(
        "/console/sign-in", data={"csrf": csrf[1], "credential": credential, "next": ""}
    )
    assert answer.status_code == 303, answer.text
    return client, csrf[1]


def test_nothing_is_shown_without_signing_in(system: SystemThread) -> None:
    with httpx.Client(base_url=system.base_url) as client:
        for path in (
            "/console/routers",
            "/console/jobs",
            f"/console/routers/{system.routers[0].router_id}",
        ):
            answer = client.get(path)
            assert answer.status_code == 303
            assert answer.headers["location"].startswith("/console/sign-in?next=")
        assert system.api_key not in client.get("/console/sign-in").text


def test_every_page_sends_the_strict_policy_and_the_cookies_are_guarded(
    system: SystemThread,
) -> None:
    with httpx.Client(base_url=system.base_url) as client:
        form = client.get("/console/sign-in")
        csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
        assert csrf is not None
        signed = client.post(
            "/console/sign-in", data={"csrf": csrf[1], "credential": system.api_key}
        )
    policy = form.headers["content-security-policy"]
    assert policy == CONTENT_SECURITY_POLICY
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy
    assert form.headers["x-content-type-options"] == "nosniff"
    session = signed.headers["set-cookie"]
    assert session.startswith("tikjobs_console=")
    for flag in ("HttpOnly", "Path=/console", "SameSite=strict"):
        assert flag in session
    assert "Secure" not in session  # served over plain http here
    assert "<script>" not in form.text
    assert not re.search(r"<script(?![^>]*\bsrc=)", form.text)
    assert not re.search(r"\son[a-z]+=", form.text)


def test_over_https_the_cookies_are_secure(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette would rather test with httpx2
        from fastapi.testclient import TestClient

    app = build_app(settings_for(tmp_path))
    with TestClient(app, base_url="https://console.example") as client:
        form = client.get("/console/sign-in")
    assert "Secure" in form.headers["set-cookie"]
    assert "HttpOnly" in form.headers["set-cookie"]


def test_a_wrong_credential_is_refused(system: SystemThread) -> None:
    with httpx.Client(base_url=system.base_url) as client:
        csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/console/sign-in").text)
        assert csrf is not None
        last = "y" if system.api_key.endswith("x") else "x"  # a key one letter off, never the key
        for wrong in ("not-a-key", system.api_key[:-1] + last, system.admin_token + "x"):
            answer = client.post("/console/sign-in", data={"csrf": csrf[1], "credential": wrong})
            assert answer.status_code == 401
            assert "neither a valid API key nor the admin token" in answer.text
            assert (
                "set-cookie" not in answer.headers
                or "tikjobs_console" not in answer.headers["set-cookie"]
            )


def test_a_form_without_the_right_csrf_token_changes_nothing(
    system: SystemThread, api: httpx.Client
) -> None:
    client, _ = signed_in(system, system.api_key)
    router_id = system.routers[0].router_id
    before = api.get(f"/api/routers/{router_id}/jobs").headers["x-total-count"]
    with closing(client):
        for token in ("", "0" * 64):
            answer = client.post(
                f"/console/routers/{router_id}/submit",
                data={"csrf": token, "description": "forged", "script": ":log info forged"},
            )
            assert answer.status_code == 403
            assert "CSRF" in answer.text
    assert api.get(f"/api/routers/{router_id}/jobs").headers["x-total-count"] == before


def test_a_customer_sees_only_its_own_routers_and_jobs(
    system: SystemThread, stranger: Stranger
) -> None:
    client, _ = signed_in(system, system.api_key)
    with closing(client):
        routers = client.get("/console/routers").text
        jobs = client.get("/console/jobs").text
        foreign_job = client.get(f"/console/jobs/{stranger.job_id}")
        foreign_router = client.get(f"/console/routers/{stranger.router_id}")
        filtered = client.get("/console/jobs", params={"router": stranger.router_id}).text
    for router in system.routers:
        assert router.router_id in routers
    assert stranger.router_id not in routers
    assert "the rival&#39;s secret job" not in jobs
    assert "the rival&#39;s secret job" not in filtered
    assert foreign_job.status_code == 404
    assert "rival" not in foreign_job.text
    assert foreign_router.status_code == 404

    operator, _ = signed_in(system, system.admin_token)
    with closing(operator):
        assert operator.get(f"/console/jobs/{stranger.job_id}").status_code == 200
        assert stranger.router_id in operator.get("/console/routers").text


def test_a_submitted_form_is_held_to_the_apis_limits_field_by_field(
    system: SystemThread, api: httpx.Client
) -> None:
    client, csrf = signed_in(system, system.api_key)
    router_id = system.routers[1].router_id
    with closing(client):
        refused = client.post(
            f"/console/routers/{router_id}/submit",
            data={
                "csrf": csrf,
                "description": "d" * 101,
                "script": "",
                "notify_url": "ftp://example.com/hook",
            },
        )
        accepted = client.post(
            f"/console/routers/{router_id}/submit",
            data={
                "csrf": csrf,
                "description": "From the console",
                "script": ":log info console",
                "needs_acknowledgement": "on",
            },
        )
    assert refused.status_code == 422
    for field in ("description", "script", "notify_url"):
        assert f'id="{field}-error"' in refused.text
    assert "at most 100 characters" in refused.text
    assert accepted.status_code == 303
    job_id = accepted.headers["location"].rsplit("/", 1)[-1]
    detail = api.get(f"/api/routers/{router_id}/jobs/{job_id}").json()["data"]
    assert detail["description"] == "From the console"
    assert detail["needs_acknowledgement"] is True
    assert detail["express_execute"] is False


def test_the_operator_and_only_the_operator_has_the_controls(system: SystemThread) -> None:
    customer, _ = signed_in(system, system.api_key)
    with closing(customer):
        assert customer.get("/console/controls").status_code == 403
    operator, csrf = signed_in(system, system.admin_token)
    with closing(operator):
        assert operator.get("/console/controls").status_code == 200
        polled = operator.post(
            f"/console/routers/{system.routers[0].router_id}/poll", data={"csrf": csrf}
        )
    assert polled.status_code == 303
    assert polled.headers["location"].endswith("?polled=yes")


@pytest.mark.parametrize("command", ["/ip/address/add", "/system/reboot", "ip/address/print"])
def test_the_read_form_runs_reads_only(system: SystemThread, command: str) -> None:
    client, csrf = signed_in(system, system.api_key)
    with closing(client):
        answer = client.post(
            f"/console/routers/{system.routers[0].router_id}/read",
            data={"csrf": csrf, "command": command, "parameters": "=address=10.1.1.1/24"},
        )
    assert answer.status_code == 422
    assert "reads only" in answer.text


def test_a_failing_endpoint_is_listed_and_delivered_again(
    system: SystemThread, api: httpx.Client
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]  # nothing listens here once the probe closes
    router_id = system.routers[1].router_id
    unreachable = f"https://127.0.0.1:{closed}/hook"
    submitted = api.post(
        f"/api/asynchronous/{router_id}",
        json={
            "description": "Notified nowhere",
            "script": ":log info nowhere",
            "make_backup": False,
            "express_execute": False,
            "needs_acknowledgement": True,
            "notify_url": unreachable,
        },
    )
    assert submitted.status_code == 200
    job_id = next(
        job["id"]
        for job in api.get(f"/api/routers/{router_id}/jobs").json()["data"]
        if job["idempotency_key"] == submitted.json()["data"]["idempotency_key"]
    )
    assert api.delete(f"/api/routers/{router_id}/jobs/{job_id}").status_code == 200
    admin = {"Authorization": f"Bearer {system.admin_token}"}

    def attempts() -> list[dict[str, object]]:
        log = httpx.get(
            f"{system.base_url}/_emulator/notifications", params={"job_id": job_id}, headers=admin
        )
        found: list[dict[str, object]] = log.json()["data"]
        return found

    deadline = time.monotonic() + WAIT
    while not attempts() and time.monotonic() < deadline:
        time.sleep(0.1)
    [first] = attempts()
    assert first["delivered"] is False

    client, csrf = signed_in(system, system.api_key)
    with closing(client):
        page = client.get("/console/notifications").text
        assert unreachable in page
        notification_id = re.search(r"/console/notifications/(\d+)/redeliver", page)
        assert notification_id is not None
        again = client.post(
            f"/console/notifications/{notification_id[1]}/redeliver", data={"csrf": csrf}
        )
        assert again.status_code == 303
        assert again.headers["location"] == f"/console/jobs/{job_id}"
        while len(attempts()) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [a["attempt"] for a in attempts()] == [1, 2]
        job_page = client.get(f"/console/jobs/{job_id}").text
        assert job_page.count('class="failed"') == 2


def test_a_customer_cannot_deliver_another_customers_notification_again(
    system: SystemThread, stranger: Stranger, api: httpx.Client
) -> None:
    router_id = system.routers[0].router_id
    submitted = api.post(
        f"/api/asynchronous/{router_id}",
        json={
            "description": "Deleted at once",
            "script": ":log info deleted",
            "make_backup": False,
            "express_execute": False,
            "needs_acknowledgement": True,
            "notify_url": system.notify_sink_url,
        },
    )
    key = submitted.json()["data"]["idempotency_key"]
    job_id = next(
        job["id"]
        for job in api.get(f"/api/routers/{router_id}/jobs").json()["data"]
        if job["idempotency_key"] == key
    )
    api.delete(f"/api/routers/{router_id}/jobs/{job_id}")
    admin = {"Authorization": f"Bearer {system.admin_token}"}
    deadline = time.monotonic() + WAIT
    log: list[dict[str, object]] = []
    while not log and time.monotonic() < deadline:
        log = httpx.get(
            f"{system.base_url}/_emulator/notifications", params={"job_id": job_id}, headers=admin
        ).json()["data"]
        time.sleep(0.1)
    notification_id = log[0]["notification_id"]

    client, csrf = signed_in(system, stranger.api_key)
    with closing(client):
        refused = client.post(
            f"/console/notifications/{notification_id}/redeliver", data={"csrf": csrf}
        )
    assert refused.status_code == 404
    owner, owner_csrf = signed_in(system, system.api_key)
    with closing(owner):
        accepted = owner.post(
            f"/console/notifications/{notification_id}/redeliver", data={"csrf": owner_csrf}
        )
    assert accepted.status_code == 303


def test_a_pending_job_is_deleted_from_its_page_and_a_backup_downloads(
    system: SystemThread, api: httpx.Client
) -> None:
    router_id = system.routers[1].router_id
    client, csrf = signed_in(system, system.api_key)
    with closing(client):
        created = client.post(
            f"/console/routers/{router_id}/submit",
            data={"csrf": csrf, "description": "Wait for me", "script": ":log info later"},
        )
        job_id = created.headers["location"].rsplit("/", 1)[-1]
        assert "Delete this pending job" in client.get(f"/console/jobs/{job_id}").text
        deleted = client.post(f"/console/jobs/{job_id}/delete", data={"csrf": csrf})
        assert deleted.status_code == 303
        assert "Delete this pending job" not in client.get(f"/console/jobs/{job_id}").text
        assert api.get(f"/api/routers/{router_id}/jobs/{job_id}").json()["data"]["status"] == (
            "deleted"
        )

        backed_up = api.post(
            f"/api/asynchronous/{router_id}",
            json={
                "description": "Backed up first",
                "script": ":log info backed",
                "make_backup": True,
                "express_execute": True,
                "needs_acknowledgement": True,
            },
        )
        key = backed_up.json()["data"]["idempotency_key"]
        deadline = time.monotonic() + WAIT
        backups: list[dict[str, object]] = []
        while time.monotonic() < deadline and not backups:
            for job in api.get(f"/api/routers/{router_id}/jobs").json()["data"]:
                if job["idempotency_key"] == key and job["status"] == "completed":
                    detail = api.get(f"/api/routers/{router_id}/jobs/{job['id']}").json()
                    backups = detail["data"]["backup"]
            time.sleep(0.1)
        export = next(b for b in backups if b["kind"] == "export")
        downloaded = client.get(f"/console/routers/{router_id}/backups/{export['name']}")
        from_api = api.get(f"/api/routers/{router_id}/backups/{export['name']}")
    assert downloaded.status_code == 200
    assert downloaded.content == from_api.content
    assert f'filename="{export["name"]}"' in downloaded.headers["content-disposition"]


def test_a_safe_apply_window_from_the_form_is_held_to_the_apis_bounds(
    system: SystemThread, api: httpx.Client
) -> None:
    client, csrf = signed_in(system, system.api_key)
    router_id = system.routers[1].router_id
    base = {
        "csrf": csrf,
        "description": "Safe apply from the console",
        "script": ":log info safe",
        "needs_acknowledgement": "on",
    }
    with closing(client):
        refusals = [
            client.post(f"/console/routers/{router_id}/submit", data={**base, **extra})
            for extra in (
                {"rollback_after": "29"},
                {"rollback_after": "3601"},
                {"rollback_after": "two minutes"},
                {"rollback_check": ":return true"},
            )
        ]
        without_acknowledgement = client.post(
            f"/console/routers/{router_id}/submit",
            data={key: value for key, value in base.items() if key != "needs_acknowledgement"}
            | {"rollback_after": "60"},
        )
        accepted = client.post(
            f"/console/routers/{router_id}/submit",
            data={**base, "rollback_after": " 90 ", "rollback_check": ":return true"},
        )
        page = client.get(accepted.headers["location"]).text
    for refused, field in zip(
        refusals,
        ("rollback_after", "rollback_after", "rollback_after", "rollback_check"),
        strict=True,
    ):
        assert refused.status_code == 422, refused.text
        assert f'id="{field}-error"' in refused.text
    assert "greater than or equal to 30" in refusals[0].text
    assert "less than or equal to 3600" in refusals[1].text
    assert "valid integer" in refusals[2].text
    assert "rollback_check needs rollback_after" in refusals[3].text
    assert without_acknowledgement.status_code == 422
    assert 'id="rollback_after-error"' in without_acknowledgement.text
    assert accepted.status_code == 303
    job_id = accepted.headers["location"].rsplit("/", 1)[-1]
    detail = api.get(f"/api/routers/{router_id}/jobs/{job_id}").json()["data"]
    assert detail["rollback_after"] == 90
    assert "restores the router's configuration after 90 s unless confirmed, with a check" in page
