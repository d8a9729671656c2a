"""What notifications trust and read: verified TLS, and a cap on a receiver's answer.

TLS verifies certificates against the public roots (certifi) plus an optional CA bundle,
the way a local sink with a self-signed certificate is trusted in tests. Answers are read
up to `RESPONSE_LIMIT`: a notification's answer only matters for its status code, and a
receiver must not be able to make the emulator buffer without end.
"""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Final

import certifi

from tikjobs.emulator.exceptions import NotificationError

RESPONSE_LIMIT: Final = 64 * 1024
"""Bytes of a receiver's answer that are read; the rest is dropped with the connection."""


def trusted_context(ca_bundle: Path | None = None) -> ssl.SSLContext:
    """A verifying TLS context: the public roots, plus ``ca_bundle`` when given."""
    context = ssl.create_default_context(cafile=certifi.where())
    if ca_bundle is not None:
        try:
            context.load_verify_locations(cafile=str(ca_bundle))
        except (OSError, ssl.SSLError) as error:
            raise NotificationError(f"cannot read the CA bundle {ca_bundle}: {error}") from None
    return context
