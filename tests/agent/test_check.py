"""``tikjobs agent check`` as a real process against a real emulator and a simulated
router: a good site passes every check and exits 0; each thing wrong fails its row, with
the fix, and the exit status says so."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import librouteros
import pytest

from tests.agent.harness import WAIT, Cloud, RegisteredRouter
from tikjobs.agent.config import validate
from tikjobs.agent.runtime import ledger_path
from tikjobs.vm.sim.router import SimulatedRouter

pytestmark = pytest.mark.anyio


@pytest.fixture
async def router() -> AsyncIterator[SimulatedRouter]:
    async with SimulatedRouter(identity="site-9", password="check-pw-2c") as simulated:
        yield simulated


def settings_file(
    path: Path, cloud_url: str, token: str, router: SimulatedRouter, state: Path, **extra: str
) -> Path:
    values = {
        "cloud": f'"{cloud_url}"',
        "insecure": "true",
        "router": f'"{router.host}"',
        "api_port": str(router.api_port),
        "ssh_port": str(router.ssh_port),
        "user": f'"{router.user}"',
        "password": f'"{router.password}"',
        "router_token": f'"{token}"',
        "state_dir": f'"{state}"',
        **extra,
    }
    path.write_text("".join(f"{key} = {value}\n" for key, value in values.items()))
    return path


async def check(file: Path) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tikjobs.cli", "agent", "check", "--config", str(file),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        env={**os.environ, "TIKJOBS_AGENT_CONFIG": ""},
    )  # fmt: skip
    out, _ = await asyncio.wait_for(process.communicate(), WAIT * 2)
    assert process.returncode is not None
    return process.returncode, out.decode()


async def say(api: librouteros.AsyncApi, command: str, **words: str) -> None:
    async for _ in api(command, **words):
        pass


async def file_for_a_user_of_group(
    cloud: Cloud,
    registered: RegisteredRouter,
    router: SimulatedRouter,
    tmp_path: Path,
    *,
    group: str,
    policy: str,
) -> Path:
    """Add a group with ``policy`` and a user ``tikjobs`` in it; answer an agent file that
    logs in as that user."""
    api = await librouteros.async_connect(
        router.host, router.user, router.password, port=router.api_port
    )
    try:
        await say(api, "/user/group/add", name=group, policy=policy)
        await say(api, "/user/add", name="tikjobs", group=group, password="jobs-pw")
    finally:
        await api.close()
    return settings_file(
        tmp_path / "agent.toml", cloud.url, registered.tunnel_token, router, tmp_path / "state",
        user='"tikjobs"', password='"jobs-pw"',
    )  # fmt: skip


def row(output: str, check: str) -> str:
    [line] = [line for line in output.splitlines() if line.strip().startswith(check)]
    return line


async def test_a_good_site_passes_every_check(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, tmp_path: Path
) -> None:
    file = settings_file(
        tmp_path / "agent.toml", cloud.url, registered.tunnel_token, router, tmp_path / "state"
    )

    status, output = await check(file)

    assert status == 0, output
    for name in (
        "cloud reachable",
        "router API login (plain)",
        "user policies",
        "RouterOS version",
        "router clock",
        "SFTP",
        "state directory",
    ):
        assert " ok " in row(output, name), output
    assert "FAIL" not in output
    assert "all checks passed" in output
    assert not (tmp_path / "state").exists(), "the check left files behind"


async def test_missing_policies_are_named_with_the_command_that_grants_them(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, tmp_path: Path
) -> None:
    file = await file_for_a_user_of_group(
        cloud, registered, router, tmp_path, group="jobs", policy="read,write,api,test,!policy"
    )

    status, output = await check(file)

    assert status == 1
    line = row(output, "user policies")
    assert "FAIL" in line
    assert "group jobs lacks policy,sensitive,ftp,ssh" in line
    assert '/user group set [find name="jobs"] policy=' in output
    assert "policy,read,sensitive,ssh,test,write" in output


async def test_a_wrong_password_fails_the_login_and_what_depends_on_it(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, tmp_path: Path
) -> None:
    file = settings_file(
        tmp_path / "agent.toml", cloud.url, registered.tunnel_token, router, tmp_path / "state",
        password='"wrong"',
    )  # fmt: skip

    status, output = await check(file)

    assert status == 1
    assert "FAIL" in row(output, "router API login")
    assert "check the user name and password" in output
    assert "not checked: the login failed" in row(output, "user policies")
    assert "FAIL" in row(output, "SFTP")


async def test_a_group_without_the_api_policy_fails_the_login_and_the_fix_names_it(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, tmp_path: Path
) -> None:
    file = await file_for_a_user_of_group(
        cloud, registered, router, tmp_path, group="no-api", policy="read,write,policy,test,ssh,ftp"
    )

    status, output = await check(file)

    assert status == 1
    assert "invalid user name or password (6)" in row(output, "router API login")
    assert "group has the api policy" in output
    assert "FAIL" not in row(output, "SFTP")


async def test_a_group_without_the_ftp_policy_fails_sftp_naming_the_policy(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, tmp_path: Path
) -> None:
    file = await file_for_a_user_of_group(
        cloud, registered, router, tmp_path, group="no-ftp", policy="read,write,api,test,ssh"
    )

    status, output = await check(file)

    assert status == 1
    assert "FAIL" not in row(output, "router API login")
    sftp = row(output, "SFTP")
    assert "FAIL" in sftp
    assert "refused SFTP: the user's group lacks the ftp policy" in sftp


async def test_an_unreachable_cloud_a_skewed_router_clock_and_a_bad_state_dir_each_fail(
    registered: RegisteredRouter, router: SimulatedRouter, tmp_path: Path
) -> None:
    api = await librouteros.async_connect(
        router.host, router.user, router.password, port=router.api_port
    )
    try:
        await say(api, "/system/clock/set", date="2020-01-01", time="00:00:00")
    finally:
        await api.close()
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    file = settings_file(
        tmp_path / "agent.toml", "http://127.0.0.1:9", registered.tunnel_token, router,
        blocker / "state",
    )  # fmt: skip

    status, output = await check(file)

    assert status == 1
    assert "FAIL" in row(output, "cloud reachable")
    assert "check the URL, DNS and the firewall" in output
    assert "FAIL" in row(output, "router clock")
    assert "/system ntp client set enabled=yes" in output
    assert "FAIL" in row(output, "state directory")
    assert " ok " in row(output, "RouterOS version")


async def test_an_unreadable_ledger_fails_the_state_check(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, tmp_path: Path
) -> None:
    file = settings_file(
        tmp_path / "agent.toml", cloud.url, registered.tunnel_token, router, tmp_path / "state"
    )
    settings = validate(
        {"cloud": cloud.url, "router": "r", "router_token": registered.tunnel_token,
         "state_dir": tmp_path / "state"}
    )  # fmt: skip
    ledger = ledger_path(settings)
    ledger.parent.mkdir(parents=True)
    ledger.write_bytes(b'{"key": "\xff\xfe"}\n')

    status, output = await check(file)

    assert status == 1
    assert "cannot read the ledger" in row(output, "state directory")


async def test_routeros_6_49_is_supported_with_its_limit_said(
    cloud: Cloud, registered: RegisteredRouter, tmp_path: Path
) -> None:
    async with SimulatedRouter(routeros_version="6.49.10", password="pw") as old:
        file = settings_file(
            tmp_path / "agent.toml", cloud.url, registered.tunnel_token, old, tmp_path / "state"
        )
        status, output = await check(file)

    assert status == 0, output
    assert "RouterOS 6.49.10 is supported; outputs over 4 KiB are cut off" in output


async def test_the_tls_login_is_checked_against_the_routers_certificate(
    cloud: Cloud, registered: RegisteredRouter, tmp_path: Path
) -> None:
    async with SimulatedRouter(password="tls-pw", api_ssl_port=0) as secured:
        assert secured.api_ssl_certificate is not None
        certificate = tmp_path / "router.pem"
        certificate.write_bytes(secured.api_ssl_certificate)
        trusted = settings_file(
            tmp_path / "trusted.toml", cloud.url, registered.tunnel_token, secured,
            tmp_path / "state", tls="true", api_port=str(secured.api_ssl_port),
            tls_ca_file=f'"{certificate}"',
        )  # fmt: skip
        untrusted = settings_file(
            tmp_path / "untrusted.toml", cloud.url, registered.tunnel_token, secured,
            tmp_path / "state", tls="true", api_port=str(secured.api_ssl_port),
        )  # fmt: skip
        good_status, good = await check(trusted)
        bad_status, bad = await check(untrusted)

    assert good_status == 0, good
    assert " ok " in row(good, "router API login (TLS (api-ssl))")
    assert bad_status == 1
    assert "FAIL" in row(bad, "router API login (TLS (api-ssl))")
    assert "--tls-ca-file" in bad
