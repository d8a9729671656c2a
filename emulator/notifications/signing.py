"""Standard Webhooks signatures: the secret format, the signed headers and their check.

How this works
--------------
A customer's secret is ``whsec_`` followed by base64 of random bytes; the HMAC key is the
decoded bytes. Each delivery carries three headers:

- ``webhook-id``: the outbox entry's id, the same on every retry (consumers deduplicate
  on it);
- ``webhook-timestamp``: unix seconds of this attempt;
- ``webhook-signature``: ``v1,`` + base64(HMAC-SHA256(key, f"{id}.{timestamp}.{body}")).
  A receiver may see several space-separated signatures (during secret rotation); one
  valid ``v1`` signature is enough.

`verify` is what a receiver runs: the notification sink of ``tikjobs up`` and the
contract suite use it. It refuses timestamps outside a tolerance (five minutes, as the
specification's libraries do) so a captured delivery cannot be replayed later.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import time
from collections.abc import Mapping
from typing import Final

from tikjobs.emulator.exceptions import SignatureInvalid, WebhookSecretInvalid

SECRET_PREFIX: Final = "whsec_"  # noqa: S105 - the format's prefix, not a secret
SECRET_BYTES: Final = 32
"""Random bytes in a new secret; the specification asks for 24 to 64."""
SIGNATURE_VERSION: Final = "v1"
TOLERANCE_SECONDS: Final = 5 * 60

ID_HEADER: Final = "webhook-id"
TIMESTAMP_HEADER: Final = "webhook-timestamp"
SIGNATURE_HEADER: Final = "webhook-signature"


def new_secret() -> str:
    """A fresh customer secret: ``whsec_`` + base64 of 32 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")


def secret_key(secret: str) -> bytes:
    """The HMAC key a ``whsec_...`` secret stands for, or `WebhookSecretInvalid`."""
    if not secret.startswith(SECRET_PREFIX):
        raise WebhookSecretInvalid(f"a webhook secret starts with {SECRET_PREFIX!r}")
    try:
        key = base64.b64decode(secret.removeprefix(SECRET_PREFIX), validate=True)
    except binascii.Error as error:
        raise WebhookSecretInvalid(
            f"a webhook secret is base64 after the prefix: {error}"
        ) from None
    if not key:
        raise WebhookSecretInvalid("a webhook secret must not be empty")
    return key


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` value for one delivery attempt: ``v1,<base64 hmac>``."""
    if "." in message_id:
        raise ValueError("a webhook id must not contain '.'")
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
    return f"{SIGNATURE_VERSION},{base64.b64encode(digest).decode('ascii')}"


def signed_headers(secret: str, message_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The three Standard Webhooks headers for one delivery attempt."""
    return {
        ID_HEADER: message_id,
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: sign(secret, message_id, timestamp, body),
    }


def verify(
    secret: str,
    headers: Mapping[str, str],
    body: bytes,
    *,
    now: float | None = None,
    tolerance: float = TOLERANCE_SECONDS,
) -> str:
    """Check a received delivery; answers its ``webhook-id`` or raises `SignatureInvalid`.

    ``headers`` may use any letter case (an ``httpx.Headers`` or a plain dict). ``now`` is
    the receiver's clock in unix seconds (the current time when omitted).
    """
    lowered = {name.lower(): value for name, value in headers.items()}
    message_id = lowered.get(ID_HEADER, "")
    stamp = lowered.get(TIMESTAMP_HEADER, "")
    offered = lowered.get(SIGNATURE_HEADER, "")
    if not (message_id and stamp and offered):
        raise SignatureInvalid("missing webhook-id, webhook-timestamp or webhook-signature")
    if not stamp.isascii() or not stamp.isdigit():
        raise SignatureInvalid(f"webhook-timestamp is not unix seconds: {stamp!r}")
    timestamp = int(stamp)
    clock = time.time() if now is None else now
    if abs(clock - timestamp) > tolerance:
        raise SignatureInvalid("webhook-timestamp is outside the tolerance")
    try:
        expected = sign(secret, message_id, timestamp, body).encode("ascii")
    except ValueError:
        raise SignatureInvalid("webhook-id contains '.'") from None
    for candidate in offered.split(" "):
        if candidate.startswith(SIGNATURE_VERSION + ",") and hmac.compare_digest(
            candidate.encode("ascii", "replace"), expected
        ):
            return message_id
    raise SignatureInvalid("no webhook-signature matches the secret")
