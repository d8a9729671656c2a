"""The servers a benchmark starts as real subprocesses, and their certain end.

How this works
--------------
`Processes` is a context manager that owns every process it starts. Each one writes
its standard output and error to files in a temporary directory (so no pipe can fill
and stall it); `ServerProcess.announced` reads the output file until the process has
printed its listening lines, failing with the tail of its error log when it exits or
stays silent too long. Leaving the context, normally or through an exception, asks
every process to stop (SIGTERM), waits a bounded time, then kills what is left. On
Linux a child also gets SIGTERM when the benchmark process itself dies, so even a
killed benchmark leaves no servers behind. `ServerProcess.peak_rss` reads the kernel's
high-water mark of the process's resident memory (``VmHWM``).
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import Self

REPOSITORY = Path(__file__).resolve().parent.parent
"""The checkout the benchmarks run from: a process of the benchmarks' own (``python -m
bench.…``) finds its modules there."""
STOP_WAIT = 10.0
"""Seconds a process has to exit after SIGTERM before it is killed."""
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Runs in the child before exec: SIGTERM it when the benchmark process dies."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


CHILD_SETUP = _die_with_parent if sys.platform == "linux" else None
"""The ``preexec_fn`` of every process a benchmark starts."""


def bench_command(module: str, *arguments: str) -> tuple[str, ...]:
    """``python -m bench.<module> <arguments>`` run by this interpreter; it needs
    `bench_environment`."""
    return (sys.executable, "-m", f"bench.{module}", *arguments)


def bench_environment() -> dict[str, str]:
    """What a process of the benchmarks' own adds to this process's environment: the
    checkout first on ``PYTHONPATH``, so that ``bench.…`` is found."""
    path = os.pathsep.join(filter(None, (str(REPOSITORY), os.environ.get("PYTHONPATH"))))
    return {"PYTHONPATH": path}


class ServerProcess:
    """One started server: its process, its output files, what it announced."""

    def __init__(self, name: str, popen: subprocess.Popen[bytes], output: Path, errors: Path):
        self.name = name
        self.popen = popen
        self.output = output
        self.errors = errors

    @property
    def pid(self) -> int:
        return self.popen.pid

    async def announced(
        self, pattern: re.Pattern[str], count: int = 1, wait: float = 30.0
    ) -> list[re.Match[str]]:
        """The first ``count`` lines of standard output matching ``pattern``."""
        deadline = time.monotonic() + wait
        while True:
            matches = [
                match
                for line in self.output.read_text(errors="replace").splitlines()
                if (match := pattern.search(line)) is not None
            ]
            if len(matches) >= count:
                return matches[:count]
            if self.popen.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited with status {self.popen.returncode}:\n{self.error_tail()}"
                )
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"{self.name} did not announce itself within {wait:.0f} s:\n{self.error_tail()}"
                )
            await asyncio.sleep(0.05)

    def peak_rss(self) -> float:
        """The most resident memory the process has used so far, in MiB (``VmHWM``)."""
        return peak_rss_of(Path(f"/proc/{self.pid}/status").read_text())

    def error_tail(self, lines: int = 20) -> str:
        text = self.errors.read_text(errors="replace") if self.errors.exists() else ""
        return "\n".join(text.splitlines()[-lines:]) or "(no output on stderr)"

    def stop(self) -> None:
        """SIGTERM, a bounded wait, then SIGKILL."""
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(timeout=STOP_WAIT)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout=STOP_WAIT)


def peak_rss_of(status: str) -> float:
    """``VmHWM`` from a ``/proc/<pid>/status`` text, in MiB."""
    match = re.search(r"^VmHWM:\s+(\d+) kB$", status, re.MULTILINE)
    if match is None:
        raise RuntimeError("no VmHWM in the process status (has it exited?)")
    return int(match.group(1)) / 1024


class Processes:
    """Starts servers under ``directory`` and stops every one of them on exit."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.started: list[ServerProcess] = []

    def tikjobs(
        self, name: str, *arguments: str, environment: dict[str, str] | None = None
    ) -> ServerProcess:
        """``tikjobs <arguments>`` run by this interpreter."""
        command = (sys.executable, "-m", "tikjobs.cli", *arguments)
        return self.start(name, *command, environment=environment)

    def bench(self, name: str, module: str, *arguments: str) -> ServerProcess:
        """``python -m bench.<module> <arguments>`` from the benchmarks' checkout."""
        return self.start(name, *bench_command(module, *arguments), environment=bench_environment())

    def start(
        self, name: str, *command: str, environment: dict[str, str] | None = None
    ) -> ServerProcess:
        """``command`` with ``environment`` added to this process's own."""
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", name)
        output = self.directory / f"{slug}.out"
        errors = self.directory / f"{slug}.err"
        with output.open("wb") as out, errors.open("wb") as err:
            popen = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                command,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                cwd=self.directory,
                env={**os.environ, "PYTHONUNBUFFERED": "1", **(environment or {})},
                preexec_fn=CHILD_SETUP,
            )
        process = ServerProcess(name, popen, output, errors)
        self.started.append(process)
        return process

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for process in self.started:
            with contextlib.suppress(ProcessLookupError):
                if process.popen.poll() is None:
                    process.popen.terminate()
        for process in reversed(self.started):
            process.stop()
