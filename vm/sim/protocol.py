"""The RouterOS API wire format: length prefixes, words, sentences and a sans-I/O decoder.

How this works
--------------
A *word* is a length prefix followed by that many bytes. The prefix takes one to five
bytes, chosen by the length::

    length < 0x80          1 byte    0xxxxxxx
    length < 0x4000        2 bytes   10xxxxxx xxxxxxxx              (length | 0x8000)
    length < 0x200000      3 bytes   110xxxxx ...                   (length | 0xC00000)
    length < 0x10000000    4 bytes   1110xxxx ...                   (length | 0xE0000000)
    length <= 0xFFFFFFFF   5 bytes   0xF0 then the length in 4 bytes

A first byte of 0xF1..0xFF is not a length (0xF8 and up are reserved for control bytes)
and is a protocol error. A *sentence* is a run of words closed by a zero-length word.

`Decoder` is fed bytes as they arrive and hands out whole sentences; it never touches a
socket, so the simulator, the tests and any tool that reads a capture share it. Bad bytes
raise `ProtocolError`, and an unfinished sentence may not grow past a cap, so a client
that streams garbage costs a bounded amount of memory.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from typing import Final

from tikjobs.vm.exceptions import ProtocolError

MAX_WORD_LENGTH: Final = 0xFFFFFFFF
DEFAULT_MAX_SENTENCE_BYTES: Final = 16 * 1024 * 1024

Sentence = tuple[str, ...]


class NeedData(enum.Enum):
    """The decoder holds no complete sentence yet: feed it more bytes."""

    NEED_DATA = "need data"


NEED_DATA: Final = NeedData.NEED_DATA


def encode_length(length: int) -> bytes:
    """Encode a word length as its RouterOS prefix."""
    if length < 0:
        raise ProtocolError(f"word length {length} is negative")
    if length < 0x80:
        return bytes((length,))
    if length < 0x4000:
        return (length | 0x8000).to_bytes(2, "big")
    if length < 0x200000:
        return (length | 0xC00000).to_bytes(3, "big")
    if length < 0x10000000:
        return (length | 0xE0000000).to_bytes(4, "big")
    if length <= MAX_WORD_LENGTH:
        return b"\xf0" + length.to_bytes(4, "big")
    raise ProtocolError(f"word length {length} does not fit the 5-byte form")


def prefix_size(first_byte: int) -> int:
    """How many bytes the length prefix that starts with ``first_byte`` takes."""
    if first_byte < 0x80:
        return 1
    if first_byte < 0xC0:
        return 2
    if first_byte < 0xE0:
        return 3
    if first_byte < 0xF0:
        return 4
    if first_byte == 0xF0:
        return 5
    raise ProtocolError(f"0x{first_byte:02X} is a reserved control byte, not a word length")


def decode_length(prefix: bytes) -> int:
    """Decode a complete length prefix (exactly `prefix_size` bytes long)."""
    if not prefix:
        raise ProtocolError("empty length prefix")
    size = prefix_size(prefix[0])
    if len(prefix) != size:
        raise ProtocolError(f"length prefix 0x{prefix.hex()} must be {size} bytes")
    if size == 5:
        return int.from_bytes(prefix[1:], "big")
    masks = {1: 0x00, 2: 0x8000, 3: 0xC00000, 4: 0xE0000000}
    return int.from_bytes(prefix, "big") ^ masks[size]


def encode_word(word: str | bytes, encoding: str = "utf-8") -> bytes:
    """Encode one word: its length prefix, then its bytes."""
    data = word.encode(encoding) if isinstance(word, str) else word
    return encode_length(len(data)) + data


def encode_sentence(words: Iterable[str | bytes], encoding: str = "utf-8") -> bytes:
    """Encode a sentence: each word, then the zero-length word that closes it."""
    return b"".join(encode_word(word, encoding) for word in words) + b"\x00"


class Decoder:
    """Turns a byte stream into sentences, one `feed` at a time.

    >>> decoder = Decoder()
    >>> decoder.feed(encode_sentence(["/login", "=name=admin"]))
    >>> decoder.next_sentence()
    ('/login', '=name=admin')
    >>> decoder.next_sentence() is NEED_DATA
    True
    """

    def __init__(
        self,
        *,
        encoding: str = "utf-8",
        max_sentence_bytes: int = DEFAULT_MAX_SENTENCE_BYTES,
        errors: str = "strict",
    ) -> None:
        self.encoding = encoding
        self.errors = errors
        """How a word that is not valid ``encoding`` is decoded (`bytes.decode`'s
        ``errors``): ``strict`` makes it a `ProtocolError`."""
        self.max_sentence_bytes = max_sentence_bytes
        self._buffer = bytearray()
        self._pos = 0
        self._words: list[str] = []
        self._sentence_bytes = 0
        self._failed: ProtocolError | None = None

    @property
    def buffered(self) -> int:
        """Bytes received but not yet part of a returned sentence."""
        return len(self._buffer) - self._pos + self._sentence_bytes

    def feed(self, data: bytes) -> None:
        """Append bytes read from the peer."""
        if self._pos:
            del self._buffer[: self._pos]
            self._pos = 0
        self._buffer += data

    def next_sentence(self) -> Sentence | NeedData:
        """The next complete sentence, or `NEED_DATA` until more bytes are fed.

        Raises `ProtocolError` on bytes that are not API words; after that the stream is
        unusable and every later call raises the same error.
        """
        if self._failed is not None:
            raise self._failed
        try:
            return self._next_sentence()
        except ProtocolError as error:
            self._failed = error
            raise

    def __iter__(self) -> Iterator[Sentence]:
        """Every complete sentence buffered so far."""
        while not isinstance(sentence := self.next_sentence(), NeedData):
            yield sentence

    def _next_sentence(self) -> Sentence | NeedData:
        buffer, encoding, errors, words = self._buffer, self.encoding, self.errors, self._words
        end_of_data = len(buffer)
        pos = self._pos
        while pos < end_of_data:
            first = buffer[pos]
            if first < 0x80:  # the common case: a short word
                size, length = 1, first
            else:
                size = prefix_size(first)
                if end_of_data - pos < size:
                    break
                length = decode_length(bytes(buffer[pos : pos + size]))
            if self._sentence_bytes + size + length > self.max_sentence_bytes:
                raise ProtocolError(
                    f"sentence exceeds {self.max_sentence_bytes} bytes (a word of {length} bytes)"
                )
            end = pos + size + length
            if end > end_of_data:
                break
            pos = self._pos = end
            if length == 0:
                sentence = tuple(words)
                words.clear()
                self._sentence_bytes = 0
                return sentence
            self._sentence_bytes += size + length
            try:
                words.append(buffer[end - length : end].decode(encoding, errors))
            except UnicodeDecodeError as error:
                raise ProtocolError(
                    f"word {len(words) + 1} is not valid {encoding}: {error.reason}"
                ) from None
        return NEED_DATA
