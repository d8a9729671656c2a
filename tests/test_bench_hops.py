"""The benchmarks' hop timing (`bench.hops`): a capture is read into segments and
messages, each call's six messages are found by their ports, and tcpdump really captures
what crosses loopback."""

from __future__ import annotations

import asyncio
import os
import shutil
import struct
import subprocess
import sys

import pytest

from bench.hops import Message, calls, capture, messages, read_pcap, unavailable
from bench.processes import bench_environment

CLIENT, CLOUD, TUNNEL, SESSION, ROUTER, DIRECT = 40001, 8000, 40002, 40003, 8728, 40004


def _packet(source: int, destination: int, payload: bytes) -> bytes:
    """An Ethernet frame holding an IPv4 TCP segment (checksums left zero)."""
    tcp = struct.pack(">HHIIBBHHH", source, destination, 1, 1, 5 << 4, 0x18, 65535, 0, 0)
    ip = struct.pack(
        ">BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp) + len(payload), 0, 0, 64, 6, 0,
        bytes([127, 0, 0, 1]), bytes([127, 0, 0, 1]),
    )  # fmt: skip
    return bytes(12) + b"\x08\x00" + ip + tcp + payload


def _pcap(packets: list[tuple[float, int, int, bytes]]) -> bytes:
    """A nanosecond pcap file of (time, source port, destination port, payload)."""
    data = struct.pack("<IHHiIII", 0xA1B23C4D, 2, 4, 0, 0, 262144, 1)
    for time, source, destination, payload in packets:
        frame = _packet(source, destination, payload)
        seconds, nanos = int(time), round((time - int(time)) * 1e9)
        data += struct.pack("<IIII", seconds, nanos, len(frame), len(frame)) + frame
    return data


def _call(start: float) -> list[tuple[float, int, int, bytes]]:
    """One call through the cloud, the router answering in two writes, then a direct one."""
    return [
        (start, CLIENT, CLOUD, b"POST"),
        (start + 0.000200, CLOUD, TUNNEL, b"frame"),
        (start + 0.000300, SESSION, ROUTER, b"print"),
        (start + 0.000350, ROUTER, SESSION, b"!re"),
        (start + 0.000400, ROUTER, SESSION, b"!done"),
        (start + 0.000500, TUNNEL, CLOUD, b"result"),
        (start + 0.000700, CLOUD, CLIENT, b"HTTP/1.1 200"),
        (start + 0.000800, DIRECT, ROUTER, b"print"),
        (start + 0.000900, ROUTER, DIRECT, b"!re!done"),
    ]


def test_a_capture_is_read_into_messages_and_each_calls_gaps() -> None:
    acknowledgement = [(1000.0001, CLOUD, CLIENT, b"")]
    heartbeat = [(1000.01025, TUNNEL, CLOUD, b"heartbeat")]
    broken = _call(1000.01)
    broken[2:2] = heartbeat  # the agent's heartbeat goes out between the frame and command
    segments = read_pcap(_pcap(_call(1000.0) + acknowledgement + broken + _call(1000.02)))

    assert len(segments) == 3 * 9 + 1  # the heartbeat, not the acknowledgement (no data)
    assert [segment.size for segment in segments[:3]] == [4, 5, 5]
    found = messages(segments)
    assert found[3] == Message(1000.00035, 1000.0004, ROUTER, SESSION)
    gaps = calls(found, CLIENT, CLOUD, ROUTER)
    assert len(gaps) == 2  # the call the heartbeat broke is left out
    for call in gaps:
        assert [round(gap * 1e6) for gap in call] == [200, 100, 100, 100, 200]


def test_a_file_that_is_not_a_pcap_is_refused() -> None:
    with pytest.raises(ValueError, match="not a little-endian pcap"):
        read_pcap(b"\x00" * 24)


@pytest.mark.anyio
async def test_tcpdump_captures_every_message_across_loopback_in_order() -> None:
    reason = unavailable() or (None if os.geteuid() == 0 else "capturing needs root")
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI installs tcpdump and runs as root: {reason}")
        pytest.skip(reason)

    async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while data := await reader.read(100):
            writer.write(data.upper())
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server, capture((port,)) as captured:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        local = writer.get_extra_info("sockname")[1]
        for word in (b"one", b"three", b"seven"):
            writer.write(word)
            assert await reader.read(100) == word.upper()
        writer.close()
        await writer.wait_closed()
    seen = [(m.source, m.destination) for m in messages(captured())]
    assert seen == [(local, port), (port, local)] * 3
    assert [segment.size for segment in captured()] == [3, 3, 5, 5, 5, 5]
    times = [segment.time for segment in captured()]
    assert times == sorted(times)


_REFUSED = """
import asyncio
from bench import hops

async def main():
    try:
        async with hops.capture((9,)):
            pass
    except hops.CaptureRefused as error:
        print(error)

asyncio.run(main())
"""


def test_a_capture_without_the_right_to_capture_is_refused_with_tcpdumps_reason() -> None:
    setpriv = shutil.which("setpriv")
    reason = unavailable() or (None if os.geteuid() == 0 and setpriv else "needs root and setpriv")
    if reason is not None:
        pytest.skip(reason)
    assert setpriv is not None
    finished = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [setpriv, "--bounding-set", "-net_raw,-net_admin", sys.executable, "-c", _REFUSED],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **bench_environment()},
        check=True,
    )
    assert finished.stdout.startswith("tcpdump could not capture: "), finished
    assert "permission" in finished.stdout.lower(), finished
