"""What the console and the metrics cost a job submission: ``python -m bench.observability``.

Two emulator processes on the same machine, each on its own SQLite file with one
customer and one router: ``tikjobs emulator`` as shipped, and the same app with its
observers taken out (``python -m bench.observability serve``): no request middleware (no
request id, no request metrics), no engine observers (no job metrics, no console feed),
no store, link or delivery hooks, and no console routes. wrk submits jobs with a fresh
Idempotency-Key each to one, then the other, alternating for `ROUNDS` rounds of
`DURATION` seconds (each round in the other order than the last); the figure is the
median rate of each. The section it writes into
BENCHMARKS.md says what the observability costs, against the target of under 5%.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, Final

import httpx

from bench import load
from bench.processes import REPOSITORY, Processes, ServerProcess

SECTION: Final = "## What the console and the metrics cost a submission"
REPORT: Final = REPOSITORY / "BENCHMARKS.md"
LISTENING = re.compile(r"tikjobs emulator listening on (http://\S+)")
SUBMITTERS = 32
DURATION = 4.0
ROUNDS = 6
TARGET = 0.05
BODY = json.dumps(
    {
        "description": "tikjobs bench",
        "script": ":log info bench",
        "make_backup": False,
        "express_execute": False,
        "needs_acknowledgement": True,
    }
)


def serve_without_observers(db: str, admin_token: str) -> None:
    """The emulator's app with every observer and the console taken out, on the same
    uvicorn configuration as ``tikjobs emulator``."""
    from fastapi import FastAPI

    from tikjobs.emulator.metrics import ObservedRequests
    from tikjobs.emulator.serve import server_for
    from tikjobs.emulator.settings import Settings
    from tikjobs.logs import configure

    configure("text", "WARNING")  # as `tikjobs emulator --log-level warning` does
    settings = Settings(host="127.0.0.1", port=0, db_path=Path(db), admin_token=admin_token)
    server = server_for(
        settings, announce=lambda url: print(f"tikjobs emulator listening on {url}", flush=True)
    )
    app: FastAPI = server.config.app  # type: ignore[assignment]
    app.user_middleware = [m for m in app.user_middleware if m.cls is not ObservedRequests]
    app.router.routes = [
        route
        for route in app.router.routes
        if not getattr(route, "path", "").startswith("/console")
    ]
    original = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(served: Any) -> AsyncIterator[Any]:
        async with original(served) as state:
            services = served.state.services
            services.engine.observers.clear()
            services.links.on_sync = None
            if services.notifier is not None:
                services.notifier.on_attempt = None
            services.store.on_commit = None
            yield state

    app.router.lifespan_context = lifespan
    server.run()


async def _set_up(url: str, admin_token: str) -> tuple[str, str]:
    """A customer's key and a router id on the emulator at ``url``."""
    headers = {"Authorization": f"Bearer {admin_token}"}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=30.0) as admin:
        customer = (await admin.post("/_emulator/customers", json={"name": "bench"})).json()
        customer_id = customer["data"]["customer_id"]
        key = (await admin.post(f"/_emulator/customers/{customer_id}/keys", json={})).json()
        router = (await admin.post("/_emulator/routers", json={"customer_id": customer_id})).json()
    return key["data"]["api_key"], router["data"]["router_id"]


async def _drive(process: ServerProcess, url: str, key: str, router_id: str) -> load.LoadRun:
    return await load.drive(
        f"{url}/api/asynchronous/{router_id}",
        body=BODY,
        headers={"Authorization": f"Bearer {key}"},
        connections=SUBMITTERS,
        seconds=DURATION,
        servers={"emulator": process.pid},
        unique_key=True,
    )


async def measure() -> dict[str, list[load.LoadRun]]:
    runs: dict[str, list[load.LoadRun]] = {"shipped": [], "without": []}
    with (
        tempfile.TemporaryDirectory(prefix="tikjobs-observability-") as name,
        Processes(Path(name)) as processes,
    ):
        directory = Path(name)
        token = secrets.token_urlsafe(24)
        shipped = processes.tikjobs(
            "shipped",
            "emulator", "--host", "127.0.0.1", "--port", "0",
            "--db", str(directory / "shipped.db"), "--log-level", "warning",
            environment={"TIKJOBS_ADMIN_TOKEN": token},
        )  # fmt: skip
        without = processes.bench(
            "without", "observability", "serve", str(directory / "without.db"), token
        )
        targets = {}
        for label, process in (("shipped", shipped), ("without", without)):
            [listening] = await process.announced(LISTENING)
            url = listening[1]
            targets[label] = (process, url, *await _set_up(url, token))
        for round_number in range(ROUNDS):
            order = ("shipped", "without") if round_number % 2 == 0 else ("without", "shipped")
            for label in order:
                runs[label].append(await _drive(*targets[label]))
                await asyncio.sleep(1.0)
    return runs


def render(runs: dict[str, list[load.LoadRun]]) -> str:
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    shipped = statistics.median(run.rate for run in runs["shipped"])
    without = statistics.median(run.rate for run in runs["without"])
    cost = 1.0 - shipped / without
    cpu = {
        label: statistics.median(run.server_cpu_ms["emulator"] for run in found)
        for label, found in runs.items()
    }
    lines = [
        SECTION,
        "",
        f"Measured {when} by `python -m bench.observability`: job submissions with a fresh"
        f" Idempotency-Key each from {SUBMITTERS} keep-alive wrk connections, {ROUNDS}"
        f" rounds of {DURATION:g} s in alternating order (ABBA), to `tikjobs emulator` as"
        " shipped and to the same app with the request middleware, every observer and the"
        " console taken out;"
        " each on SQLite (synchronous=FULL), median of the rounds.",
        "",
        "| emulator | submits/s (rounds) | median | emulator CPU per submit | p99 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for label, title in (("shipped", "as shipped (metrics, request ids, console)"),
                         ("without", "observers and console taken out")):  # fmt: skip
        rates = ", ".join(f"{run.rate:,.0f}" for run in runs[label])
        rate = shipped if label == "shipped" else without
        p99 = statistics.median(run.p99_ms for run in runs[label])
        lines.append(f"| {title} | {rates} | {rate:,.0f} | {cpu[label]:.3f} ms | {p99:.1f} ms |")
    cpu_cost = cpu["shipped"] / cpu["without"] - 1
    verdict = "met" if cpu_cost < TARGET else "missed"
    lines += [
        "",
        f"The console and the metrics cost {cpu_cost * 100:+.1f}% emulator CPU per submit"
        f" (target under {TARGET * 100:g}%: {verdict}); its median rate is"
        f" {abs(cost) * 100:.1f}% {'lower' if cost > 0 else 'higher'}. The CPU per submit"
        " is the emulator's own CPU time (from /proc) over the submits it answered, so"
        " other load on the machine does not move it the"
        " way it moves the rates; the rounds show how much that load varied.",
    ]
    return "\n".join(lines) + "\n"


def write_section(text: str, report: Path = REPORT) -> None:
    """Put this section into the report, replacing an older copy of itself."""
    old = report.read_text() if report.exists() else ""
    if SECTION in old:
        head, rest = old.split(SECTION, 1)
        tail = rest[rest.index("\n## ") + 1 :] if "\n## " in rest else ""
    else:
        head, tail = old, ""
    report.write_text(head.rstrip("\n") + "\n\n" + text + ("\n" + tail if tail else ""))


def main() -> int:
    if sys.argv[1:2] == ["serve"]:
        serve_without_observers(sys.argv[2], sys.argv[3])
        return 0
    text = render(asyncio.run(measure()))
    print(text)
    write_section(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
