"""Settings shared by every test: the async backend, hypothesis profiles and the
``routeros`` fixture (every router available: the simulator, a CHR VM, a CHR container)."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

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
