"""Value encodings the scripting language converts between: ``:convert`` (hex, base64,
base32, url, byte arrays; case, rot13, reverse, line-end and digest transforms),
``:serialize`` and ``:deserialize`` (JSON, with RouterOS's string typing), and line
ends (``:tolf``, ``:tocrlf``). The names are those the RouterOS console offers; the few
it offers that are not modelled (``num``, bit arrays, key derivations, DSV,
``json.pretty``) stop a script saying they are not simulated.

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
from tikjobs.vm.sim.script.values import (
    NOTHING,
    Empty,
    RosArray,
    Value,
    parse_literal,
    parse_number,
    to_str,
)

DIGESTS: Final = ("md5", "sha512")
NOT_SIMULATED: Final = frozenset(
    {
        "num",
        "bit-array-lsb",
        "bit-array-msb",
        "ed25519-private-to-ed25519-public",
        "ed25519-private-to-x25519-private",
        "ed25519-public-to-x25519-public",
        "x25519-private-to-x25519-public",
    }
)
"""Encodings and transforms RouterOS offers that the simulator does not model."""


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
}
ENCODERS: Final[dict[str, Callable[[bytes], str]]] = {
    "raw": _decode,
    "hex": lambda data: data.hex(),
    "base64": lambda data: base64.b64encode(data).decode(),
    "base32": lambda data: base64.b32encode(data).decode(),
    "url": lambda data: urllib.parse.quote(data, safe="-_.~"),
}
TEXT_TRANSFORMS: Final[dict[str, Callable[[str], str]]] = {
    "none": lambda text: text,
    "lc": str.lower,
    "uc": str.upper,
    "lcfirst": lambda text: text[:1].lower() + text[1:],
    "ucfirst": lambda text: text[:1].upper() + text[1:],
    "rot13": lambda text: codecs.encode(text, "rot13"),
    "lf": lambda text: to_lf(text),
    "crlf": lambda text: to_crlf(text),
}


def convert(value: Value, source: str = "raw", target: str = "raw", transform: str = "") -> Value:
    """``:convert value from= to= transform=``: decode ``from``, apply ``transform``,
    encode ``to`` (the names RouterOS offers; those it offers and the simulator does
    not model stop the script saying so)."""
    for name, given in (("from", source), ("to", target), ("transform", transform)):
        if given in NOT_SIMULATED:
            raise ScriptError(f":convert {name}={given} is not simulated")
    try:
        if source == "byte-array":
            data = _bytes_of(value)
        elif source in DECODERS:
            data = DECODERS[source](to_str(value))
        else:
            raise ScriptError("invalid value for argument from")
    except (ValueError, binascii.Error):
        raise ScriptError("invalid value for argument from") from None
    if transform == "reverse":
        data = data[::-1]
    elif transform in DIGESTS:
        data = hashlib.new(transform, data, usedforsecurity=False).digest()
    elif transform in TEXT_TRANSFORMS:
        data = _encode(TEXT_TRANSFORMS[transform](_decode(data)))
    elif transform:
        raise ScriptError("invalid value for argument transform")
    if target == "byte-array":
        return RosArray.of(list(data))
    if target not in ENCODERS:
        raise ScriptError("invalid value for argument to")
    return ENCODERS[target](data)


FORMATS: Final = ("json", "dsv")
NO_STRING_CONVERSION: Final = "json.no-string-conversion"
KNOWN_OPTIONS: Final = frozenset(
    {NO_STRING_CONVERSION, "json.pretty", "dsv.ignore-size", "dsv.wrap-strings", "dsv.remap",
     "dsv.array", "dsv.plain"}
)  # fmt: skip


def _options(options: str, format_name: str, argument: str) -> set[str]:
    """The options given, checked: the format (the argument ``argument``) must be one
    RouterOS has and the simulator models (JSON; DSV is refused as not simulated)."""
    if format_name not in FORMATS:
        raise ScriptError(f"invalid value for argument {argument}")
    if format_name == "dsv":
        raise ScriptError("dsv is not simulated")
    chosen = {option for option in options.split(",") if option}
    unknown = chosen - KNOWN_OPTIONS
    if unknown:
        raise ScriptError("invalid value for argument options")
    if "json.pretty" in chosen:
        raise ScriptError("options=json.pretty is not simulated")
    return chosen


def _plain(value: Value, convert_strings: bool) -> object:
    if isinstance(value, RosArray):
        if not value.keyed:
            return [_plain(item, convert_strings) for item in value.items]
        return {to_str(key): _plain(item, convert_strings) for key, item in value.entries()}
    if isinstance(value, str) and convert_strings:
        number = parse_number(value)
        return value if number is None else number
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, Empty):
        return None
    return to_str(value)


def serialize(value: Value, target: str, options: str = "") -> str:
    """``:serialize to=json value``: arrays become JSON arrays (keyed ones objects),
    numbers and booleans stay what they are, nil is null and other values their
    string form; a string that reads as a number is written as one unless
    ``options=json.no-string-conversion``."""
    chosen = _options(options, target, "to")
    plain = _plain(value, NO_STRING_CONVERSION not in chosen)
    return json.dumps(plain, ensure_ascii=False, separators=(",", ":"))


def _value(data: object, convert_strings: bool) -> Value:
    if isinstance(data, list):
        return RosArray.of(_value(item, convert_strings) for item in data)
    if isinstance(data, dict):
        return RosArray(
            keyed={str(key): _value(item, convert_strings) for key, item in data.items()}
        )
    if data is None:
        return NOTHING
    if isinstance(data, str) and convert_strings:
        return parse_literal(data)
    if isinstance(data, bool | int | str):
        return data
    return str(data)


def deserialize(text: str, source: str, options: str = "") -> Value:
    """``:deserialize from=json text``: JSON arrays and objects become arrays, numbers
    and booleans stay, null is nothing, a fraction stays text, and a string is typed as
    a console word is (``"10.0.0.1"`` an address, ``"5"`` a number) unless
    ``options=json.no-string-conversion``."""
    chosen = _options(options, source, "from")
    try:
        return _value(json.loads(text), NO_STRING_CONVERSION not in chosen)
    except json.JSONDecodeError:
        raise ScriptError("failure: invalid JSON") from None


def to_lf(text: str) -> str:
    """``:tolf``: CR LF line ends become LF."""
    return text.replace("\r\n", "\n")


def to_crlf(text: str) -> str:
    """``:tocrlf``: LF line ends become CR LF (existing CR LF stay)."""
    return re.sub(r"(?<!\r)\n", "\r\n", text)
