"""Fixtures for the emulator's API tests: one running emulator per test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.emulator.api_harness import EmulatorThread, settings_for


@pytest.fixture(scope="module")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmulatorThread]:
    """The emulator on 127.0.0.1 (shared by a module's tests; each test makes its own
    accounts, so tests never see each other's routers or jobs)."""
    with EmulatorThread(settings_for(tmp_path_factory.mktemp("emulator"))) as running:
        yield running
