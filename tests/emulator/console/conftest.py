"""Fixtures of the console's tests: one whole system (emulator, two simulated routers with
their agents, a notification sink) per module, a second customer with a router and a
job of its own, and a headless Chromium when the machine has one."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tikjobs.system import System, SystemThread

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WAIT = 20.0


@dataclass
class Stranger:
    """Another customer: its key, its router and one of its jobs."""

    api_key: str
    router_id: str
    job_id: str


@pytest.fixture(scope="module")
def system() -> Iterator[SystemThread]:
    with SystemThread(
        System(
            routers=2,
            poll_interval=1.0,
            agent_options={"router_check_interval": 0.5},
        )
    ) as running:
        yield running


@pytest.fixture(scope="module")
def api(system: SystemThread) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=system.base_url,
        headers={"Authorization": f"Bearer {system.api_key}"},
        timeout=WAIT,
    ) as client:
        yield client


def _data(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    return response.json()["data"]


@pytest.fixture(scope="module")
def stranger(system: SystemThread) -> Stranger:
    """A second customer, set up through the controls, with a pending job."""
    admin = {"Authorization": f"Bearer {system.admin_token}"}
    with httpx.Client(base_url=system.base_url, timeout=WAIT) as http:
        customer = _data(http.post("/_emulator/customers", json={"name": "rival"}, headers=admin))
        key = _data(
            http.post(
                f"/_emulator/customers/{customer['customer_id']}/keys", json={}, headers=admin
            )
        )["api_key"]
        router = _data(
            http.post(
                "/_emulator/routers", json={"customer_id": customer["customer_id"]}, headers=admin
            )
        )
        http.post(
            f"/api/asynchronous/{router['router_id']}",
            json={
                "description": "the rival's secret job",
                "script": ":log info rival",
                "make_backup": False,
                "express_execute": False,
                "needs_acknowledgement": True,
            },
            headers={"Authorization": f"Bearer {key}"},
        )
        jobs = _data(
            http.get(
                f"/api/routers/{router['router_id']}/jobs",
                headers={"Authorization": f"Bearer {key}"},
            )
        )
    return Stranger(api_key=key, router_id=router["router_id"], job_id=jobs[0]["id"])


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, if they cannot."""
    for binary in (CHROMIUM, CHROMEDRIVER):
        if not (Path(binary).exists() or shutil.which(Path(binary).name)):
            return f"{binary} is not installed (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[dev]')"
    return None


@pytest.fixture(scope="module")
def browser_needed() -> None:
    """Skip (saying why) when there is no browser; in CI, where .ci/run installs it, fail."""
    reason = browser_missing()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"the console's browser tests cannot run in CI: {reason}")
        pytest.skip(f"the console's browser tests need a headless Chromium: {reason}")


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $TIKJOBS_ARTIFACTS, or a pytest temporary folder."""
    chosen = os.environ.get("TIKJOBS_ARTIFACTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("console-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nconsole screenshots: {folder}")
    return folder
