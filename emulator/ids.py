"""Random ids and tokens for new records: the operating system's cryptographic randomness,
read a block at a time.

How this works
--------------
`uuid.uuid4` and `secrets.token_hex` each make a system call for 16 bytes, and on the
emulator's event loop a system call also lets go of the GIL, which the store's threads
may then hold while they run Python. `RandomBlock` reads `BLOCK` bytes from `os.urandom`
in one call and hands them out in order, each byte once; after a fork the child starts
with an empty block, so it never hands out its parent's bytes. The bytes are those
`secrets` would have read: only the number of system calls changes.
"""

from __future__ import annotations

import os
import threading
from uuid import UUID

BLOCK = 4096
"""Bytes read from the operating system at a time (256 ids and tokens of 16 bytes)."""

_VERSION_4 = 0x4000 << 64 | 0x8000 << 48
_NOT_VERSION = ~(0xF000 << 64 | 0xC000 << 48)


class RandomBlock:
    """Bytes from `os.urandom`, read `BLOCK` at a time, each handed out once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._bytes = b""
        self._at = 0

    def take(self, count: int) -> bytes:
        """``count`` bytes nobody has been given before."""
        with self._lock:
            if self._at + count > len(self._bytes):
                self._bytes, self._at = os.urandom(max(BLOCK, count)), 0
            start = self._at
            self._at += count
            return self._bytes[start : self._at]

    def forget(self) -> None:
        """Drop what is left (a forked child must not repeat its parent's bytes)."""
        self._lock = threading.Lock()
        self._bytes, self._at = b"", 0


_RANDOM = RandomBlock()
os.register_at_fork(after_in_child=_RANDOM.forget)


def new_id() -> UUID:
    """A random (version 4) UUID, as `uuid.uuid4` makes one."""
    return UUID(bytes=_RANDOM.take(16), version=4)


def new_id_text() -> str:
    """A random (version 4) UUID in its usual text form, ``str(new_id())`` without
    building the UUID object (half the cost; every request is given one)."""
    number = int.from_bytes(_RANDOM.take(16)) & _NOT_VERSION | _VERSION_4
    text = f"{number:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def new_token_hex(size: int) -> str:
    """``size`` random bytes as hexadecimal, as `secrets.token_hex` makes them."""
    return _RANDOM.take(size).hex()
