"""Certificate pins for a private cloud: parse a pin, tell whether a certificate matches.

A pin is the SHA-256 of the cloud's certificate (DER) or of its public key
(SubjectPublicKeyInfo, DER), written as hex (colons allowed, as ``openssl x509
-fingerprint -sha256`` prints it) or as ``sha256//<base64>`` (as curl's
``--pinnedpubkey`` takes it). Either digest may match: pinning the key survives a
renewed certificate that keeps its key.

Print the pins of a PEM certificate with
``openssl x509 -in cloud.pem -noout -fingerprint -sha256`` (certificate) or
``openssl x509 -in cloud.pem -noout -pubkey | openssl pkey -pubin -outform der |
openssl dgst -sha256`` (key).
"""

from __future__ import annotations

import base64
import binascii
import hashlib

CURL_PREFIX = "sha256//"


def parse_pin(text: str) -> bytes:
    """The 32-byte digest a pin names; `ValueError` saying what is wrong."""
    text = text.strip()
    if text.startswith(CURL_PREFIX):
        try:
            digest = base64.b64decode(text[len(CURL_PREFIX) :], validate=True)
        except binascii.Error:
            raise ValueError("a sha256// pin must be base64") from None
    else:
        cleaned = text.removeprefix("sha256:").replace(":", "")
        try:
            digest = bytes.fromhex(cleaned)
        except ValueError:
            raise ValueError("a pin is 64 hex digits or sha256//<base64>") from None
    if len(digest) != hashlib.sha256().digest_size:
        raise ValueError(f"a SHA-256 pin is 32 bytes, this one is {len(digest)}")
    return digest


def digests(certificate_der: bytes) -> tuple[bytes, bytes]:
    """The SHA-256 of a certificate and of its public key (SPKI)."""
    # cryptography's x509 costs ~9 MiB of RSS: loaded only when a pin is checked
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    certificate = x509.load_der_x509_certificate(certificate_der)
    spki = certificate.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(certificate_der).digest(), hashlib.sha256(spki).digest()


def matches(pin: str, certificate_der: bytes | None) -> bool:
    """Whether the certificate (or its key) is the pinned one."""
    if not certificate_der:
        return False
    return parse_pin(pin) in digests(certificate_der)
