"""Secrets and the cloud's TLS: passwords and tokens from files, the environment or
systemd credentials; a warning for the command line; an encrypted cloud unless
``--insecure``; a private cloud's CA bundle or certificate pin, checked before the router
token leaves the machine (through a TLS-terminating proxy in front of a real emulator)."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import os
import ssl
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from tests.agent.harness import WAIT, Cloud, RegisteredRouter, agent_settings, running_agent
from tests.agent.proxies import TcpProxy, proxy_to
from tests.support.waiting import eventually
from tikjobs.agent import config
from tikjobs.agent.cloud_http import CloudEndpoint
from tikjobs.agent.exceptions import CloudRefused, ConfigError
from tikjobs.agent.runtime import RouterAgent
from tikjobs.sink import SinkCertificate
from tikjobs.vm.sim.router import SimulatedRouter

pytestmark = pytest.mark.anyio

BASE = {"cloud": "https://cloud.example.net", "router": "192.0.2.1"}


def test_secrets_are_read_from_files_without_their_final_newline(tmp_path: Path) -> None:
    (tmp_path / "token").write_text("tok-3f9a\n")
    (tmp_path / "pw").write_text("pass word\n")

    [settings] = config.load(
        environ={},
        options={**BASE, "router_token_file": tmp_path / "token", "password_file": tmp_path / "pw"},
    )

    assert settings.router_token.get_secret_value() == "tok-3f9a"
    assert settings.password.get_secret_value() == "pass word"


def test_a_systemd_credential_of_the_files_name_is_read_instead(tmp_path: Path) -> None:
    credentials = tmp_path / "credentials"
    credentials.mkdir()
    (credentials / "router-token").write_text("from-systemd")
    unreadable = Path("/etc/tikjobs/router-token")

    [settings] = config.load(
        environ={"CREDENTIALS_DIRECTORY": str(credentials)},
        options={**BASE, "router_token_file": unreadable},
    )

    assert settings.router_token.get_secret_value() == "from-systemd"


def test_a_secret_file_and_value_together_or_a_missing_file_are_refused(tmp_path: Path) -> None:
    (tmp_path / "token").write_text("t")
    with pytest.raises(ConfigError, match="both as a value and as router_token_file"):
        config.load(
            environ={"TIKJOBS_AGENT_ROUTER_TOKEN": "x"},
            options={**BASE, "router_token_file": tmp_path / "token"},
        )
    with pytest.raises(ConfigError, match=r"password_file: cannot read .*missing"):
        config.load(
            environ={},
            options={**BASE, "router_token": "t", "password_file": tmp_path / "missing"},
        )


def test_a_plain_cloud_needs_insecure() -> None:
    plain = {**BASE, "cloud": "http://cloud.example.net", "router_token": "t"}
    with pytest.raises(ConfigError, match="not encrypted; use https"):
        config.load(environ={}, options=plain)
    [settings] = config.load(environ={}, options={**plain, "insecure": True})
    assert settings.insecure


def test_a_pin_that_is_not_sha256_is_refused() -> None:
    with pytest.raises(ConfigError, match="cloud_pin"):
        config.load(environ={}, options={**BASE, "router_token": "t", "cloud_pin": "abc"})


async def test_secrets_on_the_command_line_work_with_a_warning_about_ps() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tikjobs.cli", "agent", "--cloud", "https://127.0.0.1:9",
        "--router", "127.0.0.1", "--api-port", "9", "--router-token", "visible-token",
        "--password", "visible-pw", "--state-dir", "/nonexistent/state",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "TIKJOBS_AGENT_CONFIG": ""},
    )  # fmt: skip
    assert process.stderr is not None
    try:
        first = (await asyncio.wait_for(process.stderr.readline(), WAIT)).decode()
        second = (await asyncio.wait_for(process.stderr.readline(), WAIT)).decode()
    finally:
        process.kill()
        await process.wait()
    warned = first + second
    assert "--router-token on the command line is visible" in warned
    assert "--password on the command line is visible" in warned
    assert "--password-file" in warned


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> SinkCertificate:
    return SinkCertificate.create(tmp_path_factory.mktemp("cloud-tls"))


@pytest.fixture
async def https_cloud(cloud: Cloud, certificate: SinkCertificate) -> AsyncIterator[TcpProxy]:
    """The emulator behind a proxy that terminates TLS with a self-signed certificate."""
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(certificate.cert_path, certificate.key_path)
    host, port = cloud.url.removeprefix("http://").split(":")
    async with proxy_to(host, int(port), tls=server_tls) as proxy:
        yield proxy


def pins_of(certificate: SinkCertificate) -> tuple[str, str]:
    """The certificate's pin as hex and its key's pin as curl writes it."""
    loaded = x509.load_pem_x509_certificate(certificate.cert_path.read_bytes())
    der = loaded.public_bytes(Encoding.DER)
    spki = loaded.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return (
        hashlib.sha256(der).hexdigest(),
        "sha256//" + base64.b64encode(hashlib.sha256(spki).digest()).decode(),
    )


@pytest.mark.parametrize("trust", ["ca", "certificate pin", "key pin"])
async def test_the_agent_reaches_a_private_cloud_it_trusts_by_ca_or_pin(
    cloud: Cloud,
    registered: RegisteredRouter,
    router: SimulatedRouter,
    state_dir: Path,
    https_cloud: TcpProxy,
    certificate: SinkCertificate,
    trust: str,
) -> None:
    certificate_pin, key_pin = pins_of(certificate)
    options = {
        "ca": {"cloud_ca": certificate.cert_path},
        "certificate pin": {"cloud_pin": certificate_pin},
        "key pin": {"cloud_pin": key_pin},
    }[trust]
    settings = agent_settings(
        cloud, registered, router, state_dir,
        cloud=f"https://127.0.0.1:{https_cloud.port}", **options,
    )  # fmt: skip

    async with running_agent(settings):
        assert await cloud.online(registered.router_id)


async def test_a_wrong_pin_or_an_untrusted_certificate_sends_nothing(
    cloud: Cloud,
    registered: RegisteredRouter,
    router: SimulatedRouter,
    state_dir: Path,
    https_cloud: TcpProxy,
) -> None:
    url = f"https://127.0.0.1:{https_cloud.port}"
    wrong_pin = "00" * 32
    settings = agent_settings(cloud, registered, router, state_dir, cloud=url, cloud_pin=wrong_pin)
    agent = RouterAgent(settings)
    task = asyncio.get_running_loop().create_task(agent.run())
    try:
        await eventually(lambda: _tried(agent, 2), "the agent tried twice")
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    with pytest.raises(CloudRefused, match="does not match cloud_pin"):
        await asyncio.to_thread(CloudEndpoint(url, None, wrong_pin).request, "GET", "/")
    with pytest.raises(CloudRefused, match="not trusted"):
        await asyncio.to_thread(CloudEndpoint(url).request, "GET", "/")
    assert not agent.tunnel.up.is_set()
    assert https_cloud.from_clients == b""
    assert registered.tunnel_token.encode() not in https_cloud.from_clients
    assert not await cloud.online(registered.router_id)


async def _tried(agent: RouterAgent, times: int) -> bool:
    return agent.tunnel.backoff.attempt >= times
