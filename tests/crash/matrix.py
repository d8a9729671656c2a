"""``make crash-matrix``: every named step x every part crashed x every flag set, on real
processes, printed as a matrix of outcomes (safe-apply jobs in columns of their own,
``K`` and ``L``); then the PostgreSQL cells (every step the
cloud takes, with the emulator crashed, and the agent's steps around ``running``).

``python -m tests.crash.matrix [--sqlite-only] [--postgres-only] [--safe-apply-only]
[--steps NAME ...]``
exits 1 when any cell broke an invariant or never reached its step.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

from psycopg import sql

from tests.crash.cells import Cell, CellResult, every_cell, matrix_table, run_cell
from tests.crash.cluster import Cluster, Part
from tests.emulator.postgres_harness import PostgresServer, PostgresUnavailable
from tikjobs.contracts.steps import Side, Step

POSTGRES_STEPS = (
    *tuple(step for step in Step if step.side is Side.CLOUD),
    Step.RUNNING_REPORTED,
    Step.STARTED_NOTED,
    Step.OUTCOME_REPORTED,
)
"""Where the store's dialect matters: the cloud's own steps and the reports around them."""


async def run_matrix(cells: list[Cell], database: str | None, label: str) -> list[CellResult]:
    results: list[CellResult] = []
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="tikjobs-crash-") as workdir:
        async with Cluster(Path(workdir), database=database) as cluster:
            for number, cell in enumerate(cells, start=1):
                result = await run_cell(cluster, cell)
                results.append(result)
                if result.outcome != "n/a":
                    print(
                        f"[{label} {number}/{len(cells)}] {cell.step.value} / {cell.part.value}"
                        f" / {cell.flags}: {result.outcome} ({result.status}"
                        f"{', ' + result.error if result.error else ''})",
                        flush=True,
                    )
    print(f"\n{label}: {len(cells)} cells in {time.monotonic() - began:.0f} s\n")
    print(matrix_table(results), flush=True)
    return results


def _postgres_database() -> tuple[PostgresServer, str]:
    server = PostgresServer.reach()
    name = f"tikjobs_crash_{int(time.time())}"
    server.run(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return server, name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="crash-matrix")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--postgres-only", action="store_true")
    parser.add_argument("--steps", nargs="*", help="step values, e.g. 'running accepted'")
    parser.add_argument(
        "--safe-apply-only", action="store_true", help="only the safe-apply cells, on SQLite"
    )
    args = parser.parse_args(argv)
    chosen = tuple(Step(name) for name in args.steps) if args.steps else tuple(Step)
    failed = False
    if args.safe_apply_only:
        cells = [cell for cell in every_cell(steps=chosen) if cell.safe is not None]
        results = asyncio.run(run_matrix(cells, None, "sqlite, safe apply"))
        return 1 if any(result.outcome not in ("ok", "n/a") for result in results) else 0
    if not args.postgres_only:
        results = asyncio.run(run_matrix(list(every_cell(steps=chosen)), None, "sqlite"))
        failed |= any(result.outcome not in ("ok", "n/a") for result in results)
    if not args.sqlite_only:
        try:
            server, name = _postgres_database()
        except PostgresUnavailable as error:
            print(f"PostgreSQL cells not run: {error}", file=sys.stderr)
            return 1
        try:
            cells = [
                cell
                for cell in every_cell(steps=[s for s in chosen if s in POSTGRES_STEPS], safe=False)
                if cell.part is Part.EMULATOR or cell.step.side is Side.AGENT
            ]
            results = asyncio.run(run_matrix(cells, server.url_of(name), "postgresql"))
            failed |= any(result.outcome not in ("ok", "n/a") for result in results)
        finally:
            server.run(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
