"""A bound on each test's teardown, which pytest-timeout leaves unguarded once the test
has failed (it stops its timer when a failure is reported). A teardown that outlives the
bound (the test's ``timeout`` mark, or the suite's setting) prints the failure it
follows, every thread's stack and what each task and suspended async generator awaits,
then ends the run: a stuck fixture fails fast, saying what it waits for, instead of
holding CI until its limit.
"""

from __future__ import annotations

import asyncio
import faulthandler
import gc
import inspect
import os
import sys
import threading
from collections.abc import Generator

import pytest

EXIT_STATUS = 3
"""The run's exit status when a teardown is stuck (pytest's own for an internal error)."""

_failures: dict[str, str] = {}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, None, None]:
    limit = _limit(item)
    if limit <= 0:
        yield
        return
    watch = threading.Timer(limit, _stuck, args=(item.config, item.nodeid, limit))
    watch.daemon = True
    watch.start()
    try:
        yield
    finally:
        watch.cancel()


def _limit(item: pytest.Item) -> float:
    """The test's own timeout (a ``timeout`` mark) or the suite's; 0 for none."""
    marked = item.get_closest_marker("timeout")
    if marked is not None and marked.args:
        return float(marked.args[0] or 0)
    return float(item.config.getini("timeout") or 0)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.failed:
        _failures[report.nodeid] = str(report.longrepr)


def _stuck(config: pytest.Config, nodeid: str, limit: float) -> None:
    capture = config.pluginmanager.getplugin("capturemanager")
    if capture is not None:
        capture.suspend_global_capture(in_=True)  # what follows goes to the real stderr
    failure = _failures.get(nodeid)
    sys.stderr.write(f"\n{'+' * 20} teardown of {nodeid} still running after {limit:g} s\n")
    if failure is not None:
        sys.stderr.write(f"it follows this failure:\n{failure}\n")
    sys.stderr.flush()
    faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
    _dump_tasks()
    sys.stderr.flush()
    os._exit(EXIT_STATUS)


def _dump_tasks() -> None:
    """What each running event loop's tasks are waiting on (a stuck teardown is usually
    an await, which the threads' stacks show only as the loop's select)."""
    loops = [
        found
        for found in gc.get_objects()
        if isinstance(found, asyncio.AbstractEventLoop) and found.is_running()
    ]
    for loop in loops:
        try:
            tasks = asyncio.all_tasks(loop)
        except RuntimeError:  # the loop's thread changed the set meanwhile
            continue
        sys.stderr.write(f"\n{len(tasks)} task(s) of {loop!r}, each with what it awaits:\n")
        for task in tasks:
            sys.stderr.write(f"{task!r}\n")
            for line in _awaiting(task.get_coro()):
                sys.stderr.write(f"{line}\n")
    # An async fixture's teardown runs in an async generator the task reaches only
    # through an `asend` object, which does not say which generator it drives.
    suspended = [
        found
        for found in gc.get_objects()
        if inspect.isasyncgen(found) and found.ag_await is not None
    ]
    sys.stderr.write(f"\n{len(suspended)} async generator(s) suspended in an await:\n")
    for generator in suspended:
        for line in _awaiting(generator):
            sys.stderr.write(f"{line}\n")
        sys.stderr.write("\n")


def _awaiting(awaitable: object) -> list[str]:
    """The chain of coroutines (and generators) ``awaitable`` is suspended in, outermost
    first: what a task's own stack leaves out."""
    lines = []
    while awaitable is not None:
        frame = next(
            (
                getattr(awaitable, name)
                for name in ("cr_frame", "gi_frame", "ag_frame")
                if getattr(awaitable, name, None) is not None
            ),
            None,
        )
        if frame is not None:
            code = frame.f_code
            lines.append(f'  File "{code.co_filename}", line {frame.f_lineno}, in {code.co_name}')
        awaitable = next(
            (
                getattr(awaitable, name)
                for name in ("cr_await", "gi_yieldfrom", "ag_await")
                if getattr(awaitable, name, None) is not None
            ),
            None,
        )
    return lines
