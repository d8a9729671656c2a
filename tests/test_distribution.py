"""The distribution as a user installs it: the wheel holds only the ``tikjobs`` package and
its metadata; the base install (no extras) runs the agent and the simulator without the
emulator's web stack, says which extra the other commands need, and leaves pytest usable.

The wheel is built once per session from a copy of the sources (so nothing stale in a
``build/`` folder can slip in), and installed once into a fresh virtualenv with pip,
which fetches the base dependencies (from its cache when it can). pytest goes into that
virtualenv too, as it is in an integrator's CI, to show the plugin loads without the
contract extra.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import zipfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path
from typing import Final

import pytest

from tests.agent.harness import running_cloud
from tests.support.waiting import WAIT, eventually

REPO: Final = Path(__file__).resolve().parents[1]
PARTS: Final = ("agent", "contracts", "emulator", "vm")
"""The folders the ``tikjobs`` package links to; none of them is a top-level module."""
SOURCES: Final = ("pyproject.toml", "README.md", "LICENSE", "tikjobs", *PARTS)
NOT_IN_BASE: Final = (
    "fastapi",
    "starlette",
    "uvicorn",
    "httpx",
    "pydantic_settings",
    "psycopg",
    "psycopg_pool",
    "hypothesis",
    "schemathesis",
)
INSTALL_TIMEOUT: Final = 300.0


@dataclass(frozen=True)
class Venv:
    """A virtualenv holding the wheel without extras."""

    root: Path
    workdir: Path
    """An empty folder to run in, so nothing of the repository is importable."""

    @property
    def python(self) -> str:
        return str(self.root / "bin" / "python")

    @property
    def tikjobs(self) -> str:
        return str(self.root / "bin" / "tikjobs")

    def run(self, *command: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603
            command,
            cwd=cwd or self.workdir,
            env=clean_environment(),
            capture_output=True,
            text=True,
            timeout=WAIT * 4,
            check=False,
        )


def clean_environment() -> dict[str, str]:
    """This process's environment without what would point Python at the dev virtualenv;
    bytecode is written, so the base virtualenv's modules are compiled once, on first use."""
    dropped = {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTEST_ADDOPTS", "PYTEST_PLUGINS"}
    dropped.add("PYTHONDONTWRITEBYTECODE")
    return {name: value for name, value in os.environ.items() if name not in dropped}


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        origin = REPO / name
        if origin.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
            shutil.copytree(origin, source / name, symlinks=True, ignore=ignore)
        else:
            shutil.copy2(origin, source / name)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(  # noqa: S603
        [
            *(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"),
            *("--no-build-isolation", "--disable-pip-version-check"),
            *("--wheel-dir", str(out), str(source)),
        ],
        check=True,
        capture_output=True,
        timeout=INSTALL_TIMEOUT,
    )
    [built] = out.glob("tikjobs-*.whl")
    return built


@pytest.fixture(scope="session")
def base(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Venv:
    root = tmp_path_factory.mktemp("base") / "venv"
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "venv", "--without-pip", str(root)], check=True, timeout=60
    )
    installed = subprocess.run(  # noqa: S603
        [
            *(sys.executable, "-m", "pip", "--python", str(root / "bin" / "python"), "install"),
            *("--quiet", "--no-compile", "--disable-pip-version-check", str(wheel), "pytest"),
        ],
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    return Venv(root, tmp_path_factory.mktemp("elsewhere"))


def wheel_names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_the_wheel_holds_only_the_tikjobs_package_and_its_metadata(wheel: Path) -> None:
    names = wheel_names(wheel)
    dist_info = wheel.name.split("-py3")[0] + ".dist-info/"
    assert [name for name in names if not name.startswith(("tikjobs/", dist_info))] == []
    shipped = {name for name in names if name.endswith(".py")}
    sources = {
        f"tikjobs/{path.relative_to(REPO)}"
        for part in PARTS
        for path in (REPO / part).rglob("*.py")
        if "__pycache__" not in path.parts
    } | {f"tikjobs/{path.name}" for path in (REPO / "tikjobs").glob("*.py")}
    assert shipped == sources
    with zipfile.ZipFile(wheel) as archive:
        document = archive.read("tikjobs/contracts/openapi.json")
        entry_points = archive.read(dist_info + "entry_points.txt").decode()
        trees = {name for name in names if name.startswith("tikjobs/vm/sim/trees/")}
    assert trees == {
        f"tikjobs/vm/sim/trees/{path.name}"
        for path in (REPO / "vm" / "sim" / "trees").iterdir()
        if path.suffix in (".gz", ".md")
    }
    assert document == (REPO / "contracts" / "openapi.json").read_bytes()
    assert json.loads(document)["openapi"].startswith("3.")
    assert "tikjobs = tikjobs.cli:main" in entry_points
    assert "mikrocloud = tikjobs.contracts.pytest_plugin" in entry_points


def test_nothing_in_the_wheel_knows_the_tests_breakage_switches(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        package = [name for name in archive.namelist() if name.startswith("tikjobs/")]
        mentions = [name for name in package if b"breakage" in archive.read(name).lower()]
    assert mentions == []


def test_the_wheel_requires_only_the_agents_dependencies_without_an_extra(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(wheel.name.split("-py3")[0] + ".dist-info/METADATA").decode()
    requires = Parser().parsestr(metadata).get_all("Requires-Dist") or []
    unconditional = [line for line in requires if "extra ==" not in line]
    base = {re.split(r"[<>=\[;\s]", line, maxsplit=1)[0] for line in unconditional}
    assert base == {
        "librouteros",
        "paramiko",
        "pydantic",
        "websockets",
        "orjson",
        "cryptography",
        "prometheus-client",
        "uvloop",
    }
    extras = set(Parser().parsestr(metadata).get_all("Provides-Extra") or [])
    assert {"emulator", "postgres", "contract", "dev"} <= extras


PROBE: Final = """
import importlib, json, pkgutil, sys

found = {}
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
        found[name] = True
    except ModuleNotFoundError:
        found[name] = False
failed = []
for package in ("tikjobs.agent", "tikjobs.vm"):
    root = importlib.import_module(package)
    for module in pkgutil.walk_packages(root.__path__, package + "."):
        try:
            importlib.import_module(module.name)
        except ImportError as error:
            failed.append(f"{module.name}: {error}")
print(json.dumps({"found": found, "failed": failed}))
"""
"""Which of the names given import, and which modules of the agent and the router fail to."""


def test_the_base_install_imports_the_agent_and_the_simulator_but_no_web_stack(
    base: Venv,
) -> None:
    shared = ("tikjobs.cli", "tikjobs.contracts.tunnel", "tikjobs.contracts.api")
    names = (*shared, *PARTS, *NOT_IN_BASE)
    answer = base.run(base.python, "-c", PROBE, *names)
    assert answer.returncode == 0, answer.stderr
    probed = json.loads(answer.stdout)
    assert probed["found"] == {name: name.startswith("tikjobs.") for name in names}
    assert probed["failed"] == []


def test_tikjobs_agent_help_answers_on_the_base_install(base: Venv) -> None:
    answer = base.run(base.tikjobs, "agent", "--help")
    assert answer.returncode == 0, answer.stderr
    assert "--cloud" in answer.stdout


AGENT_PATH: Final = (
    "tikjobs.agent.cli",
    "tikjobs.agent.fleet",
    "tikjobs.agent.check",
    "tikjobs.agent.enroll",
)
"""What ``tikjobs agent``, ``agent check`` and ``agent enroll`` import before they run."""
HEAVY: Final = ("pydantic", "pydantic_core", "paramiko", "prometheus_client")
"""Libraries the agent serving a router without backups or metrics does without."""


def test_the_agent_loads_no_validation_library_nor_ssh_nor_metrics(base: Venv) -> None:
    probe = (
        f"import sys\nimport {', '.join(AGENT_PATH)}\n"
        f"print(sorted(set({HEAVY!r}) & {{name.split('.')[0] for name in sys.modules}}))"
    )
    answer = base.run(base.python, "-c", probe)
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("command", "extra"), [("emulator", "emulator"), ("up", "emulator"), ("contract", "contract")]
)
def test_a_command_without_its_extra_says_which_extra_to_install(
    base: Venv, command: str, extra: str
) -> None:
    answer = base.run(base.tikjobs, command)
    assert answer.returncode == 2
    assert f"pip install 'tikjobs[{extra}]'" in answer.stderr
    assert "Traceback" not in answer.stderr


def test_pytest_keeps_working_with_the_plugin_but_without_the_contract_extra(
    base: Venv, tmp_path: Path
) -> None:
    (tmp_path / "test_integration.py").write_text(
        "import pytest\n\n\n"
        "def test_plain():\n    assert sum([1, 2]) == 3\n\n\n"
        "def test_local(mikrocloud):\n    pass\n\n\n"
        "@pytest.mark.real_mikrocloud\n"
        "def test_real(real_mikrocloud):\n    pass\n"
    )
    pytest_command = (base.python, "-m", "pytest", "-p", "no:cacheprovider", "-rA")
    answer = base.run(*pytest_command, cwd=tmp_path)
    assert answer.returncode == 1, answer.stdout + answer.stderr
    assert "1 passed, 1 skipped, 1 error" in answer.stdout
    assert (
        "the mikrocloud fixture (a local MikroCloud) needs the contract extra "
        "(httpx is not installed): pip install 'tikjobs[contract]'"
    ) in answer.stdout
    assert "needs a MikroCloud account" in answer.stdout

    account = ("--mikrocloud-url", "https://mkcld.example", "--mikrocloud-token", "k")
    suite = base.run(*pytest_command, *account, "--mikrocloud-router", "r", cwd=tmp_path)
    assert suite.returncode == pytest.ExitCode.USAGE_ERROR
    assert "needs the contract extra" in suite.stderr
    assert "pip install 'tikjobs[contract]'" in suite.stderr


@contextlib.asynccontextmanager
async def spawned(*command: str, env: dict[str, str]) -> AsyncIterator[asyncio.subprocess.Process]:
    """A process of the base install, its stdout piped; killed at the end if still running."""
    process = await asyncio.create_subprocess_exec(
        *command, env=env, stdout=asyncio.subprocess.PIPE, cwd=Path(command[0]).parent
    )
    try:
        yield process
    finally:
        if process.returncode is None:
            process.kill()
        await process.wait()


@pytest.mark.anyio
async def test_the_base_install_runs_a_job_with_a_backup_on_its_own_simulated_router(
    base: Venv, tmp_path: Path
) -> None:
    password = "pw-3f1c"
    sim_command = (base.tikjobs, "sim", "--api-port", "0", "--ssh-port", "0")
    async with (
        running_cloud(tmp_path / "tikjobs.db") as cloud,
        spawned(*sim_command, "--password", password, env=clean_environment()) as sim,
    ):
        registered = await cloud.register_router()
        assert sim.stdout is not None
        announced = (await asyncio.wait_for(sim.stdout.readline(), WAIT)).decode()
        ports = re.fullmatch(r"sim listening api=([\d.]+):(\d+) ssh=[\d.]+:(\d+)\n", announced)
        assert ports is not None, announced
        host, api_port, ssh_port = ports.groups()
        environment = {
            **clean_environment(),
            "TIKJOBS_AGENT_ROUTER_TOKEN": registered.tunnel_token,
            "TIKJOBS_AGENT_PASSWORD": password,
        }
        agent_command = (
            base.tikjobs, "agent", "--cloud", cloud.url, "--router", host,
            "--api-port", api_port, "--ssh-port", ssh_port, "--user", "admin",
            "--state-dir", str(tmp_path / "state"), "--log-level", "warning", "--insecure",
        )  # fmt: skip
        async with spawned(*agent_command, env=environment) as agent:
            assert agent.stdout is not None
            line = await asyncio.wait_for(agent.stdout.readline(), WAIT)
            assert line.decode().strip() == "tikjobs agent serving 1 router(s)"
            await eventually(lambda: cloud.online(registered.router_id), "the agent connected")
            script = ':put "from-the-base"'
            key = await cloud.submit(registered.router_id, script, make_backup=True)
            job = await cloud.wait_for_end(registered.router_id, key)
            agent.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(agent.wait(), WAIT) == 0

    assert job["status"] == "completed", job
    assert "from-the-base" in job["output"]
    assert sorted(file["kind"] for file in job["backup"]) == ["backup", "export"]
