"""The wire codec: known vectors, round trips at every length boundary, and fuzzing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tikjobs.vm.exceptions import ProtocolError
from tikjobs.vm.sim.protocol import (
    NEED_DATA,
    Decoder,
    decode_length,
    encode_length,
    encode_sentence,
    encode_word,
    prefix_size,
)

VECTORS = [
    (0, "00"),
    (1, "01"),
    (127, "7f"),
    (128, "8080"),
    (130, "8082"),
    (0x3FFF, "bfff"),
    (0x4000, "c04000"),
    (2097140, "dffff4"),
    (0x1FFFFF, "dfffff"),
    (0x200000, "e0200000"),
    (268435440, "effffff0"),
    (0xFFFFFFF, "efffffff"),
    (0x10000000, "f010000000"),
    (0xFFFFFFFF, "f0ffffffff"),
]

BOUNDARIES = [0x7F, 0x80, 0x3FFF, 0x4000, 0x1FFFFF, 0x200000, 0xFFFFFFF, 0x10000000]


@pytest.mark.parametrize(("length", "hex_prefix"), VECTORS)
def test_length_vectors(length: int, hex_prefix: str) -> None:
    prefix = bytes.fromhex(hex_prefix)
    assert encode_length(length) == prefix
    assert prefix_size(prefix[0]) == len(prefix)
    assert decode_length(prefix) == length


@pytest.mark.parametrize("length", [-1, 0x100000000])
def test_lengths_outside_the_format_are_refused(length: int) -> None:
    with pytest.raises(ProtocolError):
        encode_length(length)


@pytest.mark.parametrize("first", [0xF1, 0xF7, 0xF8, 0xFF])
def test_reserved_first_bytes_are_protocol_errors(first: int) -> None:
    decoder = Decoder()
    decoder.feed(bytes((first, 0, 0, 0, 0)))
    with pytest.raises(ProtocolError, match="reserved control byte"):
        decoder.next_sentence()


@given(st.sampled_from(BOUNDARIES).flatmap(lambda b: st.integers(b - 2, b + 2)))
def test_length_round_trip_at_every_boundary(length: int) -> None:
    prefix = encode_length(length)
    assert decode_length(prefix) == length
    assert len(prefix) == prefix_size(prefix[0])


@given(st.integers(0, 0xFFFFFFFF))
def test_length_round_trip_anywhere(length: int) -> None:
    assert decode_length(encode_length(length)) == length


@pytest.mark.parametrize("size", [0x7F, 0x80, 0x3FFF, 0x4000, 0x1FFFFF, 0x200000])
def test_words_at_the_boundaries_survive_the_decoder(size: int) -> None:
    word = "x" * size
    decoder = Decoder()
    decoder.feed(encode_sentence(["/cmd", word, "=a=b"]))
    assert decoder.next_sentence() == ("/cmd", word, "=a=b")
    assert decoder.next_sentence() is NEED_DATA


sentences = st.lists(
    st.lists(st.text(min_size=1, max_size=300), min_size=1, max_size=6).map(tuple),
    max_size=5,
)


@given(sentences)
def test_sentence_round_trip(batch: list[tuple[str, ...]]) -> None:
    decoder = Decoder()
    decoder.feed(b"".join(encode_sentence(sentence) for sentence in batch))
    assert list(decoder) == batch
    assert decoder.buffered == 0


@given(sentences, st.data())
def test_any_split_of_the_stream_gives_the_same_sentences(
    batch: list[tuple[str, ...]], data: st.DataObject
) -> None:
    stream = b"".join(encode_sentence(sentence) for sentence in batch)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=8)))
    decoder = Decoder()
    got: list[tuple[str, ...]] = []
    for start, end in zip([0, *cuts], [*cuts, len(stream)], strict=True):
        decoder.feed(stream[start:end])
        got.extend(decoder)
    assert got == batch


def _decode_all(chunks: list[bytes]) -> tuple[list[tuple[str, ...]], str | None]:
    decoder = Decoder(max_sentence_bytes=4096)
    got: list[tuple[str, ...]] = []
    try:
        for chunk in chunks:
            decoder.feed(chunk)
            got.extend(decoder)
    except ProtocolError as error:
        return got, type(error).__name__
    return got, None


@given(st.binary(max_size=512))
def test_any_bytes_decode_or_raise_protocol_error_the_same_way_byte_by_byte(blob: bytes) -> None:
    whole = _decode_all([blob])
    one_by_one = _decode_all([bytes((b,)) for b in blob])
    assert whole == one_by_one


def test_the_decoder_stays_failed_after_bad_bytes() -> None:
    decoder = Decoder()
    decoder.feed(b"\xff")
    with pytest.raises(ProtocolError):
        decoder.next_sentence()
    decoder.feed(encode_sentence(["/quit"]))
    with pytest.raises(ProtocolError):
        decoder.next_sentence()


def test_invalid_utf8_is_an_error_not_dropped_bytes() -> None:
    decoder = Decoder()
    decoder.feed(encode_word(b"/ip/\xff") + b"\x00")
    with pytest.raises(ProtocolError, match="not valid utf-8"):
        decoder.next_sentence()


def test_a_decoder_that_replaces_keeps_invalid_utf8_as_replacement_characters() -> None:
    decoder = Decoder(errors="replace")
    decoder.feed(encode_sentence([b"!re", b"=name=caf\xe9"]) + encode_sentence(["!done"]))
    assert decoder.next_sentence() == ("!re", "=name=caf\ufffd")
    assert decoder.next_sentence() == ("!done",)


def test_an_unfinished_sentence_may_not_grow_past_the_cap() -> None:
    decoder = Decoder(max_sentence_bytes=1000)
    decoder.feed(encode_word("a" * 600))
    assert decoder.next_sentence() is NEED_DATA
    decoder.feed(encode_length(600))  # the next word's prefix alone breaks the cap
    with pytest.raises(ProtocolError, match="exceeds 1000 bytes"):
        decoder.next_sentence()


def test_a_huge_announced_word_is_refused_before_its_bytes_arrive() -> None:
    decoder = Decoder()
    decoder.feed(encode_length(0xFFFFFFFF))
    with pytest.raises(ProtocolError, match="exceeds"):
        decoder.next_sentence()


def test_values_keep_equals_signs_and_may_be_empty() -> None:
    decoder = Decoder()
    decoder.feed(encode_sentence(["/execute", "=script=:put a=b", "=comment="]))
    assert decoder.next_sentence() == ("/execute", "=script=:put a=b", "=comment=")
