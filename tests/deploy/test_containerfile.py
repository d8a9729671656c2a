"""The Containerfile in deploy/, tested without a container engine: its install step, run
as written in a fresh virtualenv, gives the base install (no web stack); the image's
entrypoint command serves a router; the image runs as an unprivileged user.

Only the paths change: the image's ``/opt/tikjobs`` is a temporary folder here, and
``/src`` a copy of this checkout's sources.
"""

from __future__ import annotations

import asyncio
import json
import shlex
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Final

import pytest

from tests.agent.harness import WAIT, running_cloud
from tests.support.waiting import eventually
from tests.test_distribution import NOT_IN_BASE, SOURCES, clean_environment
from tikjobs.vm.sim.router import SimulatedRouter

REPO: Final = Path(__file__).resolve().parents[2]
CONTAINERFILE: Final = REPO / "deploy" / "Containerfile"
INSTALL_TIMEOUT: Final = 600.0


def instructions(stage: str = "") -> list[tuple[str, str]]:
    """The Containerfile's instructions, continuation lines joined, as (word, rest);
    ``stage="last"`` keeps only those of the final stage."""
    joined = CONTAINERFILE.read_text().replace("\\\n", " ")
    found = []
    for line in joined.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            word, _, rest = line.strip().partition(" ")
            found.append((word.upper(), rest.strip()))
    if stage == "last":
        starts = [index for index, (word, _) in enumerate(found) if word == "FROM"]
        found = found[starts[-1] :]
    return found


@pytest.fixture(scope="module")
def image_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What the image's install step builds, at a temporary path instead of /opt/tikjobs."""
    source = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        origin = REPO / name
        if origin.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
            shutil.copytree(origin, source / name, symlinks=True, ignore=ignore)
        else:
            shutil.copy2(origin, source / name)
    root = tmp_path_factory.mktemp("image") / "opt-tikjobs"
    [install] = [rest for word, rest in instructions() if word == "RUN" and "pip install" in rest]
    command = install.replace("/opt/tikjobs", str(root)).replace("/src", str(source))
    assert command.startswith("python ")
    command = shlex.quote(sys.executable) + command.removeprefix("python")
    done = subprocess.run(  # noqa: S602 - the Containerfile's own RUN line, paths replaced
        command,
        shell=True,
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return root


@pytest.mark.timeout(INSTALL_TIMEOUT)
def test_the_install_step_gives_the_base_install_without_the_web_stack(image_root: Path) -> None:
    python = image_root / "bin" / "python"
    probe = "import importlib.util as u, json, sys; print(json.dumps([m for m in sys.argv[1:] if u.find_spec(m)]))"  # noqa: E501
    found = subprocess.run(  # noqa: S603 - the virtualenv's own python
        [str(python), "-c", probe, *NOT_IN_BASE, "librouteros", "websockets"],
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=WAIT * 4,
        check=True,
    )
    assert json.loads(found.stdout) == ["librouteros", "websockets"]


def test_the_image_runs_as_an_unprivileged_user() -> None:
    [user] = [rest for word, rest in instructions("last") if word == "USER"]
    uid, _, gid = user.partition(":")
    assert int(uid) > 0
    assert int(gid) > 0


@pytest.mark.timeout(INSTALL_TIMEOUT)
@pytest.mark.anyio
async def test_the_entrypoint_serves_a_router_from_the_mounted_settings(
    image_root: Path, tmp_path: Path
) -> None:
    [entrypoint] = [json.loads(rest) for word, rest in instructions("last") if word == "ENTRYPOINT"]
    [command] = [json.loads(rest) for word, rest in instructions("last") if word == "CMD"]
    etc = tmp_path / "etc-tikjobs"
    etc.mkdir()
    argv = [part.replace("/opt/tikjobs", str(image_root)) for part in entrypoint]
    argv += [part.replace("/etc/tikjobs", str(etc)) for part in command]
    async with (
        running_cloud(tmp_path / "cloud.db") as cloud,
        SimulatedRouter(password="pw-in-a-file") as router,
    ):
        registered = await cloud.register_router()
        (etc / "router-token").write_text(registered.tunnel_token + "\n")
        (etc / "router-password").write_text(router.password + "\n")
        (etc / "agent.toml").write_text(
            f'cloud = "{cloud.url}"\ninsecure = true\nrouter = "{router.host}"\n'
            f"api_port = {router.api_port}\nssh_port = {router.ssh_port}\n"
            f'router_token_file = "{etc / "router-token"}"\n'
            f'password_file = "{etc / "router-password"}"\n'
            f'state_dir = "{tmp_path / "state"}"\n'
        )
        process = await asyncio.create_subprocess_exec(
            *argv, env=clean_environment(), cwd=tmp_path, stdout=asyncio.subprocess.PIPE
        )
        try:
            assert process.stdout is not None
            line = await asyncio.wait_for(process.stdout.readline(), WAIT * 2)
            assert line.decode().strip() == "tikjobs agent serving 1 router(s)"
            await eventually(lambda: cloud.online(registered.router_id), "the agent connected")
            key = await cloud.submit(registered.router_id, ':put "from the image"')
            job = await cloud.wait_for_end(registered.router_id, key)
        finally:
            process.send_signal(signal.SIGTERM)
            status = await asyncio.wait_for(process.wait(), WAIT)
    assert job["output"].splitlines() == ["from the image"]
    assert status == 0


def test_the_build_context_leaves_out_the_virtualenv_and_the_history() -> None:
    ignored = (REPO / ".dockerignore").read_text().split()
    assert ".venv" in ignored
    assert ".git" in ignored
