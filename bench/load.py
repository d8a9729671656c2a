"""The lean load generator: ``wrk`` driving the public API, and CPU per request from /proc.

How this works
--------------
`drive` runs ``wrk`` (C, one thread per core it is given, an event loop per thread)
against one URL for a fixed time with a number of keep-alive connections. A small Lua
script sets the method, the headers and the JSON body, and, when ``unique_key`` is set,
gives every request its own ``Idempotency-Key`` (one prefix per wrk thread, then a
counter), so each submission creates a job. wrk reports how many requests it made,
their latency percentiles and how many answers were not 2xx; a run with any non-2xx
answer is an error, since a benchmark counts work that succeeded.

CPU is read from ``/proc/<pid>/stat`` (user + system time) of each server process
before and after the run; wrk's own CPU comes from its resource usage when it exits
(``os.wait4``). Both are divided by the requests made, so a report can show that the
client costs far less per request than the server it measures.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

_LUA = """
wrk.method = "POST"
wrk.body = {body}
wrk.headers = {{{headers}}}
local unique = {unique}
local run = "{run}"
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("prefix", string.format("%s-%04x-", run, threads))
end
local counter = 0
function request()
  if not unique then
    return wrk.format()
  end
  counter = counter + 1
  wrk.headers["Idempotency-Key"] = prefix .. string.format("%012d", counter)
  return wrk.format()
end
"""

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}
_LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
_REQUESTS = re.compile(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m)", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")
_ERRORS = re.compile(r"Socket errors: (.*)")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time the process has used so far, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # After the command: state is field 3, so utime (14) and stime (15) are at 11 and 12.
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def available() -> str | None:
    """The wrk executable, if installed."""
    return shutil.which("wrk")


@dataclass(frozen=True)
class LoadRun:
    """What one wrk run did, and the CPU it and the servers spent per request."""

    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    client_cpu_ms: float
    """wrk's own CPU per request."""
    server_cpu_ms: dict[str, float]
    """Each named server process's CPU per request."""

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def cpu_note(self) -> str:
        servers = ", ".join(f"{name} {ms:.2f}" for name, ms in self.server_cpu_ms.items())
        return f"CPU ms per request: {servers}; the load generator (wrk) {self.client_cpu_ms:.2f}"


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _script(body: str, headers: Mapping[str, str], unique_key: bool) -> str:
    pairs = ", ".join(f"[{_lua_string(k)}] = {_lua_string(v)}" for k, v in headers.items())
    return _LUA.format(
        body=_lua_string(body),
        headers=pairs,
        unique="true" if unique_key else "false",
        run=uuid.uuid4().hex[:12],
    )


def _ms(value: str, unit: str) -> float:
    return float(value) * _UNITS[unit]


def parse(output: str) -> tuple[int, float, float, float]:
    """Requests, seconds, p50 and p99 (ms) from wrk's ``--latency`` report."""
    requests = _REQUESTS.search(output)
    if requests is None:
        raise RuntimeError(f"wrk reported no request count:\n{output}")
    non_2xx = _NON_2XX.search(output)
    if non_2xx is not None:
        raise RuntimeError(f"wrk saw {non_2xx.group(1)} answers that were not 2xx:\n{output}")
    errors = _ERRORS.search(output)
    if errors is not None:
        raise RuntimeError(f"wrk saw socket errors ({errors.group(1)}):\n{output}")
    scale = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[requests.group(3)]
    latencies = {match[1]: _ms(match[2], match[3]) for match in _LATENCY.finditer(output)}
    return (
        int(requests.group(1)),
        float(requests.group(2)) * scale,
        latencies.get("50", float("nan")),
        latencies.get("99", float("nan")),
    )


async def drive(
    url: str,
    *,
    body: str,
    headers: Mapping[str, str],
    connections: int,
    seconds: float,
    servers: Mapping[str, int],
    unique_key: bool = False,
    threads: int = 1,
) -> LoadRun:
    """POST ``body`` to ``url`` from ``connections`` keep-alive connections for
    ``seconds``; `LoadRun` with the CPU per request of wrk and of each of ``servers``
    (name to pid)."""
    executable = available()
    if executable is None:
        raise RuntimeError("wrk is not installed (apt-get install wrk)")
    all_headers = {"Content-Type": "application/json", **headers}
    with tempfile.TemporaryDirectory(prefix="tikjobs-wrk-") as directory:
        script = Path(directory) / "post.lua"
        script.write_text(_script(body, all_headers, unique_key))
        command: Sequence[str] = (
            executable,
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds:g}s",
            "--timeout",
            "30s",
            "--latency",
            "-s",
            str(script),
            url,
        )
        before = {name: cpu_seconds(pid) for name, pid in servers.items()}
        output, client_cpu = await asyncio.to_thread(_run, command)
        after = {name: cpu_seconds(pid) for name, pid in servers.items()}
    requests, elapsed, p50, p99 = parse(output)
    per = 1000.0 / max(requests, 1)
    return LoadRun(
        requests=requests,
        seconds=elapsed,
        p50_ms=p50,
        p99_ms=p99,
        client_cpu_ms=client_cpu * per,
        server_cpu_ms={name: (after[name] - before[name]) * per for name in servers},
    )


def _run(command: Sequence[str]) -> tuple[str, float]:
    """Run wrk to its end; its output and the CPU seconds it used."""
    read, write = os.pipe()
    pid = os.posix_spawn(
        command[0],
        list(command),
        dict(os.environ),
        file_actions=[
            (os.POSIX_SPAWN_DUP2, write, 1),
            (os.POSIX_SPAWN_DUP2, write, 2),
            (os.POSIX_SPAWN_CLOSE, read),
        ],
    )
    os.close(write)
    chunks = []
    with os.fdopen(read, "rb") as stream:
        while chunk := stream.read(65536):
            chunks.append(chunk)
    _, status, usage = os.wait4(pid, 0)
    output = b"".join(chunks).decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"wrk failed:\n{output}")
    return output, usage.ru_utime + usage.ru_stime
