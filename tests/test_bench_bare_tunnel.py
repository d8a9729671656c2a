"""The benchmarks' bare cloud and agent (`bench.bare_tunnel`): a call through them is
answered with the router's own rows, and a call with no agent, or whose agent goes away,
is refused rather than left waiting, so the reference the benchmark times is a real
round trip."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import librouteros
import pytest

from bench.lean import LeanHttp
from bench.processes import bench_command, bench_environment
from tikjobs.vm.chr.target import RouterTarget
from tikjobs.vm.sim.protocol import encode_sentence

pytestmark = pytest.mark.anyio

WAIT = 10.0
"""Seconds any step may take before the test fails instead of hanging."""


@asynccontextmanager
async def bare(*arguments: str, announces: str) -> AsyncIterator[str]:
    """A ``python -m bench.bare_tunnel ARGUMENTS`` process (stopped on the way out, if it
    has not stopped already); the line it announced."""
    process = await asyncio.create_subprocess_exec(
        *bench_command("bare_tunnel", *arguments),
        stdout=asyncio.subprocess.PIPE,
        env={**os.environ, **bench_environment()},
    )
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), WAIT)).decode().strip()
        assert line.startswith(announces), line
        yield line
    finally:
        if process.returncode is None:
            process.terminate()
        await asyncio.wait_for(process.wait(), WAIT)


async def test_a_call_through_the_bare_tunnel_answers_the_routers_rows(
    routeros_sim: RouterTarget,
) -> None:
    async with bare("cloud", announces="bare cloud listening on ") as listening:
        url = listening.rsplit(" ", 1)[1]
        tunnel = url.replace("http:", "ws:", 1) + "/tunnel"
        agent = (
            "agent",
            tunnel,
            routeros_sim.host,
            str(routeros_sim.api_port),
            routeros_sim.user,
            routeros_sim.password,
        )
        async with bare(*agent, announces="bare agent connected"), LeanHttp(url) as client:
            rows = await asyncio.wait_for(
                client.post_json("/api/synchronous/any", {"command": "/interface/print"}), WAIT
            )
        api = await librouteros.async_connect(
            host=routeros_sim.host,
            port=routeros_sim.api_port,
            username=routeros_sim.user,
            password=routeros_sim.password,
        )
        try:
            directly = [row async for row in api.rawCmd("/interface/print")]
        finally:
            await api.close()
    assert [row["name"] for row in rows] == [row["name"] for row in directly]
    assert "ether1" in {row["name"] for row in rows}
    assert {row[".id"] for row in rows} == {row[".id"] for row in directly}


async def test_a_call_with_no_agent_connected_is_refused() -> None:
    async with bare("cloud", announces="bare cloud listening on ") as listening:
        async with LeanHttp(listening.rsplit(" ", 1)[1]) as client:
            status, body = await asyncio.wait_for(
                client.request("POST", "/api/synchronous/any", b'{"command": "/x/print"}'), WAIT
            )
    assert status == 503
    assert b"no agent connected" in body


async def test_a_call_whose_agent_goes_away_is_refused_not_left_waiting() -> None:
    async def silent_router(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(65536)  # the login
        writer.write(encode_sentence(["!done"]))
        await reader.read(65536)  # a command, never answered
        await reader.read(65536)

    router = await asyncio.start_server(silent_router, "127.0.0.1", 0)
    port = router.sockets[0].getsockname()[1]
    async with router, bare("cloud", announces="bare cloud listening on ") as listening:
        url = listening.rsplit(" ", 1)[1]
        tunnel = url.replace("http:", "ws:", 1) + "/tunnel"
        agent = bench_command("bare_tunnel", "agent", tunnel, "127.0.0.1", str(port))
        process = await asyncio.create_subprocess_exec(
            *agent, stdout=asyncio.subprocess.PIPE, env={**os.environ, **bench_environment()}
        )
        try:
            assert process.stdout is not None
            connected = await asyncio.wait_for(process.stdout.readline(), WAIT)
            assert connected.strip() == b"bare agent connected"
            async with LeanHttp(url) as client:
                call = asyncio.create_task(
                    client.request("POST", "/api/synchronous/any", b'{"command": "/x/print"}')
                )
                await asyncio.sleep(0.5)
                assert not call.done()
                process.kill()
                status, body = await asyncio.wait_for(call, WAIT)
        finally:
            if process.returncode is None:
                process.kill()
            await asyncio.wait_for(process.wait(), WAIT)
    assert status == 503
    assert b"tunnel closed" in body
