"""A MikroCloud on this machine for tests: emulator, simulated router and agent, on free ports.

`local_cloud()` starts `tikjobs.system.System` (emulator, simulated RouterOS devices,
their agents, and an HTTPS notification sink) on its own thread, adds a second customer
with a key of its own (for tenancy checks), and yields a `LocalCloud`: everything a
client needs — base URL, API key, router id — plus the emulator's controls. It is what
the ``mikrocloud`` pytest fixture yields and what the contract suite runs against in CI.
Synchronous code (hypothesis, plain pytest tests) uses it directly.
"""

from __future__ import annotations

import contextlib
import ssl
import time
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import httpx

from tikjobs.contracts.suite.target import Target

if TYPE_CHECKING:
    from tikjobs.emulator.serve import AppFactory
    from tikjobs.vm.chr.target import RouterTarget

CONTROL_TIMEOUT: Final = 10.0
WAIT: Final = 15.0
POLL_PAUSE: Final = 0.05
POLL_INTERVAL: Final = 5.0
"""Seconds between the routers' own check-ins (MikroCloud's routers poll every 30 s)."""


@dataclass(frozen=True)
class LocalCloud:
    """A running local MikroCloud and the customer a test acts as."""

    base_url: str
    api_key: str
    router_id: str
    router_ids: tuple[str, ...]
    admin_token: str
    customer_id: str
    webhook_secret: str
    notify_sink_url: str
    """An https:// notify_url whose ``GET`` lists what it received (``?job_id=``)."""
    notify_sink_ca: Path
    """The sink's certificate: trust it when reading the sink."""
    other_api_key: str
    """A key of another customer, who has no routers."""

    @property
    def headers(self) -> dict[str, str]:
        """``Authorization: Bearer <api_key>``."""
        return {"Authorization": f"Bearer {self.api_key}"}

    def client(self, **options: Any) -> httpx.Client:
        """An httpx client for the public API, authenticated as the customer."""
        return httpx.Client(base_url=self.base_url, headers=self.headers, **options)

    def poll(self, router_id: str | None = None) -> bool:
        """Make a router check in now (its pending jobs run); False if it is offline."""
        data = _control(self, f"/_emulator/routers/{router_id or self.router_id}/poll")
        return bool(data["online"])

    def notifications(
        self, job_id: str | None = None, *, until: str | None = None, timeout: float = WAIT
    ) -> list[dict[str, Any]]:
        """The notification bodies the sink received, oldest first (one job's, if given);
        with ``until``, once one reports that status (`TimeoutError` after ``timeout``)."""
        params = {} if job_id is None else {"job_id": job_id}
        trusted = ssl.create_default_context(cafile=self.notify_sink_ca)
        deadline = time.monotonic() + timeout
        with httpx.Client(verify=trusted, timeout=CONTROL_TIMEOUT) as http:
            while True:
                records = http.get(self.notify_sink_url, params=params).raise_for_status()
                bodies = [record["payload"] for record in records.json()]
                if until is None or any(body.get("status") == until for body in bodies):
                    return bodies
                if time.monotonic() > deadline:
                    raise TimeoutError(f"no {until} notification within {timeout:g} s: {bodies}")
                time.sleep(POLL_PAUSE)

    def wait_for_job(
        self,
        idempotency_key: str,
        statuses: Collection[str] = ("completed", "failed", "deleted"),
        *,
        timeout: float = WAIT,
    ) -> dict[str, Any]:
        """The job (as the job list shows it) once its status is one of ``statuses``."""
        deadline = time.monotonic() + timeout
        with self.client(timeout=CONTROL_TIMEOUT) as http:
            while True:
                listing = http.get(f"/api/routers/{self.router_id}/jobs").raise_for_status()
                for job in listing.json()["data"]:
                    if job["idempotency_key"] == idempotency_key and job["status"] in statuses:
                        return dict(job)
                if time.monotonic() > deadline:
                    raise TimeoutError(f"job {idempotency_key} not {'/'.join(statuses)} in time")
                time.sleep(POLL_PAUSE)

    def target(self, **overrides: Any) -> Target:
        """The contract suite's `Target` for this cloud, with every extra it offers."""
        target = Target(
            base_url=self.base_url,
            token=self.api_key,
            router_id=self.router_id,
            second_token=self.other_api_key,
            notify_sink=self.notify_sink_url,
            notify_sink_ca=self.notify_sink_ca,
            admin_token=self.admin_token,
        )
        return replace(target, **overrides)


def _control(cloud: LocalCloud, path: str, body: Mapping[str, Any] | None = None) -> Any:
    with httpx.Client(base_url=cloud.base_url, timeout=CONTROL_TIMEOUT) as http:
        response = http.post(
            path,
            json=dict(body or {}),
            headers={"Authorization": f"Bearer {cloud.admin_token}"},
        )
    response.raise_for_status()
    return response.json()["data"]


@contextlib.contextmanager
def local_cloud(
    *,
    routers: int | Sequence[RouterTarget] = 1,
    poll_interval: float = POLL_INTERVAL,
    emulator_options: Mapping[str, Any] | None = None,
    emulator_app: AppFactory | None = None,
    log_level: str = "warning",
) -> Iterator[LocalCloud]:
    """Start emulator, ``routers`` simulated routers and their agents; stop them on exit.

    ``routers`` may instead list routers that run already (a CHR, say): each gets an
    agent, and none is started or stopped. ``emulator_options`` are further
    `emulator.settings.Settings` values; ``emulator_app`` makes the emulator's app from
    them (`emulator.main.build_app` unless given).
    """
    from tikjobs.system import System, SystemThread

    system = System(
        routers=routers,
        poll_interval=poll_interval,
        emulator_options=emulator_options,
        emulator_app=emulator_app,
        log_level=log_level,
    )
    with SystemThread(system) as running:
        cloud = LocalCloud(
            base_url=system.base_url,
            api_key=system.api_key,
            router_id=system.routers[0].router_id,
            router_ids=tuple(router.router_id for router in system.routers),
            admin_token=system.admin_token,
            customer_id=system.customer_id,
            webhook_secret=system.webhook_secret,
            notify_sink_url=system.notify_sink_url,
            notify_sink_ca=system.sink_ca_file,
            other_api_key="",
        )
        other = _control(cloud, "/_emulator/customers", {"name": "another customer"})
        key = _control(cloud, f"/_emulator/customers/{other['customer_id']}/keys")
        del running
        yield replace(cloud, other_api_key=key["api_key"])
