"""Value encodings the scripting language converts between: ``:convert`` (hex, base64,
base32, url, rot13, byte arrays, case and digest transforms), ``:serialize`` and
``:deserialize`` (JSON), and line ends (``:tolf``, ``:tocrlf``).

Strings are bytes on a router; here text is encoded as UTF-8 (undecodable bytes kept
by ``surrogateescape``) so a round trip gives back what went in.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import hashlib
import json
import re
import urllib.parse
from collections.abc import Callable
from typing import Final

from tikjobs.vm.exceptions import ScriptError
from tikjobs.vm.sim.script.values import NOTHING, Empty, RosArray, Value, to_str

DIGESTS: Final = ("md5", "sha1", "sha256", "sha512")


def _encode(text: str) -> bytes:
    return text.encode("utf-8", errors="surrogateescape")


def _decode(data: bytes) -> str:
    return data.decode("utf-8", errors="surrogateescape")


def _bytes_of(value: Value) -> bytes:
    if isinstance(value, RosArray):
        try:
            return bytes(int(to_str(item)) for item in value.values())
        except ValueError:
            raise ScriptError("invalid value for argument from") from None
    return _encode(to_str(value))


def _unhex(text: str) -> bytes:
    return binascii.unhexlify(text)


DECODERS: Final[dict[str, Callable[[str], bytes]]] = {
    "raw": _encode,
    "hex": _unhex,
    "base64": lambda text: base64.b64decode(text, validate=True),
    "base32": base64.b32decode,
    "url": lambda text: urllib.parse.unquote_to_bytes(text),
    "rot13": lambda text: _encode(codecs.encode(text, "rot13")),
}
ENCODERS: Final[dict[str, Callable[[bytes], str]]] = {
    "raw": _decode,
    "hex": lambda data: data.hex(),
    "base64": lambda data: base64.b64encode(data).decode(),
    "base32": lambda data: base64.b32encode(data).decode(),
    "url": lambda data: urllib.parse.quote(data, safe="-_.~"),
    "rot13": lambda data: codecs.encode(_decode(data), "rot13"),
}
CASES: Final[dict[str, Callable[[str], str]]] = {
    "lc": str.lower,
    "uc": str.upper,
    "lcfirst": lambda text: text[:1].lower() + text[1:],
    "ucfirst": lambda text: text[:1].upper() + text[1:],
}


def convert(value: Value, source: str = "raw", target: str = "raw", transform: str = "") -> Value:
    """``:convert value from= to= transform=``."""
    try:
        if source == "byte-array":
            data = _bytes_of(value)
        elif source in DECODERS:
            data = DECODERS[source](to_str(value))
        else:
            raise ScriptError("invalid value for argument from")
    except (ValueError, binascii.Error):
        raise ScriptError("invalid value for argument from") from None
    if transform in DIGESTS:
        data = hashlib.new(transform, data, usedforsecurity=False).digest()
    elif transform in CASES:
        data = _encode(CASES[transform](_decode(data)))
    elif transform:
        raise ScriptError("invalid value for argument transform")
    if target == "byte-array":
        return RosArray.of(list(data))
    if target not in ENCODERS:
        raise ScriptError("invalid value for argument to")
    return ENCODERS[target](data)


def _plain(value: Value) -> object:
    if isinstance(value, RosArray):
        if not value.keyed:
            return [_plain(item) for item in value.items]
        return {to_str(key): _plain(item) for key, item in value.entries()}
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, Empty):
        return None
    return to_str(value)


def serialize(value: Value, target: str) -> str:
    """``:serialize to=json value``."""
    if target != "json":
        raise ScriptError("invalid value for argument to")
    return json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"))


def _value(data: object) -> Value:
    if isinstance(data, list):
        return RosArray.of(_value(item) for item in data)
    if isinstance(data, dict):
        return RosArray(keyed={str(key): _value(item) for key, item in data.items()})
    if data is None:
        return NOTHING
    if isinstance(data, bool | int | str):
        return data
    return str(data)


def deserialize(text: str, source: str) -> Value:
    """``:deserialize from=json text``."""
    if source != "json":
        raise ScriptError("invalid value for argument from")
    try:
        return _value(json.loads(text))
    except json.JSONDecodeError:
        raise ScriptError("failure: invalid JSON") from None


def to_lf(text: str) -> str:
    """``:tolf``: CR LF line ends become LF."""
    return text.replace("\r\n", "\n")


def to_crlf(text: str) -> str:
    """``:tocrlf``: LF line ends become CR LF (existing CR LF stay)."""
    return re.sub(r"(?<!\r)\n", "\r\n", text)
