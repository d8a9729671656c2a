"""The API server as a client sees it: login, tags, cancel, quit, !empty, bad bytes, load."""

from __future__ import annotations

import asyncio
import hashlib
import socket
from collections.abc import AsyncIterator, Callable

import pytest

from tests.vm.sim.raw_api import RawApi
from tikjobs.vm.sim.router import SimulatedRouter

pytestmark = pytest.mark.anyio

SLOW_SCRIPT = ":delay 30s; :put late"


@pytest.fixture
async def router() -> AsyncIterator[SimulatedRouter]:
    async with SimulatedRouter(password="secret") as router:
        yield router


@pytest.fixture
async def api(router: SimulatedRouter) -> AsyncIterator[RawApi]:
    client = await RawApi.logged_in(router.host, router.api_port, "admin", "secret")
    yield client
    await client.close()


async def test_commands_before_login_are_refused_and_the_session_stays(
    router: SimulatedRouter,
) -> None:
    async with await RawApi.connect(router.host, router.api_port) as client:
        assert await client.talk("/system/identity/print") == [
            ("!trap", "=message=not logged in"),
            ("!done",),
        ]
        assert await client.talk("/login", "=name=admin", "=password=secret") == [("!done",)]
        assert await client.talk("/system/identity/print") == [
            ("!re", "=name=MikroTik"),
            ("!done",),
        ]


async def test_wrong_password_is_trapped_and_logged(router: SimulatedRouter) -> None:
    async with await RawApi.connect(router.host, router.api_port) as client:
        assert await client.talk("/login", "=name=admin", "=password=wrong") == [
            ("!trap", "=message=invalid user name or password (6)"),
            ("!done",),
        ]
        assert await client.talk("/ip/address/print") == [
            ("!trap", "=message=not logged in"),
            ("!done",),
        ]
    api = await RawApi.logged_in(router.host, router.api_port, "admin", "secret")
    log = await api.talk("/log/print")
    await api.close()
    assert any("login failure for user admin" in word for sentence in log for word in sentence)


async def test_routeros_6_answers_the_challenge_login() -> None:
    async with SimulatedRouter(routeros_version="6.42.12", password="pw") as router:
        async with await RawApi.connect(router.host, router.api_port) as client:
            (challenge_reply,) = await client.talk("/login")
            assert challenge_reply[0] == "!done"
            challenge = bytes.fromhex(challenge_reply[1].removeprefix("=ret="))
            assert len(challenge) == 16
            wrong = "00" + hashlib.md5(b"\x00nope" + challenge, usedforsecurity=False).hexdigest()
            assert await client.talk("/login", "=name=admin", f"=response={wrong}") == [
                ("!trap", "=message=cannot log in"),
                ("!done",),
            ]
            assert await client.talk("/login", "=name=admin", "=password=pw") == [
                ("!trap", "=message=cannot log in"),
                ("!done",),
            ]
            (challenge_reply,) = await client.talk("/login")
            challenge = bytes.fromhex(challenge_reply[1].removeprefix("=ret="))
            right = "00" + hashlib.md5(b"\x00pw" + challenge, usedforsecurity=False).hexdigest()
            assert await client.talk("/login", "=name=admin", f"=response={right}") == [("!done",)]
            assert (await client.talk("/system/identity/print"))[-1] == ("!done",)


async def test_routeros_6_43_and_later_take_both_logins() -> None:
    async with SimulatedRouter(routeros_version="6.49.10", password="pw") as router:
        async with await RawApi.connect(router.host, router.api_port) as client:
            assert await client.talk("/login", "=name=admin", "=password=pw") == [("!done",)]
        async with await RawApi.connect(router.host, router.api_port) as client:
            (challenge_reply,) = await client.talk("/login")
            challenge = bytes.fromhex(challenge_reply[1].removeprefix("=ret="))
            wrong = "00" + hashlib.md5(b"\x00x" + challenge, usedforsecurity=False).hexdigest()
            assert await client.talk("/login", "=name=admin", f"=response={wrong}") == [
                ("!trap", "=message=invalid user name or password (6)"),
                ("!done",),
            ]


async def test_routeros_6_refuses_execute_as_string_and_writes_a_file_instead() -> None:
    async with SimulatedRouter(routeros_version="6.49.10", password="pw") as router:
        client = await RawApi.logged_in(router.host, router.api_port, "admin", "pw")
        try:
            refused = await client.talk("/execute", "=script=:put 1", "=as-string=")
            started = await client.talk("/execute", '=script=:put "to file"', "=file=out")
        finally:
            await client.close()
        assert refused == [("!trap", "=category=1", "=message=unknown parameter"), ("!done",)]
        assert started[-1][0] == "!done"
        assert started[-1][1].startswith("=ret=*")


async def test_every_reply_of_a_tagged_command_carries_its_tag(api: RawApi) -> None:
    sentences = await api.talk("/interface/print", ".tag=ifaces")
    assert len(sentences) > 2
    assert all(sentence[-1] == ".tag=ifaces" for sentence in sentences)
    traps = await api.talk("/ip/nothing/print", ".tag=7")
    assert [s[0] for s in traps] == ["!trap", "!trap", "!done"]
    assert all(".tag=7" in sentence for sentence in traps)


async def test_unknown_command_answers_two_traps(api: RawApi) -> None:
    assert await api.talk("/ip/adress/print") == [
        ("!trap", "=category=0", "=message=no such command or directory (adress)"),
        ("!trap", "=message=no such command prefix"),
        ("!done",),
    ]


async def test_tagged_commands_run_side_by_side_and_cancel_by_tag(
    router: SimulatedRouter, api: RawApi
) -> None:
    await api.send("/execute", f"=script={SLOW_SCRIPT}", "=as-string=", ".tag=slow")
    assert await api.talk("/system/identity/print", ".tag=fast") == [
        ("!re", "=name=MikroTik", ".tag=fast"),
        ("!done", ".tag=fast"),
    ]
    await api.send("/cancel", "=tag=slow", ".tag=stop")
    assert [await api.read() for _ in range(3)] == [
        ("!trap", "=category=2", "=message=interrupted", ".tag=slow"),
        ("!done", ".tag=stop"),
        ("!done", ".tag=slow"),
    ]
    assert await api.talk("/system/identity/print") == [("!re", "=name=MikroTik"), ("!done",)]
    await _until(lambda: router.device.runs[-1].outcome.value == "interrupted")


async def test_cancel_without_tag_interrupts_every_running_command(api: RawApi) -> None:
    await api.send("/execute", f"=script={SLOW_SCRIPT}", "=as-string=", ".tag=a")
    await api.send("/execute", f"=script={SLOW_SCRIPT}", "=as-string=", ".tag=b")
    assert await api.talk("/system/identity/print", ".tag=sync") != []
    await api.send("/cancel", ".tag=all")
    replies = await api.read_until_done("b")
    traps = [s for s in replies if s[0] == "!trap"]
    assert sorted(s[-1] for s in traps) == [".tag=a", ".tag=b"]
    assert all("=message=interrupted" in s for s in traps)
    assert ("!done", ".tag=all") in replies


async def test_cancel_of_a_finished_tag_is_done(api: RawApi) -> None:
    assert await api.talk("/cancel", "=tag=gone") == [("!done",)]


async def test_quit_ends_the_session_with_fatal(api: RawApi) -> None:
    await api.send("/quit")
    assert await api.read() == ("!fatal", "session terminated on request")
    assert await api.closed_by_server()


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("7.16", [("!done",)]),
        ("7.18", [("!empty",), ("!done",)]),
        ("7.19.1", [("!empty",), ("!done",)]),
    ],
)
async def test_empty_prints_say_so_from_routeros_7_18(
    version: str, expected: list[tuple[str, ...]]
) -> None:
    async with SimulatedRouter(routeros_version=version) as router:
        async with await RawApi.logged_in(router.host, router.api_port, "admin", "") as client:
            assert await client.talk("/ip/address/print", "?address=203.0.113.9/32") == expected
            assert await client.talk("/system/identity/set", "=name=edge") == [("!done",)]


async def test_garbage_bytes_close_only_that_connection(
    router: SimulatedRouter, api: RawApi, caplog: pytest.LogCaptureFixture
) -> None:
    async with await RawApi.connect(router.host, router.api_port) as rogue:
        await rogue.send_bytes(b"\xf8\xff\xff\xff\xff garbage")
        assert await rogue.closed_by_server()
    assert "reserved control byte" in caplog.text
    assert await api.talk("/system/identity/print") == [("!re", "=name=MikroTik"), ("!done",)]


async def test_a_hundred_connections_are_served_at_once(router: SimulatedRouter) -> None:
    clients = await asyncio.gather(
        *(RawApi.logged_in(router.host, router.api_port, "admin", "secret") for _ in range(100))
    )
    try:
        replies = await asyncio.gather(
            *(client.talk("/system/identity/print") for client in clients)
        )
        assert all(reply == [("!re", "=name=MikroTik"), ("!done",)] for reply in replies)
        assert router.api.session_count == 100
    finally:
        await asyncio.gather(*(client.close() for client in clients))


async def test_reboot_drops_sessions_refuses_connections_and_comes_back(
    router: SimulatedRouter, api: RawApi
) -> None:
    await api.talk("/execute", "=script=:global marker 42", "=as-string=")
    assert any("=name=marker" in s for s in await api.talk("/system/script/environment/print"))
    await router.reboot(delay=30, wait=False)
    assert await api.closed_by_server()
    with pytest.raises(ConnectionRefusedError):
        await RawApi.connect(router.host, router.api_port)
    await asyncio.to_thread(router.device.power_on)
    await asyncio.wait_for(router.wait_until_serving(), 10)
    async with await RawApi.logged_in(router.host, router.api_port, "admin", "secret") as again:
        assert await again.talk("/system/script/environment/print") == [("!done",)]


async def test_a_rebooting_router_keeps_its_ports_for_when_it_comes_back(
    router: SimulatedRouter,
) -> None:
    """While down its ports refuse connections, and no other socket on the host may
    take them (an outgoing connection could otherwise be given one as its local port
    and the router could not listen there again)."""
    ports = (router.api_port, router.ssh_port)
    await router.reboot(delay=30, wait=False)
    for port in ports:
        with pytest.raises(ConnectionRefusedError):
            await RawApi.connect(router.host, port)
        other = socket.socket()
        with other, pytest.raises(OSError, match="in use"):
            other.bind((router.host, port))
    await asyncio.to_thread(router.device.power_on)
    await asyncio.wait_for(router.wait_until_serving(), 10)
    assert (router.api_port, router.ssh_port) == ports
    async with await RawApi.logged_in(router.host, router.api_port, "admin", "secret") as again:
        assert await again.talk("/system/identity/print") == [
            ("!re", "=name=MikroTik"),
            ("!done",),
        ]


async def test_an_account_a_loaded_backup_brings_back_logs_in_only_after_the_reboot(
    router: SimulatedRouter, api: RawApi
) -> None:
    """RouterOS applies a loaded backup across the reboot it starts: no login sees the
    restored users before the router is back. The ports here stay open while the device is
    down (its listener detached), as they are for an instant before the sessions drop."""
    await api.talk("/user/add", "=name=field", "=group=full", "=password=field-secret")
    await api.talk("/system/backup/save", "=name=with-field")
    await api.talk("/user/remove", "=numbers=field")
    waiting = await RawApi.connect(router.host, router.api_port)
    router.device.remove_listener(router)
    router.faults.reboot_delay = 30
    assert await api.talk("/system/backup/load", "=name=with-field.backup") == [("!done",)]

    await waiting.send("/login", "=name=field", "=password=field-secret")
    assert await waiting.read_until_closed() == [], "no session while the device is down"

    router.device.add_listener(router)
    await asyncio.to_thread(router.device.power_on)
    await asyncio.wait_for(router.wait_until_serving(), 10)
    async with await RawApi.logged_in(router.host, router.api_port, "field", "field-secret"):
        pass


async def test_system_reboot_answers_then_drops_the_session(
    router: SimulatedRouter, api: RawApi
) -> None:
    router.faults.reboot_delay = 0
    assert await api.talk("/system/reboot") == [("!done",)]
    assert await api.closed_by_server()
    await asyncio.wait_for(router.wait_until_serving(), 10)
    async with await RawApi.logged_in(router.host, router.api_port, "admin", "secret") as again:
        uptime = await again.talk("/system/resource/print", "=.proplist=uptime")
        assert uptime[0][0] == "!re"


async def _until(condition: Callable[[], bool]) -> None:
    for _ in range(500):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not met in time")
