"""The sample Prometheus set-up in docs/prometheus/, against the real thing: ``promtool``
checks the alerting rules and the configuration, and the distribution's ``prometheus``
scrapes a live emulator with the admin token, finds the target up, stores its metrics and
evaluates the rules on them (a router that never connected makes TikjobsRouterOffline
pending). Without the binaries the tests skip saying so; in CI, which installs them,
they fail instead."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.emulator.api_harness import ADMIN_TOKEN, EmulatorThread, settings_for
from tests.support.waiting import eventually_blocking

DOCS = Path(__file__).resolve().parents[2] / "docs" / "prometheus"
RULES = DOCS / "tikjobs-alerts.yml"
CONFIG = DOCS / "prometheus.yml"
WAIT = 60.0


def binary(name: str) -> str:
    found = shutil.which(name) or (
        f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None
    )
    if found is None:
        reason = f"{name} is not installed (apt-get install prometheus)"
        if os.environ.get("CI"):
            pytest.fail(f"the monitoring tests cannot run in CI: {reason}")
        pytest.skip(f"the monitoring tests need the prometheus package: {reason}")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_promtool_accepts_the_alerting_rules() -> None:
    checked = subprocess.run(  # noqa: S603
        [binary("promtool"), "check", "rules", str(RULES)],
        capture_output=True, text=True, timeout=WAIT, check=False,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "SUCCESS: 8 rules found" in checked.stdout


def live_config(tmp_path: Path, emulator_url: str) -> Path:
    """The sample configuration pointed at the live emulator, scraping every second."""
    token_file = tmp_path / "admin-token"
    token_file.write_text(ADMIN_TOKEN)
    (tmp_path / RULES.name).write_text(RULES.read_text())
    text = CONFIG.read_text()
    text = text.replace("scrape_interval: 15s", "scrape_interval: 1s")
    text = text.replace("evaluation_interval: 15s", "evaluation_interval: 1s")
    text = text.replace("/etc/prometheus/tikjobs-admin-token", str(token_file))
    text = text.replace("cloud.example.net:8080", emulator_url.removeprefix("http://"))
    config = tmp_path / "prometheus.yml"
    config.write_text(text)
    return config


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[EmulatorThread]:
    (tmp_path / "emulator").mkdir()
    with EmulatorThread(settings_for(tmp_path / "emulator")) as running:
        with running.admin() as admin:
            customer = admin.post("/_emulator/customers", json={"name": "acme"}).json()["data"]
            admin.post("/_emulator/routers", json={"customer_id": customer["customer_id"]})
        yield running


def eventually(check: Any, what: str) -> Any:
    """What ``check`` finds once Prometheus answers it; a refused or failed query (the
    server still starting) counts as nothing found yet."""

    def answered() -> Any:
        try:
            return check()
        except httpx.HTTPError:
            return None

    return eventually_blocking(answered, what, WAIT, every=0.2)


def test_prometheus_scrapes_a_live_emulator_and_evaluates_the_rules(
    emulator: EmulatorThread, tmp_path: Path
) -> None:
    config = live_config(tmp_path, emulator.url)
    checked = subprocess.run(  # noqa: S603
        [binary("promtool"), "check", "config", str(config)],
        capture_output=True, text=True, timeout=WAIT, check=False,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [binary("prometheus"), f"--config.file={config}",
         f"--storage.tsdb.path={tmp_path / 'data'}", f"--web.listen-address=127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=(tmp_path / "prometheus.log").open("wb"),
    )  # fmt: skip
    api = httpx.Client(base_url=f"http://127.0.0.1:{port}/api/v1", timeout=5.0)
    try:

        def ready(path: str, **params: str) -> Any:
            """Prometheus's answer's data, or None while it starts (a text 503 at first)."""
            try:
                response = api.get(path, params=params)
            except httpx.TransportError:
                return None
            return response.json()["data"] if response.status_code == 200 else None

        def emulator_target() -> dict[str, Any] | None:
            data = ready("/targets")
            targets = [] if data is None else data["activeTargets"]
            for target in targets:
                if target["labels"]["job"] == "tikjobs-emulator" and target["health"] == "up":
                    return dict(target)
            return None

        target = eventually(emulator_target, "Prometheus scraped the emulator")
        assert target["scrapeUrl"] == f"{emulator.url}/metrics"

        def scraped() -> list[Any]:
            query = 'tikjobs_http_requests_total{route="/_emulator/routers",status="200"}'
            data = ready("/query", query=query)
            result: list[Any] = [] if data is None else data["result"]
            return result

        [sample] = eventually(scraped, "the emulator's request counter was stored")
        assert float(sample["value"][1]) == 1.0

        def offline_alert() -> list[Any]:
            alerts = api.get("/alerts").json()["data"]["alerts"]
            return [a for a in alerts if a["labels"]["alertname"] == "TikjobsRouterOffline"]

        [alert] = eventually(offline_alert, "TikjobsRouterOffline was evaluated")
        assert alert["state"] == "pending"
        groups = api.get("/rules").json()["data"]["groups"]
        assert {group["name"] for group in groups} == {"tikjobs-emulator", "tikjobs-agent"}
    finally:
        api.close()
        server.terminate()
        server.wait(timeout=WAIT)
