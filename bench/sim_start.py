"""How long ``tikjobs sim --count N`` takes to start and how much memory it holds.

Each run starts ``python -m tikjobs sim --count N`` on free ports, times it from the
spawn to its N-th ``sim listening`` line, reads the process's resident memory
(``VmRSS``, and the peak ``VmHWM``) from ``/proc``, and stops it. ``--before PATH``
measures the same with the code checked out at PATH put first on ``PYTHONPATH`` (an
older commit, for a before/after table). Prints one Markdown row per subject and count:
the median of ``--runs`` runs.

    python -m bench.sim_start --before /tmp/old-checkout
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

COUNTS = (1, 100)


def _memory(pid: int) -> tuple[float, float]:
    fields: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


def measure(count: int, pythonpath: str | None) -> tuple[float, float, float]:
    """Seconds until every device listens, then resident and peak memory in MiB."""
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = pythonpath
    command = [sys.executable, "-m", "tikjobs", "sim", "--count", str(count)]
    command += ["--api-port", "0", "--ssh-port", "0"]
    started = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603
        command, stdout=subprocess.PIPE, text=True, env=env, cwd=pythonpath or None
    )
    try:
        assert process.stdout is not None
        for _ in range(count):
            if not process.stdout.readline().startswith("sim listening"):
                raise RuntimeError("the simulator did not start")
        elapsed = time.perf_counter() - started
        time.sleep(0.5)
        rss, peak = _memory(process.pid)
        return elapsed, rss, peak
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="a checkout of the code to compare with")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    subjects: list[tuple[str, str | None]] = [("this tree", None)]
    if args.before:
        subjects.insert(0, (f"before ({args.before})", args.before))
    print("| subject | devices | start (s) | RSS (MiB) | peak RSS (MiB) |")
    print("| --- | --- | --- | --- | --- |")
    for name, path in subjects:
        for count in COUNTS:
            runs = [measure(count, path) for _ in range(args.runs)]
            start = statistics.median(run[0] for run in runs)
            rss = statistics.median(run[1] for run in runs)
            peak = statistics.median(run[2] for run in runs)
            print(f"| {name} | {count} | {start:.2f} | {rss:.1f} | {peak:.1f} |", flush=True)


if __name__ == "__main__":
    main()
