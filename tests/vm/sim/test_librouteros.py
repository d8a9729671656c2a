"""librouteros, sync and async, against the simulated router as against a real one."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import librouteros
import pytest
from librouteros.exceptions import ConnectionClosed, MultiTrapError, TrapError
from librouteros.login import async_token, token
from librouteros.query import Key

from tikjobs.vm.sim.router import RouterThread, SimulatedRouter


@pytest.fixture(scope="module")
def served() -> Iterator[RouterThread]:
    with SimulatedRouter.start_in_thread(password="pw") as router:
        yield router


@pytest.fixture
def api(served: RouterThread) -> Iterator[librouteros.Api]:
    connection = librouteros.connect(served.host, "admin", "pw", port=served.api_port, timeout=10)
    yield connection
    connection.close()


def test_sync_print_add_set_remove(api: librouteros.Api) -> None:
    addresses = api.path("ip", "address")
    new_id = addresses.add(address="10.9.8.1/24", interface="ether3", comment="lab")
    assert new_id.startswith("*")
    (row,) = [r for r in addresses if r[".id"] == new_id]
    assert row["address"] == "10.9.8.1/24"
    assert row["interface"] == "ether3"
    assert row["disabled"] is False
    addresses.update(**{".id": new_id, "comment": "changed"})
    (row,) = [r for r in addresses if r[".id"] == new_id]
    assert row["comment"] == "changed"
    addresses.remove(new_id)
    assert all(r[".id"] != new_id for r in addresses)


def test_sync_where_query_selects_rows(api: librouteros.Api) -> None:
    interfaces = api.path("interface")
    rows = list(interfaces.select(Key("name"), Key("type")).where(Key("name") == "ether2"))
    assert rows == [{"name": "ether2", "type": "ether"}]
    names = {
        r["name"] for r in interfaces.select(Key("name")).where(Key("name").In("ether1", "ether4"))
    }
    assert names == {"ether1", "ether4"}


def test_duplicate_address_raises_trap_error_with_the_real_message(api: librouteros.Api) -> None:
    addresses = api.path("ip", "address")
    new_id = addresses.add(address="10.77.0.1/24", interface="ether4")
    try:
        with pytest.raises(TrapError) as caught:
            addresses.add(address="10.77.0.1/24", interface="ether4")
        assert caught.value.message == "failure: already have such address"
    finally:
        addresses.remove(new_id)


def test_unknown_path_raises_multi_trap_error(api: librouteros.Api) -> None:
    with pytest.raises(MultiTrapError) as caught:
        list(api.path("ip", "nonsense"))
    messages = [trap.message for trap in caught.value.traps]
    assert messages == ["no such command or directory (nonsense)", "no such command prefix"]


def test_wrong_password_is_refused(served: RouterThread) -> None:
    with pytest.raises(TrapError) as caught:
        librouteros.connect(served.host, "admin", "wrong", port=served.api_port, timeout=10)
    assert caught.value.message == "invalid user name or password (6)"


def test_a_user_whose_group_lacks_the_api_policy_is_refused_as_a_wrong_password(
    served: RouterThread, api: librouteros.Api
) -> None:
    groups, users = api.path("user", "group"), api.path("user")
    group_id = groups.add(name="no-api", policy="read,write,test,ssh,!api")
    user_id = users.add(name="monitor", group="no-api", password="monitor-pw")
    try:
        with pytest.raises(TrapError) as caught:
            librouteros.connect(
                served.host, "monitor", "monitor-pw", port=served.api_port, timeout=10
            )
        assert caught.value.message == "invalid user name or password (6)"
        messages = [row["message"] for row in api.path("log")]
        assert "login failure for user monitor from 127.0.0.1 via api" in messages

        groups.update(**{".id": group_id, "policy": "read,write,test,ssh,api"})
        granted = librouteros.connect(
            served.host, "monitor", "monitor-pw", port=served.api_port, timeout=10
        )
        assert [row["name"] for row in granted.path("system", "identity")]
        granted.close()
    finally:
        users.remove(user_id)
        groups.remove(group_id)


def test_execute_as_string_returns_the_output(api: librouteros.Api) -> None:
    (reply,) = api("/execute", script=':put "hello from a script"', **{"as-string": ""})
    assert reply["ret"].strip() == "hello from a script"


def test_token_login_on_routeros_6() -> None:
    with SimulatedRouter.start_in_thread(routeros_version="6.42.12", password="old") as router:
        connection = librouteros.connect(
            router.host, "admin", "old", port=router.api_port, login_method=token, timeout=10
        )
        assert next(iter(connection.path("system", "identity")))["name"] == "MikroTik"
        connection.close()
        with pytest.raises(TrapError) as caught:
            librouteros.connect(
                router.host, "admin", "new", port=router.api_port, login_method=token, timeout=10
            )
        assert caught.value.message == "cannot log in"


def test_librouteros_reads_through_empty_replies_of_routeros_7_18() -> None:
    with SimulatedRouter.start_in_thread(routeros_version="7.18.2") as router:
        connection = librouteros.connect(router.host, "admin", "", port=router.api_port, timeout=10)
        rows = list(connection.path("ip", "address").select().where(Key("address") == "1.1.1.1/32"))
        assert rows == []
        assert next(iter(connection.path("system", "identity")))["name"] == "MikroTik"
        connection.close()


def test_a_reboot_closes_the_librouteros_connection(served: RouterThread) -> None:
    connection = librouteros.connect(served.host, "admin", "pw", port=served.api_port, timeout=10)
    served.reboot(delay=0)
    with pytest.raises((ConnectionClosed, ConnectionError)):
        list(connection.path("interface"))
    connection.close()
    again = librouteros.connect(served.host, "admin", "pw", port=served.api_port, timeout=10)
    assert next(iter(again.path("system", "identity")))["name"] == "MikroTik"
    again.close()


@pytest.fixture
async def router() -> AsyncIterator[SimulatedRouter]:
    async with SimulatedRouter(password="pw") as router:
        yield router


@pytest.mark.anyio
async def test_async_print_add_set_remove_and_query(router: SimulatedRouter) -> None:
    api = await librouteros.async_connect(router.host, "admin", "pw", port=router.api_port)
    try:
        addresses = api.path("ip", "address")
        new_id = await addresses.add(address="10.5.5.1/24", interface="ether2")
        await addresses.update(**{".id": new_id, "comment": "async"})
        rows = [
            row
            async for row in addresses.select(Key("comment"), Key("interface")).where(
                Key(".id") == new_id
            )
        ]
        assert rows == [{"comment": "async", "interface": "ether2"}]
        with pytest.raises(TrapError) as caught:
            await addresses.add(address="10.5.5.1/24", interface="ether2")
        assert caught.value.message == "failure: already have such address"
        await addresses.remove(new_id)
        assert new_id not in {row[".id"] async for row in addresses}
        with pytest.raises(MultiTrapError):
            [row async for row in api.path("nowhere")]
    finally:
        await api.close()


@pytest.mark.anyio
async def test_async_token_login_and_parallel_clients() -> None:
    async with SimulatedRouter(routeros_version="6.40", password="x") as router:

        async def identity() -> str:
            api = await librouteros.async_connect(
                router.host, "admin", "x", port=router.api_port, login_method=async_token
            )
            try:
                rows = [row async for row in api.path("system", "identity")]
                return str(rows[0]["name"])
            finally:
                await api.close()

        assert await asyncio.gather(*(identity() for _ in range(20))) == ["MikroTik"] * 20


def test_menus_from_the_tree_answer_librouteros_as_a_router_does(api: librouteros.Api) -> None:
    services = api.path("ip", "service")
    telnet = next(row for row in services if row["name"] == "telnet")
    assert telnet["port"] == 23
    services.update(**{".id": telnet[".id"], "disabled": True})
    assert next(row for row in services if row["name"] == "telnet")["disabled"] is True
    pools = api.path("ip", "pool")
    new_id = pools.add(name="lab", ranges="10.66.0.10-10.66.0.20")
    assert [(r[".id"], r["ranges"]) for r in pools if r["name"] == "lab"] == [
        (new_id, "10.66.0.10-10.66.0.20")
    ]
    with pytest.raises(TrapError, match=r"value of port out of range \(0\.\.65535\)"):
        services.update(**{".id": telnet[".id"], "port": 70000})
    with pytest.raises(TrapError, match=r"failure: /tool bandwidth-test is not simulated"):
        tuple(api("/tool/bandwidth-test", address="10.0.0.1"))
