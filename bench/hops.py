"""Where a synchronous call's time goes, process by process, read from packet times.

How this works
--------------
A call through the cloud crosses loopback six times, one message each way per hop: the
client's request to the cloud, the cloud's frame to the agent, the agent's command to
the router, the router's answer, the agent's frame back, the cloud's answer. `capture`
runs ``tcpdump`` on the loopback interface while calls are made, and `read_pcap` reads
the time of every TCP segment that carries data. Consecutive segments of one connection
in one direction are one message (`messages`). `calls` finds the six messages of each
call by their ports alone: a message from the client's port to the cloud's, the cloud's
to another connection, that connection's process to the router's port, the router's answer on the
same connection, a message back to the cloud from the connection the frame went to, and
the cloud's answer to where the request came from. Anything else on those ports (a
heartbeat between the two) breaks the pattern, and that call is left out.

The five gaps between the six messages are the time each process held the call: from
the last segment of the message it was sent to the last segment of the one it sent on
(a message may leave in several writes, the router's rows and its ``!done`` say), so
each gap holds the process's wake-up, its reads, its own work and its writes, and the
five add up to the call's time from the client's request to the cloud's answer.

`sync_hops` makes the same calls through the system and through the bare cloud and
agent (`bench.bare_tunnel`), each alternating with a direct librouteros call as
`bench.system` does, and reports each gap's median for both, so what the system does
beyond its stack shows hop by hop.

tcpdump needs the right to capture (root, or ``CAP_NET_RAW``); without it, or without
tcpdump, there are no rows, and the reason is printed.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import struct
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from bench.measure import Figure, Result, percentile

TCPDUMP_READY = 10.0
"""Seconds tcpdump may take to start listening."""
FLUSH_WAIT = 1.5
"""Seconds to wait after the calls before stopping tcpdump: it hands packets on in blocks
at least once a second (its buffer timeout), and stopping it drops a block not yet handed
on. Waking for every packet instead (``--immediate-mode``) would cost CPU while the
calls it times are made."""
SNAPSHOT = 96
"""Bytes kept of each packet: enough for the Ethernet, IPv4 and TCP headers."""
HOPS = (
    "the cloud, from the request to its frame to the agent",
    "the agent, from that frame to its command to the router",
    "the router, from the command to its answer",
    "the agent, from the router's answer to its frame to the cloud",
    "the cloud, from that frame to its answer",
)

_ETHERNET, _LINUX_COOKED, _LINUX_COOKED_2 = 1, 113, 276
_LINK_HEADER = {_ETHERNET: 14, _LINUX_COOKED: 16, _LINUX_COOKED_2: 20}
_MICROSECONDS, _NANOSECONDS = 0xA1B2C3D4, 0xA1B23C4D


@dataclass(frozen=True)
class Segment:
    """One TCP segment with data: when it was captured (seconds), its ports, its size."""

    time: float
    source: int
    destination: int
    size: int


@dataclass(frozen=True)
class Message:
    """Consecutive segments of one connection in one direction."""

    first: float
    last: float
    source: int
    destination: int


def read_pcap(data: bytes) -> list[Segment]:
    """The data-carrying IPv4 TCP segments of a classic pcap file, in file order."""
    if len(data) < 24:
        raise ValueError("not a pcap file: shorter than its header")
    magic = struct.unpack("<I", data[:4])[0]
    if magic not in (_MICROSECONDS, _NANOSECONDS):
        raise ValueError(f"not a little-endian pcap file (magic {magic:#x})")
    fraction = 1e-9 if magic == _NANOSECONDS else 1e-6
    link = struct.unpack("<I", data[20:24])[0]
    if link not in _LINK_HEADER:
        raise ValueError(f"link type {link} is not one this reader knows")
    skip = _LINK_HEADER[link]
    segments: list[Segment] = []
    offset = 24
    while offset + 16 <= len(data):
        seconds, part, kept, _ = struct.unpack("<IIII", data[offset : offset + 16])
        packet = data[offset + 16 + skip : offset + 16 + kept]
        offset += 16 + kept
        if len(packet) < 20 or packet[0] >> 4 != 4 or packet[9] != 6:
            continue  # not IPv4, or not TCP
        header = (packet[0] & 0x0F) * 4
        total = struct.unpack(">H", packet[2:4])[0]
        if len(packet) < header + 13:
            continue
        source, destination = struct.unpack(">HH", packet[header : header + 4])
        size = total - header - (packet[header + 12] >> 4) * 4
        if size > 0:
            segments.append(Segment(seconds + part * fraction, source, destination, size))
    return segments


def messages(segments: Sequence[Segment]) -> list[Message]:
    """Segments merged into messages: a run of one connection's segments in one direction."""
    merged: list[Message] = []
    for segment in segments:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.source == segment.source
            and previous.destination == segment.destination
        ):
            merged[-1] = Message(previous.first, segment.time, segment.source, segment.destination)
        else:
            merged.append(Message(segment.time, segment.time, segment.source, segment.destination))
    return merged


def calls(
    found: Sequence[Message], client: int, cloud: int, router: int
) -> list[tuple[float, ...]]:
    """Each whole call's five gaps (seconds, in `HOPS` order) from the client's port
    ``client`` through the cloud listening on port ``cloud`` to the router's API on port
    ``router``. The client is named because the agent's tunnel, seen from the cloud,
    looks like a client too."""
    gaps: list[tuple[float, ...]] = []
    for index in range(len(found) - 5):
        request, frame, command, answer, result, reply = found[index : index + 6]
        if (
            request.source == client
            and request.destination == cloud
            and frame.source == cloud
            and frame.destination != request.source
            and command.destination == router
            and answer.source == router
            and answer.destination == command.source
            and result.source == frame.destination
            and result.destination == cloud
            and reply.source == cloud
            and reply.destination == client
        ):
            chain = (request, frame, command, answer, result, reply)
            gaps.append(tuple(after.last - before.last for before, after in pairwise(chain)))
    return gaps


class CaptureRefused(RuntimeError):
    """tcpdump did not start capturing (no right to capture, or no such interface)."""


def unavailable() -> str | None:
    """Why packets cannot be captured here, or None when they can."""
    if shutil.which("tcpdump") is None:
        return "tcpdump is not installed"
    return None


@contextlib.asynccontextmanager
async def capture(ports: Sequence[int]) -> AsyncIterator[Callable[[], list[Segment]]]:
    """tcpdump on loopback for TCP on ``ports`` while the block runs; the function it
    yields answers the segments once the block has ended. `CaptureRefused` when tcpdump
    cannot capture (it needs root or ``CAP_NET_RAW``). The capture comes through a pipe,
    read as it arrives, so no file needs to be writable by the user tcpdump runs as."""
    arguments = ["-i", "lo", "-n", "-s", str(SNAPSHOT), "-w", "-", "-U"]
    arguments += ["--time-stamp-precision=nano", " or ".join(f"tcp port {p}" for p in ports)]
    process = await asyncio.create_subprocess_exec(
        "tcpdump", *arguments, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    assert process.stdout is not None
    assert process.stderr is not None
    reading = asyncio.get_running_loop().create_task(process.stdout.read())
    try:
        said = []
        try:
            async with asyncio.timeout(TCPDUMP_READY):
                while line := await process.stderr.readline():
                    said.append(line.decode(errors="replace").strip())
                    if "listening on" in said[-1]:
                        break
        except TimeoutError:
            said.append(f"not listening after {TCPDUMP_READY:g} s")
        if not said or "listening on" not in said[-1]:
            raise CaptureRefused(f"tcpdump could not capture: {' '.join(said) or 'no output'}")
        captured: list[Segment] = []
        yield lambda: captured
    finally:
        if process.returncode is None:
            await asyncio.sleep(FLUSH_WAIT)
            with contextlib.suppress(ProcessLookupError):  # it may have ended by itself
                process.terminate()
        data = await reading
        await process.wait()
    captured.extend(read_pcap(data))


Call = Callable[[], Awaitable[object]]


async def _round(subject: Call, baseline: Call, samples: int) -> None:
    for _ in range(samples):
        await subject()
        await baseline()


@dataclass(frozen=True)
class Route:
    """A call to time, what it goes through (for the report), and the ports its messages
    cross: the client's, the cloud's."""

    call: Call
    name: str
    client: int
    cloud: int


async def hop_times(
    route: Route, baseline: Call, samples: int, router: int
) -> list[tuple[float, ...]]:
    """The gaps of ``samples`` calls along ``route`` to the router's API on port
    ``router``, each followed by a ``baseline`` call."""
    async with capture((route.cloud, router)) as captured:
        await _round(route.call, baseline, samples)
    return calls(messages(captured()), route.client, route.cloud, router)


def rows(
    command: str,
    system: tuple[Route, list[tuple[float, ...]]],
    bare: tuple[Route, list[tuple[float, ...]]],
) -> list[Result]:
    """A row per hop: the system's median gap beside the bare pair's, each given with the
    gaps of its calls."""
    (subject, through_system), (baseline, through_bare) = system, bare
    results = []
    for index, hop in enumerate(HOPS):
        figure = percentile([gaps[index] for gaps in through_system], 0.5) * 1000
        floor = percentile([gaps[index] for gaps in through_bare], 0.5) * 1000
        results.append(
            Result(
                name=f"synchronous {command}: time in {hop}, p50",
                subject=subject.name,
                figure=Figure(figure, "ms", better="lower"),
                baseline=baseline.name,
                baseline_figure=Figure(floor, "ms", better="lower"),
                notes=(
                    f"{len(through_system)} and {len(through_bare)} calls, each followed by a"
                    " direct one;"
                    " from tcpdump's times of the TCP segments on loopback (`bench.hops`):"
                    " from the last segment the process was sent to the last it sent on,"
                    " so its wake-up, reads, work and writes"
                ),
            )
        )
    return results


async def sync_hops(
    command: str, system: Route, bare: Route, direct: Call, router: int, samples: int
) -> list[Result]:
    """The hop rows for calls through the system and through the bare pair; none, with
    the reason printed, where tcpdump cannot capture."""
    reason = unavailable()
    if reason is None:
        try:
            through_system = await hop_times(system, direct, samples, router)
            through_bare = await hop_times(bare, direct, samples, router)
        except CaptureRefused as error:
            reason = str(error)
    if reason is not None:
        print(f"bench.hops: no hop rows: {reason}", file=sys.stderr)
        return []
    if not through_system or not through_bare:
        raise RuntimeError("no whole call was found in the capture")
    return rows(command, (system, through_system), (bare, through_bare))
