"""New API connections as the router's /ip service and input firewall let them in."""

from __future__ import annotations

import asyncio

import librouteros
import pytest

from tikjobs.vm.sim.router import SimulatedRouter

pytestmark = pytest.mark.anyio


async def login_works(router: SimulatedRouter) -> bool:
    """A fresh librouteros login, in a thread (the simulator answers on this loop)."""
    return await asyncio.to_thread(_login_works, router)


def _login_works(router: SimulatedRouter) -> bool:
    try:
        api = librouteros.connect(
            router.host, router.user, router.password, port=router.api_port, timeout=3
        )
    except (OSError, librouteros.exceptions.LibRouterosError):
        return False
    api.close()
    return True


async def test_a_disabled_api_service_refuses_new_connections_and_keeps_open_ones() -> None:
    async with SimulatedRouter() as router:
        open_one = await asyncio.to_thread(
            librouteros.connect,
            router.host,
            router.user,
            router.password,
            port=router.api_port,
            timeout=3,
        )
        assert await login_works(router)
        router.device.run_script("/ip service disable api", origin="console")

        assert not await login_works(router)
        rows = await asyncio.to_thread(lambda: list(open_one.path("/system/identity")))
        assert rows[0]["name"] == "MikroTik"
        await asyncio.to_thread(open_one.close)
        router.device.run_script("/ip service enable api", origin="console")
        assert await login_works(router)


async def test_an_input_rule_dropping_the_api_port_refuses_new_connections() -> None:
    async with SimulatedRouter() as router:
        router.device.run_script(
            "/ip firewall filter add chain=input protocol=tcp dst-port=8000-8800 action=drop",
            origin="console",
        )
        assert not await login_works(router)


async def test_an_earlier_accept_or_a_rule_for_another_port_lets_the_api_in() -> None:
    async with SimulatedRouter() as router:
        router.device.run_script(
            "/ip firewall filter add chain=input protocol=tcp dst-port=22 action=drop\n"
            "/ip firewall filter add chain=input src-address=127.0.0.0/8 action=accept\n"
            "/ip firewall filter add chain=input protocol=tcp dst-port=8728 action=drop",
            origin="console",
        )
        assert await login_works(router)
