"""The agent's memory as a site runs it: the base install (no extras) in a virtualenv of
its own, one ``tikjobs agent`` process serving one simulated router, measured by its
peak resident memory (``VmHWM``) after a run of jobs without backups, then after one job
with a backup (the first that imports paramiko). The baseline is the same virtualenv's
Python importing only the agent's third-party dependencies.

``python -m bench.footprint`` writes its section of BENCHMARKS.md (the rest of the file
is kept); ``python -m bench`` keeps that section when it rewrites the table.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Final

import httpx

from bench.processes import peak_rss_of
from tikjobs.emulator.serve import serving
from tikjobs.emulator.settings import Settings
from tikjobs.vm.sim.router import SimulatedRouter

REPO: Final = Path(__file__).resolve().parent.parent
SOURCES: Final = ("pyproject.toml", "README.md", "LICENSE", "tikjobs", "agent", "contracts")
SOURCES_ALSO: Final = ("emulator", "vm")
SECTION: Final = "## Agent footprint (base install)"
REPORT: Final = REPO / "BENCHMARKS.md"
JOBS: Final = 50
TARGET_MIB: Final = 35.0
ADMIN: Final = "footprint-admin-token-8d1f"
DEPENDENCIES: Final = "import asyncio, ssl, librouteros, websockets.asyncio.client"


def base_install(directory: Path) -> Path:
    """A virtualenv holding tikjobs without extras, installed by pip from a copy of the
    sources; answers its ``bin`` folder."""
    source = directory / "src"
    for name in (*SOURCES, *SOURCES_ALSO):
        origin = REPO / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, symlinks=True)
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(origin, source / name)
    venv = directory / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)  # noqa: S603
    subprocess.run(  # noqa: S603 - pip of the fresh virtualenv
        [
            str(venv / "bin" / "pip"),
            "install",
            "--quiet",
            "--disable-pip-version-check",
            str(source),
        ],
        check=True,
    )
    return venv / "bin"


def baseline_rss(bin_dir: Path) -> float:
    """Peak RSS of the virtualenv's Python importing the agent's dependencies, MiB."""
    shown = subprocess.run(  # noqa: S603 - the virtualenv's own python
        [str(bin_dir / "python"), "-c", f"{DEPENDENCIES}; print(open('/proc/self/status').read())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return peak_rss_of(shown.stdout)


BREAKDOWN: Final = (
    ("the interpreter", ""),
    ("asyncio with ssl", "import asyncio, ssl"),
    ("the tunnel's frames", "import tikjobs.contracts.tunnel"),
    ("websockets and librouteros", "import websockets.asyncio.client, librouteros"),
    ("the agent's own modules", "import tikjobs.agent.cli, tikjobs.agent.fleet"),
)


def breakdown(bin_dir: Path) -> list[tuple[str, float]]:
    """Resident memory each step of the agent's imports adds, in MiB, in import order."""
    steps = "\n".join(
        f"{code}\nprint(re.search(r'VmRSS:\\s+(\\d+)', open('/proc/self/status').read())[1])"
        for _, code in BREAKDOWN
    )
    shown = subprocess.run(  # noqa: S603 - the virtualenv's own python
        [str(bin_dir / "python"), "-c", "import re\n" + steps],
        check=True,
        capture_output=True,
        text=True,
    )
    sizes = [int(line) / 1024 for line in shown.stdout.split()]
    return [
        (label, size - (sizes[index - 1] if index else 0.0))
        for index, ((label, _), size) in enumerate(zip(BREAKDOWN, sizes, strict=True))
    ]


async def measure(bin_dir: Path, directory: Path) -> tuple[float, float, float]:
    """Peak RSS of the agent after starting, after the jobs, after a backup job, MiB."""
    settings = Settings(host="127.0.0.1", port=0, db_path=directory / "cloud.db", admin_token=ADMIN)
    async with (
        serving(settings) as url,
        SimulatedRouter(password="footprint-pw") as router,  # noqa: S106 - a throwaway router
        httpx.AsyncClient(base_url=url, timeout=30.0) as http,
    ):
        admin = {"Authorization": f"Bearer {ADMIN}"}
        customer = (await http.post("/_emulator/customers", json={}, headers=admin)).json()["data"]
        customer_id = customer["customer_id"]
        key = (
            await http.post(f"/_emulator/customers/{customer_id}/keys", json={}, headers=admin)
        ).json()["data"]["api_key"]
        registered = (
            await http.post("/_emulator/routers", json={"customer_id": customer_id}, headers=admin)
        ).json()["data"]
        config = directory / "agent.toml"
        config.write_text(
            f'cloud = "{url}"\ninsecure = true\nrouter = "{router.host}"\n'
            f"api_port = {router.api_port}\nssh_port = {router.ssh_port}\n"
            f'password = "{router.password}"\nrouter_token = "{registered["tunnel_token"]}"\n'
            f'state_dir = "{directory / "state"}"\n'
        )
        agent = await asyncio.create_subprocess_exec(
            str(bin_dir / "tikjobs"), "agent", "--config", str(config), "--log-level", "warning",
            stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        try:
            assert agent.stdout is not None
            await agent.stdout.readline()
            customer_api = {"Authorization": f"Bearer {key}"}
            router_id = registered["router_id"]
            await _until_online(http, router_id, customer_api)
            started = _peak(agent.pid)
            for number in range(JOBS):
                await _job(http, router_id, customer_api, f':put "job {number}"', backup=False)
            after_jobs = _peak(agent.pid)
            await _job(http, router_id, customer_api, ':put "with a backup"', backup=True)
            after_backup = _peak(agent.pid)
        finally:
            agent.terminate()
            await agent.wait()
    return started, after_jobs, after_backup


def _peak(pid: int) -> float:
    return peak_rss_of(Path(f"/proc/{pid}/status").read_text())


async def _until_online(http: httpx.AsyncClient, router_id: str, headers: dict[str, str]) -> None:
    deadline = time.monotonic() + 30
    while not (await http.get(f"/api/routers/{router_id}", headers=headers)).json()["data"][
        "online"
    ]:
        if time.monotonic() > deadline:
            raise RuntimeError("the agent never connected")
        await asyncio.sleep(0.1)


async def _job(
    http: httpx.AsyncClient, router_id: str, headers: dict[str, str], script: str, *, backup: bool
) -> None:
    body = {
        "description": "footprint",
        "script": script,
        "make_backup": backup,
        "express_execute": True,
        "needs_acknowledgement": True,
    }
    answer = await http.post(f"/api/asynchronous/{router_id}", json=body, headers=headers)
    key = answer.json()["data"]["idempotency_key"]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        jobs = (await http.get(f"/api/routers/{router_id}/jobs", headers=headers)).json()["data"]
        [job] = [job for job in jobs if job["idempotency_key"] == key]
        if job["status"] == "completed":
            return
        if job["status"] == "failed":
            raise RuntimeError(f"a footprint job failed: {job}")
        await asyncio.sleep(0.05)
    raise RuntimeError("a footprint job never ended")


def render(
    baseline: float,
    started: float,
    after_jobs: float,
    after_backup: float,
    parts: list[tuple[str, float]],
) -> str:
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    rows = [
        ("serving 1 router, connected", started),
        (f"after {JOBS} jobs without backup", after_jobs),
        ("after one job with a backup (paramiko loaded)", after_backup),
    ]
    lines = [
        SECTION,
        "",
        f"Measured {when} by `python -m bench.footprint`: `pip install tikjobs` (no extras) in"
        " a virtualenv of its own, one `tikjobs agent --config` process serving one simulated"
        f" router; peak RSS (`VmHWM`). The target, {TARGET_MIB:g} MiB, is for serving; a"
        " backup loads paramiko for SFTP, which the agent imports only then. The baseline is the"
        f" same Python running `{DEPENDENCIES}` and nothing else.",
        "",
        "| agent, base install | peak RSS | baseline | ratio | target |",
        "| --- | --- | --- | --- | --- |",
    ]
    for label, value in rows:
        verdict = "no target" if "paramiko" in label else "met" if value <= TARGET_MIB else "missed"
        lines.append(
            f"| {label} | {value:.1f} MiB | {baseline:.1f} MiB | {baseline / value:.2f} |"
            f" {verdict} |"
        )
    shares = ", ".join(f"{label} {size:.1f} MiB" for label, size in parts)
    lines += ["", f"Where the memory goes, import by import (RSS added): {shares}."]
    return "\n".join(lines) + "\n"


def write_section(text: str, report: Path = REPORT) -> None:
    """Put this section into the report: before the sections after the table, replacing
    an older copy of itself."""
    old = report.read_text() if report.exists() else ""
    if SECTION in old:
        head, rest = old.split(SECTION, 1)
        tail = rest[rest.index("\n## ") + 1 :] if "\n## " in rest else ""
    else:
        cut = old.find("\n## ")
        head, tail = (old, "") if cut < 0 else (old[: cut + 1], old[cut + 1 :])
    report.write_text(head.rstrip("\n") + "\n\n" + text + ("\n" + tail if tail else ""))


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="tikjobs-footprint-") as name:
        directory = Path(name)
        print("installing the base install ...", file=sys.stderr, flush=True)
        bin_dir = base_install(directory)
        baseline = baseline_rss(bin_dir)
        parts = breakdown(bin_dir)
        started, after_jobs, after_backup = asyncio.run(measure(bin_dir, directory))
    text = render(baseline, started, after_jobs, after_backup, parts)
    print(text)
    write_section(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
