"""The suite's bound on a teardown that hangs after its test failed (which
pytest-timeout leaves unguarded): the run ends with the failure, the stuck await and
every thread's stack, instead of hanging CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.teardown_watch import EXIT_STATUS

REPOSITORY = Path(__file__).resolve().parent.parent
STUCK = """
import asyncio

import pytest

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend():
    return "asyncio"


async def never_answered():
    await asyncio.Event().wait()


@pytest.fixture
async def stuck():
    yield
    await never_answered()


async def test_that_fails(stuck):
    assert 1 + 1 == 3, "the arithmetic is off"


def test_never_reached():
    pass
"""


def test_a_teardown_stuck_after_a_failure_ends_the_run_saying_where(tmp_path: Path) -> None:
    (tmp_path / "test_stuck.py").write_text(STUCK)
    (tmp_path / "pytest.ini").write_text("[pytest]\ntimeout = 2\n")
    environment = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.support.teardown_watch", "-q"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    said = run.stdout + run.stderr
    assert run.returncode == EXIT_STATUS, said
    assert "teardown of test_stuck.py::test_that_fails still running after 2 s" in said
    assert "AssertionError: the arithmetic is off" in said, "the failure it follows"
    assert 'test_stuck.py", line 21, in stuck' in said, "the fixture's stuck await"
    assert "in never_answered" in said
    assert "1 failed" not in said, "the run ended there, before its summary"
