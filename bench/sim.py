"""librouteros prints per second against the simulator, with 1 and 100 connections.

The simulator runs in its own process (``tikjobs sim``), as does the baseline, a server
that answers with the same bytes but does no work (`bench.canned`); the clients run here
on one event loop with ``librouteros.async_connect``. The ratio is the share of the
floor's throughput the simulator keeps.
"""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import librouteros

from bench.measure import Figure, Result
from tikjobs.vm.sim.protocol import Decoder, NeedData, encode_sentence

DURATION = 3.0
LISTENING = re.compile(r"api=([\d.]+):(\d+)")


@contextmanager
def _server(*command: str) -> Iterator[tuple[str, int]]:
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)  # noqa: S603
    try:
        assert process.stdout is not None
        match = LISTENING.search(process.stdout.readline())
        if match is None:
            raise RuntimeError(f"{command[0]} did not report its port")
        yield match.group(1), int(match.group(2))
    finally:
        process.terminate()
        process.wait(timeout=10)


async def _prints_per_second(host: str, port: int, connections: int) -> float:
    apis = [
        await librouteros.async_connect(host=host, username="admin", password="", port=port)
        for _ in range(connections)
    ]
    done = 0
    deadline = time.perf_counter() + DURATION

    async def client(api: librouteros.api.AsyncApi) -> None:
        nonlocal done
        while time.perf_counter() < deadline:
            rows = [row async for row in api.rawCmd("/interface/print")]
            assert rows
            done += 1

    started = time.perf_counter()
    await asyncio.gather(*(client(api) for api in apis))
    elapsed = time.perf_counter() - started
    for api in apis:
        await api.close()
    return done / elapsed


async def _raw_prints_per_second(host: str, port: int, connections: int) -> float:
    """The same load from a lean client built on the project's codec: the server's share."""
    done = 0
    deadline = time.perf_counter() + DURATION
    login = encode_sentence(["/login", "=name=admin", "=password="])
    request = encode_sentence(["/interface/print"])

    async def client() -> None:
        nonlocal done
        reader, writer = await asyncio.open_connection(host, port)
        decoder = Decoder()

        async def answer() -> None:
            while True:
                while not isinstance(sentence := decoder.next_sentence(), NeedData):
                    if sentence[0] == "!done":
                        return
                decoder.feed(await reader.read(65536))

        writer.write(login)
        await answer()
        while time.perf_counter() < deadline:
            writer.write(request)
            await answer()
            done += 1
        writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(connections)))
    return done / (time.perf_counter() - started)


def run() -> list[Result]:
    sim = (sys.executable, "-m", "tikjobs.cli", "sim", "--api-port", "0", "--ssh-port", "0")
    canned = (sys.executable, "-m", "bench.canned")
    results = []
    with _server(*sim) as (sim_host, sim_port), _server(*canned) as (base_host, base_port):
        for connections in (1, 100):
            subject = asyncio.run(_prints_per_second(sim_host, sim_port, connections))
            floor = asyncio.run(_prints_per_second(base_host, base_port, connections))
            results.append(
                Result(
                    name=f"librouteros /interface/print, {connections} connection(s)",
                    subject="simulator (tikjobs sim)",
                    figure=Figure(subject, "prints/s"),
                    baseline="canned-reply server, same bytes, no work",
                    baseline_figure=Figure(floor, "prints/s"),
                    notes="async librouteros clients on one loop; servers in own processes",
                )
            )
        subject = asyncio.run(_raw_prints_per_second(sim_host, sim_port, 100))
        floor = asyncio.run(_raw_prints_per_second(base_host, base_port, 100))
        results.append(
            Result(
                name="lean-client /interface/print, 100 connections",
                subject="simulator (tikjobs sim)",
                figure=Figure(subject, "prints/s"),
                baseline="canned-reply server, same bytes, no work",
                baseline_figure=Figure(floor, "prints/s"),
                notes="clients on vm.sim.protocol, so the server, not librouteros, is the limit",
            )
        )
    return results
