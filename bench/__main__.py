"""Run every benchmark and write BENCHMARKS.md: ``python -m bench``; the sections that
``python -m bench.footprint`` and ``python -m bench.corpus`` write are kept.

``python -m bench bench.system`` runs some modules only: their table goes to standard
output (or to ``--output FILE``), and BENCHMARKS.md, a record of one run of every module,
is left as it is."""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

from bench.measure import Result, reference_seconds

MODULES = ["bench.codec", "bench.sim", "bench.system", "bench.tunnels"]
REPORT = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"


def render(
    results: list[Result], command: str = "make bench", reference: tuple[float, float] | None = None
) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    speed = (
        ""
        if reference is None
        else " The machine's speed during the run: a pure-Python loop adding up ten million"
        f" integers took {reference[0]:.2f} s before the benchmarks and {reference[1]:.2f} s"
        " after (best of three each; a shared machine's speed varies, and the absolute"
        " figures of two runs compare only as well as these do)."
    )
    lines = [
        "# Benchmarks",
        "",
        f"Measured {when} on {platform.machine()}, Python {platform.python_version()},"
        f" {os.cpu_count() or 1} cores, by `{command}`. Each figure stands beside a"
        " baseline measured in the same run; the ratio is oriented so that above 1 means"
        " better than the baseline. Absolute figures vary from machine to machine;"
        " ratios much less so. A target is the project's aim for the figure on this 2-core"
        " machine with every process on it; CPU per request is read from /proc for the"
        " servers and for the load generator alike (for a client in the benchmark's own"
        " process, from its process time around each request)." + speed,
        "",
        "| benchmark | subject | figure | baseline | baseline figure | ratio | target | notes |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | {r.subject} | {r.figure} | {r.baseline} | {r.baseline_figure}"
            f" | {r.ratio:.2f} | {r.target_text} | {r.notes} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("modules", nargs="*", default=MODULES, help="benchmark modules to run")
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help="where the table goes (default: BENCHMARKS.md for a run of every module,"
        " standard output for a run of some)",
    )
    args = parser.parse_args()
    every = sorted(args.modules) == sorted(MODULES)
    command = "make bench" if every else f"python -m bench {' '.join(args.modules)}"
    output = REPORT if args.output is None and every else args.output
    results: list[Result] = []
    failed = []
    before = reference_seconds()
    for name in args.modules:
        module = importlib.import_module(name)
        print(f"running {name} ...", file=sys.stderr, flush=True)
        try:
            produced = module.run()
        except Exception:
            traceback.print_exc()
            failed.append(name)
            continue
        for result in produced:
            print(
                f"  {result.name}: {result.figure} vs {result.baseline_figure}"
                f" (ratio {result.ratio:.2f}) {result.target_text}",
                file=sys.stderr,
                flush=True,
            )
            results.append(result)
    reference = (before, reference_seconds())
    if output is None:
        sys.stdout.write(render(results, command, reference))
        print(
            f"{REPORT.name} is left as it is: it records a run of every module",
            file=sys.stderr,
        )
    else:
        kept = ""
        old = output.read_text() if output.exists() else ""
        if "\n## " in old:
            # sections other modules write (bench.footprint, bench.corpus) are kept
            kept = "\n" + old[old.index("\n## ") + 1 :]
        output.write_text(render(results, command, reference) + kept)
        print(f"wrote {output}", file=sys.stderr)
    if failed:
        print(f"failed: {', '.join(failed)} (see above)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
