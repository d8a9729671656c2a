"""A `System` given routers that run already (``System(routers=[RouterTarget ...])``):
its agents serve those routers, and the system never starts or stops them."""

from __future__ import annotations

from collections.abc import AsyncIterator

import librouteros
import pytest

from tests.emulator.system_client import SystemClient
from tikjobs.emulator.exceptions import SystemFailed
from tikjobs.system import System
from tikjobs.vm.chr.target import RouterTarget
from tikjobs.vm.sim.router import SimulatedRouter

pytestmark = pytest.mark.anyio


@pytest.fixture
async def existing() -> AsyncIterator[SimulatedRouter]:
    """A router started apart from any system, as a CHR would be."""
    router = SimulatedRouter(identity="existing", password="s3cret", host="127.0.0.1")
    await router.start()
    try:
        yield router
    finally:
        await router.close()


def facts(router: SimulatedRouter) -> RouterTarget:
    return RouterTarget(
        kind="chr",
        host=router.host,
        api_port=router.api_port,
        ssh_port=router.ssh_port,
        user=router.user,
        password=router.password,
    )


async def test_the_agent_serves_the_given_router_which_outlives_the_system(
    existing: SimulatedRouter,
) -> None:
    async with System(routers=[facts(existing)]) as system:
        [router] = system.routers
        async with SystemClient(system.describe()) as client:
            [identity] = await client.rows(router.router_id, "/system/identity/print")
        described = system.describe()["routers"][0]
        with pytest.raises(SystemFailed, match="router-1 is a chr router given to the system"):
            router.simulator  # noqa: B018 - the property refuses

    assert identity["name"] == "existing"
    assert (described["api_port"], described["ssh_port"]) == (existing.api_port, existing.ssh_port)
    api = await librouteros.async_connect(
        existing.host, existing.user, existing.password, port=existing.api_port, timeout=10
    )
    await api.close()


async def test_a_system_without_routers_is_refused() -> None:
    with pytest.raises(ValueError, match="a system needs at least one router, not 0"):
        System(routers=[])
