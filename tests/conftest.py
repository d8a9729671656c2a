"""Settings shared by every test: the async backend, hypothesis profiles and the
``routeros`` fixture (every router available: the simulator, a CHR VM, a CHR container)."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator

import pytest
from _pytest.logging import LogCaptureHandler
from hypothesis import HealthCheck, settings

from tikjobs import logs

pytest_plugins = ["tikjobs.vm.chr.pytest_fixtures", "tests.support.teardown_watch"]

settings.register_profile(
    "default",
    deadline=None,
    max_examples=100,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", parent=settings.get_profile("default"), max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def anyio_backend() -> str:
    """Async tests run on asyncio, the loop the simulator and the emulator use."""
    return "asyncio"


def _one_phases(handler: logging.Handler) -> bool:
    """A handler pytest attaches to the root logger for one phase of a test only (its
    session's live-log and log-file handlers stay for the whole run)."""
    return isinstance(handler, LogCaptureHandler)


@pytest.fixture(autouse=True)
def logging_put_back() -> Iterator[None]:
    """A command run in-process (``main([...])``) sets up logging as its process would:
    `tikjobs.logs.configure` puts a handler on the test's captured stderr, which closes
    with the test, in place of every other. Left there, a later record (a paramiko
    thread that outlives its test, say) fails with "I/O operation on closed file".
    After each test the root logger's handlers and level, and the quieted libraries'
    levels, are what they were before it (pytest attaches each phase's own anew)."""
    root = logging.getLogger()
    handlers = [handler for handler in root.handlers if not _one_phases(handler)]
    level = root.level
    quiet = {name: logging.getLogger(name).level for name in logs.QUIET_LIBRARIES}
    yield
    for handler in list(root.handlers):
        if not _one_phases(handler) and handler not in handlers:
            root.removeHandler(handler)
    for handler in handlers:
        if handler not in root.handlers:
            root.addHandler(handler)
    root.setLevel(level)
    for name, old in quiet.items():
        logging.getLogger(name).setLevel(old)
    logs.configure_state_reset()
