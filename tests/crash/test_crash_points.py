"""Crash points on real processes (``tikjobs emulator``, ``tikjobs sim``, ``tikjobs
agent``): a job frozen at a named step, one part killed with ``kill -9`` and started
again; every invariant holds (`tests.crash.cells`). A chosen cell for each kind of step
and part here, safe apply's among them; ``make crash-matrix`` runs every cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.crash.cells import KEPT, LOCKED_OUT, Cell, matrix_table, run_cell
from tests.crash.cluster import Cluster, Part
from tikjobs.contracts.steps import Step

pytestmark = pytest.mark.anyio

CHOSEN = [
    Cell(Step.RUNNING_ACCEPTED, Part.AGENT, needs_ack=True, make_backup=False, express=True),
    Cell(Step.RUNNING_REPORTED, Part.AGENT, needs_ack=True, make_backup=False, express=False),
    Cell(Step.STARTED_NOTED, Part.AGENT, needs_ack=True, make_backup=True, express=True),
    Cell(Step.LOADED_ACKNOWLEDGED, Part.AGENT, needs_ack=False, make_backup=False, express=True),
    Cell(Step.BACKUP_STORED, Part.AGENT, needs_ack=True, make_backup=True, express=True),
    Cell(Step.MARKER_WRITTEN, Part.ROUTER, needs_ack=True, make_backup=False, express=True),
    Cell(Step.SCRIPT_FINISHED, Part.AGENT, needs_ack=True, make_backup=False, express=True),
    Cell(Step.OFFER_SENT, Part.EMULATOR, needs_ack=True, make_backup=False, express=False),
    Cell(Step.LOADED_ACCEPTED, Part.EMULATOR, needs_ack=False, make_backup=True, express=True),
    Cell(Step.OUTCOME_ACCEPTED, Part.EMULATOR, needs_ack=True, make_backup=False, express=True),
    Cell(
        Step.NOTIFICATION_DELIVERED, Part.EMULATOR, needs_ack=True, make_backup=False, express=True
    ),
    Cell(Step.CHANGE_CONFIRMED, Part.AGENT, True, False, True, safe=KEPT),
    Cell(Step.ROLLBACK_DECIDED, Part.ROUTER, True, False, True, safe=LOCKED_OUT),
    Cell(Step.RESTORE_FIRED, Part.ROUTER, True, False, True, safe=LOCKED_OUT),
    Cell(Step.RESTORE_SEEN, Part.AGENT, True, False, True, safe=LOCKED_OUT),
]


async def test_a_crash_at_each_chosen_step_leaves_every_job_ended_once_and_notified(
    tmp_path: Path,
) -> None:
    async with Cluster(tmp_path) as cluster:
        results = [await run_cell(cluster, cell) for cell in CHOSEN]

    table = matrix_table(results)
    assert [result.outcome for result in results] == ["ok"] * len(CHOSEN), table
