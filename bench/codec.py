"""Decoding speed of the wire codec against librouteros's own reader on the same bytes."""

from __future__ import annotations

from librouteros.protocol import ApiProtocol

from bench.measure import Figure, Result, rate
from tikjobs.vm.sim.protocol import Decoder, encode_sentence

# A typical /ip/arp/print answer: 50 rows and !done.
ROW = [
    "!re",
    "=.id=*1",
    "=address=192.168.88.254",
    "=mac-address=50:32:37:7B:93:49",
    "=interface=bridge",
    "=published=false",
    "=invalid=false",
    "=DHCP=false",
    "=dynamic=true",
    "=complete=true",
    "=disabled=false",
]
SENTENCES = [ROW] * 50 + [["!done"]]
STREAM = b"".join(encode_sentence(sentence) for sentence in SENTENCES)


class _MemoryTransport:
    """Feeds librouteros's reader from memory instead of a socket."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def read(self, length: int) -> bytes:
        chunk = self.data[self.pos : self.pos + length]
        self.pos += length
        return chunk

    def write(self, data: bytes) -> None:
        raise NotImplementedError

    def close(self) -> None:
        pass


def _ours() -> int:
    decoder = Decoder()
    decoder.feed(STREAM)
    return sum(1 for _ in decoder)


def _librouteros() -> int:
    protocol = ApiProtocol(transport=_MemoryTransport(STREAM), encoding="utf-8")  # type: ignore[arg-type]
    for _ in SENTENCES:
        protocol.readSentence()
    return len(SENTENCES)


def run() -> list[Result]:
    assert _ours() == _librouteros() == len(SENTENCES)
    return [
        Result(
            name="decode sentences",
            subject="tikjobs.vm.sim.protocol.Decoder",
            figure=Figure(rate(_ours), "sentences/s"),
            baseline="librouteros ApiProtocol.readSentence on the same bytes",
            baseline_figure=Figure(rate(_librouteros), "sentences/s"),
            notes="a 50-row /ip/arp/print answer, fed whole",
        )
    ]
