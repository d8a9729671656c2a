"""Commands that are more than data, as a CHR without internet answers them: a loopback
fetch really fetches, the internet is unreachable, pings answer from the loopback and
neighbours only, certificates sign, a reset resets."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest

from tikjobs.vm.exceptions import RouterOSError
from tikjobs.vm.sim.command import Command
from tikjobs.vm.sim.device import Device
from tikjobs.vm.sim.model import RouterModel


@pytest.fixture
def device() -> Iterator[Device]:
    device = Device(RouterModel(), tick=60)
    device.start()
    yield device
    device.close()


class Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path != "/config.rsc":
            self.send_error(404)
            return
        body = b"/system identity set name=fetched\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def web() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_loopback_fetch_downloads_a_file_a_script_then_imports(device: Device, web: str) -> None:
    device.run_script(f"/tool fetch url={web}/config.rsc\n/import config.rsc", origin="test")
    assert device.model.read_file("config.rsc") == b"/system identity set name=fetched\n"
    assert device.model.identity == "fetched"


def test_a_fetch_to_the_user_answers_the_body_as_a_value(device: Device, web: str) -> None:
    output = device.run_script(
        f':put ([/tool fetch url="{web}/config.rsc" output=user as-value]->"data")',
        origin="test",
    )
    assert output == "/system identity set name=fetched\n\n"


def test_a_missing_page_fails_the_fetch_with_its_status(device: Device, web: str) -> None:
    with pytest.raises(RouterOSError, match="<404 Not Found>"):
        device.execute(Command(("tool",), "fetch", {"url": f"{web}/nothing"}))


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://example.com/file.rsc", "failure: could not resolve dns name"),
        ("http://192.0.2.10/file.rsc", "failure: connection timeout"),
    ],
)
def test_a_fetch_from_the_internet_fails_as_on_a_router_without_it(
    device: Device, url: str, message: str
) -> None:
    with pytest.raises(RouterOSError, match=f"^{message}$"):
        device.execute(Command(("tool",), "fetch", {"url": url}))


def test_pings_answer_from_the_loopback_and_neighbours_only(device: Device) -> None:
    replies = device.run_script(
        ":put [/ping 127.0.0.1 count=3]\n:put [/ping 10.0.0.1 count=2]\n"
        ":put [/ping 198.51.100.1 count=2]",
        origin="test",
    )
    assert replies.split() == ["3", "2", "0"]
    rows = device.execute(Command((), "ping", {"address": "198.51.100.1", "count": "1"})).rows
    assert rows == [
        {"seq": "0", "host": "198.51.100.1", "status": "timeout", "sent": "1", "received": "0",
         "packet-loss": "100"}
    ]  # fmt: skip


def test_checking_for_updates_reports_the_dns_failure(device: Device) -> None:
    (row,) = device.execute(Command(("system", "package", "update"), "check-for-updates")).rows
    assert row == {
        "channel": "stable",
        "installed-version": "7.16",
        "status": "ERROR: could not resolve dns name",
    }


def test_a_signed_certificate_has_a_key_a_fingerprint_and_validity(device: Device) -> None:
    device.run_script(
        "/certificate add name=root common-name=root key-usage=key-cert-sign,crl-sign\n"
        "/certificate sign root\n"
        "/certificate add name=web common-name=web.example.net\n"
        "/certificate sign web ca=root",
        origin="test",
    )
    root, web = device.model.items("certificate")
    assert root["ca"] == "true"
    assert root["private-key"] == "true"
    assert len(web["fingerprint"]) == 64
    assert web["issuer"] == "CN=root"
    with pytest.raises(RouterOSError, match="already signed"):
        device.execute(Command(("certificate",), "sign", {"number": "web"}))


def test_a_reset_without_defaults_leaves_a_bare_router(device: Device) -> None:
    device.run_script("/ip pool add name=p ranges=10.1.1.10-10.1.1.20", origin="test")
    device.execute(Command(("system",), "reset-configuration", {"no-defaults": "yes"}))
    assert device.wait_until_up(10)
    assert device.model.items("ip/pool") == []
    assert device.model.items("ip/address") == []
