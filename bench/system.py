"""The whole system end to end (emulator + tunnel + agent + simulator) against librouteros
talking straight to the same simulators.

Every server runs in its own process (`bench.deployment`): the emulator, a simulator
with one router and one with a fleet of `FLEET` routers, an agent process for the single
router and one for the fleet; the notifications go to a lean HTTPS receiver in a process of
its own (`bench.receiver`, read through `bench.sink`). The benchmark process is the
customer (`bench.customer`, the lean HTTP client against the public API) and the
baseline client (async librouteros, the client the agent itself uses). Latency samples
alternate subject and baseline call by call, so load from elsewhere on the machine
falls on both alike; p50 and p99 each get their own row, whose notes say the CPU the
emulator, the agent, the receiver and each side's client spent per call. The synchronous
call's rows are followed by librouteros through two relays that only forward bytes
(`bench.relay`) against librouteros directly: as many hops as through the emulator and
the agent, so what hops alone cost on this machine stands beside what the system's cost;
then by a bare cloud and a bare agent (`bench.bare_tunnel`), the same hops on the stack
the emulator and the agent are built on with none of their own work, so what the stack
alone costs stands there too; and by the time the call spends in each process it crosses,
through the system and through the bare pair, from packet times (`bench.hops`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

import librouteros
from librouteros.api import AsyncApi

from bench import hops, load
from bench.customer import Customer
from bench.deployment import PASSWORD, USER, Deployment, Router, deployed
from bench.lean import LeanHttp
from bench.measure import Figure, Result, percentile
from bench.processes import peak_rss_of

FLEET = 100
"""Routers the fleet agent serves (its RSS is measured with all of them)."""
JOB_ROUTERS = 50
"""Routers of the fleet the express-job throughput runs on."""
SYNC_COMMAND = "/system/resource/print"
SYNC_SAMPLES = 300
JOB_SCRIPT = ':log info "tikjobs bench"'
JOB_SAMPLES = 100
JOBS_PER_ROUTER = 6
CLIENTS = 64
SUBMITTERS = 32
DURATION = 3.0
WARMUP = 10
BASELINE_REPEAT = 3
SAMPLING_BUDGET = 45.0
"""Seconds a latency benchmark may spend sampling; it stops early with fewer samples."""
JOB_WAIT = 30.0
"""Seconds one job may take to end before the benchmark gives up."""
FLEET_REPEAT = 3
"""Runs of each fleet benchmark; the median is the figure (one run lasts about a second,
short enough for the machine's other work to move it)."""
FLEET_WAIT = 120.0
"""Seconds the fleet's jobs may take to end before the benchmark gives up."""
STATUS_POLL = 0.1
"""Seconds between looks at the job lists when jobs carry no notify_url."""

SYSTEM = "emulator + tunnel + agent (public API)"
BARE_PAIR = "a bare cloud and agent on the emulator's and the agent's stack"
DIRECT = "librouteros straight to the same simulator"
DIRECT_SCRIPT = "the same script via /execute =as-string=, straight to the simulator"

Call = Callable[[], Awaitable[object]]


async def _connect(router: Router) -> AsyncApi:
    return await librouteros.async_connect(
        host=router.host, username=USER, password=PASSWORD, port=router.api_port
    )


async def _print_directly(api: AsyncApi) -> None:
    rows = [row async for row in api.rawCmd(SYNC_COMMAND)]
    if not rows:
        raise RuntimeError(f"{SYNC_COMMAND} answered no rows")


async def _execute_directly(api: AsyncApi) -> None:
    """The job's script as the router runs it: ``/execute =as-string=`` blocks until done."""
    answer = [row async for row in api.rawCmd("/execute", f"=script={JOB_SCRIPT}", "=as-string=")]
    if any("message" in row for row in answer):
        raise RuntimeError(f"the script failed on the router: {answer}")


def _retried(count: int) -> str:
    return f"; {count} request(s) sent again after a dropped connection" if count else ""


@dataclass
class Sampled:
    """Latencies of a subject and its baseline, taken in turn, and the CPU each cost: the
    servers' (read from /proc around the subject's samples alone; the baseline does not
    touch them) and this process's own (``time.process_time`` around each call)."""

    subject: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)
    subject_cpu: float = 0.0
    baseline_cpu: float = 0.0
    servers_cpu: dict[str, float] = field(default_factory=dict)

    def cpu_note(self, per: str, client: str, direct: str) -> str:
        """``CPU ms per <per>: emulator 0.25, agent 0.17; <client> 0.09 (<direct> 0.07)``."""
        count = len(self.subject)
        servers = ", ".join(
            f"{name} {seconds * 1000 / count:.2f}" for name, seconds in self.servers_cpu.items()
        )
        return (
            f"CPU ms per {per}: {servers}; {client} {self.subject_cpu * 1000 / count:.2f}"
            f" ({direct} {self.baseline_cpu * 1000 / len(self.baseline):.2f})"
        )


async def _timed(call: Call) -> tuple[float, float]:
    """Seconds ``call`` took, and the seconds of this process's CPU it used. A call that
    answers a float answers the moment (``perf_counter``) its work ended elsewhere, such
    as when the notification receiver got a job's last notification: it ended then, not
    when this process heard of it."""
    started, cpu = time.perf_counter(), time.process_time()
    ended = await call()
    finished = ended if isinstance(ended, float) else time.perf_counter()
    return finished - started, time.process_time() - cpu


def _single_router_servers(system: Deployment) -> dict[str, int]:
    """The processes that serve the single router's cloud calls, and no direct call."""
    return {"emulator": system.emulator.pid, "agent": system.single_agent.pid}


async def _alternate(
    subject: Call, baseline: Call, samples: int, servers: dict[str, int]
) -> Sampled:
    """Latencies of ``subject`` and ``baseline``, one after the other, after a warm-up;
    ``servers`` are the processes (by pid) that serve the subject alone."""
    for _ in range(WARMUP):
        await subject()
        await baseline()
    sampled = Sampled()
    before = {name: load.cpu_seconds(pid) for name, pid in servers.items()}
    deadline = time.monotonic() + SAMPLING_BUDGET
    while len(sampled.subject) < samples and time.monotonic() < deadline:
        took, cpu = await _timed(subject)
        sampled.subject.append(took)
        sampled.subject_cpu += cpu
        took, cpu = await _timed(baseline)
        sampled.baseline.append(took)
        sampled.baseline_cpu += cpu
    sampled.servers_cpu = {
        name: load.cpu_seconds(pid) - before[name] for name, pid in servers.items()
    }
    return sampled


def _latency_rows(
    name: str,
    subject: list[float],
    baseline: str,
    floor: list[float],
    notes: str,
    target: Callable[[float, float], tuple[str, bool]] | None = None,
    subject_name: str = SYSTEM,
) -> list[Result]:
    """A p50 and a p99 row; ``target`` judges the p50 (figure, baseline in ms)."""
    rows = []
    for label, fraction in (("p50", 0.5), ("p99", 0.99)):
        figure = percentile(subject, fraction) * 1000
        floor_figure = percentile(floor, fraction) * 1000
        aim, met = target(figure, floor_figure) if target and label == "p50" else ("", None)
        rows.append(
            Result(
                name=f"{name}, {label}",
                subject=subject_name,
                figure=Figure(figure, "ms", better="lower"),
                baseline=baseline,
                baseline_figure=Figure(floor_figure, "ms", better="lower"),
                notes=f"{len(subject)} samples each, alternating; {notes}",
                target=aim,
                met=met,
            )
        )
    return rows


async def _print_over_http(http: LeanHttp, router_id: str) -> None:
    rows = await http.post_json(f"/api/synchronous/{router_id}", {"command": SYNC_COMMAND})
    if not rows:
        raise RuntimeError(f"{SYNC_COMMAND} answered no rows through {http.base_url}")


async def sync_latency(system: Deployment) -> list[Result]:
    """One synchronous call at a time: the public API vs librouteros directly, the API
    called over one keep-alive connection of the lean client with the customer's key, as
    the bare pair below is called (the benchmark's pool of connections, `bench.customer`,
    would add its own checkout to every sample); then
    librouteros through two relays that only forward (`bench.relay`) vs directly, for
    what two processes in the path cost on this machine before they do any work; then
    the same call through a bare cloud and agent (`bench.bare_tunnel`) vs directly, for
    what the stack costs before the product's own work."""
    router = system.single
    async with contextlib.AsyncExitStack() as sessions:
        api = await _connect(router)
        sessions.push_async_callback(api.close)
        relayed = await _connect(system.single_relayed)
        sessions.push_async_callback(relayed.close)
        async with system.lean_customer() as customer:
            sampled = await _alternate(
                partial(_print_over_http, customer, router.router_id),
                partial(_print_directly, api),
                SYNC_SAMPLES,
                _single_router_servers(system),
            )
        through_relays = await _alternate(
            partial(_print_directly, relayed),
            partial(_print_directly, api),
            SYNC_SAMPLES,
            {f"the {relay.name}": relay.pid for relay in system.relays},
        )
        async with LeanHttp(system.bare_cloud_url) as bare:
            through_bare = await _alternate(
                partial(_print_over_http, bare, router.router_id),
                partial(_print_directly, api),
                SYNC_SAMPLES,
                {"the bare cloud": system.bare_cloud.pid, "the bare agent": system.bare_agent.pid},
            )
    name = f"synchronous {SYNC_COMMAND} latency"
    rows = _latency_rows(
        name,
        sampled.subject,
        DIRECT,
        sampled.baseline,
        "one keep-alive connection of the lean HTTP client, one API session; "
        + sampled.cpu_note("call", "the lean client", "librouteros directly")
        + _retried(customer.reconnects),
        target=lambda figure, floor: (
            f"≤ 2.5x the baseline (here {figure / floor:.2f}x)",
            figure / floor <= 2.5,
        ),
    )
    rows += _latency_rows(
        f"{name} through two relays",
        through_relays.subject,
        DIRECT,
        through_relays.baseline,
        "as many hops as through the emulator and the agent, each a process that only"
        " forwards bytes (`bench.relay`): the least those hops add here; one API session"
        " each way; " + through_relays.cpu_note("call", "librouteros through them", "directly"),
        subject_name="librouteros through two TCP relays to the same simulator",
    )
    rows += _latency_rows(
        f"{name} through a bare cloud and agent",
        through_bare.subject,
        DIRECT,
        through_bare.baseline,
        "the same hops on the same stack (uvicorn as the emulator runs it, an ASGI"
        " WebSocket, websockets' client, librouteros's login, the sentence decoder) with"
        " none of the product's work: no key, validation, store, metrics or timeout"
        " (`bench.bare_tunnel`); one keep-alive connection of the lean HTTP client, one API"
        " session; " + through_bare.cpu_note("call", "the lean client", "librouteros directly"),
        subject_name=BARE_PAIR,
    )
    return rows


async def sync_hops(system: Deployment) -> list[Result]:
    """The synchronous call's time in each process it crosses, through the system and
    through the bare cloud and agent (`bench.hops`), both by the same lean client; no rows
    where tcpdump cannot capture."""
    router = system.single
    api = await _connect(router)
    try:
        async with (
            system.lean_customer() as customer,
            LeanHttp(system.bare_cloud_url) as bare,
        ):
            through_system = _hop_route(customer, router, SYSTEM)
            through_bare = _hop_route(bare, router, BARE_PAIR)
            for _ in range(WARMUP):
                await through_system.call()
                await through_bare.call()
            return await hops.sync_hops(
                SYNC_COMMAND,
                through_system,
                through_bare,
                partial(_print_directly, api),
                router.api_port,
                SYNC_SAMPLES,
            )
    finally:
        await api.close()


def _hop_route(http: LeanHttp, router: Router, name: str) -> hops.Route:
    """The synchronous print over ``http``, with the ports its messages cross."""
    call = partial(_print_over_http, http, router.router_id)
    return hops.Route(call, name, http.local_port, http.port)


async def job_latency(system: Deployment) -> list[Result]:
    """An express job from submission to its ``completed`` notification, one at a time."""
    router = system.single
    api = await _connect(router)

    async def job() -> float:
        key = await customer.submit(router.router_id, JOB_SCRIPT, system.sink.url)
        ending = await asyncio.wait_for(system.sink.ended(key), JOB_WAIT)
        if ending.status != "completed":
            raise RuntimeError(f"a bench job ended {ending.status}: {ending.payload}")
        return ending.arrived

    try:
        async with system.customer() as customer:
            sampled = await _alternate(
                job,
                partial(_execute_directly, api),
                JOB_SAMPLES,
                {**_single_router_servers(system), "the notification receiver": system.sink.pid},
            )
    finally:
        await api.close()
    return _latency_rows(
        "express job submitted -> completed notification",
        sampled.subject,
        DIRECT_SCRIPT,
        sampled.baseline,
        "timed to the completed notification's arrival at the HTTPS notification receiver,"
        " a process of its own (`bench.receiver`); loaded and running are notified first; "
        + sampled.cpu_note("job", "the benchmark process", "librouteros directly")
        + _retried(customer.retries),
        target=lambda figure, _floor: ("≤ 10 ms", figure <= 10.0),
    )


async def _direct_jobs_per_second(routers: list[Router]) -> float:
    """The fleet's scripts straight on the simulators: one session per router, each
    running its share one after the other as a router runs its jobs; median of a few."""
    apis = await asyncio.gather(*(_connect(router) for router in routers))

    async def runs(api: AsyncApi) -> None:
        for _ in range(JOBS_PER_ROUTER):
            await _execute_directly(api)

    try:
        rates = []
        for _ in range(BASELINE_REPEAT):
            started = time.perf_counter()
            await asyncio.gather(*(runs(api) for api in apis))
            rates.append(len(apis) * JOBS_PER_ROUTER / (time.perf_counter() - started))
    finally:
        await asyncio.gather(*(api.close() for api in apis))
    return statistics.median(rates)


async def _submit_fleet(
    customer: Customer, system: Deployment, notify: bool
) -> list[tuple[Router, str]]:
    """`JOBS_PER_ROUTER` jobs for every router of the fleet, all submitted at once."""
    notify_url = system.sink.url if notify else None
    targets = [router for _ in range(JOBS_PER_ROUTER) for router in system.fleet[:JOB_ROUTERS]]
    keys = await asyncio.gather(
        *(customer.submit(router.router_id, JOB_SCRIPT, notify_url) for router in targets)
    )
    return list(zip(targets, keys, strict=True))


def _ended_rate(database: Path, keys: list[str], since: float) -> float:
    """Jobs per second from ``since`` (seconds since the epoch) to the latest
    ``completed_at`` of the jobs with these keys, read from the emulator's database."""
    marks = ",".join("?" * len(keys))
    with contextlib.closing(sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)) as db:
        [last] = db.execute(
            f"SELECT max(completed_at) FROM jobs WHERE idempotency_key IN ({marks})",  # noqa: S608 - placeholders only
            keys,
        ).fetchone()
    return len(keys) / (datetime.fromisoformat(last).timestamp() - since)


async def _fleet_by_notification(
    customer: Customer, system: Deployment
) -> tuple[float, float, float | None]:
    started = time.perf_counter()
    submitted = await _submit_fleet(customer, system, notify=True)
    submitting = time.perf_counter() - started
    endings = await asyncio.wait_for(
        asyncio.gather(*(system.sink.ended(key) for _, key in submitted)), FLEET_WAIT
    )
    failed = [ending.payload for ending in endings if ending.status != "completed"]
    if failed:
        raise RuntimeError(f"{len(failed)} fleet jobs did not complete, e.g. {failed[0]}")
    return len(endings) / (max(ending.arrived for ending in endings) - started), submitting, None


async def _fleet_by_status(
    customer: Customer, system: Deployment
) -> tuple[float, float, float | None]:
    """The rate at which the polls saw the jobs complete, the seconds it took to submit
    them, and the rate at which they really completed (by their ``completed_at``)."""
    wall, started = time.time(), time.perf_counter()
    submitted = await _submit_fleet(customer, system, notify=False)
    submitting = time.perf_counter() - started
    waiting: dict[str, set[str]] = {}
    for router, key in submitted:
        waiting.setdefault(router.router_id, set()).add(key)
    deadline = time.monotonic() + FLEET_WAIT
    while waiting:
        for router_id, keys in list(waiting.items()):
            statuses = {
                job["idempotency_key"]: job["status"]
                for job in await customer.newest_jobs(router_id, JOBS_PER_ROUTER)
            }
            if any(statuses.get(key) == "failed" for key in keys):
                raise RuntimeError(f"a fleet job failed on router {router_id}")
            if all(statuses.get(key) == "completed" for key in keys):
                del waiting[router_id]
        if time.monotonic() > deadline:
            raise RuntimeError(f"{len(waiting)} routers did not finish their jobs in time")
        if waiting:
            await asyncio.sleep(STATUS_POLL)
    seen = len(submitted) / (time.perf_counter() - started)
    ended = _ended_rate(system.database, [key for _, key in submitted], wall)
    return seen, submitting, ended


async def fleet_throughput(system: Deployment) -> list[Result]:
    """Express jobs submitted all at once across the fleet, counted as each completes:
    once by their completed notifications, once (without notify_url) by their status.
    The CPU notes name every process the jobs pass through, the simulated routers too
    (the direct baseline runs after they are read): on two cores, their sum per job
    bounds the rate."""
    routers = system.fleet[:JOB_ROUTERS]
    count = len(routers) * JOBS_PER_ROUTER
    servers = {
        "emulator": system.emulator.pid,
        "agent": system.fleet_agent.pid,
        "the simulated routers": system.fleet_sim.pid,
        "the notification receiver": system.sink.pid,
    }
    ways = (
        ("notification", "completed notification", _fleet_by_notification, 250.0),
        (
            "status",
            f"completed status, job lists polled every {STATUS_POLL} s, no notify_url",
            _fleet_by_status,
            400.0,
        ),
    )
    results = []
    for short, counted, measure, aim in ways:
        rates, submitting, ended, retries = [], [], [], 0
        before = {name: load.cpu_seconds(pid) for name, pid in servers.items()}
        own = time.process_time()
        for _ in range(FLEET_REPEAT):
            async with system.customer(connections=CLIENTS) as customer:
                rate, submitted, ended_rate = await measure(customer, system)
            rates.append(rate)
            submitting.append(submitted)
            if ended_rate is not None:
                ended.append(ended_rate)
            retries += customer.retries
        cpu = {
            name: (load.cpu_seconds(pid) - before[name]) * 1000 / (count * FLEET_REPEAT)
            for name, pid in servers.items()
        }
        cpu["the benchmark process"] = (time.process_time() - own) * 1000 / (count * FLEET_REPEAT)
        through = statistics.median(rates)
        directly = await _direct_jobs_per_second(routers)
        results.append(
            Result(
                name=f"express jobs across {len(routers)} routers, counted by {short}",
                subject=f"{SYSTEM}; one agent process for all",
                figure=Figure(through, "jobs/s"),
                baseline=f"{DIRECT_SCRIPT}, one session per router",
                baseline_figure=Figure(directly, "jobs/s"),
                notes=(
                    f"{count} jobs submitted at once ({statistics.median(submitting):.2f} s"
                    f" to submit all), counted at their {counted}; median of {FLEET_REPEAT}"
                    " runs ("
                    + ", ".join(f"{rate:,.0f}" for rate in rates)
                    + ")"
                    + _polls_behind(ended)
                    + "; CPU ms per job: "
                    + ", ".join(f"{name} {ms:.2f}" for name, ms in cpu.items())
                    + f"; {sum(cpu.values()):.2f} in all"
                    + _retried(retries)
                ),
                target=f"≥ {aim:,.0f} jobs/s",
                met=through >= aim,
            )
        )
    return results


def _polls_behind(ended: list[float]) -> str:
    if not ended:
        return ""
    return (
        f"; by the jobs' completed_at in the emulator's database, {statistics.median(ended):,.0f}"
        " jobs/s (" + ", ".join(f"{rate:,.0f}" for rate in ended) + "): the rest is the time"
        " the polls took to see the last job end"
    )


async def _calls_per_second(clients: list[Call]) -> float:
    done = 0
    deadline = time.perf_counter() + DURATION

    async def client(call: Call) -> None:
        nonlocal done
        while time.perf_counter() < deadline:
            await call()
            done += 1

    started = time.perf_counter()
    await asyncio.gather(*(client(call) for call in clients))
    return done / (time.perf_counter() - started)


async def sync_throughput(system: Deployment) -> Result:
    """Synchronous calls per second from `CLIENTS` keep-alive connections (wrk), and
    librouteros with as many sessions straight to the simulator."""
    router = system.single
    run = await load.drive(
        f"{system.base_url}/api/synchronous/{router.router_id}",
        body=json.dumps({"command": SYNC_COMMAND}),
        headers={"Authorization": f"Bearer {system.api_key}"},
        connections=CLIENTS,
        seconds=DURATION,
        servers=_single_router_servers(system),
    )
    apis = await asyncio.gather(*(_connect(router) for _ in range(CLIENTS)))
    try:
        directly = await _calls_per_second([partial(_print_directly, api) for api in apis])
    finally:
        await asyncio.gather(*(api.close() for api in apis))
    return Result(
        name=f"synchronous {SYNC_COMMAND}, {CLIENTS} concurrent clients",
        subject=SYSTEM,
        figure=Figure(run.rate, "calls/s"),
        baseline=f"{DIRECT}, {CLIENTS} sessions",
        baseline_figure=Figure(directly, "calls/s"),
        notes=(
            f"{DURATION:.0f} s each; wrk with {CLIENTS} keep-alive connections, p50"
            f" {run.p50_ms:.1f} ms, p99 {run.p99_ms:.1f} ms; the agent's default pool of 4"
            f" router sessions; {run.cpu_note()}"
        ),
        target="≥ 2,000 calls/s",
        met=run.rate >= 2000,
    )


async def submit_throughput(system: Deployment) -> Result:
    """Job submissions per second, each with its own Idempotency-Key, from
    `SUBMITTERS` keep-alive connections (wrk); the same requests to FastAPI alone."""
    body = json.dumps(
        {
            "description": "tikjobs bench",
            "script": JOB_SCRIPT,
            "make_backup": False,
            "express_execute": False,
            "needs_acknowledgement": True,
        }
    )
    router = system.fleet[-1]  # not one of the routers the job benchmarks run on
    path = f"/api/asynchronous/{router.router_id}"
    auth = {"Authorization": f"Bearer {system.api_key}"}
    run = await load.drive(
        system.base_url + path,
        body=body,
        headers=auth,
        connections=SUBMITTERS,
        seconds=DURATION,
        servers={"emulator": system.emulator.pid},
        unique_key=True,
    )
    floor = await load.drive(
        system.bare_url + path,
        body=body,
        headers=auth,
        connections=SUBMITTERS,
        seconds=DURATION,
        servers={"bare": system.bare.pid},
        unique_key=True,
    )
    return Result(
        name=f"job submissions with Idempotency-Key, {SUBMITTERS} keep-alive clients",
        subject="tikjobs emulator (SQLite, synchronous=FULL, group commit)",
        figure=Figure(run.rate, "submits/s"),
        baseline="the same requests to a FastAPI route that only validates the body",
        baseline_figure=Figure(floor.rate, "submits/s"),
        notes=(
            f"{DURATION:.0f} s each with wrk; p50 {run.p50_ms:.1f} ms, p99 {run.p99_ms:.1f} ms;"
            f" {run.cpu_note()}; baseline {floor.cpu_note()}"
        ),
        target="≥ 1,500 submits/s",
        met=run.rate >= 1500,
    )


def bare_interpreter_rss() -> float:
    """Peak RSS (MiB) of a Python that only imports the service's main libraries."""
    script = "import fastapi, librouteros, paramiko\nprint(open('/proc/self/status').read())"
    status = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return peak_rss_of(status)


def peak_memory(system: Deployment) -> list[Result]:
    """The processes' resident high-water marks after all the runs above."""
    floor = bare_interpreter_rss()
    measured = (
        ("emulator", "tikjobs emulator (SQLite)", system.emulator.peak_rss(), None),
        ("agent serving 1 router", "tikjobs agent", system.single_agent.peak_rss(), 35.0),
        (
            f"agent serving {len(system.fleet)} routers",
            "tikjobs agent --config (one process)",
            system.fleet_agent.peak_rss(),
            60.0,
        ),
    )
    return [
        Result(
            name=f"peak RSS, {what}",
            subject=process,
            figure=Figure(peak, "MiB", better="lower"),
            baseline="bare python importing fastapi, librouteros, paramiko",
            baseline_figure=Figure(floor, "MiB", better="lower"),
            notes="VmHWM after every benchmark above",
            target="" if aim is None else f"≤ {aim:.0f} MiB",
            met=None if aim is None else peak <= aim,
        )
        for what, process, peak, aim in measured
    ]


async def _measure() -> list[Result]:
    task = asyncio.current_task()
    if task is not None:
        # SIGTERM ends the run as Ctrl-C does: cancelled, so every process is stopped.
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
    async with deployed(FLEET) as system:
        results = await sync_latency(system)
        results += await sync_hops(system)
        results += await job_latency(system)
        results += await fleet_throughput(system)
        results.append(await sync_throughput(system))
        results.append(await submit_throughput(system))
        results += peak_memory(system)
    return results


def run() -> list[Result]:
    return asyncio.run(_measure())
