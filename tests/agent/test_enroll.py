"""``tikjobs agent enroll`` as a field engineer runs it, against a real emulator and a
simulated router: one command adopts the router; every refusal says why, exits non-zero
and writes nothing, and spends no code unless everything else passed."""

from __future__ import annotations

import asyncio
import os
import signal
import stat
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.agent.harness import WAIT, Cloud, RegisteredRouter
from tests.support.waiting import eventually
from tikjobs.agent.enroll import EnrollRefused, write_all
from tikjobs.vm.sim.router import SimulatedRouter

pytestmark = pytest.mark.anyio


@dataclass
class Finished:
    status: int
    out: str
    err: str


async def tikjobs(*args: str, env: dict[str, str] | None = None) -> Finished:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tikjobs.cli", *args,
        env={**os.environ, **(env or {})},
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), WAIT * 2)
    assert process.returncode is not None
    return Finished(process.returncode, out.decode(), err.decode())


async def new_code(cloud: Cloud, router_id: str, **body: Any) -> str:
    issued = await cloud.admin(
        "POST", f"/_emulator/routers/{router_id}/enrollment-codes", json=body
    )
    code: str = issued["code"]
    return code


def enroll_args(
    cloud: Cloud, router: SimulatedRouter, code: str, etc: Path, password_file: Path
) -> list[str]:
    return [
        "agent", "enroll", "--cloud", cloud.url, "--insecure", "--code", code,
        "--router", router.host, "--api-port", str(router.api_port),
        "--ssh-port", str(router.ssh_port), "--user", router.user,
        "--password-file", str(password_file),
        "--config", str(etc / "agent.toml"), "--state-dir", str(etc.parent / "state"),
    ]  # fmt: skip


@pytest.fixture
async def router() -> AsyncIterator[SimulatedRouter]:
    async with SimulatedRouter(identity="site-7", password="site-pw-1b7e") as simulated:
        yield simulated


@pytest.fixture
def password_file(tmp_path: Path, router: SimulatedRouter) -> Path:
    path = tmp_path / "password"
    path.write_text(router.password + "\n")
    return path


async def code_still_works(cloud: Cloud, code: str) -> bool:
    answer = await cloud.http.post("/agent/enroll", json={"code": code})
    return answer.status_code == 200


async def test_one_command_adopts_the_router_and_the_agent_then_serves_it(
    cloud: Cloud,
    registered: RegisteredRouter,
    router: SimulatedRouter,
    tmp_path: Path,
    password_file: Path,
) -> None:
    etc = tmp_path / "etc" / "tikjobs"
    code = await new_code(cloud, registered.router_id)

    enrolled = await tikjobs(*enroll_args(cloud, router, code, etc, password_file))

    assert enrolled.status == 0, enrolled.err
    assert "systemctl enable --now tikjobs-agent" in enrolled.out
    assert f"tikjobs agent check --config {etc / 'agent.toml'}" in enrolled.out
    written = sorted(path.name for path in etc.iterdir())
    assert written == ["agent.toml", "router-password", "router-token"]
    for path in etc.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    settings = (etc / "agent.toml").read_text()
    assert router.password not in settings
    assert (etc / "router-password").read_text() == router.password + "\n"
    assert registered.tunnel_token != (etc / "router-token").read_text().strip()

    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tikjobs.cli", "agent", "--config", str(etc / "agent.toml"),
        "--log-level", "warning", stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        await eventually(lambda: cloud.online(registered.router_id), "the agent connected")
        key = await cloud.submit(registered.router_id, ':put "adopted"')
        job = await cloud.wait_for_end(registered.router_id, key)
    finally:
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), WAIT)
    assert job["output"].splitlines() == ["adopted"]


async def test_enrolling_twice_is_refused_before_the_code_is_spent(
    cloud: Cloud,
    registered: RegisteredRouter,
    router: SimulatedRouter,
    tmp_path: Path,
    password_file: Path,
) -> None:
    etc = tmp_path / "etc"
    first = await tikjobs(
        *enroll_args(cloud, router, await new_code(cloud, registered.router_id), etc, password_file)
    )
    assert first.status == 0, first.err
    before = {path.name: path.read_bytes() for path in etc.iterdir()}
    second_code = await new_code(cloud, registered.router_id)

    second = await tikjobs(*enroll_args(cloud, router, second_code, etc, password_file))

    assert second.status == 1
    assert "enrolled already" in second.err
    assert {path.name: path.read_bytes() for path in etc.iterdir()} == before
    assert await code_still_works(cloud, second_code)


@pytest.mark.parametrize(
    ("spoil", "says"),
    [
        ("used", "each code works once"),
        ("expired", "expired"),
        ("unknown", "check the code"),
    ],
)
async def test_a_spent_expired_or_unknown_code_writes_nothing(
    cloud: Cloud,
    registered: RegisteredRouter,
    router: SimulatedRouter,
    tmp_path: Path,
    password_file: Path,
    spoil: str,
    says: str,
) -> None:
    if spoil == "expired":
        code = await new_code(cloud, registered.router_id, ttl_seconds=1)
        await asyncio.sleep(1.5)
    else:
        code = await new_code(cloud, registered.router_id)
        if spoil == "used":
            assert await code_still_works(cloud, code)
        else:
            code = code[::-1]
    etc = tmp_path / "etc"

    refused = await tikjobs(*enroll_args(cloud, router, code, etc, password_file))

    assert refused.status == 1
    assert "the cloud refused the code" in refused.err
    assert says in refused.err
    assert not etc.exists()


async def test_a_wrong_router_password_is_refused_and_the_code_kept(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, tmp_path: Path
) -> None:
    code = await new_code(cloud, registered.router_id)
    wrong = tmp_path / "wrong"
    wrong.write_text("not-the-password")
    etc = tmp_path / "etc"

    refused = await tikjobs(*enroll_args(cloud, router, code, etc, wrong))

    assert refused.status == 1
    assert "refused the login" in refused.err
    assert not etc.exists()
    assert await code_still_works(cloud, code)


async def test_a_plain_http_cloud_needs_insecure_and_the_password_may_come_from_the_environment(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, tmp_path: Path
) -> None:
    code = await new_code(cloud, registered.router_id)
    etc = tmp_path / "etc"
    args = enroll_args(cloud, router, code, etc, tmp_path / "unused")
    at = args.index("--password-file")
    del args[at : at + 2]
    environment = {"TIKJOBS_AGENT_PASSWORD": router.password}

    plain = await tikjobs(*[arg for arg in args if arg != "--insecure"], env=environment)
    allowed = await tikjobs(*args, env=environment)

    assert plain.status == 1
    assert "is not encrypted" in plain.err
    assert allowed.status == 0, allowed.err
    assert (etc / "router-password").read_text() == router.password + "\n"


def test_a_write_that_fails_part_way_leaves_nothing_behind(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a directory should be")
    files = {
        tmp_path / "etc" / "agent.toml": "cloud = 'x'\n",
        tmp_path / "etc" / "router-token": "token\n",
        blocker / "router-password": "pw\n",
    }

    with pytest.raises(EnrollRefused, match="cannot write"):
        write_all(files)

    assert sorted(path.name for path in tmp_path.rglob("*")) == ["blocker"]
