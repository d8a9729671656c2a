"""Fixtures for the agent's tests: a real emulator, a real simulated router, a real agent."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.agent.harness import (
    AgentRun,
    Cloud,
    RegisteredRouter,
    agent_settings,
    running_agent,
    running_cloud,
)
from tikjobs.vm.sim.router import SimulatedRouter


@pytest.fixture
async def cloud(tmp_path: Path) -> AsyncIterator[Cloud]:
    async with running_cloud(tmp_path / "tikjobs.db") as running:
        yield running


@pytest.fixture
async def router() -> AsyncIterator[SimulatedRouter]:
    async with SimulatedRouter(identity="branch-1") as simulated:
        yield simulated


@pytest.fixture
async def registered(cloud: Cloud) -> RegisteredRouter:
    return await cloud.register_router()


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    return tmp_path / "state"


@pytest.fixture
async def agent(
    cloud: Cloud, registered: RegisteredRouter, router: SimulatedRouter, state_dir: Path
) -> AsyncIterator[AgentRun]:
    async with running_agent(agent_settings(cloud, registered, router, state_dir)) as run:
        yield run
