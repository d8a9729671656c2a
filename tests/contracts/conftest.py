"""Fixtures for the contract suite's tests: a local MikroCloud per test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tikjobs.contracts.local import LocalCloud, local_cloud


@pytest.fixture(scope="module")
def cloud() -> Iterator[LocalCloud]:
    """Emulator, a simulated router with its agent and a notification sink, shared by a
    module's tests (each property makes its own jobs)."""
    with local_cloud() as running:
        yield running
