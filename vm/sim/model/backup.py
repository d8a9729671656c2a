"""The binary ``.backup`` file format: a header, then the compressed device state.

How this works
--------------
A backup starts with RouterOS's backup magic (``88 AC A1 B1``) followed by this
simulator's own tag and a flags byte, then the zlib-compressed state snapshot. An
encrypted backup (a password was given and ``dont-encrypt`` was not) carries a random
salt and an HMAC-SHA256 tag, and its payload is XORed with a SHA-256 counter-mode key
stream derived from the password, so loading it with a wrong password is detected
instead of restoring garbage. Only the standard library is used.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import zlib
from typing import Final

from tikjobs.vm.exceptions import InvalidValue

MAGIC: Final = b"\x88\xac\xa1\xb1" + b"tikjobs-sim\x00"
PLAIN: Final = 0
ENCRYPTED: Final = 1
SALT_SIZE: Final = 16
TAG_SIZE: Final = 32
KDF_ROUNDS: Final = 10_000

BAD_FILE: Final = "failure: file is not a backup"
BAD_PASSWORD: Final = "failure: password incorrect or file corrupted"  # noqa: S105


def _keys(password: str, salt: bytes) -> tuple[bytes, bytes]:
    material = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, KDF_ROUNDS, 64)
    return material[:32], material[32:]


def _stream(key: bytes, length: int) -> bytes:
    blocks = bytearray()
    counter = 0
    while len(blocks) < length:
        blocks += hashlib.sha256(key + counter.to_bytes(8, "big")).digest()
        counter += 1
    return bytes(blocks[:length])


def _xor(data: bytes, stream: bytes) -> bytes:
    return (int.from_bytes(data, "big") ^ int.from_bytes(stream, "big")).to_bytes(len(data), "big")


def encode_backup(state: bytes, password: str = "", *, encrypt: bool = True) -> bytes:
    """The bytes of a ``.backup`` file holding ``state``."""
    payload = zlib.compress(state, 6)
    if not password or not encrypt:
        return MAGIC + bytes((PLAIN,)) + payload
    salt = os.urandom(SALT_SIZE)
    cipher_key, mac_key = _keys(password, salt)
    body = _xor(payload, _stream(cipher_key, len(payload)))
    tag = hmac.new(mac_key, body, hashlib.sha256).digest()
    return MAGIC + bytes((ENCRYPTED,)) + salt + tag + body


def is_encrypted(data: bytes) -> bool:
    """Whether a backup needs a password to load."""
    return data.startswith(MAGIC) and len(data) > len(MAGIC) and data[len(MAGIC)] == ENCRYPTED


def decode_backup(data: bytes, password: str = "") -> bytes:
    """The state held by a ``.backup`` file; `InvalidValue` for a bad file or password."""
    if not data.startswith(MAGIC) or len(data) <= len(MAGIC):
        raise InvalidValue(BAD_FILE, 4)
    flags = data[len(MAGIC)]
    rest = data[len(MAGIC) + 1 :]
    if flags == ENCRYPTED:
        if len(rest) < SALT_SIZE + TAG_SIZE:
            raise InvalidValue(BAD_FILE, 4)
        salt, tag, body = (
            rest[:SALT_SIZE],
            rest[SALT_SIZE : SALT_SIZE + TAG_SIZE],
            rest[SALT_SIZE + TAG_SIZE :],
        )
        cipher_key, mac_key = _keys(password, salt)
        if not hmac.compare_digest(tag, hmac.new(mac_key, body, hashlib.sha256).digest()):
            raise InvalidValue(BAD_PASSWORD, 4)
        rest = _xor(body, _stream(cipher_key, len(body)))
    elif flags != PLAIN:
        raise InvalidValue(BAD_FILE, 4)
    try:
        return zlib.decompress(rest)
    except zlib.error:
        raise InvalidValue(BAD_FILE, 4) from None
