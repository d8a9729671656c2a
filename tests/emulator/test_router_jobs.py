"""Ordinary one-line jobs an operator sends, through the whole system (emulator, agent,
simulated RouterOS 7.16): each completes and changes the router as on a CHR, or fails
exactly as a CHR without internet fails."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tikjobs.contracts.local import LocalCloud, local_cloud

JOBS: list[tuple[str, str]] = [
    ("/interface vlan add name=vlan10 vlan-id=10 interface=ether1", "completed"),
    ("/system ntp client set enabled=yes servers=pool.ntp.org", "completed"),
    (
        "/interface wireguard add name=wg0 listen-port=13231"
        ' private-key="yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk="',
        "completed",
    ),
    ("/ip pool add name=dhcp-pool ranges=192.168.88.10-192.168.88.254", "completed"),
    ("/ip service set telnet disabled=yes", "completed"),
    ("/interface list add name=WAN", "completed"),
    ("/snmp set enabled=yes contact=noc@example.net", "completed"),
    ("/certificate add name=ca common-name=ca key-usage=key-cert-sign,crl-sign", "completed"),
    ("/queue simple add name=guests target=192.168.88.0/24 max-limit=10M/10M", "completed"),
    (
        "/ip dhcp-server network add address=192.168.88.0/24 gateway=192.168.88.1"
        " dns-server=192.168.88.1",
        "completed",
    ),
    ("/ip dhcp-server add name=lan interface=bridge address-pool=dhcp-pool", "completed"),
    ("/interface list member add list=WAN interface=ether1", "completed"),
    ("/ip address add address=10.10.0.1/24 interface=vlan10", "completed"),
    ("/ip firewall nat add chain=srcnat out-interface-list=WAN action=masquerade", "completed"),
    (
        "/ip firewall filter add chain=input action=accept protocol=tcp dst-port=22 comment=ssh",
        "completed",
    ),
    ("/ip dns set servers=1.1.1.1,9.9.9.9 allow-remote-requests=yes", "completed"),
    ("/system identity set name=edge-1", "completed"),
    ("/ip firewall address-list add list=blocked address=203.0.113.7", "completed"),
    ("/user add name=ops group=read password=Secret-1", "completed"),
    ("/certificate sign ca", "completed"),
    (':if ([/ping 10.0.0.1 count=2] = 0) do={ :error "gateway down" }', "completed"),
    ("/tool fetch url=https://example.com/blocklist.rsc", "failed"),
    ("/system package update check-for-updates", "completed"),
    ("/tool bandwidth-test address=10.0.0.1", "failed"),
    ("/ip service set telnet port=70000", "failed"),
    ("/ip firewall filter add chain=input action=dorp", "failed"),
]
ERRORS = {
    "/tool fetch url=https://example.com/blocklist.rsc": "could not resolve dns name",
    "/tool bandwidth-test address=10.0.0.1": "/tool bandwidth-test is not simulated",
    "/ip service set telnet port=70000": "value of port out of range (0..65535)",
    "/ip firewall filter add chain=input action=dorp": "input does not match any value of action",
}


@pytest.fixture(scope="module")
def cloud() -> Iterator[LocalCloud]:
    with local_cloud(poll_interval=0.3) as running:
        yield running


class Script(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"/ip firewall address-list add list=blocked address=198.51.100.9\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def web() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Script)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def run_job(cloud: LocalCloud, script: str) -> dict[str, Any]:
    with cloud.client(timeout=10) as api:
        answer = api.post(
            f"/api/asynchronous/{cloud.router_id}",
            json={
                "description": script[:60],
                "script": script,
                "make_backup": False,
                "express_execute": True,
                "needs_acknowledgement": True,
            },
        )
        assert answer.status_code == 200, answer.text
        key = answer.json()["data"]["idempotency_key"]
        job = cloud.wait_for_job(key, timeout=30)
        detail = api.get(f"/api/routers/{cloud.router_id}/jobs/{job['id']}")
        assert detail.status_code == 200, detail.text
        found: dict[str, Any] = detail.json()["data"]
        return found


def read(cloud: LocalCloud, command: str, parameters: str = "") -> list[dict[str, str]]:
    response = httpx.post(
        f"{cloud.base_url}/api/synchronous/{cloud.router_id}",
        json={"command": command, "parameters": parameters},
        headers=cloud.headers,
        timeout=10,
    )
    assert response.status_code == 200, response.text
    rows: list[dict[str, str]] = response.json()["data"]
    return rows


@pytest.mark.parametrize(("script", "status"), JOBS, ids=[s[:50] for s, _ in JOBS])
def test_an_ordinary_job_ends_as_on_a_chr(cloud: LocalCloud, script: str, status: str) -> None:
    job = run_job(cloud, script)
    assert job["status"] == status, job
    if status == "failed":
        assert ERRORS[script] in str(job.get("error")), job


def test_the_jobs_changed_the_router_as_they_said(cloud: LocalCloud) -> None:
    vlans = read(cloud, "/interface/vlan/print")
    assert [(v["name"], v["vlan_id"]) for v in vlans] == [("vlan10", "10")]
    services = {row["name"]: row for row in read(cloud, "/ip/service/print")}
    assert services["telnet"]["disabled"] == "true"
    assert services["telnet"]["port"] == "23"
    (snmp,) = read(cloud, "/snmp/print")
    assert snmp["enabled"] == "true"
    lists = [row["name"] for row in read(cloud, "/interface/list/print")]
    assert lists == ["all", "none", "dynamic", "static", "WAN"]
    (ca,) = read(cloud, "/certificate/print")
    assert ca["ca"] == "true"


def test_a_job_fetching_a_loopback_script_runs_it(cloud: LocalCloud, web: str) -> None:
    job = run_job(cloud, f"/tool fetch url={web}/extra.rsc\n/import extra.rsc")
    assert job["status"] == "completed", job
    listed = read(cloud, "/ip/firewall/address-list/print", "?list=blocked")
    assert sorted(row["address"] for row in listed) == ["198.51.100.9", "203.0.113.7"]
