"""Errors raised by the emulator, the cloud side of tikjobs.

    EmulatorError
     └── NotificationError          a job notification could not be signed or delivered
          ├── WebhookSecretInvalid  a webhook secret not in the ``whsec_<base64>`` form
          ├── SignatureInvalid      a delivery whose Standard Webhooks headers do not verify
          └── DeliveryRefused       the notify_url may not be reached (SSRF guard, scheme)

Third-party errors (sqlite3, httpx, httpcore, websockets, OSError) are translated into
these where the emulator calls them; the layers above see only this tree.
"""

from __future__ import annotations


class EmulatorError(Exception):
    """Base of every error raised by ``emulator``."""


class NotificationError(EmulatorError):
    """A job notification could not be signed, verified or delivered."""


class WebhookSecretInvalid(NotificationError):
    """A webhook signing secret that is not ``whsec_`` followed by base64 bytes."""


class SignatureInvalid(NotificationError):
    """Headers and body that do not carry a valid Standard Webhooks signature."""


class DeliveryRefused(NotificationError):
    """A notify_url the emulator refuses to contact; ``reason`` says why.

    Raised before any byte is sent: the address resolves to (or is) a loopback, private,
    link-local, shared or otherwise non-public address that is not allow-listed, or the
    scheme is plain ``http`` without the explicit flag. A refused delivery is never retried.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
