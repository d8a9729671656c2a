"""TLS towards the cloud: the context the tunnel and enrollment use, and the pin check
made after the TLS handshake and before a single byte (the router token first of all)
is sent.

With ``cloud_ca`` the cloud's certificate must chain to that bundle instead of the
system's. With ``cloud_pin`` it must be the pinned certificate or key
(`agent.pins`); a pin alone replaces the CA check (a private cloud's self-signed
certificate), a pin with ``cloud_ca`` adds to it.
"""

from __future__ import annotations

import asyncio
import ssl
from pathlib import Path
from typing import Any, cast

from websockets.asyncio.client import ClientConnection

from tikjobs.agent import pins
from tikjobs.agent.exceptions import ConfigError

PIN_MISMATCH = "the cloud's certificate does not match cloud_pin; nothing was sent"


def client_context(cloud_ca: Path | None, cloud_pin: str | None) -> ssl.SSLContext:
    """The TLS context for the cloud; `ConfigError` when ``cloud_ca`` cannot be read."""
    try:
        context = ssl.create_default_context(cafile=str(cloud_ca) if cloud_ca else None)
    except (OSError, ssl.SSLError) as error:
        raise ConfigError(f"cloud_ca: cannot use {cloud_ca}: {error}") from None
    if cloud_pin and cloud_ca is None:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def peer_certificate(ssl_object: Any) -> bytes | None:
    """The DER certificate the server showed, from an `ssl.SSLObject` or socket."""
    if ssl_object is None:
        return None
    der: bytes | None = ssl_object.getpeercert(binary_form=True)
    return der


class PinnedConnections:
    """A websockets connection factory that drops a connection whose certificate is not
    the pinned one, right after the TLS handshake; `refused` says it happened."""

    def __init__(self, pin: str) -> None:
        self.pin = pin
        self.refused = False

    def __call__(self, *args: Any, **kwargs: Any) -> ClientConnection:
        owner = self

        class Pinned(ClientConnection):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                super().connection_made(transport)
                der = peer_certificate(transport.get_extra_info("ssl_object"))
                if not pins.matches(owner.pin, der):
                    owner.refused = True
                    cast(asyncio.Transport, transport).abort()

        return Pinned(*args, **kwargs)
